"""Who submitted the paper: labelled submitters, faction lines, signatures. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from fetcher.factions import faction_spans, factions_in
from fetcher.parse.faction_phrases import (
    GROUP_NAME_WORDS,
    LABEL_WORD,
    WEB_ADDRESS,
    group_like,
    phrase_names,
)
from fetcher.parse.fields import value_after
from fetcher.parse.member_parties import party_names
from fetcher.parse.prose_factions import factions_in_prose as factions_in_prose
from fetcher.parse.signer_rows import person_end, without_signer_after
from fetcher.parse.text import DATE, HEADER_LINES, LABEL_LINE, wraps

# The sender fields of council systems and letters, in their gendered forms as forms print them
# ("Antragsteller/in", "Antragsteller*in", "AntragstellerIn", "Verfasserin"): the label, never
# part of the submitter. "Von" only with its colon (else it opens a sentence).
_GENDERED = r"(?:(?:in|In)(?:nen)?|[/*:_](?:in|In)(?:nen)?|\((?:in|In)\))?"
_SENDER_FIELD = (
    rf"(?:Einreicher|Antragsteller|Fragesteller|Verfasser|Absender|Urheber|Einbringer|Initiator)"
    rf"{_GENDERED}|Eingereicht von|(?:Antrag|Frage)stellende"
)
_SUBMITTER_LABEL = re.compile(
    rf"^(?:{_SENDER_FIELD}|Stadträtinnen/Stadträte\s*[–-]\s*Fraktionen)\s*:?(?![\wäöüß])"
    r"|^Von\s*:",
    re.I,
)
# A sender field's label, or its gendered ending alone ("/in: …", split off a label), at a
# submitter's start.
_LABEL_START = re.compile(
    rf"^(?:(?:{_SENDER_FIELD}|Von)\s*:|[/*:_]?(?:in|In)(?:nen)?\s*:)\s*", re.I
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
        found += _unwrapped(values)  # a label printed twice or more names an agenda's items
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
        # is a sentence, not a sender; so is "der Fraktion Y - Drs. …" under a printed-width
        # line "… Antrag der Fraktion der X und" (read with the line above, as prose).
        if (
            match
            and not (line.startswith("der ") and i and _runs_on(lines[i - 1]))
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
        value = _LABEL_START.sub("", value.strip(" ,;")).strip(" ,;")
        if value and value not in unique:
            unique.append(value)
    # "SPD-Ortschaftsratsfraktion" beside "SPD-Ortschaftsratsfraktion Neureut": the same sender,
    # once in the head, once under the signature (a PDF without blank lines shows both).
    return [v for v in unique if not any(o != v and o.startswith(v + " ") for o in unique)]


def _unwrapped(values: Sequence[str]) -> list[str]:
    """Return a field's value lines with each line that breaks inside a name joined to the next.

    "Einreicher: Fraktion Bündnis 90/Die" / "Grünen" (a narrow column, a text wrapped anew):
    one submitter; "Fraktion X" / "Fraktion Y" stay two.
    """
    joined: list[str] = []
    for value in values:
        if joined and wraps(joined[-1]) and len(value) < 40 and not LABEL_LINE.match(value):
            joined[-1] = f"{joined[-1]} {value}"
        else:
            joined.append(value)
    return joined


def _runs_on(line: str) -> bool:
    """Return whether a printed-width line breaks inside its sentence (the next line goes on)."""
    line = line.rstrip()
    return len(line) >= 60 and not line.endswith((".", "?", "!", ":", ";"))


def _signatures(lines: Sequence[str]) -> list[str]:
    names: list[str] = []
    for i, line in enumerate(lines):
        if re.match(r"^Mit freundlichen Grüßen", line):
            # The next printed line, blank lines or none between (a PDF's text has none).
            following = [x.strip(" ,") for x in lines[i + 1 : i + 6] if x.strip()][:2]
            names += _signed(following)
            # Signers side by side or one under the other, each with the group line under
            # the name: "Max Muster / DIE LINKE-Fraktion / Erika Beispiel / SPD-Fraktion".
            block = [x.strip(" ,") for x in lines[i + 1 : i + 14] if x.strip()][:8]
            names += [x for x in block[1:] if _GROUP_LINE.fullmatch(x) and x not in names]
            # Further signers, each with their group after a comma ("Stadträtin Erika
            # Beispiel, CDU" under "Stadtrat Max Muster, SPD"): a joint letter's groups.
            for x in following[1:] if len(following) > 1 else []:
                signed = _signed([x]) if ", " in x else []
                names += [n for n in signed if len(signed) == 2 and n not in names]
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


# A signer's group line: "SPD-Fraktion", "DIE LINKE-Fraktion", "Fraktion Bündnis 90/Die Grünen".
_GROUP_LINE = re.compile(
    r"(?:[A-ZÄÖÜ][\wÄÖÜäöüß.'/ ]{0,40}-)?[Ff]raktion(?:\s+[A-ZÄÖÜ][\wÄÖÜäöüß.'/ ]{0,40})?"
)


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
    if body and _BODY.fullmatch(body.rstrip(".")) and not DATE.search(body):  # "DIE LINKE."
        return [body, name]  # the body first, as a letterhead names it above its chair
    match = _SIGNED_FOR.match(following[1]) if len(following) > 1 else None
    return [match.group("g").strip(), name] if match else [name]


# Words a group's name is made of, never a person's ("Fraktion Freie Bürger", "Fraktion Pro Hürth"):
# the group words faction_phrases knows, and the words a voters' list is named with.
_GROUP_NAME = re.compile(
    rf"(?i:{GROUP_NAME_WORDS})"
    r"|\b(?:Bürger\w*|Pro|Wir|Freie|Aktive|Neue|Forum|Initiative|Allianz|Union|Gemeinschaft)\b"
)


def factions_of_submitter(submitter: str) -> list[str]:
    """Return the factions a submitter line names ("KAL-Gemeinderatsfraktion" → "KAL").

    A faction phrase gives the group it names, known or not ("UWG-Ortschaftsratsfraktion
    Grötzingen" → "UWG", "Fraktion XY im Rat der Stadt …" → "XY"); "Fraktion in der
    Bezirksvertretung Köln-Lindenthal" names none. Without a label, a known party counts, or a
    value that says by itself that it is a group ("Anfrage: UWG", "Bürger für Lindenau").
    """
    known = factions_in(WEB_ADDRESS.sub(" ", submitter))  # not addresses
    signer = re.match(r"(?:[Ff]ür\s+die\s+)?[Ff]raktion\s+", submitter)
    if (
        signer
        and person_end(rest := submitter[signer.end() :]) == len(rest.rstrip(" ,"))
        and not _GROUP_NAME.search(rest)
    ):
        names = []  # "für die Fraktion" / "Karin Weiß": the rows of a signature run together
    elif LABEL_WORD.search(submitter):
        names = [without_signer_after(n) for n in phrase_names(submitter)]
    elif member := re.search(r"\((?P<v>[^()]{2,40})\)\s*$", submitter):
        # "Stadtrat … (AfD)", "(UWG)"; not a place or an office ("(Musterstadt-Nord)", "(MdB)"):
        # the same reading as a member's bracket anywhere in the text (member_parties)
        names = party_names(member.group("v"))
    elif group_like(value := submitter.strip(" ,.;")):
        names = phrase_names(value)  # "UWG/Die PARTEI": the unknown group beside the known one
    else:
        names = []
    # A party the table knows in the line is never lost to the phrase's reading; the groups come
    # in the order the line names them ("Fraktion Bündnis 90/Die Grünen sowie der Fraktion Die
    # Linke": the phrase reads the last group, the table the first).
    return sorted(names + [k for k in known if k not in names], key=lambda n: _at(submitter, n))


def _at(line: str, name: str) -> int:
    """Return where a line names a group: as written, else where the table finds it."""
    if (where := line.find(name)) >= 0:
        return where
    starts = [start for start, _, found in faction_spans(line) if found == name]
    return min(starts, default=len(line))


# A member who sits in no faction: "Stadtrat Max Muster (fraktionslos)", "Einzelstadtrat …",
# "Einzelstadtverordnete …" (councils' own words for members outside any faction). Not
# "(parteilos)": a member without a party may sit in a faction (Karlsruhe's Freie Wähler letter
# "Unterzeichnet von: Stefan Schmitt (parteilos)").
_WITHOUT_FACTION = re.compile(
    r"\(fraktionslos\w*\)|\bEinzel(?:stadt|gemeinde|kreis)?(?:r[aä]t\w*|"
    r"verordnete\w*|mandat\w*)\b"
)


def without_faction(head: Sequence[str]) -> bool:
    """Return whether the head names a submitter who sits in no faction.

    Then a party named in the text's prose ("Antwort auf FDP-Anfrage vom …", a cited paper) is
    not the submitter's.
    """
    return any(_WITHOUT_FACTION.search(line) and len(line) <= 80 for line in head)
