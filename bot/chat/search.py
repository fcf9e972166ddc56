"""Searching in chat (I/O): /suche and its result message's buttons (paging, order, "Meinten Sie").

A search's buttons carry only the page ("search:2"), the order ("sort:1") or "fix:0" for the
"Meinten Sie …?" query (bot/messages/render.py); the query, its order and the suggested query are
kept in `chat_data` under the result message's id (the last few per chat), and every button edits
that message in place. After a restart the buttons answer that the search has expired.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from telegram import Update

from bot.chat.respond import Context, answer, command_text, edit, send
from bot.messages import chat_texts as t
from bot.messages import replies
from bot.messages.render import (
    CB_SEARCH_ORDER,
    CB_SEARCH_PAGE,
    CB_SUGGESTION,
    SEARCH_PAGE_SIZE,
    PaperView,
    RenderedMessage,
    fits,
    render_search_results,
    shown_query,
    with_suggestion,
)
from bot.messages.views import days_between
from storage.answers import answers_of
from storage.query import QueryError, parse_query
from storage.search import ORDER_NEWEST, ORDER_RELEVANCE, SearchHit, search
from storage.search.vocabulary import suggest
from storage.textnorm import query_stems

_SEARCHES = "searches"
REMEMBERED_SEARCHES = 20
# "Meinten Sie …?" is offered when the first page has fewer hits than this.
SUGGEST_BELOW_HITS = 3


@dataclass(frozen=True)
class SearchState:
    """What a search result message shows: the query, its order, the query it suggests."""

    text: str
    newest: bool = False
    suggestion: str | None = None


def hit_view(hit: SearchHit) -> PaperView:
    """Return the renderer's view of a search hit."""
    return PaperView(
        paper_id=hit.paper_id,
        kind=hit.kind,
        kommune=hit.kommune,
        title=hit.title,
        reference=hit.reference,
        factions=hit.factions,
        date=hit.date,
        pdf_url=hit.pdf_url,
        web_url=hit.web_url,
        snippet=hit.snippet or None,
    )


async def folded_views(hits: list[SearchHit]) -> list[PaperView]:
    """Return the views of hits with answers folded under their inquiry.

    An answer whose inquiry is on the same page is left out; the inquiry says "✅ beantwortet
    nach N Tagen" instead.
    """
    links = await answers_of([h.paper_id for h in hits if h.kind == "Anfrage"])
    folded = {link.answer_id for link in links.values()}
    views = []
    for hit in hits:
        if hit.paper_id in folded:
            continue
        view = hit_view(hit)
        link = links.get(hit.paper_id)
        if link is not None:
            view = replace(
                view, answered=True, days_to_answer=days_between(hit.date, link.answer_date)
            )
        views.append(view)
    return views


async def search_page(state: SearchState, page: int) -> tuple[RenderedMessage | None, SearchState]:
    """Return one page of results for a /suche text (None: no hits on this page), and the state
    to remember for its buttons (with a "Meinten Sie …?" query when the words found little)."""
    text = state.text
    state = replace(state, suggestion=None)
    try:
        query = parse_query(text)
        if query.is_empty:
            if any(ch.isalpha() for ch in text):  # words, but only stop words
                return replies.plain(t.SEARCH_ONLY_STOPWORDS.format(query=shown_query(text))), state
            return replies.search_nothing(text), state
        order = ORDER_NEWEST if state.newest else ORDER_RELEVANCE
        result = await search(
            query, limit=SEARCH_PAGE_SIZE, offset=(page - 1) * SEARCH_PAGE_SIZE, order=order
        )
        suggestion = None
        if page == 1 and result.total < SUGGEST_BELOW_HITS:
            suggestion = await suggest(query, result.total)
    except QueryError as exc:
        return replies.plain(str(exc)), state
    if result.total == 0:
        message = replies.search_nothing(text)
    elif not result.hits:
        return None, state
    else:
        views = await folded_views(list(result.hits))
        total = result.total - (len(result.hits) - len(views))  # answers folded on this page
        message = render_search_results(views, page, total, query=text, newest=state.newest)
    message = _with_stopword_note(message, skipped_stopwords(text))
    if suggestion is not None:
        message = with_suggestion(message, suggestion.text, suggestion.total)
        state = replace(state, suggestion=suggestion.text)
    return message, state


def skipped_stopwords(text: str) -> list[str]:
    """Return the words of a query that are not searched because they are too common. Pure.

    Words inside quotes belong to a phrase and are not listed; filters ("kommune:…") neither.
    """
    outside_quotes = re.sub(r'["„“”][^"„“”]*["„“”]?', " ", text)
    words = [w.strip(".,;:!?()") for w in outside_quotes.split() if ":" not in w]
    return list(dict.fromkeys(w for w in words if w.isalpha() and not query_stems(w)))


def _with_stopword_note(message: RenderedMessage, words: list[str]) -> RenderedMessage:
    if not words:
        return message
    shown = ", ".join(f"„{w}“" for w in words[:5])
    text = f"{message.text}\n\n{html.escape(t.SEARCH_STOPWORDS_SKIPPED.format(words=shown))}"
    return RenderedMessage(text, message.buttons) if fits(text) else message


def _remember(chat_data: dict[Any, Any] | None, message_id: int, state: SearchState) -> None:
    if chat_data is None:
        return
    searches = chat_data.setdefault(_SEARCHES, OrderedDict())
    searches[message_id] = state
    searches.move_to_end(message_id)
    while len(searches) > REMEMBERED_SEARCHES:
        searches.popitem(last=False)


def _remembered(context: Context, message_id: int) -> SearchState | None:
    state = (context.chat_data or {}).get(_SEARCHES, {}).get(message_id)
    return state if isinstance(state, SearchState) else None


async def suche_command(update: Update, context: Context) -> None:
    """/suche <Begriffe>: a compact list of hits with paging and a button per hit."""
    text = command_text(update.effective_message)
    if not text:
        await send(update, context, replies.plain(t.SEARCH_USAGE))
        return
    message, state = await search_page(SearchState(text), 1)
    message = message or replies.search_nothing(text)
    sent = await send(update, context, message)
    if message.buttons:
        _remember(context.chat_data, sent.message_id, state)


async def search_button(update: Update, context: Context, verb: str, value: int) -> None:
    """Handle a search result's paging, order and "Meinten Sie …?" buttons (edits in place)."""
    query = update.callback_query
    assert query is not None
    message_id = query.message.message_id if query.message else 0
    state = _remembered(context, message_id)
    if state is None:
        await answer(query, t.SEARCH_EXPIRED, alert=True)
        return
    page = max(1, value) if verb == CB_SEARCH_PAGE else 1
    if verb == CB_SEARCH_ORDER:
        state = replace(state, newest=value == 1)
    elif verb == CB_SUGGESTION:
        if state.suggestion is None:
            await answer(query, t.BUTTON_STALE)
            return
        state = SearchState(state.suggestion, newest=state.newest)
    message, state = await search_page(state, page)
    await answer(query, None if message else t.SEARCH_NO_MORE)
    if message is not None:
        _remember(context.chat_data, message_id, state)
        await edit(query, message)
