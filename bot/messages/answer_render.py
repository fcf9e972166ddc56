"""Render the answer push: the administration's answer first, then the folded questions. Pure,
no I/O (building blocks in bot/messages/message_parts.py)."""

from __future__ import annotations

from bot.messages import message_parts, texts
from bot.messages.message_parts import (
    CB_SIMILAR,
    MAX_MESSAGE_LENGTH,
    Button,
    PaperView,
    RenderedMessage,
    callback_data,
)

# The building blocks under the short private names the renderers use.
_collapse = message_parts.collapse
_esc = message_parts.esc
_fit = message_parts.fit
_fmt = message_parts.fmt
_for_display = message_parts.for_display
_header = message_parts.header
_link = message_parts.link
_more_line = message_parts.more_line
_shorten = message_parts.shorten
_strip_numbering = message_parts.strip_numbering

ANSWER_EXCERPT_CHARS = 700
# Room kept free in a push for its footer ("Abo: …", bot/messages/push_footer.py).
PUSH_FOOTER_RESERVE = 100


def render_answer(paper: PaperView, *, for_push: bool = False) -> RenderedMessage:
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
    # A push leaves room for its footer (bot/messages/push_footer.py).
    limit = MAX_MESSAGE_LENGTH - (PUSH_FOOTER_RESERVE if for_push else 0)
    text = _fit(compose, levels, max(len(questions), len(answers)), limit)
    buttons = ((Button(texts.BUTTON_SIMILAR, callback_data(CB_SIMILAR, paper.paper_id)),),)
    return RenderedMessage(text, buttons)
