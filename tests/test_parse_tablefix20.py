"""Question | answer tables read row by row (fetcher.parse.table_cells): a row's number only where
the number column prints it, an answer's sentence that opens like a question, a question left in
an answer cell (issue 11, twentieth round, follow-up tablefix20).

Real dev documents rewritten by the bench's own transforms (bench.answer_variants.variants and
bench.quoted_answers.quoting_variants: only the answer headings and where the answers stand
change), read as printed or one line per paragraph (bench.text_shapes). Every test fails on main
324ece5's parser.
"""

from __future__ import annotations

import pytest

from bench.answer_variants import segments, variants
from bench.quoted_answers import quoting_variants
from bench.text_shapes import paragraphs
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

NUMBERED = "table: Nr. | Frage | Antwort, wrapped cells"
ONE_LINE = "table Frage | Antwort"


def _variant(name: str, variant: str) -> str:
    text = corpus_path(name, "dev").read_text("utf-8")
    cut = segments(text, dev_label(name)["questions"])
    assert cut is not None, name
    written = variants(*cut)
    written.update({key: changed for key, (changed, _) in quoting_variants(*cut).items()})
    return written[variant]


@pytest.mark.parametrize(
    "name",
    [
        # "5 Mio. € aus …" opens a line below the table: a number the column does not print
        "LANDTAG-niedersachsen-19-11184-kleine-anfrage-mit-antwort",
        # "… mit sich bringen. 23 Haben die …" inside an answer's line
        "LANDTAG-niedersachsen-19-11252-kleine-anfrage-mit-antwort",
        # row 3's cell opens in lower case ("3.   ist vorgesehen, …")
        "dresden-AF2250-13-antwort-linke-schallschutz-kleingaerten",
    ],
)
def test_numbered_table_counts_the_rows_its_number_column_prints(name: str) -> None:
    parsed = parse_text(_variant(name, NUMBERED))
    assert len(parsed.questions) == dev_label(name)["questions"]


@pytest.mark.parametrize(
    "name",
    [
        # an answer "Wie unter Frage 1 ausgeführt, gab und gibt es keine Hinweise, …."
        "LANDTAG-niedersachsen-19-11158-kleine-anfrage-mit-antwort",
        # a question "Soweit Einstellungen … erfolgten: Welche …?" opens with no asking word
        "LANDTAG-niedersachsen-19-11237-kleine-anfrage-mit-antwort",
    ],
)
def test_one_line_table_per_paragraph_keeps_the_question_count(name: str) -> None:
    parsed = parse_text(paragraphs(_variant(name, ONE_LINE)))
    assert len(parsed.questions) == dev_label(name)["questions"]
