"""End-to-end sync: the real Karlsruhe OParl fixture over HTTP into real databases (SQLite, PG)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.pipeline.sync import SyncService
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer
from storage.models import File, Kommune, Meeting, Organization, Paper, Person, SyncState
from tests.fixtures_path import OPARL_FIXTURES
from tests.karlsruhe_publish import publish_answer, publish_inquiry
from tests.parse_memo import RememberingParserPool


class NotifyLog:
    """Records what the sync asked the notifier to do."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, bool, bool]] = []

    async def __call__(self, paper_id: int, *, created: bool, backfill: bool) -> int:
        self.calls.append((paper_id, created, backfill))
        return 0


@pytest.fixture
async def parser() -> AsyncIterator[ParserPool]:
    """Yield the real parser pool, each PDF read once per test process (tests/parse_memo.py)."""
    async with RememberingParserPool(size=2) as pool:
        yield pool


async def _service(
    server: OParlServer, http: HttpClient, parser: ParserPool, notify: NotifyLog
) -> SyncService:
    endpoint = Endpoint(name="Stadt Karlsruhe", slug="karlsruhe", system_urls=(server.system_url,))
    return SyncService(http, parser, [endpoint], notify=notify, first_sync_since=date(2026, 1, 1))


async def test_first_sync_then_idle_then_new_paper(
    db_url: str, parser: ParserPool, tmp_path: Path
) -> None:
    """A first sync stores the 2026 papers, parsed, with meetings and factions; an idle re-poll
    stores nothing with ≤ 2 requests per list; a published inquiry is found by the next poll."""
    notify = NotifyLog()
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        service = await _service(server, http, parser, notify)
        report = await service.sync_all()
        assert report.kommunen[0].ok, report.kommunen[0].error
        kommune = await Kommune.get(slug="karlsruhe")
        papers = await Paper.filter(kommune=kommune).count()
        fixture_2026 = sum(
            1
            for p in (OPARL_FIXTURES / "karlsruhe/papers").glob("*.json")
            if str(json.loads(p.read_text(encoding="utf-8")).get("date", "")) >= "2026-01-01"
        )
        assert papers >= fixture_2026 > 0
        assert await Paper.filter(kommune=kommune, processed=False).count() == 0
        parsed = await File.filter(parse_status="ok").count()
        assert parsed >= fixture_2026 // 2
        # Karlsruhe's organizations are committees and offices (no factions in OParl) …
        assert await Organization.filter(kommune=kommune).count() >= 90
        # … so factions come from the parsed PDFs ("Anfrage: SPD", "GRÜNE-Gemeinderatsfraktion").
        inquiries = await Paper.filter(kommune=kommune, kind="Anfrage", parse_status="ok")
        assert inquiries
        with_faction = [p for p in inquiries if p.factions]
        assert len(with_faction) >= len(inquiries) * 0.8
        assert await Meeting.filter(kommune=kommune).count() > 0
        # the first sync of a new Kommune is history: it notifies nobody
        assert notify.calls
        assert all(backfill for _, _, backfill in notify.calls)
        inquiry = await Paper.filter(kommune=kommune, kind="Anfrage", parse_status="ok").first()
        assert inquiry is not None
        assert inquiry.questions

        # idle re-poll: nothing new, ≤ 2 requests per paper list
        server.reset_counts()
        notify.calls.clear()
        report = await service.sync_all()
        assert report.kommunen[0].new == 0
        assert report.kommunen[0].updated == 0
        assert await Paper.filter(kommune=kommune).count() == papers
        for name in ("/paper", "/meeting", "/organization"):
            requests = sum(count for path, count in server.requests.items() if name in path)
            assert requests <= 2, (name, requests)
        assert notify.calls == []

        # a new inquiry appears: stored, parsed, notified as new (not backfill)
        publish_inquiry(server, "2026/9999", tmp_path)
        report = await service.sync_all()
        assert report.kommunen[0].new == 1
        stored = await Paper.get(reference="2026/9999")
        assert stored.parse_status == "ok"
        assert stored.kind == "Anfrage"
        assert len(stored.questions) == 8  # counted by hand in file-contents/677733.txt
        assert stored.factions == ["AfD"]
        assert notify.calls == [(stored.id, True, False)]


async def test_sync_survives_500s_and_reports_them(db_url: str, parser: ParserPool) -> None:
    """A source answering 500 is marked failing in SyncState and skipped until its pause is over."""
    notify = NotifyLog()
    faults = Faults(fail_next=1000, fail_status=500)
    async with (
        OParlServer("karlsruhe", faults=faults) as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.off()) as http,
    ):
        service = await _service(server, http, parser, notify)
        report = await service.sync_all()
        assert not report.kommunen[0].ok
        assert report.all_failed
        state = await SyncState.get(source="karlsruhe", list_name="system")
        assert state.consecutive_failures == 1
        assert state.last_error
        assert "500" in state.last_error
        assert state.next_attempt_at is not None
        assert state.next_attempt_at > datetime.now(UTC)
        again = await service.sync_all()
        assert again.kommunen[0].skipped
        assert await Paper.all().count() == 0


async def test_deleted_paper_is_marked(db_url: str, parser: ParserPool) -> None:
    """A paper deleted on the server (tombstone via modified_since) is marked deleted locally."""
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        service = await _service(server, http, parser, NotifyLog())
        await service.sync_all()
        victim = await Paper.filter(deleted=False, answer_to=None).order_by("-date").first()
        assert victim is not None
        served_id = victim.oparl_id
        server.delete_paper(served_id)
        report = await service.sync_all()
        assert report.kommunen[0].deleted == 1
        assert (await Paper.get(id=victim.id)).deleted


async def test_pdf_replaced_by_html_error_page_keeps_the_paper(
    sqlite_db: str, parser: ParserPool
) -> None:
    """A file URL answering an HTML page keeps the paper with its metadata and a clear status."""
    faults = Faults(pdf_html_error=True)
    async with (
        OParlServer("karlsruhe", faults=faults) as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        report = await (await _service(server, http, parser, NotifyLog())).sync_all()
    assert report.kommunen[0].ok
    assert report.kommunen[0].parse_failures > 0
    papers = await Paper.all()
    assert papers
    assert all(p.title for p in papers)
    failed = await File.filter(role="main", parse_status="not_pdf").count()
    assert failed == report.kommunen[0].parse_failures
    one = await File.filter(role="main", parse_status="not_pdf").first()
    assert one is not None
    assert one.parse_error
    assert "HTML" in one.parse_error
    state = await SyncState.get(source="karlsruhe", list_name="paper")
    assert state.parse_failures_total == failed


async def test_leipzig_allris_net_without_meeting_list_still_syncs_papers(
    sqlite_db: str, parser: ParserPool
) -> None:
    """Leipzig's old ALLRIS net endpoint serves no meeting list: papers sync, the list's failure
    is recorded on its own SyncState and the Kommune counts as healthy."""
    async with (
        OParlServer("leipzig-allris-net") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Leipzig", "leipzig", (server.system_url,))
        service = SyncService(http, parser, [endpoint], first_sync_since=date(2014, 1, 1))
        report = await service.sync_all()
    assert report.kommunen[0].ok, report.kommunen[0].error
    paper = await Paper.get(reference="DS-00029/14")
    assert paper.title.startswith(
        "Konzept der Stadt Leipzig zur fairen und nachhaltigen Beschaffung"
    )
    assert paper.kind == "Informationsvorlage"
    meeting_state = await SyncState.get(source="leipzig", list_name="meeting")
    assert meeting_state.consecutive_failures == 1
    assert meeting_state.last_error


async def test_history_before_the_first_window_is_never_announced(
    sqlite_db: str, parser: ParserPool
) -> None:
    """Papers older than the first sync's window are not imported as new by later polls."""
    notify = NotifyLog()
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        service = SyncService(
            http, parser, [endpoint], notify=notify, first_sync_since=date(2026, 6, 1)
        )
        await service.sync_all()
        stored = await Paper.all().count()
        assert 0 < stored < 600
        notify.calls.clear()
        for _ in range(2):
            report = await service.sync_all()
            assert report.kommunen[0].new == 0
        assert await Paper.all().count() == stored
        assert notify.calls == []


async def test_sessionnet_answer_file_becomes_an_answer_to_its_inquiry(
    db_url: str, parser: ParserPool, tmp_path: Path
) -> None:
    """Karlsruhe (SessionNet) adds the "Stellungnahme zur Anfrage" as a file of the inquiry's
    paper: it is stored as an Antwort linked to the inquiry, parsed, and notified as new."""
    notify = NotifyLog()
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        service = await _service(server, http, parser, notify)
        await service.sync_all()
        # the fixture's own 2026/0297 already has its answer: stored as history, no notification
        history = await Paper.get(reference="2026/0297")
        old_answer = await Paper.get(answer_to_id=history.id)
        assert old_answer.kind == "Antwort"
        # its Stellungnahme file is dated 04.05.2026, the inquiry 21.04.2026
        assert old_answer.date == date(2026, 5, 4)
        assert (old_answer.id, True, False) not in notify.calls

        served = publish_inquiry(server, "2026/9995", tmp_path)
        await service.sync_all()
        inquiry = await Paper.get(reference="2026/9995")
        assert not await Paper.filter(answer_to_id=inquiry.id).exists()

        publish_answer(server, served, tmp_path)
        notify.calls.clear()
        await service.sync_all()
    answer = await Paper.get(answer_to_id=inquiry.id)
    assert answer.kind == "Antwort"
    assert answer.parse_status == "ok"
    assert len(answer.answers) == 8  # the Stellungnahme answers all 8 questions (read by hand)
    assert "Stadtjugendausschuss" in answer.answers[0]
    assert (answer.id, True, False) in notify.calls


async def test_sternberg_huertgenwald_syncs_factions_persons_and_recent_papers(
    sqlite_db: str, parser: ParserPool
) -> None:
    """The real Hürtgenwald crawl (Sternberg, OParl 1.0): its 5 factions, its council members and
    the papers of the first-sync window are stored; an idle re-poll stores nothing new."""
    async with (
        OParlServer("huertgenwald") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Gemeinde Hürtgenwald", "huertgenwald", (server.system_url,))
        service = SyncService(http, parser, [endpoint], first_sync_since=date(2021, 6, 1))
        first = await service.sync_all()
        assert first.kommunen[0].ok, first.kommunen[0].error
        again = await service.sync_all()
    assert again.kommunen[0].new == 0
    factions = await Organization.exclude(faction=None).values_list("faction", flat=True)
    assert len(factions) == 5  # SOURCES.md: "organizations incl. 5 factions"
    assert await Person.all().count() > 20
    assert first.kommunen[0].new == await Paper.all().count() > 0


async def test_a_first_sync_that_finds_nothing_keeps_history_out_of_the_next_poll(
    db_url: str, parser: ParserPool
) -> None:
    """A first sync whose window holds no paper (the fixture ends before it) stores nothing; the
    next poll still treats the server's older papers as history: nothing stored, nobody told."""
    notify = NotifyLog()
    endpoint_since = date(2027, 1, 1)  # after the newest Karlsruhe fixture paper
    async with (
        OParlServer("karlsruhe") as server,
        HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
    ):
        endpoint = Endpoint("Stadt Karlsruhe", "karlsruhe", (server.system_url,))
        service = SyncService(
            http, parser, [endpoint], notify=notify, first_sync_since=endpoint_since
        )
        first = await service.sync_all()
        second = await service.sync_all()
    assert first.kommunen[0].ok, first.kommunen[0].error
    assert second.kommunen[0].ok, second.kommunen[0].error
    assert (first.kommunen[0].new, second.kommunen[0].new) == (0, 0)
    assert await Paper.all().count() == 0
    assert notify.calls == []
