"""The `ratsbot` command line (I/O): parses arguments, loads settings, dispatches subcommands."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings

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


def _version() -> str:
    from importlib import metadata  # only for --version: `ratsbot parse` stays light

    try:
        return metadata.version("ratsbot")
    except metadata.PackageNotFoundError:
        return "unbekannt (nicht installiert)"


class _VersionAction(argparse.Action):
    """Print the version when asked; read from the package metadata only then."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"ratsbot {_version()}")
        parser.exit()


def _role(value: str) -> str:
    from bot.config import ROLE_PARTS  # only with --role: `ratsbot parse` stays light

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
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="Version zeigen")
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
    # Metadata first: what the OParl server says about the paper wins over what the PDF says.
    parse.add_argument("--paper-type", metavar="ART", help="Vorlagenart laut OParl (paperType)")
    parse.add_argument("--reference", metavar="AZ", help="Aktenzeichen laut OParl")
    parse.add_argument("--name", metavar="BETREFF", help="Betreff laut OParl")
    parse.add_argument(
        "--originator", action="append", default=[], metavar="ORG", help="einreichende Gruppe"
    )
    parse.add_argument(
        "--person", action="append", default=[], metavar="NAME", help="einreichende Person"
    )

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
    search.add_argument(
        "--sort",
        choices=("relevanz", "neu"),
        default="relevanz",
        help="Reihenfolge: relevanz (Standard) oder neu (neueste zuerst)",
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
    stats = sub.add_parser(
        "stats",
        help="offene Anfragen und Antwortzeiten je Kommune und Fraktion zeigen (wie /offen)",
        description="Zählt je Kommune und Fraktion Anfragen, Antworten, offene Anfragen und "
        "die Tage bis zur Antwort – nur wo der Server Antworten mit Anfragen verknüpft.",
    )
    stats.add_argument("--kommune", metavar="NAME", help="nur diese Kommune")
    stats.add_argument("--json", action="store_true", help="als JSON ausgeben (siehe README)")
    endpoints = sub.add_parser(
        "endpoints",
        help="die mitgelieferten OParl-Endpunkte prüfen",
        description="check: fragt jede Kommune der Liste ab (System, Körperschaften, neuestes "
        "Papier, Hersteller) und schreibt docs/endpoints-check-DATUM.md. build: baut "
        "fetcher/data/endpoints.json aus der Registry-Kopie und endpoint-corrections.json.",
    )
    endpoints.add_argument("action", choices=["check", "build"])
    endpoints.add_argument(
        "--registry",
        type=Path,
        default=Path("../shared/fixtures/oparl/endpoints.yml"),
        help="build: Kopie der OParl-Registry (endpoints.yml)",
    )
    endpoints.add_argument("--only", nargs="*", default=[], metavar="SLUG", help="nur diese")
    endpoints.add_argument(
        "--update", action="store_true", help="tote Endpunkte in endpoints.json markieren"
    )
    endpoints.add_argument("--report-dir", type=Path, default=Path("docs"), help="Zielordner")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_CANNOT_RUN
    if args.command == "parse":
        return _cmd_parse(args, as_json=args.json)
    # Imported here: bot.config pulls in the database stack (~0.5 s), which `parse` never needs.
    from bot.config import ConfigError, load_settings
    from bot.logs import setup_logging

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CANNOT_RUN
    setup_logging(settings.log_level)
    from storage.db import DatabaseUnavailable

    try:
        return _dispatch(args, settings)
    except DatabaseUnavailable as exc:  # read-only, unreachable, too slow: one line, exit 2
        print(str(exc), file=sys.stderr)
        return 2
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
    import asyncio  # not at module level: `ratsbot parse` starts without it (ssl, ~0.1 s)

    if args.command == "migrate":
        return asyncio.run(_cmd_migrate(settings))
    if args.command == "run":
        from bot.app import run_forever

        if args.role is not None:
            settings = settings.model_copy(update={"ratsbot_role": args.role})
        return run_forever(settings)
    if args.command == "fetch":
        from bot.pipeline.fetch_command import fetch_command

        return asyncio.run(
            fetch_command(settings, once=args.once, since=args.since, kommune=args.kommune)
        )
    if args.command == "search":
        from bot.ops.search_cli import search_command

        return asyncio.run(
            search_command(
                settings,
                args.query,
                kommune=args.kommune,
                as_json=args.json,
                limit=args.limit,
                newest=args.sort == "neu",
            )
        )
    if args.command == "demo":
        from bot.demo.runner import demo_command

        return demo_command(settings, script=args.script)
    if args.command == "status":
        from bot.ops.status import status_command

        return asyncio.run(status_command(settings, as_json=args.json))
    if args.command == "stats":
        from bot.ops.stats_cli import stats_command

        return asyncio.run(stats_command(settings, kommune=args.kommune, as_json=args.json))
    if args.command == "endpoints":
        from bot.ops.endpoints_cli import build_command, endpoints_check_command

        if args.action == "build":
            return build_command(registry=args.registry)
        return endpoints_check_command(
            report_dir=args.report_dir,
            only=args.only,
            update=args.update,
            allow_networks=settings.http_allow_networks,
        )
    raise AssertionError(args.command)


async def _cmd_migrate(settings: Settings) -> int:
    from storage.db import close_db, open_db, safe_url

    try:
        await open_db(settings.database_url)
    finally:
        await close_db()
    print(f"Datenbank ist auf dem neuesten Stand: {safe_url(settings.database_url)}")
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace, *, as_json: bool) -> int:
    from fetcher.parse import PaperHints, format_parsed, parse_pdf_file

    path: Path = args.file
    if not path.is_file():
        print(f"Datei nicht gefunden: {path}", file=sys.stderr)
        return 2
    hints = PaperHints(
        paper_type=args.paper_type,
        reference=args.reference,
        name=args.name,
        originator_organizations=tuple(args.originator),
        originator_persons=tuple(args.person),
    )
    doc = parse_pdf_file(path, hints=hints)
    if as_json:
        print(json.dumps(doc.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_parsed(doc))
    return 0 if doc.parse_status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
