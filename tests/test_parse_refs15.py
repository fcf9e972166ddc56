"""The form head run together: the paper's number and its subject (issue 11, fifteenth round).

Real dev forms (committed Dresden and Nordstemmen forms; Karlsruhe and Leipzig forms rebuilt from
the fetched snapshots, skipped without ../.mirror) with their head rewritten by
bench.form_variants' own transforms (`rewrite`: the number, type and date printed again in another
layout) or bench.reference_variants' (`cases`: the own number with a filing unit after it), then
run together into one line per page (bench.text_shapes "flat", text as a scraped page or an OParl
File.text delivers it). Expected: the labelled reference (tests/corpus/dev/*.json) and the subject
as the document prints it. Every test here fails on main a8c7118 unless its docstring calls it a
guard.
"""

from __future__ import annotations

import pytest

from bench.form_variants import rewrite
from bench.reference_variants import _fold, cases
from bench.text_shapes import flat
from fetcher.parse import parse_text
from tests.corpus_data import corpus_path, dev_label


def _text(name: str) -> str:
    return corpus_path(name, "dev").read_text("utf-8")


def _variant(name: str, variant: str) -> str:
    """Return a dev form with its head in `variant`'s layout (bench.form_variants), run together."""
    text = _text(name)
    rewritten = rewrite(text, dev_label(name), variant, parse_text(text).title)
    assert rewritten is not None
    return flat(rewritten)


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        # "Datum: 25. Januar 2013 AF2006/13 Anfrage Fraktion …": the number after the date's value
        ("dresden-AF2006-13-anfrage-gruene-schulbaumassnahmen", "number then type"),
        # "Stadt Karlsruhe Der Oberbürgermeister 2016/0153 Anfrage Stadtrat …"
        ("karlsruhe-2016-0153-anfrage-kult-inklusive-beschulung", "number then type"),
        # "1/1 VII-F-08613 Anfrage": a page counter before the number
        ("leipzig-VII-F-08613-anfrage-linke-tvoed-inflationsausgleich", "number then type"),
        # "535 Stellungnahme zur Anfrage Stadtrat …": a plain number before the type
        ("karlsruhe-2010-stellungnahme-linke-erneuerbare-energien", "number then type"),
        # "Vorlagenart: Vorlage-Nr.: Beantwortung einer Anfrage 2023/0640 …": labels, then values
        ("karlsruhe-2023-0640-stellungnahme-spd-or-wolfartsweier-zuendhuetle-turm", "columns"),
        ("karlsruhe-2006-anfrage-kal-led-ampeln-stellungnahme", "columns"),
        # "Anfrage Vorlage-Nr.: 518 der CDU-Ortschaftsratsfraktion …": a field, not a sentence
        ("karlsruhe-2019-or-groetzingen-anfrage-cdu-wege-speitel", "title line"),
    ],
)
def test_number_in_a_head_run_together(name: str, variant: str) -> None:
    """The paper's own number is read where the head's fields were run together around it."""
    assert parse_text(_variant(name, variant)).reference == dev_label(name)["reference"]


@pytest.mark.parametrize(
    ("name", "variant", "subject"),
    [
        # "Eingang: 30.04.2024, CDU-Ortschaftsratsfraktion Barrierefreie Bushaltestelle …"
        (
            "karlsruhe-2024-0495-anfrage-cdu-or-hohenwettersbach-bushaltestelle",
            None,
            'Barrierefreie Bushaltestelle "Medersbuckel"',
        ),
        # "… Stadtrat Uwe Lancier (KULT) vom 23. März 2016 Aktueller Stand …" / "Gremium Termin"
        (
            "karlsruhe-2016-0153-anfrage-kult-inklusive-beschulung",
            "columns",
            "Aktueller Stand der Anmeldungen für eine „inklusive Beschulung“",
        ),
        # "Eingang: 15.10.2024 Gekündigte Erbpachtverträge … Durlach-Aue CDU-OR-Fraktion"
        (
            "karlsruhe-2024-1163-anfrage-cdu-or-durlach-erbpacht",
            "columns",
            "Gekündigte Erbpachtverträge Kärntnerstraße Durlach-Aue",
        ),
        # "Termin: TOP: 63. Plenarsitzung Gemeinderat 22.07.2014 16 öffentlich Baumkataster"
        ("karlsruhe-2014-0671-anfrage-fw-baumkataster", "columns", "Baumkataster"),
        # "… Beratungsfolge Sitzungstermin Stand Rat 15.12.2011 Mitteilung Anfrage der CDU-…
        # Baugrundstücke Inhalt der Mitteilung: 1. …"
        (
            "nordstemmen-DS-70-2011-antwort-cdu-baugrundstuecke",
            "columns",
            "Anfrage der CDU-Fraktion zur Vermarktung der Baugrundstücke",
        ),
        # "Anfrage 2016/0760 Seite 1 von 2 … Stadtrat Jürgen Wenzel (FW) Feinstaubmessung Turmberg"
        (
            "karlsruhe-2016-0760-anfrage-fw-feinstaub-turmberg",
            "running head",
            "Feinstaubmessung Turmberg",
        ),
        # "… Verwaltungsausschuss 27.11.2014 Kenntnisnahme Beantwortung einer Anfrage zur …"
        (
            "nordstemmen-DS-77-2014-antwort-kita-integrative-gruppen",
            None,
            "Beantwortung einer Anfrage zur Auslastung der integrativen Gruppen in den"
            " Kindertagesstätten der Gemeinde Nordstemmen",
        ),
        # "Thema: Neubau eines Ablaufkanals … („Am Born“) Inhalt der Mitteilung: Die CDU-…"
        (
            "nordstemmen-DS-84-2007-antwort-cdu-ablaufkanal",
            "columns",
            "Neubau eines Ablaufkanals in Richtung Rössing (Regenrückhaltebecken „Am Born“)",
        ),
    ],
)
def test_subject_in_a_head_run_together(name: str, variant: str | None, subject: str) -> None:
    """The subject starts after the last field's value and ends at the next label or the text."""
    text = flat(_text(name)) if variant is None else _variant(name, variant)
    assert parse_text(text).title == subject


@pytest.mark.parametrize(
    "name",
    [
        # "Vorlage Nr.: TOP: 63. Plenarsitzung Gemeinderat 22.07.2014 2014/0671/FB 3 16 …"
        "karlsruhe-2014-0671-anfrage-fw-baumkataster",
        # "Antrag Nr.:" / "Datum: A0087/09/FB 3 25.11.2009": a label column run together
        "dresden-A0087-09-antrag-cdu-blaues-wunder",
        # "… www.linke-fraktion-dresden.de Anfrage Nr.: AF2014/13/FB 3"
        "dresden-AF2014-13-anfrage-linke-rundfunkbeitrag",
        # "mAF0010/14/FB 3" below the answer letter's subject
        "dresden-mAF0010-14-antwort-fdp-fahnenmasten",
    ],
)
def test_own_number_with_its_filing_unit(name: str) -> None:
    """The own number with a filing unit after it ("…/FB 3") is read whole, run together too."""
    case = cases(_text(name), dev_label(name))["own/FB 3"]
    assert _fold(parse_text(flat(case.text)).reference) in case.accepted


def test_run_together_subject_as_printed_keeps_its_lines() -> None:
    """Guard: the same forms as printed read the same subject (passes on main too)."""
    name = "karlsruhe-2024-0495-anfrage-cdu-or-hohenwettersbach-bushaltestelle"
    assert parse_text(_text(name)).title == 'Barrierefreie Bushaltestelle "Medersbuckel"'
