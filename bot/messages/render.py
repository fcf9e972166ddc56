"""Render what users read (Telegram HTML parse mode) from plain view values. Pure, no I/O.

A new paper (`render_inquiry`), its buttons, digests and search results live here; the answer push
in bot/messages/answer_render.py, meeting notices in bot/messages/meeting_render.py, the building
blocks (view values, escaping, fitting within Telegram's 4096 characters) in
bot/messages/message_parts.py. Their public names are importable from here too. Buttons are plain
data; bot/ turns them into an InlineKeyboardMarkup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bot.messages import message_parts, texts
from bot.messages.answer_render import (
    ANSWER_EXCERPT_CHARS,
    PUSH_FOOTER_RESERVE,
    render_answer,
)
from bot.messages.meeting_render import (
    render_meeting_alert,
    render_meeting_cancelled,
    render_meeting_moved,
)
from bot.messages.message_parts import (
    CB_FOLLOW,
    CB_OPEN,
    CB_SEARCH_ORDER,
    CB_SEARCH_PAGE,
    CB_SIMILAR,
    CB_SUGGESTION,
    CB_UNFOLLOW,
    MAX_MESSAGE_LENGTH,
    Button,
    MeetingView,
    PaperView,
    RenderedMessage,
    callback_data,
    fits,
    parse_callback_data,
    telegram_length,
)

# The building blocks under the short private names the renderers use.
_compact_item = message_parts.compact_item
_date = message_parts.date_text
_esc = message_parts.esc
_first_sentence = message_parts.first_sentence
_fit = message_parts.fit
_fmt = message_parts.fmt
_fold = message_parts.fold
_for_display = message_parts.for_display
_header = message_parts.header
_kind_label = message_parts.kind_label
_link = message_parts.link
_links = message_parts.links
_list_message = message_parts.list_message
_more_line = message_parts.more_line
_origin = message_parts.origin
_shorten = message_parts.shorten
_strip_numbering = message_parts.strip_numbering

# What other modules import from here (some of it defined in the modules named above).
__all__ = [
    "ANSWER_EXCERPT_CHARS",
    "CB_FOLLOW",
    "CB_OPEN",
    "CB_SEARCH_ORDER",
    "CB_SEARCH_PAGE",
    "CB_SIMILAR",
    "CB_SUGGESTION",
    "CB_UNFOLLOW",
    "MANAGE_CALLBACK",
    "MAX_MESSAGE_LENGTH",
    "NUMBER_BUTTONS_PER_ROW",
    "PUSH_FOOTER_RESERVE",
    "SEARCH_PAGE_SIZE",
    "SNIPPET_MAX_CHARS",
    "SUMMARY_MAX_CHARS",
    "Button",
    "MeetingView",
    "PaperView",
    "RenderedMessage",
    "callback_data",
    "fits",
    "paper_buttons",
    "parse_callback_data",
    "render_answer",
    "render_digest",
    "render_inquiry",
    "render_meeting_alert",
    "render_meeting_cancelled",
    "render_meeting_moved",
    "render_search_results",
    "shown_query",
    "telegram_length",
    "with_suggestion",
]

SUMMARY_MAX_CHARS = 220
# The /abos listing (keyboards.py: "a:l"), offered under a push no subscription of the chat matches.
MANAGE_CALLBACK = "a:l"
SEARCH_PAGE_SIZE = 5
SNIPPET_MAX_CHARS = 160
NUMBER_BUTTONS_PER_ROW = 5


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
    # A push leaves room for its footer (bot/messages/push_footer.py: FOOTER_RESERVE).
    limit = MAX_MESSAGE_LENGTH - (PUSH_FOOTER_RESERVE if manage_button else 0)
    text = _fit(compose, levels, len(questions), limit)
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


# ---------------------------------------------------------------- lists


def render_digest(
    kommune: str, papers: Sequence[PaperView], *, for_push: bool = False
) -> RenderedMessage:
    """Render several new papers of one Kommune as one compact list ("12 neue Anfragen in …")."""
    head = f"<b>{_fmt(texts.DIGEST_HEADLINE, count=digest_count(papers), kommune=kommune)}</b>"
    items = [_compact_item(_for_display(p)) for p in papers]
    # A push leaves room for its footer (bot/messages/push_footer.py: FOOTER_RESERVE).
    limit = MAX_MESSAGE_LENGTH - (PUSH_FOOTER_RESERVE if for_push else 0)
    return RenderedMessage(_list_message([head, ""], items, limit=limit))


def digest_count(papers: Sequence[PaperView]) -> str:
    """Return the count and kind: "2 neue Anfragen", "1 neuer Antrag", "3 neue Papiere"."""
    kinds = {p.kind for p in papers}
    one, many = texts.DIGEST_COUNT_MIXED
    if kinds == {"Anfrage"} and all(p.is_citizen_inquiry for p in papers):
        one, many = texts.DIGEST_COUNT_CITIZEN
    elif len(kinds) == 1 and (kind := kinds.pop()) in texts.DIGEST_COUNT_ONE:
        one, many = texts.DIGEST_COUNT_ONE[kind], texts.DIGEST_COUNT_MANY[kind]
    return one if len(papers) == 1 else many.format(n=len(papers))


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


# ---------------------------------------------------------------- building blocks


def shown_query(query: str) -> str:
    """Return a query as quoted back to the user: a fully quoted phrase loses its own quotes,
    so /suche "Haus der Jugend" reads „Haus der Jugend“, not „"Haus der Jugend"“."""
    query = " ".join(query.split())
    if len(query) >= 2 and query[0] in '"„“' and query[-1] in '"“”' and query.count('"') <= 2:
        query = query[1:-1].strip()
    return _shorten(query, 100)
