"""The fixed parts of docs/benchmarks.md: how to run, how to read, and observations."""

from __future__ import annotations

HOW_TO_RUN = """\
```sh
.venv/bin/python bench/run.py            # both databases, under 3 minutes when idle
.venv/bin/python bench/run.py --quick    # 60 requests per phase, for a smoke test
.venv/bin/python bench/run.py --database postgresql --env VP_ARGON2__MAX_CONCURRENCY=1
```

It needs PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust authentication; the database
`vp_bench` is dropped and re-created) and Redis on 127.0.0.1:6379 (database 11 is flushed). It
rewrites this file, and keeps the service logs and the raw figures (`latest.json`) in
`bench/results/` (not committed). Run it on an otherwise idle machine: it waits up to three
minutes for other processes to leave the cores alone and reports how busy they were."""

HOW_TO_READ = """\
- **Closed loop**: each of the *concurrency* workers sends its next request as soon as the
  previous one is answered, so throughput × mean latency = concurrency (Little's law). Latency at
  concurrency 32 is therefore mostly queueing: a slower service shows up as higher latency, not
  as errors.
- **p50 / p99** are nearest-rank percentiles of the latency measured by the client
  (`time.perf_counter` around one `httpx` request), errors included; **throughput** is requests
  divided by the phase's wall time.
- **service p50 / p99** are the durations the service itself logs (its access-log middleware,
  from the request entering the application to the response leaving it); the difference with
  the client's figure is time spent in the sockets, uvicorn's event loop and the load generator.
- **CPU cores busy** (of 2.00): the whole machine, split into the service process, the load
  generator (this Python process), PostgreSQL and Redis processes, and everything else.
- **submit during login burst** counts the submissions that were in flight at any moment
  between the first login request and the last login response; **login burst** is one complete
  login per adviser (parameters request plus login request), all started at once.
- **Peak RSS** is `VmHWM` of the service process from `/proc/<pid>/status` at the end of the run
  (the highest resident memory it reached, including the Argon2 buffers)."""

OBSERVATIONS = """\
Read from the service's code, its logs and one-off runs; the figures above show whether they hold.

- **Fixed: transactions waiting for threads.** Earlier runs of this bench (commits before
  `0c56a06`) showed SQLite submissions failing with *database is locked* and 30 s latencies
  during the login burst. The cause was a request holding a transaction (on SQLite the write lock)
  while waiting for a thread-pool slot: first the login, which kept its transaction across Argon2
  and across several worker calls, then every sync route, because FastAPI commits only after it
  has serialised the response in the thread pool. Sync routes now commit in their own worker
  thread (`app/routing.py`) and login hashes with no transaction open;
  `tests/e2e/test_no_thread_starvation.py` keeps it that way.
- **SQLite serialises reads too.** Every transaction begins `IMMEDIATE`, so a mailbox read waits
  for the write lock like a submission, and waiting goes through SQLite's busy handler, which
  sleeps in steps of up to 100 ms: hence the long p99 tails on SQLite even without logins.
  Read-only requests could begin a deferred transaction; SQLite is the embedded default for a
  small service, PostgreSQL the production database.
- **At concurrency 32 the service is CPU-bound on one core.** A closed loop of 32 clients makes
  the mean latency 32 / throughput, so p99 < 50 ms needs more than 640 submissions a second on two
  cores shared with PostgreSQL, Redis and the load generator. One service process runs Python on
  one core at a time (the GIL) and a submission costs about 3 ms of it (FastAPI, pydantic,
  slowapi, the proof-of-work check, SQLAlchemy and the drivers), so one process tops out near
  300 a second. Changes made for this run (2026-11-24): the load generator is a small asyncio
  HTTP/1.1 client on uvloop (httpx cost 0.7 of a core, now 0.04); the submission lost three of
  its round trips (no pool pre-ping; the duplicate check is the unique index, not two lookups;
  the key-version check reads one integer); and 8 instead of 40 route threads, because every
  extra thread waiting for the GIL slows each return from a database or Redis call. Together:
  from about 170 to 250 submissions a second and p99 from about 500 to 165 ms.
- **More processes help only with many balanced connections.** `VP_WORKERS=2` (a what-if run
  on 2026-11-24, PostgreSQL) reached 351 submissions a second at concurrency 8 with 1.5 cores
  busy, but at concurrency 32 the kernel had handed most of the bench's 32 keep-alive
  connections to one process: 185 a second, p99 289 ms. Behind a reverse proxy with many client
  connections the load spreads; it also costs memory: 477 MiB summed over the three processes
  (the parent that ran the migrations stays resident). The target stays out of reach of this
  stack on this machine: the remaining step would be async database and Redis access with far
  less per-request Python, a rewrite of the hot path rather than a setting.
- **Argon2 can take both cores.** Two concurrent 64 MiB hashes (about 0.12 s each here) leave
  little for the rest of the service on a 2-core machine and add 128 MiB to the resident set.
  `VP_ARGON2__MAX_CONCURRENCY=1` (try it with `--env`) lowers both, at the cost of slower
  bursts of logins."""
