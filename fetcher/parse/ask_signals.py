"""Question signals other than a "?": requests, a question inside an item, labels that ask. Pure.

Real inquiries often ask without a question mark (issue #11): a request in the polite imperative
("Bitte teilen Sie mit: …", "Nennen Sie bitte …"), a request in the passive ("Die Verwaltung wird
gebeten darzustellen, …"), a question after a condition or a statement inside one item ("Falls
ja: Woher kommt …", "Zum Vergleich: Wie viele …"), a "." typed for the "?".
fetcher.parse.list_score reads these beside wording.question_signal.
"""

from __future__ import annotations

import re

from fetcher.parse.wording import question_signal

# "Bitte um Auskunft …", "Wir bitten um eine Aufstellung …", "Die Verwaltung wird gebeten
# darzustellen, …": a request that asks for a report. What is asked for must be a report (the
# language's few verbs and nouns of telling: darstellen, mitteilen, berichten, Auskunft …); a
# motion asks for an act in the same words ("wird gebeten, ein Konzept vorzulegen").
_REPORT = (
    r"(?:dar(?:zu)?(?:stell|leg)|mit(?:zu)?teil|(?:zu\s+)?(?:bericht|erläuter|beantwort|beziffer|"
    r"benenn|nenn|schilder|informier)|auf(?:zu)?(?:list|schlüssel|zeig)|an(?:zu)?geb|Auskunft|"
    r"Darstellung|Mitteilung|Information|Erläuterung|Beantwortung|Aufstellung|Aufschlüsselung|"
    r"Übersicht|Angabe|Nennung|Bericht)"
)
# The polite imperative puts the verb first and "Sie" right after it: "Bitte teilen Sie mit",
# "Stellen Sie bitte dar", "Nennen Sie", "Erläutern Sie", "Beziffern Sie". Only a verb of
# telling asks; "Holen Sie sich Ratschläge …", "Nutzen Sie …" advertise (a Karlsruhe
# Vorlage's list of an association's benefits).
_POLITE = re.compile(
    r"^(?:bitte\s+)?(?:" + _REPORT + r")\w*\s+Sie\b|^(?:bitte\s+)?(?:teilen|stellen|legen|"
    r"listen|schlüsseln|zeigen|geben)\s+Sie\b(?:\s+\S+){0,8}?\s+(?:mit|dar|auf|an)\b",
    re.I,
)
_POLITE_SIE = re.compile(r"^(?:bitte\s+)?\S+\s+(Sie)\b", re.I)
_ASKING_FOR = re.compile(
    r"^(?:(?:wir|ich)\s+)?bitte[nt]?\s+(?:(?:sie|wir|ich)\s+)?(?:um|darum)\s+(?:\S+\s+){0,3}?"
    + _REPORT
    + r"|\b(?:wird|werden)\s+(?:\S+\s+){0,4}?gebeten\b,?\s+(?:\S+\s+){0,6}?"
    + _REPORT,
    re.I,
)
# A noun of telling, then the indirect question it asks for: "Darstellung, welche …", "Auflistung,
# in welchen Gebieten …", "Angabe, ob …", "Um Auskunft wird gebeten, wie …" (the nominal style of
# inquiry forms). The clause after the comma is what asks; the noun alone ("Bericht der
# Verwaltung", an agenda's item) asks nothing.
_NOUN_OF_TELLING = (
    r"(?:Darstellung|Auflistung|Angabe|Aufstellung|Aufschlüsselung|Übersicht|Nennung|Benennung|"
    r"Erläuterung|Auskunft|Mitteilung|Information|Bericht|Beschreibung|Einschätzung|Bewertung|"
    r"Stellungnahme|Prüfung|Klärung|Darlegung|Aufzählung|Bezifferung)"
)
_INDIRECT = (
    r"(?:(?:an|auf|aus|bei|bis|durch|für|gegen|in|mit|nach|seit|über|um|unter|von|zu)\s+)?"
    r"(?:ob|wie(?:viele?)?|was|wann|wo|wer|wen|wem|wessen|welche[rsmn]?|warum|weshalb|wieso|weswegen|"
    r"wo(?:durch|für|mit|rauf|raus|rin|von|zu|her|hin|ran|rüber)|inwie(?:weit|fern))\b"
)
_NOMINAL_REQUEST = re.compile(
    r"^(?:(?:um|bitte\s+um|wir\s+bitten\s+um)\s+)?(?:die\s+|eine\s+)?"
    + _NOUN_OF_TELLING
    + r"(?:\s+(?:wird|werden)\s+gebeten)?(?:\s+(?:dazu|darüber|hierzu|dessen))?\s*[,:]\s+"
    + _INDIRECT,
    re.I,
)
# A request in the subjunctive of a motion's wording, asking for a report: "Die Verwaltung möge
# berichten, was …", "Der Magistrat möge darstellen, ob …".
_MAY_REPORT = re.compile(
    r"^(?:die|der)\s+\S+\s+mögen?\s+(?:\S+\s+){0,4}?" + _REPORT + r"\w*\s*[,:]\s+" + _INDIRECT,
    re.I,
)
# A clause inside an item: after a sentence end or a colon, a capital or a lower-case word.
_CLAUSE = re.compile(r"(?<=[.:;])\s+(?=\S)")
REQUEST_SIGNAL = 0.6


def request_signal(text: str) -> float:
    """Return REQUEST_SIGNAL if an item opens with a request ("Bitte teilen Sie mit: …"), else 0."""
    text = text.strip()
    polite = _POLITE_SIE.match(text)  # "Sie" capitalised: the polite form, not "sie" (they)
    if polite and polite.group(1) == "Sie" and _POLITE.match(text):
        return REQUEST_SIGNAL
    if _NOMINAL_REQUEST.match(text) or _MAY_REPORT.match(text):
        return REQUEST_SIGNAL
    return REQUEST_SIGNAL if _ASKING_FOR.search(text) else 0.0


def clause_signal(text: str) -> float:
    """Return how much a later clause of an item asks ("Falls ja: Woher kommt …", "… . Teilt die
    Verwaltung …"): the item's first clause is read by wording.question_signal."""
    best = 0.0
    for clause in _CLAUSE.split(text.strip())[1:]:
        best = max(best, question_signal(clause), request_signal(clause))
        if best >= 0.7:
            break
    return best


def asking_signal(text: str) -> float:
    """Return how much an item's own text asks, "?" or not (question, request, later clause)."""
    return max(question_signal(text), request_signal(text), clause_signal(text))
