"""The proof-of-work difficulty, adapted to the rate of accepted reporter writes (T6).

With ``r`` the accepted writes per minute of the whole service and ``R`` the operator's
``raise_at_writes_per_minute``::

    difficulty = floor                                   while r < R
    difficulty = min(ceiling, floor + 1 + ⌊log2(r / R)⌋)  otherwise

so the rate ``R`` asks one bit more, ``2R`` two, ``4R`` three: each doubling of the flood doubles
the work of every next write. Only accepted writes count (proof checked and spent, under the
caps), so bogus requests cannot raise the price for honest reporters. Each process sees its own
admissions; with ``workers`` processes behind a balancing proxy, its rate times ``workers``
estimates the service's.
"""

from __future__ import annotations

import math

from app.security.global_caps import Gate


class AdaptiveDifficulty:
    def __init__(
        self, *, gate: Gate, floor: int, ceiling: int, raise_at: int, workers: int
    ) -> None:
        self.gate = gate
        self.floor = floor
        self.ceiling = max(floor, ceiling)
        self.raise_at = raise_at
        self.workers = workers

    def __call__(self) -> int:
        rate = self.gate.rate() * self.workers
        if rate < self.raise_at:
            return self.floor
        extra = 1 + math.floor(math.log2(rate / self.raise_at))
        return min(self.ceiling, self.floor + extra)
