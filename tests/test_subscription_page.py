"""A push names the subscription that brought it; "Abo verwalten" pauses or deletes that one
(issue #14, point 4); the /abo picker finds Kommunen by Land (issue #12, point 5).

Conversations run through the real bot against the Bot API stand-in on the conversation tests'
corpus (real Leipzig and Karlsruhe papers), with the handlers, the matcher and delivery all on
the real clock, so that a pause set by a button is the pause delivery sees.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.chat.abo_parse import KommuneRef
from bot.chat.application import RatsbotApplication, build_application
from bot.chat.kommune_lands import land_code, lands_offered
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages.push_footer import footer_label, with_subscription_footer
from bot.messages.render import MANAGE_CALLBACK, Button, RenderedMessage
from bot.pipeline.delivery import DeliveryWorker
from bot.pipeline.delivery_render import footer_subscription
from bot.pipeline.notify import Notifier
from fetcher.clock import utc_now
from fetcher.oparl_json import body_from_json
from standins.telegram_api import TelegramAPI
from storage.models import Kommune, Notification, Paper, Subscription
from storage.records import upsert_kommune
from storage.subscription_details import SubscriptionInfo
from storage.subscriptions import load_subscription_rows
from tests import test_bot_conversation as conversation
from tests.fixtures_path import OPARL_FIXTURES
from tests.test_bot_conversation import (
    GROUP,
    MEMBER,
    OWNER,
    PRIVATE,
    edited_to,
    labels,
    press,
    running,
    say,
    stays_quiet,
    store_leipzig,
    store_seed_inquiry,
)

api = conversation.api
corpus_db = conversation.corpus_db
GREENS = "Abo: Leipzig · Bündnis 90/Die Grünen · Anfragen"
LEIPZIG = "Abo: Leipzig · Anfragen"
# VII-F-08613 is an inquiry of Die Linke (conversation tests): only a Kommune-wide one matches it.
LINKE_INQUIRY = "VII-F-08613"


@pytest.fixture
async def live(corpus_db: str, api: TelegramAPI) -> AsyncIterator[RatsbotApplication]:
    """Yield the running bot on the real clock over the conversation corpus."""
    application = build_application(api.token, api.base_url, api.base_file_url)
    async with running(application) as app:
        yield app
    failed = [(c.method, c.params) for c in api.calls() if c.status != 200]
    assert [f for f in failed if f[0] != "getUpdates"] == [], "calls Telegram would refuse"


async def _deliver(app: RatsbotApplication) -> None:
    await DeliveryWorker(app.bot).drain(timeout_s=15)


async def _history_inquiries() -> list[int]:
    """Return the Leipzig inquiries of the stored history that only a Kommune-wide one matches."""
    papers = await Paper.filter(kommune__slug="leipzig", kind="Anfrage").order_by("id")
    found = [
        int(p.id)
        for p in papers
        if "Bündnis 90/Die Grünen" not in (p.factions or [])
        and p.reference not in ("F-00724/14", LINKE_INQUIRY)
    ]
    assert len(found) >= 2, "the Leipzig history has too few inquiries"
    return found


# ---------------------------------------------------------------- pure parts


def test_footer_names_the_most_specific_live_subscription() -> None:
    """Most conditions win, then the oldest; muted ones are passed over; all muted: None."""
    now = utc_now()
    wide = SubscriptionInfo(1, 7, 1, "Stadt Leipzig", "leipzig", None, None, "Anfrage")
    greens = SubscriptionInfo(2, 7, 1, "Stadt Leipzig", "leipzig", "Bündnis 90/Die Grünen", None,
                              "Anfrage")  # fmt: skip
    everything = SubscriptionInfo(3, 7, None, None, None, None, "Schule", "alle")
    assert footer_subscription([wide, greens, everything], now) == greens
    assert footer_subscription([everything, wide], now) == wide  # 2 conditions each: the oldest
    paused = replace(greens, muted_until=now + timedelta(days=7))
    assert footer_subscription([wide, paused], now) == wide
    assert footer_subscription([paused], now) is None


def test_footer_replaces_the_general_manage_button() -> None:
    """The footer line ends the text; "Abo verwalten" for that id replaces "Abos verwalten"."""
    push = RenderedMessage(
        "<b>Titel</b>",
        ((Button("Ähnliche", "similar:5"),), (Button("⚙️ Abos verwalten", MANAGE_CALLBACK),)),
    )
    label = footer_label("Stadt Leipzig", "Bündnis 90/Die Grünen", None, "Anfrage")
    footed = with_subscription_footer(push, label, 123456789)
    assert footed.text == f"<b>Titel</b>\n\n<i>{GREENS}</i>"
    assert [[b.label for b in row] for row in footed.buttons] == [
        ["Ähnliche"],
        ["⚙️ Abo verwalten"],
    ]
    assert footed.buttons[-1][0].callback_data == "a:m:123456789"
    assert kb.fits(kb.ABO, "mu", 2**40)
    assert kb.fits(kb.ABO, "lp", "16", 99)


def test_land_from_the_gemeindeschluessel() -> None:
    """The Land is the AGS's first two digits, also where a server dropped the leading zero."""
    body = json.loads((OPARL_FIXTURES / "huertgenwald" / "body.json").read_text("utf-8"))
    huertgenwald = body_from_json(body["data"][0])
    assert huertgenwald.ags == "5358016"  # as the server sends it
    assert land_code(huertgenwald.ags) == "05"  # Nordrhein-Westfalen
    assert land_code("051140000") == "05"  # Krefeld's server: nine digits
    assert land_code("14713000") == "14"  # Leipzig: Sachsen
    assert land_code("99000000") is None
    assert land_code("12ab") is None
    assert land_code(None) is None


def test_lands_offered_counts_and_sorts() -> None:
    """Länder come alphabetically with their counts; Kommunen without a key are counted apart."""
    refs = [
        conversation_ref("Gemeinde Hürtgenwald", 1),
        conversation_ref("Stadt Leipzig", 2),
        conversation_ref("Stadt Jülich", 3),
        conversation_ref("Stadt Köln", None),
    ]
    lands, unknown = lands_offered(refs, {1: "5358016", 2: "14713000", 3: "05358024"})
    assert [(land.name, land.kommunen) for land in lands] == [
        ("Nordrhein-Westfalen", 2),
        ("Sachsen", 1),
    ]
    assert unknown == 1


def conversation_ref(name: str, kommune_id: int | None) -> KommuneRef:
    """Return a KommuneRef as /abo knows one (slug from the name)."""
    return KommuneRef(name, name.split()[-1].lower(), kommune_id)


# ---------------------------------------------------------------- private chat


async def test_push_footer_page_pause_and_delete(
    live: RatsbotApplication, api: TelegramAPI
) -> None:
    """The footer names the most specific match; its page pauses it (nothing comes, not even
    what was queued before), switches it on again and deletes it with "Rückgängig"."""
    await say(api, PRIVATE, "/abo Leipzig")
    await say(api, PRIVATE, "/abo Leipzig Grüne")
    leipzig = await Kommune.get(slug="leipzig")
    notifier = Notifier()
    seed = await store_seed_inquiry(leipzig)  # F-00724/14, Bündnis 90/Die Grünen
    linke = await store_leipzig(leipzig, LINKE_INQUIRY)
    assert await notifier.on_paper_stored(seed, created=True, backfill=False) == 1
    assert await notifier.on_paper_stored(linke, created=True, backfill=False) == 1
    await _deliver(live)
    pushes = [await api.wait_for_message(PRIVATE), await api.wait_for_message(PRIVATE)]
    seed_push = next(m for m in pushes if "F-00724/14" in m.text)
    linke_push = next(m for m in pushes if m is not seed_push)
    assert seed_push.text.endswith("\n\n" + GREENS)  # both match: the faction one is named
    assert linke_push.text.endswith("\n\n" + LEIPZIG)  # only the Kommune-wide one matches
    assert labels(linke_push)[-1] == "⚙️ Abo verwalten"

    # Queued while the Kommune-wide subscription was live, then paused from its page: not sent.
    first, second = (await _history_inquiries())[:2]
    assert await notifier.on_paper_stored(first, created=True, backfill=False) == 1
    await press(api, linke_push, "⚙️ Abo verwalten")
    page = await api.wait_for_message(PRIVATE)
    assert page.text.startswith("⚙️ Abo: Stadt Leipzig · Anfragen und Antworten")
    assert labels(page) == ["🔕 7 Tage pausieren", "🗑 Abo löschen", "Alle Abos"]
    paused = await press(api, page, "🔕 7 Tage pausieren")
    assert paused.text == t.ABO_MUTED
    await edited_to(api, page, "🔕 Pausiert bis")
    assert labels(page)[0] == "🔔 Wieder einschalten"
    wide = await Subscription.get(faction=None, chat__chat_id=PRIVATE)
    assert wide.muted_until is not None
    assert timedelta(days=6, hours=23) < wide.muted_until - utc_now() <= timedelta(days=7)
    before = len(api.messages(PRIVATE))
    await _deliver(live)
    assert len(api.messages(PRIVATE)) == before  # nothing sent
    row = await Notification.get(subject_id=first, chat__chat_id=PRIVATE)
    assert row.state == "skipped"

    # Paused: an inquiry only it would match queues nothing; /abos marks it.
    assert await notifier.on_paper_stored(second, created=True, backfill=False) == 0
    assert wide.id not in {r.id for r in await load_subscription_rows()}
    listing = await say(api, PRIVATE, "/abos")
    assert "1. Stadt Leipzig · Anfragen und Antworten (pausiert)" in listing.text

    # The Greens subscription's page, from the seed push.
    await press(api, seed_push, "⚙️ Abo verwalten")
    greens_page = await api.wait_for_message(PRIVATE)
    assert greens_page.text.startswith("⚙️ Abo: Stadt Leipzig · Fraktion Bündnis 90/Die Grünen")
    await press(api, greens_page, "🔕 7 Tage pausieren")
    await edited_to(api, greens_page, "🔕 Pausiert bis")

    # On again, then deleted from the page, then back with "Rückgängig".
    on = await press(api, greens_page, "🔔 Wieder einschalten")
    assert on.text == t.ABO_UNMUTED
    await edited_to(api, greens_page, "Dieses Abo ist aktiv")
    await press(api, greens_page, "🗑 Abo löschen")
    await edited_to(api, greens_page, "🗑 Abo gelöscht: Stadt Leipzig · Fraktion Bündnis 90")
    assert await Subscription.filter(chat__chat_id=PRIVATE).count() == 1
    restored = await press(api, greens_page, "↩️ Rückgängig: Abo wiederherstellen")
    assert restored.text == t.ABO_RESTORED
    await edited_to(api, greens_page, "Ihre Abos (2)")
    gone = await press(api, seed_push, "⚙️ Abo verwalten")  # the old id is gone for good
    assert gone.text == t.ABO_ALREADY_DELETED


async def test_digest_ends_with_the_footer_of_its_subscription(
    live: RatsbotApplication, api: TelegramAPI
) -> None:
    """Four inquiries at once arrive as one digest whose footer names the most specific matching
    subscription (the Greens one, for F-00724/14) with "Abo verwalten" opening its page."""
    await say(api, PRIVATE, "/abo Leipzig")
    await say(api, PRIVATE, "/abo Leipzig Grüne")
    leipzig = await Kommune.get(slug="leipzig")
    notifier = Notifier()
    ids = [await store_seed_inquiry(leipzig), await store_leipzig(leipzig, LINKE_INQUIRY)]
    ids += (await _history_inquiries())[:2]
    for paper_id in ids:
        assert await notifier.on_paper_stored(paper_id, created=True, backfill=False) == 1
    before = len(api.messages(PRIVATE))
    await _deliver(live)
    digest = await api.wait_for_message(PRIVATE)
    assert len(api.messages(PRIVATE)) == before + 1  # one digest, not four pushes
    assert digest.text.startswith("📬 4 neue Anfragen in Stadt Leipzig\n")
    assert digest.text.endswith("\n\n" + GREENS)
    assert labels(digest) == ["⚙️ Abo verwalten"]
    await press(api, digest, "⚙️ Abo verwalten")
    page = await api.wait_for_message(PRIVATE)
    assert page.text.startswith("⚙️ Abo: Stadt Leipzig · Fraktion Bündnis 90/Die Grünen")


async def test_kommune_picker_by_land(live: RatsbotApplication, api: TelegramAPI) -> None:
    """The picker by Land lists the Länder known from the servers' AGS, then their Kommunen."""
    body = json.loads((OPARL_FIXTURES / "huertgenwald" / "body.json").read_text("utf-8"))
    await upsert_kommune(body_from_json(body["data"][0]), slug="huertgenwald")
    picker = await say(api, PRIVATE, "/abo")
    assert labels(picker)[-3:] == [
        t.BUTTON_BY_LAND,
        t.BUTTON_EVERY_KOMMUNE,
        t.BUTTON_CANCEL,
    ]
    await press(api, picker, t.BUTTON_BY_LAND)
    await edited_to(api, picker, t.ABO_CHOOSE_LAND)
    assert "ohne diese Angabe finden Sie in der alphabetischen Liste" in picker.text
    assert labels(picker) == ["Nordrhein-Westfalen (1)", "‹ alphabetisch", "Abbrechen"]
    await press(api, picker, "Nordrhein-Westfalen (1)")
    await edited_to(api, picker, "Kommunen in Nordrhein-Westfalen")
    assert labels(picker) == ["Gemeinde Hürtgenwald", "‹ anderes Land", "Abbrechen"]
    await press(api, picker, "Gemeinde Hürtgenwald")
    await api.wait_until(lambda: labels(picker)[0] == t.BUTTON_ALL_INQUIRIES)
    assert "Gemeinde Hürtgenwald" in picker.text


# ---------------------------------------------------------------- group


async def test_group_admin_manages_member_is_refused_quietly(
    live: RatsbotApplication, api: TelegramAPI
) -> None:
    """In a group the push names the group's subscription; only an admin opens and pauses it."""
    api.add_group(GROUP, "Stadtteilarbeit", owner_id=OWNER, admin_ids=[], member_ids=[MEMBER])
    me = f"@{api.bot_username}"
    await say(api, GROUP, f"/abo{me} Leipzig stichwort:Gemeinwesenarbeit", user=OWNER)
    seed = await store_seed_inquiry(await Kommune.get(slug="leipzig"))
    assert await Notifier().on_paper_stored(seed, created=True, backfill=False) == 1
    await _deliver(live)
    push = await api.wait_for_message(GROUP)
    assert push.text.endswith("\n\nAbo: Leipzig · „Gemeinwesenarbeit“ · Anfragen")

    refused = await press(api, push, "⚙️ Abo verwalten", user=MEMBER)
    assert (refused.text, refused.show_alert) == (t.GROUP_ADMINS_ONLY, True)
    await stays_quiet(api, GROUP, user=MEMBER)

    await press(api, push, "⚙️ Abo verwalten", user=OWNER)
    page = await api.wait_for_message(GROUP)
    assert page.text.startswith("⚙️ Abo: Stadt Leipzig · Stichwort „Gemeinwesenarbeit“")
    assert t.ABO_PAGE_GROUP in page.text
    denied = await press(api, page, "🔕 7 Tage pausieren", user=MEMBER)
    assert denied.text == t.GROUP_ADMINS_ONLY
    assert (await Subscription.get(chat__chat_id=GROUP)).muted_until is None
    await press(api, page, "🔕 7 Tage pausieren", user=OWNER)
    await edited_to(api, page, "🔕 Pausiert bis")
    assert (await Subscription.get(chat__chat_id=GROUP)).muted_until is not None
