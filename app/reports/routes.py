"""Anonymous intake: a proof-of-work challenge, then the encrypted report."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.db import DbSession
from app.reports import schemas, service
from app.routing import UnitOfWorkRoute
from app.security.reporter_guard import PROOF_OF_WORK_WRITE

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1", tags=["reporter"])


# No limit and no cap: issuing signs a few bytes and stores nothing. The difficulty rises with the
# rate of accepted writes (app.security.difficulty).
@router.get("/proof-of-work", response_model=schemas.ChallengeOut)
def new_challenge(request: Request) -> schemas.ChallengeOut:
    challenge = request.app.state.proof_of_work.issue()
    return schemas.ChallengeOut(
        challenge=challenge.token,
        difficulty=challenge.difficulty,
        puzzles=challenge.puzzles,
        bits=challenge.bits,
        expires_at=challenge.expires_at,
    )


@router.post(
    "/reports",
    response_model=schemas.ReportReceived,
    status_code=201,
    dependencies=[PROOF_OF_WORK_WRITE],
)
def submit_report(
    request: Request, body: schemas.ReportIn, session: DbSession
) -> schemas.ReportReceived:
    service.submit(session, mailbox_key=request.app.state.keys.mailbox, report=body)
    return schemas.ReportReceived(mailbox=body.mailbox_credential is not None)
