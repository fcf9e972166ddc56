"""The Land of a Kommune, from the Amtlicher Gemeindeschlüssel its OParl Body gives. Pure, no I/O.

The bundled endpoint list (fetcher/data/endpoints.json, from the OParl registry) names no Land;
the registry's Wikidata and OSM ids would need a lookup outside. The Body's `ags` (OParl 1.1,
8 digits) or `rgs` (12 digits) does say it: its first two digits are the Land's key in the
Gemeindeverzeichnis of the Statistisches Bundesamt. A Kommune whose server has not been read yet,
or does not send the key, has no Land here; it stays in the alphabetical list. Nothing is
guessed from a name or a host.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.chat.abo_parse import KommuneRef

# Schlüssel der Länder (Destatis, Gemeindeverzeichnis-Informationssystem GV-ISys).
LANDS: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


@dataclass(frozen=True)
class LandCount:
    """A Land the picker offers and how many of the offered Kommunen lie in it."""

    code: str
    name: str
    kommunen: int


def land_code(ags: str | None) -> str | None:
    """Return the Land's two-digit key from an AGS (8 digits) or RGS (12), or None.

    A key one digit short lost its leading zero as a number ("5358016", Hürtgenwald in NRW);
    Krefeld's server sends 9 digits ("051140000"): the Land's key still leads.
    """
    if not ags or not ags.isascii() or not ags.isdigit():
        return None
    if len(ags) in (7, 11):
        ags = "0" + ags
    if not 8 <= len(ags) <= 12:
        return None
    code = ags[:2]
    return code if code in LANDS else None


def land_of(ref: KommuneRef, ags_by_kommune: Mapping[int, str]) -> str | None:
    """Return the Land key of a Kommune, or None when its server has not told it."""
    if ref.kommune_id is None:
        return None
    return land_code(ags_by_kommune.get(ref.kommune_id))


def lands_offered(
    kommunen: Sequence[KommuneRef], ags_by_kommune: Mapping[int, str]
) -> tuple[list[LandCount], int]:
    """Return the Länder of these Kommunen (alphabetical) and how many have no known Land."""
    counts: dict[str, int] = {}
    unknown = 0
    for ref in kommunen:
        code = land_of(ref, ags_by_kommune)
        if code is None:
            unknown += 1
        else:
            counts[code] = counts.get(code, 0) + 1
    lands = [LandCount(code, LANDS[code], n) for code, n in counts.items()]
    return sorted(lands, key=lambda land: land.name), unknown
