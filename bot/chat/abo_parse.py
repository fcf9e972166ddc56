"""Read what a user asks to subscribe to: `/abo` arguments and deep-link payloads. Pure, no I/O.

    /abo Leipzig                      every new inquiry of Leipzig (and its answers)
    /abo Leipzig Grüne                a word naming a faction → that faction, else a keyword
    /abo "Bad Kreuznach" Radverkehr   a quoted Kommune; several words work unquoted as well
    /abo Leipzig fraktion:Linke typ:Antrag
    /abo stichwort:"freie Träger"     no Kommune: every Kommune; quotes ask for the exact phrase

Deep links (https://t.me/<bot>?start=<payload>, ≤ 64 characters of A-Za-z0-9_-, Telegram's
limit: https://core.telegram.org/bots/features#deep-linking):

    <kommune-slug>                    leipzig                 every inquiry of Leipzig
    <kommune-slug>-<faction-slug>     leipzig-gruene          Leipzig · Bündnis 90/Die Grünen
    <kommune-slug>-s-<keyword>        leipzig-s-radverkehr    Leipzig · keyword "radverkehr"
    alle-s-<keyword>                  alle-s-tempo_30         every Kommune · keyword "tempo 30"

Kommune slugs may contain "-" ("bad-kreuznach"), so a payload is read against the known slugs,
longest first. A keyword travels folded (storage.textnorm.fold: "ü" → "u", "ß" → "ss") with "_"
for spaces; matching folds the same way, so "buergerbeteiligung" is not needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.chat.kommune_names import KommuneProblem, unserved_kommune
from bot.chat.kommune_names import KommuneRef as KommuneRef  # re-exported for its users
from bot.chat.kommune_names import match_kommune as match_kommune
from bot.chat.kommune_names import unknown_kommune as unknown_kommune
from bot.messages import chat_texts as t
from fetcher.factions import all_factions, canonical_faction, faction_slug
from storage.textnorm import fold, query_stems

EVERY_KOMMUNE_SLUG = "alle"
KEYWORD_MARK = "s"
MAX_KOMMUNE_WORDS = 4
KINDS = ("Anfrage", "Antrag", "Vorlage", "alle")

_QUOTES = str.maketrans({c: '"' for c in "„“”«»‟〝〞＂"})
_PIECE = re.compile(
    r'(?P<key>[A-Za-zÄÖÜäöü]+):(?:"(?P<qval>[^"]*)"?|(?P<val>\S*))|"(?P<q>[^"]*)"?|(?P<w>\S+)'
)
_KEYS = {
    "fraktion": "fraktion",
    "partei": "fraktion",
    "stichwort": "stichwort",
    "wort": "stichwort",
    "typ": "typ",
    "art": "typ",
    "kommune": "kommune",
    "stadt": "kommune",
    "gemeinde": "kommune",
}
_KIND_PREFIXES = (("anfrag", "Anfrage"), ("antr", "Antrag"), ("vorlag", "Vorlage"), ("all", "alle"))
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Words that may stand beside a faction's name without changing what it names ("die Linke").
_FACTION_FILLERS = frozenset({"fraktion", "ratsfraktion", "stadtratsfraktion", "die", "der"})


@dataclass(frozen=True)
class AboRequest:
    """What to subscribe to. `kommune` None means every Kommune."""

    kommune: KommuneRef | None
    faction: str | None = None
    keyword: str | None = None
    kind: str = "Anfrage"
    # The free word that was read as a faction: the keyword subscription it could have been.
    alternative_keyword: str | None = None
    # How a free word was read ("faction" or "keyword"), for the confirmation; None if explicit.
    guessed: str | None = None
    # Further keywords (`stichwort:` given more than once): one subscription each, so a paper
    # that names any of them arrives (once per chat).
    more_keywords: tuple[str, ...] = ()

    @property
    def keywords(self) -> tuple[str, ...]:
        """Return every keyword of the request (none, one or several)."""
        return ((self.keyword,) if self.keyword else ()) + self.more_keywords


# Why the arguments cannot be used: a German sentence and, for a Kommune, the closest names.
AboProblem = KommuneProblem


def _normal(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


def parse_kind(value: str) -> str | None:
    """Return the subscription kind for a `typ:` value ("Anträge" → "Antrag"), or None."""
    folded = fold(value).strip()
    for prefix, kind in _KIND_PREFIXES:
        if folded.startswith(prefix):
            return kind
    return None


def names_faction(text: str) -> str | None:
    """Return the canonical faction when the whole text names one ("die Grünen"), else None.

    "Radweg Grüne" mentions a faction but is not one: every word must belong to the faction's
    name (or name a faction itself), so such a text stays a keyword.
    """
    faction = canonical_faction(text)
    if faction is None:
        return None
    name_words = {fold(w) for w in re.split(r"[\s/]+", faction) if w}
    for word in text.split():
        parts = [p for p in re.split(r"/", word) if p]
        if canonical_faction(word) is not None:
            continue
        if all(fold(p) in name_words or fold(p) in _FACTION_FILLERS for p in parts):
            continue
        return None
    return faction


def keyword_problem(keyword: str) -> AboProblem | None:
    """Return why a keyword cannot be subscribed to (empty, only stop words), or None."""
    if not keyword.strip(' "'):
        return AboProblem(t.ABO_KEYWORD_EMPTY)
    if not query_stems(keyword):  # "die", "für": the matcher could never match it
        return AboProblem(t.ABO_KEYWORD_TOO_COMMON.format(keyword=keyword.strip('"')[:40]))
    return None


def parse_abo(text: str, kommunen: Sequence[KommuneRef]) -> AboRequest | AboProblem:
    """Return what `/abo <text>` asks for, or the problem to tell the user.

    Free words after the Kommune: a faction's name at the start or end, the rest a keyword
    (both must match: "SPD Radweg" is SPD's papers about Radweg). `stichwort:` may repeat: a
    paper with any of the words arrives.
    """
    explicit: dict[str, str] = {}
    keywords: list[str] = []
    free: list[tuple[str, bool]] = []  # (word or phrase, quoted)
    for m in _PIECE.finditer(_normal(text)):
        if m["key"] is not None:
            key = _KEYS.get(m["key"].casefold())
            if key is None:
                return AboProblem(t.ABO_UNKNOWN_KEY.format(key=m["key"][:30]))
            value = (m["qval"] if m["qval"] is not None else m["val"] or "").strip()
            if not value:
                return AboProblem(t.ABO_MISSING_VALUE.format(key=key))
            quoted = m["qval"] is not None and key == "stichwort" and len(value.split()) > 1
            if key == "stichwort":
                keywords.append(f'"{value}"' if quoted else value)
            explicit[key] = f'"{value}"' if quoted else value
        elif m["q"] is not None:
            if m["q"].strip():
                free.append((m["q"].strip(), True))
        else:
            free.append((m["w"], False))

    kind = "Anfrage"
    if "typ" in explicit:
        parsed_kind = parse_kind(explicit["typ"])
        if parsed_kind is None:
            return AboProblem(t.ABO_UNKNOWN_KIND.format(value=explicit["typ"][:30]))
        kind = parsed_kind

    faction = explicit.get("fraktion")
    if faction is not None:
        faction = canonical_faction(faction) or " ".join(faction.split())

    kommune: KommuneRef | None = None
    if "kommune" in explicit:
        kommune = match_kommune(explicit["kommune"], kommunen)
        if kommune is None:
            return unknown_kommune(explicit["kommune"], kommunen)
    elif free:
        kommune, used = _leading_kommune(free, kommunen)
        if kommune is None:
            return _no_kommune(free, kommunen, faction, kind)
        free = free[used:]
    if kommune is not None and not kommune.served:
        return unserved_kommune(kommune, kommunen)

    guessed: str | None = None
    alternative: str | None = None
    if free:
        found, rest = (None, free) if faction is not None else _split_faction(free)
        if found is not None:
            faction, guessed = found
            words = " ".join(w for w, _ in free)
            # "Bündnis 90/Die Grünen" typed in full is no keyword anyone meant; "Grüne Welle"
            # (read as Greens + "Welle") may well be one: the confirmation offers it.
            alternative = None if fold(words) == fold(faction) else words
        if rest:
            phrase = " ".join(f'"{w}"' if q and len(w.split()) > 1 else w for w, q in rest)
            if keywords:
                keywords[0] = f"{keywords[0]} {phrase}"
            else:
                keywords.append(phrase)
                guessed = guessed or "keyword"
    if kommune is None and faction is None and not keywords:
        if "typ" in explicit:
            message = t.ABO_KIND_NEEDS_KOMMUNE.format(kind=t.LABEL_KINDS[kind], value=kind)
            return AboProblem(message)
        return AboProblem(t.ABO_NOTHING)
    for keyword in keywords:
        too_vague = keyword_problem(keyword)
        if too_vague is not None:
            return too_vague
    keywords = list(dict.fromkeys(keywords))
    first = keywords[0] if keywords else None
    return AboRequest(kommune, faction, first, kind, alternative, guessed, tuple(keywords[1:]))


def _split_faction(
    free: Sequence[tuple[str, bool]],
) -> tuple[tuple[str, str] | None, list[tuple[str, bool]]]:
    """Return ((faction, "faction"), the other words) when the words begin or end with a
    faction's name; else (None, all words)."""
    for count in range(len(free), 0, -1):
        for part, rest in ((free[:count], free[count:]), (free[-count:], free[:-count])):
            if any(q for _, q in part):
                continue
            named = names_faction(" ".join(w for w, _ in part))
            if named is not None:
                return (named, "faction"), list(rest)
    return None, list(free)


def _no_kommune(
    free: Sequence[tuple[str, bool]],
    kommunen: Sequence[KommuneRef],
    faction: str | None,
    kind: str,
) -> AboProblem:
    """Return the problem when the free words name no Kommune (maybe only a faction)."""
    named = None if any(q for _, q in free) else names_faction(" ".join(w for w, _ in free))
    if named is not None or (faction is not None and not free):
        return AboProblem(t.ABO_FACTION_NEEDS_KOMMUNE.format(faction=named or faction))
    problem = unknown_kommune(free[0][0], kommunen)
    if not problem.suggestions and len(free) > 1 and not free[1][1]:
        two = unknown_kommune(f"{free[0][0]} {free[1][0]}", kommunen)
        problem = two if two.suggestions else problem
    return problem


def _leading_kommune(
    free: Sequence[tuple[str, bool]], kommunen: Sequence[KommuneRef]
) -> tuple[KommuneRef | None, int]:
    """Return the Kommune named by the first free words (longest match) and how many it took."""
    if free[0][1]:
        return match_kommune(free[0][0], kommunen), 1
    for count in range(min(MAX_KOMMUNE_WORDS, len(free)), 0, -1):
        words = free[:count]
        if any(quoted for _, quoted in words):
            continue
        ref = match_kommune(" ".join(w for w, _ in words), kommunen)
        if ref is not None:
            return ref, count
    return None, 0


# ---------------------------------------------------------------- deep links


def _keyword_slug(keyword: str) -> str:
    folded = fold(keyword.replace('"', " "))
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def deep_link_payload(
    kommune_slug: str | None, *, faction: str | None = None, keyword: str | None = None
) -> str:
    """Return the /start payload for a subscription (ValueError if it cannot be one).

    `kommune_slug` None means every Kommune, which needs a keyword.
    """
    if faction and keyword:
        raise ValueError("a deep link holds a faction or a keyword, not both")
    base = kommune_slug or EVERY_KOMMUNE_SLUG
    if kommune_slug is None and not keyword:
        raise ValueError("a deep link for every Kommune needs a keyword")
    if faction:
        payload = f"{base}-{faction_slug(faction)}"
    elif keyword:
        slug = _keyword_slug(keyword)
        if not slug:
            raise ValueError(f"keyword {keyword!r} has no letters or digits")
        payload = f"{base}-{KEYWORD_MARK}-{slug}"
    else:
        payload = base
    if not _PAYLOAD.match(payload):
        raise ValueError(f"deep-link payload {payload!r} is not ≤ 64 characters of A-Za-z0-9_-")
    return payload


def parse_deep_link(payload: str, kommunen: Sequence[KommuneRef]) -> AboRequest | None:
    """Return the subscription a /start payload stands for, or None if it names none."""
    if not _PAYLOAD.match(payload):
        return None
    payload = payload.lower()
    kommune: KommuneRef | None = None
    rest: str | None = None
    if payload == EVERY_KOMMUNE_SLUG or payload.startswith(EVERY_KOMMUNE_SLUG + "-"):
        rest = payload[len(EVERY_KOMMUNE_SLUG) + 1 :]
    for ref in sorted(kommunen, key=lambda r: len(r.slug), reverse=True):
        if rest is not None:
            break
        if payload == ref.slug or payload.startswith(ref.slug + "-"):
            kommune, rest = ref, payload[len(ref.slug) + 1 :]
    if rest is None:
        return None
    if not rest:
        return AboRequest(kommune) if kommune is not None else None
    if rest.startswith(KEYWORD_MARK + "-"):
        keyword = rest[len(KEYWORD_MARK) + 1 :].replace("_", " ").replace("-", " ").strip()
        return AboRequest(kommune, keyword=keyword) if keyword else None
    if kommune is None:
        return None
    for name in all_factions():
        if faction_slug(name) == rest:
            return AboRequest(kommune, faction=name)
    return None
