"""A strict Telegram Bot API emulator on 127.0.0.1 for end-to-end tests of the real bot process.

It validates what Telegram validates (HTML parse_mode, text length, callback data size,
"message is not modified", callback query ids) and serves getUpdates long polling with
offset confirmation. Tests drive it from their own thread: readers "send" messages, press
buttons and type inline queries; the bot's replies are recorded for assertions.

Faults can be injected as Telegram and networks produce them (Emulator.inject): 429 with
retry_after, 5xx, a hang, a connection closed before the request is handled, a response lost
after it was handled; Emulator.outage refuses connections for N seconds (the listening
socket is closed and reopened on the same port); Emulator.push_raw delivers any update JSON.
Emulator(latency=...) delays every call but getUpdates, as Telegram's round trip would.
getUpdates honours allowed_updates as Telegram does (updates of other types are dropped).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from typing import Any, TypeVar
from urllib.parse import parse_qsl

import tornado.httpserver
import tornado.netutil
import tornado.web

T = TypeVar("T")
JSON = dict[str, Any]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_CALLBACK_DATA = 64
_SUPPORTED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "code", "pre", "blockquote", "tg-emoji",
}  # fmt: skip
_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR_RE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,32}")
_BOT_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_START_PARAM_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Parameters whose form-encoded values are JSON, as PTB and other clients send them.
_JSON_PARAMS = {
    "reply_markup", "results", "commands", "scope", "entities", "link_preview_options",
    "reply_parameters", "allowed_updates", "button", "caption_entities",
}  # fmt: skip


_OLD_QUERY = "query is too old and response timeout expired or query ID is invalid"
# Update types Telegram delivers only to bots that ask for them in allowed_updates.
_OPT_IN_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}
FAULT_KINDS = ("retry_after", "server_error", "hang", "close", "lost")


class ApiError(Exception):
    """An error response, shaped as Telegram sends it."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """Return the visible text of Telegram HTML, raising 400 where Telegram would."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG_RE.match(text, i)
            if not m:
                raise bad_request(f"can't parse entities: unexpected '<' at byte offset {i}")
            closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
            if name not in _SUPPORTED_TAGS:
                kind = "end" if closing else "start"
                raise bad_request(f'can\'t parse entities: unsupported {kind} tag "{name}"')
            if closing:
                if not stack or stack[-1] != name:
                    raise bad_request(f'can\'t parse entities: unmatched end tag "{name}"')
                stack.pop()
            else:
                values = {
                    a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or ""
                    for a in _ATTR_RE.finditer(attrs)
                }
                if name == "a" and not values.get("href"):
                    raise bad_request("can't parse entities: <a> needs an href")
                if name == "span" and values.get("class") != "tg-spoiler":
                    raise bad_request('can\'t parse entities: <span> needs class="tg-spoiler"')
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY_RE.match(text, i)
            if not m:
                raise bad_request(f"can't parse entities: unsupported entity at byte offset {i}")
            out.append(unescape(m.group(0)))
            i = m.end()
        elif ch == ">":
            raise bad_request(f"can't parse entities: unexpected '>' at byte offset {i}")
        else:
            out.append(ch)
            i += 1
    if stack:
        raise bad_request(
            f"can't parse entities: can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return "".join(out)


def visible_text(params: JSON, key: str = "text", limit: int = MAX_TEXT) -> str:
    """Validate a message text (or caption, with its limit) with its parse_mode and return
    what the user would see."""
    raw = params.get(key)
    if not isinstance(raw, str) or not raw.strip():
        raise bad_request("message text is empty")
    mode = params.get("parse_mode")
    if mode in (None, ""):
        text = raw
    elif str(mode).upper() == "HTML":
        text = parse_html(raw)
    else:
        raise bad_request(f"unsupported parse_mode {mode!r} in this emulator")
    if not text.strip():
        raise bad_request("message text is empty")
    if len(text) > limit:
        raise bad_request(
            "message caption is too long" if key == "caption" else "message is too long"
        )
    return text


def check_photo(content: bytes) -> tuple[int, int]:
    """Validate an uploaded photo as Telegram does (a PNG or JPEG of at most 10 MB, width and
    height together at most 10000, ratio at most 20); return (width, height) of a PNG."""
    if len(content) > MAX_PHOTO_BYTES:
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    if content[:3] == b"\xff\xd8\xff":
        return (0, 0)
    if content[:8] != b"\x89PNG\r\n\x1a\n" or content[12:16] != b"IHDR":
        raise bad_request("IMAGE_PROCESS_FAILED")
    width, height = int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if (
        not width
        or not height
        or width + height > 10_000
        or max(width, height) > 20 * min(width, height)
    ):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return width, height


def check_markup(markup: Any) -> JSON | None:
    """Validate an inline keyboard the way Telegram does."""
    if markup is None:
        return None
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        raise bad_request("unsupported reply_markup in this emulator")
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array')
    for row in rows:
        if not isinstance(row, list):
            raise bad_request("inline keyboard rows must be arrays")
        for btn in row:
            if not isinstance(btn, dict) or not str(btn.get("text", "")).strip():
                raise bad_request("text buttons are unallowed in the inline keyboard")
            kinds = [k for k in ("callback_data", "url", "switch_inline_query") if k in btn]
            if len(kinds) != 1:
                raise bad_request("BUTTON_TYPE_INVALID")
            if "callback_data" in btn:
                data = btn["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in btn and not str(btn["url"]).startswith(("https://", "http://", "tg://")):
                raise bad_request("BUTTON_URL_INVALID")
    return markup


def auto_entities(text: str) -> list[JSON]:
    """The entities Telegram's servers attach to a user's text: bot commands and mentions."""
    entities: list[JSON] = []
    m = _COMMAND_RE.match(text)
    if m:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(m.group(0))})
    for m in _MENTION_RE.finditer(text):
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: m.start()]),
                "length": utf16_len(m.group(0)),
            }
        )
    return entities


@dataclass
class SentMessage:
    """A message the bot sent, with its raw HTML and what the user saw."""

    chat_id: int
    message_id: int
    text: str
    html: str
    reply_markup: JSON | None
    reply_to: int | None
    edits: int = 0
    document: bytes | None = None
    filename: str | None = None
    photo: bytes | None = None
    sent_at: float = field(default_factory=time.monotonic)

    @property
    def buttons(self) -> list[JSON]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b for row in rows for b in row]

    def button(self, contains: str) -> JSON:
        for b in self.buttons:
            if contains in b["text"] or contains == b.get("callback_data"):
                return b
        raise AssertionError(f"no button {contains!r} in {[b['text'] for b in self.buttons]}")


@dataclass
class Fault:
    """A fault for the next `count` calls of a method (None: any method but getUpdates).

    retry_after: a 429 with parameters.retry_after; server_error: an HTTP `status` (5xx);
    hang: no answer for `seconds`, then the connection is closed, the call not handled;
    close: the connection is closed before the call is handled; lost: the call is handled
    (a message is sent) but the connection is closed before the response.
    """

    kind: str
    count: int
    method: str | None = "sendmessage"
    retry_after: int = 1
    status: int = 500
    seconds: float = 30.0
    hits: int = 0
    last_hit: float = 0.0  # time.monotonic() of the last call it failed

    def matches(self, method: str) -> bool:
        name = method.lower()
        if self.method is None:
            return name != "getupdates"
        return name == self.method.lower()


@dataclass
class State:
    updates: list[JSON] = field(default_factory=list)
    sent: list[SentMessage] = field(default_factory=list)
    callback_answers: dict[str, JSON] = field(default_factory=dict)
    inline_answers: dict[str, JSON] = field(default_factory=dict)
    commands: dict[str, list[JSON]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    chats: dict[int, JSON] = field(default_factory=dict)
    user_messages: dict[tuple[int, int], JSON] = field(default_factory=dict)
    last_params: dict[str, JSON] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    refused_until: float = 0.0
    dropped_updates: list[JSON] = field(default_factory=list)


class Emulator:
    """The Bot API on a loopback port, plus a driver API for tests (thread-safe)."""

    def __init__(
        self,
        token: str = "123456:TEST-token_for-emulator",
        username: str = "FaqTestBot",
        privacy_mode: bool = True,
        latency: float = 0.0,
    ) -> None:
        self.token = token
        # Seconds each method call but getUpdates waits before it is handled (a simulated
        # round trip to Telegram's servers; benchmarks only).
        self.latency = latency
        self.bot = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "FAQ Test Bot",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": not privacy_mode,
            "supports_inline_queries": True,
        }
        self.privacy_mode = privacy_mode
        self.state = State()
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._query_ids = itertools.count(1000)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._server: tornado.httpserver.HTTPServer | None = None
        self._delivered: set[str] = set()
        self._app: tornado.web.Application | None = None
        self.webhook: JSON | None = None
        self.allowed_updates: list[str] | None = None
        self.down = False
        self.port = 0

    # ------------------------------------------------------------------ lifecycle
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> Emulator:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("emulator did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)

    def _serve(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        self._wake = asyncio.Event()
        self._app = tornado.web.Application([(r"/bot([^/]+)/([A-Za-z]+)", _Handler, {"emu": self})])
        self._listen(0)
        ready.set()
        try:
            loop.run_forever()
        finally:
            if self._server is not None:
                self._server.stop()
                loop.run_until_complete(self._server.close_all_connections())
            loop.close()

    def _listen(self, port: int) -> None:
        sockets = tornado.netutil.bind_sockets(port, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(self._app)
        self._server.add_sockets(sockets)

    # ------------------------------------------------------------------ faults
    def inject(
        self,
        kind: str,
        count: int = 1,
        *,
        method: str | None = "sendMessage",
        retry_after: int = 1,
        status: int = 500,
        seconds: float = 30.0,
    ) -> Fault:
        """Make the next `count` calls of `method` (None: any but getUpdates) fail so."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {FAULT_KINDS}")
        fault = Fault(kind, count, method, retry_after, status, seconds)
        with self._lock:
            self.state.faults.append(fault)
        return fault

    def take_fault(self, method: str) -> Fault | None:
        with self._lock:
            for fault in self.state.faults:
                if fault.hits < fault.count and fault.matches(method):
                    fault.hits += 1
                    fault.last_hit = time.monotonic()
                    return fault
        return None

    def outage(self, seconds: float) -> None:
        """Refuse connections for `seconds`: the listening socket is closed, open connections
        dropped, then the same port listens again. Returns at once."""
        assert self._loop is not None
        with self._lock:
            self.state.refused_until = time.monotonic() + seconds
        self._loop.call_soon_threadsafe(self._go_down, seconds)

    def _go_down(self, seconds: float) -> None:
        assert self._loop is not None
        assert self._wake is not None
        self.down = True
        server = self._server
        self._server = None
        if server is not None:
            server.stop()  # new connections are refused from here on
            self._loop.create_task(server.close_all_connections())
        self._wake.set()  # end long polls: their connections are gone
        self._loop.call_later(seconds, self._come_up)

    def _come_up(self) -> None:
        self._listen(self.port)
        self.down = False

    def push_raw(self, update: JSON) -> JSON:
        """Deliver any update JSON as it is (an update_id is added)."""
        return self._push(dict(update))

    # ------------------------------------------------------------------ driver API
    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _push(self, update: JSON) -> JSON:
        with self._lock:
            update["update_id"] = next(self._update_ids)
            self.state.updates.append(update)
            self._changed.notify_all()
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)
        return update

    @staticmethod
    def user(user_id: int, name: str = "Reader") -> JSON:
        return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "en"}

    def private_chat(self, user_id: int) -> JSON:
        chat = {"id": user_id, "type": "private", "first_name": "Reader"}
        with self._lock:
            self.state.chats[user_id] = chat
        return chat

    def group_chat(self, chat_id: int, title: str = "Readers' club") -> JSON:
        chat = {"id": chat_id, "type": "supergroup", "title": title}
        with self._lock:
            self.state.chats[chat_id] = chat
        return chat

    def _group_delivers(self, text: str, reply_to: JSON | None) -> bool:
        """What a bot in privacy mode receives from a group."""
        if not self.privacy_mode:
            return True
        username = f"@{self.bot['username']}".casefold()
        command = _COMMAND_RE.match(text)
        if command:
            target = command.group(0).partition("@")[2]
            return not target or target.casefold() == username[1:]
        if reply_to and reply_to.get("from", {}).get("id") == self.bot["id"]:
            return True
        return username in text.casefold()

    def send(
        self,
        chat: JSON,
        user_id: int,
        text: str | None = None,
        *,
        reply_to: SentMessage | JSON | None = None,
        extra: JSON | None = None,
    ) -> JSON:
        """A user sends a message (text, or `extra` such as a sticker)."""
        with self._lock:
            message: JSON = {
                "message_id": self._next_message_id(chat["id"]),
                "date": int(time.time()),
                "chat": chat,
                "from": self.user(user_id),
            }
            if text is not None:
                message["text"] = text
                entities = auto_entities(text)
                if entities:
                    message["entities"] = entities
            message.update(extra or {})
            caption = message.get("caption")
            if isinstance(caption, str) and "caption_entities" not in message:
                # Telegram's servers parse a caption's mentions and commands as a text's.
                caption_entities = auto_entities(caption)
                if caption_entities:
                    message["caption_entities"] = caption_entities
            reply_json = None
            if isinstance(reply_to, SentMessage):
                reply_json = self._message_json(reply_to)
            elif reply_to is not None:
                reply_json = reply_to
            if reply_json is not None:
                message["reply_to_message"] = reply_json
            self.state.user_messages[(chat["id"], message["message_id"])] = message
        words = text if text is not None else str(message.get("caption") or "")
        if chat["type"] != "private" and not self._group_delivers(words, reply_json):
            return message
        self._push({"message": message})
        return message

    def edit(self, message: JSON, new_text: str) -> JSON:
        """A user edits their earlier message."""
        edited = dict(message, text=new_text, edit_date=int(time.time()))
        edited.pop("entities", None)
        entities = auto_entities(new_text)
        if entities:
            edited["entities"] = entities
        self._push({"edited_message": edited})
        return edited

    def press(self, sent: SentMessage, data: str, user_id: int) -> str:
        """A user presses an inline button (any data: tests may forge it)."""
        query_id = str(next(self._query_ids))
        with self._lock:
            chat = self.state.chats[sent.chat_id]
            message = self._message_json(sent)
        self._push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user(user_id),
                    "message": message,
                    "chat_instance": f"ci{chat['id']}",
                    "data": data,
                }
            }
        )
        return query_id

    def inline(self, user_id: int, query: str) -> str:
        query_id = str(next(self._query_ids))
        self._push(
            {
                "inline_query": {
                    "id": query_id,
                    "from": self.user(user_id),
                    "query": query,
                    "offset": "",
                    "chat_type": "sender",
                }
            }
        )
        return query_id

    def wait_for(self, predicate: Callable[[State], T | None], timeout: float = 10.0) -> T:
        """Block until predicate(state) returns something truthy, else fail the test."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate(self.state)
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out; bot sent {[m.text[:60] for m in self.state.sent]},"
                        f" errors {self.state.errors}"
                    )
                self._changed.wait(remaining)

    def replies(self, chat_id: int) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.state.sent if m.chat_id == chat_id]

    def wait_reply(self, chat_id: int, count: int = 1, timeout: float = 10.0) -> SentMessage:
        """Wait until the bot has sent `count` messages to the chat; return the last."""

        def ready(state: State) -> SentMessage | None:
            mine = [m for m in state.sent if m.chat_id == chat_id]
            return mine[count - 1] if len(mine) >= count else None

        return self.wait_for(ready, timeout)

    def wait_idle(self, seconds: float = 1.0) -> None:
        """Wait until nothing new has been sent for `seconds` (to prove silence)."""
        last = -1
        while True:
            with self._lock:
                now = len(self.state.sent) + sum(m.edits for m in self.state.sent)
            if now == last:
                return
            last = now
            time.sleep(seconds)

    # ------------------------------------------------------------------ server side
    def _message_json(self, sent: SentMessage) -> JSON:
        msg: JSON = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": self.state.chats.get(sent.chat_id, {"id": sent.chat_id, "type": "private"}),
            "from": {k: self.bot[k] for k in ("id", "is_bot", "first_name", "username")},
            "text": sent.text,
        }
        if sent.edits:
            msg["edit_date"] = int(time.time())
        if sent.reply_to is not None:
            replied = self.state.user_messages.get((sent.chat_id, sent.reply_to))
            if replied is not None:
                msg["reply_to_message"] = replied
        if sent.reply_markup:
            msg["reply_markup"] = sent.reply_markup
        if sent.photo is not None:
            msg.pop("text")
            width, height = check_photo(sent.photo)
            msg["photo"] = [
                {
                    "file_id": f"photo{sent.message_id}",
                    "file_unique_id": f"p{sent.message_id}",
                    "width": width,
                    "height": height,
                    "file_size": len(sent.photo),
                }
            ]
            if sent.html:
                msg["caption"] = sent.text
        if sent.document is not None:
            msg.pop("text")
            msg["document"] = {
                "file_id": f"doc{sent.message_id}",
                "file_unique_id": f"u{sent.message_id}",
                "file_name": sent.filename,
            }
        return msg

    async def get_updates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset", 0) or 0)
        limit = min(max(int(params.get("limit", 100) or 100), 1), 100)
        timeout = max(int(params.get("timeout", 0) or 0), 0)
        if isinstance(params.get("allowed_updates"), list):
            self.allowed_updates = [str(t) for t in params["allowed_updates"]]
        assert self._loop is not None
        assert self._wake is not None
        deadline = self._loop.time() + timeout
        while True:
            self._wake.clear()
            with self._lock:
                if offset:
                    # Telegram forgets every update below a confirmed offset.
                    self.state.updates = [u for u in self.state.updates if u["update_id"] >= offset]
                # ... and never delivers types the bot did not ask for.
                wanted = [u for u in self.state.updates if self._allowed(u)]
                self.state.dropped_updates += [
                    u for u in self.state.updates if not self._allowed(u)
                ]
                self.state.updates = wanted
                pending = self.state.updates[:limit]
            remaining = deadline - self._loop.time()
            if pending or remaining <= 0 or self.down:
                return pending
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), remaining)

    def _allowed(self, update: JSON) -> bool:
        kinds = [k for k in update if k != "update_id"]
        if not kinds:
            return True
        if not self.allowed_updates:
            return kinds[0] not in _OPT_IN_UPDATES
        return kinds[0] in self.allowed_updates

    def call(self, method: str, params: JSON, files: dict[str, tuple[str, bytes]]) -> Any:
        with self._lock:
            self.state.calls.append(method)
            result = self._dispatch(method, params, files)
            self._changed.notify_all()
            return result

    def _chat(self, params: JSON) -> int:
        try:
            chat_id = int(params["chat_id"])
        except (KeyError, ValueError, TypeError):
            raise bad_request("chat_id is empty") from None
        if chat_id not in self.state.chats:
            raise bad_request("chat not found")
        return chat_id

    def _dispatch(self, method: str, p: JSON, files: dict[str, tuple[str, bytes]]) -> Any:
        m = method.lower()
        if m == "getme":
            return self.bot
        if m == "deletewebhook":
            self.webhook = None
            return True
        if m == "setwebhook":
            return self._set_webhook(p)
        if m in ("sendchataction", "close"):
            return True
        if m == "getwebhookinfo":
            url = (self.webhook or {}).get("url", "")
            return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}
        if m == "setmycommands":
            return self._set_commands(p)
        if m == "getmycommands":
            return self.commands_for(p.get("scope") or {"type": "default"})
        if m == "sendmessage":
            chat_id = self._chat(p)
            text = visible_text(p)
            markup = check_markup(p.get("reply_markup"))
            reply_to = (p.get("reply_parameters") or {}).get("message_id")
            if reply_to is not None and not (
                (chat_id, reply_to) in self.state.user_messages
                or any(s.message_id == reply_to for s in self.state.sent if s.chat_id == chat_id)
            ):
                raise bad_request("message to be replied not found")
            sent = SentMessage(
                chat_id, self._next_message_id(chat_id), text, p["text"], markup, reply_to
            )
            self.state.sent.append(sent)
            return self._message_json(sent)
        if m == "editmessagetext":
            return self._edit(p)
        if m == "answercallbackquery":
            return self._answer_callback(p)
        if m == "answerinlinequery":
            return self._answer_inline(p)
        if m == "senddocument":
            chat_id = self._chat(p)
            if "document" not in files:
                raise bad_request("there is no document in the request")
            filename, content = files["document"]
            if p.get("caption"):
                visible_text(p, "caption", MAX_CAPTION)
            sent = SentMessage(
                chat_id, self._next_message_id(chat_id), str(p.get("caption", "")),
                str(p.get("caption", "")), None, None, document=content, filename=filename,
            )  # fmt: skip
            self.state.sent.append(sent)
            return self._message_json(sent)
        if m == "sendphoto":
            return self._send_photo(p, files)
        raise ApiError(404, "Not Found")

    def _send_photo(self, p: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:
        """sendPhoto with the picture uploaded as multipart/form-data (a file_id or URL is not
        emulated); the caption is validated like a text, to 1024 characters."""
        chat_id = self._chat(p)
        if "photo" not in files:
            raise bad_request("there is no photo in the request")
        _, content = files["photo"]
        check_photo(content)
        caption = visible_text(p, "caption", MAX_CAPTION) if p.get("caption") else ""
        markup = check_markup(p.get("reply_markup"))
        reply_to = (p.get("reply_parameters") or {}).get("message_id")
        sent = SentMessage(
            chat_id, self._next_message_id(chat_id), caption, str(p.get("caption", "")), markup,
            reply_to, photo=content,
        )  # fmt: skip
        self.state.sent.append(sent)
        return self._message_json(sent)

    def _set_webhook(self, p: JSON) -> bool:
        url = str(p.get("url", ""))
        if not url:
            self.webhook = None
            return True
        if not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        self.webhook = dict(p)
        return True

    def _set_commands(self, p: JSON) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be an array of at most 100 BotCommand")
        for c in commands:
            if not _BOT_COMMAND_RE.fullmatch(str(c.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        scope = p.get("scope") or {"type": "default"}
        if scope.get("type") == "chat" and int(scope.get("chat_id", 0)) not in self.state.chats:
            # Telegram only knows chats that have talked to the bot.
            raise bad_request("chat not found")
        self.state.commands[json.dumps(scope, sort_keys=True)] = commands
        return True

    def commands_for(self, scope: JSON) -> list[str]:
        """The command names set for a scope, e.g. {"type": "default"}."""
        commands = self.state.commands.get(json.dumps(scope, sort_keys=True), [])
        return [c["command"] for c in commands]

    def _edit(self, p: JSON) -> JSON:
        if "inline_message_id" in p:
            raise bad_request("inline messages are not emulated")
        chat_id = self._chat(p)
        message_id = int(p.get("message_id", 0))
        target = next(
            (s for s in self.state.sent if s.chat_id == chat_id and s.message_id == message_id),
            None,
        )
        if target is None:
            if (chat_id, message_id) in self.state.user_messages:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        text = visible_text(p)
        markup = check_markup(p.get("reply_markup"))
        if p["text"] == target.html and markup == target.reply_markup:
            raise bad_request(
                "message is not modified: specified new message content and reply markup are"
                " exactly the same as a current content and reply markup of the message"
            )
        target.text, target.html, target.reply_markup = text, p["text"], markup
        target.edits += 1
        return self._message_json(target)

    def _answer_callback(self, p: JSON) -> bool:
        query_id = str(p.get("callback_query_id", ""))
        if query_id not in self._delivered or query_id in self.state.callback_answers:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(p.get("text", ""))) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        self.state.callback_answers[query_id] = p
        return True

    def _answer_inline(self, p: JSON) -> bool:
        query_id = str(p.get("inline_query_id", ""))
        if query_id not in self._delivered or query_id in self.state.inline_answers:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        results = p.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise bad_request("RESULT_ID_INVALID")
        for r in results:
            if r.get("type") != "article" or not r.get("title"):
                raise bad_request("RESULT_TYPE_INVALID")
            visible_text(r.get("input_message_content") or {}, "message_text")
        button = p.get("button")
        start = str((button or {}).get("start_parameter", ""))
        if button is not None and not _START_PARAM_RE.fullmatch(start):
            raise bad_request("START_PARAM_INVALID")
        self.state.inline_answers[query_id] = p
        return True

    def mark_delivered(self, updates: list[JSON]) -> None:
        with self._lock:
            for u in updates:
                for key in ("callback_query", "inline_query"):
                    if key in u:
                        self._delivered.add(u[key]["id"])


class _Handler(tornado.web.RequestHandler):
    """Routes /bot<token>/<method> to the emulator, decoding every body format Telegram takes."""

    def initialize(self, emu: Emulator) -> None:
        self.emu = emu

    def _params(self) -> tuple[JSON, dict[str, tuple[str, bytes]]]:
        params: JSON = {}
        for key, value in parse_qsl(self.request.query):
            params[key] = value
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            params.update(json.loads(self.request.body))
        else:
            for key, values in self.request.body_arguments.items():
                params[key] = values[-1].decode()
        for key in _JSON_PARAMS & params.keys():
            if isinstance(params[key], str):
                params[key] = json.loads(params[key])
        files = {
            key: (f[0]["filename"], f[0]["body"]) for key, f in self.request.files.items() if f
        }
        return params, files

    def _drop(self) -> None:
        """Close the connection without a response (a network failure, as the bot sees it)."""
        self.detach().close()

    async def _handle(self, token: str, method: str) -> None:
        if self.emu.down:
            self._drop()
            return
        try:
            if token != self.emu.token:
                raise ApiError(401, "Unauthorized")
            params, files = self._params()
            with self.emu._lock:
                self.emu.state.last_params[method.lower()] = params
                self.emu._changed.notify_all()  # a call has arrived (tests may wait for it)
            if self.emu.latency and method.lower() != "getupdates":
                await asyncio.sleep(self.emu.latency)
            fault = self.emu.take_fault(method)
            if fault is not None and fault.kind != "lost":
                await self._fail(fault, method)
                return
            if method.lower() == "getupdates":
                if self.emu.webhook is not None:
                    raise ApiError(
                        409, "Conflict: can't use getUpdates method while webhook is active"
                    )
                with self.emu._lock:
                    self.emu.state.calls.append(method)
                    self.emu._changed.notify_all()
                result: Any = await self.emu.get_updates(params)
                self.emu.mark_delivered(result)
            else:
                result = self.emu.call(method, params, files)
            if fault is not None:  # lost: handled, but the response never arrives
                self._drop()
                return
            self.write({"ok": True, "result": result})
        except ApiError as exc:
            with self.emu._lock:
                self.emu.state.errors.append(f"{method}: {exc.description}")
                self.emu._changed.notify_all()
            self.set_status(exc.code)
            self.write({"ok": False, "error_code": exc.code, "description": exc.description})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            with self.emu._lock:
                self.emu.state.errors.append(f"{method}: malformed request: {exc!r}")
            self.set_status(400)
            self.write({"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"})

    async def _fail(self, fault: Fault, method: str) -> None:
        with self.emu._lock:
            self.emu.state.errors.append(f"{method}: injected {fault.kind}")
            self.emu._changed.notify_all()
        if fault.kind == "retry_after":
            self.set_status(429)
            self.write(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {fault.retry_after}",
                    "parameters": {"retry_after": fault.retry_after},
                }
            )
        elif fault.kind == "server_error":
            self.set_status(fault.status)
            self.write({"ok": False, "error_code": fault.status, "description": "Server Error"})
        elif fault.kind == "hang":
            await asyncio.sleep(fault.seconds)
            self._drop()
        else:  # close
            self._drop()

    async def post(self, token: str, method: str) -> None:
        await self._handle(token, method)

    async def get(self, token: str, method: str) -> None:
        await self._handle(token, method)
