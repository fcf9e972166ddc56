"""Lines wrapped at a PDF's width: a word or a URL cut at the line's end goes on on the next line.

A PDF wraps its lines wherever the width runs out, so the rest of a sentence can open a line and
look like a heading or a document type ("Beantwortung auf meine Frage 2 …", "Anfrage" alone), and
a long URL is cut anywhere. Real dev texts rendered to PDF (standins/pdf_render.py), read by
`parse_pdf_file` as `ratsbot parse` does; expected values were read off the documents.
"""

from __future__ import annotations

from pathlib import Path

from fetcher.model import ParsedDocument
from fetcher.parse import parse_pdf_file
from standins.pdf_render import render_paged_text
from tests.corpus_data import corpus_path


def _paged(tmp_path: Path, name: str) -> ParsedDocument:
    text = corpus_path(name, "dev").read_text("utf-8")
    doc = parse_pdf_file(render_paged_text(text, tmp_path / "paged.pdf"))
    assert doc.parse_status == "ok", doc.parse_error
    return doc


LANDTAG = "LANDTAG-niedersachsen-19-{}-kleine-anfrage-mit-antwort"


def test_url_cut_at_the_line_end_is_joined_without_a_space(tmp_path: Path) -> None:
    """'…/05-13-ard-und-zdf-auf-der-re-publica-2026-100' / '.html).' is one URL in answer 6."""
    doc = _paged(tmp_path, LANDTAG.format(11160))
    assert (
        "https://www.ard.de/die-ard/pressekontakt/ard-pressemeldungen/2026/"
        "05-13-ard-und-zdf-auf-der-re-publica-2026-100.html). Da etwaige Besuche"
    ) in " ".join(doc.answers[5].split())


def test_url_cut_before_a_dash_is_joined_and_the_next_url_stays_apart(tmp_path: Path) -> None:
    """'…/tod' / '-von-liana-k-…' joins; footnote 2's URL after footnote 1's stays its own word."""
    doc = _paged(tmp_path, LANDTAG.format(11197))
    answer = " ".join(doc.answers[0].split())
    assert (
        "2 https://www.ndr.de/nachrichten/niedersachsen/braunschweig_harz_goettingen/"
        "tod-von-liana-k-in-friedland-31-jaehriger-muss-in-psychiatrie,friedlandverfahren-100.html"
    ) in answer


def test_answer_word_wrapped_to_a_line_start_is_no_answer_heading(tmp_path: Path) -> None:
    """'… steht als' / 'Beantwortung auf meine Frage 2 …' in an inquiry's prose: still Anfrage."""
    doc = _paged(tmp_path, "dresden-AF2016-13-anfrage-fdp-fragerecht-geschaeftsordnung")
    assert doc.kind == "Anfrage"
    assert len(doc.questions) == 5
    assert doc.answers == ()


def test_document_type_word_wrapped_alone_is_no_type_label(tmp_path: Path) -> None:
    """'… Ihrer o. g.' / 'Anfrage' / 'verzögert, da …' in an interim notice asks nothing."""
    doc = _paged(tmp_path, "dresden-AF2008-13-zwischenbescheid-jugendhaeuser")
    assert doc.kind == "sonstiges"
    assert doc.questions == ()
