"""The feed server in `ratsbot run` (I/O: HTTP, database reads). Read-only.

    GET /feed/<token>.atom   new papers of one subscription (same matching as the pushes)
    GET /feed/<token>.ics    meetings of its Kommune with their agenda inquiries
    GET /kommune/<slug>.atom  new papers of a Kommune
    GET /kommune/<slug>.ics   meetings of a Kommune

Every document is built once and kept in memory with its ETag until the data changes: the sync
calls `data_changed()` when it stores a paper (bot/app.py wires it), `/feed neu` calls `forget()`
for the old token, and after `max_age_s` (1 hour: meetings moved, a day passed) a document is
built anew anyway. So 1,000 readers polling every 10 minutes cost one query set per feed and
change, not per request (docs/benchmarks.md). A reader sending If-None-Match gets 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from aiohttp import web

from bot.feeds import atom, ical
from bot.pipeline.volume import kinds_for, matching_papers
from fetcher.model import KINDS
from storage.feeds import (
    FeedSubscription,
    kommune_by_slug,
    meetings_between,
    recent_papers,
    subscription_by_token,
)

if TYPE_CHECKING:
    from storage.models import Paper

log = logging.getLogger(__name__)

ENTRIES = 50
# Newest papers looked at for a subscription's feed; a rare keyword may match none of them.
CANDIDATES = 400
PAST = dt.timedelta(days=30)
AHEAD = dt.timedelta(days=120)
MAX_CACHED = 5000
TITLE_SUBSCRIPTION = "Ratsbot: {label}"
TITLE_KOMMUNE = "Ratsbot: {kommune}"
EVERY_KOMMUNE = "alle Kommunen"


@dataclass
class _Cached:
    body: bytes
    etag: str
    content_type: str
    expires: float
    generation: int


@dataclass
class FeedStats:
    """Requests answered and documents built (each build reads the database)."""

    requests: int = 0
    builds: int = 0
    not_modified: int = 0
    not_found: int = 0


def _entry(paper: Paper) -> atom.FeedEntry:
    updated = paper.updated_at or dt.datetime.combine(
        paper.date or dt.date(1970, 1, 1), dt.time(), dt.UTC
    )
    questions = paper.questions if isinstance(paper.questions, list) else []
    factions = paper.factions if isinstance(paper.factions, list) else []
    return atom.FeedEntry(
        entry_id=paper.oparl_id,
        title=paper.title,
        updated=updated,
        kommune=paper.kommune.name,
        kind=paper.kind,
        reference=paper.reference,
        factions=tuple(str(f) for f in factions),
        url=paper.web_url or paper.pdf_url,
        summary=paper.summary,
        questions=tuple(str(q) for q in questions if isinstance(q, str)),
    )


def subscription_label(sub: FeedSubscription) -> str:
    """Return "Stadt Leipzig · Bündnis 90/Die Grünen · Anfrage" for a feed's title."""
    parts = [sub.kommune_name or EVERY_KOMMUNE]
    parts += [p for p in (sub.row.faction, sub.row.keyword) if p]
    parts.append(sub.row.kind)
    return " · ".join(parts)


@dataclass
class FeedServer:
    """Serve the feeds from memory, rebuilding a document at most every `ttl_s` seconds."""

    base_url: str
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    max_age_s: float = 3600.0
    # Readers are told to come back after this long (Cache-Control).
    poll_hint_s: int = 600
    monotonic: Callable[[], float] = time.monotonic
    stats: FeedStats = field(default_factory=FeedStats)
    generation: int = 0
    _cache: OrderedDict[str, _Cached] = field(default_factory=OrderedDict)
    _runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        """Return the aiohttp application with the four routes."""
        application = web.Application()
        application.router.add_get("/feed/{token}.{fmt}", self._subscription)
        application.router.add_get("/kommune/{slug}.{fmt}", self._kommune)
        return application

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port; return the port (useful with port 0)."""
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        addresses = self._runner.addresses
        return int(addresses[0][1]) if addresses else port

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def data_changed(self) -> None:
        """Mark every cached document stale (a paper was stored)."""
        self.generation += 1

    def forget(self, token: str) -> None:
        """Drop the cached documents of a subscription token (replaced by /feed neu)."""
        for key in [k for k in self._cache if f"/feed/{token}." in k]:
            del self._cache[key]

    async def on_paper_stored(
        self,
        notify: Callable[..., Awaitable[int]],
        paper_id: int,
        *,
        created: bool,
        backfill: bool,
    ) -> int:
        """Call the notifier, then mark the feeds stale (the sync's `notify` hook)."""
        try:
            return await notify(paper_id, created=created, backfill=backfill)
        finally:
            self.data_changed()

    @property
    def uid_host(self) -> str:
        return urlsplit(self.base_url).hostname or "ratsbot"

    async def _serve(
        self,
        request: web.Request,
        key: str,
        content_type: str,
        build: Callable[[], Awaitable[bytes | None]],
    ) -> web.StreamResponse:
        self.stats.requests += 1
        now = self.monotonic()
        cached = self._cache.get(key)
        if cached is None or cached.expires <= now or cached.generation != self.generation:
            body = await build()
            self.stats.builds += 1
            if body is None:
                self.stats.not_found += 1
                raise web.HTTPNotFound(text="Unbekannter Feed.\n")
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            cached = _Cached(body, etag, content_type, now + self.max_age_s, self.generation)
            self._cache[key] = cached
            self._cache.move_to_end(key)
            while len(self._cache) > MAX_CACHED:
                self._cache.popitem(last=False)
        headers = {"ETag": cached.etag, "Cache-Control": f"max-age={self.poll_hint_s}"}
        if request.headers.get("If-None-Match") == cached.etag:
            self.stats.not_modified += 1
            return web.Response(status=304, headers=headers)
        return web.Response(body=cached.body, headers={**headers, "Content-Type": content_type})

    async def _subscription(self, request: web.Request) -> web.StreamResponse:
        token, fmt = request.match_info["token"], request.match_info["fmt"]
        if fmt not in ("atom", "ics"):
            raise web.HTTPNotFound()
        url = f"{self.base_url}/feed/{token}.{fmt}"
        if fmt == "atom":
            return await self._serve(
                request, url, atom.CONTENT_TYPE, lambda: self._subscription_atom(token, url)
            )
        return await self._serve(
            request, url, ical.CONTENT_TYPE, lambda: self._subscription_ical(token)
        )

    async def _kommune(self, request: web.Request) -> web.StreamResponse:
        slug, fmt = request.match_info["slug"], request.match_info["fmt"]
        if fmt not in ("atom", "ics"):
            raise web.HTTPNotFound()
        url = f"{self.base_url}/kommune/{slug}.{fmt}"
        if fmt == "atom":
            return await self._serve(
                request, url, atom.CONTENT_TYPE, lambda: self._kommune_atom(slug, url)
            )
        return await self._serve(request, url, ical.CONTENT_TYPE, lambda: self._kommune_ical(slug))

    async def _subscription_atom(self, token: str, url: str) -> bytes | None:
        sub = await subscription_by_token(token)
        if sub is None:
            return None
        row = sub.row
        papers = await recent_papers(row.kommune_id, kinds_for(row.kind), CANDIDATES)
        matching = (await matching_papers(row, papers))[:ENTRIES]
        return atom.render_atom(
            feed_id=f"{self.base_url}/feed/{row.id}",
            title=TITLE_SUBSCRIPTION.format(label=subscription_label(sub)),
            self_url=url,
            entries=[_entry(p) for p in matching],
            generated_at=self.clock(),
        )

    async def _subscription_ical(self, token: str) -> bytes | None:
        sub = await subscription_by_token(token)
        if sub is None:
            return None
        now = self.clock()
        meetings = (
            await meetings_between(sub.row.kommune_id, now - PAST, now + AHEAD)
            if sub.row.kommune_id is not None
            else []
        )
        return ical.render_ical(
            name=TITLE_SUBSCRIPTION.format(label=subscription_label(sub)),
            kommune=sub.kommune_name or EVERY_KOMMUNE,
            meetings=meetings,
            generated_at=now,
            uid_host=self.uid_host,
        )

    async def _kommune_atom(self, slug: str, url: str) -> bytes | None:
        kommune = await kommune_by_slug(slug)
        if kommune is None:
            return None
        papers = await recent_papers(int(kommune.id), KINDS, ENTRIES)
        return atom.render_atom(
            feed_id=f"{self.base_url}/kommune/{slug}",
            title=TITLE_KOMMUNE.format(kommune=kommune.name),
            self_url=url,
            entries=[_entry(p) for p in papers],
            generated_at=self.clock(),
        )

    async def _kommune_ical(self, slug: str) -> bytes | None:
        kommune = await kommune_by_slug(slug)
        if kommune is None:
            return None
        now = self.clock()
        meetings = await meetings_between(int(kommune.id), now - PAST, now + AHEAD)
        return ical.render_ical(
            name=TITLE_KOMMUNE.format(kommune=kommune.name),
            kommune=kommune.name,
            meetings=meetings,
            generated_at=now,
            uid_host=self.uid_host,
        )
