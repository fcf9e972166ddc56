"""Tests for fetcher.oparl over real HTTP against the local OParl server, plus endpoints."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fetcher.endpoints import load_endpoints, parse_endpoint_setting, slugify
from fetcher.http import FetchError, HttpClient, NotOParl, RetryPolicy
from fetcher.model import Meeting, Paper
from fetcher.oparl import OParlClient
from fetcher.oparl_json import paper_from_json
from fetcher.oparl_pages import format_filter_time, previous_page_url, with_filters
from standins.oparl_server import LOCAL_NETWORKS, OParlServer

BERLIN = ZoneInfo("Europe/Berlin")
KA_PAPERS = 600  # papers in shared/fixtures/oparl/karlsruhe/papers
HW_PAPERS = 2115  # papers in the Hürtgenwald crawl (pagination.totalElements)


@pytest.fixture
async def http() -> AsyncIterator[HttpClient]:
    """Yield an HttpClient with millisecond retries."""
    async with HttpClient(
        allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=3)
    ) as client:
        yield client


@pytest.fixture
async def karlsruhe() -> AsyncIterator[OParlServer]:
    """Yield the Karlsruhe server (Somacos data), newest first, 20 per page."""
    async with OParlServer("karlsruhe") as srv:
        yield srv


async def connected(server: OParlServer, http: HttpClient, source: str = "ka") -> OParlClient:
    """Return a client connected to the server's System."""
    client = OParlClient(http, source=source)
    await client.connect([server.system_url])
    return client


async def all_papers(client: OParlClient, url: str, **kwargs: object) -> list[Paper]:
    """Return every paper of a list, page by page."""
    out: list[Paper] = []
    async for page in client.iter_papers(url, **kwargs):
        out.extend(page.items)
    return out


# --- System, bodies, Leipzig-style multiple URLs ---------------------------------------------


async def test_connect_uses_first_url_that_answers_and_logs_it(
    karlsruhe: OParlServer, http: HttpClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Leipzig-style: the registry URL answers 500, the next one works and is logged as used."""
    karlsruhe.faults.dead_prefixes["/allris_leipzig_public/"] = 500
    dead = karlsruhe.url("/allris_leipzig_public/oparl/system")
    client = OParlClient(http, source="leipzig")
    with caplog.at_level(logging.INFO, logger="fetcher.oparl"):
        used = await client.connect([dead, karlsruhe.system_url])
    assert used == karlsruhe.system_url
    assert client.system_url == karlsruhe.system_url
    assert "source=leipzig system url 1/2 failed" in caplog.text
    assert f"source=leipzig system={karlsruhe.system_url} dialect=somacos url=2/2" in caplog.text


async def test_connect_prefers_first_url_when_it_works(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """When the first URL answers, the second (dead) one is never requested."""
    karlsruhe.faults.dead_prefixes["/allris_leipzig_public/"] = 500
    client = OParlClient(http, source="leipzig")
    await client.connect([karlsruhe.system_url, karlsruhe.url("/allris_leipzig_public/system")])
    assert karlsruhe.request_total("/allris_leipzig_public/") == 0


async def test_connect_fails_when_no_url_answers(karlsruhe: OParlServer, http: HttpClient) -> None:
    """All URLs dead gives one FetchError naming the source."""
    karlsruhe.faults.dead_prefixes["/"] = 500
    client = OParlClient(http, source="leipzig")
    with pytest.raises(FetchError, match="no System URL of leipzig answered"):
        await client.connect([karlsruhe.system_url])


async def test_bodies_give_list_urls(karlsruhe: OParlServer, http: HttpClient) -> None:
    """System → body list → Body with its paper and meeting list URLs."""
    client = await connected(karlsruhe, http)
    bodies = await client.bodies()
    assert [b.body.name for b in bodies] == ["Stadt Karlsruhe"]
    assert bodies[0].paper == karlsruhe.paper_list_url
    assert bodies[0].meeting == karlsruhe.meeting_list_url
    assert bodies[0].body.vendor == "http://www.somacos.de"


# --- pagination ------------------------------------------------------------------------------


async def test_full_list_pagination_yields_each_paper_once(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """30 pages of 20 give all 600 Karlsruhe papers, none twice, mapped from the real JSON."""
    client = await connected(karlsruhe, http)
    papers = await all_papers(client, karlsruhe.paper_list_url)
    assert len(papers) == KA_PAPERS
    assert len({p.oparl_id for p in papers}) == KA_PAPERS
    assert karlsruhe.requests["/oparl/bodies/0001/papers"] == 30
    steinkreuz = next(p for p in papers if p.oparl_id.endswith("/papers/vo/51397"))
    assert steinkreuz.reference == "2024/1420"
    assert steinkreuz.paper_type == "Anfrage"
    assert steinkreuz.date == date(2025, 1, 15)
    assert [f.name for f in steinkreuz.auxiliary_files] == [
        "Stellungnahme Anfrage OV Wolfartsweier"
    ]
    assert steinkreuz.extra["body"] == karlsruhe.url("/oparl/bodies/0001")


async def test_meetings_list_parses_embedded_agenda(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """The meeting list gives all 370 real meetings with their embedded agenda items."""
    client = await connected(karlsruhe, http)
    meetings: list[Meeting] = []
    async for page in client.iter_meetings(karlsruhe.meeting_list_url):
        meetings.extend(page.items)
    assert len(meetings) == 370
    assert sum(len(m.agenda) for m in meetings) > 370
    assert all(m.start is None or m.start.tzinfo is not None for m in meetings)


async def test_pagination_loop_ends_walk_with_warning(
    karlsruhe: OParlServer, http: HttpClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Page 2's next pointing back to page 1 ends the list after 2 pages with a warning."""
    karlsruhe.faults.pagination_loop = True
    client = await connected(karlsruhe, http)
    with caplog.at_level(logging.WARNING, logger="fetcher.oparl"):
        papers = await all_papers(client, karlsruhe.paper_list_url)
    assert len(papers) == 40
    assert len({p.oparl_id for p in papers}) == 40
    assert "pagination loop" in caplog.text
    assert karlsruhe.requests["/oparl/bodies/0001/papers"] == 2


async def test_same_page_under_every_page_number_is_detected(
    karlsruhe: OParlServer, http: HttpClient, caplog: pytest.LogCaptureFixture
) -> None:
    """OWL-IT style: page n repeats page 1 with an ever-new next; the walk stops at page 2."""
    karlsruhe.faults.same_page_everywhere = True
    client = await connected(karlsruhe, http)
    with caplog.at_level(logging.WARNING, logger="fetcher.oparl"):
        papers = await all_papers(client, karlsruhe.paper_list_url)
    assert len(papers) == 20
    assert "repeats an earlier page" in caplog.text


async def test_huertgenwald_real_pages_with_typeless_tombstones(http: HttpClient) -> None:
    """The Sternberg crawl: 85 pages of 25, 2,115 papers, the 18 typeless tombstones deleted."""
    async with OParlServer("huertgenwald") as server:
        client = await connected(server, http, "huertgenwald")
        assert client.dialect.name == "sternberg"
        papers = await all_papers(client, server.paper_list_url, max_pages=100)
    assert len(papers) == HW_PAPERS
    assert len({p.oparl_id for p in papers}) == HW_PAPERS
    assert sum(p.deleted for p in papers) == 18
    last = papers[-1]
    assert last.reference == "110/2021 1. Ergänzung"
    assert last.name.startswith("Antrag der FFH Fraktion;")


# --- filters ---------------------------------------------------------------------------------


async def test_modified_since_returns_changed_papers_and_tombstones(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """A filtered poll returns exactly the touched paper and the deleted one (as tombstone)."""
    client = await connected(karlsruhe, http)
    since = datetime.now(BERLIN) - timedelta(minutes=1)
    ids = karlsruhe.paper_ids()
    karlsruhe.touch_paper(ids[5], name="Geänderter Titel")
    karlsruhe.delete_paper(ids[7])
    papers = await all_papers(client, karlsruhe.paper_list_url, modified_since=since)
    by_id = {p.oparl_id: p for p in papers}
    assert set(by_id) == {ids[5], ids[7]}
    assert by_id[ids[5]].name == "Geänderter Titel"
    assert by_id[ids[7]].deleted is True
    assert by_id[ids[7]].name == ""


async def test_filters_readded_when_server_drops_them_from_next(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """ALLRIS/Somacos drop modified_since from links.next; every page request still carries it."""
    karlsruhe.faults.drop_filters_from_next = True
    karlsruhe.page_size = 2
    since = datetime.now(BERLIN) - timedelta(minutes=1)
    ids = karlsruhe.paper_ids()
    for paper_id in ids[:5]:
        karlsruhe.touch_paper(paper_id)
    client = await connected(karlsruhe, http)
    papers = await all_papers(client, karlsruhe.paper_list_url, modified_since=since)
    assert sorted(p.oparl_id for p in papers) == sorted(ids[:5])
    page_requests = [r for r in karlsruhe.request_log if r.startswith("/oparl/bodies/0001/papers")]
    assert len(page_requests) == 3
    assert all("modified_since=" in r for r in page_requests)


def test_with_filters_encodes_plus_and_keeps_list_query() -> None:
    """Filters are set (not appended twice), `+` and `:` encoded, `body=1` kept (Köln, Berlin)."""
    since = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=ZoneInfo("Europe/Berlin"))
    value = format_filter_time(since)
    assert value == "2026-03-01T12:00:00+01:00"
    url = with_filters(
        "https://x/papers.asp?body=1&modified_since=2026-03-01T11:00:00 00:00&p=2",
        {"modified_since": value},
    )
    assert url == "https://x/papers.asp?body=1&p=2&modified_since=2026-03-01T12%3A00%3A00%2B01%3A00"
    raw = with_filters("https://x/papers", {"modified_since": value}, encode=False)
    assert raw == "https://x/papers?modified_since=2026-03-01T12:00:00+01:00"


async def test_sternberg_empty_filtered_window_404_is_an_empty_list(http: HttpClient) -> None:
    """Hürtgenwald answers an empty modified_since window with 404 code 802: no error, no items."""
    async with OParlServer("huertgenwald") as server:
        client = await connected(server, http, "huertgenwald")
        pages = [
            page
            async for page in client.iter_papers(
                server.paper_list_url, modified_since=datetime(2030, 1, 1, tzinfo=BERLIN)
            )
        ]
    assert len(pages) == 1
    assert pages[0].empty_window
    assert pages[0].items == ()


async def test_bare_empty_array_is_an_empty_list(karlsruhe: OParlServer, http: HttpClient) -> None:
    """A bare `[]` instead of a list page (Sternberg variant) is an empty list."""
    karlsruhe.faults.empty_filtered = "bare"
    client = await connected(karlsruhe, http)
    since = datetime(2030, 1, 1, tzinfo=BERLIN)
    assert await all_papers(client, karlsruhe.paper_list_url, modified_since=since) == []


# --- the newest-end walk ---------------------------------------------------------------------


async def test_walk_newest_first_finds_only_the_new_paper(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """Newest-first list: a re-walk after publishing yields exactly the new paper, in 1 request."""
    client = await connected(karlsruhe, http)
    known: set[str] = set()
    first = [p async for p in client.walk_newest(karlsruhe.paper_list_url, lambda p: False)]
    assert len(first) == KA_PAPERS
    known.update(p.oparl_id for p in first)
    added = karlsruhe.add_paper({"name": "Anfrage zu Radwegen", "paperType": "Anfrage"})
    karlsruhe.reset_counts()
    new = [
        p async for p in client.walk_newest(karlsruhe.paper_list_url, lambda p: p.oparl_id in known)
    ]
    assert [p.oparl_id for p in new] == [added["id"]]
    assert karlsruhe.request_total() == 1
    assert client.last_walk.stop == "known"


async def test_walk_oldest_first_reads_from_links_last_backwards(http: HttpClient) -> None:
    """Oldest-first list: walk from links.last, order guessed from dates; idle ≤ 2 requests."""
    async with OParlServer("karlsruhe", newest_first=False) as server:
        client = await connected(server, http)
        first = [p async for p in client.walk_newest(server.paper_list_url, lambda p: False)]
        assert len(first) == KA_PAPERS
        assert client.last_walk.newest_first is False
        dates = [p.date for p in first if p.date]
        assert dates == sorted(dates, reverse=True)
        known = {p.oparl_id for p in first}
        added = server.add_paper({"name": "Anfrage zum Hallenbad", "paperType": "Anfrage"})
        server.reset_counts()
        new = [
            p
            async for p in client.walk_newest(server.paper_list_url, lambda p: p.oparl_id in known)
        ]
        assert [p.oparl_id for p in new] == [added["id"]]
        assert server.request_total() <= 2
        known.add(added["id"])
        server.reset_counts()
        idle = [
            p
            async for p in client.walk_newest(server.paper_list_url, lambda p: p.oparl_id in known)
        ]
        assert idle == []
        assert server.request_total() <= 2


async def test_walk_huertgenwald_sternberg_ascending_order(http: HttpClient) -> None:
    """Sternberg (ascending by created): a fresh client finds the newest paper in ≤ 3 requests."""
    async with OParlServer("huertgenwald") as server:
        client = await connected(server, http, "huertgenwald")
        ids = server.paper_ids()
        known = set(ids)
        added = server.add_paper({"name": "Anfrage der FFH Fraktion", "paperType": "Anfrage"})
        server.reset_counts()
        new = [
            p
            async for p in client.walk_newest(server.paper_list_url, lambda p: p.oparl_id in known)
        ]
        assert [p.oparl_id for p in new] == [added["id"]]
        assert server.request_total() <= 3
        assert client.last_walk.newest_first is False


async def test_idle_poll_costs_at_most_two_requests_per_list(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """Filtered poll + newest-end walk on an unchanged list: ≤ 2 requests together."""
    client = await connected(karlsruhe, http)
    known = {p.oparl_id for p in await all_papers(client, karlsruhe.paper_list_url)}
    since = datetime.now(BERLIN) - timedelta(minutes=1)
    karlsruhe.reset_counts()
    changed = await all_papers(client, karlsruhe.paper_list_url, modified_since=since)
    new = [
        p async for p in client.walk_newest(karlsruhe.paper_list_url, lambda p: p.oparl_id in known)
    ]
    assert changed == []
    assert new == []
    assert karlsruhe.request_total() <= 2


async def test_server_ignoring_modified_since_still_no_duplicates(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """more! rubin ignores modified_since: the filtered poll is useless, the walk still exact."""
    karlsruhe.faults.ignore_modified_since = True
    client = await connected(karlsruhe, http)
    known = {p.oparl_id for p in await all_papers(client, karlsruhe.paper_list_url)}
    added = karlsruhe.add_paper({"name": "Anfrage zur Stadtbahn", "paperType": "Anfrage"})
    since = datetime.now(BERLIN) - timedelta(seconds=30)
    filtered = await all_papers(client, karlsruhe.paper_list_url, modified_since=since)
    assert len(filtered) == KA_PAPERS + 1  # the server ignored the filter
    new = [
        p async for p in client.walk_newest(karlsruhe.paper_list_url, lambda p: p.oparl_id in known)
    ]
    assert [p.oparl_id for p in new] == [added["id"]]


# --- faults survived -------------------------------------------------------------------------


async def test_500s_during_walk_are_survived_without_loss(
    karlsruhe: OParlServer, http: HttpClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Two 500s on list pages are retried (logged); all 600 papers arrive exactly once."""
    client = await connected(karlsruhe, http)
    karlsruhe.faults.fail_next = 2
    karlsruhe.faults.fail_path_prefix = "/oparl/bodies/0001/papers"
    with caplog.at_level(logging.INFO, logger="fetcher.http"):
        papers = [p async for p in client.walk_newest(karlsruhe.paper_list_url, lambda p: False)]
    assert len(papers) == KA_PAPERS
    assert len({p.oparl_id for p in papers}) == KA_PAPERS
    assert "error='HTTP 500'" in caplog.text


async def test_truncated_json_page_is_retried(karlsruhe: OParlServer, http: HttpClient) -> None:
    """A list page cut in half is fetched again; nothing is lost or doubled."""
    client = await connected(karlsruhe, http)
    karlsruhe.faults.truncate_next = 1
    papers = await all_papers(client, karlsruhe.paper_list_url)
    assert len({p.oparl_id for p in papers}) == len(papers) == KA_PAPERS


async def test_slow_server_is_waited_for(karlsruhe: OParlServer, http: HttpClient) -> None:
    """50 ms latency per request only slows the walk; the result is the same."""
    karlsruhe.faults.latency_s = 0.05
    client = await connected(karlsruhe, http)
    page = await client.fetch_page(karlsruhe.paper_list_url, paper_from_json)
    assert len(page.items) == 20


async def test_control_characters_in_json_are_kept(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """ALLRIS net's raw control characters inside strings decode; the text is not dropped."""
    karlsruhe.faults.control_characters = True
    client = await connected(karlsruhe, http)
    page = await client.fetch_page(karlsruhe.paper_list_url, paper_from_json)
    assert len(page.items) == 20
    assert all("\x0b(Steuerzeichen)" in p.name for p in page.items)


async def test_html_error_page_with_200_is_not_oparl(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """Aachen-style HTML page with HTTP 200 on a list URL raises NotOParl with a clear message."""
    karlsruhe.faults.html_200_lists = True
    client = await connected(karlsruhe, http)
    with pytest.raises(NotOParl, match=r"HTML page .* with HTTP 200 instead of OParl JSON"):
        await all_papers(client, karlsruhe.paper_list_url)


async def test_error_object_with_200_is_not_oparl(karlsruhe: OParlServer, http: HttpClient) -> None:
    """more! rubin's Error object with HTTP 200 for an unknown path raises NotOParl."""
    karlsruhe.faults.error_object_200 = True
    client = await connected(karlsruhe, http)
    with pytest.raises(NotOParl, match="Requested class doesn't exist"):
        await client.get_object(karlsruhe.url("/oparl/bodies/0001/agendaItems"))


async def test_karlsruhe_ris_prefix_rewritten(http: HttpClient) -> None:
    """Ids say /oparl/ but only /ris/oparl/ answers: the client rewrites and reads the list."""
    async with OParlServer("karlsruhe", ris_prefix=True) as server:
        client = await connected(server, http)
        bodies = await client.bodies()
        assert bodies[0].paper == f"{server.base_url}/oparl/bodies/0001/papers"
        page = await client.fetch_page(bodies[0].paper, paper_from_json)
        assert len(page.items) == 20
        assert page.items[0].oparl_id.startswith(f"{server.base_url}/oparl/")
        assert server.requests["/oparl/bodies/0001/papers"] == 0


async def test_allris_net_leipzig_page_mapped_with_fixups(http: HttpClient) -> None:
    """Leipzig's old ALLRIS net endpoint: `N/A` web link repaired, `p=` pagination, 1.0 types."""
    async with OParlServer("leipzig-allris-net") as server:
        client = await connected(server, http, "leipzig")
        assert client.dialect.name == "allris-net"
        bodies = await client.bodies()
        papers = await all_papers(client, bodies[0].paper or "")
    assert [p.reference for p in papers] == ["DS-00029/14"]
    assert papers[0].web_url == f"{server.base_url}/bi/vo020.asp?VOLFDNR=1000030"
    assert papers[0].paper_type == "Informationsvorlage"


async def test_added_paper_with_missing_fields_and_unknown_keys(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """A minimal paper maps (missing optionals tolerated) and keeps vendor keys in `extra`."""
    added = karlsruhe.add_paper({"name": "Minimal", "STERNBERG:RIMVersion": "5.0.4"})
    client = await connected(karlsruhe, http)
    paper = await client.get_paper(added["id"])
    assert paper.name == "Minimal"
    assert paper.reference is None
    assert paper.main_file is None
    assert paper.extra["STERNBERG:RIMVersion"] == "5.0.4"


# --- pure helpers ----------------------------------------------------------------------------


def test_embedded_objects_and_url_references_both_map() -> None:
    """mainFile as URL string, consultation as object, null in arrays: all tolerated."""
    paper = paper_from_json(
        {
            "id": "https://x/papers/1",
            "name": "Anfrage",
            "mainFile": "https://x/files/9",
            "auxiliaryFile": {"id": "https://x/files/10", "name": "Anlage", "size": 0},
            "originatorOrganization": [None, "https://x/organizations/3", ""],
            "consultation": {"id": "https://x/consultations/2", "meeting": "https://x/meetings/4"},
            "date": "2026-03-02T00:00:00+01:00",
            "modified": "2026-03-02T10:00:00Z",
        }
    )
    assert paper.main_file is not None
    assert paper.main_file.oparl_id == "https://x/files/9"
    assert paper.auxiliary_files[0].size is None
    assert paper.originator_organization_ids == ("https://x/organizations/3",)
    assert paper.consultations[0].meeting_id == "https://x/meetings/4"
    assert paper.consultations[0].paper_id == "https://x/papers/1"
    assert paper.date == date(2026, 3, 2)
    assert paper.modified is not None
    assert paper.modified.utcoffset() == timedelta(0)


def test_previous_page_url_for_each_page_style() -> None:
    """Walking backwards decrements `page=`, ALLRIS net `p=` and more! rubin `/page/N`."""
    assert previous_page_url("https://x/papers?body=1&page=3") == "https://x/papers?body=1&page=2"
    assert previous_page_url("https://x/papers.asp?body=2387&p=2") == (
        "https://x/papers.asp?body=2387&p=1"
    )
    assert previous_page_url("https://x/oparl/body/KH/paper/page/34") == (
        "https://x/oparl/body/KH/paper/page/33"
    )
    assert previous_page_url("https://x/papers?page=1") is None
    assert previous_page_url("https://x/papers") is None


# --- endpoints -------------------------------------------------------------------------------


def test_bundled_endpoints_start_with_leipzig_new_url_first() -> None:
    """Leipzig leads the bundle with the 2026 URL before the registry one (OPARL-NOTES §2.1)."""
    endpoints = load_endpoints()
    assert endpoints[0].name == "Stadt Leipzig"
    assert endpoints[0].system_urls == (
        "https://www.leipzig.sitzung-online.de/oparl/system",
        "https://ratsinformation.leipzig.de/allris_leipzig_public/oparl/system",
    )
    names = [e.name for e in endpoints]
    for city in ("Stadt Köln", "Stadt Bonn", "Stadt Dresden", "Stadt Münster", "Stadt Karlsruhe"):
        assert city in names
    assert len(set(names)) == len(names)
    assert len({e.slug for e in endpoints}) == len(endpoints)


def test_parse_endpoint_setting_forms() -> None:
    """OPARL_ENDPOINTS takes bare URLs, `a|b` lists and `Name=a|b`; bad items name themselves."""
    parsed = parse_endpoint_setting(
        "https://oparl.dresden.de/system, Testhausen=http://127.0.0.1:8081/oparl/system|"
        "http://127.0.0.1:8082/oparl/system"
    )
    assert parsed[0].name == "Stadt Dresden"
    assert parsed[0].slug == "dresden"
    assert parsed[1].name == "Testhausen"
    assert parsed[1].system_urls == (
        "http://127.0.0.1:8081/oparl/system",
        "http://127.0.0.1:8082/oparl/system",
    )
    with pytest.raises(ValueError, match="not a URL list: 'Leipzig'"):
        parse_endpoint_setting("Leipzig")
    assert slugify("Stadt Köln") == "koeln"
