"""The parser reads a line a bounded number of times whatever repeats in it (issue 11, "no hang on
any input"): a list label on every line, the same label alone on every line, "Zu 1:" on every
line, a "Begründung:" heading on every line and run-in answer headings on one long line no longer
make a reader walk the rest of the text again from each of them (bench.parse_worst,
bench.parse_fuzz). Real dev documents with those lines added (bench.parse_fuzz's transforms); the
counts are of lines or characters read, not of time."""

from __future__ import annotations

from typing import SupportsIndex

from fetcher.parse import parse_text, wording
from fetcher.parse.answer_headings import split_run_in_headings
from fetcher.parse.summary import section_text
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
