"""The guided /abo (I/O): Kommune picker (alphabetical or by Land), what to get, faction, keyword.

The keyboard keeps its state in the callback data (bot/messages/keyboards.py); only the keyword step
remembers, in `chat_data`, that the next text of that user is the keyword. That memory is lost
on a restart, which costs the user one retyped word. Storing a subscription is bot/chat/abo.py's
`subscribe`, handed in as `Subscriber`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from telegram import Update

from bot.chat import lookup
from bot.chat.abo_parse import AboProblem, AboRequest, KommuneRef, keyword_problem, parse_abo
from bot.chat.kommune_lands import land_of, lands_offered
from bot.chat.kommune_names import sort_key
from bot.chat.respond import Context, answer, config_of, edit, is_group, send, send_text
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages import land_picker, replies
from bot.messages.render import RenderedMessage
from bot.pipeline.coverage import Coverage
from fetcher.factions import all_factions, faction_slug, local_faction, parties
from storage.kommune_keys import ags_by_kommune

KEYWORD_WAIT = timedelta(minutes=10)
PENDING = "abo_keyword"
WIZARD = "abo_wizard"
COVERAGE_KEY = "coverage"


class Subscriber(Protocol):
    """Stores a subscription for the update's chat and returns the answer (abo.subscribe)."""

    async def __call__(
        self, update: Update, context: Context, request: AboRequest, *, confirmed: bool = False
    ) -> RenderedMessage: ...


@dataclass(frozen=True)
class PendingKeyword:
    """The chat waits for `user_id` to type a keyword for the Kommune `kref`."""

    kref: str
    user_id: int
    expires_at: datetime


def coverage_of(context: Context) -> Coverage | None:
    """Return the running instance's Coverage (None when handlers run without the poll loop)."""
    value = context.bot_data.get(COVERAGE_KEY)
    return value if isinstance(value, Coverage) else None


async def kommune_refs(context: Context) -> list[KommuneRef]:
    """Return the Kommunen /abo knows, as this instance serves them."""
    return await lookup.kommune_refs(coverage_of(context))


def offered(kommunen: list[KommuneRef]) -> list[KommuneRef]:
    """Return the Kommunen the picker shows: those served, the ones already read in (with data
    and subscribers) first, each group alphabetically."""
    served = [k for k in kommunen if k.served]
    return sorted(served, key=lambda k: (k.kommune_id is None, sort_key(k)))


async def local(request: AboRequest) -> AboRequest:
    """Read a keyword that is the name of one of the Kommune's local groups as that faction."""
    ref = request.kommune
    if ref is None or request.faction or request.guessed != "keyword" or not request.keyword:
        return request
    group = local_faction(request.keyword, await lookup.faction_choices(ref.kommune_id))
    if group is None:
        return request
    return replace(request, faction=group, keyword=None, guessed="faction")


def open_wizard(update: Update, context: Context) -> None:
    """Remember that the user has the guided /abo open: a typed name then picks the Kommune."""
    user = update.effective_user
    if context.chat_data is not None and user is not None:
        expires = config_of(context.bot_data).clock() + KEYWORD_WAIT
        context.chat_data[WIZARD] = PendingKeyword("", user.id, expires)


async def wizard_button(
    update: Update, context: Context, callback: kb.Callback, subscribe: Subscriber
) -> None:
    """Handle the wizard's buttons: pickers (by name, by Land), steps, keyword, cancel."""
    query = update.callback_query
    assert query is not None
    verb = callback.verb
    if verb in ("x", "y") and context.chat_data is not None:
        context.chat_data.pop(WIZARD, None)
    if verb == "x":
        await answer(query)
        await edit(query, replies.plain(t.ABO_CANCELLED))
        return
    kommunen = offered(await kommune_refs(context))
    open_wizard(update, context)
    if verb == "w":
        message = land_picker.with_land_button(replies.kommune_picker(kommunen, 1))
    elif verb == "p":
        page = kb.int_arg(callback) or 1
        message = land_picker.with_land_button(replies.kommune_picker(kommunen, page))
    elif verb == "L":  # the Länder
        message = land_picker.lands_picker(*lands_offered(kommunen, await ags_by_kommune()))
    elif verb == "lp":  # one Land's Kommunen: a:lp:<land code>:<page>
        code = callback.args[0] if callback.args else ""
        keys = await ags_by_kommune()
        in_land = [k for k in kommunen if land_of(k, keys) == code]
        if not in_land:
            await answer(query, t.BUTTON_STALE)
            return
        in_land.sort(key=sort_key)
        message = land_picker.land_kommunen_picker(code, in_land, kb.int_arg(callback, 1) or 1)
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
        found = await _wizard_step(update, context, verb, callback, ref, subscribe)
        if found is None:
            await answer(query, t.BUTTON_STALE)
            return
        message = found
    await answer(query)
    await edit(query, message)


def _faction_by_slug(slug: str, choices: list[str]) -> str | None:
    for name in [*choices, *all_factions()]:
        if faction_slug(name) == slug:
            return name
    return None


async def _wizard_step(
    update: Update,
    context: Context,
    verb: str,
    callback: kb.Callback,
    ref: KommuneRef,
    subscribe: Subscriber,
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
        context.chat_data[PENDING] = PendingKeyword(key, user.id, expires)
    # No ForceReply yet: the stand-in echoes it back inside the Message, which PTB cannot parse
    # (Telegram returns inline keyboards only). In groups (privacy mode) the user replies by hand.
    await send(update, context, replies.keyword_prompt(ref, is_group(update)))


async def keyword_reply(update: Update, context: Context, subscribe: Subscriber) -> bool:
    """Take a text as the keyword the wizard asked for; return False if none was asked for."""
    message = update.message
    user = update.effective_user
    if context.chat_data is None or message is None or user is None or not message.text:
        return False
    pending = context.chat_data.get(PENDING)
    if not isinstance(pending, PendingKeyword) or pending.user_id != user.id:
        return False
    del context.chat_data[PENDING]
    context.chat_data.pop(WIZARD, None)
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


async def wizard_text(update: Update, context: Context, subscribe: Subscriber) -> bool:
    """Take a typed text as the Kommune while the guided /abo is open (at any step); return
    False when no wizard is open for this user."""
    message = update.message
    user = update.effective_user
    if context.chat_data is None or message is None or user is None or not message.text:
        return False
    opened = context.chat_data.get(WIZARD)
    if not isinstance(opened, PendingKeyword) or opened.user_id != user.id:
        return False
    if opened.expires_at < config_of(context.bot_data).clock() or message.text.startswith("/"):
        del context.chat_data[WIZARD]
        return False
    kommunen = await kommune_refs(context)
    parsed = parse_abo(message.text, kommunen)
    if isinstance(parsed, AboProblem):
        await send(update, context, replies.abo_problem(parsed))
        return True
    if parsed.kommune is not None and not parsed.faction and not parsed.keywords:
        await send(update, context, replies.what_picker(parsed.kommune))
        return True
    del context.chat_data[WIZARD]
    await send(update, context, await subscribe(update, context, await local(parsed)))
    return True
