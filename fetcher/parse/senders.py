"""Who sends a letter: group names in letterhead and signature lines, and the places a text names.

Read from the text's own wording, not from a list of parties: a group label ("Ratsfraktion",
"Fraktion im Rat der Stadt …", "Gemeinderatsfraktion", "Stadtratsgruppe") marks the name beside
it, above it or below it; a letterhead line with a group word ("Bürgerliste …", "Wählergruppe …",
"… für <place>") is a name itself; a signature role ("für die Fraktion", "Fraktionsvorsitzende")
marks the group on the next line. A place the text names elsewhere (the postcode line, "Stadt …",
"Erlangen, den …") is never a group ("Ratsfraktion Leichlingen" names the place, not the group).
Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.factions import factions_in
from fetcher.parse.faction_phrases import ACRONYM, group_like, phrase_names
from fetcher.parse.pattern_gates import gated

_UPPER = "A-ZÄÖÜ"
_WORD = r"[A-ZÄÖÜ][\wäöüß]*(?:-[A-ZÄÖÜ][\wäöüß]*)*"
_PLACE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # A postcode, not the tail of a paper's number ("VII-A-08607 Fraktion …", Leipzig).
    re.compile(
        rf"(?:(?<![\w/-])|(?<=\bD-))\d{{5}}\s+"
        rf"(?P<p>{_WORD}(?:\s(?:an der|am|im|in|ob der)\s{_WORD}|\s{_WORD})?)"
    ),
    re.compile(
        r"\b(?:Stadt|Gemeinde|(?:Landes)?[Hh]auptstadt|Hansestadt|Kreisstadt|Universitätsstadt|"
        r"Landkreis(?:es)?|Kreis(?:es)?|Markt(?:gemeinde)?|Samtgemeinde|Verbandsgemeinde|Amt|"
        r"Stadtbezirk|Bezirk|Ortschaft|Ortsteil|Ortsgemeinde|Bezirksvertretung|Stadtteil)\s+"
        rf"(?P<p>{_WORD})"
    ),
    # The place and date of a letter: "Erlangen, den 23.10.2020", "Leichlingen, 4. März 2024".
    re.compile(rf"(?:^|\s)(?P<p>{_WORD}),\s*(?:den\s+|am\s+)?\d{{1,2}}\.\s*(?:\d|[{_UPPER}])"),
)
# The same matches, tried only where one can start (pattern_gates); the last one only in a line
# with its comma.
_PLACE_PATTERNS = tuple(gated(pattern) for pattern in _PLACE_PATTERNS)
_PLACE_WORDS = {"stadt", "gemeinde", "der", "die", "des", "im", "in", "am", "an", "rat", "e.v."}


def places_in(lines: Sequence[str]) -> set[str]:
    """Return the place names a text prints (postcode lines, "Stadt X", "X, den 1.2.2024")."""
    places: set[str] = set()
    for line in lines:
        for pattern in _PLACE_PATTERNS if "," in line else _PLACE_PATTERNS[:-1]:
            for match in pattern.finditer(line):
                place = match.group("p")
                places.add(place.casefold())
                places.update(w.casefold() for w in place.split())
    return places


def is_place(value: str, places: set[str]) -> bool:
    """Return whether a value is made only of the text's place names ("Leichlingen", "Köln-Porz").

    A council word before a name is no place sign ("Ortschaftsrat BFW" names a member's group).
    """
    if factions_in(value):
        return False  # a group the faction table knows ("BFW Wettersbach") is never a place
    words = [w.strip(".,;:()").casefold() for w in value.split()]
    words = [w for w in words if w]
    return (
        bool(words)
        and all(w in places or w in _PLACE_WORDS for w in words)
        and any(w in places for w in words)
    )


# A group label: "Fraktion", "Ratsfraktion", "Gemeinderatsfraktion", "CDU-Kreistagsfraktion",
# "Stadtratsgruppe", "Fraktionsgemeinschaft"; never "Fraktionsgeschäftsstelle".
_LABEL = re.compile(
    r"(?<![\wÄÖÜäöüß])(?P<pre>[\wÄÖÜäöüß/.&]+(?:\s?/\s?[\wÄÖÜäöüß.]+)*-)?"
    r"(?:[\wäöüß]*?(?:rats|tags|beirats|vertretungs))?(?:fraktion(?:sgemeinschaft)?|gruppe)"
    r"(?![\wÄÖÜäöüß])",
    re.I,
)
# What a label line may add besides the name: where the group sits.
_SEAT = re.compile(
    r"(?:\b(?:im|in der|in dem|des|der)\s+(?:Rat|Stadtrat|Gemeinderat|Kreistag|Ortschaftsrat|"
    r"Ortsbeirat|Ortsrat|Bezirksbeirat|Landtag)(?:es)?\b|\b(?:in der|der)\s+(?:Bezirksvertretung|"
    r"Regionalversammlung|Verbandsversammlung)\b)"
    r"(?:\s+(?:der|des)\s+(?:Stadt|Gemeinde|Landkreises|Kreises|Marktes))?(?:\s+" + _WORD + r")?",
    re.I,
)
# A line that names a group without a label: "Bürgerliste Leichlingen", "Wählergruppe …",
# "Unabhängige Wählergemeinschaft", "Grüne Liste", "Klimaliste …".
_GROUP_WORD = re.compile(
    r"(?:liste|wähler\w*|wählergruppe|wählergemeinschaft|wählervereinigung|partei)(?![\wäöüß])|"
    r"\bbündnis\b|\bunabhängige\b",
    re.I,
)
_FOR_PLACE = re.compile(rf"^(?P<v>(?:{_WORD}\s){{0,3}}(?:für|FÜR)\s(?P<p>{_WORD}))$")
_NOT_SENDER = re.compile(
    r"@|www\.|https?://|\d|\b(?:Herr|Herrn|Frau|An|Telefon|Tel|Fax|Postfach|Straße|Str\.|Platz|"
    r"Rathaus|Verwaltung|Bürgermeister\w*|Oberbürgermeister\w*|Landr[aä]t\w*|Ausschuss\w*|"
    r"Stadtteilbeirat\w*|Beirat|Sitzung|Anfrage|Antrag|Betreff|Vorsitzende[rn]?|Mitglied\w*|"
    r"Fraktionen|Parteien|Mitglieder|sehr|geehrte\w*)\b|[:?!;]",
    re.I,
)
# The role of the signer: "für die Fraktion", "im Namen der Gruppe", "Fraktionsvorsitzende".
_ROLE = re.compile(
    r"(?:^|,\s*|\(\s*)(?:(?:für|im Namen|namens|im Auftrag)\s+(?:der|die)\s+\w*(?:fraktion|gruppe)"
    r"|(?:stellv\.\s*|stellvertretende[rn]?\s+)?(?:Fraktions|Gruppen)(?:vorsitzende[rn]?|"
    r"sprecher(?:in)?|chef(?:in)?)|Vorsitzende[rn]?\s+der\s+\w*(?:fraktion|gruppe))\s*[:,)]?\s*$",
    re.I,
)


def _name_like(value: str, places: set[str]) -> bool:
    words = value.split()
    return (
        1 <= len(words) <= 6
        and value[:1].isupper()
        and not _NOT_SENDER.search(value)
        and not is_place(value, places)
    )


def _group_names(value: str, places: set[str]) -> list[str]:
    """Return the canonical factions a value names, else the value as printed (without "e.V.")."""
    value = re.sub(r"\s*\be\.\s?V\.?$", "", value.strip(" ,.-–")).strip()
    known = factions_in(value)
    if known:
        return known
    return [value] if _name_like(value, places) else []


def _label_rest(line: str, places: set[str]) -> tuple[str, str] | None:
    """Return (name before the hyphen, rest of the line) for a group-label line, else None."""
    match = _LABEL.search(line)
    if not match:
        return None
    pre = (match.group("pre") or "").rstrip("-")
    rest = (line[: match.start()] + " " + line[match.end() :]).strip()
    rest = _SEAT.sub(" ", rest)
    rest = re.sub(r"^\s*(?:der|die|des|von)\s+|\s+(?:der|die|des)\s*$", " ", rest).strip(" ,-–")
    council = re.search(r"(?:rats|tags|beirats)(?:fraktion|gruppe)", match.group(0), re.I)
    single = re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*", rest)
    if rest and (is_place(rest, places) or (council and single and not factions_in(rest))):
        rest = ""  # "Ratsfraktion Leichlingen": the council's label already says where
    return pre, rest


def letterhead_groups(head: Sequence[str], places: set[str]) -> list[str]:
    """Return the groups a letterhead names (the lines above the salutation)."""
    names: list[str] = []
    lines = [x.strip() for x in head if x.strip()]
    for i, line in enumerate(lines):
        if re.search(r"@|www\.|https?://|geschäftsstelle|geschäftsführ|büro", line, re.I):
            continue
        found: list[str] = []
        parts = _label_rest(line, places) if len(line.split()) <= 10 else None
        if parts is not None:
            pre, rest = parts
            if pre:
                found = _group_names(pre, places)
            elif rest:
                found = _group_names(rest, places)
            else:  # a bare label: the name sits on the line above, else below
                for k in (i - 1, i + 1):
                    if 0 <= k < len(lines) and not _LABEL.search(lines[k]):
                        found = _group_names(lines[k], places)
                        if found:
                            break
        elif _GROUP_WORD.search(line) or _FOR_PLACE.match(line):
            found = _group_names(line, places)
        names += [n for n in found if n not in names]
    return names


def signature_groups(block: Sequence[str], places: set[str]) -> list[str]:
    """Return the groups a signature block names after the signer's role ("für die Fraktion")."""
    names: list[str] = []
    lines = [x.strip() for x in block if x.strip()]
    for i, line in enumerate(lines[:-1]):
        if _ROLE.search(line):
            following = lines[i + 1]
            if (
                _GROUP_WORD.search(following)
                or _FOR_PLACE.match(following)
                or factions_in(following)
                or re.fullmatch(ACRONYM + r"(?:\s+" + _WORD + ")?", following)
            ):
                names += [n for n in _group_names(following, places) if n not in names]
    return names


# A letter's return address above the addressee: "Freie Wähler Karlsruhe, Hebelstraße 13, 76133
# Karlsruhe": a sender, a street with its number, a postcode.
_RETURN_ADDRESS = re.compile(
    r"^(?P<n>[A-ZÄÖÜ][^,\d@]{1,50}?)\s*[,·|]\s*[A-ZÄÖÜ][\wäöüß.-]*(?:\s[\wäöüß.-]+){0,2}\s+"
    r"\d{1,4}\s?[a-z]?\s*[,·|]\s*\d{5}\s+[A-ZÄÖÜ]"
)


# The same run together without separators ("CDU Marktplatz 1 12345 Musterstadt …", a letterhead
# in text whose lines were joined): the street must then say it is one by its ending.
_RUN_IN_ADDRESS = re.compile(
    r"^(?P<n>[A-ZÄÖÜ][^,\d@]{1,50}?)\s+[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|platz|weg|"
    r"allee|ring|gasse|damm|ufer|markt|graben|wall|chaussee|pfad|steig|zeile|garten|park)"
    r"\s+\d{1,4}\s?[a-z]?\s+\d{5}\s+[A-ZÄÖÜ]"
)


def return_address_groups(line: str) -> list[str]:
    """Return the group a letter's return address names, when its sender says it is a group.

    "Freie Wähler Karlsruhe, Hebelstraße 13, 76133 Karlsruhe" → ["Freie Wähler"]; a person or an
    office ("Max Muster, Hauptstraße 5, 12345 Musterstadt") names none.
    """
    match = _RETURN_ADDRESS.match(line.strip()) or _RUN_IN_ADDRESS.match(line.strip())
    if not match or not group_like(match.group("n").strip()):
        return []
    return phrase_names(match.group("n").strip())
