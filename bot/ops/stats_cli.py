"""`ratsbot stats [--kommune NAME] [--json]`: answer figures for journalists (I/O: DB, stdout).

The JSON (documented in README.md) carries the same figures as `/offen` in the chat; keys whose
value is unknown are left out rather than set to a guess.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.ops.answer_stats import GroupFigures, KommuneStats, all_stats
from fetcher.clock import BERLIN, utc_now

if TYPE_CHECKING:
    from bot.config import Settings


def _figures_json(figures: GroupFigures) -> dict[str, Any]:
    data: dict[str, Any] = {
        "inquiries": figures.inquiries,
        "answered": figures.answered,
        "open": figures.open,
    }
    if figures.median_days is not None:
        data["median_days_to_answer"] = figures.median_days
    if figures.within_deadline is not None:
        data["answered_within_deadline_share"] = round(figures.within_deadline, 4)
    return data


def kommune_json(stats: KommuneStats) -> dict[str, Any]:
    """Return one Kommune's figures as JSON-ready data."""
    data: dict[str, Any] = {
        "kommune": stats.kommune.name,
        "slug": stats.kommune.slug,
        "links_answers": stats.links_answers,
        "inquiries_total": stats.total_inquiries,
    }
    if not stats.links_answers or stats.figures is None:
        return data
    if stats.answers_since is not None:
        data["answers_linked_since"] = stats.answers_since.isoformat()
    if stats.deadline_days is not None:
        data["deadline_days"] = stats.deadline_days
    data |= _figures_json(stats.figures)
    data["factions"] = [
        {"faction": name or None, **_figures_json(figures)} for name, figures in stats.factions
    ]
    data["open_inquiries"] = [
        {
            "reference": item.row.reference,
            "title": item.row.title,
            "date": item.row.date.isoformat() if item.row.date else None,
            "factions": list(item.row.factions),
            "days_waiting": item.days_waiting,
            "url": item.row.web_url,
        }
        for item in stats.open
    ]
    return data


def stats_json(stats: list[KommuneStats], today: date) -> dict[str, Any]:
    """Return the whole `ratsbot stats --json` document."""
    return {"date": today.isoformat(), "kommunen": [kommune_json(s) for s in stats]}


def stats_text(stats: list[KommuneStats]) -> str:
    """Return the plain-text report (German, like the chat)."""
    from bot.messages.open_inquiries import figures_line, not_linked_line

    lines: list[str] = []
    for item in stats:
        lines.append(item.kommune.name)
        if not item.links_answers or item.figures is None:
            lines.append("  " + not_linked_line(item))
            continue
        lines.append("  " + figures_line("insgesamt", item.figures))
        lines += ["  " + figures_line(name, figures) for name, figures in item.factions]
    return "\n".join(lines) or "Keine Anfragen gespeichert."


async def stats_command(settings: Settings, *, kommune: str | None, as_json: bool) -> int:
    """Run `ratsbot stats`: print the figures; exit 2 for an unknown Kommune."""
    from storage.db import close_db, open_db
    from storage.stats import inquiry_rows, kommune_rows

    today = utc_now().astimezone(BERLIN).date()
    await open_db(settings.database_url)
    try:
        kommunen = await kommune_rows()
        if kommune is not None:
            wanted = kommune.strip().lower()
            kommunen = [
                k
                for k in kommunen
                if wanted in (k.slug, k.name.lower()) or k.name.lower().endswith(" " + wanted)
            ]
            if not kommunen:
                print(f"Kommune nicht gefunden: {kommune}", file=sys.stderr)
                return 2
        rows = await inquiry_rows([k.kommune_id for k in kommunen])
    finally:
        await close_db()
    stats = all_stats(kommunen, rows, today)
    if as_json:
        print(json.dumps(stats_json(stats, today), ensure_ascii=False, indent=2))
    else:
        print(stats_text(stats))
    return 0
