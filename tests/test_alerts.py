"""Meeting alerts with a controllable clock, both backends: once per chat, moved, cancelled."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.pipeline.alerts import check_meetings, moved_kind, previous_start, render_meeting_row
from storage import outbox
from storage.models import AgendaItem, Chat, Kommune, Meeting, Notification, Paper
from storage.subscriptions import (
    add_subscription,
    get_or_create_chat,
    set_meeting_alerts,
    set_weekly_preview,
)

# Ratsversammlung Leipzig, Wednesday 14 June 2023, 14:00 Berlin (12:00 UTC) — the meeting that
# answers VII-F-08632 and VII-EF-08640 in the stadtratmonitor fixture.
START = datetime(2023, 6, 14, 12, 0, tzinfo=UTC)


async def _leipzig() -> tuple[Kommune, Meeting]:
    leipzig = await Kommune.create(
        oparl_id="https://leipzig.example/body/1", name="Leipzig", slug="leipzig"
    )
    meeting = await Meeting.create(
        oparl_id="https://leipzig.example/meeting/1",
        kommune=leipzig,
        name="Ratsversammlung",
        start=START,
        location="Neues Rathaus, Ratssaal",
    )
    return leipzig, meeting


async def _rows(kind: str | None = None) -> list[tuple[int, str, str]]:
    query = Notification.filter(subject_type="meeting")
    if kind:
        query = query.filter(kind=kind)
    rows = await query.select_related("chat").order_by("id")
    return [(r.chat.chat_id, r.kind, r.state) for r in rows]


async def test_alert_once_per_chat_at_alert_time(db_url: str) -> None:
    """Chats following the whole Kommune or a faction get one alert within 24 h, only once; a
    keyword subscriber with nothing on the agenda and other Kommunes' chats get none."""
    leipzig, _ = await _leipzig()
    bonn = await Kommune.create(oparl_id="https://bonn.example/body", name="Bonn", slug="bonn")
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    await add_subscription(1, leipzig.id, "Die Linke", None, "Anfrage")
    await add_subscription(2, leipzig.id, None, "Schule", "alle")  # nothing on the agenda
    await add_subscription(3, bonn.id, None, None, "Anfrage")
    await add_subscription(4, None, None, "Radverkehr", "alle")  # every Kommune: no match
    await add_subscription(5, leipzig.id, "Die Linke", None, "Anfrage")
    assert await check_meetings(START - timedelta(hours=25)) == 0
    assert await check_meetings(START - timedelta(hours=24)) == 2
    assert await check_meetings(START - timedelta(hours=23, minutes=59)) == 0
    assert await _rows() == [(1, "alert", "pending"), (5, "alert", "pending")]
    meeting = await Meeting.get(id=1)
    assert meeting.announced_start == START


async def test_keyword_subscribers_are_alerted_only_for_matching_inquiries(db_url: str) -> None:
    """A keyword subscriber hears of a meeting only when an agenda inquiry matches its keyword
    (also a keyword for every Kommune); a chat that switched alerts off hears nothing."""
    leipzig, meeting = await _leipzig()
    charging = await Paper.create(  # VII-F-08632 of the stadtratmonitor fixture
        oparl_id="https://leipzig.example/paper/08632",
        kommune=leipzig,
        title="Entwicklung von Elektrofahrzeugen in der Stadt",
        reference="VII-F-08632",
        kind="Anfrage",
        date=date(2023, 5, 9),
    )
    await AgendaItem.create(
        oparl_id="https://leipzig.example/agendaitem/1", meeting=meeting, paper=charging, order=1
    )
    await add_subscription(1, leipzig.id, None, "Schule", "alle")
    await add_subscription(2, leipzig.id, None, "Elektrofahrzeuge", "Anfrage")
    await add_subscription(3, None, None, "Elektrofahrzeug", "alle")
    await add_subscription(4, leipzig.id, None, None, "Anfrage")
    await add_subscription(5, leipzig.id, None, None, "Anfrage")
    await set_meeting_alerts(5, False)
    assert await check_meetings(START - timedelta(hours=1)) == 3
    assert [chat for chat, _, _ in await _rows()] == [2, 3, 4]


async def test_late_subscriber_gets_alert_until_start(db_url: str) -> None:
    """A chat subscribing after alert time gets the alert at the next check, not after start."""
    leipzig, _ = await _leipzig()
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    await check_meetings(START - timedelta(hours=20))
    await add_subscription(2, leipzig.id, None, None, "Antrag")
    assert await check_meetings(START - timedelta(minutes=5)) == 1
    await add_subscription(3, leipzig.id, None, None, "Anfrage")
    assert await check_meetings(START + timedelta(minutes=1)) == 0
    assert [chat for chat, _, _ in await _rows()] == [1, 2]


async def test_paused_and_inactive_chats_get_no_alert(db_url: str) -> None:
    """Deactivated chats (paused subscriptions) are not alerted."""
    leipzig, _ = await _leipzig()
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    await add_subscription(2, leipzig.id, None, None, "Anfrage")
    chat = await Chat.get(chat_id=2)
    await outbox.deactivate_chat(chat.id, "Forbidden: bot was blocked by the user")
    await check_meetings(START - timedelta(hours=1))
    assert [chat for chat, _, _ in await _rows()] == [1]


async def test_moved_meeting_notifies_alerted_chats_once_per_move(db_url: str) -> None:
    """After the alert went out, each move gives one "verschoben" notice; unsent alerts get none."""
    leipzig, meeting = await _leipzig()
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    await check_meetings(START - timedelta(hours=10))
    await Notification.filter(kind="alert").update(state="sent")
    await add_subscription(2, leipzig.id, None, None, "Anfrage")  # alert queued, not sent yet
    await check_meetings(START - timedelta(hours=9))
    moved_to = START + timedelta(hours=2)
    # The sync changes only the start (announced_start is the alerts' record).
    await Meeting.filter(id=meeting.id).update(start=moved_to)
    assert await check_meetings(START - timedelta(hours=8)) == 1
    assert await check_meetings(START - timedelta(hours=7)) == 0
    kind = moved_kind(moved_to, START)
    assert await _rows(kind) == [(1, kind, "pending")]
    assert previous_start(kind) == START
    assert len(kind) <= 30  # Notification.kind is varchar(30)
    await Meeting.filter(id=meeting.id).update(start=moved_to + timedelta(days=1))
    assert await check_meetings(START - timedelta(hours=6)) == 1
    assert (await Meeting.get(id=meeting.id)).announced_start == moved_to + timedelta(days=1)


async def test_cancelled_meeting_notifies_alerted_chats_and_drops_queued_alerts(
    db_url: str,
) -> None:
    """A cancellation goes to chats that got the alert; alerts not yet sent are skipped."""
    leipzig, meeting = await _leipzig()
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    await check_meetings(START - timedelta(hours=10))
    await Notification.filter(kind="alert").update(state="sent")
    await add_subscription(2, leipzig.id, None, None, "Anfrage")
    await check_meetings(START - timedelta(hours=9))
    await Meeting.filter(id=meeting.id).update(cancelled=True)
    assert await check_meetings(START - timedelta(hours=8)) == 1
    assert await check_meetings(START - timedelta(hours=7)) == 0
    assert await _rows() == [
        (1, "alert", "sent"),
        (2, "alert", "skipped"),
        (1, "cancelled", "pending"),
    ]


async def test_weekly_preview_on_monday_morning(db_url: str) -> None:
    """Chats with the weekly preview get one on Monday from 07:00 Berlin, once per week."""
    leipzig, _ = await _leipzig()
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    await add_subscription(2, leipzig.id, None, None, "Anfrage")
    await set_weekly_preview(1, True)
    monday_0630 = datetime(2023, 6, 12, 4, 30, tzinfo=UTC)  # 06:30 in Berlin (CEST)
    assert await check_meetings(monday_0630, alert_hours=1) == 0
    assert await check_meetings(monday_0630 + timedelta(hours=1), alert_hours=1) == 1
    assert await check_meetings(monday_0630 + timedelta(hours=3), alert_hours=1) == 0
    assert await check_meetings(monday_0630 + timedelta(days=1), alert_hours=1) == 0
    (row,) = await Notification.filter(subject_type="weekly").select_related("chat")
    assert (row.chat.chat_id, row.kind, row.subject_id) == (1, "weekly:2023-W24", 202324)
    due = await outbox.fetch_due(monday_0630 + timedelta(days=1))
    message = await render_meeting_row(next(r for r in due if r.subject_type == "weekly"))
    assert message is not None
    assert "Ratsversammlung" in message.text
    assert "Mittwoch, 14. Juni 2023, 14:00 Uhr" in message.text


async def test_alert_lists_agenda_inquiries_matching_first(db_url: str) -> None:
    """The alert shows the meeting and its inquiries, those matching the chat's subscriptions first.

    The papers are VII-F-08613 (Die Linke), VII-F-08632 and VII-EF-08640 from the stadtratmonitor
    fixture; the first is on the agenda via AgendaItem, the others only through their
    Beratungsfolge "Ratsversammlung 14.06.2023 … Beantwortung" (Leipzig's ALLRIS).
    """
    leipzig, meeting = await _leipzig()
    linke = await Paper.create(
        oparl_id="https://leipzig.example/paper/08613",
        kommune=leipzig,
        title="Anwendbarkeit des Tarifabschlusses TVöD auf freie Träger",
        reference="VII-F-08613",
        kind="Anfrage",
        factions=["Die Linke"],
        date=date(2023, 5, 2),
    )
    await AgendaItem.create(
        oparl_id="https://leipzig.example/agendaitem/1", meeting=meeting, paper=linke, order=3
    )
    charging = await Paper.create(
        oparl_id="https://leipzig.example/paper/08632",
        kommune=leipzig,
        title="Entwicklung von Elektrofahrzeugen in der Stadt",
        reference="VII-F-08632",
        kind="Anfrage",
        date=date(2023, 5, 9),
        consultations=[
            {"committee": "Ratsversammlung", "date": "2023-06-14", "role": "mündliche Beantwortung"}
        ],
    )
    await Paper.create(
        oparl_id="https://leipzig.example/paper/08640",
        kommune=leipzig,
        title="Drohnen statt Hubschrauber?",
        reference="VII-EF-08640",
        kind="Anfrage",
        citizen_inquiry=True,
        date=date(2023, 5, 9),
        consultations=[
            {
                "committee": "Ratsversammlung",
                "date": "2023-06-14",
                "role": "schriftliche Beantwortung",
            }
        ],
    )
    await Paper.create(  # another meeting's inquiry: not listed
        oparl_id="https://leipzig.example/paper/08507",
        kommune=leipzig,
        title="Innenhofbebauung Meusdorfer Straße 57",
        kind="Anfrage",
        date=date(2023, 4, 1),
        consultations=[
            {"committee": "Ratsversammlung", "date": "2023-05-17", "role": "Beantwortung"}
        ],
    )
    await add_subscription(1, leipzig.id, None, "Elektrofahrzeug", "Anfrage")
    await get_or_create_chat(1)
    await check_meetings(START - timedelta(hours=23))
    (row,) = await outbox.fetch_due(START)
    message = await render_meeting_row(row)
    assert message is not None
    text = message.text
    assert text.index("Ratsversammlung") < text.index("Passend zu Ihren Abos")
    assert "Neues Rathaus, Ratssaal" in text
    matching, others = text.split("Weitere Anfragen auf der Tagesordnung")
    assert "Elektrofahrzeugen" in matching
    assert "Tarifabschlusses" in others
    assert "Drohnen statt Hubschrauber" in others
    assert "Meusdorfer" not in text
    assert message.buttons[0][0].callback_data == f"open:{charging.id}"


async def test_committee_meeting_alerts_only_with_an_inquiry_on_its_agenda(db_url: str) -> None:
    """A committee meeting with no inquiry alerts nobody; with one on the agenda it does."""
    leipzig = await Kommune.create(
        oparl_id="https://leipzig.example/body/1", name="Leipzig", slug="leipzig"
    )
    committee = await Meeting.create(
        oparl_id="https://leipzig.example/meeting/7",
        kommune=leipzig,
        name="Umlegungsausschuss",
        start=START,
    )
    await add_subscription(1, leipzig.id, None, None, "Anfrage")
    assert await check_meetings(START - timedelta(hours=2)) == 0
    inquiry = await Paper.create(
        oparl_id="https://leipzig.example/paper/1",
        kommune=leipzig,
        title="Drohnen statt Hubschrauber?",
        reference="VII-EF-08640",
        kind="Anfrage",
        date=date(2023, 5, 9),
    )
    await AgendaItem.create(
        oparl_id="https://leipzig.example/agenda/1",
        meeting=committee,
        number="1",
        name="Anfrage",
        paper=inquiry,
    )
    assert await check_meetings(START - timedelta(hours=1)) == 1
