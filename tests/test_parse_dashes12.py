"""List labels in run-together text: the relining pre-pass gives every label of a list run its own
line, whatever the label's style ("(1)", "1.:", "A)", a dash, a hyphen), so the question finder
reads a page run into one line, a paragraph run into one line or a run-together text wrapped at
a printed width as it reads the printed list.

Texts: real dev documents whose top-level question labels were rewritten by bench.list_variants,
then brought into a shape of bench.text_shapes. Dresden inquiries (tests/corpus/dev/, committed)
run everywhere; Karlsruhe documents come from the corpus snapshots (skipped without ../.mirror).
Every document test fails on main efe33cf's parser.
"""

from __future__ import annotations

import pytest

from bench.list_variants import locate, rewrite
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from fetcher.parse.reline_runs import run_cuts
from tests.corpus_data import corpus_path, dev_label
from tests.list_variant_cases import list_variant, questions_as_labelled

STROMSPERREN = "dresden-AF2015-13-anfrage-linke-stromsperren"
ESSENSRESTE = "dresden-AF2012-13-anfrage-gruene-essensreste"
DURLACH = "karlsruhe-2018-or-durlach-anfrage-fdp-digitalisierung-schulen"
NACHTSTROM = "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher"
KITA_BGH = "karlsruhe-2016-0675-anfrage-gfk-kita-bgh"


def test_transform_rewrites_the_six_labels_only() -> None:
    """The bench's "(1)" variant of Dresden AF2015/13 turns "1." … "6." into "(1)" … "(6)" and
    leaves every other line as it was."""
    text = corpus_path(STROMSPERREN, "dev").read_text("utf-8")
    found = locate(text, 6, dev_label(STROMSPERREN)["first_question_start"])
    assert found is not None
    assert found.numbers == (1, 2, 3, 4, 5, 6)
    old, new = text.split("\n"), rewrite(text, dev_label(STROMSPERREN), "(1)")
    assert new is not None
    changed = [(a, b) for a, b in zip(old, new.split("\n"), strict=True) if a != b]
    assert [b.split()[0] for _, b in changed] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert all(a[a.index(" ") :] == b[b.index(" ") :] for a, b in changed)


@pytest.mark.parametrize("variant", ["(1)", "1.:", "A)", "– en dash", "- hyphen"])
def test_a_label_run_of_any_style_is_relined_in_a_page_run_together(variant: str) -> None:
    """Dresden AF2015/13 with its six question labels rewritten, every page run into one line,
    reads six questions: "… betroffen? (örtliche Grundversorger u. a. soweit bekannt) (2) Wie
    viele …" — the labels are one style counting on (or one dash repeated), each after a sentence
    end or a closing bracket, and the items ask."""
    questions = questions_as_labelled(STROMSPERREN, list_variant(STROMSPERREN, variant, "flat"))
    assert questions[1] == "Wie viele Sperrandrohungen wurden 2011 und 2012 verschickt?"


@pytest.mark.parametrize("variant", ["(1)", "1.:", "– en dash"])
def test_a_label_run_inside_printed_width_lines_is_relined(variant: str) -> None:
    """Dresden AF2015/13 run together and wrapped at 90 characters (a run-together text printed
    to a PDF): the paragraph holding "… bekannt) 2.: Wie viele …" is joined and relined."""
    questions_as_labelled(STROMSPERREN, list_variant(STROMSPERREN, variant, "flatwrap"))


@pytest.mark.parametrize("shape", ["para", "flat", "flatwrap"])
def test_durlach_dashes_after_a_colon_and_question_marks(shape: str) -> None:
    """Karlsruhe's Durlach inquiry (2018) as printed, "Deshalb unsere Anfrage: - Inwieweit …?
    - Wie sieht … aus? Ist …? Oder … honoriert? - Werden …?" run together: three dash items,
    the last one no longer inside the sentence line before it."""
    text = SHAPES[shape](corpus_path(DURLACH, "dev").read_text("utf-8"))
    questions = questions_as_labelled(DURLACH, text)
    assert questions[2] == "Werden die Lehrer ausreichend durch Schulungen unterstützt?"


def test_a_dash_after_the_title_opens_the_run() -> None:
    """Karlsruhe 2013/0017 in dashes, run together: the first dash follows the title ("…
    Nachtstromspeicher-Heizungen – Wie gedenken …?"), not a sentence end; the run after it
    makes it a label, so the first question is no longer lost."""
    questions_as_labelled(NACHTSTROM, list_variant(NACHTSTROM, "– en dash", "flat"))


def test_a_dash_after_a_table_cell_opens_the_run() -> None:
    """Karlsruhe 2016/0675 in dashes, run together: the first dash follows the consultation
    row's cross ("Gemeinderat 22.11.2016 31.2 x – Liegt …?"), not a sentence end; the run after
    it makes it a label, so the first question no longer sits in the table's line."""
    questions_as_labelled(KITA_BGH, list_variant(KITA_BGH, "– en dash", "flat"))


def test_numbers_restarting_under_a_section_heading_start_lines() -> None:
    """Dresden AF2012/13 with "I. Allgemeines" above question 1 and "II. Einzelfragen" above
    question 3 numbered "1." again, run together: "II. Einzelfragen 1. Welche Regelungen …?"
    breaks before the "1.", so three questions read, the first without the heading."""
    questions_as_labelled(ESSENSRESTE, list_variant(ESSENSRESTE, "I. headings, restart", "flat"))


def test_a_number_inside_a_roman_item_stays() -> None:
    """Guard: Landtag 19/11277 with Roman labels, run together: "I. Wie viele Fälle … wurden
    im 1. Quartal 2026 …?" keeps its "1. Quartal" (the words before it ask and end in "im")."""
    name = "LANDTAG-niedersachsen-19-11277-kleine-anfrage-mit-antwort"
    questions = parse_text(list_variant(name, "I.", "flat")).questions
    assert questions[0].startswith("Wie viele Fälle häuslicher Gewalt wurden im 1. Quartal 2026")


def test_dashes_that_state_start_no_line() -> None:
    """Guard: Landtag 19/11159 run together keeps its first answer's statement dashes ("…
    Veränderungen: – Aufstockung des Personalbestandes … Zahlstelle – Verlagerung …") inside
    their line: only one follows a sentence end or colon, and a dash after a word goes on with
    no run; its thirteen numbered questions read as labelled."""
    name = "LANDTAG-niedersachsen-19-11159-kleine-anfrage-mit-antwort"
    line = SHAPES["flat"](corpus_path(name, "dev").read_text("utf-8"))
    assert run_cuts(line, set(), {}) == set()
    questions_as_labelled(name, line)
