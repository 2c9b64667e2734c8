"""Administration commands: ``vertrouwenspunt <command>`` (or ``python -m app.cli``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.db import Database, commit
from app.errors import AppError
from app.figures import service as figures
from app.migrate import upgrade
from app.models.base import today, utcnow
from app.partners import keys as partner_keys
from app.retention import engine_order
from app.retention import service as retention
from app.security.server_keys import ServerKeys
from app.settings import Settings, get_settings
from app.signals import schedule as signals_schedule
from app.staff import service as staff
from app.staff.routes import enrolment_url


def open_database(settings: Settings) -> Database:
    """The database as the service sees it, with the key that seals the audit log's head."""
    database = Database(settings.database_url)
    database.use_audit_key(ServerKeys.from_secret(settings.secret_key.get_secret_value()).audit)
    return database


@contextmanager
def unit_of_work(settings: Settings, *, dry_run: bool = False) -> Iterator[Session]:
    """One transaction, as a request has: committed (journal wiped after erasures) or not at all."""
    database = open_database(settings)
    session = database.sessionmaker()
    session.info["database"] = database
    try:
        yield session
        # A dry run does all the work inside the transaction, then throws it away.
        if dry_run:
            session.rollback()
        else:
            commit(session)
    finally:
        session.close()
        database.dispose()


def _create_admin(args: argparse.Namespace) -> int:
    settings = get_settings()
    database = open_database(settings)
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


def _verify_audit(args: argparse.Namespace) -> int:
    settings = get_settings()
    database = open_database(settings)
    with database.sessionmaker() as session:
        problems = audit.verify(session)
        if args.anchor:
            seq, _, digest = args.anchor.partition(":")
            problems += audit.anchor_problems(
                session, seq=int(seq), entry_hash=bytes.fromhex(digest)
            )
        head = audit.head(session)
    database.dispose()
    for problem in problems:
        print(f"entry {problem.seq}: {problem.reason}")
    print("audit log intact" if not problems else f"audit log BROKEN: {len(problems)} problem(s)")
    if head is not None:
        # Written down elsewhere, this lets a later --anchor catch a rollback of the database.
        print(f"head (keep a copy elsewhere): {head.seq}:{head.entry_hash.hex()}")
    return 0 if not problems else 1


def _export_audit(args: argparse.Namespace) -> int:
    with unit_of_work(get_settings()) as session:
        lines = [json.dumps(audit.as_record(e), sort_keys=True) for e in audit.entries(session)]
        audit.record(session, actor_kind="cli", actor_id=None, action="audit.export")
    output = args.output.open("w") if args.output else sys.stdout
    try:
        output.writelines(line + "\n" for line in lines)
    finally:
        if args.output:
            output.close()
    return 0


def _partner_enrolment(args: argparse.Namespace) -> int:
    settings = get_settings()
    database = open_database(settings)
    keys = ServerKeys.from_secret(settings.secret_key.get_secret_value())
    hours = settings.staff.enrolment_hours
    try:
        with database.sessionmaker.begin() as session:
            token = partner_keys.create_enrolment(
                session, key=keys.enrolment, partner_id=args.partner, hours=hours
            )
            audit.record(
                session,
                actor_kind="cli",
                actor_id=None,
                action="partner.key_enrolment",
                detail={"partner": args.partner},
            )
    except AppError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    print(f"Key enrolment code for {args.partner} (one use, {hours} hours):")
    print(token)
    print(f"On the partner's side: vertrouwenspunt-partner register {settings.base_url} CODE")
    return 0


def _purge(args: argparse.Namespace) -> int:
    settings = get_settings()
    with unit_of_work(settings, dry_run=args.dry_run) as session:
        counts = retention.purge(
            session,
            settings=settings.retention,
            today=today(),
            sessions=settings.sessions,
            now=utcnow(),
        )
    for name, count in counts.as_dict().items():
        print(f"{name}: {count}")
    print("dry run, nothing was changed" if args.dry_run else "purge committed")
    return 0


def _release_signals(args: argparse.Namespace) -> int:
    settings = get_settings()
    database = open_database(settings)
    try:
        counts = signals_schedule.release_due(database, settings, everything=args.all)
    finally:
        database.dispose()
    for name, count in counts.as_dict().items():
        print(f"{name}: {count}")
    return 0


def _scrub_order(_args: argparse.Namespace) -> int:
    database = open_database(get_settings())
    try:
        engine_order.scrub(database)
    finally:
        database.dispose()
    print("the engine's order of arrival was scrubbed from every row tied to a report")
    return 0


def _figures(args: argparse.Namespace) -> int:
    settings = get_settings()
    k = settings.figures.k if args.k is None else args.k
    if k < settings.figures.k:
        # Lowering k is a configuration change (VP_FIGURES__K), not a one-off flag.
        print(f"error: --k cannot be below the configured {settings.figures.k}", file=sys.stderr)
        return 2
    with unit_of_work(settings) as session:
        result = figures.compute(session, k=k, today=today())
        audit.record(
            session,
            actor_kind="cli",
            actor_id=None,
            action="figures.export",
            detail={"format": args.format, "k": k},
        )
    if args.format == "csv":
        sys.stdout.write(figures.as_csv(result))
    else:
        print(json.dumps(figures.as_json(result), indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vertrouwenspunt")
    commands = parser.add_subparsers(dest="command", required=True)
    admin = commands.add_parser("create-admin", help="invite the first administrator")
    admin.add_argument("username")
    admin.add_argument("--no-vp", action="store_true", help="administrator without case access")
    admin.set_defaults(run=_create_admin)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=_migrate)
    verify = commands.add_parser("verify-audit", help="check the audit hash chain and head")
    verify.add_argument(
        "--anchor", metavar="SEQ:HASH", help="a head printed earlier; it must still be there"
    )
    verify.set_defaults(run=_verify_audit)
    export_log = commands.add_parser("export-audit", help="the audit log as JSON lines")
    export_log.add_argument("--output", type=Path, help="a file instead of standard output")
    export_log.set_defaults(run=_export_audit)
    enrolment = commands.add_parser(
        "partner-enrolment", help="a one-time key enrolment code for a partner to register its key"
    )
    enrolment.add_argument("partner", help="the partner's id, e.g. belle")
    enrolment.set_defaults(run=_partner_enrolment)
    purge = commands.add_parser("purge", help="apply the retention periods (VP_RETENTION__*)")
    purge.add_argument("--dry-run", action="store_true", help="count only; change nothing")
    purge.set_defaults(run=_purge)
    release = commands.add_parser(
        "release-signals",
        help="send the queued signals whose release time has come (VP_SIGNALS__*), e.g. from cron",
    )
    release.add_argument(
        "--all", action="store_true", help="every queued signal, also those not yet due (one batch)"
    )
    release.set_defaults(run=_release_signals)
    commands.add_parser(
        "scrub-order",
        help="nightly: remove the database engine's order of arrival from rows tied to reports",
    ).set_defaults(run=_scrub_order)
    export = commands.add_parser("figures", help="quarterly figures with small cells suppressed")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--k", type=int, help="suppression threshold; at least the configured k")
    export.set_defaults(run=_figures)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
