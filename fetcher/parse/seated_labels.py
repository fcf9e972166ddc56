"""A faction's label followed by its seat, the group's name before it. Pure.

"BürgerBündnis / Freie Bürger Fraktion im Stadtrat der Landeshauptstadt Dresden" (a letterhead
run into the address), and the same on two lines: the group's name alone above "Fraktion in der
Ratsversammlung" (a letterhead whose label names no group, only the council it sits in).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from fetcher.parse.faction_phrases import name_before, name_shaped, phrase_names
from fetcher.parse.phrase_values import LABEL_CHARS, names_in

# The council a faction sits in, by the nouns council bodies are named with in the Länder: "-rat"
# (Stadtrat, Gemeinderat, Verbandsgemeinderat, Samtgemeinderat, Ortsrat, Ortsbeirat), "-tag"
# (Kreistag, Landtag), "-vertretung" (Gemeinde-, Stadt-, Bezirksvertretung), "-versammlung"
# (Ratsversammlung, Stadtverordnetenversammlung, Regionalversammlung), the Amtsausschuss of an
# Amt and the Bürgerschaft; "Rat der Stadt …" too. A compound's head word, capitalised.
COUNCIL_NOUN = (
    r"(?:Rat(?:e?s)?|[A-ZÄÖÜ][a-zäöüß]*(?:rat(?:e?s)?|tag(?:e?s)?|vertretung|versammlung|"
    r"ausschuss(?:es)?|bürgerschaft)|Bürgerschaft)\b"
)
# A label with its seat; or the next field of a head run into one line: "X Fraktion Gegenstand: …"
_SEATED_LABEL = re.compile(
    rf"\s\w*[Ff]raktion\s+(?:im|in\s+der|der|des)\s+{COUNCIL_NOUN}|"
    r"\s\w*[Ff]raktion\s+[A-ZÄÖÜ][\wäöüß]+:\s"
)
# The label with its seat alone on a line: "Fraktion in der Ratsversammlung", "Fraktion im
# Gemeinderat Eching" (the seat's place after it).
_SEAT_LINE = re.compile(
    rf"(?:Stadt|Gemeinde|Kreistags|Rats)?[Ff]raktion\s+(?:im|in\s+der|der|des)\s+{COUNCIL_NOUN}"
    r"(?:\s+(?:der\s+(?:Stadt|Gemeinde)\s+)?[A-ZÄÖÜ][\w.-]*(?:\s+[A-ZÄÖÜ][\w.-]*)?)?"
)


_OWN_ACRONYM = re.compile(r"\s+\([A-ZÄÖÜ]{2,6}\)\Z")
_ACRONYM_REACH = 40  # " (UWG)" with the blanks before it
# How far before a label its name is looked for: name_before keeps five words at most, so a
# window of whole words this long holds it (and a long line is not split again per label).
_NAME_REACH = 600


def _words_before(line: str, end: int) -> str:
    """Return the whole words of `line` in the _NAME_REACH characters before `end`."""
    start = max(0, end - _NAME_REACH)
    if start and not line[start - 1].isspace():
        blank = re.search(r"\s", line[start:end])
        start = start + blank.start() if blank else end
    return line[start:end]


def seated_groups(line: str) -> list[tuple[int, int, list[str]]]:
    """Return each label with its seat in a line and the group named before it.

    Each as (where the name starts, where the phrase ends, the groups it names).
    """
    found: list[tuple[int, int, list[str]]] = []
    for match in _SEATED_LABEL.finditer(line):
        # the name's own acronym after it: "Wählergruppe Unabhängige Liste (UL) Fraktion im …"
        own = _OWN_ACRONYM.search(line, max(0, match.start() - _ACRONYM_REACH), match.start())
        end = own.start() if own else match.start()
        name = name_before(_words_before(line, end), sentence=False)
        person = re.search(
            r"(?:Herrn?|Frau|Stadtr\w*|Dr\.)\s+$",
            line[max(0, end - len(name) - LABEL_CHARS) : end - len(name)],
        )
        if name and not person and name_shaped(name):
            found.append((end - len(name), match.end(), names_in(name)))
    return found


def group_above_seat(head: Sequence[str]) -> list[str]:
    """Return the group a letterhead names on the line above its label and seat.

    "Aktive Bürger Musterstadt" / "Fraktion in der Ratsversammlung": the label names no group,
    so the line above it is the group's name, whatever its words (a local list's name need not
    say it is a group). Only the first printed lines: a letterhead.
    """
    rows = [x.strip() for x in head if x.strip()][:3]
    for above, label in pairwise(rows):
        # the name's own acronym after it: "Wählergruppe Unabhängige Liste (UL)"
        name = _OWN_ACRONYM.sub("", above)
        if _SEAT_LINE.fullmatch(label) and name_shaped(name) and not name.endswith(":"):
            return phrase_names(name, labelled=True)
    return []
