"""Managing subscriptions (I/O): /abos, one subscription's page (from "Abo verwalten" under a
push), pausing it for a week, deleting with "Rückgängig", the /abos switches, unfollowing.

Deleted subscriptions are kept for "Rückgängig" in `chat_data` (in memory: gone after a restart).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from telegram import Update

from bot.chat import lookup, volume_prompt
from bot.chat.abo_parse import AboRequest, KommuneRef
from bot.chat.abo_wizard import Subscriber
from bot.chat.overlap import AboSpec
from bot.chat.respond import Context, answer, config_of, edit, is_group, send
from bot.messages import abo_page, replies
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages.render import RenderedMessage
from fetcher.clock import utc_now
from storage.subscription_details import (
    SubscriptionInfo,
    chat_subscription,
    chat_subscriptions,
    mute_subscription,
)
from storage.subscriptions import (
    SubscriptionError,
    add_subscription,
    delete_subscription,
    list_follows,
    meeting_alerts_on,
    set_meeting_alerts,
    set_weekly_preview,
    unfollow_paper,
)

# "7 Tage pausieren": a week covers one round of committee meetings; longer is /abos' delete.
MUTE_FOR = timedelta(days=7)
_DELETED = "deleted_abos"
_REMEMBERED_DELETES = 10

# The switches under /abos: callback verb → (setter, popup when on, popup when off).
_SWITCHES: dict[str, tuple[Callable[[int, bool], Awaitable[None]], str, str]] = {
    "wk": (set_weekly_preview, t.WEEKLY_ON, t.WEEKLY_OFF),
    "ma": (set_meeting_alerts, t.ALERTS_ON, t.ALERTS_OFF),
}
VERBS = frozenset({"m", "mu", "um", "D", "d", "u", "sk", "r", "uf", *_SWITCHES})


def spec_of(sub: SubscriptionInfo) -> AboSpec:
    """Return the subscription as the overlap check and "Rückgängig" know it."""
    return AboSpec(
        sub.kommune_id,
        sub.faction,
        sub.keyword,
        sub.kind,
        replies.subscription_label(sub.kommune_name, sub.faction, sub.keyword, sub.kind),
    )


def _labels(subscriptions: list[SubscriptionInfo], now: datetime) -> list[tuple[int, str, str]]:
    rows = []
    for s in subscriptions:
        label = replies.subscription_label(s.kommune_name, s.faction, s.keyword, s.kind)
        if s.muted(now):
            label = t.LABEL_MUTED.format(label=label)
        rows.append(
            (s.id, label, replies.button_label(s.kommune_name, s.faction, s.keyword, s.kind))
        )
    return rows


async def listing(
    chat_id: int, *, group: bool = False, now: datetime | None = None
) -> RenderedMessage:
    """Return /abos for the chat: subscriptions (paused ones marked), followed inquiries,
    switches, source warnings."""
    follows = [
        (f.paper_id, replies.follow_label(f.reference, f.title))
        for f in await list_follows(chat_id)
    ]
    subscriptions = await chat_subscriptions(chat_id)
    message = replies.subscriptions_list(
        _labels(subscriptions, now or utc_now()),
        weekly_preview=await lookup.weekly_preview(chat_id),
        meeting_alerts=await meeting_alerts_on(chat_id),
        follows=follows,
        group=group,
    )
    modes = [(s.id, s.delivery) for s in subscriptions]
    message = await volume_prompt.with_volume_controls(message, chat_id, modes)
    refs = {
        s.kommune_slug: KommuneRef(s.kommune_name, s.kommune_slug, s.kommune_id)
        for s in subscriptions
        if s.kommune_slug is not None and s.kommune_name is not None
    }
    return replies.with_source_warnings(message, await lookup.failing_kommunen(list(refs.values())))


async def listing_for(update: Update, context: Context) -> RenderedMessage:
    """Return /abos for the update's chat, as of the handlers' clock."""
    chat = update.effective_chat
    assert chat is not None
    now = config_of(context.bot_data).clock()
    return await listing(chat.id, group=is_group(update), now=now)


async def manage_button(
    update: Update, context: Context, callback: kb.Callback, subscribe: Subscriber
) -> None:
    """Handle the buttons that change what the chat has (the caller checked admin rights)."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    verb = callback.verb
    group = is_group(update)
    if verb == "r":
        await _restore_deleted(update, context, callback)
        return
    if verb in _SWITCHES:
        switch, said_on, said_off = _SWITCHES[verb]
        on = kb.int_arg(callback) == 1
        await switch(chat.id, on)
        await answer(query, said_on if on else said_off)
        await edit(query, await listing_for(update, context))
        return
    if verb == "uf":
        paper_id = kb.int_arg(callback)
        stopped = paper_id is not None and await unfollow_paper(chat.id, paper_id)
        await answer(query, t.UNFOLLOWED if stopped else t.BUTTON_STALE)
        await edit(query, await listing_for(update, context))
        return
    sub_id = kb.int_arg(callback)
    sub = await chat_subscription(chat.id, sub_id) if sub_id is not None else None
    if sub is None:
        await answer(query, t.ABO_ALREADY_DELETED if sub_id is not None else t.BUTTON_STALE)
        return
    now = config_of(context.bot_data).clock()
    if verb == "m":  # from a push: the page comes as a new message, the push stays as it is
        await answer(query)
        await send(update, context, abo_page.subscription_page(sub, now, group=group))
    elif verb in ("mu", "um"):
        until = now + MUTE_FOR if verb == "mu" else None
        await mute_subscription(chat.id, sub.id, until)
        await answer(query, t.ABO_MUTED if until else t.ABO_UNMUTED)
        changed = await chat_subscription(chat.id, sub.id)
        if changed is not None:
            await edit(query, abo_page.subscription_page(changed, now, group=group))
    elif verb == "sk":
        await _switch_to_keyword(update, context, sub, callback, subscribe)
    else:  # "D" from the page, "d" from /abos, "u" the undo under a confirmation
        await _delete(update, context, verb, sub)


async def _delete(update: Update, context: Context, verb: str, sub: SubscriptionInfo) -> None:
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    token = _remember_deleted(context, spec_of(sub)) if verb in ("d", "D") else None
    deleted = await delete_subscription(chat.id, sub.id)
    await answer(query, t.ABO_DELETED if deleted else t.ABO_ALREADY_DELETED)
    if not deleted:
        return
    if verb == "D" and token is not None:
        await edit(query, abo_page.deleted_page(sub, token))
    elif verb == "d":
        message = await listing_for(update, context)
        await edit(query, replies.with_restore_button(message, token) if token else message)
    else:
        await edit(query, replies.plain(t.ABO_DELETED))


def _remember_deleted(context: Context, spec: AboSpec) -> int:
    """Keep a deleted subscription for "Rückgängig" (in memory: gone after a restart)."""
    store = context.chat_data.setdefault(_DELETED, {}) if context.chat_data is not None else {}
    token = max(store, default=0) + 1
    store[token] = spec
    for old in sorted(store)[:-_REMEMBERED_DELETES]:
        del store[old]
    return int(token)


async def _restore_deleted(update: Update, context: Context, callback: kb.Callback) -> None:
    """Re-create a deleted subscription ("Rückgängig")."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    token = kb.int_arg(callback)
    store = (context.chat_data or {}).get(_DELETED, {})
    spec = store.pop(token, None) if token is not None else None
    if spec is None:
        await answer(query, t.BUTTON_STALE)
        return
    try:
        await add_subscription(chat.id, spec.kommune_id, spec.faction, spec.keyword, spec.kind)
    except SubscriptionError:
        await answer(query, t.BUTTON_STALE)
        return
    await answer(query, t.ABO_RESTORED)
    await edit(query, await listing_for(update, context))


async def _switch_to_keyword(
    update: Update,
    context: Context,
    sub: SubscriptionInfo,
    callback: kb.Callback,
    subscribe: Subscriber,
) -> None:
    """Replace a faction subscription made from a free word by a keyword subscription."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    word = ":".join(callback.args[1:]).strip()
    if not word or sub.faction is None:
        await answer(query, t.BUTTON_STALE)
        return
    kommune = None
    if sub.kommune_slug is not None and sub.kommune_name is not None:
        kommune = KommuneRef(sub.kommune_name, sub.kommune_slug, sub.kommune_id)
    await delete_subscription(chat.id, sub.id)
    request = AboRequest(kommune, keyword=word, kind=sub.kind, guessed="keyword")
    await answer(query)
    await edit(query, await subscribe(update, context, request))
