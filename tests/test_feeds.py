"""Atom and iCal feeds: /feed in the chat, the feed server, read back with feedparser and icalendar.

Data: the conversation corpus (Karlsruhe papers since October 2025 with their answers, Karlsruhe
meetings since May 2026). Expected values were read from the fixture JSON: inquiry 2026/0482 of
the Grünen (Ortschaftsrat Wolfartsweier), and the Gemeinderat of 23.06.2026, 15:30–20:00, whose
TOP 31 is inquiry 2026/0283 (`../shared/fixtures/oparl/karlsruhe/meetings/10540.json`).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime

import aiohttp
import pytest

from bot.chat.application import RatsbotApplication
from bot.chat.feed import FEEDS_FORGET_KEY, FEEDS_URL_KEY
from bot.feeds.ical import escape_text, fold
from bot.feeds.server import FeedServer
from standins.telegram_api import TelegramAPI
from tests.test_bot_conversation import (
    NOW,
    PRIVATE,
    api,  # noqa: F401  (fixture)
    corpus_db,  # noqa: F401  (fixture)
    make_app,
    running,
    say,
)

URL = re.compile(r"http://127\.0\.0\.1:\d+/feed/[A-Za-z0-9_-]+\.(?:atom|ics)")


@pytest.fixture
async def feeds(corpus_db: str) -> AsyncIterator[FeedServer]:  # noqa: F811
    """Yield a running feed server on 127.0.0.1 over the conversation corpus."""
    server = FeedServer(base_url="http://127.0.0.1:0", clock=lambda: NOW)
    port = await server.start("127.0.0.1", 0)
    server.base_url = f"http://127.0.0.1:{port}"
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def feed_bot(
    feeds: FeedServer,
    api: TelegramAPI,  # noqa: F811
) -> AsyncIterator[RatsbotApplication]:
    """Yield the running bot, told the feed server's URL as bot/app.py does."""
    application = make_app(api)
    application.bot_data[FEEDS_URL_KEY] = feeds.base_url
    application.bot_data[FEEDS_FORGET_KEY] = feeds.forget
    async with running(application) as running_app:
        yield running_app


async def _get(url: str, etag: str | None = None) -> tuple[int, bytes, Mapping[str, str]]:
    headers = {"If-None-Match": etag} if etag else {}
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status, await response.read(), response.headers.copy()


async def test_feed_links_serve_the_subscriptions_papers_and_meetings(
    feeds: FeedServer,
    feed_bot: RatsbotApplication,
    api: TelegramAPI,  # noqa: F811
) -> None:
    """/abo Karlsruhe, /feed: the Atom link lists its inquiries, the iCal link its meetings."""
    await say(api, PRIVATE, "/abo Karlsruhe")
    reply = await say(api, PRIVATE, "/feed")
    assert "Stadt Karlsruhe · Anfrage" in reply.text
    atom_url, ics_url = URL.findall(reply.text)
    assert atom_url.endswith(".atom")
    assert ics_url.endswith(".ics")
    assert len(atom_url.rsplit("/", 1)[1]) >= 43  # 32 random bytes

    # The readers are imported here, not at the top: every xdist worker collects this module,
    # few run it, and feedparser and icalendar cost about 0.3 s of CPU to import.
    import feedparser
    import icalendar

    status, body, headers = await _get(atom_url)
    assert status == 200
    assert headers["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Ratsbot: Stadt Karlsruhe · Anfrage"
    titles = [e.title for e in parsed.entries]
    assert (
        "Anfrage 2026/0482: Vorstellung der aktuellen Planung des neuen Radwegs entlang der L623 "
        "zwischen Grünwettersbach und Wolfartsweier (Bündnis 90/Die Grünen)"
    ) in titles
    assert all(e.id and e.updated for e in parsed.entries)
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    assert not any(t.startswith(("Antrag", "Vorlage")) for t in titles)

    status, body, headers = await _get(ics_url)
    assert status == 200
    assert headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(body)
    events = {e.decoded("DTSTART"): e for e in calendar.walk("VEVENT")}
    council = events[datetime(2026, 6, 23, 13, 30, tzinfo=UTC)]
    assert str(council["SUMMARY"]) == "Gemeinderat (öffentlich/nicht öffentlich) (Stadt Karlsruhe)"
    assert council.decoded("DTEND") == datetime(2026, 6, 23, 18, 0, tzinfo=UTC)
    assert "2026/0283: Wissenstransfer und Wissenssicherung" in str(council["DESCRIPTION"])
    assert all("UID" in e and "DTSTAMP" in e for e in calendar.walk("VEVENT"))


async def test_feed_neu_replaces_the_token(
    feeds: FeedServer,
    feed_bot: RatsbotApplication,
    api: TelegramAPI,  # noqa: F811
) -> None:
    """/feed neu gives new links; the old one answers 404 at once (its cached copy is dropped)."""
    await say(api, PRIVATE, "/abo Karlsruhe")
    old_atom, _ = URL.findall((await say(api, PRIVATE, "/feed")).text)
    assert (await _get(old_atom))[0] == 200
    renewed = await say(api, PRIVATE, "/feed neu")
    assert renewed.text.startswith("Neue Feed-Adressen")
    new_atom, _ = URL.findall(renewed.text)
    assert new_atom != old_atom
    assert (await _get(old_atom))[0] == 404
    assert (await _get(new_atom))[0] == 200


async def test_kommune_feed_is_cached_and_answers_304(feeds: FeedServer) -> None:
    """Polling readers get the cached document (304 with its ETag) until a paper is stored."""
    import feedparser  # here, not at the top: see above

    url = f"{feeds.base_url}/kommune/karlsruhe.atom"
    status, body, headers = await _get(url)
    assert status == 200
    assert feedparser.parse(body).bozo == 0
    for _ in range(20):
        assert (await _get(url))[1] == body
    status, again, _ = await _get(url, headers["ETag"])
    assert (status, again) == (304, b"")
    assert feeds.stats.builds == 1
    feeds.data_changed()  # the sync stored a paper
    assert (await _get(url))[0] == 200
    assert feeds.stats.builds == 2
    assert (await _get(f"{feeds.base_url}/kommune/nirgendwo.atom"))[0] == 404
    assert (await _get(f"{feeds.base_url}/feed/erfunden.ics"))[0] == 404


def test_ical_text_is_escaped_and_folded_at_75_octets() -> None:
    """Commas, semicolons, newlines are escaped; long lines fold without splitting a character."""
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "ä" * 80)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "ä" * 80
