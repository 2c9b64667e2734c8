"""Administration commands: ``vertrouwenspunt <command>`` (or ``python -m app.cli``)."""

from __future__ import annotations

import argparse
import sys

from app.audit import service as audit
from app.db import Database
from app.errors import AppError
from app.migrate import upgrade
from app.security.server_keys import ServerKeys
from app.settings import get_settings
from app.staff import service as staff
from app.staff.routes import enrolment_url


def _create_admin(args: argparse.Namespace) -> int:
    settings = get_settings()
    database = Database(settings.database_url)
    upgrade(database.engine)
    keys = ServerKeys.from_secret(settings.secret_key.get_secret_value())
    try:
        with database.sessionmaker.begin() as session:
            member, token = staff.invite(
                session,
                keys=keys,
                settings=settings,
                username=args.username,
                is_admin=True,
                is_vp=not args.no_vp,
            )
            audit.record(
                session,
                actor_kind="cli",
                actor_id=None,
                action="staff.bootstrap_admin",
                detail={"member": str(member.id)},
            )
    except AppError as error:
        # A taken username is an operator's mistake, not a crash: say so without a traceback.
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    print(f"Enrolment link for {args.username} (one use, {settings.staff.enrolment_hours} hours):")
    print(enrolment_url(settings.base_url, token))
    print(f"Enrolment token: {token}")
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    settings = get_settings()
    database = Database(settings.database_url)
    upgrade(database.engine)
    database.dispose()
    print("database is at the newest schema")
    return 0


def _verify_audit(_args: argparse.Namespace) -> int:
    settings = get_settings()
    database = Database(settings.database_url)
    with database.sessionmaker() as session:
        problems = audit.verify(session)
    database.dispose()
    for problem in problems:
        print(f"entry {problem.seq}: {problem.reason}")
    print("audit log intact" if not problems else f"audit log BROKEN: {len(problems)} problem(s)")
    return 0 if not problems else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vertrouwenspunt")
    commands = parser.add_subparsers(dest="command", required=True)
    admin = commands.add_parser("create-admin", help="invite the first administrator")
    admin.add_argument("username")
    admin.add_argument("--no-vp", action="store_true", help="administrator without case access")
    admin.set_defaults(run=_create_admin)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)
    commands.add_parser("verify-audit", help="check the audit hash chain").set_defaults(
        run=_verify_audit
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
