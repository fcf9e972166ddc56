"""An inquiry's questions typed as plain sentences: no label, no "?", no lead-in needed. Pure.

"Wie viele Grüne Pfeile … wurden angebracht." / "An welchen Kreuzungen wurde … angebracht." /
"Gibt es Erkenntnisse, wie …." right below the head of a paper printed as an inquiry (a form
whose "?" were typed as ".", a list whose labels were lost): each line opens a sentence with a
question's first words (an interrogative, a verb first, a request) and the sentence ends within
a few printed lines. Only a paper whose type word says it is an inquiry is read so
(fetcher.parse.questions.find_questions, when no list was found): elsewhere two sentences
opening "Wie …" or "Ist …" are prose. The run ends at the first sentence that does not ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.ask_signals import clause_signal, request_signal
from fetcher.parse.markers import LINE_CHARS
from fetcher.parse.question_tail import ends_sentence
from fetcher.parse.wording import ASKING_OPENING, INTRO, is_stop, list_marker, question_signal

MAX_SENTENCE_LINES = 4  # printed lines of one such question up to its "."
MIN_QUESTIONS = 2  # one sentence alone is the request wording.request_in_prose reads
# "Wie bereits berichtet, …", "Wie im Ausschuss dargestellt, …": a comparison, not a question.
_AS_SAID = re.compile(
    r"^Wie\s+(?:bereits|schon|oben|unten|eingangs|erwähnt|berichtet|dargestellt|ausgeführt|"
    r"angekündigt|bekannt|aus|in\s+der|im|am|auf|der|die|das|den|dem)\b",
    re.I,
)
# A follow-up that asks on from the sentence above ("Und wenn nein, welche …", "Falls ja, …"),
# and a remark in brackets below a question ("(örtliche Grundversorger, soweit bekannt)").
FOLLOW_UP = re.compile(r"^(?:Und\s+)?(?:Wenn|Falls|Sofern|wenn|falls)\s+(?:ja|nein|nicht)\b")


# A yes/no question opens with its finite verb, its subject's pronoun or article right after it:
# "Befindet sich …", "Verfügt die Stadt …", "Unterstützt man …" (wording.question_signal knows the
# commonest verbs only). A noun before a genitive ("Maßnahmen der Stadt …") is no such opening.
_VERB_FIRST = re.compile(
    r"^[A-ZÄÖÜ][a-zäöüß]{2,}(?:t|en)\s+(?:es|sich|die|das|den|dem|man|Sie|sie|er|ihr|ein|eine)\s"
)


def opens_asking(line: str) -> bool:
    """Return True if a line opens a sentence with a question's first words or a request, or
    asks in a later clause of its own ("Falls …: Woher kommt …", "Zum Vergleich: Wie viele …")."""
    if _AS_SAID.match(line):
        return False
    text = line.replace("?", "")
    return (
        question_signal(text) >= ASKING_OPENING
        or bool(request_signal(line))
        or bool(_VERB_FIRST.match(line))
        # a paragraph run into one line asks somewhere in it: no question of its own
        or (len(text) <= 2 * LINE_CHARS and clause_signal(text) >= ASKING_OPENING)
    )


# A question typed on its line without any closing mark ("Welche Maßnahmen stehen noch aus"),
# or with its "?" read as "7" by OCR ("… bewilligt7"): a capitalised interrogative opens it.
_BARE_QUESTION = re.compile(
    r"^(?:W(?:ie|as|ann|o|er|elche[rsmn]?|arum|eshalb|ieso)|Inwie(?:weit|fern)"
    r"|(?:In|Auf|An|Aus|Bis|Seit|Mit|Für|Von|Bei|Zu|Nach|Unter|Über)\s+welche[rsmn]?)\s"
    r"(?:\S+\s+){2,}\S*[\w)]$"
)
_OCR_MARK = re.compile(r"(?<=[a-zäöüß])7$")  # "… Sanierung7": the "?" OCR read as a seven


def bare_question(line: str) -> bool:
    """Return True if a line is a whole question typed without a closing mark (see above)."""
    return (
        len(line) <= LINE_CHARS + LINE_CHARS // 2
        and "?" not in line  # "… dort? (2)": marked, its number set after it
        and bool(_BARE_QUESTION.match(line))
    )


# Where the next bare question opens in a paragraph run into one line ("… seit 2021 umgesetzt
# worden Welche Maßnahmen stehen noch aus …"): a capitalised interrogative after a word.
_BARE_INSIDE = re.compile(
    r"(?<=[\w)])\s+(?=(?:W(?:ie|as|ann|o|er|elche[rsmn]?|arum|eshalb|ieso)|Inwie(?:weit|fern))\s)"
)
MAX_BARE_PIECES = 20  # questions of one paragraph


def bare_pieces(lines: Sequence[str]) -> list[str]:
    """Return the lines with a paragraph of bare questions run into one line cut into them, one
    a line; a line that does not cut into bare questions only stays as it is."""
    out: list[str] = []
    for line in lines:
        text = line.strip()
        if len(text) <= LINE_CHARS or not _BARE_QUESTION.match(text):
            out.append(line)
            continue
        cuts = [m.end() for m in _BARE_INSIDE.finditer(text)][:MAX_BARE_PIECES]
        pieces = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        out.extend(pieces if len(pieces) > 1 and all(map(bare_question, pieces)) else [line])
    return out


def _bare_end(lines: Sequence[str], start: int) -> bool:
    """Whether the bare question at `start` ends on its line: the next line is blank, the last,
    a page number or a stop, or one more bare question (questions typed one a line)."""
    if not bare_question(lines[start].strip()):
        return False
    below = lines[start + 1].strip() if start + 1 < len(lines) else ""
    return (
        not below
        or bare_question(below)
        or is_stop(below)
        or bool(re.fullmatch(r"[-–\s\d]+", below))
    )


def _sentence_end(lines: Sequence[str], start: int) -> int | None:
    """Return the line that ends the sentence opening at `start`, within MAX_SENTENCE_LINES."""
    if _bare_end(lines, start):
        return start
    for k in range(start, min(start + MAX_SENTENCE_LINES, len(lines))):
        line = lines[k].strip()
        if not line or (k > start and (list_marker(line) or is_stop(line))):
            return None
        if ends_sentence(line):
            return k
    return None


def _remark_end(lines: Sequence[str], start: int) -> int | None:
    """Return the line that closes the bracketed remark opening at `start`, if one soon does."""
    for k in range(start, min(start + MAX_SENTENCE_LINES, len(lines))):
        if not lines[k].strip():
            return None
        if lines[k].rstrip().endswith(")"):
            return k
    return None


def unmarked_questions(lines: Sequence[str], body_start: int) -> list[list[str]]:
    """Return the longest run of at least MIN_QUESTIONS sentences that each open asking, one
    after another (blank lines between at most), as items of lines; [] when there is none.

    A run holding a question typed without a mark (bare_question) counts only right below a
    lead-in (a line ending in ":" or asking for answers): further down, such lines are what is
    left of a list whose first, longer question was not typed so.
    """
    best: list[list[str]] = []
    items: list[list[str]] = []
    start, bare = 0, False  # where the open run starts, whether it holds a bare question
    i = max(body_start, 0)
    lines = [*lines[:i], *bare_pieces(lines[i:])]

    def close() -> None:
        nonlocal best, items, bare
        if len(items) > len(best) and (not bare or _below_lead_in(lines, start)):
            best = items
        items, bare = [], False

    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        opening = not list_marker(line) and not is_stop(line)
        end = _sentence_end(lines, i) if opening else None
        if items and line.startswith("(") and end is None:
            end = _remark_end(lines, i)
        if end is not None and items and (FOLLOW_UP.match(line) or line.startswith("(")):
            items[-1] += [x.strip() for x in lines[i : end + 1] if x.strip()]
            i = end + 1
            continue
        if end is not None and opens_asking(line):
            if not items:
                start = i
            bare = bare or _bare_end(lines, i)
            items.append([x.strip() for x in lines[i : end + 1] if x.strip()])
            i = end + 1
            continue
        close()
        i += 1
    close()
    if len(best) < MIN_QUESTIONS or all(item[-1].endswith("?") for item in best):
        return []  # "?" lines are fetcher.parse.question_lines' to read
    return [[*item[:-1], _OCR_MARK.sub("?", item[-1])] for item in best]


def _below_lead_in(lines: Sequence[str], start: int) -> bool:
    """Whether the line above `start` (blank lines skipped) is a lead-in: it ends in ":" or
    asks for answers ("Wir bitten um Beantwortung folgender Fragen")."""
    above = next((lines[k].strip() for k in range(start - 1, -1, -1) if lines[k].strip()), "")
    return above.endswith(":") or bool(INTRO.search(above + ":"))
