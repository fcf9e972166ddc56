"""The Bot API methods of the stand-in (getUpdates, sendMessage, editMessageText, …). I/O."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

from standins.telegram_core import ApiCore
from standins.telegram_records import (
    ApiError,
    CallbackAnswer,
)
from standins.telegram_wire import (
    _BOT_COMMAND_NAME_RE,
    _DEFAULT_DESCRIPTIONS,
    MAX_CALLBACK_ANSWER_CHARS,
    NOT_MODIFIED,
    _Chat,
    _int_or_none,
    _scope_key,
)


class BotMethods(ApiCore):
    """The Bot API methods the bot calls (`_m_<name>`), answered like api.telegram.org."""

    # ------------------------------------------------------------------ Bot API methods

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.group_privacy,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_logOut(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_close(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self._webhook_url = ""
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        self._webhook_url = str(params.get("url") or "")
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        self._new_updates.fire()  # the poll still waiting, if any, ends with 409 Conflict
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = set(allowed) if allowed else None
        offset = _int_or_none(params.get("offset")) or 0
        if offset > 0:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        elif offset < 0:
            while len(self._updates) > -offset:
                self._updates.popleft()
        limit = min(max(_int_or_none(params.get("limit")) or 100, 1), 100)
        timeout = float(params.get("timeout") or 0)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, _DEFAULT_DESCRIPTIONS[409])
            remaining = deadline - loop.time()
            if self._updates or remaining <= 0 or self._closing:
                return list(itertools.islice(self._updates, limit))
            await self._new_updates.wait(remaining)

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        self._check_writable(chat)
        parsed, source, parse_mode = self._parse_text(params)
        markup = self._check_markup(params.get("reply_markup"))
        reply_to = _int_or_none(params.get("reply_to_message_id"))
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            reply_to = _int_or_none(reply.get("message_id"))
        if reply_to is not None and reply_to not in chat.messages:
            lenient = params.get("allow_sending_without_reply") or (
                isinstance(reply, dict) and reply.get("allow_sending_without_reply")
            )
            if not lenient:
                raise ApiError(400, "Bad Request: message to be replied not found")
            reply_to = None
        self._check_flood(chat)
        message = self._store(
            chat,
            from_bot=True,
            sender_id=self.bot_id,
            parsed=parsed,
            source=source,
            parse_mode=parse_mode,
            reply_markup=markup,
            reply_to=reply_to,
        )
        self._send_times.append(time.monotonic())
        return self._message_api(message)

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        parsed, source, parse_mode = self._parse_text(params)
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        message = self._bot_message(params, "edit")
        self._check_writable(self._chats[message.chat_id])
        if not message.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        # Leaving out reply_markup removes the inline keyboard, as on Telegram.
        if (
            parsed.text == message.text
            and parsed.entities == message.entities
            and markup == message.reply_markup
        ):
            raise ApiError(400, NOT_MODIFIED)
        message.history.append(message.source)
        message.text, message.entities, message.source = parsed.text, parsed.entities, source
        message.parse_mode, message.reply_markup = parse_mode, markup
        message.edit_date = int(time.time())
        self._changed.fire()
        return self._message_api(message)

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        message = self._bot_message(params, "edit")
        if not message.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        if markup == message.reply_markup:
            raise ApiError(400, NOT_MODIFIED)
        message.reply_markup = markup
        message.edit_date = int(time.time())
        self._changed.fire()
        return self._message_api(message)

    async def _m_deleteMessage(self, params: dict[str, Any]) -> Any:
        message = self._bot_message(params, "delete")
        message.deleted = True
        self._changed.fire()
        return True

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        query = self._queries.get(str(params.get("callback_query_id")))
        if query is None or query.answer is not None:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_CHARS:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query.answer = CallbackAnswer(
            query.id,
            None if text is None else str(text),
            params.get("show_alert") is True,
            params.get("url"),
        )
        self._changed.fire()
        return True

    async def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be an array of at most 100")
        for c in commands:
            if not isinstance(c, dict) or not _BOT_COMMAND_NAME_RE.match(str(c.get("command"))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description") or "")) <= 256:
                raise ApiError(400, "Bad Request: command description must be 1-256 characters")
        self._commands[_scope_key(params)] = commands
        return True

    async def _m_getMyCommands(self, params: dict[str, Any]) -> Any:
        return self._commands.get(_scope_key(params), [])

    async def _m_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        self._commands.pop(_scope_key(params), None)
        return True

    async def _m_setMyDescription(self, params: dict[str, Any]) -> Any:
        text = str(params.get("description") or "")
        if len(text) > 512:
            raise ApiError(400, "Bad Request: description is too long")
        self._descriptions[("description", str(params.get("language_code") or ""))] = text
        return True

    async def _m_getMyDescription(self, params: dict[str, Any]) -> Any:
        key = ("description", str(params.get("language_code") or ""))
        return {"description": self._descriptions.get(key, "")}

    async def _m_setMyShortDescription(self, params: dict[str, Any]) -> Any:
        text = str(params.get("short_description") or "")
        if len(text) > 120:
            raise ApiError(400, "Bad Request: short description is too long")
        self._descriptions[("short", str(params.get("language_code") or ""))] = text
        return True

    async def _m_getMyShortDescription(self, params: dict[str, Any]) -> Any:
        key = ("short", str(params.get("language_code") or ""))
        return {"short_description": self._descriptions.get(key, "")}

    async def _m_sendChatAction(self, params: dict[str, Any]) -> Any:
        self._check_writable(self._target_chat(params))
        return True

    async def _m_getChat(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        return {**chat.to_api(), "accent_color_id": 0, "max_reaction_count": 11}

    async def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        user_id = _int_or_none(params.get("user_id"))
        if user_id is None:
            raise ApiError(400, "Bad Request: user_id is empty")
        return self._member(chat, user_id)

    async def _m_getChatAdministrators(self, params: dict[str, Any]) -> Any:
        chat = self._target_chat(params)
        if chat.type == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        ids = ([chat.owner_id] if chat.owner_id is not None else []) + sorted(chat.admin_ids)
        return [self._member(chat, uid) for uid in ids]

    def _member(self, chat: _Chat, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            user = self.bot_user
            status = "kicked" if chat.blocked else "member"
        else:
            user = self.add_user(user_id)
            if chat.type == "private":
                status = "member" if user_id == chat.id else "left"
            elif user_id == chat.owner_id:
                status = "creator"
            elif user_id in chat.admin_ids:
                status = "administrator"
            else:
                status = "member" if user_id in chat.member_ids else "left"
        if status == "creator":
            return {"user": user, "status": status, "is_anonymous": False}
        if status == "administrator":
            rights = dict.fromkeys(
                (
                    "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                    "can_restrict_members", "can_change_info", "can_invite_users",
                    "can_post_stories", "can_edit_stories", "can_delete_stories",
                    "can_pin_messages",
                ),
                True,
            )  # fmt: skip
            return {
                "user": user,
                "status": status,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_promote_members": False,
                **rights,
            }
        if status == "kicked":
            return {"user": user, "status": status, "until_date": 0}
        return {"user": user, "status": status}
