"""Probing the bundled endpoints (I/O) and reporting on them (pure): `ratsbot endpoints check`.

For each Kommune: does a System URL answer, which bodies does it list, who made it (vendor,
product), and how new is the newest paper on the first page of the first body's paper list (a
server that lists oldest first shows an old date here: the date is a hint, the System answering
is what counts). A Kommune whose System does not answer is marked dead in the bundle
(`"dead": "<date>: <why>"`) and no longer offered by on-demand bots; a later check that reaches it
removes the mark.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fetcher.endpoints import Endpoint
from fetcher.http import FetchError, HttpClient
from fetcher.oparl import OParlClient

PROBE_TIMEOUT_S = 90.0


@dataclass(frozen=True)
class Probe:
    """What one check of one Kommune found."""

    slug: str
    name: str
    ok: bool
    active_url: str | None = None
    vendor: str | None = None
    product: str | None = None
    bodies: tuple[str, ...] = ()
    newest_paper: date | None = None
    error: str | None = None


async def probe(http: HttpClient, endpoint: Endpoint) -> Probe:
    """Check one Kommune's System, bodies and newest paper; never raises for the server."""
    client = OParlClient(http, source=endpoint.slug)
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_S):
            active = await client.connect(endpoint.system_urls)
            bodies = await client.bodies()
            newest = await _newest_paper(client, bodies[0].paper if bodies else None)
    except (FetchError, TimeoutError) as exc:
        return Probe(endpoint.slug, endpoint.name, ok=False, error=_describe(exc))
    if not bodies:
        return Probe(endpoint.slug, endpoint.name, ok=False, active_url=active, error="no body")
    return Probe(
        endpoint.slug,
        endpoint.name,
        ok=True,
        active_url=active,
        vendor=_text(client.system.get("vendor")),
        product=_text(client.system.get("product")),
        bodies=tuple(b.body.name for b in bodies),
        newest_paper=newest,
    )


async def _newest_paper(client: OParlClient, paper_url: str | None) -> date | None:
    if not paper_url:
        return None
    try:
        async for page in client.iter_papers(paper_url):
            dates = [p.date for p in page.items if p.date is not None]
            return max(dates) if dates else None
    except FetchError:
        return None  # the System answers; a broken paper list is reported, not fatal
    return None


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _describe(exc: BaseException) -> str:
    text = " ".join((str(exc) or type(exc).__name__).split())
    return f"{type(exc).__name__}: {text}"[:300]


def mark_dead(bundle: dict[str, Any], probes: Sequence[Probe], day: date) -> dict[str, Any]:
    """Return the bundle JSON with failing Kommunen marked dead and reachable ones unmarked
    (order and every other field kept; Kommunen not probed stay as they were)."""
    by_slug = {p.slug: p for p in probes}
    entries = []
    for entry in bundle["endpoints"]:
        found = by_slug.get(entry["slug"])
        entry = dict(entry)
        if found is not None and found.ok:
            entry.pop("dead", None)
        elif found is not None:
            entry["dead"] = f"{day.isoformat()}: {found.error}"
        entries.append(entry)
    return {**bundle, "endpoints": entries}


def render_report(probes: Sequence[Probe], day: date) -> str:
    """Return the dated Markdown report of one check."""
    alive = [p for p in probes if p.ok]
    lines = [
        f"# OParl endpoint check, {day.isoformat()}",
        "",
        f"Made with `ratsbot endpoints check` on {day.isoformat()}: {len(alive)} of "
        f"{len(probes)} Kommunen answer. Dead ones are marked in `fetcher/data/endpoints.json` "
        '(`dead`) and not offered by on-demand bots. "Newest paper" is the newest date on the '
        "first page of the paper list (servers listing oldest first show an old date).",
        "",
        "| Kommune | slug | state | vendor | bodies | newest paper | URL answering / error |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in probes:
        state = "ok" if p.ok else "**dead**"
        vendor = (p.product or p.vendor or "").replace("|", "/")[:60]
        newest = p.newest_paper.isoformat() if p.newest_paper else "–"
        where = (p.active_url if p.ok else p.error) or ""
        lines.append(
            f"| {p.name} | {p.slug} | {state} | {vendor} | {len(p.bodies)} | {newest} | "
            f"{where.replace('|', '/')} |"
        )
    return "\n".join(lines) + "\n"
