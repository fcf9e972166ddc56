"""`/offen [Kommune] [Fraktion]` and its page buttons (I/O: Telegram, database reads).

The figures come from bot/ops/answer_stats.py over storage/stats.py, the same as
`ratsbot stats --json`.
"""

from __future__ import annotations

from telegram import Update

from bot.chat import lookup
from bot.chat.abo_parse import KommuneRef, match_kommune, unknown_kommune
from bot.chat.respond import Context, answer, command_text, config_of, edit, send
from bot.messages import chat_texts as t
from bot.messages import open_inquiries as view
from bot.messages.render import RenderedMessage
from bot.messages.replies import plain
from bot.ops.answer_stats import all_stats
from fetcher.clock import BERLIN
from fetcher.factions import canonical_faction, faction_slug
from storage.stats import inquiry_rows, kommune_rows

MAX_KOMMUNE_WORDS = 4


def split_arguments(
    text: str, kommunen: list[KommuneRef]
) -> tuple[KommuneRef | None, str | None, str | None]:
    """Return (Kommune, faction text, unknown Kommune text) read from `/offen` arguments."""
    words = text.split()
    if not words:
        return None, None, None
    for count in range(min(MAX_KOMMUNE_WORDS, len(words)), 0, -1):
        ref = match_kommune(" ".join(words[:count]), kommunen)
        if ref is not None:
            return ref, " ".join(words[count:]) or None, None
    if canonical_faction(text) is not None:
        return None, text, None
    return None, None, words[0]


async def open_message(query: view.OpenQuery, context: Context) -> RenderedMessage:
    """Return the page of `/offen` the query asks for."""
    ids = [query.kommune_id] if query.kommune_id is not None else None
    kommunen = await kommune_rows(ids)
    rows = await inquiry_rows(ids)
    faction = None
    if query.faction_slug is not None:
        names = {f for r in rows for f in r.factions}
        faction = next((f for f in sorted(names) if faction_slug(f) == query.faction_slug), None)
        if faction is None:
            return plain(view.NO_INQUIRIES)
    today = config_of(context.bot_data).clock().astimezone(BERLIN).date()
    stats = all_stats(kommunen, rows, today, faction=faction)
    return view.render_open(stats, query, faction)


async def offen_command(update: Update, context: Context) -> None:
    """/offen [Kommune] [Fraktion]: open inquiries, oldest first, and the answer figures."""
    text = command_text(update.effective_message)
    refs = await lookup.kommune_refs()
    ref, faction_text, unknown = split_arguments(text, refs)
    if unknown is not None:
        await send(update, context, plain(unknown_kommune(unknown, refs).message))
        return
    slug = None
    if faction_text is not None:
        faction = canonical_faction(faction_text)
        if faction is None:
            await send(
                update, context, plain(view.USAGE_UNKNOWN_FACTION.format(text=faction_text[:60]))
            )
            return
        slug = faction_slug(faction)
    if ref is not None and ref.kommune_id is None:
        await send(update, context, plain(view.NOT_FETCHED.format(kommune=ref.name)))
        return
    query = view.OpenQuery(ref.kommune_id if ref is not None else None, slug)
    await send(update, context, await open_message(query, context))


async def offen_button(update: Update, context: Context) -> None:
    """The page buttons under `/offen`."""
    callback = update.callback_query
    assert callback is not None
    query = view.parse_callback(callback.data or "")
    if query is None:
        await answer(callback, t.BUTTON_STALE)
        return
    await answer(callback)
    await edit(callback, await open_message(query, context))
