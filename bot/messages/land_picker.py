"""The Kommune picker by Land: "Nach Bundesland" → the Länder → that Land's Kommunen, alphabetical
and paged. Pure, no I/O; callback data in bot/messages/keyboards.py (`a:L`, `a:lp`)."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from bot.chat.abo_parse import KommuneRef
from bot.chat.kommune_lands import LANDS, LandCount
from bot.messages import chat_texts as t
from bot.messages import keyboards as kb
from bot.messages.render import Button, RenderedMessage
from bot.messages.replies import KOMMUNE_PAGE_SIZE


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def with_land_button(picker: RenderedMessage) -> RenderedMessage:
    """Return the alphabetical Kommune picker with "Nach Bundesland" above "Alle Kommunen"."""
    rows = list(picker.buttons)
    at = max(len(rows) - 2, 0)  # the last two rows: every Kommune (keyword), cancel
    rows.insert(at, (Button(t.BUTTON_BY_LAND, kb.data(kb.ABO, "L")),))
    return RenderedMessage(picker.text, tuple(rows))


def lands_picker(lands: Sequence[LandCount], unknown: int) -> RenderedMessage:
    """Return the Länder with their number of Kommunen, two per row, alphabetical."""
    buttons = [
        Button(
            t.BUTTON_LAND_COUNT.format(land=land.name, n=land.kommunen),
            kb.data(kb.ABO, "lp", land.code, 1),
        )
        for land in lands
    ]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append(
        (
            Button(t.BUTTON_ALPHABETICAL, kb.data(kb.ABO, "w")),
            Button(t.BUTTON_CANCEL, kb.data(kb.ABO, "x")),
        )
    )
    if not lands:
        return RenderedMessage(_esc(t.ABO_LAND_NONE), tuple(rows))
    note = t.ABO_LAND_SOURCE.format(n=unknown) if unknown else t.ABO_LAND_SOURCE_ALL
    text = f"<b>{_esc(t.ABO_CHOOSE_LAND)}</b>\n\n{_esc(note)}"
    return RenderedMessage(text, tuple(rows))


def land_kommunen_picker(code: str, kommunen: Sequence[KommuneRef], page: int) -> RenderedMessage:
    """Return one page of a Land's Kommunen (already in alphabetical order), two per row."""
    pages = max(1, math.ceil(len(kommunen) / KOMMUNE_PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = kommunen[(page - 1) * KOMMUNE_PAGE_SIZE : page * KOMMUNE_PAGE_SIZE]
    buttons = [Button(r.name[:30], kb.data(kb.ABO, "k", kb.kommune_key(r))) for r in shown]
    rows: list[tuple[Button, ...]] = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    paging = []
    if page > 1:
        paging.append(Button(t.BUTTON_PREVIOUS, kb.data(kb.ABO, "lp", code, page - 1)))
    if page < pages:
        paging.append(Button(t.BUTTON_MORE, kb.data(kb.ABO, "lp", code, page + 1)))
    if paging:
        rows.append(tuple(paging))
    rows.append(
        (
            Button(t.BUTTON_OTHER_LAND, kb.data(kb.ABO, "L")),
            Button(t.BUTTON_CANCEL, kb.data(kb.ABO, "x")),
        )
    )
    lines = [f"<b>{_esc(t.ABO_LAND_KOMMUNEN.format(land=LANDS.get(code, code)))}</b>"]
    if pages > 1:
        lines.append(_esc(t.ABO_PAGE.format(page=page, pages=pages)))
    return RenderedMessage("\n".join(lines), tuple(rows))
