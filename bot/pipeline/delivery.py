"""The delivery worker (I/O): sends outbox rows to Telegram within its flood limits.

One long-lived task (`DeliveryWorker.run`) per worker. It reads due rows in id order in batches,
keeps one queue per chat (bot.pipeline.delivery_queues: a chat's messages go out in order) and:

- claims rows (owner and expiry, storage.outbox) right before the call, records them sent after
  it, so a `kill -9` can only repeat rows in flight; several workers may share one outbox;
- paces sending (bot.pipeline.pacing; Telegram: ~30/s overall, 1/s per chat, 20/min per group,
  ../shared/TELEGRAM-NOTES.md §2.2); `RetryAfter` pauses all sending as long as asked;
- retries timeouts, network errors and 5xx with jittered backoff capped at `backoff_max_s`
  (10 min) while the row is younger than `max_age_s` (7 days): never given up for time alone;
  `Forbidden` deactivates the chat; any other `BadRequest` fails that row (a permanent cause)
  (the outcome of a send: bot.pipeline.delivery_outcomes);
- retries a 401; a lasting one (revoked token) makes `run()` raise `TokenRevoked`, so the
  process exits instead of staying half alive; outage alerts: bot.pipeline.delivery_health;
- sends one digest to a chat with more than `coalesce_over` pending papers (after an outage too),
  or with several papers held back (daily digest, quiet hours: bot.pipeline.delivery_hold);
- on cancellation stops claiming and waits up to `shutdown_grace_s` (longer than an HTTP
  timeout) for sends in flight, so a clean stop repeats nothing.

Time comes from injected clocks (`now` for the database, `clock` for pacing and backoff), so tests
run a 30-minute outage in seconds. Messages are rendered at send time (delivery_render).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import time
from collections import deque
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from bot.pipeline.delivery_config import DeliveryConfig as DeliveryConfig
from bot.pipeline.delivery_config import DeliveryStats as DeliveryStats
from bot.pipeline.delivery_health import DeliveryHealth, OutageHandler
from bot.pipeline.delivery_hold import digest_chats, quiet_holds
from bot.pipeline.delivery_outcomes import DeliveryOutcomes
from bot.pipeline.delivery_outcomes import TokenRevoked as TokenRevoked
from bot.pipeline.delivery_queues import ChatQueues, Job
from bot.pipeline.delivery_render import MeetingRenderer, RowRenderer
from bot.pipeline.pacing import ChatPacer, TokenBucket
from bot.pipeline.telegram_send import Sender
from bot.pipeline.telegram_send import to_markup as to_markup  # bot.chat.respond imports it here
from fetcher.clock import utc_now
from storage import outbox
from storage.outbox import OutboxRow

log = logging.getLogger(__name__)
T = TypeVar("T")


class DeliveryWorker(DeliveryOutcomes):
    """Sends due outbox rows; `run()` forever, `run_once()`/`drain()` for tests and the demo."""

    def __init__(
        self,
        sender: Sender,
        config: DeliveryConfig | None = None,
        *,
        render_meeting: MeetingRenderer | None = None,
        now: Callable[[], datetime] = utc_now,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        owner: str | None = None,
        on_outage: OutageHandler | None = None,
    ) -> None:
        """Configure; `render_meeting` renders meeting and weekly rows (bot.pipeline.alerts).

        `owner` names this worker in its claims (default: the host name; give each worker on
        one host its own); `now` and `clock` (monotonic seconds) are the injected clocks.
        """
        self._sender = sender
        self.config = config or DeliveryConfig()
        self._renderer = RowRenderer(render_meeting)
        self._now = now
        self._clock = clock
        self._rng = rng or random.Random()
        self.owner = owner or socket.gethostname()[:100]
        self._health = DeliveryHealth(
            alert_after_s=self.config.alert_after_s,
            auth_max_failures=self.config.auth_max_failures,
            auth_lasting_s=self.config.auth_lasting_s,
            pause_max_s=self.config.backoff_max_s,
            clock=clock,
            now=now,
            on_outage=on_outage,
        )
        self._bucket = TokenBucket(
            self.config.rate_per_s, self.config.burst, clock, self.config.poll_interval_s
        )
        self._pacer = ChatPacer(self.config)
        self._q = ChatQueues(self.config, self._pacer, clock)
        self._sem = asyncio.Semaphore(self.config.max_concurrency)
        self._wake = asyncio.Event()
        self.stats = DeliveryStats()
        self._cursor = 0
        self._scan_done_at: float | None = None
        self._results: list[tuple[int, int | None]] = []
        self._last_flush = clock()
        self._tasks: set[asyncio.Task[None]] = set()
        # The database step of the loop in progress (claim or record): shielded from a
        # cancellation, so a stop never leaves a transaction half done; _shutdown awaits it.
        self._db_step: asyncio.Future[Any] | None = None
        self._claimed_unsent: dict[int, Job] = {}
        self._fatal: BaseException | None = None

    # ------------------------------------------------------------------ public API

    def wake(self) -> None:
        """Look for new rows now instead of at the next poll (call after enqueueing)."""
        self._wake.set()

    async def recover(self) -> int:
        """Return rows this worker (by name) or an expired claim left in flight; call at start."""
        count = await outbox.requeue_own(self.owner)
        count += await outbox.requeue_expired(self._now())
        if count:
            log.warning(
                "delivery: %d rows were in flight at the last stop; sending them again", count
            )
        return count

    async def run(self) -> None:
        """Send until cancelled (finishing sends in flight); raise TokenRevoked on a lasting 401."""
        await self._loop(until_idle=False, deadline=None)

    async def run_once(self) -> int:
        """Send the rows that are due now (one scan); return how many rows were handled."""
        before = self._handled()
        await self._loop(until_idle=True, deadline=None, one_scan=True)
        return self._handled() - before

    async def drain(self, timeout_s: float = 60.0) -> int:
        """Send until no row is pending (waiting for retries); return how many were handled."""
        before = self._handled()
        deadline = asyncio.get_running_loop().time() + timeout_s
        await self._loop(until_idle=True, deadline=deadline)
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
                if deadline is not None and asyncio.get_running_loop().time() > deadline:
                    raise TimeoutError("delivery did not drain in time")
                if not (one_scan and scans > 0):
                    scans += await self._shielded(self._refill())
                await self._shielded(self._flush(force=False))
                await self._health.report_due()
                jobs = self._q.pick(self._clock())
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

    async def _shielded(self, step: Coroutine[Any, Any, T]) -> T:
        """Run a database step to its end even if the loop is cancelled meanwhile."""
        task = asyncio.ensure_future(step)
        self._db_step = task
        return await asyncio.shield(task)

    async def _idle(self, scanned: bool) -> bool:
        if self._tasks or self._q.queues or self._claimed_unsent:
            return False
        if self._cursor != 0 or self._scan_done_at is None:
            return False  # mid-scan
        if scanned:
            return True
        return not await outbox.has_pending(self._now())

    def _next_wakeup(self, until_idle: bool) -> float:
        now = self._clock()
        waits = [self.config.poll_interval_s]
        if self._q.timers:
            waits.append(self._q.timers[0][0] - now)
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
        if len(self._q.known) >= 4 * c.batch_size or len(self._q.ready) >= c.batch_size // 4:
            return 0
        if (
            self._cursor == 0
            and self._scan_done_at is not None
            and not self._wake.is_set()
            and self._clock() - self._scan_done_at < c.poll_interval_s
        ):
            return 0
        self._wake.clear()
        if self._cursor == 0:
            self._renderer.clear()  # a new scan: papers may have changed (hidden, answered)
            await self._sweep()
        rows = await outbox.fetch_due(self._now(), after_id=self._cursor, limit=c.batch_size)
        if len(rows) < c.batch_size:
            self._cursor = 0
            self._scan_done_at = self._clock()
            done = 1
        else:
            self._cursor = rows[-1].id
            done = 0
        await self._ingest(rows)
        return done

    async def _sweep(self) -> None:
        """Re-queue expired claims (a crashed worker's) and skip rows past the maximum age."""
        now = self._now()
        if await outbox.requeue_expired(now):
            log.warning("delivery: claims of a stopped worker expired; sending those rows again")
        if old := await outbox.expire_old(now - timedelta(seconds=self.config.max_age_s)):
            log.warning("delivery: %d rows older than the maximum age were not sent", old)
            self.stats.skipped += old

    async def _ingest(self, rows: Sequence[OutboxRow]) -> None:
        now = self._clock()
        accepted = [
            r
            for r in rows
            if r.id not in self._q.known
            and self._q.blocked_until.get(r.chat, 0.0) <= now
            and not (r.subject_type == "paper" and r.chat in self._q.digest_chats)
        ]
        quiet = quiet_holds(accepted, self._now())  # wait in the database, restart-safe
        for until, ids in quiet.items():
            await outbox.hold(ids, until)
        held = {i for ids in quiet.values() for i in ids}
        accepted = [r for r in accepted if r.id not in held]
        digest_for: set[int] = set()
        paper_chats = {r.chat for r in accepted if r.subject_type == "paper"}
        if paper_chats:
            counts = await outbox.count_pending_papers(paper_chats, self._now())
            digest_for = digest_chats(accepted, counts, self.config.coalesce_over)
        for row in accepted:
            if row.subject_type == "paper" and row.chat in digest_for:
                if row.chat not in self._q.digest_chats:
                    self._q.start_digest(row)
                continue
            self._q.known.add(row.id)
            self._q.queues.setdefault(row.chat, deque()).append(
                Job(row.chat, row.chat_id, row.id, [row])
            )
            self._q.schedule(row.chat, now)
        await self._renderer.prefetch([r for r in accepted if r.id in self._q.known])

    # ------------------------------------------------------------------ sending

    async def _dispatch(self, jobs: list[Job]) -> None:
        ttl = timedelta(seconds=self.config.claim_ttl_s)
        singles = [r.id for job in jobs if not (job.digest or job.claimed) for r in job.rows]
        got = set(await outbox.claim(singles, self._now(), owner=self.owner, ttl=ttl))
        for job in jobs:
            self._claimed_unsent[job.first_id] = job
        for job in jobs:
            if not (job.digest or job.claimed) and job.rows[0].id not in got:
                # Another worker claimed it first (several workers on one outbox).
                del self._claimed_unsent[job.first_id]
                self._forget(job.rows)
                self._q.done(job)
                continue
            if job.digest and not job.claimed:
                self._q.digest_chats.discard(job.chat)
                job.rows = await outbox.claim_pending_papers(
                    job.chat, self._now(), self.config.digest_max, owner=self.owner, ttl=ttl
                )
                self._q.known.update(r.id for r in job.rows)
                if not job.rows:
                    del self._claimed_unsent[job.first_id]
                    self._q.done(job)
                    continue
            await self._bucket.acquire()
            await self._sem.acquire()
            del self._claimed_unsent[job.first_id]
            job.claimed = True
            task = asyncio.create_task(self._send(job))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, job: Job) -> None:
        try:
            await self._deliver(job)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in rendering or the database: fail this row only
            log.exception("delivery: unexpected error for rows %s", [r.id for r in job.rows])
            await self._fail(job, f"{type(exc).__name__}: {exc}")
        finally:
            self._sem.release()
            self._q.done(job)

    # ------------------------------------------------------------------ bookkeeping

    async def _flush(self, *, force: bool) -> None:
        if not self._results:
            return
        now = self._clock()
        if (
            not force
            and len(self._results) < 50
            and now - self._last_flush < self.config.flush_interval_s
        ):
            return
        results, self._results = self._results, []
        self._last_flush = now
        try:
            await outbox.mark_sent(results, self._now())
        except BaseException:  # cancelled mid-write (SIGTERM): the shutdown flush records them
            self._results = results + self._results
            raise
        self._q.known.difference_update(row_id for row_id, _ in results)

    async def _shutdown(self) -> None:
        """Stop claiming; let in-flight sends finish, record them, hand back the rest."""
        if self._db_step is not None and not self._db_step.done():
            # A claim or record cut short by the stop: let it finish, so its rows are known.
            await asyncio.gather(self._db_step, return_exceptions=True)
        if self._tasks:
            grace = self.config.shutdown_grace_s
            _, pending = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            if pending:
                log.warning(
                    "delivery: %d sends cut off after %.0f s at shutdown", len(pending), grace
                )
        waiting = [r.id for job in self._claimed_unsent.values() for r in job.rows]
        for queue in self._q.queues.values():
            waiting += [r.id for job in queue if job.claimed for r in job.rows]
        if waiting:
            await outbox.release(waiting)
        await self._flush(force=True)
        # A cancellation can land between a claim's UPDATE and its bookkeeping: whatever this
        # worker still holds was not confirmed sent, so it goes back to pending (a send cut off
        # mid-request after the grace is the in-flight window that may repeat).
        stray = await outbox.requeue_own(self.owner)
        if stray:
            log.info("delivery: %d claimed rows handed back at shutdown", stray)
        self._claimed_unsent.clear()
        self._q.clear()
