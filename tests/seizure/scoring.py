"""How an attack's result compares with guessing (R9).

An attack makes claims; each claim is right or wrong. Under pure chance, claim ``i`` is right with
probability ``chance[i]``. The number right then follows a Poisson binomial distribution, and the
p-value says how surprising the attack's score would be if it had learnt nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# An avoidable channel fails the test when guessing would reach its score less than once in a
# thousand runs: strict enough that a working attack fails it, loose enough never to flake.
SIGNIFICANCE = 1e-3


def tail_probability(chance: list[float], successes: int) -> float:
    """P(at least ``successes`` right) when claim i is right with probability chance[i]."""
    distribution = [1.0]
    for p in chance:
        grown = [0.0] * (len(distribution) + 1)
        for k, mass in enumerate(distribution):
            grown[k] += mass * (1 - p)
            grown[k + 1] += mass * p
        distribution = grown
    return min(1.0, sum(distribution[successes:]))


@dataclass
class Score:
    attack: str
    channel: str
    successes: int = 0
    chance: list[float] = field(default_factory=list)
    # A residual of the database engine: measured and reported, not asserted (docs/).
    residual: bool = False
    note: str = ""

    @property
    def claims(self) -> int:
        return len(self.chance)

    @property
    def expected(self) -> float:
        return sum(self.chance)

    @property
    def p_value(self) -> float:
        if self.successes == 0:
            return 1.0
        return tail_probability(self.chance, self.successes)

    @property
    def better_than_chance(self) -> bool:
        if not any(self.chance):
            return self.successes > 0
        return self.p_value < SIGNIFICANCE

    def line(self) -> str:
        verdict = "BETTER THAN CHANCE" if self.better_than_chance else "chance"
        kind = " (engine residual)" if self.residual else ""
        return (
            f"{self.attack:8} {self.channel:24} right {self.successes:2} of {self.claims:2}, "
            f"chance expects {self.expected:5.2f}, p={self.p_value:.2g}: {verdict}{kind}"
            + (f" [{self.note}]" if self.note else "")
        )
