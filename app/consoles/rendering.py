"""The consoles' HTML shells: translated per request, with the console CSP.

The consoles are ES-module applications (app/web/static/js/console/); the server renders only
an empty shell and the interface's words. All decryption happens in the browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.consoles.messages import MESSAGES
from app.i18n import negotiate, translate

TEMPLATES = Path(__file__).parent / "templates"
# As the reporter pages, plus blob: images: a decrypted attachment is shown from memory.
CONSOLE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
CONSOLE_LANGUAGES = ("nl", "en")

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def console_language(request: Request) -> str:
    language = negotiate(request.headers.get("accept-language"), request.query_params.get("lang"))
    return language if language in CONSOLE_LANGUAGES else "nl"


def render_console(
    request: Request, template: str, *, words: dict[str, str] = MESSAGES, **context: Any
) -> HTMLResponse:
    """A console shell; ``words`` are the messages its scripts show, by key (N_ message ids)."""
    language = console_language(request)

    def gettext(message: str) -> str:
        return translate(message, language)

    html = _environment.get_template(template).render(
        _=gettext,
        lang=language,
        # Written into a non-executable JSON block with |tojson, which escapes < > & '.
        messages={key: translate(message, language) for key, message in words.items()},
        lock_minutes=request.app.state.settings.sessions.console_lock_minutes,
        **context,
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": CONSOLE_CSP})
