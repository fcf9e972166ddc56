"""Subscription matching: which chats want a paper, via an index over subscriptions. Pure, no I/O.

`SubscriptionIndex` is built once from all subscription rows and answers `matching_chats` for one
paper in time proportional to the subscriptions that can match it, not to all subscriptions:

- the kinds a paper satisfies (an Antwort satisfies "Anfrage" and "alle") and its Kommune (plus
  "every Kommune") select a bucket;
- in the bucket, plain Kommune subscriptions are a list, faction subscriptions a dict keyed by the
  canonical faction, keyword subscriptions an inverted index keyed by one stem of the keyword
  (its longest, a cheap stand-in for "rarest"); candidates found through it are then checked for
  all their stems (and the phrase, for a keyword in quotes).

Keywords use the same German normalisation as search (storage.textnorm): the keyword's
`query_stems` must all be among the paper's `stems`, so "Schule" finds "Schulen" and
"Grundschulsanierung".
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from fetcher.factions import canonical_faction
from storage.subscriptions import SubscriptionRow
from storage.textnorm import index_terms, query_stems, stems

# Subscription kinds (Subscription.kind) and the paper kinds (fetcher.model.KINDS) each covers.
SUBSCRIPTION_KINDS = ("Anfrage", "Antrag", "Vorlage", "alle")
_ACCEPTED_BY: dict[str, tuple[str, ...]] = {
    "Anfrage": ("Anfrage", "alle"),
    # An answer belongs to its inquiry: "Anfrage" means inquiries and their answers.
    "Antwort": ("Anfrage", "alle"),
    "Antrag": ("Antrag", "alle"),
    "Vorlage": ("Vorlage", "alle"),
    "Informationsvorlage": ("Vorlage", "alle"),
}
_QUOTES = ('"', "„", "“", "”", "'", "‚", "‘", "’", "»", "«")
# Freeze the garbage collector's view of indexes from this size on (see SubscriptionIndex).
_FREEZE_FROM = 10_000
_PHRASE_GAP = " | "  # between title, questions and text: a phrase never spans two of them

ChatMatches = dict[int, list[int]]
"""Chat row id (storage.models.Chat.id, the Notification FK) → ids of its matching subscriptions."""


@dataclass(frozen=True)
class PaperFacts:
    """What matching needs to know about one paper (build it with `paper_facts`)."""

    kommune_id: int
    kind: str
    factions: frozenset[str]
    stems: frozenset[str]
    # Stems in order, texts separated by _PHRASE_GAP, padded with spaces: for phrase keywords.
    phrase_text: str = ""


@dataclass(frozen=True)
class Keyword:
    """A keyword as matching uses it: its stems and whether it must occur as a phrase."""

    stems: tuple[str, ...]
    phrase: bool

    @property
    def phrase_pattern(self) -> str:
        """Return the padded stem sequence looked for in `PaperFacts.phrase_text`."""
        return " " + " ".join(self.stems) + " "


@dataclass(frozen=True)
class _Sub:
    id: int
    chat: int
    faction: str | None
    keyword: Keyword | None


def accepting_kinds(paper_kind: str) -> tuple[str, ...]:
    """Return the subscription kinds a paper of `paper_kind` satisfies."""
    return _ACCEPTED_BY.get(paper_kind, ("alle",))


def parse_keyword(text: str) -> Keyword:
    """Return the keyword's stems; quotes around it ("freie Träger") ask for the exact phrase."""
    stripped = text.strip()
    phrase = len(stripped) >= 2 and stripped[0] in _QUOTES and stripped[-1] in _QUOTES
    terms = tuple(query_stems(stripped))
    return Keyword(terms, phrase and len(terms) > 1)


def normalise_faction(name: str) -> str:
    """Return the canonical faction name (fetcher.factions), or the name as given if unknown."""
    return canonical_faction(name) or " ".join(name.split())


def paper_facts(
    kommune_id: int,
    kind: str,
    factions: Iterable[str],
    texts: Sequence[str | None],
) -> PaperFacts:
    """Return the matching facts of a paper from its Kommune, kind, factions and texts."""
    present = [t for t in texts if t]
    all_stems: set[str] = set()
    for text in present:
        all_stems |= stems(text)
    phrase_text = _PHRASE_GAP.join(" ".join(index_terms(t)) for t in present)
    return PaperFacts(
        kommune_id=kommune_id,
        kind=kind,
        factions=frozenset(normalise_faction(f) for f in factions if f and f.strip()),
        stems=frozenset(all_stems),
        phrase_text=f" {phrase_text} ",
    )


def merge_facts(base: PaperFacts, extra: PaperFacts) -> PaperFacts:
    """Return `base` plus the factions and words of `extra` (an answer inherits its inquiry's)."""
    return PaperFacts(
        kommune_id=base.kommune_id,
        kind=base.kind,
        factions=base.factions | extra.factions,
        stems=base.stems | extra.stems,
        phrase_text=base.phrase_text + _PHRASE_GAP.strip() + extra.phrase_text,
    )


class SubscriptionIndex:
    """An index over active subscriptions for `matching_chats`."""

    def __init__(self, rows: Iterable[SubscriptionRow]) -> None:
        """Index every subscription that is not paused and whose chat is active."""
        # Keys start with (subscription kind, kommune id or None for "every Kommune").
        self._plain: dict[tuple[str, int | None], list[_Sub]] = defaultdict(list)
        self._faction: dict[tuple[str, int | None], dict[str, list[_Sub]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._keyword: dict[tuple[str, int | None], dict[str, list[_Sub]]] = defaultdict(
            lambda: defaultdict(list)
        )
        factions: dict[str, str] = {}  # few distinct spellings: canonicalise each once
        keywords: dict[str, Keyword] = {}
        self.size = 0
        for row in rows:
            if row.paused or not row.chat_active or row.kind not in SUBSCRIPTION_KINDS:
                continue
            faction = None
            if row.faction and row.faction.strip():
                if row.faction not in factions:
                    factions[row.faction] = normalise_faction(row.faction)
                faction = factions[row.faction]
            keyword = None
            if row.keyword and row.keyword.strip():
                if row.keyword not in keywords:
                    keywords[row.keyword] = parse_keyword(row.keyword)
                keyword = keywords[row.keyword]
                if not keyword.stems:
                    continue  # only stop words ("die"): it can never match anything
            sub = _Sub(row.id, row.chat, faction, keyword)
            bucket = (row.kind, row.kommune_id)
            if keyword is not None:
                self._keyword[bucket][max(keyword.stems, key=len)].append(sub)
            elif faction is not None:
                self._faction[bucket][faction].append(sub)
            else:
                self._plain[bucket].append(sub)
            self.size += 1
        if self.size >= _FREEZE_FROM:
            # A big index lives until subscriptions change: move it out of the collector's
            # generations, or every full collection walks all its objects in the middle of a
            # match (at 100k: p95 71 → 12 ms, docs/benchmarks.md). Frozen objects are still freed
            # by reference counting; only cyclic garbage alive at this moment is never collected,
            # so small, short-lived indexes (one chat's, for alerts) are not frozen.
            gc.freeze()

    def candidates(self, paper: PaperFacts) -> Iterable[_Sub]:
        """Yield the subscriptions that can match the paper (superset; `_matches` decides)."""
        for kind in accepting_kinds(paper.kind):
            for kommune in (paper.kommune_id, None):
                bucket = (kind, kommune)
                yield from self._plain.get(bucket, ())
                by_faction = self._faction.get(bucket)
                if by_faction:
                    for faction in paper.factions:
                        yield from by_faction.get(faction, ())
                by_stem = self._keyword.get(bucket)
                if by_stem:
                    yield from _lookup(by_stem, paper.stems)


def _lookup(by_stem: Mapping[str, list[_Sub]], paper_stems: frozenset[str]) -> Iterable[_Sub]:
    # Walk the smaller side: few keywords in a bucket, or a short paper.
    if len(by_stem) < len(paper_stems):
        for term, subs in by_stem.items():
            if term in paper_stems:
                yield from subs
    else:
        for term in paper_stems:
            found = by_stem.get(term)
            if found:
                yield from found


def _matches(sub: _Sub, paper: PaperFacts) -> bool:
    if sub.faction is not None and sub.faction not in paper.factions:
        return False
    keyword = sub.keyword
    if keyword is None:
        return True
    if not all(term in paper.stems for term in keyword.stems):
        return False
    return not keyword.phrase or keyword.phrase_pattern in paper.phrase_text


def matching_chats(index: SubscriptionIndex, paper: PaperFacts) -> ChatMatches:
    """Return, per chat, the ids of its subscriptions the paper matches (one message per chat)."""
    result: ChatMatches = {}
    for sub in index.candidates(paper):
        if _matches(sub, paper):
            result.setdefault(sub.chat, []).append(sub.id)
    for ids in result.values():
        ids.sort()
    return result
