"""Publish the real Karlsruhe inquiry 2026/0297 and its real answer anew (I/O: writes PDFs).

For the tests and the demo. Inquiry text: file-contents/677733.txt ("Anfrage: AfD", 8 questions);
answer: file-contents/678136.txt ("Stellungnahme zur Anfrage", the 8 questions with their
answers). Both are rendered into PDFs (standins/pdf_render.py) and served by the local OParl
server under a new reference, dated now.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from standins.fixtures import OPARL_FIXTURES
from standins.oparl_server import OParlServer
from standins.pdf_render import render_text

KARLSRUHE = OPARL_FIXTURES / "karlsruhe"


def publish_inquiry(server: OParlServer, reference: str, pdf_dir: Path) -> dict[str, Any]:
    """Publish 2026/0297's paper and PDF under a new reference (dated now); return it as served."""
    obj = json.loads((KARLSRUHE / "papers/54457.json").read_text(encoding="utf-8"))
    text = (KARLSRUHE / "file-contents/677733.txt").read_text(encoding="utf-8")
    skip = ("id", "created", "modified", "date", "auxiliaryFile")
    new = {k: v for k, v in obj.items() if k not in skip}
    new["reference"] = reference
    pdf = render_text(text, pdf_dir / f"inquiry-{reference.replace('/', '-')}.pdf")
    return server.add_paper(new, pdf_bytes=pdf.read_bytes())


def publish_answer(server: OParlServer, served: dict[str, Any], pdf_dir: Path) -> str:
    """Attach the real Stellungnahme to the served paper (as SessionNet does); return its URL."""
    text = (KARLSRUHE / "file-contents/678136.txt").read_text(encoding="utf-8")
    number = served["id"].rstrip("/").rsplit("/", 1)[-1].rsplit("=", 1)[-1]
    access = f"/oparl/bodies/0001/downloadfiles/a/answer-{number}.pdf"
    pdf = render_text(text, pdf_dir / f"answer-{number}.pdf")
    url = server.add_file(access, pdf.read_bytes())
    answer_file = {
        "id": served["id"] + "/files/answer",
        "type": "https://schema.oparl.org/1.1/File",
        "name": "Stellungnahme zur Anfrage",
        "mimeType": "application/pdf",
        "accessUrl": url,
    }
    server.touch_paper(served["id"], auxiliaryFile=[*served["auxiliaryFile"], answer_file])
    return url
