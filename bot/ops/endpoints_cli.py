"""`ratsbot endpoints check|build` (I/O): probe the bundled Kommunen (dated report, dead marked);
rebuild the bundle from the registry copy and the dated corrections."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from fetcher.clock import utc_now
from fetcher.endpoint_bundle import build_bundle
from fetcher.endpoint_check import Probe, mark_dead, probe, render_report
from fetcher.endpoints import Endpoint
from fetcher.http import HttpClient, RetryPolicy

DATA = Path(__file__).resolve().parents[2] / "fetcher" / "data"
BUNDLE = DATA / "endpoints.json"
CORRECTIONS = DATA / "endpoint-corrections.json"
REGISTRY = Path("../shared/fixtures/oparl/endpoints.yml")  # the registry copy beside the clone
MAX_PARALLEL = 8


def bundle_endpoints(bundle: dict[str, Any], only: Sequence[str] = ()) -> list[Endpoint]:
    """Return the Kommunen of a bundle JSON (those named in `only`, if given)."""
    return [
        Endpoint(i["name"], i["slug"], tuple(i["system_urls"]))
        for i in bundle["endpoints"]
        if not only or i["slug"] in only
    ]


async def check_all(
    endpoints: Sequence[Endpoint],
    retry: RetryPolicy | None = None,
    allow_networks: Sequence[str] = (),
) -> list[Probe]:
    """Probe the Kommunen, a few at a time; report each on stderr as it finishes."""
    limit = asyncio.Semaphore(MAX_PARALLEL)

    async def one(http: HttpClient, endpoint: Endpoint) -> Probe:
        async with limit:
            found = await probe(http, endpoint)
        print(f"{found.slug}: {'ok' if found.ok else found.error}", file=sys.stderr)
        return found

    async with HttpClient(
        per_host_interval_s=0.5, retry=retry, allow_networks=allow_networks
    ) as http:
        return list(await asyncio.gather(*(one(http, e) for e in endpoints)))


def write_results(
    probes: Sequence[Probe],
    *,
    bundle: dict[str, Any],
    bundle_path: Path,
    report_dir: Path,
    day: date,
    update: bool,
) -> Path:
    """Write docs/endpoints-check-DATE.md; with `update`, mark dead Kommunen in the bundle."""
    report_dir.mkdir(parents=True, exist_ok=True)
    report = report_dir / f"endpoints-check-{day.isoformat()}.md"
    report.write_text(render_report(probes, day), "utf-8")
    if update:
        marked = mark_dead(bundle, probes, day)
        bundle_path.write_text(json.dumps(marked, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return report


def endpoints_check_command(
    *,
    report_dir: Path,
    only: Sequence[str] = (),
    update: bool = False,
    bundle_path: Path = BUNDLE,
    allow_networks: Sequence[str] = (),
) -> int:
    """Run `ratsbot endpoints check`; exit 1 when no Kommune answers, 2 for unknown slugs."""
    bundle = json.loads(bundle_path.read_text("utf-8"))
    endpoints = bundle_endpoints(bundle, only)
    if not endpoints:
        print(f"Keine Kommune mit diesen Kürzeln: {', '.join(only)}", file=sys.stderr)
        return 2
    probes = asyncio.run(check_all(endpoints, allow_networks=allow_networks))
    day = utc_now().date()
    report = write_results(
        probes,
        bundle=bundle,
        bundle_path=bundle_path,
        report_dir=report_dir,
        day=day,
        update=update,
    )
    alive = sum(p.ok for p in probes)
    print(f"{alive} von {len(probes)} Kommunen antworten; Bericht: {report}")
    return 0 if alive else 1


def build_command(
    *, registry: Path = REGISTRY, corrections: Path = CORRECTIONS, bundle_path: Path = BUNDLE
) -> int:
    """Run `ratsbot endpoints build` (`make endpoints`): registry + corrections → the bundle."""
    if not registry.exists():
        print(f"Registry-Kopie fehlt: {registry}", file=sys.stderr)
        return 2
    previous = json.loads(bundle_path.read_text("utf-8")) if bundle_path.exists() else None
    bundle = build_bundle(
        registry.read_text("utf-8"), json.loads(corrections.read_text("utf-8")), previous
    )
    bundle_path.write_text(json.dumps(bundle, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(bundle['endpoints'])} Kommunen → {bundle_path}")
    return 0
