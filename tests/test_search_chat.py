"""Search that helps (issue 14, point 6): order toggle, "Meinten Sie …?", folded answers, paging.

The pure parts of storage.search.vocabulary are tested as functions; the rest on the conversation
tests' real corpus (Leipzig and Karlsruhe papers, both backends), through the real bot against the
Bot API stand-in where a user would see it.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from bot.chat.application import RatsbotApplication
from bot.chat.search import skipped_stopwords
from bot.config import Settings
from bot.messages import chat_texts as t
from bot.messages.render import PaperView, render_search_results, with_suggestion
from bot.ops.search_cli import search_command
from standins.telegram_api import RecordedMessage, TelegramAPI
from storage import search
from storage.db import close_db
from storage.query import parse_query
from storage.search.vocabulary import (
    best_candidate,
    edit_distance,
    max_edits,
    rebuild_vocabulary,
    replace_words,
    suggest,
    written_form,
)
from tests import test_bot_conversation as conversation
from tests.test_bot_conversation import PRIVATE, labels, press, say

api = conversation.api
bot = conversation.bot
corpus_db = conversation.corpus_db

_DATE = re.compile(r"^\d+\. (\d\d)\.(\d\d)\.(\d{4}) · ", re.MULTILINE)


def _dates(message: RecordedMessage) -> list[dt.date]:
    """Return the dates of the numbered hits of a result message, top to bottom."""
    return [dt.date(int(y), int(m), int(d)) for d, m, y in _DATE.findall(message.text)]


def _callback_data(message: RecordedMessage) -> list[str]:
    return [b.callback_data or "" for row in message.buttons for b in row]


# ---------------------------------------------------------------- pure parts


def test_edit_distance_counts_a_swap_as_one_edit() -> None:
    """Damerau-Levenshtein: one edit or swap is 1; past the limit the answer is limit + 1."""
    assert edit_distance("schuhl", "schul", 2) == 1
    assert edit_distance("radewg", "radweg", 2) == 1
    assert edit_distance("schutz", "schuhl", 2) == 2
    assert edit_distance("schutz", "schuhl", 1) == 2
    assert edit_distance("kita", "kita", 0) == 0


def test_allowed_edits_grow_with_the_word() -> None:
    """No suggestion for stems of up to 3 letters, 1 edit up to 6, 2 from 7 letters on."""
    assert [max_edits(s) for s in ("kit", "kita", "schuhl", "radwegx", "gemeinwesenarb")] == [
        0,
        1,
        1,
        2,
        2,
    ]


def test_nearest_candidate_wins_then_the_most_frequent() -> None:
    """The nearest stem is chosen even if a farther one is more frequent; a common word is kept."""
    vocabulary = [("schul", 14), ("schuh", 2), ("schutz", 40), ("schuhl", 0)]
    assert best_candidate("schuhl", vocabulary) == "schul"
    assert best_candidate("kitaz", [("kita", 3), ("kitas", 30)]) == "kitas"
    # "schul" is in 14 papers: "schule" (in 3) is no reason to correct it.
    assert best_candidate("schul", [("schul", 14), ("schule", 3)]) is None
    assert best_candidate("rat", [("rad", 100)]) is None


def test_written_form_keeps_the_typed_inflection() -> None:
    """ "Schuhle" becomes "Schule", not "Schulen" or the name "Schüle"; "Strase" → "Straße"."""
    assert written_form("schul", "Schuhle", ["keine weiterführenden Schulen", "Schulen"]) == (
        "Schule"
    )
    assert written_form("strass", "Strase", ["Ottostraße", "der Straße entlang"]) == "Straße"
    assert written_form("schul", "Schuhle", ["Frau Schüle", "Herr Schüle"]) == "Schule"


def test_replace_words_keeps_filters_phrases_and_exclusions() -> None:
    """Only plain words are rewritten; kommune:, -Wort and quoted phrases stay as typed."""
    typed = 'Schuhle kommune:Leipzig -Schuhle "Schuhle Bau"'
    assert replace_words(typed, {"schuhl": "Schule"}) == (
        'Schule kommune:Leipzig -Schuhle "Schuhle Bau"'
    )


def test_toggle_and_suggestion_buttons_are_short() -> None:
    """The order toggle and "Meinten Sie" buttons carry callback data far below 64 bytes."""
    hits = [
        PaperView(paper_id=10**11 + i, kind="Anfrage", kommune="Leipzig", title="T")
        for i in range(5)
    ]
    page = render_search_results(hits, 2, 40, query="Schule", newest=True)
    suggested = with_suggestion(page, "Schule " * 40, 999)
    data = [b.callback_data or "" for row in suggested.buttons for b in row]
    assert data[0] == "fix:0"
    assert "sort:0" in data
    assert max(len(d.encode()) for d in data) <= 64
    assert len(suggested.buttons[0][0].label) <= 60


# ---------------------------------------------------------------- storage, both backends


async def test_newest_first_orders_text_matches_by_date(corpus_db: str) -> None:
    """order=newest lists the same matches as relevance, newest first, and pages on by date."""
    # Not "Stadt": a word in most papers is not scored at all (storage.search.sqlite_plan), so
    # relevance would be date order too and the two orders could not differ.
    query = parse_query("Schule")
    best = await search.search(query, limit=100)
    newest = await search.search(query, limit=100, order=search.ORDER_NEWEST)
    assert newest.total == best.total > 10
    assert {h.paper_id for h in newest.hits} == {h.paper_id for h in best.hits}
    dates = [h.date or dt.date.min for h in newest.hits]
    assert dates == sorted(dates, reverse=True)
    assert [h.date for h in best.hits] != [h.date for h in newest.hits]
    second = await search.search(query, limit=5, offset=5, order=search.ORDER_NEWEST)
    assert [h.paper_id for h in second.hits] == [h.paper_id for h in newest.hits[5:10]]
    with pytest.raises(ValueError, match="unknown search order"):
        await search.search(query, order="oldest")


async def test_a_mistyped_word_is_corrected_from_the_vocabulary(corpus_db: str) -> None:
    """ "Hundekotbeteln" (2025/1090 and 2026/0321 say "Hundekotbeuteln") is corrected; a found
    word and an Aktenzeichen are not."""
    assert await rebuild_vocabulary() > 1000
    suggestion = await suggest(parse_query("Hundekotbeteln kommune:Karlsruhe"), 0)
    assert suggestion is not None
    assert suggestion.text == "Hundekotbeuteln kommune:Karlsruhe"
    found = await search.search(parse_query("Hundekotbeuteln"), limit=5)
    assert {h.reference for h in found.hits} >= {"2025/1090", "2026/0321"}
    assert suggestion.total == found.total
    assert await suggest(parse_query("Hundekotbeuteln"), found.total) is None
    assert await suggest(parse_query("2026/0209"), 0) is None


async def test_cli_sorts_newest_first(corpus_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`ratsbot search --sort neu --json` prints the same JSON objects, newest first."""
    settings = Settings(DATABASE_URL=corpus_db)  # type: ignore[call-arg]
    await close_db()  # the command opens the database itself, as `ratsbot search` does
    code = await search_command(settings, "Stadt", kommune=None, as_json=True, limit=8, newest=True)
    hits = json.loads(capsys.readouterr().out)
    assert code == 0
    assert len(hits) == 8
    assert {"paper_id", "reference", "title", "kind", "kommune", "date", "snippet"} <= hits[
        0
    ].keys()
    dates = [h["date"] for h in hits]
    assert dates == sorted(dates, reverse=True)


# ---------------------------------------------------------------- conversations


async def test_schuhle_offers_schule_and_runs_it(bot: RatsbotApplication, api: TelegramAPI) -> None:
    """ "Schuhle" finds nothing and offers "Meinten Sie: Schule?"; its button edits in the hits."""
    typo = await say(api, PRIVATE, "/suche Schuhle")
    assert typo.text.startswith("🔎 Nichts gefunden für „Schuhle“.")
    assert typo.text.endswith("💡 Meinten Sie: Schule?")
    (button,) = labels(typo)
    assert re.fullmatch(r"🔎 Schule \(\d+ Treffer\)", button)
    before = len(api.messages(PRIVATE))
    await press(api, typo, button)
    await api.wait_until(lambda: "Treffer für „Schule“" in typo.text)
    assert "Meinten Sie" not in typo.text
    assert f"{button.split('(')[1].split()[0]} Treffer für „Schule“" in typo.text
    assert len(api.messages(PRIVATE)) == before  # edited in place
    assert "🕑 Neueste zuerst" in labels(typo)


async def test_order_toggle_and_paging_edit_in_place(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """Numbered buttons, paging and the newest/best toggle all edit the one result message."""
    found = await say(api, PRIVATE, "/suche Stadt")
    assert labels(found) == ["1", "2", "3", "4", "5", "weitere ›", "🕑 Neueste zuerst"]
    assert all(len(d.encode()) <= 64 for d in _callback_data(found))
    best_first = found.text
    before = len(api.messages(PRIVATE))

    await press(api, found, "🕑 Neueste zuerst")
    await api.wait_until(lambda: "neueste zuerst" in found.text)
    assert found.text.startswith("🔎 ")
    assert "Seite 1 von" in found.text
    page_one = _dates(found)
    assert len(page_one) == 5
    assert page_one == sorted(page_one, reverse=True)
    assert labels(found)[-1] == "⭐ Beste zuerst"

    await press(api, found, "weitere ›")
    await api.wait_until(lambda: "Seite 2 von" in found.text)
    assert "neueste zuerst" in found.text  # the order is kept while paging
    page_two = _dates(found)
    assert labels(found)[:5] == ["6", "7", "8", "9", "10"]
    assert max(page_two) <= min(page_one)
    assert page_two == sorted(page_two, reverse=True)

    await press(api, found, "⭐ Beste zuerst")
    await api.wait_until(lambda: "neueste zuerst" not in found.text)
    assert found.text == best_first  # back to page 1 by relevance
    assert len(api.messages(PRIVATE)) == before


async def test_hits_show_type_faction_date_snippet_and_fold_answers(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """Karlsruhe 2026/0209 (SPD / Bürgerliste, 12.03.2026) is one hit, its Stellungnahme (24.03.)
    folded."""
    found = await say(api, PRIVATE, "/suche Schulbusverkehr Hohenwettersbach")
    assert found.text.startswith("🔎 1 Treffer für „Schulbusverkehr Hohenwettersbach“")
    # The paper prints 'SPD / Bürgerliste-Ortschaftsratsfraktion': both groups.
    assert "1. 12.03.2026 · Stadt Karlsruhe · Anfrage · SPD, Bürgerliste · 2026/0209" in found.text
    assert "Schulbusverkehr von Hohenwettersbach" in found.text
    assert "✅ beantwortet nach 12 Tagen" in found.text
    snippet = found.text.split("✅ beantwortet nach 12 Tagen\n", 1)[1]
    assert "Hohenwettersbach" in snippet
    assert found.text.count("2026/0209") == 1
    assert labels(found) == ["1"]


async def test_stop_words_are_explained(bot: RatsbotApplication, api: TelegramAPI) -> None:
    """/suche der explains that such words are not searched instead of "Nichts gefunden"."""
    answer = await say(api, PRIVATE, "/suche der")
    assert answer.text.startswith("„der“ besteht nur aus sehr häufigen Wörtern")
    assert "Nichts gefunden" not in answer.text
    assert answer.text == t.SEARCH_ONLY_STOPWORDS.format(query="der")
    mixed = await say(api, PRIVATE, "/suche Haus der Jugend")
    assert mixed.text.endswith("ℹ️ Nicht gesucht, weil sie in fast jedem Papier stehen: „der“.")
    phrase = await say(api, PRIVATE, '/suche "Haus der Jugend"')
    assert "Nicht gesucht" not in phrase.text  # inside quotes "der" is part of the phrase


def test_skipped_stop_words_outside_quotes_and_filters() -> None:
    """Only unquoted plain words that are stop words are named, each once."""
    assert skipped_stopwords('"Haus der Jugend" und Schule kommune:Leipzig') == ["und"]
    assert skipped_stopwords("Haus der Jugend der Stadt") == ["der"]
    assert skipped_stopwords("Radweg 2024") == []


async def test_similar_leaves_out_the_paper_and_its_answer(
    bot: RatsbotApplication, api: TelegramAPI
) -> None:
    """ "Ähnliche" under Karlsruhe 2025/1090 lists neither it nor its Stellungnahme."""
    paper = await say(api, PRIVATE, "/anfrage 2025/1090")
    assert "Hundekotbeutelausgabe erhalten" in paper.text
    await press(api, paper, "Ähnliche")
    similar = await api.wait_for_message(PRIVATE)
    assert similar.text.startswith("Ähnlich wie „Sauberkeit im Stadtbild sichern")
    assert "2025/1090" not in similar.text
    listing = similar.text.split("\n", 1)[1]
    assert "Hundekotbeutelausgabe erhalten" not in listing
    assert labels(similar) == ["1", "2", "3", "4", "5"]
