"""``vertrouwenspunt-partner``: a chain partner's command line for its own systems.

    vertrouwenspunt-partner init                      make a key pair (private key wrapped)
    vertrouwenspunt-partner register URL TOKEN        register the key, keep the API token
    vertrouwenspunt-partner pull [--all] [--ack]      fetch and decrypt signals (JSON lines)
    vertrouwenspunt-partner ack ID
    vertrouwenspunt-partner feedback ID TEXT          a question or feedback for the VP team

Uses only ``crypto`` and httpx. Files: the key file (``--key-file``, default partner-key.json)
and the configuration with the server address and API token (``--config``, default
partner-config.json), both created readable by their owner only. The passphrase comes from the
environment variable named by ``--passphrase-env`` (for unattended runs) or is asked for.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

from client import keyfile
from client.errors import ApiError
from client.kdf import WeakKdfParametersError
from client.partner import PartnerClient, register_key
from crypto import DecryptionError, fingerprint, load_public_key, safety_number


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    if args.passphrase_env:
        value = os.environ.get(args.passphrase_env)
        if not value:
            raise SystemExit(f"error: environment variable {args.passphrase_env} is empty")
        return value
    first = getpass.getpass("Passphrase for the partner key: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise SystemExit("error: the passphrases differ")
    return first


def _write_private(path: Path, document: dict[str, Any]) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(document, handle, indent=1)


def _init(args: argparse.Namespace) -> int:
    if args.key_file.exists():
        print(f"error: {args.key_file} exists; a key is never overwritten", file=sys.stderr)
        return 1
    try:
        made = keyfile.create(
            args.key_file, _passphrase(args, confirm=True), iterations=args.iterations
        )
    except WeakKdfParametersError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    public = load_public_key(made.public_key)
    print(f"key {made.key_id} written to {made.path}")
    print(f"fingerprint: {fingerprint(public)}")
    print(f"safety number: {safety_number(public)}  (the advisers compare it before sending)")
    return 0


def _register(args: argparse.Namespace) -> int:
    made = keyfile.describe(args.key_file)
    with httpx.Client(base_url=args.server, timeout=30) as http:
        registration = register_key(
            http, enrolment_token=" ".join(args.enrolment_code), public_key=made.public_key
        )
    config = _config(args, missing_ok=True)
    key_files = [*config.get("key_files", []), str(args.key_file.resolve())]
    _write_private(
        args.config,
        {"server": args.server, "api_token": registration.api_token, "key_files": key_files},
    )
    print(f"registered key {registration.key_id} for {registration.partner_id}")
    print(f"fingerprint: {registration.fingerprint}  (compare it with the service's admin)")
    number = safety_number(load_public_key(made.public_key))
    print(f"safety number: {number}  (an adviser reads it to you before the first signal)")
    return 0


def _config(args: argparse.Namespace, *, missing_ok: bool = False) -> dict[str, Any]:
    if not args.config.exists():
        if missing_ok:
            return {}
        raise SystemExit(f"error: {args.config} not found; run `register` first")
    loaded: dict[str, Any] = json.loads(args.config.read_text())
    return loaded


def _client(args: argparse.Namespace, http: httpx.Client) -> PartnerClient:
    config = _config(args)
    passphrase = _passphrase(args)
    try:
        keys = [keyfile.unlock(Path(path), passphrase) for path in config["key_files"]]
    except DecryptionError:
        raise SystemExit("error: wrong passphrase, or a damaged key file") from None
    except WeakKdfParametersError as error:
        raise SystemExit(f"error: a key file is not protected well enough: {error}") from None
    return PartnerClient(http, api_token=config["api_token"], keys=keys)


def _http(args: argparse.Namespace) -> httpx.Client:
    return httpx.Client(base_url=_config(args)["server"], timeout=30)


def _pull(args: argparse.Namespace) -> int:
    with _http(args) as http:
        partner = _client(args, http)
        for listed in partner.list_signals(None if args.all else "new"):
            signal = partner.read_signal(uuid.UUID(listed["id"]))
            if args.ack:
                partner.acknowledge(signal.id)
            record = {
                "id": str(signal.id),
                "category": signal.category,
                "urgency": signal.urgency,
                "period": signal.period,
                "status": "acknowledged" if args.ack else signal.status,
                "content": signal.content,
            }
            print(json.dumps(record, ensure_ascii=False))
    return 0


def _ack(args: argparse.Namespace) -> int:
    with _http(args) as http:
        _client(args, http).acknowledge(args.id)
    print(f"acknowledged {args.id}")
    return 0


def _feedback(args: argparse.Namespace) -> int:
    with _http(args) as http:
        partner = _client(args, http)
        partner.send_feedback(args.id, {"text": args.text}, inbox=partner.inbox_key())
    print(f"feedback sent to the VP team about {args.id}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vertrouwenspunt-partner", description=__doc__)
    parser.add_argument("--key-file", type=Path, default=Path("partner-key.json"))
    parser.add_argument("--config", type=Path, default=Path("partner-config.json"))
    parser.add_argument("--passphrase-env", metavar="NAME", help="read the passphrase from NAME")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="make a key pair; the private key is wrapped")
    init.add_argument("--iterations", type=int, default=600_000, help=argparse.SUPPRESS)
    init.set_defaults(run=_init)
    register = commands.add_parser("register", help="register the public key")
    register.add_argument("server", help="the service's address, e.g. https://melden.example.nl")
    # The code is shown in groups of four; typed with its spaces it arrives as several words.
    register.add_argument(
        "enrolment_code", nargs="+", help="the one-time key enrolment code from the service's admin"
    )
    register.set_defaults(run=_register)
    pull = commands.add_parser("pull", help="fetch and decrypt new signals, one JSON per line")
    pull.add_argument("--all", action="store_true", help="acknowledged ones too")
    pull.add_argument("--ack", action="store_true", help="acknowledge each one fetched")
    pull.set_defaults(run=_pull)
    ack = commands.add_parser("ack", help="acknowledge a signal")
    ack.add_argument("id", type=uuid.UUID)
    ack.set_defaults(run=_ack)
    feedback = commands.add_parser("feedback", help="send feedback or a question to the VP team")
    feedback.add_argument("id", type=uuid.UUID)
    feedback.add_argument("text")
    feedback.set_defaults(run=_feedback)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.run(args)
    except ApiError as error:
        print(f"error: {error.code}: {error.message}", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
