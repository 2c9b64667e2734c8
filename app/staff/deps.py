"""Who is calling: the staff member behind the session cookie, with CSRF checked on writes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie

from app.db import DbSession
from app.errors import N_, Forbidden, Unauthorized
from app.models import StaffMember
from app.staff import sessions

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FAILED = N_("This request could not be verified. Reload the page and try again.")
NOT_ALLOWED = N_("You are not allowed to do this.")

_cookie = APIKeyCookie(name=sessions.COOKIE_NAME, auto_error=False)


def current_member(
    request: Request, session: DbSession, token: Annotated[str | None, Depends(_cookie)]
) -> StaffMember:
    state = request.app.state
    try:
        member = sessions.resolve(
            session, key=state.keys.session, token=token, settings=state.settings.sessions
        )
    except Unauthorized:
        # The request's unit of work rolls back on every error, which would bring an expired
        # session back to life in the table; its deletion is the one write that must stick.
        session.commit()
        raise
    if request.method not in SAFE_METHODS:
        presented = request.headers.get(sessions.CSRF_HEADER)
        if token is None or not sessions.csrf_matches(state.keys.session, token, presented):
            raise Forbidden("csrf_failed", CSRF_FAILED)
    # This dependency runs in a worker call of its own; its transaction (the session's last-seen
    # time) ends here so that no transaction waits for the route's thread (app.routing).
    session.commit()
    return member


CurrentMember = Annotated[StaffMember, Depends(current_member)]


def vp_member(member: CurrentMember) -> StaffMember:
    if not member.is_vp:
        raise Forbidden("not_allowed", NOT_ALLOWED)
    return member


def admin_member(member: CurrentMember) -> StaffMember:
    if not member.is_admin:
        raise Forbidden("not_allowed", NOT_ALLOWED)
    return member


def team_member(member: CurrentMember) -> StaffMember:
    """A VP or an administrator: partner users see only their own partner's signals."""
    if member.partner_id is not None:
        raise Forbidden("not_allowed", NOT_ALLOWED)
    return member


VpMember = Annotated[StaffMember, Depends(vp_member)]
TeamMember = Annotated[StaffMember, Depends(team_member)]
AdminMember = Annotated[StaffMember, Depends(admin_member)]
