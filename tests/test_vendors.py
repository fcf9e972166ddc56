"""Tests for fetcher.vendors: dialect detection and each named fixup on the real payloads."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from fetcher import vendors
from fetcher.oparl_json import (
    meeting_from_json,
    organization_from_json,
    paper_from_json,
    parse_datetime,
)
from tests.fixtures_path import OPARL_FIXTURES

MST = OPARL_FIXTURES / "meine-stadt-transparent"
MANDARI = OPARL_FIXTURES / "mandari/ingestor/tests/fixtures/oparl10"


def load(path: Path) -> Any:
    """Read one fixture JSON file."""
    return json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize(
    ("system_file", "url", "expected", "newest_first"),
    [
        (
            OPARL_FIXTURES / "huertgenwald/system.json",
            "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/system",
            vendors.STERNBERG,
            False,
        ),
        (
            MST / "testdata/systems/Stadt Leipzig.json",
            "https://ratsinfo.leipzig.de/bi/oparl/1.0/system.asp",
            vendors.ALLRIS_NET,
            None,
        ),
        (
            MST / "testdata/systems/Landkreis Märkisch-Oderland.json",
            "http://ratsinfo-online.net/landkreis-mol-bi/oparl/1.0/system.asp",
            vendors.ALLRIS_NET,
            None,
        ),
        (
            OPARL_FIXTURES / "augsburg/system.json",
            "https://www.augsburg.sitzung-online.de/public/oparl/system",
            vendors.ALLRIS4_PUBLIC,
            True,
        ),
        (
            MST / "testdata/oparl-missing/system.json",
            "http://oparl.wuppertal.de/oparl/system",
            vendors.SOMACOS,
            None,
        ),
        (
            MANDARI / "system.json",
            "https://mandant-a.gremien.example/oparl/system",
            vendors.MORE_RUBIN,
            None,
        ),
    ],
)
def test_detect_dialect_from_real_system_objects(
    system_file: Path, url: str, expected: str, newest_first: bool | None
) -> None:
    """Each vendor's real System object (plus URL shape) maps to its dialect and list order."""
    dialect = vendors.detect_dialect(load(system_file), url)
    assert dialect.name == expected
    assert dialect.newest_first is newest_first


def test_detect_allris4_new_path_dialect_from_url_shape() -> None:
    """A CC e-gov System under `<host>/oparl/` (Leipzig 2026, Osnabrück) lists oldest first.

    No real System of that dialect is stored; the Augsburg System stands in, moved to the new
    path, which is exactly what distinguishes the two dialects (OPARL-NOTES.md §4.3).
    """
    system = load(OPARL_FIXTURES / "augsburg/system.json")
    dialect = vendors.detect_dialect(system, "https://www.leipzig.sitzung-online.de/oparl/system")
    assert dialect.name == vendors.ALLRIS4
    assert dialect.newest_first is False
    assert vendors.allris4_placeholder_timestamps in dialect.object_fixups


def test_wuppertal_gets_raw_filter_timestamps_koeln_encoded() -> None:
    """Wuppertal rejects percent-encoded timestamps; everyone else (Köln) gets `+` encoded."""
    assert not vendors.wuppertal_raw_filter_timestamps("https://oparl.wuppertal.de/oparl/system")
    assert vendors.wuppertal_raw_filter_timestamps(
        "https://buergerinfo.stadt-koeln.de/oparl/system"
    )
    wuppertal = load(MST / "testdata/oparl-missing/system.json")
    assert not vendors.detect_dialect(
        wuppertal, "https://oparl.wuppertal.de/oparl/system"
    ).encode_filter_values


def test_allris_net_web_url_made_absolute_leipzig() -> None:
    """Leipzig's `"web": "N/Avo020.asp?VOLFDNR=1000030"` becomes the real vo020.asp page URL."""
    page = load(MST / "extracted/leipzig_old_allris_papers_page_p2.json")
    fixed = vendors.allris_net_web_url(page["data"][0])
    assert fixed["web"] == "https://ratsinfo.leipzig.de/bi/vo020.asp?VOLFDNR=1000030"


def test_allris_net_placeholder_strings_dropped_leipzig_system() -> None:
    """Leipzig's old System says `"name": "N/A"` and `"website": "N/A"`: both are dropped."""
    system = vendors.allris_net_placeholder_strings(
        load(MST / "testdata/systems/Stadt Leipzig.json")
    )
    assert "name" not in system
    assert "website" not in system
    assert system["contactName"] == "Stadt Leipzig"


def test_allris_auxiliary_file_object_bonn_meeting() -> None:
    """Bonn's meeting 664 sends `auxiliaryFile` as one object; it becomes a one-item list."""
    meeting = load(MST / "extracted/bonn_allris_meeting_664.json")
    assert isinstance(meeting["auxiliaryFile"], dict)
    fixed = vendors.allris_auxiliary_file_object(meeting)
    assert [f["name"] for f in fixed["auxiliaryFile"]] == ["Alle Anlagen öffentlich"]
    parsed = meeting_from_json(fixed)
    assert parsed.start == datetime(2021, 5, 11, 17, 0, tzinfo=timezone(timedelta(hours=2)))


def test_allris4_augsburg_paper_short_mime_empty_download_null_originator() -> None:
    """Augsburg's paper: mimeType "pdf", downloadUrl "", originatorPerson [null] are tolerated."""
    paper = paper_from_json(load(OPARL_FIXTURES / "augsburg/paper_1001737.json"))
    assert paper.reference == "TVO-BSV/25/61736-2"
    assert paper.paper_type == "Tischvorlage"
    assert paper.date == date(2025, 12, 1)
    assert paper.originator_person_ids == ()
    assert paper.main_file is not None
    assert paper.main_file.mime_type == "application/pdf"
    assert paper.main_file.download_url is None
    assert paper.main_file.url == (
        "https://www.augsburg.sitzung-online.de/public/doc?DOLFDNR=1059421&DOCTYP=130&OTYP=41&ANNOTS=1"
    )
    assert paper.consultations[0].role == "Entscheidung"
    assert paper.consultations[0].paper_id == paper.oparl_id


def test_allris4_double_colon_offset_bonn_body() -> None:
    """Bonn's Dec-2019 body writes `+01::00`; the timestamp still parses with a +01:00 offset."""
    body = load(MST / "importer/testdata/cc-egov-colon-before.json")
    term = body["legislativeTerm"][0]
    assert term["startDate"] == "1971-05-04T00:00:00+01::00"
    assert vendors.allris4_double_colon_offset(term["startDate"]) == "1971-05-04T00:00:00+01:00"
    assert parse_datetime(term["created"]) == datetime(
        2019, 12, 16, 11, 21, 11, tzinfo=timezone(timedelta(hours=1))
    )


def test_allris4_placeholder_timestamps_mean_unknown() -> None:
    """ALLRIS 4's 2000-01-01 / 1970-01-01 stamps (Osnabrück, Bonn 2026) are dropped, not "old".

    No payload of this dialect is stored; the object follows OPARL-NOTES.md §4.3 literally.
    """
    obj = {
        "id": "https://www.osnabrueck.sitzung-online.de/oparl/papers/42",
        "created": "2000-01-01T00:00:00+01:00",
        "modified": "1970-01-01T00:00:00Z",
        "date": "2026-03-02",
    }
    fixed = vendors.allris4_placeholder_timestamps(obj)
    assert fixed == {"id": obj["id"], "date": "2026-03-02"}
    assert parse_datetime("2000-01-01T00:00:00+01:00") is None
    paper = paper_from_json(obj)
    assert paper.created is None
    assert paper.modified is None


def test_allris4_lowercase_agendaitem_in_embedded_consultations() -> None:
    """A Consultation's `agendaitem` key (ALLRIS 4 new dialect) is read as `agendaItem`."""
    paper = {
        "id": "https://x.example/oparl/papers/5",
        "name": "Anfrage",
        "consultation": [
            {"id": "https://x.example/oparl/consultations/9", "agendaitem": "https://x/ai/1"}
        ],
    }
    parsed = paper_from_json(vendors.allris4_lowercase_agendaitem(paper))
    assert parsed.consultations[0].agenda_item_id == "https://x/ai/1"


def test_allris4_type_abbreviation_uses_capital_type_key() -> None:
    """`"type": "gr"` with the real URL in `"Type"` becomes a proper Organization type."""
    obj = {
        "id": "https://x.example/oparl/organizations/gr/334",
        "type": "gr",
        "Type": "https://schema.oparl.org/1.1/Organization",
        "name": "Projektbeirat",
    }
    fixed = vendors.allris4_type_abbreviation(obj)
    assert fixed["type"] == "https://schema.oparl.org/1.1/Organization"
    assert fixed["typeCode"] == "gr"
    assert organization_from_json(obj).name == "Projektbeirat"


def test_allris_paper_number_survives_id_migration() -> None:
    """Both id forms of one ALLRIS paper (`?id=5`, `/papers/5`) give one number (mandari #88)."""
    assert vendors.allris_paper_number("https://x/public/oparl/papers?id=1001737") == "1001737"
    assert vendors.allris_paper_number("https://x/oparl/papers/1001737") == "1001737"
    assert vendors.allris_paper_number("https://x/oparl/meetings/7") is None


def test_somacos_main_file_picked_from_karlsruhe_auxiliary_files() -> None:
    """Karlsruhe sends no mainFile: "Anfrage …" is the main file, not the Stellungnahme."""
    names: list[str | None] = ["Stellungnahme Anfrage Wettersbach", "Anfrage Wettersbach"]
    assert vendors.somacos_main_file_index(names) == 1
    assert vendors.somacos_main_file_index(["Protokoll TOP 28"]) is None
    assert vendors.somacos_main_file_index(["HBF Süd"]) == 0
    paper = paper_from_json(load(OPARL_FIXTURES / "karlsruhe/papers/16738.json"))
    assert paper.main_file is not None
    assert paper.main_file.name == "HBF Süd"
    assert paper.main_file.role == "main"
    assert paper.extra["main_file_from_auxiliary"] is True


def test_sternberg_tombstone_without_type_huertgenwald() -> None:
    """Hürtgenwald's paper 3419 tombstone has no `type`; it gets the list's type and maps."""
    page = load(OPARL_FIXTURES / "huertgenwald/body/1/paper?page=73.json")
    tomb = next(o for o in page["data"] if o["id"].endswith("/paper/3419"))
    assert "type" not in tomb
    fixed = vendors.sternberg_tombstone_type(tomb, "Paper")
    assert fixed["type"] == "Paper"
    paper = paper_from_json(fixed)
    assert paper.deleted is True
    assert paper.name == ""
    krefeld = load(MST / "extracted/krefeld_sternberg_deleted_file_without_type.json")
    assert vendors.sternberg_tombstone_type(krefeld, "File")["type"] == "File"


def test_sternberg_404_802_means_empty_window_krefeld() -> None:
    """Krefeld's 404 `{"code": 802}` and a bare `[]` mean "empty"; other 404s do not."""
    krefeld = load(MST / "extracted/krefeld_sternberg_404_empty_filtered_list.json")
    assert vendors.sternberg_empty_window(404, krefeld)
    assert vendors.sternberg_empty_window(200, [])
    assert not vendors.sternberg_empty_window(404, {"error": "Not Found"})
    assert not vendors.sternberg_empty_window(200, krefeld)


def test_sternberg_body_served_as_body_list_krefeld() -> None:
    """Krefeld's body list answers one bare Body object, recognised as a one-item list."""
    body = load(MST / "extracted/krefeld_sternberg_body_served_as_body_list.json")
    assert vendors.sternberg_single_object_list(body)
    assert not vendors.sternberg_single_object_list({"data": [body]})


def test_sternberg_double_slash_file_url() -> None:
    """`files//rim` double slashes in Sternberg file URLs are collapsed, the scheme's kept."""
    url = "https://ris.krefeld.de/webservice/oparl/v1.0/body/1/files//rim/a.pdf"
    fixed = vendors.sternberg_double_slash_url(url)
    assert fixed == "https://ris.krefeld.de/webservice/oparl/v1.0/body/1/files/rim/a.pdf"


def test_more_rubin_error_object_with_200() -> None:
    """more! rubin's 1.0 Error object and Edenkoben's `{"error": …}` are recognised as errors."""
    error = load(MANDARI / "error_class_missing.json")
    assert vendors.more_rubin_error_message(error) == (
        "Requested class doesn't exist. (Error-Code 101)"
    )
    assert vendors.more_rubin_error_message({"error": "OParl is not active."}) == (
        "OParl is not active."
    )
    assert vendors.more_rubin_error_message(load(MANDARI / "system.json")) is None


def test_more_rubin_synthetic_timestamps_dropped() -> None:
    """The crawl-date-at-midnight stamps on more! rubin files are dropped, real ones kept."""
    page = load(MANDARI / "paper_page.json")
    main_file = page["data"][0]["mainFile"]
    assert main_file["created"] == main_file["modified"] == "2026-09-17T00:00:00+02:00"
    fixed = vendors.more_rubin_synthetic_timestamps(main_file)
    assert "created" not in fixed
    assert "modified" not in fixed
    real = {"created": "2026-09-17T10:00:00+02:00", "modified": "2026-09-17T10:00:00+02:00"}
    assert vendors.more_rubin_synthetic_timestamps(real) == real


def test_karlsruhe_prefix_rewrite_learnt_from_system_id() -> None:
    """Karlsruhe's System at /ris/oparl/ says id /oparl/: every /oparl/ URL is rewritten."""
    rewrite = vendors.learned_prefix_rewrite(
        "https://web1.karlsruhe.de/ris/oparl/system", "https://web1.karlsruhe.de/oparl/system"
    )
    assert rewrite == ("https://web1.karlsruhe.de/oparl/", "https://web1.karlsruhe.de/ris/oparl/")
    paper = load(OPARL_FIXTURES / "karlsruhe/papers/16738.json")
    assert vendors.rewrite_prefix(paper["id"], rewrite) == (
        "https://web1.karlsruhe.de/ris/oparl/bodies/0001/papers/vo/16738"
    )
    same = vendors.learned_prefix_rewrite(
        "https://oparl.dresden.de/system", "https://oparl.dresden.de/system"
    )
    assert same is None


def test_wuppertal_meeting_with_oparl_10_types_maps() -> None:
    """Wuppertal's 2020 meeting carries 1.0 types on a 1.1 server; it maps all the same."""
    meeting = meeting_from_json(load(MST / "testdata/oparl-missing/meeting.json"))
    assert meeting.name == "SI/0507/20"
    assert meeting.start == datetime(2020, 9, 29, 13, 0, tzinfo=UTC)
    assert len(meeting.organization_ids) == 2
