"""Local stand-in for the Telegram Bot API on 127.0.0.1 (aiohttp.web); does network I/O.

The real PTB `Application`/`Bot` talks to it with `base_url=api.base_url` and
`base_file_url=api.base_file_url`. It answers like api.telegram.org does (envelope
`{"ok": …, "result" | "error_code", "description", "parameters"}`, the real HTTP status codes,
TDLib's HTML parser and limits), records everything the bot sends, and lets a test (or the demo,
over `/_control/*`) act as a user: send a text, press a button, block the bot.

    async with TelegramAPI() as api:
        app = (ApplicationBuilder().token(api.token)
               .base_url(api.base_url).base_file_url(api.base_file_url).build())
        ...
        api.user_sends(42, "/start")
        reply = await api.wait_for_message(42)

Standalone for the demo: `python -m standins.telegram_api --port 8081`.
Wire details it mirrors: ../shared/TELEGRAM-NOTES.md §1 (and https://core.telegram.org/bots/api).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from types import TracebackType
from typing import Any

from aiohttp import web

from standins.telegram_records import (
    Button,
    Call,
    CallbackAnswer,
    Fault,
    FloodLimits,
    RecordedMessage,
    Stats,
)
from standins.telegram_users import UserSide
from standins.telegram_wire import (
    _UNKNOWN,
    DEFAULT_TOKEN,
    _decode_param,
    _error_body,
    _int_or_none,
)

__all__ = [
    "Button",
    "Call",
    "CallbackAnswer",
    "Fault",
    "FloodLimits",
    "RecordedMessage",
    "Stats",
    "TelegramAPI",
]


class TelegramAPI(UserSide):
    """The stand-in server plus the user-side and inspection API tests use."""

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """Return the value for PTB's `base_url` (the token is appended by PTB)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """Return the value for PTB's `base_file_url`."""
        return f"{self.url}/file/bot"

    async def start(self) -> None:
        """Bind 127.0.0.1 (port 0: a free one) and serve; sets `url`."""
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._handle_file)
        app.router.add_post("/_control/{action}", self._handle_control)
        app.router.add_get("/_control/{action}", self._handle_control)
        # Long polls are released by close(); the short timeout only guards against a stuck one.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        server = site._server
        assert server is not None
        sock = server.sockets[0]  # type: ignore[attr-defined]
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"

    async def close(self) -> None:
        """Release waiting long polls and stop serving."""
        self._closing = True
        self._new_updates.fire()
        self._changed.fire()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> TelegramAPI:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def reset(self) -> None:
        """Forget chats, messages, updates, faults and counters (the server keeps running)."""
        self._init_state()

    # ------------------------------------------------------------------ HTTP control (demo)

    async def _handle_control(self, request: web.Request) -> web.Response:
        """Serve /_control/<action>: the user side and inspection over HTTP, for the demo.

        POST send {chat_id, text, user_id?, first_name?}      → the Update
        POST click {chat_id, message_id, data, user_id?}      → {"callback_query_id": …}
        POST block|unblock {chat_id}
        POST fail {status, times?, chat_id?, method?, retry_after?, description?}
        POST clear_faults | reset
        POST offline {on} | revoked {on}                        → network down / token revoked
        POST latency {seconds, chat_id?}
        GET  messages?chat_id=…&after_seq=0&wait_s=0         → the bot's messages (long poll)
        GET  stats
        """
        action = request.match_info["action"]
        body: dict[str, Any] = {}
        if request.method == "POST" and request.body_exists:
            try:
                loaded = await request.json()
            except ValueError:
                return _error_body(400, "Bad Request: body must be JSON", None)
            body = loaded if isinstance(loaded, dict) else {}
        query = {k: _decode_param(k, v) for k, v in request.query.items()}
        try:
            result = await self._control(action, {**query, **body})
        except (KeyError, ValueError, TypeError) as exc:
            return _error_body(400, f"Bad Request: {exc}", None)
        if result is _UNKNOWN:
            return _error_body(404, "Not Found", None)
        return web.json_response({"ok": True, "result": result})

    async def _control(self, action: str, p: dict[str, Any]) -> Any:
        if action == "send":
            return self.user_sends(
                int(p["chat_id"]),
                str(p["text"]),
                user_id=_int_or_none(p.get("user_id")),
                first_name=str(p.get("first_name") or "Erika"),
            )
        if action == "click":
            qid = self.user_clicks(
                int(p["chat_id"]),
                int(p["message_id"]),
                str(p["data"]),
                user_id=_int_or_none(p.get("user_id")),
            )
            return {"callback_query_id": qid}
        if action in ("block", "unblock"):
            (self.block if action == "block" else self.unblock)(int(p["chat_id"]))
            return True
        if action == "fail":
            self.fail(
                int(p["status"]),
                times=_int_or_none(p.get("times", 1)),
                chat_id=p.get("chat_id"),
                method=p.get("method"),
                retry_after=_int_or_none(p.get("retry_after")),
                description=p.get("description"),
            )
            return True
        if action in ("offline", "revoked"):
            setattr(self, action, bool(p.get("on", True)))
            return True
        if action == "clear_faults":
            self.clear_faults()
            return True
        if action == "reset":
            self.reset()
            return True
        if action == "latency":
            self.set_latency(float(p["seconds"]), chat_id=_int_or_none(p.get("chat_id")))
            return True
        if action == "stats":
            s = self.stats()
            return {
                "calls": s.calls,
                "errors": {str(k): v for k, v in s.errors.items()},
                "messages_sent": s.messages_sent,
                "messages_per_s": round(s.messages_per_s, 1),
                "peak_per_s": s.peak_per_s,
            }
        if action == "messages":
            return await self._control_messages(p)
        return _UNKNOWN

    async def _control_messages(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        chat_id = int(p["chat_id"])
        after = int(p.get("after_seq") or 0)

        def fresh() -> list[RecordedMessage]:
            return [m for m in self.messages(chat_id) if m.seq > after]

        wait_s = float(p.get("wait_s") or 0)
        if wait_s > 0:
            with contextlib.suppress(TimeoutError):
                await self.wait_until(lambda: bool(fresh()), wait_s)
        return [
            {
                "seq": m.seq,
                "message_id": m.message_id,
                "text": m.text,
                "html": m.source,
                "buttons": [[b.__dict__ for b in row] for row in m.buttons],
                "edited": m.edit_date is not None,
            }
            for m in fresh()
        ]


async def _serve(args: argparse.Namespace) -> None:
    async with TelegramAPI(
        token=args.token, bot_username=args.username, host=args.host, port=args.port
    ) as api:
        print(  # the demo reads the address from stdout
            f"Telegram Bot API stand-in on {api.url}  base_url={api.base_url}  token={api.token}",
            flush=True,
        )
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    """Run the stand-in until interrupted (for the demo)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="ratsbot_test_bot")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
