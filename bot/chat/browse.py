"""Reading papers and meetings (I/O): /suche, /anfrage, /termine and the buttons on papers.

A search's buttons carry only the page ("search:2"), the order ("sort:1") or "fix:0" for the
"Meinten Sie …?" query (bot/messages/render.py); the query, its order and the suggested query are
kept in `chat_data` under the result message's id (the last few per chat), and every button edits
that message in place. After a restart the buttons answer that the search has expired.
"""

from __future__ import annotations

import html
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from telegram import Update

from bot.chat import lookup
from bot.chat.abo_parse import match_kommune, unknown_kommune
from bot.chat.respond import (
    Context,
    answer,
    command_text,
    config_of,
    edit,
    refuse_non_admin,
    replace_button,
    send,
)
from bot.messages import chat_texts as t
from bot.messages import replies
from bot.messages.render import (
    CB_FOLLOW,
    CB_OPEN,
    CB_SEARCH_ORDER,
    CB_SEARCH_PAGE,
    CB_SIMILAR,
    CB_SUGGESTION,
    CB_UNFOLLOW,
    SEARCH_PAGE_SIZE,
    PaperView,
    RenderedMessage,
    fits,
    paper_buttons,
    parse_callback_data,
    render_answer,
    render_inquiry,
    render_search_results,
    shown_query,
    with_suggestion,
)
from bot.messages.views import answer_view, days_between, meeting_view, paper_view
from bot.pipeline.asked_before import add_asked_before
from storage.answers import answers_of, related_papers
from storage.query import QueryError, SearchQuery, parse_query
from storage.search import ORDER_NEWEST, ORDER_RELEVANCE, SearchHit, search
from storage.search.vocabulary import suggest
from storage.subscriptions import follow_paper, unfollow_paper
from storage.textnorm import query_stems

if TYPE_CHECKING:
    from storage.models import Paper

log = logging.getLogger(__name__)

_SEARCHES = "searches"
REMEMBERED_SEARCHES = 20
SIMILAR_LIMIT = 5
SIMILAR_TITLE_WORDS = 8
SIMILAR_PER_WORD = 20
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


async def paper_message(paper: Paper) -> RenderedMessage:
    """Return the full message of a paper (an answer shows its inquiry's questions)."""
    if paper.kind == "Antwort":
        return render_answer(answer_view(paper, await lookup.answered_inquiry(paper)))
    return render_inquiry(paper_view(paper))


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


async def anfrage_command(update: Update, context: Context) -> None:
    """/anfrage <Aktenzeichen>: the full message of that paper (a list if several match)."""
    text = command_text(update.effective_message)
    if not text:
        await send(update, context, replies.plain(t.PAPER_USAGE))
        return
    papers = await lookup.papers_by_reference(text)
    if not papers:
        await send(update, context, replies.plain(t.PAPER_UNKNOWN.format(reference=text[:60])))
    elif len(papers) == 1:
        message = await paper_message(papers[0])
        message = await add_asked_before(papers[0].id, papers[0].kind, message)
        await send(update, context, message)
    else:
        views = [paper_view(p) for p in papers]
        listing = render_search_results(views, 1, len(views), query=text, page_size=len(views))
        await send(update, context, listing)


async def termine_command(update: Update, context: Context) -> None:
    """/termine [Kommune]: the next meetings of the chat's Kommunen or of the named one."""
    chat = update.effective_chat
    assert chat is not None
    text = command_text(update.effective_message)
    kommunen = await lookup.kommune_refs()
    if text:
        ref = match_kommune(text, kommunen)
        if ref is None:
            await send(update, context, replies.plain(unknown_kommune(text, kommunen).message))
            return
        if ref.kommune_id is None:
            await send(
                update, context, replies.plain(t.MEETINGS_NOT_FETCHED.format(kommune=ref.name))
            )
            return
        ids = [ref.kommune_id]
    else:
        ids = await lookup.chat_kommune_ids(chat.id)
        if not ids:
            await send(update, context, replies.plain(t.MEETINGS_NO_KOMMUNE))
            return
    names = {r.kommune_id: r.name for r in kommunen}
    title = (
        t.MEETINGS_FOR.format(kommune=names.get(ids[0], "")) if len(ids) == 1 else t.MEETINGS_TITLE
    )
    rows = await lookup.upcoming_meetings(ids, config_of(context.bot_data).clock())
    meetings = [(meeting_view(m), n) for m, n in rows]
    message = replies.meetings_list(title, meetings, show_kommune=len(ids) > 1)
    # "Keine kommenden Sitzungen" must not hide an outage of the council's server.
    failing = await lookup.failing_kommunen([r for r in kommunen if r.kommune_id in ids])
    await send(update, context, replies.with_source_warnings(message, failing))


async def similar_hits(paper: Paper, limit: int = SIMILAR_LIMIT) -> list[SearchHit]:
    """Return papers sharing words of the paper's title, the paper itself excluded.

    Search matches all terms, so each title word is searched alone; a paper scores 1/n for
    each shared word found in n papers, so "Hundekotbeutel" counts far more than "Karlsruhe".
    """
    scores: dict[int, float] = {}
    hits: dict[int, SearchHit] = {}
    excluded = {int(paper.id), *await related_papers(int(paper.id))}
    for stem in list(dict.fromkeys(query_stems(paper.title)))[:SIMILAR_TITLE_WORDS]:
        result = await search(SearchQuery(raw=stem, terms=(stem,)), limit=SIMILAR_PER_WORD)
        others = [h for h in result.hits if h.paper_id not in excluded]
        for hit in others:
            scores[hit.paper_id] = scores.get(hit.paper_id, 0.0) + 1.0 / max(result.total, 1)
            hits.setdefault(hit.paper_id, hit)
    ranked = sorted(scores, key=lambda pid: (-scores[pid], -pid))
    return [hits[pid] for pid in ranked[:limit]]


async def paper_button(update: Update, context: Context) -> None:
    """Handle the buttons of pushed messages and search results: follow, similar, open, page."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    parsed = parse_callback_data(query.data or "")
    if parsed is None:
        await answer(query, t.BUTTON_STALE)
        return
    verb, value = parsed
    if verb in (CB_SEARCH_PAGE, CB_SEARCH_ORDER, CB_SUGGESTION):
        await search_button(update, context, verb, value)
        return
    paper = await lookup.visible_paper(value)
    if paper is None:
        await answer(query, t.PAPER_GONE)
        return
    if verb in (CB_FOLLOW, CB_UNFOLLOW):
        if await refuse_non_admin(update, context):
            return
        if paper.kind != "Anfrage":
            await answer(query, t.FOLLOW_NOT_INQUIRY)
            return
        if verb == CB_FOLLOW:
            created = await follow_paper(chat.id, int(paper.id))
            await answer(query, t.FOLLOW_NEW if created else t.FOLLOW_EXISTS)
        else:
            await unfollow_paper(chat.id, int(paper.id))
            await answer(query, t.FOLLOW_STOPPED)
        toggled = paper_buttons(int(paper.id), paper.kind, following=verb == CB_FOLLOW)[0][0]
        await replace_button(query, query.data or "", toggled)
    elif verb == CB_OPEN:
        await answer(query)
        await send(update, context, await paper_message(paper))
    elif verb == CB_SIMILAR:
        await answer(query)
        views = await folded_views(await similar_hits(paper))
        if not views:
            await send(update, context, replies.plain(t.SIMILAR_NONE))
            return
        listing = render_search_results(views, 1, len(views), page_size=SIMILAR_LIMIT)
        title = t.SIMILAR_TITLE.format(title=shown_query(paper.title))
        await send(update, context, replies.with_title(title, listing))
    else:
        await answer(query, t.BUTTON_STALE)
