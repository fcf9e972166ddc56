"""The outcome of one send (I/O): record it, or retry, postpone, fail, deactivate, migrate.

`DeliveryOutcomes` is the half of `bot.pipeline.delivery.DeliveryWorker` that sends a job and
turns Telegram's answer into outbox states: sent (recorded in batches by the worker), retried
with jittered backoff (timeouts, network errors, 5xx), postponed (`RetryAfter`, 401), failed (a
`BadRequest`), or the chat deactivated (`Forbidden`) or migrated (a group became a supergroup).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from bot.pipeline.delivery_config import DeliveryConfig, DeliveryStats
from bot.pipeline.delivery_health import DeliveryHealth
from bot.pipeline.delivery_queues import ChatQueues, Job
from bot.pipeline.delivery_render import RowRenderer
from bot.pipeline.delivery_watch import backoff_s
from bot.pipeline.pacing import ChatPacer, TokenBucket
from bot.pipeline.telegram_send import NO_PREVIEW, Sender, chat_gone, retry_after_s, to_markup
from storage import outbox
from storage.outbox import OutboxRow

log = logging.getLogger("bot.pipeline.delivery")


class TokenRevoked(Exception):
    """Raised by `DeliveryWorker.run` when Telegram keeps answering 401: the token is revoked."""


class DeliveryOutcomes:
    """Sending a job and handling the answer; the worker (bot.pipeline.delivery) holds the state."""

    config: DeliveryConfig
    stats: DeliveryStats
    _sender: Sender
    _renderer: RowRenderer
    _now: Callable[[], datetime]
    _clock: Callable[[], float]
    _rng: random.Random
    _health: DeliveryHealth
    _bucket: TokenBucket
    _pacer: ChatPacer
    _q: ChatQueues
    _wake: asyncio.Event
    _results: list[tuple[int, int | None]]
    _fatal: BaseException | None

    async def _deliver(self, job: Job) -> None:
        message, skipped = await self._renderer.message(job)
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
        self._pacer.record(job.chat, job.is_group, self._clock())
        try:
            sent = await self._sender.send_message(
                job.chat_id,
                message.text,
                "HTML",
                reply_markup=to_markup(message),
                link_preview_options=NO_PREVIEW,
            )
        except RetryAfter as exc:
            self._health.failure(f"RetryAfter: {retry_after_s(exc):.0f} s")
            await self._rate_limited(job, retry_after_s(exc))
        except ChatMigrated as exc:
            await self._migrated(job, int(exc.new_chat_id))
        except Forbidden as exc:
            self._health.success()
            await self._chat_gone(job, exc.message)
        except BadRequest as exc:
            self._health.success()  # Telegram answered: delivery itself works
            if chat_gone(exc.message):
                await self._chat_gone(job, exc.message)
            else:
                subjects = sorted({(r.subject_type, r.subject_id) for r in job.rows})
                log.warning(
                    "delivery: Telegram refused %s for chat %s: %s", subjects, job.chat, exc.message
                )
                await self._fail(job, f"BadRequest: {exc.message}")
        except InvalidToken as exc:
            await self._unauthorized(job, exc.message)
        except NetworkError as exc:  # TimedOut, connection errors, 5xx
            error = f"{type(exc).__name__}: {exc.message}"
            self._health.failure(error)
            await self._retry(job, error)
        else:
            self._health.success()
            self._results.extend((r.id, sent.message_id) for r in job.rows)
            self.stats.sent += len(job.rows)
            if job.digest:
                self.stats.digests += 1

    def _forget(self, rows: Sequence[OutboxRow]) -> None:
        for row in rows:
            self._q.known.discard(row.id)

    async def _fail(self, job: Job, error: str) -> None:
        await outbox.mark_failed([r.id for r in job.rows], error)
        self.stats.failed += len(job.rows)
        self._forget(job.rows)

    async def _rate_limited(self, job: Job, seconds: float) -> None:
        log.warning("delivery: Telegram asks to wait %.0f s (flood control)", seconds)
        self.stats.rate_limited += 1
        self._bucket.pause(seconds)
        if seconds > self.config.claim_ttl_s / 4:
            # Too long to hold the claim: back to pending, due when the pause ends.
            await self._postpone(job, seconds, f"RetryAfter: {seconds:.0f} s")
            return
        self._pacer.hold(job.chat, self._clock() + seconds)
        # Back to the head of its chat's queue; the rows stay in flight meanwhile.
        self._q.queues.setdefault(job.chat, deque()).appendleft(job)

    async def _migrated(self, job: Job, new_chat_id: int) -> None:
        await outbox.migrate_chat(job.chat, new_chat_id)
        job.chat_id = new_chat_id
        for queued in self._q.queues.get(job.chat, ()):
            queued.chat_id = new_chat_id
        self._q.queues.setdefault(job.chat, deque()).appendleft(job)

    async def _chat_gone(self, job: Job, reason: str) -> None:
        log.info("delivery: chat %s deactivated: %s", job.chat, reason)
        self._q.drop(job.chat)
        skipped = await outbox.deactivate_chat(job.chat, reason)
        await self._fail(job, f"Forbidden: {reason}")
        self.stats.deactivated += 1
        self.stats.skipped += skipped

    async def _retry(self, job: Job, error: str) -> None:
        """Try the rows again later: doubling backoff with jitter, capped; never given up."""
        attempts = max(r.attempts for r in job.rows) + 1  # the claim counted this attempt
        delay = backoff_s(attempts, self.config.backoff_base_s, self.config.backoff_max_s)
        delay = min(self.config.backoff_max_s, delay * self._rng.uniform(0.8, 1.2))
        await self._postpone(job, delay, error)

    async def _postpone(self, job: Job, delay: float, error: str) -> None:
        """Put the job's rows back to pending, due in `delay` seconds; the chat waits till then."""
        await outbox.retry_later(
            [r.id for r in job.rows], self._now() + timedelta(seconds=delay), error
        )
        self.stats.retried += len(job.rows)
        self._forget(job.rows)
        # Keep the chat's order: its later rows wait until this one is due again.
        self._q.drop(job.chat)
        self._q.blocked_until[job.chat] = self._clock() + delay

    async def token_rejected(self, error: str) -> float | None:
        """Count a 401 seen elsewhere (getMe, polling); on a lasting one stop `run()`.

        Returns the pause before the next try, or None when the token counts as revoked.
        """
        pause = await self._health.token_rejected(error)
        if pause is None and self._fatal is None:
            self._fatal = TokenRevoked(error)
            self._wake.set()
        return pause

    def token_accepted(self) -> None:
        """Note that Telegram accepted the token (a 401 burst is over)."""
        self._health.token_accepted()

    async def _unauthorized(self, job: Job, error: str) -> None:
        """A 401: pause everything and try again, or give up the process on a lasting one."""
        pause = await self.token_rejected(error)
        if pause is None:
            await outbox.release([r.id for r in job.rows])
            self._forget(job.rows)
            return
        log.warning("delivery: Telegram answers 401 (%s); trying again in %.0f s", error, pause)
        self._bucket.pause(pause)
        await self._postpone(job, pause, f"Unauthorized: {error}")
