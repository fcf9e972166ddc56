""" "Wurde das schon gefragt?": earlier inquiries on the same topic under /anfrage and the push.

Real Karlsruhe papers: 2021/0947 (02.08.2021, interfraktionelle Anfrage of GRÜNE and DIE LINKE,
"Mittagsverpflegung für die städtischen Beschäftigten", answered by the file "STN Anfrage
Mittagsverpflegung …" of 07.09.2021, 36 days later) and its Ergänzungsanfrage 2021/0947/1
(10.08.2021, same title, DIE LINKE), stored beside the conversation corpus.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.chat.application import RatsbotApplication
from bot.messages.asked_before import asked_before_line, with_asked_before
from bot.messages.render import RenderedMessage
from fetcher.oparl import paper_from_json
from fetcher.parse import parse_text
from standins.telegram_api import TelegramAPI
from storage.earlier_inquiries import EarlierInquiry, earlier_inquiries
from storage.models import Kommune, Paper
from storage.records import apply_parsed, upsert_paper
from storage.topic_match import is_follow_up
from tests.test_bot_conversation import (
    KARLSRUHE,
    PRIVATE,
    api,  # noqa: F401  (fixture)
    corpus_db,  # noqa: F401  (fixture)
    corpus_kommunen,
    make_app,
    running,
    say,
)

FIRST, FOLLOW_UP = "41649", "41692"  # fixture file names of 2021/0947 and 2021/0947/1


async def store_karlsruhe_paper(kommune: Kommune, name: str) -> int:
    """Store one Karlsruhe fixture paper with its main file's extracted text, as the sync would."""
    paper = paper_from_json(json.loads((KARLSRUHE / "papers" / f"{name}.json").read_text("utf-8")))
    change = await upsert_paper(kommune, paper)
    assert paper.main_file is not None
    text = (
        KARLSRUHE / "file-contents" / f"{paper.main_file.oparl_id.rsplit('/', 1)[1]}.txt"
    ).read_text("utf-8")
    await apply_parsed(change.paper_id, paper.main_file.oparl_id, parse_text(text), sha256=None)
    return change.paper_id


@pytest.fixture
async def asked_bot(corpus_db: str, api: TelegramAPI) -> AsyncIterator[RatsbotApplication]:  # noqa: F811
    """Yield the running bot over the corpus plus 2021/0947 and its Ergänzungsanfrage."""
    _, karlsruhe = await corpus_kommunen()
    for name in (FIRST, FOLLOW_UP):
        await store_karlsruhe_paper(karlsruhe, name)
    async with running(make_app(api)) as application:
        yield application


async def test_anfrage_names_the_earlier_inquiry_on_the_same_topic(
    asked_bot: RatsbotApplication,
    api: TelegramAPI,  # noqa: F811
) -> None:
    """/anfrage 2021/0947/1 ends with "Schon gefragt: 2021/0947 (…, beantwortet nach 36 Tagen)"."""
    reply = await say(api, PRIVATE, "/anfrage 2021/0947/1")
    last = reply.text.splitlines()[-1]
    assert last.startswith("Schon gefragt: 2021/0947 (")
    assert last.endswith(", beantwortet nach 36 Tagen)")
    assert "Grünen" in last
    assert reply.text.count("Schon gefragt") == 1  # no unrelated inquiry of the corpus

    earliest = await say(api, PRIVATE, "/anfrage 2021/0947")
    assert "Schon gefragt" not in earliest.text  # nothing before it


async def test_unrelated_inquiries_get_no_suggestion(
    asked_bot: RatsbotApplication,
    api: TelegramAPI,  # noqa: F811
) -> None:
    """Among the 28 recent Karlsruhe inquiries, none is named as asked before for any other."""
    shown = 0
    for paper in await Paper.filter(kind="Anfrage", date__gte=date(2025, 10, 1)):
        shown += len(await earlier_inquiries(paper.id))
    assert shown == 0


def _earlier(**kwargs: object) -> EarlierInquiry:
    values: dict[str, object] = {
        "paper_id": 1,
        "reference": "2019/1154",
        "title": "t",
        "date": date(2019, 3, 12),
        "factions": ("SPD",),
        "answered": True,
        "days_to_answer": 30,
        "score": 0.9,
    }
    values.update(kwargs)
    return EarlierInquiry(**values)  # type: ignore[arg-type]


def test_line_says_faction_and_days_or_the_date_when_no_answer_is_linked() -> None:
    """Answered: days to the answer; no linked answer: its date, never "unanswered"."""
    assert (
        asked_before_line(_earlier()) == "Schon gefragt: 2019/1154 (SPD, beantwortet nach 30 Tagen)"
    )
    assert (
        asked_before_line(_earlier(answered=False, days_to_answer=None))
        == "Schon gefragt: 2019/1154 (SPD, vom 12.03.2019)"
    )
    assert asked_before_line(_earlier(factions=(), days_to_answer=1)) == (
        "Schon gefragt: 2019/1154 (beantwortet nach 1 Tag)"
    )


def test_lines_are_added_only_as_far_as_the_message_fits() -> None:
    """A message near Telegram's 4096 limit keeps its text and gets no line that would break it."""
    full = RenderedMessage("x" * 4090)
    assert with_asked_before(full, [_earlier()]) == full
    short = with_asked_before(RenderedMessage("Anfrage"), [_earlier(), _earlier(reference="A")])
    assert short.text.endswith("Schon gefragt: A (SPD, beantwortet nach 30 Tagen)")


def test_follow_ups_are_recognised_by_reference_or_long_title() -> None:
    """An Ergänzungsanfrage (2021/0947/1 after 2021/0947) or a repeated long title is the same
    topic; a short generic title or an unrelated number is not."""
    title = (
        "Mittagsverpflegung für die städtischen Beschäftigten: Entwicklung eines Kantinenkonzepts"
    )
    assert is_follow_up("anders", "2021/0947/1", "ganz anders", "2021/0947")
    assert is_follow_up(title, "2023/0100", title, "2021/0947")
    assert not is_follow_up("Anfrage", "2023/0100", "Anfrage", "2021/0947")
    assert not is_follow_up("anders", "2021/09471", "ganz anders", "2021/0947")
