"""The rate-limit identity of an anonymous client (R1).

The address is used only here, in memory: it is hashed with a secret that is replaced every
rotation period and lives only in process memory or in Redis with a TTL, so neither Redis nor any
log ever holds an address or a value that can be turned back into one once the period is over.
Forwarding headers count only when the direct peer is a configured trusted proxy.
"""

from __future__ import annotations

import ipaddress
import secrets
import threading
import time

from redis import Redis
from starlette.requests import Request

from crypto import keyed_hash

_REDIS_KEY = "vp:rl-secret:{period}"


class ClientKeyer:
    def __init__(
        self, *, redis: Redis | None, rotation_seconds: int, trusted_proxies: list[str]
    ) -> None:
        self.redis = redis
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
            candidate = secrets.token_bytes(32)
            if self.redis is not None:
                key = _REDIS_KEY.format(period=period)
                # Every process must hash the same way, so the first to arrive sets the secret.
                self.redis.set(key, candidate, nx=True, ex=2 * self.rotation_seconds)
                stored = self.redis.get(key)
                candidate = stored if isinstance(stored, bytes) else candidate
            self._cached = (period, candidate)
            return candidate

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
        address = self.client_address(request)
        return keyed_hash(self._secret(), address.encode(), purpose="rate-limit-client").hex()[:32]
