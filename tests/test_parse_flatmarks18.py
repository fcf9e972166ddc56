"""List labels in run-together text (issue 11, eighteenth round, branch flatmarks18).

Real dev documents with their question labels rewritten by bench.list_variants and then run
together by bench.text_shapes ("flat": every page one line): numbers without a mark ("1 Wie viele
…? 2 Bis wann …?"), a short inquiry whose subject, labels and items are one line ("Gegenstand:
Verkehrszeichen … verschwunden 1. An welchen …? 2. …?", with "Frage 1" labels too), and topic
headings after a remark in brackets ("… mit ein.) Zu den Kosten 2. Welcher …?"). Each reads with
the count and first question its label records; on main 88f528d each document test fails. The
last tests pin what must stay whole: a day's dot, a lone number, a table row of labels.
"""

from __future__ import annotations

import re

import pytest

from bench.list_variants import rewrite
from bench.text_shapes import flat
from fetcher.parse import parse_text
from fetcher.parse.reline_headings import lead_in_cuts
from fetcher.parse.reline_short import holds_short_list
from fetcher.parse.relines import relined_pages
from tests.corpus_data import corpus_path, dev_label


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _assert_reads_list(name: str, variant: str, *, shape_flat: bool = True) -> None:
    """Assert a dev document rewritten into `variant` (and run together) reads its labelled list."""
    label = dev_label(name)
    text = rewrite(corpus_path(name, "dev").read_text("utf-8"), label, variant)
    assert text is not None
    questions = parse_text(flat(text) if shape_flat else text).questions
    assert len(questions) in [label["questions"], *label.get("questions_alt", [])]
    assert _fold(questions[0]).startswith(_fold(label["first_question_start"]))


@pytest.mark.parametrize(
    "name",
    [
        # "… Aktueller Stand der Umsetzung 1 Wie viele …? 2 Welche …?": the first after the title
        "karlsruhe-2014-0359-anfrage-cdu-sanitaeranlagen-schulen",
        # "…abgeschoben? (Bitte aufschlüsseln: …) 2 Durch wen …?": after a remark in brackets
        "dresden-AF2020-13-anfrage-gruene-abschiebungen",
        # a Landtag answer: "… gehalten. 2 Wie viele …?", "Siehe Antwort zu Frage Nr. 2 5 Wie …?"
        "LANDTAG-niedersachsen-19-11269-kleine-anfrage-mit-antwort",
        # "… jedwe- der Art. 20 Welche Rolle …?": a count goes on after an abbreviation
        "LANDTAG-niedersachsen-19-11180-kleine-anfrage-mit-antwort",
    ],
)
def test_numbers_without_a_mark_run_together_are_a_list(name: str) -> None:
    """A count of bare numbers whose items ask, each after a sentence end, starts lines again."""
    _assert_reads_list(name, "1 bare")


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("dresden-AF2839-14-anfrage-fdp-verkehrszeichen", "short inline"),
        ("karlsruhe-2022-or-wolfartsweier-anfrage-spd-luftreiniger", "short inline"),
        ("dresden-AF2839-14-anfrage-fdp-verkehrszeichen", "short inline, Frage 1"),
        ("dresden-AF2013-13-anfrage-gruene-hochbauamt-projektleiter", "short inline, Frage 1"),
        ("karlsruhe-2022-or-wolfartsweier-anfrage-spd-luftreiniger", "short inline, Frage 1"),
    ],
)
def test_a_short_inquiry_in_one_line_starts_its_list_after_the_subject(
    name: str, variant: str
) -> None:
    """Subject and items in one line, shorter or longer than a run-together page ("Gegenstand:
    … verschwunden Frage 1 An welchen …? Frage 2 …?"): the first item starts at its label."""
    _assert_reads_list(name, variant, shape_flat=False)


def test_a_topic_heading_after_a_remark_in_brackets_starts_a_line() -> None:
    """The remark "… (Bitte rechnen Sie … mit ein.) Zu den Kosten 2. Welcher Anteil …?": heading
    and label each start a line, so the headings' run counts on and every item is read."""
    _assert_reads_list("dresden-AF2010-13-anfrage-fdp-eeg-umlage", "topic heading")


def test_a_days_dot_ends_no_sentence_before_a_lead_in() -> None:
    """In "… vom 3. März 2025 Betreff: … Wir bitten um Beantwortung folgender Fragen: 1. …": the
    lead-in starts at "Wir" (a title run into it), and "3. März" stays whole."""
    line = (
        "Stadt Musterstadt Anfrage der Fraktion XY vom 3. März 2025 Betreff: Sanierung der "
        "Grundschulen Wir bitten um Beantwortung folgender Fragen: 1. Anzahl der "
        "sanierungsbedürftigen Grundschulen 2. Zeitplan der Sanierung"
    )
    cuts = lead_in_cuts(line, line.index("Fragen:"))
    assert cuts == {line.index("Wir bitten"), line.index("1. Anzahl")}
    assert "vom 3. März 2025" in relined_pages([line])[0].split("\n")[0]


def test_lone_numbers_and_table_rows_stay_whole() -> None:
    """A bare number inside a sentence, one after a sentence end without a count, and a row of
    labelled cells ("1. Quartal 2. Quartal") are no list to break a line at."""
    prose = (
        "Nach § 45 Abs. 2 Satz 1 wurden 3 Anträge gestellt. 2 Anträge wurden bewilligt, die "
        "übrigen abgelehnt. Die Verwaltung prüft weitere Fälle im kommenden Jahr."
    )
    assert relined_pages([prose]) == [prose]
    assert not holds_short_list(prose, {})
    assert not holds_short_list("1. Quartal 2. Quartal 3. Quartal 4. Quartal Summe der Jahre", {})
