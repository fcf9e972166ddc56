"""Limits, retry policy and counters of the delivery worker (pure data)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.outbox import CLAIM_TTL


@dataclass(frozen=True)
class DeliveryConfig:
    """Limits and retry policy of the worker."""

    rate_per_s: float = 25.0
    burst: int = 5
    private_interval_s: float = 1.1  # a little over Telegram's 1/s, for clock skew on the way
    group_per_window: int = 20
    group_window_s: float = 61.0
    coalesce_over: int = 3
    digest_max: int = 50
    batch_size: int = 500
    max_concurrency: int = 32
    backoff_base_s: float = 2.0
    backoff_max_s: float = 600.0
    max_age_s: float = 7 * 86400.0  # older pending rows are skipped, not sent
    alert_after_s: float = 900.0
    auth_max_failures: int = 5
    auth_lasting_s: float = 60.0
    claim_ttl_s: float = CLAIM_TTL.total_seconds()
    poll_interval_s: float = 1.0
    flush_interval_s: float = 0.1
    # ≥ the HTTP timeouts of a send (PTB: 5 s read + 5 s write), so a stop cuts no send off.
    shutdown_grace_s: float = 12.0


@dataclass
class DeliveryStats:
    """Counters since the worker started (for logs, status and the benchmark)."""

    sent: int = 0
    digests: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0
    rate_limited: int = 0
    deactivated: int = 0
