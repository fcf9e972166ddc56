"""What a letter says about itself above its salutation: its own number, its writer. Pure.

A letter prints its subject block just above "Sehr geehrte …,": the subject, and often on a
line of its own the number of the paper it is filed under ("Hofewiese Langebrück" /
"AF2009/13"), or a subject that names the inquiry it replies to ("Zwischenbescheid zur
schriftlichen Anfrage AF2008/13", "Ihre Anfrage Nr. 12/2024 vom …"). A letter whose letterhead
is the administration's head and whose address block is a council member answers that member.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from fetcher.parse.markers import LINE_CHARS
from fetcher.parse.paper_number import AMENDMENT
from fetcher.parse.pattern_gates import gated
from fetcher.parse.text import DATE, HEADER_LINES
from fetcher.parse.wording import SALUTATION

# A paper number standing alone: letters, digits and one to three separators ("AF2009/13",
# "A0087/09", "2024/0123", "VII-F-08632", "19/11138", "AN/1234/2021", "V/21/1234",
# "21/SVV/1234", "mAF0014/21"); never a date, a time or a phone number.
# A department may close it ("0123/2021/FB 3"), a new version's mark a Roman-numbered one
# ("VI-A-01234-NF-02": Leipzig's "Neufassung 2").
PAPER_NUMBER = (
    r"(?:[a-z]?[A-ZÄÖÜ]{1,6}[ /-]?)?\d{1,6}(?:\s?[/-]\s?(?:[A-Z]{2,5}/)?[A-Z]{0,4}\d{1,6}){1,3}"
    r"(?:/[A-ZÄÖÜ]{1,4}\s?\d{1,2}(?!\d))?"
    r"|[IVX]{1,4}-[A-Z]{1,3}-\d{3,6}(?:-[A-Z]{1,3}-\d{1,3})?"
)
_LONE_NUMBER = re.compile(rf"(?:Nr\.?\s*)?(?P<ref>{PAPER_NUMBER}){AMENDMENT}?")
# "… zur schriftlichen Anfrage AF2008/13", "Antwort auf die Anfrage Nr. 17/2024",
# "Ihre Anfrage 2024/0123 vom 3. März 2024": the inquiry the letter replies to, in the subject.
_REPLY_TO = re.compile(
    r"(?:\b(?:zu[rm]?|auf\s+(?:die|Ihre|Eure))\s+(?:\w+\s+)?|^(?:Betreff:\s*)?(?:Ihre|Eure)\s+"
    r"(?:\w+\s+)?)(?:Einwohner)?Anfrage\s*(?:-?\s*Nr\.?\s*:?\s*)?"
    rf"(?P<ref>{PAPER_NUMBER})(?=\s*$|\s+vom\b|\s*[,;]|\s+[A-ZÄÖÜ][a-zäöüß])",
    re.I,
)


# A salutation inside a line: a subject run into it ("… Anfrage AF2008/13 Sanierung Kinder- und
# Jugendhäuser Sehr geehrter Herr Hoffsommer, …", a text with its lines or paragraphs run
# together; wrapped after "Sehr geehrter" or after "Sehr", "… AF2008/13 Sehr" / "geehrter Herr
# Hoffsommer, …"). Capitalised as a sentence's start: "sehr geehrte" in prose is not one.
SALUTATION_INSIDE = re.compile(
    r"(?<=\S\s)Sehr(?:\s+geehrte[r]?(?:\s+(?:Herr|Frau|Damen|Mitglieder)\b|\s*$)|\s*$)"
)
SALUTATION_INSIDE = gated(SALUTATION_INSIDE)  # the same matches, tried only where one can start
# A paper number ending a subject run into one line ("Fernbuslinien AF0028/14"); never after
# a file-number, phone or parcel label ("Az.: 61/123", "Tel. 0351/…", "Flurstück 123/4").
_NUMBER_AT_END = re.compile(rf"(?<![:.]\s)(?<!\S)(?:Nr\.?\s*)?(?P<ref>{PAPER_NUMBER}){AMENDMENT}?$")
_NOT_OWN = re.compile(
    r"(?:\b(?:Az|AZ|GZ|Zeichen|Tel|Telefon|Fax|Flurst(?:ück)?|Bebauungsplan|Postfach)\b\.?:?"
    r"|\b\d{5}\s+\w+)\s*(?:Nr\.?\s*)?$"
)


def subject_block(lines: Sequence[str]) -> list[str]:
    """Return the lines just above a letter's salutation, up to the blank line above them.

    At most about four lines of a letter's width: a subject printed in a narrow column takes
    more, shorter lines ("Zwischenbescheid zur schriftlichen" / "Anfrage AF2008/13" / …). A
    salutation inside a line (a subject run into it) ends the block there.
    """
    for i, line in enumerate(lines[:HEADER_LINES]):
        inside = None if SALUTATION.match(line) else SALUTATION_INSIDE.search(line)
        if not SALUTATION.match(line) and not inside:
            continue
        block: list[str] = [line[: inside.start()].strip()] if inside else []
        k = i - 1
        while k >= 0 and not lines[k]:
            k -= 1
        while k >= 0 and lines[k] and sum(map(len, block)) < 4 * LINE_CHARS:
            block.insert(0, lines[k])
            k -= 1
        return block
    return []


def subject_reference(lines: Sequence[str]) -> str | None:
    """Return the number a letter's subject block gives for the letter itself, or None."""
    block = subject_block(lines)
    if not block:
        return None
    last = block[-1].strip()
    lone = _LONE_NUMBER.fullmatch(last)
    if lone and len(block) > 1 and not _not_a_paper(lone.group("ref")):
        return _tidy(lone.group("ref"))
    # the same number at the end of a subject run into one line ("Fernbuslinien AF0028/14",
    # "… Frau Stadträtin Dr. Margot Gaitzsch Schallschutzmaßnahmen an Kleingartensparten
    # AF2250/13"): words of the subject before it
    end = _NUMBER_AT_END.search(last)
    if (
        end
        and not lone
        and re.search(r"[A-Za-zÄÖÜäöüß]{3,}[^\s\d]*\s+$", last[: end.start()])
        and not _NOT_OWN.search(last[: end.start()])
        and not _not_a_paper(end.group("ref"))
    ):
        return _tidy(end.group("ref"))
    # a subject wrapped inside its reply ("… zur schriftlichen" / "Anfrage AF2008/13", or over
    # three lines in a narrower column) is read over each run of two and three lines too
    runs = [*block, *(f"{a} {b}" for a, b in pairwise(block))]
    runs += [" ".join(block[k : k + 3]) for k in range(len(block) - 2)]
    for line in runs:
        reply = _REPLY_TO.search(line)
        if reply and not _not_a_paper(reply.group("ref")):
            return _tidy(reply.group("ref"))
    return None


# A reply's reference line (DIN 5008 "Ihr Zeichen", "Ihre Nachricht vom"), printed as its own
# line above or beside the subject: "Ihre Anfrage 2021/0123 vom 12.03.2021", "Betreff: Ihre
# Kleine Anfrage Nr. 17/2024". The number is the inquiry's, under which the answer is filed.
_REPLY_LINE = re.compile(
    r"^(?:Betreff:\s*)?(?:Ihre|Eure)\s+(?:[\wäöüß]+\s+)?(?:Einwohner)?Anfrage\s*"
    rf"(?:-?\s*Nr\.?\s*:?\s*)?(?P<ref>{PAPER_NUMBER})(?=\s*$|\s+vom\b|\s*[,;])"
)


# The same reference run into a line with its date ("… Fraktion Ihre Anfrage 2021/0123 vom
# 12.03.2021 Sehr geehrter …", a head whose lines were run together).
_REPLY_DATED = re.compile(
    r"(?<!\S)(?:Ihre|Eure)\s+(?:[\wäöüß]+\s+)?(?:Einwohner)?Anfrage\s*(?:-?\s*Nr\.?\s*:?\s*)?"
    rf"(?P<ref>{PAPER_NUMBER})\s+vom\s+{DATE.pattern}"
)


def reply_reference(lines: Sequence[str]) -> str | None:
    """Return the inquiry's number a reply's reference line names in the head, or None.

    Read after every label of the paper's own: a printed "Vorlage Nr.:" of the answer wins.
    """
    for line in lines[:HEADER_LINES]:
        reply = _REPLY_LINE.match(line.strip()) or _REPLY_DATED.search(line)
        if reply and not _not_a_paper(reply.group("ref")):
            return _tidy(reply.group("ref"))
    return None


def _not_a_paper(ref: str) -> bool:
    """Dates and phone numbers ("0351/4881234") look like paper numbers."""
    return bool(
        DATE.fullmatch(ref)
        or (
            re.fullmatch(r"0\d{2,5}\s?[/-]\s?\d{4,}", ref)
            and not re.search(r"[/-]\s?(?:19|20)\d\d$", ref)  # "0123/2021": a number of 2021
        )
    )


def _tidy(ref: str) -> str:
    return re.sub(r"\s*([/-])\s*", r"\1", ref)


# The letterhead of the administration's head: "Die Oberbürgermeisterin", "Der Bürgermeister der
# Stadt …", "Büro der Oberbürgermeisterin", "Der Beigeordnete für …", "Die Landrätin" (and, by
# the same rule, "Der Magistrat", "Bezirksamt …", "Bürgermeisteramt").
_ADMINISTRATION = re.compile(
    r"^(?:(?:Der|Die)\s+(?:(?:Erste|Zweite|Dritte)[r]?\s+)?(?:Ober|Bezirks)?[Bb]ürgermeister(?:in)?"
    r"|Büro\s+de[rs]\s+(?:Ober)?[Bb]ürgermeister(?:in|s)?"
    r"|(?:Der|Die)\s+Beigeordnete[r]?|(?:Der|Die)\s+Landr(?:at|ätin)|Der\s+Magistrat"
    r"|(?:Das\s+)?Bezirksamt|(?:Ober)?[Bb]ürgermeisteramt)\b"
)
# The signer's role under the closing: "Erster Bürgermeister", "Oberbürgermeisterin",
# "Beigeordneter", "Landrat".
_ADMINISTRATION_ROLE = re.compile(
    r"^(?:(?:Erste|Zweite|Dritte)[r]?\s+)?(?:Ober)?[Bb]ürgermeister(?:in)?$|^Beigeordnete[r]?\b"
    r"|^Landr(?:at|ätin)$"
)
_CLOSING = re.compile(r"^(?:Mit\s+freundliche|Freundliche\s+Grüße|Hochachtungsvoll)", re.I)
_COUNCIL_TITLE = (
    r"(?:(?:Stadt|Gemeinde|Kreis|Orts|Ortschafts|Bezirks)?(?:rat|rätin|verordnete[rn]?|"
    r"vertreter(?:in)?)|Ratsherr[n]?|Ratsfrau|Ratsmitglied|Abgeordnete[rn]?|"
    r"Fraktionsvorsitzende[rn]?)\b"
)
# A council member or group as addressee: "Herrn Stadtrat", "Frau Stadträtin", "An die
# SPD-Fraktion im Rat", or the salutation "Sehr geehrter Herr Stadtrat …".
_MEMBER = re.compile(
    rf"^(?:Herrn|Frau)\s+{_COUNCIL_TITLE}|^Sehr\s+geehrte[r]?\s+(?:Herr|Frau)\s+{_COUNCIL_TITLE}"
    r"|^An\s+(?:die|den)\s+(?:\S+\s+){0,3}?\S*(?:[Ff]raktion|Gruppe)\b",
    re.I,
)


# The same inside a line: a head run together ("Landeshauptstadt Dresden GZ: (OB) 152 Die
# Oberbürgermeisterin Datum: … Frau Stadträtin Barbara Lässig … Sehr geehrte Frau Lässig, …").
_ADMINISTRATION_IN = re.compile(r"(?<!\S)" + _ADMINISTRATION.pattern[1:])
_MEMBER_IN = re.compile(_MEMBER.pattern.replace("^", r"(?<!\S)"), re.I)


def administration_to_member(lines: Sequence[str]) -> bool:
    """Whether a letter comes from the administration's head and is addressed to a council member.

    Such a letter replies to that member: an answer to an inquiry, or a notice about one. The
    writer is the letterhead above the salutation or the signer's role under the closing; the
    addressee is the address block or the salutation. An inquiry letter addressed to the mayor
    names no member as its addressee. A head run together into a few long lines is read the
    same way, up to the salutation inside its line.
    """
    for i, line in enumerate(lines[:HEADER_LINES]):
        inside = None if SALUTATION.match(line) else SALUTATION_INSIDE.search(line)
        if inside:
            above = [*lines[:i], line[: inside.start()]]
            saluted = line[inside.start() : inside.start() + LINE_CHARS]
            return any(_MEMBER_IN.search(x) for x in [*above, saluted]) and any(
                _ADMINISTRATION_IN.search(x) for x in above
            )
        if SALUTATION.match(line):
            head = lines[: i + 1]
            if not any(
                _MEMBER.match(x) or (len(x) > LINE_CHARS and _MEMBER_IN.search(x)) for x in head
            ):  # also inside a head run together into lines longer than a printed line
                return False
            if any(_ADMINISTRATION_IN.search(x) for x in head[:-1]):  # also inside a line
                return True
            return any(
                _ADMINISTRATION_ROLE.match(x.strip())
                for k, closing in enumerate(lines)
                if k > i and _CLOSING.match(closing)
                for x in [y for y in lines[k + 1 : k + 12] if y][:6]
            )
    return False
