"""The demo's chat session (I/O): typed lines to the Telegram stand-in, bot messages to the
terminal, and the demo's own actions (publishing on the local OParl server, polling at once).

"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.demo import data as demo_data
from bot.demo import texts as c
from bot.demo.terminal import LineReader, Terminal
from fetcher.clock import BERLIN, utc_now
from standins.karlsruhe_publish import publish_answer, publish_inquiry
from storage.audience import anything_queued
from storage.meetings import meeting_id_by_oparl_id
from storage.paper_reads import paper_id_by_oparl_id

if TYPE_CHECKING:
    from bot.app import RunContext
    from standins.oparl_server import OParlServer
    from standins.telegram_api import RecordedMessage, TelegramAPI

log = logging.getLogger(__name__)

CHAT_ID = 4242  # the person at the terminal, a private chat
FIRST_NAME = "Erika"
REPLY_TIMEOUT_S = 10.0  # how long a command may take to answer at all
QUIET_S = 0.8  # no new bot message for this long: the answer is complete
MAX_WAIT_S = 30.0
PUSH_TIMEOUT_S = 30.0
ALERT_QUEUE_TIMEOUT_S = 5.0  # the alert check runs every second in the demo
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

MessageCheck = Callable[["RecordedMessage"], bool]


class Session:
    """One chat between the person at the terminal and the running bot."""

    def __init__(
        self,
        api: TelegramAPI,
        leipzig: OParlServer,
        karlsruhe: OParlServer,
        out: Terminal,
        pdf_dir: Path,
        stop: asyncio.Event,
        lines: list[str] | None,
        *,
        history: bool = True,
        quiet_s: float = QUIET_S,
    ) -> None:
        self.api = api
        self.leipzig = leipzig
        self.karlsruhe = karlsruhe
        self.karlsruhe_inquiry: dict[str, Any] | None = None
        self.karlsruhe_answered = False
        self.out = out
        self.pdf_dir = pdf_dir
        self.stop = stop
        self.script = list(lines) if lines is not None else None
        self.history = history  # False: no history import at the start (RATSBOT_DEMO_HISTORY=0)
        self.quiet_s = quiet_s  # RATSBOT_DEMO_QUIET_S
        self.exit_code = 0
        self.context: RunContext | None = None
        self.inquiry_id: str | None = None
        self.meeting_id: str | None = None
        self.meeting_start: datetime | None = None  # fixed when the inquiry names it
        self._shown: dict[int, tuple[str, str]] = {}  # message id → (source, buttons) printed
        self._choices: tuple[c.ShownButton, ...] = ()
        self._choices_message: int | None = None
        self._query: str | None = None  # the button press whose answer is not shown yet
        self._input: asyncio.Queue[str | None] | None = None
        self._reader: LineReader | None = None

    # -- lifecycle ------------------------------------------------------------------------

    async def on_ready(self, context: RunContext) -> None:
        """Run the chat until it ends or Ctrl-C; then let `run` shut everything down."""
        self.context = context
        chat = asyncio.create_task(self._chat())
        stopped = asyncio.create_task(self.stop.wait())
        try:
            await asyncio.wait({chat, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (chat, stopped):
                task.cancel()
            try:
                await chat
            except asyncio.CancelledError:
                pass
            except Exception as exc:  # the demo's own failure: say so, exit 1, shut down
                log.exception("demo failed")
                self.out.note(c.FAILED.format(error=exc))
                self.exit_code = 1
            if self._reader is not None:
                self._reader.close()
            self.stop.set()

    async def _chat(self) -> None:
        await self._first_sync()
        self.out.say("")
        self.out.say(c.HELP)
        self.out.say("")
        while (line := await self._next_line()) is not None:
            if not await self._handle(line):
                return

    async def _first_sync(self) -> None:
        """Import each Kommune's history (notifies nobody), Karlsruhe's from a later day."""
        assert self.context is not None
        if not self.history:
            self.out.note(c.READY_WITHOUT_HISTORY)
            return
        sync = self.context.sync
        counts = []
        for endpoint, since in (
            (demo_data.LEIPZIG, demo_data.FIRST_SYNC_SINCE),
            (demo_data.KARLSRUHE, demo_data.KARLSRUHE_SINCE),
        ):
            # SyncService reads first_sync_since when a Kommune's first sync starts.
            sync.first_sync_since = since
            report = await sync.sync_all(only=endpoint.slug)
            counts += [
                c.READY_COUNT.format(name=endpoint.name, n=k.new, meetings=k.meetings)
                for k in report.kommunen
            ]
        sync.first_sync_since = demo_data.FIRST_SYNC_SINCE
        self.out.note(c.READY.format(counts=", ".join(counts)))

    async def _next_line(self) -> str | None:
        if self.script is not None:
            if not self.script:
                return None
            line = self.script.pop(0)
            self.out.user(line)
            return line
        if self._input is None:
            self._input = asyncio.Queue()
            self._reader = LineReader(asyncio.get_running_loop(), self._input)
            self._reader.start()
        self.out.prompt()
        get = asyncio.create_task(self._input.get())
        try:
            while True:
                done, _ = await asyncio.wait({get}, timeout=0.2)
                if done:
                    self.out.prompt_open = False
                    return get.result()
                if self._print_fresh():  # a push while the person was thinking
                    self.out.prompt()
        finally:
            get.cancel()

    # -- one line ---------------------------------------------------------------------------

    async def _handle(self, line: str) -> bool:
        """Act on one line; return False when the demo should end."""
        what = c.classify_input(line)
        if what.kind == "quit":
            return False
        if what.kind == "text":
            self.api.user_sends(CHAT_ID, what.value, first_name=FIRST_NAME)
            await self._await_replies()
            if what.value.split()[0].lower() in ("/hilfe", "/help"):
                self.out.note(c.DEMO_COMMANDS)
        elif what.kind == "press":
            await self._press(what.value)
        elif what.kind == "action":
            await self._action(what.value)
        return True

    async def _press(self, choice: str) -> None:
        self._print_fresh()
        if not self._choices or self._choices_message is None:
            self.out.note(c.NO_BUTTONS)
            return
        button = c.pick_button(self._choices, choice)
        if button is None or button.callback_data is None:
            self.out.note(c.NO_SUCH_BUTTON.format(choice=choice))
            return
        try:
            self._query = self.api.user_clicks(CHAT_ID, self._choices_message, button.callback_data)
        except ValueError:  # the message lost that button (edited or deleted)
            self.out.note(c.NO_SUCH_BUTTON.format(choice=choice))
            return
        await self._await_replies()

    async def _action(self, word: str) -> None:
        if word in ("hilfe", "help"):
            self.out.say(c.HELP)
        elif word == "neu":
            await self._publish_inquiry()
        elif word == "sitzung":
            await self._publish_meeting()
        elif word == "karlsruhe":
            await self._publish_karlsruhe_inquiry()
        elif word == "antwort":
            await self._publish_karlsruhe_answer()
        else:
            self.out.note(c.UNKNOWN_ACTION.format(word=f"!{word}"))

    async def _publish_inquiry(self) -> None:
        """!neu: Leipzig publishes F-00724/14; poll at once and wait for the push."""
        assert self.context is not None
        if self.inquiry_id is not None:
            self.out.note(c.INQUIRY_ALREADY)
            return
        inquiry = demo_data.read_seed_inquiry()
        self.out.note(c.PUBLISHING_INQUIRY.format(title=inquiry.title))
        today = datetime.now(BERLIN).date()
        self.meeting_start = demo_data.meeting_start(utc_now())
        self.inquiry_id = demo_data.publish_inquiry(
            self.leipzig, self.pdf_dir, today, self.meeting_start.date()
        )
        await self.context.sync.sync_all(only=demo_data.LEIPZIG.slug)
        paper_id = await paper_id_by_oparl_id(self.inquiry_id)
        queued = paper_id is not None and await anything_queued("paper", paper_id)
        if not queued:
            self._print_fresh()
            self.out.note(c.NO_PUSH)
            return
        await self._await_replies(
            until=lambda m: inquiry.reference in m.text, first_timeout_s=PUSH_TIMEOUT_S
        )

    async def _publish_meeting(self) -> None:
        """!sitzung: Leipzig announces the Ratsversammlung; poll and wait for the alert."""
        assert self.context is not None
        if self.meeting_id is not None:
            self.out.note(c.MEETING_ALREADY)
            return
        if self.inquiry_id is None:
            await self._publish_inquiry()
        start = self.meeting_start or demo_data.meeting_start(utc_now())
        when = f"{WEEKDAYS[start.weekday()]}, {start:%d.%m.%Y, %H:%M} Uhr"
        self.out.note(c.PUBLISHING_MEETING.format(when=when))
        self.meeting_id = demo_data.publish_meeting(self.leipzig, start)
        await self.context.sync.sync_all(only=demo_data.LEIPZIG.slug)
        meeting_id = await meeting_id_by_oparl_id(self.meeting_id)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ALERT_QUEUE_TIMEOUT_S
        queued = False
        while meeting_id is not None and not queued and loop.time() < deadline:
            # The alert check runs every second (RunOptions.alert_check_interval_s).
            queued = await anything_queued("meeting", meeting_id)
            if not queued:
                await asyncio.sleep(0.2)
        if not queued:
            self._print_fresh()
            self.out.note(c.NO_ALERT)
            return
        await self._await_replies(
            until=lambda m: demo_data.MEETING_NAME in m.text, first_timeout_s=PUSH_TIMEOUT_S
        )

    async def _publish_karlsruhe_inquiry(self) -> None:
        """!karlsruhe: Karlsruhe publishes the real AfD inquiry 2026/0297 anew; poll, wait."""
        assert self.context is not None
        if self.karlsruhe_inquiry is not None:
            self.out.note(c.KARLSRUHE_ALREADY)
            return
        self.out.note(c.PUBLISHING_KARLSRUHE.format(reference=demo_data.KARLSRUHE_REFERENCE))
        self.karlsruhe_inquiry = publish_inquiry(
            self.karlsruhe, demo_data.KARLSRUHE_REFERENCE, self.pdf_dir
        )
        await self.context.sync.sync_all(only=demo_data.KARLSRUHE.slug)
        await self._await_replies(
            until=lambda m: demo_data.KARLSRUHE_REFERENCE in m.text, first_timeout_s=5.0
        )

    async def _publish_karlsruhe_answer(self) -> None:
        """!antwort: the administration's real Stellungnahme arrives; poll, wait for the push."""
        assert self.context is not None
        if self.karlsruhe_answered:
            self.out.note(c.ANSWER_ALREADY)
            return
        if self.karlsruhe_inquiry is None:
            await self._publish_karlsruhe_inquiry()
        assert self.karlsruhe_inquiry is not None
        self.out.note(c.PUBLISHING_ANSWER.format(reference=demo_data.KARLSRUHE_REFERENCE))
        publish_answer(self.karlsruhe, self.karlsruhe_inquiry, self.pdf_dir)
        self.karlsruhe_answered = True
        await self.context.sync.sync_all(only=demo_data.KARLSRUHE.slug)
        await self._await_replies(until=lambda m: "Antwort auf" in m.text, first_timeout_s=10.0)

    # -- showing what the bot sent ------------------------------------------------------------

    def _print_fresh(self) -> int:
        """Print bot messages (and edits) not shown yet, and a pending button answer."""
        printed = 0
        for message in self.api.messages(CHAT_ID):
            signature = (message.source, json.dumps(message.reply_markup, sort_keys=True))
            seen = self._shown.get(message.message_id)
            if seen == signature:
                continue
            self._shown[message.message_id] = signature
            rows = [
                [c.ShownButton(b.text, b.callback_data, b.url) for b in row]
                for row in message.buttons
            ]
            shown = c.show_message(
                message.text,
                message.entities,
                rows,
                edited=seen is not None,
                width=self.out.width,
            )
            self.out.lines(shown.lines)
            if shown.choices:
                self._choices, self._choices_message = shown.choices, message.message_id
            elif message.message_id == self._choices_message:
                self._choices, self._choices_message = (), None
            printed += 1
        if self._query is not None:
            answer = self.api.callback_answer(self._query)
            if answer is not None:
                self._query = None
                if answer.text:
                    self.out.lines([c.BOT_PREFIX + c.TOAST + answer.text])
                    printed += 1
        return printed

    async def _await_replies(
        self, *, until: MessageCheck | None = None, first_timeout_s: float = REPLY_TIMEOUT_S
    ) -> None:
        """Print replies as they come until the bot has been quiet for a moment.

        With `until`, first wait (up to `first_timeout_s`) for a message that satisfies it.
        """
        loop = asyncio.get_running_loop()
        started = loop.time()
        last_change: float | None = None
        satisfied = until is None
        while True:
            before = set(self._shown)
            if self._print_fresh():
                last_change = loop.time()
                if until is not None and not satisfied:
                    satisfied = any(
                        until(m) for m in self.api.messages(CHAT_ID) if m.message_id not in before
                    )
            now = loop.time()
            waited = now - started
            if waited > MAX_WAIT_S:
                break
            if not satisfied or last_change is None:
                if waited > first_timeout_s:
                    break
            elif now - last_change >= self.quiet_s and (
                self._query is None or now - last_change >= 3 * self.quiet_s
            ):
                break
            await asyncio.sleep(0.05)
        if last_change is None:
            self.out.note(c.NO_REPLY)
