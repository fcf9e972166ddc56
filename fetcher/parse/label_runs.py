"""A question list run into one line, whatever its label style: split it at its labels. Pure.

Text whose page was run into one line (an OParl File.text, a web page) keeps a list only as a
sequence of labels inside the line: "… Fragen: (1) Wie …? (2) Welche …?", "… a) Gibt es …?
b) Wann …?", "– Wie …? – Was …?". What makes such a sequence a list is its structure, not one
pattern per style: each label stands after a sentence end and before a capital, the labels are
one style (the same mark, the same bracket, the same "Frage" word, the same bullet) and count on
by one (1, 2, 3 / a, b, c / I, II, III; a bullet repeats itself), and the items between them ask.
fetcher.parse.glued_items splits the plain numbered lists it knows more loosely (after a
page number, across lines); this reads every style the question finder knows at a line start
(fetcher.parse.markers) inside a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from fetcher.parse.markers import (
    ARROWS,
    INLINE_BULLET_SIGNS,
    LABEL_MARK,
    LABEL_WORD,
    ORDINAL_WORDS,
    ROMAN_NUMERALS,
    WORD_AFTER,
)
from fetcher.parse.wording import question_signal

# A label after a sentence end (or at the line's start), before a capital or an opening quote.
_TOKEN = re.compile(
    # a bullet sign is never prose: it may follow any word ("… 32 x • Kampfmittelsituation"); an
    # arrow only a sentence's end ("männlich → weiblich" is prose)
    rf"(?:^|(?<=[?!.:“”\"])\s+|\s+(?=[{INLINE_BULLET_SIGNS}]))"
    # a number with the word naming it and the mark ending it (markers.NUM: "Frage Nr. 1:",
    # "Punkt 1:", "F1:", "1 -", "1.-", "1/", "1. Frage:"; after a word the number alone)
    # a decimal outline's leaf ("1.1 Wie …? 1.2 Wie …?": markers.flatten_outline reads the lines)
    r"(?P<label>(?P<outline>\d{1,2})\.(?P<leaf>\d{1,2})\.?(?=\s)"
    rf"|(?P<frage>{LABEL_WORD})?(?P<num>\d{{1,2}})\s*(?P<nmark>{LABEL_MARK}"
    rf"|(?(frage){WORD_AFTER}|(?!)))"
    r"|(?P<ordinal>" + "|".join(ORDINAL_WORDS) + r")(?P<omark>[:.)])"
    r"|[(\[](?P<bnum>\d{1,2}|[A-Za-z])[)\]]"
    r"|(?P<roman>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))(?P<rmark>[.)])"
    r"|(?P<letter>[A-Za-z])(?P<lmark>[.)])"
    rf"|(?P<bullet>[{INLINE_BULLET_SIGNS}–\-]|(?<=[?!.:]\s)[{ARROWS}]|(?<=[?!.:“”\"]\s)o))"
    # before a capital; a number's dot may touch it ("? 2.Welche …": typed without the space)
    r"(?=\s+[„\"A-ZÄÖÜ]|(?<=\d\.)[A-ZÄÖÜ][a-zäöüß])"
)
_SPACE = re.compile(r"\s+")
_ROMAN_VALUE = {numeral: value for value, numeral in enumerate(ROMAN_NUMERALS, 1)}
# A label in brackets ("(1) Wie …", "(a)", "(II)"): the same label with ")" in a question list.
# Only the question finder reads it so, and only once such a label opens a question: elsewhere
# "(1)" opens a statute's paragraph ("§ 29 Hinderungsgründe (1) Gemeinderäte können nicht sein",
# "Darin heißt es: (1) Zweck der Stiftung ist …", Karlsruhe 642516), whose text stays as printed.
# Square brackets ("[1] Wie …") are the same label as a word processor's numbering prints it.
_BRACKETED = re.compile(
    r"^(?:\((?=(?:\d{1,2}|[A-Za-z]|[IVX]{1,4})\))|\[(?=(?:\d{1,2}|[A-Za-z]|[IVX]{1,4})\]))"
    r"(?=[^\s)\]]+[)\]](?:\s+[„\"\wÄÖÜäöü]|$))"
)
MIN_LINE_CHARS = 60  # a shorter line holds no two asking items


def _readings(match: re.Match[str]) -> list[tuple[tuple[str, ...], int]]:
    """Return the (style, value) readings of one label ("I." is Roman one and the letter I)."""
    found: list[tuple[tuple[str, ...], int]] = []
    if match["outline"]:
        found.append((("outline", match["outline"]), int(match["leaf"])))
    elif match["num"]:
        word, mark = (_SPACE.sub("", match[name] or "") for name in ("frage", "nmark"))
        found.append((("num", word, mark), int(match["num"])))
    elif match["ordinal"]:
        found.append((("ordinal", match["omark"]), ORDINAL_WORDS.index(match["ordinal"]) + 1))
    elif match["bnum"]:
        value = match["bnum"]
        if value.isdigit():
            found.append((("(num)",), int(value)))
        else:
            found.append((("(letter)", str(value.isupper())), ord(value.lower()) - 96))
    elif match["bullet"]:
        found.append((("bullet", match["bullet"]), 0))
    else:
        if match["roman"]:
            found.append((("roman", match["rmark"]), _ROMAN_VALUE[match["roman"]]))
        label = match["label"]
        if len(label) == 2 and label[0].isalpha():
            found.append(
                (("letter", str(label[0].isupper()), label[1]), ord(label[0].lower()) - 96)
            )
    return found


def _chains(line: str) -> list[list[tuple[int, int]]]:
    """Return every run of labels of one style counting on by one: [(label start, end)].

    Linear in the labels: the open runs of a style are kept by the value they wait to go on
    from, each run as [touched, value, spans]; of the runs that could take a label, the one
    touched longest ago takes it.
    """
    # style → last value → the open runs ending in it, the one touched longest ago first
    open_runs: dict[tuple[str, ...], dict[int, list[list[Any]]]] = {}
    touched = 0
    for match in _TOKEN.finditer(line):
        span = (match.start("label"), match.end("label"))
        for style, value in _readings(match):
            runs = open_runs.setdefault(style, {})
            bullet = style[0] == "bullet"
            candidates = [runs.get(0 if bullet else value - 1)]
            slipped = style[0] == "num" and not any(candidates) and _after_question(line, span[0])
            if slipped:
                # "1. …? 2. …? 2. …? 4. …?": a number typed twice or left out after a question
                # (fetcher.parse.label_typos.slips) goes on the run
                candidates = [runs.get(value), runs.get(value - 2)]
            waiting = [group for group in candidates if group]
            if waiting:
                group = min(waiting, key=lambda group: group[0][0])
                run = group.pop(0)
                if slipped and run[1] == value:  # a number typed twice stands for the next one
                    value += 1
                touched += 1
                run[0], run[1] = touched, value
                run[2].append(span)
                runs.setdefault(run[1], []).append(run)
            elif value == 1 or (style[0] == "num" and value <= 20) or bullet:
                touched += 1
                runs.setdefault(value, []).append([touched, value, [span]])
    return [
        run[2]
        for runs in open_runs.values()
        for run in sorted((run for group in runs.values() for run in group), key=lambda r: r[0])
        if len(run[2]) >= 2
    ]


def _after_question(line: str, start: int) -> bool:
    """Return True if the last character before `start`, blanks aside, is a "?"."""
    k = start - 1
    while k >= 0 and line[k].isspace():
        k -= 1
    return k >= 0 and line[k] == "?"


def _asks(line: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Return True if the first item and at least half of the items between the labels ask."""
    items = [
        line[end : spans[k + 1][0] if k + 1 < len(spans) else len(line)]
        for k, (_start, end) in enumerate(spans)
    ]
    signals = [question_signal(item) > 0 for item in items]
    return signals[0] and 2 * sum(signals) >= len(signals)


def unbracket_labels(lines: Sequence[str]) -> list[str]:
    """Return the lines with a bracketed label at a line start read as "1)" ("(1) Wie …?"), from
    the first one whose item asks on."""
    out: list[str] = []
    asking = False
    for i, line in enumerate(lines):
        if _BRACKETED.match(line):
            below = []
            for following in lines[i + 1 : i + 13]:  # its wrapped lines and sub-questions
                if _BRACKETED.match(following):
                    break
                below.append(following)
            close = line.index(")" if line[0] == "(" else "]")
            item = " ".join([line[close + 1 :], *below])
            asking = asking or question_signal(item) > 0
            line = f"{line[1:close]}){line[close + 1 :]}" if asking else line
        out.append(line)
    return out


def split_label_runs(lines: Sequence[str]) -> list[str]:
    """Give each item of a labelled list run into one line a line of its own (see the module)."""
    return list(_split(tuple(lines)))


@lru_cache(maxsize=4)  # the question finder and the answer reader ask for the same lines
def _split(lines: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for line in lines:
        if len(line) < MIN_LINE_CHARS:
            out.append(line)
            continue
        chains = [spans for spans in _chains(line) if _asks(line, spans)]
        if not chains:
            out.append(line)
            continue
        # every list found: topics ("• Kampfmittelsituation") over their dashed questions
        cuts = sorted({start for spans in chains for start, _end in spans})
        ends = [*cuts[1:], len(line)]
        pieces = [line[: cuts[0]], *(line[a:b] for a, b in zip(cuts, ends, strict=True))]
        out += [piece.strip() for piece in pieces if piece.strip()]
    return tuple(out)
