"""Anonymous intake: a proof-of-work challenge, then the encrypted report."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.db import DbSession
from app.reports import schemas, service
from app.routing import UnitOfWorkRoute
from app.security.proof_of_work import PowHeader
from app.security.rate_limits import limiter, rule

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1", tags=["reporter"])


@router.get("/proof-of-work", response_model=schemas.ChallengeOut)
@limiter.limit(rule("challenge"))
def new_challenge(request: Request) -> schemas.ChallengeOut:
    challenge = request.app.state.proof_of_work.issue()
    return schemas.ChallengeOut(
        challenge=challenge.token, difficulty=challenge.difficulty, expires_at=challenge.expires_at
    )


@router.post("/reports", response_model=schemas.ReportReceived, status_code=201)
@limiter.limit(rule("submit"))
def submit_report(
    request: Request, body: schemas.ReportIn, session: DbSession, pow_solution: PowHeader = None
) -> schemas.ReportReceived:
    request.app.state.proof_of_work.verify(pow_solution)
    service.submit(session, mailbox_key=request.app.state.keys.mailbox, report=body)
    return schemas.ReportReceived(mailbox=body.mailbox_credential is not None)
