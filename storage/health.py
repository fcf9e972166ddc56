"""Operational health queries (I/O): what `ratsbot status` and `/status` show; sources to alert."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.models import Chat, File, Kommune, Notification, Paper, Subscription, SyncState
from storage.sync_memory import capped_sources


@dataclass(frozen=True)
class SourceHealth:
    """One Kommune's sync health."""

    source: str
    name: str
    active_url: str | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failing_since: datetime | None
    consecutive_failures: int
    next_attempt_at: datetime | None
    papers_total: int
    papers_today: int
    parse_failures: int
    records_skipped: int = 0  # records that could not be stored (poison), all lists
    first_sync_done: bool = True  # False while a large history is fetched in batches
    capped_polls: int = 0  # polls in a row at the cap of new papers, once operators were told


@dataclass(frozen=True)
class Health:
    """Everything an operator needs at a glance."""

    sources: tuple[SourceHealth, ...]
    outbox_pending: int
    outbox_inflight: int
    outbox_failed: int
    chats_active: int
    chats_inactive: int
    subscriptions: int
    hidden_papers: int
    delivery_failing_since: datetime | None = None
    delivery_error: str | None = None


async def health(now: datetime) -> Health:
    """Collect the health of every source, the outbox and the audience."""
    kommunen = {k.slug: k for k in await Kommune.all()}
    delivery = await SyncState.get_or_none(source=DELIVERY_SOURCE, list_name=DELIVERY_LIST)
    states = await SyncState.filter(list_name="system").order_by("source")
    first_done = dict(
        await SyncState.filter(list_name="paper").values_list("source", "first_sync_done")
    )
    skipped: dict[str, int] = {}
    for source, count in await SyncState.filter(records_skipped_total__gt=0).values_list(
        "source", "records_skipped_total"
    ):
        skipped[str(source)] = skipped.get(str(source), 0) + int(count)
    capped = {c.source: c.polls for c in await capped_sources()}
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    sources = []
    for state in states:
        kommune = kommunen.get(state.source)
        papers_total = papers_today = parse_failures = 0
        if kommune is not None:
            papers_total = await Paper.filter(kommune=kommune).count()
            papers_today = await Paper.filter(kommune=kommune, created_at__gte=midnight).count()
            parse_failures = (
                await File.filter(paper__kommune=kommune, role="main")
                .exclude(parse_status__in=("ok", "pending"))
                .count()
            )
        sources.append(
            SourceHealth(
                source=state.source,
                name=kommune.name if kommune else state.source,
                active_url=state.active_url,
                last_success_at=state.last_success_at,
                last_error=state.last_error if state.consecutive_failures else None,
                last_error_at=state.last_error_at,
                failing_since=state.failing_since,
                consecutive_failures=state.consecutive_failures,
                next_attempt_at=state.next_attempt_at,
                papers_total=papers_total,
                papers_today=papers_today,
                parse_failures=parse_failures,
                records_skipped=skipped.get(state.source, 0),
                first_sync_done=bool(first_done.get(state.source, True)),
                capped_polls=capped.get(state.source, 0),
            )
        )
    return Health(
        sources=tuple(sources),
        outbox_pending=await Notification.filter(state="pending").count(),
        outbox_inflight=await Notification.filter(state="inflight").count(),
        outbox_failed=await Notification.filter(state="failed").count(),
        chats_active=await Chat.filter(active=True).count(),
        chats_inactive=await Chat.filter(active=False).count(),
        subscriptions=await Subscription.filter(paused=False).count(),
        hidden_papers=await Paper.filter(hidden=True).count(),
        delivery_failing_since=delivery.failing_since if delivery else None,
        delivery_error=delivery.last_error if delivery and delivery.failing_since else None,
    )


DELIVERY_SOURCE, DELIVERY_LIST = "telegram", "delivery"


async def record_delivery(
    now: datetime, *, failing_since: datetime | None, error: str | None
) -> None:
    """Keep the delivery worker's outage state for `ratsbot status` (None: delivery works)."""
    state, _ = await SyncState.get_or_create(source=DELIVERY_SOURCE, list_name=DELIVERY_LIST)
    state.failing_since = failing_since
    if error is not None:
        state.last_error = error
        state.last_error_at = now
    else:
        state.last_success_at = now
    await state.save()


async def sources_to_alert(now: datetime, *, after: timedelta) -> list[SyncState]:
    """Return sources failing for longer than `after` whose operators were not told yet."""
    return await SyncState.filter(
        list_name="system", failing_since__lt=now - after, alert_sent_at=None
    ).order_by("source")


async def mark_alerted(state_id: int, now: datetime) -> None:
    """Remember that operators were told about this failing source (reset on the next success)."""
    await SyncState.filter(id=state_id).update(alert_sent_at=now)


async def set_hidden(reference: str, hidden: bool) -> list[Paper]:
    """Hide (or show again) every paper with this reference; return the papers changed."""
    from fetcher.classify import normalise_reference
    from storage import search

    papers = await Paper.filter(reference_key=normalise_reference(reference))
    for paper in papers:
        paper.hidden = hidden
        await paper.save(update_fields=["hidden"])
        await search.index_paper(paper.id)
    return papers
