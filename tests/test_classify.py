"""Kinds from paperType and references, dedup keys, citizen inquiries, answer links."""

from __future__ import annotations

import pytest

from fetcher.classify import (
    answered_reference,
    is_citizen_inquiry,
    kind_from_paper_type,
    normalise_reference,
)


@pytest.mark.parametrize(
    ("paper_type", "kind"),
    [
        ("Anfrage", "Anfrage"),
        ("Anfrage nach § 28 SächsGemO", "Anfrage"),
        ("Fragestunde", "Anfrage"),
        ("Einwohneranfrage", "Anfrage"),
        ("Kleine Anfrage", "Anfrage"),
        ("Beantwortung einer Anfrage", "Antwort"),
        ("Stellungnahme zur Anfrage", "Antwort"),
        ("schriftliche Antwort zur Anfrage", "Antwort"),
        ("Antrag", "Antrag"),
        ("Neufassung Antrag", "Antrag"),
        ("Änderungs-/Ergänzungsantrag", "Antrag"),
        ("Änderung zum HH-Planentwurf", "Antrag"),
        ("Beschlussvorlage", "Vorlage"),
        ("Neufassung Beschlussvorlage", "Vorlage"),
        ("Informationsvorlage", "Informationsvorlage"),
        ("Niederschrift", "Niederschrift"),
        ("Stellungnahme zum Antrag", "sonstiges"),
        ("Petition", "sonstiges"),
    ],
)
def test_kind_from_paper_type(paper_type: str, kind: str) -> None:
    """Free-text paperType values seen on real servers map to one of KINDS."""
    assert kind_from_paper_type(paper_type, None) == kind


@pytest.mark.parametrize(
    ("reference", "kind"),
    [
        ("F-00724/14", "Anfrage"),
        ("VII-F-01234", "Anfrage"),
        ("VII-EF-08640", "Anfrage"),
        ("VII-F-08507-AW-01", "Antwort"),
        ("VII-A-08607", "Antrag"),
        ("VII-A-07860-NF-04", "Antrag"),
        ("VII-DS-08561", "Vorlage"),
        ("2025/0299", "sonstiges"),
    ],
)
def test_kind_from_reference_when_type_missing(reference: str, kind: str) -> None:
    """Without a paperType, Leipzig's reference scheme decides."""
    assert kind_from_paper_type(None, reference) == kind


def test_paper_type_wins_over_parsed_kind_and_parsed_kind_is_last_resort() -> None:
    """OParl's paperType beats the PDF; the parsed kind fills in when nothing else is known."""
    assert kind_from_paper_type("Antrag", None, parsed_kind="Anfrage") == "Antrag"
    assert kind_from_paper_type(None, "2025/0299", parsed_kind="Anfrage") == "Anfrage"
    assert kind_from_paper_type(None, None, parsed_kind="bogus") == "sonstiges"


def test_normalise_reference() -> None:
    """Dedup keys ignore case, whitespace, dash variants and zero padding."""
    assert normalise_reference("F-00724/14") == "F-724/14"
    assert normalise_reference("f-724 / 14") == "F-724/14"
    assert normalise_reference("F‑00724/14") == "F-724/14"
    assert normalise_reference("VII-EF-08640") == "VII-EF-8640"
    assert normalise_reference("17 / 273") == "17/273"
    assert normalise_reference("2025/0000") == "2025/0"
    assert normalise_reference("VII-F-08507") != normalise_reference("VII-F-08507-AW-01")


def test_citizen_inquiry() -> None:
    """Einwohneranfragen are recognised by type or by Leipzig's EF reference."""
    assert is_citizen_inquiry("Einwohneranfrage", None)
    assert is_citizen_inquiry(None, "VII-EF-08640")
    assert is_citizen_inquiry("Fragestunde", None)
    assert not is_citizen_inquiry("Anfrage", "VII-F-08632")
    assert not is_citizen_inquiry(None, None)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Antwort zu F-00724/14", "F-00724/14"),
        ("Stellungnahme zur Anfrage VII-F-08507", "VII-F-08507"),
        ("schriftliche Antwort zur Anfrage-Nr. VII-F-08507-AW-01", "VII-F-08507"),
        ("VII-F-08507-AW-01", "VII-F-08507"),
        ("Beantwortung zur Anfrage 23/2018", "23/2018"),
        ("Antwort zur Anfrage Nr. V/F 123", "V/F 123"),
        ("Gebt die Dächer frei!", None),
        ("Anfrage F-1/14", None),
    ],
)
def test_answered_reference(text: str, reference: str | None) -> None:
    """Answer names and reference suffixes point to the inquiry they answer."""
    assert answered_reference(text) == reference
