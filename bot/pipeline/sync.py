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
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bot.pipeline.coverage import endpoints_to_fetch
from bot.pipeline.documents import DocumentReader, describe
from bot.pipeline.notify import Notifier
from bot.pipeline.sync_guard import CAP_ALERT_POLLS as CAP_ALERT_POLLS
from bot.pipeline.sync_guard import SyncGuard
from bot.pipeline.sync_report import KommuneReport, Progress, SyncReport
from fetcher import model
from fetcher.classify import normalise_reference
from fetcher.endpoints import Endpoint, identified, load_endpoints, parse_endpoint_setting, slugify
from fetcher.http import FetchError, HttpClient
from fetcher.oparl import BodyLists, ListPage, OParlClient
from fetcher.parsepool import ParserPool
from storage import leases, records, syncstate
from storage.models import Kommune, Paper, SyncState
from storage.poison import RECORD_ERRORS

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

# notify(paper_id, created=…, backfill=…) → rows queued; notify.Notifier.on_paper_stored.
Notify = Callable[..., Awaitable[int]]
Clock = Callable[[], datetime]
T = TypeVar("T")

FIRST_SYNC_DAYS = 90
MAX_RETRY_PAUSE = timedelta(hours=6)


def utc_now() -> datetime:
    """Return the current time, timezone-aware."""
    return datetime.now(UTC)


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
        endpoints = [e for e in self.endpoints if only is None or _names(e, only)]
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
        if state.active_url != active:
            state.active_url = active
            await state.save(update_fields=["active_url"])
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
        state = await syncstate.get_state(kommune.slug, "paper")
        backfill = not state.first_sync_done
        # A first sync capped by max_new_papers goes on in the next poll: the papers it stored
        # must not end the walk as "a run of known papers".
        resuming = backfill and await Paper.filter(kommune=kommune).exists()
        known_ids: set[str] = {
            str(v) for v in await Paper.filter(kommune=kommune).values_list("oparl_id", flat=True)
        }
        known_refs: set[str] = {
            str(v)
            for v in await Paper.filter(kommune=kommune, reference_key__isnull=False).values_list(
                "reference_key", flat=True
            )
        }
        # History before the first sync's window stays history: without this, a later walk
        # over a short list would reach those papers and announce them as new.
        # A first sync that found nothing leaves no history date: its window still bounds later
        # walks (else the next poll would announce every older paper of the server as new).
        cutoff = (
            self._first_sync_cutoff()
            if backfill
            else await _history_cutoff(kommune) or self._first_sync_cutoff()
        )

        def is_known(paper: model.Paper) -> bool:
            if resuming and paper.date is not None and cutoff is not None:
                return paper.date < cutoff
            if paper.oparl_id in known_ids:
                return True
            if paper.reference and normalise_reference(paper.reference) in known_refs:
                return True
            # First sync: papers older than the cutoff count as known, so the walk stops there.
            return cutoff is not None and paper.date is not None and paper.date < cutoff

        started = self.clock()
        # 1. New papers: the walk from the newest end.
        capped = False
        async for paper in client.walk_newest(url, is_known):
            change = await self.guard.isolated(
                kommune, "paper", paper.oparl_id, records.upsert_paper(kommune, paper), report
            )
            known_ids.add(paper.oparl_id)
            if change is not None and change.created:
                report.new += 1
            self.progress.update(kommune.slug, f"{report.new} neue Papiere")
            if report.new >= self.max_new_papers:
                capped = True
                break
        await self.guard.note_cap(kommune.slug, capped, backfill, self.max_new_papers)
        # 2. Changed papers (new files, answers, deletions) since the watermark; after a capped
        # walk they wait for the next poll (the watermark stays, so nothing is skipped).
        if not backfill and not capped:
            since = syncstate.since_for(state)
            async for page in client.iter_papers(url, modified_since=since):
                relevant = [p for p in page.items if _modified_after(p, since)]
                for paper in relevant:
                    if paper.deleted:
                        report.deleted += int(await records.mark_paper_deleted(paper.oparl_id))
                        continue
                    change = await self.guard.isolated(
                        kommune,
                        "paper",
                        paper.oparl_id,
                        records.upsert_paper(kommune, paper),
                        report,
                    )
                    if change is None:
                        continue
                    if change.created:
                        report.new += 1
                    elif change.changed:
                        report.updated += 1
                        if change.needs_parse:
                            self._changed.add(change.paper_id)
                            await Paper.filter(id=change.paper_id).update(processed=False)
                if since is not None and page.items and not relevant:
                    # The server ignores modified_since (seen on several vendors): a page of
                    # only old papers means the rest is old too; the walk above found new ones.
                    log.warning(
                        "kommune=%s server ignores modified_since on %s; stopped after one page",
                        kommune.slug,
                        url,
                    )
                    break
        if not capped:
            await syncstate.advance_watermark(state, started)
        if backfill:
            self._backfilled.add(kommune.id)  # history: stored, notified to nobody
            if not capped:
                state.first_sync_done = True
                await state.save(update_fields=["first_sync_done"])

    async def _finish_unprocessed(
        self, client: OParlClient, kommune: Kommune, report: KommuneReport
    ) -> None:
        """Download, parse and notify every stored paper of the Kommune not processed yet."""
        backfill = kommune.id in self._backfilled
        rows = await Paper.filter(kommune=kommune, processed=False).order_by("date", "id")
        ids = [row.id for row in rows]
        semaphore = asyncio.Semaphore(self.max_parallel_documents)
        state = await syncstate.get_state(kommune.slug, "paper")

        async def process(paper_id: int) -> None:
            try:
                await finish(paper_id)
            except RECORD_ERRORS as exc:  # one document's data must not stop the others
                log.warning("kommune=%s paper=%s not finished: %s", kommune.slug, paper_id, exc)
                report.skipped_records += 1
                await syncstate.record_skipped(kommune.slug, "paper")
                await Paper.filter(id=paper_id).update(processed=True)

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
            await Paper.filter(id=paper_id).update(processed=True)

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


async def _history_cutoff(kommune: Kommune) -> date | None:
    """Return the date of the oldest paper stored for the Kommune (None when it has none)."""
    oldest = await Paper.filter(kommune=kommune, date__isnull=False).order_by("date").first()
    return oldest.date if oldest is not None else None


def _modified_after(paper: model.Paper, since: datetime | None) -> bool:
    if since is None or paper.modified is None:
        return True
    return paper.modified >= since


def _names(endpoint: Endpoint, name: str) -> bool:
    wanted = name.strip().casefold()
    return wanted in (endpoint.slug.casefold(), endpoint.name.casefold()) or wanted == slugify(
        endpoint.name
    )


async def fetch_command(
    settings: Settings, *, once: bool, since: date | None, kommune: str | None
) -> int:
    """Run `ratsbot fetch`: one pass with --once (exit 1 if every source failed), else forever."""
    endpoints = configured_endpoints(settings.oparl_endpoints)
    if kommune is not None and not any(_names(e, kommune) for e in endpoints):
        print(f"Unbekannte Kommune: {kommune}", file=sys.stderr)
        return 2
    with leases.instance_lock(settings.database_url):  # SQLite: not beside `ratsbot run`
        return await _fetch(settings, endpoints, once=once, since=since, kommune=kommune)


async def _fetch(
    settings: Settings,
    endpoints: Sequence[Endpoint],
    *,
    once: bool,
    since: date | None,
    kommune: str | None,
) -> int:
    from storage.db import close_db, open_db

    await open_db(settings.database_url)
    try:
        async with (
            HttpClient(
                per_host_interval_s=0.5, allow_networks=settings.http_allow_networks
            ) as http,
            ParserPool(memory_limit_bytes=settings.parser_memory_bytes) as parser,
        ):
            on_demand = not settings.oparl_endpoints and kommune is None
            endpoints = await endpoints_to_fetch(endpoints, http, on_demand, settings.oparl_pinned)
            notifier = Notifier()
            service = SyncService(
                http,
                parser,
                endpoints,
                notify=notifier.on_paper_stored,
                poll_interval=timedelta(seconds=settings.poll_interval_seconds),
                first_sync_since=since,
                progress=Progress(sys.stderr.isatty()),
                lease_owner=leases.worker_name(),  # other fetch workers skip what this one syncs
            )
            while True:
                report = await service.sync_all(only=kommune)
                if once:
                    if report.all_failed:  # the one line under the log lines (issue #13)
                        failed = [k.source for k in report.kommunen if not k.skipped]
                        print(
                            f"Abruf fehlgeschlagen: keine der {len(failed)} Quellen erreichbar "
                            f"({', '.join(failed[:5])}) – Netzwerk und OPARL_ENDPOINTS prüfen",
                            file=sys.stderr,
                        )
                    return 1 if report.all_failed else 0
                await asyncio.sleep(settings.poll_interval_seconds)
    finally:
        await close_db()
