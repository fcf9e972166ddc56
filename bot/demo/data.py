"""What the demo's local OParl servers publish, built from the real fixtures. I/O: reads fixtures,
writes PDFs.

Leipzig is served as its old ALLRIS net endpoint (standins/oparl_server.py), extended with
real Leipzig papers of May 2023 (CodeforLeipzig/stadtratmonitor: their full PDF text, rendered
into PDFs) as history, and — during the demo — the real inquiry F-00724/14 of Fraktion
Bündnis 90/Die Grünen (the product's seed document) and a Ratsversammlung that treats it.
Karlsruhe is the real Somacos fixture as it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fetcher.clock import BERLIN
from fetcher.endpoints import Endpoint
from standins.fixtures import TEXT_FIXTURES
from standins.oparl_server import OParlServer
from standins.pdf_render import render_text

LEIPZIG = Endpoint(name="Stadt Leipzig", slug="leipzig", system_urls=())
KARLSRUHE = Endpoint(name="Stadt Karlsruhe", slug="karlsruhe", system_urls=())
# The first sync imports history (notifying nobody) from this day on: Leipzig's May 2023 papers
# and the ALLRIS net page's paper of 2014 (left out, a later poll would take it for new).
FIRST_SYNC_SINCE = date(2014, 1, 1)
# Karlsruhe's history starts later: each of its PDFs is rendered on request (about 0.3 s of CPU),
# and some 45 papers and 80 meetings suffice for /suche and /termine while start-up stays short.
KARLSRUHE_SINCE = date(2025, 9, 1)

# Real Leipzig papers with their PDF text (stadtratmonitor-input.json): inquiries, a citizen's
# inquiry, a written answer and two motions of the Greens. Budget amendments are left out.
HISTORY_REFERENCES = (
    "VII-F-08613",
    "VII-F-08632",
    "VII-EF-08640",
    "VII-F-08507-AW-01",
    "VII-A-08607",
    "VII-A-08079-NF-02",
)
SEED_TEXT = "politik-bei-uns-leipzig-F-00724-14.txt"
SEED_FILE_NUMBER = 1011112  # "Dateiname 1011112.pdf" on the seed page (ALLRIS net file id)
# Ids the demo gives what it publishes (the real ones are unknown): high, never in the fixtures.
INQUIRY_NUMBER = 9000724
MEETING_NUMBER = 9000001
ALLRIS_NET = "/bi/oparl/1.0"
V10 = "https://schema.oparl.org/1.0"
MEETING_NAME = "Ratsversammlung"
# Karlsruhe's real AfD inquiry 2026/0297 and its Stellungnahme, published anew under this
# demo reference (standins/karlsruhe_publish.py); the real one is part of the history.
KARLSRUHE_REFERENCE = "2026/9297"
MEETING_LEAD = timedelta(hours=23)

Json = dict[str, Any]


@dataclass(frozen=True)
class Inquiry:
    """The real inquiry the demo publishes: its metadata and the text of its PDF."""

    reference: str
    title: str
    text: str


def read_seed_inquiry(root: Path = TEXT_FIXTURES) -> Inquiry:
    """Return F-00724/14 from the seed page: the file's text after "Inhalt der Datei"."""
    page = (root / SEED_TEXT).read_text("utf-8")
    text = page.split("Inhalt der Datei", 1)[1].strip()
    reference = re.search(r"Anfrage Nr\. (\S+)", text)
    title = re.search(r"Betreff (.+?) Sachverhalt", text)
    if reference is None or title is None:
        raise ValueError(f"{SEED_TEXT}: Aktenzeichen oder Betreff nicht gefunden")
    return Inquiry(reference.group(1), title.group(1).strip(), text)


def read_history(root: Path = TEXT_FIXTURES) -> list[Json]:
    """Return the stadtratmonitor records of HISTORY_REFERENCES, in that order."""
    records = json.loads((root / "leipzig" / "stadtratmonitor-input.json").read_text("utf-8"))
    by_reference = {r["reference"]: r for r in records if r.get("content")}
    return [by_reference[ref] for ref in HISTORY_REFERENCES]


def _pdf(text: str, path: Path) -> bytes:
    return render_text(text, path).read_bytes()


def _main_file(server: OParlServer, number: int, pdf: bytes, name: str) -> Json:
    """Serve `pdf` at ALLRIS net's download URL and return the File object pointing there."""
    access = server.add_file(f"{ALLRIS_NET}/download.asp?dtyp=130&id={number}", pdf)
    return {
        "id": f"{server.base_url}{ALLRIS_NET}/files.asp?dtyp=130&id={number}",
        "type": f"{V10}/File",
        "name": name,
        "fileName": f"{number}.pdf",
        "mimeType": "application/pdf",
        "accessUrl": access,
    }


def prepare_leipzig(server: OParlServer, pdf_dir: Path) -> int:
    """Serve the lists the Body names and publish the history papers; return how many."""
    for name, kind in (("meetings", "Meeting"), ("organizations", "Organization")):
        server.add_list(f"{ALLRIS_NET}/{name}.asp", kind, page_param="p", base_query="body=2387")
    history = read_history()
    for record in history:
        number = int(str(record["url"]).rsplit("=", 1)[1])  # real VOLFDNR of the paper
        pdf = _pdf(str(record["content"]), pdf_dir / f"{record['reference']}.pdf")
        stamp = f"{record['published_at']}T00:00:00+02:00"
        server.add_paper(
            {
                "id": f"{server.base_url}{ALLRIS_NET}/papers.asp?id={number}",
                "type": f"{V10}/Paper",
                "name": record["name"],
                "reference": record["reference"],
                "paperType": record["paper_type"],
                "date": record["published_at"],
                "web": record["url"],
                "mainFile": _main_file(server, number, pdf, "Vorlage-Sammeldokument"),
                "created": stamp,
                "modified": stamp,
            }
        )
    return len(history)


def _ids(server: OParlServer) -> dict[str, str]:
    base = f"{server.base_url}{ALLRIS_NET}"
    return {
        "paper": f"{base}/papers.asp?id={INQUIRY_NUMBER}",
        "consultation": f"{base}/consultations.asp?id={INQUIRY_NUMBER}",
        "meeting": f"{base}/meetings.asp?id={MEETING_NUMBER}",
        "agenda_item": f"{base}/agendaitems.asp?id={INQUIRY_NUMBER}",
    }


def shifted_text(text: str, today: date, meeting_day: date) -> str:
    """Return the seed inquiry's text moved to the demo's days, consistently.

    The real paper was written on 21.11.2014 for the Ratsversammlung of 10.12.2014; the demo
    publishes it today for the Ratsversammlung it announces, so the push, /anfrage and the
    meeting alert name the same meeting.
    """
    text = text.replace("21.11.14", today.strftime("%d.%m.%y"))
    return text.replace("10.12.2014", meeting_day.strftime("%d.%m.%Y"))


def publish_inquiry(server: OParlServer, pdf_dir: Path, today: date, meeting_day: date) -> str:
    """Publish F-00724/14 dated `today` with its real text as PDF; return its OParl id.

    Its Beratungsfolge names the Ratsversammlung on `meeting_day` that `publish_meeting`
    announces, so the meeting alert can list it.
    """
    inquiry = read_seed_inquiry()
    ids = _ids(server)
    pdf = _pdf(shifted_text(inquiry.text, today, meeting_day), pdf_dir / "F-00724-14.pdf")
    server.add_paper(
        {
            "id": ids["paper"],
            "type": f"{V10}/Paper",
            "name": inquiry.title,
            "reference": inquiry.reference,
            "paperType": "Anfrage",
            "date": today.isoformat(),
            "mainFile": _main_file(server, SEED_FILE_NUMBER, pdf, "Vorlage-Sammeldokument"),
            "consultation": [
                {
                    "id": ids["consultation"],
                    "type": f"{V10}/Consultation",
                    "paper": ids["paper"],
                    "meeting": ids["meeting"],
                    "agendaItem": ids["agenda_item"],
                    "role": "mündliche Beantwortung",
                    "authoritative": False,
                }
            ],
        }
    )
    return ids["paper"]


def meeting_start(now: datetime) -> datetime:
    """Return when the announced Ratsversammlung starts: about 23 hours from `now` (Berlin)."""
    return (now + MEETING_LEAD).astimezone(BERLIN).replace(second=0, microsecond=0)


def publish_meeting(server: OParlServer, start: datetime) -> str:
    """Announce the Ratsversammlung in the Neues Rathaus with F-00724/14 on the agenda."""
    inquiry = read_seed_inquiry()
    ids = _ids(server)
    server.add_meeting(
        {
            "id": ids["meeting"],
            "type": f"{V10}/Meeting",
            "name": MEETING_NAME,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=5)).isoformat(),
            "location": {
                "id": f"{server.base_url}{ALLRIS_NET}/locations.asp?id={MEETING_NUMBER}",
                "type": f"{V10}/Location",
                "description": "Neues Rathaus",
                "streetAddress": "Martin-Luther-Ring 4-6",
                "postalCode": "04109",
                "locality": "Leipzig",
            },
            "agendaItem": [
                {
                    "id": ids["agenda_item"],
                    "type": f"{V10}/AgendaItem",
                    "meeting": ids["meeting"],
                    "number": "1",
                    "order": 1,
                    "name": f"{inquiry.title} ({inquiry.reference})",
                    "public": True,
                    "consultation": ids["consultation"],
                }
            ],
        }
    )
    return ids["meeting"]
