"""Finding a Kommune by what a user types: exact names, prefixes and typos. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.messages import chat_texts as t
from fetcher.endpoints import slugify

_QUOTES = str.maketrans({c: '"' for c in "„“”«»‟〝〞＂"})
MIN_PREFIX_CHARS = 3


@dataclass(frozen=True)
class KommuneRef:
    """A Kommune the bot knows: in the database (`kommune_id`) or only in the bundled list.

    `served` is False for a Kommune this bot does not poll (OPARL_ENDPOINTS names others): it
    is recognised, so that the answer can say so, but never subscribed to.
    """

    name: str
    slug: str
    kommune_id: int | None = None
    served: bool = True


@dataclass(frozen=True)
class KommuneProblem:
    """Why a name is no Kommune to subscribe to: a German sentence and the closest names."""

    message: str
    suggestions: tuple[KommuneRef, ...] = ()


def _key(text: str) -> str:
    return slugify(" ".join(text.translate(_QUOTES).split()).strip('"'))


def sort_key(ref: KommuneRef) -> str:
    """Return the key that sorts Kommunen alphabetically by their plain name ("Stadt " aside)."""
    return slugify(ref.name) or ref.slug


def match_kommune(text: str, kommunen: Sequence[KommuneRef]) -> KommuneRef | None:
    """Return the Kommune the text names exactly ("Leipzig", "Stadt Leipzig", "leipzig")."""
    wanted = _key(text)
    if not wanted:
        return None
    for ref in kommunen:
        if wanted in (ref.slug, slugify(ref.name)):
            return ref
    return None


def edit_distance(a: str, b: str, limit: int = 99) -> int:
    """Return the Levenshtein distance of two strings (or `limit + 1` once it exceeds `limit`)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def closest_kommunen(
    text: str, kommunen: Sequence[KommuneRef], limit: int = 3
) -> tuple[KommuneRef, ...]:
    """Return up to `limit` Kommunen the text may mean: names it begins ("Karls" → Karlsruhe),
    then names within a few typos (one per four letters), nearest first."""
    wanted = _key(text)
    if not wanted:
        return ()
    allowed = max(1, len(wanted) // 4)
    scored: dict[KommuneRef, tuple[int, int, str]] = {}
    for ref in kommunen:
        for key in {ref.slug, slugify(ref.name)}:
            if len(wanted) >= MIN_PREFIX_CHARS and key.startswith(wanted):
                score = (0, len(key) - len(wanted), sort_key(ref))
            else:
                distance = edit_distance(wanted, key, allowed)
                if distance > allowed:
                    continue
                score = (1, distance, sort_key(ref))
            if ref not in scored or score < scored[ref]:
                scored[ref] = score
    return tuple(sorted(scored, key=lambda r: scored[r])[:limit])


def unknown_kommune(text: str, kommunen: Sequence[KommuneRef]) -> KommuneProblem:
    """Return the problem "no such Kommune" with the closest names as suggestions."""
    suggestions = closest_kommunen(text, [k for k in kommunen if k.served])
    shown = text.strip('"')[:60]
    if suggestions:
        names = ", ".join(s.name for s in suggestions)
        return KommuneProblem(
            t.KOMMUNE_UNKNOWN_SUGGEST.format(name=shown, names=names), suggestions
        )
    return KommuneProblem(t.KOMMUNE_UNKNOWN.format(name=shown))


def unserved_kommune(ref: KommuneRef, kommunen: Sequence[KommuneRef]) -> KommuneProblem:
    """Return the plain refusal for a Kommune this bot does not poll, naming those it does."""
    served = sorted((k for k in kommunen if k.served), key=sort_key)
    names = ", ".join(k.name for k in served[:8]) + (" …" if len(served) > 8 else "")
    message = t.KOMMUNE_NOT_SERVED.format(name=ref.name, names=names)
    return KommuneProblem(message, tuple(served[:3]))
