"""The group a letter's own e-mail or web address names, when nothing else in it does. Pure.

A faction's letter paper may name its sender only in the contact line of the letterhead or the
footer (the name itself printed as a logo, an image): "E-Mail: fraktion@gruene-musterstadt.de",
"www.spd-fraktion-musterstadt.de", "info@uwg-fraktion.de". Structure decides: the address must
say it is a group's ("fraktion", "ratsfraktion", "gruppe" as one of its words); then a word of it
that the faction table knows is the group ("gruene" → Bündnis 90/Die Grünen, "freie-waehler" →
Freie Wähler), else a word of three to five letters joined to the group word ("uwg-fraktion",
"fraktion-bfb") is the group's acronym (in capitals: an address has no case). An address
without a group word ("info@stadt-musterstadt.de", "spd@musterstadt.de") names none, nor does a
place the text prints ("fraktion-musterstadt").
Copy lines ("cc: fraktion@…") are no sender's: recipients.without_recipients takes them out
first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fetcher.factions import factions_in

# Bounded parts (RFC 5321: a mailbox of at most 64 characters, labels of at most 63): linear on
# any line.
_ADDRESS = re.compile(
    r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}|"
    r"(?:https?://|www\.)[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}"
)
# A contact field's label in a letterhead or footer (DIN 5008 Kommunikationsangaben): what
# follows it is a number or an address, never a group's name.
CONTACT_LABEL = (
    r"(?:Tel(?:efon)?|Fax|Telefax|Fon|Mobil|Handy|E-?Mail|Mail|Internet|Web|Homepage|Postfach)\b"
)
_GROUP_WORD = re.compile(r"(?:stadtrats|gemeinderats|kreistags|rats)?(?:fraktion|gruppe)")
# Words of an address that name nothing: the scheme, the mailbox's role, the top-level domain.
_EMPTY = {
    "www", "http", "https", "de", "com", "org", "net", "eu", "info", "post", "kontakt",
    "mail", "email", "buero", "büro", "service", "office", "im", "in", "der", "die", "rat",
    "stadtrat", "gemeinderat", "kreistag", "stadt", "gemeinde",
}  # fmt: skip
_UMLAUTS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))
# Small words of a name, never an acronym by themselves ("buerger-fuer-x").
_LINKS = {"fuer", "für", "und", "der", "die", "das", "von", "zum", "zur"}


def _spelled(word: str) -> list[str]:
    """Return the word and its umlaut spelling ("waehler" → "wähler"); addresses use ASCII."""
    umlauted = word
    for ascii_form, umlaut in _UMLAUTS:
        umlauted = umlauted.replace(ascii_form, umlaut)
    return [word] if umlauted == word else [word, umlauted]


def _known(words: list[str]) -> list[str]:
    """Return the parties the table knows in the address's words (two words read together)."""
    found: list[str] = []
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            joined = " ".join(words[i : i + size])
            for spelling in _spelled(joined):
                found += [n for n in factions_in(spelling) if n not in found]
        if found:
            return found
    return found


def address_groups(lines: Iterable[str], places: set[str]) -> list[str]:
    """Return the groups the group addresses in `lines` name, in order, without repeats."""
    found: list[str] = []
    for line in lines:
        if "@" not in line and "www." not in line and "://" not in line:
            continue
        for match in _ADDRESS.finditer(line.casefold()):
            words = [w for w in re.split(r"[-_.@/:+]+", match.group(0)) if w]
            marks = [i for i, w in enumerate(words) if _GROUP_WORD.fullmatch(w)]
            if not marks:
                continue
            rest = [w for w in words if w not in _EMPTY and not _GROUP_WORD.fullmatch(w)]
            # a known name first, places and all ("fuer-karlsruhe": FÜR Karlsruhe)
            names = _known(rest)
            if not names:  # an acronym joined to the group word: "uwg-fraktion", "fraktion-bfb"
                beside = {i + d for i in marks for d in (-1, 1)}
                names = [
                    w.upper()
                    for i, w in enumerate(words)
                    if i in beside
                    and w in rest
                    and w not in _LINKS
                    and re.fullmatch(r"[a-zäöü]{3,5}", w)
                    and not any(s in places for s in _spelled(w))
                ]
            found += [n for n in names if n not in found]
    return found
