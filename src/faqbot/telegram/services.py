"""Shared services for handlers, reached through one typed context property."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cachetools import LRUCache, TTLCache
from telegram.ext import CallbackContext

from faqbot.config import Settings
from faqbot.errors import ConfigError
from faqbot.flood import FloodGuard
from faqbot.knowledge import KnowledgeBase, validate
from faqbot.live import Live, build_live, matcher_cache, served
from faqbot.messages import Messages, load_messages
from faqbot.reading import ChatArticles
from faqbot.storage import QuestionRecord, Store
from faqbot.telegram.delivery import current_delivery
from faqbot.telegram.inbox import ReliableBot

SERVICES_KEY = "services"
# How long a /purge confirmation button stays valid (seconds).
PURGE_CONFIRM_SECONDS = 300
# How often /reload builds again when teaching changed the live knowledge during its build.
RELOAD_TRIES = 3


class RecentReplies:
    """Which bot message answered which user message, so an edited question edits its answer.

    Bounded: past `capacity` replies the least recently answered is forgotten (an LRU cache).
    """

    def __init__(self, capacity: int = 20_000) -> None:
        self._replies: LRUCache[tuple[int, int], int] = LRUCache(maxsize=capacity)

    def remember(self, chat_id: int, question_id: int, reply_id: int) -> None:
        """Record the reply, forgetting the oldest beyond capacity."""
        self._replies[(chat_id, question_id)] = reply_id

    def get(self, chat_id: int, question_id: int) -> int | None:
        """Return the bot's reply to that message, if still remembered."""
        return self._replies.get((chat_id, question_id))


class Confirmations:
    """Destructive actions waiting for the admin who asked to confirm them with a button.

    Each is a token (8 hex digits, the button's data) for (user id, value); it expires after
    `ttl` seconds, is taken once, and only by the user who asked. Bounded: past `capacity`
    the oldest is forgotten. Kept in memory, so a restart expires them all.
    """

    def __init__(
        self, ttl: float, capacity: int = 256, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._pending: TTLCache[str, tuple[int, int]] = TTLCache(
            maxsize=capacity, ttl=ttl, timer=clock
        )

    def ask(self, user_id: int, value: int) -> str:
        """Hold `value` for `user_id` to confirm; return the token for the buttons."""
        token = secrets.token_hex(4)
        self._pending[token] = (user_id, value)
        return token

    def asked_by(self, token: str) -> int | None:
        """Who asked for the action under `token`; None once expired or taken."""
        held = self._pending.get(token)
        return held[0] if held else None

    def take(self, token: str, user_id: int) -> int | None:
        """The value waiting under `token` if `user_id` asked for it and it has not expired
        (it is then gone); else None."""
        held = self._pending.get(token)
        if held is None or held[0] != user_id:
            return None
        del self._pending[token]
        return held[1]


@dataclass
class Services:
    """Everything handlers share; created in post_init, closed in post_shutdown.

    `live` (knowledge, taught phrasings and matcher) is replaced whole, never changed in
    place: a handler reads it once and works with one consistent value. `reading`: the
    article each chat is reading (kept through restarts).
    """

    settings: Settings
    messages: Messages
    store: Store
    live: Live
    flood: FloodGuard
    bot_username: str
    reading: ChatArticles
    replies: RecentReplies = field(default_factory=RecentReplies)
    purges: Confirmations = field(default_factory=lambda: Confirmations(PURGE_CONFIRM_SECONDS))
    # The most-answered entry ids, most first, as of the last refresh (app.top_entries_job),
    # so an empty inline query never waits on the database.
    top_entries: tuple[str, ...] = ()
    _reloading: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    def log_question(self, record: QuestionRecord) -> None:
        """Log a handled question; inside an update, once its replies are done, with their
        delivery (sent, failed or expired) and the update's inbox row."""
        delivery = current_delivery()
        if delivery is None:
            self.store.log(record)
        else:
            delivery.records.append(record)

    async def relearn(self) -> int:
        """Rebuild the live knowledge from the files' knowledge plus approved taught phrasings."""
        taught = await self.store.taught()
        self.live = build_live(self.live.files, self.settings.matching, taught)
        return self.live.taught_count

    def learn(self, entry_id: str, phrasings: list[str]) -> None:
        """Teach phrasings to the live knowledge at once (their write is queued)."""
        self.live = self.live.teach(entry_id, phrasings)

    def unlearn(self, entry_id: str, phrasings: tuple[str, ...]) -> None:
        """Take an undone lesson's phrasings out of the live knowledge."""
        self.live = self.live.unteach(entry_id, phrasings)

    async def reload(self) -> list[str]:
        """Re-read the knowledge files and the reply texts; on any problem keep both the
        live knowledge and the texts unchanged and return the problems (one line each).

        Reading and building run in a worker thread (200 articles take seconds to build
        when their compiled matcher is not cached), so questions are answered meanwhile
        from the old knowledge; the new one replaces it in one assignment on the event
        loop. Reloads run one at a time; a teaching act during the build is kept (the build
        is done again with the taught phrasings as they are then)."""
        async with self._reloading:
            kb, messages, lines = await asyncio.to_thread(self._read_files)
            if kb is None or messages is None or lines:
                return lines
            files = served(kb, self.settings)
            for _ in range(RELOAD_TRIES):
                before = self.live
                taught = await self.store.taught()
                live = await asyncio.to_thread(
                    build_live, files, self.settings.matching, taught, matcher_cache(self.settings)
                )
                if self.live is before:
                    break
            self.live = live  # one assignment: a handler sees the old knowledge or the new
            self.messages = messages
            return []

    def _read_files(self) -> tuple[KnowledgeBase | None, Messages | None, list[str]]:
        """The knowledge files and the reply texts, read and checked, with their problems."""
        kb, problems = validate(self.settings.knowledge)
        lines = [str(p) for p in problems]
        try:
            messages: Messages | None = load_messages(self.settings.messages)
        except ConfigError as exc:
            lines.append(str(exc))
            messages = None
        return kb, messages, lines


class BotContext(CallbackContext[ReliableBot, dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Handler context with typed access to the shared services."""

    @property
    def services(self) -> Services:
        """Return the services set up in post_init."""
        services = self.bot_data.get(SERVICES_KEY)
        if not isinstance(services, Services):
            raise RuntimeError("services are not initialised (post_init has not run)")
        return services
