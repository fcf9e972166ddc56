"""What the value a faction phrase's pattern matched names: groups, a signer, a place. Pure.

prose_factions finds the phrases in a line ("Fraktion X", "Anfrage: X", "Kreistagsfraktion X");
the value after or before the label may be a list of groups, a signer's name run into it ("für
die Fraktion Anja Krüger Tim Olsen"), the council's place ("Kreistagsfraktion Saale-Holzland")
or the end of a name another phrase of the line read whole ("PARTEI" of "Die PARTEI Fraktion").
"""

from __future__ import annotations

import re

from fetcher.factions import factions_in
from fetcher.parse.faction_phrases import ACRONYM, group_like, phrase_names
from fetcher.parse.signer_rows import person_end, signers_end, without_signer_after

_NOT_A_NAME = re.compile(
    # A lower-case article starts a phrase, not a name ("Die Unabhängigen" is one).
    r"^(?-i:der|die|das|den|dem|des|im|in|und|oder|sowie|eine?[rn]?)\b|^(?:alle|beide|folgende|"
    r"gemeinsam|vorsitz\w*|geschäfts\w*|fraktionslos\w*)\b|\b(?:Rat|Rates|Stadt|Gemeinde|"
    r"Bezirksvertretung|Kreistag|Landtag|Bundestag|Verwaltung|Ausschuss|Sitzung|Stadträt\w*|"
    r"Stadtr[aä]t\w*|Mitglied\w*|Abgeordnete\w*)\b|\b(?:der|die|des|den|dem|und|im|in)$",
    re.I,
)


def names_in(value: str) -> list[str]:
    """Return the groups a value read after or before a faction label names (as in its phrase)."""
    # A list of groups is names only: "für Kinder unter 3 Jahren und die Öffnungszeit" (after
    # a kindergarten's "Gruppe") is a sentence.
    known = factions_in(value)
    parts = [p.strip(" .-–") for p in re.split(r",\s*|\s+und\s+|\s*&\s*", value)]
    if any(p and not p[:1].isupper() for p in parts):
        return known
    names = [n for n in phrase_names(value, labelled=True, seat=False) if not _NOT_A_NAME.search(n)]
    return names + [k for k in known if k not in names]  # a known party is never lost


def field_names(value: str) -> list[str]:
    """Return the groups a sender field's value names: known, or an acronym ("UWG")."""
    value = value.rstrip(".")
    if factions_in(value):
        return phrase_names(value, labelled=True)
    return [value] if re.fullmatch(ACRONYM, value) and group_like(value) else []


def inner_piece(name: str, start: int, stop: int, spans: list[tuple[int, int, list[str]]]) -> bool:
    """Return whether a name read inside another phrase of the line is the end of that one's name.

    "Die PARTEI Fraktion im Rat …" names "Die PARTEI" (label and seat) and, read from its second
    word, "PARTEI Fraktion": one group, not two. A name the table knows stands for itself.
    """
    if factions_in(name):
        return False
    return any(
        s0 <= start and stop <= e0 and (s0, e0) != (start, stop) and n0.endswith(f" {name}")
        for s0, e0, names0 in spans
        for n0 in names0
    )


# A signer's role before a group's label: "für die Fraktion", "im Namen der Fraktion".
LABEL_CHARS = 80
_SIGNING_FOR = re.compile(r"(?i:(?:für|namens)\s+die|im\s+Namen\s+der)\s+\w*$")


def without_signer(before: str, value: str) -> str:
    """Return a label's value without the signer a run-together text put after the name.

    The chair's or the speaker's label names the person ("Fraktionsvorsitzender Karl Brandt",
    "Herrn Fraktionsvorsitzenden Uwe Krause"); "für die Fraktion Karin Weiß" (the signature's
    rows run together) names the signer; "Fraktion Bürger für Musterstadt Anna Schmidt" ends its
    name at the place. A group the table knows or that says it is one is never a person.
    """
    label = before[-LABEL_CHARS:].rstrip()  # the label's end only: linear in a long line
    if re.search(r"(?:vorsitzende[rn]?|sprecher(?:in)?)\s*(?:der|von|aus)?$", label):
        if person_end(value):
            return ""
    elif _SIGNING_FOR.search(label) and signers_end(value) == len(value.rstrip()):
        return ""  # "für die Fraktion Anja Krüger Tim Olsen": two signers side by side
    return without_signer_after(value)


# A label that names its council ("Kreistagsfraktion", "Stadtratsgruppe"): a single word after it
# is the council's place, as in faction_phrases ("Stadtratsfraktion Musterstadt").
COUNCIL_COMPOUND = re.compile(
    r"\w+(?:rats|beirats)(?:fraktion|gruppe)\s|\w*(?:kreis|land|bezirks|bundes)tags(?:fraktion|gruppe)\s",
    re.I,
)
_PLACE_WORD = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*")


def place_alone(value: str) -> bool:
    """Return whether a council's label is followed by its place, not by a group's name.

    "Kreistagsfraktion Saale-Holzland", and in a text run together the words after it
    ("Kreistagsfraktion Musterkreis Kreishaus"): the first word is a place's, and the words
    together say nothing of a group (no party, no "Liste", no "… für …").
    """
    words = value.strip(" .,").split()
    return (
        bool(words)
        and bool(_PLACE_WORD.fullmatch(words[0]))
        and not factions_in(value)
        and not group_like(value)
        and not group_like(words[0])
    )
