"""Anonymous intake: a proof-of-work challenge, then the encrypted report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request

from app.db import DbSession
from app.reports import schemas, service
from app.security.rate_limits import limiter, rule

router = APIRouter(prefix="/api/v1", tags=["reporter"])

PowHeader = Annotated[
    str | None,
    Header(alias="X-Proof-Of-Work", max_length=200, description="<challenge>:<nonce>"),
]


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
