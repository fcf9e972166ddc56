"""Operator status (pure rendering + the `ratsbot status` command): sources, outbox, audience."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fetcher.clock import utc_now
from storage.health import Health, SourceHealth

if TYPE_CHECKING:
    from bot.config import Settings


def _when(value: datetime | None) -> str:
    if value is None:
        return "nie"
    return value.astimezone(UTC).strftime("%d.%m.%Y %H:%M UTC")


def _source_line(source: SourceHealth) -> str:
    state = (
        "OK" if not source.consecutive_failures else f"FEHLER seit {_when(source.failing_since)}"
    )
    line = (
        f"{source.name} ({source.source}): {state}; "
        f"letzter Erfolg {_when(source.last_success_at)}; "
        f"Papiere {source.papers_total} (heute {source.papers_today}); "
        f"nicht lesbar {source.parse_failures}"
    )
    if not source.first_sync_done:
        line += f"; Erstabruf läuft in Etappen (bisher {source.papers_total} Papiere)"
    if source.records_skipped:
        line += f"; übersprungen (fehlerhafte Daten) {source.records_skipped}"
    if source.capped_polls:
        line += f"; {source.capped_polls} Abrufe in Folge über der Obergrenze neuer Papiere"
    if source.last_error:
        line += f"\n    letzter Fehler: {source.last_error[:200]}"
    return line


def render_status_text(health: Health) -> str:
    """Return the plain-text status report (CLI)."""
    lines = ["Quellen:"]
    lines += [f"  {_source_line(s)}" for s in health.sources] or ["  (noch keine Quelle abgerufen)"]
    lines += [
        f"Versand: {health.outbox_pending} wartend, {health.outbox_inflight} unterwegs, "
        f"{health.outbox_failed} fehlgeschlagen (dauerhafte Ursache)",
        f"Chats: {health.chats_active} aktiv, {health.chats_inactive} inaktiv; "
        f"Abos: {health.subscriptions}; verborgene Papiere: {health.hidden_papers}",
    ]
    if health.delivery_failing_since is not None:
        lines.insert(
            -1,
            f"  Zustellung GESTÖRT seit {_when(health.delivery_failing_since)}: "
            f"{(health.delivery_error or 'unbekannt')[:200]}",
        )
    return "\n".join(lines)


def render_status_html(health: Health) -> str:
    """Return the status report for Telegram (HTML, escaped, ≤ 4096 characters)."""
    return f"<b>Ratsbot-Status</b>\n{html.escape(_shortened(render_status_text(health)))}"


def _shortened(text: str, max_escaped: int = 4000) -> str:
    """Return the text cut (before escaping, so no entity is split) to fit once escaped."""
    if len(html.escape(text)) <= max_escaped:
        return text
    kept: list[str] = []
    used = len("\n…")
    for line in text.split("\n"):
        size = len(html.escape(line)) + 1
        if used + size > max_escaped:
            break
        kept.append(line)
        used += size
    return "\n".join(kept) + "\n…"


def render_source_alert(source: str, failing_since: datetime, error: str | None) -> str:
    """Return the one admin message for a source failing for more than a day (HTML)."""
    return (
        f"⚠️ <b>Quelle {html.escape(source)} fällt seit {_when(failing_since)} aus.</b>\n"
        f"Letzter Fehler: {html.escape((error or 'unbekannt')[:500])}\n"
        "Ratsbot versucht es weiter; diese Meldung kommt nur einmal."
    )


def health_json(health: Health) -> dict[str, Any]:
    """Return the status as JSON-ready data."""

    def default(value: object) -> object:
        return value.isoformat() if isinstance(value, datetime) else value

    return json.loads(json.dumps(asdict(health), default=default))  # type: ignore[no-any-return]


async def status_command(settings: Settings, *, as_json: bool) -> int:
    """Run `ratsbot status`: print the health report; exit 1 when a source is failing."""
    from storage.db import close_db, open_db
    from storage.health import health

    await open_db(settings.database_url, create=False)  # never creates a database
    try:
        report = await health(utc_now())
    finally:
        await close_db()
    if as_json:
        print(json.dumps(health_json(report), ensure_ascii=False, indent=2))
    else:
        print(render_status_text(report))
    return 1 if any(s.consecutive_failures for s in report.sources) else 0
