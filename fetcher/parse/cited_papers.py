"""The group an answer's head names by citing the inquiry it answers. Pure.

"Anfrage der Freien Wähler vom 01.07.2024 zum Feuerwehrbedarfsplan", "Beantwortung der Anfrage
der Wählergemeinschaft Bürger für Musterstadt vom 02.04.2024": an answer letter names the paper
it answers by its sender and date, with no faction label. The cited paper's sender is the
group: a party the faction table knows, or a name that says it is a group ("Wählergemeinschaft
…", "… Liste", "Bürger für …"), never a person, an office or an association's acronym.
"""

from __future__ import annotations

import re

from fetcher.factions import factions_in
from fetcher.parse.faction_phrases import GROUP_NAME_WORDS, group_like, phrase_names

# "Anfrage der X vom <date>" as a heading or in a head run together.
_CITED = re.compile(
    r"\b(?:Anfrage|Antrag)\s+(?:der|des)\s+"
    r"(?P<v>[A-ZÄÖÜ][^\n,;:()?!]{1,60}?)\s+vom\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}"
)
# Not in a sentence: a word in lower case or an article right before it ("in der Anfrage der SPD
# vom …" cites another paper in the Begründung; "Die Anfrage …", "Ihre Anfrage …").
_IN_SENTENCE = re.compile(r"(?:(?<!\S)[a-zäöüß]\S*|\b(?:Die|Der|Das|Ihre|Seine|Eine|Unsere))\s+$")
_GROUP_NAME = re.compile(rf"(?i:{GROUP_NAME_WORDS})|\s(?:für|FÜR)\s")


def cited_groups(line: str) -> list[tuple[int, int, list[str]]]:
    """Return each cited paper's sender in a line that is a group.

    Each as (where the name starts, where the phrase ends, the groups it names).
    """
    found: list[tuple[int, int, list[str]]] = []
    for match in _CITED.finditer(line):
        if _IN_SENTENCE.search(line[max(0, match.start() - 30) : match.start()]):
            continue
        value = match.group("v")
        names = factions_in(value)
        if not names and _GROUP_NAME.search(value) and group_like(value):
            names = phrase_names(value)
        if names:
            found.append((match.start("v"), match.end(), names))
    return found
