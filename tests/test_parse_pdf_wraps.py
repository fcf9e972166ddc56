"""Lines wrapped at a PDF's width: a URL cut at a line's end goes on on the next line.

A PDF wraps its lines wherever the width runs out, so a long URL is cut anywhere. Real dev texts
rendered to PDF (standins/pdf_render.py), read by `parse_pdf_file` as `ratsbot parse` does;
expected values were read off the documents.
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


def test_amount_with_a_dash_wrapped_before_its_currency_keeps_the_space(tmp_path: Path) -> None:
    """'… (67.925,-' / 'EUR) zu erklären?' is '67.925,- EUR', not a compound '67.925,-EUR'."""
    doc = _paged(tmp_path, "dresden-mAF0013-14-muendliche-anfrage-afd-spenden-hochwasser")
    assert len(doc.questions) == 3
    assert doc.questions[2].endswith(
        "zwischen der kleinsten Summe (1.000,- EUR) und der größten Summe (67.925,- EUR) zu "
        "erklären?"
    )
