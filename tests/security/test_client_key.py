"""The rate-limit identity of a staff or partner client: a rotating keyed hash (R1)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from starlette.requests import Request

from app.security import client_key
from app.security.client_key import ClientKeyer, network_of
from app.security.server_keys import ServerKeys

PROXY = "10.1.2.3"
ROOT = ServerKeys.from_secret("s" * 48).rate_limit


def request(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/api/v1/partners",
        "query_string": b"",
        "headers": headers,
        "client": (peer, 40000),
    }
    return Request(scope)


def keyer(*trusted: str, rotation: int = 3600, root: bytes = ROOT) -> ClientKeyer:
    return ClientKeyer(root=root, rotation_seconds=rotation, trusted_proxies=list(trusted))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    fake = SimpleNamespace(now=1_900_000_000.0)
    fake.time = lambda: fake.now
    monkeypatch.setattr(client_key, "time", fake)
    return fake


def test_forwarded_for_is_ignored_without_trusted_proxies() -> None:
    assert keyer().client_address(request(PROXY, "203.0.113.7")) == PROXY


def test_forwarded_for_is_ignored_from_an_untrusted_peer() -> None:
    untrusted = request("192.0.2.50", "203.0.113.7")
    assert keyer("10.0.0.0/8").client_address(untrusted) == "192.0.2.50"


def test_forwarded_for_from_a_trusted_proxy_names_the_client() -> None:
    assert keyer("10.0.0.0/8").client_address(request(PROXY, "203.0.113.7")) == "203.0.113.7"


def test_rightmost_untrusted_hop_is_the_client() -> None:
    # The client forged the first entry; our proxies appended the rest.
    chain = request(PROXY, "198.51.100.66, 203.0.113.7, 10.0.0.5")
    assert keyer("10.0.0.0/8").client_address(chain) == "203.0.113.7"


def test_forged_first_header_line_does_not_pick_the_client() -> None:
    # Proxies may append a second header line instead of extending the first; together they are
    # one list (RFC 9110, 5.3), and the client controls only its start.
    split = request(PROXY, "198.51.100.66", "203.0.113.7")
    assert keyer("10.0.0.0/8").client_address(split) == "203.0.113.7"


def test_only_trusted_hops_fall_back_to_the_peer() -> None:
    assert keyer("10.0.0.0/8").client_address(request(PROXY, "10.0.0.9")) == PROXY


def test_missing_forwarded_for_from_a_trusted_proxy_uses_the_peer() -> None:
    assert keyer("10.0.0.0/8").client_address(request(PROXY)) == PROXY


def test_different_addresses_get_different_keys(clock: SimpleNamespace) -> None:
    keys = keyer()
    assert keys.key(request("192.0.2.1")) != keys.key(request("192.0.2.2"))


def test_same_address_gets_the_same_key_within_a_period(clock: SimpleNamespace) -> None:
    keys = keyer(rotation=3600)
    first = keys.key(request("192.0.2.1"))
    clock.now += 60
    assert keys.key(request("192.0.2.1")) == first


def test_key_changes_after_the_rotation_period(clock: SimpleNamespace) -> None:
    keys = keyer(rotation=3600)
    first = keys.key(request("192.0.2.1"))
    clock.now += 3600
    assert keys.key(request("192.0.2.1")) != first


def test_key_does_not_contain_the_address(clock: SimpleNamespace) -> None:
    key = keyer().key(request("192.0.2.1"))
    assert "192" not in key
    assert len(key) == 32
    int(key, 16)


def test_two_processes_with_one_server_secret_hash_alike(clock: SimpleNamespace) -> None:
    # Nothing is shared between them, in Redis or elsewhere: the key comes from the server secret.
    assert keyer().key(request("192.0.2.1")) == keyer().key(request("192.0.2.1"))


def test_another_server_secret_hashes_differently(clock: SimpleNamespace) -> None:
    other = ServerKeys.from_secret("t" * 48).rate_limit
    assert keyer(root=other).key(request("192.0.2.1")) != keyer().key(request("192.0.2.1"))


def test_an_ipv6_64_is_one_client(clock: SimpleNamespace) -> None:
    keys = keyer()
    one = keys.key(request("2001:db8:1:1::1"))
    assert keys.key(request("2001:db8:1:1:ffff:ffff:ffff:ffff")) == one
    assert keys.key(request("2001:db8:1:2::1")) != one


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:1:2:3:4:5", "2001:db8:1:1::/64"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("testclient", "testclient"),
    ],
)
def test_network_of(address: str, counted_as: str) -> None:
    assert network_of(address) == counted_as
