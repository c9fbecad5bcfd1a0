"""The article each chat is reading, kept through restarts without keeping chat ids.

A chat reads an article once it came through the article's deep link, a link to one of its
answers, or picked it; its questions then match that article first (faqbot.telegram.readers).
The database's `reading` table holds one row per chat: the chat id under the user-hash key
(Store.hash_user: one-way without the key, which never lives in the database), the article
id and when the chat last entered or used it. Retention deletes rows older than
retention_days with the question log.

On the reply path a lookup costs a keyed hash and a dictionary access: the most recently
used chats (up to `capacity`) are loaded into a bounded LRU cache at start-up. Only when
the table held more chats than that, or chats were evicted since, does a chat missing from
the cache cost one indexed read, bounded by `lookup_timeout` (reads are never blocked by
WAL writers); a failed or slow read means "no article" for that question and is tried again
on the next one. Writes go through the store's queued writer, in order with the update's
own inbox row, so an update finished in the inbox has its article written, and one not
finished is handled again (and sets it again) on the next start.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
from dataclasses import dataclass

from cachetools import LRUCache

from faqbot.errors import StorageError
from faqbot.storage import Store, now

logger = logging.getLogger(__name__)

DEFAULT_CAPACITY = 100_000
LOOKUP_TIMEOUT = 1.0
# A chat that keeps using its article has the row's time refreshed at most this often
# (seconds), so retention counts from its last use without a write per question.
TOUCH_EVERY = 86_400


@dataclass(frozen=True, slots=True)
class _Reading:
    """A chat's article (None: the database holds none) and when it was last entered or
    used (Unix seconds)."""

    article_id: str | None
    updated_at: int


class _Cache(LRUCache[str, _Reading]):
    """An LRU cache that notes when it first forgets a chat (from then on a miss may be a
    chat the database knows)."""

    def __init__(self, maxsize: int) -> None:
        super().__init__(maxsize=maxsize)
        self.evicted = False

    def popitem(self) -> tuple[str, _Reading]:
        self.evicted = True
        return super().popitem()


class ChatArticles:
    """Which article each chat is reading: in memory (bounded), durable in the store."""

    def __init__(
        self,
        store: Store,
        capacity: int = DEFAULT_CAPACITY,
        lookup_timeout: float = LOOKUP_TIMEOUT,
    ) -> None:
        self._store = store
        self._cache = _Cache(capacity)
        self._timeout = lookup_timeout
        # True while the cache holds every chat the database knows: a miss is then "none".
        self._complete = False
        self._warned = 0.0

    @property
    def capacity(self) -> int:
        """How many chats are kept in memory at most."""
        return int(self._cache.maxsize)

    def __len__(self) -> int:
        return len(self._cache)

    async def load(self) -> int:
        """Read the most recently used chats' articles into memory (at start-up, before any
        update is handled); return how many. On a database problem, log it and start
        empty: lookups then read the database chat by chat."""
        try:
            rows = await self._store.readings(self.capacity)
        except (sqlite3.Error, StorageError) as exc:
            logger.warning("could not load the articles chats are reading: %s", exc)
            return 0
        for chat_hash, article_id, updated_at in reversed(rows):  # newest used last
            self._cache[chat_hash] = _Reading(sys.intern(article_id), updated_at)
        self._cache.evicted = False
        self._complete = len(rows) < self.capacity
        return len(rows)

    async def get(self, chat_id: int | None) -> str | None:
        """The id of the article the chat is reading, if any (it may no longer be served:
        the caller checks). A chat using its article has its time refreshed (queued)."""
        if chat_id is None:
            return None
        chat_hash = self._hash(chat_id)
        reading = self._cache.get(chat_hash)
        if reading is None:
            if self._complete and not self._cache.evicted:
                return None
            reading = await self._lookup(chat_hash)
            if reading is None:
                return None
        if reading.article_id is not None and now() - reading.updated_at >= TOUCH_EVERY:
            self._remember(chat_hash, reading.article_id)
        return reading.article_id

    def set(self, chat_id: int, article_id: str) -> None:
        """From now on the chat reads this article (at once in memory; the write is
        queued, never waits)."""
        self._remember(self._hash(chat_id), article_id)

    def expire(self, older_than_days: int) -> int:
        """Forget, in memory, chats that have not entered or used an article for this many
        days (retention deletes their rows); return how many."""
        cutoff = now() - older_than_days * 86_400
        old = [h for h, r in list(self._cache.items()) if r.updated_at < cutoff]
        for chat_hash in old:
            self._cache.pop(chat_hash, None)
        return len(old)

    def _hash(self, chat_id: int) -> str:
        chat_hash = self._store.hash_user(chat_id)
        assert chat_hash is not None  # only None for a None id
        return chat_hash

    def _remember(self, chat_hash: str, article_id: str) -> None:
        at = now()
        self._cache[chat_hash] = _Reading(sys.intern(article_id), at)
        self._store.set_reading(chat_hash, article_id, at)

    async def _lookup(self, chat_hash: str) -> _Reading | None:
        """Read one chat's article from the database, and keep the answer (a chat with no
        article too). None if the database did not answer in time: not kept, so the next
        question asks again."""
        try:
            async with asyncio.timeout(self._timeout):  # not wait_for: see faqbot.waiting
                row = await self._store.reading(chat_hash)
        except (TimeoutError, sqlite3.Error, StorageError) as exc:
            if now() - self._warned >= 60:
                self._warned = now()
                logger.warning(
                    "could not read the article a chat is reading (%s: %s); answering it"
                    " from every article",
                    type(exc).__name__,
                    exc,
                )
            return None
        found = _Reading(None, now()) if row is None else _Reading(sys.intern(row[0]), row[1])
        # A set() while the read was running is newer than what the read found.
        return self._cache.setdefault(chat_hash, found)
