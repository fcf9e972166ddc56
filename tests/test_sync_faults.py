"""The fault matrix of the end-to-end sync: each injected server fault during polls, against one
clean sync's papers (tests/test_sync.py has the rest; a file of its own, so that pytest-xdist
runs it beside the other sync tests instead of after them on the same worker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fetcher.http import HttpClient, RetryPolicy
from fetcher.parsepool import ParserPool
from standins.oparl_server import LOCAL_NETWORKS, Faults, OParlServer
from storage.models import Paper, SyncState
from tests.karlsruhe_publish import publish_inquiry
from tests.test_sync import (
    NotifyLog,
    _service,
    parser,  # noqa: F401  (fixture)
)


async def _paper_keys() -> list[str]:
    return sorted(
        key.split("/oparl/", 1)[1] for key in await Paper.all().values_list("oparl_id", flat=True)
    )


_CLEAN_KEYS: list[str] = []


async def _clean_sync_keys(parser: ParserPool) -> list[str]:  # noqa: F811
    """Return the paper keys a clean sync stores, synced once per test process (the baseline
    every fault is compared with); the database is left without papers and sync states."""
    if not _CLEAN_KEYS:
        async with (
            OParlServer("karlsruhe") as clean,
            HttpClient(allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast()) as http,
        ):
            await (await _service(clean, http, parser, NotifyLog())).sync_all()
        _CLEAN_KEYS.extend(await _paper_keys())
        await Paper.all().delete()
        await SyncState.all().delete()
    return list(_CLEAN_KEYS)


def _recent_meetings_only(server: OParlServer) -> None:
    """Serve only the meetings changed since the first sync's window (2026-01-01): 49 of 370.

    The matrix compares papers. A server ignoring modified_since sends every meeting, and
    storing the 321 older ones twice per test made that one case five times slower than the
    rest; now it sends what a filtering server sends.
    """
    spec = server.data.lists[server.data.meeting_list]
    objects = server.data.objects
    spec.keys = [k for k in spec.keys if str(objects[k].get("modified", ""))[:10] >= "2026-01-01"]


@pytest.mark.parametrize(
    "fault",
    [
        "pagination_loop",
        "ignore_modified_since",
        "drop_filters_from_next",
        "control_characters",
        "truncate_next",
        "fail_next",
        "hang_next",
    ],
)
async def test_each_fault_loses_and_duplicates_nothing(
    sqlite_db: str,
    parser: ParserPool,  # noqa: F811
    tmp_path: Path,
    fault: str,
) -> None:
    """With each injected fault during polls, the papers stored equal a clean sync's, once each."""
    expected = await _clean_sync_keys(parser)
    # A hang outlasts the client's timeout, so the request times out; short for hang_next, whose
    # four timeouts (two per sync) are the test's wall time, 1 s for the other faults.
    timeout_s = 0.5 if fault == "hang_next" else 1.0
    faults = Faults(hang_s=timeout_s + 0.3)
    async with (
        OParlServer("karlsruhe", faults=faults) as server,
        HttpClient(
            allow_networks=LOCAL_NETWORKS, retry=RetryPolicy.fast(attempts=4), timeout_s=timeout_s
        ) as http,
    ):
        _recent_meetings_only(server)
        service = await _service(server, http, parser, NotifyLog())
        if fault in ("truncate_next", "fail_next", "hang_next"):
            setattr(faults, fault, 2)
        else:
            setattr(faults, fault, True)
        first = await service.sync_all()
        assert first.kommunen[0].ok, first.kommunen[0].error
        publish_inquiry(server, "2026/9998", tmp_path)
        if fault in ("truncate_next", "fail_next", "hang_next"):
            setattr(faults, fault, 2)
        second = await service.sync_all()
        assert second.kommunen[0].ok, second.kommunen[0].error
        stored = await _paper_keys()
    assert len(stored) == len(set(stored))
    new_keys = sorted(set(stored) - set(expected))
    assert len(new_keys) == 1
    assert sorted(set(stored) - set(new_keys)) == expected
    assert (await Paper.get(reference="2026/9998")).parse_status == "ok"
