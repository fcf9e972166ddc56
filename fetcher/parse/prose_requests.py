"""An inquiry's requests in prose, without "?" and without a list: one question each. Pure.

An inquiry that neither numbers nor asks with "?" asks in request sentences: "Wir bitten die
Verwaltung darzustellen, wie viele Kinder … keinen Platz erhalten haben. Ferner bitten wir um
Auskunft, ob und bis wann zusätzliche Gruppen eingerichtet werden können." The hand-read dev
labels count one question per request sentence (Dresden AF2023/13: "Deswegen möchte ich wissen,
welche Mehrkosten … erwartet und ob es Bestrebungen gibt, …" is one, its two clauses one
sentence). fetcher.parse.wording.request_in_prose finds the first; every later sentence of the
body that itself asks for an account ("bitten wir um Auskunft, ob …", "Außerdem interessiert
uns, ob …", "Bitte nennen Sie …", "Es wird um Darstellung gebeten, …") is one more. A sentence
that only says how the answer is to come ("Die Ortsverwaltung stellt diese Informationen in der
nächsten Sitzung zur Verfügung.") asks nothing of its own, nor does one that asks for what was
asked above to be delivered ("Deshalb bitten wir um die obigen Informationen zur nächsten Sitzung.",
"Wir bitten den Ortschaftsrat zu informieren."); the body ends at a closing or a
section heading ("Begründung:"), and a few statements after the last request end it too (the
justification set without a heading).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.text import join_lines, sentences
from fetcher.parse.wording import is_stop, list_marker, request_in_prose

REPEAT_CHARS = 60  # a request's opening found again (beyond its wording): the text printed twice
MAX_STATEMENTS_BETWEEN = 2  # statements between two requests; more are the justification
MAX_BODY_LINES = 200  # the letter's body; a page run together into lines is cut off here
MAX_COLONS = 8  # colons looked at for a lead-in run into the first request (the last ones)
_ACCOUNT = (
    r"(?:Auskunft|Darstellung|Darlegung|Mitteilung|Informationen?|Angaben?|Aufstellung|"
    r"Auflistung|Aufschlüsselung|Beantwortung|Erläuterung|Bericht|Übersicht|Nennung|Bezifferung|"
    r"Stellungnahme|Sachstandsbericht)"
)
_TELL = (
    r"(?:darzustellen|darzulegen|mitzuteilen|zu\s+berichten|anzugeben|aufzulisten|"
    r"aufzuschlüsseln|zu\s+erläutern|zu\s+beantworten|zu\s+nennen|zu\s+beziffern|"
    r"zu\s+informieren|zu\s+erklären|auszuführen)"
)
# A sentence that asks for an account of its own: "bitten (wir) um Auskunft", "wird gebeten,
# … darzustellen", "möchten wissen, ob", "interessiert uns, ob", "Bitte nennen Sie …",
# "fragen wir, ob …" (bounded gaps: linear on any sentence).
_ASKS_FOR_ACCOUNT = re.compile(
    rf"\b(?:bitte[nt]?|gebeten|ersuche[nt]?)\b[^.]{{0,120}}?(?:\bum\s+(?:\w+\s+){{0,2}}{_ACCOUNT}"
    rf"|\b{_TELL}\b)"
    r"|\b(?:möchte[nt]?|wollen|will|würde[nt]?\s+gerne?)\b[^.]{0,80}\b(?:wissen|erfahren)\b"
    rf"|\bum\s+(?:\w+\s+){{0,2}}{_ACCOUNT}\b[^.]{{0,80}}?\b(?:gebeten|ersucht)\b"
    r"|\binteressier(?:t|en)\s+(?:uns|mich)\b|\b(?:uns|mich)\s+interessier(?:t|en)\b"
    r"|^Bitte\s+(?:nennen|teilen|stellen|erläutern|beziffern|geben|listen|legen|berichten)\s+Sie\b"
    r"|\b(?:fragen?\s+(?:wir|ich)|(?:wir|ich)\s+frage[nt]?)\b[^.]{0,40},\s+"
    r"(?:ob|wie|welche[rsmn]?|wann|wo|warum|was|wer)\b",
    re.I,
)


def asks_for_account(sentence: str) -> bool:
    """Return True if a sentence itself asks the administration for an account (see above)."""
    return bool(_ASKS_FOR_ACCOUNT.search(sentence))


# A request that only asks for what was asked above to be delivered: it points back ("die obigen
# Informationen", "hierüber") or only asks that a body be informed ("Wir bitten den
# Ortschaftsrat zu informieren."), and asks no "ob/wie/wann …" of its own.
_POINTS_BACK = re.compile(
    r"\b(?:obigen|vorstehenden|vorgenannten|diese[rn]?\s+(?:Informationen|Angaben|Fragen)|"
    r"hierüber|darüber(?!\s+hinaus))\b|\bo\.\s?g\.",
    re.I,
)
_OWN_CLAUSE = re.compile(
    r",\s+(?:ob|wie|wann|welche[rsmn]?|was|warum|weshalb|wo|wer|inwieweit|inwiefern)\b", re.I
)
_ONLY_INFORM = re.compile(r"^\W*(?:\w+\s+){0,6}zu\s+(?:informieren|unterrichten)\W*$", re.I)


# A later request is the authors' own: "wir/ich/uns/mich", a passive "wird … gebeten" or a
# "Bitte …" opening; "Die Eltern bitten seit Monaten um Informationen." or "Der Beirat hatte um
# Auskunft gebeten." report someone else's asking.
_AUTHORS = re.compile(
    r"\b(?:wir|ich|uns|mich)\b|\b(?:wird|werden)\b[^.]{0,160}\b(?:gebeten|ersucht)\b|^Bitte\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:hatten?|hat|haben|hätten?|wurden?|worden)\b[^.]{0,160}\b(?:gebeten|ersucht)\b", re.I
)


def asks_of_its_own(sentence: str) -> bool:
    """Return True if a later sentence of the body is one more request of the authors': it asks
    for an account, is theirs (not reported) and asks more than delivery (see above)."""
    return (
        asks_for_account(sentence)
        and bool(_AUTHORS.search(sentence))
        and not _REPORTED.search(sentence)
        and not delivery_only(sentence)
    )


def delivery_only(sentence: str) -> bool:
    """Return True if a later request only asks for the answers above to be delivered (see
    above): no question of its own."""
    if _OWN_CLAUSE.search(sentence):
        return False
    return bool(_POINTS_BACK.search(sentence) or _ONLY_INFORM.match(sentence))


# A colon before a sentence's capital: where a lead-in run into its request ends.
_COLON = re.compile(r":\s+(?=[A-ZÄÖÜ])")


def _after_lead_in(request: str) -> str:
    """Return a request without the lead-in run into it ("… bitte ich Sie um die Beantwortung
    folgender Fragen: Wir bitten die Verwaltung darzustellen, …"): from the last colon after
    which the words ask for an account themselves (of the last MAX_COLONS: linear on any text)."""
    colons = list(_COLON.finditer(request))[-MAX_COLONS:]
    for colon in reversed(colons):
        if asks_for_account(request[colon.end() :]):
            return request[colon.end() :]
    return request


def requests_in_prose(lines: Sequence[str], body_start: int) -> list[str]:
    """Return an inquiry's request sentences: the first as request_in_prose reads it, then every
    later one of the body that asks for an account of its own (see the module's docstring)."""
    found = request_in_prose(lines, body_start)
    if not found:
        return []
    found = [_after_lead_in(found[0])]
    body: list[str] = []
    for line in lines[max(body_start, 0) : max(body_start, 0) + MAX_BODY_LINES]:
        if is_stop(line) or list_marker(line):
            if any(found[0] in sentence for sentence in sentences(join_lines(body))):
                break  # the first request's stretch ends here
            body = []  # a heading or list above the request: its stretch starts after it
            continue
        body.append(line)
    parts = sentences(join_lines(body))
    at = next((k for k, sentence in enumerate(parts) if sentence.endswith(found[0])), None)
    if at is None:
        return found
    more: list[str] = []
    statements = 0
    for sentence in parts[at + 1 :]:
        if any(request[:REPEAT_CHARS] in sentence for request in [*found, *more]):
            break  # the letter's head printed again below it (a page's furniture)
        if asks_of_its_own(sentence):
            more.append(sentence)
            statements = 0
        else:
            statements += 1
            if statements > MAX_STATEMENTS_BETWEEN:
                break
    return found + more


def cut_at_requests(item: list[str]) -> list[list[str]]:
    """Return an item typed without "?" cut before every later sentence that asks for an account
    of its own ("Wir bitten darzustellen, wie …. Ferner bitten wir um Auskunft, ob …."): a
    paragraph of requests below a lead-in is one question per request, as in prose. An item that
    opens with a question keeps a request after it ("Ich bitte um konkrete Darstellung, …")."""
    if len(item) > MAX_BODY_LINES or sum(line.count(".") for line in item) < 2:
        return [item]
    if any("?" in line for line in item):
        return [item]  # "Wenn ja, …? Ich bitte um konkrete Darstellung, …": asks on with "?"
    parts = sentences(join_lines(item))
    if len(parts) < 2 or not asks_for_account(parts[0]):
        return [
            item
        ]  # "Hat die Stadt …. Ich bitte um konkrete Darstellung, …": a question's remark
    pieces: list[list[str]] = [[parts[0]]]
    for part in parts[1:]:
        if asks_of_its_own(part):
            pieces.append([part])
        else:
            pieces[-1].append(part)
    return [[" ".join(piece)] for piece in pieces]
