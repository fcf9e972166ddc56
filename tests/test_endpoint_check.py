"""`ratsbot endpoints check` against the local OParl server: probe, dated report, dead marked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from bot.ops.endpoints_cli import bundle_endpoints, check_all, write_results
from bot.pipeline.coverage import Coverage
from fetcher.endpoints import Endpoint
from fetcher.http import RetryPolicy
from standins.oparl_server import OParlServer
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
        probes = await check_all(bundle_endpoints(bundle), retry=RetryPolicy.fast())
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
