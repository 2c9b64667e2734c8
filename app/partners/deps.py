"""Who is calling on a partner's behalf: a partner user's session, or one of its API tokens."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from app.db import DbSession
from app.errors import Forbidden
from app.partners import tokens
from app.staff import sessions
from app.staff.deps import NOT_ALLOWED, current_member

_bearer = HTTPBearer(auto_error=False, description="An API token of one chain partner")
_cookie = APIKeyCookie(name=sessions.COOKIE_NAME, auto_error=False)


@dataclass(frozen=True)
class PartnerActor:
    """The partner whose signals this request may see, and who acts: for the audit log."""

    partner_id: str
    kind: Literal["partner", "token"]
    id: uuid.UUID


def current_partner(
    request: Request,
    session: DbSession,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> PartnerActor:
    if bearer is not None:
        # A bearer token is never sent by a browser on its own, so it needs no CSRF check.
        row = tokens.resolve(
            session, key=request.app.state.keys.api_token, token=bearer.credentials
        )
        session.commit()  # the day of use; the route's own transaction follows (app.routing)
        return PartnerActor(partner_id=row.partner_id, kind="token", id=row.id)
    member = current_member(request, session, cookie)
    if member.partner_id is None:
        raise Forbidden("not_allowed", NOT_ALLOWED)
    return PartnerActor(partner_id=member.partner_id, kind="partner", id=member.id)


CurrentPartner = Annotated[PartnerActor, Depends(current_partner)]
