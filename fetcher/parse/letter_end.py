"""Where a letter's end begins below its last question: thanks, closing, signature, fields. Pure.

Below the last question an inquiry letter ends as letters do (DIN 5008 and the Word templates of
Ratsfraktionen; ALLRIS and SessionNet forms print the same parts): a thanks ("Vielen Dank!", "Für
die Beantwortung bedanke ich mich im Voraus"), the greeting ("Mit freundlichen Grüßen"), a place
and date ("Karlsruhe, den 12.03.2023"), the signature block (name, role, faction: short lines
that name, never a sentence), "gez. …", and the fields that follow a letter's signature
("Anlage(n):", "Verteiler:", "Kopie an:"). None of them is part of the question (issue #11,
"'Mit freundlichen Grüßen', a signature block … Today a whole Begründung can end up inside the
last question"). The field names and thanks phrases are lists because the language is: German
letters name these parts with these words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.text import LONG_DATE
from fetcher.parse.wording import is_stop

_THANKS = re.compile(
    r"^(?:(?:Vielen|Besten|Herzlichen)\s+Dank\b|Danke\b"
    r"|(?:Ich|Wir)\s+(?:bedanke|bedanken|danke|danken)\s+(?:mich|uns|Ihnen)\b"
    r"|Für\s+(?:die|Ihre)\s+(?:Beantwortung|Bearbeitung|Antwort|Mühe)\b[^.?]{0,80}"
    r"\b(?:danke|bedanke|bedanken|danken)\b)",
    re.I,
)
# The fields below a letter's signature: alone on their line or with a colon ("Anlage(n):").
_END_FIELD = re.compile(
    r"^(?:Anlagen?(?:\s*\(n\)|/n)?|Verteiler|Kopie(?:\s+an)?|Anhang|Beilagen?|Durchschrift)"
    r"\s*(?::|$)",
    re.I,
)
# "Karlsruhe, den 12.03.2023", "Dresden, 4. März 2023": a place, a comma, a date; in text run
# together the signer's name may follow on the same line.
_PLACE_DATE = re.compile(
    rf"^[A-ZÄÖÜ][\w./ -]{{1,40}},\s*(?:den\s+)?(?:{LONG_DATE}"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})(?=\s|$)"
)
# Lower-case words a signer's role or faction holds ("Vorsitzender der SPD-Fraktion", "Fraktion
# im Stadtrat"); any other lower-case word makes a line a sentence, not a name.
_NAME_WORDS = frozenset(
    ("der", "die", "des", "den", "im", "in", "und", "für", "von", "vom", "zu", "zur", "am", "e.V.")
)
MAX_SIGNATURE_WORDS = 6
MAX_SIGNATURE_CHARS = 60


def _place_and_date(line: str) -> bool:
    """Return True if a line is a place and date, or one with the signer's name after it."""
    match = _PLACE_DATE.match(line.strip())
    if match is None:
        return False
    rest = line.strip()[match.end() :].strip()
    # run together, the signer's name and what follows it share the line ("Dresden, den
    # 12.03.2023 Maria Muster Für die Beantwortung … bedanke ich mich")
    return not rest or signs(rest, run_together=True) or names(" ".join(rest.split()[:2]))


def signs(line: str, *, run_together: bool = False) -> bool:
    """Return True if a line can be part of a signature block: a name, role or faction.

    A few words, capitalised but for the small words of a role ("der", "im"), no sentence end
    but an abbreviation's dot ("Dr.", "DIE LINKE."), no colon, no comma at its end.
    `run_together`: the block's lines joined into one (a text whose lines were run together),
    up to three lines' words.
    """
    text = line.strip()
    words = text.split()
    most = 3 if run_together else 1
    if (
        not words
        or len(words) > most * MAX_SIGNATURE_WORDS
        or len(text) > most * MAX_SIGNATURE_CHARS
    ):
        return False
    if text.endswith((":", ",", ";", "?", "!")) or not text[0].isupper():
        return False
    if text.endswith(".") and len(words[-1]) > 6 and not words[-1][:-1].isupper():
        return False  # "… aufschlüsseln." ends a sentence; "LINKE." and "Dr." do not
    return all(
        word[0].isupper() or word[0].isdigit() or not word[0].isalpha() or word in _NAME_WORDS
        for word in words
    )


# "(stellvertretend) für die SPD-Ortschaftsratsfraktion", "Gezeichnet:" above the signers.
_ON_BEHALF = re.compile(
    r"^(?:(?:stellvertretend\s+)?für\s+(?:die|den)\s+[^.?!]{0,60}?(?:fraktion|gruppe)\b"
    r"|gezeichnet\b)",
    re.I,
)
# A name: two to four capitalised words, a title before ("Dr. Sonja Klingert", "CDU-Fraktion
# Durlach", "Fraktion DIE LINKE."); a role's small words ("Vorsitzender der …") are no name.
_NAME = re.compile(r"^(?:(?:Dr|Prof)\.\s+)*[A-ZÄÖÜ][\w'/-]*\.?(?:\s+[A-ZÄÖÜ\d][\w'/-]*\.?){1,3}$")


def names(line: str) -> bool:
    """Return True if a line is one name or names separated by commas ("Tino Huber, Julia …")."""
    return all(_NAME.match(part.strip()) for part in line.strip().split(","))


# After the last question, a request that the inquiry be answered ("Wir bitten um schriftliche
# Beantwortung.", "Um Beantwortung in der nächsten Sitzung wird gebeten.", "Die Fragen sollen in
# der Sitzung beantwortet werden.") or the line that opens the answer ("Die Verwaltung beantwortet
# die Anfrage wie folgt:", "Antwort der Verwaltung:", "Dazu teilt die Verwaltung mit:"): the
# inquiry's end, not its last question's. A request about the answer's form ("Wir bitten um
# Antwort getrennt nach Jahren.") stays with the question.
_WHOLE_ANSWER = (
    r"(?:(?:schriftliche|mündliche|zeitnahe|baldige|kurzfristige|umgehende|öffentliche)\s+)?"
    r"(?:Beantwortung|Antwort)(?:\s+(?:der|dieser|unserer|meiner)\s+(?:\w+\s+)?(?:Fragen|Anfrage))?"
    r"(?:\s*[.!]?\s*$|\s+(?:in|zur|zum|bis|im|durch|gebeten)\b)"
)
_ANSWER_WANTED = re.compile(
    r"^(?:(?:Ich|Wir)\s+bitten?\s+(?:(?:Sie|daher|deshalb|hiermit|höflich|freundlich|um|die|eine)\s+)*"
    + _WHOLE_ANSWER
    + r"|Es\s+wird\s+(?:\w+\s+)?um\s+(?:die\s+)?"
    + _WHOLE_ANSWER
    + r"|Um\s+(?:(?:schriftliche|mündliche|zeitnahe|baldige|kurzfristige|umgehende)\s+)?"
    r"(?:Beantwortung|Antwort)\b[^?]{0,80}\bgebeten"
    r"|(?:Die|Diese|Unsere|Meine)\s+(?:Fragen|Anfrage)\s+(?:soll(?:en)?|möge[n]?|bitte[n]?)\b[^?]{0,80}"
    r"\bbeantwortet)",
    re.I,
)
_OPENS_ANSWER = re.compile(
    r"^(?:Antwort|Beantwortung|Stellungnahme)\b[^?:]{0,60}:\s*$"
    r"|^[^?:]{0,80}\b(?:beantwortet|beantworte|beantworten|wie\s+folgt|Stellung|mit)\s*:\s*$",
    re.I,
)


def answer_follows(text: str) -> bool:
    """Whether a line asks for the inquiry's answer or opens it (see _ANSWER_WANTED)."""
    if _ANSWER_WANTED.match(text):
        return True
    return bool(
        _OPENS_ANSWER.match(text)
        and re.search(r"(?i)antwort|beantwort|stellung|wie\s+folgt|\bteil\w*\b.*\bmit\s*:", text)
    )


def closes_letter(line: str) -> bool:
    """Return True if a line opens a letter's end: thanks, greeting, place and date, a field, a
    request for the answer."""
    text = line.strip()
    return bool(
        answer_follows(text)
        or _THANKS.match(text)
        or is_stop(text)
        or _END_FIELD.match(text)
        or _ON_BEHALF.match(text)
        or _place_and_date(text)
    )


_FIRST_SENTENCE = re.compile(r"^.{12,}?[a-zäöüß]{2}[.!](?=\s+\S)")


def first_sentence(line: str) -> str:
    """Return the first sentence of a line that goes on after it ("" when it does not)."""
    match = _FIRST_SENTENCE.match(line.strip())
    return match.group() if match else ""


def _opens_end(line: str) -> bool:
    """Return True if a line, or the first sentence of a line run together, opens the end.

    Text run together puts the request and the signer on one line ("Wir bitten um schriftliche
    Beantwortung. Gerit Thomas", "… Beantwortung. Mit freundlichen Grüßen …").
    """
    if closes_letter(line):
        return True
    first = first_sentence(line)
    return bool(first) and closes_letter(first)


def _signs_then_closes(line: str) -> bool:
    """Return True if a line run together signs first and then opens a letter's end.

    "Maria Muster Stadträtin Fraktion CDU Vielen Dank!", "… Fraktion SPD Mit freundlichen
    Grüßen": the signature block and the thanks or greeting below it in one line.
    """
    words = line.split()
    for cut in range(2, min(len(words), 3 * MAX_SIGNATURE_WORDS)):
        if not signs(" ".join(words[:cut]), run_together=True):
            return False
        if closes_letter(" ".join(words[cut:])):
            return True
    return False


def letter_end(tail: Sequence[str]) -> int | None:
    """Return where a letter's end begins in the lines after the last question (None: nowhere).

    Either a line that opens the end (closes_letter), or a signature block: lines that all sign,
    from there to the tail's end, or up to a line that opens the end, the first of them a name
    (a list of things below the question, "Notizen und Aufzeichnungen" / "Erläuterungen zu
    Prozessabläufen", names no one). Run together, the block opens with a name and each of its
    lines signs as up to three lines joined; a line whose first sentence opens the end opens it.
    """
    filled = [k for k, line in enumerate(tail) if line.strip()]
    for pos, k in enumerate(filled):
        if _opens_end(tail[k]):
            return k
        rest = filled[pos:]
        stop = next((j for j in rest if _opens_end(tail[j])), None)
        block = [j for j in rest if stop is None or j < stop]
        if names(tail[k]) and all(signs(tail[j]) for j in block):
            return k
        if names(" ".join(tail[k].split()[:2])) and (
            all(signs(tail[j], run_together=True) for j in block) or _signs_then_closes(tail[k])
        ):
            return k  # run together: the block's lines joined, a line or a page each
    return None


_LAST_SENTENCE_END = re.compile(r"[.!?)][\"“”]?\s+(?=[^.!?]+$)")


def signer_run_on(line: str) -> int | None:
    """Return where a signer's name run on after a line's last sentence begins (None: none).

    Text run together puts the signature on the line of the paragraph above it: "… nichts mehr
    entgegensteht. Christoph Hille".
    """
    match = _LAST_SENTENCE_END.search(line)
    if match is None or not names(line[match.end() :]):
        return None
    return match.end()
