"""Which Kommunen this instance serves and polls (I/O: asks servers for their name, starts syncs).

With OPARL_ENDPOINTS set, exactly those Kommunen: each named by the operator (`Name=`), by the
bundled list when its URL is there, or else by its server's Body on first contact ("Stadt
Karlsruhe" → "Karlsruhe", slug "karlsruhe"). /abo resolves only to them.

With OPARL_ENDPOINTS empty, on demand: every bundled Kommune can be subscribed to, and one is polled
once it has a subscription or an operator pins it (OPARL_PINNED). The first subscription starts the
Kommune's first sync at once (history, notifies nobody); a Kommune whose last subscription went
away is polled for `grace` longer (someone who deletes and re-adds keeps the history warm); the
end of that grace is kept in the database (storage.sync_memory), so a restart does not forget it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fetcher.clock import utc_now
from fetcher.endpoints import Endpoint, identified, load_endpoints
from fetcher.http import FetchError, HttpClient
from fetcher.oparl import OParlClient
from storage import kommunen, sync_memory

if TYPE_CHECKING:
    from bot.pipeline.sync import SyncService

log = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(days=7)
IDENTIFY_TIMEOUT_S = 30.0


class Coverage:
    """The Kommunen /abo offers and the poll loop syncs; one per process, shared by both."""

    def __init__(
        self,
        configured: Sequence[Endpoint] = (),
        *,
        bundled: Sequence[Endpoint] | None = None,
        pinned: Iterable[str] = (),
        grace: timedelta = DEFAULT_GRACE,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.on_demand = not configured
        self.configured = tuple(configured)
        self.bundled = load_endpoints() if bundled is None else tuple(bundled)
        self.pinned = frozenset(pinned)
        self.grace = grace
        self.clock = clock
        self.sync: SyncService | None = None
        self._wanted_until: dict[str, datetime] = {}
        self._running: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def offered(self) -> tuple[Endpoint, ...]:
        """Return the Kommunen a subscription may name (a subscription to them can fire); on
        demand, bundled ones marked dead by `ratsbot endpoints check` are left out."""
        if self.on_demand:
            return tuple(e for e in self.bundled if not e.dead)
        return self.configured

    def served_slugs(self) -> frozenset[str]:
        """Return the slugs of the Kommunen offered."""
        return frozenset(e.slug for e in self.offered())

    async def identify(self, http: HttpClient) -> None:
        """Name every configured bare URL after its server's Body; a server that does not answer
        keeps its host name until a later poll reaches it."""
        pending = [e for e in self.configured if e.provisional]
        if not pending:
            return
        named = await asyncio.gather(*(self._identify_one(http, e) for e in pending))
        by_slug = {old.slug: new for old, new in zip(pending, named, strict=True)}
        self.configured = tuple(by_slug.get(e.slug, e) for e in self.configured)
        if self.sync is not None:
            self.sync.endpoints = self.configured

    async def _identify_one(self, http: HttpClient, endpoint: Endpoint) -> Endpoint:
        client = OParlClient(http, source=endpoint.slug)
        try:
            async with asyncio.timeout(IDENTIFY_TIMEOUT_S):
                await client.connect(endpoint.system_urls)
                bodies = await client.bodies()
        except (FetchError, TimeoutError) as exc:
            log.warning("kommune=%s not identified yet: %s", endpoint.slug, exc)
            return endpoint
        if not bodies:
            return endpoint
        body = bodies[0].body
        named = identified(endpoint, body.name, body.short_name)
        log.info("kommune=%s identified as %r (slug %s)", endpoint.slug, named.name, named.slug)
        return named

    async def polled(self) -> tuple[Endpoint, ...]:
        """Return the Kommunen to poll now (on demand: subscribed, pinned or within the grace)."""
        if not self.on_demand:
            return self.configured
        now = self.clock()
        wanted = set(await kommunen.subscribed_kommune_slugs()) | self.pinned
        for slug in wanted:
            self._wanted_until[slug] = now + self.grace
        await sync_memory.keep_polling(wanted, now + self.grace)
        keep = wanted | {slug for slug, until in self._wanted_until.items() if until > now}
        keep |= set(await sync_memory.polled_until(now))
        return tuple(e for e in self.bundled if e.slug in keep)

    async def poll_once(self, http: HttpClient) -> None:
        """Poll every Kommune that should be polled now (one at a time per Kommune)."""
        if self.sync is None:
            return
        await self.identify(http)
        endpoints = await self.polled()
        if self.on_demand:
            self.sync.endpoints = endpoints
        await asyncio.gather(*(self._sync_one(e) for e in endpoints))

    async def _sync_one(self, endpoint: Endpoint) -> None:
        if self.sync is None or endpoint.slug in self._running:
            return
        self._running.add(endpoint.slug)
        try:
            await self.sync.sync_endpoint(endpoint)
        finally:
            self._running.discard(endpoint.slug)

    def start_now(self, slug: str) -> bool:
        """Start the first sync of a Kommune someone just subscribed to (on demand only);
        return whether a sync was started."""
        if not self.on_demand or self.sync is None or slug in self._running:
            return False
        endpoint = next((e for e in self.bundled if e.slug == slug), None)
        if endpoint is None:
            return False
        self._wanted_until[slug] = self.clock() + self.grace
        task = asyncio.create_task(self._sync_one(endpoint))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    def is_syncing(self, slug: str) -> bool:
        """Return whether a sync of the Kommune runs right now."""
        return slug in self._running


async def endpoints_to_fetch(
    configured: Sequence[Endpoint], http: HttpClient, on_demand: bool, pinned: Iterable[str]
) -> tuple[Endpoint, ...]:
    """Return what `ratsbot fetch` syncs: on demand the subscribed and pinned Kommunen, else the
    configured ones with bare URLs named by their servers (as `ratsbot run` names them)."""
    if on_demand:
        return await Coverage(pinned=pinned).polled()
    coverage = Coverage(configured)
    await coverage.identify(http)
    return coverage.configured
