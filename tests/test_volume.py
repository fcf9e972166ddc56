"""Volume control: the 30-day preview, the daily digest choice and quiet hours per chat.

Corpus of tests/test_bot_conversation.py, clock 01.06.2026. Read from the Karlsruhe fixture JSON:
between 02.05. and 01.06.2026 Karlsruhe received 4 inquiries (2026/0359, 2026/0397, 2026/0409,
2026/0437) and 7 Stellungnahme files (answers) dated in that window; Leipzig's stored papers are
from May 2023.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.pipeline.delivery_hold import daily_holds, digest_chats, quiet_holds
from bot.pipeline.volume import (
    delivered_count,
    next_digest_at,
    offers_digest,
    quiet_until,
    volume_text,
)
from storage.models import Chat
from storage.outbox import OutboxRow
from storage.subscriptions import SubscriptionRow, add_subscription
from storage.volume import daily_subscription_ids, quiet_hours, set_delivery, set_quiet_hours
from tests import test_bot_conversation as conversation
from tests.test_bot_conversation import NOW, corpus_kommunen

corpus_db = conversation.corpus_db


async def test_preview_counts_inquiries_and_answers_of_the_last_30_days(corpus_db: str) -> None:
    """A Karlsruhe subscription (inquiries and answers) would have got 4 + 7 = 11 papers."""
    leipzig, karlsruhe = await corpus_kommunen()
    row = SubscriptionRow(
        id=1, chat=1, kommune_id=int(karlsruhe.id), faction=None, keyword=None, kind="Anfrage"
    )
    assert await delivered_count(row, NOW) == 11
    motions = SubscriptionRow(
        id=2, chat=1, kommune_id=int(karlsruhe.id), faction=None, keyword=None, kind="Antrag"
    )
    assert await delivered_count(motions, NOW) < 11
    old = SubscriptionRow(
        id=3, chat=1, kommune_id=int(leipzig.id), faction=None, keyword=None, kind="alle"
    )
    assert await delivered_count(old, NOW) == 0


async def test_preview_counts_by_the_council_day_not_the_utc_day(corpus_db: str) -> None:
    """At 00:30 in Berlin (22:30 UTC the evening before) the 30 days end with Berlin's today, so a
    paper dated today (Karlsruhe has one dated 01.06.2026) counts as at noon of the same day."""
    _, karlsruhe = await corpus_kommunen()
    row = SubscriptionRow(
        id=1, chat=1, kommune_id=int(karlsruhe.id), faction=None, keyword=None, kind="alle"
    )
    berlin = ZoneInfo("Europe/Berlin")
    just_after_midnight = datetime(2026, 6, 1, 0, 30, tzinfo=berlin).astimezone(UTC)
    assert just_after_midnight.date().isoformat() == "2026-05-31"
    noon = datetime(2026, 6, 1, 12, 0, tzinfo=berlin).astimezone(UTC)
    assert await delivered_count(row, just_after_midnight) == await delivered_count(row, noon)
    the_day_before = datetime(2026, 5, 31, 12, 0, tzinfo=berlin).astimezone(UTC)
    assert await delivered_count(row, noon) > await delivered_count(row, the_day_before)


def test_preview_sentence_and_digest_offer() -> None:
    """The sentence counts papers in German; a digest is offered only above 10 in 30 days."""
    assert volume_text(14) == "Dieses Abo hätte in den letzten 30 Tagen 14 Papiere geliefert."
    assert volume_text(1) == "Dieses Abo hätte in den letzten 30 Tagen 1 Papier geliefert."
    assert volume_text(0) == "Dieses Abo hätte in den letzten 30 Tagen nichts geliefert."
    assert not offers_digest(10)
    assert offers_digest(11)


def test_quiet_hours_across_midnight_end_at_seven_berlin_time() -> None:
    """22–7 Uhr: at 23:30 and 03:00 Berlin time messages wait until 7:00; at 12:00 they do not."""
    berlin = ZoneInfo("Europe/Berlin")
    late = datetime(2026, 6, 1, 23, 30, tzinfo=berlin)
    assert quiet_until(late, 22, 7) == datetime(2026, 6, 2, 7, 0, tzinfo=berlin)
    night = datetime(2026, 6, 2, 1, 0, tzinfo=UTC)  # 03:00 in Berlin (summer time)
    assert quiet_until(night, 22, 7) == datetime(2026, 6, 2, 7, 0, tzinfo=berlin)
    assert quiet_until(datetime(2026, 6, 2, 12, 0, tzinfo=berlin), 22, 7) is None
    assert quiet_until(datetime(2026, 6, 2, 13, 0, tzinfo=berlin), 12, 14) == datetime(
        2026, 6, 2, 14, 0, tzinfo=berlin
    )
    assert quiet_until(late, 7, 7) is None


def test_next_digest_is_seven_oclock_today_or_tomorrow() -> None:
    """Before 7:00 the digest goes out today at 7:00, after it tomorrow (Berlin time)."""
    berlin = ZoneInfo("Europe/Berlin")
    assert next_digest_at(datetime(2026, 1, 5, 6, 59, tzinfo=berlin)) == datetime(
        2026, 1, 5, 7, 0, tzinfo=berlin
    )
    assert next_digest_at(datetime(2026, 1, 5, 7, 0, tzinfo=berlin)) == datetime(
        2026, 1, 6, 7, 0, tzinfo=berlin
    )


async def test_digest_choice_and_quiet_hours_are_stored(db_url: str) -> None:
    """A subscription switches to the daily digest; a chat keeps and clears its quiet hours."""
    sub, _ = await add_subscription(4242, None, None, "Radverkehr")
    chat = await Chat.get(chat_id=4242)
    assert await daily_subscription_ids(int(chat.id)) == set()
    assert await set_delivery(4242, int(sub.id), "taeglich")
    assert await daily_subscription_ids(int(chat.id)) == {int(sub.id)}
    assert not await set_delivery(999, int(sub.id), "taeglich")  # another chat's subscription
    assert await quiet_hours(int(chat.id)) is None
    assert await set_quiet_hours(4242, 22, 7)
    assert await quiet_hours(int(chat.id)) == (22, 7)
    assert await set_quiet_hours(4242, None, None)
    assert await quiet_hours(int(chat.id)) is None
    with pytest.raises(ValueError, match="hour out of range"):
        await set_quiet_hours(4242, 24, 7)


async def test_only_chats_whose_matching_subscriptions_are_all_daily_wait(db_url: str) -> None:
    """A paper waits for 7:00 in a chat with only daily matches, not where one is immediate."""
    daily_only, _ = await add_subscription(5001, None, None, "Radverkehr")
    mixed_daily, _ = await add_subscription(5002, None, None, "Radverkehr")
    mixed_now, _ = await add_subscription(5002, None, None, "Fahrrad")
    await set_delivery(5001, int(daily_only.id), "taeglich")
    await set_delivery(5002, int(mixed_daily.id), "taeglich")
    matches = {
        int(daily_only.chat_id): [int(daily_only.id)],
        int(mixed_daily.chat_id): [int(mixed_daily.id), int(mixed_now.id)],
    }
    evening = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)  # 20:00 in Berlin
    assert await daily_holds(matches, evening) == {
        int(daily_only.chat_id): datetime(2026, 6, 2, 5, 0, tzinfo=UTC)
    }
    # Thousands of matches (beyond one IN list) give the same answer.
    many = {int(daily_only.chat_id): [int(daily_only.id)], 0: list(range(100_000, 101_000))}
    assert set(await daily_holds(many, evening)) == {int(daily_only.chat_id)}


def test_held_papers_come_as_one_digest_from_two_on() -> None:
    """Two held papers make a digest; two fresh ones do not (only above `coalesce_over`)."""
    at = datetime(2026, 6, 2, 5, 0, tzinfo=UTC)

    def row(i: int, chat: int, *, held: bool) -> OutboxRow:
        return OutboxRow(
            i, chat, chat + 1000, "private", "paper", i, "new", 0, None, at if held else None
        )

    rows = [
        row(1, 1, held=True),
        row(2, 1, held=True),
        row(3, 2, held=False),
        row(4, 2, held=False),
    ]
    assert digest_chats(rows, {1: 2, 2: 2}, coalesce_over=3) == {1}
    assert digest_chats(rows, {1: 2, 2: 4}, coalesce_over=3) == {1, 2}
    quiet = [replace(row(5, 3, held=False), quiet_hours=(22, 7)), row(6, 4, held=False)]
    night = datetime(2026, 6, 1, 21, 0, tzinfo=UTC)  # 23:00 in Berlin
    assert quiet_holds(quiet, night) == {at: [5]}
    assert quiet_holds(quiet, at) == {}
