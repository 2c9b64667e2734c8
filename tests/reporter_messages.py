"""The messages a reporter can see: the one definition the translation checks use.

A reporter sees the reporter pages (everything under app/web: the templates and the Python that
fills them, such as the form's choices) and the errors of the API that the reporter's browser calls
while reporting or reading the mailbox. Those errors live in the modules of REPORTER_SOURCES. A few
more come from modules that mostly serve staff; they are named one by one in reporter_markers()
(imported by name, so a renamed constant fails loudly instead of silently leaving the set).

Everything else (the consoles, the staff and partner API errors) is staff text: outside Dutch it may
stay untranslated and falls back to Dutch.
"""

from __future__ import annotations

from functools import cache

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from tests.conftest import ROOT

REPORTER_SOURCES = (
    "app/web/",
    "app/security/",
    "app/reports/",
    "app/mailbox/",
    "app/threads/",
    "app/exception_handlers.py",
    "app/schemas_common.py",
    "app/main.py",
    "app/settings.py",  # the help lines on the danger page
)


@cache
def _extracted() -> tuple[tuple[str, str], ...]:
    """(file, message) for every message babel.cfg extracts."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(
        str(ROOT),
        method_map=method_map,
        options_map=options_map,
        keywords={"N_": None, "_": None},
    )
    return tuple((filename, str(message)) for filename, _line, message, _c, _ctx in found)


def reporter_markers() -> set[str]:
    """Reporter-facing messages raised by modules that mostly serve staff."""
    from app.inbox_keys.service import NO_INBOX_KEY, STALE_VERSION
    from app.partners.service import KIND_LABELS, UNKNOWN_PARTNER

    # The kinds of partner head the groups the reporter chooses from on the form.
    return {NO_INBOX_KEY, STALE_VERSION, UNKNOWN_PARTNER, *KIND_LABELS.values()}


def all_messages() -> set[str]:
    return {message for _filename, message in _extracted()}


def reporter_messages() -> set[str]:
    from_sources = {
        message
        for filename, message in _extracted()
        if filename.replace("\\", "/").startswith(REPORTER_SOURCES)
    }
    return from_sources | reporter_markers()
