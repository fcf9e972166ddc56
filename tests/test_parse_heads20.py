"""The title after a type phrase with its legal basis, meeting or date (issue 11, twentieth round).

Real dev documents, their head rewritten by bench.title_variants' own layouts (a letter's subject
line "Anfrage gem. § 16 Abs. 1 GO: <subject>", an answer letter's "Ihre Anfrage vom <date> –
<subject>", a meeting line between the sender and the subject), read as printed, flat and para.
"""

from __future__ import annotations

import pytest

from bench import title_variants as tv
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.variant_cases import SHAPES, dev_item, head_rewritten

_SHAPES = SHAPES
_INQUIRY = "dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen"
_ANSWER = "LANDTAG-niedersachsen-19-11161-kleine-anfrage-mit-antwort"
_MAIL_INQUIRY = "karlsruhe-2014-0802-anfrage-gruene-streuobstwiesen"


@pytest.mark.parametrize("shape", sorted(_SHAPES))
@pytest.mark.parametrize(
    "variant",
    ["prefix: T gem. § 16 Abs. 1 GO: subject", "prefix: T zur Sitzung des Rates am DATE: subject"],
)
def test_legal_basis_and_meeting_leave_the_title(variant: str, shape: str) -> None:
    """The legal basis or the meeting before the colon is no part of an inquiry's title."""
    text, title = head_rewritten(_INQUIRY, variant)
    assert parse_text(_SHAPES[shape](text)).title == title


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_reply_reference_leaves_the_title(shape: str) -> None:
    """An answer letter's "Ihre Anfrage vom <date> –" before the subject is no part of the title."""
    text, title = head_rewritten(_ANSWER, "prefix: Ihre Anfrage vom DATE – subject")
    assert parse_text(_SHAPES[shape](text)).title == title


@pytest.mark.parametrize("shape", ["text", "para"])
def test_meeting_line_is_no_title(shape: str) -> None:
    """A meeting line between the sender and the subject is skipped: the subject below is the
    title."""
    text, title = head_rewritten(_INQUIRY, tv.MEETING_LINE)
    assert parse_text(_SHAPES[shape](text)).title == title


def test_dated_sender_and_dash_before_subject() -> None:
    """ "Anfrage der …-Fraktion vom <date> – <subject>" printed in a form's head: the subject is
    the title (Karlsruhe, Ortschaftsrat Neureut)."""
    item = dev_item("karlsruhe-2020-or-neureut-informationsvorlage-gruene-kroetenschranke")
    title = parse_text(item.text).title
    assert title is not None
    assert title.startswith("Status Schranken „Alte Bahnlinie“")
    assert "Anfrage" not in title
    assert "21.08.2020" not in title


@pytest.mark.parametrize(
    "name",
    [
        "dresden-AF2024-13-anfrage-spd-parkplaetze-krankenhaeuser",
        "karlsruhe-2025-0729-anfrage-or-groetzingen-bauhof",
    ],
)
def test_letter_paragraph_before_lead_in_is_the_summary(name: str) -> None:
    """A letter's paragraph before its lead-in ("… Wir bitten um Beantwortung folgender Fragen:")
    is its Sachverhalt: the summary as printed and flat, without the lead-in or a question."""
    text = dev_item(name).text
    printed, run_together = parse_text(text), parse_text(flat(text))
    assert printed.summary
    assert printed.summary == run_together.summary
    assert "?" not in printed.summary
    assert "Beantwortung" not in printed.summary


@pytest.mark.parametrize("shape", ["text", "para"])
def test_heading_over_the_questions_when_the_subject_line_names_the_meeting(shape: str) -> None:
    """An e-mail whose "Betreff:" names only the meeting: the heading between the lead-in and the
    first question is the title."""
    text, title = head_rewritten(_MAIL_INQUIRY, tv.MAIL)
    assert parse_text(_SHAPES[shape](text)).title == title
