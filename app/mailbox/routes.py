"""Mailbox API: the credential travels in a header on every request, never in a cookie (T5)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import APIKeyHeader

from app.db import DbSession
from app.mailbox import schemas, service
from app.models import Report
from app.routing import UnitOfWorkRoute
from app.security.reporter_guard import MAILBOX_READ, PROOF_OF_WORK_WRITE

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/mailbox", tags=["reporter"])

_credential = APIKeyHeader(
    name="X-Mailbox-Credential",
    auto_error=False,
    description="base64 of the 32-byte credential derived from the receipt",
)


Credential = Annotated[str | None, Depends(_credential)]


def mailbox_report(request: Request, session: DbSession, credential: str | None) -> Report:
    # Called inside each route, after the global cap (and proof of work on writes): looking up
    # the credential is the first thing that touches the database.
    return service.open_mailbox(
        session, mailbox_key=request.app.state.keys.mailbox, credential=credential
    )


@router.get("", response_model=schemas.MailboxOut, dependencies=[MAILBOX_READ])
def read_mailbox(
    request: Request, session: DbSession, credential: Credential
) -> schemas.MailboxOut:
    report = mailbox_report(request, session, credential)
    return schemas.MailboxOut(
        report_id=report.id,
        created_on=report.created_on,
        status="closed" if report.status == "closed" else "open",
        reporter_copy=report.reporter_copy,
        consents=service.consents_of(session, report),
        messages=[
            schemas.MailboxMessage(
                id=m.id, kind=m.kind, created_on=m.created_on, ciphertext=m.reply_ciphertext
            )
            for m in service.visible_messages(session, report)
            if m.reply_ciphertext is not None
        ],
    )


# Answers and erasures are writes: the same proof of work and caps as a report.
@router.post(
    "/messages",
    response_model=schemas.FollowUpOut,
    status_code=201,
    dependencies=[PROOF_OF_WORK_WRITE],
)
def add_follow_up(
    request: Request,
    body: schemas.FollowUpIn,
    session: DbSession,
    credential: Credential,
) -> schemas.FollowUpOut:
    report = mailbox_report(request, session, credential)
    message = service.follow_up(session, report=report, body=body)
    return schemas.FollowUpOut(id=message.id)


@router.delete("", status_code=204, dependencies=[PROOF_OF_WORK_WRITE])
def erase_report(request: Request, session: DbSession, credential: Credential) -> None:
    report = mailbox_report(request, session, credential)
    service.erase(session, report=report)
