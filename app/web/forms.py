"""Posted reporter forms, read in memory only.

On the path without JavaScript a posted form is plaintext (R4): its fields and uploaded pictures
may live in this request's memory and nowhere else. Starlette's parser spools uploads to a
temporary file once they pass 1 MiB, so uploads go through a parser that never does; the
request body limit (settings.max_request_bytes) bounds what memory that takes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from fastapi import Request
from python_multipart.multipart import parse_options_header
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException, MultiPartParser

from app.errors import N_, BadRequest

MAX_FIELDS = 200
MAX_FILES = 20
UNREADABLE_FORM = N_("The form could not be read. Fill it in again.")


class _InMemoryMultiPartParser(MultiPartParser):
    spool_max_size = sys.maxsize


@dataclass(frozen=True)
class Posted:
    fields: dict[str, list[str]] = field(default_factory=dict)
    # The bytes of each non-empty uploaded file, in the order they were posted; names are dropped.
    files: list[bytes] = field(default_factory=list)


async def read_posted(request: Request) -> Posted:
    content_type, _ = parse_options_header(request.headers.get("content-type"))
    try:
        if content_type == b"multipart/form-data":
            parser = _InMemoryMultiPartParser(
                request.headers, request.stream(), max_files=MAX_FILES, max_fields=MAX_FIELDS
            )
            form = await parser.parse()
        else:
            form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    except MultiPartException:
        raise BadRequest("unreadable_form", UNREADABLE_FORM) from None
    return await _split(form)


async def _split(form: FormData) -> Posted:
    posted = Posted()
    for name, value in form.multi_items():
        if isinstance(value, str):
            posted.fields.setdefault(name, []).append(value)
            continue
        data = await value.read()
        await value.close()
        if data:  # a file input left empty still posts an empty part
            posted.files.append(data)
    return posted
