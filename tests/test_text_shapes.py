"""bench.text_shapes: texts in other shapes keep every word and page; only line breaks move."""

from __future__ import annotations

import re

from bench.text_shapes import SHAPES, flat, flat_hyphenated, flat_wrapped, paragraphs, wrapped
from tests.fixtures_path import TEXT_FIXTURES

DIVERSE = sorted((TEXT_FIXTURES / "diverse").glob("*.txt"))


def test_every_shape_keeps_the_words_and_pages_of_real_texts() -> None:
    """Each shape of the real diverse texts keeps its words in order and its pages."""
    assert DIVERSE
    for path in DIVERSE:
        text = path.read_text("utf-8")
        for name, shape in SHAPES.items():
            reshaped = shape(text)
            if name == "flathyph":  # words cut by a hyphen: every letter kept, in order
                assert re.sub(r"[\s-]", "", reshaped) == re.sub(r"[\s-]", "", text), path.name
            else:
                assert reshaped.split() == text.split(), (path.name, name)
            assert reshaped.count("\f") == text.count("\f"), (path.name, name)


def test_flat_runs_each_page_into_one_line_and_para_keeps_blank_line_blocks() -> None:
    """flat leaves no line break inside a page; para keeps one line per blank-line block."""
    text = "Anfrage der SPD\nzur Schule\n\n1. Wie viele\nKinder?\n2. Wann?\fSeite 2\nEnde"
    assert flat(text) == "Anfrage der SPD zur Schule 1. Wie viele Kinder? 2. Wann?\fSeite 2 Ende"
    blocks = "Anfrage der SPD zur Schule\n\n1. Wie viele Kinder? 2. Wann?\fSeite 2 Ende"
    assert paragraphs(text) == blocks


def test_wrapped_breaks_long_lines_at_the_width() -> None:
    """wrapped(40) leaves no line over 40 characters where words allow it, and short lines alone."""
    text = "Wie viele Schulplätze fehlen im Stadtbezirk Nord zum Schuljahr 2026/27?\nKurz."
    lines = wrapped(40)(text).split("\n")
    assert all(len(line) <= 40 for line in lines)
    assert lines[-1] == "Kurz."
    assert len(lines) == 3


def test_flatwrap_runs_each_page_together_and_wraps_it_at_90() -> None:
    """flat_wrapped gives printed-width lines whose breaks ignore the original lines."""
    text = "Anfrage\nder SPD\n\n1. Wie viele Kinder besuchen die Schule im Stadtbezirk Nord?\n" * 3
    lines = flat_wrapped(text + "\fSeite 2").split("\f")[0].split("\n")
    assert all(len(line) <= 90 for line in lines)
    assert lines[0].startswith("Anfrage der SPD 1. Wie viele")
    assert " ".join(lines) == flat(text)


def test_flathyph_wraps_at_75_and_hyphenates_long_words_at_the_line_end() -> None:
    """flat_hyphenated keeps lines within 75 characters and cuts a word of ten letters or more
    before a syllable's consonant, as far on as the line allows ('Verwaltungsge-' / 'bäude')."""
    text = (
        "Die Frage ist,\nwas die Fraktion nach den Mitarbeiterinnen im Verwaltungsgebäude und "
        "nach Kinderbetreuungseinrichtungen der Stadtverwaltung in Karlsruhe fragt."
    )
    lines = flat_hyphenated(text).split("\n")
    assert all(len(line) <= 75 for line in lines)
    assert lines[0].endswith(" Verwaltungsge-")
    assert lines[1].startswith("bäude und nach")
