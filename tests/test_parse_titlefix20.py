"""Titles the twentieth round's merges read worse than before, on Karlsruhe's shared fixture texts.

A title line that opens with "Resolution" is the title, not a type line; a sentence after a colon is
the title's second part; an office's code before the subject is no title; prose, an agenda item's
label, the letterhead, a quote's lead-in and a heading in the body of a page run together are no
title (none is better than a wrong one).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from tests.fixtures_path import OPARL_FIXTURES

TEXTS = OPARL_FIXTURES / "karlsruhe" / "file-contents"


def _printed(text: str) -> str:
    return text


SHAPES: dict[str, Callable[[str], str]] = {"text": _printed, "flat": flat, "para": paragraphs}


def _title(number: str, shape: str) -> str:
    path = TEXTS / f"{number}.txt"
    if not path.is_file():
        pytest.skip(f"shared fixture {path} missing")
    return parse_text(SHAPES[shape](path.read_text(encoding="utf-8"))).title or ""


@pytest.mark.parametrize("shape", ["text", "para"])
def test_resolution_opening_the_title_line_is_the_title(shape: str) -> None:
    """ "Resolution des Gemeinderates für Toleranz und Vielfalt" below "Vorlage Nr.:" (an
    amending motion's head) is its title, not a type line that eats it."""
    title = _title("597708", shape)
    assert title == "Resolution des Gemeinderates für Toleranz und Vielfalt"


@pytest.mark.parametrize("shape", ["text", "flat", "para"])
def test_sentence_after_a_colon_is_the_titles_second_part(shape: str) -> None:
    title = _title("627157", shape)
    assert title.startswith("Stadtentwicklungsstrategie 2035: Der „Stadtentwicklungsstrategie")
    assert title.endswith("neuen Schwung verleihen!")


def test_office_code_before_the_subject_is_no_title() -> None:
    """flat: "Dienststelle: AfSta Der „Stadtentwicklungsstrategie 2035“ neuen Schwung …!"."""
    title = _title("627179", "flat")
    assert title != "AfSta"
    assert "neuen Schwung verleihen!" in title


@pytest.mark.parametrize(
    ("number", "bad"),
    [
        ("26243", ("Eisenbahnachse",)),  # three sentences of the text
        ("28537", ("Tagesordnungspunkt",)),  # an agenda item's label and status
        # a quote's lead-in ending "heißt es:"; a heading in a table of page 3
        ("608342", ("Stellungnahme Stadtplanungsamt", "Dachbegrünung")),
        ("8399", ("BESCHLUSSVORLAGE",)),  # the letterhead: type, town, "Der Oberbürgermeister"
    ],
)
def test_no_prose_label_or_letterhead_as_title_flat(number: str, bad: tuple[str, ...]) -> None:
    assert not _title(number, "flat").startswith(bad)
