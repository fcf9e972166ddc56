"""Delivery health (pure, clock values passed in): outage alerts, their recovery note, and 401s.

The worker reports every send outcome here and acts on what comes back:
- `OutageWatch`: one alert when sending has failed without a single success for `alert_after_s`
  (15 min), one recovery note at the next success after that alert — never one per row;
- `AuthWatch`: a 401 (PTB's `InvalidToken`) is retried with a growing pause; `max_failures`
  401s in a row spanning at least `lasting_s` mean the token was revoked (issue #18: a 401
  burst of a few seconds recovers, a revoked token never does).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outage:
    """An outage event for the operators: `recovered` False = the alert, True = the note."""

    recovered: bool
    failing_for_s: float
    last_error: str


class OutageWatch:
    """Tracks whether delivery is failing and for how long (monotonic seconds)."""

    def __init__(self, alert_after_s: float) -> None:
        """Alert once failures have lasted `alert_after_s` with no success in between."""
        self.alert_after_s = alert_after_s
        self.failing_since: float | None = None
        self.last_error = ""
        self.alerted = False

    def failure(self, now: float, error: str) -> Outage | None:
        """Record a transient failure; return the alert when it is due (once)."""
        if self.failing_since is None:
            self.failing_since = now
        self.last_error = error
        return self.check(now)

    def check(self, now: float) -> Outage | None:
        """Return the alert if failures have lasted long enough and it was not given yet."""
        if self.failing_since is None or self.alerted:
            return None
        if now - self.failing_since < self.alert_after_s:
            return None
        self.alerted = True
        return Outage(False, now - self.failing_since, self.last_error)

    def success(self, now: float) -> Outage | None:
        """Record a success; return the recovery note if an alert was given."""
        if self.failing_since is None:
            return None
        event = Outage(True, now - self.failing_since, self.last_error) if self.alerted else None
        self.failing_since = None
        self.alerted = False
        self.last_error = ""
        return event


class AuthWatch:
    """Counts 401s in a row: a pause before the next try, or the verdict "token revoked"."""

    def __init__(self, max_failures: int, lasting_s: float, pause_max_s: float) -> None:
        """Revoked after `max_failures` 401s in a row that span at least `lasting_s`."""
        self.max_failures = max_failures
        self.lasting_s = lasting_s
        self.pause_max_s = pause_max_s
        self.failures = 0
        self.first_at: float | None = None

    def failure(self, now: float) -> float | None:
        """Record a 401; return the pause before the next try, or None: the token is revoked."""
        if self.first_at is None:
            self.first_at = now
        self.failures += 1
        if self.failures >= self.max_failures and now - self.first_at >= self.lasting_s:
            return None
        return min(self.pause_max_s, 2.0 ** (self.failures - 1))

    def success(self) -> None:
        """Forget earlier 401s (the token works)."""
        self.failures = 0
        self.first_at = None


def backoff_s(attempts: int, base_s: float, max_s: float) -> float:
    """Return the pause before try `attempts + 1`: doubling from `base_s`, capped at `max_s`."""
    return min(max_s, base_s * 2.0 ** min(max(0, attempts - 1), 30))


def outage_text(event: Outage) -> str:
    """Return the operators' message for an outage alert or its recovery (plain German)."""
    minutes = max(1, round(event.failing_for_s / 60))
    if event.recovered:
        return (
            f"✅ Zustellung an Telegram läuft wieder (nach {minutes} min Störung). "
            "Liegengebliebene Nachrichten werden jetzt nachgeholt, je Chat als Sammelnachricht."
        )
    return (
        f"⚠️ Zustellung an Telegram scheitert seit {minutes} min "
        f"(letzter Fehler: {event.last_error[:200]}). Nachrichten bleiben in der Warteschlange "
        "und werden weiter versucht; diese Meldung kommt nur einmal."
    )


REVOKED_TEXT = (
    "Telegram lehnt das Bot-Token dauerhaft ab (401 Unauthorized): vermutlich widerrufen. "
    "Ratsbot beendet sich (Exit-Code 2); neues Token in TELEGRAM_BOT_TOKEN eintragen und "
    "neu starten. Keine Nachricht ging verloren."
)
