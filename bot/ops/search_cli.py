"""`ratsbot search`: run a /suche query against the database and print hits (I/O: DB, stdout)."""

from __future__ import annotations

import dataclasses
import json
import sys

from bot.config import Settings
from storage import search as search_index
from storage.db import close_db, open_db
from storage.query import QueryError, parse_query
from storage.search import SearchHit, SearchResult

NOTHING_FOUND = "Nichts gefunden."
HEADER = "{total} Treffer für „{query}“:"
HEADER_CAPPED = "Mehr als {total} Treffer für „{query}“, hier die besten:"


def render_hits(result: SearchResult, query: str) -> str:
    """Return the hits as a readable German list (the plain-text form of /suche)."""
    if not result.hits:
        return NOTHING_FOUND
    header = HEADER_CAPPED if result.total_capped else HEADER
    lines = [header.format(total=result.total, query=query.strip()), ""]
    for n, hit in enumerate(result.hits, 1):
        lines.append(f"{n}. {_headline(hit)}")
        lines.append(f"   {hit.title}")
        if hit.factions:
            lines.append(f"   Fraktionen: {', '.join(hit.factions)}")
        if hit.snippet:
            lines.append(f"   {hit.snippet}")
        if hit.web_url or hit.pdf_url:
            lines.append(f"   {hit.web_url or hit.pdf_url}")
        lines.append("")
    return "\n".join(lines).rstrip()


def _headline(hit: SearchHit) -> str:
    parts = [hit.kind if hit.kind != "sonstiges" else "Dokument"]
    if hit.reference:
        parts[0] += f" {hit.reference}"
    parts.append(hit.kommune)
    if hit.date:
        parts.append(hit.date.strftime("%d.%m.%Y"))
    return " · ".join(parts)


async def search_command(
    settings: Settings,
    query: str,
    *,
    kommune: str | None,
    as_json: bool,
    limit: int,
    newest: bool = False,
) -> int:
    """Run one search and print it; return the exit code (2 for a query the user must fix)."""
    try:
        parsed = parse_query(query)
    except QueryError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if kommune:
        parsed = dataclasses.replace(parsed, kommune=kommune)
    await open_db(settings.database_url, create=False)  # bot/cli.py reports a failure
    try:
        order = search_index.ORDER_NEWEST if newest else search_index.ORDER_RELEVANCE
        result = await search_index.search(parsed, limit=max(1, min(limit, 100)), order=order)
    except QueryError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        await close_db()
    if as_json:
        print(json.dumps([hit.as_json() for hit in result.hits], ensure_ascii=False, indent=2))
    else:
        print(render_hits(result, query))
    return 0
