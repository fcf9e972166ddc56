"""When held-back messages go out: the end of a chat's quiet hours, the daily digest at 7:00.

Pure, no I/O; hours are Europe/Berlin wall-clock hours, so 7:00 stays 7:00 across summer time.
Results are in UTC: the database compares stored times as they are written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fetcher.clock import BERLIN

DIGEST_HOUR = 7


def quiet_until(now: datetime, start_hour: int, end_hour: int) -> datetime | None:
    """Return when quiet hours end if `now` lies in them (else None); hours in Europe/Berlin.

    22 → 7 spans midnight; start == end means no quiet hours. The delivery worker holds a
    chat's rows until this time, then sends them together (bot/pipeline/delivery_hold.py).
    """
    if start_hour == end_hour:
        return None
    local = now.astimezone(BERLIN)
    hour = local.hour
    inside = (
        start_hour <= hour < end_hour
        if start_hour < end_hour
        else (hour >= start_hour or hour < end_hour)
    )
    if not inside:
        return None
    end = local.replace(hour=end_hour, minute=0, second=0, microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    return end.astimezone(UTC)


def next_digest_at(now: datetime, hour: int = DIGEST_HOUR) -> datetime:
    """Return the next daily digest time (7:00 Europe/Berlin) after `now`."""
    local = now.astimezone(BERLIN)
    at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return (at if at > local else at + timedelta(days=1)).astimezone(UTC)
