"""Question log: migrations from empty, batched background writes, failures never raise."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from faqbot.errors import StorageError
from faqbot.storage import MIGRATIONS, QuestionRecord, Store, migrate


def record(text: str = "q", decision: str = "none", entry_id: str | None = None) -> QuestionRecord:
    return QuestionRecord(1_700_000_000, "private", "h", text, decision, entry_id, 12.5)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "sub" / "log.sqlite3")
    yield s
    await s.close()


async def test_migrates_an_empty_database(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.db") as db:
        assert await migrate(db) == len(MIGRATIONS)
        async with db.execute("PRAGMA user_version") as cur:
            assert (await cur.fetchone()) == (len(MIGRATIONS),)
        assert await migrate(db) == len(MIGRATIONS)  # idempotent


async def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.db") as db:
        await db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
        with pytest.raises(StorageError, match="newer"):
            await migrate(db)


async def test_uses_wal_and_creates_folders(store: Store, tmp_path: Path) -> None:
    async with store.db.execute("PRAGMA journal_mode") as cur:
        assert (await cur.fetchone()) == ("wal",)
    assert (tmp_path / "sub" / "log.sqlite3").exists()


async def test_logged_questions_are_written_in_the_background(store: Store) -> None:
    store.log(record("first"))
    store.log(record("second", "answer", "japan-focus"))
    await store.flush()
    rows = await store.questions()
    assert [r.text for r in rows] == ["first", "second"]
    assert [r.text for r in await store.questions("none")] == ["first"]
    assert await store.top_entries() == [("japan-focus", 1)]


async def test_concurrent_writers_lose_nothing(store: Store) -> None:
    async def burst(n: int) -> None:
        for i in range(100):
            store.log(record(f"{n}-{i}"))
            await asyncio.sleep(0)

    await asyncio.gather(*(burst(n) for n in range(10)))
    await store.flush()
    assert len(await store.questions()) == 1000


async def test_user_ids_are_salted_hashes(tmp_path: Path) -> None:
    a = await Store.open(tmp_path / "a.db")
    b = await Store.open(tmp_path / "b.db")
    try:
        assert a.hash_user(42) == a.hash_user(42)
        assert a.hash_user(42) != b.hash_user(42)  # each database has its own salt
        assert "42" not in (a.hash_user(42) or "")
        assert a.hash_user(None) is None
    finally:
        await a.close()
        await b.close()
    reopened = await Store.open(tmp_path / "a.db")
    pinned = await Store.open(tmp_path / "c.db", salt="pepper")
    try:
        assert reopened.hash_user(7) != pinned.hash_user(7)
    finally:
        await reopened.close()
        await pinned.close()


async def test_write_failure_is_logged_not_raised(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await store.db.execute("DROP TABLE questions")
    store.log(record("lost"))
    await store.flush()  # must not raise
    assert "could not log 1 question(s)" in caplog.text


async def test_close_flushes_pending_writes(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    for i in range(50):
        store.log(record(str(i)))
    await store.close()
    with sqlite3.connect(tmp_path / "x.db") as db:
        assert db.execute("SELECT COUNT(*) FROM questions").fetchone() == (50,)


async def test_unopenable_path_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageError, match="cannot open"):
        await Store.open(tmp_path / "file" / "db.sqlite3")
