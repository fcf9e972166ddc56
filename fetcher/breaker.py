"""Per-source circuit breaker: stop hammering a failing source, retry after a cooldown. No I/O."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

BreakerStateName = Literal["closed", "open", "half_open"]


@dataclass(frozen=True)
class BreakerState:
    """A snapshot of one circuit breaker, for SyncState and logs."""

    state: BreakerStateName
    consecutive_failures: int
    trips: int
    retry_in_s: float
    last_error: str | None


class CircuitBreaker:
    """Stop hammering a source that keeps failing; let it try again after a growing cooldown.

    After `failure_threshold` consecutive failed requests the breaker opens for `base_cooldown_s`;
    each further trip doubles the cooldown up to `max_cooldown_s`. When the cooldown is over one
    request is let through (half open): success closes the breaker, failure opens it again.
    """

    def __init__(
        self,
        *,
        failure_threshold: int = 3,
        base_cooldown_s: float = 60.0,
        max_cooldown_s: float = 6 * 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failure_threshold = failure_threshold
        self.base_cooldown_s = base_cooldown_s
        self.max_cooldown_s = max_cooldown_s
        self._clock = clock
        self.consecutive_failures = 0
        self.trips = 0
        self.open_until: float | None = None
        self.last_error: str | None = None

    @property
    def state(self) -> BreakerStateName:
        """Return "closed", "open" (rejecting) or "half_open" (one trial request allowed)."""
        if self.open_until is None:
            return "closed"
        return "open" if self._clock() < self.open_until else "half_open"

    def allow(self) -> bool:
        """Return whether a request may be sent now."""
        return self.state != "open"

    def record_success(self) -> None:
        """Close the breaker and forget earlier failures."""
        self.consecutive_failures = 0
        self.trips = 0
        self.open_until = None
        self.last_error = None

    def record_failure(self, error: str) -> None:
        """Count a failed request; open (or re-open) the breaker when the threshold is reached."""
        self.consecutive_failures += 1
        self.last_error = error
        if self.state == "half_open" or self.consecutive_failures >= self.failure_threshold:
            cooldown = min(self.max_cooldown_s, self.base_cooldown_s * 2.0**self.trips)
            self.trips += 1
            self.open_until = self._clock() + cooldown

    def snapshot(self) -> BreakerState:
        """Return the current state as a value."""
        retry_in = 0.0
        if self.open_until is not None:
            retry_in = max(0.0, self.open_until - self._clock())
        return BreakerState(
            state=self.state,
            consecutive_failures=self.consecutive_failures,
            trips=self.trips,
            retry_in_s=retry_in,
            last_error=self.last_error,
        )
