"""Search on SQLite and PostgreSQL over real council texts (Karlsruhe OParl, Leipzig ALLRIS)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
from tortoise.connection import get_connection

from fetcher.classify import kind_from_paper_type, normalise_reference
from fetcher.factions import canonical_faction
from storage import search
from storage.db import close_db, open_db
from storage.models import Kommune, Paper
from storage.query import QueryError, parse_query
from storage.search.backend import BATCH
from storage.search.terms import IndexEntry, index_entries
from tests import test_config
from tests.conftest import (
    BUILD_OPEN_TIMEOUT_S,
    POSTGRES_URL,
    Templates,
    _drop_pg_database,
    _require_postgres,
    _with_db_name,
)
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES
from tests.index_memo import EntryMemo
from tests.session_cache import run_directory
from tests.test_config import Ran

KARLSRUHE = OPARL_FIXTURES / "karlsruhe"
LEIPZIG = TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json"
ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")
EntriesOf = Callable[[Sequence[dict[str, Any]]], list[IndexEntry]]
in_process = test_config.ratsbot  # the in-process CLI fixture (bot.cli.main)


@cache
def _karlsruhe_records() -> list[dict[str, Any]]:
    records = []
    for path in sorted((KARLSRUHE / "papers").glob("*.json")):
        raw = json.loads(path.read_text("utf-8"))
        texts, pdf_url = [], None
        for file in raw.get("auxiliaryFile", []):
            pdf_url = pdf_url or file.get("accessUrl")
            text_path = KARLSRUHE / "file-contents" / f"{file['id'].rsplit('/', 1)[1]}.txt"
            if text_path.exists():
                # Some extracted texts hold NUL bytes, which PostgreSQL text refuses.
                texts.append(text_path.read_text("utf-8").replace("\x00", ""))
        records.append(
            {
                "oparl_id": raw["id"],
                "reference": raw.get("reference"),
                "title": raw["name"],
                "paper_type": raw.get("paperType"),
                "date": date.fromisoformat(raw["date"]),
                "pdf_url": pdf_url,
                "full_text": "\n".join(texts),
            }
        )
    return records


@cache
def _leipzig_records() -> list[dict[str, Any]]:
    records = []
    for n, raw in enumerate(json.loads(LEIPZIG.read_text("utf-8"))):
        # 297 of the 308 are budget amendments; 20 of them are enough noise.
        if raw["paper_type"] == "Änderung zum HH-Planentwurf" and n > 40:
            continue
        citizen = raw["paper_type"] == "Einwohneranfrage"
        originator = raw.get("originator") or ""
        faction = canonical_faction(originator) if originator.startswith("Fraktion") else None
        records.append(
            {
                "oparl_id": raw["url"] or f"leipzig-{n}",
                "reference": raw["reference"],
                "title": raw["name"],
                "paper_type": raw["paper_type"],
                "date": date.fromisoformat(raw["published_at"][:10]),
                "web_url": raw["url"],
                "full_text": raw["content"],
                "submitters": [originator] if originator else [],
                "factions": [faction] if faction else [],
                "citizen_inquiry": citizen,
            }
        )
    return records


async def _load_corpus(entries_of: EntriesOf = index_entries) -> dict[str, int]:
    """Insert the real papers and index them; return their ids by reference.

    Indexed as `search.index_papers` does (batch by batch, in id order), with the entries from
    `entries_of` (the run's memo: the same texts are stemmed once for both backends)."""
    karlsruhe = await Kommune.create(oparl_id="ka", name="Karlsruhe", slug="karlsruhe")
    leipzig = await Kommune.create(oparl_id="le", name="Leipzig", slug="leipzig")
    rows = [
        Paper(
            kommune=kommune,
            kind=kind_from_paper_type(record["paper_type"], record["reference"]),
            reference_key=normalise_reference(record["reference"]),
            **record,
        )
        for kommune, records in ((karlsruhe, _karlsruhe_records()), (leipzig, _leipzig_records()))
        for record in records
    ]
    await Paper.bulk_create(rows, batch_size=200)
    ids = await _ids_by_reference()
    conn = get_connection("default")
    backend = search._backend(conn)
    ordered = sorted(ids.values())
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        await backend.delete(conn, batch)
        await backend.write(conn, entries_of(await backend.rows_of(conn, batch)))
    return ids


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end in a thread of its own (session fixtures may be set up from
    inside the running event loop of an async fixture)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@dataclass(frozen=True)
class Corpus:
    """A database holding the indexed real corpus: its URL and the paper ids by reference."""

    url: str
    ids: dict[str, int]


async def _ids_by_reference() -> dict[str, int]:
    return {p.reference: p.id for p in await Paper.all().only("id", "reference")}


@pytest.fixture(scope="session")
def index_memo(request: pytest.FixtureRequest) -> EntryMemo:
    """The run's index entries, computed once per paper row (tests/index_memo.py)."""
    return EntryMemo(run_directory(request.config) / "index_entries")


def _builder(memo: EntryMemo) -> Callable[[], Coroutine[Any, Any, None]]:
    async def build() -> None:
        await _load_corpus(memo)

    return build


async def _read_ids(url: str) -> dict[str, int]:
    """Return the corpus papers' ids by reference, read from a copy of the template."""
    await open_db(url, apply_migrations=False, timeout_s=BUILD_OPEN_TIMEOUT_S)
    try:
        return await _ids_by_reference()
    finally:
        await close_db()


@pytest.fixture(scope="session")
def sqlite_corpus(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory, index_memo: EntryMemo
) -> Corpus:
    """The SQLite corpus: built once per run (shared by all xdist workers, tests/session_cache),
    copied once per worker into a file that tests copy again or only read."""
    path = tmp_path_factory.mktemp("search") / "corpus.sqlite3"
    url = _run(templates.sqlite_copy("search_corpus", _builder(index_memo), path))
    return Corpus(url, _run(_read_ids(url)))


@pytest.fixture(scope="session")
def postgres_corpus(templates: Templates, index_memo: EntryMemo) -> Iterator[Corpus]:
    """The PostgreSQL corpus: built once per run as a template, copied once per worker into a
    database that tests clone or read (it is dropped with the worker's session)."""
    _require_postgres()
    assert POSTGRES_URL
    name = "tpl_" + uuid.uuid4().hex[:12]
    url = _run(templates.postgres_copy("search_corpus", _builder(index_memo), name))
    try:
        yield Corpus(name, _run(_read_ids(url)))
    finally:
        _run(_drop_pg_database(name))


async def _clone_pg(template: str) -> str:
    """Create a database from the corpus template; return its name (retries while in use)."""
    import asyncpg

    assert POSTGRES_URL
    name = "t_" + uuid.uuid4().hex[:12]
    conn = await asyncpg.connect(_with_db_name(POSTGRES_URL, "postgres"))
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return name
            except asyncpg.ObjectInUseError:  # the build's connection is still closing
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def postgres_readonly(postgres_corpus: Corpus) -> Iterator[Corpus]:
    """One clone of the PostgreSQL corpus that the read-only tests share."""
    assert POSTGRES_URL
    name = _run(_clone_pg(postgres_corpus.url))
    try:
        yield Corpus(_with_db_name(POSTGRES_URL, name), postgres_corpus.ids)
    finally:
        _run(_drop_pg_database(name))


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
async def corpus(request: pytest.FixtureRequest) -> AsyncIterator[Corpus]:
    """Open the shared corpus of one backend; the test must not change it."""
    shared: Corpus = request.getfixturevalue(
        "sqlite_corpus" if request.param == "sqlite" else "postgres_readonly"
    )
    await open_db(shared.url, apply_migrations=False)
    try:
        yield shared
    finally:
        await close_db()


@pytest.fixture(params=BACKENDS)
async def own_corpus(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Corpus]:
    """Open a private copy of the corpus of one backend, for a test that changes it."""
    if request.param == "sqlite":
        shared: Corpus = request.getfixturevalue("sqlite_corpus")
        path = tmp_path / "corpus.sqlite3"
        shutil.copyfile(shared.url[len("sqlite://") :], path)
        url, name = f"sqlite://{path}", None
    else:
        shared = request.getfixturevalue("postgres_corpus")
        assert POSTGRES_URL
        name = await _clone_pg(shared.url)
        url = _with_db_name(POSTGRES_URL, name)
    await open_db(url, apply_migrations=False)
    try:
        yield Corpus(url, shared.ids)
    finally:
        await close_db()
        if name:
            await _drop_pg_database(name)


async def _refs(text: str, limit: int = 50) -> list[str | None]:
    result = await search.search(parse_query(text), limit=limit)
    return [hit.reference for hit in result.hits]


def _fixture_refs(pattern: str) -> set[str]:
    """Return the Karlsruhe references whose title or text matches a regex (the test oracle)."""
    regex = re.compile(pattern, re.IGNORECASE)
    return {
        r["reference"] for r in _karlsruhe_records() if regex.search(r["title"] + r["full_text"])
    }


async def test_inflected_form_is_found(corpus: Corpus) -> None:
    """ "Schulen" finds 2023/1134, whose text says "Schule" but never "Schulen"."""
    assert "2023/1134" in await _refs("Schulen", limit=200)


async def test_compound_is_found_by_its_part(corpus: Corpus) -> None:
    """ "Grundschule" finds 2022/2201, which mentions only the compound "Grundschulneubau".

    Works on both backends because the compound parts are computed in Python (storage.textnorm);
    PostgreSQL's own 'german' configuration would not split the compound.
    """
    found = await _refs("Grundschule", limit=200)
    assert "2022/2201" in found
    assert "2026/0245" in found  # only "Grundschulkinder"


async def test_phrase_search(corpus: Corpus) -> None:
    """ "Tempo 30" in quotes finds exactly the papers where the two words stand together."""
    expected = _fixture_refs(r"\btempo[\s-]*30\b")
    assert expected == {"20131", "2019/1304", "2021/0451", "2026/0397"}
    assert set(await _refs('"Tempo 30"')) == expected


async def test_negation_excludes(corpus: Corpus) -> None:
    """ "-wort" removes papers containing that word."""
    with_bad = set(await _refs("Hallenbad", limit=200))
    without = set(await _refs("Hallenbad -Neureut", limit=200))
    assert "2022/2201" in with_bad  # Adolf-Ehrmann-Bad in Neureut
    assert "2022/2201" not in without
    assert without
    assert without < with_bad


async def test_kommune_filter(corpus: Corpus) -> None:
    """kommune: keeps hits of one Kommune only, by name or slug, case-insensitive."""
    result = await search.search(parse_query("Stadt kommune:leipzig"), limit=50)
    assert result.hits
    assert {hit.kommune for hit in result.hits} == {"Leipzig"}
    with pytest.raises(QueryError, match="Kommune „Atlantis“ kenne ich nicht"):
        await search.search(parse_query("Stadt kommune:Atlantis"))


async def test_faction_filter(corpus: Corpus) -> None:
    """fraktion:Linke finds both Leipzig papers of Fraktion DIE LINKE, no Grünen motion."""
    found = set(await _refs("fraktion:Linke"))
    assert {"VII-A-07860-NF-04", "VII-F-08613"} <= found
    assert all(r and not r.startswith("VII-A-08079") for r in found)  # a Grünen motion


async def test_kind_and_since_filters(corpus: Corpus) -> None:
    """typ: and seit: restrict kind and date (Kitas, Anfragen since 2024)."""
    result = await search.search(parse_query("Kita typ:Anfrage seit:2024-01-01"), limit=100)
    assert result.hits
    assert {hit.kind for hit in result.hits} == {"Anfrage"}
    assert all(hit.date and hit.date >= date(2024, 1, 1) for hit in result.hits)
    old = await _refs("Fachkräftemangel Kitas typ:Anfrage")
    assert "2019/0395" in old
    assert "2019/0395" not in await _refs("Fachkräftemangel Kitas seit:2020-01-01")


async def test_reference_comes_first(corpus: Corpus) -> None:
    """An Aktenzeichen as the query puts that paper first (also typed without zero padding)."""
    ids = corpus.ids
    assert (await _refs("2019/0395"))[0] == "2019/0395"
    assert (await _refs("VII-F-08632"))[0] == "VII-F-08632"
    result = await search.search(parse_query("VII-F-8632 Ladepunkte"))
    assert result.hits[0].paper_id == ids["VII-F-08632"]
    assert result.hits[0].title.startswith("Entwicklung von Elektrofahrzeugen")


async def test_hidden_and_deleted_papers_are_not_found(own_corpus: Corpus) -> None:
    """A hidden or deleted paper disappears from results once re-indexed (and by the filter)."""
    ids = own_corpus.ids
    assert "2019/0395" in await _refs("Fachkräftemangel Kitas")
    await Paper.filter(id=ids["2019/0395"]).update(hidden=True)
    assert "2019/0395" not in await _refs("Fachkräftemangel Kitas")  # the query filter
    await search.index_paper(ids["2019/0395"])
    await Paper.filter(id=ids["2019/0395"]).update(hidden=False)
    assert "2019/0395" not in await _refs("Fachkräftemangel Kitas")  # the index row is gone
    await search.index_paper(ids["2019/0395"])
    assert "2019/0395" in await _refs("Fachkräftemangel Kitas")
    await search.remove_paper(ids["2019/0395"])
    assert "2019/0395" not in await _refs("Fachkräftemangel Kitas")


async def test_reindex_after_update(own_corpus: Corpus) -> None:
    """After a paper's title changes and it is re-indexed, the new words find it, the old do not."""
    ids = own_corpus.ids
    await Paper.filter(id=ids["2022/2201"]).update(
        title="Zwiebelturmrenovierung", full_text="Nichts mehr über Bäder."
    )
    await search.index_paper(ids["2022/2201"])
    assert await _refs("Zwiebelturmrenovierung") == ["2022/2201"]
    assert "2022/2201" not in await _refs("Grundschulneubau")


async def test_citizen_inquiry_submitter_is_not_indexed(corpus: Corpus) -> None:
    """The Einwohneranfrage VII-EF-08640 is found by its subject but never by its author's name."""
    hits = (await search.search(parse_query("Drohnen Hubschrauber"))).hits
    assert hits[0].reference == "VII-EF-08640"
    assert "Koll" not in hits[0].snippet
    assert "VII-EF-08640" not in await _refs("Koll", limit=200)  # other papers say "Koll…"
    assert await _refs("Heidi") == []
    assert await _refs('"Heidi Koll"') == []
    assert "VII-A-07860-NF-04" in await _refs("Fraktion Linke Mieten")  # faction names stay


async def test_hit_fields(corpus: Corpus) -> None:
    """A hit carries reference, title, kind, Kommune name, date, factions, URLs and a snippet."""
    hit = (await search.search(parse_query("VII-A-08079-NF-02"))).hits[0]
    assert hit.reference == "VII-A-08079-NF-02"
    assert hit.title == "Gebt die Dächer frei!"
    assert hit.kind == "Antrag"
    assert hit.kommune == "Leipzig"
    assert hit.date == date(2023, 5, 9)
    assert hit.factions == ("Bündnis 90/Die Grünen",)
    assert hit.snippet


async def test_only_stopwords_and_empty_find_nothing(corpus: Corpus) -> None:
    """A query of stop words only is valid and finds nothing."""
    result = await search.search(parse_query("der die das und"))
    assert result.hits == ()
    assert result.total == 0


NASTY = [
    '"unbalanced quote',
    "„halbes Zitat",
    "*",
    "-",
    "--",
    "Kita*",
    "**Schule**",
    "Schule NEAR Kita",
    "Schule AND Kita OR Hort",
    "'; DROP TABLE paper; --",
    'Schule" OR 1=1 --',
    "paper_fts MATCH '*'",
    "{title}: Schule",
    "Schule^2 ~3 (Kita)",
    "x" * 4000,
    "Schule " * 60,
    "🚲🚲 Radweg 🙂",
    "der die das",
    "\x00\x1b[31m Schule",
    "kommune:",
    "seit:gestern",
    "seit:2024-02-30",
    "typ:Brief",
    "fraktion:",
    "kommune:Atlantis Schule",
    "-Schule",
    '-"Tempo 30"',
    "typ:alle",
    "seit:2024-01-01",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "Rathaus:Platz",
    "$1 $2 ? ?",
    "\\",
    "'",
    "NULL",
]


async def test_nasty_input_gives_results_or_query_error(corpus: Corpus) -> None:
    """Whatever a user types, search answers with hits, nothing, or a friendly QueryError."""
    for text in NASTY:
        message = None
        try:
            result = await search.search(parse_query(text))
        except QueryError as exc:
            message = str(exc)
        if message is not None:
            assert message[0].isupper(), text
        else:
            assert result.total >= len(result.hits), text


async def test_paging_and_total(corpus: Corpus) -> None:
    """offset pages through the same ranking; total counts all matches."""
    first = await search.search(parse_query("Kita"), limit=5)
    second = await search.search(parse_query("Kita"), limit=5, offset=5)
    assert first.total == second.total > 10
    assert not {h.paper_id for h in first.hits} & {h.paper_id for h in second.hits}


async def test_cli_search_json(sqlite_corpus: Corpus, tmp_path: Path) -> None:
    """`ratsbot search --json` prints one JSON list with the contract keys, best first."""
    env = {**os.environ, "DATABASE_URL": sqlite_corpus.url, "TELEGRAM_BOT_TOKEN": ""}
    code, out, err = await _run_cli(env, "search", "2019/0395", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits[0]["reference"] == "2019/0395"
    assert hits[0]["title"] == "Fachkräftemangel und Stellenbesetzungen bei den Kitas in Karlsruhe"
    assert hits[0]["date"] == "2019-04-15"
    keys = {"reference", "title", "kind", "kommune", "date", "factions", "web_url", "pdf_url"}
    assert all(keys <= hit.keys() for hit in hits)


def test_cli_search_json_without_hits_and_with_a_bad_date(
    sqlite_corpus: Corpus,
    in_process: Callable[..., Ran],
) -> None:
    """`ratsbot search --json` prints [] without hits; a bad seit: date exits 2 with one line
    (the CLI in this process, bot.cli.main: the real process is test_cli_search_json's)."""
    env = {"DATABASE_URL": sqlite_corpus.url, "TELEGRAM_BOT_TOKEN": ""}
    ran = in_process(["search", "Zwiebelturmrenovierung", "--json"], env)
    assert (ran.returncode, json.loads(ran.stdout)) == (0, [])
    ran = in_process(["search", "Kita seit:morgen"], env)
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr.strip().startswith("Datum „morgen“ nach seit: nicht erkannt")


async def _run_cli(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    return proc.returncode or 0, out.decode(), err.decode()


async def test_cli_search_text(sqlite_corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json the CLI prints a German list, and "Nichts gefunden." when nothing matches."""
    from bot.config import Settings
    from bot.ops.search_cli import search_command

    settings = Settings(DATABASE_URL=sqlite_corpus.url)  # type: ignore[call-arg]
    code = await search_command(
        settings, "Fachkräftemangel Kitas", kommune="Karlsruhe", as_json=False, limit=3
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Anfrage 2019/0395 · Karlsruhe · 15.04.2019" in out
    assert "Treffer für „Fachkräftemangel Kitas“" in out
    code = await search_command(settings, "Zwiebelturm", kommune=None, as_json=False, limit=3)
    assert (code, capsys.readouterr().out.strip()) == (0, "Nichts gefunden.")


async def test_cli_short_prefix_gets_the_german_hint(
    sqlite_corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ratsbot search "Schule St*"` exits 2 with the hint to type 3 letters before the star."""
    from bot.config import Settings
    from bot.ops.search_cli import search_command

    settings = Settings(DATABASE_URL=sqlite_corpus.url)  # type: ignore[call-arg]
    code = await search_command(settings, "Schule St*", kommune=None, as_json=False, limit=3)
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err.startswith("Bitte mindestens 3 Buchstaben vor *")


async def test_three_letter_prefix_finds_what_its_words_find(corpus: Corpus) -> None:
    """ "Hub*" (the 3-letter prefix index) finds the Leipzig inquiry about Hubschrauber."""
    assert "VII-EF-08640" in await _refs("Hub* Drohnen", limit=200)


def test_query_replace_keeps_kommune_override() -> None:
    """--kommune overrides a kommune: typed in the query (what search_command does)."""
    parsed = replace(parse_query("Kita kommune:Leipzig"), kommune="Karlsruhe")
    assert parsed.kommune == "Karlsruhe"
    assert parsed.terms == ("kita",)


async def _newest_first(paper_ids: set[int]) -> list[int]:
    """Return paper ids newest first (date, then id; no date last): the candidate order."""
    rows = await Paper.filter(id__in=paper_ids).values_list("id", "date")
    return [i for _, i in sorted(((d or date.min, i) for i, d in rows), reverse=True)]


async def test_common_query_ranks_only_the_newest_matches(corpus: Corpus) -> None:
    """Beyond rank_cap matches only the newest rank_cap are ranked, by relevance, total capped."""
    everything = await search.search(parse_query("Stadt"), limit=1000, rank_cap=100_000)
    assert 20 < everything.total < search.MAX_COUNT
    assert not everything.total_capped
    ranking = [hit.paper_id for hit in everything.hits]
    newest = set((await _newest_first(set(ranking)))[:5])

    capped = await search.search(parse_query("Stadt"), limit=10, rank_cap=5)
    assert (capped.total, capped.total_capped) == (5, True)
    # The same relevance order as the full ranking, restricted to the five newest matches.
    assert [hit.paper_id for hit in capped.hits] == [i for i in ranking if i in newest]
    second = await search.search(parse_query("Stadt"), limit=3, offset=3, rank_cap=5)
    assert [hit.paper_id for hit in second.hits] == [hit.paper_id for hit in capped.hits][3:]
    assert (second.total, second.total_capped) == (5, True)


async def test_rank_cap_applies_after_filters(corpus: Corpus) -> None:
    """With kommune:/typ:/seit: the cap keeps the newest matches that pass the filters."""
    text = "Stadt kommune:leipzig typ:Antrag seit:2023-01-01"
    everything = await search.search(parse_query(text), limit=500, rank_cap=100_000)
    assert everything.total > 4
    ranking = [hit.paper_id for hit in everything.hits]
    newest = set((await _newest_first(set(ranking)))[:4])
    capped = await search.search(parse_query(text), rank_cap=4)
    assert [hit.paper_id for hit in capped.hits] == [i for i in ranking if i in newest]
    assert {hit.kommune for hit in capped.hits} == {"Leipzig"}
    assert {hit.kind for hit in capped.hits} == {"Antrag"}


async def test_rare_query_is_ranked_over_all_matches(corpus: Corpus) -> None:
    """Below the cap the default search ranks every match: the cap changes nothing."""
    for text in ("Hallenbad", '"Tempo 30"', "Kita -Neureut", "Schul*"):
        full = await search.search(parse_query(text), limit=300, rank_cap=100_000)
        default = await search.search(parse_query(text), limit=300)
        assert full.total < search.RANK_CAP, text
        assert default == full, text


async def test_old_index_layout_is_rebuilt(
    own_corpus: Corpus, index_memo: EntryMemo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index of an older layout (version mark) is dropped and rebuilt by ensure_index."""
    # ensure_index's rebuild is the real reindex_all, given the entries the corpus build
    # computed for these very rows (stemmed once per run, tests/index_memo.py).
    monkeypatch.setattr(search, "reindex_all", partial(search.reindex_all, entries_of=index_memo))
    ids = own_corpus.ids
    conn = get_connection("default")
    if own_corpus.url.startswith("sqlite"):
        await conn.execute_script(
            "DROP TABLE paper_fts; DROP TABLE paper_fts_key; "
            "CREATE VIRTUAL TABLE paper_fts USING fts5(title, questions, body, parts); "
            "UPDATE search_meta SET value = 'textnorm-1' WHERE key = 'version'"
        )
    else:
        await conn.execute_script(
            "DROP TABLE paper_search; CREATE TABLE paper_search (paper_id INTEGER PRIMARY KEY, "
            "tsv TSVECTOR NOT NULL); UPDATE search_meta SET value = 'textnorm-1' "
            "WHERE key = 'version'"
        )
    await search.ensure_index()
    assert (await _refs("2019/0395"))[0] == "2019/0395"
    assert ids["2019/0395"] in {
        h.paper_id for h in (await search.search(parse_query("Kitas"))).hits
    }


@pytest.mark.parametrize(
    "text",
    [
        "Stadt Antrag Verwaltung",
        "Stadt Kita",
        "Schul* Stadt",
        "Stadt kommune:leipzig typ:Antrag",
        '"Karlsruhe" Stadt Verkehr',
    ],
)
async def test_planned_window_keeps_the_unbounded_order(corpus: Corpus, text: str) -> None:
    """Common words and prefixes narrow but are not scored: a capped window is ordered exactly
    as the unbounded search orders those papers."""
    everything = await search.search(parse_query(text), limit=1000, rank_cap=100_000)
    assert everything.total > 4, text
    ranking = [hit.paper_id for hit in everything.hits]
    newest = set((await _newest_first(set(ranking)))[:4])
    capped = await search.search(parse_query(text), limit=10, rank_cap=4)
    assert [hit.paper_id for hit in capped.hits] == [i for i in ranking if i in newest], text


def test_rank_expression_leaves_out_common_words_and_prefixes() -> None:
    """The SQLite ranking scores rare words and phrases only, never a prefix or a common word."""
    from storage.search.sqlite_plan import rank_expression

    query = parse_query('Stadt Radweg Schul* "Tempo 30"')
    assert rank_expression(query, {"stadt"}) == ('"radweg" AND {title questions body}: "tempo 30"')
    assert rank_expression(parse_query("Stadt Sta*"), {"stadt"}) is None


async def test_common_words_walk_by_date_and_find_what_gin_finds(own_corpus: Corpus) -> None:
    """With planner statistics, PostgreSQL answers a query of common words by walking the date
    index instead of GIN, with the same hits in the same order (SQLite: nothing changes)."""
    from storage.search import pg_plan

    texts = ("Stadt", "Stadt kommune:leipzig", "Stadt typ:Antrag", "Sta*", "Stadt -Kita")
    before = [await search.search(parse_query(t), limit=40) for t in texts]
    if not own_corpus.url.startswith("sqlite"):
        conn = get_connection("default")
        await conn.execute_script("ANALYZE paper_search")
        pg_plan.forget(conn)
        assert pg_plan.all_common(parse_query("Stadt"), await pg_plan.lexeme_shares(conn))
    after = [await search.search(parse_query(t), limit=40) for t in texts]
    assert after == before


def test_all_common_needs_every_positive_part_common() -> None:
    """Only a query whose every word (or prefix) is in most papers walks by date."""
    from storage.search.pg_plan import _text_array, all_common

    shares = dict(zip(_text_array("{stadt,antrag,kita}"), (0.9, 0.6, 0.1), strict=True))
    assert all_common(parse_query("Stadt Antrag"), shares)
    assert all_common(parse_query("Sta*"), shares)
    assert not all_common(parse_query("Stadt Kita"), shares)
    assert not all_common(parse_query('"Stadt Antrag"'), shares)
    assert not all_common(parse_query("Radweg"), {})
