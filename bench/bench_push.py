"""How long pushes are, as a reader sees them: visible characters outside expandable parts.

Every real paper of the demo's sources (Leipzig stadtratmonitor texts, the seed inquiry, the
Karlsruhe fixture's file texts) is parsed (fetcher.parse.parse_text) and rendered as the push
a subscriber gets (bot.messages.render.render_inquiry, with the footer naming the subscription,
bot.messages.push_footer); the length counts what Telegram shows before anyone taps "expand".
Goal (issue 14): median ≤ 1,000 characters.

.venv/bin/python -m bench --only push
"""

from __future__ import annotations

import json
import statistics
from datetime import date

from bot.messages.push_footer import footer_label, with_subscription_footer
from bot.messages.render import PaperView, render_inquiry
from fetcher.classify import kind_from_paper_type
from fetcher.parse import parse_text
from standins.fixtures import OPARL_FIXTURES, TEXT_FIXTURES
from standins.telegram_html import parse_html

GOAL_MEDIAN_CHARS = 1000


def _texts() -> list[tuple[str, str, str | None, str]]:
    """Return (Kommune, title, OParl paperType, text) of every real paper the demo serves."""
    out: list[tuple[str, str, str | None, str]] = []
    records = json.loads((TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text())
    out += [
        ("Stadt Leipzig", r["name"], r.get("paper_type"), r["content"])
        for r in records
        if r.get("content")
    ]
    seed = (TEXT_FIXTURES / "politik-bei-uns-leipzig-F-00724-14.txt").read_text("utf-8")
    out.append(("Stadt Leipzig", "Gemeinwesenarbeit – Vernetzung – Synergie", "Anfrage", seed))
    karlsruhe = OPARL_FIXTURES / "karlsruhe"
    for path in sorted((karlsruhe / "papers").glob("*.json")):
        paper = json.loads(path.read_text("utf-8"))
        # The paper's own document: mainFile, else the first auxiliary file (SessionNet puts
        # the inquiry there and its Stellungnahme second).
        files = [paper.get("mainFile"), *(paper.get("auxiliaryFile") or [])[:1]]
        for file in files:
            number = str((file or {}).get("id", "")).rsplit("/", 1)[-1]
            text_path = karlsruhe / "file-contents" / f"{number}.txt"
            if number and text_path.exists():
                text = text_path.read_text("utf-8")
                out.append(("Stadt Karlsruhe", paper.get("name", ""), paper.get("paperType"), text))
                break
    return out


def visible_length(html: str) -> int:
    """Return the characters Telegram shows before any expandable blockquote is opened."""
    parsed = parse_html(html)
    hidden = sum(e["length"] for e in parsed.entities if e["type"] == "expandable_blockquote")
    # An expandable blockquote shows its first three lines (about 3 × 40 characters).
    shown_of_folded = sum(
        min(e["length"], 120) for e in parsed.entities if e["type"] == "expandable_blockquote"
    )
    return parsed.length - hidden + shown_of_folded


def measure() -> dict[str, list[int]]:
    """Return the visible lengths of the pushes, for all papers and for inquiries alone."""
    lengths: dict[str, list[int]] = {"alle Papiere": [], "Anfragen": []}
    for number, (kommune, title, paper_type, text) in enumerate(_texts(), start=1):
        parsed = parse_text(text)
        # The kind as the sync decides it: OParl's paperType first, the parser's reading second.
        kind = kind_from_paper_type(paper_type, parsed.reference, parsed.kind)
        view = PaperView(
            paper_id=number,
            kind=kind,
            kommune=kommune,
            title=parsed.title or title,
            reference=parsed.reference,
            factions=parsed.factions,
            submitters=parsed.submitters,
            date=date(2026, 11, 29),
            summary=parsed.summary,
            questions=parsed.questions,
            pdf_url="https://ratsinfo.example.org/papier.pdf",
        )
        # The footer a subscriber of the paper's first faction (else of the Kommune) reads.
        faction = parsed.factions[0] if parsed.factions else None
        label = footer_label(kommune, faction, None, "Anfrage")
        push = with_subscription_footer(render_inquiry(view, manage_button=True), label, number)
        length = visible_length(push.text)
        lengths["alle Papiere"].append(length)
        if kind == "Anfrage":
            lengths["Anfragen"].append(length)
    return lengths


def markdown_report(*, quick: bool = False) -> str:
    """Return the push-length section of docs/benchmarks.md."""
    del quick  # a few hundred papers: always all of them
    rows = []
    for name, values in measure().items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1] if len(values) >= 10 else max(values)
        verdict = "met" if median <= GOAL_MEDIAN_CHARS else "missed"
        rows.append(
            f"| {name} | {len(values)} | {median:.0f} | {p90:.0f} | {max(values)} | {verdict} |"
        )
    return "\n".join(
        [
            "## Push length (what a reader sees before expanding)",
            "",
            "Every real paper of the demo's sources (Leipzig stadtratmonitor texts, the seed "
            "inquiry, the Karlsruhe fixture's file texts), parsed and rendered as the push a "
            'subscriber gets, footer included ("Abo: Leipzig · Bündnis 90/Die Grünen · '
            "Anfragen\": the paper's first faction, else the Kommune). Visible characters count "
            "an expandable blockquote as its first three lines.",
            "",
            "| pushes | papers | median | p90 | longest | goal: median ≤ 1,000 |",
            "|---|---:|---:|---:|---:|---|",
            *rows,
            "",
            "Command: `.venv/bin/python -m bench --only push`",
        ]
    )


if __name__ == "__main__":
    print(markdown_report())
