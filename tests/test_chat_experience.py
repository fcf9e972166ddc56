"""The chat experience (issue 14): quiet groups, follows, answer pushes, details, on real data.

Pure parts (rendering, excerpts, reference spellings) are tested as functions; the rest through
the real PTB application against the Bot API stand-in, as in tests/test_bot_conversation.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.chat.application import RatsbotApplication
from bot.chat.overlap import AboSpec, covers, overlaps
from bot.messages import chat_texts as t
from bot.messages.render import paper_buttons, render_answer, shown_query
from bot.messages.views import answer_excerpt, days_between
from fetcher.classify import normalise_reference, reference_lookup_keys
from standins.telegram_api import TelegramAPI
from standins.telegram_html import parse_html
from storage.models import Kommune
from storage.subscriptions import meeting_alerts_on
from tests import test_bot_conversation as conversation
from tests.fixtures_path import TEXT_FIXTURES
from tests.test_bot_conversation import (
    GROUP,
    MEMBER,
    OWNER,
    PRIVATE,
    labels,
    press,
    say,
    store_leipzig,
    store_seed_inquiry,
)
from tests.test_render import (
    KARLSRUHE_QUESTIONS,
    karlsruhe_file_text,
    karlsruhe_inquiry,
    karlsruhe_paper,
)

# The running bot over the conversation tests' corpus (both backends), and its Bot API stand-in.
api = conversation.api
bot = conversation.bot
corpus_db = conversation.corpus_db

NORDSTEMMEN_ANSWER = (
    TEXT_FIXTURES / "diverse" / "nordstemmen-DS-34-2023-antwort-gruene-mehrzweckhalle.txt"
)


# ---------------------------------------------------------------- pure parts


def _karlsruhe_stellungnahme() -> str:
    paper = karlsruhe_paper("36708")
    return karlsruhe_file_text(paper["auxiliaryFile"][1]["id"])


def test_excerpt_of_an_interleaved_answer_starts_with_the_first_answer() -> None:
    """Karlsruhe 2018/0691 answers after each question: the excerpt begins with answer 1."""
    excerpt = answer_excerpt(_karlsruhe_stellungnahme(), KARLSRUHE_QUESTIONS)
    assert excerpt is not None
    assert excerpt.startswith(
        "Mit der Sammlung sämtlicher Wertstoffe ist das Amt für Abfallwirtschaft betraut, die "
        "eigentliche Sortierung"  # "eigentli-\nche" in the PDF text: the hyphen is joined
    )


def test_excerpt_without_questions_skips_the_letterhead() -> None:
    """Nordstemmen's Mitteilungsvorlage starts at "Inhalt der Mitteilung", not at the villages."""
    excerpt = answer_excerpt(NORDSTEMMEN_ANSWER.read_text("utf-8"))
    assert excerpt is not None
    assert excerpt.startswith("Inhalt der Mitteilung: Beantwortung zu Antrag und Anfrage")
    assert "Adensen" not in excerpt


def test_answer_push_without_split_shows_the_answer_text_and_the_wait() -> None:
    """An answer not split per question shows its beginning, the days waited, folded questions."""
    view = replace(
        karlsruhe_inquiry(),
        answers=(),
        answer_excerpt=answer_excerpt(_karlsruhe_stellungnahme(), KARLSRUHE_QUESTIONS),
        days_to_answer=23,
    )
    parsed = parse_html(render_answer(view).text)
    assert "Antwort nach 23 Tagen" in parsed.text
    assert "Mit der Sammlung sämtlicher Wertstoffe" in parsed.text
    assert t.SOMETHING_WENT_WRONG not in parsed.text
    assert "Die Antwort steht im PDF" not in parsed.text
    (folded,) = [e for e in parsed.entities if e["type"] == "expandable_blockquote"]
    inside = parsed.text.encode("utf-16-le")[
        2 * folded["offset"] : 2 * (folded["offset"] + folded["length"])
    ].decode("utf-16-le")
    assert inside.startswith("1. Welcher Anteil des Karlsruher Plastikmülls wird verbrannt?")
    assert parsed.text.index("Mit der Sammlung") < parsed.text.index("Die Fragen")


def test_days_between_inquiry_and_answer() -> None:
    """Days to the answer: plain difference; unknown or negative spans give None."""
    assert days_between(dt.date(2018, 11, 18), dt.date(2018, 12, 11)) == 23
    assert days_between(None, dt.date(2018, 12, 11)) is None
    assert days_between(dt.date(2018, 12, 11), dt.date(2018, 11, 18)) is None


def test_follow_button_only_on_inquiries() -> None:
    """Only an inquiry offers "Antwort abonnieren"; it reads "✓ Antwort abonniert" once pressed."""
    assert [b.label for row in paper_buttons(7, "Anfrage") for b in row] == [
        "Antwort abonnieren",
        "Ähnliche",
    ]
    following = paper_buttons(7, "Anfrage", following=True)
    assert next((b.label, b.callback_data) for row in following for b in row) == (
        "✓ Antwort abonniert",
        "unfollow:7",
    )
    for kind in ("Antrag", "Informationsvorlage", "Vorlage", "Antwort"):
        assert [b.label for row in paper_buttons(7, kind) for b in row] == ["Ähnliche"]


def test_typed_references_find_the_printed_one() -> None:
    """ "F 00724/14", "F00724/14" and "f-724/14" all stand for Leipzig's F-00724/14."""
    printed = normalise_reference("F-00724/14")
    for typed in ("F 00724/14", "F00724/14", "f-724/14", " F-00724/14 "):
        assert printed in reference_lookup_keys(typed), typed
    assert normalise_reference("VII-F-08613") in reference_lookup_keys("VII F 8613")


def test_a_quoted_phrase_is_quoted_once() -> None:
    """/suche "Haus der Jugend" is echoed as „Haus der Jugend“, not with doubled quotes."""
    assert shown_query('"Haus der Jugend"') == "Haus der Jugend"
    assert shown_query('"Haus der Jugend" Leipzig') == '"Haus der Jugend" Leipzig'


# ---------------------------------------------------------------- through the bot


async def test_start_knows_a_returning_chat_and_stop_knows_an_empty_one(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """/stop with nothing stored says so; after an /abo, /start greets back with the status."""
    nothing = await say(api, PRIVATE, "/stop")
    assert nothing.text == t.STOP_NOTHING_STORED
    assert labels(nothing) == []
    await say(api, PRIVATE, "/abo Leipzig Grüne")
    back = await say(api, PRIVATE, "/start")
    assert back.text.startswith(
        "👋 Willkommen zurück!\nSie haben 1 Abo und warten auf keine Antwort."
    )
    assert labels(back) == ["Meine Abos", "❓ Alle Befehle"]
    privacy = await say(api, PRIVATE, "/datenschutz")
    assert privacy.text.startswith("🔒 Datenschutz")
    assert "Nicht gespeichert werden Ihr Name" in privacy.text
    assert privacy.text.endswith("/stop löscht alles über diesen Chat sofort und endgültig.")


async def test_command_menus_per_scope_and_the_bot_profile(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """Group members see only reading commands; admins and private chats all; profile is set."""
    everything = [c["command"] for c in api.commands(scope="all_private_chats")]
    assert "abo" in everything
    assert "datenschutz" in everything
    assert [c["command"] for c in api.commands(scope="all_chat_administrators")] == everything
    in_groups = [c["command"] for c in api.commands(scope="all_group_chats", language_code="de")]
    assert in_groups == ["abos", "suche", "anfrage", "termine", "hilfe", "datenschutz"]
    assert api.description().startswith("Der Ratsbot meldet neue Anfragen")
    assert api.description(short=True, language_code="de") == t.BOT_SHORT_DESCRIPTION


async def test_group_start_status_and_quiet_refusals(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """A group's /start status speaks of the group; a member's /abo is not refused in public."""
    api.add_group(GROUP, "Radverkehr Leipzig", owner_id=OWNER, admin_ids=[], member_ids=[MEMBER])
    me = f"@{api.bot_username}"
    await say(api, GROUP, f"/abo{me} Leipzig stichwort:Radverkehr", user=OWNER)
    back = await say(api, GROUP, f"/start{me}", user=MEMBER)
    assert "Diese Gruppe hat 1 Abo und wartet auf keine Antwort." in back.text


async def test_references_as_typed_and_follow_only_on_inquiries(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """/anfrage finds F-00724/14 typed with a space; a motion (Antrag) has no follow button."""
    leipzig = await Kommune.get(slug="leipzig")
    await store_seed_inquiry(leipzig)
    await store_leipzig(leipzig, "VII-A-08607")
    found = await say(api, PRIVATE, "/anfrage F 00724/14")
    assert "Gemeinwesenarbeit – Vernetzung – Synergie" in found.text
    assert labels(found)[0] == "Antwort abonnieren"
    motion = await say(api, PRIVATE, "/anfrage VII A 8607")
    assert motion.text.startswith("📄 Antrag · Stadt Leipzig")
    assert labels(motion) == ["Ähnliche"]
    phrase = await say(api, PRIVATE, '/suche "Haus der Jugend"')
    assert '„"' not in phrase.text


async def test_search_folds_answers_and_shows_type_faction_snippet(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """Karlsruhe 2025/1090 and its Stellungnahme are one hit: "✅ beantwortet", with a snippet."""
    found = await say(api, PRIVATE, "/suche Hundekotbeutelausgabe")
    assert found.text.startswith("🔎 1 Treffer für „Hundekotbeutelausgabe“")
    assert "Karlsruhe · Anfrage" in found.text
    assert "2025/1090" in found.text
    assert "Stellungnahme" not in found.text
    assert "✅ beantwortet" in found.text
    assert "Hundekotbeutel" in found.text.split("✅ beantwortet", 1)[1]  # the snippet
    assert labels(found) == ["1"]


def test_overlap_of_subscriptions() -> None:
    """A Kommune-wide subscription covers a faction or keyword one there; 'alle' covers a type."""
    leipzig_all = AboSpec(1, None, None, "Anfrage", "Leipzig · Anfragen")
    greens = AboSpec(1, "Bündnis 90/Die Grünen", None, "Anfrage")
    greens_school = AboSpec(1, "Bündnis 90/Die Grünen", "Schule", "Anfrage")
    school_everywhere = AboSpec(None, None, "schule", "alle")
    karlsruhe_all = AboSpec(2, None, None, "Anfrage")
    assert covers(leipzig_all, greens)
    assert covers(greens, greens_school)
    assert covers(school_everywhere, greens_school)
    assert not covers(greens_school, greens)
    assert not covers(leipzig_all, karlsruhe_all)
    assert not covers(AboSpec(1, None, None, "Antrag"), greens)
    assert overlaps(greens, [leipzig_all, karlsruhe_all, greens_school]) == (
        [leipzig_all],
        [greens_school],
    )


async def test_overlap_note_and_undo_after_delete(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """A narrower new subscription is pointed out; a deleted one comes back with "Rückgängig"."""
    await say(api, PRIVATE, "/abo Leipzig")
    narrower = await say(api, PRIVATE, "/abo Leipzig Grüne")
    assert narrower.text.startswith("✅ Abo angelegt: Stadt Leipzig · Fraktion Bündnis 90")
    assert (
        "Hinweis: Ihr Abo „Stadt Leipzig · Anfragen und Antworten“ liefert diese Papiere schon."
        in narrower.text
    )
    listing = await say(api, PRIVATE, "/abos")
    await press(api, listing, labels(listing)[1])  # 🗑 2. Leipzig · Bündnis 90/Die Grünen …
    await api.wait_until(lambda: "↩️ Rückgängig: Abo wiederherstellen" in labels(listing))
    assert "Ihre Abos (1)" in listing.text
    restored = await press(api, listing, "↩️ Rückgängig: Abo wiederherstellen")
    assert restored.text == "Abo wiederhergestellt."
    await api.wait_until(lambda: "Ihre Abos (2)" in listing.text)
    assert "↩️ Rückgängig: Abo wiederherstellen" not in labels(listing)


async def test_meeting_alerts_switch_in_abos(bot: RatsbotApplication, api: TelegramAPI) -> None:
    """/abos switches meeting alerts off and on again, next to the weekly preview."""
    await say(api, PRIVATE, "/abo Leipzig stichwort:Schule")
    listing = await say(api, PRIVATE, "/abos")
    assert labels(listing)[-2:] == [
        "🗓 Wochenvorschau einschalten",
        "🔕 Sitzungserinnerungen ausschalten",
    ]
    off = await press(api, listing, "🔕 Sitzungserinnerungen ausschalten")
    assert off.text == t.ALERTS_OFF
    await api.wait_until(lambda: "🔔 Sitzungserinnerungen einschalten" in labels(listing))
    assert not await meeting_alerts_on(PRIVATE)
    on = await press(api, listing, "🔔 Sitzungserinnerungen einschalten")
    assert on.text == t.ALERTS_ON
    await api.wait_until(lambda: "🔕 Sitzungserinnerungen ausschalten" in labels(listing))
    assert await meeting_alerts_on(PRIVATE)
