"""Where a repeated question goes on after its "?": a note, a request, its paragraph. Pure.

An answer document repeats the question as the inquiry printed it, and the inquiry often goes on
after the "?" before the answer starts:
- a request to the answerer: "… erfasst? Bitte die Gesamtzahlen … aufschlüsseln." (Landtag),
  "… untergebracht werden? Wenn ja, bitte die Voraussetzungen dafür nennen.";
- a note in brackets: "… betroffen?" / "(örtliche Grundversorger u. a. soweit bekannt)"";
- the asker's comment run on in the same paragraph: "… eingeholt werden? Hier kam es zu Anfragen
  aus" / "der Bevölkerung, die wir gerne aufgreifen möchten." (Karlsruhe Stellungnahme).
An answer starts a paragraph of its own: it never opens inside the line that holds the "?". So
a "?" inside a line that runs on (no sentence ends at the line's end) leaves the question open
to the end of the first line that ends a sentence. Used by fetcher.parse.question_answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.markers import LINE_CHARS, lines_from

# A request to the answerer: "Bitte …", "Wenn ja, bitte …", "Falls nein, bitte …".
REQUEST = re.compile(r"(?:Bitte\s|(?:Wenn|Falls|Sofern)\s+(?:ja|nein|nicht)\b[^.?!]*\bbitte\s)")
_CLOSERS = ")]\"“”'’»«"
# A sentence ending inside a text ("… möchten. Die VBK …", "… vor. 1 Vgl."), not after a number
# ("17. Dezember") or an abbreviation ("(s. Seite 8", "vgl. Nr. 2").
_INNER_END = re.compile(
    r"(?:(?<=[a-zäöüß]{2})(?<!vgl)(?<!bzw)(?<!ggf)(?<!etc)(?<!\bca)(?<!\bNr)|(?<=\)))"
    r"[.?!][\"“”]?\s+[A-ZÄÖÜ\d]"
)
_SENTENCE_END = re.compile(rf"[.?!][{re.escape(_CLOSERS)}]*\s*$")
# "bzw.", "z. B.", "Nr.", "(s.": a dot that ends no sentence.
_ABBREVIATED = re.compile(
    r"(?:\b(?:bzw|ca|ggf|evtl|vgl|usw|etc|inkl|insb|bspw|sog|zzgl|Nr|Abs|Ziff|gem|lt|Dr|Prof|St|Str)"
    r"|\b[a-zA-Z]\.\s?[a-zA-Z]"
    r"|(?:^|[\s(])[a-zA-Z])\.\s*$",
    re.I,
)


def ends_sentence(line: str) -> bool:
    """Return True if a line ends a sentence (".", "?", "!", closing marks after it)."""
    return bool(_SENTENCE_END.search(line)) and not _ABBREVIATED.search(line)


def paragraph_after_question(lines: Sequence[str], start: int = 0) -> int | None:
    """Return the last line of a question whose "?" stands inside a line that runs on, else None.

    The first line from `start` holding a "?" must go on after it and end no sentence; the
    question then runs to the first of the next two lines that ends a sentence, one sentence
    only (text run together and wrapped anew has the answer's sentences there too), and a line
    must be left after it for the answer (else the sentence is a one-line answer run on after
    the "?", as in a text wrapped anew). None when the "?" ends its line (the
    caller's case), no sentence ends soon, or the line is longer than two printed lines (a
    page or paragraph in one line: its end says nothing about where the question ends).
    """
    reach = lines_from(lines, start, 10 * LINE_CHARS)
    first = next((k for k, line in enumerate(reach, start) if "?" in line), None)
    if first is None:
        return None
    line = lines[first].rstrip()
    if line.rstrip(_CLOSERS).endswith("?") or ends_sentence(line) or len(line) > 2 * LINE_CHARS:
        return None  # a page or paragraph run into one line has no printed line ends to go by
    tail = [line[line.index("?") + 1 :]]
    for end in range(first + 1, min(first + 3, len(lines) - 1)):  # an answer must follow
        tail.append(lines[end].rstrip())
        if ends_sentence(lines[end]):  # a "?" there: the question logic goes on from it
            if lines[end].rstrip().rstrip(_CLOSERS).endswith("?"):
                return None
            # one sentence, ending where the line ends; more than one is an answer run on
            return None if _INNER_END.search(" ".join(tail)) else end
    return None


def note_after_question(lines: Sequence[str], k: int) -> int:
    """Return the last line of the note or request right after the question ending at line `k`.

    "(örtliche Grundversorger u. a. soweit bekannt)"" or "Bitte nach Jahren aufschlüsseln." on
    the next line, up to three lines, belongs to the question; else `k`.
    """
    following = lines[k + 1].lstrip() if k + 1 < len(lines) else ""
    if following.startswith("("):
        closes = re.compile(rf"\)[{re.escape(_CLOSERS)}]*\s*$")
    elif REQUEST.match(following):
        closes = _SENTENCE_END
    else:
        return k
    for end in range(k + 1, min(k + 4, len(lines))):
        if len(lines[end]) > 2 * LINE_CHARS:
            return k  # a paragraph in one line: the answer may run on after the note
        if closes.search(lines[end]):
            return end
    return k


_NEXT_SENTENCE = re.compile(r"[.!][)\"“”]*\s+(?=[A-ZÄÖÜ])")


def request_run_on(line: str) -> int:
    """Return where a request that opens a run-together line ends (0: none).

    "Bitte die Gesamtzahlen … „innerfamiliärer Gewalt“. Zunächst wird …" (a page or paragraph
    in one line): the request is the question's, the sentence after it opens the answer. The
    request ends at its first sentence end that no abbreviation or number makes.
    """
    if not REQUEST.match(line):
        return 0
    for match in _NEXT_SENTENCE.finditer(line):
        before = line[: match.start() + 1]
        if not _ABBREVIATED.search(before) and not before[-2:-1].isdigit():
            return match.end()
    return 0
