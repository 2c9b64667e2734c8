"""The chain partners a reporter can allow signals to."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.db import DbSession
from app.partners import schemas, service
from app.routing import UnitOfWorkRoute
from app.security.rate_limits import limiter, rule

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1", tags=["partners"])


@router.get("/partners", response_model=list[schemas.PublicPartner])
@limiter.limit(rule("public_read"))
def list_partners(request: Request, session: DbSession) -> list[schemas.PublicPartner]:
    return [
        schemas.PublicPartner(id=p.id, name=p.name, kind=p.kind, description=p.description)
        for p in service.active_partners(session)
    ]
