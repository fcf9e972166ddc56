"""The delivery worker's health (I/O: log, status row, operator message): outages and 401s.

`DeliveryHealth` feeds every send outcome to the pure watches (bot.pipeline.delivery_watch),
queues the outage alert and the recovery note they produce, and reports them from the worker's
loop: the log, `ratsbot status` (storage.health.record_delivery) and the operators (`on_outage`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.pipeline.delivery_watch import REVOKED_TEXT, AuthWatch, Outage, OutageWatch, outage_text
from storage import health

log = logging.getLogger("bot.pipeline.delivery")

OutageHandler = Callable[[str], Awaitable[None]]
"""Tells the operators (German text): the outage alert and the recovery note (bot.app)."""


class DeliveryHealth:
    """Outage and 401 bookkeeping of one worker; times from the worker's injected clocks."""

    def __init__(
        self,
        *,
        alert_after_s: float,
        auth_max_failures: int,
        auth_lasting_s: float,
        pause_max_s: float,
        clock: Callable[[], float],
        now: Callable[[], datetime],
        on_outage: OutageHandler | None,
    ) -> None:
        """Configure the watches and where their events go."""
        self._outage = OutageWatch(alert_after_s)
        self._auth = AuthWatch(auth_max_failures, auth_lasting_s, pause_max_s)
        self._clock = clock
        self._now = now
        self._on_outage = on_outage
        self._events: list[Outage] = []

    def failure(self, error: str) -> None:
        """Record a transient failure (network, 5xx, 429, 401)."""
        if (event := self._outage.failure(self._clock(), error)) is not None:
            self._events.append(event)

    def success(self) -> None:
        """Record that Telegram answered (sent, or refused for a reason of its own)."""
        self._auth.success()
        if (event := self._outage.success(self._clock())) is not None:
            self._events.append(event)

    def token_accepted(self) -> None:
        """Forget earlier 401s."""
        self._auth.success()

    async def token_rejected(self, error: str) -> float | None:
        """Record a 401; return the pause before the next try, or None: the token is revoked."""
        self.failure(f"Unauthorized: {error}")
        pause = self._auth.failure(self._clock())
        if pause is None:
            log.critical("delivery: %s", REVOKED_TEXT)
            await health.record_delivery(
                self._now(), failing_since=self._now(), error="401 Unauthorized: token revoked"
            )
        return pause

    async def report_due(self) -> None:
        """Report the events so far (and the alert once failures have lasted long enough)."""
        if (event := self._outage.check(self._clock())) is not None:
            self._events.append(event)
        while self._events:
            await self._report(self._events.pop(0))

    async def _report(self, event: Outage) -> None:
        text = outage_text(event)
        if event.recovered:
            log.warning("delivery recovered: %s", text)
            await health.record_delivery(self._now(), failing_since=None, error=None)
        else:
            log.error("delivery outage: %s", text)
            since = self._now() - timedelta(seconds=event.failing_for_s)
            await health.record_delivery(self._now(), failing_since=since, error=event.last_error)
        if self._on_outage is not None:
            try:
                await self._on_outage(text)
            except Exception:  # the alert path must never stop delivery
                log.exception("delivery: telling the operators failed")
