"""References: only the paper's own number in a label or header position, never a cited one.

Every line below is a real line: Karlsruhe texts
(../shared/fixtures/oparl/karlsruhe/file-contents/),
Leipzig (tests/corpus/dev), Niedersachsen Landtag (../shared/fixtures/texts/diverse) and the real
Erlangen, Stuttgart and Landtag BW PDFs in ../shared/fixtures/pdfs/. Expected values were read off
the documents.
"""

from __future__ import annotations

import pytest

from fetcher.parse import parse_pdf_file
from fetcher.parse.header import find_reference
from tests.fixtures_path import PDF_FIXTURES


@pytest.mark.parametrize(
    ("line", "reference"),
    [
        ("Vorlage Nr.: 2017/0346", "2017/0346"),  # Karlsruhe 597637
        ("Vorlage Nr. 756 ANTRAG", "756"),  # Karlsruhe 500140
        ("FDP-Ortschaftsratsfraktion Vorlage Nr.: Nr. 164", "164"),  # Karlsruhe 624927
        ("Anfrage-Nr. VII-F-08613", "VII-F-08613"),  # Leipzig
        ("Einwohneranfrage-Nr. VII-EF-08640", "VII-EF-08640"),  # Leipzig
        ("schriftliche Antwort zur Anfrage-Nr. VII-F-08507-AW-01", "VII-F-08507-AW-01"),
        ("DS 19/2017", "19/2017"),  # Nordstemmen
        ("Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/11138", "19/11138"),
        ("Landtag von Baden-Württemberg Drucksache 17 / 273", "17/273"),
    ],
)
def test_own_number_in_a_label(line: str, reference: str) -> None:
    """A paper noun with its number, or a Drucksache in the running head, is the reference."""
    assert find_reference(["", line, ""]) == reference


@pytest.mark.parametrize(
    "line",
    [
        "Altablagerung Öldeponie Objekt-Nr. 00017",  # Karlsruhe 33705
        "Hauptfriedhof Nr. 10 b, Hauptfriedhof und Luise Riegger, Hauptweg 4, Nr. 16/17, Friedhof",
        "Flst.-Nr. 184/1",  # Karlsruhe 648364
        "Bebauungsplan Nr. 342: Einzelhäuser und Ladenhäuser zweigeschossig,",  # Karlsruhe
        "über Haus Nr. 97",  # Karlsruhe
        "• Biotop-Nr. 269162125712 „Waldinsel in Rintheim“ ca. 200 m südwestlich des Geltungs-",
        "Wann wurden die beiden in der Drucksache 19/10297 genannten",  # Landtag 19/11141
        "Antrag des Stadtteilbeirates Büchenbach Nr. 266/2019 vom 21.10.2019",  # Erlangen
        "Raumordnungsverfahren am 29.05.2020 mit Vorlage VI/191/2019 beschlossen.",  # Erlangen
    ],
)
def test_number_of_something_else_is_no_reference(line: str) -> None:
    """A parcel, a building, a plan, a biotope or a paper cited in a sentence is no reference."""
    assert find_reference(["", line, ""]) is None


def test_statement_on_a_cited_paper_has_no_reference() -> None:
    """'Stellungnahme zur Beschlussvorlage 6131/67/2022 …' (Erlangen) cites another paper."""
    doc = parse_pdf_file(PDF_FIXTURES / "Stellungnahme_Umweltspur_BV_613-067-2022.pdf")
    assert doc.parse_status == "ok", doc.parse_error
    assert doc.reference is None


def test_answer_names_the_inquiry_it_answers() -> None:
    """Stuttgart's 'Beantwortung zur Anfrage 23/2018' carries the inquiry's number."""
    doc = parse_pdf_file(PDF_FIXTURES / "Antwort_Anfrage_23-2018_Stuttgart.pdf")
    assert doc.reference == "23/2018"
