"""Documents whose download or parse failed are tried again later (I/O): when, and how often.

A transient failure (the server answered 503, the connection broke, the parser worker died) is
retried on later polls with a doubling pause, up to `max_attempts`; a permanent one (not a PDF,
too large, no text layer) is not. When a retry finally reads the questions of a paper that was
already pushed without them, the chats that got the push get a follow-up (storage.outbox).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.models import File

RETRYABLE = ("download_failed", "failed")


async def schedule_retry(
    file_oparl_id: str, now: datetime, *, base: timedelta, max_attempts: int
) -> int | None:
    """Count a failed attempt and set the next try (base · 2^(n-1)); None when given up."""
    file = await File.get_or_none(oparl_id=file_oparl_id)
    if file is None:
        return None
    file.fetch_attempts += 1
    if file.fetch_attempts >= max_attempts:
        file.retry_at = None
        await file.save(update_fields=["fetch_attempts", "retry_at"])
        return None
    file.retry_at = now + base * 2 ** (file.fetch_attempts - 1)
    await file.save(update_fields=["fetch_attempts", "retry_at"])
    return file.fetch_attempts


async def due_retries(kommune_id: int, now: datetime) -> list[int]:
    """Return the paper ids of the Kommune whose main document is due for another try."""
    ids = await File.filter(
        paper__kommune_id=kommune_id,
        role="main",
        deleted=False,
        parse_status__in=RETRYABLE,
        retry_at__lte=now,
    ).values_list("paper_id", flat=True)
    return sorted({int(i) for i in ids})  # type: ignore[call-overload]


async def clear_retry(paper_id: int) -> None:
    """Forget the retry schedule of a paper's documents (read at last)."""
    await File.filter(paper_id=paper_id).update(retry_at=None)
