"""The article each chat is reading: in memory at once, durable through restarts, by hash."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from faqbot import reading as reading_module
from faqbot.reading import TOUCH_EVERY, ChatArticles
from faqbot.storage import Store, now

KEY = "test-key"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "log.sqlite3", user_key=KEY)
    yield s
    await s.close()


async def reopened(store: Store, capacity: int = 100) -> tuple[Store, ChatArticles]:
    """The bot restarted: a new store on the same file and its chats' articles loaded."""
    await store.close()
    again = await Store.open(store.path, user_key=KEY)
    articles = ChatArticles(again, capacity)
    await articles.load()
    return again, articles


async def test_a_chats_article_survives_a_restart(store: Store) -> None:
    articles = ChatArticles(store)
    await articles.load()
    articles.set(5, "ai")
    articles.set(-1001, "ev")  # a group
    articles.set(5, "ev")  # switched
    assert await articles.get(5) == "ev"  # at once, from memory
    again, after = await reopened(store)
    try:
        assert len(after) == 2
        assert await after.get(5) == "ev"
        assert await after.get(-1001) == "ev"
        assert await after.get(6) is None
        assert await after.get(None) is None  # inline mode: no chat
    finally:
        await again.close()


async def test_the_table_holds_hashes_not_chat_ids(store: Store) -> None:
    articles = ChatArticles(store)
    articles.set(123456789, "ai")
    await store.flush()
    async with store.db.execute("SELECT chat_hash FROM reading") as cursor:
        (chat_hash,) = await cursor.fetchone() or ("",)
    assert chat_hash == store.hash_user(123456789)
    assert "123456789" not in chat_hash


async def test_a_miss_costs_no_read_while_memory_holds_every_chat(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = ChatArticles(store)
    articles.set(1, "ai")
    await store.flush()
    await articles.load()

    async def fail(chat_hash: str) -> tuple[str, int] | None:
        raise AssertionError("read the database on a miss")

    monkeypatch.setattr(store, "reading", fail)
    assert await articles.get(2) is None
    assert await articles.get(1) == "ai"


async def test_beyond_capacity_the_newest_are_loaded_and_others_read_on_demand(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for chat, at in ((1, 100), (2, 300), (3, 200)):
        store.change("reading", chat_hash=store.hash_user(chat), article_id=f"a{chat}", at=at)
    store.change("reading", chat_hash=store.hash_user(4), article_id="a4", at=50)
    again, articles = await reopened(store, capacity=2)
    try:
        assert len(articles) == 2  # chats 2 and 3, the most recently used
        reads: list[str] = []
        real = again.reading

        async def counted(chat_hash: str) -> tuple[str, int] | None:
            reads.append(chat_hash)
            return await real(chat_hash)

        monkeypatch.setattr(again, "reading", counted)
        assert await articles.get(2) == "a2"
        assert reads == []
        assert await articles.get(1) == "a1"  # not in memory: read once, then kept
        assert await articles.get(9) is None  # the database has none: kept as none
        assert len(reads) == 2
        assert await articles.get(1) == "a1"
        assert await articles.get(9) is None
        assert len(reads) == 2
    finally:
        await again.close()


async def test_a_chat_forgotten_from_memory_is_read_back(store: Store) -> None:
    articles = ChatArticles(store, capacity=2)
    await articles.load()
    articles.set(1, "ai")
    articles.set(2, "ev")
    articles.set(3, "ev")  # evicts chat 1 from memory
    assert len(articles) == 2
    await store.flush()
    assert await articles.get(1) == "ai"


async def test_a_failed_or_slow_read_means_no_article_for_now(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = ChatArticles(store, capacity=1, lookup_timeout=0.05)
    articles.set(1, "ai")
    articles.set(2, "ev")  # chat 1 now only in the database
    await store.flush()
    real = store.reading

    async def broken(chat_hash: str) -> tuple[str, int] | None:
        raise sqlite3.OperationalError("disk I/O error")

    async def slow(chat_hash: str) -> tuple[str, int] | None:
        await asyncio.sleep(5)
        return None

    monkeypatch.setattr(store, "reading", broken)
    assert await articles.get(1) is None
    monkeypatch.setattr(store, "reading", slow)
    started = time.monotonic()
    assert await articles.get(1) is None
    assert time.monotonic() - started < 1
    monkeypatch.setattr(store, "reading", real)
    assert await articles.get(1) == "ai"  # nothing wrong was kept: read again


async def test_an_article_set_during_a_read_is_not_overwritten(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = ChatArticles(store)  # not loaded: every miss reads the database

    async def racing(chat_hash: str) -> tuple[str, int] | None:
        articles.set(7, "ev")  # the reader picks an article while the read runs
        return None

    monkeypatch.setattr(store, "reading", racing)
    assert await articles.get(7) == "ev"
    assert await articles.get(7) == "ev"


async def test_a_locked_database_never_delays_setting_or_reading(store: Store) -> None:
    articles = ChatArticles(store)
    await articles.load()
    blocker = sqlite3.connect(store.path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")  # holds the write lock
        started = time.monotonic()
        articles.set(1, "ai")
        assert await articles.get(1) == "ai"
        assert time.monotonic() - started < 0.1
        assert not await store.flush(0.3)  # the write waits for the lock
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert await store.flush(10)
    assert await store.reading(store.hash_user(1) or "") is not None


async def test_a_chat_using_its_article_refreshes_its_time_daily(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = ChatArticles(store)
    articles.set(1, "ai")
    await store.flush()
    chat_hash = store.hash_user(1) or ""
    first = await store.reading(chat_hash)
    assert first is not None
    assert await articles.get(1) == "ai"
    await store.flush()
    assert await store.reading(chat_hash) == first  # used within the day: no write
    later = now() + TOUCH_EVERY
    monkeypatch.setattr(reading_module, "now", lambda: later)
    assert await articles.get(1) == "ai"
    await store.flush()
    assert await store.reading(chat_hash) == ("ai", later)


async def test_expiry_forgets_chats_unused_for_the_retention_period(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = ChatArticles(store)
    await articles.load()
    start = now()
    monkeypatch.setattr(reading_module, "now", lambda: start)
    articles.set(1, "ai")
    monkeypatch.setattr(reading_module, "now", lambda: start + 40 * 86_400)
    articles.set(2, "ev")
    assert articles.expire(30) == 1
    assert await articles.get(1) is None
    assert await articles.get(2) == "ev"


async def test_a_failed_load_falls_back_to_reading_on_demand(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ChatArticles(store).set(1, "ai")
    await store.flush()
    articles = ChatArticles(store)

    async def broken(limit: int) -> list[tuple[str, str, int]]:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store, "readings", broken)
    assert await articles.load() == 0
    assert await articles.get(1) == "ai"
