"""Send pacing (pure, clock injected): a global token bucket and per-chat spacing for Telegram.

Telegram: ~30 messages/s overall, 1/s per chat, 20/min per group (../shared/TELEGRAM-NOTES.md
§2.2 names the limits; bot.pipeline.delivery applies them).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class PacingLimits(Protocol):
    """The limits ChatPacer reads (DeliveryConfig satisfies it)."""

    @property
    def private_interval_s(self) -> float: ...
    @property
    def group_per_window(self) -> int: ...
    @property
    def group_window_s(self) -> float: ...


class TokenBucket:
    """Global pacing: `rate_per_s` on average, bursts of `burst`, and pauses (RetryAfter)."""

    def __init__(
        self,
        rate_per_s: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_sleep_s: float = 1.0,
    ) -> None:
        """Start full; waits re-read `clock` at least every `max_sleep_s` (an injected clock)."""
        self._rate = rate_per_s
        self._capacity = float(max(1, burst))
        self._tokens = self._capacity
        self._clock = clock
        self._max_sleep_s = max_sleep_s
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
        target = self._clock() + self.reserve()
        await asyncio.sleep(0)
        while True:
            # A RetryAfter may pause everything while we wait.
            delay = max(target, self.paused_until) - self._clock()
            if delay <= 0:
                return
            await asyncio.sleep(min(delay, self._max_sleep_s))


class ChatPacer:
    """Per-chat pacing: spacing for private chats, a sliding window for groups."""

    def __init__(self, config: PacingLimits) -> None:
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
