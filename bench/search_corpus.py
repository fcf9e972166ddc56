"""The search benchmark's corpus (I/O: reads fixtures, writes papers): real texts recombined.

Titles, question sentences and 2–4 body paragraphs of real fixture texts (Karlsruhe OParl papers
and their extracted PDF texts, Leipzig ALLRIS texts) drawn at random, with dates spread over
2010–2026 and 25 Kommunen. Factions as in a council: 40 % of the papers (most Anfragen and
Anträge) carry one, a tenth of those two; the big parties most often, Piraten on about one paper
in 4,000, Tierschutzpartei on none.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from storage import textnorm
from storage.search.terms import IndexEntry, index_entry, json_list

SHARED = Path(os.environ.get("RATSBOT_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
FIXTURES = SHARED / "fixtures"
KOMMUNEN = [f"Kommune {n:02d}" for n in range(24)] + ["Leipzig"]
KINDS = ["Anfrage", "Antwort", "Antrag", "Vorlage", "Informationsvorlage"]
# Share of factions among the papers that carry one (weights), as in a big city council.
FACTIONS = {
    "CDU": 18,
    "SPD": 18,
    "Bündnis 90/Die Grünen": 17,
    "Die Linke": 12,
    "AfD": 10,
    "FDP": 9,
    "Freie Wähler": 6,
    "BSW": 3,
    "Die PARTEI": 2,
    "Volt": 2,
    "ÖDP": 1,
    "Piraten": 0.01,
}
# Share of papers with a faction, by kind (Vorlagen come from the administration).
FACTION_SHARE = {"Anfrage": 0.8, "Antrag": 0.9, "Antwort": 0.0, "Vorlage": 0.1}


@dataclass
class Pool:
    """Real texts to recombine."""

    titles: list[str]
    questions: list[str]
    paragraphs: list[str]


def load_pool() -> Pool:
    """Read titles, question sentences and paragraphs from the shared fixtures."""
    titles, paragraphs = [], []
    karlsruhe = FIXTURES / "oparl" / "karlsruhe"
    for path in sorted((karlsruhe / "papers").glob("*.json")):
        titles.append(json.loads(path.read_text("utf-8"))["name"])
    for path in sorted((karlsruhe / "file-contents").glob("*.txt")):
        text = path.read_text("utf-8").replace("\x00", "")
        paragraphs += [p.strip() for p in text.split("\n \n") if len(p.strip()) > 200]
    leipzig = FIXTURES / "texts" / "leipzig" / "stadtratmonitor-input.json"
    for raw in json.loads(leipzig.read_text("utf-8")):
        titles.append(raw["name"])
        paragraphs += [p.strip() for p in raw["content"].split("\n \n") if len(p.strip()) > 200]
    questions = [
        s.strip() + "?"
        for p in paragraphs
        for s in p.replace("\n", " ").split("?")[:-1]
        if 30 < len(s.strip()) < 300
    ]
    return Pool(titles, questions, [p[:1500] for p in paragraphs])


@dataclass(frozen=True)
class Row:
    """One synthetic paper."""

    kommune: int
    title: str
    kind: str
    day: date
    questions: str  # JSON
    body: str
    reference: str
    factions: str  # JSON


def paper_rows(pool: Pool, n: int, seed: int = 7) -> Iterator[Row]:
    """Yield n synthetic papers (see the module docstring for the mix); a generator, so that a
    1M corpus is never held in memory at once."""
    rng = random.Random(seed)
    start = date(2010, 1, 1)
    names, weights = list(FACTIONS), list(FACTIONS.values())
    for i in range(n):
        body = "\n".join(rng.sample(pool.paragraphs, rng.randint(2, 4)))
        questions = rng.sample(pool.questions, rng.randint(0, 4))
        kind = rng.choice(KINDS)
        factions: list[str] = []
        if rng.random() < FACTION_SHARE.get(kind, 0.0):
            factions = rng.choices(names, weights, k=2 if rng.random() < 0.1 else 1)
        yield Row(
            kommune=rng.randrange(len(KOMMUNEN)),
            title=rng.choice(pool.titles),
            kind=kind,
            day=start + timedelta(days=rng.randrange(6000)),
            questions=json.dumps(questions, ensure_ascii=False),
            body=body,
            reference="2019/0395" if i == n // 2 else f"B{i}/{rng.randrange(2010, 2027)}",
            factions=json.dumps(list(dict.fromkeys(factions)), ensure_ascii=False),
        )


class MemoStems:
    """Index entries of corpus papers from the stems of their recombined texts, each computed once.

    A corpus paper is pool texts joined by newlines, and the index terms of joined texts are the
    joined terms of the parts (tokens never span a newline): this is what makes a 1M build take
    minutes instead of an hour on two cores. `check` compares it with `index_entry` itself.
    """

    def __init__(self) -> None:
        self._terms: dict[str, str] = {}
        self._parts: dict[str, set[str]] = {}

    def _of(self, text: str) -> tuple[str, set[str]]:
        if text not in self._terms:
            self._terms[text] = " ".join(textnorm.index_terms(text))
            self._parts[text] = textnorm.compound_terms(text)
        return self._terms[text], self._parts[text]

    def entries(self, rows: Sequence[dict[str, Any]]) -> list[IndexEntry]:
        """Return the index entries of paper rows as `index_entries` would."""
        out = []
        for row in rows:
            title, parts = self._of(str(row["title"]))
            columns = [title]
            for texts in (json_list(row["questions"]), str(row["full_text"]).split("\n")):
                terms = []
                for text in texts:
                    t, p = self._of(str(text))
                    terms.append(t)
                    parts = parts | p
                columns.append(" ".join(t for t in terms if t))
            entry = index_entry({**row, "title": "", "questions": "[]", "full_text": ""})
            out.append(replace(entry, columns=(*columns, " ".join(sorted(parts)))))  # type: ignore[arg-type]
        return out

    def check(self, rows: Sequence[dict[str, Any]]) -> None:
        """Raise if the memoised entries differ from the product's own."""
        if self.entries(rows) != [index_entry(row) for row in rows]:
            raise AssertionError("memoised index entries differ from storage.search.terms")


async def insert_papers(rows: Iterable[Row], pg: bool) -> None:
    """Insert the papers in bulk: plain INSERTs of 5,000 rows per statement batch."""
    from tortoise.connection import get_connection

    from storage.models import Kommune

    conn = get_connection("default")
    kommunen = [
        (await Kommune.create(oparl_id=f"k{n}", name=name, slug=f"k{n}")).id
        for n, name in enumerate(KOMMUNEN)
    ]
    columns = (
        "oparl_id, kommune_id, reference, reference_key, title, kind, date, submitters, "
        "factions, citizen_inquiry, consultations, questions, answers, full_text, parse_status, "
        "processed, hidden, deleted, extra, created_at, updated_at"
    )
    if pg:
        marks = ", ".join(
            f"${n}::jsonb" if n in (8, 9, 11, 12, 13, 19) else f"${n}" for n in range(1, 22)
        )
    else:
        marks = ", ".join("?" * 21)
    sql = f"INSERT INTO paper ({columns}) VALUES ({marks})"
    now: datetime | str = datetime.now(UTC)
    if not pg:
        now = str(now)
    it = iter(rows)
    start = 0
    while chunk := list(islice(it, 5000)):
        batch = [
            (
                f"p{start + i}",
                kommunen[r.kommune],
                r.reference,
                r.reference,
                r.title,
                r.kind,
                r.day if pg else r.day.isoformat(),
                "[]",
                r.factions,
                False,
                "[]",
                r.questions,
                "[]",
                r.body,
                "done",
                True,
                False,
                False,
                "{}",
                now,
                now,
            )
            for i, r in enumerate(chunk)
        ]
        await conn.execute_many(sql, batch)
        start += len(chunk)
