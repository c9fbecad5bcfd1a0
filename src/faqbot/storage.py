"""The question log in SQLite (aiosqlite): every question handled, unanswered ones for editors."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import secrets
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

import aiosqlite

from faqbot.errors import StorageError

logger = logging.getLogger(__name__)

# Ordered migrations; index + 1 is the PRAGMA user_version each one brings the database to.
MIGRATIONS: tuple[str, ...] = (
    # 1: the question log and a small key/value table (the user-hash salt lives there).
    """
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        asked_at INTEGER NOT NULL,
        chat_type TEXT NOT NULL,
        user_hash TEXT,
        text TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('answer', 'suggest', 'none')),
        entry_id TEXT,
        score REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'dismissed'))
    );
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE INDEX questions_queue ON questions (decision, status);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: phrasings taught by editors (or suggested by readers' button presses) and feedback.
    """
    CREATE TABLE taught (
        id INTEGER PRIMARY KEY,
        entry_id TEXT NOT NULL,
        phrasing TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('editor', 'suggestion')),
        status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'rejected')),
        created_at INTEGER NOT NULL,
        UNIQUE (entry_id, phrasing)
    );
    CREATE TABLE feedback (
        user_hash TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        question TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (user_hash, entry_id)
    );
    """,
    # 3: two more decisions: 'partial' (the article lacks the asked detail; the closest fact
    # is offered) and 'smalltalk'. SQLite cannot alter a CHECK, so the table is rebuilt.
    """
    CREATE TABLE questions_v3 (
        id INTEGER PRIMARY KEY,
        asked_at INTEGER NOT NULL,
        chat_type TEXT NOT NULL,
        user_hash TEXT,
        text TEXT NOT NULL,
        decision TEXT NOT NULL
            CHECK (decision IN ('answer', 'partial', 'suggest', 'none', 'smalltalk')),
        entry_id TEXT,
        score REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'dismissed'))
    );
    INSERT INTO questions_v3 SELECT * FROM questions;
    DROP TABLE questions;
    ALTER TABLE questions_v3 RENAME TO questions;
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE INDEX questions_queue ON questions (decision, status);
    """,
)

_BATCH = 200


@dataclass(frozen=True, slots=True)
class LoggedQuestion:
    """An unanswered question as the editors' queue shows it."""

    id: int
    asked_at: int
    text: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A reader pressed a did-you-mean button: this phrasing may belong to that entry."""

    id: int
    entry_id: str
    phrasing: str


@dataclass(frozen=True, slots=True)
class EntryFeedback:
    """Votes on one entry's answer and the questions behind the 👎."""

    entry_id: str
    up: int
    down: int
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Stats:
    """Question and feedback counts for admins."""

    total: int
    today: int
    last_7_days: int
    answered: int
    suggested: int
    unanswered: int
    top_entries: tuple[tuple[str, int], ...]
    thumbs_up: int
    thumbs_down: int

    def rate(self, count: int) -> float:
        """Share of all questions, 0 when there are none."""
        return count / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """One handled question, as the editors' queue and the stats need it."""

    asked_at: int
    chat_type: str
    user_hash: str | None
    text: str
    decision: str
    entry_id: str | None
    score: float


async def migrate(db: aiosqlite.Connection) -> int:
    """Bring the schema up to date, one recorded migration at a time; return the version."""
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    version = int(row[0]) if row else 0
    if version > len(MIGRATIONS):
        raise StorageError(
            f"database schema version {version} is newer than this faqbot ({len(MIGRATIONS)})"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        await db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        logger.info("database migrated to schema version %d", number)
    return len(MIGRATIONS)


class Store:
    """Owns the SQLite connection and a background writer, so logging never delays a reply."""

    def __init__(self, db: aiosqlite.Connection, salt: str) -> None:
        self.db = db
        self._salt = salt.encode()
        self._queue: asyncio.Queue[QuestionRecord] = asyncio.Queue()
        self._writer = asyncio.create_task(self._write_forever(), name="question-log-writer")

    @classmethod
    async def open(cls, path: Path, salt: str = "") -> Store:
        """Open (creating if needed) and migrate the database at path."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"{path}: cannot open the question log: {exc}") from exc
        try:
            await db.execute("PRAGMA journal_mode = WAL")
            await db.execute("PRAGMA busy_timeout = 5000")
            await db.execute("PRAGMA synchronous = NORMAL")
            await migrate(db)
            salt = salt or await _stored_salt(db)
        except (sqlite3.Error, StorageError) as exc:
            await db.close()
            if isinstance(exc, StorageError):
                raise
            raise StorageError(f"{path}: cannot prepare the question log: {exc}") from exc
        return cls(db, salt)

    def hash_user(self, user_id: int | None) -> str | None:
        """Pseudonymise a Telegram user id so the log never stores it."""
        if user_id is None:
            return None
        return hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def log(self, record: QuestionRecord) -> None:
        """Queue a question for the background writer; never raises, never waits."""
        self._queue.put_nowait(record)

    async def flush(self) -> None:
        """Wait until every queued question is written (or its failure logged)."""
        await self._queue.join()

    async def close(self) -> None:
        """Write what is pending, then close the connection."""
        await self.flush()
        self._writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._writer
        await self.db.close()

    async def _write_forever(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < _BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._insert(batch)
            except sqlite3.Error:
                # The reader already has their answer; tell the operator what was not logged.
                logger.exception(
                    "could not log %d question(s); first: %r", len(batch), batch[0].text[:80]
                )
            finally:
                for _ in batch:
                    self._queue.task_done()

    async def _insert(self, batch: Sequence[QuestionRecord]) -> None:
        await self.db.executemany(
            "INSERT INTO questions"
            " (asked_at, chat_type, user_hash, text, decision, entry_id, score)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [astuple(r) for r in batch],
        )
        await self.db.commit()

    async def questions(self, decision: str | None = None) -> list[QuestionRecord]:
        """Return logged questions, oldest first, optionally of one decision."""
        sql = (
            "SELECT asked_at, chat_type, user_hash, text, decision, entry_id, score FROM questions"
        )
        params: tuple[str, ...] = ()
        if decision is not None:
            sql += " WHERE decision = ?"
            params = (decision,)
        async with self.db.execute(sql + " ORDER BY id", params) as cursor:
            rows = await cursor.fetchall()
        return [QuestionRecord(*row) for row in rows]

    async def top_entries(self, limit: int = 10) -> list[tuple[str, int]]:
        """Return the most-answered entry ids with their counts."""
        async with self.db.execute(
            "SELECT entry_id, COUNT(*) AS n FROM questions"
            " WHERE decision = 'answer' AND entry_id IS NOT NULL"
            " GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?",
            (limit,),
        ) as cursor:
            return [(str(entry_id), int(n)) for entry_id, n in await cursor.fetchall()]

    # ------------------------------------------------------------ editors' queue
    async def open_questions(self) -> list[LoggedQuestion]:
        """Questions the article did not answer (fully) that nobody has linked or dismissed
        yet, oldest first: 'none', and 'partial' (it lacked the asked detail)."""
        async with self.db.execute(
            "SELECT id, asked_at, text FROM questions"
            " WHERE decision IN ('none', 'partial') AND status = 'open' ORDER BY id"
        ) as cursor:
            return [LoggedQuestion(int(i), int(t), str(x)) for i, t, x in await cursor.fetchall()]

    async def set_status(self, question_ids: Sequence[int], status: str) -> int:
        """Mark unanswered questions linked or dismissed; return how many changed."""
        if not question_ids:
            return 0
        await self.flush()
        marks = ",".join("?" * len(question_ids))  # only placeholders enter the SQL text
        cursor = await self.db.execute(
            f"UPDATE questions SET status = ? WHERE status = 'open' AND id IN ({marks})",
            (status, *question_ids),
        )
        await self.db.commit()
        return cursor.rowcount

    async def teach(
        self, entry_id: str, phrasings: Sequence[str], *, origin: str, status: str
    ) -> int:
        """Record phrasings for an entry; an editor's approval upgrades a reader suggestion."""
        stamp = now()
        cursor = await self.db.executemany(
            "INSERT INTO taught (entry_id, phrasing, origin, status, created_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (entry_id, phrasing) DO UPDATE SET status = excluded.status"
            " WHERE excluded.status = 'approved'",
            [(entry_id, p, origin, status, stamp) for p in phrasings],
        )
        await self.db.commit()
        return cursor.rowcount

    async def taught(self, status: str = "approved") -> dict[str, list[str]]:
        """Taught phrasings by entry id, in the order they were taught."""
        async with self.db.execute(
            "SELECT entry_id, phrasing FROM taught WHERE status = ? ORDER BY id", (status,)
        ) as cursor:
            grouped: dict[str, list[str]] = {}
            for entry_id, phrasing in await cursor.fetchall():
                grouped.setdefault(str(entry_id), []).append(str(phrasing))
        return grouped

    async def suggestions(self) -> list[Suggestion]:
        """Readers' did-you-mean choices waiting for an editor."""
        async with self.db.execute(
            "SELECT id, entry_id, phrasing FROM taught WHERE status = 'pending' ORDER BY id"
        ) as cursor:
            return [Suggestion(int(i), str(e), str(p)) for i, e, p in await cursor.fetchall()]

    async def review_suggestion(self, suggestion_id: int, approve: bool) -> Suggestion | None:
        """Approve or reject a pending suggestion; None if it is not pending any more."""
        async with self.db.execute(
            "UPDATE taught SET status = ? WHERE id = ? AND status = 'pending'"
            " RETURNING id, entry_id, phrasing",
            ("approved" if approve else "rejected", suggestion_id),
        ) as cursor:
            row = await cursor.fetchone()
        await self.db.commit()
        return Suggestion(int(row[0]), str(row[1]), str(row[2])) if row else None

    # ------------------------------------------------------------------ feedback
    async def vote(self, user_hash: str, entry_id: str, vote: int) -> None:
        """Store a reader's 👍 (1) or 👎 (-1) on an answer; a second vote replaces the first."""
        await self.flush()
        async with self.db.execute(
            "SELECT text FROM questions WHERE user_hash = ? AND entry_id = ?"
            " ORDER BY id DESC LIMIT 1",
            (user_hash, entry_id),
        ) as cursor:
            row = await cursor.fetchone()
        await self.db.execute(
            "INSERT INTO feedback (user_hash, entry_id, vote, question, updated_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (user_hash, entry_id) DO UPDATE SET"
            " vote = excluded.vote, updated_at = excluded.updated_at,"
            " question = COALESCE(excluded.question, feedback.question)",
            (user_hash, entry_id, vote, row[0] if row else None, now()),
        )
        await self.db.commit()

    async def feedback(self, limit: int = 10) -> list[EntryFeedback]:
        """Entries with the most 👎 first, with the questions behind those votes."""
        async with self.db.execute(
            "SELECT entry_id, SUM(vote = 1), SUM(vote = -1),"
            " json_group_array(question) FILTER (WHERE vote = -1 AND question IS NOT NULL)"
            " FROM feedback GROUP BY entry_id"
            " ORDER BY SUM(vote = -1) DESC, SUM(vote = 1), entry_id LIMIT ?",
            (limit,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            EntryFeedback(str(e), int(up), int(down), tuple(json.loads(qs or "[]")))
            for e, up, down, qs in rows
        ]

    async def feedback_rows(self) -> list[tuple[str, int, str | None, int]]:
        """Every vote (entry, vote, question, time) for export; voters stay anonymous."""
        async with self.db.execute(
            "SELECT entry_id, vote, question, updated_at FROM feedback ORDER BY updated_at"
        ) as cursor:
            return [(str(e), int(v), q, int(t)) for e, v, q, t in await cursor.fetchall()]

    # --------------------------------------------------------------- admin tools
    async def stats(self, at: int | None = None) -> Stats:
        """Counts for /stats and `faqbot stats`."""
        await self.flush()
        at = now() if at is None else at
        day_start = at - at % 86_400
        async with self.db.execute(
            "SELECT COUNT(*), SUM(asked_at >= ?), SUM(asked_at >= ?),"
            " SUM(decision = 'answer'), SUM(decision = 'suggest'), SUM(decision = 'none')"
            " FROM questions",
            (day_start, at - 7 * 86_400),
        ) as cursor:
            row = await cursor.fetchone()
        total, today, week, answered, suggested, unanswered = (int(v or 0) for v in row or ())
        async with self.db.execute(
            "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM feedback"
        ) as cursor:
            votes = await cursor.fetchone()
        up, down = (int(v) for v in votes or (0, 0))
        return Stats(
            total=total,
            today=today,
            last_7_days=week,
            answered=answered,
            suggested=suggested,
            unanswered=unanswered,
            top_entries=tuple(await self.top_entries(10)),
            thumbs_up=up,
            thumbs_down=down,
        )

    async def purge(self, older_than_days: int) -> int:
        """Delete question rows older than the given number of days; return how many."""
        await self.flush()
        cursor = await self.db.execute(
            "DELETE FROM questions WHERE asked_at < ?", (now() - older_than_days * 86_400,)
        )
        await self.db.commit()
        return cursor.rowcount


async def _stored_salt(db: aiosqlite.Connection) -> str:
    """Return the database's own random salt, creating it on first use."""
    async with db.execute("SELECT value FROM meta WHERE key = 'user_salt'") as cursor:
        row = await cursor.fetchone()
    if row:
        return str(row[0])
    salt = secrets.token_hex(16)
    await db.execute("INSERT INTO meta (key, value) VALUES ('user_salt', ?)", (salt,))
    await db.commit()
    return salt


def now() -> int:
    """Current Unix time in whole seconds, as stored in the log."""
    return int(time.time())
