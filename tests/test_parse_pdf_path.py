"""The parser through the PDF path: real texts rendered as council PDFs print them, then parsed.

`render_paged_text` wraps at a Word letter's width (about 75 characters), hyphenates long words
at line ends, prints a running head made of the document's own first and reference line on
pages 2 … M and "Seite N von M" under every page, and breaks pages wherever the text reaches the
bottom: what `ratsbot parse FILE.pdf` meets on real council PDFs and plain texts lack. The dev
corpus texts are rebuilt from their fetched snapshots (skipped with one reason where absent);
expected values were read off the documents.
"""

from __future__ import annotations

from pathlib import Path

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from fetcher.pdf import extract_text
from standins.pdf_render import render_paged_text, render_text, running_head
from tests.corpus_data import corpus_path
from tests.fixtures_path import TEXT_FIXTURES


def _paged(tmp_path: Path, text: str) -> ParsedDocument:
    doc = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


def _dev(tmp_path: Path, name: str) -> ParsedDocument:
    return _paged(tmp_path, corpus_path(name, "dev").read_text("utf-8"))


def _diverse(tmp_path: Path, name: str) -> ParsedDocument:
    return _paged(tmp_path, (TEXT_FIXTURES / "diverse" / f"{name}.txt").read_text("utf-8"))


def test_paged_render_prints_running_head_and_page_footer(tmp_path: Path) -> None:
    """Page 2 opens with the document's first line and reference line, ends 'Seite 2 von 3'."""
    text = corpus_path("karlsruhe-2025-0900-anfrage-afd-sprachzertifikate", "dev").read_text()
    assert " ".join(running_head(text).split()) == "Anfrage – Vorlage Nr.: 2025/0900"
    pages = extract_text(render_paged_text(text, tmp_path / "paged.pdf")).pages
    assert len(pages) == 3
    assert pages[0].rstrip().endswith("Seite 1 von 3")
    assert " ".join(pages[1].split("\n")[0].split()) == "Anfrage – Vorlage Nr.: 2025/0900"
    assert pages[1].rstrip().endswith("Seite 2 von 3")


def test_numbered_list_across_a_page_break_keeps_its_sub_items(tmp_path: Path) -> None:
    """'2.3'/'2.4' after the break on page 2 stay in question 2; head and footer never enter it."""
    doc = _dev(tmp_path, "karlsruhe-2025-0900-anfrage-afd-sprachzertifikate")
    assert len(doc.questions) == 9
    assert doc.questions[1].startswith(
        "Prüfverfahren\n2.1 Welche Verfahren nutzt die Stadt Karlsruhe aktuell, um die Echtheit "
        "von Sprach- und Integrationszertifikaten zu prüfen?"  # "Sprach- / und" wrapped
    )
    assert "\n2.3 Gibt es eine elektronische Verifizierung" in doc.questions[1]
    assert "\n2.5 Falls derzeit keine speziellen Prüfverfahren existieren" in doc.questions[1]
    assert not any("Seite" in q or "Vorlage Nr" in q for q in doc.questions)


def test_running_head_on_page_two_only_is_furniture(tmp_path: Path) -> None:
    """A two-page inquiry's head 'Anfrage – Vorlage Nr.: 2024/1163' does not split question I."""
    doc = _dev(tmp_path, "karlsruhe-2024-1163-anfrage-cdu-or-durlach-erbpacht")
    assert len(doc.questions) == 4
    assert doc.questions[0] == (
        "Steht diese aktuelle Maßnahme mit dem Vorhaben Sanierungsgebiet Durlach-Aue in "
        "Zusammenhang?"
    )


def test_word_hyphenated_before_the_page_footer_is_joined(tmp_path: Path) -> None:
    """'Genehmi-' / 'Seite 5 von 7' / head / 'gung' is one word again; the footer is left out."""
    doc = _dev(tmp_path, "LANDTAG-niedersachsen-19-11169-kleine-anfrage-mit-antwort")
    assert len(doc.questions) == 10
    assert doc.questions[7] == (
        "Welche Kreuzungs- oder Planungsvereinbarungen zu den fünf Bahnübergängen wurden seit "
        "November 2025 gegebenenfalls vorbereitet, abgeschlossen oder zur Genehmigung vorgelegt?"
    )
    assert doc.answers[7] == (
        "Mit dem Land wurden keine Vereinbarungen hierzu getroffen bzw. vorbereitet."
    )


def test_wrapped_line_closing_a_parenthesis_is_no_new_item(tmp_path: Path) -> None:
    """'(Stand' / '5. September 2025) und …' and '(I bis III gemäß' / 'Antwort zu Frage 5)'."""
    doc = _dev(tmp_path, "LANDTAG-niedersachsen-19-11169-kleine-anfrage-mit-antwort")
    assert doc.questions[8] == (
        "Liegen der Landesregierung gegebenenfalls Kenntnisse zur Machbarkeitsstudie (Stand "
        "5. September 2025) und zu Vorzugsvarianten vor? Falls ja, welche?"
    )
    assert doc.answers[8].startswith(
        "Die Landesregierung hat Kenntnis zu den Machbarkeitsstudien im Rahmen der "
        "Internetveröffentlichung der DB (siehe Antwort zu Frage 5)."
    )


def test_wrapped_reference_in_parentheses_stays_in_its_question(tmp_path: Path) -> None:
    """'(vgl. DS 71/2010 2. Erg. Anlage' / '5)?' wrapped: question 4 ends there, 5 follows."""
    doc = _diverse(tmp_path, "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke")
    assert len(doc.questions) == 5
    assert doc.questions[3].endswith("die Verschuldung (vgl. DS 71/2010 2. Erg. Anlage 5)?")
    assert doc.questions[4].startswith("Welche Maßnahmen sind in naher Zukunft")


def test_answer_reference_wrapped_to_a_line_start_stays_in_the_answer(tmp_path: Path) -> None:
    """'… wird auf die' / 'Antwort zu Frage 11' / 'verwiesen.' is answer 15, not a new heading."""
    doc = _dev(tmp_path, "LANDTAG-niedersachsen-19-11269-kleine-anfrage-mit-antwort")
    assert doc.questions[14] == (
        "Welche Erkenntnisse liegen der Landesregierung über die wirtschaftlichen Auswirkungen "
        "eines Verbots der Anbindehaltung auf betroffene Betriebe vor?"
    )
    assert doc.answers[14].startswith("Der Landesregierung liegen keine Informationen")
    assert doc.answers[14].endswith("Im Übrigen wird auf die Antwort zu Frage 11 verwiesen.")


def test_question_wrapped_after_its_first_question_mark_goes_on(tmp_path: Path) -> None:
    """'… orientiert?' / 'Falls' / 'ja, gilt …?': all three sentences are question 7."""
    doc = _dev(tmp_path, "LANDTAG-niedersachsen-19-11253-kleine-anfrage-mit-antwort")
    assert doc.questions[6] == (
        "Hat sich die SBK in der Vergangenheit am Grundsatz der Pächtertreue orientiert? Falls "
        "ja, gilt dieser Grundsatz auch weiterhin für die in den Jahren 2026 und 2027 zur "
        "Verlängerung anstehenden Pachtverträge für Güter? Falls dies nicht der Fall ist, warum "
        "hat die SBK den Grundsatz der Pächtertreue aufgegeben?"
    )
    assert doc.answers[6].startswith("Das ArL hat im Auftrag der SBK")


def test_year_alone_on_a_line_is_no_page_number(tmp_path: Path) -> None:
    """'… im Januar' / '2026' / 'veröffentlichte …' keeps the year among bare page numbers."""
    doc = _dev(tmp_path, "LANDTAG-niedersachsen-19-11180-kleine-anfrage-mit-antwort")
    assert doc.questions[6] == (
        "Wie viele Bewerbungen sind nach Kenntnis der Landesregierung auf die im Januar 2026 "
        "veröffentlichte Ausschreibung für das Amt des Präsidenten der HMTMH eingegangen?"
    )


def test_footnote_at_the_page_foot_is_left_out(tmp_path: Path) -> None:
    """Footnote '3 Siehe https://…' (marker 'Im Bundesportal3') is not part of answer 20."""
    text = corpus_path("LANDTAG-niedersachsen-19-11226-kleine-anfrage-mit-antwort", "dev")
    doc = parse_pdf_file(render_text(text.read_text("utf-8"), tmp_path / "plain.pdf"))
    assert len(doc.questions) == 20
    assert doc.answers[19].endswith("Akteurinnen und Akteuren des Gesundheitswesens.")
    assert "anerkennung-in-deutschland" not in doc.full_text


def test_page_number_under_a_running_head_is_left_out(tmp_path: Path) -> None:
    """Landtag head over '4' at a page top: question 4 does not start with the page number."""
    text = corpus_path("LANDTAG-niedersachsen-19-11168-kleine-anfrage-mit-antwort", "dev")
    doc = parse_pdf_file(render_text(text.read_text("utf-8"), tmp_path / "plain.pdf"))
    assert len(doc.questions) == 4
    assert doc.questions[3] == (
        "Welche Maßnahmen wird die Landesregierung gegebenenfalls ergreifen, um die "
        "Unterrichtsversorgung an den Oberschulen im Landkreis Uelzen zu verbessern (bitte mit "
        "Angaben zu den jeweiligen Schulen)?"
    )


def test_title_wrapped_inside_brackets_and_after_a_dash(tmp_path: Path) -> None:
    """'… (Regenrückhaltebecken' / '„Am Born“)' and '… Wilhelmshaven -' / 'Umfang …' stay whole."""
    doc = _diverse(tmp_path, "nordstemmen-DS-84-2007-antwort-cdu-ablaufkanal")
    assert doc.title == (
        "Neubau eines Ablaufkanals in Richtung Rössing (Regenrückhaltebecken „Am Born“)"
    )
    doc = _diverse(tmp_path, "LANDTAG-niedersachsen-19-11270-kleine-anfrage-mit-antwort")
    assert doc.title == (
        "Unterhaltsvorschuss in Niedersachsen und insbesondere in Wilhelmshaven - Umfang der "
        "Leistungen, Rückgriff gegen Unterhaltsschuldner und statistische Erfassung"
    )


def test_party_in_brackets_wrapped_alone_ends_the_line_above(tmp_path: Path) -> None:
    """'Anfrage der Abgeordneten … Schülke' / '(AfD)': the title is the subject, not '(AfD)'."""
    doc = _dev(tmp_path, "LANDTAG-niedersachsen-19-11160-kleine-anfrage-mit-antwort")
    assert doc.title == (
        "Beteiligung des Norddeutschen Rundfunks (NDR) und weiterer öffentlich finanzierter "
        "Einrichtungen an der Veranstaltung „re:publica“?"
    )
    assert doc.factions == ("AfD",)
