"""Shared services for handlers, reached through one typed context property."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import CallbackContext

from faqbot.config import Settings
from faqbot.flood import FloodGuard
from faqbot.knowledge import KnowledgeBase, Problem, validate
from faqbot.matching import Matcher
from faqbot.messages import Messages
from faqbot.storage import QuestionRecord, Store
from faqbot.telegram.delivery import current_delivery
from faqbot.telegram.inbox import ReliableBot

SERVICES_KEY = "services"


class RecentReplies:
    """Which bot message answered which user message, so an edited question edits its answer."""

    def __init__(self, capacity: int = 20_000) -> None:
        self._capacity = capacity
        self._replies: OrderedDict[tuple[int, int], int] = OrderedDict()

    def remember(self, chat_id: int, question_id: int, reply_id: int) -> None:
        """Record the reply, forgetting the oldest beyond capacity."""
        self._replies[(chat_id, question_id)] = reply_id
        self._replies.move_to_end((chat_id, question_id))
        while len(self._replies) > self._capacity:
            self._replies.popitem(last=False)

    def get(self, chat_id: int, question_id: int) -> int | None:
        """Return the bot's reply to that message, if still remembered."""
        return self._replies.get((chat_id, question_id))


@dataclass
class Services:
    """Everything handlers share; created in post_init, closed in post_shutdown."""

    settings: Settings
    messages: Messages
    store: Store
    knowledge: KnowledgeBase
    matcher: Matcher
    flood: FloodGuard
    bot_username: str
    replies: RecentReplies = field(default_factory=RecentReplies)
    taught: dict[str, list[str]] = field(default_factory=dict)

    def log_question(self, record: QuestionRecord) -> None:
        """Log a handled question; inside an update, once its replies are done, with their
        delivery (sent, failed or expired) and the update's inbox row."""
        delivery = current_delivery()
        if delivery is None:
            self.store.log(record)
        else:
            delivery.records.append(record)

    @property
    def taught_count(self) -> int:
        """How many taught phrasings the live index holds."""
        return sum(len(p) for p in self.taught.values())

    async def relearn(self) -> int:
        """Rebuild the live index from the files' knowledge plus approved taught phrasings."""
        self.taught = await self.store.taught()
        self._rebuild()
        return self.taught_count

    def learn(self, entry_id: str, phrasings: list[str]) -> None:
        """Add taught phrasings to the live index at once (their write is queued)."""
        known = self.taught.setdefault(entry_id, [])
        known.extend(p for p in phrasings if p not in known)
        self._rebuild()

    def unlearn(self, entry_id: str, phrasings: tuple[str, ...]) -> None:
        """Take an undone lesson's phrasings out of the live index."""
        remaining = [p for p in self.taught.get(entry_id, []) if p not in phrasings]
        self.taught[entry_id] = remaining
        self._rebuild()

    def _rebuild(self) -> None:
        self.matcher = Matcher(self.knowledge.with_alternates(self.taught), self.settings.matching)

    async def reload(self) -> list[Problem]:
        """Re-read the knowledge files; on any problem keep the live knowledge unchanged."""
        kb, problems = validate(self.settings.knowledge)
        if kb is None:
            return problems
        self.knowledge = kb.served(self.settings.serve_drafts)
        await self.relearn()
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
