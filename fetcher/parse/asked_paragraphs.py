"""Answer documents that repeat each question as a paragraph of its own, no number. Pure.

An administration often repeats each question of the inquiry as a paragraph (set in bold or in
italics, neither of which survives in text) and answers it in the paragraphs below, without
numbers or labels: "Welche Beteiligungen … bestanden (bitte … auflisten)?" / "Die re:publica ist
…". Paragraphs are the blocks between blank lines. A question paragraph asks from its first
sentence to its last: every sentence ends in "?" or, from the second on, is a request ("Bitte
nach Jahren aufschlüsseln.") or an aside in brackets; sub-items of its own ("hinsichtlich" /
"a) Teilnahmegebühren," … "g) sonstigen Sachkosten?") stay inside it. Everything else is
answer: up to the next question paragraph, cut at a closing ("Mit freundlichen Grüßen"). So an
answer that asks back once ("Wer sollte sonst zuständig sein?") after stating, a question quoted
inside an answering sentence and a one-line answer ("Nein.") stay answers.
The layout is taken only when it holds: two question paragraphs at least, two of them answered,
the last one too, and none numbered ("1. Wie …?" / "Zu 1.": the numbered readers' layouts).
Paragraphs before a preliminary remark ("Vorbemerkung der Landesregierung") are the header's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.asked_openings import opens_asking as opens_asking_at_start
from fetcher.parse.markers import BULLET_SIGNS, NUMBER_LABEL, OUTLINE, join_item
from fetcher.parse.question_tail import REQUEST
from fetcher.parse.quoted_pairs import INTRO
from fetcher.parse.text import is_furniture, join_lines, sentences
from fetcher.parse.wording import ANSWER_TO, ASKING_OPENING, list_marker, question_signal

MIN_PAIRS = 2
MAX_QUESTION_CHARS = 1500  # a repeated question with its sub-items; a longer paragraph states
MAX_CONTEXT_SENTENCES = 2  # statements before a question's asking sentence in its paragraph
_CLOSERS = ")]\"“”'’»«"
_END = re.compile(r"^\s*(?:Mit freundlichen Grüßen|Anlage/n|Anlagen\b|Unterzeichnet|gez\.)")
_PRELIMINARY = re.compile(r"^\s*Vorbemerkung(?:en)?(?:\s+(?:der|des)\s+\S+)?\s*:?\s*$")
# A sub-item of the question's own: "a) Teilnahmegebühren,", "– Sponsoring", "1.1 …".
_SUB_ITEM = re.compile(
    rf"^\s*(?:[a-h][.)]|\(?[a-h]\)|[-–{BULLET_SIGNS}]|\d{{1,2}}\.\d{{1,2}}\.?)\s"
)

# A line that goes on below: it ends in a lower-case word, a comma or a hyphen ("… sollen die" /
# "" / "Sockelkörper …?"); a heading ends in a noun, a sentence in its mark.
ENDS_SENTENCE = re.compile(r"[.?!:][“”\"»«)]*$")
_RUNS_ON = re.compile(r"(?:\b[a-zäöüß]+|[,-])$")


def opens_asking(text: str) -> bool:
    """Return True if a text opens asking after any opening quotation mark ("„Wie viele …")."""
    return opens_asking_at_start(text.lstrip('„"»'))


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    """Return the blank-line separated blocks of `lines`, up to a closing."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if _END.match(line):
            break
        if line.strip() and not is_furniture(line):
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    merged: list[list[str]] = []
    for block in (block for block in blocks if block):
        if (
            merged
            and not ENDS_SENTENCE.search(merged[-1][-1])
            and (
                (block[0][:1].islower() and not _SUB_ITEM.match(block[0]))
                or (_RUNS_ON.search(merged[-1][-1]) and not opens_asking(block[0]))
            )
        ):
            merged[-1] += block  # a blank line inside a paragraph (a scan's lines spaced apart)
        else:
            merged.append(block)
    return merged


def ends_asking(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith("?")


def _asks(block: list[str]) -> bool:
    """Whether a paragraph is a repeated question: it asks from its first sentence to its last."""
    text = join_lines(block)
    if len(text) > MAX_QUESTION_CHARS or "?" not in text:
        return False
    sub = next((k for k, line in enumerate(block) if k and _SUB_ITEM.match(line)), None)
    if sub is not None:  # "Welche Kosten … hinsichtlich" / "a) …," … "g) sonstigen Sachkosten?"
        head = sentences(join_lines(block[:sub]))
        return (
            ends_asking(text)
            and bool(head)
            and question_signal(head[0].replace("?", "")) >= ASKING_OPENING
            and all(ends_asking(part) for part in head[:-1])
        )
    parts = sentences(text)
    while len(parts) > 1 and (REQUEST.match(parts[-1]) or parts[-1].startswith("(")):
        parts.pop()  # "…? Bitte nach Jahren aufschlüsseln." / "…? (soweit bekannt)"
    if not parts or not ends_asking(parts[-1]):
        return False
    # It asks from its first word ("Welche Auswirkungen … (vgl. DS 71/2010 2. Erg. …)?"), every
    # sentence asks ("Sofern …, ist es zutreffend, dass …?"), or a short context leads to the
    # asking sentences ("Durch die … wird vorgeschlagen, …. Welche Position nimmt …?").
    context = len(parts)
    while context and (ends_asking(parts[context - 1]) or REQUEST.match(parts[context - 1])):
        context -= 1
    return (
        opens_asking(parts[0])
        or context == 0
        or (context <= MAX_CONTEXT_SENTENCES and opens_asking(parts[context]))
    )


def _asked_lines(block: list[str]) -> list[str]:
    """Return the lines of a paragraph that repeat a question, else []: the paragraph, or the
    lines after its lead-in ("Ihre Anfrage beantworte ich wie folgt:" / "Ihre Frage lautete:")."""
    lead_in = max((k for k, line in enumerate(block[:-1]) if line.endswith(":")), default=-1)
    if lead_in >= 0 and (
        any("?" in line for line in block[: lead_in + 1]) or _SUB_ITEM.match(block[lead_in + 1])
    ):
        lead_in = -1  # "…eingeleitet? Wenn ja:" / "a) Welche …?": the question's own colon
    asked = block[lead_in + 1 :]
    return asked if _asks(asked) else []


# A follow-up asked in the session after the answer ("Nachfrage:"): it belongs to that question.
_FOLLOW_UP = re.compile(r"^(?:Nachfrage|Zusatzfrage)\s*:?$")
_ASIDE = re.compile(r"^\([^()]*\)[“”\"«]?$")
# A number opening a line, also inside a quotation mark: "1. Wie …?", „2. Welche …?", "Frage 3:",
# "(4) Wie …?" (an outline's "1.1 Wie …?" is markers.OUTLINE).
_NUMBER = re.compile(rf"^[„\"»]?\s*\(?{NUMBER_LABEL}\s")
# A number label alone on its line: "1.", "Frage 1:", "Frage 2 + 3:" (one answer to two).
_LABEL_ALONE = re.compile(
    r"^[„\"»]?\s*(?:Frage\s+)?\d{1,2}(?:\s*(?:\+|und|&|,|/)\s*\d{1,2})?\s*(?:\.\)|[.):])$"
)


def _numbered(block: list[str]) -> bool:
    """Whether a paragraph holds a numbered question ("1. Wie …?", „2. Welche …?") or opens with
    an answer heading ("Zu 1.", "Antwort zu Frage 1:"): the numbered readers' layouts."""
    if ANSWER_TO.match(block[0]):
        return True
    if any(_LABEL_ALONE.match(line) for line in block):
        return True  # "1." or "Frage 2 + 3:" alone above the question or in its paragraph
    # "1.1 Wie …?" / "1.5.1. Wenn ja, …?" under a topic heading: an outline's number
    opens = next(
        (k for k, line in enumerate(block) if _NUMBER.match(line) or OUTLINE.match(line)), None
    )
    return opens is not None and any("?" in line for line in block[opens:])


def asked_paragraphs(lines: Sequence[str], body_start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of question paragraphs each answered below it, else []."""
    blocks = _blocks(lines[max(body_start, 0) :])
    last_preliminary = max(
        (k for k, block in enumerate(blocks) if any(_PRELIMINARY.match(x) for x in block)),
        default=-1,
    )
    pairs: list[tuple[list[str], list[str]]] = []
    follow_up = False
    for block in blocks[last_preliminary + 1 :]:
        if _numbered(block):
            return []
        asked = _asked_lines(block)
        if asked and list_marker(asked[0]):
            return []  # "(1) Wie …?", "a) …?", "A. …?", "– …?": a labelled list, read as one
        if asked and follow_up and pairs:
            pairs[-1][1].extend(block)  # "Nachfrage:" / „Darf ich …?": asked on, in its answer
        elif asked:
            pairs.append((asked, []))
        elif pairs and not pairs[-1][1] and _ASIDE.match(join_lines(block)):
            pairs[-1][0].extend(block)  # "…betroffen?" / "(örtliche Grundversorger …)“"
        elif pairs:
            if any(_INTRO_OPENING.match(line) for line in block):
                return []  # "Ihre Frage lautete:" inside an answer: the questions run in its text
            pairs[-1][1].extend(block)
        follow_up = bool(_FOLLOW_UP.match(block[-1]))
    answered = sum(1 for _, answer in pairs if answer)
    if len(pairs) < MIN_PAIRS or answered < MIN_PAIRS or not pairs[-1][1]:
        return []
    return [(_without_intro(join_item(question)), join_lines(answer)) for question, answer in pairs]


_INTRO_OPENING = re.compile(rf"^(?:{INTRO})\s*[„\"»]?\s*")


def _without_intro(question: str) -> str:
    """Return a question without the phrase introducing it ("Sie fragen: „Wann …?")."""
    return _INTRO_OPENING.sub("", question, count=1)
