"""Statements per stored paper: `storage.records.upsert_paper` over Karlsruhe's 600 fixture papers.

Stores the organizations of `../shared/fixtures/oparl/karlsruhe/organizations.json` (so faction
names resolve as in a sync), then every paper of `papers/` into an empty database (new papers),
then all of them again (an unchanged re-sync). Counts the statements the driver sends
(tests/statement_count.py) and the process CPU of each pass.

.venv/bin/python -m bench.bench_upsert                      # SQLite
.ci/with-postgres .venv/bin/python -m bench.bench_upsert    # SQLite and PostgreSQL
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
import uuid
from collections import Counter
from urllib.parse import urlsplit, urlunsplit

from fetcher import model
from fetcher.oparl_json import organization_from_json, paper_from_json
from standins.fixtures import OPARL_FIXTURES
from storage import search
from storage.db import close_db, open_db
from storage.models import Kommune
from storage.records import upsert_organization, upsert_paper
from tests.statement_count import counted_apart, counting

KARLSRUHE = OPARL_FIXTURES / "karlsruhe"


def _papers() -> list[model.Paper]:
    return [
        paper_from_json(json.loads(path.read_text("utf-8")))
        for path in sorted((KARLSRUHE / "papers").glob("*.json"))
    ]


async def _passes(url: str, papers: list[model.Paper]) -> list[tuple[str, Counter[str], float]]:
    await open_db(url)
    try:
        kommune = await Kommune.create(
            oparl_id="https://web1.karlsruhe.de/oparl/bodies/0001", name="Karlsruhe", slug="ka"
        )
        orgs = json.loads((KARLSRUHE / "organizations.json").read_text("utf-8"))
        for org in orgs:
            await upsert_organization(kommune, organization_from_json(org))
        out = []
        for label in ("new", "unchanged re-sync"):
            started = time.process_time()
            with counting() as counts, counted_apart(counts, search, "index_paper") as share:
                for paper in papers:
                    await upsert_paper(kommune, paper)
            counts["of which search.index_paper"] = share[0]
            out.append((label, Counter(counts), time.process_time() - started))
        return out
    finally:
        await close_db()


def _pg_url(base: str, name: str) -> str:
    return urlunsplit(urlsplit(base)._replace(path="/" + name))


async def _postgres(papers: list[model.Paper]) -> list[tuple[str, Counter[str], float]]:
    import asyncpg

    base = os.environ["RATSBOT_TEST_POSTGRES_URL"]
    name = "bench_upsert_" + uuid.uuid4().hex[:8]
    admin = await asyncpg.connect(_pg_url(base, "postgres"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return await _passes(_pg_url(base, name), papers)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run() -> str:
    """Return the markdown table of statements per paper, by backend and pass."""
    papers = _papers()
    rows = ["| backend | pass | statements per paper | by kind (per paper) | CPU s (600 papers) |"]
    rows.append("|---|---|---:|---|---:|")
    backends = ["sqlite"] + (["postgres"] if os.environ.get("RATSBOT_TEST_POSTGRES_URL") else [])
    for backend in backends:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="ratsbot-bench-") as tmp:
                passes = await _passes(f"sqlite://{tmp}/upsert.sqlite3", papers)
        else:
            passes = await _postgres(papers)
        for label, counts, cpu in passes:
            n = len(papers)
            share = counts.pop("of which search.index_paper")
            kinds = ", ".join(f"{k} {v / n:.1f}" for k, v in counts.most_common())
            kinds += f"; of all, in search.index_paper: {share / n:.1f}"
            rows.append(
                f"| {backend} | {label} | {sum(counts.values()) / n:.1f} | {kinds} | {cpu:.2f} |"
            )
    return "\n".join(rows)


if __name__ == "__main__":
    print(asyncio.run(run()))
