"""The index vocabulary and "Meinten Sie …?" (I/O: the search tables; the matching is pure).

A word that finds nothing or very little is compared with the stems the index holds: the nearest
ones by Damerau-Levenshtein distance (at most 1 edit for stems of 4–6 letters, 2 from 7 on, none
below), the most frequent of those first. The stems and their document counts are copied into
`search_vocab` (term, docs) from the index itself: SQLite's FTS5 vocabulary (`fts5vocab`, row
form) or PostgreSQL's `ts_stat` over the stored tsvectors, so both backends suggest from the same
terms. Counting every term reads the whole index, which at 100k papers takes seconds: the copy is
made when the first suggestion is needed (that search waits for it at most FIRST_BUILD_WAIT_S) and
refreshed in the background when a lookup finds it older than VOCABULARY_MAX_AGE; new words show
up in suggestions after that. A lookup reads only the stems with the same first letter and a near
length (a primary-key range), so it stays fast.

Only stems of letters a–z seen in at least MIN_DOCS papers are kept: numbers, filter tokens and
one-off OCR noise are never suggested.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from storage import textnorm
from storage.query import SearchQuery, parse_query

log = logging.getLogger(__name__)

MIN_DOCS = 2
# Papers read to find how a corrected stem is written.
SURFACE_HITS = 5
VOCABULARY_MAX_AGE = timedelta(hours=1)
# A search waits this long for a first vocabulary (5 s at 100k papers) before answering without.
FIRST_BUILD_WAIT_S = 3.0
# A candidate must be in this many times more papers than the word typed, if that is in any.
MORE_COMMON_FACTOR = 10

_META_KEY = "vocabulary_built"
_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS paper_fts_vocab USING fts5vocab(paper_fts, row)",
    "CREATE TABLE IF NOT EXISTS search_vocab (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) "
    "WITHOUT ROWID",
)
_SQLITE_READ = (
    "SELECT term, doc AS docs FROM paper_fts_vocab WHERE doc >= ? AND term NOT GLOB '*[^a-z]*'"
)
_POSTGRES_DDL = (
    'CREATE TABLE IF NOT EXISTS search_vocab (term TEXT COLLATE "C" PRIMARY KEY, '
    "docs INTEGER NOT NULL)",
)
_POSTGRES_READ = (
    "SELECT word AS term, ndoc AS docs FROM ts_stat('SELECT tsv FROM paper_search') "
    "WHERE ndoc >= $1 AND word ~ '^[a-z]+$'"
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_refreshing: set[asyncio.Future[None]] = set()


# ---------------------------------------------------------------- pure matching


def max_edits(stem: str) -> int:
    """Return how many edits a suggestion for this stem may be away (scaled by length). Pure."""
    if len(stem) <= 3:
        return 0
    return 1 if len(stem) <= 6 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the Damerau-Levenshtein (optimal string alignment) distance, or limit + 1 if larger.

    Pure; stops as soon as a whole row exceeds the limit.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def best_candidate(stem: str, vocabulary: Iterable[tuple[str, int]]) -> str | None:
    """Return the stem the user most likely meant, or None. Pure.

    Nearest first, then the most frequent; a candidate must be MORE_COMMON_FACTOR times more
    frequent than the stem itself, so a word that finds enough is left alone.
    """
    limit = max_edits(stem)
    if limit == 0:
        return None
    terms = dict(vocabulary)
    own = terms.get(stem, 0)  # 0 also for a stem in fewer than MIN_DOCS papers
    wanted = MORE_COMMON_FACTOR * own if own else MIN_DOCS
    letters = set(stem)
    ranked = []
    for term, docs in terms.items():
        if term == stem or docs < wanted:
            continue
        # Each letter that only one of the two words has costs an edit: a cheap test first.
        others = set(term)
        if len(letters - others) > limit or len(others - letters) > limit:
            continue
        distance = edit_distance(stem, term, limit)
        if distance <= limit:
            ranked.append((distance, -docs, term))
    return min(ranked)[2] if ranked else None


def written_form(stem: str, typed: str, texts: Sequence[str]) -> str | None:
    """Return how to write a corrected stem: the form nearest to what was typed. Pure.

    Candidates are the forms of the stem in these texts and the typed word with its stem swapped
    ("Schuhle" → "Schule"); the nearest to the typed word wins, then the most frequent, so the
    user's inflection stays and a text's spelling ("Straße") beats a made-up one ("Strasse").
    """
    forms: Counter[str] = Counter()
    for text in texts:
        for match in _WORD.finditer(text):
            if textnorm.stem(textnorm.fold(match.group())) == stem:
                forms[match.group()] += 1
    folded = textnorm.fold(typed)
    typed_stem = textnorm.stem(folded)
    if folded.startswith(typed_stem):
        swapped = stem + folded[len(typed_stem) :]
        if textnorm.stem(swapped) == stem:
            swapped = swapped.capitalize() if typed[:1].isupper() else swapped
            forms.setdefault(swapped, 0)
    if not forms:
        return None

    def nearness(form: str) -> tuple[int, int, int, str]:
        # Unfolded: "Schüle" (a name) is two edits from "Schuhle", "Schule" one.
        distance = edit_distance(form.lower(), typed.lower(), len(typed))
        return distance, -forms[form], len(form), form

    return min(forms, key=nearness)


def _plain_stem(token: str) -> str | None:
    """Return the one stem of a plain typed word; None for filters ("kommune:…"), exclusions
    ("-Wort"), quoted phrases, prefixes ("Kita*") and stop words, which are never corrected."""
    if ":" in token or token.startswith(("-", '"', "„")) or token.endswith("*"):
        return None
    stems = textnorm.query_stems(token)
    return stems[0] if len(stems) == 1 else None


def typed_words(raw: str) -> dict[str, str]:
    """Return the plain words of a typed query by their stem (the first word of each). Pure."""
    words: dict[str, str] = {}
    for token in raw.split():
        stem = _plain_stem(token)
        if stem is not None:
            words.setdefault(stem, token)
    return words


def replace_words(raw: str, replacements: dict[str, str]) -> str:
    """Return the typed query with each plain word of a replaced stem written anew. Pure."""
    out = []
    for token in raw.split():
        stem = _plain_stem(token)
        out.append(replacements.get(stem, token) if stem is not None else token)
    return " ".join(out)


# ---------------------------------------------------------------- the vocabulary table


@dataclass(frozen=True)
class Suggestion:
    """A corrected query: the text to search instead, its words that changed, its hit count."""

    text: str
    words: tuple[str, ...]
    total: int


def _conn() -> BaseDBAsyncClient:
    return get_connection("default")


def _is_postgres(conn: BaseDBAsyncClient) -> bool:
    return str(conn.capabilities.dialect) == "postgres"


async def _built_at(conn: BaseDBAsyncClient) -> datetime | None:
    sql = "SELECT value FROM search_meta WHERE key = " + ("$1" if _is_postgres(conn) else "?")
    try:
        rows = await conn.execute_query_dict(sql, [_META_KEY])
    except Exception:  # no search_meta yet: the index was never built
        return None
    return datetime.fromisoformat(str(rows[0]["value"])) if rows else None


async def _index_terms(conn: BaseDBAsyncClient) -> list[tuple[str, int]]:
    """Return (stem, papers) of the index's letter-only stems in at least MIN_DOCS papers."""
    if _is_postgres(conn):  # one statement in the server; other connections of the pool go on
        rows = await conn.execute_query_dict(_POSTGRES_READ, [MIN_DOCS])
        return [(str(r["term"]), int(r["docs"])) for r in rows]
    # One statement: by letter ranges fts5vocab read the whole index each time (245 s at 100k
    # papers instead of 5.5 s). The bot's other queries on this connection wait meanwhile.
    rows = await conn.execute_query_dict(_SQLITE_READ, [MIN_DOCS])
    return [(str(r["term"]), int(r["docs"])) for r in rows]


async def rebuild_vocabulary() -> int:
    """Copy the index's stems and document counts into search_vocab; return how many."""
    conn = _conn()
    pg = _is_postgres(conn)
    for ddl in _POSTGRES_DDL if pg else _SQLITE_DDL:
        await conn.execute_script(ddl)
    terms = await _index_terms(conn)
    now = datetime.now(UTC).isoformat()
    async with in_transaction() as tx:  # readers see the old or the new list, never none
        await tx.execute_script("DELETE FROM search_vocab")
        if pg:
            await tx.execute_query(
                "INSERT INTO search_vocab (term, docs) SELECT * FROM unnest($1::text[], $2::int[])",
                [[term for term, _ in terms], [docs for _, docs in terms]],
            )
            await tx.execute_query(
                "INSERT INTO search_meta (key, value) VALUES ($1, $2) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [_META_KEY, now],
            )
        else:
            # One statement: executemany through tortoise took 229 s for 40k rows.
            await tx.execute_query(
                "INSERT INTO search_vocab (term, docs) "
                "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)",
                [json.dumps(terms)],
            )
            await tx.execute_query(
                "INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)", [_META_KEY, now]
            )
    return len(terms)


async def _refresh_in_background() -> None:
    try:
        count = await rebuild_vocabulary()
        log.info("search vocabulary refreshed terms=%d", count)
    except Exception:  # a failed refresh keeps the old list; the next lookup tries again
        log.exception("search vocabulary refresh failed")


def _start_refresh() -> asyncio.Future[None]:
    """Start a rebuild in the background, or return the one already running."""
    if _refreshing:
        return next(iter(_refreshing))
    task = asyncio.ensure_future(_refresh_in_background())
    _refreshing.add(task)
    task.add_done_callback(_refreshing.discard)
    return task


async def ensure_vocabulary() -> bool:
    """Return whether there is a vocabulary to suggest from; build or refresh it if needed.

    A missing one is built, but a search waits for that at most FIRST_BUILD_WAIT_S (the build
    goes on in the background); a stale one is refreshed in the background.
    """
    conn = _conn()
    built = await _built_at(conn)
    if built is None:
        try:
            await asyncio.wait_for(asyncio.shield(_start_refresh()), FIRST_BUILD_WAIT_S)
        except TimeoutError:
            return False
        return await _built_at(conn) is not None
    if datetime.now(UTC) - built > VOCABULARY_MAX_AGE:
        _start_refresh()
    return True


async def near_terms(stem: str) -> list[tuple[str, int]]:
    """Return (stem, papers) of the vocabulary's stems that could be `stem` mistyped, and itself."""
    limit = max_edits(stem)
    if limit == 0 or not stem.isascii() or not stem.isalpha():
        return []
    conn = _conn()
    low, high = stem[0], chr(ord(stem[0]) + 1)
    shortest, longest = len(stem) - limit, len(stem) + limit
    if _is_postgres(conn):
        sql = (
            "SELECT term, docs FROM search_vocab WHERE term >= $1 AND term < $2 "
            "AND length(term) BETWEEN $3 AND $4"
        )
    else:
        sql = (
            "SELECT term, docs FROM search_vocab WHERE term >= ? AND term < ? "
            "AND length(term) BETWEEN ? AND ?"
        )
    rows = await conn.execute_query_dict(sql, [low, high, shortest, longest])
    return [(str(r["term"]), int(r["docs"])) for r in rows]


async def corrections(stems: Sequence[str]) -> dict[str, str]:
    """Return, for each stem that has a likely intended stem in the index, that stem."""
    if not await ensure_vocabulary():
        return {}
    found = {}
    for stem in dict.fromkeys(stems):
        better = best_candidate(stem, await near_terms(stem))
        if better is not None:
            found[stem] = better
    return found


async def suggest(query: SearchQuery, found: int) -> Suggestion | None:
    """Return the corrected query for a query that found `found` papers, None if none is better.

    Each corrected stem is written as the papers write it (the most frequent form in the titles
    and snippets of a few papers holding it); the corrected query must find more than `found`.
    """
    from storage.search import ORDER_NEWEST, search  # the package imports nothing from here

    if not query.terms:
        return None
    typed = typed_words(query.raw)
    words = {}
    for stem, better in (await corrections([s for s in query.terms if s in typed])).items():
        # Newest first: any papers with the word will do, and that order needs no ranking.
        result = await search(
            SearchQuery(raw=better, terms=(better,)), limit=SURFACE_HITS, order=ORDER_NEWEST
        )
        texts = [t for h in result.hits for t in (h.title, h.snippet)]
        form = written_form(better, typed[stem], texts)
        if form is not None:
            words[stem] = form
    text = replace_words(query.raw, words)
    if not words or text == " ".join(query.raw.split()):
        return None
    corrected = await search(parse_query(text), limit=1, order=ORDER_NEWEST)
    if corrected.total <= found:
        return None
    return Suggestion(text, tuple(words.values()), corrected.total)
