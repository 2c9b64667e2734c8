"""Server-rendered reporter pages: Jinja2 templates, translated per request, with a strict CSP.

Templates get ``_`` bound to the page's language (the message ids are English, as in the API),
so Babel extracts them like any other message (babel.cfg).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.i18n import available_languages, negotiate, text_direction, translate

TEMPLATES = Path(__file__).parent / "templates"
# Everything comes from the service itself (R2); no inline script or style anywhere.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The report form alone also shows blob: images: thumbnails of the pictures it cleaned on the
# phone, made from memory (an object URL) and never uploaded to be shown. No other page needs it.
REPORT_PAGE_CSP = PAGE_CSP.replace("img-src 'self';", "img-src 'self' blob:;")
assert REPORT_PAGE_CSP != PAGE_CSP  # noqa: S101 - the replacement above must have matched
# Each language by its own name, never by a flag (TAXONOMY.md).
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "es": "Español",
    "ro": "Română",
    "hu": "Magyar",
    "bg": "Български",
    "pl": "Polski",
    "pt-BR": "Português",  # the only Portuguese offered; "(Brasil)" would only lengthen the switch
    "th": "ไทย",
    "uk": "Українська",
    "ru": "Русский",
}

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(
    request: Request,
    template: str,
    language: str,
    status_code: int = 200,
    csp: str = PAGE_CSP,
    **context: Any,
) -> HTMLResponse:
    def gettext(message: str, **values: Any) -> str:
        text = translate(message, language)
        return text % values if values else text

    path_after_language = (
        request.url.path.split("/", 2)[2] if request.url.path.count("/") > 1 else ""
    )
    # Switching language keeps the reporter on the path they chose ("about someone else"); no
    # other query parameter is carried over, so nothing else a URL held is repeated in links.
    if request.query_params.get("about") == "other":
        path_after_language += "?about=other"
    html = _environment.get_template(template).render(
        _=gettext,
        lang=language,
        direction=text_direction(language),
        languages=[(code, LANGUAGE_NAMES[code]) for code in available_languages()],
        here=path_after_language,
        quick_exit_url=request.app.state.settings.quick_exit_url,
        **context,
    )
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={"Content-Security-Policy": csp, "Vary": "Accept-Language"},
    )


def page_language(request: Request) -> str:
    """The language of a reporter page: its first path segment, else the browser's preference."""
    first = request.url.path.split("/", 2)[1]
    if first in available_languages():
        return first
    return negotiate(request.headers.get("accept-language"))


def is_page(request: Request) -> bool:
    """Reporter pages get HTML errors; the API, static files and health checks keep JSON."""
    path = request.url.path
    return not path.startswith(("/api/", "/static/", "/healthz"))


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(
        request, "error.html", page_language(request), status_code=status, message=message
    )
