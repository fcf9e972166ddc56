"""The parties printed after the signers' names under a letter's closing. Pure.

A signature block gives the signer's name first, then perhaps the role, then the party:
"Anna Schmidt" / "Stadträtin" / "Bündnis 90/Die Grünen", "Anna Schmidt" / "Stadtrat Die PARTEI",
"Anna Schmidt" / "ÖDP-Stadträtin"; signers side by side print their names in one row and their
parties in the row below ("Anna Schmidt      Peter Müller" / "SPD      CDU"). The rows are read
as one run of text, so the same reading serves a text whose lines were run together ("… Grüßen
Anna Schmidt Peter Müller SPD CDU"): names first, a role perhaps, then the parties, each a
party the table knows; after a role, a group's name alone at the block's end counts too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.factions import faction_spans, factions_in
from fetcher.parse.faction_phrases import ACRONYM, group_like
from fetcher.parse.member_roles import MEMBER_ROLE
from fetcher.parse.sender_blocks import group_alone

# A signer's role: a member's noun, a group's chair or speaker.
_ROLE = (
    rf"(?:{MEMBER_ROLE}|(?:stellv\.\s*|[Ss]tellvertretende[rn]?\s+)?(?:Fraktions|Gruppen)"
    r"(?:vorsitzende[rn]?|sprecher(?:in)?))"
)
_ROLE_WORD = re.compile(rf"{_ROLE}(?![\wäöüß])")
# One word of a person's name: capitalised, small letters after (not "SPD", not "Die"), never
# a place name's first word ("Bad Kreuznach", "Groß Ippener", "Sankt Augustin").
_NAME_WORD = (
    r"(?!(?:Die|Der|Das|Mit|Für|Und|Bad|Sankt|Groß|Klein|Neu|Alt|Ober|Unter|Nieder|Nord|Süd|"
    rf"Ost|West|{_ROLE})(?![\wäöüß]))"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
)
# A signer: titles, a first name, perhaps a second one, a particle, the surname; the shorter
# reading first ("Anna Schmidt Peter Müller" is two signers).
_PERSON = re.compile(
    rf"(?:gez\.\s*)?(?:(?:Dr\.|Prof\.)\s+)*{_NAME_WORD}(?:\s+{_NAME_WORD})??"
    rf"(?:\s+(?:von|van|de|zu)(?:\s+der)?)?\s+{_NAME_WORD}"
)
# The role after the names, with the party joined before it ("ÖDP-Stadträtin") perhaps.
_ROLE_AFTER = re.compile(
    rf"\s*,?\s*(?:(?P<pre>[A-ZÄÖÜ][\wÄÖÜäöü.]*(?:\s?/\s?[\wÄÖÜäöü.]+)*)-)?{_ROLE}(?![\wäöüß])"
    r"(?:\s*,)?(?:\s+(?:der|für\s+die)\s+\w*[Ff]raktion(?![\wäöüß]))?"
)
_GAP = re.compile(r"\s+")


def _signers(text: str) -> tuple[int, int]:
    """Return (how many signers `text` opens with, where their names end)."""
    pos, count = 0, 0
    while True:
        gap = _GAP.match(text, pos)
        start = gap.end() if gap and count else pos
        person = _PERSON.match(text, start)
        if not person or factions_in(person.group(0)) or group_like(person.group(0)):
            return count, pos
        count, pos = count + 1, person.end()


def person_end(text: str) -> int:
    """Return where the person's name that opens `text` ends (0: it opens with none)."""
    person = _PERSON.match(text)
    if not person or factions_in(person.group(0)) or group_like(person.group(0)):
        return 0
    return person.end()


# A name that a place ends ("Bürger für Musterstadt"), or an acronym ("GfK"): a person may follow.
_FOR_NAME = re.compile(rf".*\s(?:für|FÜR)\s+[A-ZÄÖÜ][\wäöüß-]*\s+|{ACRONYM}\s+")


def signers_end(text: str) -> int:
    """Return where the signers' names that open `text` end, one or several side by side (0: none).

    "Anja Krüger Tim Olsen" (two signers' row run together) is two persons, no group's name.
    """
    return _signers(text)[1]


def without_signer_after(name: str) -> str:
    """Return a group's name without the signer a run-together text put after it.

    "Bürger für Musterstadt Anna Schmidt" (the label's row and the signer's row run together)
    → "Bürger für Musterstadt", as "… Anna Schmidt Peter Müller" (two signers' row): a name
    of the "… für <place>" shape ends at the place, an acronym ("GfK Anna Schmidt") at its end.
    """
    named = _FOR_NAME.match(name)
    # one signer or several side by side ("… Anna Schmidt Peter Müller")
    if named and signers_end(name[named.end() :]) == len(name[named.end() :].rstrip()):
        return name[: named.end()].rstrip()
    return name


def parties_after_signers(text: str, *, block_end: bool = False) -> list[str]:
    """Return the parties printed after the signers' names that open `text`.

    As many parties as signers at most, each a party the table knows, side by side after the
    names (and the role); after a role, the rest of the block when it is a group's name alone
    (`block_end`: `text` ends where the signature block ends).
    """
    text = text.strip(" ,")
    count, pos = _signers(text)
    if not count:
        return []
    found: list[str] = []
    role = _ROLE_AFTER.match(text, pos)
    if role:
        pos = role.end()
        if role.group("pre"):  # "ÖDP-Stadträtin": the party is joined to the role
            return factions_in(role.group("pre")) or group_alone(role.group("pre"))
    rest, read = text[pos:], 0
    for start, end, name in faction_spans(rest):
        if rest[read:start].strip(" ,/&") or len(found) == count:
            break
        found.append(name)
        read = end
    if found or not role or not block_end:
        return list(dict.fromkeys(found))
    # "Anna Schmidt" / "Stadträtin" / "Wählergemeinschaft Musterstadt": a group's name alone
    return group_alone(text[pos:]) if count == 1 else []


def signature_row_parties(block: Sequence[str]) -> list[str]:
    """Return the parties the rows under a closing print after the signers' names.

    `block`: the lines after the closing; the first rows up to a blank line after them are read
    as one run ("Anna Schmidt      Peter Müller" / "SPD      CDU").
    """
    rows: list[str] = []
    for line in block:
        if not line.strip():
            if rows:
                break
            continue
        rows.append(line.strip())
        if len(rows) == 4:
            break
    return parties_after_signers(" ".join(rows), block_end=len(rows) < 4) if rows else []


_CLOSING_INLINE = re.compile(
    r"Mit\s+freundliche[nm]\s+Gr(?:ü|u)(?:ß|ss)(?:en)?\s+|Freundliche\s+Grüße\s+"
)


def run_in_row_parties(lines: Sequence[str]) -> list[str]:
    """Return the parties after the signers run into a line after its closing ("… Mit
    freundlichen Grüßen Anna Schmidt Stadträtin Bündnis 90/Die Grünen")."""
    found: list[str] = []
    for line in lines:
        for closing in _CLOSING_INLINE.finditer(line):
            after = line[closing.end() : closing.end() + 250]
            end = closing.end() + 250 >= len(line.rstrip())
            found += parties_after_signers(after, block_end=end)
    return list(dict.fromkeys(found))
