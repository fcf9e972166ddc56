"""Question wording: lead-ins, interrogatives, closings, list markers incl. bare numbers. Pure.

Also the two unnumbered forms: a list run into the prose after a lead-in ("… frage ich Sie:
1. … 2. …") and an inquiry letter that asks in plain sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from fetcher.parse.answer_headings import NUMBERED_ANSWER
from fetcher.parse.continued_lead_ins import CLAUSE, continues_lead_in
from fetcher.parse.markers import list_marker as _list_marker
from fetcher.parse.pattern_gates import gated
from fetcher.parse.run_in_body import from_body_opening
from fetcher.parse.text import STOP_SECTION, join_lines, sentences

# "1 Wird …", "2 Geschieht …": numbers without a dot (Karlsruhe 2018/…); only the question list
# scorer reads them, elsewhere a number at a line start is too often prose ("30 Sekunden …").
_BARE_NUMBER = re.compile(r"^(\d{1,2})\s+(?=[A-ZÄÖÜ][a-zäöüß]+\s)")


@lru_cache(maxsize=8192)
def list_marker(line: str) -> tuple[str, str, str] | None:
    """Return the list marker of a line (fetcher.parse.markers), or a bare number ("1 Wird …")."""
    marker = _list_marker(line)
    if marker is None and (bare := _BARE_NUMBER.match(line)):
        return "bare", bare.group(1), line[bare.end() :]
    return marker


INTRO = re.compile(
    r"(?:\b(?:wir|ich)\s+(?:fragen|frage)\s+(?:daher\s+|deshalb\s+|hiermit\s+|somit\s+)?"
    r"(?:sie\s+|an\s+|den\s+oberbürgermeister|die\s+oberbürgermeisterin|den\s+magistrat|"
    r"die\s+(?:stadt|gemeinde|kreis)?verwaltung|den\s+(?:stadt|gemeinde)?rat|die\s+landesregierung)?"
    r"(?:\s*\w+){0,3}?\s*[:.]"
    r"|\bfragen?\s+(?:wir|ich)(?:\s+(?:daher|deshalb))?"
    r"(?:\s+(?:an|den\s+oberbürgermeister|die\s+verwaltung))?\s*:"
    r"|^(?:fragen|anfrage|die fragen lauten|fragestellung(?:en)?)\s*:"
    r"|\bfolgende(?:n)?\s+fragen(?:\s+\w+){0,6}\s*:"
    r"|\bfolgende\s+anfrage(?:\s+\S+){0,8}\s*:"
    r"|\bum\s+(?:auskunft|beantwortung(?:\s+\w+){0,3})\s+gebeten\s*:"
    r"|\bbitte[nt]?\s+(?:wir|ich)?\s*(?:sie\s+)?(?:(?:nun|also|nochmals|erneut|daher|deshalb)\s+){0,3}"
    r"um\s+(?:die\s+)?(?:beantwortung|auskunft|"
    r"stellungnahme)(?:\s+\S+){0,6}\s*:)",
    re.I,
)
INTRO = gated(INTRO)  # the same matches, tried only where one can start


# An answer heading pointing back at a question's number ("Zu 1.", "Ad 1.", "Antwort 1:"):
# fetcher.parse.answer_headings says what one is.
ANSWER_TO = NUMBERED_ANSWER


_QUESTION_OPENING = re.compile(
    r"^(?:(?:in|auf|an|aus|bis|seit|mit|für|durch|nach|unter|von|bei|zu|um|über|gegen|ab)\s+)?"
    r"(?:wie|was|wann|wo|wer|wen|wem|wessen|welche[rsmn]?|warum|weshalb|wieso|weswegen|wo\w+|"
    r"inwie(?:weit|fern)|ob|gibt|ist|sind|hat|haben|wird|werden|wurde|wurden|kann|können|"
    r"könnte|plant|planen|sieht|teilt|teilen|liegen|liegt|besteht|bestehen|trifft|hält|halten|"
    r"beabsichtigt|sollte|soll|sollen|darf|dürfen|gab|war|waren|existiert|existieren)\b",
    re.I,
)


_REQUEST = re.compile(
    r"\bbitte\b.*\b(?:darstellen|darlegen|erläutern|auflisten|aufschlüsseln|mitteilen|"
    r"berichten|angeben|benennen|aufführen|nennen|beziffern)\b|\b(?:ob|inwieweit|inwiefern)\s"
    # A statement that asks for a report with an indirect question: "Die Stadtverwaltung stellt
    # dar, an welchen Stellen …", "Es wird aufgezeigt, bei welchen …" (Karlsruhe 2023/0877).
    r"|\b(?:stell(?:t|en)\s+dar|leg(?:t|en)\s+dar|zeig(?:t|en)\s+auf|berichte[tn]|erläuter[tn]|"
    r"(?:wird|werden)\s+(?:\w+\s+)?(?:dargestellt|dargelegt|aufgezeigt|aufgelistet|erläutert|"
    r"berichtet|mitgeteilt|beziffert))\s*,\s+(?:(?:an|auf|aus|bei|für|in|mit|nach|über|unter|"
    r"von|zu)\s+)?(?:welche[rsmn]?|wie|wann|wo|wer|warum|weshalb|wieso|wofür|wozu|woher)\b",
    re.I,
)


_CLOSING = re.compile(
    r"^(?:Mit freundlichen Grüßen|Mit freundlichem Gruß|(?:Freundliche|Beste|Viele|Herzliche)"
    r" Grüße|gez\.|i\.\s?A\.|"
    r"Unterschrift|Für die Fraktion|Für die .*[Ff]raktion)",
)


# wording.question_signal of an interrogative opening ("Wie …", "Gibt es …"): the threshold the
# question readers test an opening against.
ASKING_OPENING = 0.7


def question_signal(text: str) -> float:
    """Return how much a list item reads as a question (1 = "?", 0 = plain statement)."""
    text = text.strip()
    if "?" in text:
        return 1.0
    if _QUESTION_OPENING.match(text):
        return ASKING_OPENING
    if _REQUEST.search(text):
        return 0.6
    return 0.0


@lru_cache(maxsize=8192)
def is_stop(line: str) -> bool:
    """Return True for a section heading or closing that ends a list.

    A heading stands alone or ends in a colon: "Anlagen vom 11. März …" or "Sachverhalt und
    prüft …" at the start of a wrapped prose line (Landtag answers) is no heading.
    """
    if _CLOSING.match(line):
        return True
    return bool(
        STOP_SECTION.match(line) and (len(line) <= 40 or re.match(r"^\S+(?:\s+\S+){0,3}\s*:", line))
    )


_OPENS = rf"(?=[A-ZÄÖÜ„]|{CLAUSE})"
_INLINE_FIRST = re.compile(rf"(?<=[:?])\s+1[.)]\s+{_OPENS}")
# A lead-in ending in a comma or in no mark at all ("Wir bitten um Auskunft, 1. Die …",
# "… um Auskunft darüber 1. wie viele …", continued_lead_ins): only with its "2." in the same
# line or opening the next.
_CONTINUED_FIRST = re.compile(r"(?<=[\w,;])\s+(1(?:\.\)|[.)]))(?=\s)")
_CONTINUED_SECOND = re.compile(rf"[?.!,;]\s+2(?:\.\)|[.)])\s+{_OPENS}")


def _inline_first(line: str, below: str) -> re.Match[str] | None:
    """Return where a list run into the line opens ("… frage ich Sie: 1. Wie …"), if it does;
    `below` is the next line (a list whose "2." opens it goes on there)."""
    first = _INLINE_FIRST.search(line)
    if first is not None:
        return first
    for found in _CONTINUED_FIRST.finditer(line):
        if not continues_lead_in(line, found.start(1), found.end(1)):
            continue
        second = list_marker(below)
        if (second and second[:2] == ("num", "2")) or _CONTINUED_SECOND.search(line, found.end()):
            return found
        return None
    return None


def _next_inline(rest: str, expected: int) -> re.Match[str] | None:
    """Return where item `expected` opens in the rest of a line: after a sentence end, or after
    a comma or semicolon when it continues the sentence ("…, 2. ob …")."""
    return re.search(
        rf"(?<=[?.!])\s+{expected}(?:\.\)|[.)])\s+{_OPENS}"
        rf"|(?<=[,;])\s+{expected}(?:\.\)|[.)])\s+(?={CLAUSE})",
        rest,
    )


def split_inline_lists(lines: Sequence[str]) -> list[str]:
    """Give each item of a list run into the prose its own line ("… frage ich Sie: 1. Wie …? 2. …").

    The list must start with "1." after a colon or "?" (or after a lead-in that its items
    continue, with "2." in the same line); later numbers are split off after a sentence end (or
    a comma before a clause that asks) as long as they follow in order, also on the following
    (wrapped) lines.
    """
    out: list[str] = []
    expected: int | None = None
    for k, line in enumerate(lines):
        if not line or is_stop(line):
            expected = None
            out.append(line)
            continue
        pieces = [line]
        if expected is None:
            first = _inline_first(line, next((x for x in lines[k + 1 : k + 3] if x), ""))
            if first is None:
                out.append(line)
                continue
            pieces = [line[: first.start()], line[first.start() :].strip()]
            expected = 2
        marker = list_marker(pieces[-1])
        if len(pieces) == 1 and marker and marker[0] == "num" and marker[1] == str(expected):
            expected += 1  # the list went on at a line start
        rest = pieces.pop()
        while found := _next_inline(rest, expected):
            pieces.append(rest[: found.start()])
            rest = rest[found.start() :].strip()
            expected += 1
        pieces.append(rest)
        out += [piece for piece in pieces if piece]
    return out


SALUTATION = re.compile(r"^(?:Sehr geehrte|Liebe[rs]?\s|Hallo\b)", re.I)
# The addressee block of a letter without salutation ("Herrn Oberbürgermeister / Dr. …").
ADDRESSEE = re.compile(
    r"^(?:An\s+)?(?:Herrn|Frau|den|die)\s+(?:Ober)?(?:bürgermeister(?:in)?|Landr(?:at|ätin))\b",
    re.I,
)


_FAREWELL = re.compile(
    r"^(?:Mit freundlichen|Freundliche Grüße|Beste Grüße|Viele Grüße|gez\.|unterzeichnet\b)", re.I
)  # "unterzeichnet von Dr. Jan-Dirk Rausch …" on the question's paragraph's heels (one per line)


def questions_in_prose(lines: Sequence[str], body_start: int) -> list[str]:
    """Return the sentences ending in "?" of a letter's body (an inquiry without a list)."""
    start = max(body_start, 0)
    for i in range(start, len(lines)):
        if SALUTATION.match(lines[i]):
            start = i + 1
            break
    body: list[str] = []
    for line in lines[start:]:
        if _FAREWELL.match(line) or is_stop(line):
            break
        body.append(line)
    asked: list[str] = []
    pending = ""  # "Wir stellen die Frage, ob … ist." just before "Darf …?": one question
    for sentence in sentences(join_lines(body)):
        if "?" not in sentence:
            clause = _ASKING_LEAD_IN.sub("", sentence, count=1)
            pending = clause if clause != sentence else ""
            continue
        if pending:
            sentence, pending = f"{pending} {sentence}", ""
        if re.search(r"\?\s+(?:[a-z]\)|[-•–])\s", sentence):  # "…? a) … b) …"
            asked.append(sentence)
            continue
        # "… des Landkreises? und -anschließende Berichterstattung …": the question ends at "?"
        # also before a lower-case "und"/"oder"/"sowie" that joins the next request.
        parts = re.split(r"(?<=\?)\s+(?=(?:und|oder|sowie)\b)", sentence)
        asked += [part for part in parts if part.endswith("?")]
    # "Im Einzelnen: Wie wird …?": a short lead-in before the colon is not the question.
    asked = [_SHORT_LEAD_IN.sub("", q, count=1) for q in asked]
    return asked if len(asked) <= 10 else []


_SHORT_LEAD_IN = re.compile(r"^(?:[A-ZÄÖÜ][\wäöüß]*)(?:\s+[\wäöüß]+){0,2}:\s+(?=[A-ZÄÖÜ])")


# A request sentence: the one thing an inquiry without a list and without "?" asks for ("Bitte
# beziffern Sie …", "Wir bitten um …", "Die Verwaltung wird gebeten …", "möchte wissen, ob …",
# "Die Verwaltung berichtet über …" — Karlsruhe Ortschaftsrat inquiries).
_REQUEST_SENTENCE = re.compile(
    r"\bbitte[nt]?\b|\bgebeten\b|\bersuch(?:en|t)\b|\bfrage[nt]?\s+(?:\w+\s+){0,3}an\b"
    r"|\bstellen\s+(?:\w+\s+){0,2}Frage\b"
    # "Ich frage die Landrätin, ob …", "Daher frage ich, wann …": the authors ask indirectly
    r"|\b(?:(?:ich|wir)\s+frage[nt]?|frage[nt]?\s+(?:ich|wir))\b[^,.?]{0,60},\s+"
    r"(?:ob|wie|wann|wo|warum|weshalb|welche[rsmn]?|was|wer|inwieweit|inwiefern)\b"
    r"|\bmöchte[nt]?\b[^.]{0,80}\b(?:wissen|erfahren|erkundigen)\b"
    r"|\bbeantrag(?:t|en)\s+(?:\w+\s+){0,3}(?:Sachstand\w*|Bericht|Auskunft|Information\w*)"
    r"|^(?:Die|Der)\s+(?:Stadt|Gemeinde|Kreis)?(?:[Vv]erwaltung|Oberbürgermeister(?:in)?|"
    r"Bürgermeister(?:in)?|Landrat|Landrätin|Magistrat)\s+(?:wird\s+)?(?:\w+\s+){0,2}?"
    r"(?:berichtet|legt|stellt|erläutert|informiert|teilt|zeigt|listet|gibt|nennt)\b",
    re.I,
)
# "Anfrage:" as a heading, or a lead-in ending in it ("… stellen daher folgende Anfrage:").
_ASK_HEADING = re.compile(r"(?:^|\s)(?:Anfrage|Fragen?|Fragestellung)\s*:\s*$", re.I)


def request_in_prose(lines: Sequence[str], body_start: int) -> list[str]:
    """Return the first request sentence of an inquiry's body (after "Anfrage:" if headed).

    An inquiry with no list and no "?" still asks one thing; the justification (after
    "Begründung", or before an "Anfrage:" heading) is never the question.
    """
    start = max(body_start, 0)
    headed = False
    for i in range(start, len(lines)):
        if _ASK_HEADING.search(lines[i]):
            start, headed = i + 1, True
            break
    for i in range(start if not headed else len(lines), len(lines)):
        if SALUTATION.match(lines[i]):
            start = i + 1
            break
    paragraphs: list[list[str]] = [[]]
    for line in lines[start:]:
        if _FAREWELL.match(line) or is_stop(line):
            break
        if list_marker(line):  # list items (streets, places) are what a request is about
            paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    for paragraph in paragraphs:
        for sentence in sentences(join_lines(paragraph)):
            if headed or _REQUEST_SENTENCE.search(sentence):  # under "Anfrage:" it is the ask
                # "Baumpflanzungen an der Hochstraße Die Verwaltung wird gebeten, …": the head
                # run into the request is no part of it (run_in_body)
                return [_ASKING_LEAD_IN.sub("", from_body_opening(sentence), count=1)]
    return []


# "Wir fragen hiermit an, welche …", "Wir stellen die Frage, ob …", "… möchte nun wissen, ob …":
# the question is the clause the asking verb introduces.
_ASKING_LEAD_IN = re.compile(
    r"^[^,.?]*?\b(?:frage[nt]?|Frage|wissen|erfahren|erkundigen)\b[^,.?]{0,40},\s+"
    r"(?=(?:ob|wie|welche[rsmn]?|wann|wo|warum|weshalb|inwieweit|inwiefern|was|wer)\b)"
)
