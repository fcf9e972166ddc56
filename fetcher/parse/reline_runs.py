"""Label runs of any list style inside a run-together line, for the relining pre-pass. Pure.

fetcher.parse.reline_labels breaks a run-together line before the list labels it knows by form
("1.", "a)", "A.", "II.", "Frage 1:"), and this module leaves those to it. A list whose labels
have another form ("(1)", "1.:", "A)", "(a)", "IV)", a dash, a hyphen or a bullet) stayed inside
the line, so the question finder read one item, or the last dash inside a sentence line
(Karlsruhe's Durlach inquiry of 2018, "- Wie sieht …? Ist …? Oder … honoriert? - Werden …?").
What makes labels a list is their structure, whatever their form:
- one style: the same mark, the same bracket, the same "Frage" word, the same dash or bullet;
- counting on by one (1, 2, 3 / a, b, c / I, II, III), or repeating (a dash, a bullet);
- each label after a sentence end or a colon (not an abbreviation: "Nr. 4", "vgl. (2)"), or where
  a line starts already, and before a capital or an opening quote;
- the items ask: the first one and half of them (a counted run), every one (a dash or bullet
  run: a dash is also a Gedankenstrich inside prose); or the run follows a lead-in ending in a
  colon ("Deshalb unsere Anfrage: - Inwieweit …").
Each label of such a run starts a line. Used by fetcher.parse.relines (over-long lines) and
fetcher.parse.reline_paragraphs (paragraphs of printed-width lines).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from fetcher.parse.markers import (
    BULLET_SIGNS,
    CLOSED_MARK,
    LABEL_WORD,
    ORDINAL_LABEL,
    ORDINAL_WORDS,
    ROMAN_NUMERALS,
    WORD_AFTER,
)
from fetcher.parse.reline_bare import BARE, bare_run
from fetcher.parse.reline_labels import (
    LABEL,
    MAX_LABELS_PER_LINE,
    after_sentence,
    opens_asking,
    opens_item,
)
from fetcher.parse.reline_topics import topic_cuts
from fetcher.parse.wording import question_signal

# A list label of any style after white space, before a capital or an opening quote.
_TOKEN = re.compile(
    rf"(?<!\S)(?P<label>(?P<frage>{LABEL_WORD})?(?P<num>\d{{1,2}})\s*(?P<nmark>{CLOSED_MARK}"
    rf"|(?(frage){WORD_AFTER}|(?!)))"
    # a number with a bare dash ("1 - Wie …", "Frage 2 – Welche …"): inside a line the dash is a
    # dash list's as often ("… 19/11161 2 – Welche …" after a page number, "zu 4 – Wie …"), so it
    # is read both ways, and only a count (1 -, 2 -, 3 -) makes it a number's label
    rf"|(?P<dword>{LABEL_WORD})?(?P<dnum>\d{{1,2}})\s+(?P<dmark>[-–])"
    rf"|(?P<ordinal>{ORDINAL_LABEL})"
    r"|[(\[](?P<bracket>\d{1,2}|[A-Za-z]|[IVX]{2,6})[)\]]"  # "(1)", "[1]"
    r"|(?P<roman>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))(?P<rmark>\.\)|[.)])"
    r"|(?P<letter>[A-Za-z])(?P<lmark>\.\)|[.)])"
    rf"|(?P<bullet>[{BULLET_SIGNS}–—\-\uf0b7\uf0a7]|o)"  # "o": Word's second level (markers)
    # a number with no mark at all ("… beantwortet. 2 Wie viele …?"): only a count of items that
    # each open after a sentence end and each ask makes it a label (fetcher.parse.reline_bare)
    r"|(?P<bare>\d{1,2})(?=\s+[„\"“]?[A-ZÄÖÜ][a-zäöüß]))"
    r"(?=\s+[„\"“A-ZÄÖÜ])"
)
_ROMAN_VALUE = {numeral: value for value, numeral in enumerate(ROMAN_NUMERALS, 1)}
_COLON_BEFORE = re.compile(r":\s*$")
# A closing bracket or quote before a dash: "… betroffen? (soweit bekannt) – Wie viele …"
_AFTER_BRACKET = re.compile(r"[)\"“”]\s*$")
# A number's dot before a dash ends a sentence ("… zu den Fragen 1 und 3. – Welche …"): no
# ordinal stands before a dash.
_AFTER_NUMBER_DOT = re.compile(r"\d\.\s*$")
# A dash whose item is a question, up to its "?" ("… 82,7 – Welche Maßnahmen …?", "… Landkreis
# Helmstedt – Wie viele …?", "… verwiesen – Werden …?": a Landtag answer run together, the table's
# last cell or an answer without its full stop before the next question's dash).
_QUESTION_AFTER = re.compile(r"\s*[^.!?]{10,400}\?")
# A page number cut off the line before it ("… Drucksache 19/11160 4 – Welche …").
_NUMBER_BEFORE = re.compile(r"(?<!\S)\d{1,3}\s+$")
# A counted label after a word where a sentence end was not printed ("… durchführen zu können
# (2) Welche …?") goes on with its run when its item opens like a question (wording: 0.7).
EXPECT_PREFIX = "run "  # the key of a style in the relining's `expect` (labels expected next)
# A list label right before a run's first label: the run is a sub-list set inside its item.
_AFTER_LABEL = re.compile(r"(?<!\S)(?:\d{1,2}|[A-Za-z]|[IVX]{1,4})(?:\.\)|[.):])\s*$")
# A heading's words, then the first number of the list under it ("II. Einzelfragen 1. Welche").
_HEADING_THEN_ONE = re.compile(
    r"[^.?!:;]{1,60}?\s(?=(?:Frage\s+)?1(?:\.\)|\.:|[.):])\s+[„\"A-ZÄÖÜ])"
)
# A Roman one after a sentence end or a colon, inside a line: a heading may follow it.
_ROMAN_ONE = re.compile(r"(?:^|(?<=[.?!:]\s))I\.\s")
# A paragraph run together with its heading "Fragen:" (one line per paragraph).
_HEADED_QUESTIONS = re.compile(r"^\s*Fragen\s*:\s*\S")
MAX_START = 20  # a numbered run may start late ("5." after an earlier inquiry's four)

Style = tuple[str, ...]
Label = tuple[int, int, bool]  # where the label starts and ends; whether it opens an item
DASH_NUMBER = "dash num"  # the style of "1 -", "Frage 2 –": a count before a dash


def _readings(match: re.Match[str]) -> list[tuple[Style, int]]:
    """Return the (style, value) readings of one label ("I." is Roman one and the letter I; "2 -"
    is a number and, from its dash on, a dash bullet)."""
    if match["dnum"]:
        word = re.sub(r"\s+", "", match["dword"] or "")
        dash = match["dmark"]
        return [((DASH_NUMBER, word, dash), int(match["dnum"])), (("bullet", dash), 0)]
    if match["num"]:
        word, mark = (re.sub(r"\s+", "", match[name] or "") for name in ("frage", "nmark"))
        return [(("num", word, mark), int(match["num"]))]
    if match["ordinal"]:
        word = match["ordinal"].rstrip(" :.)")
        return [(("ordinal", match["ordinal"][len(word) :].strip()), ORDINAL_WORDS.index(word) + 1)]
    if match["bullet"]:
        return [(("bullet", match["bullet"]), 0)]
    if match["bare"]:
        return [((BARE,), int(match["bare"]))]
    found: list[tuple[Style, int]] = []
    bracket = match["bracket"]
    if bracket is not None:
        if bracket.isdigit():
            return [(("(num)",), int(bracket))]
        if bracket in _ROMAN_VALUE:
            found.append((("(roman)",), _ROMAN_VALUE[bracket]))
        if len(bracket) == 1:
            found.append((("(letter)", str(bracket.isupper())), ord(bracket.lower()) - 96))
        return found
    if match["roman"]:
        found.append((("roman", match["rmark"]), _ROMAN_VALUE[match["roman"]]))
        if len(match["roman"]) == 1:  # "I)", "V)", "X)" go on with a lettered list as well
            letter = match["roman"]
            found.append((("letter", "True", match["rmark"]), ord(letter) - 64))
    if match["letter"]:
        letter = match["letter"]
        found.append((("letter", str(letter.isupper()), match["lmark"]), ord(letter.lower()) - 96))
    return found


def _chains(
    line: str, cuts: Collection[int], expect: dict[str, int]
) -> list[tuple[Style, int, list[Label]]]:
    """Return every chain of opening labels of one style counting on by one (or repeating):
    its style, its last value and its labels."""
    open_chains: dict[Style, list[tuple[int, list[Label]]]] = {}
    for count, match in enumerate(_TOKEN.finditer(line)):
        if count >= MAX_LABELS_PER_LINE:
            break  # no page lists that many: a table of numbers, or garbage
        if LABEL.match(line, match.start()):
            continue  # a form fetcher.parse.reline_labels knows ("1.", "a)", "A.", "II.")
        for style, value in _readings(match):
            bullet = style[0] == "bullet"
            start = match.start("dmark") if bullet and match["dnum"] else match.start()
            opens = _opens(line, start, match.end(), cuts, bullet=bullet)
            loose = not opens and not opens_item(line, start)
            if loose and (bullet or not opens_asking(line, match.end())):
                continue  # "am 2. Mai", "Nr. 4", "Müller - schulze"
            span = (start, match.end(), opens)
            chains = open_chains.setdefault(style, [])
            # A dash after a title or a table cell ("… Heizungen – Wie …?") may open a run,
            # not go on with one ("… Stadt – Land …"); a count goes on with the run that began
            # first ("1. Welche …? … Laufbahngruppe 2, 1. Einstiegsamt … 2. Welche …?").
            going_on = (
                (chains[-1] if chains and opens else None)
                if bullet
                else next((c for c in _nearest(chains, style) if c[0] + 1 == value), None)
            )
            if loose and going_on is None and not _names_itself(match):
                continue  # "… zu können (2) Welche …?" goes on with a run, never opens one
            if going_on is not None:
                chains.remove(going_on)
                chains.append((value, [*going_on[1], span]))
            elif (
                bullet
                or value == 1
                or (style[0] in ("num", DASH_NUMBER, BARE) and value <= MAX_START)
                or expect.get(_key(style)) == value
            ):
                chains.append((value, [span]))
    return [
        (style, value, spans) for style, chains in open_chains.items() for value, spans in chains
    ]


def _names_itself(match: re.Match[str]) -> bool:
    """Whether a label says it is one ("Frage 1 Wie …?"): it may open a run after any word (a
    title run into it: "Gegenstand: Verkehrszeichen verschwunden Frage 1 An welchen …?"), as the
    loose label it is here opens a question."""
    return (match["frage"] or "").startswith("Frage")


def _nearest(chains: list[tuple[int, list[Label]]], style: Style) -> list[tuple[int, list[Label]]]:
    """Return the open chains in the order a label tries them: a bare number goes on with the
    nearest (not a page number "1" above it), any other count with the run that began first."""
    return chains[::-1] if style[0] == BARE else chains


def _opens(line: str, start: int, end: int, cuts: Collection[int], *, bullet: bool) -> bool:
    """Whether the label at `start` (its end at `end`) opens an item: at a line start or after a
    sentence end; a bullet also after a bracket or a number's dot, or before a question."""
    return (
        start == 0
        or start in cuts
        or after_sentence(line, start)
        or _after_page_number(line, start, cuts)
        or (
            bullet
            and (
                bool(_AFTER_BRACKET.search(line, max(0, start - 3), start))
                or bool(_AFTER_NUMBER_DOT.search(line, max(0, start - 4), start))
                or (opens_asking(line, end) and bool(_QUESTION_AFTER.match(line, end)))
            )
        )
    )


def _after_page_number(line: str, start: int, cuts: Collection[int]) -> bool:
    """Whether only a number stands between a line start (`cuts`) and the label at `start`."""
    number = _NUMBER_BEFORE.search(line, max(0, start - 5), start)
    return number is not None and number.start() in cuts


def _key(style: Style) -> str:
    return EXPECT_PREFIX + " ".join(style)


def _items(line: str, spans: list[Label], end: int) -> list[str]:
    """Return the text of each item: from its label's end to the next label (the last to `end`)."""
    ends = [start for start, _, _ in spans[1:]] + [end]
    return [line[label_end:stop] for (_, label_end, _), stop in zip(spans, ends, strict=True)]


def _asking_runs(line: str, spans: list[Label], end: int) -> list[list[Label]]:
    """Return the parts of a chain that are lists: a counted chain whose first item and half of
    its items ask; of a dash or bullet chain the stretches of items that each ask; any chain from
    a label right after a colon on."""
    counted = line[spans[0][0]] not in f"{BULLET_SIGNS}–—-o\uf0b7\uf0a7"
    asks = [question_signal(item) > 0 for item in _items(line, spans, end)]
    after_colon = [bool(_COLON_BEFORE.search(line[max(0, s - 3) : s])) for s, _, _ in spans]
    if counted:
        if (asks[0] and 2 * sum(asks) >= len(asks)) or after_colon[0]:
            return [spans]
        return []
    runs: list[list[Label]] = []
    current: list[Label] = []
    for span, asking, lead in zip(spans, asks, after_colon, strict=True):
        if lead and current:
            runs.append(current)
            current = []
        if asking or lead:
            current.append(span)
        else:
            if current:
                runs.append(current)
            current = []
    runs.append(current)
    return [run for run in runs if len(run) >= 2]


def run_cuts(line: str, cuts: Collection[int], expect: dict[str, int]) -> set[int]:
    """Return where the labels of the line's label runs start (see the module).

    `cuts`: where a line starts already (a field, a page number, a closing); the last item of a
    run ends at the first of them after its label. `expect` holds the label each counted style
    expects next (a list going on over a page break) and is updated.
    """
    starts: set[int] = set()
    counted_dashes: set[int] = set()  # the dashes of "1 -", "2 -" runs: no bullets of their own
    ordered = sorted(cuts)
    for style, value, spans in _chains(line, cuts, expect):
        key = _key(style)
        if len(spans) >= 2 and not spans[0][2] and any(spans[0][0] < c < spans[1][0] for c in cuts):
            # A label after a title ("… in Karlsruhe - Entwicklung und Ausbaumöglichkeiten
            # 1. Wie …? … - Wenn ja, wie?") whose item holds a line start is none of the run.
            spans = spans[1:]
        if not any(opens for *_, opens in spans):
            continue  # "… Abs. 1 Satz 2 (1) und (2)": no label after a sentence end
        if _AFTER_LABEL.search(line, max(0, spans[0][0] - 8), spans[0][0]):
            continue  # "2. A) Ist …? B) Wenn ja, …?": sub-questions run into their item
        if style[0] == BARE and not bare_run(line, spans, cuts):
            continue
        if len(spans) == 1:
            if expect.get(key) == value:
                starts.add(spans[0][0])  # the label the previous page's list expects
                expect[key] = value + 1
            continue
        last = spans[-1][1]
        end = next((cut for cut in ordered if cut > last), len(line))
        runs = _asking_runs(line, spans, end)
        for run in runs:
            starts.update(start for start, _, _ in run)
            if style[0] == DASH_NUMBER:
                counted_dashes.update(line.index(style[2], start) for start, _, _ in run)
        if runs and style[0] != "bullet":
            expect[key] = value + 1
    return starts - counted_dashes


def heading_cuts(line: str, cuts: Collection[int]) -> set[int]:
    """Return where a numbered list restarts under a section heading that starts a line ("II.
    Einzelfragen 1. Welche …?": the outline A. > I. > 1.): the "1." after the heading's words,
    with no sentence end between, starts a line of its own; the heading's words do not ask and
    end in a capitalised word."""
    found: set[int] = set()
    for cut in {0, *cuts}:
        label = LABEL.match(line, cut)
        if label and label.group("roman", "up") != (None, None):
            words = _HEADING_THEN_ONE.match(line, label.end())
            if (
                words
                and opens_item(line, words.end())  # not "I. Wie viele … im 1. Quartal"
                and not question_signal(words.group(0))
            ):
                found.add(words.end())
    return found


def headed_questions(line: str) -> bool:
    """Whether a line holds a heading run into the questions under it: "Fragen: Zu 1. …" at its
    start, or a Roman section heading and the list's first number ("I. Allgemeines 1. Welche …?",
    a word processor's paragraph holding both, also after a lead-in's colon)."""
    return bool(_HEADED_QUESTIONS.match(line) or roman_cuts(line))


def roman_cuts(line: str) -> set[int]:
    """Return where a Roman "I." heading after a sentence end or a colon starts and where the
    "1." under it starts ("… vorangeschritten: I. Allgemeines 1. Sind …?"), and where topic
    headings and the labels under them start (fetcher.parse.reline_topics): each starts a line."""
    romans = {0, *(match.start() for match in _ROMAN_ONE.finditer(line))}
    found = heading_cuts(line, romans)
    return found | {max(r for r in romans if r < cut) for cut in found} | topic_cuts(line)
