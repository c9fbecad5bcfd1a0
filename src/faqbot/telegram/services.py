"""Shared services for handlers, reached through one typed context property."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cachetools import LRUCache, TTLCache
from telegram.ext import CallbackContext

from faqbot.config import Settings
from faqbot.errors import ConfigError
from faqbot.flood import FloodGuard
from faqbot.knowledge import KnowledgeBase, validate
from faqbot.live import Live, Taught, build_live, matcher_cache, served, teach, unteach
from faqbot.messages import Messages, load_messages
from faqbot.reading import ChatArticles
from faqbot.storage import READ_FLUSH_SECONDS, QuestionRecord, Store
from faqbot.telegram.delivery import current_delivery
from faqbot.telegram.inbox import ReliableBot

logger = logging.getLogger(__name__)

SERVICES_KEY = "services"
# How long a /purge confirmation button stays valid (seconds).
PURGE_CONFIRM_SECONDS = 300
# How long a teaching act waits for readers to get it (the matcher built and swapped in)
# before the editor is answered that readers get it in a moment (seconds).
TEACH_WAIT_SECONDS = 1.0
# How long an editor's act (teaching, undo, dismissal) waits for room in the store's write
# queue (full while the database has refused writes for long) before the editor is asked to
# try again (seconds).
EDIT_ROOM_SECONDS = 2.0


class RecentReplies:
    """Which bot message answered which user message, so an edited question edits its answer;
    and the other way, which question (and who asked it) a bot message answered, so a reply
    to a did-you-mean ("2") picks for that question, by its asker only.

    Bounded: past `capacity` replies the least recently answered is forgotten (an LRU cache).
    Kept in memory: after a restart a pick by reply is answered but filed for no question.
    """

    def __init__(self, capacity: int = 20_000) -> None:
        self._replies: LRUCache[tuple[int, int], int] = LRUCache(maxsize=capacity)
        self._asked: LRUCache[tuple[int, int], tuple[int, int | None]] = LRUCache(maxsize=capacity)

    def remember(
        self, chat_id: int, question_id: int, reply_id: int, asker: int | None = None
    ) -> None:
        """Record the reply (and who asked: a user id), forgetting the oldest beyond
        capacity."""
        self._replies[(chat_id, question_id)] = reply_id
        self._asked[(chat_id, reply_id)] = (question_id, asker)

    def get(self, chat_id: int, question_id: int) -> int | None:
        """Return the bot's reply to that message, if still remembered."""
        return self._replies.get((chat_id, question_id))

    def asked(self, chat_id: int, reply_id: int) -> tuple[int, int | None] | None:
        """The question message the bot's message `reply_id` answered, and who asked it
        (a user id, None: not known), if still remembered."""
        return self._asked.get((chat_id, reply_id))


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


@dataclass(frozen=True, slots=True)
class _Act:
    """A teaching act as the live knowledge takes it: phrasings taught to an entry, or
    (undo) taken from it."""

    entry_id: str
    phrasings: tuple[str, ...]
    undo: bool = False

    def apply(self, taught: Taught) -> Taught:
        """The taught phrasings after this act."""
        return (unteach if self.undo else teach)(taught, self.entry_id, self.phrasings)


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
    # One build of the live knowledge at a time: /reload's and teaching's.
    _building: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    # The taught phrasings with every teaching act so far (live has them once built).
    _taught: Taught = field(init=False, repr=False)
    # Teaching acts the store may not hold yet (their writes wait in its queue), oldest
    # first: /reload applies them to what it reads.
    _unsaved: list[_Act] = field(default_factory=list, repr=False)
    _acts: int = field(default=0, repr=False)  # teaching acts so far
    _built: int = field(default=0, repr=False)  # of them, how many live holds
    _builds: set[asyncio.Task[None]] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self._taught = self.live.taught

    def log_question(self, record: QuestionRecord) -> None:
        """Log a handled question; inside an update, once its replies are done, with their
        delivery (sent, failed or expired) and the update's inbox row."""
        delivery = current_delivery()
        if delivery is None:
            self.store.log(record)
        else:
            delivery.records.append(record)

    async def room_to_edit(self) -> bool:
        """Wait up to EDIT_ROOM_SECONDS for room in the store's write queue for an editor's
        act; False: there is none, and the act must be refused (queued, it would be
        dropped: taught to readers but never saved)."""
        return await self.store.room(EDIT_ROOM_SECONDS)

    async def learn(self, entry_id: str, phrasings: Iterable[str]) -> bool:
        """Teach phrasings to the live knowledge. The caller queues their write first (in
        the same turn of the loop). True: readers get them now; False: the build takes
        longer than TEACH_WAIT_SECONDS and goes on, readers get them when it is done."""
        return await self._teach(_Act(entry_id, tuple(phrasings)))

    async def unlearn(self, entry_id: str, phrasings: Iterable[str]) -> bool:
        """Take an undone lesson's phrasings out of the live knowledge (as learn: its write
        queued first; True when readers no longer get them now)."""
        return await self._teach(_Act(entry_id, tuple(phrasings), undo=True))

    async def _teach(self, act: _Act) -> bool:
        self._taught = act.apply(self._taught)
        self._unsaved.append(act)
        self._acts += 1
        build = asyncio.create_task(self._build_taught())
        self._builds.add(build)
        build.add_done_callback(self._build_done)
        done, _ = await asyncio.wait({build}, timeout=TEACH_WAIT_SECONDS)
        if build in done:
            build.result()  # a failed build is the caller's error
            return True
        return False

    def _build_done(self, build: asyncio.Task[None]) -> None:
        self._builds.discard(build)
        if not build.cancelled() and (error := build.exception()) is not None:
            logger.error("building the live knowledge after teaching failed", exc_info=error)

    async def _build_taught(self) -> None:
        """Build the live knowledge with the taught phrasings as they are now, in a worker
        thread, and swap it in with one assignment; nothing to do when a build since the
        act took it. Questions are answered from the old knowledge meanwhile."""
        async with self._building:
            acts, taught = self._acts, self._taught
            if self._built == acts:
                return
            live = await asyncio.to_thread(
                build_live,
                self.live.files,
                self.settings.matching,
                taught,
                matcher_cache(self.settings),
                prepare=True,
            )
            self.live = live  # one assignment: a handler sees the old knowledge or the new
            self._built = acts
            queued = len(self._unsaved)
            if await self.store.flush(0):  # every queued write done: the store holds them
                del self._unsaved[:queued]

    async def settle(self, grace: float) -> None:
        """Wait (up to grace seconds) for teaching builds still going on (at shut-down)."""
        if self._builds:
            await asyncio.wait(set(self._builds), timeout=grace)

    async def reload(self) -> list[str]:
        """Re-read the knowledge files, the reply texts and the taught phrasings; on any
        problem keep both the live knowledge and the texts unchanged and return the
        problems (one line each).

        Reading and building run in a worker thread (200 articles take seconds to build
        when their compiled matcher is not cached), so questions are answered meanwhile
        from the old knowledge; the new one replaces it in one assignment on the event
        loop. Builds run one at a time (reloads' and teaching's); teaching still waiting
        in the store's queue is applied to what the store holds, and a teaching act during
        the build is built after it."""
        async with self._building:
            kb, messages, lines = await asyncio.to_thread(self._read_files)
            if kb is None or messages is None or lines:
                return lines
            files = served(kb, self.settings)
            taught = await self._stored_taught()
            self._taught, acts = taught, self._acts  # later acts apply to this
            live = await asyncio.to_thread(
                build_live,
                files,
                self.settings.matching,
                taught,
                matcher_cache(self.settings),
                prepare=True,
            )
            self.live = live  # one assignment: a handler sees the old knowledge or the new
            self._built = acts
            self.messages = messages
            return []

    async def _stored_taught(self) -> Taught:
        """The taught phrasings the store holds, with the teaching acts whose writes may
        still wait in its queue applied on top (the queue is given READ_FLUSH_SECONDS to
        drain: a locked database does not hold /reload up, nor lose teaching)."""
        saved = len(self._unsaved)
        if await self.store.flush(READ_FLUSH_SECONDS):
            del self._unsaved[:saved]  # written: the store holds them
        stored = await self.store.taught()
        taught: Taught = MappingProxyType({e: tuple(p) for e, p in stored.items()})
        for act in self._unsaved:
            taught = act.apply(taught)
        return taught

    def _read_files(self) -> tuple[KnowledgeBase | None, Messages | None, list[str]]:
        """The knowledge files and the reply texts, read and checked, with their problems."""
        kb, problems = validate(self.settings.knowledge)
        lines = [str(p) for p in problems]
        try:
            messages: Messages | None = load_messages(self.settings.messages)
        except ConfigError as exc:
            lines.extend(str(exc).splitlines())  # every problem of the texts, one a line
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
