"""The `/offen` reply: open inquiries oldest first, paged, and answer figures. Pure, no I/O.

Callback data of the page buttons (≤ 64 bytes, https://core.telegram.org/bots/api#inlinekeyboardbutton):

    of:<page>:<kommune id|*>:<faction slug|*>
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.messages.render import Button, RenderedMessage
from bot.ops.answer_stats import GroupFigures, KommuneStats, OpenInquiry

# --- German texts of /offen (kept together for proofreading)
TITLE = "⏳ Offene Anfragen"
TITLE_FACTION = "⏳ Offene Anfragen · {faction}"
SINCE = "{kommune}: Antworten verknüpft seit {date} · {open} offen"
NONE_OPEN = "Keine offene Anfrage – jede hat eine Antwort."
WAITING = "seit {days} Tagen ohne Antwort"
WAITING_ONE = "seit 1 Tag ohne Antwort"
WAITING_TODAY = "seit heute ohne Antwort"
WAITING_UNKNOWN = "ohne Antwort (Datum unbekannt)"
SUMMARY = "Übersicht"
TOTAL = "insgesamt"
NO_FACTION = "ohne Fraktion"
FIGURES = "{label}: {inquiries} Anfragen, {answered} beantwortet, {open} offen"
MEDIAN = ", im Median nach {days} Tagen"
WITHIN = ", {share} % innerhalb von {deadline} Tagen"
NOT_LINKED = (
    "{kommune} verknüpft Antworten nicht mit den Anfragen ({inquiries} Anfragen gespeichert) – "
    "ob eine Anfrage offen ist, kann ich dort nicht sagen."
)
NO_INQUIRIES = "Dazu sind keine Anfragen gespeichert."
NOT_FETCHED = "Für {kommune} liegen noch keine Anfragen vor."
PAGE = "Seite {page}/{pages}"
BUTTON_BACK = "◀ zurück"
BUTTON_NEXT = "weiter ▶"
USAGE_UNKNOWN_FACTION = "„{text}“ kenne ich nicht als Fraktion. Beispiel: /offen Karlsruhe SPD"

PAGE_SIZE = 8
PREFIX = "of"
ANY = "*"
MAX_CALLBACK_BYTES = 64
_TITLE_CHARS = 90


@dataclass(frozen=True)
class OpenQuery:
    """What a page of `/offen` shows: a Kommune (None: all) and a faction (None: all)."""

    kommune_id: int | None
    faction_slug: str | None
    page: int = 1


def callback(query: OpenQuery) -> str | None:
    """Return the callback data for a page (None when it would not fit in 64 bytes)."""
    kommune = str(query.kommune_id) if query.kommune_id is not None else ANY
    data = f"{PREFIX}:{query.page}:{kommune}:{query.faction_slug or ANY}"
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else None


def parse_callback(data: str) -> OpenQuery | None:
    """Return the page a button asks for, or None when the data is not a valid `/offen` page."""
    parts = data.split(":")
    if len(parts) != 4 or parts[0] != PREFIX or not parts[1].isdigit() or len(parts[1]) > 6:
        return None
    kommune = parts[2]
    if kommune != ANY and not (kommune.isdigit() and len(kommune) < 12):
        return None
    return OpenQuery(
        kommune_id=None if kommune == ANY else int(kommune),
        faction_slug=None if parts[3] == ANY else parts[3],
        page=max(1, int(parts[1])),
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def waiting_text(days: int | None) -> str:
    """Return "seit 47 Tagen ohne Antwort" (singular, today and unknown dates handled)."""
    if days is None:
        return WAITING_UNKNOWN
    if days == 0:
        return WAITING_TODAY
    if days == 1:
        return WAITING_ONE
    return WAITING.format(days=days)


def _median(days: float) -> str:
    return str(int(days)) if days == int(days) else f"{days:.1f}".replace(".", ",")


def figures_line(label: str, figures: GroupFigures, deadline_days: int | None = None) -> str:
    """Return "SPD: 5 Anfragen, 4 beantwortet, 1 offen, im Median nach 14 Tagen" (plain text)."""
    line = FIGURES.format(
        label=label or NO_FACTION,
        inquiries=figures.inquiries,
        answered=figures.answered,
        open=figures.open,
    )
    if figures.median_days is not None:
        line += MEDIAN.format(days=_median(figures.median_days))
    if figures.within_deadline is not None and deadline_days is not None:
        line += WITHIN.format(share=round(figures.within_deadline * 100), deadline=deadline_days)
    return line


def not_linked_line(stats: KommuneStats) -> str:
    """Return the sentence for a Kommune whose server does not link answers (plain text)."""
    return NOT_LINKED.format(kommune=stats.kommune.name, inquiries=stats.total_inquiries)


def _item(item: OpenInquiry, kommune: str | None) -> str:
    row = item.row
    title = row.title if len(row.title) <= _TITLE_CHARS else row.title[: _TITLE_CHARS - 1] + "…"
    label = _esc(row.reference or "ohne Aktenzeichen")
    if row.web_url:
        label = f'<a href="{html.escape(row.web_url)}">{label}</a>'
    head = " · ".join(
        [label, _esc(title)]
        + ([_esc(", ".join(row.factions))] if row.factions else [])
        + ([_esc(kommune)] if kommune else [])
    )
    return f"{head}\n<i>{_esc(waiting_text(item.days_waiting))}</i>"


def render_open(
    stats: Sequence[KommuneStats], query: OpenQuery, faction: str | None = None
) -> RenderedMessage:
    """Return one page of open inquiries (oldest first) with each Kommune's figures."""
    lines = [f"<b>{_esc(TITLE_FACTION.format(faction=faction) if faction else TITLE)}</b>"]
    if not stats:
        return RenderedMessage("\n".join([*lines, "", _esc(NO_INQUIRIES)]))
    linked = [s for s in stats if s.links_answers]
    several = len(stats) > 1
    items = sorted(
        ((item, s.kommune.name) for s in linked for item in s.open),
        key=lambda pair: (
            pair[0].days_waiting is None,
            -(pair[0].days_waiting or 0),
            pair[0].row.paper_id,
        ),
    )
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(query.page, pages)
    for s in linked:
        if s.answers_since is not None:
            lines.append(
                _esc(
                    SINCE.format(
                        kommune=s.kommune.name, date=_date(s.answers_since), open=len(s.open)
                    )
                )
            )
    lines.append("")
    shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    if linked and not items:
        lines.append(_esc(NONE_OPEN))
    for item, kommune in shown:
        lines += [_item(item, kommune if several else None), ""]
    if pages > 1:
        lines.append(_esc(PAGE.format(page=page, pages=pages)))
    while lines[-1] == "":
        lines.pop()
    lines += ["", f"<b>{_esc(SUMMARY)}</b>"]
    for s in stats:
        if not s.links_answers or s.figures is None:
            lines.append(_esc(not_linked_line(s)))
            continue
        if several or not faction:
            lines.append(
                _esc(figures_line(s.kommune.name if several else TOTAL, s.figures, s.deadline_days))
            )
        if not several:
            lines += [_esc(figures_line(name, f, s.deadline_days)) for name, f in s.factions]
    buttons: list[Button] = []
    for label, target in ((BUTTON_BACK, page - 1), (BUTTON_NEXT, page + 1)):
        if 1 <= target <= pages:
            data = callback(OpenQuery(query.kommune_id, query.faction_slug, target))
            if data is not None:
                buttons.append(Button(label, callback_data=data))
    return RenderedMessage("\n".join(lines).strip(), (tuple(buttons),) if buttons else ())
