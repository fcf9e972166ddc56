"""Is an earlier inquiry on the same topic? Scoring over title and questions. Pure, no I/O.

An inquiry's terms are the stems of its title (counted twice: the title names the topic) and of
its questions. Each term weighs its rarity among the Kommune's inquiries (idf, from the search
index's match counts), so "Hundekotbeutel" decides and "Stadt" does not. Candidates covering
much of the new inquiry's weight are then scored by the idf-weighted Jaccard of both term sets;
precision-first: `MIN_SCORE` and `MIN_SHARED` were chosen on labelled pairs
(docs/benchmarks.md, "Wurde das schon gefragt?").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from storage.textnorm import query_stems

TITLE_WEIGHT = 2.0
MAX_TERMS = 30
# A term in more than this share of the Kommune's inquiries says nothing about the topic.
MAX_DOC_SHARE = 0.2
MIN_SCORE = 0.4
MIN_SHARED = 3
# Candidates by query coverage, then scored exactly (their own terms' rarity looked up).
PREFILTER_SCORE = 0.1
PREFILTER_LIMIT = 5


@dataclass(frozen=True)
class TopicText:
    """The words an inquiry is about: its title and numbered questions."""

    title: str
    questions: tuple[str, ...] = ()


def weighted_terms(text: TopicText) -> dict[str, float]:
    """Return the inquiry's terms with their in-document weight (title terms count double)."""
    terms: dict[str, float] = {}
    for term in query_stems(text.title):
        if not term.isdigit():
            terms[term] = TITLE_WEIGHT
    for question in text.questions:
        for term in query_stems(question):
            if not term.isdigit():
                terms.setdefault(term, 1.0)
        if len(terms) >= MAX_TERMS:
            break
    return dict(list(terms.items())[:MAX_TERMS])


def term_set(text: TopicText) -> frozenset[str]:
    """Return every term of title and questions (the earlier inquiry's side)."""
    found: set[str] = set(query_stems(text.title))
    for question in text.questions:
        found.update(query_stems(question))
    return frozenset(found)


def idf(doc_count: int, total_docs: int) -> float:
    """Return the rarity weight of a term found in `doc_count` of `total_docs` inquiries."""
    return math.log((total_docs + 1) / (doc_count + 1))


def topic_score(
    query: Mapping[str, float],
    candidate: Iterable[str],
    doc_counts: Mapping[str, int],
    total_docs: int,
) -> tuple[float, int]:
    """Return (share of the query's weight the candidate carries, number of shared terms)."""
    have = set(candidate)
    limit = MAX_DOC_SHARE * total_docs
    total = shared = 0.0
    count = 0
    for term, weight in query.items():
        docs = doc_counts.get(term, 0)
        if docs > limit:
            continue
        w = weight * idf(docs, total_docs)
        total += w
        if term in have:
            shared += w
            count += 1
    return (shared / total if total else 0.0), count


def is_same_topic(
    score: float, shared: int, min_score: float = MIN_SCORE, min_shared: int = MIN_SHARED
) -> bool:
    """Return whether a score is high enough to say "Schon gefragt"."""
    return score >= min_score and shared >= min_shared


def weighted_jaccard(
    query: Mapping[str, float],
    candidate: Mapping[str, float],
    doc_counts: Mapping[str, int],
    total_docs: int,
) -> tuple[float, int]:
    """Return (idf-weighted Jaccard of the two inquiries' terms, number of shared terms).

    Symmetric, unlike `topic_score`: a long earlier inquiry that mentions everything does not
    match everything. Terms in more than MAX_DOC_SHARE of the inquiries are left out.
    """
    limit = MAX_DOC_SHARE * total_docs
    shared = union = 0.0
    count = 0
    for term in set(query) | set(candidate):
        docs = doc_counts.get(term)
        if docs is None or docs > limit:
            continue
        rarity = idf(docs, total_docs)
        q, c = query.get(term, 0.0), candidate.get(term, 0.0)
        union += max(q, c) * rarity
        if q and c:
            shared += min(q, c) * rarity
            count += 1
    return (shared / union if union else 0.0), count


@dataclass(frozen=True)
class Scored:
    """A candidate's id and its score."""

    paper_id: int
    score: float
    shared: int


def prefilter(
    query: Mapping[str, float],
    candidates: Sequence[tuple[int, frozenset[str]]],
    doc_counts: Mapping[str, int],
    total_docs: int,
    *,
    limit: int = PREFILTER_LIMIT,
) -> list[int]:
    """Return the ids of the candidates covering most of the query (to score them exactly)."""
    scored = []
    for paper_id, terms in candidates:
        score, shared = topic_score(query, terms, doc_counts, total_docs)
        if shared >= 2 and score >= PREFILTER_SCORE:
            scored.append((score, paper_id))
    scored.sort(key=lambda s: (-s[0], -s[1]))
    return [paper_id for _, paper_id in scored[:limit]]


def best_matches(
    query: Mapping[str, float],
    candidates: Sequence[tuple[int, Mapping[str, float]]],
    doc_counts: Mapping[str, int],
    total_docs: int,
    *,
    limit: int = 3,
    min_score: float = MIN_SCORE,
    min_shared: int = MIN_SHARED,
) -> list[Scored]:
    """Return up to `limit` candidates on the same topic, best first."""
    scored = []
    for paper_id, terms in candidates:
        score, shared = weighted_jaccard(query, terms, doc_counts, total_docs)
        if is_same_topic(score, shared, min_score, min_shared):
            scored.append(Scored(paper_id, score, shared))
    scored.sort(key=lambda s: (-s.score, -s.paper_id))
    return scored[:limit]


# A title this long that a Kommune uses twice names one topic ("Anfrage" or "Haushalt" may not).
SAME_TITLE_MIN_CHARS = 25


def is_follow_up(
    title: str, reference: str | None, earlier_title: str, earlier_reference: str | None
) -> bool:
    """Return whether an inquiry continues an earlier one: its reference extends the earlier
    one's ("2021/0947/1" after "2021/0947", the Ergänzungsanfrage), or both carry the same long
    title. Such a pair is the same topic whatever their questions' words. Pure."""
    if reference and earlier_reference:
        ref, earlier = reference.strip(), earlier_reference.strip()
        if ref.startswith(earlier) and ref[len(earlier) : len(earlier) + 1] in ("/", "-", "."):
            return True
    same = " ".join(title.casefold().split())
    return len(same) >= SAME_TITLE_MIN_CHARS and same == " ".join(earlier_title.casefold().split())
