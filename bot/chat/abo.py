"""Subscribing (I/O): /abo with arguments or as a guided keyboard, deep links, /abos, deleting.

The keyboard keeps its state in the callback data (bot/messages/keyboards.py); only the keyword step
remembers, in `chat_data`, that the next text of that user is the keyword. That memory is lost
on a restart, which costs the user one retyped word.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from telegram import Update

from bot.chat import lookup, volume_prompt
from bot.chat.abo_parse import (
    AboProblem,
    AboRequest,
    KommuneRef,
    keyword_problem,
    parse_abo,
    parse_deep_link,
)
from bot.chat.kommune_names import sort_key, unserved_kommune
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
    send_text,
)
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages import replies
from bot.messages.render import RenderedMessage
from bot.pipeline.coverage import Coverage
from fetcher.factions import all_factions, faction_slug, local_faction, parties
from storage.models import Subscription
from storage.subscriptions import (
    SubscriptionError,
    add_subscription,
    delete_subscription,
    get_or_create_chat,
    list_follows,
    list_subscriptions,
    meeting_alerts_on,
    set_meeting_alerts,
    set_weekly_preview,
    unfollow_paper,
)

log = logging.getLogger(__name__)

MAX_SUBSCRIPTIONS_PER_CHAT = 50
KEYWORD_WAIT = timedelta(minutes=10)
_PENDING = "abo_keyword"
_WIZARD = "abo_wizard"


@dataclass(frozen=True)
class PendingKeyword:
    """The chat waits for `user_id` to type a keyword for the Kommune `kref`."""

    kref: str
    user_id: int
    expires_at: datetime


COVERAGE_KEY = "coverage"


def coverage_of(context: Context) -> Coverage | None:
    """Return the running instance's Coverage (None when handlers run without the poll loop)."""
    value = context.bot_data.get(COVERAGE_KEY)
    return value if isinstance(value, Coverage) else None


async def kommune_refs(context: Context) -> list[KommuneRef]:
    """Return the Kommunen /abo knows, as this instance serves them."""
    return await lookup.kommune_refs(coverage_of(context))


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
        others = [s for s in await list_subscriptions(chat.id) if int(s.id) not in created_ids]
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


def _spec(subscription: Subscription) -> AboSpec:
    kommune = subscription.kommune.name if subscription.kommune else None
    return AboSpec(
        int(subscription.kommune.id) if subscription.kommune else None,
        subscription.faction,
        subscription.keyword,
        subscription.kind,
        replies.subscription_label(
            kommune, subscription.faction, subscription.keyword, subscription.kind
        ),
    )


def _overlap_notes(new: AboSpec, others: list[Subscription]) -> list[str]:
    """Return the German notes on how a new subscription overlaps the chat's others."""
    wider, narrower = overlaps(new, [_spec(s) for s in others])
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
        context.chat_data.pop(_PENDING, None)  # a new /abo ends an unanswered keyword question
    text = command_text(update.effective_message)
    kommunen = await kommune_refs(context)
    if not text:
        _open_wizard(update, context)
        await send(update, context, replies.kommune_picker(_offered(kommunen), 1))
        return
    parsed = parse_abo(text, kommunen)
    if isinstance(parsed, AboProblem):
        await send(update, context, replies.abo_problem(parsed))
        return
    await send(update, context, await subscribe(update, context, await _local(parsed)))


async def _local(request: AboRequest) -> AboRequest:
    """Read a keyword that is the name of one of the Kommune's local groups as that faction."""
    ref = request.kommune
    if ref is None or request.faction or request.guessed != "keyword" or not request.keyword:
        return request
    group = local_faction(request.keyword, await lookup.faction_choices(ref.kommune_id))
    if group is None:
        return request
    return replace(request, faction=group, keyword=None, guessed="faction")


def _offered(kommunen: list[KommuneRef]) -> list[KommuneRef]:
    """Return the Kommunen the picker shows: those served, the ones already read in (with data
    and subscribers) first, each group alphabetically."""
    served = [k for k in kommunen if k.served]
    return sorted(served, key=lambda k: (k.kommune_id is None, sort_key(k)))


async def subscribe_deep_link(update: Update, context: Context, payload: str) -> bool:
    """Subscribe for `/start <payload>`; return False when the payload names nothing."""
    request = parse_deep_link(payload, await kommune_refs(context))
    if request is None:
        return False
    if not await refuse_non_admin(update, context):
        await send(update, context, await subscribe(update, context, request))
    return True


def _labels(subscriptions: list[Subscription]) -> list[tuple[int, str, str]]:
    rows = []
    for s in subscriptions:
        kommune = s.kommune.name if s.kommune else None
        rows.append(
            (
                int(s.id),
                replies.subscription_label(kommune, s.faction, s.keyword, s.kind),
                replies.button_label(kommune, s.faction, s.keyword, s.kind),
            )
        )
    return rows


async def _list_message(chat_id: int, *, group: bool = False) -> RenderedMessage:
    follows = [
        (f.paper_id, replies.follow_label(f.reference, f.title))
        for f in await list_follows(chat_id)
    ]
    subscriptions = await list_subscriptions(chat_id)
    message = replies.subscriptions_list(
        _labels(subscriptions),
        weekly_preview=await lookup.weekly_preview(chat_id),
        meeting_alerts=await meeting_alerts_on(chat_id),
        follows=follows,
        group=group,
    )
    modes = [(int(s.id), str(s.delivery)) for s in subscriptions]
    message = await volume_prompt.with_volume_controls(message, chat_id, modes)
    refs = {
        s.kommune.slug: KommuneRef(s.kommune.name, s.kommune.slug, int(s.kommune.id))
        for s in subscriptions
        if s.kommune is not None
    }
    return replies.with_source_warnings(message, await lookup.failing_kommunen(list(refs.values())))


async def abos_command(update: Update, context: Context) -> None:
    """/abos: the chat's subscriptions and followed inquiries, each with a remove button."""
    chat = update.effective_chat
    assert chat is not None
    await send(update, context, await _list_message(chat.id, group=is_group(update)))


def _faction_by_slug(slug: str, choices: list[str]) -> str | None:
    for name in [*choices, *all_factions()]:
        if faction_slug(name) == slug:
            return name
    return None


async def abo_button(update: Update, context: Context) -> None:
    """Handle every `a:` button: the wizard steps, delete, undo, "as keyword instead"."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    callback = kb.parse(query.data or "")
    if callback is None:
        await answer(query, t.BUTTON_STALE)
        return
    verb = callback.verb
    if verb == "l":
        await answer(query)
        await send(update, context, await _list_message(chat.id, group=is_group(update)))
        return
    if await refuse_non_admin(update, context):
        return
    if verb == "r":
        await _restore_deleted(update, context, callback)
        return
    if verb == "uf":
        paper_id = kb.int_arg(callback)
        stopped = paper_id is not None and await unfollow_paper(chat.id, paper_id)
        await answer(query, t.UNFOLLOWED if stopped else t.BUTTON_STALE)
        await edit(query, await _list_message(chat.id, group=is_group(update)))
        return
    if verb in ("d", "u", "sk"):
        await _change_subscription(update, context, verb, callback)
        return
    if verb in volume_prompt.VERBS:  # "sofort" / "täglich", quiet hours
        if await volume_prompt.volume_button(update, context, callback):
            await edit(query, await _list_message(chat.id, group=is_group(update)))
        return
    if verb in _SWITCHES:  # the on/off buttons under /abos
        switch, said_on, said_off = _SWITCHES[verb]
        on = kb.int_arg(callback) == 1
        await switch(chat.id, on)
        await answer(query, said_on if on else said_off)
        await edit(query, await _list_message(chat.id, group=is_group(update)))
        return
    if verb in ("x", "y") and context.chat_data is not None:
        context.chat_data.pop(_WIZARD, None)
    if verb == "x":
        await answer(query)
        await edit(query, replies.plain(t.ABO_CANCELLED))
        return
    kommunen = await kommune_refs(context)
    _open_wizard(update, context)
    if verb == "w":
        message = replies.kommune_picker(_offered(kommunen), 1)
    elif verb == "p":
        message = replies.kommune_picker(_offered(kommunen), kb.int_arg(callback) or 1)
    else:
        key = callback.args[0] if callback.args else ""
        ref = kb.find_kommune(key, kommunen)
        if ref is None and not (verb == "s" and key == kb.EVERY_KOMMUNE):
            await answer(query, t.BUTTON_STALE)
            return
        if verb == "s":
            await answer(query)
            await _ask_keyword(update, context, key, ref)
            return
        assert ref is not None
        found = await _wizard_step(update, context, verb, callback, ref)
        if found is None:
            await answer(query, t.BUTTON_STALE)
            return
        message = found
    await answer(query)
    await edit(query, message)


async def _wizard_step(
    update: Update, context: Context, verb: str, callback: kb.Callback, ref: KommuneRef
) -> RenderedMessage | None:
    if verb == "k":
        return replies.what_picker(ref)
    if verb == "c":
        return replies.confirm(ref, None)
    if verb == "f":
        choices = await lookup.faction_choices(ref.kommune_id)
        return replies.faction_picker(ref, choices or parties())
    if verb in ("F", "y"):
        faction = None
        if len(callback.args) > 1:
            faction = _faction_by_slug(
                callback.args[1], await lookup.faction_choices(ref.kommune_id)
            )
            if faction is None:
                return None
        if verb == "F":
            return replies.confirm(ref, faction)
        return await subscribe(update, context, AboRequest(ref, faction=faction), confirmed=True)
    return None


async def _ask_keyword(update: Update, context: Context, key: str, ref: KommuneRef | None) -> None:
    query = update.callback_query
    user = update.effective_user
    assert query is not None
    assert user is not None
    where = ref.name if ref else t.EVERY_KOMMUNE_TITLE
    await edit(query, replies.plain(t.ABO_KEYWORD_CHOSEN.format(where=where)))
    if context.chat_data is not None:
        expires = config_of(context.bot_data).clock() + KEYWORD_WAIT
        context.chat_data[_PENDING] = PendingKeyword(key, user.id, expires)
    # No ForceReply yet: the stand-in echoes it back inside the Message, which PTB cannot parse
    # (Telegram returns inline keyboards only). In groups (privacy mode) the user replies by hand.
    await send(update, context, replies.keyword_prompt(ref, is_group(update)))


async def keyword_reply(update: Update, context: Context) -> bool:
    """Take a text as the keyword the wizard asked for; return False if none was asked for."""
    message = update.message
    user = update.effective_user
    if context.chat_data is None or message is None or user is None or not message.text:
        return False
    pending = context.chat_data.get(_PENDING)
    if not isinstance(pending, PendingKeyword) or pending.user_id != user.id:
        return False
    del context.chat_data[_PENDING]
    context.chat_data.pop(_WIZARD, None)
    if pending.expires_at < config_of(context.bot_data).clock():
        return False
    keyword = " ".join(message.text.split())
    problem = keyword_problem(keyword)
    if problem is not None:
        await send_text(update, context, problem.message)
        return True
    ref = None
    if pending.kref != kb.EVERY_KOMMUNE:
        ref = kb.find_kommune(pending.kref, await kommune_refs(context))
        if ref is None:
            return False
    request = AboRequest(ref, keyword=keyword)
    await send(update, context, await subscribe(update, context, request))
    return True


def _open_wizard(update: Update, context: Context) -> None:
    """Remember that the user has the guided /abo open: a typed name then picks the Kommune."""
    user = update.effective_user
    if context.chat_data is not None and user is not None:
        expires = config_of(context.bot_data).clock() + KEYWORD_WAIT
        context.chat_data[_WIZARD] = PendingKeyword("", user.id, expires)


async def wizard_text(update: Update, context: Context) -> bool:
    """Take a typed text as the Kommune while the guided /abo is open (at any step); return
    False when no wizard is open for this user."""
    message = update.message
    user = update.effective_user
    if context.chat_data is None or message is None or user is None or not message.text:
        return False
    opened = context.chat_data.get(_WIZARD)
    if not isinstance(opened, PendingKeyword) or opened.user_id != user.id:
        return False
    if opened.expires_at < config_of(context.bot_data).clock() or message.text.startswith("/"):
        del context.chat_data[_WIZARD]
        return False
    kommunen = await kommune_refs(context)
    parsed = parse_abo(message.text, kommunen)
    if isinstance(parsed, AboProblem):
        await send(update, context, replies.abo_problem(parsed))
        return True
    if parsed.kommune is not None and not parsed.faction and not parsed.keywords:
        await send(update, context, replies.what_picker(parsed.kommune))
        return True
    del context.chat_data[_WIZARD]
    await send(update, context, await subscribe(update, context, await _local(parsed)))
    return True


async def _change_subscription(
    update: Update, context: Context, verb: str, callback: kb.Callback
) -> None:
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    sub_id = kb.int_arg(callback)
    if sub_id is None:
        await answer(query, t.BUTTON_STALE)
        return
    if verb == "sk":
        await _switch_to_keyword(update, context, sub_id, callback)
        return
    token = None
    if verb == "d":
        gone = await lookup.subscription(chat.id, sub_id)
        token = _remember_deleted(context, _spec(gone)) if gone is not None else None
    deleted = await delete_subscription(chat.id, sub_id)
    await answer(query, t.ABO_DELETED if deleted else t.ABO_ALREADY_DELETED)
    if verb == "d":
        listing = await _list_message(chat.id, group=is_group(update))
        if deleted and token is not None:
            listing = replies.with_restore_button(listing, token)
        await edit(query, listing)
    elif deleted:
        await edit(query, replies.plain(t.ABO_DELETED))


# The switches under /abos: callback verb → (setter, popup when on, popup when off).
_SWITCHES: dict[str, tuple[Callable[[int, bool], Awaitable[None]], str, str]] = {
    "wk": (set_weekly_preview, t.WEEKLY_ON, t.WEEKLY_OFF),
    "ma": (set_meeting_alerts, t.ALERTS_ON, t.ALERTS_OFF),
}

_DELETED = "deleted_abos"
_REMEMBERED_DELETES = 10


def _remember_deleted(context: Context, spec: AboSpec) -> int:
    """Keep a deleted subscription for "Rückgängig" (in memory: gone after a restart)."""
    store = context.chat_data.setdefault(_DELETED, {}) if context.chat_data is not None else {}
    token = max(store, default=0) + 1
    store[token] = spec
    for old in sorted(store)[:-_REMEMBERED_DELETES]:
        del store[old]
    return token


async def _restore_deleted(update: Update, context: Context, callback: kb.Callback) -> None:
    """Re-create a subscription deleted from /abos ("Rückgängig")."""
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
    await edit(query, await _list_message(chat.id, group=is_group(update)))


async def _switch_to_keyword(
    update: Update, context: Context, sub_id: int, callback: kb.Callback
) -> None:
    """Replace a faction subscription made from a free word by a keyword subscription."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    word = ":".join(callback.args[1:]).strip()
    sub = await lookup.subscription(chat.id, sub_id)
    if sub is None or not word or sub.faction is None:
        await answer(query, t.ABO_ALREADY_DELETED if sub is None else t.BUTTON_STALE)
        return
    kommune = None
    if sub.kommune is not None:
        kommune = KommuneRef(sub.kommune.name, sub.kommune.slug, int(sub.kommune.id))
    await delete_subscription(chat.id, sub_id)
    request = AboRequest(kommune, keyword=word, kind=sub.kind, guessed="keyword")
    await answer(query)
    await edit(query, await subscribe(update, context, request))
