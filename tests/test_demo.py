"""`ratsbot demo`: the scripted conversation end to end (the installed wheel), Ctrl-C, rendering."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.demo.runner import DEMO_HISTORY_ENV, DEMO_QUIET_ENV, quiet_seconds
from bot.demo.texts import (
    Input,
    ShownButton,
    classify_input,
    pick_button,
    script_lines,
    show_message,
    with_link_targets,
)
from standins.fixtures import SHARED_DIR_ENV
from tests.fixtures_path import SHARED, TEXT_FIXTURES
from tests.installed import Installed

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "docs" / "demo-script.txt"
SEED = TEXT_FIXTURES / "politik-bei-uns-leipzig-F-00724-14.txt"
TIMEOUT_S = 300  # a safety net for a stuck demo, generous for a loaded machine
# The bot's silence after which the demo takes an answer as complete (the demo's own: 0.8 s).
QUIET_S = "0.3"
# Read off the seed document (F-00724/14, questions 2, 3 and 4).
QUESTION_FRAGMENTS = (
    "Welche Rolle kommt dabei der Aktivierung der Ressourcen der Bürgerinnen und Bürger zu?",
    "mit einer Hochschule, Fachrichtung Sozialwissenschaften, angedacht oder angebahnt?",
    "Stellenanteile zur Koordinierungs- und Netzwerkarbeit zur Verfügung zu stellen?",
)
# Karlsruhe papers since September 2025 (the demo's Karlsruhe history) with "Schul" in the
# title, read off oparl/karlsruhe/papers/*.json.
KARLSRUHE_SCHOOL_TITLES = (
    "Schulbusverkehr von Hohenwettersbach",
    "Auswirkungen sinkender Geburtenzahlen auf die städtische Kita- und Schulplanung",
    "Geplanter Containerabbau an der Riedschule Rüppurr",
)


def _env(demo_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "RATSBOT_DEMO_DIR": str(demo_dir),
        "PYTHONIOENCODING": "utf-8",
        DEMO_QUIET_ENV: QUIET_S,
    }


def _turns(transcript: str) -> dict[str, str]:
    """Split a transcript into user line → what followed until the next user line."""
    turns: dict[str, str] = {}
    current: str | None = None
    for line in transcript.splitlines():
        if line.startswith("> "):
            current = line[2:]
            turns[current] = ""
        elif current is not None:
            turns[current] += line + "\n"
    return turns


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def demo_run(demo_dir: Path, installed_wheel: Installed) -> subprocess.CompletedProcess[str]:
    """Play the scripted demo with the installed wheel, from a directory outside the repository."""
    env = {**_env(demo_dir), SHARED_DIR_ENV: str(SHARED)}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(installed_wheel.ratsbot), "demo", "--script", str(SCRIPT)],
        cwd=demo_dir,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT_S,
        check=False,
    )


@pytest.fixture(scope="module")
def turns(demo_run: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return _turns(demo_run.stdout)


def test_script_runs_to_the_end_and_exits_cleanly(
    demo_run: subprocess.CompletedProcess[str],
) -> None:
    """The scripted demo plays every line, says goodbye and exits 0 without errors."""
    assert demo_run.returncode == 0, demo_run.stderr
    assert "Traceback" not in demo_run.stderr
    assert demo_run.stdout.rstrip().endswith("Demo beendet.")
    for line in script_lines(SCRIPT.read_text("utf-8")):
        assert f"\n> {line}\n" in demo_run.stdout


def test_start_shows_the_welcome(turns: dict[str, str]) -> None:
    """/start answers with the welcome and its numbered buttons."""
    assert "Willkommen beim Ratsbot!" in turns["/start"]
    assert "[1] 📬 Abo anlegen" in turns["/start"]


def test_subscription_is_confirmed_as_the_green_faction(turns: dict[str, str]) -> None:
    """/abo Leipzig Grüne subscribes Leipzig's faction Bündnis 90/Die Grünen."""
    confirmation = turns["/abo Leipzig Grüne"]
    assert "Abo angelegt: Stadt Leipzig · Fraktion Bündnis 90/Die Grünen" in confirmation


def test_search_lists_real_karlsruhe_titles(turns: dict[str, str]) -> None:
    """/suche Schule lists real papers of the Karlsruhe fixture."""
    found = [t for t in KARLSRUHE_SCHOOL_TITLES if t in turns["/suche Schule"]]
    assert len(found) >= 2, turns["/suche Schule"]


def test_a_typo_gets_the_word_the_index_knows(turns: dict[str, str]) -> None:
    """/suche Schuhle finds nothing and offers "Schule" from the index vocabulary, with a button."""
    answer = turns["/suche Schuhle"]
    assert "Nichts gefunden" in answer
    assert "Meinten Sie: Schule?" in answer
    assert "🔎 Schule (" in answer


def test_new_inquiry_is_pushed_with_questions_and_pdf(turns: dict[str, str]) -> None:
    """!neu publishes F-00724/14 and its push shows title, faction, questions and the PDF link."""
    seed = " ".join(SEED.read_text("utf-8").split())
    push = turns["!neu"]
    assert "📄 Anfrage · Stadt Leipzig" in push
    assert "Gemeinwesenarbeit – Vernetzung – Synergie" in push
    assert "F-00724/14 · Bündnis 90/Die Grünen" in push
    for fragment in QUESTION_FRAGMENTS:
        assert fragment in seed  # the expectation comes from the document itself
        assert fragment in " ".join(push.split())
    assert re.search(r"PDF <http://127\.0\.0\.1:\d+/\S+id=1011112>", push), push


def test_pushed_inquiry_names_the_demo_meeting_not_the_2014_one(turns: dict[str, str]) -> None:
    """The re-published 2014 inquiry is dated today and names the Ratsversammlung !sitzung sets."""
    push = turns["!neu"]
    assert "10.12.2014" not in push
    meeting_line = re.search(r"Sitzung: Ratsversammlung (\d\d\.\d\d\.\d{4})", push)
    assert meeting_line is not None, push
    announced = re.search(r"Ratsversammlung für \w+, (\d\d\.\d\d\.\d{4})", turns["!sitzung"])
    assert announced is not None, turns["!sitzung"]
    assert meeting_line.group(1) == announced.group(1)


def test_answer_push_shows_the_answers_and_folds_the_questions(turns: dict[str, str]) -> None:
    """!antwort: the follower gets "Zu 1.: …" from the real Stellungnahme, then the questions."""
    assert "✓ Antwort abonniert" in turns["[Antwort abonnieren]"]
    answer = turns["!antwort"]
    assert "✅ Antwort auf Anfrage · Stadt Karlsruhe" in answer
    # Read off file-contents/678136.txt of the Karlsruhe fixture (answer 1 and 8).
    assert "Zu 1.: Die Stadt Karlsruhe hat den Stadtjugendausschuss e.V. Karlsruhe" in answer
    assert "Zu 8.: Siehe 5." in answer
    assert answer.index("Zu 1.:") < answer.index("Die Fragen")


def test_search_folds_the_answer_under_its_inquiry(turns: dict[str, str]) -> None:
    """Karlsruhe 2025/1090 and its Stellungnahme are one hit, marked answered."""
    found = turns["/suche Hundekotbeutelausgabe"]
    assert "🔎 1 Treffer" in found
    assert "✅ beantwortet" in found


def test_ratsversammlung_triggers_the_meeting_alert(turns: dict[str, str]) -> None:
    """!sitzung announces tomorrow's Ratsversammlung and the alert lists the inquiry."""
    alert = turns["!sitzung"]
    assert "📅 Ratsversammlung · Stadt Leipzig" in alert
    assert "Neues Rathaus" in alert
    assert "Gemeinwesenarbeit – Vernetzung – Synergie" in alert


def test_subscribing_previews_the_last_30_days(turns: dict[str, str]) -> None:
    """/abo Karlsruhe counts the demo's inquiry 2026/9297 and its answer, both published today."""
    assert (
        "Dieses Abo hätte in den letzten 30 Tagen 2 Papiere geliefert." in turns["/abo Karlsruhe"]
    )
    # No stored Leipzig paper is from the last 30 days (the demo's "!neu" comes later).
    assert (
        "Dieses Abo hätte in den letzten 30 Tagen nichts geliefert."
        in (turns["/abo Leipzig Grüne"])
    )


def test_quiet_hours_switch_in_abos(turns: dict[str, str]) -> None:
    """/abos offers quiet hours 22–7 Uhr; the switch confirms and the listing shows them."""
    assert "🌙 Ruhezeit 22–7 Uhr einschalten" in turns["/abos"]
    switched = turns["[🌙 Ruhezeit 22–7 Uhr einschalten]"]
    assert "Zwischen 22 und 7 Uhr warten Nachrichten und kommen danach gesammelt." in switched
    assert "Ruhezeit: 22–7 Uhr (Nachrichten warten bis danach)." in switched


def test_stop_deletes_after_confirmation(turns: dict[str, str]) -> None:
    """/stop asks first; pressing the confirm button edits the question into the confirmation."""
    assert "Wirklich alles löschen?" in turns["/stop"]
    assert "[1] Ja, alles löschen" in turns["/stop"]
    assert (
        "Erledigt: alle Abos und Daten dieses Chats sind gelöscht."
        in (turns["[Ja, alles löschen]"])
    )


def test_demo_writes_into_its_data_dir(
    demo_run: subprocess.CompletedProcess[str], demo_dir: Path
) -> None:
    """The demo keeps its database, PDFs and log under RATSBOT_DEMO_DIR."""
    assert demo_run.returncode == 0
    assert (demo_dir / "pdfs" / "F-00724-14.pdf").is_file()
    assert (demo_dir / "ratsbot.sqlite3").is_file()
    assert "ratsbot running" in (demo_dir / "ratsbot.log").read_text("utf-8")


async def test_interactive_demo_exits_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    """Typed lines reach the bot, a number presses a button, and Ctrl-C (SIGINT) exits 0.

    Without the history import (RATSBOT_DEMO_HISTORY=0): the chat needs none, and the scripted
    run above imports it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "demo",
        cwd=REPO,
        env={**_env(tmp_path), DEMO_HISTORY_ENV: "0"},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    seen = b""

    async def read_until(text: str) -> None:
        nonlocal seen
        assert process.stdout is not None
        while text.encode() not in seen:
            chunk = await process.stdout.read(4096)
            assert chunk, seen.decode()
            seen += chunk

    try:
        async with asyncio.timeout(TIMEOUT_S):
            await read_until("/quit     beenden")
            assert "Bereit, ohne Vorgeschichte" in seen.decode()
            process.stdin.write(b"/start\n")
            await read_until("[3] ❓ Alle Befehle")
            process.stdin.write(b"3\n")
            await read_until("So benutzen Sie den Ratsbot")
            process.send_signal(signal.SIGINT)
            out, err = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, err.decode()
    assert (seen + out).decode().rstrip().endswith("Demo beendet.")


def test_text_links_get_their_target_written_out() -> None:
    """A text link's URL follows its label; offsets count UTF-16 units, as Telegram's do."""
    text = "📄 Anfrage\nPDF · Quelle"
    entities = [
        {"type": "bold", "offset": 0, "length": 10},
        {"type": "text_link", "offset": 11, "length": 3, "url": "http://x/a.pdf"},
        {"type": "text_link", "offset": 17, "length": 6, "url": "http://x/p"},
    ]
    assert with_link_targets(text, entities) == (
        "📄 Anfrage\nPDF <http://x/a.pdf> · Quelle <http://x/p>"
    )


def test_buttons_are_numbered_and_url_buttons_are_not() -> None:
    """Callback buttons get [n] across rows; URL buttons show their target without a number."""
    rows = [
        [ShownButton("Antwort abonnieren", "f:1"), ShownButton("Ähnliche", "s:1")],
        [ShownButton("Im Ratsinfo", url="https://example.org/vo020")],
        [ShownButton("weitere ›", "p:2")],
    ]
    shown = show_message("Titel\nZeile", [], rows)
    assert shown.lines == (
        "🤖 Titel",
        "   Zeile",
        "   [1] Antwort abonnieren   [2] Ähnliche",
        "   ↗ Im Ratsinfo <https://example.org/vo020>",
        "   [3] weitere ›",
    )
    assert pick_button(shown.choices, "3") == ShownButton("weitere ›", "p:2")
    assert pick_button(shown.choices, "ähnliche") == ShownButton("Ähnliche", "s:1")
    assert pick_button(shown.choices, "4") is None


def test_input_lines_are_classified() -> None:
    """Commands go to the bot, numbers and [labels] press buttons, !words are demo actions."""
    assert classify_input("  /abo Leipzig Grüne ") == Input("text", "/abo Leipzig Grüne")
    assert classify_input("2") == Input("press", "2")
    assert classify_input("[Ja, alles löschen]") == Input("press", "Ja, alles löschen")
    assert classify_input("!Neu") == Input("action", "neu")
    assert classify_input("/quit") == Input("quit")
    assert classify_input("# Kommentar") == Input("skip")
    assert script_lines("# a\n\n/start\n  1\n") == ["/start", "1"]


def test_quiet_setting_falls_back_to_the_default() -> None:
    """RATSBOT_DEMO_QUIET_S takes positive seconds; empty, zero or garbage keep the 0.8 s."""
    assert quiet_seconds("0.3") == 0.3
    assert quiet_seconds("") == quiet_seconds("0") == quiet_seconds("schnell") == 0.8
