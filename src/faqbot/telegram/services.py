"""Shared services for handlers, reached through one typed context property."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cachetools import LRUCache
from telegram.ext import CallbackContext

from faqbot.config import Settings
from faqbot.flood import FloodGuard
from faqbot.knowledge import Problem, validate
from faqbot.live import Live, build_live, served
from faqbot.messages import Messages
from faqbot.reading import ChatArticles
from faqbot.storage import QuestionRecord, Store
from faqbot.telegram.delivery import current_delivery
from faqbot.telegram.inbox import ReliableBot

SERVICES_KEY = "services"


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

    async def reload(self) -> list[Problem]:
        """Re-read the knowledge files; on any problem keep the live knowledge unchanged."""
        kb, problems = validate(self.settings.knowledge)
        if kb is None:
            return problems
        taught = await self.store.taught()
        self.live = build_live(served(kb, self.settings), self.settings.matching, taught)
        return []


class BotContext(CallbackContext[ReliableBot, dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Handler context with typed access to the shared services."""

    @property
    def services(self) -> Services:
        """Return the services set up in post_init."""
        services = self.bot_data.get(SERVICES_KEY)
        if not isinstance(services, Services):
            raise RuntimeError("services are not initialised (post_init has not run)")
        return services
