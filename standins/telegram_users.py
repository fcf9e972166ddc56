"""The user side of the Bot API stand-in: act as a user, inject faults, inspect what was sent."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from standins.telegram_html import (
    ParsedText,
)
from standins.telegram_methods import BotMethods
from standins.telegram_records import (
    Call,
    CallbackAnswer,
    Fault,
    RecordedMessage,
    Stats,
)
from standins.telegram_wire import (
    _DEFAULT_DESCRIPTIONS,
    _Chat,
    _command_entities,
    _Query,
)


class UserSide(BotMethods):
    """What a test does as a user (send, click, block), faults and pacing, and inspection."""

    # ------------------------------------------------------------------ user side

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        owner_id: int,
        admin_ids: Iterable[int] = (),
        member_ids: Iterable[int] = (),
        supergroup: bool = False,
    ) -> None:
        """Create a group chat with its creator, administrators and members (ids < 0)."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        chat = _Chat(chat_id, "supergroup" if supergroup else "group", title=title)
        chat.owner_id = owner_id
        chat.admin_ids = set(admin_ids)
        chat.member_ids = {owner_id, *chat.admin_ids, *member_ids}
        for uid in chat.member_ids:
            self.add_user(uid, first_name=f"Mitglied {uid}")
        self._chats[chat_id] = chat

    def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Erika",
        username: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """Inject a user's text message (with bot_command entities) and return its Update.

        A positive `chat_id` is a private chat with user `chat_id`; a negative one a group
        (created if needed, the sender becoming its creator). In groups `user_id` is the sender.
        """
        if chat_id > 0:
            user_id = chat_id
        elif user_id is None:
            raise ValueError("a group message needs user_id")
        self.add_user(user_id, first_name=first_name, username=username)
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._new_chat(chat_id, owner_id=user_id)
            if chat.type == "private":
                chat.first_name, chat.username = first_name, username
        if chat.type != "private":
            chat.member_ids.add(user_id)
        elif chat.blocked:  # writing to a bot one blocked means unblocking it first
            self.unblock(chat_id)
        if reply_to_message_id is not None and reply_to_message_id not in chat.messages:
            raise ValueError(f"message {reply_to_message_id} does not exist in chat {chat_id}")
        message = self._store(
            chat,
            from_bot=False,
            sender_id=user_id,
            parsed=ParsedText(text, tuple(_command_entities(text))),
            source=text,
            parse_mode=None,
            reply_markup=None,
            reply_to=reply_to_message_id,
        )
        update = {"update_id": 0, "message": self._message_api(message)}
        if self._reaches_bot(chat, message):
            self._enqueue(update, "message")
        return update

    def user_clicks(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str,
        *,
        user_id: int | None = None,
        forged: bool = False,
    ) -> str:
        """Inject a press on the button with `callback_data`; return the callback query id.

        `forged`: any data, as a modified client can send for a bot message (Telegram does not
        check that the message has such a button).
        """
        chat = self._chats.get(chat_id)
        message = chat.messages.get(message_id) if chat else None
        if chat is None or message is None or message.deleted or not message.from_bot:
            raise ValueError(f"no bot message {message_id} in chat {chat_id}")
        datas = [b.callback_data for row in message.buttons for b in row]
        if callback_data not in datas and not forged:
            raise ValueError(f"message {message_id} has no button {callback_data!r}: {datas}")
        uid = user_id if user_id is not None else (chat_id if chat_id > 0 else chat.owner_id)
        if uid is None:
            raise ValueError("a button press in a group needs user_id")
        query_id = str(next(self._query_ids))
        self._queries[query_id] = _Query(query_id, chat_id, message_id, callback_data)
        query = {
            "id": query_id,
            "from": self.add_user(uid),
            "message": self._message_api(message),
            "chat_instance": str(abs(hash(("chat", chat_id)))),
            "data": callback_data,
        }
        self._enqueue({"update_id": 0, "callback_query": query}, "callback_query")
        return query_id

    def user_clicks_button(
        self, chat_id: int, message_id: int, label: str, *, user_id: int | None = None
    ) -> str:
        """Press the callback button labelled `label`; return the callback query id."""
        message = self._chats[chat_id].messages[message_id]
        data = message.button(label).callback_data
        if data is None:
            raise ValueError(f"button {label!r} is a URL button")
        return self.user_clicks(chat_id, message_id, data, user_id=user_id)

    def block(self, chat_id: int, *, notify: bool = True) -> None:
        """Let the user block the bot (or the group kick it); sends then fail with 403.

        With `notify` the bot receives the my_chat_member update Telegram sends.
        """
        chat = self._chats.get(chat_id) or self._new_chat(chat_id)
        chat.blocked = True
        if notify:
            self._member_update(chat, "member", "kicked")

    def unblock(self, chat_id: int, *, notify: bool = True) -> None:
        """Undo `block`."""
        chat = self._chats.get(chat_id) or self._new_chat(chat_id)
        chat.blocked = False
        if notify:
            self._member_update(chat, "kicked", "member")

    def add_bot_to_group(self, chat_id: int) -> None:
        """Let the group's creator add the bot: it receives my_chat_member left → member."""
        chat = self._chats[chat_id]
        chat.blocked = False
        self._member_update(chat, "left", "member")

    def remove_bot_from_group(self, chat_id: int) -> None:
        """Let the group's creator remove the bot: my_chat_member member → left; sends get 403."""
        chat = self._chats[chat_id]
        chat.blocked = True
        self._member_update(chat, "member", "left")

    # ------------------------------------------------------------------ faults and pacing

    def fail(
        self,
        status: int,
        *,
        times: int | None = 1,
        chat_id: int | str | None = None,
        method: str | None = None,
        retry_after: int | None = None,
        description: str | None = None,
        migrate_to_chat_id: int | None = None,
        delay_s: float = 0.0,
    ) -> Fault:
        """Make the next `times` matching calls fail (None: until `clear_faults`).

        Without `method` the fault matches calls that target a chat (sendMessage, edits, …),
        never getUpdates, so polling is not disturbed. 429 carries `retry_after` (default 5);
        `migrate_to_chat_id` gives Telegram's "group chat was upgraded" 400.
        """
        if status == 429 and retry_after is None:
            retry_after = 5
        if migrate_to_chat_id is not None:
            default = "Bad Request: group chat was upgraded to a supergroup chat"
        else:
            default = _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")
        fault = Fault(
            status=status,
            description=description or default.format(retry_after=retry_after),
            times=times,
            chat_id=chat_id,
            method=method.lower() if method else None,
            retry_after=retry_after,
            migrate_to_chat_id=migrate_to_chat_id,
            delay_s=delay_s,
        )
        self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Switch all faults off (also `offline` and `revoked`)."""
        self._faults.clear()
        self.offline = False
        self.revoked = False

    def set_latency(self, seconds: float, *, chat_id: int | None = None) -> None:
        """Add `seconds` before answering every request (or those for one chat)."""
        if chat_id is None:
            self.latency_s = seconds
        else:
            self._chat_latency_s[chat_id] = seconds

    # ------------------------------------------------------------------ inspection

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[RecordedMessage]:
        """Return the bot's messages in a chat, oldest first."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return []
        return [
            m for m in chat.messages.values() if m.from_bot and (include_deleted or not m.deleted)
        ]

    def chat_ids(self) -> list[int]:
        """Return the ids of all chats the stand-in knows."""
        return list(self._chats)

    def calls(self, method: str | None = None) -> list[Call]:
        """Return the recorded requests, optionally only those of one method."""
        if method is None:
            return list(self._calls)
        return [c for c in self._calls if c.method.lower() == method.lower()]

    def callback_answer(self, query_id: str) -> CallbackAnswer | None:
        """Return the bot's answer to a button press, or None if not answered (yet)."""
        return self._queries[query_id].answer

    def commands(self, *, scope: str = "default", language_code: str = "") -> list[dict[str, Any]]:
        """Return the commands set with setMyCommands for a scope type and language."""
        return list(self._commands.get((scope, language_code), []))

    def description(self, *, short: bool = False, language_code: str = "") -> str:
        """Return what setMyDescription (or setMyShortDescription) set for a language."""
        return self._descriptions.get(("short" if short else "description", language_code), "")

    def pending_updates(self) -> list[dict[str, Any]]:
        """Return the updates not yet confirmed by the bot."""
        return list(self._updates)

    def is_blocked(self, chat_id: int) -> bool:
        """Return whether the bot is blocked in (kicked from) a chat."""
        chat = self._chats.get(chat_id)
        return bool(chat and chat.blocked)

    def stats(self) -> Stats:
        """Return call counters and the rate of accepted sendMessage calls."""
        times = self._send_times
        buckets: dict[int, int] = defaultdict(int)
        for t in times:
            buckets[int(t)] += 1
        return Stats(
            calls=dict(self._call_counts),
            errors=dict(self._error_counts),
            messages_sent=len(times),
            duration_s=(times[-1] - times[0]) if times else 0.0,
            peak_per_s=max(buckets.values(), default=0),
        )

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 — a bounded wait is the point of these helpers
        what: str = "condition",
    ) -> None:
        """Wait until `condition()` holds (TimeoutError if not within `timeout`).

        Re-checked whenever the stand-in records something, and every 50 ms for conditions on
        state outside it (e.g. what a handler collected).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing:
                raise TimeoutError(f"{what} not reached within {timeout}s")
            await self._changed.wait(min(remaining, 0.05))

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[RecordedMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 — see wait_until
    ) -> RecordedMessage:
        """Return the oldest bot message in the chat not returned before that matches.

        Each message is handed out once, so consecutive calls walk through the chat in order.
        """
        found: list[RecordedMessage] = []

        def check() -> bool:
            chat = self._chats.get(chat_id)
            if chat is None:
                return False
            for m in chat.messages.values():
                if (
                    m.from_bot
                    and m.message_id not in chat.handed_out
                    and (predicate is None or predicate(m))
                ):
                    chat.handed_out.add(m.message_id)
                    found.append(m)
                    return True
            return False

        try:
            await self.wait_until(check, timeout)
        except TimeoutError:
            texts = [m.text[:80] for m in self.messages(chat_id)]
            raise TimeoutError(
                f"no new matching bot message in chat {chat_id} within {timeout}s; "
                f"chat holds: {texts}"
            ) from None
        return found[0]

    async def wait_for_answer(
        self,
        query_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109 — see wait_until
    ) -> CallbackAnswer:
        """Wait for the bot's answerCallbackQuery to an injected button press."""
        await self.wait_until(
            lambda: self._queries[query_id].answer is not None,
            timeout,
            f"answer to callback query {query_id}",
        )
        answer = self._queries[query_id].answer
        assert answer is not None
        return answer
