"""Volume control through the real bot and the Bot API stand-in, with injected clocks.

The corpus of tests/test_bot_conversation.py (clock 01.06.2026, 02:00 Berlin time). Karlsruhe's
stored papers dated 02.05.–01.06.2026 are 4 inquiries and 7 answers (read from the fixture JSON,
see tests/test_volume.py); Leipzig's new papers are the Grüne inquiry F-00724/14, the Linke
inquiry VII-F-08613 (TVöD) and the Grüne motion VII-A-08607 (Wohnungsbaukoordinator*in).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.chat import volume_prompt as vp
from bot.chat.application import RatsbotApplication
from bot.pipeline.delivery import DeliveryWorker
from bot.pipeline.notify import Notifier
from standins.telegram_api import TelegramAPI
from storage.models import Chat, Kommune, Notification, Paper, Subscription
from tests import test_bot_conversation as conversation
from tests.test_bot_conversation import (
    NEW_LEIPZIG,
    NOW,
    PRIVATE,
    edited_to,
    labels,
    press,
    say,
    store_leipzig,
    store_seed_inquiry,
)
from tests.test_delivery import FAST

api = conversation.api
bot = conversation.bot
corpus_db = conversation.corpus_db

SEVEN_BERLIN = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)  # 07:00 in Berlin (summer time)


async def _drain(app: RatsbotApplication, now: datetime) -> int:
    """Run a fresh delivery worker (as after a restart) at `now` until nothing is due."""
    return await DeliveryWorker(app.bot, FAST, now=lambda: now).drain(timeout_s=20)


async def _rows(state: str | None = None) -> list[Notification]:
    query = Notification.filter(chat__chat_id=PRIVATE)
    return await (query.filter(state=state) if state else query).order_by("id")


async def test_preview_equals_live_delivery_and_daily_waits_for_seven(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """/abo Karlsruhe previews 11 papers, live delivery queues the same 11, "täglich" holds them."""
    confirmation = await say(api, PRIVATE, "/abo Karlsruhe")
    assert "Dieses Abo hätte in den letzten 30 Tagen 11 Papiere geliefert." in confirmation.text
    assert labels(confirmation)[:2] == ["sofort", "täglich um 7 Uhr"]
    chosen = await press(api, confirmation, "täglich um 7 Uhr")
    assert chosen.text == vp.SAID_DAILY
    await api.wait_until(lambda: labels(confirmation)[:2] == ["sofort", "✓ täglich um 7 Uhr"])
    assert await Subscription.filter(chat__chat_id=PRIVATE).values_list("delivery", flat=True) == [
        "taeglich"
    ]

    # Live delivery over the same stored papers: the sync's hook, paper by paper.
    karlsruhe = await Kommune.get(slug="karlsruhe")
    window = Paper.filter(
        kommune=karlsruhe, date__gte=(NOW - timedelta(days=30)).date(), date__lte=NOW.date()
    )
    notifier = Notifier(clock=lambda: NOW)
    for paper_id in await window.order_by("id").values_list("id", flat=True):
        await notifier.on_paper_stored(int(paper_id), created=True, backfill=False)  # type: ignore[call-overload]
    rows = await _rows()
    assert len(rows) == 11
    assert {r.next_attempt_at for r in rows} == {SEVEN_BERLIN}

    before = len(api.messages(PRIVATE))
    assert await _drain(bot, NOW) == 0  # 02:00: everything waits
    assert await _drain(bot, SEVEN_BERLIN - timedelta(minutes=1)) == 0
    assert len(api.messages(PRIVATE)) == before
    assert await _drain(bot, SEVEN_BERLIN) == 11
    pushed = api.messages(PRIVATE)[before:]
    # The 4 inquiries as one digest, the 7 answers each on their own.
    (digest,) = [m for m in pushed if m.text.startswith("📬")]
    assert digest.text.startswith("📬 4 neue Anfragen in Stadt Karlsruhe")
    assert "Radwegmarkierungen in der Killisfeldstraße" in digest.text  # 2026/0397
    answers = [m for m in pushed if m.text.startswith("✅ Antwort auf Anfrage · Stadt Karlsruhe")]
    assert len(answers) == 7
    assert len(pushed) == 1 + 7
    assert len(await _rows("sent")) == 11
    assert await _drain(bot, SEVEN_BERLIN + timedelta(hours=1)) == 0  # nothing twice


async def test_a_chat_with_both_kinds_gets_only_the_immediate_ones_now(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """Grüne inquiries "sofort", all Leipzig papers "täglich" (in /abos): one push, one digest."""
    await say(api, PRIVATE, "/abo Leipzig Grüne")
    everything = await say(api, PRIVATE, "/abo Leipzig typ:alle")
    assert "Dieses Abo hätte in den letzten 30 Tagen nichts geliefert." in everything.text
    assert "täglich um 7 Uhr" not in labels(everything)  # nothing to collect: not offered
    listing = await say(api, PRIVATE, "/abos")
    assert labels(listing)[-5:] == [
        "1. → täglich",
        "2. → täglich",
        vp.BUTTON_QUIET_ON,
        "🗓 Wochenvorschau einschalten",
        "🔕 Sitzungserinnerungen ausschalten",
    ]
    switched = await press(api, listing, "2. → täglich")
    assert switched.text == vp.SAID_DAILY
    await api.wait_until(lambda: "Täglich um 7 Uhr als Sammelnachricht: 2." in listing.text)
    assert "2. → sofort" in labels(listing)

    day = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # 12:00 in Berlin
    leipzig = await Kommune.get(slug="leipzig")
    notifier = Notifier(clock=lambda: day)
    ids = [await store_seed_inquiry(leipzig)] + [
        await store_leipzig(leipzig, r) for r in NEW_LEIPZIG
    ]
    assert [await notifier.on_paper_stored(i, created=True, backfill=False) for i in ids] == [
        1,
        1,
        1,
    ]
    before = len(api.messages(PRIVATE))
    assert await _drain(bot, day) == 1
    (push,) = api.messages(PRIVATE)[before:]
    assert push.text.startswith("📄 Anfrage · Stadt Leipzig\nGemeinwesenarbeit – Vernetzung")

    assert await _drain(bot, SEVEN_BERLIN + timedelta(days=1)) == 2
    (digest,) = api.messages(PRIVATE)[before + 1 :]
    # VII-F-08613 is an inquiry, VII-A-08607 a motion: the headline counts papers.
    assert digest.text.startswith("📬 2 neue Papiere in Stadt Leipzig")
    assert "Anwendbarkeit des Tarifabschlusses TVöD auf freie Träger" in digest.text
    assert "Wohnungsbaukoordinator*in einsetzen" in digest.text


async def test_quiet_hours_hold_messages_across_a_restart_and_release_them(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """Quiet hours 22–7: a push at 23:00 waits in the database, survives restarts, comes at 7:00."""
    await say(api, PRIVATE, "/abo Leipzig Grüne")
    listing = await say(api, PRIVATE, "/abos")
    on = await press(api, listing, vp.BUTTON_QUIET_ON)
    assert on.text == vp.QUIET_ON
    await api.wait_until(lambda: "Ruhezeit: 22–7 Uhr" in listing.text)
    chat = await Chat.get(chat_id=PRIVATE)
    assert (chat.quiet_start_hour, chat.quiet_end_hour) == (22, 7)

    night = datetime(2026, 6, 1, 21, 0, tzinfo=UTC)  # 23:00 in Berlin
    morning = SEVEN_BERLIN + timedelta(days=1)
    leipzig = await Kommune.get(slug="leipzig")
    seed_id = await store_seed_inquiry(leipzig)
    assert (
        await Notifier(clock=lambda: night).on_paper_stored(seed_id, created=True, backfill=False)
        == 1
    )
    before = len(api.messages(PRIVATE))
    assert await _drain(bot, night) == 0
    (row,) = await _rows()
    assert (row.state, row.next_attempt_at, row.attempts) == ("pending", morning, 0)
    # A restart at 05:00 Berlin time: the new worker finds the row still waiting.
    assert await _drain(bot, morning - timedelta(hours=2)) == 0
    assert len(api.messages(PRIVATE)) == before
    assert await _drain(bot, morning) == 1
    (push,) = api.messages(PRIVATE)[before:]
    assert push.text.startswith("📄 Anfrage · Stadt Leipzig\nGemeinwesenarbeit – Vernetzung")
    assert await _drain(bot, morning + timedelta(hours=1)) == 0  # sent once

    off = await press(api, listing, vp.BUTTON_QUIET_OFF)
    assert off.text == vp.QUIET_OFF
    await api.wait_until(lambda: vp.BUTTON_QUIET_ON in labels(listing))
    chat = await Chat.get(chat_id=PRIVATE)
    assert chat.quiet_start_hour is None


async def test_wizard_and_deep_link_show_the_preview_too(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """The guided /abo and a /start link confirm with the same 30-day preview and choice."""
    picker = await say(api, PRIVATE, "/abo")
    await press(api, picker, "Stadt Karlsruhe")
    await edited_to(api, picker, "Was möchten Sie bekommen?")
    await press(api, picker, "Alle Anfragen")
    await edited_to(api, picker, "Stadt Karlsruhe · Anfragen und Antworten")
    await press(api, picker, "✅ Abonnieren")
    await edited_to(api, picker, "Dieses Abo hätte in den letzten 30 Tagen 11 Papiere geliefert.")
    assert labels(picker)[:2] == ["sofort", "täglich um 7 Uhr"]
    await press(api, picker, "sofort")
    await api.wait_until(lambda: labels(picker)[:2] == ["✓ sofort", "täglich um 7 Uhr"])

    other = PRIVATE + 1
    linked = await say(api, other, "/start karlsruhe")
    assert linked.text.startswith("✅ Abo angelegt: Stadt Karlsruhe · Anfragen und Antworten")
    assert "Dieses Abo hätte in den letzten 30 Tagen 11 Papiere geliefert." in linked.text


async def test_switching_quiet_hours_off_releases_what_waits(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """A push held by quiet hours goes out as soon as the chat switches them off."""
    await say(api, PRIVATE, "/abo Leipzig Grüne")
    listing = await say(api, PRIVATE, "/abos")
    await press(api, listing, vp.BUTTON_QUIET_ON)
    await api.wait_until(lambda: vp.BUTTON_QUIET_OFF in labels(listing))
    night = datetime(2026, 6, 1, 21, 0, tzinfo=UTC)  # 23:00 in Berlin
    seed_id = await store_seed_inquiry(await Kommune.get(slug="leipzig"))
    await Notifier(clock=lambda: night).on_paper_stored(seed_id, created=True, backfill=False)
    before = len(api.messages(PRIVATE))
    assert await _drain(bot, night) == 0
    await press(api, listing, vp.BUTTON_QUIET_OFF)
    await api.wait_until(lambda: vp.BUTTON_QUIET_ON in labels(listing))
    assert await _drain(bot, night) == 1
    (push,) = api.messages(PRIVATE)[before:]
    assert push.text.startswith("📄 Anfrage · Stadt Leipzig\nGemeinwesenarbeit – Vernetzung")
