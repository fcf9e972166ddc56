"""The parser reads a line a bounded number of times whatever repeats in it (issue 11, "no hang on
any input"): a list label on every line, the same label alone on every line, "Zu 1:" on every
line, a "Begründung:" heading, a lead-in or an open quotation on every line, run-in answer headings
on one long line, thousands of pages and a long run of tabs no longer make a reader walk the rest
of the text again from each of them (bench.parse_worst, bench.parse_fuzz). Real dev documents
with those lines added (bench.parse_fuzz's transforms); the counts are of lines or characters
read, not of time."""

from __future__ import annotations

import re
from typing import SupportsIndex

from fetcher.parse import parse_text, wording
from fetcher.parse.answer_headings import split_run_in_headings
from fetcher.parse.page_heads import strip_run_on_edges
from fetcher.parse.quotes import quoted_blocks
from fetcher.parse.summary import section_text
from fetcher.parse.unlisted import questions_after_lead_in
from tests.corpus_data import corpus_items

INQUIRY = "LANDTAG-niedersachsen-19-11138-kleine-anfrage-mit-antwort"  # three questions, answered
JUSTIFIED = "karlsruhe-2016-0675-anfrage-gfk-kita-bgh"  # "1." … "4.", then "Begründung:" and prose
REPEATS = 1500
MARKERS_PER_LINE = 20  # list-marker reads per line of text (about 7 now, 200 to 700 before)


def _text(name: str) -> str:
    return next(item.text for item in corpus_items("dev") if item.name == name)


def _first_question() -> str:
    return parse_text(_text(INQUIRY)).questions[0].splitlines()[0]


def _marker_reads(text: str) -> int:
    """Return how often parse_text asked for a line's list marker (hits of its cache included)."""
    wording.list_marker.cache_clear()
    parse_text(text)
    info = wording.list_marker.cache_info()
    return info.hits + info.misses


def test_a_question_label_on_every_line_reads_each_line_a_bounded_number_of_times() -> None:
    """1,500 lines "1. <the inquiry's first question>" below it: each read a few times only."""
    text = _text(INQUIRY) + "\n" + f"1. {_first_question()}\n" * REPEATS
    assert _marker_reads(text) < MARKERS_PER_LINE * len(text.splitlines())
    assert parse_text(text).questions == parse_text(_text(INQUIRY)).questions


def test_a_section_label_alone_on_every_line_reads_each_line_a_bounded_number_of_times() -> None:
    """1,500 lines "A." (a section label with nothing after it) below the inquiry."""
    text = _text(INQUIRY) + "\n" + "A.\n" * REPEATS
    assert _marker_reads(text) < MARKERS_PER_LINE * len(text.splitlines())
    assert parse_text(text).questions == parse_text(_text(INQUIRY)).questions


def test_answer_headings_on_every_line_read_each_line_a_bounded_number_of_times() -> None:
    """1,500 lines "Zu 1: …" below the inquiry: whether answers begin is not read again per line."""
    text = _text(INQUIRY) + "\n" + f"Zu 1: {_first_question()}\n" * REPEATS
    assert _marker_reads(text) < MARKERS_PER_LINE * len(text.splitlines())
    assert len(parse_text(text).questions) == 3


def test_a_lettered_label_on_every_line_reads_each_line_a_bounded_number_of_times() -> None:
    """1,500 lines "a) …" below the inquiry: the numbered item above found once, not per start."""
    text = _text(INQUIRY) + "\n" + f"a) {_first_question()}\n" * REPEATS
    assert _marker_reads(text) < MARKERS_PER_LINE * len(text.splitlines())


class _CountingLines(list[str]):
    """Lines that count how many of them a reader takes (by index or in slices)."""

    taken = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        got = super().__getitem__(key)
        self.taken += len(got) if isinstance(key, slice) else 1
        return got


def test_a_heading_on_every_line_is_passed_over_once() -> None:
    """2,000 "Begründung:" lines above the questions, each with nothing below it before "1.": the
    paper's own justification is still found, and each line is read about once."""
    lines = [line.strip() for line in _text(JUSTIFIED).splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    expected = section_text(lines, 0)
    repeated = _CountingLines([*lines[:first], *["Begründung:"] * 2000, *lines[first:]])
    assert section_text(repeated, 0) == expected
    assert expected.startswith("Der BGH hat in seinem Urteil vom 20.10.2016")
    assert repeated.taken < 3 * len(repeated)


class _CountingLine(str):
    """A line that counts the characters readers copy out of it."""

    copied = 0

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        got = super().__getitem__(key)
        self.copied += len(got)
        return got


def test_run_in_answer_headings_on_one_line_are_split_reading_the_line_once() -> None:
    """2,000 "Antwort zu 1: <question>" run together on one line: each opens a line of its own."""
    line = _CountingLine(" ".join([f"Antwort zu 1: {_first_question()}"] * 2000))
    parts = split_run_in_headings([line])
    assert len(parts) == 2000
    assert all(part.startswith("Antwort zu 1: ") for part in parts)
    assert line.copied < 2 * len(line)


LEAD_IN_ONLY = "Wir fragen die Verwaltung:"
QUOTING = "dresden-AF0028-14-antwort-cdu-fernbuslinien"  # quotes the inquiry's two questions


def test_lead_ins_with_nothing_asked_below_are_each_passed_over_once() -> None:
    """2,000 lead-ins below an inquiry whose questions are numbered: none finds unnumbered
    questions, and the lines below each are not walked again from every one."""
    lines = [line.strip() for line in _text(INQUIRY).splitlines()]
    assert questions_after_lead_in(lines, 0) is None
    repeated = _CountingLines([*lines, *[LEAD_IN_ONLY] * 2000])
    assert questions_after_lead_in(repeated, 0) is None
    assert repeated.taken < 12 * len(repeated)  # a few reads of each line by the two readers


def test_quotations_left_open_on_every_line_are_each_looked_at_once() -> None:
    """2,000 lines opening a quotation that never closes, below an answer that quotes two
    questions: the two quotations are found, and no opening walks to the end again."""
    lines = [line.strip() for line in _text(QUOTING).splitlines()]
    found = quoted_blocks(lines, 0)
    assert len(found) == 2
    repeated = _CountingLines([*lines, *["„Wie viele Konzessionen gibt es"] * 2000])
    assert quoted_blocks(repeated, 0) == found
    assert repeated.taken < 3 * len(repeated)


def test_pages_whose_last_lines_differ_are_not_compared_pair_by_pair() -> None:
    """2,000 one-line pages (the inquiry's lines, numbered): no two end alike, so no foot is cut
    and no pair of them is compared character by character."""
    lines = [line.strip() for line in _text(INQUIRY).splitlines() if line.strip()]
    pages = [[_CountingLine(f"{lines[k % len(lines)]} ({k})")] for k in range(2000)]
    before = [list(page) for page in pages]
    strip_run_on_edges(pages)  # type: ignore[arg-type]
    assert pages == before
    chars = sum(len(page[0]) for page in before)
    assert sum(page[0].copied for page in before) < 2 * chars  # each line's end taken once


def test_a_long_run_of_tabs_reads_as_one_space() -> None:
    """20,000 tabs between two words of the inquiry: the page furniture reader does not try
    again from every tab, and every field reads as without them."""
    from fetcher.parse.text import without_inline_furniture  # new: main has the regex alone

    lines = _text(INQUIRY).splitlines()
    short = lines[12].replace(" ", "\t" * 300, 1) + " Seite 1/2\t\t"  # the regex, quadratic
    assert without_inline_furniture(short) == re.sub(
        r"\s*(?:seite\s+\d+\s*/\s*\d+|\d+\s+von\s+\d+\s+in\s+zusammenstellung)\s*",
        " ",
        short,
        flags=re.I,
    )
    lines[12] = lines[12].replace(" ", "\t" * 20_000, 1) + " Seite 1/2\t\t"
    original = parse_text(_text(INQUIRY))
    tabbed = parse_text("\n".join(lines))
    assert (tabbed.kind, tabbed.reference, tabbed.questions, tabbed.factions) == (
        original.kind,
        original.reference,
        original.questions,
        original.factions,
    )


SPACED = "karlsruhe-2020-1246-2-anfrage-linke-videoueberwachung"  # readers looked around its spaces


def test_a_run_of_tabs_in_every_line_is_cut_to_a_printed_line_s_width() -> None:
    """1,500 tabs for the first space of every line of a real inquiry: each run is cut to
    MAX_BLANK_RUN before any reader looks around it, and every field reads as without them."""
    from fetcher.parse.text import MAX_BLANK_RUN, bounded_blanks  # new: main reads the runs

    text = _text(SPACED)
    tabbed = "\n".join(line.replace(" ", "\t" * 1500, 1) for line in text.splitlines())
    assert "\t" * (MAX_BLANK_RUN + 1) not in bounded_blanks(tabbed)
    assert bounded_blanks(text) == text
    original, read = parse_text(text), parse_text(tabbed)
    assert (read.kind, read.reference, read.questions, read.factions, read.title) == (
        original.kind,
        original.reference,
        original.questions,
        original.factions,
        original.title,
    )
