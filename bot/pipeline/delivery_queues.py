"""The delivery worker's queues (pure, clock injected): one queue per chat, ready and timed chats.

A chat's messages go out in order, one at a time; a chat waiting for its pacing slot
(bot.pipeline.pacing.ChatPacer) or for a retry (`blocked_until`) never holds up the others.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.pipeline.pacing import ChatPacer
from storage.outbox import OutboxRow


class QueueLimits(Protocol):
    """The limits the queues read (DeliveryConfig satisfies it)."""

    @property
    def max_concurrency(self) -> int: ...
    @property
    def rate_per_s(self) -> float: ...


@dataclass
class Job:
    """Rows to send to one chat in one message (one row, or a digest of several)."""

    chat: int
    chat_id: int
    first_id: int
    rows: list[OutboxRow] = field(default_factory=list)
    digest: bool = False
    claimed: bool = False  # its rows are in flight (a job put back after RetryAfter)

    @property
    def is_group(self) -> bool:
        return self.chat_id < 0


class ChatQueues:
    """Queued jobs per chat and which chats may receive now; state of one worker."""

    def __init__(self, config: QueueLimits, pacer: ChatPacer, clock: Callable[[], float]) -> None:
        """Start empty."""
        self._config = config
        self._pacer = pacer
        self._clock = clock
        self.queues: dict[int, deque[Job]] = {}
        self.known: set[int] = set()  # row ids queued or in flight here
        self.ready: list[tuple[int, int]] = []  # (first row id, chat) that may receive now
        self.timers: list[tuple[float, int]] = []  # (time, chat) that may receive later
        self.scheduled: set[int] = set()
        self.busy: set[int] = set()  # chats with a send in flight
        self.blocked_until: dict[int, float] = {}  # chats waiting for a retry
        self.digest_chats: set[int] = set()

    def clear(self) -> None:
        """Forget everything (at shutdown)."""
        for part in (self.queues, self.known, self.scheduled, self.busy, self.digest_chats):
            part.clear()
        self.ready.clear()
        self.timers.clear()

    def start_digest(self, row: OutboxRow) -> None:
        """Replace the chat's queued single paper messages by one digest job."""
        queue = self.queues.setdefault(row.chat, deque())
        kept: deque[Job] = deque()
        for job in queue:
            if not job.digest and job.rows[0].subject_type == "paper":
                self.known.discard(job.rows[0].id)
            else:
                kept.append(job)
        kept.append(Job(row.chat, row.chat_id, row.id, digest=True))
        self.queues[row.chat] = deque(sorted(kept, key=lambda j: j.first_id))
        self.digest_chats.add(row.chat)
        self.schedule(row.chat, self._clock())

    def schedule(self, chat: int, now: float) -> None:
        if chat in self.scheduled or chat in self.busy:
            return
        queue = self.queues.get(chat)
        if not queue:
            return
        at = self._pacer.next_time(chat, queue[0].is_group, now)
        blocked = self.blocked_until.get(chat, 0.0)
        at = max(at, blocked)
        self.scheduled.add(chat)
        if at <= now:
            heapq.heappush(self.ready, (queue[0].first_id, chat))
        else:
            heapq.heappush(self.timers, (at, chat))

    def pick(self, now: float) -> list[Job]:
        """Pop up to a fraction of a second's worth of jobs whose chats may receive now."""
        while self.timers and self.timers[0][0] <= now:
            _, chat = heapq.heappop(self.timers)
            queue = self.queues.get(chat)
            if queue:
                heapq.heappush(self.ready, (queue[0].first_id, chat))
            else:
                self.scheduled.discard(chat)
        want = max(1, min(self._config.max_concurrency, round(self._config.rate_per_s * 0.2)))
        jobs: list[Job] = []
        while self.ready and len(jobs) < want:
            _, chat = heapq.heappop(self.ready)
            self.scheduled.discard(chat)
            queue = self.queues.get(chat)
            if not queue or chat in self.busy:
                continue
            job = queue.popleft()
            if not queue:
                del self.queues[chat]
            self.busy.add(chat)
            jobs.append(job)
        return jobs

    def done(self, job: Job) -> None:
        self.busy.discard(job.chat)
        self.schedule(job.chat, self._clock())

    def drop(self, chat: int) -> None:
        """Forget a chat's queued (unclaimed) jobs; they stay pending in the database."""
        for job in self.queues.pop(chat, deque()):
            for row in job.rows:
                self.known.discard(row.id)
        self.digest_chats.discard(chat)
