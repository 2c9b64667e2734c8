"""Production refuses placeholder secrets and weakened settings; development says so out loud."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from app.settings import PLACEHOLDER_SECRET, InsecureSettingWarning, Settings

GOOD_SECRET = "s" * 48


def test_production_refuses_the_placeholder_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VP_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="VP_SECRET_KEY"):
        Settings(environment="production")


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"secret_key": "short"}, "VP_SECRET_KEY"),
        ({"staff": {"pbkdf2_min_iterations": 1000}}, "PBKDF2"),
        ({"proof_of_work": {"difficulty": 4}}, "DIFFICULTY"),
        ({"rate_limits": {"enabled": False}}, "rate limits"),
        ({"argon2": {"memory_cost_kib": 1024}}, "MEMORY_COST"),
    ],
)
def test_production_refuses_each_weakened_setting(override: dict[str, object], named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        Settings.model_validate(
            {"environment": "production", "secret_key": GOOD_SECRET, **override}
        )


def test_production_accepts_a_real_secret_and_the_defaults() -> None:
    settings = Settings(environment="production", secret_key=GOOD_SECRET)
    assert settings.insecure_choices() == []


def test_development_announces_insecure_conveniences() -> None:
    with pytest.warns(InsecureSettingWarning, match="VP_SECRET_KEY"):
        settings = Settings(environment="development", secret_key=PLACEHOLDER_SECRET)
    assert settings.secret_key.get_secret_value() == PLACEHOLDER_SECRET


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db/vp")
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/2")
    monkeypatch.setenv("VP_ARGON2__MEMORY_COST_KIB", "131072")
    monkeypatch.setenv("VP_TRUSTED_PROXIES", '["10.0.0.0/8"]')
    settings = Settings(environment="test", secret_key=GOOD_SECRET)
    assert settings.database_url == "postgresql+psycopg://db/vp"
    assert settings.redis_url == "redis://cache:6379/2"
    assert settings.argon2.memory_cost_kib == 131072
    assert settings.trusted_proxies == ["10.0.0.0/8"]


def test_the_secret_never_shows_in_a_repr() -> None:
    settings = Settings(environment="test", secret_key=GOOD_SECRET)
    assert GOOD_SECRET not in repr(settings)


def test_several_processes_need_redis_to_share_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    with pytest.raises(ValidationError, match="REDIS_URL"):
        Settings(environment="test", secret_key=GOOD_SECRET, workers=2)
    settings = Settings(
        environment="test", secret_key=GOOD_SECRET, workers=2, redis_url="redis://cache:6379/0"
    )
    assert settings.workers == 2


def test_help_lines_come_from_the_environment_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    line = {"name": "Eigen lijn", "phone": "+31 (20) 123.45-67", "hours": "ma", "about": "Hulp."}
    monkeypatch.setenv("VP_HELP__LINES", json.dumps([line]))
    monkeypatch.setenv("VP_HELP__ADVISERS_PHONE", "020 765 4321")
    monkeypatch.setenv("VP_HELP__ADVISERS_HOURS", "do 19-23")
    help_settings = Settings(environment="test", secret_key=GOOD_SECRET).help
    assert [(line.name, line.tel) for line in help_settings.lines] == [
        ("Eigen lijn", "+31201234567")
    ]
    assert help_settings.advisers_tel == "0207654321"


@pytest.mark.parametrize(
    "help_settings",
    [
        {"lines": [{"name": "X", "phone": "javascript:alert(1)", "hours": "-", "about": "-"}]},
        {"lines": [{"name": "X", "phone": "12", "hours": "-", "about": "-"}]},
        {"lines": [{"name": "X", "phone": "0800-0188", "hours": "", "about": "-"}]},
        {"advisers_phone": "0800 12+34", "advisers_hours": "ma"},
        {"advisers_phone": "020 765 4321"},
    ],
)
def test_a_help_line_that_cannot_be_dialled_or_lacks_hours_is_refused(
    help_settings: dict[str, object],
) -> None:
    with pytest.raises(ValidationError, match="help"):
        Settings.model_validate({"environment": "test", "help": help_settings})
