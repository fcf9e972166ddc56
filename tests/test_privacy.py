"""A citizen's name never shows: the push renderer, the search index, snippets and the CLI.

The document is Leipzig's real Einwohneranfrage VII-EF-08640 ("Drohnen statt Hubschrauber?");
its cover sheet names the citizen after "Eingereicht von:". Each case puts another name form
there and into a closing line of the letter, as citizens sign.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest

from bot.messages.render import PaperView, render_inquiry
from fetcher.privacy import REDACTED_NAME, citizen_names, redact_names
from standins.telegram_html import parse_html
from storage import search
from storage.models import Kommune, Paper
from storage.query import parse_query
from tests.fixtures_path import TEXT_FIXTURES

ROOT = Path(__file__).resolve().parents[1]
REAL_NAME = "Heidi Koll"

# (name on the cover sheet, how the letter is signed, words that must never show)
CASES = [
    ("Jürgen Müller", "Jürgen Müller", ["Müller", "Mueller", "Muller", "Jürgen"]),
    ("Helga Groß", "H. Groß", ["Groß", "Gross", "Helga"]),
    ("Karl Müller-Lüdenscheidt", "Ihr Müller-Lüdenscheidt", ["Müller", "Lüdenscheidt"]),
    ("Anna Maria Schmidt", "A. M. Schmidt", ["Schmidt", "Anna", "Maria"]),
    ("A. Schmidt", "Anna Schmidt", ["Schmidt"]),
]


def _leipzig_citizen_text() -> str:
    papers = json.loads((TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text())
    (raw,) = [p for p in papers if p["reference"] == "VII-EF-08640"]
    content = str(raw["content"])
    assert "Eingereicht von: \nHeidi Koll \n" in content  # read off the cover sheet
    return content


def _document(name: str, signature: str) -> str:
    text = _leipzig_citizen_text().replace(REAL_NAME, name)
    return f"{text}\nMit freundlichen Grüßen\n{signature}\n"


def _leaks(text: str, words: list[str]) -> list[str]:
    return [w for w in words if w.casefold() in text.casefold()]


@pytest.mark.parametrize(("name", "signature", "words"), CASES)
def test_push_renderer_removes_every_name_form(name: str, signature: str, words: list[str]) -> None:
    """The push of a citizen inquiry shows none of the name's forms, even in the summary and a
    question, though the parser stored no submitter."""
    view = PaperView(
        paper_id=8640,
        kind="Anfrage",
        kommune="Leipzig",
        title="Drohnen statt Hubschrauber?",
        reference="VII-EF-08640",
        submitters=(),
        date=dt.date(2023, 5, 9),
        is_citizen_inquiry=True,
        summary=f"Eingereicht von: {name}. Ich wohne in der Südvorstadt.",
        questions=(f"Warum fliegt der Hubschrauber über das Haus von {signature}?",),
    )
    text = parse_html(render_inquiry(view).text).text
    assert _leaks(text, words) == []
    assert "Südvorstadt" in text
    assert REDACTED_NAME in text


def test_redaction_keeps_words_that_only_look_like_names() -> None:
    """The adjective "groß", "Schmidtke" and another person's double name half stay."""
    names = citizen_names((), "Eingereicht von: Helga Groß")
    assert names == ("Helga Groß",)
    assert redact_names("Das ist groß. Frau GROSS", names) == f"Das ist groß. Frau {REDACTED_NAME}"
    names = ("Anna Schmidt", "Karl Müller-Lüdenscheidt")
    assert redact_names("Schmidtke, Meier-Lüdenscheidt", names) == "Schmidtke, Meier-Lüdenscheidt"


async def _store(kommune: Kommune, reference: str, text: str) -> int:
    paper = await Paper.create(
        kommune=kommune,
        oparl_id=f"privacy-{reference}",
        reference=reference,
        title="Drohnen statt Hubschrauber?",
        paper_type="Einwohneranfrage",
        kind="Anfrage",
        date=dt.date(2023, 5, 9),
        full_text=text,
        summary="Ich wohne in der Südvorstadt.",
        citizen_inquiry=True,
    )
    await search.index_paper(paper.id)
    return int(paper.id)


@pytest.mark.parametrize(("name", "signature", "words"), CASES)
async def test_search_never_finds_or_shows_the_name(
    db_url: str, name: str, signature: str, words: list[str]
) -> None:
    """The citizen inquiry is found by its subject; no name word finds it, and neither the hit's
    title nor its snippet (around the signature) shows the name."""
    leipzig = await Kommune.create(oparl_id="le", name="Leipzig", slug="leipzig")
    await _store(leipzig, "VII-EF-08640", _document(name, signature))
    hits = (await search.search(parse_query("Drohnen Hubschrauber"))).hits
    assert [h.reference for h in hits] == ["VII-EF-08640"]
    for word in words:
        assert (await search.search(parse_query(word))).hits == (), word
        found = (await search.search(parse_query(f"Grüßen {word}"))).hits
        assert found == () or _leaks(found[0].snippet + found[0].title, words) == []
    greeting = (await search.search(parse_query("freundlichen Grüßen"))).hits
    assert greeting, "the signature line is indexed without the name"
    assert _leaks(greeting[0].snippet + greeting[0].title, words) == []


async def test_cli_search_shows_no_name(sqlite_db: str) -> None:
    """`ratsbot search --json` in a real process shows the inquiry without the citizen's name."""
    leipzig = await Kommune.create(oparl_id="le", name="Leipzig", slug="leipzig")
    await _store(leipzig, "VII-EF-08640", _document("Jürgen Müller", "J. Müller"))
    env = {**os.environ, "DATABASE_URL": sqlite_db, "TELEGRAM_BOT_TOKEN": ""}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "search", "Grüßen Drohnen", "--json",
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, err.decode()
    hits = json.loads(out)
    assert [h["reference"] for h in hits] == ["VII-EF-08640"]
    assert _leaks(out.decode(), ["Müller", "Mueller", "Jürgen"]) == []


async def test_cli_parse_shows_no_name(tmp_path: Path) -> None:
    """`ratsbot parse --json` on the Einwohneranfrage as a PDF prints subject, never the name."""
    from standins.pdf_render import render_text

    text = _document("Jürgen Müller", "J. Müller")
    # as citizens write: the name inside the text the summary is made of
    text = text.replace("Ich wohne in", "Ich, Jürgen Müller, wohne in")
    assert "Ich, Jürgen Müller, wohne in" in text
    pdf = render_text(text, tmp_path / "VII-EF-08640.pdf")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "parse", str(pdf), "--json",
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    parsed = json.loads(out)
    assert parsed["reference"] == "VII-EF-08640", err.decode()
    assert parsed["title"] == "Drohnen statt Hubschrauber?"
    assert parsed["submitters"] == []
    assert _leaks(out.decode("utf-8"), ["Müller", "Mueller", "Jürgen"]) == []
    assert "[Name entfernt], wohne in" in parsed["summary"]
