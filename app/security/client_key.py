"""The rate-limit identity of a staff or partner client (R1). Reporter routes never use it.

The address is used only here, in memory. IPv6 addresses count per /64, the block one subscriber
usually gets, so rotating through it earns no fresh limit; IPv4 addresses count as they are. The
result is hashed with a key derived from the server secret for each rotation period, so every
process hashes alike without sharing anything, and the key is never stored in Redis, the database
or a log: a dump of Redis holds hashes that cannot be tested against candidate addresses.
Forwarding headers count only when the direct peer is a configured trusted proxy.
"""

from __future__ import annotations

import ipaddress
import threading
import time

from starlette.requests import Request

from crypto import hkdf, keyed_hash

_SALT = b"vertrouwenspunt/v1/rate-limit-period"


def network_of(address: str) -> str:
    """The unit a limit counts: an IPv4 address, or the /64 that holds an IPv6 address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class ClientKeyer:
    def __init__(self, *, root: bytes, rotation_seconds: int, trusted_proxies: list[str]) -> None:
        self.root = root
        self.rotation_seconds = rotation_seconds
        self.trusted = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]
        self._cached: tuple[int, bytes] | None = None
        self._lock = threading.Lock()

    def _secret(self) -> bytes:
        period = int(time.time()) // self.rotation_seconds
        cached = self._cached
        if cached is not None and cached[0] == period:
            return cached[1]
        with self._lock:
            info = b"period:" + str(period).encode()
            secret = hkdf(self.root, salt=_SALT, info=info, length=32)
            self._cached = (period, secret)
            return secret

    def _is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    def client_address(self, request: Request) -> str:
        peer = request.client.host if request.client else "unknown"
        if not self.trusted or not self._is_trusted(peer):
            return peer
        # Several header lines form one list (RFC 9110, 5.3); with .get() a forged first line would
        # hide the hop our proxy appended on a line of its own.
        forwarded = ",".join(request.headers.getlist("x-forwarded-for"))
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        # The nearest hop that is not one of our own proxies is the client.
        for hop in reversed(hops):
            if not self._is_trusted(hop):
                return hop
        return peer

    def key(self, request: Request) -> str:
        network = network_of(self.client_address(request))
        return keyed_hash(self._secret(), network.encode(), purpose="rate-limit-client").hex()[:32]
