"""The canonical faction table (fetcher/data/factions.json) and lookups. Pure; reads its data once.

One table serves the parser (submitters → factions) and the bot's subscriptions
("/abo Leipzig Grüne").
To add a party or a local group, add an entry to the JSON file; no code change is needed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WORD = r"(?<![\wÄÖÜäöüß]){}(?![\wÄÖÜäöüß])"
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True)
class _Faction:
    name: str
    slug: str
    local: str | None
    patterns: tuple[re.Pattern[str], ...]
    patterns_cs: tuple[re.Pattern[str], ...]


@cache
def _table() -> tuple[_Faction, ...]:
    raw = json.loads(resources.files("fetcher").joinpath("data/factions.json").read_text("utf-8"))
    return tuple(
        _Faction(
            name=entry["name"],
            slug=entry["slug"],
            local=entry.get("local"),
            patterns=tuple(re.compile(_WORD.format(a)) for a in entry.get("aliases", [])),
            patterns_cs=tuple(re.compile(_WORD.format(a)) for a in entry.get("aliases_cs", [])),
        )
        for entry in raw["factions"]
    )


@cache
def _any_alias() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return one pattern for any lower-case alias and one for any case-sensitive alias, without
    their word edges: a text in which one finds nothing names no party of that kind (one search
    instead of one per alias; most texts the parser asks about name none)."""
    lower = [p.pattern for f in _table() for p in f.patterns]
    cased = [p.pattern for f in _table() for p in f.patterns_cs]
    return _alternation(lower), _alternation(cased)


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    edge_before, edge_after = _WORD.split("{}")
    cores = [p[len(edge_before) : len(p) - len(edge_after)] for p in patterns]
    return re.compile("|".join(f"(?:{core})" for core in cores) or r"(?!)")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def _matches(text: str) -> list[tuple[int, int, str]]:
    """Return non-overlapping (start, end, name) matches, the longest match per place."""
    return faction_spans(_normalise(text))


def faction_spans(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, canonical name) of every party the table knows in `text`, as printed.

    Offsets index `text` itself (no whitespace folding); the longest match wins per place.
    """
    lower = text.lower()
    any_lower, any_cased = _any_alias()
    lower_named, cased_named = bool(any_lower.search(lower)), bool(any_cased.search(text))
    found: list[tuple[int, int, str]] = []
    for faction in _table():
        for pattern in faction.patterns if lower_named else ():
            found += [(m.start(), m.end(), faction.name) for m in pattern.finditer(lower)]
        for pattern in faction.patterns_cs if cased_named else ():
            found += [(m.start(), m.end(), faction.name) for m in pattern.finditer(text)]
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str]] = []
    for match in found:
        if kept and match[0] < kept[-1][1]:
            continue
        kept.append(match)
    return kept


def canonical_faction(text: str) -> str | None:
    """Return the canonical name of the first faction named in `text`, or None."""
    matches = _matches(text)
    return matches[0][2] if matches else None


def factions_in(text: str) -> list[str]:
    """Return every canonical faction named in a submitter string, in order, without repeats."""
    names: list[str] = []
    for _, _, name in _matches(text):
        if name not in names:
            names.append(name)
    return names


def faction_slug(name: str) -> str:
    """Return the ASCII slug of a faction ("gruene"); unknown groups are slugified as printed."""
    canonical = canonical_faction(name)
    for faction in _table():
        if faction.name == canonical:
            return faction.slug
    ascii_name = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLIT))
    ascii_name = ascii_name.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def all_factions() -> list[str]:
    """Return the canonical names of all factions in the table, parties first."""
    return [f.name for f in _table()]


def parties() -> list[str]:
    """Return the canonical names of the parties (factions not tied to one council)."""
    return [f.name for f in _table() if f.local is None]


# "Fraktion Bündnis 90/Die Grünen", "SPD-Stadtratsfraktion", "Ratsfraktion DIE LINKE"; the word
# must end there, so "Fraktionsgeschäftsstelle" (Karlsruhe's faction office, short name "Frak")
# is no faction.
_FACTION_WORD = re.compile(
    r"(?<![\wÄÖÜäöüß])(?:[\wäöüß]*-)?(?:stadtrats|gemeinderats|rats|kreistags)?fraktion(?:en)?"
    r"(?![\wÄÖÜäöüß])",
    re.IGNORECASE,
)
_NOT_FACTION = re.compile(r"gesch[äa]ftsstelle|geschäftsführ|büro|mitarbeiter", re.IGNORECASE)


def is_faction_organization(
    name: str, classification: str | None = None, organization_type: str | None = None
) -> bool:
    """Return whether an OParl Organization is a faction (Fraktion or Gruppe in the council).

    Sternberg (Hürtgenwald) says so in `organizationType` ("Fraktion"), others in
    `classification`; without either, a name with the word "Fraktion" counts, unless it names
    an office of the factions ("Fraktionsgeschäftsstelle").
    """
    for label in (classification, organization_type):
        if label and _FACTION_WORD.search(label):
            return not _NOT_FACTION.search(name)
    if classification or organization_type:
        return False
    return bool(_FACTION_WORD.search(name)) and not _NOT_FACTION.search(name)


def local_faction(text: str, choices: list[str]) -> str | None:
    """Return the Kommune's group that `text` names exactly (case and spacing aside), if any."""
    wanted = " ".join(text.strip(' "').split()).casefold()
    return next((c for c in choices if " ".join(c.split()).casefold() == wanted), None)
