"""Where a faction's name starts and ends in text whose lines were run together. Pure.

A run-together text (an OParl File.text, a page printed anew) has no line end around a name: the
phrase may break at a printed line's end, and the word before the name (the letterhead's town, a
footer's word) runs into it. These helpers read on across a line end, and take off the words
that the same text shows are not the name's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.factions import factions_in
from fetcher.parse.faction_phrases import name_shaped

_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,6}")


def read_on(line: str, following: str) -> str:
    """Return a printed-width line read on into the next one, where a phrase may break.

    "… MÜNDLICHE ANFRAGE Fraktion Bündnis" / "90/Die Grünen …", "… Anfrage:" / "KAL/Die PARTEI
    Gremien …", "Antrag der SPD- und" / "CDU-Ortschaftsratsfraktion": a line of 60 characters or
    more that does not end a sentence may break inside a faction phrase (a text wrapped anew).
    """
    line = line.rstrip()
    if len(line) < 60 or not following.strip() or line.endswith((".", "?", "!", ";")):
        return line
    return f"{line} {following.strip()}"


_PLACE_WORD = re.compile(r"(?i:(?:landes)?(?:haupt)?stadt|gemeinde|landkreis|kreis|markt)")


def after_places(name: str, places: set[str]) -> str:
    """Return a name without the place words a run-together text put before it.

    "Landeshauptstadt Dresden Bürger für Lindenau" (the letterhead's town before the group's
    name, "… 01067 Dresden" printed elsewhere) → "Bürger für Lindenau"; "Freie Wähler Karlsruhe"
    keeps its place at the end.
    """
    words = name.split()
    start = 0
    while start < len(words) - 1 and (
        (words[start].casefold() in places and words[start] not in {"Die", "Der", "Das", "DIE"})
        or _PLACE_WORD.fullmatch(words[start])
    ):
        start += 1
    rest = " ".join(words[start:])
    return rest if start and name_shaped(rest) and not factions_in(name) else name


def without_neighbours(names: list[str], others: Sequence[str] = ()) -> list[str]:
    """Return the names without those read with a word of the text before them.

    A run-together text has no line end before a name: "… Recyclingpapier UWG-Fraktion" beside
    "für die UWG-Fraktion" reads "Recyclingpapier UWG" once and "UWG" once; the name read
    without the extra capitalised word is the group. An article stays ("Die Unabhängigen"), and
    a single word is no group's whole name unless it is an acronym or known ("Freie Wähler"
    beside a cut "Wähler" stays).
    """

    def neighbour(name: str, other: str) -> bool:
        extra = name.removesuffix(f" {other}")
        several = len(other.split()) > 1
        whole = several or _ACRONYM.fullmatch(other) or factions_in(other)
        # "Die Bürger für Lindenau" beside "Bürger für Lindenau": the sentence's article
        article = extra in {"Die", "Der", "Das", "DIE"} and not several
        return extra != name and bool(whole) and len(extra.split()) == 1 and not article

    kept: list[str] = []
    for name in names:
        shorter = [o for o in [*names, *others] if o != name and neighbour(name, o)]
        name = shorter[0] if shorter else name
        kept += [name] if name not in kept else []
    return kept


# A letter's footer or letterhead as one row of cells: "Fraktion X | Rathausplatz 1 | Tel. 0123
# 4567", "SPD-Fraktion · Marktplatz 1 · 12345 Musterstadt". A bar, a middle dot or a bullet set
# apart by spaces parts the cells ("FW|FÜR", a bar without spaces, joins two groups' names).
_CELL_BREAK = re.compile(r"[ \t]+[|·•][ \t]+")
# A cell of an address or a contact: a digit (street number, postcode, telephone), an e-mail or
# web address, a contact word.
_CONTACT_CELL = re.compile(
    r"\d|@|www\.|(?<![\wäöüß])(?i:tel|telefon|fax|e-mail|mail|postfach|internet)(?![\wäöüß])"
)


def cells_apart(line: str) -> str:
    """Return a row of cells with a contact cell with each break made a phrase's end (";").

    The name in the first cell then ends at its cell: "Fraktion X | Rathausplatz 1 | Tel. …"
    names X, not "Tel". The line keeps its length (offsets into it stay valid).
    """
    breaks = list(_CELL_BREAK.finditer(line))
    if not breaks:
        return line
    cells = _CELL_BREAK.split(line)
    if not any(_CONTACT_CELL.search(cell) for cell in cells[1:]):
        return line
    return _CELL_BREAK.sub(lambda m: " ;" + " " * (len(m.group(0)) - 2), line)
