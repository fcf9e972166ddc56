"""The inquiry an answer names in its head: the answer's reference where it prints none. Pure.

An answer of the administration often prints no number of its own and names the inquiry it
answers in its head: "Antwort der Verwaltung auf die Anfrage der SPD-Fraktion vom 12.03.2021
(Drucksache 0123/2021)", "Stellungnahme der Verwaltung zur Anfrage Nr. 0123/2021", "Beantwortung
der Anfrage der CDU-Fraktion, Ds. 0123/2021", the number also on the head's next line. The dev
labels give that number as the answer's reference (Dresden's answer letters and interim notices
are filed under the inquiry's number, the only one they print); the answer's own number, where
printed, wins: bare_numbers.paper_reference reads this after every other reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.number_cells import answered_paper_in, names_numbered_thing
from fetcher.parse.paper_number import VALUE, date_or_year, is_value, tidy
from fetcher.parse.text import HEADER_LINES

# A number label after the paper's name: its noun or abbreviation ("Drucksache", "Drs.", "Ds.",
# "DS", "Vorlage", "Vorl."), with or without "Nr."/"Nummer", or "Nr."/"Nummer" alone; the paper's
# noun itself when the value follows it ("Anfrage 0123/2021", "Anfrage-Nr. 0123/2021").
_CITED = re.compile(
    r"(?<![\w-])(?:(?:[\wäöüß]*(?:[Vv]orlage|[Dd]rucksache|[Aa]nfrage|[Aa]ntrag)(?:n|s)?"
    r"|DS|Ds|Drs|Drucks|Vorl)\.?(?:\s*-?\s*(?:Nr\.?|[Nn]ummer))?|Nr\.?|Nummer)"
    rf"\s*:?\s*(?P<ref>{VALUE})(?![\w/])"
)
_NEXT_LINES = 2  # a head wrapped: "… auf die Anfrage der SPD-Fraktion" / "vom … (Drucksache …)"
_REACH = 240  # characters after the paper's name in which its number stands
# A next line that goes on with the head's phrase: its date, a bracket, words in lower case, or
# the number's label; any other line ("Stadtrat …", "Kassenzeichen: …") is a field of its own.
_GOES_ON = re.compile(
    r"\s*(?:vom\b|\(|[a-zäöüß]|(?:Drucksache|Drs\.|DS|Ds\.|Vorlage|Vorl\.|Nr\.|Nummer)(?![\w-]))"
)
# Between the paper's name and the label: a reference back or a new sentence makes it another's.
_ELSEWHERE = re.compile(r"\b(?:siehe|vgl|Bezug|gemäß)\b|[.!?:]\s+[A-ZÄÖÜ]", re.I)


def cited_inquiry(lines: Sequence[str]) -> str | None:
    """Return the number of the inquiry an answer's head line names, or None."""
    for index, line in enumerate(lines[:HEADER_LINES]):
        at = answered_paper_in(line)
        if at is None:
            continue
        phrase = [line[at:]]
        for following in lines[index + 1 : index + 1 + _NEXT_LINES]:
            if not _GOES_ON.match(following):
                break
            phrase.append(following)
        text = " ".join(phrase)[:_REACH]
        for match in _CITED.finditer(text):
            ref, before = match.group("ref"), text[: match.start()].split()
            if _ELSEWHERE.search(text[: match.start()]):
                break
            if before and names_numbered_thing(before[-1]):
                continue  # "… Gesetz Nr. 1234 vom …": a law's number in the head's phrase
            if re.search(r"[/-]", ref) and is_value(ref) and not date_or_year(ref):
                return tidy(ref)  # a shaped number: a plain one may be anything's
    return None
