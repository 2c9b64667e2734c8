"""Reporter pages: the language is in the URL (no cookie), the default from Accept-Language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.db import DbSession
from app.errors import N_, BadRequest, Forbidden, NotFound, Unauthorized, Unprocessable
from app.i18n import available_languages, negotiate, translate
from app.mailbox import service as mailbox_service
from app.models import Report
from app.partners import service as partners
from app.routing import UnitOfWorkRoute
from app.security.form_tokens import FormToken, FormTokenExpired, FormTokenInvalid
from app.security.reporter_guard import NO_JS_POST
from app.settings import ADVISERS_ABOUT, ADVISERS_NAME, DEFAULT_HELP_LINES, HelpSettings
from app.web import attachments, intake, report_form
from app.web import mailbox as web_mailbox
from app.web.forms import Posted, read_posted
from app.web.rendering import REPORT_PAGE_CSP, render

router = APIRouter(route_class=UnitOfWorkRoute, include_in_schema=False)
PAGE_NOT_FOUND = N_("This page does not exist.")
FORM_USED = N_(
    "This form was already sent, or it is too old. If you did not get a receipt code, "
    "fill it in again."
)
FORM_EXPIRED = N_(
    "This form was open too long. Check what you filled in and send it again. "
    "Add your pictures again if you had any."
)
CONFIRM_ERASE = N_("Tick the box to confirm that everything may be erased.")


def _language(lang: str) -> str:
    if lang not in available_languages():
        raise NotFound("not_found", PAGE_NOT_FOUND)
    return lang


@router.get("/")
def root(request: Request) -> RedirectResponse:
    language = negotiate(request.headers.get("accept-language"))
    return RedirectResponse(f"/{language}/", status_code=303, headers={"Vary": "Accept-Language"})


@router.get("/{lang}/", response_class=HTMLResponse)
def start(request: Request, lang: str) -> Response:
    return render(request, "start.html", _language(lang))


@dataclass(frozen=True)
class ShownHelpLine:
    name: str
    phone: str
    tel: str
    hours: str
    about: str


def _help_lines(help_settings: HelpSettings, language: str) -> list[ShownHelpLine]:
    """The advisers' own line first (when configured), then the others, in the page's language.

    Only the built-in texts are translated; an organisation's own lines are shown as given.
    """
    shown = []
    if help_settings.advisers_phone and help_settings.advisers_tel:
        shown.append(
            ShownHelpLine(
                name=translate(ADVISERS_NAME, language),
                phone=help_settings.advisers_phone,
                tel=help_settings.advisers_tel,
                hours=help_settings.advisers_hours or "",
                about=translate(ADVISERS_ABOUT, language),
            )
        )
    for line in help_settings.lines:
        built_in = line in DEFAULT_HELP_LINES
        shown.append(
            ShownHelpLine(
                name=line.name,
                phone=line.phone,
                tel=line.tel,
                hours=translate(line.hours, language) if built_in else line.hours,
                about=translate(line.about, language) if built_in else line.about,
            )
        )
    return shown


@router.get("/{lang}/danger", response_class=HTMLResponse)
def danger(request: Request, lang: str) -> Response:
    language = _language(lang)
    lines = _help_lines(request.app.state.settings.help, language)
    return render(request, "danger.html", language, help_lines=lines)


def _form_page(
    request: Request,
    session: DbSession,
    language: str,
    status: int = 200,
    *,
    values: dict[str, list[str]],
    **context: object,
) -> Response:
    return render(
        request,
        "report.html",
        language,
        status_code=status,
        csp=REPORT_PAGE_CSP,
        form=report_form,
        about=report_form.about_of(values) or "self",
        values=values,
        partner_groups=partners.grouped(partners.reporter_choices(session, language)),
        partner_kinds=partners.KIND_LABELS,
        token=request.app.state.form_tokens.issue(),
        **context,
    )


@router.get("/{lang}/report", response_class=HTMLResponse)
def report_page(request: Request, lang: str, session: DbSession, about: str = "self") -> Response:
    # "?about=other" comes from the landing page's second button; the choice is then carried in
    # the form itself and sealed with the report, never kept by the server (R3).
    chosen = about if about in report_form.ABOUT else "self"
    return _form_page(request, session, _language(lang), values={"about": [chosen]})


async def _posted_fields(request: Request) -> dict[str, list[str]]:
    # Read in the event loop, so that the route itself runs (and commits) in one worker thread.
    return (await read_posted(request)).fields


PostedForm = Annotated[dict[str, list[str]], Depends(_posted_fields)]
PostedWithFiles = Annotated[Posted, Depends(read_posted)]


@dataclass(frozen=True)
class Upload:
    """A posted report form, its one-use token checked and its pictures cleaned."""

    fields: dict[str, list[str]]
    # The form's token, signature and expiry checked; None when it is not one we issued.
    token: FormToken | None = None
    # The token had been used: the browser posted a form again that was sent before (a reload).
    sent_before: bool = False
    # The token is genuine but its time is up: the form was open too long.
    expired: bool = False
    pictures: list[attachments.Cleaned] = field(default_factory=list)
    # Why the pictures were refused, as a message for the reporter.
    refused: str | None = None

    @property
    def token_accepted(self) -> bool:
        return self.token is not None and not self.sent_before


async def _cleaned_upload(request: Request, lang: str, posted: PostedWithFiles) -> Upload:
    # Done here, before the route first uses its session: decoding takes seconds, and on SQLite
    # every transaction holds the write lock, so it must not happen inside one. Waiting for a turn
    # in the picture pool holds no thread, connection or lock either.
    _language(lang)
    state = request.app.state
    # One use per form: a replayed post is refused before its pictures cost anything.
    try:
        token = state.form_tokens.check((posted.fields.get("token") or [""])[0])
    except FormTokenExpired:
        return Upload(posted.fields, expired=True)
    except FormTokenInvalid:
        return Upload(posted.fields)
    if not await anyio.to_thread.run_sync(state.form_tokens.spend, token):
        return Upload(posted.fields, token=token, sent_before=True)
    try:
        pictures = await state.pictures.clean_all(posted.files)
    except attachments.AttachmentRefused as refused:
        return Upload(posted.fields, token=token, refused=refused.message)
    return Upload(posted.fields, token=token, pictures=pictures)


CleanedUpload = Annotated[Upload, Depends(_cleaned_upload)]


@router.post("/{lang}/report", response_class=HTMLResponse, dependencies=[NO_JS_POST])
def submit_report(
    request: Request, lang: str, session: DbSession, upload: CleanedUpload
) -> Response:
    language = _language(lang)
    form = upload.fields
    state = request.app.state
    if upload.sent_before and upload.token is not None:
        # A reload of the receipt page posts the same form again: show the same receipt, made
        # again from the token, as long as the report sent with it is still there.
        made = state.form_tokens.report_from(upload.token)
        before = intake.received_before(
            session, mailbox_key=state.keys.mailbox, report_id=made.report_id, receipt=made.receipt
        )
        if before is not None:
            return render(request, "received.html", language, receipt=before.receipt)
    if upload.expired:
        # Nothing was sent with this form yet, so what the reporter filled in is shown again.
        return _form_page(
            request, session, language, status=403, values=form, problems=[FORM_EXPIRED]
        )
    if upload.token is None or upload.sent_before:
        about = {"about": form.get("about") or ["self"]}
        return _form_page(
            request, session, language, status=403, values=about, problems=[FORM_USED]
        )
    choices = partners.reporter_choices(session, language)
    read = report_form.read(form, {c.id for c in choices}, language)
    problems = list(read.problems)
    # The form offers only connected partners; a stale page or a crafted post is told, not obeyed.
    if set(read.consents) - {c.id for c in choices if c.connected}:
        problems.append(partners.NOT_CONNECTED)
    if upload.refused:
        problems.append(upload.refused)
    if problems:
        return _form_page(request, session, language, status=422, values=form, problems=problems)
    made = state.form_tokens.report_from(upload.token)
    received = intake.submit(
        session,
        report_id=made.report_id,
        receipt=made.receipt,
        mailbox_key=state.keys.mailbox,
        content=read.content,
        consents=read.consents,
        one_way=read.one_way,
        attachments=[picture.as_content() for picture in upload.pictures],
    )
    return render(request, "received.html", language, receipt=received.receipt)


def _mailbox_open_page(
    request: Request, session: DbSession, language: str, status: int = 200, **context: Any
) -> Response:
    # Every choice the report form offers, translated: the JavaScript path shows the ones the
    # reporter made once it has opened their sealed copy.
    return render(
        request,
        "mailbox_open.html",
        language,
        status_code=status,
        form=report_form,
        partner_names=web_mailbox.partner_names(session, language),
        **context,
    )


@router.get("/{lang}/mailbox", response_class=HTMLResponse)
def mailbox_page(request: Request, lang: str, session: DbSession) -> Response:
    return _mailbox_open_page(request, session, _language(lang))


@router.post("/{lang}/mailbox", response_class=HTMLResponse, dependencies=[NO_JS_POST])
def mailbox_action(request: Request, lang: str, session: DbSession, form: PostedForm) -> Response:
    """Open, answer or erase with the typed receipt; it travels in the body, never in a URL."""
    language = _language(lang)
    receipt = (form.get("receipt") or [""])[0]
    action = (form.get("action") or ["read"])[0]
    state = request.app.state
    try:
        report = web_mailbox.open_with(session, mailbox_key=state.keys.mailbox, receipt=receipt)
        if action in ("send", "erase"):
            state.form_tokens.verify((form.get("token") or [""])[0])
        if action == "erase":
            if "confirm" not in form:
                return _thread_page(
                    request, session, language, report, receipt, status=422, problem=CONFIRM_ERASE
                )
            mailbox_service.erase(session, report=report)
            return render(request, "erased.html", language)
        if action == "send":
            text = (form.get("text") or [""])[0][: report_form.MAX_TEXT]
            web_mailbox.follow_up(session, report=report, receipt=receipt, text=text)
            return _thread_page(request, session, language, report, receipt, sent=True)
    except (Unauthorized, Unprocessable, BadRequest, Forbidden) as refused:
        session.rollback()
        return _mailbox_open_page(
            request, session, language, status=refused.status_code, problem=refused.message
        )
    return _thread_page(request, session, language, report, receipt)


def _thread_page(
    request: Request,
    session: DbSession,
    language: str,
    report: Report,
    receipt: str,
    status: int = 200,
    **context: Any,
) -> Response:
    names = web_mailbox.partner_names(session, language)
    own, entries = web_mailbox.thread(session, report=report, receipt=receipt, names=names)
    return render(
        request,
        "mailbox.html",
        language,
        status_code=status,
        own=own,
        choices=web_mailbox.sent_choices(own),
        consents=mailbox_service.consents_of(session, report),
        form=report_form,
        partner_names=names,
        entries=entries,
        receipt=receipt,
        token=request.app.state.form_tokens.issue(),
        **context,
    )
