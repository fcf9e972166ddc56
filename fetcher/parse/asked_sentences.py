"""Run-together answers: unnumbered questions and their answers in one line of text. Pure.

A page or paragraph run into one line (an OParl File.text, a web page) keeps no blank line between
a question and its answer, nor between an answer and the next question: "… nicht zu verzeichnen.
Wie viele Ausschreibungen …? rGB Haushaltsjahr …". The questions are read sentence by sentence
on the terms of fetcher.parse.asked_paragraphs: a question is a run of asking sentences, its
answer the statements up to the next such run. Where the sentence splitter joins what a page's
line breaks kept apart (a table's last cell before the question, "Siehe Antwort zu 4. Wie …?",
an answer opening with a lower-case cell right after the "?"), the question is cut out of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.asked_openings import capital_opening, question_in_head, run_in_opening
from fetcher.parse.asked_paragraphs import (
    ENDS_SENTENCE,
    MAX_QUESTION_CHARS,
    MIN_PAIRS,
    ends_asking,
    opens_asking,
)
from fetcher.parse.markers import NUMBER_LABEL, list_marker
from fetcher.parse.question_tail import REQUEST
from fetcher.parse.quoted_pairs import INTRO
from fetcher.parse.text import sentences

WHOLE_SENTENCES = 0.9  # share of the characters in lines that end a sentence
RUN_TOGETHER_CHARS = 400  # a line longer than a printed one: a page or paragraph run into it
# A numbered question inside run-together text ("… verwiesen. 2. Welche …?"): not this layout.
_NUMBERED_INSIDE = re.compile(rf"(?:^|[.?!:“”\"]\s+)[„\"»]?\s*\(?{NUMBER_LABEL}\s+[„\"]?[A-ZÄÖÜ]")


def asked_sentences(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of a run-together answer, its unnumbered questions each a run
    of asking sentences and answered by the statements after it, else [].

    A page or paragraph run into one line keeps no blank line between a question and its
    answer: a question is a run of sentences ending in "?" (a request after them included), the
    first opening asking; the answer the sentences up to the next such run. Taken only for
    run-together text (no blank line, half its characters in lines longer than a printed one)
    on the terms of asked_paragraphs.
    """
    body_start = question_in_head(lines, body_start)  # "… Wildwuchsbekämpfung Befindet sich …?"
    if any(not line.strip() for line in lines[max(body_start, 0) :]):
        return []  # blank lines set its paragraphs apart: asked_paragraphs' text, or one per line
    body = [line for line in lines[max(body_start, 0) :] if line.strip()]
    run_together = sum(len(line) for line in body if len(line) > RUN_TOGETHER_CHARS)
    # a run-together page cut again at its sentences' ends (fetcher.parse.relines): every line
    # ends a sentence, where printed lines end wherever the width does (from the first question
    # on: a letter's head above it is lines of their own)
    asked_from = next((k for k, line in enumerate(body) if "?" in line), len(body))
    ended = sum(len(line) for line in body[asked_from:] if ENDS_SENTENCE.search(line))
    total = sum(len(line) for line in body)
    if 2 * run_together < total and ended < WHOLE_SENTENCES * sum(map(len, body[asked_from:])):
        return []  # printed lines, one long line among them at most (a table's row, a question)
    text = " ".join(body)
    closing = re.search(r"\bMit freundlichen Grüßen\b", text)
    text = text[: closing.start()] if closing else text
    if _NUMBERED_INSIDE.search(text) or re.search(rf"(?<!\S)(?:{INTRO})", text):
        return []
    # sentences line by line: a running head set on a line of its own opens no question
    parts = [piece for line in body for part in sentences(line) for piece in asked_run_on(part)]
    if closing:
        cut = len(text[: closing.start()].split())
        parts = _first_words(parts, cut)
    start = max((k for k, part in enumerate(parts) if _PRELIMINARY_RUN_IN.match(part)), default=-1)
    pairs: list[tuple[list[str], list[str]]] = []
    asking = False
    for whole in parts[start + 1 :]:
        lead_in, part = after_lead_in(whole)
        if (
            not pairs
            and ends_asking(whole)
            and (marker := list_marker(whole))
            and opens_asking(marker[2])
        ):
            # "A) Wann …? B) Wie …?" opening the questions: a labelled list, read as one by
            # fetcher.parse.questions (a question's own sub-items further on stay in it)
            return []
        if lead_in and pairs:
            pairs[-1][1].append(lead_in)
        if lead_in:
            asking = False  # a statement stood before the question: a new one opens
        if part[:1] in '„"»' and ends_asking(part):
            return []  # „Wie …?“: quoted questions, fetcher.parse.quoted_pairs' layout
        opens = opens_asking(part) or (bool(lead_in) and capital_opening(part))
        if ends_asking(part) and (asking or opens or _asks_after_answer(pairs, part)):
            if asking:
                pairs[-1][0].append(part)
            else:
                pairs.append(([part], []))
            asking = True
        elif asking and REQUEST.match(part):
            pairs[-1][0].append(part)
        elif pairs:
            pairs[-1][1].append(part)
            asking = False
    answered = sum(1 for _, answer in pairs if answer)
    if len(pairs) < MIN_PAIRS or answered < MIN_PAIRS or not pairs[-1][1]:
        return []
    return [(" ".join(question), " ".join(answer)) for question, answer in pairs]


# A follow-up that asks on from the question before it ("Falls ja, welche?", "Wenn nein, …?").
_FOLLOW_UP = re.compile(
    r"^(?:Und\s+)?(?:Wenn|Falls|Sofern|wenn|falls|sofern)\s+(?:ja|nein|nicht)\b"
)


def _asks_after_answer(pairs: list[tuple[list[str], list[str]]], part: str) -> bool:
    """Whether a sentence ending in "?" right after an answer's statements opens the next
    question although its first word is none of wording's openings ("Zieht die Landesregierung
    …?", "Bis zu etwa welchem Zeitpunkt …?", "Sprechen aus Sicht …?"): a capital opens it, and
    it does not ask on from a question ("Falls ja, welche?")."""
    return bool(pairs) and bool(pairs[-1][1]) and part[:1].isupper() and not _FOLLOW_UP.match(part)


# Where a question may open inside a run-together sentence, after what the sentence splitter
# takes for no sentence's end: a colon, a number ending a table's last row ("… 1.236,0 82,7
# Welche Maßnahmen …?"), a reference's number ("Siehe Antwort zu 4. Wie schätzt …?") or a
# bracket closed after its full stop ("(siehe auch Antwort zu 4.) Welche …?").
# Or anywhere after a space when the question's first word is one no sentence capitalises
# inside it: an interrogative ("Wie", "Welche", "Inwieweit"), a preposition before one ("In
# welchem", "Seit wann"), a finite verb opening a yes/no question ("Gibt es", "Hat die") — after
# a table's last cell ("… Landkreis Göttingen Wie ist der Stand …?").
_QUESTION_WORD = re.compile(
    r"(?:W(?:ie|as|ann|o|er|elche[rsmn]?|arum|eshalb|ieso|eswegen"
    r"|o(?:durch|mit|her|hin|zu|für|rauf|rin|von|bei|ran|nach|rüber|rum))|Inwie(?:weit|fern)"
    r"|(?:In|Auf|An|Aus|Bis|Seit|Mit|Für|Durch|Nach|Unter|Von|Bei|Zu|Um|Über|Gegen|Ab)\s+"
    r"(?:w(?:ie|as|ann|o|elche[rsmn]?|em|en)\b|inwie)"
    r"|(?:Gibt|Ist|Sind|Hat|Wird|Werden|Wurde|Wurden|Kann|Können|Plant|Sieht|Liegt|Liegen"
    r"|Trifft|Beabsichtigt)\s)\b"
)
_OPENS_INSIDE = re.compile(
    r"(?<=: )|(?:(?<=\d )|(?<=\d\. )|(?<=[.!?]\) ))(?=[A-ZÄÖÜ])"
    rf"|(?<= )(?={_QUESTION_WORD.pattern})"
)


_ASKED_RUN_ON = re.compile(r"\?[)\]\"“”'»«]*\s+(?=\S)")


def asked_run_on(part: str) -> list[str]:
    """Return a sentence cut after its question when the answer runs on with what opens no
    sentence: a table's lower-case cell, a sign, a number ("… darstellen)? rGB Haushaltsjahr …",
    "… fallen? § 45 SGB VIII regelt …"); the sentence splitter keeps them together."""
    mark = _ASKED_RUN_ON.search(part)
    if mark is None or not opens_asking(part):
        return [part]
    return [part[: mark.end()].rstrip(), *asked_run_on(part[mark.end() :])]


def after_lead_in(part: str) -> tuple[str, str]:
    """Return (lead-in, question) of a sentence whose question follows a colon ("Ihre Anfrage
    beantworte ich wie folgt: Wurde …?") or a table's last number, else ("", the sentence)."""
    if not ends_asking(part) or opens_asking(part):
        return "", part
    for match in _OPENS_INSIDE.finditer(part):
        tail = part[match.start() :]
        # after a colon the wording's test as before; elsewhere only a word no sentence
        # capitalises inside it ("… Verden 0 2 0 Wolfenbüttel 15 8 8 Liegen der …?": not the
        # town, whose "Wo…" the wording reads as "woher")
        colon = part[: match.start()].endswith(": ")
        if (
            opens_asking(tail)
            and (colon or _QUESTION_WORD.match(tail))
            and len(tail) <= MAX_QUESTION_CHARS
        ):
            return part[: match.start()].rstrip(), tail
    if (opening := run_in_opening(part)) > 0:  # "… für die Wildwuchsbekämpfung Befindet sich …?"
        return part[:opening].rstrip(), part[opening:]
    return "", part


def _first_words(parts: list[str], words: int) -> list[str]:
    """Return the sentences holding the first `words` words of `parts`."""
    kept: list[str] = []
    for part in parts:
        if words <= 0:
            break
        count = len(part.split())
        kept.append(part if count <= words else " ".join(part.split()[:words]))
        words -= count
    return kept


# The heading run into its remark's first sentence, whose capital follows it ("Vorbemerkung der
# Landesregierung Artikel 24 …"), not a reference to it in an answer after an abbreviation's
# full stop ("(s. Vorbemerkung der Landesregierung in der Antwort …)").
_PRELIMINARY_RUN_IN = re.compile(
    r"^Vorbemerkung(?:en)?\s+(?:der|des)\s+\S+(?:\s+[„\"A-ZÄÖÜ\d]|\s*$)"
)
