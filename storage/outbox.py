"""The notification outbox (I/O): enqueue, claim, and record the outcome of each message.

Life of a row: pending → inflight (claimed right before the Telegram call) → sent | failed |
skipped; a transient error puts it back to pending with `next_attempt_at` in the future.
`failed` is only for permanent causes; a row older than the worker's maximum age is `skipped`.

A claim has an owner (`claimed_by`, the delivery worker's name) and an expiry (while a row is
in flight, `next_attempt_at` holds when the claim expires). Several workers may share the
outbox: a claim is one conditional UPDATE (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so workers
never wait for each other's rows), and only the rows it really changed belong to the caller.
A restarted worker re-queues its own claims (`requeue_own`); anyone re-queues claims that
expired (`requeue_expired`), so a crashed worker's rows come back after the expiry. Only rows
in flight at a crash can be sent twice.

A row can be held (volume control, bot/pipeline/volume.py): pending with `next_attempt_at` in the
future and no attempt yet (`attempts == 0`, which a retry never leaves: its claim counted one).
A daily-digest subscription's papers are queued held until 7:00, a chat's rows in its quiet hours
are held until they end; being in the database, a hold survives a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from tortoise.connection import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from storage.models import Chat, Notification, Subscription

PENDING, INFLIGHT, SENT, FAILED, SKIPPED = "pending", "inflight", "sent", "failed", "skipped"
STATES = (PENDING, INFLIGHT, SENT, FAILED, SKIPPED)
MAX_ERROR_CHARS = 1000
CLAIM_TTL = timedelta(minutes=5)  # well above the longest send (HTTP timeout) and any pause
_CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxItem:
    """One message to enqueue: to which chat (row id), about what, which kind."""

    chat: int
    subject_type: str
    subject_id: int
    kind: str
    not_before: datetime | None = None  # held until then (daily digest)


@dataclass(frozen=True)
class OutboxRow:
    """A due outbox row with what the sender needs about its chat."""

    id: int
    chat: int  # Chat row id
    chat_id: int  # Telegram chat id
    chat_type: str
    subject_type: str
    subject_id: int
    kind: str
    attempts: int
    created_at: datetime | None = None
    not_before: datetime | None = None  # pending: due from then on (a hold or a retry)
    quiet_hours: tuple[int, int] | None = None  # the chat's (start, end) hour, Europe/Berlin

    @property
    def is_group(self) -> bool:
        """Return whether the chat is a group (Telegram: negative ids; 20 messages a minute)."""
        return self.chat_id < 0

    @property
    def held(self) -> bool:
        """Return whether the row was held back (digest, quiet hours) rather than retried."""
        return self.attempts == 0 and self.not_before is not None


@dataclass(frozen=True)
class Backlog:
    """Outbox counters for `ratsbot status`."""

    by_state: dict[str, int]
    due: int
    oldest_pending: datetime | None


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


async def enqueue(items: Iterable[OutboxItem], now: datetime | None = None) -> int:
    """Queue messages, ignoring those already queued (any state); return how many are new.

    Insert-or-ignore on the unique (chat, subject_type, subject_id, kind): SQLite `INSERT OR
    IGNORE`, PostgreSQL `ON CONFLICT DO NOTHING` (both via tortoise's `ignore_conflicts`).
    """
    holds: dict[tuple[int, str, int, str], datetime | None] = {}
    for i in items:
        holds[(i.chat, i.subject_type, i.subject_id, i.kind)] = i.not_before
    wanted = set(holds)
    if not wanted:
        return 0
    # Count only rows that are really new: look up the existing ones per (subject, kind).
    existing: set[tuple[int, str, int, str]] = set()
    groups: dict[tuple[str, int, str], list[int]] = {}
    for chat, subject_type, subject_id, kind in wanted:
        groups.setdefault((subject_type, subject_id, kind), []).append(chat)
    for (subject_type, subject_id, kind), chats in groups.items():
        for chunk in _chunks(sorted(chats)):
            found = await Notification.filter(
                subject_type=subject_type, subject_id=subject_id, kind=kind, chat_id__in=chunk
            ).values_list("chat_id", flat=True)
            existing.update((c, subject_type, subject_id, kind) for c in cast(list[int], found))
    new = sorted(wanted - existing, key=lambda k: (k[1], k[2], k[3], k[0]))
    if not new:
        return 0
    rows = [
        Notification(
            chat_id=chat,
            subject_type=subject_type,
            subject_id=subject_id,
            kind=kind,
            next_attempt_at=holds[(chat, subject_type, subject_id, kind)],
            **({"created_at": now} if now else {}),
        )
        for chat, subject_type, subject_id, kind in new
    ]
    try:
        await Notification.bulk_create(rows, batch_size=_CHUNK, ignore_conflicts=True)
    except IntegrityError:
        # A chat was deleted (/stop, blocked bot) between choosing the audience and this
        # insert: its rows have no one to go to. Queue the others (rows already inserted by
        # an earlier batch are ignored as conflicts).
        alive = await _existing_chats({chat for chat, *_ in new})
        rows = [r for r, (chat, *_) in zip(rows, new, strict=True) if chat in alive]
        log.info("outbox: %d rows dropped, their chats are gone", len(new) - len(rows))
        await Notification.bulk_create(rows, batch_size=_CHUNK, ignore_conflicts=True)
    return len(rows)


async def _existing_chats(chat_ids: set[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(sorted(chat_ids)):
        found.update(cast(list[int], await Chat.filter(id__in=chunk).values_list("id", flat=True)))
    return found


async def enqueue_followups(paper_id: int) -> int:
    """Queue a "questions" follow-up to every chat that was sent this paper; count new rows."""
    chats = await Notification.filter(
        subject_type="paper", subject_id=paper_id, state=SENT
    ).values_list("chat_id", flat=True)
    return await enqueue(
        OutboxItem(int(c), "questions", paper_id, "followup")  # type: ignore[call-overload]
        for c in chats
    )


def _due(now: datetime) -> Q:
    return Q(state=PENDING) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


_ROW_FIELDS = (
    "id",
    "chat_id",
    "chat__chat_id",
    "chat__chat_type",
    "subject_type",
    "subject_id",
    "kind",
    "attempts",
    "created_at",
    "next_attempt_at",
    "chat__quiet_start_hour",
    "chat__quiet_end_hour",
)


def _rows(values: Iterable[Sequence[object]]) -> list[OutboxRow]:
    return [
        OutboxRow(
            id=int(v[0]),  # type: ignore[call-overload]
            chat=int(v[1]),  # type: ignore[call-overload]
            chat_id=int(v[2]),  # type: ignore[call-overload]
            chat_type=str(v[3]),
            subject_type=str(v[4]),
            subject_id=int(v[5]),  # type: ignore[call-overload]
            kind=str(v[6]),
            attempts=int(v[7]),  # type: ignore[call-overload]
            created_at=cast(datetime | None, v[8]),
            not_before=cast(datetime | None, v[9]),
            quiet_hours=(
                (int(v[10]), int(v[11]))  # type: ignore[call-overload]
                if v[10] is not None and v[11] is not None
                else None
            ),
        )
        for v in values
    ]


async def fetch_due(now: datetime, *, after_id: int = 0, limit: int = 200) -> list[OutboxRow]:
    """Return up to `limit` due pending rows of active chats with id > after_id, oldest first."""
    values = (
        await Notification.filter(_due(now), id__gt=after_id, chat__active=True)
        .order_by("id")
        .limit(limit)
        .values_list(*_ROW_FIELDS)
    )
    return _rows(values)


async def has_pending(now: datetime | None = None) -> bool:
    """Return whether any row of an active chat is pending (due or waiting for a retry).

    With `now`, rows held back beyond it (daily digest, quiet hours) do not count: they are
    not late, they wait for their time.
    """
    query = Notification.filter(state=PENDING, chat__active=True)
    if now is not None:
        query = query.filter(
            Q(attempts__gt=0) | Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )
    return await query.exists()


async def hold(row_ids: Sequence[int], until: datetime) -> None:
    """Hold pending rows back until `until` (a chat's quiet hours); a restart keeps the hold."""
    for chunk in _chunks(list(row_ids)):
        await Notification.filter(id__in=chunk, state=PENDING).update(next_attempt_at=until)


async def next_due_at() -> datetime | None:
    """Return the earliest `next_attempt_at` of pending rows waiting for a retry, if any."""
    row = (
        await Notification.filter(state=PENDING, next_attempt_at__isnull=False, chat__active=True)
        .order_by("next_attempt_at")
        .first()
        .values_list("next_attempt_at", flat=True)
    )
    return row  # type: ignore[return-value]


async def count_pending_papers(chat_pks: Iterable[int], now: datetime) -> dict[int, int]:
    """Return, per chat, how many due new-paper rows are pending (for coalescing into a digest)."""
    counts: dict[int, int] = {}
    for chunk in _chunks(sorted(set(chat_pks))):
        rows = (
            await Notification.filter(_due(now), subject_type="paper", chat_id__in=chunk)
            .annotate(n=Count("id"))
            .group_by("chat_id")
            .values_list("chat_id", "n")
        )
        counts.update({int(c): int(n) for c, n in rows})
    return counts


async def claim(
    ids: Sequence[int], now: datetime, *, owner: str = "", ttl: timedelta = CLAIM_TTL
) -> list[int]:
    """Mark pending rows as in flight for `owner` until now + ttl; return the ids it got.

    Rows another worker holds (or holds a lock on, on PostgreSQL) are left out, never waited for.
    """
    claimed: list[int] = []
    expires = now + ttl
    conn = connections.get("default")
    for chunk in _chunks(list(ids)):
        if conn.capabilities.dialect == "postgres":
            sql = (
                "UPDATE notification SET state = $1, next_attempt_at = $2, claimed_by = $3, "
                "attempts = attempts + 1 WHERE id IN (SELECT id FROM notification "
                "WHERE id = ANY($4::int[]) AND state = $5 FOR UPDATE SKIP LOCKED) RETURNING id"
            )
            values: list[object] = [INFLIGHT, expires, owner, list(chunk), PENDING]
        else:  # SQLite: one writer at a time; RETURNING names the rows this UPDATE changed
            marks = ", ".join("?" * len(chunk))
            sql = (
                "UPDATE notification SET state = ?, next_attempt_at = ?, claimed_by = ?, "
                f"attempts = attempts + 1 WHERE id IN ({marks}) AND state = ? RETURNING id"
            )
            at = Notification._meta.fields_map["next_attempt_at"].to_db_value(expires, Notification)
            values = [INFLIGHT, at, owner, *chunk, PENDING]
        claimed += [int(r["id"]) for r in await conn.execute_query_dict(sql, values)]
    return sorted(claimed)


async def claim_pending_papers(
    chat_pk: int, now: datetime, limit: int, *, owner: str = "", ttl: timedelta = CLAIM_TTL
) -> list[OutboxRow]:
    """Claim up to `limit` due new-paper rows of one chat, oldest first (for one digest)."""
    values = (
        await Notification.filter(_due(now), subject_type="paper", chat_id=chat_pk)
        .order_by("id")
        .limit(limit)
        .values_list(*_ROW_FIELDS)
    )
    rows = _rows(values)
    if not rows:
        return []
    got = set(await claim([r.id for r in rows], now, owner=owner, ttl=ttl))
    return [r for r in rows if r.id in got]


async def mark_sent(results: Sequence[tuple[int, int | None]], now: datetime) -> None:
    """Record sent rows: (row id, Telegram message id) pairs, in one transaction."""
    if not results:
        return
    async with in_transaction():
        by_message: dict[int | None, list[int]] = {}
        for row_id, message_id in results:
            by_message.setdefault(message_id, []).append(row_id)
        for message_id, row_ids in by_message.items():
            for chunk in _chunks(row_ids):
                await Notification.filter(id__in=chunk).update(
                    state=SENT, telegram_message_id=message_id, sent_at=now, last_error=None
                )


async def retry_later(row_ids: Sequence[int], at: datetime, error: str) -> None:
    """Put rows back to pending, to be tried again at `at` (a transient error)."""
    for chunk in _chunks(list(row_ids)):
        await Notification.filter(id__in=chunk).update(
            state=PENDING, next_attempt_at=at, claimed_by=None, last_error=error[:MAX_ERROR_CHARS]
        )


async def release(row_ids: Sequence[int]) -> None:
    """Put claimed rows that were never sent back to pending, due now (clean shutdown)."""
    for chunk in _chunks(list(row_ids)):
        await Notification.filter(id__in=chunk, state=INFLIGHT).update(
            state=PENDING, next_attempt_at=None, claimed_by=None, attempts=F("attempts") - 1
        )


async def mark_failed(row_ids: Sequence[int], error: str) -> None:
    """Give rows up for good (a permanent error such as a message Telegram refuses)."""
    for chunk in _chunks(list(row_ids)):
        await Notification.filter(id__in=chunk).update(
            state=FAILED, last_error=error[:MAX_ERROR_CHARS]
        )


async def mark_skipped(row_ids: Sequence[int], reason: str) -> None:
    """Mark rows as not to be sent (subject hidden or gone, superseded)."""
    for chunk in _chunks(list(row_ids)):
        await Notification.filter(id__in=chunk).update(
            state=SKIPPED, last_error=reason[:MAX_ERROR_CHARS]
        )


async def skip_pending(
    *, chat: int | None = None, subject_type: str, subject_id: int, kind: str, reason: str
) -> int:
    """Skip pending rows about one subject (optionally of one chat); return how many."""
    query = Notification.filter(
        state=PENDING, subject_type=subject_type, subject_id=subject_id, kind=kind
    )
    if chat is not None:
        query = query.filter(chat_id=chat)
    return await query.update(state=SKIPPED, last_error=reason[:MAX_ERROR_CHARS])


async def requeue_own(owner: str) -> int:
    """Return every row `owner` left in flight to pending (its restart); count them."""
    return await Notification.filter(state=INFLIGHT, claimed_by=owner).update(
        state=PENDING, next_attempt_at=None, claimed_by=None
    )


async def requeue_expired(now: datetime) -> int:
    """Return rows whose claim expired (any owner: a crashed worker) to pending; count them."""
    return await Notification.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=now), state=INFLIGHT
    ).update(state=PENDING, next_attempt_at=None, claimed_by=None)


async def expire_old(created_before: datetime) -> int:
    """Skip pending rows queued before the cutoff (no longer worth sending); count them."""
    return await Notification.filter(state=PENDING, created_at__lt=created_before).update(
        state=SKIPPED, last_error="expired: not deliverable within the maximum age"
    )


async def deactivate_chat(chat_pk: int, reason: str) -> int:
    """Stop writing to a chat (blocked, kicked, deleted): pause its subscriptions, skip its queue.

    Returns the number of pending rows skipped. `get_or_create_chat` undoes it when the user
    talks to the bot again.
    """
    async with in_transaction():
        await Chat.filter(id=chat_pk).update(active=False, deactivated_reason=reason[:300])
        await Subscription.filter(chat_id=chat_pk).update(paused=True)
        return await Notification.filter(chat_id=chat_pk, state=PENDING).update(
            state=SKIPPED, last_error=f"chat deactivated: {reason}"[:MAX_ERROR_CHARS]
        )


async def migrate_chat(chat_pk: int, new_chat_id: int) -> None:
    """Follow a group that became a supergroup: its new Telegram chat id."""
    await Chat.filter(id=chat_pk).update(chat_id=new_chat_id, chat_type="supergroup")


async def backlog(now: datetime) -> Backlog:
    """Return row counts per state, how many pending rows are due, and the oldest pending row."""
    counts = dict.fromkeys(STATES, 0)
    rows = await Notification.annotate(n=Count("id")).group_by("state").values_list("state", "n")
    counts.update({str(state): int(n) for state, n in rows})
    due = await Notification.filter(_due(now), chat__active=True).count()
    oldest = (
        await Notification.filter(state=PENDING)
        .order_by("created_at")
        .first()
        .values_list("created_at", flat=True)
    )
    return Backlog(by_state=counts, due=due, oldest_pending=oldest)  # type: ignore[arg-type]
