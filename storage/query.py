"""The /suche query language: parse what a user typed into a SearchQuery. Pure, no I/O.

    Schulen Radweg            both words (any German form: Schule, Schulen, Grundschulsanierung)
    "Haus der Jugend" „…“     the words in this order
    -Parkplatz  -"Tempo 30"   without this word or phrase
    Kita*                     words starting with Kita (at least 3 letters before the *)
    kommune:Leipzig  kommune:"Bad Homburg"
    fraktion:Grüne            canonical faction name (fetcher.factions)
    typ:Anfrage               Anfrage|Antwort|Antrag|Vorlage|Informationsvorlage|Niederschrift|alle
    seit:2024-01-31           on or after this date (also 31.01.2024)
    VII-F-08632, 2019/1154, F-00724/14   an Aktenzeichen: that paper first

Anything else is text: AND/OR/NEAR and SQL are just words (or dropped), stray quotes and stars are
ignored. Every input gives a SearchQuery or a QueryError with a German message for the user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from fetcher.classify import normalise_reference
from storage import textnorm

MAX_QUERY_CHARS = 300
MAX_TERMS = 20
# A prefix of fewer letters matches most of the index: too slow at a million papers, and useless.
MIN_PREFIX_CHARS = 3

KIND_NAMES = ("Anfrage", "Antwort", "Antrag", "Vorlage", "Informationsvorlage", "Niederschrift")
# typ: values by stem, so "Anfragen", "Anträge" and "antwort" all work.
_KINDS_BY_STEM = {textnorm.stem(textnorm.fold(k)): k for k in KIND_NAMES}
_KINDS_BY_STEM.update({"info": "Informationsvorlage", "protokoll": "Niederschrift"})
_ALL_KINDS = {"all", "alle", "alles"}

_QUOTES = str.maketrans({c: '"' for c in "„“”«»‟〝〞＂"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_PIECE = re.compile(
    r'(?P<neg>-?)(?P<key>[A-Za-zÄÖÜäöü]+):(?:"(?P<qval>[^"]*)"?|(?P<val>\S*))'
    r'|(?P<pneg>-?)"(?P<phrase>[^"]*)"'
    r"|(?P<word>[^\s\"]+)"
)
_OPERATORS = {"AND", "OR", "NOT", "NEAR", "UND", "ODER", "NICHT", "&&", "||"}
# Aktenzeichen: Karlsruhe "2019/1154", "BV/2022/2023"; Leipzig ALLRIS "VII-F-08632",
# "VII-F-08507-AW-01", 2014 scheme "F-00724/14"; bare numbers of 4+ digits ("25536").
_REFERENCE = re.compile(r"^(?=.*\d)[A-Za-zÄÖÜ0-9]{1,8}(?:[/-][A-Za-zÄÖÜ0-9]{1,8}){1,4}$|^\d{4,8}$")
_FILTER_KEYS = {
    "kommune": "kommune",
    "stadt": "kommune",
    "gemeinde": "kommune",
    "fraktion": "fraktion",
    "partei": "fraktion",
    "typ": "typ",
    "art": "typ",
    "seit": "seit",
    "ab": "seit",
}


class QueryError(ValueError):
    """Raised when a search query cannot be used; the message is German and meant for the user."""


class ShortPrefixError(QueryError):
    """Raised for a word of one or two letters before * ("St*"): it would match most papers."""

    def __init__(self, word: str) -> None:
        super().__init__(
            f"Bitte mindestens {MIN_PREFIX_CHARS} Buchstaben vor * (statt „{word[:20]}“), "
            "z. B. Schul*."
        )


@dataclass(frozen=True)
class SearchQuery:
    """A parsed /suche query: stems to match (all of them), filters, an optional Aktenzeichen."""

    raw: str = ""
    terms: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()
    kommune: str | None = None
    faction: str | None = None
    kinds: tuple[str, ...] = ()
    since: date | None = None
    reference: str | None = None
    reference_key: str | None = None
    words: tuple[str, ...] = field(default=())

    @property
    def has_text(self) -> bool:
        """Return True when there is something to match in the text."""
        return bool(self.terms or self.prefixes or self.phrases)

    @property
    def has_filters(self) -> bool:
        """Return True when a kommune/fraktion/typ/seit filter is set."""
        return bool(self.kommune or self.faction or self.kinds or self.since)

    @property
    def is_empty(self) -> bool:
        """Return True when the query can find nothing (e.g. only stop words): "nichts gefunden"."""
        return not (self.has_text or self.reference or self.has_filters)


def parse_query(text: str) -> SearchQuery:
    """Return the SearchQuery for what a user typed after /suche, or raise QueryError."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"Suchanfrage zu lang (max. {MAX_QUERY_CHARS} Zeichen).")
    raw = text
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES))
    terms: list[str] = []
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    words: list[str] = []
    filters: dict[str, str] = {}
    reference: str | None = None

    for m in _PIECE.finditer(text):
        key = (m["key"] or "").lower()
        if key in _FILTER_KEYS:
            value = (m["qval"] if m["qval"] is not None else m["val"] or "").strip()
            if not value:
                raise QueryError(_missing_value(_FILTER_KEYS[key]))
            filters[_FILTER_KEYS[key]] = value
            continue
        if m["key"] is not None:  # "foo:bar" with an unknown key: just words
            piece, negated = f"{m['key']} {m['qval'] or m['val'] or ''}", bool(m["neg"])
        elif m["phrase"] is not None:
            phrase = tuple(textnorm.query_stems(m["phrase"]))
            if m["pneg"]:
                excluded += [phrase] if phrase else []
            elif len(phrase) == 1:
                terms += phrase
            elif phrase:
                phrases.append(phrase)
            if phrase and not m["pneg"]:
                words.append(f'"{m["phrase"].strip()}"')
            continue
        else:
            piece, negated = m["word"], False
        if piece in _OPERATORS:
            continue
        if piece.startswith("-") and len(piece) > 1:
            piece, negated = piece.lstrip("-"), True
        if negated:
            excluded += [(s,) for s in textnorm.query_stems(piece)]
            continue
        if reference is None and _REFERENCE.match(piece):
            reference = piece
            ref_stems = tuple(textnorm.query_stems(piece))
            if ref_stems:
                phrases.append(ref_stems)
            words.append(piece)
            continue
        letters = sum(c.isalnum() for c in piece.rstrip("*"))
        if piece.endswith("*") and 0 < letters < MIN_PREFIX_CHARS:
            raise ShortPrefixError(piece)
        if piece.endswith("*") and len(piece.rstrip("*")) >= MIN_PREFIX_CHARS:
            stems = textnorm.query_stems(piece.rstrip("*"))
            if stems:
                terms += stems[:-1]
                prefixes.append(stems[-1])
                words.append(piece)
            continue
        stems = textnorm.query_stems(piece)
        if stems:
            terms += stems
            words.append(piece.strip("*"))

    if len(terms) + len(prefixes) + sum(map(len, phrases)) + len(excluded) > MAX_TERMS:
        raise QueryError(f"Zu viele Suchbegriffe (max. {MAX_TERMS}).")
    return SearchQuery(
        raw=raw,
        terms=tuple(dict.fromkeys(terms)),
        prefixes=tuple(dict.fromkeys(prefixes)),
        phrases=tuple(dict.fromkeys(phrases)),
        excluded=tuple(dict.fromkeys(excluded)),
        kommune=filters.get("kommune"),
        faction=_faction(filters["fraktion"]) if "fraktion" in filters else None,
        kinds=_kinds(filters["typ"]) if "typ" in filters else (),
        since=_since(filters["seit"]) if "seit" in filters else None,
        reference=reference,
        reference_key=normalise_reference(reference) if reference else None,
        words=tuple(words),
    )


def _missing_value(key: str) -> str:
    examples = {
        "kommune": "kommune:Leipzig",
        "fraktion": "fraktion:Grüne",
        "typ": "typ:Anfrage",
        "seit": "seit:2024-01-31",
    }
    return f"Nach {key}: fehlt ein Wert, z. B. {examples[key]}."


def _faction(value: str) -> str:
    """Return the canonical faction for what the user typed (the text itself if unknown)."""
    try:
        from fetcher.factions import canonical_faction
    except ImportError:  # the faction table may not be there yet; match the text as typed
        return value
    try:
        return canonical_faction(value) or value
    except Exception:  # a broken faction table must not break search; match the text as typed
        return value


def _kinds(value: str) -> tuple[str, ...]:
    folded = textnorm.fold(value)
    if folded in _ALL_KINDS:
        return ()
    kinds: list[str] = []
    for part in re.split(r"[,|/]", folded):
        if not part.strip():
            continue
        kind = _KINDS_BY_STEM.get(textnorm.stem(part.strip()))
        if kind is None:
            raise QueryError(
                f"Unbekannter Typ „{value[:40]}“. Möglich: {', '.join(KIND_NAMES)} oder alle."
            )
        kinds.append(kind)
    return tuple(dict.fromkeys(kinds))


def _since(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007  # a calendar day, no time
        except ValueError:
            continue
    raise QueryError(
        f"Datum „{value[:40]}“ nach seit: nicht erkannt. "
        "Bitte als JJJJ-MM-TT, z. B. seit:2024-01-31."
    )
