"""How many statements `upsert_paper` sends (storage/paper_upsert.py), on real Karlsruhe papers.

Statements are counted at the database driver (tests/statement_count.py); the search index's own
statements (`storage.search.index_paper`, storage/search's business) are counted apart. Before
the rewrite a new Karlsruhe paper cost 31 statements besides the index on average, 16–55 (a
SELECT, a savepoint, an INSERT and an UPDATE per file and consultation), and an unchanged one
14, with 3.8 UPDATEs (docs/benchmarks.md, "Seventh round (upsert7)").
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter

from fetcher import model
from fetcher.oparl_json import organization_from_json, paper_from_json
from storage import search
from storage.models import Consultation, File, Kommune, Paper
from storage.records import upsert_organization, upsert_paper
from tests.fixtures_path import OPARL_FIXTURES
from tests.statement_count import counted_apart, counting

KARLSRUHE = OPARL_FIXTURES / "karlsruhe"
WRITES = ("INSERT", "UPDATE", "DELETE")
# Paper 37740 lists this consultation twice, with meetings 5486 and 5487.
TWICE_LISTED = "https://web1.karlsruhe.de/oparl/bodies/0001/consultations/17025"
# A new paper: organizations, paper and answer papers, files, consultations (one SELECT each),
# BEGIN, the paper's INSERT, one per answer paper, one bulk INSERT per table, COMMIT. On
# PostgreSQL asyncpg's pool also resets a connection after each statement outside a transaction.
MAX_PER_NEW_PAPER = {"sqlite": 12, "postgres": 15}


def _paper(name: str) -> model.Paper:
    return paper_from_json(json.loads((KARLSRUHE / "papers" / f"{name}.json").read_text("utf-8")))


async def _karlsruhe() -> Kommune:
    kommune = await Kommune.create(
        oparl_id="https://web1.karlsruhe.de/oparl/bodies/0001", name="Karlsruhe", slug="ka"
    )
    for org in json.loads((KARLSRUHE / "organizations.json").read_text("utf-8")):
        await upsert_organization(kommune, organization_from_json(org))
    return kommune


def _backend(db_url: str) -> str:
    return "sqlite" if db_url.startswith("sqlite") else "postgres"


async def test_a_new_paper_costs_a_bounded_number_of_statements_and_an_unchanged_one_writes_nothing(
    db_url: str,
) -> None:
    """Every third Karlsruhe paper (with 37740, which lists consultation 17025 twice): each new
    one within the bound; stored again unchanged, nothing is written and nothing reported."""
    kommune = await _karlsruhe()
    names = sorted(p.stem for p in (KARLSRUHE / "papers").glob("*.json"))[::3]
    papers = [_paper(name) for name in sorted({*names, "37740"})]
    per_paper: list[int] = []
    with counting() as counts, counted_apart(counts, search, "index_paper") as index:
        for paper in papers:
            before = sum(counts.values()) - index[0]
            change = await upsert_paper(kommune, paper)
            assert change.created
            assert change.changed
            per_paper.append(sum(counts.values()) - index[0] - before)
    assert max(per_paper) <= MAX_PER_NEW_PAPER[_backend(db_url)], Counter(per_paper)
    updated = dict(await File.all().values_list("oparl_id", "updated_at"))
    meeting = await Consultation.get(oparl_id=TWICE_LISTED).values_list(
        "meeting_oparl_id", flat=True
    )
    assert meeting == "https://web1.karlsruhe.de/oparl/bodies/0001/meetings/5487"  # the later one

    with counting() as again:
        changes = [await upsert_paper(kommune, paper) for paper in papers]
    assert not any(c.created or c.changed for c in changes)
    assert not {kind: n for kind, n in again.items() if kind in WRITES}
    assert dict(await File.all().values_list("oparl_id", "updated_at")) == updated


async def test_two_writers_storing_one_new_paper_at_once_store_it_once(db_url: str) -> None:
    """Inquiry 2018/0680 stored by two tasks at the same moment: one creates it, the other finds
    it (the unique OParl ids decide, the loser stores the paper again): 2 papers, 4 files, 1
    consultation, as after one store."""
    kommune = await _karlsruhe()
    paper = _paper("36699")
    first, second = await asyncio.gather(upsert_paper(kommune, paper), upsert_paper(kommune, paper))
    assert first.paper_id == second.paper_id
    assert sorted([first.created, second.created]) == [False, True]
    inquiry = await Paper.get(id=first.paper_id)
    assert inquiry.reference == "2018/0680"
    answer = await Paper.get(answer_to_id=inquiry.id)
    assert answer.title == (
        "Stellungnahme TOP 23: Verringerung der Pflegekräfte um 47 % in naher Zukunft im "
        "Städtischen Klinikum"
    )
    assert str(answer.date) == "2018-11-16"
    assert await Paper.all().count() == 2
    assert sorted(await File.all().values_list("name", flat=True)) == [
        "Anfrage",
        "Protokoll TOP 23",
        "Stellungnahme TOP 23",
        "Stellungnahme TOP 23",
    ]
    assert await Consultation.filter(paper_id=inquiry.id).count() == 1
