"""Header fields read through a rendered PDF, whose text (pdfium) has no blank lines.

A block boundary is found by structure: the values of a form's label column counted up to its
status cell, a Landtag head's wrapped asker line closed by its party. Expected values were read
off the documents; every test fails on the parser of main at 34a38c3.
"""

from __future__ import annotations

from pathlib import Path

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file, parse_text
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_path
from tests.fixtures_path import PDF_FIXTURES


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _paged(tmp_path: Path, name: str) -> ParsedDocument:
    doc = parse_pdf_file(render_paged_text(_text(name), tmp_path / "paged.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def test_form_title_under_the_status_cell_through_the_pdf(tmp_path: Path) -> None:
    """Karlsruhe 2013 form: four labels, four values, 'öffentlich', then the subject: the title."""
    name = "karlsruhe-2013-0017-anfrage-fdp-nachtstromspeicher"
    assert _paged(tmp_path, name).title == "Zukunft der Nachtstromspeicher-Heizungen"
    # The text path read the first submitter line ("Stadträtin Rita Fromm (FDP)") as the title.
    assert parse_text(_text(name)).title == "Zukunft der Nachtstromspeicher-Heizungen"


def test_form_title_after_the_responsible_department(tmp_path: Path) -> None:
    """Ortschaftsrat form: the department value 'Dez. 1 / ZJD' after the status is skipped."""
    name = "karlsruhe-2019-or-durlach-anfrage-cdu-drohnenflug"
    assert _paged(tmp_path, name).title == "Drohnenflug auf der Turmbergterrasse"
    assert parse_text(_text(name)).title == "Drohnenflug auf der Turmbergterrasse"


def test_form_title_with_an_empty_column_value(tmp_path: Path) -> None:
    """'TOP:' has no value on this form: still only the department 'Dez. 3 / SuS' is skipped."""
    name = "karlsruhe-2018-or-durlach-anfrage-fdp-digitalisierung-schulen"
    assert _paged(tmp_path, name).title == (
        "Wie ist die Ausstattung der Durlacher Schulen im Rahmen der Digitalisierung?"
    )


def test_form_title_without_a_label_column(tmp_path: Path) -> None:
    """Karlsruhe 2006: labelled lines, 'Öffentlich Nichtöffentlich', 'verantwortlich: Dez. 5'."""
    doc = _paged(tmp_path, "karlsruhe-2006-anfrage-kal-led-ampeln-stellungnahme")
    assert doc.title == "LED-Ampeln"


def test_landtag_title_after_a_wrapped_asker_line(tmp_path: Path) -> None:
    """'Anfrage der Abgeordneten … und' / 'Oliver Schatta' / '(CDU)': a head line, no title."""
    name = "LANDTAG-niedersachsen-19-11253-kleine-anfrage-mit-antwort"
    title = (
        "Verpachtung von land- und forstwirtschaftlichen Flächen durch die Stiftung "
        "Braunschweigischer Kulturbesitz"
    )
    assert _paged(tmp_path, name).title == title
    # The text path found none: its answer line ends "Landesregie-" / "rung", not "regierung".
    assert parse_text(_text(name)).title == title


def test_landtag_long_title_wrapped_over_five_lines(tmp_path: Path) -> None:
    """A title that a letter's width wraps over more than four lines is read to its end."""
    doc = _paged(tmp_path, "LANDTAG-niedersachsen-19-11184-kleine-anfrage-mit-antwort")
    assert doc.title is not None
    assert doc.title.endswith(
        "und wie verteilen sich die Investitionen zwischen MHH sowie anderen Trägern?"
    )


def test_form_labels_without_colons(tmp_path: Path) -> None:
    """Labels 'Gremium' / 'Termin' / 'TOP' without colons; a value wraps ('Sitzung des' / …)."""
    name = "karlsruhe-2020-or-wolfartsweier-anfrage-cdu-infrarotgeraet"
    title = "Anschaffung eines Infrarotgerätes für die Wildwuchsbekämpfung"
    assert _paged(tmp_path, name).title == title
    # The text path took the sender line 'CDU-Ortschaftsratsfraktion' for the title.
    assert parse_text(_text(name)).title == title


def test_sessionnet_title_beside_a_committee_head_cell(tmp_path: Path) -> None:
    """'Ortschaftsrat Stupferich Termin TOP ö nö' heads the table under the title line."""
    name = "karlsruhe-2022-or-stupferich-anfrage-cdu-hausaerzte"
    title = "Stand der derzeitigen hausärztlichen Versorgung in Stupferich / Bergdörfern"
    assert _paged(tmp_path, name).title == title
    assert parse_text(_text(name)).title == title


def test_sessionnet_sender_cell_merged_with_the_paper_number(tmp_path: Path) -> None:
    """'SPD-Ortschaftsratsfraktion Vorlage Nr.: 204' is the sender cell, not part of the title."""
    name = "karlsruhe-2021-or-groetzingen-antrag-spd-ganztagesgrundschule"
    title = "Konzeption und Umsetzung der Ganztagesgrundschule in Grötzingen"
    assert _paged(tmp_path, name).title == title
    assert parse_text(_text(name)).title == title


def test_signers_under_the_group_same_from_text_and_pdf(tmp_path: Path) -> None:
    """'unterzeichnet von:' / group / blank / two names: the signers count in both paths."""
    name = "karlsruhe-2019-or-durlach-anfrage-fw-verkehrstest"
    signed = ("Freie Wähler-OR-Fraktion", "Jürgen Wenzel", "Zahide Yesil")
    assert _paged(tmp_path, name).submitters == signed
    assert parse_text(_text(name)).submitters == signed  # the blank line ended the list


def test_group_signed_for_is_the_group_itself(tmp_path: Path) -> None:
    """'Stellvertretend für die CDU-Ortschaftsratsfraktion' under the letter is that group."""
    name = "karlsruhe-2020-or-wolfartsweier-anfrage-cdu-infrarotgeraet"
    assert _paged(tmp_path, name).submitters == ("CDU-Ortschaftsratsfraktion",)


def test_invitations_letterhead_beside_the_type_word_is_no_title() -> None:
    """'Einladung Stadt Erlangen' (the letterhead read into the line) is not the title."""
    for name in (
        "2020-01-22_Einladung.pdf",
        "2022-11-17_Einladung.pdf",
        "2024-04-24_Einladung.pdf",
    ):
        doc = parse_pdf_file(PDF_FIXTURES / name)
        assert doc.parse_status == "ok"
        assert doc.title is None, name


def test_board_motions_name_the_board_and_its_chair_alike() -> None:
    """Four Stadtteilbeirat motions, four signature layouts: the board, then the chair who signs."""
    for name in (
        "Antrag_BuechenbacherAnlage_2020-11-25.pdf",  # "Günter Winkelmann, Stadtteilbeirat …"
        "Antrag_SozialeStadt_2019-04-20.pdf",  # "… in Vertretung des Stadtteilbeirats …"
        "Antrag_Sportmassnahmen_2022-11-23.pdf",  # "Günter Winkelmann," / "für den …"
        "Antrag_StUB_Trasse_2020-11-04.pdf",  # letterhead above "Vorsitzender Günter Winkelmann"
    ):
        doc = parse_pdf_file(PDF_FIXTURES / name)
        assert doc.submitters == ("Stadtteilbeirat Büchenbach", "Günter Winkelmann"), name


def test_answer_letter_last_sentence_opening_with_anfrage_is_no_label(tmp_path: Path) -> None:
    """'… Dorthin wurde Ihre' / 'Anfrage mit der Bitte um Bearbeitung abgegeben.' is prose."""
    name = "dresden-AF2803-14-antwort-gruene-videokameras-flurstueck"
    doc = _paged(tmp_path, name)
    assert doc.kind == "Antwort"  # as from the text, where a blank line sets the sentence apart
    assert doc.title is None


def test_form_caption_in_brackets_is_no_party(tmp_path: Path) -> None:
    """'Abgeordneter des Sächs.' / 'Landtages (Name, Vorname)': a form row, no faction 'Name'."""
    doc = _paged(tmp_path, "dresden-V0052-09-vorlage-aufsichtsrat")
    assert doc.factions == ()


def test_agenda_items_submitters_are_not_the_invitations(tmp_path: Path) -> None:
    """Two agenda items 'Einreicher: Bündnis 90/Die Grünen' fall into the head without blanks."""
    doc = _paged(tmp_path, "dresden-ISF-025-2012-einladung-betriebsausschuss")
    assert doc.submitters == ()
    assert doc.factions == ()


def test_form_title_of_one_word(tmp_path: Path) -> None:
    """A one-word subject ('Baumkataster') under the status cell is the title, not a type word."""
    name = "karlsruhe-2014-0671-anfrage-fw-baumkataster"
    assert _paged(tmp_path, name).title == "Baumkataster"
    assert parse_text(_text(name)).title == "Baumkataster"


def test_landtag_sender_wrapped_inside_the_party_name(tmp_path: Path) -> None:
    """'… der Fraktion Bündnis 90/Die' / 'Grünen -' / 'Drs. 19/9632' is one sender, both paths."""
    name = "LANDTAG-niedersachsen-19-11188-unterrichtung-beschluss-iran"
    sender = ("Fraktion der SPD, der Fraktion der CDU und der Fraktion Bündnis 90/Die Grünen",)
    assert _paged(tmp_path, name).submitters == sender
    assert parse_text(_text(name)).submitters == sender
