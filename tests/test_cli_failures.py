"""Every CLI command fails with one German line and a documented exit code (issue #13).

Most cases run the CLI in this process (`bot.cli.main`, as `python -m bot` does) in an empty
working directory, so nothing from the repository's `.env` or `data/` is read or written; the
one against the Bot API stand-in runs `python -m bot` as a real process (in this process, the
client PTB opened before the 401 would be left for the garbage collector: the next test's
unraisable-exception warning).
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.ops.status import render_status_html
from bot.pipeline import fetch_command
from fetcher.http import HttpClient, RetryPolicy
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from standins.telegram_api import TelegramAPI
from standins.telegram_html import parse_html
from storage.health import Health, SourceHealth
from tests import test_config
from tests.serving import serving
from tests.test_config import Ran

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [["run"], ["fetch", "--once"], ["status"], ["search", "Schule"], ["migrate"]]
WRONG_TOKEN = "987654321:AAH-this-token-is-wrong-and-secret-xyz"
CLEARED = ("TELEGRAM_", "DATABASE_", "OPARL_", "ADMIN_", "POLL_")
in_process = test_config.ratsbot  # the in-process CLI fixture (bot.cli.main)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(in_process: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The in-process CLI with the environment `_ratsbot` gives a process: no settings of this
    machine, the wrong token, loopback allowed; `fetch` retries without pauses and paces no
    host (the same requests and failures, without the waits)."""

    def fast_client(**kwargs: Any) -> HttpClient:
        return HttpClient(**{**kwargs, "per_host_interval_s": 0.0, "retry": RetryPolicy.fast()})

    monkeypatch.setattr(fetch_command, "HttpClient", fast_client)
    for key in list(os.environ):
        if key.startswith(CLEARED):
            monkeypatch.delenv(key)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", WRONG_TOKEN)
    # The local OParl stand-in is on loopback, which the fetcher refuses unless allowed.
    monkeypatch.setenv("HTTP_ALLOW_NETWORKS", LOCAL_NETWORKS)

    def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
        with pytest.MonkeyPatch.context() as only_this_run:
            for key, value in env.items():
                only_this_run.setenv(key, value)
            ran = in_process(list(args))
        return ran.returncode, ran.stdout, ran.stderr

    return run


async def _ratsbot(cwd: Path, env: dict[str, str], *args: str) -> tuple[int, str, str]:
    """Run `python -m bot ARGS` as a real process; return exit code, stdout and stderr."""
    full_env = {key: value for key, value in os.environ.items() if not key.startswith(CLEARED)}
    full_env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": WRONG_TOKEN,
            "HTTP_ALLOW_NETWORKS": LOCAL_NETWORKS,
            **env,
        }
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=full_env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    return proc.returncode if proc.returncode is not None else -1, out.decode(), err.decode()


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_unreachable_database_is_one_line(cli: Cli, command: list[str]) -> None:
    """A PostgreSQL server that does not answer: exit 2, one line, no password."""
    url = f"postgres://ratsbot:geheim@127.0.0.1:{_closed_port()}/ratsbot"
    code, out, err = cli(
        {"DATABASE_URL": url, "OPARL_ENDPOINTS": "http://127.0.0.1:1/oparl"}, *command
    )
    assert code == 2
    line = _one_line(err)
    assert line.startswith("Datenbank nicht erreichbar (postgres://ratsbot:***@127.0.0.1:")
    assert "geheim" not in out + err


@pytest.mark.parametrize("command", [*COMMANDS, ["parse", "x.pdf"]], ids=lambda c: c[0])
def test_bad_configuration_is_one_german_line(cli: Cli, command: list[str]) -> None:
    """A value pydantic cannot read becomes one German line naming the key; exit 2."""
    for key, value, expected in [
        ("POLL_INTERVAL_SECONDS", "zehn", "Konfigurationsfehler in POLL_INTERVAL_SECONDS: keine"),
        ("ADMIN_CHAT_IDS", "12,abc", "Konfigurationsfehler in ADMIN_CHAT_IDS (Eintrag 2): keine"),
        ("TELEGRAM_BOT_TOKEN", '"123:abc', "Konfigurationsfehler in TELEGRAM_BOT_TOKEN:"),
    ]:
        code, _, err = cli({key: value}, *command)
        if command[0] == "parse":  # reads no settings: only the missing file counts
            assert (code, _one_line(err)) == (2, "Datei nicht gefunden: x.pdf")
            continue
        assert code == 2
        assert _one_line(err).startswith(expected)
        assert "Input should" not in err
        assert "123:abc" not in err


def test_status_and_search_never_create_a_database(cli: Cli, tmp_path: Path) -> None:
    """`status` and `search` in a directory without the database refuse it and create nothing."""
    for command in (["status"], ["search", "Schule"]):
        code, _, err = cli({}, *command)
        assert code == 2
        assert _one_line(err).startswith("SQLite-Datenbank data/ratsbot.sqlite3 gibt es nicht")
    assert list(tmp_path.iterdir()) == []


def test_sqlite_in_a_missing_directory_tree_is_refused(cli: Cli, tmp_path: Path) -> None:
    """A path whose parent's parent is missing (a typo) is refused by every command; `migrate`
    creates the database's own directory (the default `data/`) and the file."""
    deep = {"DATABASE_URL": f"sqlite://{tmp_path / 'typo' / 'data' / 'r.sqlite3'}"}
    for command in (["migrate"], ["fetch", "--once"], ["status"]):
        code, _, err = cli(deep, *command)
        assert code == 2
        assert "gibt es nicht" in _one_line(err)
    assert not (tmp_path / "typo").exists()
    code, out, err = cli({}, "migrate")
    assert code == 0, err
    assert (tmp_path / "data" / "ratsbot.sqlite3").is_file()
    code, out, err = cli({}, "status")
    assert code == 0, err
    assert out.startswith("Quellen:")


async def test_wrong_token_is_one_line_and_never_printed(tmp_path: Path) -> None:
    """`run` with a token Telegram rejects (the stand-in answers 401): exit 2, token not shown."""
    async with TelegramAPI() as api:
        code, out, err = await _ratsbot(
            tmp_path,
            {"TELEGRAM_API_URL": api.url, "OPARL_ENDPOINTS": "http://127.0.0.1:1/oparl"},
            "run",
        )
    assert code == 2
    assert _one_line(err) == "Telegram lehnt TELEGRAM_BOT_TOKEN ab: Token bei @BotFather prüfen"
    assert WRONG_TOKEN.split(":")[1] not in out + err


def test_no_network_is_one_line(cli: Cli) -> None:
    """`run` without a reachable Telegram exits 2 with one line."""
    port = _closed_port()
    code, out, err = cli(
        {
            "TELEGRAM_API_URL": f"http://127.0.0.1:{port}",
            "OPARL_ENDPOINTS": f"http://127.0.0.1:{port}/oparl/system",
        },
        "run",
    )
    assert code == 2
    assert _one_line(err).startswith(f"Telegram nicht erreichbar (http://127.0.0.1:{port}):")
    assert WRONG_TOKEN.split(":")[1] not in out + err


def test_no_source_reachable_is_one_line(cli: Cli) -> None:
    """`fetch --once` with no source reachable ends with one German line and exit 1."""
    port = _closed_port()
    code, _, err = cli(
        {"OPARL_ENDPOINTS": f"Testkommune=http://127.0.0.1:{port}/oparl/system"}, "fetch", "--once"
    )
    assert code == 1
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("Abruf fehlgeschlagen: keine der 1 Quellen erreichbar (testkommune)")
    )


def test_status_exit_codes(cli: Cli) -> None:
    """`status` exits 0 with every source fine and 1 once a source failed (a real fetch)."""
    with serving(lambda: OParlServer("karlsruhe")) as server:
        env = {"OPARL_ENDPOINTS": f"Stadt Karlsruhe={server.system_url}"}
        code, _, err = cli(env, "fetch", "--once", "--since", "2026-11-01")
        assert code == 0, err
        code, out, err = cli({}, "status")
        assert (code, "FEHLER" in out) == (0, False), err
    code, _, err = cli(env, "fetch", "--once")  # the server is gone now
    assert code == 1
    code, out, _ = cli({}, "status")
    assert code == 1
    assert "FEHLER seit" in out


def test_status_report_is_cut_before_escaping() -> None:
    """A /status report longer than a message is cut between lines, never inside an entity:
    Telegram's HTML parser (the stand-in's) accepts it."""
    now = datetime(2026, 11, 29, tzinfo=UTC)
    sources = tuple(
        SourceHealth(
            source=f"kommune-{n}",
            name=f"Stadt & Land {n}",
            active_url=None,
            last_success_at=now,
            last_error='<html> & "Fehler" ' * 12,
            last_error_at=now,
            failing_since=now,
            consecutive_failures=3,
            next_attempt_at=None,
            papers_total=n,
            papers_today=0,
            parse_failures=0,
        )
        for n in range(60)
    )
    report = Health(sources, 0, 0, 0, 1, 0, 1, 0)
    html_text = render_status_html(report)
    assert len(html_text) <= 4096
    parsed = parse_html(html_text)
    assert parsed.text.startswith("Ratsbot-Status\nQuellen:")
    assert parsed.text.endswith("\n…")
    assert "&amp;" not in parsed.text  # every entity decoded, none cut in half
