"""What stands in front of reporter routes instead of per-address limits (R1, T6).

Reporter routes keep no state about who calls them. Writes through the API (a report, a mailbox
answer or erasure) need a solved proof-of-work challenge, checked before anything else is done or
counted, then pass the global write caps; the challenge is spent last, so a request refused by a
cap may be retried with the same solution. Mailbox reads pass their own global cap (the credential
is a 96-bit secret, so guessing is hopeless without proof of work). The form posts of the pages
without JavaScript, which cannot solve a challenge, keep their one-use form tokens and pass a cap
of their own, so a flood there cannot starve the JavaScript path.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio.to_thread
from fastapi import Depends, Request

from app.errors import Forbidden
from app.security.difficulty import AdaptiveDifficulty
from app.security.global_caps import Gate, share
from app.security.proof_of_work import PowHeader, ProofOfWork
from app.security.spent_store import SpentStore
from app.settings import Settings


@dataclass(frozen=True)
class ReporterGuard:
    proof_of_work: ProofOfWork
    writes: Gate
    mailbox_reads: Gate
    no_js: Gate

    @classmethod
    def build(cls, settings: Settings, *, key: bytes, spent: SpentStore) -> ReporterGuard:
        caps, workers = settings.rate_limits, settings.workers
        writes = Gate(
            name="reporter-writes",
            per_minute=share(caps.reporter_writes_per_minute, workers),
            in_flight=share(caps.reporter_writes_in_flight, workers),
        )
        pow_settings = settings.proof_of_work
        difficulty = AdaptiveDifficulty(
            gate=writes,
            floor=pow_settings.difficulty,
            ceiling=pow_settings.max_difficulty,
            raise_at=pow_settings.raise_at_writes_per_minute,
            workers=workers,
        )
        return cls(
            proof_of_work=ProofOfWork(
                key=key,
                floor=pow_settings.difficulty,
                ttl_seconds=pow_settings.ttl_seconds,
                spent=spent,
                difficulty=difficulty,
                puzzles_log2=pow_settings.puzzles.bit_length() - 1,
            ),
            writes=writes,
            mailbox_reads=Gate(
                name="mailbox-reads",
                per_minute=share(caps.mailbox_reads_per_minute, workers),
                in_flight=share(caps.mailbox_reads_in_flight, workers),
            ),
            no_js=Gate(
                name="no-js-posts",
                per_minute=share(caps.no_js_posts_per_minute, workers),
                in_flight=share(caps.no_js_posts_in_flight, workers),
            ),
        )


def _guard(request: Request) -> ReporterGuard:
    guard: ReporterGuard = request.app.state.reporter_guard
    return guard


async def _proof_of_work_write(
    request: Request, pow_solution: PowHeader = None
) -> AsyncIterator[None]:
    guard = _guard(request)
    # First, and with no state read or written: a bogus, missing or expired proof changes no
    # counter, so no number of them can raise the difficulty or lock anyone out.
    solved = guard.proof_of_work.check(pow_solution)
    admission = guard.writes.admit()
    try:
        try:
            await anyio.to_thread.run_sync(guard.proof_of_work.spend, solved)
        except Forbidden:
            # A replayed challenge is not an accepted write.
            admission.withdraw()
            raise
        yield
    finally:
        admission.release()


async def _mailbox_read(request: Request) -> AsyncIterator[None]:
    admission = _guard(request).mailbox_reads.admit()
    try:
        yield
    finally:
        admission.release()


async def _no_js_post(request: Request) -> AsyncIterator[None]:
    admission = _guard(request).no_js.admit()
    try:
        yield
    finally:
        admission.release()


# For a route's ``dependencies=[...]``: they run before the route's own parameters are resolved,
# so before its session opens and (for the forms) before the posted body is read.
PROOF_OF_WORK_WRITE = Depends(_proof_of_work_write)
MAILBOX_READ = Depends(_mailbox_read)
NO_JS_POST = Depends(_no_js_post)
