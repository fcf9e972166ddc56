"""`/feed` and `/feed neu`: a subscription's Atom and iCal links (I/O: Telegram, database).

The links carry the subscription's unguessable token (storage/feeds.py); `/feed neu` replaces the
tokens of every subscription of the chat, so links that leaked stop working.
"""

from __future__ import annotations

import html

from telegram import Update

from bot.chat.respond import Context, command_text, refuse_non_admin, send, send_text
from bot.messages.render import RenderedMessage
from storage.feeds import feed_token, renew_feed_token
from storage.subscriptions import list_subscriptions

FEEDS_URL_KEY = "feeds_base_url"
FEEDS_FORGET_KEY = "feeds_forget"  # drops a replaced token's cached feeds (bot/feeds/server.py)

# --- German texts of /feed (kept together for proofreading)
FEEDS_OFF = "Feeds sind auf diesem Server nicht eingeschaltet."
NO_SUBSCRIPTIONS = "Sie haben noch kein Abo. Mit /abo legen Sie eins an, dann gibt es auch Feeds."
TITLE = "Feeds Ihrer Abos"
TITLE_RENEWED = "Neue Feed-Adressen (die alten gelten nicht mehr)"
ITEM = "{label}\nAtom (neue Papiere): {atom}\nKalender (Sitzungen): {ics}"
HINT = (
    "Die Adressen sind geheim: Wer sie kennt, liest mit. Mit „/feed neu“ bekommen Sie neue, "
    "die alten gelten dann nicht mehr."
)
EVERY_KOMMUNE = "alle Kommunen"
RENEW_WORDS = ("neu", "new")


def _label(kommune: str | None, faction: str | None, keyword: str | None, kind: str) -> str:
    parts = [kommune or EVERY_KOMMUNE, *(p for p in (faction, keyword) if p), kind]
    return " · ".join(parts)


async def feed_command(update: Update, context: Context) -> None:
    """/feed [neu]: list each subscription's feed URLs (with "neu": under new tokens)."""
    chat = update.effective_chat
    assert chat is not None
    base_url = context.bot_data.get(FEEDS_URL_KEY)
    if not base_url:
        await send_text(update, context, FEEDS_OFF)
        return
    renew = command_text(update.effective_message).strip().lower() in RENEW_WORDS
    if renew and await refuse_non_admin(update, context):
        return
    subscriptions = await list_subscriptions(chat.id)
    if not subscriptions:
        await send_text(update, context, NO_SUBSCRIPTIONS)
        return
    lines = [f"<b>{html.escape(TITLE_RENEWED if renew else TITLE)}</b>", ""]
    for sub in subscriptions:
        if renew:
            forget = context.bot_data.get(FEEDS_FORGET_KEY)
            if forget is not None:
                forget(await feed_token(sub.id))
            token = await renew_feed_token(sub.id)
        else:
            token = await feed_token(sub.id)
        kommune = sub.kommune.name if sub.kommune is not None else None
        label = _label(kommune, sub.faction, sub.keyword, sub.kind)
        item = ITEM.format(
            label=label, atom=f"{base_url}/feed/{token}.atom", ics=f"{base_url}/feed/{token}.ics"
        )
        lines += [html.escape(item, quote=False), ""]
    lines.append(html.escape(HINT, quote=False))
    await send(update, context, RenderedMessage("\n".join(lines)))
