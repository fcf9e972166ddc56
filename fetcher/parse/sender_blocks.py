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
from fetcher.parse.faction_phrases import ACRONYM, GROUP_NAME_WORDS, group_like, phrase_names
from fetcher.parse.member_roles import MEMBER_ROLE

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
    line = re.sub(r"\s*\be\.\s?V\.?$", "", line.strip(" ,;-–")).strip(" .,;-–")  # "… e.V."
    spans = faction_spans(line)
    bounds = [(0, 0, ""), *spans, (len(line), len(line), "")]
    between = "".join(line[a[1] : b[0]] for a, b in pairwise(bounds))
    if spans and not re.sub(r"[\s/,.&-]|und", "", between):
        return list(dict.fromkeys(name for _, _, name in spans))
    if re.fullmatch(ACRONYM, line):
        return phrase_names(line)  # an acronym alone: "UWG", "GfK"
    # Else a word that makes a name a group's: not "Tagged PDF" (a PDF's first line), not a
    # heading in capitals ("BESCHLUSSVORLAGE", "STATISTIK AKTUELL").
    shouting = line.isupper() and any(len(w) >= 6 for w in line.split())
    group = GROUP_WORD.search(line) and group_like(line)
    return phrase_names(line) if group and not shouting else []


def tail_group(text: str) -> list[str]:
    """Return the group whose name ends `text` (a footer run into the text before it).

    A known party ending it wins, with any joined to it by a slash ("… Max Muster SPD/Volt");
    else the shortest ending that is a group's name alone ("… Grüßen Max Muster GfK",
    "… Bürger für Musterstadt"), never a longer one taking the signer's name in.
    """
    text = re.sub(r"\s*\be\.\s?V\.?$", "", text[-200:].strip(" ,;-–"))
    spans = faction_spans(text)
    if spans and spans[-1][1] == len(text):
        chain = [spans[-1]]
        for span in reversed(spans[:-1]):
            if re.fullmatch(r"\s*/\s*", text[span[1] : chain[0][0]]) is None:
                break
            chain.insert(0, span)
        return list(dict.fromkeys(name for _, _, name in chain))
    words = text.split()
    for size in range(1, min(5, len(words)) + 1):
        found = group_alone(" ".join(words[-size:]))
        if found:
            return found
    return []


def top_group(head: Sequence[str]) -> list[str]:
    """Return the group the first printed lines name: the group alone, or below a bare label."""
    rows = [x.strip() for x in head if x.strip()][:2]
    if not rows:
        return []
    if len(rows) == 2 and _BARE_LABEL.fullmatch(rows[0]):
        return group_alone(rows[1])
    return group_alone(rows[0])


# "Stadtrat Max Muster, SPD", "Stadträtin Dr. Erika Beispiel, Wählergemeinschaft X e.V.": a
# member's role, the name, and after the comma what the member sits for.
_MEMBER_SIGNER = re.compile(
    rf"{MEMBER_ROLE}\s+"
    r"(?:(?:Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+(?:von\s+|van\s+|de\s+)?[A-ZÄÖÜ][\wäöüß'-]+)"
    r"{1,3},\s*(?P<v>[^,()]{2,50})"
)


_ROLE_START = re.compile(rf"\s(?={MEMBER_ROLE}\s)")


def signer_parties(block: Sequence[str]) -> list[str]:
    """Return the parties the signers carry: in brackets ("Max Muster (CDU)", not
    "(fraktionslos)") or after a member's role and name ("Stadtrat Max Muster, SPD"); each
    signer of a joint letter gives their own."""
    found: list[str] = []
    for line in block:
        line = line.strip(" ,")
        # signers side by side on one line: "Max Muster (CDU)   Erika Beispiel (SPD)"
        signers = list(_SIGNER.finditer(line))
        if signers and not _SIGNER.sub("", line).strip(" ,;&"):
            for match in signers:
                if not re.search(r"fraktionslos|parteilos", match.group("v"), re.I):
                    found += phrase_names(match.group("v"), labelled=True)
            continue
        for piece in _ROLE_START.split(line):
            member = _MEMBER_SIGNER.fullmatch(piece.strip(" ,"))
            found += group_alone(member.group("v")) if member else []
    return list(dict.fromkeys(found))


_CLOSING_INLINE = re.compile(
    r"Mit\s+freundliche[nm]\s+Gr(?:ü|u)(?:ß|ss)(?:en)?\s+|Freundliche\s+Grüße\s+"
)


def run_in_signers(lines: Sequence[str]) -> list[str]:
    """Return the parties of signers run into a line after its closing ("… Mit freundlichen
    Grüßen Max Muster (CDU) Erika Beispiel (SPD)", "… Stadtrat Max Muster, SPD Stadträtin …")."""
    found: list[str] = []
    for line in lines:
        for closing in _CLOSING_INLINE.finditer(line):
            after = line[closing.end() : closing.end() + 250]
            for match in _SIGNER.finditer(after):
                if not re.search(r"fraktionslos|parteilos", match.group("v"), re.I):
                    found += phrase_names(match.group("v"), labelled=True)
            for piece in _ROLE_START.split(after):
                member = _MEMBER_SIGNER.fullmatch(piece.strip(" ,"))
                found += group_alone(member.group("v")) if member else []
    return list(dict.fromkeys(found))
