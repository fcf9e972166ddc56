"""One subscription's page, opened by "Abo verwalten" under a push: its label, pause for a week
or resume, delete (then "Rückgängig"). Pure, no I/O; callback data in bot/messages/keyboards.py."""

from __future__ import annotations

import html
from datetime import datetime

from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages.render import Button, RenderedMessage
from bot.messages.replies import subscription_label
from fetcher.clock import BERLIN
from storage.subscription_details import SubscriptionInfo


def _label(sub: SubscriptionInfo) -> str:
    return subscription_label(sub.kommune_name, sub.faction, sub.keyword, sub.kind)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def subscription_page(sub: SubscriptionInfo, now: datetime, *, group: bool) -> RenderedMessage:
    """Return the page: the subscription, whether it is paused, and what can be done with it."""
    lines = [f"<b>{_esc(t.ABO_PAGE_TITLE.format(label=_label(sub)))}</b>", ""]
    if sub.muted(now):
        assert sub.muted_until is not None
        until = sub.muted_until.astimezone(BERLIN).strftime("%d.%m.%Y, %H:%M Uhr")
        lines.append(_esc(t.ABO_PAGE_MUTED.format(until=until)))
        toggle = Button(t.BUTTON_UNMUTE, kb.data(kb.ABO, "um", sub.id))
    else:
        lines.append(_esc(t.ABO_PAGE_ACTIVE))
        toggle = Button(t.BUTTON_MUTE, kb.data(kb.ABO, "mu", sub.id))
    if group:
        lines.append(_esc(t.ABO_PAGE_GROUP))
    rows = (
        (toggle,),
        (Button(t.BUTTON_DELETE_ONE, kb.data(kb.ABO, "D", sub.id)),),
        (Button(t.BUTTON_ALL_ABOS, kb.data(kb.ABO, "l")),),
    )
    return RenderedMessage("\n".join(lines), rows)


def deleted_page(sub: SubscriptionInfo, token: int) -> RenderedMessage:
    """Return the page after a delete: what is gone, with "Rückgängig" and the way to /abos."""
    text = _esc(t.ABO_DELETED_NAMED.format(label=_label(sub)))
    rows = (
        (Button(t.BUTTON_RESTORE, kb.data(kb.ABO, "r", token)),),
        (Button(t.BUTTON_ALL_ABOS, kb.data(kb.ABO, "l")),),
    )
    return RenderedMessage(text, rows)
