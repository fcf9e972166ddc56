"""Answers in run-together text and answer papers' kind (issue 11, eighteenth round).

Real dev documents rewritten by the benches' own transforms (bench.kind_variants.rewrite,
bench.quoted_answers.quoting_variants; only the type words, a quoted lead-in or the quoting
change), read as printed or run together (bench.text_shapes: "flat", "para"). Every test fails on
main 88f528d's parser.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.answer_variants import segments
from bench.kind_variants import ANSWER_LETTER_OPENING, rewrite
from bench.quoted_answers import quoting_variants
from bench.text_shapes import flat, paragraphs
from fetcher.parse import parse_text
from fetcher.parse.content_kind import Signals, answers_read, signals
from fetcher.parse.fields import find_header_end
from fetcher.parse.kind_wording import ANSWER_LETTER, names_itself_answer
from fetcher.parse.relines import relined_pages
from fetcher.parse.text import bounded_blanks, clean_lines
from tests.corpus_data import corpus_path, dev_label

KITA = "karlsruhe-2019-or-wolfartsweier-stellungnahme-kita-scan"
SCHWIMMEN = "karlsruhe-2018-0587-stellungnahme-fdp-schwimmunterricht"
FAHRRAD = "karlsruhe-2020-1441-antrag-gruene-pruefauftrag-fahrradstrasse"
BAUGRUND = "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke"


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _rewritten(name: str, variant: str) -> str:
    text = _text(name)
    changed = rewrite(
        text, variant, parse_text(text).title, dev_label(name).get("layout") != "letter"
    )
    assert changed is not None, (name, variant)
    return changed


@pytest.mark.parametrize("shape", [flat, paragraphs])
def test_answer_heading_run_into_the_head_outranks_a_quoted_lead_in(
    shape: Callable[[str], str],
) -> None:
    """ "… Ortsverwaltung Antwort auf die Anfrage …" run into the head's line, "Wir fragen die
    Verwaltung:" quoted above the questions: the answer's heading says the kind."""
    text = _rewritten(KITA, "lead-in: Antwort auf die Anfrage")
    assert "Wir fragen die Verwaltung:" in text
    assert parse_text(text).kind == "Antwort"  # as printed
    assert parse_text(shape(text)).kind == "Antwort"


def test_notice_type_run_in_after_the_letterhead_answers_the_inquiry_it_names() -> None:
    """ "Stadt Karlsruhe Der Oberbürgermeister Mitteilungsvorlage Anfrage der SPD-Fraktion vom …"
    (a page run together): the notice answers the inquiry named below its type word."""
    text = _rewritten(SCHWIMMEN, "lead-in: Mitteilungsvorlage, Anfrage … vom")
    doc = parse_text(flat(text))
    assert doc.kind == "Antwort"
    assert len(doc.questions) == dev_label(SCHWIMMEN)["questions"]


@pytest.mark.parametrize("variant", ["Prüfauftrag", "Berichtsantrag"])
def test_motions_named_for_what_they_order_are_motions(variant: str) -> None:
    """A faction's "Prüfauftrag" or "Berichtsantrag" is a motion, read like "Prüfantrag"."""
    text = _rewritten(FAHRRAD, variant)
    assert parse_text(text).kind == "Antrag"
    assert parse_text(rewrite(_text(FAHRRAD), "Prüfantrag") or "").kind == "Antrag"


def _signals(text: str) -> Signals:
    lines = clean_lines(relined_pages([bounded_blanks(page) for page in text.split("\f")]))
    body = find_header_end(lines)
    return signals(lines, body, answers_read(lines, body))


def test_answer_letter_wording_reads_past_the_inquirys_date() -> None:
    """ "Ihre Anfrage vom 12.03.2021 beantworte ich wie folgt:" below the salutation: the date's
    dots end no sentence, the letter names its answering."""
    text = _rewritten(SCHWIMMEN, ANSWER_LETTER_OPENING)
    assert any("12.03.2021" in m.group(0) for m in ANSWER_LETTER.finditer(text))


def test_antwortschreiben_names_an_answer() -> None:
    """An answer letter's type line "Antwortschreiben" names the paper an answer."""
    text = _rewritten(SCHWIMMEN, "Antwortschreiben, Sie fragen:")
    above = text[: text.index("Sie fragen:")]
    assert names_itself_answer(above)


def test_sie_fragen_quotes_the_asker_and_asks_nothing() -> None:
    """ "Sie fragen: Wie viele …?" (an answer quoting the asker, bench.quoted_answers) is no
    inquiry's "Fragen:" heading: no sign of asking."""
    count = dev_label(BAUGRUND)["questions"]
    cut = segments(_text(BAUGRUND), count)
    assert cut is not None
    text = quoting_variants(*cut)["Sie fragen:"][0]
    assert "Sie fragen: " in text
    assert not _signals(text).lead_in
