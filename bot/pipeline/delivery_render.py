"""Rendering outbox rows (I/O: reads papers): the message for a row or a digest, cached per subject.

Messages are rendered at send time from the database, once per subject for a fan-out; a paper
hidden or deleted meanwhile is skipped. Each chat's copy then gets its footer (issue #14): the
subscription of that chat the paper matches, with "Abo verwalten" for it. Where several match, the
footer names the most specific one (`footer_subscription`); a digest's footer applies that rule
to the subscriptions matching any of its papers. A paper push whose matching subscriptions are
all muted is not sent (it was queued before the mute).
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from bot.messages import render, texts
from bot.messages.push_footer import footer_label, with_subscription_footer
from bot.messages.render import RenderedMessage
from bot.messages.views import answer_view, fk_id, paper_view
from bot.pipeline.asked_before import add_asked_before
from bot.pipeline.matching import PaperFacts, SubscriptionIndex, matching_chats, merge_facts
from bot.pipeline.notify import facts_of
from fetcher.clock import utc_now
from storage.outbox import OutboxRow
from storage.paper_reads import papers_with_kommune
from storage.subscription_details import SubscriptionInfo, subscriptions_of_chats
from storage.subscriptions import SubscriptionRow

if TYPE_CHECKING:
    from storage.models import Paper

# "questions": the follow-up to a paper pushed before its document could be read (issue #18).
_PAPER_SUBJECTS = ("paper", "answer", "questions")

MeetingRenderer = Callable[[OutboxRow], Awaitable[RenderedMessage | None]]
"""Renders a meeting/weekly row for its chat (alerts.render_meeting_row); None = skip it."""


class Job(Protocol):
    """What the renderer reads from a delivery job."""

    @property
    def digest(self) -> bool: ...
    @property
    def rows(self) -> list[OutboxRow]: ...


class RowRenderer:
    """Renders rows; `clear()` at each new scan (papers may have changed: hidden, answered)."""

    def __init__(
        self,
        render_meeting: MeetingRenderer | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """Remember how to render meeting rows and where "now" comes from (for muted ones)."""
        self._render_meeting = render_meeting
        self._clock = clock
        self._cache: OrderedDict[tuple[str, int], RenderedMessage | None] = OrderedDict()
        self._facts: dict[tuple[str, int], PaperFacts] = {}
        self._subscriptions: dict[int, list[SubscriptionInfo]] = {}
        self._indexes: dict[int, SubscriptionIndex] = {}

    def clear(self) -> None:
        """Forget rendered messages and the chats' subscriptions (muted, deleted meanwhile)."""
        self._cache.clear()
        self._facts.clear()
        self._subscriptions.clear()
        self._indexes.clear()

    async def prefetch(self, rows: Sequence[OutboxRow]) -> None:
        """Load and render the papers and answers of a batch in two queries (cached per subject)."""
        wanted = {
            (r.subject_type, r.subject_id)
            for r in rows
            if r.subject_type in _PAPER_SUBJECTS
            and (r.subject_type, r.subject_id) not in self._cache
        }
        # The chats' subscriptions first: nothing may await between remembering a message and
        # reading it back (a new scan's clear() would empty the cache in that gap).
        await self._load_subscriptions({r.chat for r in rows if r.subject_type in _PAPER_SUBJECTS})
        if not wanted:
            return
        papers = await papers_with_kommune(subject_id for _, subject_id in wanted)
        inquiry_ids = {
            i for p in papers.values() if (i := fk_id(p, "answer_to")) is not None
        } - papers.keys()
        if inquiry_ids:
            papers.update(await papers_with_kommune(inquiry_ids))
        for subject_type, subject_id in wanted:
            message = _render_subject(subject_type, subject_id, papers)
            paper = papers.get(subject_id)
            if message is not None and paper is not None and subject_type == "paper":
                # "Schon gefragt": earlier inquiries on the topic (bot/pipeline/asked_before.py)
                message = await add_asked_before(subject_id, paper.kind, message)
            if message is not None and paper is not None:
                self._facts[(subject_type, subject_id)] = _push_facts(subject_type, paper, papers)
            self._remember((subject_type, subject_id), message)

    async def _load_subscriptions(self, chats: set[int]) -> None:
        missing = chats - self._subscriptions.keys()
        if missing:
            self._subscriptions.update(await subscriptions_of_chats(missing))

    async def _chat_subscriptions(self, chat: int) -> list[SubscriptionInfo]:
        if chat not in self._subscriptions:
            return (await subscriptions_of_chats([chat])).get(chat, [])
        return self._subscriptions[chat]

    def _remember(self, key: tuple[str, int], message: RenderedMessage | None) -> None:
        self._cache[key] = message
        self._cache.move_to_end(key)
        while len(self._cache) > 1000:
            old, _ = self._cache.popitem(last=False)
            self._facts.pop(old, None)

    async def message(self, job: Job) -> tuple[RenderedMessage | None, list[OutboxRow]]:
        """Return the message for a job and the rows to skip (their subject is hidden or gone)."""
        if job.digest:
            return await self._digest_message(job.rows)
        row = job.rows[0]
        if row.subject_type in _PAPER_SUBJECTS:
            key = (row.subject_type, row.subject_id)
            if key not in self._cache:
                await self.prefetch([row])
            message = self._cache.get(key)
            facts = self._facts.get(key)
            if message is not None and facts is not None:
                subscriptions = await self._chat_subscriptions(row.chat)
                footed = self._with_footer(row, message, facts, subscriptions)
                if footed is None:  # every matching subscription of the chat is muted
                    return None, []
                message = footed
        elif self._render_meeting is not None:
            message = await self._render_meeting(row)
        else:
            message = None
        return message, ([] if message else [row])

    def _with_footer(
        self,
        row: OutboxRow,
        message: RenderedMessage,
        facts: PaperFacts,
        subscriptions: list[SubscriptionInfo],
    ) -> RenderedMessage | None:
        """Return the chat's copy with its footer; None when only muted subscriptions match."""
        if not subscriptions:
            return message
        matched = self._matched(row.chat, subscriptions, [facts])
        chosen = footer_subscription(matched, self._clock())
        if chosen is None:
            # An answer also goes to chats that follow the inquiry or got it: no mute applies.
            return None if matched and row.subject_type != "answer" else message
        label = footer_label(chosen.kommune_name, chosen.faction, chosen.keyword, chosen.kind)
        return with_subscription_footer(message, label, chosen.id)

    def _matched(
        self, chat: int, subscriptions: list[SubscriptionInfo], facts: Sequence[PaperFacts]
    ) -> list[SubscriptionInfo]:
        """Return the chat's subscriptions that match any of the papers."""
        index = self._indexes.get(chat)
        if index is None:
            index = self._indexes[chat] = SubscriptionIndex(_rows(subscriptions))
        ids = {i for f in facts for i in matching_chats(index, f).get(chat, ())}
        return [s for s in subscriptions if s.id in ids]

    async def _digest_footer(
        self, chat: int, papers: Sequence[Paper], message: RenderedMessage
    ) -> RenderedMessage:
        """Return the digest with the footer of the subscription the single push's rule names.

        Among the subscriptions matching any of its papers, the most specific live one
        (`footer_subscription`); without one (no match left, all muted) the digest has no footer.
        """
        subscriptions = await self._chat_subscriptions(chat)
        if not subscriptions:
            return message
        matched = self._matched(chat, subscriptions, [facts_of(p) for p in papers])
        chosen = footer_subscription(matched, self._clock())
        if chosen is None:
            return message
        label = footer_label(chosen.kommune_name, chosen.faction, chosen.keyword, chosen.kind)
        return with_subscription_footer(message, label, chosen.id)

    async def _digest_message(
        self, rows: list[OutboxRow]
    ) -> tuple[RenderedMessage | None, list[OutboxRow]]:
        papers = await papers_with_kommune(r.subject_id for r in rows)
        shown = [papers[r.subject_id] for r in rows if _visible(papers.get(r.subject_id))]
        skipped = [r for r in rows if not _visible(papers.get(r.subject_id))]
        if not shown:
            return None, skipped
        if len(shown) == 1:
            message = render.render_inquiry(paper_view(shown[0]), manage_button=True)
        else:
            shown.sort(key=lambda p: (str(p.kommune.name), p.id))
            names = list(dict.fromkeys(str(p.kommune.name) for p in shown))
            views = [paper_view(p) for p in shown]
            message = render.render_digest(", ".join(names), views, for_push=True)
        return await self._digest_footer(rows[0].chat, shown, message), skipped


def footer_subscription(
    matched: Sequence[SubscriptionInfo], now: datetime
) -> SubscriptionInfo | None:
    """Return the subscription a push's footer names: the most specific one not muted.

    Most specific: the most conditions set (a Kommune, a faction, a keyword, a type other than
    "alle"), so "Leipzig · Grüne · „Schule“" wins over "Leipzig · Anfragen"; among equals the
    oldest (the one the chat made first). None when nothing matched or all matches are muted.
    """
    live = [s for s in matched if not s.muted(now)]
    if not live:
        return None
    return min(live, key=lambda s: (-_conditions(s), s.id))


def _conditions(sub: SubscriptionInfo) -> int:
    parts = (sub.kommune_id, sub.faction, sub.keyword, None if sub.kind == "alle" else sub.kind)
    return sum(part is not None for part in parts)


def _rows(subscriptions: Sequence[SubscriptionInfo]) -> list[SubscriptionRow]:
    return [
        SubscriptionRow(s.id, s.chat, s.kommune_id, s.faction, s.keyword, s.kind)
        for s in subscriptions
    ]


def _push_facts(subject_type: str, paper: Paper, papers: dict[int, Paper]) -> PaperFacts:
    """Return what matching knows of the subject, as bot/pipeline/notify.py matched it."""
    facts = facts_of(paper)
    if subject_type != "answer":
        return facts
    facts = PaperFacts(facts.kommune_id, "Antwort", facts.factions, facts.stems, facts.phrase_text)
    inquiry_id = fk_id(paper, "answer_to")
    inquiry = papers.get(inquiry_id) if inquiry_id is not None else None
    return merge_facts(facts, facts_of(inquiry)) if inquiry is not None else facts


def _visible(paper: Paper | None) -> bool:
    return paper is not None and not paper.hidden and not paper.deleted


def _render_subject(
    subject_type: str, subject_id: int, papers: dict[int, Paper]
) -> RenderedMessage | None:
    paper = papers.get(subject_id)
    if not _visible(paper):
        return None
    assert paper is not None
    if subject_type == "answer":
        inquiry_id = fk_id(paper, "answer_to")
        inquiry = papers.get(inquiry_id) if inquiry_id is not None else None
        return render.render_answer(answer_view(paper, inquiry), for_push=True)
    message = render.render_inquiry(paper_view(paper), manage_button=True)
    if subject_type == "questions":
        if not paper.questions:
            return None
        followup = f"<i>{html.escape(texts.QUESTIONS_FOLLOWUP)}</i>\n\n{message.text}"
        if render.fits(followup):
            return RenderedMessage(followup, message.buttons)
    return message
