"""A meeting's agenda items as `upsert_meeting` stores them (storage/agenda.py), on real data.

Karlsruhe's meeting 1863 (Ortschaftsrat Durlach, `../shared/fixtures/oparl/karlsruhe/meetings/
1863.json`) has six agenda items, each naming a consultation and no paper; the papers 19667
("Schlossgarten Durlach …") and 19838 ("Vorhabenbezogener Bebauungsplan …") list the
consultations 3749 and 3845 of items 19667 and 19838.
"""

from __future__ import annotations

import dataclasses
import json

from fetcher.oparl import paper_from_json
from fetcher.oparl_json import meeting_from_json
from storage.models import AgendaItem, Kommune
from storage.records import upsert_meeting, upsert_paper
from tests.fixtures_path import OPARL_FIXTURES

KARLSRUHE = OPARL_FIXTURES / "karlsruhe"
ITEM = "https://web1.karlsruhe.de/oparl/bodies/0001/agendaitems/"


def _json(kind: str, name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((KARLSRUHE / kind / f"{name}.json").read_text("utf-8"))
    return data


async def _items() -> dict[str, tuple[int, int, str | None, str | None, str | None]]:
    rows = await AgendaItem.all().values_list(
        "oparl_id", "id", "meeting_id", "number", "name", "paper__reference"
    )
    return {o.removeprefix(ITEM): (i, m, num, name, ref) for o, i, m, num, name, ref in rows}


async def test_items_link_their_consultations_papers_and_a_restore_updates_in_place(
    db_url: str,
) -> None:
    """Items reach their papers through consultations; storing again updates rows in place,
    the last of two items with one id wins, and an item listed by another meeting moves there."""
    kommune = await Kommune.create(
        oparl_id="https://web1.karlsruhe.de/oparl/bodies/0001", name="Karlsruhe", slug="ka"
    )
    for name in ("19667", "19838"):
        await upsert_paper(kommune, paper_from_json(_json("papers", name)))
    meeting = meeting_from_json(_json("meetings", "1863"))
    meeting_id, created = await upsert_meeting(kommune, meeting)
    assert created
    first = await _items()
    assert sorted(first) == ["19667", "19668", "19669", "19670", "19671", "19838"]
    assert {k: v[4] for k, v in first.items() if v[4]} == {"19667": "19667", "19838": "19838"}
    assert first["19668"][2:4] == ("3", "Antrag GRÜNE: Energiesparmarkt Durlach")
    assert {v[1] for v in first.values()} == {meeting_id}

    agenda = list(meeting.agenda)
    agenda[2] = dataclasses.replace(agenda[2], name="Antrag GRÜNE: Energiesparmarkt (neu)")
    agenda.append(dataclasses.replace(agenda[0], number="1a"))
    assert await upsert_meeting(kommune, dataclasses.replace(meeting, agenda=tuple(agenda))) == (
        meeting_id,
        False,
    )
    again = await _items()
    assert {k: v[0] for k, v in again.items()} == {k: v[0] for k, v in first.items()}
    assert again["19668"][3] == "Antrag GRÜNE: Energiesparmarkt (neu)"
    assert again["19667"][2] == "1a"
    assert again["19838"] == first["19838"]

    other = meeting_from_json(_json("meetings", "10118"))
    moved = dataclasses.replace(other, agenda=(*other.agenda, agenda[1]))
    other_id, _ = await upsert_meeting(kommune, moved)
    assert (await _items())["19838"][:2] == (first["19838"][0], other_id)
