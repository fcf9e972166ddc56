"""Reading papers and meetings (I/O): /anfrage, /termine, "Ähnliche" and the buttons on papers.

/suche and the buttons of its result message live in bot/chat/search.py.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import Update

from bot.chat import lookup
from bot.chat.abo_parse import match_kommune, unknown_kommune
from bot.chat.respond import (
    Context,
    answer,
    command_text,
    config_of,
    refuse_non_admin,
    replace_button,
    send,
)
from bot.chat.search import folded_views, search_button
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
    RenderedMessage,
    paper_buttons,
    parse_callback_data,
    render_answer,
    render_inquiry,
    render_search_results,
    shown_query,
)
from bot.messages.views import answer_view, meeting_view, paper_view
from bot.pipeline.asked_before import add_asked_before
from storage.answers import related_papers
from storage.query import SearchQuery
from storage.search import SearchHit, search
from storage.subscriptions import follow_paper, unfollow_paper
from storage.textnorm import query_stems

if TYPE_CHECKING:
    from storage.models import Paper

log = logging.getLogger(__name__)

SIMILAR_LIMIT = 5
SIMILAR_TITLE_WORDS = 8
SIMILAR_PER_WORD = 20


async def paper_message(paper: Paper) -> RenderedMessage:
    """Return the full message of a paper (an answer shows its inquiry's questions)."""
    if paper.kind == "Antwort":
        return render_answer(answer_view(paper, await lookup.answered_inquiry(paper)))
    return render_inquiry(paper_view(paper))


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
