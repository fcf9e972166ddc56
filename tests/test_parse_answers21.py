"""Answer papers: question | answer tables exported with "|" between their cells, answers that hold
a numbered list of their own, a notice "Mitteilung der Verwaltung" run into the letterhead (issue
11, twenty-first round).

Real dev documents rewritten by the benches' own transforms (bench.answer_variants.variants: only
the answer headings and where the answers stand change; bench.kind_variants.rewrite: only the
printed type words change), read as printed or run together (bench.text_shapes). Every test
fails on main 33545e0's parser.
"""

from __future__ import annotations

import pytest

from bench.text_shapes import flat
from tests.answer_pairs import answer_variant, assert_pairs

HOFEWIESE = "dresden-AF2009-13-antwort-hofewiese"
FAHNENMASTEN = "dresden-mAF0010-14-antwort-fdp-fahnenmasten"
LANDTAG_11141 = "LANDTAG-niedersachsen-19-11141-kleine-anfrage-mit-antwort"
LANDTAG_11185 = "LANDTAG-niedersachsen-19-11185-kleine-anfrage-mit-antwort"


def _as_printed(text: str) -> str:
    return text


@pytest.mark.parametrize(
    ("name", "variant", "shape"),
    [
        (HOFEWIESE, "piped Frage/Antwort", _as_printed),
        (LANDTAG_11141, "piped Frage/Antwort", flat),
        (FAHNENMASTEN, "piped Fragen der Fraktion/Antwort der Verwaltung", _as_printed),
        (LANDTAG_11185, "piped Nr./Frage/Antwort", flat),
    ],
)
def test_a_table_with_its_cells_split_by_bars_is_read_row_by_row(
    name: str, variant: str, shape: object
) -> None:
    """A "Frage | Antwort" table exported with "|" between its cells (rows on lines of their own
    or run together, with or without a number column): each row's first cell is the question,
    the cell beside it its answer."""
    text = shape(answer_variant(name, variant))  # type: ignore[operator]
    assert_pairs(name, text)
