"""Volume control in the chat (I/O): the 30-day preview on /abo, "sofort" / "täglich", quiet hours.

The /abo confirmation (command, wizard, deep link) says how many papers the new subscription
would have delivered in the last 30 days (bot/pipeline/volume.py, the live matching code over
stored papers); above the threshold it offers "sofort" / "täglich um 7 Uhr". /abos shows each
subscription's choice with a switch, and the quiet hours switch (22–7 Uhr or off). Delivery
honours both (bot/pipeline/delivery_hold.py). bot/chat/abo.py calls in through three hooks.

Callback data (bot/messages/keyboards.py, prefix "a"):

    a:vd:<ids>:<s|t>   the confirmation's choice for its new subscriptions (ids joined by ".")
    a:vl:<id>:<s|t>    switch one subscription in /abos
    a:qh:<0|1>         quiet hours off / 22–7 Uhr (from /abos)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.chat.respond import Context, answer, config_of
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages.render import Button, RenderedMessage
from bot.messages.replies import with_notes
from bot.pipeline.volume import offers_digest, preview_count, volume_text
from storage.volume import (
    chat_quiet_hours,
    release_holds,
    set_delivery,
    set_quiet_hours,
    subscription_rows,
)

VERBS = ("vd", "vl", "qh")
QUIET_DEFAULT = (22, 7)
_MODES = {"s": "sofort", "t": "taeglich"}
_MAX_BUTTONS = 100  # an inline keyboard's limit

# --- German texts (kept together for proofreading)
BUTTON_NOW = "sofort"
BUTTON_DAILY = "täglich um 7 Uhr"
CHOSEN = "✓ {label}"
DIGEST_OFFER = "Lieber gesammelt? Wählen Sie, wann die Papiere kommen:"
SAID_NOW = "Neue Papiere kommen sofort."
SAID_DAILY = "Neue Papiere kommen gesammelt, täglich um 7 Uhr."
DAILY_LINE = "Täglich um 7 Uhr als Sammelnachricht: {numbers}"
QUIET_LINE = "Ruhezeit: {start}–{end} Uhr (Nachrichten warten bis danach)."
BUTTON_TO_DAILY = "{n}. → täglich"
BUTTON_TO_NOW = "{n}. → sofort"
BUTTON_QUIET_ON = "🌙 Ruhezeit 22–7 Uhr einschalten"
BUTTON_QUIET_OFF = "🌙 Ruhezeit ausschalten"
QUIET_ON = "Zwischen 22 und 7 Uhr warten Nachrichten und kommen danach gesammelt."
QUIET_OFF = "Keine Ruhezeit mehr: Nachrichten kommen sofort."


def choice_buttons(ids: Sequence[int], chosen: str | None = None) -> tuple[Button, Button]:
    """Return the "sofort" / "täglich um 7 Uhr" buttons for these subscriptions (as fit)."""
    keep = list(ids)
    while len(keep) > 1 and not kb.fits(kb.ABO, "vd", ".".join(map(str, keep)), "t"):
        keep.pop()
    joined = ".".join(map(str, keep))
    now_label = CHOSEN.format(label=BUTTON_NOW) if chosen == "sofort" else BUTTON_NOW
    daily_label = CHOSEN.format(label=BUTTON_DAILY) if chosen == "taeglich" else BUTTON_DAILY
    return (
        Button(now_label, kb.data(kb.ABO, "vd", joined, "s")),
        Button(daily_label, kb.data(kb.ABO, "vd", joined, "t")),
    )


async def with_preview(
    message: RenderedMessage, chat_id: int, created_ids: Sequence[int], now: datetime
) -> RenderedMessage:
    """Return the /abo confirmation with the 30-day preview of the new subscriptions."""
    if not created_ids:
        return message
    rows = await subscription_rows(chat_id, created_ids)
    count = await preview_count(rows, now)
    notes = [volume_text(count, several=len(rows) > 1)]
    if not offers_digest(count):
        return with_notes(message, notes)
    offered = with_notes(message, [*notes, DIGEST_OFFER])
    return RenderedMessage(offered.text, (choice_buttons(created_ids), *offered.buttons))


async def with_volume_controls(
    message: RenderedMessage, chat_id: int, modes: Sequence[tuple[int, str]]
) -> RenderedMessage:
    """Return /abos with the volume switches (reads the chat's quiet hours)."""
    return volume_controls(message, modes, await chat_quiet_hours(chat_id))


def volume_controls(
    message: RenderedMessage,
    modes: Sequence[tuple[int, str]],
    quiet: tuple[int, int] | None,
) -> RenderedMessage:
    """Return /abos with each subscription's "sofort"/"täglich" switch and the quiet hours row.

    `modes`: (subscription id, "sofort" | "taeglich") in the listing's order. The switches
    (three a row, numbered as the list) and the quiet hours row come after the delete buttons,
    before the other two switches (weekly preview, meeting alerts), within Telegram's 100 buttons.
    """
    if not modes:
        return message
    items, switches = list(message.buttons[:-2]), list(message.buttons[-2:])
    room = _MAX_BUTTONS - sum(len(r) for r in message.buttons) - 1
    buttons = []
    for n, (sid, mode) in enumerate(modes[: max(0, room)], start=1):
        if mode == "taeglich":
            buttons.append(Button(BUTTON_TO_NOW.format(n=n), kb.data(kb.ABO, "vl", sid, "s")))
        else:
            buttons.append(Button(BUTTON_TO_DAILY.format(n=n), kb.data(kb.ABO, "vl", sid, "t")))
    rows = [tuple(buttons[k : k + 3]) for k in range(0, len(buttons), 3)]
    quiet_row = (
        (Button(BUTTON_QUIET_OFF, kb.data(kb.ABO, "qh", 0)),)
        if quiet is not None
        else (Button(BUTTON_QUIET_ON, kb.data(kb.ABO, "qh", 1)),)
    )
    notes = []
    daily = [f"{n}." for n, (_, mode) in enumerate(modes, start=1) if mode == "taeglich"]
    if daily:
        notes.append(DAILY_LINE.format(numbers=", ".join(daily)))
    if quiet is not None:
        notes.append(QUIET_LINE.format(start=quiet[0], end=quiet[1]))
    shown = with_notes(message, notes) if notes else message
    return RenderedMessage(shown.text, (*items, *rows, quiet_row, *switches))


async def volume_button(update: Update, context: Context, callback: kb.Callback) -> bool:
    """Handle a volume button; return True when /abos must be shown again (its switches)."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    assert chat is not None
    args = callback.args
    if callback.verb == "qh":
        on = args[:1] == ("1",)
        await set_quiet_hours(chat.id, *(QUIET_DEFAULT if on else (None, None)))
        await release_holds(chat.id, config_of(context.bot_data).clock())
        await answer(query, QUIET_ON if on else QUIET_OFF)
        return True
    if len(args) != 2 or args[1] not in _MODES:
        await answer(query)
        return False
    mode = _MODES[args[1]]
    ids = [int(i) for i in args[0].split(".") if i.isdigit()]
    changed = [sid for sid in ids if await set_delivery(chat.id, sid, mode)]
    if not changed:
        await answer(query, t.BUTTON_STALE)
        return False
    await release_holds(chat.id, config_of(context.bot_data).clock())
    await answer(query, SAID_DAILY if mode == "taeglich" else SAID_NOW)
    if callback.verb == "vl":
        return True
    await _mark_choice(query, {b.callback_data: b.label for b in choice_buttons(ids, mode)})
    return False


async def _mark_choice(query: CallbackQuery, labels: dict[str | None, str]) -> None:
    """Relabel the confirmation's choice buttons in one edit, keeping every other button."""
    markup = getattr(query.message, "reply_markup", None)
    if markup is None:
        return
    rows = [
        [
            InlineKeyboardButton(labels[b.callback_data], callback_data=b.callback_data)
            if b.callback_data in labels
            else b
            for b in row
        ]
        for row in markup.inline_keyboard
    ]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise
