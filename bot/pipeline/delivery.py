"""The delivery worker (I/O): sends outbox rows to Telegram within its flood limits.

One long-lived task (`DeliveryWorker.run`) per database. It reads due rows in id order in
batches, keeps one queue per chat (a chat's messages go out in order) and sends each row:

- claimed (in flight) in small batches right before the call, recorded as sent after it, so a
  `kill -9` can only repeat rows that were in flight (`storage.outbox.requeue_inflight` at start);
- global rate ≤ `rate_per_s` (token bucket), ≤ 1 message per `private_interval_s` to one private
  chat, ≤ `group_per_window` per `group_window_s` to a group (Telegram: ~30/s overall, 1/s per
  chat, 20/min per group; /work/shared/TELEGRAM-NOTES.md §2.2) — a chat waiting for its slot
  never holds up the others;
- `RetryAfter` pauses all sending for the time Telegram asks; timeouts, network errors and 5xx
  are retried with exponential backoff and jitter, up to `max_attempts`; `Forbidden` (and "chat
  not found") deactivate the chat and pause its subscriptions; any other `BadRequest` fails only
  that row (logged with its paper);
- a chat with more than `coalesce_over` pending new papers gets one digest ("12 neue Anfragen in
  Leipzig") and all those rows are marked sent with the digest's message id.

Messages are rendered at send time from the database, once per subject for a fan-out.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import random
import time
import warnings
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.warnings import PTBDeprecationWarning

from bot.messages import render
from bot.messages.render import RenderedMessage
from bot.messages.views import answer_view, fk_id, paper_view
from bot.pipeline.asked_before import add_asked_before
from storage import outbox
from storage.models import Paper
from storage.outbox import OutboxRow

if TYPE_CHECKING:
    import telegram

log = logging.getLogger(__name__)

# BadRequest descriptions that mean "this chat is gone for good" (AllrisBot's list, lower case).
_CHAT_GONE = (
    "chat not found",
    "chat_write_forbidden",
    "have no rights to send",
    "not enough rights",
    "need administrator rights",
    "bot is not a member",
    "topic_closed",
    "user is deactivated",
    "group chat was deleted",
)
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class SentMessage(Protocol):
    """What the worker reads from a sent message."""

    @property
    def message_id(self) -> int: ...


class Sender(Protocol):
    """The one Bot API call the worker makes; `telegram.Bot` satisfies it."""

    async def send_message(
        self,
        chat_id: int | str,
        text: str,
        parse_mode: str | None = None,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
        link_preview_options: LinkPreviewOptions | None = None,
    ) -> SentMessage: ...


if TYPE_CHECKING:

    def _bot_is_a_sender(bot: telegram.Bot) -> Sender:
        return bot


MeetingRenderer = Callable[[OutboxRow], Awaitable[RenderedMessage | None]]
"""Renders a meeting/weekly row for its chat (alerts.render_meeting_row); None = skip it."""


@dataclass(frozen=True)
class DeliveryConfig:
    """Limits and retry policy of the worker."""

    rate_per_s: float = 25.0
    burst: int = 5
    private_interval_s: float = 1.1  # a little over Telegram's 1/s, for clock skew on the way
    group_per_window: int = 20
    group_window_s: float = 61.0
    coalesce_over: int = 3
    digest_max: int = 50
    batch_size: int = 500
    max_concurrency: int = 32
    max_attempts: int = 8
    backoff_base_s: float = 2.0
    backoff_max_s: float = 300.0
    poll_interval_s: float = 1.0
    flush_interval_s: float = 0.1
    shutdown_grace_s: float = 2.0


def _utcnow() -> datetime:
    return datetime.now(UTC)


def retry_after_s(exc: RetryAfter) -> float:
    """Return the seconds Telegram asks to wait (PTB 22 warns when reading it as int)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def to_markup(message: RenderedMessage) -> InlineKeyboardMarkup | None:
    """Return the inline keyboard of a rendered message (None without buttons)."""
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.callback_data)
                for b in row
            ]
            for row in message.buttons
        ]
    )


class TokenBucket:
    """Global pacing: `rate_per_s` on average, bursts of `burst`, and pauses (RetryAfter)."""

    def __init__(
        self, rate_per_s: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Start full."""
        self._rate = rate_per_s
        self._capacity = float(max(1, burst))
        self._tokens = self._capacity
        self._clock = clock
        self._updated = clock()
        self.paused_until = 0.0

    def _refill(self, now: float) -> None:
        if now > self._updated:
            self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self._rate)
            self._updated = now

    def reserve(self) -> float:
        """Take a token; return how long to wait before using it."""
        now = self._clock()
        self._refill(now)
        self._tokens -= 1.0
        start = max(now, self._updated)
        return start - now + max(0.0, -self._tokens) / self._rate

    def pause(self, seconds: float) -> None:
        """Stop handing out tokens for `seconds` (no credit builds up meanwhile)."""
        until = self._clock() + seconds
        if until > self.paused_until:
            self.paused_until = until
            self._tokens = min(self._tokens, 0.0)
            self._updated = max(self._updated, until)

    async def acquire(self) -> None:
        """Wait for a token (and for any pause to end)."""
        delay = self.reserve()
        while True:
            await asyncio.sleep(delay)
            # A RetryAfter may have paused everything while we slept.
            delay = self.paused_until - self._clock()
            if delay <= 0:
                return


class ChatPacer:
    """Per-chat pacing: spacing for private chats, a sliding window for groups."""

    def __init__(self, config: DeliveryConfig) -> None:
        """Remember the limits."""
        self._config = config
        self._last: dict[int, float] = {}
        self._window: dict[int, deque[float]] = {}

    def next_time(self, chat: int, is_group: bool, now: float) -> float:
        """Return the earliest monotonic time the chat may get its next message."""
        c = self._config
        earliest = self._last.get(chat, -1e9) + (1.0 if is_group else c.private_interval_s)
        if is_group:
            window = self._window.get(chat)
            if window:
                while window and window[0] <= now - c.group_window_s:
                    window.popleft()
                if len(window) >= c.group_per_window:
                    earliest = max(earliest, window[0] + c.group_window_s)
        return max(now, earliest)

    def record(self, chat: int, is_group: bool, at: float) -> None:
        """Note that a message to the chat starts now."""
        self._last[chat] = at
        if is_group:
            self._window.setdefault(chat, deque()).append(at)

    def hold(self, chat: int, until: float) -> None:
        """Keep the chat waiting until `until` (after a RetryAfter)."""
        self._last[chat] = max(self._last.get(chat, -1e9), until - self._config.private_interval_s)


@dataclass
class _Job:
    chat: int
    chat_id: int
    first_id: int
    rows: list[OutboxRow] = field(default_factory=list)
    digest: bool = False
    claimed: bool = False  # its rows are in flight (a job put back after RetryAfter)

    @property
    def is_group(self) -> bool:
        return self.chat_id < 0


@dataclass
class DeliveryStats:
    """Counters since the worker started (for logs, status and the benchmark)."""

    sent: int = 0
    digests: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0
    rate_limited: int = 0
    deactivated: int = 0


class DeliveryWorker:
    """Sends due outbox rows; `run()` forever, `run_once()`/`drain()` for tests and the demo."""

    def __init__(
        self,
        sender: Sender,
        config: DeliveryConfig | None = None,
        *,
        render_meeting: MeetingRenderer | None = None,
        now: Callable[[], datetime] = _utcnow,
        rng: random.Random | None = None,
    ) -> None:
        """Configure; `render_meeting` renders meeting and weekly rows (bot.pipeline.alerts)."""
        self._sender = sender
        self.config = config or DeliveryConfig()
        self._render_meeting = render_meeting
        self._now = now
        self._rng = rng or random.Random()
        self._bucket = TokenBucket(self.config.rate_per_s, self.config.burst)
        self._pacer = ChatPacer(self.config)
        self._sem = asyncio.Semaphore(self.config.max_concurrency)
        self._wake = asyncio.Event()
        self.stats = DeliveryStats()
        self._queues: dict[int, deque[_Job]] = {}
        self._known: set[int] = set()
        self._ready: list[tuple[int, int]] = []
        self._timers: list[tuple[float, int]] = []
        self._scheduled: set[int] = set()
        self._busy: set[int] = set()
        self._blocked_until: dict[int, float] = {}
        self._digest_chats: set[int] = set()
        self._cursor = 0
        self._scan_done_at: float | None = None
        self._results: list[tuple[int, int | None]] = []
        self._last_flush = time.monotonic()
        self._tasks: set[asyncio.Task[None]] = set()
        self._claimed_unsent: dict[int, _Job] = {}
        self._cache: OrderedDict[tuple[str, int], RenderedMessage | None] = OrderedDict()
        self._fatal: BaseException | None = None

    # ------------------------------------------------------------------ public API

    def wake(self) -> None:
        """Look for new rows now instead of at the next poll (call after enqueueing)."""
        self._wake.set()

    async def recover(self, stale_after: timedelta = timedelta(0)) -> int:
        """Return rows a crashed worker left in flight to pending; call once at start-up."""
        count = await outbox.requeue_inflight(self._now() - stale_after)
        if count:
            log.warning(
                "delivery: %d rows were in flight at the last stop; sending them again", count
            )
        return count

    async def run(self) -> None:
        """Send until cancelled; on cancellation finish or hand back in-flight work in seconds."""
        await self._loop(until_idle=False, deadline=None)

    async def run_once(self) -> int:
        """Send the rows that are due now (one scan); return how many rows were handled."""
        before = self._handled()
        await self._loop(until_idle=True, deadline=None, one_scan=True)
        return self._handled() - before

    async def drain(self, timeout_s: float = 60.0) -> int:
        """Send until no row is pending (waiting for retries); return how many were handled."""
        before = self._handled()
        await self._loop(until_idle=True, deadline=time.monotonic() + timeout_s)
        return self._handled() - before

    # ------------------------------------------------------------------ the loop

    def _handled(self) -> int:
        s = self.stats
        return s.sent + s.failed + s.skipped

    async def _loop(
        self, *, until_idle: bool, deadline: float | None, one_scan: bool = False
    ) -> None:
        self._cursor = 0
        self._scan_done_at = None
        scans = 0
        try:
            while self._fatal is None:
                if deadline is not None and time.monotonic() > deadline:
                    raise TimeoutError("delivery did not drain in time")
                if not (one_scan and scans > 0):
                    scans += await self._refill()
                await self._flush(force=False)
                jobs = self._pick(time.monotonic())
                if jobs:
                    await self._dispatch(jobs)
                    continue
                if until_idle and await self._idle(one_scan and scans > 0):
                    break
                await self._sleep(self._next_wakeup(until_idle))
            if self._fatal is not None:
                raise self._fatal
        finally:
            await self._shutdown()

    async def _idle(self, scanned: bool) -> bool:
        if self._tasks or self._queues or self._claimed_unsent:
            return False
        if self._cursor != 0 or self._scan_done_at is None:
            return False  # mid-scan
        if scanned:
            return True
        return not await outbox.has_pending()

    def _next_wakeup(self, until_idle: bool) -> float:
        now = time.monotonic()
        waits = [self.config.poll_interval_s]
        if self._timers:
            waits.append(self._timers[0][0] - now)
        if self._results:
            waits.append(self.config.flush_interval_s)
        if until_idle and self._scan_done_at is not None:
            waits.append(self._scan_done_at + self.config.poll_interval_s - now)
        return max(0.001, min(waits))

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    # ------------------------------------------------------------------ reading rows

    async def _refill(self) -> int:
        """Fetch the next batch if the queues run low; return 1 when a scan completed."""
        c = self.config
        if len(self._known) >= 4 * c.batch_size or len(self._ready) >= c.batch_size // 4:
            return 0
        if (
            self._cursor == 0
            and self._scan_done_at is not None
            and not self._wake.is_set()
            and time.monotonic() - self._scan_done_at < c.poll_interval_s
        ):
            return 0
        self._wake.clear()
        if self._cursor == 0:
            self._cache.clear()  # a new scan: papers may have changed (hidden, answered)
        rows = await outbox.fetch_due(self._now(), after_id=self._cursor, limit=c.batch_size)
        if len(rows) < c.batch_size:
            self._cursor = 0
            self._scan_done_at = time.monotonic()
            done = 1
        else:
            self._cursor = rows[-1].id
            done = 0
        await self._ingest(rows)
        return done

    async def _ingest(self, rows: Sequence[OutboxRow]) -> None:
        now = time.monotonic()
        accepted = [
            r
            for r in rows
            if r.id not in self._known
            and self._blocked_until.get(r.chat, 0.0) <= now
            and not (r.subject_type == "paper" and r.chat in self._digest_chats)
        ]
        digest_for: set[int] = set()
        paper_chats = {r.chat for r in accepted if r.subject_type == "paper"}
        if paper_chats and self.config.coalesce_over > 0:
            counts = await outbox.count_pending_papers(paper_chats, self._now())
            digest_for = {chat for chat, n in counts.items() if n > self.config.coalesce_over}
        for row in accepted:
            if row.subject_type == "paper" and row.chat in digest_for:
                if row.chat not in self._digest_chats:
                    self._start_digest(row)
                continue
            self._known.add(row.id)
            self._queues.setdefault(row.chat, deque()).append(
                _Job(row.chat, row.chat_id, row.id, [row])
            )
            self._schedule(row.chat, now)
        await self._prefetch([r for r in accepted if r.id in self._known])

    def _start_digest(self, row: OutboxRow) -> None:
        """Replace the chat's queued single paper messages by one digest job."""
        queue = self._queues.setdefault(row.chat, deque())
        kept: deque[_Job] = deque()
        for job in queue:
            if not job.digest and job.rows[0].subject_type == "paper":
                self._known.discard(job.rows[0].id)
            else:
                kept.append(job)
        kept.append(_Job(row.chat, row.chat_id, row.id, digest=True))
        self._queues[row.chat] = deque(sorted(kept, key=lambda j: j.first_id))
        self._digest_chats.add(row.chat)
        self._schedule(row.chat, time.monotonic())

    # ------------------------------------------------------------------ scheduling

    def _schedule(self, chat: int, now: float) -> None:
        if chat in self._scheduled or chat in self._busy:
            return
        queue = self._queues.get(chat)
        if not queue:
            return
        at = self._pacer.next_time(chat, queue[0].is_group, now)
        blocked = self._blocked_until.get(chat, 0.0)
        at = max(at, blocked)
        self._scheduled.add(chat)
        if at <= now:
            heapq.heappush(self._ready, (queue[0].first_id, chat))
        else:
            heapq.heappush(self._timers, (at, chat))

    def _pick(self, now: float) -> list[_Job]:
        """Pop up to a fraction of a second's worth of jobs whose chats may receive now."""
        while self._timers and self._timers[0][0] <= now:
            _, chat = heapq.heappop(self._timers)
            queue = self._queues.get(chat)
            if queue:
                heapq.heappush(self._ready, (queue[0].first_id, chat))
            else:
                self._scheduled.discard(chat)
        want = max(1, min(self.config.max_concurrency, round(self.config.rate_per_s * 0.2)))
        jobs: list[_Job] = []
        while self._ready and len(jobs) < want:
            _, chat = heapq.heappop(self._ready)
            self._scheduled.discard(chat)
            queue = self._queues.get(chat)
            if not queue or chat in self._busy:
                continue
            job = queue.popleft()
            if not queue:
                del self._queues[chat]
            self._busy.add(chat)
            jobs.append(job)
        return jobs

    def _done(self, job: _Job) -> None:
        self._busy.discard(job.chat)
        self._schedule(job.chat, time.monotonic())

    def _drop_queue(self, chat: int) -> None:
        """Forget a chat's queued (unclaimed) jobs; they stay pending in the database."""
        for job in self._queues.pop(chat, deque()):
            for row in job.rows:
                self._known.discard(row.id)
        self._digest_chats.discard(chat)

    # ------------------------------------------------------------------ sending

    async def _dispatch(self, jobs: list[_Job]) -> None:
        singles = [r.id for job in jobs if not (job.digest or job.claimed) for r in job.rows]
        if singles:
            await outbox.claim(singles, self._now())
        for job in jobs:
            self._claimed_unsent[job.first_id] = job
        for job in jobs:
            if job.digest and not job.claimed:
                self._digest_chats.discard(job.chat)
                job.rows = await outbox.claim_pending_papers(
                    job.chat, self._now(), self.config.digest_max
                )
                self._known.update(r.id for r in job.rows)
                if not job.rows:
                    del self._claimed_unsent[job.first_id]
                    self._done(job)
                    continue
            await self._bucket.acquire()
            await self._sem.acquire()
            del self._claimed_unsent[job.first_id]
            job.claimed = True
            task = asyncio.create_task(self._send(job))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, job: _Job) -> None:
        try:
            await self._deliver(job)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in rendering or the database: fail this row only
            log.exception("delivery: unexpected error for rows %s", [r.id for r in job.rows])
            await self._fail(job, f"{type(exc).__name__}: {exc}")
        finally:
            self._sem.release()
            self._done(job)

    async def _deliver(self, job: _Job) -> None:
        message, skipped = await self._message(job)
        if skipped:
            await outbox.mark_skipped([r.id for r in skipped], "subject hidden or gone")
            self.stats.skipped += len(skipped)
            self._forget(skipped)
        if message is None:
            job.rows = [r for r in job.rows if r not in skipped]
            if job.rows:
                await outbox.mark_skipped([r.id for r in job.rows], "nothing to send")
                self.stats.skipped += len(job.rows)
                self._forget(job.rows)
            return
        job.rows = [r for r in job.rows if r not in skipped]
        self._pacer.record(job.chat, job.is_group, time.monotonic())
        try:
            sent = await self._sender.send_message(
                job.chat_id,
                message.text,
                "HTML",
                reply_markup=to_markup(message),
                link_preview_options=_NO_PREVIEW,
            )
        except RetryAfter as exc:
            await self._rate_limited(job, retry_after_s(exc))
        except ChatMigrated as exc:
            await self._migrated(job, int(exc.new_chat_id))
        except Forbidden as exc:
            await self._chat_gone(job, exc.message)
        except BadRequest as exc:
            if any(s in exc.message.lower() for s in _CHAT_GONE):
                await self._chat_gone(job, exc.message)
            else:
                subjects = sorted({(r.subject_type, r.subject_id) for r in job.rows})
                log.warning(
                    "delivery: Telegram refused %s for chat %s: %s", subjects, job.chat, exc.message
                )
                await self._fail(job, f"BadRequest: {exc.message}")
        except InvalidToken as exc:
            self._fatal = exc
            await outbox.release([r.id for r in job.rows])
            self._forget(job.rows)
        except NetworkError as exc:  # TimedOut, connection errors, 5xx
            await self._retry(job, f"{type(exc).__name__}: {exc.message}")
        else:
            self._results.extend((r.id, sent.message_id) for r in job.rows)
            self.stats.sent += len(job.rows)
            if job.digest:
                self.stats.digests += 1

    def _forget(self, rows: Sequence[OutboxRow]) -> None:
        for row in rows:
            self._known.discard(row.id)

    async def _fail(self, job: _Job, error: str) -> None:
        await outbox.mark_failed([r.id for r in job.rows], error)
        self.stats.failed += len(job.rows)
        self._forget(job.rows)

    async def _rate_limited(self, job: _Job, seconds: float) -> None:
        log.warning("delivery: Telegram asks to wait %.0f s (flood control)", seconds)
        self.stats.rate_limited += 1
        self._bucket.pause(seconds)
        self._pacer.hold(job.chat, time.monotonic() + seconds)
        # Back to the head of its chat's queue; the rows stay in flight meanwhile.
        self._queues.setdefault(job.chat, deque()).appendleft(job)

    async def _migrated(self, job: _Job, new_chat_id: int) -> None:
        await outbox.migrate_chat(job.chat, new_chat_id)
        job.chat_id = new_chat_id
        for queued in self._queues.get(job.chat, ()):
            queued.chat_id = new_chat_id
        self._queues.setdefault(job.chat, deque()).appendleft(job)

    async def _chat_gone(self, job: _Job, reason: str) -> None:
        log.info("delivery: chat %s deactivated: %s", job.chat, reason)
        self._drop_queue(job.chat)
        skipped = await outbox.deactivate_chat(job.chat, reason)
        await self._fail(job, f"Forbidden: {reason}")
        self.stats.deactivated += 1
        self.stats.skipped += skipped

    async def _retry(self, job: _Job, error: str) -> None:
        attempts = max(r.attempts for r in job.rows) + 1  # the claim counted this attempt
        if attempts >= self.config.max_attempts:
            log.warning("delivery: giving up on rows %s: %s", [r.id for r in job.rows], error)
            await self._fail(job, error)
            return
        delay = min(self.config.backoff_max_s, self.config.backoff_base_s * 2 ** (attempts - 1))
        delay *= self._rng.uniform(0.8, 1.2)
        at = self._now() + timedelta(seconds=delay)
        for row in job.rows:
            await outbox.retry_later(row.id, at, error)
        self.stats.retried += len(job.rows)
        self._forget(job.rows)
        # Keep the chat's order: its later rows wait until this one is due again.
        self._drop_queue(job.chat)
        self._blocked_until[job.chat] = time.monotonic() + delay

    # ------------------------------------------------------------------ rendering

    async def _prefetch(self, rows: Sequence[OutboxRow]) -> None:
        """Load and render the papers and answers of a batch in two queries (cached per subject)."""
        wanted = {
            (r.subject_type, r.subject_id)
            for r in rows
            if r.subject_type in ("paper", "answer")
            and (r.subject_type, r.subject_id) not in self._cache
        }
        if not wanted:
            return
        ids = sorted({subject_id for _, subject_id in wanted})
        papers = {p.id: p for p in await Paper.filter(id__in=ids).select_related("kommune")}
        inquiry_ids = {
            i for p in papers.values() if (i := fk_id(p, "answer_to")) is not None
        } - papers.keys()
        if inquiry_ids:
            extra = await Paper.filter(id__in=sorted(inquiry_ids)).select_related("kommune")
            papers.update({p.id: p for p in extra})
        for subject_type, subject_id in wanted:
            message = _render_subject(subject_type, subject_id, papers)
            paper = papers.get(subject_id)
            if message is not None and paper is not None and subject_type == "paper":
                # "Schon gefragt": earlier inquiries on the topic (bot/pipeline/asked_before.py)
                message = await add_asked_before(subject_id, paper.kind, message)
            self._remember((subject_type, subject_id), message)

    def _remember(self, key: tuple[str, int], message: RenderedMessage | None) -> None:
        self._cache[key] = message
        self._cache.move_to_end(key)
        while len(self._cache) > 1000:
            self._cache.popitem(last=False)

    async def _message(self, job: _Job) -> tuple[RenderedMessage | None, list[OutboxRow]]:
        """Return the message for a job and the rows to skip (their subject is hidden or gone)."""
        if job.digest:
            return await self._digest_message(job.rows)
        row = job.rows[0]
        if row.subject_type in ("paper", "answer"):
            key = (row.subject_type, row.subject_id)
            if key not in self._cache:
                await self._prefetch([row])
            message = self._cache.get(key)
        elif self._render_meeting is not None:
            message = await self._render_meeting(row)
        else:
            message = None
        return message, ([] if message else [row])

    async def _digest_message(
        self, rows: list[OutboxRow]
    ) -> tuple[RenderedMessage | None, list[OutboxRow]]:
        papers = {
            p.id: p
            for p in await Paper.filter(id__in=[r.subject_id for r in rows]).select_related(
                "kommune"
            )
        }
        shown = [papers[r.subject_id] for r in rows if _visible(papers.get(r.subject_id))]
        skipped = [r for r in rows if not _visible(papers.get(r.subject_id))]
        if not shown:
            return None, skipped
        if len(shown) == 1:
            return render.render_inquiry(paper_view(shown[0])), skipped
        shown.sort(key=lambda p: (str(p.kommune.name), p.id))
        names = list(dict.fromkeys(str(p.kommune.name) for p in shown))
        views = [paper_view(p) for p in shown]
        return render.render_digest(", ".join(names), views), skipped

    # ------------------------------------------------------------------ bookkeeping

    async def _flush(self, *, force: bool) -> None:
        if not self._results:
            return
        now = time.monotonic()
        if (
            not force
            and len(self._results) < 50
            and now - self._last_flush < self.config.flush_interval_s
        ):
            return
        results, self._results = self._results, []
        self._last_flush = now
        await outbox.mark_sent(results, self._now())
        self._known.difference_update(row_id for row_id, _ in results)

    async def _shutdown(self) -> None:
        """Let in-flight sends finish (briefly), hand back claimed rows, record what was sent."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=self.config.shutdown_grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        waiting = [r.id for job in self._claimed_unsent.values() for r in job.rows]
        for queue in self._queues.values():
            waiting += [r.id for job in queue if job.claimed for r in job.rows]
        if waiting:
            await outbox.release(waiting)
        await self._flush(force=True)
        # A cancellation can land between a claim's UPDATE and its bookkeeping: whatever is
        # still in flight now was not confirmed sent, so it goes back to pending (one worker per
        # bot token; a send cut off mid-request is the in-flight window that may repeat).
        stray = await outbox.requeue_inflight(self._now() + timedelta(seconds=1))
        if stray:
            log.info("delivery: %d claimed rows handed back at shutdown", stray)
        self._claimed_unsent.clear()
        self._queues.clear()
        self._known.clear()
        self._ready.clear()
        self._timers.clear()
        self._scheduled.clear()
        self._busy.clear()
        self._digest_chats.clear()


def _visible(paper: Paper | None) -> bool:
    return paper is not None and not paper.hidden and not paper.deleted


def _render_subject(
    subject_type: str, subject_id: int, papers: dict[int, Paper]
) -> RenderedMessage | None:
    paper = papers.get(subject_id)
    if not _visible(paper):
        return None
    assert paper is not None
    if subject_type == "answer":
        inquiry_id = fk_id(paper, "answer_to")
        inquiry = papers.get(inquiry_id) if inquiry_id is not None else None
        return render.render_answer(answer_view(paper, inquiry))
    return render.render_inquiry(paper_view(paper), manage_button=True)
