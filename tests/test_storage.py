"""Question log: migrations from empty, batched background writes, failures never raise."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
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


async def test_migration_3_keeps_rows_and_allows_the_new_decisions(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.db") as db:
        for number, script in enumerate(MIGRATIONS[:2], start=1):
            await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        await db.execute(
            "INSERT INTO questions (asked_at, chat_type, text, decision, score, status)"
            " VALUES (1, 'private', 'old', 'none', 0, 'dismissed')"
        )
        await db.commit()
        assert await migrate(db) == len(MIGRATIONS)
        async with db.execute("SELECT text, decision, status FROM questions") as cur:
            assert list(await cur.fetchall()) == [("old", "none", "dismissed")]
        for decision in ("partial", "smalltalk"):
            await db.execute(
                "INSERT INTO questions (asked_at, chat_type, text, decision, score)"
                " VALUES (2, 'private', 'new', ?, 0)",
                (decision,),
            )
        with pytest.raises(sqlite3.IntegrityError):
            await db.execute(
                "INSERT INTO questions (asked_at, chat_type, text, decision, score)"
                " VALUES (2, 'private', 'new', 'maybe', 0)"
            )


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


async def test_user_ids_are_keyed_hashes(tmp_path: Path) -> None:
    a = await Store.open(tmp_path / "a.db", user_key="key-one")
    b = await Store.open(tmp_path / "b.db", user_key="key-two")
    try:
        assert a.hash_user(42) == a.hash_user(42)
        assert a.hash_user(42) != b.hash_user(42)  # each key gives other hashes
        digest = a.hash_user(123456789) or ""
        assert digest == hmac.new(b"key-one", b"123456789", hashlib.sha256).hexdigest()[:32]
        assert a.hash_user(None) is None
    finally:
        await a.close()
        await b.close()
    keyless = await Store.open(tmp_path / "c.db")
    try:
        with pytest.raises(StorageError, match="no user-hash key"):
            keyless.hash_user(7)
        keyless.set_user_key("key-one")
        assert keyless.hash_user(123456789) == digest
    finally:
        await keyless.close()


async def test_write_failure_is_retried_not_raised(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await store.db.execute("ALTER TABLE questions RENAME TO gone")
    await store.db.commit()
    store.log(record("kept"))
    assert not await store.flush(0.5)  # must not raise; the row waits in memory
    health = store.health()
    assert health.buffered == 1
    assert health.failing_since is not None
    assert "no such table" in (health.last_error or "")
    assert "cannot write the question log" in caplog.text
    await store.db.execute("ALTER TABLE gone RENAME TO questions")
    await store.db.commit()
    assert await store.flush(10)
    assert [r.text for r in await store.questions()] == ["kept"]
    assert store.health().failing_since is None


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


async def test_teaching_and_suggestions(store: Store) -> None:
    await store.teach("japan-focus", ["nippon robots"], origin="editor", status="approved")
    await store.teach("japan-focus", ["japan plan?"], origin="suggestion", status="pending")
    # A later reader suggestion cannot downgrade an approved phrasing.
    await store.teach("japan-focus", ["nippon robots"], origin="suggestion", status="pending")
    assert await store.taught() == {"japan-focus": ["nippon robots"]}
    pending = await store.suggestions()
    assert [(s.entry_id, s.phrasing) for s in pending] == [("japan-focus", "japan plan?")]
    approved = await store.review_suggestion(pending[0].id, approve=True)
    assert approved is not None
    assert await store.review_suggestion(pending[0].id, approve=False) is None  # already done
    assert await store.taught() == {"japan-focus": ["nippon robots", "japan plan?"]}


async def test_queue_status_changes(store: Store) -> None:
    for text in ("a", "b", "c"):
        store.log(record(text))
    store.log(record("answered", "answer", "japan-focus"))
    await store.flush()
    queue = await store.open_questions()
    assert [x.text for x in queue] == ["a", "b", "c"]
    assert await store.set_status([queue[0].id, queue[1].id], "linked") == 2
    assert await store.set_status([queue[0].id], "dismissed") == 0  # no longer open
    assert await store.set_status([], "dismissed") == 0
    assert [x.text for x in await store.open_questions()] == ["c"]


async def test_votes_are_one_per_user_and_changeable(store: Store) -> None:
    store.log(QuestionRecord(1, "private", "u1", "why japan?", "answer", "japan-focus", 80))
    await store.flush()
    await store.vote("u1", "japan-focus", 1)
    await store.vote("u1", "japan-focus", -1)
    await store.vote("u2", "japan-focus", -1)
    await store.vote("u3", "china-self-reliance", 1)
    summary = await store.feedback()
    assert summary[0].entry_id == "japan-focus"
    assert (summary[0].up, summary[0].down) == (0, 2)
    assert summary[0].questions == ("why japan?",)
    assert (summary[1].up, summary[1].down) == (1, 0)
    assert len(await store.feedback_rows()) == 3


async def test_stats_counts(store: Store) -> None:
    at = 1_700_000_000
    day = at - at % 86_400
    rows = [
        QuestionRecord(day + 10, "private", "u", "a", "answer", "japan-focus", 90),
        QuestionRecord(day - 3 * 86_400, "group", "u", "b", "suggest", None, 50),
        QuestionRecord(day - 30 * 86_400, "private", "u", "c", "none", None, 10),
        QuestionRecord(day + 20, "private", "u", "d", "answer", "japan-focus", 95),
    ]
    for row in rows:
        store.log(row)
    await store.vote("u", "japan-focus", 1)
    stats = await store.stats(at=day + 100)
    assert (stats.total, stats.today, stats.last_7_days) == (4, 2, 3)
    assert (stats.answered, stats.suggested, stats.unanswered) == (2, 1, 1)
    assert stats.top_entries == (("japan-focus", 2),)
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 0)
    assert stats.rate(stats.answered) == 0.5


async def test_purge_deletes_only_old_rows(store: Store) -> None:
    from faqbot.storage import now

    store.log(QuestionRecord(now() - 40 * 86_400, "private", "u", "old", "none", None, 0))
    store.log(QuestionRecord(now(), "private", "u", "new", "none", None, 0))
    assert await store.purge(30) == 1
    assert [r.text for r in await store.questions()] == ["new"]
