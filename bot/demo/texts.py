"""The demo's terminal chat: German texts, reading input lines, showing bot messages. Pure, no I/O.

A bot message is shown as its visible text with link targets written out ("label <url>") and
its callback buttons numbered ("[1] Label"); typing a number (or "[Label]") presses the button.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

BOT_PREFIX = "🤖 "
INDENT = "   "
NOTE_PREFIX = "· "
USER_PROMPT = "> "

INTRO = """\
Ratsbot-Demo – alles läuft auf diesem Rechner, ohne Internet.
Ein lokaler OParl-Server liefert echte Papiere aus Leipzig und Karlsruhe, eine lokale
Telegram-Attrappe spielt Telegram; der Bot selbst ist derselbe wie bei `ratsbot run`."""

HELP = """\
Schreiben Sie wie in Telegram, z. B. /start, /abo Leipzig Grüne oder /suche Schule.
Knöpfe: eine Zahl drückt den Knopf [n] der letzten Nachricht mit Knöpfen.
Demo-Befehle:
  !neu      Leipzig veröffentlicht eine neue Anfrage (F-00724/14 der Grünen)
  !sitzung  eine Ratsversammlung morgen wird angekündigt (Sitzungserinnerung)
  !karlsruhe  Karlsruhe veröffentlicht eine Anfrage der AfD (echter Text, neu nummeriert)
  !antwort  die Verwaltung beantwortet sie (echte Stellungnahme)
  !hilfe    diese Hinweise
  /quit     beenden (oder Strg-C)"""

DEMO_COMMANDS = (
    "Nur in der Demo: !neu, !sitzung, !karlsruhe, !antwort, !hilfe und /quit (siehe !hilfe)."
)
STARTING = "Lokale Server starten, erster Abruf der Ratsinformationssysteme …"
READY = "Bereit: {counts} – als Vorgeschichte übernommen, ohne Benachrichtigung."
READY_WITHOUT_HISTORY = "Bereit, ohne Vorgeschichte (RATSBOT_DEMO_HISTORY=0)."
READY_COUNT = "{name} {n} Papiere und {meetings} Sitzungen"
PUBLISHING_INQUIRY = (
    "Leipzig veröffentlicht die Anfrage F-00724/14 „{title}“ (Fraktion Bündnis 90/Die Grünen). "
    "Der Bot ruft den OParl-Server ab …"
)
INQUIRY_ALREADY = "Die Anfrage F-00724/14 ist schon veröffentlicht."
NO_PUSH = (
    "Keine Nachricht: kein Abo passt zu dieser Anfrage (/abo Leipzig Grüne hätte gepasst). "
    "Ansehen können Sie sie mit /anfrage F-00724/14."
)
PUBLISHING_MEETING = (
    "Leipzig kündigt die Ratsversammlung für {when} im Neuen Rathaus an, "
    "mit der Anfrage F-00724/14 auf der Tagesordnung …"
)
MEETING_ALREADY = "Die Ratsversammlung ist schon angekündigt."
PUBLISHING_KARLSRUHE = (
    "Karlsruhe veröffentlicht die echte Anfrage 2026/0297 der AfD-Fraktion noch einmal, als "
    "{reference}. Der Bot ruft den OParl-Server ab …"
)
KARLSRUHE_ALREADY = "Die Karlsruher Anfrage ist schon veröffentlicht."
PUBLISHING_ANSWER = (
    "Die Karlsruher Verwaltung hängt ihre echte Stellungnahme an {reference} an. "
    "Der Bot ruft den OParl-Server ab …"
)
ANSWER_ALREADY = "Die Antwort ist schon veröffentlicht."
NO_ALERT = (
    "Keine Sitzungserinnerung: sie geht an alle, die Leipzig abonniert haben "
    "(z. B. /abo Leipzig Grüne)."
)
NO_REPLY = "(keine Antwort)"
NO_BUTTONS = "Keine Nachricht mit Knöpfen – eine Zahl drückt einen Knopf [n]."
NO_SUCH_BUTTON = "Diesen Knopf gibt es nicht: {choice}"
UNKNOWN_ACTION = "Den Demo-Befehl {word} kenne ich nicht. !hilfe zeigt alle."
EDITED = "(bearbeitet) "
TOAST = "💬 "
BYE = "Demo beendet."
FAILED = "Die Demo ist abgebrochen: {error} (Einzelheiten im Protokoll ratsbot.log)"
SCRIPT_MISSING = "Skript nicht gefunden: {path}"
FIXTURES_MISSING = (
    "Die Demo braucht die echten Testdaten in {path} (../shared/fixtures neben dem Repository; "
    "anderer Ort: RATSBOT_SHARED_DIR)."
)
FPDF_MISSING = "Die Demo braucht fpdf2 (Entwicklungspakete): bitte `make install` ausführen."


@dataclass(frozen=True)
class ShownButton:
    """One inline button as shown: label, and callback data or URL."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Shown:
    """A bot message rendered for the terminal, and the buttons its numbers press."""

    lines: tuple[str, ...]
    choices: tuple[ShownButton, ...]


@dataclass(frozen=True)
class Input:
    """One line the person typed, classified.

    kind: "skip" (blank or comment), "quit", "text" (goes to the bot), "press" (a button by
    number or label), "action" (a demo command such as !neu).
    """

    kind: str
    value: str = ""


def classify_input(line: str) -> Input:
    """Return what a typed (or scripted) line asks for."""
    text = line.strip()
    if not text or text.startswith("#"):
        return Input("skip")
    if text.lower() in ("/quit", "/exit", "!quit", "!ende"):
        return Input("quit")
    if text.isdigit():
        return Input("press", text)
    if text.startswith("[") and text.endswith("]") and len(text) > 2:
        return Input("press", text[1:-1].strip())
    if text.startswith("!"):
        return Input("action", text[1:].strip().lower())
    return Input("text", text)


def pick_button(choices: Sequence[ShownButton], choice: str) -> ShownButton | None:
    """Return the button a number (1-based) or a label names, or None."""
    if choice.isdigit():
        index = int(choice) - 1
        return choices[index] if 0 <= index < len(choices) else None
    wanted = choice.casefold()
    for button in choices:
        if button.text.casefold() == wanted:
            return button
    return None


def with_link_targets(text: str, entities: Sequence[Mapping[str, Any]]) -> str:
    """Return the visible text with " <url>" after every text link (offsets are UTF-16)."""
    links = sorted(
        (e for e in entities if e.get("type") == "text_link" and e.get("url")),
        key=lambda e: int(e["offset"]) + int(e["length"]),
        reverse=True,
    )
    units = text.encode("utf-16-le")
    for entity in links:
        end = (int(entity["offset"]) + int(entity["length"])) * 2
        target = f" <{entity['url']}>".encode("utf-16-le")
        units = units[:end] + target + units[end:]
    return units.decode("utf-16-le")


def show_message(
    text: str,
    entities: Sequence[Mapping[str, Any]],
    rows: Sequence[Sequence[ShownButton]],
    *,
    edited: bool = False,
    width: int | None = None,
) -> Shown:
    """Render a bot message: text with links, then one line per button row."""
    body = with_link_targets(text, entities).rstrip("\n").split("\n")
    if edited:
        body[0] = EDITED + body[0]
    lines = [(BOT_PREFIX if n == 0 else INDENT) + line for n, line in enumerate(body)]
    if width is not None:
        lines = [wrapped for line in lines for wrapped in _wrap(line, width)]
    choices: list[ShownButton] = []
    for row in rows:
        labels = []
        for button in row:
            if button.callback_data is not None:
                choices.append(button)
                labels.append(f"[{len(choices)}] {button.text}")
            elif button.url:
                labels.append(f"↗ {button.text} <{button.url}>")
        if labels:
            lines.append(INDENT + "   ".join(labels))
    return Shown(tuple(lines), tuple(choices))


def note(text: str) -> str:
    """Return a line the demo itself says (not the bot)."""
    return NOTE_PREFIX + text


def _wrap(line: str, width: int) -> list[str]:
    if len(line) <= width:
        return [line]
    return textwrap.wrap(
        line,
        width,
        subsequent_indent=INDENT,
        break_long_words=False,
        break_on_hyphens=False,
        drop_whitespace=True,
    ) or [line]


def script_lines(text: str) -> list[str]:
    """Return the lines of a demo script that do something (no blanks, no # comments)."""
    return [line.strip() for line in text.splitlines() if classify_input(line).kind != "skip"]
