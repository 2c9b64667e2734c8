"""The one place that reads configuration from the environment.

Every value comes from an environment variable (prefix ``VP_``; nested groups use ``__``, e.g.
``VP_ARGON2__MEMORY_COST_KIB``). ``DATABASE_URL`` and ``REDIS_URL`` are also read without the prefix
because operators expect those names. Production refuses placeholder secrets and insecure shortcuts;
development announces them with :class:`InsecureSettingWarning`.
"""

from __future__ import annotations

import re
import warnings
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.errors import N_

# Not a secret: the marker production refuses (Settings.insecure_choices).
PLACEHOLDER_SECRET = "development-only-placeholder-secret-do-not-use-in-production"  # noqa: S105
DEFAULT_DATA_DIR = Path("var")


class InsecureSettingWarning(UserWarning):
    """A development convenience is active that production refuses."""


class Argon2Settings(BaseModel):
    # RFC 9106 second recommended option (64 MiB, t=3, p=4) trimmed to p=1: logins are rare and
    # the bound on concurrent hashes below keeps memory predictable on a small server.
    time_cost: int = Field(3, ge=1)
    memory_cost_kib: int = Field(65536, ge=8)
    parallelism: int = Field(1, ge=1)
    # How many Argon2 computations may run at once; the rest wait without holding a thread.
    max_concurrency: int = Field(2, ge=1)


class ProofOfWorkSettings(BaseModel):
    """Adaptive proof of work on anonymous writes (T6); the formula is in docs/decisions.md."""

    # The floor, asked when the service is quiet: leading zero bits of SHA-256. 18 bits is about
    # 260 000 hashes, a second or two on a phone.
    difficulty: int = Field(18, ge=0, le=32)
    # The ceiling: each bit doubles a phone's wait, and 22 bits is already 16 times the floor.
    max_difficulty: int = Field(22, ge=0, le=32)
    # Accepted writes per minute (whole service) at which one bit more is asked; every doubling
    # of the rate beyond it asks one more, up to the ceiling.
    raise_at_writes_per_minute: int = Field(6, ge=1)
    ttl_seconds: int = Field(600, ge=30)
    # The difficulty's hashes are split over this many small puzzles (a power of two up to 64):
    # the wait of one big puzzle varies as much as its mean, that of k puzzles by 1/sqrt(k) of it.
    # 32 keeps the slowest of twenty reporters within a third above the mean, for 32 hashes of
    # checking (docs/decisions.md, docs/benchmarks.md).
    puzzles: int = Field(32, ge=1, le=64)

    @model_validator(mode="after")
    def _ceiling_above_floor(self) -> ProofOfWorkSettings:
        if self.max_difficulty < self.difficulty:
            raise ValueError("VP_PROOF_OF_WORK__MAX_DIFFICULTY is below __DIFFICULTY")
        return self

    @field_validator("puzzles")
    @classmethod
    def _power_of_two(cls, value: int) -> int:
        if value & (value - 1):
            raise ValueError("VP_PROOF_OF_WORK__PUZZLES must be a power of two")
        return value


class SessionSettings(BaseModel):
    idle_minutes: int = Field(30, ge=1)
    absolute_hours: int = Field(12, ge=1)
    # The console logs out and wipes the keys from the browser after this long without activity.
    console_lock_minutes: int = Field(10, ge=1)


class RateLimitSettings(BaseModel):
    """Per-address limits for staff and partner routes, and global caps for reporter routes.

    The limit strings (``limits`` notation) apply per client key: a keyed hash of the address, or
    of its /64 for IPv6. Reporter routes have no per-address state at all (R1); they share the
    global caps below, kept in process memory and split evenly over ``VP_WORKERS`` processes.
    """

    enabled: bool = True
    login: str = "10/minute"
    enrolment: str = "10/minute"
    partner_api: str = "300/minute"
    # The console shells for staff and partners (/staff/, /staff/enrol, /partner/).
    console: str = "120/minute"
    # The key that hashes addresses is derived anew for every period of this length.
    secret_rotation_seconds: int = Field(3600, ge=60)
    # Reporter writes through the API (reports, mailbox answers and erasures), whole service:
    # accepted per minute (429 beyond) and at once (503 beyond).
    reporter_writes_per_minute: int = Field(60, ge=1)
    reporter_writes_in_flight: int = Field(16, ge=1)
    # Mailbox reads through the API; the credential is a 96-bit secret, so no proof of work.
    mailbox_reads_per_minute: int = Field(600, ge=1)
    mailbox_reads_in_flight: int = Field(16, ge=1)
    # Form posts of the pages without JavaScript (no proof of work possible): their own caps,
    # so a flood there cannot starve the JavaScript path.
    no_js_posts_per_minute: int = Field(20, ge=1)
    no_js_posts_in_flight: int = Field(4, ge=1)

    @classmethod
    def rule_names(cls) -> tuple[str, ...]:
        """The names of the limits themselves (the fields holding a limit string)."""
        return tuple(name for name, f in cls.model_fields.items() if f.annotation is str)

    @classmethod
    def cap_names(cls) -> tuple[str, ...]:
        """The names of the global caps on reporter routes."""
        return tuple(name for name in cls.model_fields if name.endswith(("_minute", "_flight")))


class StaffSettings(BaseModel):
    pbkdf2_min_iterations: int = Field(600_000, ge=1)
    enrolment_hours: int = Field(72, ge=1)
    totp_issuer: str = "Vertrouwenspunt"
    recovery_codes: int = Field(10, ge=4, le=20)


class LoginThrottleSettings(BaseModel):
    """The per-account delay after failed logins (T7): growing, capped, never a lock-out."""

    # Failed logins allowed without any wait: a typo or two must not slow a VP down.
    free_failures: int = Field(3, ge=1)
    # After that, the n-th failure makes the next attempt wait base * 2^(n - free_failures) ...
    base_seconds: int = Field(1, ge=1)
    # ... but never longer than this: an attacker can slow a VP down, not lock them out.
    cap_seconds: int = Field(900, ge=1)
    # Failures this long ago are forgotten, so the state of names nobody uses can be dropped.
    forget_after_seconds: int = Field(86_400, ge=60)


class RetentionSettings(BaseModel):
    """How long data is kept (R7); ``app.retention`` deletes or closes what is older."""

    # A closed case and everything tied to it is deleted this long after it was closed.
    closed_case_days: int = Field(365, ge=1)
    # A mailbox with no new report or message for this long is closed: the reporter's receipt
    # stops working and the copies sealed to the reporter are deleted; the case stays.
    inactive_mailbox_days: int = Field(180, ge=1)
    # A signal delivery is deleted this long after the partner acknowledged it ...
    acknowledged_signal_days: int = Field(180, ge=1)
    # ... or, when the partner never acknowledged it, this long after the signal was written.
    unacknowledged_signal_days: int = Field(365, ge=1)
    # Run the purge inside the service every this many minutes; 0 leaves it to an external
    # scheduler calling ``vertrouwenspunt purge`` (cron, a systemd timer).
    schedule_minutes: int = Field(0, ge=0, le=7 * 24 * 60)


class SignalSettings(BaseModel):
    """When queued signals go out to partners: in batches at fixed times of day (R5)."""

    # Local times of day, comma-separated, in ``time_zone``. A batch shares its release time,
    # so a partner or a server thief cannot tell a signal's moment of writing within the batch.
    release_times: str = "08:30,12:30,16:30"
    time_zone: str = "Europe/Amsterdam"
    # Release at those times from inside each service process (safe with several: the queue
    # is claimed under a lock). Off: an external scheduler runs ``vertrouwenspunt release-signals``.
    release_in_service: bool = True

    @field_validator("release_times")
    @classmethod
    def _valid_times(cls, value: str) -> str:
        parsed = sorted(
            {time.fromisoformat(part.strip()) for part in value.split(",") if part.strip()}
        )
        if not parsed or any(t.second or t.microsecond or t.tzinfo for t in parsed):
            raise ValueError("release_times must be one or more HH:MM times, comma-separated")
        return ",".join(t.strftime("%H:%M") for t in parsed)

    @field_validator("time_zone")
    @classmethod
    def _valid_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @property
    def times(self) -> tuple[time, ...]:
        return tuple(time.fromisoformat(part) for part in self.release_times.split(","))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class FiguresSettings(BaseModel):
    # Counts below k are suppressed (R8). Two is the least that keeps a single case hidden.
    k: int = Field(5, ge=2)


class PictureSettings(BaseModel):
    """Pictures posted without JavaScript, which the server decodes to clean them."""

    # Pixels of all pictures in one post together, read from their headers before any is decoded:
    # ten photos of a 12-megapixel phone camera. Decoding costs time in proportion to pixels.
    max_total_pixels: int = Field(120_000_000, ge=1)
    # Pictures decoded at once in one service process; other posts wait for a turn without
    # holding a thread, a database connection or a lock. One keeps a core free for everyone else.
    max_concurrent_decodes: int = Field(1, ge=1, le=32)


class ReportFormSettings(BaseModel):
    """The forms of the pages without JavaScript."""

    # A form's one-use token is valid this long after the form was opened, rounded up to the full
    # hour (R3). Until then, reloading the receipt page shows the same receipt again; a longer time
    # gives a reporter longer to fill in a form, and anyone who gets at the browser's history
    # longer to have the receipt shown again.
    token_minutes: int = Field(60, ge=5, le=24 * 60)


# What a help line's number may look like: digits with spaces, hyphens, dots or brackets between
# them, optionally a leading + (E.164). Only the digits (and the +) go into the tel: link.
_PHONE = re.compile(r"\+?[0-9][0-9 ().-]*")


class HelpLine(BaseModel):
    """One help line on the danger page, for someone who will not call the police."""

    model_config = {"frozen": True}

    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(min_length=3, max_length=30)
    hours: str = Field(min_length=1, max_length=160)
    about: str = Field(min_length=1, max_length=300)

    @field_validator("phone")
    @classmethod
    def _dialable(cls, value: str) -> str:
        return _valid_phone(value)

    @property
    def tel(self) -> str:
        return _tel(self.phone)


def _valid_phone(value: str) -> str:
    value = value.strip()
    digits = sum(character.isdigit() for character in value)
    if not _PHONE.fullmatch(value) or not 3 <= digits <= 15:
        raise ValueError(
            "a phone number is 3 to 15 digits, optionally with a leading + and spaces or hyphens"
        )
    return value


def _tel(phone: str) -> str:
    return "".join(character for character in phone if character.isdigit() or character == "+")


# The built-in lines; their hours and descriptions are message ids, so the danger page shows them
# in the reporter's language. Sources and the date they were checked: docs/decisions.md. An
# operator must verify them before going live.
DAY_AND_NIGHT = N_("Day and night, every day")
DEFAULT_HELP_LINES = (
    HelpLine(
        name="Centrum Seksueel Geweld",
        phone="0800-0188",
        hours=DAY_AND_NIGHT,
        about=N_(
            "After rape or sexual assault, also long ago: medical care and support. Free. "
            "Going to the police is your own choice."
        ),
    ),
    HelpLine(
        name="Veilig Thuis",
        phone="0800-2000",
        hours=DAY_AND_NIGHT,
        about=N_(
            "Violence or abuse by a partner, family member or someone close to you. Free. "
            "You can ask for advice without giving your name."
        ),
    ),
    HelpLine(
        name="Slachtofferhulp Nederland",
        phone="0900-0101",
        hours=N_("See their website for the opening hours"),
        about=N_("Support after any crime, also when you do not go to the police."),
    ),
)
ADVISERS_NAME = N_("Our confidential advisers")
ADVISERS_ABOUT = N_(
    "Talk to one of us about what happened. To hide your number, dial #31# before it."
)


class HelpSettings(BaseModel):
    """Help lines on the danger page, shown after 112 for someone who will not call the police."""

    # A JSON list of {name, phone, hours, about}; set, it replaces the built-in lines, and its
    # texts are shown as given in every language. An empty list shows none.
    lines: tuple[HelpLine, ...] = DEFAULT_HELP_LINES
    # The advisers' own line, shown first of all help lines; nothing is shown while it is unset.
    advisers_phone: str | None = None
    advisers_hours: str | None = Field(None, min_length=1, max_length=160)

    @field_validator("advisers_phone")
    @classmethod
    def _dialable(cls, value: str | None) -> str | None:
        return None if value is None else _valid_phone(value)

    @model_validator(mode="after")
    def _hours_with_the_number(self) -> HelpSettings:
        if self.advisers_phone and not self.advisers_hours:
            raise ValueError("VP_HELP__ADVISERS_PHONE needs VP_HELP__ADVISERS_HOURS")
        return self

    @property
    def advisers_tel(self) -> str | None:
        return _tel(self.advisers_phone) if self.advisers_phone else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="VP_", env_nested_delimiter="__", extra="ignore", frozen=True
    )

    environment: Literal["development", "test", "production"] = "development"
    secret_key: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    database_url: str = Field(
        f"sqlite:///{DEFAULT_DATA_DIR / 'vertrouwenspunt.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "VP_DATABASE_URL"),
    )
    redis_url: str | None = Field(None, validation_alias=AliasChoices("REDIS_URL", "VP_REDIS_URL"))
    base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    # Addresses of reverse proxies whose X-Forwarded-For is believed; empty means none is.
    trusted_proxies: list[str] = []
    onion_location: str | None = None
    # Where the reporter pages' quick exit goes: a neutral, common site.
    quick_exit_url: str = "https://www.weeronline.nl/"
    max_request_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    # Service processes. More than one needs Redis: proof-of-work spends and the staff and partner
    # rate-limit counters must be shared, or each process would keep its own. The global caps on
    # reporter routes stay in each process's memory, each enforcing 1/workers of them (R3).
    workers: int = Field(1, ge=1, le=32)
    # Threads per process that run the synchronous routes. Few are better than anyio's default
    # of 40: they all share one interpreter lock, and every extra one that waits for it makes
    # each database and Redis round trip slower (docs/benchmarks.md).
    worker_threads: int = Field(8, ge=1, le=1000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    argon2: Argon2Settings = Argon2Settings()
    proof_of_work: ProofOfWorkSettings = ProofOfWorkSettings()
    sessions: SessionSettings = SessionSettings()
    rate_limits: RateLimitSettings = RateLimitSettings()
    staff: StaffSettings = StaffSettings()
    login_throttle: LoginThrottleSettings = LoginThrottleSettings()
    retention: RetentionSettings = RetentionSettings()
    figures: FiguresSettings = FiguresSettings()
    pictures: PictureSettings = PictureSettings()
    report_form: ReportFormSettings = ReportFormSettings()
    signals: SignalSettings = SignalSettings()
    help: HelpSettings = HelpSettings()

    @model_validator(mode="after")
    def _workers_share_redis(self) -> Settings:
        if self.workers > 1 and not self.redis_url:
            raise ValueError("VP_WORKERS above 1 needs REDIS_URL: the processes share state there")
        return self

    @model_validator(mode="after")
    def _refuse_insecure_production(self) -> Settings:
        problems = self.insecure_choices()
        if problems and self.environment == "production":
            raise ValueError("refused in production: " + "; ".join(problems))
        if problems and self.environment == "development":
            for problem in problems:
                warnings.warn(problem, InsecureSettingWarning, stacklevel=2)
        return self

    def insecure_choices(self) -> list[str]:
        problems = []
        secret = self.secret_key.get_secret_value()
        if secret == PLACEHOLDER_SECRET or len(secret) < 32:
            problems.append("VP_SECRET_KEY is the placeholder or shorter than 32 characters")
        if self.staff.pbkdf2_min_iterations < 600_000:
            problems.append("VP_STAFF__PBKDF2_MIN_ITERATIONS is below 600000")
        if self.proof_of_work.difficulty < 12:
            problems.append("VP_PROOF_OF_WORK__DIFFICULTY is below 12 bits")
        if not self.rate_limits.enabled:
            problems.append("rate limits are disabled")
        if self.argon2.memory_cost_kib < 19 * 1024:
            problems.append("VP_ARGON2__MEMORY_COST_KIB is below the OWASP minimum of 19 MiB")
        return problems


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
