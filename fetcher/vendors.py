"""OParl vendor dialects: detection from the System object and URL shape, and named fixups. Pure.

Every fixup is a small function named for the vendor and symptom, with the evidence from
OPARL-NOTES.md (section numbers) beside it, and a test on the real payload in tests/test_vendors.py.
Object fixups take a raw JSON object and return a repaired copy; they never raise on odd input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

JsonObject = dict[str, Any]
ObjectFixup = Callable[[JsonObject], JsonObject]

ALLRIS_NET = "allris-net"
ALLRIS4_PUBLIC = "allris4-public"
ALLRIS4 = "allris4"
SOMACOS = "somacos"
STERNBERG = "sternberg"
MORE_RUBIN = "more-rubin"
GENERIC = "generic"


@dataclass(frozen=True)
class Dialect:
    """What a vendor's OParl server does differently, as the client needs to know it."""

    name: str
    # List order: True = newest first (walk from page 1), False = oldest first (walk from
    # links.last backwards), None = unknown (guess from the first page's dates).
    newest_first: bool | None = None
    # Percent-encode ":" and "+" in filter timestamps (Wuppertal rejects it, Köln needs "+").
    encode_filter_values: bool = True
    object_fixups: tuple[ObjectFixup, ...] = field(default=())


# --- CC e-gov ALLRIS net (OParl 1.0, *.asp) --------------------------------------------------


def allris_net_web_url(obj: JsonObject) -> JsonObject:
    """Make ALLRIS net's broken relative `web` links absolute.

    CC e-gov ALLRIS net writes `"web": "N/Avo020.asp?VOLFDNR=1000030"` (the `N/A` placeholder
    glued to a relative URL), seen in Leipzig's old papers.asp page (§2.2, meine-stadt-transparent
    testdata; CodeforLeipzig's FixWebUrlPipeline). The page lives beside `oparl/` on the same host.
    """
    web = obj.get("web")
    oid = obj.get("id")
    if not (isinstance(web, str) and isinstance(oid, str) and web.startswith("N/A")):
        return obj
    rest = web[3:].strip()
    if not rest:
        return {k: v for k, v in obj.items() if k != "web"}
    base = oid.split("/oparl/")[0] + "/" if "/oparl/" in oid else oid
    return {**obj, "web": urljoin(base, rest)}


def allris_net_placeholder_strings(obj: JsonObject) -> JsonObject:
    """Drop ALLRIS net's `"N/A"` and whitespace-only values (§4.1; Leipzig System "name": "N/A")."""
    return {k: v for k, v in obj.items() if not is_placeholder_string(v)}


def is_placeholder_string(value: Any) -> bool:
    """Return whether a value is one of the "no data" strings real servers send."""
    return isinstance(value, str) and (value.strip() == "" or value.strip() == "N/A")


def allris_auxiliary_file_object(obj: JsonObject) -> JsonObject:
    """Wrap a single `auxiliaryFile` object in a list.

    ALLRIS net and Bonn's ALLRIS 4 send one object instead of an array (§4.1; real payload:
    meine-stadt-transparent extracted/bonn_allris_meeting_664.json, test_auxiliary_file_object).
    """
    aux = obj.get("auxiliaryFile")
    if isinstance(aux, dict):
        return {**obj, "auxiliaryFile": [aux]}
    return obj


# --- CC e-gov ALLRIS 4 ("public" dialect and new /oparl/ path dialect) ----------------------

_ALLRIS_MIME = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain",
}


def allris4_short_mime_type(mime_type: str | None) -> str | None:
    """Expand ALLRIS 4's `mimeType: "pdf"` / `"docx"` to real MIME types.

    ALLRIS 4 public (Augsburg paper_1001737.json mainFile, Bonn meeting 664 invitation) (§4.2).
    """
    if mime_type is None:
        return None
    short = mime_type.strip().lower()
    return _ALLRIS_MIME.get(short, mime_type.strip() or None)


def allris4_double_colon_offset(value: str) -> str:
    """Repair ALLRIS 4's `+01::00` time zone offsets (Bonn body, Dec 2019; §4.2, mst 53072ff2)."""
    return re.sub(r"([+-]\d{2})::(\d{2})$", r"\1:\2", value)


# ALLRIS 4 new dialect stamps created/modified with 2000-01-01 (Osnabrück) or 1970-01-01 (Bonn)
# on every object (§4.3, ratslotse): such values mean "unknown", never "old".
PLACEHOLDER_DATES = ("1970-01-01", "2000-01-01")


def is_placeholder_timestamp(value: Any) -> bool:
    """Return whether a date/date-time string is an ALLRIS 4 placeholder (§4.3)."""
    return isinstance(value, str) and value.strip()[:10] in PLACEHOLDER_DATES


def allris4_placeholder_timestamps(obj: JsonObject) -> JsonObject:
    """Drop `created`/`modified`/`date` placeholders (2000-01-01, 1970-01-01) (§4.3)."""
    drop = {k for k in ("created", "modified", "date") if is_placeholder_timestamp(obj.get(k))}
    return {k: v for k, v in obj.items() if k not in drop} if drop else obj


def allris4_lowercase_agendaitem(obj: JsonObject) -> JsonObject:
    """Rename ALLRIS 4's lowercase `agendaitem` key of Consultations to `agendaItem` (§4.3).

    Applies to the object itself and to the Consultations embedded in a Paper.
    """
    fixed = obj
    if "agendaitem" in obj and "agendaItem" not in obj:
        fixed = {("agendaItem" if k == "agendaitem" else k): v for k, v in obj.items()}
    consultations = fixed.get("consultation")
    if isinstance(consultations, list) and any(
        isinstance(c, dict) and "agendaitem" in c for c in consultations
    ):
        fixed = {
            **fixed,
            "consultation": [
                allris4_lowercase_agendaitem(c) if isinstance(c, dict) else c for c in consultations
            ],
        }
    return fixed


def allris4_type_abbreviation(obj: JsonObject) -> JsonObject:
    """Use the capitalised `Type` key when ALLRIS 4 writes an abbreviation into `type`.

    Organizations come as `"type": "gr"` / `"at"` with the real type URL in `"Type"` (§4.3).
    """
    real = obj.get("Type")
    current = obj.get("type")
    if isinstance(real, str) and (not isinstance(current, str) or "/" not in current):
        return {**{k: v for k, v in obj.items() if k != "Type"}, "type": real, "typeCode": current}
    return obj


_ALLRIS_NUMBER = re.compile(r"(?:[?&](?:id|VOLFDNR)=|/papers/)(\d+)(?:$|[&?/])")


def allris_paper_number(url: str) -> str | None:
    """Return ALLRIS's numeric paper id (VOLFDNR) from either id form.

    Ids change form on migration: `…/public/oparl/papers?id=5` became `…/oparl/papers/5`
    (mandari #88, §2.1), so dedup needs a key that survives it.
    """
    match = _ALLRIS_NUMBER.search(url)
    return match.group(1) if match else None


# --- Somacos SessionNet ---------------------------------------------------------------------

_MAIN_FILE_NAME = re.compile(r"anfrage|antrag|vorlage|sammeldokument|beschluss", re.IGNORECASE)
_NOT_MAIN_FILE_NAME = re.compile(r"^(stellungnahme|protokoll|anlage|niederschrift)", re.IGNORECASE)


def somacos_main_file_index(names: list[str | None]) -> int | None:
    """Return which auxiliary file is the paper's main document, or None when there is none.

    Somacos sends no `mainFile`; the document is one of `auxiliaryFile[]` (Münster, Karlsruhe,
    §4.4). Karlsruhe names them "Anfrage", "Stellungnahme Anfrage", "Protokoll TOP 28": prefer a
    name saying Anfrage/Antrag/Vorlage, skip answers and minutes, else take the first file.
    """
    if not names:
        return None
    candidates = [i for i, n in enumerate(names) if not _NOT_MAIN_FILE_NAME.match(n or "")]
    for i in candidates:
        if _MAIN_FILE_NAME.search(names[i] or ""):
            return i
    return candidates[0] if candidates else None


def wuppertal_raw_filter_timestamps(system_url: str) -> bool:
    """Return False for servers that reject percent-encoded filter timestamps.

    Somacos Wuppertal answers `%3A`/`%2B` in `modified_since` with HTTP 404 text/html (§4.4, mst
    SomacosLoader and test_somacos.py, commit 16323f42); everyone else needs `+` encoded (Köln).
    """
    return urlsplit(system_url).hostname != "oparl.wuppertal.de"


# --- Sternberg SD.NET RIM -------------------------------------------------------------------


def sternberg_tombstone_type(obj: JsonObject, expected_type: str | None) -> JsonObject:
    """Give Sternberg's typeless tombstones the type of the list they were found in.

    Krefeld and Hürtgenwald list deleted objects as `{id, created, modified, deleted: true}`
    without `type` (18 of 2,115 Hürtgenwald papers; §4.5, krefeld deleted file sample).
    """
    if "type" not in obj and expected_type is not None:
        return {**obj, "type": expected_type}
    return obj


def sternberg_empty_window(status: int, data: Any) -> bool:
    """Return whether an answer is Sternberg's way of saying "this filtered list is empty".

    Krefeld/Bremen/Essen answer an empty `modified_since` window with HTTP 404 and
    `{"error": "Die angeforderte Ressource wurde nicht gefunden.", "code": 802, …}` or with a bare
    `[]` (§4.5, mst SternbergLoader + test_sternberg.py). Other 404s are real errors.
    """
    if status == 200 and data == []:
        return True
    return status == 404 and isinstance(data, dict) and data.get("code") == 802


def sternberg_single_object_list(data: Any) -> bool:
    """Return whether a list URL answered with one bare object (Krefeld's body list, §4.5)."""
    return isinstance(data, dict) and "data" not in data and isinstance(data.get("id"), str)


def sternberg_double_slash_url(url: str) -> str:
    """Collapse the `files//rim` double slash in Sternberg file URLs (§4.5, mst)."""
    parts = urlsplit(url)
    if "//" not in parts.path:
        return url
    return urlunsplit(parts._replace(path=re.sub(r"/{2,}", "/", parts.path)))


# --- more! rubin ----------------------------------------------------------------------------


def more_rubin_error_message(data: Any) -> str | None:
    """Return the message of an error answer that came with HTTP 200, else None.

    more! rubin answers unknown paths with a 1.0 Error object and HTTP 200 ("Requested class
    doesn't exist.", Error-Code 101; mandari fixture error_class_missing.json), deactivated
    instances with `{"error": "OParl is not active."}` (Edenkoben) (§4.6, §1.6).
    """
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if isinstance(kind, str) and kind.rstrip("/").endswith("/Error"):
        debug = data.get("debug")
        return f"{data.get('message', 'OParl Error')}" + (f" ({debug})" if debug else "")
    if "error" in data and "id" not in data and "data" not in data:
        return str(data["error"])
    return None


def more_rubin_synthetic_timestamps(obj: JsonObject) -> JsonObject:
    """Drop more! rubin's synthetic `created`/`modified` (crawl date at midnight, both equal).

    §4.6: the stamps are the crawl date at midnight and identical, so they say nothing about
    changes (mandari paper_page.json: "2026-09-17T00:00:00+02:00" on every object).
    """
    created, modified = obj.get("created"), obj.get("modified")
    if isinstance(created, str) and created == modified and "T00:00:00" in created:
        return {k: v for k, v in obj.items() if k not in ("created", "modified")}
    return obj


# --- Karlsruhe (Somacos) URL prefix, learnt from the System object --------------------------


def learned_prefix_rewrite(requested_url: str, system_id: str) -> tuple[str, str] | None:
    """Return `(id_prefix, working_prefix)` when a System's id names a path that does not work.

    Karlsruhe's ids and `next` links say `/oparl/` but only `/ris/oparl/` answers (§4.4, `ka`
    src/oparl-url.ts). The System was fetched at `requested_url`; if its own `id` differs only by a
    path prefix, every URL the server hands out must be rewritten the same way.
    """
    req, sid = urlsplit(requested_url), urlsplit(system_id)
    if req.netloc != sid.netloc or req.path == sid.path:
        return None
    if not sid.path or not req.path.endswith(sid.path):
        return None
    origin = f"{sid.scheme}://{sid.netloc}"
    id_prefix = origin + sid.path.rsplit("/", 1)[0] + "/"
    working_prefix = f"{req.scheme}://{req.netloc}" + req.path.rsplit("/", 1)[0] + "/"
    return id_prefix, working_prefix


def rewrite_prefix(url: str, rewrite: tuple[str, str] | None) -> str:
    """Apply a learnt prefix rewrite to one URL (identity without one)."""
    if rewrite is None:
        return url
    old, new = rewrite
    return new + url[len(old) :] if url.startswith(old) and not url.startswith(new) else url


# --- detection ------------------------------------------------------------------------------


def detect_dialect(system: Mapping[str, Any], system_url: str) -> Dialect:
    """Return the dialect of a server from its System object and the URL shape (§3.3)."""
    vendor = str(system.get("vendor", "")).lower()
    product = str(system.get("product", "")).lower()
    name = str(system.get("name", ""))
    contact = str(system.get("contactName", ""))
    path = urlsplit(system_url).path.lower()
    host = urlsplit(system_url).hostname or ""
    encode = wuppertal_raw_filter_timestamps(system_url)

    if (
        "STERNBERG:RIMVersion" in system
        or contact.upper().startswith("STERNBERG")
        or name == "SD.NET RIM"
        or "sitzungsdienst.net" in vendor
        or "/webservice/oparl/" in path
    ):
        # Sternberg lists are sorted by `created` ascending (Hürtgenwald crawl, §4.5).
        return Dialect(STERNBERG, newest_first=False, encode_filter_values=encode)
    if (
        "more-rubin" in vendor
        or contact.lower().startswith("more! software")
        or host.endswith(".gremien.info")
    ):
        return Dialect(
            MORE_RUBIN,
            newest_first=None,
            encode_filter_values=encode,
            object_fixups=(more_rubin_synthetic_timestamps,),
        )
    if "somacos" in vendor or "somacos" in product:
        return Dialect(SOMACOS, newest_first=None, encode_filter_values=encode)
    if "cc-egov" in vendor or "allris" in product or "allris" in name.lower():
        if path.endswith(".asp") or "/oparl/1.0/" in path or "/oparl/1.1/" in path:
            return Dialect(
                ALLRIS_NET,
                newest_first=None,
                encode_filter_values=encode,
                object_fixups=(
                    allris_net_placeholder_strings,
                    allris_net_web_url,
                    allris_auxiliary_file_object,
                ),
            )
        if "public/oparl/" in path:
            # Newest first: Bonn meetings page 1 = 2025-12-31, Augsburg, Leipzig 2023 (§4.2).
            return Dialect(
                ALLRIS4_PUBLIC,
                newest_first=True,
                encode_filter_values=encode,
                object_fixups=(allris_auxiliary_file_object, allris4_lowercase_agendaitem),
            )
        # New path dialect: sorted old → new, newest on links.last (Osnabrück 2026, §4.3).
        return Dialect(
            ALLRIS4,
            newest_first=False,
            encode_filter_values=encode,
            object_fixups=(
                allris4_placeholder_timestamps,
                allris4_lowercase_agendaitem,
                allris4_type_abbreviation,
                allris_auxiliary_file_object,
            ),
        )
    return Dialect(GENERIC, newest_first=None, encode_filter_values=encode)


def apply_fixups(obj: JsonObject, dialect: Dialect) -> JsonObject:
    """Run a dialect's object fixups over one raw object."""
    for fixup in dialect.object_fixups:
        obj = fixup(obj)
    return obj
