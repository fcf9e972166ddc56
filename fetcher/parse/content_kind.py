"""The kind of a paper that prints no type word (or an unknown one), from what its body does. Pure.

A paper without a type line is read by its content, scored over several signals rather than one
more rule (issue 11, point 3):
- an answer repeats the questions and answers each one below it (declarative text after a
  question, before the next), heads its answers "Zu 1." / "Antwort:", addresses the asker
  ("Ihre Anfrage vom … beantworte ich wie folgt") and is signed by the administration ("Im
  Auftrag", a mayor's role under the closing, "Verantwortlich: Dez. 4");
- an inquiry asks (a lead-in "Wir fragen …", "bitten um Beantwortung"), justifies its questions
  under "Begründung" and is signed by members ("unterzeichnet von:", "für die … Fraktion");
- a motion moves ("beantragt", "Beschlussvorschlag", "Der Rat möge beschließen");
- a survey's report, a questionnaire or a flyer asks the public, not the office (asked_public):
  it is neither; and an inquiry's name over a report the office signs that asks nothing is the
  subject of an answer.
Every signal is read on the text with its line breaks collapsed, so that a page run together
into one line reads as the printed page does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fetcher.parse.answers import find_answers
from fetcher.parse.asked_public import asks_the_public
from fetcher.parse.kind_wording import MOTION_WORDING
from fetcher.parse.pattern_gates import gated
from fetcher.parse.replies import (
    REPLY_WORDS,
    after_last_question,
    declarative,
    interleaved,
    justifies,
)

_SPACE = re.compile(r"\s+")

# "Zu 1.", "Zu Frage 2:", "Antwort zu 3:", "Zu 1 und 2:" — an answer's heading, anywhere.
_ANSWER_TO = re.compile(
    r"(?<!\S)(?:Zu|ZU|Antwort\s+zu|Antwort\s+auf)\s+(?:[Ff]rage\s+)?(\d{1,2})\s*[a-h]?\)?\s*[.:)]"
)
# "Antwort:", "Beantwortung:", "Antwort der Verwaltung:" — a label of its own before the answer.
_ANSWER_LABEL = re.compile(
    r"(?<![\w-])(?:Antwort|Beantwortung)(?:\s+(?:der|des)\s+\w+)?\s*:(?=\s)", re.I
)
_ANSWER_LABEL = gated(_ANSWER_LABEL)  # the same matches, tried only where one can start
# A question ("…?", its quotation closed) with an answer label right after it and a reply that
# states: "… erneuert? Antwort: Die Erneuerung ist … vorgesehen." (a page run together).
_ANSWERED_BELOW = re.compile(
    r"\?[“”\"»]?\s+(?:Antwort|Beantwortung)(?:\s+(?:der|des)\s+\w+)?\s*:\s+[A-ZÄÖÜ][^?:]{20,300}\."
)
# The administration replying to the asker.
_REPLY = re.compile(
    r"\b(?:Ihre|Eure|Deine)\s+(?:\w+\s+){0,2}(?:Anfrage|Fragen)\b"
    r"|\bbeantworte[n]?\s+(?:ich|wir)\b|\b(?:ich|wir)\s+beantworte[n]?\b"
    r"|\bwie\s+folgt\s+beantwortet\b"
    # "Die Verwaltung beantwortet die Anfrage wie folgt:" (the office named, not "ich" / "wir")
    r"|\bbeantwortet\s+(?:die|Ihre|eure)\s+(?:\w+\s+){0,2}(?:Anfragen?|Fragen?)\s+wie\s+folgt\b"
    # "Beantwortung einer Anfrage zur …" as the subject (not "bitten um (die) Beantwortung …")
    r"|(?<!\bum\s)(?<!\bdie\s)\bBeantwortung\s+(?:einer|der|Ihrer)\s+(?:[\w-]+\s+)?[\w-]*Anfrage\b"
    r"|\bauf\s+(?:\w+\s+){0,2}Anfrage\s+(?:\w+\s+){0,3}?teil(?:t|en)\s+(?:\w+\s+){0,3}?mit\b"
    r"|\bzu\s+(?:der|Ihrer|Eurer)\s+(?:\w+\s+){0,2}Anfrage\b[^.?!]{0,80}\b(?:teil|Stellung)\w*"
    # an answer that points to another ("Siehe Antwort zu Frage 1."), a subject "…; hier:
    # Stellungnahme(n) des Tiefbauamts"
    r"|\bsiehe\s+(?:die\s+)?Antwort\s+zu\b|\bhier:\s+Stellungnahme"
    # "Die Verwaltung nimmt wie folgt Stellung(nahme) zur Anfrage der Volt:" (a public body's
    # "… nehmen wir wie folgt Stellung:" on a plan answers no inquiry)
    r"|\b(?:nimmt|nehmen|nehme)\s+(?:\w+\s+){0,2}?wie\s+folgt\s+Stellung\w*\s+zu[rm]?\s+"
    r"(?:\S+\s+){0,2}?Anfrage\b",
    re.I,
)
_REPLY = gated(_REPLY)  # the same matches, tried only where one can start
# Who signs for the administration: "Im Auftrag", "i. A.", "In Vertretung", the responsible
# department of a form ("Verantwortlich: Dez. 4", "Dezernat 3"), the officer who answers
# enquiries ("Auskunft erteilt: Herr …", "Sachbearbeiter:").
_ADMINISTRATION = re.compile(
    # not "i. V. m." ("in Verbindung mit", a legal citation: "§ 1 Absatz 7 BauGB i. V. m. § 44")
    r"(?<!\S)(?:Im\s+Auftrag|i\.\s?A\.|In\s+Vertretung|i\.\s?V\.(?!\s?m\.))(?!\S)"
    # the department named by its number: an inquiry's form leaves "Verantwortlich: Dez." blank
    r"|\bVerantwortlich:\s+(?:\S+\s+){0,6}?(?:Dez\.|Dezernat)\s*(?:\d|[IVX]+\b)"
    r"|\bAuskunft\s+erteilt\b|\bSachbearbeit(?:er|erin|ung)\s*:",
)
_ADMINISTRATION = gated(_ADMINISTRATION)  # the same matches, tried only where one can start
# The member asking: a lead-in, a request to answer.
_ASKING = re.compile(
    r"\b(?:wir|ich)\s+(?:fragen|frage)\b|\bfragen?\s+(?:wir|ich)\b"
    # "bitten um Beantwortung", "bitte ich um Auskunft" (first person: an answer reports "Herr
    # X bittet um Auskunft …"), "bittet …, folgende Anfrage zu beantworten"
    r"|\b(?:bitten|bitte|ersuchen)\s+(?:\w+\s+){0,6}?(?:um\s+(?:\w+\s+){0,2}(?:Beantwortung|Auskunft"
    r"|Auskünfte|Antworten|Aufstellung|Darstellung|Information)|\w*\s*zu\s+beantworten)\b"
    r"|\bbittet\s+(?:\w+\s+){0,6}?(?:um\s+(?:\w+\s+){0,2}Beantwortung|\w*\s*zu\s+beantworten)\b"
    r"|\bum\s+(?:eine\s+|die\s+)?(?:Aufstellung|Auskunft|Beantwortung|Darstellung)\b[^.?!]{0,200}?"
    r"\bgebeten\b"  # "Es wird um eine Aufstellung … gebeten."
    # "Wir möchten uns mit dieser Anfrage erkundigen, ob …", a "Fragen:" heading of a form
    r"|\b(?:uns|mich)\s+(?:\w+\s+){0,5}?erkundigen\b|\bmit\s+dieser\s+Anfrage\b"
    # a "Fragen:" heading ("Sie fragen: …" quotes the asker in an answer)
    r"|(?<![\w-])(?<!\bSie\s)Fragen\s*:(?=\s+(?-i:[A-ZÄÖÜ]))"
    r"|\bmöchte[n]?\s+(?:ich|wir)\s+wissen\b|\bum\s+(?:die\s+)?Beantwortung\s+(?:der\s+)?folgende",
    re.I,
)
_ASKING = gated(_ASKING)  # the same matches, tried only where one can start
# A motion's own wording, besides kind_wording.MOTION_WORDING: what the members want done.
_MOVING = re.compile(
    r"\b(?:wünschen|fordern)\s+(?:wir|ich)\b|\b(?:wir|ich)\s+(?:wünschen|fordern)\b"
    r"|(?<![\w-])Beschlussvorschlag\b|\bBeschlussempfehlung\b",
    re.I,
)
_MOVING = gated(_MOVING)  # the same matches, tried only where one can start
# A question in prose: an interrogative opening a sentence, its question mark within it.
_PROSE_QUESTION = re.compile(
    r"(?:^|(?<=[.:!?]\s))(?:Wie|Was|Wann|Wo|Wer|Welche[rsmn]?|Warum|Weshalb|Wieso|Inwieweit|Ob"
    r"|Gibt|Ist|Sind|Hat|Haben|Wird|Werden|Kann|Können)\s[^.?!]{5,300}\?"
)
_PROSE_QUESTION = gated(_PROSE_QUESTION)  # the same matches, tried only where one can start
# The members' signature.
_MEMBERS_SIGN = re.compile(
    r"\b[Uu]nterzeichnet\s+von\b|\b[Ff]ür\s+die\s+(?:\S+\s+){0,3}?\S*[Ff]raktion\b"
    r"|\bFraktions(?:vorsitzende[r]?|sprecher(?:in)?)\b",
)


# What an answer answers: a question, an inquiry ("Auf Anfrage teilt die Stadt mit:").
_ASKED_OF = re.compile(r"\b(?:Anfrage|Fragen?|Nachfrage|angefragt\w*)\b", re.I)


@dataclass(frozen=True)
class Signals:
    """What an untyped paper's body does: its answer points and its inquiry points."""

    answer: int
    inquiry: int
    motion: bool = False
    asked: bool = False  # a question in prose ("Welche Maßnahmen ergreift die Verwaltung …?")
    lead_in: bool = False  # the asking named ("Wir fragen …", "bitten um Beantwortung")
    public: bool = False  # its questions ask the public (asked_public): a survey, a flyer
    # written by the office (a reply, its signature), and no question mark below the head, no
    # asking, no justification, no motion
    asks_nothing: bool = False
    office: bool = False  # the office writes: a reply to the askers, its signature


def _flat(lines: Sequence[str]) -> str:
    return _SPACE.sub(" ", " ".join(lines)).strip()


# One sentence, past abbreviations ("z. B.", "Nr."): up to its full stop or question mark.
_SENTENCE = re.compile(r"[^.?!]{0,400}(?:\.\s?\w{1,3}\.[^.?!]{0,400}){0,4}[.?!]?")


def _answer_headings(text: str) -> int:
    """Return how many questions "Zu 1." headings answer: a heading followed by a question ("Zu 1.
    Liegt inzwischen …?", a follow-up inquiry's list) answers nothing."""
    answered = set()
    for match in _ANSWER_TO.finditer(text):
        sentence = _SENTENCE.match(text, match.end())
        if sentence and not sentence.group(0).endswith("?"):
            answered.add(match.group(1))
    return len(answered)


READ_CHARS = 12_000  # the body's first characters where interleaved answers are looked for
READ_LINE_CHARS = 2_000  # a longer line (a page run together) is read in pieces this long


def answers_read(lines: Sequence[str], body: int) -> list[str]:
    """Return the answers read below each repeated question (fetcher.parse.answers) in the
    body's first READ_CHARS characters, a long line in pieces: enough to see whether the
    questions are answered, and bounded (headings run into one line cost the reader the
    square of their number)."""
    head = list(lines[:body])
    pieces: list[str] = []
    total = 0
    for line in lines[body:]:
        for start in range(0, max(len(line), 1), READ_LINE_CHARS):
            pieces.append(line[start : start + READ_LINE_CHARS])
            total += len(pieces[-1])
        if total >= READ_CHARS:
            break
    if not any("?" in piece for piece in pieces):
        return []  # nothing asked, nothing answered
    return find_answers([*head, *pieces], body)[1]


def signals(lines: Sequence[str], body: int, answers: Sequence[str]) -> Signals:
    """Return the answer and inquiry points of a paper's text below its head (`body`), given
    the answer texts read below each repeated question (fetcher.parse.answers)."""
    text = _flat(lines[body:])
    whole = _flat(lines)
    answer = 0
    answered = interleaved(answers)
    # two or more answered, or both of two questions (the last one's reply a statement too); two
    # questions are two question marks: one "?" (a cited title "Is(s)t KiTa gut?") asks no two
    both = len(answers) == 2 and answered == 1 and declarative(answers[-1]) and text.count("?") >= 2
    if (answered >= 2 and answered * 3 >= len(answers) - 1) or both:
        answer += 2
    if _answer_headings(text) >= 2 or len(_ANSWER_LABEL.findall(text)) >= 2:
        answer += 2
    elif _ANSWERED_BELOW.search(text):
        answer += 2  # one question, "Antwort:" right below it and a reply that states
    replies = bool(_REPLY.search(whole))
    signed = bool(_ADMINISTRATION.search(whole))
    answer += 2 * replies + signed
    last = answers[-1] if answers else after_last_question(whole)
    if declarative(last) and len(last.split()) >= REPLY_WORDS:
        answer += 1  # the questions quoted, then a long reply below them
    # An inquiry asks near its questions, at the paper's opening: a "Fragen:" or a "Begründung:"
    # deep in a long report or an annex's table asks nothing.
    opening, body_opening = whole[:READ_CHARS], text[:READ_CHARS]
    inquiry = 0
    lead_in = bool(_ASKING.search(opening))
    if lead_in:
        inquiry += 2
    if justifies(body_opening):
        inquiry += 1
    if _MEMBERS_SIGN.search(opening):
        inquiry += 1
    if "?" not in whole and not _ASKED_OF.search(whole):
        answer = 0  # a statement that answers no question ("… nimmt hierzu wie folgt Stellung")
    motion = bool(MOTION_WORDING.search(whole) or _MOVING.search(whole))
    if asks_the_public(whole):
        # a survey's report, a flyer's refrain: its questions ask the public, not the office
        return Signals(0, 0, motion, False, False, public=True)
    # the office writes (replies, signs) and the body asks nothing: a report, not an inquiry
    silent = (replies or signed) and "?" not in text and inquiry == 0 and not motion
    return Signals(
        answer,
        inquiry,
        motion,
        bool(_PROSE_QUESTION.search(text)),
        lead_in,
        asks_nothing=silent,
        office=replies or signed,
    )


# A label that names no kind of its own: no type line, a bare "Vorlage (Nr.)" or a paper type
# no rule knows.
_TYPELESS = frozenset({"sonstiges", "Vorlage"})
# The subject of an answer is the inquiry it answers ("Anfrage der CDU-Fraktion zur …", "Anfrage
# FW/FÜR: Turmbergbahn"): printed where a type line stands, it reads as one.
STRONG_ANSWER = 2


# A number label after the type word, of its own name or another's ("-Nr. VII-EF-08640",
# "Vorlage-Nr. VII-EF-08640" run in from the line below): no subject.
_NUMBER_REST = re.compile(r"^\s*(?:[\w-]*[-\s])?(?:Nr\.?|Nummer)(?:\s|:|$)", re.I)


def states_on_motion(found: Signals) -> bool:
    """Whether a paper under a motion's type line ("Antrag SPD-Gemeinderatsfraktion") is the
    office's statement on it: the office writes, and nothing moves, asks, justifies or is
    signed by members (a motion's own text does one of these)."""
    return found.office and not found.motion and found.inquiry == 0


def answer_by_content(kind: str, label: str | None, rest: str, found: Signals) -> bool:
    """Whether a paper is an answer by what its body does.

    `label` and `rest`: the type line read (kind.find_doc_label) and the rest of its line. With
    no type word of its own (none, or a bare "Vorlage Nr."), every sign of asking must be
    outweighed; an inquiry's name followed by its subject ("Anfrage der CDU-Fraktion zur …",
    "Anfrage: AfD") may be the subject line of an answer and gives way to a strong answer only;
    a bare type line ("ANFRAGE") is the paper's own type, whatever it quotes.
    """
    if found.answer <= found.inquiry:
        return False
    if kind in _TYPELESS and (label is None or label.lower() == "vorlage"):
        return found.answer >= 2 + found.inquiry  # each sign of asking outweighed
    if kind == "Anfrage" and label is None:
        # no type line, an inquiry named only by the wording of a subject line ("Anfrage der
        # Fraktion … vom … zu …") over its questions each answered: the answer's subject
        return found.answer >= max(STRONG_ANSWER, 2 + found.inquiry)
    subject = bool(rest.strip(" :-–"))
    # the inquiry named with its subject ("Anfrage: AfD", not "-Nr. VII-…"), or in the head
    # below a bare "Vorlage Nr." (kind.kind_from_content)
    named = (subject and not _NUMBER_REST.match(rest)) or (label or "").lower() == "vorlage"
    if kind == "Anfrage" and named and found.asks_nothing:
        return True  # an inquiry's name over a report that asks nothing: the answer's subject
    return kind == "Anfrage" and subject and found.answer >= max(STRONG_ANSWER, 2 + found.inquiry)


LIST_QUESTIONS = 3  # a list of questions: more than a motion's rhetorical one or two


def asks_by_content(
    found: Signals, questions: int, moved: bool = False, sent: bool = False
) -> bool:
    """Whether an untyped paper is an inquiry: it asks (a list of questions, a question and the
    members' signature, or a lead-in "Wir fragen …", "bitten um Beantwortung"), answers none of
    the questions, and moves nothing unless it names its asking.

    `sent`: the paper names who sends it (a faction read, a letter's salutation or addressee): a
    list of questions from a sender asks; a bare list (a questionnaire, an interview guide, a
    flyer's "Was kann ich dazu beitragen?") asks no one.
    `moved`: the prose reads as a motion ("… beantragt, …" without a type line): only a list of
    questions with the members' asking or signature outweighs it ("Die Fraktion hatte im
    November beantragt, …" in the justification of an inquiry).
    """
    if found.answer >= 2 or found.public:
        return False
    if moved:
        return questions >= LIST_QUESTIONS and found.inquiry >= 1
    if found.motion and found.inquiry < 2 and questions < LIST_QUESTIONS:
        return False  # a motion's rhetorical question; a list of questions outweighs "fordern"
    if found.lead_in or (questions >= 2 and (found.inquiry >= 1 or sent)):
        return True
    # one question (or one in prose no list reader took) and the members' justification or
    # signature; a motion's "Sachverhalt/Begründung:" and signature alone ask nothing
    return (questions >= 1 or found.asked) and found.inquiry >= 1


# A notice's own heading below its subject line: "Antrag Abschaffung …" / "Inhalt der
# Mitteilung:" (the administration reports on a motion, or answers an inquiry, for information).
_NOTICE_HEADING = re.compile(r"^(?:Inhalt\s+der\s+)?Mitteilung(?:\s+der\s+Verwaltung)?\s*:", re.M)
NOTICE_REACH = 300  # characters below the subject line where the notice's heading stands


def notice_below(lines: Sequence[str], label_index: int | None) -> bool:
    """Whether the type line found is a notice's subject: a notice heading follows within
    NOTICE_REACH characters (also inside a line run together)."""
    if label_index is None:
        return False
    below = "\n".join(lines[label_index : label_index + 8])
    first = below.find("\n") + 1 if "\n" in below else len(below)
    window = below[: first + NOTICE_REACH]
    return bool(
        _NOTICE_HEADING.search(window, first)
        or re.search(r"(?<=\s)Inhalt\s+der\s+Mitteilung\s*:", window)
    )
