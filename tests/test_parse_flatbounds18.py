"""Where the question list ends in run-together text, and the page furniture between questions:
real dev inquiries rewritten by bench.boundary_variants (the answer request, a signature, a
stating sentence, a footnote, a two-line running head) and run together by bench.text_shapes
("flat": a page in one line; "para": a paragraph in one line).

Texts: Dresden and Karlsruhe inquiries of the dev corpus. Every document test fails on main
88f528d's parser.
"""

from __future__ import annotations

from bench.boundary_variants import FOOTNOTE, rewrite
from bench.text_shapes import SHAPES
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

ESSENSRESTE = "dresden-AF2012-13-anfrage-gruene-essensreste"
GRUNDSCHULE = "dresden-AF2021-13-anfrage-gruene-161-grundschule"
FERNBUS = "dresden-AF0028-14-anfrage-cdu-fernbuslinien"
STREUOBST = "karlsruhe-2014-0802-anfrage-gruene-streuobstwiesen"
LAST_ESSENSRESTE = "Welche Regelungen gelten für Freie Träger?"


def _questions(name: str, variant: str, shape: str | None = None) -> tuple[str, ...]:
    text = corpus_path(name, "dev").read_text("utf-8")
    rewritten = rewrite(text, dev_label(name), variant)
    assert rewritten is not None, f"{variant} does not apply to {name}"
    return parse_text(SHAPES[shape](rewritten) if shape else rewritten).questions


def _original(name: str, shape: str | None = None) -> tuple[str, ...]:
    return _questions(name, "original", shape)


def test_answer_request_run_together_with_the_signer_is_no_part_of_the_last_question() -> None:
    """Flat: "… für Freie Träger? Wir bitten um schriftliche Beantwortung. Gerit Thomas" — the
    request's sentence opens the letter's end though the signer runs on after it."""
    questions = _questions(ESSENSRESTE, "answer requested", "flat")
    assert len(questions) == dev_label(ESSENSRESTE)["questions"]
    assert questions[-1] == LAST_ESSENSRESTE


def test_signature_block_and_the_signer_below_run_together_are_cut() -> None:
    """Flat: "Maria Muster Stadträtin Fraktion Bündnis 90/Die Grünen" / "Torsten Schulze Seite 2
    von 2": two lines that sign, each a few lines run together."""
    questions = _questions(GRUNDSCHULE, "signature", "flat")
    assert questions == _original(GRUNDSCHULE, "flat")
    assert "Maria Muster" not in questions[-1]


def test_signature_then_thanks_in_one_paragraph_is_cut() -> None:
    """Para: "Maria Muster Stadträtin Fraktion CDU Vielen Dank!" below the last question."""
    questions = _questions(FERNBUS, "signature", "para")
    assert questions == _original(FERNBUS, "para")
    assert questions[-1].rstrip().endswith("?")


def test_one_stating_sentence_after_the_last_question_is_cut_as_printed() -> None:
    """As printed: "Die Lage hat sich seit dem letzten Bericht deutlich verschlechtert." on its
    own below "3. Welche Regelungen gelten für Freie Träger?" (a justification of one sentence)."""
    questions = _questions(ESSENSRESTE, "statement after")
    assert questions[-1] == LAST_ESSENSRESTE


def test_stating_sentence_and_signer_on_one_line_are_cut() -> None:
    """Flat: "… Freie Träger? Die Lage hat sich … verschlechtert. Gerit Thomas"."""
    questions = _questions(ESSENSRESTE, "statement after", "flat")
    assert questions[-1] == LAST_ESSENSRESTE


def test_footnote_and_its_mark_leave_the_questions() -> None:
    """Flat: the mark "¹" glued to the first item's "?" and the footnote at the page's foot:
    the list is split at "?¹ 2.", the mark leaves the question and the note the last one."""
    questions = _questions(STREUOBST, "footnote ¹", "flat")
    assert questions == _original(STREUOBST, "flat")
    assert not any("¹" in q or "Vgl. Bericht" in q for q in questions)
    assert FOOTNOTE


def test_footnote_with_a_digit_mark_as_printed() -> None:
    """As pdftotext reads a superscript: "…Streuobstkonzepts?1" and "1 Vgl. …" at the foot."""
    questions = _questions(STREUOBST, "footnote 1")
    assert questions == _original(STREUOBST)


STROMSPERREN = "dresden-AF2015-13-anfrage-linke-stromsperren"


def test_running_head_words_after_the_page_counter_leave_the_item_above() -> None:
    """Flat: "Seite 2 von 3 Anfrage der Fraktion DIE LINKE." opening the page before the middle
    item: the counter names its page, the words after it up to the item's label are the head."""
    questions = _questions(STROMSPERREN, "running head, two lines", "flat")
    assert questions == _original(STROMSPERREN, "flat")
    assert not any("Anfrage der Fraktion" in q for q in questions)
