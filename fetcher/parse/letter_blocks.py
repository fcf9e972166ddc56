"""The group a letter's paper names at the edge of its pages: letterhead and footer lines. Pure.

A faction's letter paper prints who sends it at the top or the foot of the page, often on every
page: "SPD-Fraktion im Rat der Stadt Musterstadt · Rathaus · Marktplatz 1 · 12345 Musterstadt ·
Tel. … · E-Mail …", "BÜNDNIS 90/DIE GRÜNEN im Rat der Stadt …", "CDU im Gemeinderat". Lines
printed on every page are page furniture and leave the document's lines (text.clean_lines), so
the edges are read from the pages themselves. Structure decides, not a list of parties: a line
is a sender line when it is a name followed by where the group sits ("… im Rat der Stadt …",
"… im Stadtrat"), or when its first part is followed by address parts (a street with its
number, a postcode, "Tel.", "E-Mail") behind separators ("·", "|", "•", wide gaps). The sender
part is then read as a faction phrase when it has a group label ("SPD-Fraktion …"), else it must
be a group's name and nothing else (sender_blocks.group_alone: a known party, an acronym, a name
with a group word); a body or a place ("Bezirksvertretung Köln-Lindenthal", "Ausschuss für …",
"Die Oberbürgermeisterin", "Landeshauptstadt Dresden") is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.faction_phrases import LABEL_WORD, phrase_names
from fetcher.parse.sender_blocks import group_alone, tail_group
from fetcher.parse.senders import is_place, places_in

# Where a group sits, after its name: "im Rat der Stadt Musterstadt", "im Stadtrat", "in der
# Bezirksvertretung Köln-Lindenthal", "im Kreistag des Landkreises X".
_SEAT_TAIL = re.compile(
    r"\s+(?:im|in\s+der|in\s+dem)\s+(?:Rat|Stadtrat|Gemeinderat|Kreistag|Ortschaftsrat|Ortsbeirat|"
    r"Ortsrat|Bezirksbeirat|Landtag|Bezirkstag|Samtgemeinderat|Stadtverordnetenversammlung|"
    r"Gemeindevertretung|Bezirksvertretung|Bezirksversammlung|Regionalversammlung|"
    r"Verbandsversammlung)(?:es|s)?"
    r"(?:\s+(?:der|des)\s+(?:Stadt|Gemeinde|Landeshauptstadt|Hansestadt|Universitätsstadt|"
    r"Kreisstadt|Landkreises|Kreises|Marktes|Samtgemeinde|Region))?"
    r"(?:\s+[A-ZÄÖÜ][\wäöüß.-]*(?:\s+(?:an\s+der|am|im|ob\s+der|in)\s+[A-ZÄÖÜ][\wäöüß-]*)?)?\s*$"
)
# The parts of a sender line: "·", "|", "•", a wide gap.
_SEPARATOR = re.compile(r"\s*[·|•]\s*|\s{3,}|\t")
# An address part: a street with its number, a postcode with a place, a phone, mail or web.
_ADDRESS_PART = re.compile(
    r"^(?:Tel\b|Telefon|Fax|E-?Mail|Mail|Internet|www\.|Rathaus|Postfach|Zimmer)|@|"
    r"^\d{5}\s+[A-ZÄÖÜ]|^[A-ZÄÖÜ][\wäöüß.-]*(?:\s[\wäöüß.-]+){0,2}\s+\d{1,4}\s?[a-z]?$",
    re.I,
)


def sender_line_groups(line: str) -> list[str]:
    """Return the groups a letterhead or footer line names, or none when it is no sender line.

    "CDU im Gemeinderat Musterstadt" → CDU; "UWG-Fraktion im Rat der Stadt X · Marktplatz 1 ·
    12345 X" → UWG; "Wählergemeinschaft Musterstadt · Rathaus · 12345 Musterstadt" → that group;
    "Bezirksvertretung Köln-Lindenthal · Rathaus …" and a sentence name none.
    """
    parts = [p.strip(" ,;") for p in _SEPARATOR.split(line.strip()) if p.strip(" ,;")]
    if not parts:
        return []
    sender = parts[0]
    seated = _SEAT_TAIL.search(sender)
    addressed = len(parts) > 1 and any(_ADDRESS_PART.search(p) for p in parts[1:])
    if not seated and not addressed:
        return []
    if len(sender) > 90 and not addressed:
        return []
    found = [] if len(sender) > 90 else _sender_groups(sender, seated)
    if not found and addressed:
        # A page run into one line ends with its footer: "… wurden. CDU · Marktplatz 1 · …".
        # The sender is what follows the last sentence, or the group's name ending it.
        tail = re.split(r"[.!?)]\s+", sender)[-1]
        seat = _SEAT_TAIL.search(tail)
        if tail != sender and len(tail.split()) <= 6:
            found = _sender_groups(tail, seat)
        # "… Grüßen Max Muster GfK", "Begründung: FW", "… Seite 2 CDU im Rat der Stadt X"
        found = found or tail_group(tail[: seat.start()] if seat else tail)
    return found


def _sender_groups(sender: str, seated: re.Match[str] | None) -> list[str]:
    """Return the groups a sender line's first part names (a faction phrase, or a group's name
    alone before its seat)."""
    if LABEL_WORD.search(sender):
        return phrase_names(sender)
    name = sender[: seated.start()] if seated else sender
    if seated and len(name.split()) > 6:
        return []  # a sentence that ends with a seat, not a name
    return group_alone(name)


def edge_lines(pages: Sequence[str], reach: int = 3) -> list[str]:
    """Return the first and last `reach` printed lines of each page: letterhead and footer."""
    edges: list[str] = []
    for page in pages:
        filled = [x.strip() for x in page.split("\n") if x.strip()]
        edges += [x for i, x in enumerate(filled) if i < reach or i >= len(filled) - reach]
    return edges


def page_edge_groups(pages: Sequence[str]) -> list[str]:
    """Return the groups the sender lines at the edges of the pages name (first and last three
    printed lines of each page), in order; a place the edges print is never a group."""
    edges = edge_lines(pages)
    places = places_in(edges)
    found: list[str] = []
    for line in edges:
        found += [n for n in sender_line_groups(line) if n not in found and not is_place(n, places)]
    return found
