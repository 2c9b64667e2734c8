"""The VP console (/staff/), its enrolment page (/staff/enrol#<token>) and the partner console."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.cases.taxonomy import CATEGORY_IDS
from app.consoles.partner_messages import PARTNER_MESSAGES
from app.consoles.rendering import render_console
from app.routing import UnitOfWorkRoute
from app.security.rate_limits import limiter, rule
from app.web import report_form

router = APIRouter(route_class=UnitOfWorkRoute, include_in_schema=False)


@router.get("/staff/", response_class=HTMLResponse)
@limiter.limit(rule("console"))
def staff_console(request: Request) -> HTMLResponse:
    return render_console(
        request,
        "staff.html",
        categories=list(CATEGORY_IDS),
        municipalities=list(report_form.MUNICIPALITIES),
    )


@router.get("/staff/enrol", response_class=HTMLResponse)
@limiter.limit(rule("console"))
def staff_enrolment(request: Request) -> HTMLResponse:
    # The token is in the fragment (#…), which the browser never sends: it is read by the page.
    return render_console(request, "enrol.html")


@router.get("/partner/", response_class=HTMLResponse)
@limiter.limit(rule("console"))
def partner_console(request: Request) -> HTMLResponse:
    # Partner users log in as staff do; signals open with key files the server never sees.
    return render_console(request, "partner.html", words=PARTNER_MESSAGES)
