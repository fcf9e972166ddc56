"""`/offen` and `ratsbot stats`: open inquiries and answer figures, through the real bot and CLI.

The corpus is the one of tests/test_bot_conversation.py: Karlsruhe (SessionNet) papers since
October 2025 whose answers are "Stellungnahme" files of the inquiry's own paper, and Leipzig
stadtratmonitor papers, none of which is linked to an answer. Expected figures were read from
the fixture JSON (`../shared/fixtures/oparl/karlsruhe/papers`): an inquiry's date and the `date`
of its Stellungnahme file.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.chat.application import RatsbotApplication, build_application
from bot.messages.open_inquiries import OpenQuery, callback, parse_callback
from bot.ops.answer_stats import figures, kommune_stats, links_answers
from fetcher.model import File
from fetcher.oparl import paper_from_json
from standins.telegram_api import TelegramAPI
from storage.db import close_db, open_db
from storage.models import Kommune
from storage.records import is_answer_file, upsert_paper
from storage.stats import InquiryRow, KommuneRow
from tests.test_bot_conversation import (
    KARLSRUHE,
    PRIVATE,
    api,  # noqa: F401  (fixture)
    corpus_db,  # noqa: F401  (fixture)
    labels,
    press,
    running,
    say,
)

# After the fixture's last inquiry (2026/0482 of 15.06.2026), so every wait is positive.
LATER = datetime(2026, 7, 31, 10, tzinfo=UTC)


def _app(api: TelegramAPI) -> RatsbotApplication:  # noqa: F811
    return build_application(api.token, api.base_url, api.base_file_url, clock=lambda: LATER)


@pytest.fixture
async def offen_bot(corpus_db: str, api: TelegramAPI) -> AsyncIterator[RatsbotApplication]:  # noqa: F811
    """Yield the running bot (clock 31.07.2026) over the conversation corpus."""
    async with running(_app(api)) as application:
        yield application
    assert [c.method for c in api.calls() if c.status != 200 and c.method != "getUpdates"] == []


async def test_offen_lists_the_open_inquiry_and_the_figures_per_faction(
    offen_bot: RatsbotApplication,
    api: TelegramAPI,  # noqa: F811
) -> None:
    """Karlsruhe: of 28 inquiries 27 have a Stellungnahme; 2026/0482 (15.06.) waits 46 days."""
    reply = await say(api, PRIVATE, "/offen Karlsruhe")
    text = reply.text
    assert text.startswith("⏳ Offene Anfragen\nStadt Karlsruhe: Antworten verknüpft seit")
    assert "2026/0482 · Vorstellung der aktuellen Planung des neuen Radwegs" in text
    assert "seit 46 Tagen ohne Antwort" in text
    assert "insgesamt: 28 Anfragen, 27 beantwortet, 1 offen, im Median nach 12 Tagen" in text
    # 2026/0482 is the Grünen's (Ortschaftsrat Wolfartsweier); 2026/0283 of the SPD is answered
    # by "StN Anfrage 20260283 SPD - …", an abbreviated Stellungnahme. The parser reads the
    # faction from the text too: 2026/0321 ("Die Fraktion Bündnis 90/Die Grünen fragt …") and
    # 2026/0209 ("Eingang: …, SPD / Bürgerliste-Ortschaftsratsfraktion").
    assert "Bündnis 90/Die Grünen: 7 Anfragen, 6 beantwortet, 1 offen" in text
    assert "SPD: 6 Anfragen, 6 beantwortet, 0 offen" in text
    assert "2026/0283" not in text
    assert labels(reply) == []  # one page

    only_spd = await say(api, PRIVATE, "/offen Karlsruhe SPD")
    assert only_spd.text.startswith("⏳ Offene Anfragen · SPD")
    assert "Keine offene Anfrage – jede hat eine Antwort." in only_spd.text
    assert "SPD: 6 Anfragen, 6 beantwortet, 0 offen" in only_spd.text
    assert "Grünen" not in only_spd.text


async def test_offen_says_so_where_answers_are_never_linked(
    offen_bot: RatsbotApplication,
    api: TelegramAPI,  # noqa: F811
) -> None:
    """Leipzig's stored inquiries have no linked answer: no false "open", a sentence instead."""
    reply = await say(api, PRIVATE, "/offen Leipzig")
    assert "seit" not in reply.text.split("Übersicht")[0].replace("Offene", "")
    assert (
        "Stadt Leipzig verknüpft Antworten nicht mit den Anfragen (2 Anfragen gespeichert)"
        in reply.text
    )
    unknown = await say(api, PRIVATE, "/offen Karlsruhe Bienenzüchter")
    assert (
        unknown.text
        == "„Bienenzüchter“ kenne ich nicht als Fraktion. Beispiel: /offen Karlsruhe SPD"
    )


@pytest.fixture
async def all_karlsruhe(db_url: str, api: TelegramAPI) -> AsyncIterator[RatsbotApplication]:  # noqa: F811
    """Yield the running bot over every Karlsruhe fixture paper (OParl only, no texts)."""
    karlsruhe = await Kommune.create(
        oparl_id="https://web1.karlsruhe.de/oparl/bodies/0001",
        name="Stadt Karlsruhe",
        slug="karlsruhe",
    )
    for path in sorted((KARLSRUHE / "papers").glob("*.json")):
        await upsert_paper(karlsruhe, paper_from_json(json.loads(path.read_text("utf-8"))))
    async with running(_app(api)) as application:
        yield application


async def test_offen_pages_oldest_first_with_buttons(
    all_karlsruhe: RatsbotApplication,
    api: TelegramAPI,  # noqa: F811
) -> None:
    """All 400 Karlsruhe inquiries: 11 lack an answer file; 8 per page, the oldest (2020) first."""
    first = await say(api, PRIVATE, "/offen Karlsruhe")
    assert "Stadt Karlsruhe: Antworten verknüpft seit 15.08.2014 · 11 offen" in first.text
    body = first.text.split("Übersicht")[0]
    assert body.index("2020/1080") < body.index("2020/1115") < body.index("2021/0582")
    assert "seit 2138 Tagen ohne Antwort" in body  # 22.09.2020 → 31.07.2026
    assert "2023/1134" not in body
    assert "Seite 1/2" in first.text
    assert "insgesamt: 400 Anfragen, 389 beantwortet, 11 offen" in first.text
    assert labels(first) == ["weiter ▶"]
    assert all(len(b.callback_data.encode()) <= 64 for row in first.buttons for b in row)

    await press(api, first, "weiter ▶")
    await api.wait_until(lambda: "Seite 2/2" in first.text, what="page 2")
    body = first.text.split("Übersicht")[0]
    assert [r for r in ("2023/1134", "2023/1287", "2026/0482") if r in body] == [
        "2023/1134",
        "2023/1287",
        "2026/0482",
    ]
    assert "2020/1080" not in body
    assert labels(first) == ["◀ zurück"]


# The CLI run is backend-independent; SQLite suffices (no PostgreSQL copy made only to skip).
@pytest.mark.parametrize("corpus_db", ["sqlite"], indirect=True)
async def test_stats_json_gives_the_same_figures(corpus_db: str, tmp_path: Path) -> None:  # noqa: F811
    """`ratsbot stats --json` reports per Kommune and faction what /offen shows."""
    await close_db()
    env = {**os.environ, "DATABASE_URL": corpus_db, "TELEGRAM_BOT_TOKEN": ""}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "stats",
        "--json",
        env=env,
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0
    await open_db(corpus_db)
    data = json.loads(stdout)
    karlsruhe, leipzig = data["kommunen"]
    assert leipzig == {
        "kommune": "Stadt Leipzig",
        "slug": "leipzig",
        "links_answers": False,
        "inquiries_total": 2,
    }
    assert (karlsruhe["inquiries"], karlsruhe["answered"], karlsruhe["open"]) == (28, 27, 1)
    assert karlsruhe["median_days_to_answer"] == 12
    assert "answered_within_deadline_share" not in karlsruhe  # no known deadline
    assert [i["reference"] for i in karlsruhe["open_inquiries"]] == ["2026/0482"]
    spd = next(f for f in karlsruhe["factions"] if f["faction"] == "SPD")
    assert (spd["inquiries"], spd["answered"], spd["open"]) == (6, 6, 0)


def _row(paper_id: int, asked: date, answered_on: date | None) -> InquiryRow:
    return InquiryRow(
        paper_id, 1, f"A{paper_id}", "t", asked, ("SPD",), answered_on is not None, answered_on
    )


def test_linking_is_judged_on_the_last_year_of_a_kommunes_own_inquiries() -> None:
    """Answers linked only over a year before the newest inquiry mean "not linked (any more)"."""
    old = _row(1, date(2020, 1, 1), date(2020, 2, 1))
    assert links_answers([old, _row(2, date(2020, 6, 1), None)])
    assert not links_answers([old, _row(2, date(2021, 6, 1), None)])
    stats = kommune_stats(
        KommuneRow(1, "X", "x"), [old, _row(2, date(2021, 6, 1), None)], date(2022, 1, 1)
    )
    assert stats.links_answers is False
    assert stats.figures is None


def test_deadline_share_counts_late_open_inquiries_as_missed() -> None:
    """With a 30-day deadline: answered after 10 and 40 days, one open for 60 days → 1 of 3."""
    rows = [
        _row(1, date(2024, 1, 1), date(2024, 1, 11)),
        _row(2, date(2024, 1, 1), date(2024, 2, 10)),
        _row(3, date(2024, 1, 2), None),
        _row(4, date(2024, 2, 25), None),  # open 5 days: not decided yet
    ]
    result = figures(rows, date(2024, 3, 1), deadline_days=30)
    assert result.within_deadline == pytest.approx(1 / 3)
    assert result.median_days == 25
    assert figures(rows, date(2024, 3, 1)).within_deadline is None


def test_page_callback_round_trips_within_64_bytes() -> None:
    """The page buttons' data parses back to the same page; foreign data is refused."""
    query = OpenQuery(123456, "buendnis-90-die-gruenen", 12)
    data = callback(query)
    assert data is not None
    assert len(data.encode()) <= 64
    assert parse_callback(data) == query
    assert parse_callback("a:w") is None
    assert parse_callback("of:x:1:*") is None


@pytest.mark.parametrize(
    "name",
    [
        "Stellungnahme zur Anfrage",
        "StN Anfrage 20260283 SPD - Wissenstransfer und Wissenssicherung",
        "Vorl.Nr. 59_STN CDU_Radweg entlang der L623 zwischen Grünwettersbach und Wolfartsweier",
        "St zur Anfrage",
    ],
)
def test_karlsruhe_answer_files_are_recognised_also_when_abbreviated(name: str) -> None:
    """Karlsruhe names its Stellungnahme files also "StN …", "…_STN …" and "St zur Anfrage"."""
    assert is_answer_file(File(oparl_id="f", name=name))


@pytest.mark.parametrize(
    "name",
    ["Anfrage", "Protokoll GR 23.06.2026 TOP 31", "Werkzeug Leitfragen zur Wissensweitergabe"],
)
def test_other_karlsruhe_files_are_no_answers(name: str) -> None:
    """The inquiry itself, the minutes and attachments of real Karlsruhe papers are no answers."""
    assert not is_answer_file(File(oparl_id="f", name=name))
