"""The wording that names a paper's kind: answers, inquiries, motions, notices. Pure.

Regular expressions and the small readers kind.kind_from_content applies to a head's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.form_fields import TYPE_PREFIX
from fetcher.parse.pattern_gates import gated
from fetcher.parse.wording import INTRO, list_marker

# A line that ends in a lower-case word runs on too ("… bitte ich um" / "Beantwortung der
# folgenden Fragen:", "Zu 1. Liegt inzwischen eine verbindliche" / "Antwort des …"): a heading
# follows a line that ends a sentence, a date or a noun, never a verb or an adjective.
LOWER_END = re.compile(r"(?<![\w.-])[a-zäöüß][a-zäöüß]*$")


# An answer names itself ("mit Antwort der Landesregierung", "Antwort der Oberbürgermeisterin",
# "Beantwortung einer Anfrage") or is a Mitteilung/Informationsvorlage whose subject is an inquiry.
ANSWER_WORDING = re.compile(
    r"\bmit\s+Antwort\s+de[rs]\b"
    r"|^(?:Betreff:\s*)?(?:schriftliche\s+|mündliche\s+)?(?:Antwort|Beantwortung)\s+"
    r"(?:de[rs]|zu[rm]?|auf|einer|von)\b"
    r"|^(?:Betreff:\s*)?Stellungnahme\s+(?:der\s+Verwaltung\s+)?zu[rm]?\s+(?:\S+\s+){0,3}Anfrage"
    # an answer letter's type line ("Antwortschreiben", "Antwortbrief")
    r"|^(?:Antwortschreiben|Antwortbrief)\b",
    re.I | re.M,
)
# A line that runs on: it ends in an article, a preposition or a conjunction ("… steht als").
RUNS_ON = re.compile(
    r"\b(?:als|der|die|das|den|dem|des|eine?[mnrs]?|und|oder|zur|zum|zu|auf|in|im|mit|von|für|"
    r"über|nach|bei|dass|wie|ob)$"
)


def names_itself_answer(above: str, pattern: re.Pattern[str] = ANSWER_WORDING) -> bool:
    """Whether the text above the questions names itself an answer (ANSWER_WORDING), not where
    "Beantwortung auf meine Frage 2 …" only continues a sentence wrapped after "… steht als"."""
    for match in pattern.finditer(above):
        start = above.rfind("\n", 0, match.start()) + 1
        previous = above[max(0, above.rfind("\n", 0, max(start - 1, 0)) + 1) : max(start - 1, 0)]
        previous = previous.rstrip()
        if (
            match.start() == start
            and start
            and (RUNS_ON.search(previous) or LOWER_END.search(previous))
        ):
            continue
        return True
    return False


# A heading of its own below the inquiry: "Stellungnahme des Bürgermeisteramtes:", "Antwort der
# Verwaltung:"; it answers an inquiry unless the paper is a statement on a motion.
# Not after a word in lower case: a type word after an article, a preposition, an adjective or
# a verb is part of a sentence ("um eine Stellungnahme der Verwaltung: …", "die vorliegende
# Stellungnahme der Verwaltung:", "folgende Anfrage 1. …"); after a noun, a number or a closing
# bracket it is a heading run in after a title or a field. Fixed-width look-behinds, one per
# word length.
NOT_AFTER_LOWER = "".join(
    rf"(?<!(?-i:[\s(„\"][a-zäöüß]{{{n}}})[ \t])(?<!(?-i:^[a-zäöüß]{{{n}}})[ \t])"
    for n in range(1, 25)
)
ANSWER_HEADING = re.compile(
    r"^(?:Stellungnahme|Antwort|Beantwortung)\s+de[rs]\s+\S+(?:\s+\S+)?\s*:?\s*$"
    # inside a head run together, with its colon and the text after it ("LED-Ampeln
    # Stellungnahme des Bürgermeisteramtes: Derzeit stehen …")
    rf"|(?=(?-i:Stellungnahme|Antwort|Beantwortung)[ \t])(?<=\S[ \t]){NOT_AFTER_LOWER}"
    r"(?:Stellungnahme|Antwort|Beantwortung)[ \t]+de[rs][ \t]+\S+(?:[ \t]+\S+)?[ \t]*:(?=[ \t]+\S)",
    re.I | re.M,
)
ANSWER_HEADING = gated(ANSWER_HEADING)  # the same matches, tried only where one can start
NOTICE_TYPE = re.compile(
    # the number or the session status may stand before it ("DS 70/2011 Mitteilungsvorlage",
    # "Öffentliche Mitteilungsvorlage": form_fields)
    rf"^{TYPE_PREFIX}(?:Mitteilungsvorlage|Informationsvorlage|Mitteilung(?:\s+der\s+Verwaltung)?|"
    r"Stellungnahme|Vorlageart:\s*(?:Mitteilung|Information|Stellungnahme)\w*)"
    r"(?:\s+(?:zu\s+TOP|zu[rm]?\s+\w+|der\s+Verwaltung|des\s+\w+)\b.*)?\s*$"
    # a notice's type word in a head run together ("Mitteilungsvorlage Beratung in …", "…
    # 15.12.2011 DS 70/2011 Mitteilungsvorlage zu TOP 8 …"): at a line's start or after a
    # number, never after a word ("in der Mitteilungsvorlage …" is prose)
    r"|(?:^|(?<![a-zäöüß]\s)(?<=\s))(?-i:Mitteilungsvorlage|Informationsvorlage)\s+(?=\S).{10,}$",
    re.I | re.M,
)
RUN_IN_CHARS = 160  # a heading run into a head's line stands near the line's start
# Words that make a type word the noun of a sentence, capitalised at its start ("Die Antwort auf
# die Anfrage …", "Diese Mitteilungsvorlage …"); fixed-width look-behinds, one per word.
_NOT_AFTER_ARTICLE = "".join(
    rf"(?<!\b{word}[ \t])"
    for word in ("Die", "Der", "Das", "Eine", "Diese", "Ihre", "Unsere", "Seine", "Keine", "Deren")
)
# A notice's type word run into a head after its letterhead ("Stadt Karlsruhe Der
# Oberbürgermeister Mitteilungsvorlage Anfrage der …"), also ending that line ("… Fachbereich 3
# Informationsvorlage"): after a capitalised word, not a sentence's (nor after a comma or a
# bracket: "(GR-Sitzung vom 24.7.2012, Antwort auf FDP-Anfrage …)" cites).
_NOTICE_RUN_IN = re.compile(
    rf"(?<=\w[ \t]){NOT_AFTER_LOWER}{_NOT_AFTER_ARTICLE}"
    r"(?:(?-i:Mitteilungsvorlage|Informationsvorlage)(?:[ \t]+(?=\S).{10,})?"
    # "… Bezirksvertretung Nord Mitteilung der Verwaltung zur Anfrage …": who notifies named
    r"|(?-i:Mitteilung|Stellungnahme)[ \t]+(?:der[ \t]+Verwaltung|des[ \t]+(?-i:[A-ZÄÖÜ])\w+)"
    r"[ \t]+(?=\S).{10,})$",
    re.M,
)
# An answer's heading run into a head ("… Der Oberbürgermeister Antwort auf die Anfrage der
# SPD-Fraktion", "… Beantwortung der Anfrage Nr. …"): it names the inquiry it answers.
_ANSWER_RUN_IN = re.compile(
    rf"(?<=\w[ \t]){NOT_AFTER_LOWER}{_NOT_AFTER_ARTICLE}"
    r"(?-i:Antwort|Beantwortung)[ \t]+(?:de[rs][ \t]+\S+[ \t]+)?(?:auf|zu[rm]?|der|einer)[ \t]+"
    r"(?:(?:die|Ihre|eure)[ \t]+)?(?:[\w-]+[ \t]+){0,2}?(?-i:[\w-]*Anfrage)\b"
)


def _near_line_start(text: str, start: int) -> bool:
    return start - (text.rfind("\n", 0, start) + 1) <= RUN_IN_CHARS


def notice_type(head: str) -> re.Match[str] | None:
    """Return the notice's type word in a head (NOTICE_TYPE), else one run into a line near its
    start after a capitalised word (a head run together). Pure."""
    found = NOTICE_TYPE.search(head)
    if found:
        return found
    return next(
        (m for m in _NOTICE_RUN_IN.finditer(head) if _near_line_start(head, m.start())), None
    )


def answer_run_in(above: str) -> bool:
    """Whether a line of the head holds an answer's heading run in near its start ("Stadt
    Musterstadt Der Oberbürgermeister Antwort auf die Anfrage der SPD-Fraktion"). Pure."""
    return any(_near_line_start(above, m.start()) for m in _ANSWER_RUN_IN.finditer(above))


INQUIRY_SUBJECT = re.compile(
    r"^(?:Betreff:\s*)?(?:\S+\s+){0,3}Anfrage\b|\bAnfrage\s+(?:der|des|vom|von|zu[rm]?)\b",
    re.I | re.M,
)
# An inquiry names its type in a header line, a subject line or in prose.
INQUIRY_WORDING = re.compile(
    r"^(?:(?:Mündliche|Schriftliche|Kleine|Große|Dringliche)\s+Anfrage|Ratsanfrage|Anfrage\b"
    r"|Auskunftsersuchen|Vorlageart:\s*Anfrage|Fragen\s+an\s+de[nr]\s+(?:Magistrat|Oberbürger"
    r"|Bürgermeister|Landrat|Verwaltung)|Betreff:\s*Anfrage|Art:\s*Anfrage|Anfragen?\s+nach\s+§)"
    r"|\bfolgende\s+(?:\w+\s+)?Anfrage\b|\bAnfrage\s+(?:gem(?:\.|äß)|nach)\s+§"
    r"|\bstellen\s+(?:wir|ich)\s+(?:folgende\s+)?Anfrage",
    re.I | re.M,
)
INQUIRY_WORDING = gated(INQUIRY_WORDING)  # the same matches, tried only where one can start


# A letter that answers: "vielen Dank für Ihre Anfrage", "Ihre Anfrage vom … beantworte ich wie
# folgt", "Formlose Stellungnahme des Schulamtes vom 30.10.2019 zur interfraktionellen Anfrage".
ANSWER_LETTER = re.compile(
    r"^Zur\s+Beantwortung\s+(?:der|Ihrer|Eurer)\s+(?:\w+\s+)?(?:Fragen|Anfrage)\b"
    r"|\bDank\s+für\s+(?:Ihre|Eure|die)\s+(?:\w+\s+)?Anfrage\b"
    # (a date's dots end no sentence: "Ihre Anfrage vom 12.03.2021 beantworte ich …")
    r"|\b(?:Ihre|Eure)\s+(?:\w+\s+|\w\.\s?\w\.\s+)?(?:genannte\s+)?Anfrage\b"
    r"(?:[^.?!]|(?<=\d)\.(?=\d)){0,80}"
    r"\b(?:beantworte|beantworten|nehme|nehmen)\b"
    r"|\b(?:zu|auf)\s+(?:der|die|Ihre[r]?|Eure[r]?)\s+(?:[\w-]+\s+){0,3}(?:Anfrage|Fragen)\b"
    r"[^?!]{0,100}?\b(?:teilt|teile|teilen|nimmt|nehme|nehmen|beantworte\w*|antworte\w*)\b"
    r"|\bzu[rm]?\s+(?:[\w-]+\s+){0,3}(?:Anfrage|Fragen)\b[^?!]{0,60}?\bStellung\b"
    r"|\bdie\s+von\s+Ihnen\b[^?!]{0,100}?\bgestellten\s+Fragen\b[^?!]{0,80}?\bbeantworte\w*"
    r"|^(?:\w+\s+)?Stellungnahme\s+(?:de[rsm]\s+)?[^\n]{0,80}?\bzur?\s+(?:\w+\s+){0,2}Anfrage\b",
    re.I | re.M,
)
# A letter that moves: "beantragt die Fraktion …", "stellen wir folgenden Antrag", "Der Rat möge
# beschließen". Asking for a report ("beantragen einen Sachstandsbericht") is an inquiry.
GROUP = r"(?:\w*[Ff]raktion(?:en)?|Gruppe|Ratsgruppe|Wählergemeinschaft|Wählergruppe)"
NOT_A_REPORT = r"(?![^.:]{0,60}\b(?:Sachstand\w*|\w*[Bb]ericht|Auskunft|Information\w*)\b)"
MOTION_WORDING = re.compile(
    rf"\b(?:wir|ich)\s+(?:\w+\s+){{0,2}}beantrage?n?\b{NOT_A_REPORT}"
    rf"|\bbeantrage?n?\s+(?:wir|ich)\b{NOT_A_REPORT}"
    rf"|\b{GROUP}\b[^.\n]{{0,60}}\bbeantragt\b{NOT_A_REPORT}"
    rf"|\bbeantragt\s+(?:\w+\s+)?(?:die|der)\s+(?:\S+\s+){{0,2}}{GROUP}"
    r"|\b(?:stell(?:t|en|e)|reich(?:t|en|e))\s+(?:\w+\s+){0,3}(?:folgenden|den|diesen)\s+"
    r"(?:\w+\s+)?Antrag\b"
    r"|\bmöge\s+(?:\w+\s+){0,3}beschließen\b|\bAntrag\s+(?:gem(?:\.|äß)|nach)\s+§",
    re.I,
)


def _continues_sentence(text: str, start: int) -> bool:
    """Whether a match at a line's start continues the sentence of the line above it: that line
    holds two words or more, no colon and ends in a lower-case word ("Bereits mit unserer" /
    "Anfrage vom 14.03.2023 haben wir …", "Sachstand: Auf die" / "Anfrage der CDU-Fraktion …").
    A type line stands below a heading, a number or a line that ends a sentence."""
    if start == 0 or text[start - 1] != "\n":
        return False
    above = text[text.rfind("\n", 0, start - 1) + 1 : start - 1].rstrip()
    tail = above.rsplit(":", 1)[-1]  # "Sachstand: Auf die": the words after a label
    return len(tail.split()) >= 2 and bool(LOWER_END.search(above))


def names_inquiry(text: str) -> re.Match[str] | None:
    """Return the first INQUIRY_WORDING match that names the paper an inquiry, not the word
    "Anfrage" of a sentence wrapped onto a line's start (another paper cited in the prose)."""
    return next(
        (m for m in INQUIRY_WORDING.finditer(text) if not _continues_sentence(text, m.start())),
        None,
    )


def letter_kind(text: str) -> str | None:
    """Return the kind a letter's prose names first: an inquiry or a motion, else None."""
    inquiry = names_inquiry(text)
    motion = MOTION_WORDING.search(text)
    if motion and (inquiry is None or motion.start() < inquiry.start()):
        return "Antrag"
    return "Anfrage" if inquiry else None


# The subject lines of a letter that answers: "Stellungnahme zu Fragen aus der GR-Sitzung …",
# "Zusatzfragen aus der Plenarsitzung des Gemeinderats …".
ANSWER_SUBJECT = re.compile(
    r"^(?:(?:Stellungnahme|Antwort|Beantwortung)\b.*\b(?:Fragen?|Anfragen?)\b"
    r"|(?:Zusatz|Nach)?[Ff]ragen\s+aus\s+der\s+[\w-]*[Ss]itzung)",
    re.I,
)


# The inquiry named as the subject, then what this paper does with it: "Anfrage der SPD-Fraktion
# vom 15.01.2024 – Beantwortung", "Anfrage der CDU vom …; hier: Antwort" (a notice or a form whose
# subject line is the inquiry it answers), in a head of any shape (a page run into one line).
INQUIRY_ANSWERED = re.compile(
    r"\bAnfrage\s+(?:der|des|vom|von)\s[^\n?]{0,160}?(?:\s[–—-]|[;,]\s*hier:)\s*"
    r"(?:Beantwortung|Antwort|Stellungnahme)\b"
)


# "Antwort der Stadtverwaltung: Die Stadt …": the heading with its text run on after the colon
_ANSWER_HEAD_START = re.compile(
    r"(?:Stellungnahme|Antwort|Beantwortung)\s+de[rs]\s+\S+(?:\s+\S+)?\s*:"
)


def asks_after_answer(lines: Sequence[str]) -> bool:
    """Return True if an inquiry asks again below an answer it quotes.

    A follow-up inquiry quotes the administration's earlier answer under its own heading
    ("Antwort der Stadtverwaltung: …"), then asks again ("Daher bitten wir nun also nochmals um
    die Beantwortung dieser Fragen:" above the list; Karlsruhe 2018/0487): the answer is quoted.
    """
    heading = next(
        (i for i, x in enumerate(lines) if _ANSWER_HEAD_START.match(x) or ANSWER_HEADING.search(x)),
        None,
    )
    if heading is None:
        return False
    # the lead-in and the list's first label, wherever the line breaks fall
    below = " ".join(x for x in lines[heading + 1 :] if x)
    return any(
        match.group(0).endswith(":") and list_marker(below[match.end() :].lstrip()) is not None
        for match in INTRO.finditer(below)
    )


# A statement named by who makes it: "Stellungnahme der Verwaltung", "Stellungnahme des
# Bürgermeisteramtes", "Stellungnahme vonseiten des Fachbereichs …" (not "Stellungnahme zum
# Antrag", which the label names).
_STATEMENT_BY = re.compile(r"Stellungnah?me\s+(?:vonseiten\s+|von\s+)?de[rsm]\s+\S+", re.I)
_ASKED = re.compile(r"\S\?[\s“”\"]*$", re.M)


def statement_answers(named: str, above: str, lines: Sequence[str]) -> bool:
    """Return True for a statement by an office that answers an inquiry.

    Its type line (`named`: the label and the rest of its line) names who states ("Stellungnahme
    der Verwaltung"), no motion is named above
    the questions, and it quotes the inquiry: the word "Anfrage" ("zur angefragten Thematik") or
    a line ending in a question mark in its first pages.
    """
    if not _STATEMENT_BY.match(named) or re.search(r"\bAntrag\b", above):
        return False
    text = "\n".join(lines[:150])
    return bool(re.search(r"\bAnfrage\b|\bangefragte", text) or _ASKED.search(text))
