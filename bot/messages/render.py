"""Render what users read (Telegram HTML parse mode) from plain view values. Pure, no I/O.

Every value that comes from a document goes through `html.escape`; German wording lives in
bot/messages/texts.py. Messages never exceed Telegram's 4096 characters: the limit applies to the
text after entity parsing (https://core.telegram.org/bots/api#sendmessage), which is never longer
than the HTML source, so the source itself is kept within 4096 UTF-16 code units (the unit the Bot
API counts offsets in). Buttons are plain data; bot/ turns them into an InlineKeyboardMarkup.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from bot.messages import texts
from fetcher.clock import BERLIN
from fetcher.netguard import safe_link
from fetcher.privacy import citizen_names, redact_names

MAX_MESSAGE_LENGTH = 4096
SUMMARY_MAX_CHARS = 220
# Questions longer than this in all are folded into an expandable blockquote.
FOLD_QUESTIONS_OVER_CHARS = 700
ANSWER_EXCERPT_CHARS = 700
# The /abos listing (keyboards.py: "a:l"), offered under pushed papers.
MANAGE_CALLBACK = "a:l"
TITLE_MAX_CHARS = 300
SEARCH_PAGE_SIZE = 5
SNIPPET_MAX_CHARS = 160
NUMBER_BUTTONS_PER_ROW = 5

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


def fits(text: str) -> bool:
    """Return whether an HTML message text is within Telegram's limit."""
    return 0 < telegram_length(text) <= MAX_MESSAGE_LENGTH


# ---------------------------------------------------------------- one inquiry


def render_inquiry(paper: PaperView, *, manage_button: bool = False) -> RenderedMessage:
    """Render a new paper (usually an inquiry): who asks, a one-line summary, the questions.

    Short enough to read at a glance: the summary is one line; a long question list goes into
    an expandable blockquote (Telegram shows its first lines and opens it on a tap). When still
    too long, long questions are shortened, then the last ones replaced by "… und N weitere
    Fragen" with a link to the document. `manage_button` adds "Abo verwalten" (pushes only).
    """
    paper = _for_display(paper)
    questions = [_strip_numbering(q) for q in paper.questions]
    summary = _first_sentence(paper.summary or "", SUMMARY_MAX_CHARS)

    def compose(summary_max: int, question_max: int | None, shown: int) -> str:
        lines = [*_header(paper, texts.INQUIRY_HEADLINE)]
        if summary:
            lines += ["", _esc(_shorten(summary, summary_max))]
        if questions:
            items = []
            for number, question in enumerate(questions[:shown], start=1):
                text = _shorten(question, question_max) if question_max else question
                items.append(f"{number}. {_esc(text)}")
            hidden = len(questions) - shown
            if hidden:
                items.append(_more_line(hidden, paper, texts.MORE_QUESTIONS_ONE,
                                        texts.MORE_QUESTIONS_MANY))  # fmt: skip
            lines += ["", f"<b>{_esc(texts.QUESTIONS_HEADING)}</b>", *_fold(items)]
        links = _links(paper.pdf_url, texts.LINK_PDF, paper.web_url)
        if links:
            lines += ["", links]
        return "\n".join(lines)

    levels: list[tuple[int, int | None]] = [
        (SUMMARY_MAX_CHARS, None),
        (150, None),
        (150, 600),
        (150, 400),
        (150, 250),
    ]
    text = _fit(compose, levels, len(questions))
    buttons = paper_buttons(paper.paper_id, paper.kind)
    if manage_button:
        buttons = (*buttons, (Button(texts.BUTTON_MANAGE, MANAGE_CALLBACK),))
    return RenderedMessage(text, buttons)


def paper_buttons(
    paper_id: int, kind: str, *, following: bool = False
) -> tuple[tuple[Button, ...], ...]:
    """Return the buttons under a pushed paper: follow the answer (inquiries only), similar.

    The follow button toggles: once pressed it reads "✓ Antwort abonniert" and stops following
    when pressed again (the handler edits the keyboard of the message it sits on).
    """
    similar = Button(texts.BUTTON_SIMILAR, callback_data(CB_SIMILAR, paper_id))
    if kind != "Anfrage":
        return ((similar,),)
    follow = (
        Button(texts.BUTTON_FOLLOWING, callback_data(CB_UNFOLLOW, paper_id))
        if following
        else Button(texts.BUTTON_FOLLOW, callback_data(CB_FOLLOW, paper_id))
    )
    return ((follow, similar),)


def render_answer(paper: PaperView) -> RenderedMessage:
    """Render the follow-up when an inquiry was answered: the answer itself, first.

    Split per question ("Zu 1.: …") where the parser split it, else the beginning of the answer
    text; the questions are folded into an expandable blockquote; how long the answer took.
    """
    paper = _for_display(paper)
    questions = [_strip_numbering(q) for q in paper.questions]
    answers = list(paper.answers)
    split = bool(answers) and any(a for a in answers)
    excerpt = "" if split else _collapse(paper.answer_excerpt or "")

    def compose(question_max: int, answer_max: int | None, shown: int) -> str:
        lines = [*_header(paper, texts.ANSWER_HEADLINE)]
        if paper.days_to_answer:  # 0: usually an answer file dated like its inquiry
            days = paper.days_to_answer
            lines.append(
                _fmt(texts.ANSWER_AFTER_ONE_DAY if days == 1 else texts.ANSWER_AFTER_DAYS, n=days)
            )
        if split:
            for number in range(1, min(shown, max(len(answers), len(questions))) + 1):
                answer = answers[number - 1] if number <= len(answers) else None
                lines.append("")
                if answer and answer.strip():
                    body = _shorten(answer, answer_max) if answer_max else _collapse(answer)
                    lines.append(f"<b>{_fmt(texts.ANSWER_TO, n=number)}</b> {_esc(body)}")
                else:
                    lines.append(
                        f"<b>{_fmt(texts.ANSWER_TO, n=number)}</b> "
                        f"<i>{_esc(texts.ANSWER_MISSING)}</i>"
                    )
        elif excerpt:
            lines += ["", _esc(_shorten(excerpt, answer_max or ANSWER_EXCERPT_CHARS))]
        else:
            lines += ["", _esc(texts.ANSWER_NOT_SPLIT)]
        if questions:
            asked = [
                f"{n}. {_esc(_shorten(q, question_max))}"
                for n, q in enumerate(questions[:shown], start=1)
            ]
            lines += ["", f"<b>{_esc(texts.QUESTIONS_ASKED_HEADING)}</b>"]
            lines.append(f"<blockquote expandable>{chr(10).join(asked)}</blockquote>")
        hidden = len(questions) - shown
        if hidden:
            lines += [
                "",
                _more_line(hidden, paper, texts.MORE_ANSWERS_ONE, texts.MORE_ANSWERS_MANY),
            ]
        answer_pdf = paper.answer_pdf_url or paper.pdf_url
        links = [
            _link(answer_pdf, texts.LINK_ANSWER_PDF),
            _link(paper.pdf_url, texts.LINK_INQUIRY_PDF) if paper.answer_pdf_url else "",
            _link(paper.web_url, texts.LINK_WEB),
        ]
        joined = " · ".join(link for link in links if link)
        if joined:
            lines += ["", joined]
        return "\n".join(lines)

    levels: list[tuple[int, int | None]] = [
        (400, None),
        (300, 1500),
        (200, 800),
        (150, 500),
        (120, 300),
        (100, 160),
    ]
    text = _fit(compose, levels, max(len(questions), len(answers)))
    buttons = ((Button(texts.BUTTON_SIMILAR, callback_data(CB_SIMILAR, paper.paper_id)),),)
    return RenderedMessage(text, buttons)


# ---------------------------------------------------------------- lists


def render_digest(kommune: str, papers: Sequence[PaperView]) -> RenderedMessage:
    """Render several new papers of one Kommune as one compact list ("12 neue Anfragen in …")."""
    count = len(papers)
    template = texts.DIGEST_HEADLINE_ONE if count == 1 else texts.DIGEST_HEADLINE_MANY
    head = f"<b>{_fmt(template, n=count, kommune=kommune)}</b>"
    items = [_compact_item(_for_display(p)) for p in papers]
    return RenderedMessage(_list_message([head, ""], items))


def render_search_results(
    hits: Sequence[PaperView],
    page: int,
    total: int,
    *,
    query: str | None = None,
    page_size: int = SEARCH_PAGE_SIZE,
    newest: bool | None = None,
) -> RenderedMessage:
    """Render one page of search hits (1-based `page`) with a button per hit and paging buttons.

    Each hit shows date, Kommune, type, faction and reference, the title, whether an inquiry was
    answered, and the text around the match; numbered buttons open the full message. With
    `newest` set (True: newest first, False: by relevance) a button switches to the other order.
    """
    if total <= 0 or not hits:
        if query:
            return RenderedMessage(_fmt(texts.SEARCH_NONE_FOR, query=shown_query(query)))
        return RenderedMessage(_esc(texts.SEARCH_NONE))
    pages = max(1, math.ceil(total / page_size))
    head_template = texts.SEARCH_HEADLINE_ONE if total == 1 else texts.SEARCH_HEADLINE_MANY
    head = f"<b>{_fmt(head_template, total=total)}</b>"
    if query:
        head += " " + _fmt(texts.SEARCH_FOR, query=shown_query(query))
    if pages > 1:
        head += " · " + _fmt(texts.SEARCH_PAGE, page=page, pages=pages)
    if newest:
        head += " · " + _esc(texts.SEARCH_NEWEST_FIRST)
    first_number = (page - 1) * page_size + 1
    items: list[str] = []
    numbers: list[Button] = []
    for number, paper in enumerate((_for_display(p) for p in hits), start=first_number):
        who = _shorten(_origin(paper), 40)
        parts = (_date(paper.date), paper.kommune, _kind_label(paper), who, paper.reference or "")
        meta = " · ".join(part for part in parts if part)
        title = _shorten(paper.title, 200)
        url = paper.web_url or paper.pdf_url
        title_html = _link(url, title) or f"<b>{_esc(title)}</b>"
        item = f"{number}. {_esc(meta)}\n{title_html}"
        if paper.answered:
            days = paper.days_to_answer
            answered = (  # 0 days: usually an answer file dated like its inquiry (SessionNet)
                texts.SEARCH_ANSWERED_AFTER.format(n=days) if days else texts.SEARCH_ANSWERED
            )
            item += "\n" + _esc(answered)
        if paper.snippet:
            item += f"\n<i>{_esc(_shorten(paper.snippet, SNIPPET_MAX_CHARS))}</i>"
        items.append(item)
        numbers.append(Button(str(number), callback_data(CB_OPEN, paper.paper_id)))
    rows: list[tuple[Button, ...]] = [
        tuple(numbers[i : i + NUMBER_BUTTONS_PER_ROW])
        for i in range(0, len(numbers), NUMBER_BUTTONS_PER_ROW)
    ]
    paging: list[Button] = []
    if page > 1:
        paging.append(Button(texts.BUTTON_PREVIOUS, callback_data(CB_SEARCH_PAGE, page - 1)))
    if page < pages:
        paging.append(Button(texts.BUTTON_MORE, callback_data(CB_SEARCH_PAGE, page + 1)))
    if paging:
        rows.append(tuple(paging))
    if newest is not None and total > 1:
        label = texts.BUTTON_BY_RELEVANCE if newest else texts.BUTTON_NEWEST_FIRST
        rows.append((Button(label, callback_data(CB_SEARCH_ORDER, 0 if newest else 1)),))
    text = _list_message([head, ""], items, separator="\n\n")
    return RenderedMessage(text, tuple(rows))


def with_suggestion(message: RenderedMessage, corrected: str, total: int) -> RenderedMessage:
    """Return a search answer with "Meinten Sie: …?" and a button that runs the corrected query."""
    shown = shown_query(corrected)
    line = _fmt(texts.SEARCH_DID_YOU_MEAN, query=shown)
    count = texts.SEARCH_HEADLINE_ONE if total == 1 else texts.SEARCH_HEADLINE_MANY
    button = Button(
        _shorten(f"🔎 {shown} ({count.removeprefix('🔎 ').format(total=total)})", 60),
        callback_data(CB_SUGGESTION, 0),
    )
    text = f"{message.text}\n\n{line}"
    if not fits(text):
        text = message.text
    return RenderedMessage(text, ((button,), *message.buttons))


# ---------------------------------------------------------------- meetings


def render_meeting_alert(
    meeting: MeetingView,
    inquiries: Sequence[PaperView],
    matching_first: Collection[int] = (),
) -> RenderedMessage:
    """Render an upcoming meeting with the inquiries on its agenda.

    `matching_first` holds the paper ids that match the chat's subscriptions; they are listed
    first under their own heading (and get a button each).
    """
    head = [
        _bold(texts.MEETING_ALERT_HEADLINE, name=meeting.name, kommune=meeting.kommune),
        _esc(_when(meeting.start)),
    ]
    if meeting.location:
        head.append(_fmt(texts.MEETING_LOCATION, location=_collapse(meeting.location)))
    matching = [p for p in inquiries if p.paper_id in matching_first]
    others = [p for p in inquiries if p.paper_id not in matching_first]
    if not inquiries:
        head += ["", _esc(texts.MEETING_NO_INQUIRIES)]
    items: list[str] = []
    sections = [
        (texts.MEETING_MATCHING, matching),
        (texts.MEETING_OTHER if matching else texts.MEETING_INQUIRIES, others),
    ]
    for heading, papers in sections:
        lines = [_compact_item(_for_display(p)) for p in papers]
        if lines:  # the heading travels with the section's first line, so counts stay right
            lines[0] = f"\n<b>{_esc(heading)}</b>\n{lines[0]}"
        items += lines
    tail = [_link(meeting.web_url, texts.LINK_MEETING)] if meeting.web_url else []
    text = _list_message([*head], items, tail=tail)
    rows = tuple(
        (Button(_shorten(p.title, 40), callback_data(CB_OPEN, p.paper_id)),)
        for p in (_for_display(p) for p in matching[:5])
    )
    return RenderedMessage(text, rows)


def render_meeting_moved(
    meeting: MeetingView,
    previous_start: dt.datetime | None,
    previous_location: str | None = None,
) -> RenderedMessage:
    """Render the notice that a meeting got a new time (and possibly a new place)."""
    lines = [
        _bold(texts.MEETING_MOVED_HEADLINE, name=meeting.name, kommune=meeting.kommune),
        _fmt(texts.MEETING_MOVED_NEW, when=_when(meeting.start)),
        _fmt(texts.MEETING_MOVED_OLD, when=_when(previous_start)),
    ]
    if meeting.location and meeting.location != previous_location and previous_location:
        lines.append(_fmt(texts.MEETING_MOVED_NEW_LOCATION, location=meeting.location))
    elif meeting.location:
        lines.append(_fmt(texts.MEETING_LOCATION, location=meeting.location))
    if meeting.web_url:
        lines += ["", _link(meeting.web_url, texts.LINK_MEETING)]
    return RenderedMessage(_cap("\n".join(lines)))


def render_meeting_cancelled(meeting: MeetingView) -> RenderedMessage:
    """Render the notice that a meeting was cancelled."""
    lines = [
        _bold(texts.MEETING_CANCELLED_HEADLINE, name=meeting.name, kommune=meeting.kommune),
        _fmt(texts.MEETING_CANCELLED_BODY, when=_when(meeting.start)),
    ]
    if meeting.web_url:
        lines += ["", _link(meeting.web_url, texts.LINK_MEETING)]
    return RenderedMessage(_cap("\n".join(lines)))


# ---------------------------------------------------------------- building blocks


def shown_query(query: str) -> str:
    """Return a query as quoted back to the user: a fully quoted phrase loses its own quotes,
    so /suche "Haus der Jugend" reads „Haus der Jugend“, not „"Haus der Jugend"“."""
    query = " ".join(query.split())
    if len(query) >= 2 and query[0] in '"„“' and query[-1] in '"“”' and query.count('"') <= 2:
        query = query[1:-1].strip()
    return _shorten(query, 100)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _fmt(template: str, **values: object) -> str:
    """Escape a template from texts.py and its string values, then fill it in."""
    escaped = {k: _esc(v) if isinstance(v, str) else v for k, v in values.items()}
    return _esc(template).format(**escaped)


def _bold(template: str, **values: object) -> str:
    return f"<b>{_fmt(template, **values)}</b>"


def _link(url: str | None, label: str) -> str:
    """Return an HTML link, or "" without a URL or with one that is not http(s)."""
    if not (url := safe_link(url)):
        return ""
    return f'<a href="{html.escape(url, quote=True)}">{_esc(label)}</a>'


def _links(pdf_url: str | None, pdf_label: str, web_url: str | None) -> str:
    return " · ".join(p for p in (_link(pdf_url, pdf_label), _link(web_url, texts.LINK_WEB)) if p)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    """Collapse whitespace and cut at a word boundary to at most `limit` characters (with …)."""
    text = _collapse(text)
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


def _fold(items: list[str]) -> list[str]:
    """Return list lines as they are, or folded into an expandable blockquote when long."""
    if sum(len(i) for i in items) <= FOLD_QUESTIONS_OVER_CHARS:
        return items
    return [f"<blockquote expandable>{chr(10).join(items)}</blockquote>"]


def _first_sentence(text: str, limit: int) -> str:
    """Return the text's first sentence (or its beginning, up to `limit` characters).

    A sentence ends at ".", "!" or "?" after a word of four or more letters (or a digit) that is
    no common abbreviation, followed by a capital: "Co." and "bzw." do not end one.
    """
    text = _collapse(text)
    for match in re.finditer(r"(\w+)([.!?])\s+(?=[A-ZÄÖÜ„\"])", text):
        word, mark = match.group(1), match.group(2)
        is_abbreviation = mark == "." and (
            (len(word) < 4 and not word.isdigit()) or word.lower() in _ABBREVIATIONS
        )
        if match.start(2) >= 40 and not is_abbreviation:
            return _shorten(text[: match.end(2)], limit)
    return _shorten(text, limit)


_ABBREVIATIONS = frozenset({"inkl", "evtl", "insb", "bspw", "ziff", "gem", "vgl", "drucks"})


def _strip_numbering(question: str) -> str:
    """Drop a leading "1." / "2)" / "a)" so the renderer's own numbering is not doubled."""
    return _NUMBERING.sub("", _collapse(question), count=1)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _when(value: dt.datetime | None) -> str:
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


def _origin(paper: PaperView) -> str:
    if paper.is_citizen_inquiry:
        return texts.KIND_CITIZEN_INQUIRY
    return ", ".join(paper.factions or paper.submitters)


def _kind_label(paper: PaperView) -> str:
    if paper.is_citizen_inquiry:
        return texts.KIND_CITIZEN_INQUIRY
    return texts.KIND_LABELS.get(paper.kind, paper.kind)


def _header(paper: PaperView, headline: str) -> list[str]:
    """Return the lines: kind · Kommune; subject; reference · origin · date; meeting."""
    lines = [
        _fmt(headline, kind=_kind_label(paper), kommune=paper.kommune),
        f"<b>{_esc(_shorten(paper.title, TITLE_MAX_CHARS))}</b>",
    ]
    origin = "" if paper.is_citizen_inquiry else _origin(paper)  # the headline says it already
    meta = [_shorten(paper.reference or "", 80), _shorten(origin, 200), _date(paper.date)]
    if any(meta):
        lines.append(_esc(" · ".join(m for m in meta if m)))
    if paper.meeting_name:
        meeting = " ".join(
            x for x in (_collapse(paper.meeting_name), _date(paper.meeting_date)) if x
        )
        lines.append(_fmt(texts.MEETING_LINE, meeting=_shorten(meeting, 150)))
    return lines


def _compact_item(paper: PaperView) -> str:
    """Return one list line: • linked title (origin, reference)."""
    title = _shorten(paper.title, 160)
    url = paper.web_url or paper.pdf_url
    title_html = _link(url, title) or _esc(title)
    details = ", ".join(x for x in (_shorten(_origin(paper), 60), paper.reference or "") if x)
    return f"• {title_html}" + (f" ({_esc(details)})" if details else "")


def _more_line(hidden: int, paper: PaperView, one: str, many: str) -> str:
    line = _fmt(one) if hidden == 1 else _fmt(many, n=hidden)
    if safe_link(paper.pdf_url):
        return f"{line} {_esc(texts.MORE_IN)} {_link(paper.pdf_url, texts.LINK_PDF)}"
    if safe_link(paper.web_url):
        return f"{line}: {_link(paper.web_url, texts.LINK_WEB)}"
    return line


def _list_message(
    head: list[str], items: list[str], *, tail: Sequence[str] = (), separator: str = "\n"
) -> str:
    """Join head, as many items as fit, "… und N weitere" for the rest, and tail."""
    tail_text = ("\n\n" + "\n".join(tail)) if tail else ""

    def compose(shown: int) -> str:
        body = separator.join(items[:shown])
        hidden = len(items) - shown
        more = ("\n" + _fmt(texts.MORE_ITEMS, n=hidden)) if hidden else ""
        return "\n".join(head) + ("\n" if items else "") + body + more + tail_text

    shown = _max_fitting(lambda k: fits(compose(k)), len(items))
    return _cap(compose(shown))


def _max_fitting(ok: Callable[[int], bool], upper: int) -> int:
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


def _fit(
    compose: Callable[[int, int | None, int], str],
    levels: Sequence[tuple[int, int | None]],
    count: int,
) -> str:
    """Try each shortening level with all items, then show fewer items at the last level."""
    for first, second in levels:
        text = compose(first, second, count)
        if fits(text):
            return text
    first, second = levels[-1]
    shown = _max_fitting(lambda k: fits(compose(first, second, k)), count)
    # Only a pathological header (huge reference or faction list) gets past this point.
    return _cap(compose(first, second, shown))


def _cap(text: str) -> str:
    """Last resort for a pathological input: cut the source at a line break below the limit."""
    if fits(text):
        return text
    lines = text.split("\n")
    while lines and not fits("\n".join(lines)):
        lines.pop()
    return "\n".join(lines) or "…"


def _for_display(paper: PaperView) -> PaperView:
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
