"""The audit log for administrators: read it page by page, export it whole, verify it."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.audit import schemas, service
from app.db import DbSession
from app.exception_handlers import request_language
from app.i18n import translate
from app.routing import UnitOfWorkRoute
from app.staff.deps import AdminMember

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/api/v1/admin/audit", tags=["admin"])


@router.get("", response_model=schemas.AuditPage)
def read_log(
    admin: AdminMember,
    session: DbSession,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> schemas.AuditPage:
    found = service.entries(session, after=after, limit=limit)
    page = schemas.AuditPage(
        entries=[schemas.AuditRecord.model_validate(service.as_record(e)) for e in found],
        next_after=found[-1].seq if len(found) == limit else None,
    )
    service.record(session, actor_kind="staff", actor_id=admin.id, action="audit.read")
    return page


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
def export_log(admin: AdminMember, session: DbSession) -> Response:
    """Every entry, one JSON object per line, with the hashes to re-check the chain offline."""
    lines = [json.dumps(service.as_record(e), sort_keys=True) for e in service.entries(session)]
    service.record(session, actor_kind="staff", actor_id=admin.id, action="audit.export")
    return Response(
        "".join(line + "\n" for line in lines),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="audit-log.jsonl"'},
    )


@router.get("/verification", response_model=schemas.Verification)
def verify_log(request: Request, admin: AdminMember, session: DbSession) -> schemas.Verification:
    problems = service.verify(session)
    head = service.head(session)
    language = request_language(request)
    return schemas.Verification(
        intact=not problems,
        problems=[
            schemas.Problem(seq=p.seq, reason=translate(p.message, language) % p.values)
            for p in problems
        ],
        head=schemas.Head(seq=head.seq, entry_hash=head.entry_hash.hex()) if head else None,
    )
