"""The group a form's letterhead or a letter's signer names without a faction phrase. Pure.

Read only when nothing else in the text names a faction: the first printed lines of a paper are
its letterhead ("SPD", "Wählergemeinschaft Musterstadt", or a bare label "Ratsfraktion" above
the group's name), and a signer under the closing may carry the party in brackets ("Max Muster
(CDU)"). Structure decides: a line that is a group's name and nothing else, a label alone above
it, a person's name with a bracket; never a heading in capitals ("BESCHLUSSVORLAGE").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from fetcher.factions import faction_spans
from fetcher.parse.faction_phrases import GROUP_NAME_WORDS, group_like, phrase_names

# A label alone on its line: the group's name stands on the next one.
_BARE_LABEL = re.compile(
    r"(?i:(?:stadt|gemeinde|kreis|kreistags|rats|stadtrats|gemeinderats)?fraktion|"
    r"(?:rats|stadtrats|kreistags)?gruppe)(?:\s+(?:im|in\s+der)\s+\w+)?"
)
# Words that make a name a group's without a label: "Wählergemeinschaft …", "… Liste", "Bürger
# für …", "… Partei", "Bündnis …", "Die Unabhängigen".
GROUP_WORD = re.compile(rf"(?i:{GROUP_NAME_WORDS})|\s(?:für|FÜR)\s")
# "Max Muster (CDU)", "Dr. Erika Muster-Beispiel (Bündnis 90/Die Grünen)" under a closing.
_SIGNER = re.compile(
    r"(?:(?:Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+(?:von\s+|van\s+|de\s+)?[A-ZÄÖÜ][\wäöüß'-]+)"
    r"{1,3}\s*\((?P<v>[^()]{2,40})\)"
)


def group_alone(line: str) -> list[str]:
    """Return the group a line names when the line is that group's name and nothing else.

    A known party ("SPD", "DIE LINKE."), or a name that says it is a group ("Wählergemeinschaft
    Musterstadt", "UWG"); a heading in capitals ("BESCHLUSSVORLAGE", "STATISTIK AKTUELL") is none.
    """
    line = line.strip(" .,;-–")
    spans = faction_spans(line)
    bounds = [(0, 0, ""), *spans, (len(line), len(line), "")]
    between = "".join(line[a[1] : b[0]] for a, b in pairwise(bounds))
    if spans and not re.sub(r"[\s/,.&-]|und", "", between):
        return list(dict.fromkeys(name for _, _, name in spans))
    if re.fullmatch(r"[A-ZÄÖÜ]{2,6}", line):
        return phrase_names(line)  # an acronym alone: "UWG"
    # Else a word that makes a name a group's: not "Tagged PDF" (a PDF's first line), not a
    # heading in capitals ("BESCHLUSSVORLAGE", "STATISTIK AKTUELL").
    shouting = line.isupper() and any(len(w) >= 6 for w in line.split())
    group = GROUP_WORD.search(line) and group_like(line)
    return phrase_names(line) if group and not shouting else []


def top_group(head: Sequence[str]) -> list[str]:
    """Return the group the first printed lines name: the group alone, or below a bare label."""
    rows = [x.strip() for x in head if x.strip()][:2]
    if not rows:
        return []
    if len(rows) == 2 and _BARE_LABEL.fullmatch(rows[0]):
        return group_alone(rows[1])
    return group_alone(rows[0])


def signer_parties(block: Sequence[str]) -> list[str]:
    """Return the party a signer carries in brackets ("Max Muster (CDU)"), not "(fraktionslos)"."""
    for line in block:
        match = _SIGNER.fullmatch(line.strip(" ,"))
        if match and not re.search(r"fraktionslos|parteilos", match.group("v"), re.I):
            return phrase_names(match.group("v"), labelled=True)
    return []
