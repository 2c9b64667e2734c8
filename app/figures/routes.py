"""Aggregate figures for the municipality's evaluation, for administrators only (R8)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.audit import service as audit
from app.db import DbSession
from app.figures import schemas, service
from app.models.base import today
from app.routing import UnitOfWorkRoute
from app.staff.deps import AdminMember

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/admin/figures", tags=["figures"])


@router.get(
    "",
    response_model=schemas.FiguresOut,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export_figures(
    request: Request,
    admin: AdminMember,
    session: DbSession,
    output: Annotated[schemas.Format, Query(alias="format")] = "json",
) -> schemas.FiguresOut | Response:
    day = today()
    # k comes from the settings only: whoever can call the API cannot lower it.
    figures = service.compute(session, k=request.app.state.settings.figures.k, today=day)
    audit.record(
        session,
        actor_kind="staff",
        actor_id=admin.id,
        action="figures.export",
        detail={"format": output},
    )
    if output == "csv":
        return Response(
            service.as_csv(figures),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="figures-{day.isoformat()}.csv"'
            },
        )
    return schemas.FiguresOut.model_validate(service.as_json(figures))
