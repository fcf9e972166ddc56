"""Render meeting notices: the alert before a meeting with its inquiries, a moved or cancelled
meeting. Pure, no I/O (building blocks in bot/messages/message_parts.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from bot.messages import message_parts, texts
from bot.messages.message_parts import (
    CB_OPEN,
    Button,
    MeetingView,
    PaperView,
    RenderedMessage,
    callback_data,
)

# The building blocks under the short private names the renderers use.
_bold = message_parts.bold
_cap = message_parts.cap
_collapse = message_parts.collapse
_compact_item = message_parts.compact_item
_esc = message_parts.esc
_fmt = message_parts.fmt
_for_display = message_parts.for_display
_link = message_parts.link
_list_message = message_parts.list_message
_shorten = message_parts.shorten
_when = message_parts.when


def render_meeting_alert(
    meeting: MeetingView,
    inquiries: Sequence[PaperView],
    matching_first: Collection[int] = (),
) -> RenderedMessage:
    """Render an upcoming meeting with the inquiries on its agenda.

    `matching_first` holds the paper ids that match the chat's subscriptions; they are listed
    first under their own heading (and get a button each).
    """
    head = [
        _bold(texts.MEETING_ALERT_HEADLINE, name=meeting.name, kommune=meeting.kommune),
        _esc(_when(meeting.start)),
    ]
    if meeting.location:
        head.append(_fmt(texts.MEETING_LOCATION, location=_collapse(meeting.location)))
    matching = [p for p in inquiries if p.paper_id in matching_first]
    others = [p for p in inquiries if p.paper_id not in matching_first]
    if not inquiries:
        head += ["", _esc(texts.MEETING_NO_INQUIRIES)]
    items: list[str] = []
    sections = [
        (texts.MEETING_MATCHING, matching),
        (texts.MEETING_OTHER if matching else texts.MEETING_INQUIRIES, others),
    ]
    for heading, papers in sections:
        lines = [_compact_item(_for_display(p)) for p in papers]
        if lines:  # the heading travels with the section's first line, so counts stay right
            lines[0] = f"\n<b>{_esc(heading)}</b>\n{lines[0]}"
        items += lines
    tail = [_link(meeting.web_url, texts.LINK_MEETING)] if meeting.web_url else []
    text = _list_message([*head], items, tail=tail)
    rows = tuple(
        (Button(_shorten(p.title, 40), callback_data(CB_OPEN, p.paper_id)),)
        for p in (_for_display(p) for p in matching[:5])
    )
    return RenderedMessage(text, rows)


def render_meeting_moved(
    meeting: MeetingView,
    previous_start: dt.datetime | None,
    previous_location: str | None = None,
) -> RenderedMessage:
    """Render the notice that a meeting got a new time (and possibly a new place)."""
    lines = [
        _bold(texts.MEETING_MOVED_HEADLINE, name=meeting.name, kommune=meeting.kommune),
        _fmt(texts.MEETING_MOVED_NEW, when=_when(meeting.start)),
        _fmt(texts.MEETING_MOVED_OLD, when=_when(previous_start)),
    ]
    if meeting.location and meeting.location != previous_location and previous_location:
        lines.append(_fmt(texts.MEETING_MOVED_NEW_LOCATION, location=meeting.location))
    elif meeting.location:
        lines.append(_fmt(texts.MEETING_LOCATION, location=meeting.location))
    if meeting.web_url:
        lines += ["", _link(meeting.web_url, texts.LINK_MEETING)]
    return RenderedMessage(_cap("\n".join(lines)))


def render_meeting_cancelled(meeting: MeetingView) -> RenderedMessage:
    """Render the notice that a meeting was cancelled."""
    lines = [
        _bold(texts.MEETING_CANCELLED_HEADLINE, name=meeting.name, kommune=meeting.kommune),
        _fmt(texts.MEETING_CANCELLED_BODY, when=_when(meeting.start)),
    ]
    if meeting.web_url:
        lines += ["", _link(meeting.web_url, texts.LINK_MEETING)]
    return RenderedMessage(_cap("\n".join(lines)))
