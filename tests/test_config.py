"""Configuration contract: `.env.example` matches the settings, bad values give one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


def _documented_keys() -> dict[str, str]:
    keys = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            keys[key.strip()] = value.strip()
    return keys


def test_env_example_documents_every_setting() -> None:
    """Every settings key appears in .env.example and nothing else does."""
    aliases = {field.alias for field in Settings.model_fields.values()}
    assert set(_documented_keys()) == aliases


def test_env_example_defaults_match_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The defaults written in .env.example are the ones the settings class uses."""
    monkeypatch.chdir(tmp_path)
    for key in _documented_keys():
        monkeypatch.delenv(key, raising=False)
    settings = load_settings()
    documented = _documented_keys()
    assert documented["DATABASE_URL"] == settings.database_url
    assert documented["TELEGRAM_API_URL"] == settings.telegram_api_url
    assert int(documented["POLL_INTERVAL_SECONDS"]) == settings.poll_interval_seconds
    assert int(documented["MEETING_ALERT_HOURS"]) == settings.meeting_alert_hours
    assert float(documented["TELEGRAM_RATE_LIMIT"]) == settings.telegram_rate_limit
    assert documented["LOG_LEVEL"] == settings.log_level
    assert settings.telegram_base_url == "https://api.telegram.org/bot"
    assert settings.telegram_base_file_url == "https://api.telegram.org/file/bot"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/ratsbot"),
        ("POLL_INTERVAL_SECONDS", "-5"),
        ("MEETING_ALERT_HOURS", "0"),
        ("TELEGRAM_API_URL", "not a url"),
        ("OPARL_ENDPOINTS", "https://ok.example/oparl/system,ftp://bad"),
        ("ADMIN_CHAT_IDS", "12,abc"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_bad_value_names_the_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str, value: str
) -> None:
    """A wrong value raises ConfigError whose single line names the key."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = str(info.value)
    assert key in message
    assert "\n" not in message


def test_lists_are_comma_separated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """OPARL_ENDPOINTS and ADMIN_CHAT_IDS are comma-separated lists."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(
        "OPARL_ENDPOINTS", "https://a.example/oparl/system, https://b.example/oparl/system"
    )
    monkeypatch.setenv("ADMIN_CHAT_IDS", "1, -1002")
    settings = load_settings()
    assert settings.oparl_endpoints == [
        "https://a.example/oparl/system",
        "https://b.example/oparl/system",
    ]
    assert settings.admin_chat_ids == [1, -1002]


def _ratsbot(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_bad_database_url_gives_one_line(tmp_path: Path) -> None:
    """`ratsbot migrate` with an unknown DB scheme exits 2 with one line and no traceback."""
    result = _ratsbot(["migrate"], tmp_path, {"DATABASE_URL": "oracle://x/y"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_migrate_creates_default_sqlite(tmp_path: Path) -> None:
    """`ratsbot migrate` on the default DATABASE_URL creates data/ratsbot.sqlite3."""
    env = {"DATABASE_URL": "sqlite://data/ratsbot.sqlite3"}
    result = _ratsbot(["migrate"], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "ratsbot.sqlite3").stat().st_size > 0
    again = _ratsbot(["migrate"], tmp_path, env)
    assert again.returncode == 0, again.stderr


def test_cli_help_lists_every_subcommand(tmp_path: Path) -> None:
    """`ratsbot --help` names every contract subcommand, each with its own --help."""
    result = _ratsbot(["--help"], tmp_path, {})
    assert result.returncode == 0
    for command in ("run", "fetch", "parse", "search", "demo", "migrate", "status"):
        assert command in result.stdout
        sub = _ratsbot([command, "--help"], tmp_path, {})
        assert sub.returncode == 0, (command, sub.stderr)
    fetch_help = _ratsbot(["fetch", "--help"], tmp_path, {}).stdout
    for flag in ("--once", "--since", "--kommune"):
        assert flag in fetch_help
