"""Question log: migrations from empty, batched background writes, failures never raise."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import shutil
import sqlite3
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from pathlib import Path

import aiosqlite
import pytest

from faqbot.errors import StorageError, WriteQueueFullError
from faqbot.storage import (
    MIGRATIONS,
    Finished,
    Purged,
    QuestionRecord,
    Received,
    Store,
    migrate,
    now,
    read_writer_status,
)


def record(text: str = "q", decision: str = "none", entry_id: str | None = None) -> QuestionRecord:
    return QuestionRecord(1_700_000_000, "private", "h", text, decision, entry_id, 12.5)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "sub" / "log.sqlite3")
    yield s
    await s.close()


async def test_migrates_an_empty_database(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="faqbot.storage")
    async with aiosqlite.connect(tmp_path / "x.db") as db:
        assert await migrate(db) == len(MIGRATIONS)
        async with db.execute("PRAGMA user_version") as cur:
            assert (await cur.fetchone()) == (len(MIGRATIONS),)
        assert await migrate(db) == len(MIGRATIONS)  # idempotent
    # One line for the whole step (from -> to), not one a migration; none when up to date.
    assert [r.getMessage() for r in caplog.records] == [
        f"database migrated from schema version 0 to {len(MIGRATIONS)} (new database)"
    ]


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


async def test_most_asked_counts_stay_current_without_scanning_the_log(store: Store) -> None:
    for text, entry in (("a", "japan-focus"), ("b", "japan-focus"), ("c", "korea")):
        store.log(record(text, "answer", entry))
    store.log(record("d", "suggest", "korea"))  # offered, not answered: not counted
    await store.flush()
    assert await store.top_entries() == [("japan-focus", 2), ("korea", 1)]
    # Rows written after the first count are added as they are written...
    store.log(record("e", "answer", "korea"))
    store.log(record("f", "answer", "korea"))
    await store.flush()
    assert await store.top_entries(1) == [("korea", 3)]
    # ...and the counts match a fresh scan of the log.
    assert await store.top_entries() == sorted(
        (await store._count_answered()).items(), key=lambda kv: (-kv[1], kv[0])
    )
    # A purge removes rows: counted again from what is left.
    await store.db.execute(
        "UPDATE questions SET asked_at = CAST(strftime('%s', 'now') AS INTEGER)"
        " WHERE text NOT IN ('e', 'f')"
    )
    await store.db.commit()
    assert (await store.purge(1)).questions == 2
    assert await store.top_entries() == [("japan-focus", 2), ("korea", 1)]


async def test_concurrent_writers_lose_nothing(store: Store) -> None:
    async def burst(n: int) -> None:
        for i in range(100):
            store.log(record(f"{n}-{i}"))
            await asyncio.sleep(0)

    await asyncio.gather(*(burst(n) for n in range(10)))
    await store.flush()
    assert len(await store.questions()) == 1000


async def test_close_right_after_a_burst_does_not_wait_for_the_writer(tmp_path: Path) -> None:
    """Rows arriving while the writer writes send it into another short gather when the
    burst is done. Closing then cancels it in the step its wait ends; the writer must stop
    (Python 3.11's wait_for swallowed that cancellation, and close waited forever)."""
    for attempt in range(10):
        store = await Store.open(tmp_path / f"burst-{attempt}.db", user_key="k")
        try:
            for i in range(40):
                store.log(record(f"{attempt}-{i}"))
                await asyncio.sleep(0.001 * (i % 3))
            assert await store.flush(10)
        finally:
            async with asyncio.timeout(10):
                await store.close()


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
    assert not await store.flush(0)  # at once: still waiting
    health = store.health()
    assert health.buffered == 1
    assert health.failing_since is not None
    assert "no such table" in (health.last_error or "")
    assert "cannot write the question log" in caplog.text
    await store.db.execute("ALTER TABLE gone RENAME TO questions")
    await store.db.commit()
    assert await store.flush(10)
    assert await store.flush(0)  # at once: all written
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


async def test_lessons_teach_and_undo(store: Store) -> None:
    for text in ("nippon robots", "robots in nippon", "other"):
        store.log(record(text))
    queue = await store.open_questions()
    lesson = store.link(
        "japan-focus", ["nippon robots", "robots in nippon"], [q.id for q in queue[:2]], "9001"
    )
    assert await store.taught() == {"japan-focus": ["nippon robots", "robots in nippon"]}
    assert [q.text for q in await store.open_questions()] == ["other"]
    (recorded,) = await store.lessons()
    assert (recorded.id, recorded.editor, recorded.kind, recorded.entry_id) == (
        lesson, "9001", "link", "japan-focus",
    )  # fmt: skip
    assert recorded.phrasings == ("nippon robots", "robots in nippon")
    assert recorded.question_ids == (queue[0].id, queue[1].id)
    assert not recorded.undone
    store.undo(lesson, "9002")
    assert await store.taught() == {}
    assert [q.text for q in await store.open_questions()] == [q.text for q in queue]
    (undone,) = await store.lessons(lesson_id=lesson)
    assert undone.undone
    assert undone.undone_by == "9002"


async def test_readers_choices_wait_for_an_editor(store: Store) -> None:
    store.log(
        QuestionRecord(
            1, "private", "u1", "japan plan?", "suggest", None, 45, choices='["japan-focus"]'
        )
    )
    store.log(QuestionRecord(2, "private", "u2", "unsure one", "suggest", None, 45))
    queue = await store.open_questions()
    assert [(q.text, q.decision) for q in queue] == [
        ("japan plan?", "suggest"),
        ("unsure one", "suggest"),
    ]
    assert queue[0].choices == ("japan-focus",)
    store.choose("japan-focus", "japan plan?", "u1")
    # Chosen: no longer unsure, so no longer in the queue; waiting in /suggested instead.
    assert [q.text for q in await store.open_questions()] == ["unsure one"]
    pending = await store.suggestions()
    assert [(s.entry_id, s.phrasing) for s in pending] == [("japan-focus", "japan plan?")]
    lesson = store.approve(pending[0].id, "9001")
    assert await store.taught() == {"japan-focus": ["japan plan?"]}
    assert await store.suggestions() == []
    store.undo(lesson, "9001")  # the choice waits for an editor again
    assert await store.taught() == {}
    assert [s.phrasing for s in await store.suggestions()] == ["japan plan?"]
    store.reject(pending[0].id)
    assert await store.suggestions() == []


async def test_an_editors_phrasing_is_not_downgraded_by_a_reader(store: Store) -> None:
    store.link("japan-focus", ["nippon robots"], [], "9001")
    store.choose("japan-focus", "nippon robots", "u1")
    assert await store.taught() == {"japan-focus": ["nippon robots"]}
    assert await store.suggestions() == []


async def test_dismissed_questions_leave_the_queue(store: Store) -> None:
    for text in ("a", "b", "c"):
        store.log(record(text))
    store.log(record("answered", "answer", "japan-focus"))
    store.log(record("in part", "partial", "japan-focus"))
    queue = await store.open_questions()
    assert [(x.text, x.decision) for x in queue] == [
        ("a", "none"), ("b", "none"), ("c", "none"), ("in part", "partial"),
    ]  # fmt: skip
    assert queue[3].entry_id == "japan-focus"
    store.dismiss([queue[0].id, queue[1].id])
    store.dismiss([])
    assert [x.text for x in await store.open_questions()] == ["c", "in part"]


async def test_votes_are_one_per_user_and_keep_their_question(store: Store) -> None:
    store.log(QuestionRecord(1, "private", "u1", "why japan?", "answer", "japan-focus", 80))
    store.vote("u1", "japan-focus", 1)
    store.vote("u1", "japan-focus", -1)
    store.vote("u2", "japan-focus", -1, "asked in a reply?")
    store.vote("u3", "china-self-reliance", 1, None, "What is China's approach to AI?")
    summary = await store.feedback()
    assert summary[0].entry_id == "japan-focus"
    assert (summary[0].up, summary[0].down) == (0, 2)
    assert set(summary[0].questions) == {"why japan?", "asked in a reply?"}
    assert (summary[1].up, summary[1].down) == (1, 0)
    rows = await store.feedback_rows()
    assert len(rows) == 3
    assert ("china-self-reliance", 1, "What is China's approach to AI?") in [r[:3] for r in rows]


async def test_votes_under_a_partial_reply_are_kept_apart(store: Store) -> None:
    """breakit-5: a 👎 under a partial reply ("you didn't answer my Japan question") was
    filed against the closest entry as a vote on its answer. It is a vote on the partial
    reply: apart in /feedback, /stats and the export, and not replacing the reader's vote
    on the entry's answer."""
    store.vote("u1", "japan-focus", 1, "why japan?")
    store.vote("u1", "japan-focus", -1, "japan ai budget 2030?", partial=True)
    store.vote("u2", "japan-focus", -1, "japan's chips?", partial=True)
    answers = await store.feedback()
    assert [(f.entry_id, f.up, f.down, f.questions) for f in answers] == [("japan-focus", 1, 0, ())]
    partial = await store.feedback(partial=True)
    assert [(f.entry_id, f.up, f.down) for f in partial] == [("japan-focus", 0, 2)]
    assert set(partial[0].questions) == {"japan ai budget 2030?", "japan's chips?"}
    stats = await store.stats()
    assert (stats.thumbs_up, stats.thumbs_down, stats.partial_up, stats.partial_down) == (
        1,
        0,
        0,
        2,
    )
    assert sorted((r[1], r[4]) for r in await store.feedback_rows()) == [
        (-1, True),
        (-1, True),
        (1, False),
    ]


async def test_migration_10_keeps_votes_as_votes_on_answers(tmp_path: Path) -> None:
    database = tmp_path / "x.db"
    async with aiosqlite.connect(database) as db:
        for number, script in enumerate(MIGRATIONS[:9], start=1):
            await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        await db.execute(
            "INSERT INTO feedback (user_hash, entry_id, vote, question, updated_at, article_id)"
            " VALUES ('h', 'e', -1, 'old?', 7, 'a')"
        )
        await db.commit()
    store = await Store.open(database)
    try:
        assert await store.feedback_rows() == [("e", -1, "old?", 7, False)]
        store.vote("h", "e", 1, "new?", partial=True)  # another vote, not a change of it
        assert len(await store.feedback_rows()) == 2
        assert [f.down for f in await store.feedback(article_id="a")] == [1]
    finally:
        await store.close()


async def test_changes_wait_in_the_buffer_while_the_database_is_locked(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        locker = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        store.vote("u", "japan-focus", 1)  # returns at once
        assert not await store.flush(0.5)
        assert store.health().buffered == 1
        locker.execute("ROLLBACK")
        locker.close()
        assert await store.flush(10)
        assert len(await store.feedback_rows()) == 1
    finally:
        await store.close()


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
    store.vote("u", "japan-focus", 1)
    stats = await store.stats(at=day + 100)
    assert (stats.total, stats.today, stats.last_7_days) == (4, 2, 3)
    assert (stats.answered, stats.suggested, stats.unanswered) == (2, 1, 1)
    assert stats.top_entries == (("japan-focus", 2),)
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 0)
    assert stats.rate(stats.answered) == 0.5


async def test_flooded_questions_are_logged_apart_from_the_decisions(store: Store) -> None:
    at = 1_700_000_000
    store.log(QuestionRecord(at, "private", "u", "a", "answer", "japan-focus", 90, "sent"))
    store.log(QuestionRecord(at, "private", "u", "b", "none", None, 10, "sent", article_id="x"))
    for text in ("c", "d"):
        store.log(
            QuestionRecord(at, "private", "u", text, "flooded", None, 0, "sent", article_id="x")
        )
    stats = await store.stats(at=at + 1)
    assert (stats.total, stats.today, stats.answered, stats.unanswered) == (2, 2, 1, 1)
    assert stats.flooded == 2
    assert (await store.stats(at=at + 1, article_id="x")).flooded == 2
    assert [q.text for q in await store.open_questions()] == ["b"]  # not in the queue
    assert [(c.article_id, c.total) for c in await store.by_article()] == [("x", 1), (None, 1)]
    assert sum(d.total for d in await store.daily(1, at=at + 1)) == 2
    assert (await store.deliveries()).sent == 2  # flooded questions got no reply
    assert [q.text for q in await store.questions("flooded")] == ["c", "d"]


async def test_migration_8_keeps_rows_and_allows_flooded(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.db") as db:
        for number, script in enumerate(MIGRATIONS[:7], start=1):
            await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        await db.execute(
            "INSERT INTO questions (asked_at, chat_type, user_hash, text, decision, entry_id,"
            " score, status, delivery, inbox_id, choices, article_id)"
            " VALUES (1, 'group', 'h', 'old', 'suggest', NULL, 5, 'chosen', 'sent', 7,"
            " '[\"a\"]', 'x')"
        )
        await db.commit()
        assert await migrate(db) == len(MIGRATIONS)
        async with db.execute("SELECT * FROM questions") as cur:
            assert list(await cur.fetchall()) == [
                # message_hash, then follows (migration 9): not known for rows from before
                (
                    1,
                    1,
                    "group",
                    "h",
                    "old",
                    "suggest",
                    None,
                    5.0,
                    "chosen",
                    "sent",
                    7,
                    '["a"]',
                    "x",
                    None,
                    None,
                )
            ]
        await db.execute(
            "INSERT INTO questions (asked_at, chat_type, text, decision, score)"
            " VALUES (2, 'private', 'new', 'flooded', 0)"
        )
        await db.execute(
            "INSERT INTO questions (asked_at, chat_type, text, decision, score, status)"
            " VALUES (2, 'private', 'new', 'none', 0, 'edited')"
        )
        with pytest.raises(sqlite3.IntegrityError):  # the inbox id stays unique
            await db.execute(
                "INSERT INTO questions (asked_at, chat_type, text, decision, score, inbox_id)"
                " VALUES (2, 'private', 'again', 'none', 0, 7)"
            )
        async with db.execute("PRAGMA index_list(questions)") as cur:
            names = {row[1] for row in await cur.fetchall()}
        assert {"questions_asked_at", "questions_queue", "questions_inbox"} <= names
        assert {"questions_article", "questions_message"} <= names


async def test_an_edit_takes_the_earlier_wordings_of_its_message_out_of_the_queue(
    tmp_path: Path,
) -> None:
    store = await Store.open(tmp_path / "log.sqlite3")
    try:
        store.set_user_key("key-one")
        message = store.hash_message(-100, 7)
        assert message == store.hash_message(-100, 7)
        assert len({message, store.hash_message(-100, 8), store.hash_message(100, 7)}) == 3
        assert "100" not in message
        other = store.hash_message(-100, 8)
        for text, msg, decision in (
            ("weather in bangkok?", message, "none"),
            ("weather in hanoi?", message, "suggest"),
            ("unrelated", other, "none"),
        ):
            store.log(replace(record(text, decision), message_hash=msg))
        store.edited(message)  # the edit's new wording is logged after
        store.log(replace(record("what is small ai?", "none"), message_hash=message))
        queue = await store.open_questions()
        assert [q.text for q in queue] == ["unrelated", "what is small ai?"]
        edited = [r.text for r in await store.questions() if r.message_hash == message]
        assert edited == ["weather in bangkok?", "weather in hanoi?", "what is small ai?"]
        async with store.db.execute("SELECT text, status FROM questions ORDER BY id") as cur:
            assert [row[1] for row in await cur.fetchall()] == ["edited", "edited", "open", "open"]
    finally:
        await store.close()


async def test_an_edited_question_counts_once_in_the_stats(store: Store) -> None:
    """The report: after "how much did japan invest in ai" (partial) was edited to another
    question, /stats still counted the first wording. The edit replaces it: the log keeps
    both rows, the counts (rates, per day, per article, top entries) only the new one."""
    store.set_user_key("k")
    message = store.hash_message(5, 1)
    assert await store.top_entries() == []  # counted in memory from here on
    for text, decision, entry in (
        ("how much did japan invest in ai", "partial", "japan-focus"),
        ("hw much korea put in ai", "answer", "korea"),
    ):
        store.edited(message)  # as the bot does for an edit, before the new row
        store.log(replace(record(text, decision, entry), message_hash=message, article_id="a"))
    store.edited(message)  # edited again, into small talk: never logged
    store.log(replace(record("what is japan's focus", "answer", "japan-focus"), article_id="a"))
    stats = await store.stats(at=1_700_000_000)
    assert (stats.total, stats.partial, stats.answered) == (1, 0, 1)
    assert stats.top_entries == (("japan-focus", 1),)
    assert await store.top_entries() == [("japan-focus", 1)]
    day = (await store.daily(1, at=1_700_000_000))[0]
    assert (day.answered, day.partial) == (1, 0)
    assert [(c.article_id, c.total) for c in await store.by_article()] == [("a", 1)]
    assert len(await store.questions()) == 3  # the log keeps every wording


async def test_purge_deletes_only_old_rows(store: Store) -> None:
    store.log(QuestionRecord(now() - 40 * 86_400, "private", "u", "old", "none", None, 0))
    store.log(QuestionRecord(now(), "private", "u", "new", "none", None, 0))
    assert await store.purge(30) == Purged(questions=1)
    assert [r.text for r in await store.questions()] == ["new"]


async def test_purge_deletes_every_copy_of_readers_texts_and_ids(store: Store) -> None:
    """breakit-5 P2-2: /purge 0 deleted the question rows, but the votes kept the user hash
    and the typed question, and readers' did-you-mean choices their wording. Everything
    holding a reader's text or id that old goes; what editors taught stays (knowledge),
    with no link to the readers' rows."""
    old = now() - 40 * 86_400
    store.log(QuestionRecord(old, "private", "u1", "what is small ai", "answer", "small", 90))
    store.log(QuestionRecord(old, "private", "u2", "role of sg?", "suggest", None, 45))
    store.log(QuestionRecord(now(), "private", "u3", "new one", "none", None, 0))
    store.vote("u1", "small", -1, "what is small ai", "What is Small AI?", None)
    store.vote("u3", "small", 1, "new one", "What is Small AI?", None)
    store.choose("singapore", "role of sg?", "u2")  # waits for an editor
    store.choose("japan", "japan plan?", "u2")  # approved below: taught
    store.choose("korea", "korea cash?", "u2")  # rejected below
    await store.flush()
    pending = {s.phrasing: s.id for s in await store.suggestions()}
    store.approve(pending["japan plan?"], "7")
    store.reject(pending["korea cash?"])
    async with store.db.execute("SELECT id FROM questions ORDER BY id") as cursor:
        questions = [int(row[0]) for row in await cursor.fetchall()]
    lesson = store.link("small", ["small ai what"], questions, "7")
    await store.flush()
    await store.db.execute("UPDATE feedback SET updated_at = ? WHERE user_hash = 'u1'", (old,))
    await store.db.execute("UPDATE taught SET created_at = ?", (old,))
    await store.db.commit()
    assert await store.count_older_than(30) == Purged(questions=2, votes=1, suggestions=2)
    assert await store.purge(30) == Purged(questions=2, votes=1, suggestions=2)
    assert [r.text for r in await store.questions()] == ["new one"]
    assert [row[2] for row in await store.feedback_rows()] == ["new one"]
    assert await store.suggestions() == []
    assert await store.taught() == {"japan": ["japan plan?"], "small": ["small ai what"]}
    async with store.db.execute(
        "SELECT question_ids FROM lessons WHERE id = ?", (lesson,)
    ) as cursor:
        assert tuple(await cursor.fetchone() or ()) == (f"[{questions[2]}]",)
    async with store.db.execute("SELECT COUNT(*) FROM feedback WHERE user_hash = 'u1'") as c:
        assert tuple(await c.fetchone() or ()) == (0,)
    assert await store.count_older_than(30) == Purged()
    assert Purged(questions=2, votes=1, suggestions=2, chats=1).phrase() == (
        "2 question(s), 1 vote(s), 2 reader choice(s) not approved and the article choices"
        " of 1 chat(s)"
    )
    assert Purged(questions=3).phrase() == "3 question(s)"


async def test_undone_lessons_wordings_are_purged_and_no_longer_approved(store: Store) -> None:
    """review-5 P1-2: an undone lesson kept the readers' wordings for good (its taught rows
    still 'approved', its phrasings list), though /purge says only taught phrasings stay.
    Undone, the rows say so; purged, the wordings go and the lesson's record stays."""
    old = now() - 40 * 86_400
    store.log(QuestionRecord(old, "private", "u", "my private wording", "none", None, 0))
    store.log(QuestionRecord(old, "private", "u", "kept wording", "none", None, 0))
    await store.flush()
    async with store.db.execute("SELECT id FROM questions ORDER BY id") as cursor:
        first, second = [int(row[0]) for row in await cursor.fetchall()]
    undone = store.link("small", ["my private wording"], [first], "7")
    kept = store.link("small", ["kept wording"], [second], "7")
    store.undo(undone, "7")
    await store.flush()
    async with store.db.execute("SELECT phrasing, status FROM taught ORDER BY id") as cursor:
        assert [tuple(r) for r in await cursor.fetchall()] == [
            ("my private wording", "rejected"),
            ("kept wording", "approved"),
        ]
    await store.db.execute("UPDATE lessons SET undone_at = ? WHERE id = ?", (old, undone))
    await store.db.commit()
    assert await store.count_older_than(30) == Purged(questions=2, undone=1)
    assert await store.purge(30) == Purged(questions=2, undone=1)
    async with store.db.execute("SELECT phrasing FROM taught") as cursor:
        assert [r[0] for r in await cursor.fetchall()] == ["kept wording"]
    lessons = {lesson.id: lesson for lesson in await store.lessons()}
    assert lessons[undone].phrasings == ()  # who, when, which entry: kept
    assert lessons[undone].entry_id == "small"
    assert lessons[kept].phrasings == ("kept wording",)
    assert await store.taught() == {"small": ["kept wording"]}
    assert await store.count_older_than(30) == Purged()
    assert Purged(questions=1, undone=2).phrase() == (
        "1 question(s) and the wordings of 2 undone lesson(s)"
    )


# ------------------------------------------------------------ chats' articles
async def test_a_chats_article_is_kept_by_hash_and_the_last_write_wins(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "log.sqlite3", user_key="k")
    try:
        chat = store.hash_user(-100123)
        assert chat is not None
        store.set_reading(chat, "ai")
        store.set_reading(chat, "ev")
        await store.flush()
        article, at = await store.reading(chat) or ("", 0)
        assert article == "ev"
        assert abs(at - now()) <= 2
        assert await store.reading("unknown") is None
        async with store.db.execute("SELECT * FROM reading") as cursor:
            rows = [tuple(row) for row in await cursor.fetchall()]
        assert rows == [(chat, "ev", at)]
        assert "100123" not in str(rows)  # the chat id itself is never stored
    finally:
        await store.close()


async def test_readings_are_listed_newest_first_up_to_a_limit(store: Store) -> None:
    for n, at in enumerate((300, 100, 200)):
        store.change("reading", chat_hash=f"h{n}", article_id=f"a{n}", at=at)
    await store.flush()
    assert await store.readings(10) == [("h0", "a0", 300), ("h2", "a2", 200), ("h1", "a1", 100)]
    assert await store.readings(1) == [("h0", "a0", 300)]


async def test_purge_deletes_chats_articles_unused_as_long(store: Store) -> None:
    store.change("reading", chat_hash="old", article_id="ai", at=now() - 40 * 86_400)
    store.change("reading", chat_hash="new", article_id="ev", at=now() - 20 * 86_400)
    await store.flush()
    assert await store.count_older_than(30) == Purged(chats=1)  # what /purge 30 asks
    assert await store.purge(30) == Purged(chats=1)
    assert [h for h, _, _ in await store.readings(10)] == ["new"]
    assert not await store.count_older_than(30)


# ------------------------------------------------------------ the log survives its storage
async def test_a_lone_surrogate_is_stored_and_the_writer_goes_on(store: Store) -> None:
    store.log(record("hello \ud800"))
    store.log(record("pair \U0001f600 and lone \udc00 end"))
    store.log(record("after"))
    assert await store.flush(5)
    texts = [r.text for r in await store.questions()]
    assert texts == ["hello \ufffd", "pair \U0001f600 and lone \ufffd end", "after"]


async def test_locked_database_rows_wait_then_are_written_once(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = await Store.open(path)
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        for i in range(30):
            store.log(record(f"q{i}"))
        assert not await store.flush(1.5)
        health = store.health()
        assert health.buffered == 30
        assert "locked" in (health.last_error or "")
        other.rollback()
        assert await store.flush(10)
        assert len(await store.questions()) == 30
        assert store.health().written == 30
    finally:
        other.close()
        await store.close()


async def test_full_database_rows_wait_then_are_written(store: Store) -> None:
    writer = await store._writer_link.get()
    async with writer.execute("PRAGMA page_count") as cur:
        pages = (await cur.fetchone() or (0,))[0]
    await writer.execute(f"PRAGMA max_page_count = {pages}")
    for i in range(500):
        store.log(record(f"a fairly long question number {i} " * 4))
    assert not await store.flush(1.5)
    assert "full" in (store.health().last_error or "")
    await writer.execute("PRAGMA max_page_count = 1000000")
    assert await store.flush(10)
    assert len(await store.questions()) == 500


def set_read_only(path: Path, read_only: bool) -> None:
    """SQLite's header byte 18 (write version) > 2 makes the file read-only, root or not."""
    with path.open("r+b") as f:
        f.seek(18)
        f.write(bytes([3 if read_only else 2]))


async def test_read_only_database_is_reported_then_written_when_fixed(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    await (await Store.open(path)).close()
    set_read_only(path, True)
    store = await Store.open(path)
    try:
        problems = await store.check()
        assert any("not writable" in p for p in problems)
        store.log(record("kept"))
        assert not await store.flush(1)
        set_read_only(path, False)
        assert await store.flush(10)  # the writer reopened its connection
        assert [r.text for r in await store.questions()] == ["kept"]
        assert await store.check() == []
    finally:
        await store.close()


async def test_quick_check_failure_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.execute("CREATE INDEX t_x ON t (x)")
        db.executemany("INSERT INTO t VALUES (?)", [(f"value {i:05d}",) for i in range(3000)])
        db.commit()
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 't_x'").fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:  # scribble over the index's root page header
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 12)
    store = await Store.open(path)
    try:
        assert any("quick_check" in p for p in await store.check())
    finally:
        await store.close()


async def test_a_removed_database_is_recreated_and_logged_to(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "var"
    store = await Store.open(folder / "x.db")
    try:
        store.log(record("before"))
        assert await store.flush(5)
        shutil.rmtree(folder)
        store.log(record("after"))
        assert await store.flush(10)
        assert "removed or replaced" in caplog.text
        assert [r.text for r in await store.questions()] == ["after"]
        assert (folder / "x.db").exists()
    finally:
        await store.close()


async def test_buffer_is_bounded_and_overflow_counted(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = await Store.open(path, buffer_rows=10)
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        for i in range(15):
            store.log(record(f"q{i}"))
        assert store.health().dropped == 5
        assert store.health().buffered == 10
        other.rollback()
        assert await store.flush(10)
        assert len(await store.questions()) == 10
    finally:
        other.close()
        await store.close()


async def test_editors_acts_are_refused_not_dropped_when_the_queue_is_full(
    tmp_path: Path,
) -> None:
    """Teaching, undo, approval, rejection and dismissal raise WriteQueueFullError instead
    of being dropped like a log row (the bot would teach readers what is never saved);
    room() waits, bounded, for the writer to make room."""
    path = tmp_path / "x.db"
    store = await Store.open(path, buffer_rows=3)
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        for i in range(3):
            store.log(record(f"q{i}"))
        assert not store.has_room()
        assert not await store.room(0.2)  # still full after the wait
        for act in (
            lambda: store.link("japan-focus", ["nippon robots"], [1], "9001"),
            lambda: store.approve(1, "9001"),
            lambda: store.undo("0badc0de", "9001"),
            lambda: store.reject(1),
            lambda: store.dismiss([1]),
        ):
            with pytest.raises(WriteQueueFullError):
                act()
        assert store.health().dropped == 0  # refused, not dropped
        waiting = asyncio.create_task(store.room(10))
        await asyncio.sleep(0.1)
        assert not waiting.done()
        other.rollback()  # the writer writes: room comes
        assert await waiting
        store.link("japan-focus", ["nippon robots"], [], "9001")
        assert await store.flush(10)
        assert await store.taught() == {"japan-focus": ["nippon robots"]}
    finally:
        other.close()
        await store.close()


async def test_a_bad_row_is_rejected_alone(store: Store) -> None:
    store.log(record("good 1"))
    store.log(record("bad", decision="maybe"))  # the CHECK constraint refuses it
    store.log(record("good 2"))
    assert await store.flush(5)
    assert [r.text for r in await store.questions()] == ["good 1", "good 2"]
    assert store.health().rejected == 1


async def test_the_writer_survives_an_unexpected_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = store._write

    async def flaky(batch: Sequence[Finished]) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("a bug")
        await real(batch)

    monkeypatch.setattr(store, "_write", flaky)
    store.log(record("survives"))
    assert await store.flush(10)
    assert [r.text for r in await store.questions()] == ["survives"]


async def test_rows_unwritten_at_close_are_saved_and_written_next_time(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = await Store.open(path, owner=True)
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        store.log(record("saved"))
        await store.close(grace=0.5)
    finally:
        other.rollback()
        other.close()
    spill = tmp_path / "x.db.unsaved.jsonl"
    assert spill.exists()
    status = read_writer_status(path)
    assert status is not None
    assert status.buffered == 0
    bystander = await Store.open(path)  # e.g. `faqbot stats`: leaves the saved rows alone
    await bystander.close()
    assert spill.exists()
    reopened = await Store.open(path, owner=True)
    try:
        assert await reopened.flush(10)
        assert [r.text for r in await reopened.questions()] == ["saved"]
        assert not spill.exists()
    finally:
        await reopened.close()


# ------------------------------------------------------------------------ the inbox
def received(update_id: int) -> Received:
    return Received(update_id, 1_700_000_000.0, 1_700_000_000, f'{{"update_id": {update_id}}}')


async def test_inbox_keeps_updates_once_and_finishes_them_with_their_rows(store: Store) -> None:
    ids = await store.receive([received(1), received(2)])
    assert set(ids) == {1, 2}
    again = await store.receive([received(2), received(3)])
    assert set(again) == {3}  # 2 is already there: not handled twice
    assert [r.update_id for r in await store.unfinished()] == [1, 2, 3]
    row = replace(record("q"), delivery="sent", inbox_id=ids[1])
    store.finish(Finished((row,), ids[1]))
    store.finish(Finished((row,), ids[1]))  # handled again after a crash: still one row
    store.finish(Finished((), ids[2], "expired"))
    assert await store.flush(5)
    unfinished = await store.unfinished()
    assert [r.update_id for r in unfinished] == [3]
    assert unfinished[0].attempts == 1  # attempts before this one: the first call counted
    rows = await store.questions()
    assert [(r.text, r.delivery, r.inbox_id) for r in rows] == [("q", "sent", ids[1])]
    deliveries = await store.deliveries()
    assert (deliveries.sent, deliveries.unfinished_updates) == (1, 1)


async def test_unfinished_updates_leave_out_the_one_asking(store: Store) -> None:
    await store.receive([Received(u, 1.0, None, "{}") for u in (10, 11)])
    assert (await store.deliveries()).unfinished_updates == 2
    assert (await store.deliveries(handling=11)).unfinished_updates == 1


async def test_finished_inbox_rows_are_purged_after_a_day(store: Store) -> None:
    ids = await store.receive([received(1), received(2)])
    store.finish(Finished((), ids[1]))
    assert await store.flush(5)
    assert await store.purge_inbox(keep_seconds=0) == 0  # finished this very second
    await store.db.execute("UPDATE inbox SET finished_at = finished_at - 90000")
    await store.db.commit()
    assert await store.purge_inbox() == 1
    assert [r.update_id for r in await store.unfinished()] == [2]


async def test_legacy_salt_is_read_then_erased_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    async with aiosqlite.connect(path) as db:
        for number, script in enumerate(MIGRATIONS[:3], start=1):
            await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        await db.execute("INSERT INTO meta VALUES ('user_salt', 'c0ffee5a1tc0ffee5a1t')")
        await db.commit()
    store = await Store.open(path)
    try:
        assert await store.legacy_salt() == "c0ffee5a1tc0ffee5a1t"
        await store.erase_legacy_salt()
        assert await store.legacy_salt() is None
    finally:
        await store.close()
    for name in ("x.db", "x.db-wal"):
        file = tmp_path / name
        if file.exists():
            assert b"c0ffee5a1t" not in file.read_bytes()


async def test_migration_4_keeps_rows_with_no_delivery(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.db") as db:
        for number, script in enumerate(MIGRATIONS[:3], start=1):
            await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        await db.execute(
            "INSERT INTO questions (asked_at, chat_type, text, decision, score)"
            " VALUES (1, 'private', 'old', 'none', 0)"
        )
        await db.commit()
        await migrate(db)
        async with db.execute("SELECT text, delivery, inbox_id FROM questions") as cur:
            assert list(await cur.fetchall()) == [("old", None, None)]
        with pytest.raises(sqlite3.IntegrityError):
            await db.execute(
                "INSERT INTO questions (asked_at, chat_type, text, decision, score, delivery)"
                " VALUES (2, 'private', 'new', 'none', 0, 'maybe')"
            )


# ------------------------------------------------------------ many articles (issue 11)
async def test_migration_6_adds_articles_and_backfill_names_them_once(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.db") as db:
        for number, script in enumerate(MIGRATIONS[:5], start=1):
            await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        await db.executemany(
            "INSERT INTO questions (asked_at, chat_type, text, decision, entry_id, score, choices)"
            " VALUES (1, 'private', ?, ?, ?, 50, ?)",
            [
                ("answered", "answer", "japan-focus", None),
                ("in part", "partial", "ev-tariffs", None),
                ("one article's choices", "suggest", None, '["japan-focus", "china-ai"]'),
                ("two articles' choices", "suggest", None, '["japan-focus", "ev-tariffs"]'),
                ("not answered", "none", None, None),
                ("entry since removed", "answer", "gone", None),
            ],
        )
        await db.execute(
            "INSERT INTO feedback (user_hash, entry_id, vote, updated_at)"
            " VALUES ('u', 'ev-tariffs', 1, 1)"
        )
        await db.commit()
    store = await Store.open(tmp_path / "x.db")
    try:
        async with store.db.execute("PRAGMA index_list(questions)") as cur:
            assert "questions_article" in {row[1] for row in await cur.fetchall()}
        assert {r.article_id for r in await store.questions()} == {None}
        article_of = {"japan-focus": "ai", "china-ai": "ai", "ev-tariffs": "ev"}
        assert await store.backfill_articles(article_of) == 3
        assert [(r.text, r.article_id) for r in await store.questions()] == [
            ("answered", "ai"),
            ("in part", "ev"),
            ("one article's choices", "ai"),
            ("two articles' choices", None),  # NULL: no one known article
            ("not answered", None),
            ("entry since removed", None),
        ]
        assert [r[0] for r in await store.feedback_rows("ev")] == ["ev-tariffs"]
        assert await store.backfill_articles({"gone": "ai"}) == 0  # once per database
        assert await store.backfill_articles({"gone": "ai"}, force=True) == 1
    finally:
        await store.close()


def in_article(
    text: str, decision: str, entry_id: str | None, article_id: str | None, at: int = 1
) -> QuestionRecord:
    return QuestionRecord(at, "private", "u", text, decision, entry_id, 60, article_id=article_id)


async def test_queue_stats_daily_feedback_and_export_per_article(store: Store) -> None:
    at = 1_700_000_000
    day = at - at % 86_400
    rows = [
        in_article("ai answered", "answer", "japan-focus", "ai", day + 1),
        in_article("ai unanswered", "none", None, "ai", day + 2),
        in_article("ev answered", "answer", "ev-tariffs", "ev", day + 3),
        in_article("ev answered again", "answer", "ev-tariffs", "ev", day - 86_400),
        in_article("ev in part", "partial", "ev-nickel", "ev", day + 4),
        in_article("no article", "none", None, None, day + 5),
    ]
    for row in rows:
        store.log(row)
    store.vote("u1", "japan-focus", -1, "ai answered", article_id="ai")
    store.vote("u1", "ev-tariffs", 1)  # the article the entry's questions name

    assert [q.text for q in await store.open_questions("ai")] == ["ai unanswered"]
    assert [(q.text, q.article_id) for q in await store.open_questions("ev")] == [
        ("ev in part", "ev")
    ]
    assert len(await store.open_questions()) == 3  # overall: also the question of no article
    assert await store.open_questions("unknown") == []

    ev = await store.stats(at=day + 100, article_id="ev")
    assert (ev.total, ev.today, ev.answered, ev.partial, ev.unanswered) == (3, 2, 2, 1, 0)
    assert ev.top_entries == (("ev-tariffs", 2),)
    assert (ev.thumbs_up, ev.thumbs_down) == (1, 0)
    overall = await store.stats(at=day + 100)
    assert (overall.total, overall.thumbs_up, overall.thumbs_down) == (6, 1, 1)

    ev_days = await store.daily(2, at=day + 100, article_id="ev")
    assert [d.total for d in ev_days] == [1, 2]
    assert [d.total for d in await store.daily(2, at=day + 100)] == [1, 5]

    assert [f.entry_id for f in await store.feedback(article_id="ai")] == ["japan-focus"]
    assert [r[0] for r in await store.feedback_rows("ev")] == ["ev-tariffs"]
    assert len(await store.feedback_rows()) == 2
    assert [r.text for r in await store.questions("answer", "ev")] == [
        "ev answered",
        "ev answered again",
    ]
    counts = await store.by_article()
    assert [(c.article_id, c.total, c.open) for c in counts] == [
        ("ev", 3, 1),
        ("ai", 2, 1),
        (None, 1, 1),
    ]


async def test_lessons_of_some_entries(store: Store) -> None:
    store.link("japan-focus", ["nippon robots"], [], "9001")
    store.link("ev-tariffs", ["car duties"], [], "9001")
    assert [x.entry_id for x in await store.lessons(entry_ids={"ev-tariffs", "ev-nickel"})] == [
        "ev-tariffs"
    ]
    assert await store.lessons(entry_ids=()) == []
    assert len(await store.lessons()) == 2


async def test_a_vote_saved_by_an_older_version_is_written(tmp_path: Path) -> None:
    """A spilled vote without article_id (written before issue 11) still goes in."""
    database = tmp_path / "x.db"
    spill = database.with_name(database.name + ".unsaved.jsonl")
    params = {"at": 5, "user_hash": "u", "entry_id": "e", "vote": 1}
    spill.write_text(
        json.dumps({"change": "vote", "params": {**params, "question": None, "fallback": "f"}})
        + "\n"
    )
    store = await Store.open(database, owner=True)
    try:
        assert await store.flush(10)
        assert await store.feedback_rows() == [("e", 1, "f", 5, False)]
    finally:
        await store.close()


async def test_a_picked_article_names_the_question_and_an_answer_there_closes_it(
    store: Store,
) -> None:
    """A question that fitted several articles, then the reader picked one."""
    for at, text, user in ((1, "key players?", "u1"), (2, "key players?", "u2")):
        store.log(
            QuestionRecord(at, "private", user, text, "suggest", None, 45, choices='["a-1", "b-1"]')
        )
    store.pick_article("ev", "key players?", "u1", answered=True)
    store.pick_article("ai", "key players?", "u2", answered=False)
    store.pick_article("ai", "never asked", "u2", answered=True)  # no such row: nothing
    queue = await store.open_questions()
    assert [(q.text, q.article_id) for q in queue] == [("key players?", "ai")]
    assert [q.text for q in await store.open_questions("ai")] == ["key players?"]
    assert await store.open_questions("ev") == []  # answered there: it left the queue
    counts = {c.article_id: c.total for c in await store.by_article()}
    assert counts == {"ev": 1, "ai": 1}


async def test_migration_9_adds_follows_to_an_old_database(tmp_path: Path) -> None:
    """A database of version 8 keeps its rows; they follow nothing (NULL); new rows and
    suggestions can name the entry a follow-up followed."""
    database = tmp_path / "x.db"
    async with aiosqlite.connect(database) as db:
        for number, script in enumerate(MIGRATIONS[:8], start=1):
            await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        await db.execute(
            "INSERT INTO questions (asked_at, chat_type, user_hash, text, decision, entry_id,"
            " score) VALUES (1, 'private', 'h', 'old one', 'none', NULL, 5)"
        )
        await db.execute(
            "INSERT INTO taught (entry_id, phrasing, origin, status, created_at)"
            " VALUES ('e', 'old pick', 'suggestion', 'pending', 1)"
        )
        await db.commit()
    store = await Store.open(database)
    try:
        assert [(q.text, q.follows) for q in await store.open_questions()] == [("old one", None)]
        assert [(s.phrasing, s.follows) for s in await store.suggestions()] == [("old pick", None)]
        store.log(replace(record("and in 2030?", "partial", "apac-market"), follows="apac-market"))
        queue = await store.open_questions()
        assert [(q.text, q.follows) for q in queue] == [
            ("old one", None),
            ("and in 2030?", "apac-market"),
        ]
        assert (await store.questions())[-1].follows == "apac-market"
    finally:
        await store.close()
    async with aiosqlite.connect(database) as db, db.execute("PRAGMA user_version") as cur:
        assert await cur.fetchone() == (len(MIGRATIONS),)


async def test_a_choice_keeps_what_its_follow_up_followed(store: Store) -> None:
    """A did-you-mean pick for a follow-up names the entry it followed; a pick of the same
    wording asked on its own clears it (then the wording alone was chosen too)."""
    followed = QuestionRecord(1, "private", "u1", "and the budget?", "suggest", None, 45)
    store.log(replace(followed, follows="korea-commitment"))
    store.choose("japan-focus", "and the budget?", "u1")
    store.log(QuestionRecord(2, "private", "u2", "what about ai?", "suggest", None, 45))
    store.choose("japan-focus", "what about ai?", "u2")
    assert [(s.phrasing, s.follows) for s in await store.suggestions()] == [
        ("and the budget?", "korea-commitment"),
        ("what about ai?", None),
    ]
    store.log(QuestionRecord(3, "private", "u3", "and the budget?", "suggest", None, 45))
    store.choose("japan-focus", "and the budget?", "u3")
    assert [(s.phrasing, s.follows) for s in await store.suggestions()] == [
        ("and the budget?", None),
        ("what about ai?", None),
    ]


async def test_purge_deletes_follow_ups_like_other_rows(store: Store) -> None:
    old = QuestionRecord(now() - 40 * 86_400, "private", "u", "and in 2030?", "none", None, 0)
    old = replace(old, follows="apac-market")
    store.log(old)
    store.log(replace(old, asked_at=now(), text="and in 2031?"))
    assert (await store.purge(30)).questions == 1
    assert [(q.text, q.follows) for q in await store.questions()] == [
        ("and in 2031?", "apac-market")
    ]


async def test_a_pick_by_reply_files_the_question_its_did_you_mean_answered(
    store: Store,
) -> None:
    """breakit-5 P2-4: "the first one" in reply to did-you-mean. Its question is not in the
    reply: the bot names the question's message, and that question is filed when this
    reader asked it and it offered the entry. review-5 P2-1: the reader's latest open
    question offering the entry was filed instead ("2" to Q1's did-you-mean filed Q2)."""
    offered = replace(
        record("sg role?", "suggest"), user_hash="u", choices='["sg", "jp"]', message_hash="m1"
    )
    store.log(offered)
    store.log(replace(offered, text="japan plan?", choices='["jp", "kr"]', message_hash="m2"))
    store.log(
        replace(offered, text="other reader", user_hash="v", choices='["jp"]', message_hash="m3")
    )
    store.pick("jp", "u", "m1")  # to Q1's did-you-mean, though Q2 (later) offers jp too
    store.pick("kr", "u", "m1")  # not offered by that question: nothing filed
    store.pick("jp", "u", "m3")  # another reader's question (a stranger): nothing filed
    store.pick("jp", "u", None)  # the bot no longer knows the question: nothing filed
    await store.flush()
    assert [(s.entry_id, s.phrasing) for s in await store.suggestions()] == [("jp", "sg role?")]
    assert [q.text for q in await store.open_questions()] == ["japan plan?", "other reader"]
