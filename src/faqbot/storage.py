"""The question log in SQLite (aiosqlite): every question handled, unanswered ones for editors."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
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
        status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'linked', 'dismissed', 'kept'))
    );
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE INDEX questions_queue ON questions (decision, status);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
)

_BATCH = 200


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
