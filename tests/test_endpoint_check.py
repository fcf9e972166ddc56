"""`ratsbot endpoints check` against the local OParl server: probe, dated report, dead marked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.ops.endpoints_cli import bundle_endpoints, check_all, write_results
from bot.pipeline.coverage import Coverage
from fetcher.endpoint_bundle import build_bundle
from fetcher.endpoints import Endpoint
from fetcher.http import RetryPolicy
from standins.oparl_server import LOCAL_NETWORKS, OParlServer
from tests.fixtures_path import OPARL_FIXTURES

DAY = date(2026, 11, 29)


def _newest_karlsruhe_paper() -> date:
    papers = (OPARL_FIXTURES / "karlsruhe" / "papers").glob("*.json")
    return max(date.fromisoformat(json.loads(p.read_text("utf-8"))["date"]) for p in papers)


async def test_check_reports_live_and_dead_endpoints_and_marks_the_dead(tmp_path: Path) -> None:
    """The local Karlsruhe server answers (Somacos, one body, its newest paper); a URL nobody
    answers is marked dead with the date, and an on-demand bot no longer offers it."""
    async with OParlServer("karlsruhe") as oparl:
        bundle = {
            "source": "test",
            "endpoints": [
                {"name": "Stadt Leipzig", "slug": "leipzig", "system_urls": ["http://127.0.0.1:9/oparl/system"]},
                {"name": "Stadt Karlsruhe", "slug": "karlsruhe", "system_urls": [oparl.system_url]},
            ],
        }  # fmt: skip
        probes = await check_all(
            bundle_endpoints(bundle), retry=RetryPolicy.fast(), allow_networks=LOCAL_NETWORKS
        )
    leipzig, karlsruhe = probes
    assert not leipzig.ok
    assert leipzig.error
    assert karlsruhe.ok
    assert karlsruhe.bodies == ("Stadt Karlsruhe",)
    assert karlsruhe.vendor == "http://www.somacos.de"
    assert karlsruhe.newest_paper == _newest_karlsruhe_paper()

    bundle_path = tmp_path / "endpoints.json"
    bundle_path.write_text(json.dumps(bundle), "utf-8")
    report = write_results(
        probes, bundle=bundle, bundle_path=bundle_path, report_dir=tmp_path, day=DAY, update=True
    )
    assert report.name == "endpoints-check-2026-11-29.md"
    text = report.read_text("utf-8")
    assert "1 of 2 Kommunen answer" in text
    assert "| Stadt Leipzig | leipzig | **dead** |" in text
    assert "| Stadt Karlsruhe | karlsruhe | ok |" in text
    marked = json.loads(bundle_path.read_text("utf-8"))["endpoints"]
    assert marked[0]["slug"] == "leipzig"  # order kept: Leipzig first
    assert marked[0]["dead"].startswith("2026-11-29: ")
    assert "dead" not in marked[1]

    bundled = [
        Endpoint(e["name"], e["slug"], tuple(e["system_urls"]), dead=e.get("dead")) for e in marked
    ]
    assert [e.slug for e in Coverage(bundled=bundled).offered()] == ["karlsruhe"]


def test_bundle_is_rebuilt_from_the_registry_copy_and_dated_corrections() -> None:
    """`make endpoints` reproduces fetcher/data/endpoints.json from ../shared's registry copy and
    the corrections file, every correction dated and with evidence; Leipzig first, both URLs."""
    data = Path(__file__).resolve().parents[1] / "fetcher" / "data"
    bundle = json.loads((data / "endpoints.json").read_text("utf-8"))
    corrections = json.loads((data / "endpoint-corrections.json").read_text("utf-8"))
    registry = (OPARL_FIXTURES / "endpoints.yml").read_text("utf-8")
    assert build_bundle(registry, corrections, bundle) == bundle
    assert all(c["date"] and c["evidence"] for c in corrections["corrections"])
    leipzig = bundle["endpoints"][0]
    assert leipzig["slug"] == "leipzig"
    assert leipzig["system_urls"] == [
        "https://www.leipzig.sitzung-online.de/oparl/system",
        "https://ratsinformation.leipzig.de/allris_leipzig_public/oparl/system",
    ]
    names = {e["name"] for e in bundle["endpoints"]}
    assert "Landeshauptstadt Düsseldorf" in names  # the registry says "Dusseldorf"
    assert not names & {"OParl Mirror", "München Transparent"}  # aggregators, no Kommune


def test_a_correction_without_evidence_is_refused() -> None:
    """A correction must say when it was made and why."""
    with pytest.raises(ValueError, match="without date or evidence"):
        build_bundle("- title: Stadt X\n  url: https://x/oparl/system\n", {
            "source": "t", "corrections": [{"slug": "x", "date": "2026-11-29", "name": "Y"}]
        })  # fmt: skip
