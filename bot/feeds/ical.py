"""Render an iCalendar file of meetings (RFC 5545). Pure, no I/O.

Conventions: CRLF line ends, lines folded at 75 octets, TEXT values escaped (backslash, comma,
semicolon, newline), times in UTC ("…Z"), a stable UID per meeting, DTSTAMP on every event,
STATUS:CANCELLED for a cancelled meeting so calendars drop it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storage.feeds import FeedMeeting

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Ratsbot//Ratsbot Sitzungen//DE"
DEFAULT_DURATION = dt.timedelta(hours=2)
AGENDA_TITLE = "Anfragen auf der Tagesordnung:"
UNNAMED = "Sitzung"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of ≤ 75 octets (RFC 5545 §3.1), never inside a character."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _description(meeting: FeedMeeting) -> str:
    lines = []
    if meeting.inquiries:
        lines.append(AGENDA_TITLE)
        for inquiry in meeting.inquiries:
            ref = f"{inquiry.reference}: " if inquiry.reference else ""
            lines.append(f"- {ref}{inquiry.title}")
    if meeting.web_url:
        lines.append(meeting.web_url)
    return "\n".join(lines)


def render_ical(
    *,
    name: str,
    kommune: str,
    meetings: Sequence[FeedMeeting],
    generated_at: dt.datetime,
    uid_host: str,
) -> bytes:
    """Return the calendar (UTF-8) with one VEVENT per meeting."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Europe/Berlin",
    ]
    for meeting in meetings:
        end = meeting.end if meeting.end and meeting.end > meeting.start else None
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.meeting_id}@{uid_host}",
            f"DTSTAMP:{_utc(generated_at)}",
            f"DTSTART:{_utc(meeting.start)}",
            f"DTEND:{_utc(end or meeting.start + DEFAULT_DURATION)}",
            f"SUMMARY:{escape_text(f'{meeting.name or UNNAMED} ({kommune})')}",
        ]
        if meeting.location:
            lines.append(f"LOCATION:{escape_text(meeting.location)}")
        description = _description(meeting)
        if description:
            lines.append(f"DESCRIPTION:{escape_text(description)}")
        if meeting.web_url:
            lines.append(f"URL:{meeting.web_url}")
        lines.append(f"STATUS:{'CANCELLED' if meeting.cancelled else 'CONFIRMED'}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
