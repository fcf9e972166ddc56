"""Which outbox rows wait (quiet hours, daily digest) and which go out together as one digest.

A chat's quiet hours (e.g. 22–7 Uhr, Europe/Berlin) hold all its rows until they end; rows held
back (a daily-digest subscription's papers until 7:00, or quiet hours) arrive together: several
papers as one digest message. Time is passed in, so tests move it freely. Pure, but
`daily_holds` (one database read).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from bot.pipeline.volume_clock import next_digest_at, quiet_until
from storage.outbox import OutboxRow
from storage.volume import daily_among


async def daily_holds(matches: Mapping[int, Sequence[int]], now: datetime) -> dict[int, datetime]:
    """Return the chats (of chat → matching subscription ids) whose paper waits for 7:00.

    Only when every matching subscription of the chat is a daily one: a chat that also has an
    immediate subscription for the paper gets it now.
    """
    daily = await daily_among([i for ids in matches.values() for i in ids])
    if not daily:
        return {}
    at = next_digest_at(now)
    return {chat: at for chat, ids in matches.items() if ids and set(ids) <= daily}


def quiet_holds(rows: Iterable[OutboxRow], now: datetime) -> dict[datetime, list[int]]:
    """Return, by the time their chat's quiet hours end, the rows that must wait until then."""
    holds: dict[datetime, list[int]] = {}
    for row in rows:
        if row.quiet_hours is None:
            continue
        until = quiet_until(now, *row.quiet_hours)
        if until is not None:
            holds.setdefault(until, []).append(row.id)
    return holds


def digest_chats(
    rows: Sequence[OutboxRow], pending_papers: Mapping[int, int], coalesce_over: int
) -> set[int]:
    """Return the chats whose due papers go out as one digest.

    `pending_papers`: due paper rows per chat. A chat gets a digest above `coalesce_over`
    papers (0: never for volume alone), or from two papers on when they were held back.
    """
    held = {r.chat for r in rows if r.subject_type == "paper" and r.held}
    return {
        chat
        for chat, n in pending_papers.items()
        if (coalesce_over > 0 and n > coalesce_over) or (chat in held and n > 1)
    }
