"""Factions named in prose: sentences, heads run into one line, letterheads and closings. Pure.

"Anfrage der Abgeordneten … (CDU)", "die Fraktion BÜNDNIS 90/DIE GRÜNEN bittet", "SPD-Fraktion in
der Bezirksvertretung …", "der Fraktionen SPD und FDP": each pattern finds a faction phrase in a
line, and faction_phrases reads the group it names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from fetcher.factions import faction_spans, factions_in
from fetcher.parse.cited_papers import cited_groups
from fetcher.parse.faction_phrases import (
    ACRONYM,
    group_like,
    phrase_names,
)
from fetcher.parse.member_parties import member_spans, party_below, party_names
from fetcher.parse.member_roles import MEMBER_ROLE, MEMBERS_ROLE
from fetcher.parse.name_edges import after_places, cells_apart, read_on, without_neighbours
from fetcher.parse.pattern_gates import gated
from fetcher.parse.phrase_values import (
    COUNCIL_COMPOUND,
    field_names,
    inner_piece,
    names_in,
    place_alone,
    without_signer,
)
from fetcher.parse.seated_labels import group_above_seat, seated_groups
from fetcher.parse.sender_addresses import CONTACT_LABEL
from fetcher.parse.sender_blocks import GROUP_WORD, run_in_signers, signer_parties, top_group
from fetcher.parse.senders import (
    is_place,
    letterhead_groups,
    places_in,
    return_address_groups,
    signature_groups,
)
from fetcher.parse.signer_rows import (
    run_in_row_parties,
    signature_row_parties,
)
from fetcher.parse.text import HEADER_LINES

# Factions named in prose: "Anfrage der Abgeordneten … (CDU)", "die Fraktion BÜNDNIS 90/DIE GRÜNEN
# bittet", "SPD-Fraktion in der Bezirksvertretung …", "der Fraktionen SPD und FDP".
_MEMBER_PARTY = re.compile(
    # the genitive too: "Anfrage des Stadtrates Max Muster (CDU)", "… des Gemeinderats …"
    # not the council as a seat: "X-Fraktion im Gemeinderat Musterstadt …"
    rf"(?<!\bim\s)(?<!\bin\s)\b(?:{MEMBER_ROLE}|{MEMBERS_ROLE}|"
    # "Gemeinderatsmitglied Rainer Polzenberg (SPD)", "sachkundigen Bürger … (CDU)" (Hürtgenwald)
    # Not a role with its body: "Abgeordneter des Sächs. Landtages (Name, Vorname)" (a form).
    r"\w+ratsmitglied(?:e[rs]?)?)\b(?!\s+des\s)"
    # then the members' names, not a sentence: "Vorbemerkung des Abgeordneten" / "Die Landes-
    # nahverkehrsgesellschaft Niedersachsen (LNVG)" names an agency in brackets.
    r"(?=[^()\n]{0,90}\()(?:[\s,]+(?!(?:Die|Der|Das|DIE|DER)\b)(?:[A-ZÄÖÜ][^\s(),]*|"
    r"[a-zäöü]{1,2}\.|von|van|de|zu|und))*\s*\((?P<v>[^()\n]{2,40})\)"
)
# A name of up to four words ("Wählergemeinschaft Musterstadt", "Bürger für Lindenau"); the
# phrase reader (faction_phrases) keeps only the words that belong to it.
_GROUP_NAME = (
    r"[A-ZÄÖÜ][\w.]*(?:-[A-ZÄÖÜ]{2,4}(?=-))*(?:\s?/\s?[\wÄÖÜäöü.]+){0,3}"
    r"(?:\s(?:für\s|FÜR\s)?[A-ZÄÖÜ][\w.]*(?:\s?/\s?[\wÄÖÜäöü.]+){0,3}){0,3}"
    # the council's abbreviation after a name of several words: "Freie Wähler-OR-Fraktion"
    r"(?:-[A-ZÄÖÜ]{2,4}(?=-))?"
)
# "SPD-Fraktion", "GLG -Ortschaftsratsfraktion", "CDU und FDP -Ortschaftsratsfraktion",
# "SPD- und CDU-Ortschaftsratsfraktion".
_HYPHEN_FACTION = re.compile(
    # at most six groups named jointly: an unbounded chain would scan a long line from every word
    rf"(?P<v>{_GROUP_NAME}(?:-?(?:,\s*|\s+und\s+){_GROUP_NAME}){{0,5}})\s?-(?:\w+)?[Ff]raktion\b"
)
# "SPD/Grüne-Gruppe", "CDU-Ratsgruppe": a group's label joined to its name. Read only for a name
# with a party the table knows: "Projekt-Gruppe", "GT-Gruppe" (a school's all-day group) are none.
_HYPHEN_GROUP = re.compile(rf"(?P<v>{_GROUP_NAME})\s?-(?:\w+)?[Gg]ruppe\b")
# A form's sender field inside a line (a head run into one line: "… Anfrage: FDP Gremien …"):
# the one name after it, where it says by itself that it is a group.
_SENDER_FIELD = re.compile(
    r"(?<![\w-])(?:Anfrage|Antrag|Antragsteller(?:in)?|Fragesteller(?:in)?|Eingereicht von|"
    r"Einreicher(?:in)?)\s*:\s*"
    r"(?P<v>(?:Die\s+|DIE\s+)?[A-ZÄÖÜ][\wÄÖÜäöüß.]*(?:\s?[/|]\s?(?:Die\s+)?[\wÄÖÜäöüß.]+)*)"
)
# The same field alone on its line (or before ", eingegangen am …"): a name of several words
# ("Fragesteller: Wählergemeinschaft Musterstadt"), where it says by itself that it is a group.
_SENDER_LINE = re.compile(
    r"^\s*(?:Anfrage|Antrag|Antragsteller(?:in)?|Fragesteller(?:in)?|Eingereicht von|"
    r"Einreicher(?:in)?)\s*:\s*(?P<v>[A-ZÄÖÜ][^,:;()?!]{1,60}?)\s*(?:,.*)?$"
)
# "CDU Fraktion", "SPD Ratsfraktion": with a space only for a party the table knows.
_ACRONYM = re.compile(ACRONYM)
_SPACED_FACTION = re.compile(r"(?P<v>[A-ZÄÖÜ][\w.]*(?:\s?/\s?[\wÄÖÜäöü.]+){0,3})\s\w*[Ff]raktion\b")
# A member's role after a person's name ends the group's name before the person.
_PERSON = (
    r"(?:Dr\.\s+)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?\s+"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
)
_MEMBER_ROLE = rf"(?:{MEMBER_ROLE}|Fraktionsvorsitzende[rn]?|MdL|MdB)\b"
_NAMED_FACTION = re.compile(
    # "mit einer Gruppe Jugendlicher": after an indefinite article a group is no label.
    r"\b(?:(?<!-)(?:[A-ZÄÖÜ][a-zäöüß]*)?(?:[Rr]ats|[Tt]ags|[Bb]eirats)[Ff]raktion(?:en)?|"
    # "X-Fraktion Jürgen Wenzel": after a hyphened label the name stood before it
    # a joint faction of two groups: "Fraktionsgemeinschaft FW-FDP"
    r"(?<![-–])[Ff]raktion(?:en|sgemeinschaft)?|"
    # a group with its council ("Kreistagsgruppe X/Y", "Stadtratsgruppe"), as a faction is named;
    # not a day-care group ("Halbtagsgruppe HT", "Nachmittagsgruppe"): only a council's "-tags"
    r"(?<![-–])FRAKTION|(?<!-)(?<!ne\s)(?<!ner\s)(?<!nen\s)Gruppe|Ratsgruppe|"
    r"(?<!-)(?:[A-ZÄÖÜ][a-zäöüß]*)?"
    r"(?:[Rr]ats|(?:[Kk]reis|[Ll]and|[Bb]ezirks|[Bb]undes)tags)gruppe|Zählgemeinschaft|"
    r"Fraktionsvorsitzende[rn]?|"
    r"Fraktionssprecher(?:in)?)\s+(?:der\s+|von\s+|aus\s+)?"
    # not a letterhead's contact field beside the label (two columns run together: "SPD   Fraktion
    # im Rat …" / "Fraktion   Tel. 0123 …", DIN 5008 Kommunikationsangaben)
    rf"(?!{CONTACT_LABEL})"
    # "Fraktion der SPD, der Fraktion der CDU": a new label after the comma starts a new phrase
    r"(?P<v>[^\n,;:()]{2,80}?(?:,(?!\s*(?:der\s+|die\s+)?\w*[Ff]raktion)\s*[^\n,;:()]{2,40}?)*)"
    # "für" ends the name before an article ("… für die Sitzung"), not in one ("Menschen für
    # Grötzingen"); so does the verb or pronoun of the sentence ("… beantragen wir").
    r"(?=\s+(?:im|in|des|der|zur|zum|zu|bittet|bitten|hat|haben|vom|für(?=\s+(?:die|den|das|der|"
    r"dem|eine?[nmrs]?|alle\w*|unser\w*|\d))|betr\w*|wegen|stell\w*|frag\w*|möchte\w*|"
    r"beantrag\w*|ersuch\w*|wir|ich|folgende\w*|hiermit|daher|deshalb|eingegangen|gemäß|nach|an|"
    r"über)\b|"
    # a dot ends the name unless the list of groups goes on: "Fraktionen DIE LINKE. und SPD",
    # "Gruppe DIE LINKE. & SPD"
    r"(?:[,;:()]|\.(?!\s+(?:und|sowie|&)\s))\s|[;:()]|\s[-–]\s|\s*$|"
    # a letterhead run into what follows it (a text run together): the addressee ("Fraktion Wir
    # für Musterstadt An den Bürgermeister …") or the group's street address with its postcode
    # ("Fraktion Bürgerforum X Hauptstraße 12 01234 X", DIN 5008)
    r"\s+An\s+(?:den|die|das|Herrn?|Frau)\s|\s+[A-ZÄÖÜ][\w.-]*\s+\d{1,4}\s?[a-z]?,?\s+\d{5}\s|"
    # a person with a member's role after the name: "Fraktion X Jens Hoffsommer Stadtrat"
    rf"\s+{_PERSON}\s+{_MEMBER_ROLE}|"
    # the head's next field with its date: "… und Die Linke Datum 17.05.2023" (run together),
    # or the letter's place and date: "Fraktion Bürgerliste Neudorf Neudorf, 22.01.2024"
    r"\s+[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*(?::?\s+|,\s*(?:den\s+)?)"
    r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}(?!\d))"
)
_NAMED_FACTION = gated(_NAMED_FACTION)  # the same matches, tried only where one can start
# A known party before the paper's type word: "SPD Anfrage aus dem Ortschaftsrat …", "SPD-Anfrage";
# or before its local branch, a party's own letterhead: "SPD Ortsverein Musterstadt",
# "CDU-Ortsverband …" (the branch sends for the party; a branch is no council group, but the
# party is the group behind the paper).
_PARTY_TYPED = re.compile(
    r"(?<![\w./-])(?P<v>[A-ZÄÖÜ][\wÄÖÜäöü.]*(?:\s?/\s?[\wÄÖÜäöü.]+)*)[ -](?:(?:OR|GR)-)?"
    r"(?:Anfrage|Antrag|Ortsverband|Ortsverein|Stadtverband|Gemeindeverband|Kreisverband)\b"
)
# The council members of a group signing together: "Die Ratsmitglieder der GfK", "die Stadträte
# der Freien Wähler", "Die Mitglieder im Rat der Stadt der UWG" is no such phrase (a seat first).
_MEMBERS_OF = re.compile(
    r"\b(?:(?:Rats|Stadtrats|Gemeinderats|Kreistags|Ortschaftsrats|Ortsrats)mitglieder|"
    r"Stadträt(?:e|innen)|Gemeinderät(?:e|innen)|Kreisrät(?:e|innen)|Ratsherren|Ratsfrauen|"
    r"Stadtverordneten)(?:\s+und\s+\w+)?\s+der\s+"
    # the name up to the line's end or where the sentence goes on ("Bündnis 90/Die Grünen")
    r"(?P<v>[A-ZÄÖÜ][^\n,;:()?!]{1,60}?)(?=\s*(?:[,;:()?!]|$)|\s+(?:im|in|des|zur|zum|"
    r"bitte\w*|ha\w+|stell\w*|frag\w*|beantrag\w*|möchte\w*)\b)"
)
# A party as the subject of the request: "die SPD beantragt", "Die Grünen bitten" (known only).
_PARTY_SUBJECT = re.compile(
    r"\b(?:[Dd]ie|[Dd]er|[Uu]nsere)\s+(?P<v>[^\n,.;:()]{2,40}?)\s+(?:beantrag(?:t|en)|bitte[tn]|"
    r"frag(?:t|en)|stell(?:t|en)|ersuch(?:t|en)|möchte[nt]?)\b"
)
_SALUTE = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s)", re.I)
_CLOSING = re.compile(
    r"^(?:Mit\s+freundliche[nm]\s+Gr[üu](?:ß|ss)(?:en)?|(?:Freundliche|Beste|Viele|Herzliche)\s+Grüße)",
    re.I,
)


# The faction phrases read in each line, each with the words one of which every match of it
# holds: a line without any of them is not searched (the same matches; most lines name no group).
_PHRASES = (
    (_MEMBER_PARTY, ("(",)),
    (_HYPHEN_FACTION, ("raktion",)),
    (_HYPHEN_GROUP, ("ruppe",)),
    (_NAMED_FACTION, ("raktion", "FRAKTION", "Gruppe", "sgruppe", "Zählgemeinschaft")),
    (_SPACED_FACTION, ("raktion",)),
    (_PARTY_SUBJECT, ("beantrag", "bitte", "frag", "stell", "ersuch", "möchte")),
    (_SENDER_FIELD, (":",)),
    (_SENDER_LINE, (":",)),
    (_PARTY_TYPED, ("Anfrage", "Antrag", "verband", "Ortsverein")),
    (_MEMBERS_OF, ("der",)),
)
_PHRASE_GATES = tuple(
    (pattern, re.compile("|".join(map(re.escape, words)))) for pattern, words in _PHRASES
)


# What stands between a member's name and the party: a bracket, a comma, a dash.
_BESIDE = re.compile(r"[(,–]|\s-\s")


def _scan(lines: Sequence[str]) -> list[str]:
    found: list[str] = []
    # A member and the party in brackets are often wrapped onto two lines.
    pairs = [f"{a} {b}" for a, b in pairwise(lines) if a and b]
    # … and a bracket broken in a narrow column: "Anfrage der Abgeordneten Martina" / "Machulla
    # (Wählergemeinschaft" / "Musterstadt)": the pair reads on to the line that closes it.
    pairs = [
        f"{pair} {lines[k + 2]}"
        if pair.count("(") > pair.count(")") and k + 2 < len(lines)
        else pair
        for k, pair in enumerate(f"{a} {b}" if a and b else "" for a, b in pairwise(lines))
    ]
    pairs = [pair for pair in pairs if pair]
    # What a phrase read on from the line above took of this line's start, and the names it gave:
    # a piece of one of them read again from here ("Wähler" of "Freie Wähler") is no group.
    covered, carried = 0, list[str]()
    for i, line in enumerate(lines):
        end = len(line.rstrip())
        line = cells_apart(read_on(line, lines[i + 1] if i + 1 < len(lines) else ""))
        spans = seated_groups(line) if "raktion" in line else []  # every seated label holds it
        spans += member_spans(line) if _BESIDE.search(line) else []
        spans += cited_groups(line) if " vom " in line else []  # every cited paper holds it
        for pattern, words in _PHRASE_GATES:
            if not words.search(line):
                continue
            for match in pattern.finditer(line):
                value = match.group("v")
                if re.fullmatch(r"\s*fraktionslos\s*", value, re.I):
                    continue
                names = _match_names(pattern, match, line)
                if pattern is _HYPHEN_GROUP and not factions_in(value):
                    names = []  # "GT-Gruppe", "AG-Gruppe": a school's or a team's group
                spans.append((match.start(), match.end(), names))
        reach, crossing = 0, list[str]()
        for start, stop, names in spans:
            if start < covered:
                names = [n for n in names if not any(c.endswith(n) for c in carried)]
            names = [n for n in names if not inner_piece(n, start, stop, spans)]
            if start >= end or not names:
                continue  # the next line's own phrase, or no group
            found += [n for n in names if n not in found]
            if stop > end + 1:
                reach, crossing = max(reach, stop - end - 1), crossing + names
        covered, carried = reach, crossing
    # A member's name alone, the party on the line below: "Anna Schmidt" / "(SPD)".
    for above, below in pairwise(lines):
        found += [n for n in party_below(above, below) if n not in found]
    for pair in (pair for pair in pairs if "(" in pair):
        for match in _MEMBER_PARTY.finditer(pair):
            if not re.fullmatch(r"\s*fraktionslos\s*", match.group("v"), re.I):
                found += [n for n in party_names(match.group("v")) if n not in found]
    return found


def _match_names(pattern: re.Pattern[str], match: re.Match[str], line: str) -> list[str]:
    """Return the groups one pattern's match names."""
    value = match.group("v")
    if pattern is _SENDER_FIELD:
        return field_names(value)
    if pattern is _SENDER_LINE:
        # several words with a group word ("Wählergemeinschaft Musterstadt"), not an acronym
        # and a signer ("UWG Joachim Supper": _SENDER_FIELD reads the acronym alone)
        named = " " in value and GROUP_WORD.search(value) and group_like(value)
        return phrase_names(value) if named else []
    if pattern is _NAMED_FACTION:
        value = without_signer(line[: match.start("v")], value)
        if COUNCIL_COMPOUND.match(match.group(0)) and place_alone(value):
            return []  # "Kreistagsfraktion Saale-Holzland": the council's label, then its place
    if pattern is _MEMBER_PARTY:  # "(Musterstadt-Nord)", "(MdB)" beside a member: no party
        return party_names(value)
    if pattern is _HYPHEN_GROUP:
        names = phrase_names(match.group(0))
        return [n for n in names if factions_in(n) or group_like(n)]
    if pattern is _HYPHEN_FACTION:  # the name is read from the whole phrase
        value = match.group(0)
        # "Die X-Fraktion bittet …": the sentence's article, not the name's.
        if re.match(r"\s+(?!(?:im|in|des|der)\b)[a-zäöüß]", line[match.end() :]):
            value = re.sub(r"^(?:Die|Der)\s+(?=\S+\s)", "", value)
    if pattern in (_SPACED_FACTION, _PARTY_SUBJECT, _PARTY_TYPED):
        names = factions_in(value)
        if not names and pattern is _SPACED_FACTION and _ACRONYM.fullmatch(value):
            # "FREIE WÄHLER Kreistagsfraktion" (a logo line run into the next): the capitals
            # before the acronym may open the name; else "Antrag der FFH Fraktion" (Hürtgenwald),
            # a group's acronym
            start = match.start("v")
            # (after a slash too: "BVB/FREIE WÄHLER Fraktion", a name joined to another)
            before = re.search(r"(?<![^\s/])[A-ZÄÖÜ]{2,}\s+$", line[max(0, start - 30) : start])
            names = (before and factions_in(before.group(0) + value)) or [value]
        return names
    return names_in(value)


def _row_parties(blocks: Sequence[Sequence[str]]) -> list[str]:
    """Return the parties the first signature block with any prints after its signers."""
    return next((found for block in blocks if (found := signature_row_parties(block))), [])


def _opening_party(lines: Sequence[str]) -> list[str]:
    """Return the party a text opens with: the letterhead's party alone, its line run into the
    next ones ("CDU Niedersächsischer Landtag – 19. Wahlperiode …", a text run together)."""
    first = next((x.strip() for x in lines if x.strip()), "")
    spans = faction_spans(first)
    if not spans or spans[0][0] or re.match(r"[-/\w]", first[spans[0][1] : spans[0][1] + 1]):
        return []  # not "SPD-Antrag", "Grüne/…", a party's name inside a word
    return [spans[0][2]]


def _last_rows(lines: Sequence[str]) -> list[str]:
    """Return the text's last rows after a blank line: a signature whose closing a page's
    running lines took away (a closing printed on every page is read as one)."""
    rows = list(lines)
    while rows and not rows[-1].strip():
        rows.pop()
    start = max((i for i, x in enumerate(rows) if not x.strip()), default=-1) + 1
    return rows[start:] if len(rows) - start <= 3 else []


def factions_in_prose(
    lines: Sequence[str], limit: int = HEADER_LINES, *, letter: bool = False
) -> list[str]:
    """Return the factions the header block names, else those of the letter's closing lines.

    The closing ("im Namen der Fraktion Bündnis 90/Die Grünen", "Für die SPD-Fraktion") is read
    only when the head names none: an answer's last lines may cite other groups. A letter's
    letterhead or signature often names just the party ("SPD Musterstadt", "FREIE WÄHLER"): for
    letters, a party the faction table knows counts there too.
    """
    tail = lines[max(limit, len(lines) - 15) :]
    # The signature block after a closing ("Mit freundlichen Grüßen / Name / für die Fraktion …")
    # may sit mid-document, above attachments.
    signed = [
        x
        for i, line in enumerate(lines)
        if i >= limit and _CLOSING.match(line)
        for x in lines[i + 1 : i + 9]
    ]
    places = places_in([*lines[:limit], *tail])

    def scan(part: Sequence[str]) -> list[str]:  # a place is never a group ("Fraktion Köln")
        names = [after_places(n, places) for n in _scan(part)]
        return list(dict.fromkeys(n for n in names if not is_place(n, places)))

    found = scan(lines[:limit])
    # A signature block that opens inside the head: its signers one under the other ("Max Muster
    # (CDU)" / "Erika Beispiel (SPD)") are not cut at the head's last line.
    reach = max([limit] + [i + 9 for i, x in enumerate(lines[:limit]) if _CLOSING.match(x)])
    signers = [n for x in lines[limit:reach] for _, _, names in member_spans(x) for n in names]
    found += [n for n in signers if found and n not in found]
    # The closing confirms where a name of the head starts ("für die UWG-Fraktion").
    found = without_neighbours(found, scan([*tail, *signed]) if found else [])
    found = found or without_neighbours(scan(tail)) or without_neighbours(scan(signed))
    if not found:  # "Mit freundlichen Grüßen / Name / für die Fraktion / Bürgerliste Leichlingen"
        closings = [i for i, line in enumerate(lines) if _CLOSING.match(line)]
        found = signature_groups([x for i in closings for x in lines[i + 1 : i + 9]], places)
    if not found:  # a letter's return address run into the first line of a text
        found = return_address_groups(next((x for x in lines[:limit] if x.strip()), ""))
    if not found:  # a form's letterhead ("SPD", "Ratsfraktion" / "UWG"), a signer "Name (SPD)"
        closings = [i for i, line in enumerate(lines) if _CLOSING.match(line)]
        found = (
            top_group(lines[:limit])
            or group_above_seat(lines[:limit])
            or signer_parties([x for i in closings for x in lines[i + 1 : i + 6]])
            or run_in_signers(lines[-3:])  # a closing inside a run-together last line
            # the parties after the signers' names (and role): "Anna Schmidt" / "Stadträtin"
            # / "Bündnis 90/Die Grünen", names side by side with the parties in the row below
            or _row_parties([*(lines[i + 1 : i + 9] for i in closings), _last_rows(lines)])
            or run_in_row_parties(lines[-3:])
            or _opening_party(lines)
        )
    if found or not letter:
        return found
    # Without a salutation the letterhead is the first lines ("Freie Wähler Karlsruhe, Hebel-
    # straße 13, …" above "Herrn Oberbürgermeister").
    salutation = next((i for i, x in enumerate(lines[:limit]) if _SALUTE.match(x)), 8)
    names = letterhead_groups(lines[:salutation], places)
    if names:
        return names
    for line in [*lines[:salutation], *tail[-8:], *signed]:
        if not re.search(r"@|www\.|https?://", line):  # e-mail and web addresses name no group
            names += [n for n in factions_in(line) if n not in names]
    return names
