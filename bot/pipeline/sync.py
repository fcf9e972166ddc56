"""The poll → store → notify job (I/O): sync every configured Kommune from OParl into the database.

Per Kommune and poll: connect (first System URL that answers), upsert bodies and factions, walk
the paper list from its newest end until a run of known papers (filters are only an
optimisation), re-read papers changed since the watermark, finish every unprocessed paper
(download → parse in the worker pool → store → queue notifications) and sync meetings. Failures
are caught per Kommune: logged, kept in SyncState, retried later with a growing pause. A record
that cannot be stored (storage.poison: over-long field, wrong type, clashing id) is caught per
record: logged once with its id, counted in its list's SyncState, and the poll goes on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bot.pipeline.documents import DocumentReader, describe
from bot.pipeline.sync_guard import CAP_ALERT_POLLS as CAP_ALERT_POLLS
from bot.pipeline.sync_guard import SyncGuard
from bot.pipeline.sync_papers import WalkLimits, walk_papers
from bot.pipeline.sync_report import KommuneReport, Progress, SyncReport
from fetcher.clock import utc_now
from fetcher.endpoints import Endpoint, identified, load_endpoints, parse_endpoint_setting, slugify
from fetcher.http import FetchError, HttpClient
from fetcher.oparl import BodyLists, ListPage, OParlClient
from fetcher.parsepool import ParserPool
from storage import leases, paper_sync, records, syncstate
from storage.poison import RECORD_ERRORS

if TYPE_CHECKING:
    from storage.models import Kommune, SyncState

log = logging.getLogger(__name__)

# notify(paper_id, created=…, backfill=…) → rows queued; notify.Notifier.on_paper_stored.
Notify = Callable[..., Awaitable[int]]
Clock = Callable[[], datetime]
T = TypeVar("T")

FIRST_SYNC_DAYS = 90
MAX_RETRY_PAUSE = timedelta(hours=6)


def configured_endpoints(setting: Sequence[str]) -> tuple[Endpoint, ...]:
    """Return the endpoints from OPARL_ENDPOINTS, or the bundled list of real Kommunen."""
    if not setting:
        return load_endpoints()
    return parse_endpoint_setting(",".join(setting))


def retry_pause(failures: int, poll_interval: timedelta) -> timedelta:
    """Return how long a failing source rests: one poll, doubling per failure, at most 6 h."""
    pause: timedelta = poll_interval * (2 ** max(0, failures - 1))
    return min(MAX_RETRY_PAUSE, pause)


class SyncService:
    """Sync Kommunen from OParl into storage; one instance per process, reused across polls."""

    def __init__(
        self,
        http: HttpClient,
        parser: ParserPool,
        endpoints: Sequence[Endpoint],
        *,
        notify: Notify | None = None,
        poll_interval: timedelta = timedelta(seconds=600),
        first_sync_since: date | None = None,
        clock: Clock = utc_now,
        download_dir: Path | None = None,
        max_parallel_documents: int = 4,
        progress: Progress | None = None,
        lease_owner: str | None = None,
        lease_ttl: timedelta = timedelta(minutes=15),
        document_attempts: int = 6,
        max_new_papers: int = 1000,
    ) -> None:
        self.http = http
        self.parser = parser
        self.endpoints = tuple(endpoints)
        self.notify = notify
        self.poll_interval = poll_interval
        self.first_sync_since = first_sync_since
        self.clock = clock
        self.download_dir = download_dir
        self.max_parallel_documents = max_parallel_documents
        # A failed download or parse is tried this often in all, a poll apart and doubling.
        # Per poll and Kommune: a busy city publishes a few hundred papers a week; more in one
        # poll is a first sync (continued next poll) or a list that never ends.
        self.max_new_papers = max_new_papers
        self.documents = DocumentReader(
            parser,
            download_dir=download_dir,
            clock=clock,
            retry_base=poll_interval,
            max_attempts=document_attempts,
        )
        self.progress = progress or Progress(False)
        self._clients: dict[str, OParlClient] = {}
        # Kommunen whose first sync (history, notifies nobody) ran in this poll.
        self._backfilled: set[int] = set()
        # Papers re-read because they changed (not new): their notifications say "changed".
        self._changed: set[int] = set()
        # Several fetch workers on one PostgreSQL split the Kommunen through leases.
        self.lease_owner = lease_owner
        self.lease_ttl = lease_ttl
        # (slug, started, finished) of every sync this service ran: for tests and the bench.
        self.history: list[tuple[str, float, float]] = []
        self.guard = SyncGuard(clock)  # poison records and the cap of new papers

    async def sync_all(self, *, only: str | None = None) -> SyncReport:
        """Poll every endpoint concurrently (or the one named `only`); never raises for a source."""
        endpoints = [e for e in self.endpoints if only is None or names_endpoint(e, only)]
        if only is not None and not endpoints:
            raise ValueError(f"unbekannte Kommune: {only}")
        reports = await asyncio.gather(*(self.sync_endpoint(e) for e in endpoints))
        self.progress.done()
        return SyncReport(list(reports))

    async def sync_endpoint(self, endpoint: Endpoint) -> KommuneReport:
        """Poll one Kommune; record the outcome in its SyncState; never raises (but cancels)."""
        report = KommuneReport(endpoint.slug)
        state = await syncstate.get_state(endpoint.slug, "system")
        now = self.clock()
        if state.next_attempt_at is not None and state.next_attempt_at > now:
            report.skipped = True
            log.info(report.line())
            return report
        if self.lease_owner is None:
            return await self._sync_with_state(endpoint, report, state)
        # Held (and renewed) for the whole sync: storage/leases.py.
        lease = leases.held(endpoint.slug, self.lease_owner, self.clock, ttl=self.lease_ttl)
        async with lease as got:
            if not got:
                report.skipped = True
                log.info("kommune=%s skipped=leased_by_other_worker", endpoint.slug)
                return report
            state = await syncstate.get_state(endpoint.slug, "system")  # as the last holder left it
            return await self._sync_with_state(endpoint, report, state)

    async def _sync_with_state(
        self, endpoint: Endpoint, report: KommuneReport, state: SyncState
    ) -> KommuneReport:
        started = time.monotonic()
        requests_before = self.http.request_count()
        try:
            await self._sync(endpoint, report)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one Kommune's failure must not stop the others
            report.ok = False
            report.error = describe(exc)
            failures = state.consecutive_failures + 1
            await syncstate.record_failure(
                state,
                self.clock(),
                report.error,
                retry_after=retry_pause(failures, self.poll_interval),
            )
            if not isinstance(exc, FetchError):
                log.exception("kommune=%s unexpected error", endpoint.slug)
        else:
            await syncstate.record_success(state, self.clock(), new_papers=report.new)
        report.took_s = time.monotonic() - started
        self.history.append((endpoint.slug, started, time.monotonic()))
        report.requests = self.http.request_count() - requests_before
        (log.info if report.ok else log.warning)(report.line())
        self.progress.update(endpoint.slug, "ok" if report.ok else "Fehler")
        return report

    def _client(self, endpoint: Endpoint) -> OParlClient:
        if endpoint.slug not in self._clients:
            self._clients[endpoint.slug] = OParlClient(self.http, source=endpoint.slug)
        return self._clients[endpoint.slug]

    async def _sync(self, endpoint: Endpoint, report: KommuneReport) -> None:
        client = self._client(endpoint)
        state = await syncstate.get_state(endpoint.slug, "system")
        active = await client.connect(endpoint.system_urls)
        await syncstate.set_active_url(state, active)
        bodies = await client.bodies()
        if not bodies:
            raise FetchError(f"System of {endpoint.slug} lists no body")
        if endpoint.provisional:  # a bare URL: its Kommune is named by its Body, never by host
            endpoint = identified(endpoint, bodies[0].body.name, bodies[0].body.short_name)
        for number, lists in enumerate(bodies):
            slug = endpoint.slug if number == 0 else f"{endpoint.slug}-{slugify(lists.body.name)}"
            name = endpoint.name if number == 0 else lists.body.name
            kommune = await records.upsert_kommune(lists.body, slug=slug, name=name)
            await self._sync_body(client, kommune, lists, report)

    async def _sync_body(
        self, client: OParlClient, kommune: Kommune, lists: BodyLists, report: KommuneReport
    ) -> None:
        # Papers are what matters: a broken organization or meeting list (ALLRIS net serves
        # some lists as 404/HTML) is recorded on that list's SyncState and does not stop them.
        if org_url := lists.organization:
            await self._optional_list(
                kommune,
                "organization",
                self._sync_directory(
                    kommune,
                    "organization",
                    lambda since: client.iter_organizations(org_url, modified_since=since),
                    records.upsert_organization,
                ),
            )
        if person_url := lists.person:
            await self._optional_list(
                kommune,
                "person",
                self._sync_directory(
                    kommune,
                    "person",
                    lambda since: client.iter_persons(person_url, modified_since=since),
                    records.upsert_person,
                ),
            )
        if lists.paper:
            await self._sync_papers(client, kommune, lists.paper, report)
        await self._count_fetcher_skips(client, kommune, report)
        await self._finish_unprocessed(client, kommune, report)
        report.parsed += await self.documents.retry_due(client, kommune.id, kommune.slug)
        if lists.meeting:
            report.meetings += await self._optional_list(
                kommune, "meeting", self._sync_meetings(client, kommune, lists.meeting)
            )

    async def _count_fetcher_skips(
        self, client: OParlClient, kommune: Kommune, report: KommuneReport
    ) -> None:
        """Count the records the fetcher could not map (no id, wrong types, duplicates) in the
        source's health; the fetcher logged each once. A list walk stopped early (an endless or
        looping list) is logged as an error: it needs the operator."""
        # A record skipped by the newest-first walk and again by the changed-since walk is one.
        skipped = {(r.oparl_id, r.reason) for r in client.take_skipped()}
        if skipped:
            report.skipped_records += len(skipped)
            await syncstate.record_skipped(kommune.slug, "paper", len(skipped))
        for anomaly in client.take_anomalies():
            log.error(
                "kommune=%s list %s stopped early (%s) after %d pages: %s",
                kommune.slug,
                anomaly.list_url,
                anomaly.kind,
                anomaly.pages,
                anomaly.detail,
            )

    async def _optional_list(
        self, kommune: Kommune, list_name: str, work: Awaitable[int | None]
    ) -> int:
        state = await syncstate.get_state(kommune.slug, list_name)
        try:
            result = await work
        except FetchError as exc:
            log.warning("kommune=%s list=%s failed: %s", kommune.slug, list_name, exc)
            await syncstate.record_failure(
                state, self.clock(), describe(exc), retry_after=self.poll_interval
            )
            return 0
        await syncstate.record_success(state, self.clock())
        return result or 0

    async def _sync_directory(
        self,
        kommune: Kommune,
        list_name: str,
        pages: Callable[[datetime | None], AsyncIterator[ListPage[T]]],
        store: Callable[[Kommune, T], Awaitable[object]],
    ) -> None:
        """Upsert a list's objects changed since its watermark (organizations, persons)."""
        state = await syncstate.get_state(kommune.slug, list_name)
        started = self.clock()
        async for page in pages(syncstate.since_for(state)):
            for item in page.items:
                item_id = str(getattr(item, "oparl_id", "?"))
                await self.guard.isolated(kommune, list_name, item_id, store(kommune, item), None)
        await syncstate.advance_watermark(state, started)

    def _first_sync_cutoff(self) -> date:
        if self.first_sync_since is not None:
            return self.first_sync_since
        return (self.clock() - timedelta(days=FIRST_SYNC_DAYS)).date()

    async def _sync_papers(
        self, client: OParlClient, kommune: Kommune, url: str, report: KommuneReport
    ) -> None:
        limits = WalkLimits(self._first_sync_cutoff(), self.max_new_papers)
        walk = await walk_papers(
            client,
            kommune,
            url,
            report,
            limits=limits,
            guard=self.guard,
            progress=self.progress,
            clock=self.clock,
        )
        self._changed |= walk.changed
        if walk.backfill:
            self._backfilled.add(kommune.id)  # history: stored, notified to nobody

    async def _finish_unprocessed(
        self, client: OParlClient, kommune: Kommune, report: KommuneReport
    ) -> None:
        """Download, parse and notify every stored paper of the Kommune not processed yet."""
        backfill = kommune.id in self._backfilled
        ids = await paper_sync.unprocessed_paper_ids(kommune.id)
        semaphore = asyncio.Semaphore(self.max_parallel_documents)
        state = await syncstate.get_state(kommune.slug, "paper")

        async def process(paper_id: int) -> None:
            try:
                await finish(paper_id)
            except RECORD_ERRORS as exc:  # one document's data must not stop the others
                log.warning("kommune=%s paper=%s not finished: %s", kommune.slug, paper_id, exc)
                report.skipped_records += 1
                await syncstate.record_skipped(kommune.slug, "paper")
                await paper_sync.set_processed(paper_id, True)

        async def finish(paper_id: int) -> None:
            async with semaphore:
                outcome = await self.documents.read(client, paper_id)
            if outcome == "ok":
                report.parsed += 1
            elif outcome not in ("no_file", "unchanged"):
                report.parse_failures += 1
                await syncstate.record_parse_failure(state)
            if self.notify is not None:
                # A paper left unprocessed by a crash was never notified: it counts as new.
                created = paper_id not in self._changed
                await self.notify(paper_id, created=created, backfill=backfill)
            self._changed.discard(paper_id)
            await paper_sync.set_processed(paper_id, True)

        await asyncio.gather(*(process(paper_id) for paper_id in ids))
        self._backfilled.discard(kommune.id)

    async def _sync_meetings(self, client: OParlClient, kommune: Kommune, url: str) -> int:
        state = await syncstate.get_state(kommune.slug, "meeting")
        since = syncstate.since_for(state)
        if since is None:
            since = datetime.combine(self._first_sync_cutoff(), datetime.min.time(), UTC)
        started = self.clock()
        count = 0
        async for page in client.iter_meetings(url, modified_since=since, max_pages=200):
            for meeting in page.items:
                stored = await self.guard.isolated(
                    kommune,
                    "meeting",
                    meeting.oparl_id,
                    records.upsert_meeting(kommune, meeting),
                    None,
                )
                count += stored is not None
        await syncstate.advance_watermark(state, started)
        return count


def names_endpoint(endpoint: Endpoint, name: str) -> bool:
    wanted = name.strip().casefold()
    return wanted in (endpoint.slug.casefold(), endpoint.name.casefold()) or wanted == slugify(
        endpoint.name
    )
