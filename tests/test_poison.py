"""Poison records and runaway lists: real Karlsruhe payloads, modified one field at a time."""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from fetcher.http import HttpClient, RetryPolicy
from fetcher.model import Body, Paper
from fetcher.oparl import DEFAULT_MAX_PAGES, OParlClient
from fetcher.oparl_json import (
    COLUMN_LIMITS,
    BadRecord,
    meeting_from_json,
    organization_from_json,
    paper_from_json,
    person_from_json,
)
from standins.oparl_server import LOCAL_NETWORKS, TOKEN, OParlServer
from storage import models, records
from tests.fixtures_path import OPARL_FIXTURES

# Karlsruhe paper 2024/1420, the inquiry "Planungen zur Umgestaltung der Steinkreuzstraße";
# its file 663803 and consultation are embedded in the real payload.
PAPER_KEY = "/oparl/bodies/0001/papers/vo/51397"
KA_PAPERS = 600


@pytest.fixture
async def karlsruhe() -> AsyncIterator[OParlServer]:
    """Yield a running Karlsruhe OParl server."""
    async with OParlServer("karlsruhe") as srv:
        yield srv


@pytest.fixture
async def http() -> AsyncIterator[HttpClient]:
    """Yield an HttpClient allowed to reach the local server."""
    async with HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as client:
        yield client


def fixture_paper() -> dict[str, Any]:
    """Return the real payload of paper 2024/1420 from ../shared/fixtures."""
    data: dict[str, Any] = json.loads((OPARL_FIXTURES / "karlsruhe/papers/51397.json").read_text())
    return data


def real_paper(server: OParlServer, suffix: str) -> dict[str, Any]:
    """Return a copy of the real paper 2024/1420 under a new id (so it is a new record)."""
    obj = copy.deepcopy(server.data.objects[PAPER_KEY])
    obj["id"] = f"{TOKEN}{PAPER_KEY}-{suffix}"
    return obj


async def walk_all(client: OParlClient, url: str) -> list[Paper]:
    """Return every paper of the list, page by page."""
    out: list[Paper] = []
    async for page in client.iter_papers(url):
        out.extend(page.items)
    return out


def test_column_limits_equal_the_storage_models() -> None:
    """The mapping's copy of the column widths is the one storage/models.py declares."""
    for key, limit in COLUMN_LIMITS.items():
        model_name, field_name = key.split(".")
        field = getattr(models, model_name)._meta.fields_map[field_name]
        assert field.max_length == limit, key


def test_each_overlong_paper_field_is_cut_or_dropped() -> None:
    """Reference and type are cut to their columns; over-long URLs are dropped, noted in extra."""
    obj = fixture_paper()
    obj["reference"] = "2024/1420 " + "x" * 140
    obj["paperType"] = "Anfrage " * 40
    obj["web"] = "https://web1.karlsruhe.de/ris/oparl/papers/vo/51397?" + "a=1&" * 300
    obj["auxiliaryFile"][0]["accessUrl"] = "https://web1.karlsruhe.de/" + "d/" * 600
    obj["auxiliaryFile"][0]["name"] = "Anfrage " * 80
    obj["consultation"][0]["role"] = "Vorberatung " * 30
    paper = paper_from_json(obj)
    assert paper.reference is not None
    assert len(paper.reference) == 100
    assert paper.reference.startswith("2024/1420 xxx")
    assert paper.paper_type is not None
    assert len(paper.paper_type) <= 200
    assert paper.web_url is None
    assert paper.main_file is not None
    assert paper.main_file.access_url is None
    assert paper.main_file.name is not None
    assert len(paper.main_file.name) <= 200
    assert paper.consultations[0].role is not None
    assert len(paper.consultations[0].role) <= 300
    assert any(note.startswith("reference cut from 150") for note in paper.extra["fixed"])
    assert any(note.startswith("web dropped") for note in paper.extra["fixed"])


async def test_fixed_paper_is_stored_on_both_backends(db_url: str) -> None:
    """A paper with every field over-long is stored whole; before, the INSERT raised."""
    obj = fixture_paper()
    obj["reference"] = "2024/1420-" + "9" * 140
    obj["paperType"] = "Anfrage " * 40
    obj["web"] = "https://web1.karlsruhe.de/" + "w" * 1100
    obj["auxiliaryFile"][0]["accessUrl"] = "https://web1.karlsruhe.de/" + "d" * 1100
    obj["auxiliaryFile"][1]["name"] = "Stellungnahme " * 50
    obj["consultation"][0]["role"] = "Vorberatung " * 30
    obj["consultation"][0]["meeting"] = "https://web1.karlsruhe.de/m/" + "1" * 600
    paper = paper_from_json(obj)
    body = Body(oparl_id="https://web1.karlsruhe.de/oparl/bodies/0001", name="Stadt Karlsruhe")
    kommune = await records.upsert_kommune(body, slug="karlsruhe")
    change = await records.upsert_paper(kommune, paper)
    assert change.created
    row = await models.Paper.get(oparl_id=paper.oparl_id)
    assert row.reference == "2024/1420-" + "9" * 90
    assert row.web_url is None
    assert await models.File.filter(paper_id=row.id).count() == 2


def test_wrong_types_become_empty_values() -> None:
    """Wrong-typed name, reference, consultation and file id leave the rest of the paper usable."""
    obj = fixture_paper()
    obj["name"] = {"de": "Planungen"}
    obj["reference"] = ["2024/1420"]
    obj["consultation"] = 17
    obj["auxiliaryFile"][0]["id"] = 663803
    paper = paper_from_json(obj)
    assert paper.name == ""
    assert paper.reference is None
    assert paper.consultations == ()
    # The inquiry file (its id now a number) is left out; the answer file 664222 stays.
    assert paper.main_file is None
    assert [f.oparl_id.rsplit("/", 1)[-1] for f in paper.auxiliary_files] == ["664222"]
    assert "name of type dict ignored" in paper.extra["fixed"]
    assert "auxiliaryFile without usable id left out" in paper.extra["fixed"]


@pytest.mark.parametrize(
    "bad_id",
    [None, 51397, "", "https://web1.karlsruhe.de/oparl/papers/" + "9" * 480],
    ids=["missing", "integer", "empty", "longer-than-column"],
)
def test_record_without_usable_id_is_bad(bad_id: object) -> None:
    """Missing, non-string, empty and over-long ids cannot be stored: BadRecord."""
    obj = fixture_paper()
    if bad_id is None:
        del obj["id"]
    else:
        obj["id"] = bad_id
    with pytest.raises(BadRecord):
        paper_from_json(obj)


def test_other_objects_fit_their_columns() -> None:
    """Meeting, agenda item, organization and person texts are cut to their columns."""
    meeting = meeting_from_json(
        {
            "id": "https://x/meetings/1",
            "name": "Gemeinderat " * 60,
            "web": "https://x/" + "m" * 1200,
            "agendaItem": [{"id": "https://x/ai/1", "number": "Ö " * 40, "order": 2**40}],
        }
    )
    assert meeting.name is not None
    assert len(meeting.name) <= 500
    assert meeting.web_url is None
    assert meeting.agenda[0].number is not None
    assert len(meeting.agenda[0].number) <= 50
    assert meeting.agenda[0].order is None
    org = organization_from_json({"id": "https://x/o/1", "name": "F" * 700, "shortName": "S" * 300})
    assert (len(org.name), len(org.short_name or "")) == (500, 200)
    person = person_from_json(
        {"id": "https://x/p/1", "givenName": "A" * 200, "familyName": "B" * 200}
    )
    assert len(person.name) == 300


async def test_poison_records_are_skipped_and_the_rest_goes_through(
    karlsruhe: OParlServer, http: HttpClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Bad ids are skipped and recorded once; fixable records and all 600 real papers arrive."""
    long_ref = real_paper(karlsruhe, "longref")
    long_ref["reference"] = "R" * 140
    long_url = real_paper(karlsruhe, "longurl")
    long_url["web"] = "https://web1.karlsruhe.de/" + "w" * 1100
    missing = real_paper(karlsruhe, "missing")
    del missing["id"]
    integer = real_paper(karlsruhe, "integer")
    integer["id"] = 51397
    too_long = real_paper(karlsruhe, "x" * 600)
    duplicate = copy.deepcopy(karlsruhe.data.objects[PAPER_KEY])
    duplicate["name"] = "Doppelt"
    for obj in (long_ref, long_url, missing, integer, too_long, duplicate):
        karlsruhe.add_raw_paper(obj)

    client = OParlClient(http, source="ka")
    await client.connect([karlsruhe.system_url])
    with caplog.at_level(logging.WARNING, logger="fetcher.oparl"):
        papers = await walk_all(client, karlsruhe.paper_list_url)
    by_id = {p.oparl_id: p for p in papers}
    assert len(papers) == KA_PAPERS + 2
    assert len(by_id) == len(papers)
    assert karlsruhe.base_url + PAPER_KEY in by_id  # one of the two copies, the first seen
    assert by_id[karlsruhe.base_url + PAPER_KEY + "-longref"].reference == "R" * 100
    assert by_id[karlsruhe.base_url + PAPER_KEY + "-longurl"].web_url is None

    skipped = client.take_skipped()
    reasons = sorted(r.reason.split(":")[0] for r in skipped)
    assert len(skipped) == 4
    assert reasons == ["BadRecord", "BadRecord", "BadRecord", "duplicate id on the same page"]
    assert {r.source for r in skipped} == {"ka"}
    assert client.take_skipped() == []
    warnings = [r for r in caplog.records if "skipped record" in r.getMessage()]
    assert len(warnings) == 4

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="fetcher.oparl"):
        await walk_all(client, karlsruhe.paper_list_url)
    assert len(client.take_skipped()) == 4
    assert not [r for r in caplog.records if "skipped record" in r.getMessage()]


async def test_endless_list_stops_past_its_announced_pages(
    karlsruhe: OParlServer, http: HttpClient
) -> None:
    """A list producing pages beyond its own page count stops 3 pages past it, as an anomaly."""
    karlsruhe.faults.endless_list = True
    client = OParlClient(http, source="ka")
    await client.connect([karlsruhe.system_url])
    papers = await walk_all(client, karlsruhe.paper_list_url)
    announced = KA_PAPERS // karlsruhe.page_size
    assert len(papers) == (announced + 3) * karlsruhe.page_size
    (anomaly,) = client.take_anomalies()
    assert (anomaly.kind, anomaly.pages, anomaly.source) == ("overrun", announced + 3, "ka")
    assert client.take_anomalies() == []


async def test_endless_list_stops_at_the_page_cap(karlsruhe: OParlServer, http: HttpClient) -> None:
    """With a cap below the list's length, the walk reads exactly the cap and reports it."""
    karlsruhe.faults.endless_list = True
    client = OParlClient(http, source="ka", max_pages=10)
    await client.connect([karlsruhe.system_url])
    karlsruhe.reset_counts()
    papers = await walk_all(client, karlsruhe.paper_list_url)
    assert len(papers) == 10 * karlsruhe.page_size
    assert karlsruhe.request_total("/oparl/bodies/0001/papers") == 10
    (anomaly,) = client.take_anomalies()
    assert anomaly.kind == "cap"


@pytest.mark.parametrize("newest_first", [True, False], ids=["newest-first", "oldest-first"])
async def test_newest_walk_over_endless_list_stops_at_cap(
    http: HttpClient, newest_first: bool
) -> None:
    """The newest-end walk over an endless list reads at most 50 pages and reports the cap."""
    async with OParlServer("karlsruhe", newest_first=newest_first) as server:
        server.faults.endless_list = True
        client = OParlClient(http, source="ka")
        await client.connect([server.system_url])
        new = [p async for p in client.walk_newest(server.paper_list_url, lambda p: False)]
    assert client.last_walk.pages == DEFAULT_MAX_PAGES
    assert server.page_size <= len(new) <= DEFAULT_MAX_PAGES * server.page_size
    anomalies = client.take_anomalies()
    assert anomalies
    assert {(a.kind, a.pages) for a in anomalies} == {("cap", DEFAULT_MAX_PAGES)}
