"""Meeting alerts and the weekly preview (I/O): what to queue, and how to render it per chat.

`check_meetings(now)` runs every minute (JobQueue); `now` is a parameter so tests drive the clock.
It queues, idempotently through the outbox's unique key:

- ("meeting", id, "alert") once a plenary, or a meeting with an inquiry on its agenda, starts
  within `alert_hours`: for the chats that follow the meeting's whole Kommune or a faction there,
  and for those whose subscriptions match an inquiry on the agenda (a keyword-only subscriber is
  not woken for a meeting with nothing of theirs); never for chats that switched alerts off in
  /abos; also for a chat that subscribed after that moment, as long as the meeting has not
  started;
- ("meeting", id, "moved:<new>:<old>") when `start` differs from `announced_start` (the time the
  alerted chats were told), to the chats whose alert went out; then `announced_start` := `start`;
- ("meeting", id, "cancelled") to the chats whose alert went out; alerts still queued are skipped;
- ("weekly", YYYYWW, "weekly:YYYY-Www") on Monday from `weekly_hour` (Berlin time) to chats with
  the weekly preview on, when their Kommunes have meetings that week.

Rendering happens at send time (`render_meeting_row`, given to the delivery worker): the alert
lists the inquiries on the agenda (AgendaItem, Consultation, and — Leipzig — the inquiries whose
Beratungsfolge in Paper.consultations names this meeting's body and date), those that match the
chat's subscriptions first.
"""

from __future__ import annotations

import html
import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.messages import render, texts
from bot.messages.render import RenderedMessage
from bot.messages.views import answering_consultation, fk_id, meeting_view, paper_view
from bot.pipeline.matching import SubscriptionIndex, matching_chats
from bot.pipeline.notify import facts_of
from fetcher.clock import BERLIN
from storage import audience, meetings, outbox
from storage.outbox import OutboxItem, OutboxRow
from storage.subscriptions import SubscriptionRow, load_subscription_rows

if TYPE_CHECKING:
    from storage.models import Meeting, Paper

log = logging.getLogger(__name__)

MEETING_ALERT_HOURS = 24
WEEKLY_HOUR = 7  # Monday, 07:00 Berlin time
# Inquiries are listed for the Ratsversammlung that answers them within about a quarter year.
_INQUIRY_LOOKBACK = timedelta(days=120)
_STAMP = "%y%m%d%H%M"  # kind "moved:2503121800:2503111800" fits Notification.kind (30 chars)


def _utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_STAMP)


def moved_kind(new_start: datetime, old_start: datetime) -> str:
    """Return the outbox kind of a "verschoben" notice: one per (new, old) start."""
    return f"moved:{_utc_stamp(new_start)}:{_utc_stamp(old_start)}"


def previous_start(kind: str) -> datetime | None:
    """Return the old start encoded in a `moved_kind`, or None."""
    parts = kind.split(":")
    if len(parts) != 3 or parts[0] != "moved":
        return None
    try:
        return datetime.strptime(parts[2], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def iso_week(day: date) -> tuple[int, int]:
    """Return (ISO year, ISO week) of a day."""
    year, week, _ = day.isocalendar()
    return year, week


def week_bounds(year: int, week: int) -> tuple[datetime, datetime]:
    """Return Monday 00:00 and next Monday 00:00 (Berlin) of an ISO week, as aware datetimes."""
    monday = date.fromisocalendar(year, week, 1)
    start = datetime.combine(monday, time(0), BERLIN)
    return start, datetime.combine(monday + timedelta(days=7), time(0), BERLIN)


async def check_meetings(
    now: datetime, *, alert_hours: float = MEETING_ALERT_HOURS, weekly_hour: int = WEEKLY_HOUR
) -> int:
    """Queue due alerts, move and cancellation notices and weekly previews; return rows queued."""
    kommune_chats = await audience.kommune_chats()
    rows = await load_subscription_rows()
    index = SubscriptionIndex(rows)
    silenced = await audience.meeting_alerts_off()
    queued = 0
    # A subscription for every Kommune (a keyword) may care about any Kommune's meeting.
    kommunes = None if any(r.kommune_id is None for r in rows) else kommune_chats
    upcoming = await meetings.upcoming_meetings(kommunes, now, now + timedelta(hours=alert_hours))
    for meeting in upcoming:
        papers = await agenda_inquiries(meeting)
        if not (papers or is_plenary(meeting.name)):
            continue
        chats = alert_audience(rows, index, fk_id(meeting, "kommune"), papers) - silenced
        queued += await outbox.enqueue(OutboxItem(c, "meeting", meeting.id, "alert") for c in chats)
        if meeting.announced_start is None:
            await meetings.set_announced_start(meeting)
    queued += await _moved(now)
    queued += await _cancelled(now)
    queued += await _weekly(now, weekly_hour, kommune_chats)
    if queued:
        log.info("alerts: queued=%d", queued)
    return queued


async def _moved(now: datetime) -> int:
    candidates = await meetings.moved_meetings(now - timedelta(days=1))
    told = await audience.alerted_chats(m.id for m in candidates)
    queued = 0
    for meeting in candidates:
        assert meeting.start is not None
        assert meeting.announced_start is not None
        kind = moved_kind(meeting.start, meeting.announced_start)
        queued += await outbox.enqueue(
            OutboxItem(c, "meeting", meeting.id, kind) for c in told.get(meeting.id, ())
        )
        await meetings.set_announced_start(meeting)
    return queued


async def _cancelled(now: datetime) -> int:
    cancelled = await meetings.cancelled_meetings(now - timedelta(days=1))
    told = await audience.alerted_chats(m.id for m in cancelled)
    queued = 0
    for meeting in cancelled:
        await outbox.skip_pending(
            subject_type="meeting", subject_id=meeting.id, kind="alert", reason="meeting cancelled"
        )
        queued += await outbox.enqueue(
            OutboxItem(c, "meeting", meeting.id, "cancelled") for c in told.get(meeting.id, ())
        )
    return queued


async def _weekly(now: datetime, weekly_hour: int, kommune_chats: dict[int, set[int]]) -> int:
    local = now.astimezone(BERLIN)
    if local.weekday() != 0 or local.hour < weekly_hour:
        return 0
    year, week = iso_week(local.date())
    start, end = week_bounds(year, week)
    wanted = await audience.weekly_preview_chats()
    if not wanted:
        return 0
    with_meetings = await meetings.kommunes_meeting_between(kommune_chats, start, end)
    chats = {
        c for kommune, cs in kommune_chats.items() if kommune in with_meetings for c in cs
    } & wanted
    kind = f"weekly:{year}-W{week:02d}"
    return await outbox.enqueue(OutboxItem(c, "weekly", year * 100 + week, kind) for c in chats)


# ---------------------------------------------------------------------- rendering at send time


# Council plenaries (the meetings that answer inquiries); other committees alert only when an
# inquiry is on their agenda — a city has dozens of committee meetings a week.
_PLENARY = ("ratsversammlung", "gemeinderat", "stadtrat", "rat der stadt", "stadtverordneten",
            "kreistag", "bürgerschaft", "gemeindevertretung", "ratssitzung")  # fmt: skip


def alert_audience(
    rows: list[SubscriptionRow],
    index: SubscriptionIndex,
    kommune_id: int | None,
    agenda: list[Paper],
) -> set[int]:
    """Return the chats a meeting's alert is for.

    A chat that follows the whole Kommune or a faction there hears of every alerted meeting;
    a chat with keyword subscriptions only when an inquiry on the agenda matches one of them.
    """
    chats = {
        r.chat
        for r in rows
        if r.kommune_id == kommune_id and r.keyword is None and not r.paused and r.chat_active
    }
    for paper in agenda:
        chats |= set(matching_chats(index, facts_of(paper)))
    return chats


def is_plenary(meeting_name: str | None) -> bool:
    """Return True for a council plenary session (Ratsversammlung, Gemeinderat, …)."""
    name = (meeting_name or "").casefold()
    return any(word in name for word in _PLENARY)


def _same_body(committee: str, meeting_name: str) -> bool:
    a, b = " ".join(committee.casefold().split()), " ".join(meeting_name.casefold().split())
    return bool(a) and bool(b) and (a in b or b in a)


async def agenda_inquiries(meeting: Meeting) -> list[Paper]:
    """Return the visible inquiries on a meeting's agenda, in agenda order (Kommune loaded)."""
    ids = await meetings.agenda_paper_ids(meeting.id)
    if meeting.start is not None and meeting.name:
        # Leipzig (ALLRIS) links inquiries to the Ratsversammlung only in the PDF's Beratungsfolge.
        day = meeting.start.astimezone(BERLIN).date()
        candidates = await meetings.inquiries_dated(
            fk_id(meeting, "kommune"), day - _INQUIRY_LOOKBACK, day
        )
        for paper in candidates:
            treated = answering_consultation(paper.consultations)
            if treated and treated[1] == day and _same_body(treated[0], meeting.name):
                ids.append(paper.id)
    order = list(dict.fromkeys(ids))
    if not order:
        return []
    papers = await meetings.visible_inquiries(order)
    return [papers[i] for i in order if i in papers]


async def render_meeting_row(row: OutboxRow) -> RenderedMessage | None:
    """Render a meeting or weekly outbox row for its chat; None when there is nothing to say."""
    if row.subject_type == "weekly":
        return await _render_weekly(row)
    meeting = await meetings.meeting_with_kommune(row.subject_id)
    if meeting is None or meeting.deleted:
        return None
    view = meeting_view(meeting)
    if row.kind == "cancelled":
        return render.render_meeting_cancelled(view)
    if meeting.cancelled:
        return None
    if row.kind.startswith("moved:"):
        return render.render_meeting_moved(view, previous_start(row.kind))
    papers = await agenda_inquiries(meeting)
    index = SubscriptionIndex(await load_subscription_rows(chat_pk=row.chat))
    matching = {p.id for p in papers if matching_chats(index, facts_of(p))}
    return render.render_meeting_alert(view, [paper_view(p) for p in papers], matching)


async def _render_weekly(row: OutboxRow) -> RenderedMessage | None:
    year, week = divmod(row.subject_id, 100)
    start, end = week_bounds(year, week)
    kommunes = await audience.chat_kommunes(row.chat)
    of_the_week = await meetings.meetings_between(kommunes, start, end)
    if not of_the_week:
        return None
    lines = [f"<b>{html.escape(texts.WEEKLY_HEADLINE, quote=False)}</b>", ""]
    for meeting in of_the_week:
        view = meeting_view(meeting)
        # Reuse the alert's headline and time lines (the renderer escapes and formats them).
        head = render.render_meeting_alert(view, []).text.split("\n")[:2]
        if meeting.cancelled:
            head[0] = render.render_meeting_cancelled(view).text.split("\n")[0]
        lines += [*head, ""]
    text = "\n".join(lines).strip()
    while not render.fits(text) and len(lines) > 3:
        lines = lines[:-3]
        text = "\n".join(lines).strip()
    return RenderedMessage(text)
