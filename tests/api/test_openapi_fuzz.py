"""No request to any operation in the OpenAPI description can produce a server error.

Schemathesis generates requests from the description for every operation, on each database. Calls
carry a logged-in adviser's session and CSRF token and a freshly solved proof of work, so generated
bodies reach the real handlers instead of stopping at authentication.

The schemathesis pytest plugin does not run on pytest 9 yet, so the operations' Hypothesis
strategies are driven directly; failures still name the operation and the response.
"""

from __future__ import annotations

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.case import Case
from schemathesis.generation.modes import GenerationMode

from client import ReporterClient
from client.staff import COOKIE_NAME
from tests.conftest import TotpClock
from tests.factories import admin_with_inbox, connect_partners

EXAMPLES_PER_OPERATION = 25


def test_no_operation_answers_with_a_server_error(
    app: FastAPI, client: TestClient, totp_clock: TotpClock
) -> None:
    admin = admin_with_inbox(app, client, totp_clock)
    connect_partners(app, "belle")
    ReporterClient(client).submit({"text": "seed report"}, consents=["belle"])
    session_headers = {
        "Cookie": f"{COOKIE_NAME}={admin.client.session_token}",
        "X-CSRF-Token": str(admin.client.csrf),
    }
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    failures: list[str] = []
    nothing_to_break: list[str] = []

    # Positive cases follow the description; negative ones break it on purpose.
    runs = [(op, mode) for op in operations for mode in GenerationMode]
    for operation, mode in runs:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def exercise(case: Case) -> None:
            headers = dict(session_headers)
            if case.method.upper() in {"POST", "DELETE"}:
                headers["X-Proof-Of-Work"] = ReporterClient(client).proof_of_work()
            # Generated headers win, so missing or malformed credentials are exercised too.
            headers.update(case.headers or {})
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} -> {response.status_code}: "
                    f"{response.text[:200]}"
                )

        try:
            exercise()
        except Unsatisfiable:
            # An operation without parameters or body has nothing to break in negative mode.
            if mode is GenerationMode.POSITIVE:
                raise
            nothing_to_break.append(operation.label)

    assert failures == []
    assert len(nothing_to_break) < len(operations) // 2
