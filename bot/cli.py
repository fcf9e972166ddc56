"""The `ratsbot` command line (I/O): parses arguments, loads settings, dispatches subcommands."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.config import ROLE_PARTS, ConfigError, Settings, load_settings
from bot.logs import setup_logging

# Exit codes (docs/operations.md): 0 ok; 1 `status` (and `fetch --once`) sees a failing source,
# `parse` could not read the whole document; 2 cannot run: configuration, database, Telegram.
EXIT_OK = 0
EXIT_SOURCE_FAILING = 1
EXIT_CANNOT_RUN = 2


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"kein Datum im Format JJJJ-MM-TT: {value!r}") from None


def _role(value: str) -> str:
    if value not in ROLE_PARTS:
        raise argparse.ArgumentTypeError(
            f"unbekannte Rolle {value!r} (erlaubt: {', '.join(ROLE_PARTS)})"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand and its plain-words help."""
    parser = argparse.ArgumentParser(
        prog="ratsbot",
        description=(
            "Ratsbot: liest neue Anfragen aus Ratsinformationssystemen (OParl) und schickt sie "
            "per Telegram an alle, die sie abonniert haben."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL")

    run = sub.add_parser(
        "run",
        help="Bot, Abruf und Versand in einem Prozess starten (Produktionsbetrieb)",
        description="Startet den Abruf aller Quellen, den Telegram-Bot und den Versand. "
        "Beenden mit Strg-C oder SIGTERM.",
    )
    run.add_argument(
        "--role",
        type=_role,
        metavar="ROLLE",
        help="nur diesen Teil: all, chat (Telegram, nur ein Prozess), fetch, deliver "
        "(Standard: RATSBOT_ROLE, sonst all)",
    )

    fetch = sub.add_parser(
        "fetch",
        help="Quellen abrufen und in die Datenbank schreiben",
        description="Ruft die konfigurierten OParl-Quellen ab (ohne Telegram).",
    )
    fetch.add_argument("--once", action="store_true", help="nur einen Durchgang, dann beenden")
    fetch.add_argument(
        "--since", type=_iso_date, metavar="JJJJ-MM-TT", help="beim ersten Abruf nur ab diesem Tag"
    )
    fetch.add_argument("--kommune", metavar="NAME", help="nur diese Kommune abrufen")

    parse = sub.add_parser(
        "parse",
        help="eine PDF-Datei lesen und die erkannten Felder zeigen",
        description="Liest eine PDF-Datei (Anfrage, Antwort, Antrag …) und zeigt, was erkannt "
        "wurde.",
    )
    parse.add_argument("file", type=Path, metavar="DATEI.pdf", help="die PDF-Datei")
    parse.add_argument("--json", action="store_true", help="als ein JSON-Objekt ausgeben")

    search = sub.add_parser(
        "search",
        help="in gespeicherten Dokumenten suchen (wie /suche im Bot)",
        description="Durchsucht Titel, Fragen und Volltext, wie /suche im Bot.",
    )
    search.add_argument(
        "query", metavar="SUCHBEGRIFFE", help='Suchbegriffe, z. B. "Schule kommune:Leipzig"'
    )
    search.add_argument("--kommune", metavar="NAME", help="nur in dieser Kommune suchen")
    search.add_argument("--json", action="store_true", help="Treffer als JSON-Liste ausgeben")
    search.add_argument(
        "--limit", type=int, default=10, help="höchstens so viele Treffer (Standard 10)"
    )

    demo = sub.add_parser(
        "demo",
        help="Offline-Vorführung mit lokalen Testservern starten",
        description="Startet einen lokalen OParl-Server und eine lokale Telegram-Attrappe und "
        "lässt Sie mit dem Bot chatten, ganz ohne Internet.",
    )
    demo.add_argument("--script", type=Path, metavar="DATEI", help="Gespräch aus Datei abspielen")

    sub.add_parser(
        "migrate",
        help="Datenbankschema auf den neuesten Stand bringen",
        description="Wendet alle ausstehenden Migrationen an (run und fetch tun das selbst).",
    )
    status = sub.add_parser(
        "status",
        help="Zustand der Quellen, des Versands und der Abos zeigen",
        description="Zeigt je Kommune den letzten erfolgreichen Abruf, Fehler, Warteschlange usw.",
    )
    status.add_argument("--json", action="store_true", help="als JSON ausgeben")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_CANNOT_RUN
    if args.command == "parse":
        return _cmd_parse(args.file, as_json=args.json)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CANNOT_RUN
    setup_logging(settings.log_level)
    try:
        return _dispatch(args, settings)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        line = failure_line(exc, settings)
        if line is None:  # a bug: the traceback is for the report, the exit code says "cannot run"
            traceback.print_exc()
            line = f"Interner Fehler ({type(exc).__name__}), bitte mit der Ausgabe oben melden"
        print(line, file=sys.stderr)
        return EXIT_CANNOT_RUN


def failure_line(exc: BaseException, settings: Settings) -> str | None:
    """Return the one German line for a failure the operator must fix, None for a bug.

    The token never appears in it, even where a library put it into its message.
    """
    from telegram.error import InvalidToken, NetworkError

    from storage.db import DatabaseUnavailable
    from storage.leases import InstanceLocked

    if isinstance(exc, DatabaseUnavailable | InstanceLocked):
        line = str(exc)
    elif isinstance(exc, InvalidToken):
        line = "Telegram lehnt TELEGRAM_BOT_TOKEN ab: Token bei @BotFather prüfen"
    elif isinstance(exc, NetworkError):
        line = (
            f"Telegram nicht erreichbar ({settings.telegram_api_url}): "
            f"{' '.join(exc.message.split())[:200]} – Netzwerk prüfen"
        )
    else:
        return None
    token = settings.telegram_bot_token
    if token is not None and token.get_secret_value():
        line = line.replace(token.get_secret_value(), "***")
    return line


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "migrate":
        return asyncio.run(_cmd_migrate(settings))
    if args.command == "run":
        from bot.app import run_forever

        if args.role is not None:
            settings = settings.model_copy(update={"ratsbot_role": args.role})
        return run_forever(settings)
    if args.command == "fetch":
        from bot.pipeline.sync import fetch_command

        return asyncio.run(
            fetch_command(settings, once=args.once, since=args.since, kommune=args.kommune)
        )
    if args.command == "search":
        from bot.ops.search_cli import search_command

        return asyncio.run(
            search_command(
                settings, args.query, kommune=args.kommune, as_json=args.json, limit=args.limit
            )
        )
    if args.command == "demo":
        from bot.demo.runner import demo_command

        return demo_command(settings, script=args.script)
    if args.command == "status":
        from bot.ops.status import status_command

        return asyncio.run(status_command(settings, as_json=args.json))
    raise AssertionError(args.command)


async def _cmd_migrate(settings: Settings) -> int:
    from storage.db import close_db, open_db, safe_url

    try:
        await open_db(settings.database_url)
    finally:
        await close_db()
    print(f"Datenbank ist auf dem neuesten Stand: {safe_url(settings.database_url)}")
    return EXIT_OK


def _cmd_parse(path: Path, *, as_json: bool) -> int:
    from fetcher.parse import format_parsed, parse_pdf_file

    if not path.is_file():
        print(f"Datei nicht gefunden: {path}", file=sys.stderr)
        return 2
    doc = parse_pdf_file(path)
    if as_json:
        print(json.dumps(doc.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_parsed(doc))
    return 0 if doc.parse_status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
