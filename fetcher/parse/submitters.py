"""Who submitted the paper: labelled submitters, faction lines, signatures. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from fetcher.factions import factions_in
from fetcher.parse.faction_phrases import LABEL_WORD, group_like, phrase_names
from fetcher.parse.fields import value_after
from fetcher.parse.senders import is_place, letterhead_groups, places_in, signature_groups
from fetcher.parse.text import DATE, HEADER_LINES, LABEL_LINE, wraps

_SUBMITTER_LABEL = re.compile(
    r"^(?:Eingereicht von|Einreicher(?:in)?|Antragsteller(?:in)?|Stadträtinnen/Stadträte\s*[–-]\s*"
    r"Fraktionen)\s*:?",
    re.I,
)


KA_FACTION_LINE = re.compile(
    r"^(?:Anfrage|Antrag|Änderungsantrag|Ergänzungsantrag|Änderungs-/Ergänzungsantrag)\s*:\s*(?P<v>.+)$"
)
# Joint senders: "Interfraktionelle Anfrage: GRÜNE, KULT, FDP", "Gemeinsame Anfrage CDU, FDP/FW",
# "Interfraktioneller Ergänzungsantrag: Volt, Die Linke", "Gemeinsamer Antrag der Fraktionen …".
JOINT_LINE = re.compile(
    r"^(?:Interfraktionelle[rs]?|Gemeinsame[rs]?)\s+\w*(?:anfrage|antrag)\b\s*"
    r"(?:der\s+(?:Fraktionen|Gruppen)\s+|von\s+)?:?\s*(?P<v>[^:?]{2,80})$",
    re.I,
)


OF_FACTION = re.compile(
    r"^(?:Anfrage|Antrag|Gesetzentwurf)?\s*der\s+(?P<v>.+?)(?:\s+vom\s+\d.*|,\s*eingegangen.*|;.*)?$"
)


_SIGNATURE_LABEL = re.compile(r"^Unterzeichnet(?: von)?\s*:?\s*(?P<v>.*)$", re.I)


_NAME = re.compile(
    r"^(?:(?:Dr\.|Prof\.|Dipl\.-\w+\.?)\s+)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+(?:von\s+|van\s+|de\s+)?"
    r"[A-ZÄÖÜ][\wäöüß'-]+){1,3}$"
)


def find_submitters(lines: Sequence[str], doc_label_index: int | None) -> list[str]:
    """Return submitters as printed: "Eingereicht von", "Anfrage: SPD", signatures …"""
    found: list[str] = []
    values, _ = value_after(lines, _SUBMITTER_LABEL, max_lines=3)
    labels = [m.group(0).rstrip(" :").casefold() for x in lines if (m := _SUBMITTER_LABEL.match(x))]
    if not labels or labels.count(labels[0]) < 2:
        found += values  # the label printed twice or more names an agenda's items, not the paper
    for i, line in enumerate(lines[:HEADER_LINES]):
        match = KA_FACTION_LINE.match(line)
        if match and len(match.group("v")) <= 60 and "?" not in match.group("v"):
            value = match.group("v").strip()
            # "Anfrage: SPD", "Anfrage: UWG", not "Anfrage: Flächen und Umzug Bauhof" (a title)
            if factions_in(value) or "fraktion" in value.lower() or group_like(value):
                found.append(match.group("v").strip())
            continue
        if re.match(r"^Stadträt(?:in|innen|e)?\s+\S.*\(.+\)$|^Stadtrat\s+\S.*\(.+\)$", line):
            found.append(line)  # Karlsruhe 2018: "Stadtrat Marc Bernhard (AfD)"
            continue
        match = JOINT_LINE.match(line)
        if match and not match.group("v").rstrip().endswith("."):
            found += [n for n in re.split(r",\s*|\s+und\s+|\s*&\s*", match.group("v")) if n]
            continue
        match = OF_FACTION.match(line)
        # "der Leipziger Gruppe betrieben wird?" (a question wrapped after "… von" in a PDF)
        # is a sentence, not a sender.
        if (
            match
            and re.search(r"fraktion|gruppe|liste", match.group("v"), re.I)
            and not match.group("v").rstrip().endswith(("?", "!"))
        ):
            value = re.sub(r"\s+[-–]$", "", match.group("v").strip())  # "… Grünen -" / "Drs. …"
            rest = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if wraps(value) and rest and len(rest) < 40 and not LABEL_LINE.match(rest):
                value = f"{value} {rest}"  # "… Bündnis 90/Die" / "Grünen -": a PDF's wrap
            found.append(re.sub(r"\s+[-–]$", "", value))
            continue
        if (
            re.search(r"fraktion\b", line, re.I)
            and len(line.split()) <= 6
            and not re.search(r"\d{3,}", line)
            and not LABEL_LINE.match(line)
            and not re.search(r"Fraktionen|Mitglieder|geehrte", line)
            and not line.endswith((".", ":", "?"))
        ):
            # "für die B‘90/DIE GRÜNEN-OR-Fraktion", "Stellvertretend für die CDU-…fraktion" under
            # a signature: the group itself.
            found.append(re.sub(r"^(?:\w+\s+)?für\s+die\s+", "", line))
    found += _chaired_body(lines[:4])
    found += _signatures(lines)
    unique: list[str] = []
    for value in found:
        value = value.strip(" ,;")
        if value and value not in unique:
            unique.append(value)
    # "SPD-Ortschaftsratsfraktion" beside "SPD-Ortschaftsratsfraktion Neureut": the same sender,
    # once in the head, once under the signature (a PDF without blank lines shows both).
    return [v for v in unique if not any(o != v and o.startswith(v + " ") for o in unique)]


def _signatures(lines: Sequence[str]) -> list[str]:
    names: list[str] = []
    for i, line in enumerate(lines):
        if re.match(r"^Mit freundlichen Grüßen", line):
            # The next printed line, blank lines or none between (a PDF's text has none).
            following = [x.strip(" ,") for x in lines[i + 1 : i + 6] if x.strip()][:2]
            names += _signed(following)
            continue
        match = _SIGNATURE_LABEL.match(line)
        if not match:
            continue
        candidates = [match.group("v")] if match.group("v") else []
        candidates += lines[i + 1 : i + 12]
        for cand in candidates:
            cand = cand.strip(" ,")
            if not cand:
                continue  # blank lines between the group and its signers end nothing
            if not _NAME.match(cand):
                break
            names.append(cand)
    return names


def _chaired_body(head: Sequence[str]) -> list[str]:
    """Return the body a letterhead names above its chair ("Vorsitzender Günter Winkelmann").

    A date printed in the right column on the same baseline is cut off ("Stadtteilbeirat
    Büchenbach Erlangen, den 23.11.2022"): pdfium reads it into the line beside it.
    """
    rows = [x.strip() for x in head if x.strip()]
    for above, below in pairwise(rows):
        if not re.match(r"^Vorsitzende[rn]?\s+[A-ZÄÖÜ]", below):
            continue
        body = re.sub(r"\s+[A-ZÄÖÜ][\wäöüß-]*,?\s+(?:den\s+)?\d{1,2}\.\s*\S+?\s*\d{4}$", "", above)
        if _BODY.fullmatch(body) and not DATE.search(body) and len(body.split()) <= 5:
            return [body]
    return []


# The body a signer signs for: "für den Stadtteilbeirat Büchenbach", "für die SPD-Fraktion".
_SIGNED_FOR = re.compile(
    r"^(?:i\.\s*A\.\s*|stellvertretend\s+)?für\s+(?:den|die|das)\s+(?P<g>[A-ZÄÖÜ][^\d,.:;]{2,60})$",
    re.I,
)
_BODY = re.compile(r"[A-ZÄÖÜ][\w‘'’/-]*(?:\s+[\wÄÖÜäöüß‘'’/-]+){0,5}")


def _signed(following: Sequence[str]) -> list[str]:
    """Return the body signed for and the signer from the lines under the closing.

    "Günter Winkelmann" / "für den Stadtteilbeirat Büchenbach" and "Günter Winkelmann,
    Stadtteilbeirat Büchenbach" (one line) give both; a body alone ("Stadtteilbeirat Büchenbach")
    stays as it is.
    """
    if not following:
        return []
    name, _, body = following[0].partition(", ")
    deputy = re.match(r"(?P<n>.+?)\s+in\s+Vertretung\s+(?:des|der)\s+(?P<b>.+)$", name)
    if deputy:  # "Günter Winkelmann in Vertretung des Stadtteilbeirats Büchenbach"
        name, body = deputy.group("n"), deputy.group("b")
        # "des Stadtteilbeirats" / "des Ausschusses": the body's own name, not its genitive.
        first, _, rest = body.partition(" ")
        if " Vertretung des " in following[0] and len(first) > 5:
            first = first[:-2] if first.endswith("sses") else first.removesuffix("s")
            body = f"{first} {rest}".strip()
    if not _NAME.match(name):
        return []
    if body and _BODY.fullmatch(body) and not DATE.search(body):
        return [body, name]  # the body first, as a letterhead names it above its chair
    match = _SIGNED_FOR.match(following[1]) if len(following) > 1 else None
    return [match.group("g").strip(), name] if match else [name]


# Factions named in prose: "Anfrage der Abgeordneten … (CDU)", "die Fraktion BÜNDNIS 90/DIE GRÜNEN
# bittet", "SPD-Fraktion in der Bezirksvertretung …", "der Fraktionen SPD und FDP".
_MEMBER_PARTY = re.compile(
    r"\b(?:Abgeordnete[nr]?|Stadtr(?:at|ätin|äte|ätinnen)|Ratsherr(?:en|n)?|Ratsfrau(?:en)?|"
    r"Ratsmitglied(?:e[sr])?|Bezirksverordnete[nr]?|Gemeinderät(?:in|e|innen)|Kreisr(?:at|ätin)|"
    r"Bezirksvertreter(?:in)?|Ortschaftsr(?:at|ätin)|Stadtverordnete[nr]?|"
    # "Gemeinderatsmitglied Rainer Polzenberg (SPD)", "sachkundigen Bürger … (CDU)" (Hürtgenwald)
    # Not a role with its body: "Abgeordneter des Sächs. Landtages (Name, Vorname)" (a form).
    r"\w+ratsmitglied(?:e[rs]?)?|sachkundige[nr]?\s+(?:Bürger|Einwohner)\w*)\b(?!\s+des\s)[^()\n]{0,90}"
    r"\((?P<v>[^()\n]{2,40})\)"
)
# A name of up to four words ("Wählergemeinschaft Musterstadt", "Bürger für Lindenau"); the
# phrase reader (faction_phrases) keeps only the words that belong to it.
_GROUP_NAME = (
    r"[A-ZÄÖÜ][\w.]*(?:-[A-ZÄÖÜ]{2,4}(?=-))*(?:\s?/\s?[\wÄÖÜäöü.]+)*"
    r"(?:\s(?:für\s|FÜR\s)?[A-ZÄÖÜ][\w.]*(?:\s?/\s?[\wÄÖÜäöü.]+)*){0,3}"
)
# "SPD-Fraktion", "GLG -Ortschaftsratsfraktion", "CDU und FDP -Ortschaftsratsfraktion",
# "SPD- und CDU-Ortschaftsratsfraktion".
_HYPHEN_FACTION = re.compile(
    rf"(?P<v>{_GROUP_NAME}(?:-?(?:,\s*|\s+und\s+){_GROUP_NAME})*)\s?-(?:\w+)?[Ff]raktion\b"
)
# A form's sender field inside a line (a head run into one line: "… Anfrage: FDP Gremien …"):
# the one name after it, where it says by itself that it is a group.
_SENDER_FIELD = re.compile(
    r"(?<![\w-])(?:Anfrage|Antrag|Antragsteller(?:in)?|Eingereicht von|Einreicher(?:in)?)\s*:\s*"
    r"(?P<v>(?:Die\s+|DIE\s+)?[A-ZÄÖÜ][\wÄÖÜäöüß.]*(?:\s?[/|]\s?(?:Die\s+)?[\wÄÖÜäöüß.]+)*)"
)
# "CDU Fraktion", "SPD Ratsfraktion": with a space only for a party the table knows.
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,6}")
_SPACED_FACTION = re.compile(r"(?P<v>[A-ZÄÖÜ][\w.]*(?:\s?/\s?[\wÄÖÜäöü.]+)*)\s\w*[Ff]raktion\b")
_NAMED_FACTION = re.compile(
    r"\b(?:(?<!-)(?:[A-ZÄÖÜ][a-zäöüß]*)?(?:[Rr]ats|[Tt]ags|[Bb]eirats)[Ff]raktion(?:en)?|"
    r"[Ff]raktion(?:en)?|"
    r"FRAKTION|(?<!-)Gruppe|Ratsgruppe|Fraktionsvorsitzende[rn]?|Fraktionssprecher(?:in)?)\s+(?:der\s+|von\s+)?"
    r"(?P<v>[^\n,;:()]{2,80}?(?:,\s*[^\n,;:()]{2,40}?)*)"
    # "für" ends the name before an article ("… für die Sitzung"), not in one ("Menschen für
    # Grötzingen"); so does the verb or pronoun of the sentence ("… beantragen wir").
    r"(?=\s+(?:im|in|des|der|zur|zum|zu|bittet|bitten|hat|haben|vom|für(?=\s+(?:die|den|das|der|"
    r"dem|eine?[nmrs]?|alle\w*|unser\w*|\d))|betr\w*|wegen|stell\w*|frag\w*|möchte\w*|"
    r"beantrag\w*|ersuch\w*|wir|ich|folgende\w*|hiermit|daher|deshalb|eingegangen|gemäß|nach|an|"
    r"über)\b|[,;:().]\s|[;:()]|\s*$)"
)
# A party as the subject of the request: "die SPD beantragt", "Die Grünen bitten" (known only).
_PARTY_SUBJECT = re.compile(
    r"\b(?:[Dd]ie|[Dd]er|[Uu]nsere)\s+(?P<v>[^\n,.;:()]{2,40}?)\s+(?:beantrag(?:t|en)|bitte[tn]|"
    r"frag(?:t|en)|stell(?:t|en)|ersuch(?:t|en)|möchte[nt]?)\b"
)
_NOT_A_NAME = re.compile(
    # A lower-case article starts a phrase, not a name ("Die Unabhängigen" is one).
    r"^(?-i:der|die|das|den|dem|des|im|in|und|oder|sowie|eine?[rn]?)\b|^(?:alle|beide|folgende|"
    r"gemeinsam|vorsitz\w*|geschäfts\w*|fraktionslos\w*)\b|\b(?:Rat|Rates|Stadt|Gemeinde|"
    r"Bezirksvertretung|Kreistag|Landtag|Bundestag|Verwaltung|Ausschuss|Sitzung|Stadträt\w*|"
    r"Stadtr[aä]t\w*|Mitglied\w*|Abgeordnete\w*)\b|\b(?:der|die|des|den|dem|und|im|in)$",
    re.I,
)


def _names_in(value: str) -> list[str]:
    """Return the groups a value read after or before a faction label names (as in its phrase)."""
    # A list of groups is names only: "für Kinder unter 3 Jahren und die Öffnungszeit" (after
    # a kindergarten's "Gruppe") is a sentence.
    known = factions_in(value)
    parts = [p.strip(" .-–") for p in re.split(r",\s*|\s+und\s+|\s*&\s*", value)]
    if any(p and not p[:1].isupper() for p in parts):
        return known
    names = [n for n in phrase_names(value, labelled=True, seat=False) if not _NOT_A_NAME.search(n)]
    return names + [k for k in known if k not in names]  # a known party is never lost


def _field_names(value: str) -> list[str]:
    """Return the groups a sender field's value names: known, or an acronym ("UWG")."""
    value = value.rstrip(".")
    if factions_in(value):
        return phrase_names(value, labelled=True)
    return [value] if re.fullmatch(r"[A-ZÄÖÜ]{2,6}", value) and group_like(value) else []


_SALUTE = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s)", re.I)
_CLOSING = re.compile(
    r"^(?:Mit\s+freundliche[nm]\s+Gr[üu](?:ß|ss)(?:en)?|(?:Freundliche|Beste|Viele|Herzliche)\s+Grüße)",
    re.I,
)


def _scan(lines: Sequence[str]) -> list[str]:
    found: list[str] = []
    # A member and the party in brackets are often wrapped onto two lines.
    pairs = [f"{a} {b}" for a, b in pairwise(lines) if a and b]
    for line in lines:
        patterns = (
            _MEMBER_PARTY,
            _HYPHEN_FACTION,
            _NAMED_FACTION,
            _SPACED_FACTION,
            _PARTY_SUBJECT,
            _SENDER_FIELD,
        )
        for pattern in patterns:
            for match in pattern.finditer(line):
                value = match.group("v")
                if re.fullmatch(r"\s*fraktionslos\s*", value, re.I):
                    continue
                known_only = pattern is _SPACED_FACTION or pattern is _PARTY_SUBJECT
                if pattern is _SENDER_FIELD:
                    found += [n for n in _field_names(value) if n not in found]
                    continue
                if pattern is _HYPHEN_FACTION:  # the name is read from the whole phrase
                    value = match.group(0)
                    # "Die X-Fraktion bittet …": the sentence's article, not the name's.
                    if re.match(r"\s+(?!(?:im|in|des|der)\b)[a-zäöüß]", line[match.end() :]):
                        value = re.sub(r"^(?:Die|Der)\s+(?=\S+\s)", "", value)
                names = factions_in(value) if known_only else _names_in(value)
                if not names and pattern is _SPACED_FACTION and _ACRONYM.fullmatch(value):
                    names = [value]  # "Antrag der FFH Fraktion" (Hürtgenwald): a group's acronym
                found += [n for n in names if n not in found]
    for pair in pairs:
        for match in _MEMBER_PARTY.finditer(pair):
            if not re.fullmatch(r"\s*fraktionslos\s*", match.group("v"), re.I):
                found += [n for n in _names_in(match.group("v")) if n not in found]
    return found


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
        return [n for n in _scan(part) if not is_place(n, places)]

    found = scan(lines[:limit]) or scan(tail) or scan(signed)
    if not found:  # "Mit freundlichen Grüßen / Name / für die Fraktion / Bürgerliste Leichlingen"
        closings = [i for i, line in enumerate(lines) if _CLOSING.match(line)]
        found = signature_groups([x for i in closings for x in lines[i + 1 : i + 9]], places)
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


def factions_of_submitter(submitter: str) -> list[str]:
    """Return the factions a submitter line names ("KAL-Gemeinderatsfraktion" → "KAL").

    A faction phrase gives the group it names, known or not ("UWG-Ortschaftsratsfraktion
    Grötzingen" → "UWG", "Fraktion XY im Rat der Stadt …" → "XY"); "Fraktion in der
    Bezirksvertretung Köln-Lindenthal" names none. Without a label, a known party counts, or a
    value that says by itself that it is a group ("Anfrage: UWG", "Bürger für Lindenau").
    """
    known = factions_in(re.sub(r"\S+@\S+|www\.\S+|https?://\S+", " ", submitter))  # not addresses
    if LABEL_WORD.search(submitter):
        names = phrase_names(submitter)
    elif member := re.search(r"\((?P<v>[^()]{2,40})\)\s*$", submitter):
        names = phrase_names(member.group("v"), labelled=True)  # "Stadtrat … (AfD)"
    elif group_like(value := submitter.strip(" ,.;")):
        names = phrase_names(value)  # "UWG/Die PARTEI": the unknown group beside the known one
    else:
        names = []
    # A party the table knows in the line is never lost to the phrase's reading.
    return names + [k for k in known if k not in names]
