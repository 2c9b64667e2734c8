"""A closed-loop load generator: ``c`` workers, each sending its next request when one ends.

The client is a minimal HTTP/1.1 keep-alive client on asyncio protocols, with every request
encoded before the clock starts. A general-purpose client (httpx) spent about 3 ms of CPU per
request here, which on this 2-core machine was taken from the service it measured; this one
spends a small fraction of that, like wrk would, while staying in Python and in this repository.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    headers: dict[str, str]
    content: bytes | None = None
    expect: int = 200

    def encode(self, host: str) -> bytes:
        body = self.content or b""
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@dataclass(frozen=True)
class Sample:
    start: float
    end: float
    ok: bool

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


@dataclass(frozen=True)
class Stats:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q`` of the values at or below."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(samples: Sequence[Sample]) -> Stats:
    """Latency percentiles over every request (errors included); throughput over the wall time."""
    if not samples:
        return Stats(0, 0, 0.0, math.nan, math.nan, math.nan)
    latencies = sorted(s.ms for s in samples)
    seconds = max(s.end for s in samples) - min(s.start for s in samples)
    return Stats(
        requests=len(samples),
        errors=sum(not s.ok for s in samples),
        seconds=seconds,
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        max_ms=latencies[-1],
    )


class HttpError(Exception):
    pass


@dataclass(frozen=True)
class Response:
    status_code: int
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode(errors="replace")


class _Connection(asyncio.Protocol):
    """One keep-alive connection carrying one request at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[Response] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's TCP transport does not subclass asyncio.Transport but has its methods.
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.waiter is None or self.waiter.done():
            return
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        length = None
        for line in head[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        if length is None:
            self.waiter.set_exception(HttpError("response without Content-Length"))
            return
        total = end + 4 + length
        if len(self.buffer) < total:
            return
        content = bytes(self.buffer[end + 4 : total])
        del self.buffer[:total]
        self.waiter.set_result(Response(int(head[0].split(" ", 2)[1]), content))

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(HttpError(f"connection lost: {exc!r}"))

    async def send(self, raw: bytes) -> Response:
        if self.transport is None:
            raise HttpError("connection closed")
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        try:
            return await self.waiter
        finally:
            self.waiter = None


class Client:
    """Keep-alive connections to one server, handed to one request at a time."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host = parts.netloc
        self.address = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.idle: list[_Connection] = []
        self.all: list[_Connection] = []

    async def _connection(self) -> _Connection:
        while self.idle:
            connection = self.idle.pop()
            if connection.transport is not None:
                return connection
        loop = asyncio.get_running_loop()
        _transport, connection = await loop.create_connection(_Connection, *self.address)
        self.all.append(connection)
        return connection

    async def send(self, raw: bytes) -> Response:
        connection = await self._connection()
        response = await connection.send(raw)
        self.idle.append(connection)
        return response

    async def request(self, call: Call) -> Response:
        return await self.send(call.encode(self.host))

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for connection in self.all:
            if connection.transport is not None:
                connection.transport.close()


def new_client(base_url: str) -> Client:
    return Client(base_url)


async def timed(
    client: Client, call: Call, failures: list[str], raw: bytes | None = None
) -> Sample:
    raw = raw if raw is not None else call.encode(client.host)
    start = time.perf_counter()
    try:
        response = await client.send(raw)
        ok = response.status_code == call.expect
        if not ok and len(failures) < 5:
            failures.append(f"{call.method} {call.path}: {response.status_code} {response.text}")
    except (OSError, HttpError) as error:
        ok = False
        if len(failures) < 5:
            failures.append(f"{call.method} {call.path}: {error!r}")
    return Sample(start, time.perf_counter(), ok)


async def closed_loop(
    client: Client,
    calls: Sequence[Call],
    concurrency: int,
    failures: list[str],
    stop: asyncio.Event | None = None,
) -> list[Sample]:
    """Send every call (or until ``stop`` is set) with ``concurrency`` workers back to back."""
    encoded = [(call, call.encode(client.host)) for call in calls]
    queue = iter(encoded)
    samples: list[Sample] = []

    async def worker() -> None:
        for call, raw in queue:
            if stop is not None and stop.is_set():
                return
            samples.append(await timed(client, call, failures, raw))

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return samples
