"""Configuration contract: `.env.example` matches the settings, bad values give one clear line."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
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
        ("HTTP_HOST_INTERVAL_SECONDS", "-1"),
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


def test_host_interval_defaults_to_the_commands_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Unset or empty, HTTP_HOST_INTERVAL_SECONDS leaves each command its pause; set, it wins."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HTTP_HOST_INTERVAL_SECONDS", "")
    assert load_settings().host_interval_s(1.0) == 1.0
    monkeypatch.setenv("HTTP_HOST_INTERVAL_SECONDS", "0.25")
    assert load_settings().host_interval_s(1.0) == 0.25


@pytest.fixture
def ratsbot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Ran]]:
    """Run the CLI in this process (bot.cli.main) in `tmp_path`; restore the logging it sets."""
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    quiet = ("httpx", "httpcore", "apscheduler", "telegram.ext", "tortoise", "aiosqlite")
    levels = {name: logging.getLogger(name).level for name in quiet}

    def run(args: list[str], env: dict[str, str] | None = None) -> Ran:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        try:
            code = main(args)
        except SystemExit as exc:  # argparse: --help
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    yield run
    root.handlers[:], level = saved
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


@dataclass(frozen=True)
class Ran:
    """What one in-process CLI run returned and printed."""

    returncode: int
    stdout: str
    stderr: str


def test_cli_bad_database_url_gives_one_line(ratsbot: Callable[..., Ran]) -> None:
    """`ratsbot migrate` with an unknown DB scheme exits 2 with one line and no traceback."""
    result = ratsbot(["migrate"], {"DATABASE_URL": "oracle://x/y"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_migrate_creates_default_sqlite(ratsbot: Callable[..., Ran], tmp_path: Path) -> None:
    """`ratsbot migrate` on the default DATABASE_URL creates data/ratsbot.sqlite3."""
    env = {"DATABASE_URL": "sqlite://data/ratsbot.sqlite3"}
    result = ratsbot(["migrate"], env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "ratsbot.sqlite3").stat().st_size > 0
    again = ratsbot(["migrate"], env)
    assert again.returncode == 0, again.stderr


def test_cli_help_lists_every_subcommand(ratsbot: Callable[..., Ran]) -> None:
    """`ratsbot --help` names every contract subcommand, each with its own --help."""
    result = ratsbot(["--help"])
    assert result.returncode == 0
    for command in ("run", "fetch", "parse", "search", "demo", "migrate", "status"):
        assert command in result.stdout
        sub = ratsbot([command, "--help"])
        assert sub.returncode == 0, (command, sub.stderr)
    fetch_help = ratsbot(["fetch", "--help"]).stdout
    for flag in ("--once", "--since", "--kommune"):
        assert flag in fetch_help
