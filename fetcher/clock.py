"""Time basics every package shares: the UTC clock and the councils' time zone. Pure.

Code that needs "now" takes a clock parameter defaulting to `utc_now`, so tests drive the time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# German councils publish and meet in Berlin time; stored times are UTC.
BERLIN = ZoneInfo("Europe/Berlin")


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)
