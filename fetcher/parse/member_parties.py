"""The party printed beside a named council member, wherever the member is named. Pure.

"Anfrage des Ratsmitglieds Anna Schmidt (SPD)", "Anfrage von Anna Schmidt (UWG)", a head line
"Anna Schmidt (Die Guten)", "Einreicher: Stadtrat Peter Klein, Die Guten", "Anna Schmidt –
Wählergemeinschaft Musterstadt", several members each with their own party ("… Anna Schmidt
(SPD) und Peter Klein (UWG)") or one for all, and a signature "Anna Schmidt" / "Stadträtin, SPD".
Structure decides where the member stands (after a lead-in, after a role noun, or a line that is
members and parties only); what stands beside the name is a party when it has a group's shape:
a party the table knows, an acronym, a name with a group's word ("Wählergemeinschaft …", "…
Liste …", "Bürger für …"), or an article and a name ("Die Guten"). A place ("Musterstadt-Nord",
"Ortsteil Lindenau"), an office or title ("MdB", "Vorsitzende", "Bürgermeister"), a date, a
committee ("Bauausschuss") and "parteilos"/"fraktionslos" are none.
"""

from __future__ import annotations

import re

from fetcher.factions import faction_spans, factions_in
from fetcher.parse.faction_phrases import group_like, name_shaped, phrase_names
from fetcher.parse.member_roles import ANY_MEMBER_ROLE, MEMBER_ROLE

_WORD = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
# A person: titles, a first name (not an article: "Die Guten" is a group; not a body's word:
# "Stadt Karlsruhe" is the letterhead's town), perhaps a second one or an initial, a particle,
# the surname.
_PERSON = re.compile(
    r"(?:(?:Dr\.|Prof\.|Dipl\.-[\wäöüß]+\.?)\s*)*(?!(?:Die|Der|Das|Den|Dem|Des|Frau|Herr|Herrn|"
    r"Stadt|Gemeinde|Landeshauptstadt|Hansestadt|Landkreis|Kreis|Markt|Amt|Bezirk|Ortschaft|"
    r"Ortsteil)\s)"
    rf"{_WORD}(?:\s+(?:{_WORD}|[A-ZÄÖÜ]\.))?(?:\s+(?:von|van|de|zu)(?:\s+der)?)?\s+{_WORD}"
)
# Where members are named: after a paper's lead-in or a sender field, then a role noun perhaps.
_LEAD = re.compile(
    r"(?<![\wäöüß-])(?:(?:Anfrage|Antrag|Änderungsantrag|Anfragen|Anträge)\s+(?:von|vom|des|der)"
    r"|eingereicht\s+(?:von|vom|durch)|(?:Antragsteller|Einreicher|Fragesteller|Verfasser)"
    r"(?:in)?\s*:)\s*(?:(?:der|dem|den|die)\s+)?"
    rf"(?:(?:{MEMBER_ROLE}|{ANY_MEMBER_ROLE})\s+)?"
)
_ROLE = re.compile(rf"{ANY_MEMBER_ROLE}\s+")
_LINE_START = re.compile(rf"^\s*(?:(?:{MEMBER_ROLE}|{ANY_MEMBER_ROLE})\s+)?")
_BRACKET = re.compile(r"\s*\((?P<v>[^()\n]{2,50})\)")
_AFTER = re.compile(r"(?:\s*,|\s+[-–])\s*(?P<v>[^,;()\n]{2,50}?)\s*(?=$|[,;]|\s+und\s)")
_BETWEEN = re.compile(r"\s*(?:,|;|&|\bund\b)\s*")
# What stands beside a name and is no party: an office or title, a body, a place's word, an
# address, the member's own role, "parteilos" and "fraktionslos".
_NOT_PARTY = re.compile(
    r"\d|(?<![\wäöüß])Md[A-Z]\w*|(?i:\w*bürgermeister\w*|vorsitz\w*|\w*vorsitzende\w*|sprecher\w*|"
    r"ortsvorsteher\w*|beigeordnete\w*|dezernent\w*|landr[aä]t\w*|leiter\w*|geschäftsführ\w*|"
    r"referent\w*|stellvertret\w*|\w*ausschuss\w*|\w*beirat\w*|\w*kommission|ortsteil\w*|"
    r"stadtteil\w*|stadtbezirk\w*|ortschaft\w*|\w*straße|\w*str\.|\w*weg\b|\w*platz\b|"
    r"partei\s*los\w*|fraktions\s*los\w*|\w*mitglied\w*|\w*verordnete\w*|\w*abgeordnete\w*|"
    r"ratsherr\w*|ratsfrau\w*|\w*r[aä]tin\w*|stadtrat\w*|gemeinderat\w*|kreisrat\w*)"
)


def party_names(value: str) -> list[str]:
    """Return the groups a value beside a member's name names: known or of a group's shape."""
    value = re.sub(r"^(?:beide|alle|jeweils)\s+", "", value.strip(" .,;:-–"))
    # what the table knows is read as it is ("Bündnis 90/Die Grünen" has a digit)
    rest = "".join(value[a:b] for a, b in _gaps(value))
    known = factions_in(value)
    # a digit beside a known party is its own ("B‘90/DIE GRÜNEN"); else a date or an address
    if not value or _NOT_PARTY.search(re.sub(r"\d", "", rest) if known else rest):
        return []
    if known:
        return [n for n in phrase_names(value, labelled=True) if n not in known] + known
    if _group_shaped(value):
        return phrase_names(value, labelled=True)
    return []


def _known(names: list[str]) -> list[str]:
    """Return the names the faction table knows."""
    return [n for n in names if factions_in(n)]


def _gaps(value: str) -> list[tuple[int, int]]:
    """Return the stretches of `value` between the parties the table knows in it."""
    bounds = [0] + [x for start, end, _ in faction_spans(value) for x in (start, end)]
    bounds.append(len(value))
    return list(zip(bounds[::2], bounds[1::2], strict=True))


def _group_shaped(name: str) -> bool:
    """Return whether a name no table knows has a group's shape: an acronym or a group's word
    ("UWG", "Wählergemeinschaft …", "Bürger für …"), an article and a name ("Die Guten"), or a
    slash name with such a part ("BürgerBündnis / Freie Bürger"). A single plain word is a place
    or an office ("Musterstadt-Nord"), two plain words are a person ("Dirk Müller": the next
    member of a list)."""
    if group_like(name):
        return True
    parts = re.split(r"\s*/\s*", name)
    if len(parts) > 1:
        return any(group_like(p) for p in parts) and all(name_shaped(p) for p in parts)
    return bool(re.match(r"(?:Die|Der|Das|DIE|DER|DAS)\s", name)) and name_shaped(name)


def _is_person(text: str) -> bool:
    """Return whether a person-shaped match is no group's name ("Freie Wähler", "Liste Zukunft")."""
    return not factions_in(text) and not group_like(text)


def _members(line: str, pos: int) -> tuple[int, list[str], int]:
    """Read members and their parties from `pos`: (where the reading ends, parties, members)."""
    found: list[str] = []
    count = 0
    while True:
        person = _PERSON.match(line, pos)
        if not person or not _is_person(person.group(0)):
            break
        count += 1
        pos = person.end()
        bracket = _BRACKET.match(line, pos)
        after = None if bracket else _AFTER.match(line, pos)
        for match in (bracket, after):
            names = party_names(match.group("v")) if match else []
            if match and (names or match is bracket):
                found += [n for n in names if n not in found]
                pos = match.end()
                break
        between = _BETWEEN.match(line, pos)
        if not between or not _PERSON.match(line, between.end()):
            break
        pos = between.end()
    return pos, found, count


def member_spans(line: str) -> list[tuple[int, int, list[str]]]:
    """Return each member phrase of a line with the parties it names: (start, end, parties).

    After a lead-in ("Anfrage von", "eingereicht vom", "Einreicher:") or a role noun the members
    may be followed by more text; without either the line must be members and parties only.
    """
    spans: list[tuple[int, int, list[str]]] = []
    starts = [m.end() for m in _LEAD.finditer(line)] + [m.end() for m in _ROLE.finditer(line)]
    read_to = -1
    for start in sorted(set(starts)):
        if start < read_to:
            continue  # inside the members read from an earlier start: each is read once
        end, names, _ = _members(line, start)
        read_to = end
        if names:
            spans.append((start, end, names))
    if not spans:
        opening = _LINE_START.match(line)
        end, names, _ = _members(line, opening.end() if opening else 0)
        # A line of names alone has no lead-in or role to say it names members: only a party
        # the table knows makes it one ("Technologie-Consult Karlsruhe (TTK)", "Stadt
        # Karlsruhe, (EURegKA)" name a company and an office).
        names = _known(names)
        # or a column beside it, set apart by spaces ("Anna Schmidt (SPD)   Vorlage Nr.: 204")
        if names and (not line[end:].strip(" ,.;") or re.match(r"\s{3,}\S", line[end:])):
            spans.append((0, end, names))
    return spans


_ALONE_BELOW = re.compile(
    rf"^\s*(?:(?:{MEMBER_ROLE})\s*(?:,\s*|\s+[-–]\s+|(?=\()))?\(?(?P<v>[^()\n]{{2,50}}?)\)?\s*$"
)


_ROLE_FIRST = re.compile(rf"\s*(?:{MEMBER_ROLE})\s*(?:,|\s[-–]\s)")


def party_below(line: str, following: str) -> list[str]:
    """Return the party on the line under a member's name ("Anna Schmidt" / "(SPD)" or
    "Stadträtin, SPD"): the name alone on its line, with its role perhaps."""
    start = _LINE_START.match(line)
    end, names, count = _members(line, start.end() if start else 0)
    if names or count != 1 or line[end:].strip(" ,"):
        return []
    below = _ALONE_BELOW.match(following)
    if not below:
        return []
    # a name alone on its line may be any heading ("Stellungnahme Stadtplanung" above
    # "Bundesanstalt für Immobilienaufgaben"): below it a party the table knows, or any party
    # after the member's role ("Stadträtin, Die Guten")
    if _ROLE_FIRST.match(following):
        return party_names(below.group("v"))
    return _known(party_names(below.group("v")))
