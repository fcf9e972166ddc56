"""The building blocks of rendered messages (Telegram HTML): the view values, escaping, shortening
and fitting within Telegram's limits. Pure, no I/O.

Every value that comes from a document goes through `esc`; German wording lives in
bot/messages/texts.py. Messages never exceed Telegram's 4096 characters: the limit applies to the
text after entity parsing (https://core.telegram.org/bots/api#sendmessage), which is never longer
than the HTML source, so the source itself is kept within 4096 UTF-16 code units (the unit the Bot
API counts offsets in).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.messages import texts
from fetcher.clock import BERLIN
from fetcher.netguard import safe_link
from fetcher.privacy import citizen_names, redact_names

MAX_MESSAGE_LENGTH = 4096
TITLE_MAX_CHARS = 300
# Questions longer than this in all are folded into an expandable blockquote.
FOLD_QUESTIONS_OVER_CHARS = 700
# Callback data: short ASCII verb + DB id, far below Telegram's 64-byte limit.
CB_FOLLOW = "follow"
CB_UNFOLLOW = "unfollow"
CB_SIMILAR = "similar"
CB_OPEN = "open"
CB_SEARCH_PAGE = "search"
CB_SEARCH_ORDER = "sort"  # sort:1 newest first, sort:0 by relevance
CB_SUGGESTION = "fix"  # fix:0 runs the "Meinten Sie …?" query


@dataclass(frozen=True)
class Button:
    """An inline button: opens `url`, or sends `callback_data` back to the bot."""

    label: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class RenderedMessage:
    """A message ready to send with parse_mode=HTML: the text and rows of buttons."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class PaperView:
    """What the renderer needs to know about one paper (inquiry, answer, motion …)."""

    paper_id: int  # database id, used in callback data
    kind: str  # one of fetcher.model.KINDS
    kommune: str
    title: str
    reference: str | None = None
    factions: tuple[str, ...] = ()
    submitters: tuple[str, ...] = ()
    date: dt.date | None = None
    # An Einwohneranfrage: submitted by a private citizen, whose name is never shown.
    is_citizen_inquiry: bool = False
    meeting_name: str | None = None  # the meeting it is for, e.g. "Ratsversammlung"
    meeting_date: dt.date | None = None
    summary: str | None = None
    questions: tuple[str, ...] = ()
    # Per question, the administration's answer (None where none was recognised); may be empty.
    answers: tuple[str | None, ...] = ()
    pdf_url: str | None = None
    answer_pdf_url: str | None = None
    web_url: str | None = None
    # An answer that is not split per question: the beginning of its text (for the answer push).
    answer_excerpt: str | None = None
    # Days from the inquiry to its answer, where both dates are known.
    days_to_answer: int | None = None
    # A search hit: the text around the match; and whether the inquiry has its answer.
    snippet: str | None = None
    answered: bool = False


@dataclass(frozen=True)
class MeetingView:
    """What the renderer needs to know about one meeting (Sitzung)."""

    meeting_id: int
    kommune: str
    name: str
    start: dt.datetime | None  # timezone-aware
    end: dt.datetime | None = None
    location: str | None = None
    web_url: str | None = None


def callback_data(verb: str, value: int) -> str:
    """Return the callback data for a button, e.g. `follow:123`."""
    return f"{verb}:{value}"


def parse_callback_data(data: str) -> tuple[str, int] | None:
    """Return (verb, id) from callback data made by `callback_data`, or None if malformed."""
    verb, sep, value = data.partition(":")
    if not sep or not value.isascii() or not value.isdigit() or len(value) > 12:
        return None  # longer than any database id (24 digits overflowed SQLite's INTEGER)
    return verb, int(value)


def telegram_length(text: str) -> int:
    """Return the length of `text` as the Bot API counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def fits(text: str, limit: int = MAX_MESSAGE_LENGTH) -> bool:
    """Return whether an HTML message text is within Telegram's limit (or a smaller `limit`)."""
    return 0 < telegram_length(text) <= limit


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def fmt(template: str, **values: object) -> str:
    """Escape a template from texts.py and its string values, then fill it in."""
    escaped = {k: esc(v) if isinstance(v, str) else v for k, v in values.items()}
    return esc(template).format(**escaped)


def bold(template: str, **values: object) -> str:
    return f"<b>{fmt(template, **values)}</b>"


def link(url: str | None, label: str) -> str:
    """Return an HTML link, or "" without a URL or with one that is not http(s)."""
    if not (url := safe_link(url)):
        return ""
    return f'<a href="{html.escape(url, quote=True)}">{esc(label)}</a>'


def links(pdf_url: str | None, pdf_label: str, web_url: str | None) -> str:
    return " · ".join(p for p in (link(pdf_url, pdf_label), link(web_url, texts.LINK_WEB)) if p)


def collapse(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """Collapse whitespace and cut at a word boundary to at most `limit` characters (with …)."""
    text = collapse(text)
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.7:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"


_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z]\))\s+")


def fold(items: list[str]) -> list[str]:
    """Return list lines as they are, or folded into an expandable blockquote when long."""
    if sum(len(i) for i in items) <= FOLD_QUESTIONS_OVER_CHARS:
        return items
    return [f"<blockquote expandable>{chr(10).join(items)}</blockquote>"]


def first_sentence(text: str, limit: int) -> str:
    """Return the text's first sentence (or its beginning, up to `limit` characters).

    A sentence ends at ".", "!" or "?" after a word of four or more letters (or a digit) that is
    no common abbreviation, followed by a capital: "Co." and "bzw." do not end one.
    """
    text = collapse(text)
    for match in re.finditer(r"(\w+)([.!?])\s+(?=[A-ZÄÖÜ„\"])", text):
        word, mark = match.group(1), match.group(2)
        is_abbreviation = mark == "." and (
            (len(word) < 4 and not word.isdigit()) or word.lower() in _ABBREVIATIONS
        )
        if match.start(2) >= 40 and not is_abbreviation:
            return shorten(text[: match.end(2)], limit)
    return shorten(text, limit)


_ABBREVIATIONS = frozenset({"inkl", "evtl", "insb", "bspw", "ziff", "gem", "vgl", "drucks"})


def strip_numbering(question: str) -> str:
    """Drop a leading "1." / "2)" / "a)" so the renderer's own numbering is not doubled."""
    return _NUMBERING.sub("", collapse(question), count=1)


def date_text(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def when(value: dt.datetime | None) -> str:
    if value is None:
        return texts.MEETING_TIME_OPEN
    local = value.astimezone(BERLIN) if value.tzinfo else value
    return texts.DATETIME_LONG.format(
        weekday=texts.WEEKDAYS[local.weekday()],
        day=local.day,
        month=texts.MONTHS[local.month - 1],
        year=local.year,
        hour=local.hour,
        minute=local.minute,
    )


def origin(paper: PaperView) -> str:
    if paper.is_citizen_inquiry:
        return texts.KIND_CITIZEN_INQUIRY
    return ", ".join(paper.factions or paper.submitters)


def kind_label(paper: PaperView) -> str:
    if paper.is_citizen_inquiry:
        return texts.KIND_CITIZEN_INQUIRY
    return texts.KIND_LABELS.get(paper.kind, paper.kind)


def header(paper: PaperView, headline: str) -> list[str]:
    """Return the lines: kind · Kommune; subject; reference · origin · date; meeting."""
    lines = [
        fmt(headline, kind=kind_label(paper), kommune=paper.kommune),
        f"<b>{esc(shorten(paper.title, TITLE_MAX_CHARS))}</b>",
    ]
    who = "" if paper.is_citizen_inquiry else origin(paper)  # the headline says it already
    meta = [shorten(paper.reference or "", 80), shorten(who, 200), date_text(paper.date)]
    if any(meta):
        lines.append(esc(" · ".join(m for m in meta if m)))
    if paper.meeting_name:
        meeting = " ".join(
            x for x in (collapse(paper.meeting_name), date_text(paper.meeting_date)) if x
        )
        lines.append(fmt(texts.MEETING_LINE, meeting=shorten(meeting, 150)))
    return lines


def compact_item(paper: PaperView) -> str:
    """Return one list line: • linked title (origin, reference)."""
    title = shorten(paper.title, 160)
    url = paper.web_url or paper.pdf_url
    title_html = link(url, title) or esc(title)
    details = ", ".join(x for x in (shorten(origin(paper), 60), paper.reference or "") if x)
    return f"• {title_html}" + (f" ({esc(details)})" if details else "")


def more_line(hidden: int, paper: PaperView, one: str, many: str) -> str:
    """Return "… und N weitere Fragen" with a link to the document, where there is one."""
    line = fmt(one) if hidden == 1 else fmt(many, n=hidden)
    if safe_link(paper.pdf_url):
        return f"{line} {esc(texts.MORE_IN)} {link(paper.pdf_url, texts.LINK_PDF)}"
    if safe_link(paper.web_url):
        return f"{line}: {link(paper.web_url, texts.LINK_WEB)}"
    return line


def list_message(
    head: list[str],
    items: list[str],
    *,
    tail: Sequence[str] = (),
    separator: str = "\n",
    limit: int = MAX_MESSAGE_LENGTH,
) -> str:
    """Join head, as many items as fit within `limit`, "… und N weitere" for the rest, and tail."""
    tail_text = ("\n\n" + "\n".join(tail)) if tail else ""

    def compose(shown: int) -> str:
        body = separator.join(items[:shown])
        hidden = len(items) - shown
        more = ("\n" + fmt(texts.MORE_ITEMS, n=hidden)) if hidden else ""
        return "\n".join(head) + ("\n" if items else "") + body + more + tail_text

    shown = max_fitting(lambda k: fits(compose(k), limit), len(items))
    return cap(compose(shown), limit)


def max_fitting(ok: Callable[[int], bool], upper: int) -> int:
    """Return the largest k in [0, upper] with ok(k) (ok is monotone: true up to some k)."""
    if ok(upper):
        return upper
    low, high = 0, upper  # ok(high) is False
    while high - low > 1:
        mid = (low + high) // 2
        if ok(mid):
            low = mid
        else:
            high = mid
    return low


def fit(
    compose: Callable[[int, int | None, int], str],
    levels: Sequence[tuple[int, int | None]],
    count: int,
    limit: int = MAX_MESSAGE_LENGTH,
) -> str:
    """Try each shortening level with all items, then show fewer items at the last level."""
    for first, second in levels:
        text = compose(first, second, count)
        if fits(text, limit):
            return text
    first, second = levels[-1]
    shown = max_fitting(lambda k: fits(compose(first, second, k), limit), count)
    # Only a pathological header (huge reference or faction list) gets past this point.
    return cap(compose(first, second, shown), limit)


def cap(text: str, limit: int = MAX_MESSAGE_LENGTH) -> str:
    """Last resort for a pathological input: cut the source at a line break below the limit."""
    if fits(text, limit):
        return text
    lines = text.split("\n")
    while lines and not fits("\n".join(lines), limit):
        lines.pop()
    return "\n".join(lines) or "…"


def for_display(paper: PaperView) -> PaperView:
    """Return the paper with a citizen's name removed from every text of an Einwohneranfrage."""
    if not paper.is_citizen_inquiry:
        return paper
    names = citizen_names(
        paper.submitters,
        paper.title,
        paper.summary or "",
        *paper.questions,
        *(a for a in paper.answers if a),
    )

    def scrub(text: str) -> str:
        return redact_names(text, names, texts.REDACTED_NAME)

    return replace(
        paper,
        title=scrub(paper.title),
        summary=scrub(paper.summary) if paper.summary else paper.summary,
        questions=tuple(scrub(q) for q in paper.questions),
        answers=tuple(scrub(a) if a else a for a in paper.answers),
        submitters=(),
        factions=(),
    )
