"""The title when a paper's head runs together, and titles that are only a sender (issue 11,
seventeenth round).

Real dev documents (tests/corpus/dev) with their head rewritten by bench.title_variants (a
letter's type / sender / date / number above the subject, a two-column head, an office's answer
head with "Bezeichnung:", "Thema:" under the fields) and then run together the way extracted text
arrives (bench.text_shapes: "flat", one line per page; "para", one line per paragraph). The
subject is found between the pieces a head prints before it and those after it. The titles
expected are the subjects as printed, read off the documents.
"""

from __future__ import annotations

import re

import pytest

from bench.text_shapes import flat, paragraphs
from bench.title_variants import ANSWERS, LETTER, TWO_COLUMN, find_subject, head
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label

WAKEBOARD = "LANDTAG-niedersachsen-19-11143-kleine-anfrage-mit-antwort"
MESSE = "LANDTAG-niedersachsen-19-11252-kleine-anfrage-mit-antwort"
FRIEDHOF = "dresden-mAF0007-14-muendliche-anfrage-gruene-juedischer-friedhof"
JUGENDHAEUSER = "dresden-AF2008-13-anfrage-gruene-jugendhaeuser"
TURMBERGBAHN = "karlsruhe-2024-0989-anfrage-fdp-or-durlach-turmbergbahn"
ERBPACHT = "karlsruhe-2024-1163-anfrage-cdu-or-durlach-erbpacht"
DROHNENFLUG = "karlsruhe-2019-or-durlach-anfrage-cdu-drohnenflug"
SUBJECTS = {
    WAKEBOARD: "Welche Genehmigungen und laufenden Verfahren bestehen im Zusammenhang mit der "
    "Wakeboardanlage am Oyter See?",
    MESSE: "Zukunft der Deutschen Messe AG",
    FRIEDHOF: "Erweiterung des Neuen Jüdischen Friedhofs Dresden",
    JUGENDHAEUSER: "Sanierung Kinder- und Jugendhäuser",
    TURMBERGBAHN: "Notwendigkeit eines neuen Verkehrszahlen- und Wirtschaftlichtkeitsgutachten "
    "für die Verlängerung der Turmbergbahn",
    ERBPACHT: "Gekündigte Erbpachtverträge Kärntnerstraße Durlach-Aue",
    DROHNENFLUG: "Drohnenflug auf der Turmbergterrasse",
}
SHAPES = {"flat": flat, "para": paragraphs}


def _rewritten(name: str, variant: str, shape: str) -> str:
    """Return the dev document with its head replaced by bench.title_variants' `variant`, then
    run together into `shape`."""
    text = corpus_path(name, "dev").read_text("utf-8")
    subject = find_subject(text, SUBJECTS[name])
    assert subject is not None
    lines = head(variant, dev_label(name), subject.lines)
    assert lines is not None
    return SHAPES[shape]("\n".join([*lines, *subject.body]))


def _words(title: str | None) -> str:
    return re.sub(r"(?<=[a-zäöüß])- ?(?=[a-zäöüß])", "", " ".join((title or "").split()))


@pytest.mark.parametrize(
    ("name", "variant", "shape"),
    [
        # "Antwort der Fraktion CDU vom 04.02.2021 Nummer: 19/11143 <subject> Anfrage des
        # Abgeordneten …": the Landtag answer's sender line runs on after the subject
        (WAKEBOARD, LETTER, "flat"),
        (JUGENDHAEUSER, LETTER, "flat"),
        (JUGENDHAEUSER, LETTER, "para"),
        # "Stellungnahme der Verwaltung Datum: … Bezeichnung: <subject> Anfrage der Abgeordneten"
        (MESSE, ANSWERS[0], "flat"),
        # "Anfrage Datum: 12.03.2021 Vorlage-Nr.: mAF0007/14 <subject> Beratungsfolge: …"
        (FRIEDHOF, TWO_COLUMN, "flat"),
        (FRIEDHOF, TWO_COLUMN, "para"),
        # "Datum: 12.03.2021 Thema: <subject> Mit freundlichen …": the next page's fields after it
        (MESSE, "label Thema:", "para"),
    ],
)
def test_the_subject_between_a_heads_pieces_run_together_is_the_title(
    name: str, variant: str, shape: str
) -> None:
    """Type word, sender, date and number before the subject, and the sender's line, a label
    or the consultation table after it, are cut away: the subject as printed stays."""
    assert _words(parse_text(_rewritten(name, variant, shape)).title) == _words(SUBJECTS[name])


@pytest.mark.parametrize("name", [TURMBERGBAHN, ERBPACHT])
def test_a_sender_cell_beside_the_subject_is_not_the_title(name: str) -> None:
    """A SessionNet head run together prints the group's cell ("FDP-OR-Fraktion") after the
    subject: the title is the subject, neither the cell alone nor the subject with the cell."""
    for variant in (TWO_COLUMN, "label Thema:"):
        assert _words(parse_text(_rewritten(name, variant, "flat")).title) == _words(SUBJECTS[name])


def test_a_sender_and_date_alone_are_no_title() -> None:
    """A letter head "der Fraktion CDU-OR-Fraktion / Musterstadt, 04.02.2021 / Anfrage: <subject>"
    run together with its text: where the subject cannot be told from the text, no title is
    better than the sender and the date."""
    title = parse_text(_rewritten(DROHNENFLUG, "T: subject", "flat")).title
    assert title is None or _words(title) == _words(SUBJECTS[DROHNENFLUG])
