"""Subscribing (I/O): /abo with arguments, deep links, /abos, and the dispatch of the `a:` buttons.

The guided /abo lives in bot/chat/abo_wizard.py, a subscription's page and deleting in
bot/chat/abo_manage.py; both get `subscribe` handed in.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Update

from bot.chat import abo_manage, abo_wizard, lookup, volume_prompt
from bot.chat.abo_manage import listing_for, spec_of
from bot.chat.abo_parse import AboProblem, AboRequest, KommuneRef, parse_abo, parse_deep_link
from bot.chat.abo_wizard import COVERAGE_KEY as COVERAGE_KEY
from bot.chat.abo_wizard import (
    PENDING,
    coverage_of,
    kommune_refs,
    local,
    offered,
    open_wizard,
)
from bot.chat.kommune_names import unserved_kommune
from bot.chat.overlap import AboSpec, overlaps
from bot.chat.respond import (
    Context,
    answer,
    command_text,
    config_of,
    edit,
    is_group,
    refuse_non_admin,
    send,
)
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages import land_picker, replies
from bot.messages.render import RenderedMessage
from bot.pipeline.coverage import Coverage
from storage.subscription_details import SubscriptionInfo, chat_subscriptions
from storage.subscriptions import SubscriptionError, add_subscription, get_or_create_chat

log = logging.getLogger(__name__)

MAX_SUBSCRIPTIONS_PER_CHAT = 50


async def subscribe(
    update: Update, context: Context, request: AboRequest, *, confirmed: bool = False
) -> RenderedMessage:
    """Store the subscription(s) for the update's chat; return the answer to show.

    Never confirms what cannot fire: a Kommune this bot does not read is refused, a faction never
    seen in the Kommune's data is questioned unless `confirmed` (the user tapped "Trotzdem").
    """
    chat = update.effective_chat
    assert chat is not None
    coverage = coverage_of(context)
    ref = request.kommune
    if ref is not None and not ref.served:
        return replies.abo_problem(unserved_kommune(ref, await kommune_refs(context)))
    await get_or_create_chat(chat.id, chat.type, chat.title if is_group(update) else None)
    keywords = request.keywords or (None,)
    if await lookup.count_subscriptions(chat.id) + len(keywords) > MAX_SUBSCRIPTIONS_PER_CHAT:
        return replies.plain(t.ABO_TOO_MANY.format(n=MAX_SUBSCRIPTIONS_PER_CHAT))
    kommune_id = await lookup.ensure_kommune(ref, coverage) if ref is not None else None
    if ref is not None and kommune_id is not None and ref.kommune_id is None:
        ref = replace(ref, kommune_id=kommune_id)
        request = replace(request, kommune=ref)
    if ref is not None and kommune_id is not None and request.faction and not confirmed:
        # While a Kommune is being read in, its factions are not all known yet: no warning.
        choices = await lookup.faction_choices(kommune_id)
        if (
            choices
            and request.faction not in choices
            and await lookup.fully_read(kommune_id, ref.slug)
        ):
            return replies.faction_not_seen(ref, request.faction, choices)
    subs: list[tuple[int, bool]] = []
    for keyword in keywords:
        try:
            sub, created = await add_subscription(
                chat.id, kommune_id, request.faction, keyword, request.kind
            )
        except SubscriptionError:
            return replies.plain(t.ABO_INVALID)
        subs.append((int(sub.id), created))
    log.info(
        "subscribe chat_type=%s created=%d kommune=%s faction=%s keywords=%d kind=%s",
        chat.type,
        sum(c for _, c in subs),
        kommune_id,
        request.faction is not None,
        len(request.keywords),
        request.kind,
    )
    notes = await _kommune_notes(ref, coverage, any(c for _, c in subs))
    confirmation = replies.abo_confirmation(request, subs, notes)
    created_ids = {sid for sid, created in subs if created}
    if created_ids:
        others = [s for s in await chat_subscriptions(chat.id) if s.id not in created_ids]
        overlap: list[str] = []
        for keyword in keywords:
            new = AboSpec(kommune_id, request.faction, keyword, request.kind)
            overlap += _overlap_notes(new, others)
        if overlap:
            confirmation = replies.with_notes(confirmation, list(dict.fromkeys(overlap)))
    # Volume control (bot/chat/volume_prompt.py): the 30-day preview, "sofort" / "täglich".
    now = config_of(context.bot_data).clock()
    new_ids = [sid for sid, c in subs if c]
    return await volume_prompt.with_preview(confirmation, chat.id, new_ids, now)


def _overlap_notes(new: AboSpec, others: list[SubscriptionInfo]) -> list[str]:
    """Return the German notes on how a new subscription overlaps the chat's others."""
    wider, narrower = overlaps(new, [spec_of(s) for s in others])
    notes = [t.ABO_OVERLAP_WIDER.format(label=w.label) for w in wider[:2]]
    notes += [t.ABO_OVERLAP_NARROWER.format(label=n.label) for n in narrower[:2]]
    return notes


async def _kommune_notes(
    ref: KommuneRef | None, coverage: Coverage | None, created: bool
) -> list[str]:
    """Return what the user should know about the Kommune: being read in, source down."""
    if ref is None:
        return []
    notes: list[str] = []
    started = created and coverage is not None and coverage.start_now(ref.slug)
    if started or (created and not await lookup.first_sync_done(ref.slug)):
        notes.append(t.ABO_READING_IN.format(kommune=ref.name))
    failing = await lookup.failing_since([ref.slug])
    if ref.slug in failing:
        notes.append(replies.source_down(ref.name, failing[ref.slug]))
    return notes


async def abo_command(update: Update, context: Context) -> None:
    """/abo: without arguments the guided keyboard, else subscribe to what the text names."""
    if await refuse_non_admin(update, context):
        return
    if context.chat_data is not None:
        context.chat_data.pop(PENDING, None)  # a new /abo ends an unanswered keyword question
    text = command_text(update.effective_message)
    kommunen = await kommune_refs(context)
    if not text:
        open_wizard(update, context)
        picker = replies.kommune_picker(offered(kommunen), 1)
        await send(update, context, land_picker.with_land_button(picker))
        return
    parsed = parse_abo(text, kommunen)
    if isinstance(parsed, AboProblem):
        await send(update, context, replies.abo_problem(parsed))
        return
    await send(update, context, await subscribe(update, context, await local(parsed)))


async def subscribe_deep_link(update: Update, context: Context, payload: str) -> bool:
    """Subscribe for `/start <payload>`; return False when the payload names nothing."""
    request = parse_deep_link(payload, await kommune_refs(context))
    if request is None:
        return False
    if not await refuse_non_admin(update, context):
        await send(update, context, await subscribe(update, context, request))
    return True


async def abos_command(update: Update, context: Context) -> None:
    """/abos: the chat's subscriptions and followed inquiries, each with a remove button."""
    chat = update.effective_chat
    assert chat is not None
    await send(update, context, await listing_for(update, context))


async def abo_button(update: Update, context: Context) -> None:
    """Handle every `a:` button: the wizard, a subscription's page, delete, undo, switches."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    callback = kb.parse(query.data or "")
    if callback is None:
        await answer(query, t.BUTTON_STALE)
        return
    if callback.verb == "l":
        await answer(query)
        await send(update, context, await listing_for(update, context))
        return
    if await refuse_non_admin(update, context):
        return
    if callback.verb in volume_prompt.VERBS:  # "sofort" / "täglich", quiet hours
        if await volume_prompt.volume_button(update, context, callback):
            await edit(query, await listing_for(update, context))
    elif callback.verb in abo_manage.VERBS:
        await abo_manage.manage_button(update, context, callback, subscribe)
    else:
        await abo_wizard.wizard_button(update, context, callback, subscribe)


async def keyword_reply(update: Update, context: Context) -> bool:
    """Take a text as the keyword the wizard asked for; return False if none was asked for."""
    return await abo_wizard.keyword_reply(update, context, subscribe)


async def wizard_text(update: Update, context: Context) -> bool:
    """Take a typed text as the Kommune while the guided /abo is open; False if none is open."""
    return await abo_wizard.wizard_text(update, context, subscribe)
