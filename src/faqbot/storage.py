"""The question log in SQLite (aiosqlite): every question handled, unanswered ones for editors.

Reliability (issue 8): rows are queued to a background writer that never dies. A write the
database refuses for now (locked, full, read-only, file removed) is retried with backoff
(tenacity) while rows wait in a bounded memory buffer; a row the database can never take
(bad data) is reported and skipped without holding up the others. The inbox table keeps
received Telegram updates durable until their replies are done, so that a restart finishes
them (see faqbot.telegram.inbox).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import heapq
import hmac
import json
import logging
import os
import secrets
import sqlite3
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import asdict, astuple, dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_random_exponential

from faqbot.errors import StorageError, WriteQueueFullError, os_reason
from faqbot.waiting import wait_set

logger = logging.getLogger(__name__)

# Ordered migrations; index + 1 is the PRAGMA user_version each one brings the database to.
MIGRATIONS: tuple[str, ...] = (
    # 1: the question log and a small key/value table (the user-hash salt lived there until 4).
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
    # 4: the inbox of received updates, durable before Telegram is told they arrived, and
    # delivery (sent, failed, expired) as a fact apart from the decision. A question row names
    # its inbox row, unique, so an update handled again after a crash is logged once.
    # Rows from before have no delivery (NULL: not recorded then).
    """
    CREATE TABLE inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        update_id INTEGER NOT NULL UNIQUE,
        received_at REAL NOT NULL,
        sent_at INTEGER,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'done', 'expired', 'skipped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        finished_at INTEGER
    );
    CREATE INDEX inbox_state ON inbox (state, id);
    ALTER TABLE questions ADD COLUMN delivery TEXT
        CHECK (delivery IN ('sent', 'failed', 'expired'));
    ALTER TABLE questions ADD COLUMN inbox_id INTEGER;
    CREATE UNIQUE INDEX questions_inbox ON questions (inbox_id);
    """,
    # 5: the newsroom loop (issue 9). Questions: 'chosen' (the reader picked one of the
    # did-you-mean choices) and the choices offered to an unsure question (JSON list of
    # entry ids). Lessons: every teaching act (who, when, which wordings, which entry,
    # which questions), undoable; a taught phrasing names its lesson.
    """
    CREATE TABLE questions_v5 (
        id INTEGER PRIMARY KEY,
        asked_at INTEGER NOT NULL,
        chat_type TEXT NOT NULL,
        user_hash TEXT,
        text TEXT NOT NULL,
        decision TEXT NOT NULL
            CHECK (decision IN ('answer', 'partial', 'suggest', 'none', 'smalltalk')),
        entry_id TEXT,
        score REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'chosen', 'linked', 'dismissed')),
        delivery TEXT CHECK (delivery IN ('sent', 'failed', 'expired')),
        inbox_id INTEGER,
        choices TEXT
    );
    INSERT INTO questions_v5 (id, asked_at, chat_type, user_hash, text, decision, entry_id,
        score, status, delivery, inbox_id)
        SELECT id, asked_at, chat_type, user_hash, text, decision, entry_id, score, status,
            delivery, inbox_id FROM questions;
    DROP TABLE questions;
    ALTER TABLE questions_v5 RENAME TO questions;
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE INDEX questions_queue ON questions (decision, status);
    CREATE UNIQUE INDEX questions_inbox ON questions (inbox_id);
    CREATE TABLE lessons (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        editor TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('link', 'approve')),
        entry_id TEXT NOT NULL,
        phrasings TEXT NOT NULL,
        question_ids TEXT NOT NULL DEFAULT '[]',
        suggestion_id INTEGER,
        undone_at INTEGER,
        undone_by TEXT
    );
    ALTER TABLE taught ADD COLUMN lesson_id TEXT;
    """,
    # 6: many articles (issue 11). A question row names its article: the article of the
    # entry answered or offered in part, else the article the reader was reading (they came
    # through its deep link), else the one article every did-you-mean choice came from.
    # NULL means not known: asked with no article context and matched to no one article,
    # or logged before this version and not back-filled (Store.backfill_articles fills rows
    # whose entry or choices name an article of the knowledge). Such rows count overall,
    # never for one article. A vote names its entry's article the same way.
    """
    ALTER TABLE questions ADD COLUMN article_id TEXT;
    CREATE INDEX questions_article ON questions (article_id, decision, status);
    ALTER TABLE feedback ADD COLUMN article_id TEXT;
    CREATE INDEX feedback_article ON feedback (article_id);
    """,
    # 7: the article each chat is reading, so a restart does not forget it (see
    # faqbot.reading). chat_hash is the chat id under the user-hash key (Store.hash_user),
    # never the id itself; updated_at (Unix seconds) is when the chat last entered or used
    # the article, and retention deletes rows older than retention_days. Self-contained:
    # it creates its own table only, so it may take another number without change.
    """
    CREATE TABLE reading (
        chat_hash TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX reading_updated ON reading (updated_at);
    """,
    # 8: a question held back by the flood limit is logged too, as decision 'flooded': not
    # matched (the limit is a defence, so it costs no matching) and not answered. It counts
    # apart from the decisions (stats, daily, per article) and stays out of the editors'
    # queue. Status 'edited': the reader edited the question's message and the new wording
    # was handled (its own row), so the old wording leaves the queue. message_hash names
    # the reader's message (chat id and message id under the user-hash key, never the ids;
    # Store.hash_message) so an edit finds its earlier rows. SQLite cannot alter a CHECK, so
    # the table is rebuilt with its indexes.
    """
    CREATE TABLE questions_v8 (
        id INTEGER PRIMARY KEY,
        asked_at INTEGER NOT NULL,
        chat_type TEXT NOT NULL,
        user_hash TEXT,
        text TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (
            decision IN ('answer', 'partial', 'suggest', 'none', 'smalltalk', 'flooded')
        ),
        entry_id TEXT,
        score REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'chosen', 'linked', 'dismissed', 'edited')),
        delivery TEXT CHECK (delivery IN ('sent', 'failed', 'expired')),
        inbox_id INTEGER,
        choices TEXT,
        article_id TEXT,
        message_hash TEXT
    );
    INSERT INTO questions_v8 (id, asked_at, chat_type, user_hash, text, decision, entry_id,
        score, status, delivery, inbox_id, choices, article_id)
        SELECT id, asked_at, chat_type, user_hash, text, decision, entry_id, score, status,
            delivery, inbox_id, choices, article_id FROM questions;
    DROP TABLE questions;
    ALTER TABLE questions_v8 RENAME TO questions;
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE INDEX questions_queue ON questions (decision, status);
    CREATE UNIQUE INDEX questions_inbox ON questions (inbox_id);
    CREATE INDEX questions_article ON questions (article_id, decision, status);
    CREATE INDEX questions_message ON questions (message_hash) WHERE message_hash IS NOT NULL;
    """,
    # 9: follow-ups (breakit-3 #10). A reply to one of the bot's answers ("and in 2030?")
    # asks in that answer's context, which its wording alone does not say: `follows` is the
    # id of the entry answered, so editors see what it followed, follow-ups after different
    # answers group apart, and the wording is not taught alone. Only the entry id is kept,
    # never the reader's earlier text. A reader's did-you-mean choice (a suggestion in
    # `taught`) keeps the follows of the question it was picked for. NULL: not a follow-up,
    # or logged before this version. Self-contained (columns only), so it may take another
    # number without change.
    """
    ALTER TABLE questions ADD COLUMN follows TEXT;
    ALTER TABLE taught ADD COLUMN follows TEXT;
    """,
    # 10: a 👍/👎 under a partial reply (the article lacks what was asked; the closest fact
    # was offered) is about that reply, not a vote on the entry's answer (breakit-5): kept
    # apart (partial = 1), a reader's vote on each counts once. SQLite cannot alter a
    # primary key, so the table is rebuilt with its index. Self-contained (its own table
    # only), so it may take another number without change.
    """
    CREATE TABLE feedback_v10 (
        user_hash TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        question TEXT,
        updated_at INTEGER NOT NULL,
        article_id TEXT,
        partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
        PRIMARY KEY (user_hash, entry_id, partial)
    );
    INSERT INTO feedback_v10 (user_hash, entry_id, vote, question, updated_at, article_id)
        SELECT user_hash, entry_id, vote, question, updated_at, article_id FROM feedback;
    DROP TABLE feedback;
    ALTER TABLE feedback_v10 RENAME TO feedback;
    CREATE INDEX feedback_article ON feedback (article_id);
    """,
)

# The open did-you-mean question of one message, asked by this reader and offering the
# entry (parameters: the message hash, the user hash, the entry id); its latest wording.
_PICKED = (
    "SELECT id FROM questions WHERE message_hash = ? AND user_hash IS ?"
    " AND decision = 'suggest' AND status = 'open'"
    " AND EXISTS (SELECT 1 FROM json_each(questions.choices) WHERE value = ?)"
    " ORDER BY id DESC LIMIT 1"
)

# Writes other than question rows, queued through the writer like them (issue 9: a locked
# database must never delay a button). Each kind is a list of (SQL, parameter names); the
# parameters of a Change are a mapping, so a change survives a restart as JSON.
_CHANGES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    # A reader's 👍/👎; a second vote replaces the first. The question is the one the
    # answer message recovers (the message it replies to), else the reader's last logged
    # question answered by that entry, else the entry's own question (the reader reached it
    # through a related-question button or a link).
    # The article is the one given, else the one the entry's logged questions name.
    "vote": (
        (
            "INSERT INTO feedback (user_hash, entry_id, vote, question, updated_at, article_id,"
            " partial) VALUES (?, ?, ?, COALESCE(?, (SELECT text FROM questions"
            " WHERE user_hash = ? AND entry_id = ? ORDER BY id DESC LIMIT 1), ?), ?,"
            " COALESCE(?, (SELECT article_id FROM questions WHERE entry_id = ?"
            " AND article_id IS NOT NULL ORDER BY id DESC LIMIT 1)), COALESCE(?, 0))"
            " ON CONFLICT (user_hash, entry_id, partial) DO UPDATE SET vote = excluded.vote,"
            " updated_at = excluded.updated_at, question = excluded.question,"
            " article_id = COALESCE(excluded.article_id, feedback.article_id)",
            (
                "user_hash",
                "entry_id",
                "vote",
                "question",
                "user_hash",
                "entry_id",
                "fallback",
                "at",
                "article_id",
                "entry_id",
                "partial",
            ),
        ),
    ),
    # A reader picked a did-you-mean choice: an editor may approve the pairing, and the
    # question leaves the unanswered queue. The suggestion keeps the entry the question
    # followed (a follow-up's wording alone does not say what it asks); a pick of the same
    # wording asked on its own clears it, being evidence for the wording alone.
    "choice": (
        (
            "INSERT INTO taught (entry_id, phrasing, origin, status, created_at, follows)"
            " VALUES (?, ?, 'suggestion', 'pending', ?, (SELECT follows FROM questions"
            " WHERE user_hash IS ? AND text = ? AND decision = 'suggest' AND status = 'open'"
            " ORDER BY id DESC LIMIT 1))"
            " ON CONFLICT (entry_id, phrasing) DO UPDATE SET follows = NULL"
            " WHERE taught.status = 'pending' AND excluded.follows IS NULL",
            ("entry_id", "phrasing", "at", "user_hash", "phrasing"),
        ),
        (
            "UPDATE questions SET status = 'chosen' WHERE id = (SELECT id FROM questions"
            " WHERE user_hash IS ? AND text = ? AND decision = 'suggest' AND status = 'open'"
            " ORDER BY id DESC LIMIT 1)",
            ("user_hash", "phrasing"),
        ),
    ),
    # A reader picked a did-you-mean choice by replying to it ("2", "the second one"):
    # their question is not in the reply (Telegram sends the message replied to without
    # its own reply), so the bot names the question's message (the one its did-you-mean
    # answered: review-5 P2-1), and it is filed only when that reader asked it and it
    # offered the entry; then as "choice". None of these: nothing is filed (a pick saved
    # by an older version has no message hash: nothing).
    "pick": (
        (
            "INSERT INTO taught (entry_id, phrasing, origin, status, created_at, follows)"
            " SELECT ?, text, 'suggestion', 'pending', ?, follows FROM questions"
            f" WHERE id = ({_PICKED})"
            " ON CONFLICT (entry_id, phrasing) DO UPDATE SET follows = NULL"
            " WHERE taught.status = 'pending' AND excluded.follows IS NULL",
            ("entry_id", "at", "message_hash", "user_hash", "entry_id"),
        ),
        (
            f"UPDATE questions SET status = 'chosen' WHERE id = ({_PICKED})",
            ("message_hash", "user_hash", "entry_id"),
        ),
    ),
    # A reader asked without an article context, the question fitted several articles,
    # and they picked one: the question is logged under that article, and leaves the
    # unanswered queue when that article answers it.
    "pick_article": (
        (
            "UPDATE questions SET article_id = ?,"
            " status = CASE WHEN ? THEN 'chosen' ELSE status END WHERE id = (SELECT id"
            " FROM questions WHERE user_hash IS ? AND text = ? AND decision = 'suggest'"
            " AND status = 'open' AND article_id IS NULL ORDER BY id DESC LIMIT 1)",
            ("article_id", "answered", "user_hash", "phrasing"),
        ),
    ),
    # A chat entered an article (or used it again): the article it is reading, by its
    # hashed chat id; the last write wins.
    "reading": (
        (
            "INSERT INTO reading (chat_hash, article_id, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (chat_hash) DO UPDATE SET article_id = excluded.article_id,"
            " updated_at = excluded.updated_at",
            ("chat_hash", "article_id", "at"),
        ),
    ),
    # A reader edited a question's message and the new wording is being handled: the
    # earlier wordings of that message leave the queue and the counts (queued before the
    # new row, so it is not touched): the new wording replaces them (CURRENT). A wording
    # linked by an editor keeps its status (its lesson names it).
    "edited": (
        (
            "UPDATE questions SET status = 'edited' WHERE message_hash = ?"
            " AND status IN ('open', 'chosen')",
            ("message_hash",),
        ),
    ),
    # An editor links questions' wordings to an entry.
    "link": (
        (
            "INSERT INTO lessons (id, created_at, editor, kind, entry_id, phrasings,"
            " question_ids) VALUES (?, ?, ?, 'link', ?, ?, ?)",
            ("lesson", "at", "editor", "entry_id", "phrasings", "question_ids"),
        ),
        (
            "INSERT INTO taught (entry_id, phrasing, origin, status, created_at, lesson_id)"
            " SELECT ?, value, 'editor', 'approved', ?, ? FROM json_each(?) WHERE true"
            " ON CONFLICT (entry_id, phrasing) DO UPDATE SET status = 'approved',"
            " lesson_id = excluded.lesson_id",
            ("entry_id", "at", "lesson", "phrasings"),
        ),
        (
            "UPDATE questions SET status = 'linked' WHERE status IN ('open', 'chosen')"
            " AND id IN (SELECT value FROM json_each(?))",
            ("question_ids",),
        ),
    ),
    # An editor approves a reader's choice as a phrasing of the entry.
    "approve": (
        (
            "INSERT INTO lessons (id, created_at, editor, kind, entry_id, phrasings,"
            " suggestion_id) SELECT ?, ?, ?, 'approve', entry_id, json_array(phrasing), id"
            " FROM taught WHERE id = ? AND status = 'pending'",
            ("lesson", "at", "editor", "suggestion_id"),
        ),
        (
            "UPDATE taught SET status = 'approved', lesson_id = ?"
            " WHERE id = ? AND status = 'pending'",
            ("lesson", "suggestion_id"),
        ),
    ),
    "reject": (
        (
            "UPDATE taught SET status = 'rejected' WHERE id = ? AND status = 'pending'",
            ("suggestion_id",),
        ),
    ),
    "dismiss": (
        (
            "UPDATE questions SET status = 'dismissed' WHERE status IN ('open', 'chosen')"
            " AND id IN (SELECT value FROM json_each(?))",
            ("question_ids",),
        ),
    ),
    # Undo a lesson: its phrasings stop counting (taught() skips undone lessons), its
    # questions go back to the queue, an approved choice waits for an editor again.
    "undo": (
        (
            "UPDATE lessons SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
            ("at", "editor", "lesson"),
        ),
        (
            "UPDATE questions SET status = 'open' WHERE status = 'linked' AND id IN"
            " (SELECT value FROM json_each((SELECT question_ids FROM lessons WHERE id = ?)))",
            ("lesson",),
        ),
        (
            "UPDATE taught SET status = 'pending', lesson_id = NULL"
            " WHERE lesson_id = ? AND origin = 'suggestion'",
            ("lesson",),
        ),
        # A linked wording is no longer taught: its row says so (review-5 P1-2), and it is
        # a reader's text again, deleted with the lesson's wordings by purge (_UNDONE).
        (
            "UPDATE taught SET status = 'rejected' WHERE lesson_id = ? AND origin = 'editor'",
            ("lesson",),
        ),
    ),
}

_BATCH = 200
# The writer gathers rows this long (seconds) before a transaction, so that a burst is
# written in a few transactions rather than one per update (rows wait in memory meanwhile;
# their updates stay pending in the inbox until written, so a crash loses none).
_GATHER_SECONDS = 0.02
DEFAULT_BUFFER_ROWS = 100_000
# Busy timeouts (ms): staff reads and writes may wait; the writer retries on its own; the
# inbox is on the path of every update, so it gives up quickly and lets the bot answer.
_MAIN_BUSY_MS = 5000
_WRITER_BUSY_MS = 1000
_INBOX_BUSY_MS = 1000
# Before a staff read, wait this long at most for queued rows to be written.
READ_FLUSH_SECONDS = 2.0
# Finished inbox rows are kept this long (seconds), then purged. Telegram numbers updates
# sequentially, and only restarts from a random number after a week without updates.
INBOX_KEEP_SECONDS = 86_400
_STATUS_EVERY = 2.0
_REPORT_EVERY = 30.0


@dataclass(frozen=True, slots=True)
class LoggedQuestion:
    """A question for the editors' queue: not answered ('none'), answered in part
    ('partial': entry_id is the closest fact offered) or unsure ('suggest': choices are the
    entries offered, none picked)."""

    id: int
    asked_at: int
    text: str
    decision: str = "none"
    entry_id: str | None = None
    choices: tuple[str, ...] = ()
    article_id: str | None = None
    # A follow-up: the id of the entry whose answer it replied to (QuestionRecord.follows).
    follows: str | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A reader pressed a did-you-mean button: this phrasing may belong to that entry.
    follows: the entry the reader's question followed (a reply to its answer), if any."""

    id: int
    entry_id: str
    phrasing: str
    follows: str | None = None


@dataclass(frozen=True, slots=True)
class Lesson:
    """One teaching act: who taught which wordings to which entry, closing which questions,
    and whether (and by whom) it was undone. Times are Unix seconds; editor is the staff
    member's Telegram id, or "cli"."""

    id: str
    created_at: int
    editor: str
    kind: str
    entry_id: str
    phrasings: tuple[str, ...]
    question_ids: tuple[int, ...]
    undone_at: int | None = None
    undone_by: str | None = None

    @property
    def undone(self) -> bool:
        """Tell whether the lesson was undone."""
        return self.undone_at is not None


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
    partial: int = 0
    # Held back by the flood limit: logged, not matched nor answered, not in `total`.
    flooded: int = 0
    # Votes under partial replies (thumbs_up and thumbs_down are on answers only).
    partial_up: int = 0
    partial_down: int = 0

    def rate(self, count: int) -> float:
        """Share of all questions matched (flooded ones left out), 0 when there are none."""
        return count / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class DayCounts:
    """One UTC day's questions by decision (small talk is not logged); day is the Unix time
    of its midnight."""

    day: int
    answered: int
    partial: int
    unsure: int
    unanswered: int

    @property
    def total(self) -> int:
        """All questions that day."""
        return self.answered + self.partial + self.unsure + self.unanswered


@dataclass(frozen=True, slots=True)
class ArticleCounts:
    """One article's questions by decision (small talk is not logged); article_id None
    gathers the questions of no known article."""

    article_id: str | None
    answered: int
    partial: int
    unsure: int
    unanswered: int
    open: int

    @property
    def total(self) -> int:
        """All the article's questions."""
        return self.answered + self.partial + self.unsure + self.unanswered


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """One handled question, as the editors' queue and the stats need it.

    decision: answer, partial, suggest, none, smalltalk; or flooded (held back by the
    flood limit: not matched, not answered; entry_id None, score 0).

    delivery is what became of the reply ('sent', 'failed', 'expired'; None if not
    tracked); inbox_id names the received update, so a question is logged once per update;
    choices are the entries offered to an unsure question (JSON list of ids); message_hash
    names the reader's message (Store.hash_message), so an edit of it finds this row.

    article_id: the article the question belongs to: that of the entry answered (or offered
    in part), else the article the reader was reading (their deep-link context) when there
    was no answer; None when neither is known (see faqbot.review.question_article).

    follows: for a follow-up (a reply to one of the bot's answers), the id of the entry
    answered; None otherwise. Only the id, never the reader's earlier text.
    """

    asked_at: int
    chat_type: str
    user_hash: str | None
    text: str
    decision: str
    entry_id: str | None
    score: float
    delivery: str | None = None
    inbox_id: int | None = None
    choices: str | None = None
    article_id: str | None = None
    message_hash: str | None = None
    follows: str | None = None


@dataclass(frozen=True, slots=True)
class Finished:
    """What one handled update leaves in the log: its question rows and its inbox state.

    Both are written in one transaction, so an update is marked done only with its rows.
    """

    records: tuple[QuestionRecord, ...] = ()
    inbox_id: int | None = None
    inbox_state: str = "done"


@dataclass(frozen=True, slots=True)
class Change:
    """A write other than a question row (a vote, a choice, a lesson...), queued for the
    background writer like question rows; `kind` is one of the _CHANGES, `params` its
    named values (JSON-compatible, so a change left at stop is saved for the next start)."""

    kind: str
    params: dict[str, Any]

    def __post_init__(self) -> None:
        if self.kind not in _CHANGES:
            raise ValueError(f"unknown change {self.kind!r}")


@dataclass(frozen=True, slots=True)
class Received:
    """A received update to keep in the inbox: payload is its JSON as Telegram sent it."""

    update_id: int
    received_at: float
    sent_at: int | None
    payload: str


@dataclass(frozen=True, slots=True)
class InboxRow:
    """An inbox row still to be finished (its replies were not all done)."""

    id: int
    update_id: int
    received_at: float
    sent_at: int | None
    payload: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Deliveries:
    """What became of the replies in the log, and updates not yet finished."""

    sent: int
    failed: int
    expired: int
    untracked: int
    unfinished_updates: int


@dataclass(frozen=True, slots=True)
class WriterHealth:
    """The log writer's state, for /stats and `faqbot stats`.

    buffered: rows in memory waiting for the database; written: rows written since start;
    dropped: rows lost because the buffer was full; rejected: rows the database refused as
    invalid; failing_since: Unix time writes started failing (None when they work);
    unsaved_updates: updates answered while the inbox could not be written (not recoverable
    after a crash); as_of: Unix time of this report.
    """

    buffered: int = 0
    written: int = 0
    dropped: int = 0
    rejected: int = 0
    failing_since: float | None = None
    last_error: str | None = None
    unsaved_updates: int = 0
    as_of: float = field(default_factory=time.time)


def clean_text(text: str) -> str:
    """Text SQLite can store as UTF-8: lone UTF-16 surrogates become U+FFFD (pairs are joined)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _clean_record(record: QuestionRecord) -> tuple[Any, ...]:
    return tuple(_clean(v) for v in astuple(record))


def _rows(item: Finished | Change) -> int:
    """How many log rows an item writes (a change counts as one)."""
    return len(item.records) if isinstance(item, Finished) else 1


def _runs(batch: Sequence[Finished | Change]) -> list[list[Finished | Change]]:
    """Split a batch into runs of the same type, in order (question rows are batched)."""
    runs: list[list[Finished | Change]] = []
    for item in batch:
        if runs and type(runs[-1][0]) is type(item):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _row_level(exc: BaseException) -> bool:
    """Errors that come from the rows themselves: retrying the same rows cannot help."""
    return isinstance(
        exc,
        sqlite3.IntegrityError
        | sqlite3.DataError
        | sqlite3.ProgrammingError
        | sqlite3.InterfaceError
        | ValueError
        | TypeError
        | OverflowError,
    )


def _reopen_helps(exc: BaseException) -> bool:
    """Errors after which a fresh connection may succeed: not a lock held by someone else,
    nor a full disk (read-only or replaced files, I/O errors are worth a reopen)."""
    text = str(exc).lower()
    return not any(word in text for word in ("locked", "busy", "full"))


# The rows counted in the stats (an SQL condition to follow WHERE ... AND): not a wording
# the reader replaced by editing its message (status 'edited'; the log keeps it).
CURRENT = " AND status != 'edited'"


def _article(article_id: str | None, column: str = "article_id") -> tuple[str, tuple[str, ...]]:
    """An SQL condition (to follow WHERE ... AND) and its parameters: rows of one article,
    or every row when article_id is None. Only the fixed column name enters the SQL text."""
    return ("", ()) if article_id is None else (f" AND {column} = ?", (article_id,))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


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
    if version < len(MIGRATIONS):  # one line for the whole step, not one a migration
        logger.info(
            "database migrated from schema version %d to %d%s",
            version,
            len(MIGRATIONS),
            " (new database)" if version == 0 else "",
        )
    return len(MIGRATIONS)


class _Link:
    """One connection to the log's file, opened anew when the file is removed or replaced,
    or after an error a fresh connection may cure (e.g. the file became writable again)."""

    def __init__(self, path: Path, busy_ms: int, lock: asyncio.Lock) -> None:
        self.path = path
        self.busy_ms = busy_ms
        self.lock = lock
        self.db: aiosqlite.Connection | None = None
        self.identity: tuple[int, int] | None = None
        self.stale = False

    async def get(self) -> aiosqlite.Connection:
        identity = _identity(self.path)
        if self.db is not None and not self.stale and identity == self.identity:
            return self.db
        async with self.lock:
            if self.db is not None and identity != self.identity:
                logger.error(
                    "the question log %s was removed or replaced while open; opening it anew",
                    self.path,
                )
            await self.close()
            self.db = await _connect(self.path, self.busy_ms)
            self.identity = _identity(self.path)
            self.stale = False
            return self.db

    def invalidate(self) -> None:
        self.stale = True

    async def close(self) -> None:
        db, self.db = self.db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error, ValueError):
                await db.close()


async def _pragma(db: aiosqlite.Connection, pragma: str) -> None:
    """Run a PRAGMA and close its cursor (an open one would block the next commit)."""
    async with db.execute(f"PRAGMA {pragma}") as cursor:
        await cursor.fetchall()


async def _connect(path: Path, busy_ms: int) -> aiosqlite.Connection:
    """Open (creating folder and file if needed), set WAL, and migrate."""
    connection = aiosqlite.connect(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = await connection
    except (OSError, sqlite3.Error) as exc:
        # aiosqlite stops its worker thread after a failed connect; let it finish while
        # this event loop still runs (it reports back to the loop).
        for _ in range(100):
            if not connection._thread.is_alive():
                break
            await asyncio.sleep(0.01)
        reason = os_reason(exc, path) if isinstance(exc, OSError) else str(exc)
        raise StorageError(f"{path}: cannot open the question log: {reason}") from exc
    try:
        await _pragma(db, f"busy_timeout = {int(busy_ms)}")
        await _pragma(db, "journal_mode = WAL")
        await _pragma(db, "synchronous = NORMAL")
        await migrate(db)
    except (sqlite3.Error, StorageError) as exc:
        await db.close()
        if isinstance(exc, StorageError):
            raise
        raise StorageError(f"{path}: cannot prepare the question log: {exc}") from exc
    return db


_Method = TypeVar("_Method", bound=Callable[..., Awaitable[Any]])


def _writes(method: _Method) -> _Method:
    """Staff writes on the main connection: after an error a fresh connection may cure
    (read-only, I/O), the next call opens one."""

    @functools.wraps(method)
    async def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return await method(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            if _reopen_helps(exc):
                self._main.invalidate()
            raise

    return cast(_Method, wrapper)


class Store:
    """Owns the SQLite connections and a background writer, so logging never delays a reply.

    Three connections, each on its own thread: one for staff reads and writes, one for the
    writer, one for the inbox (on the path of every received update).
    """

    def __init__(
        self,
        path: Path,
        main: _Link,
        writer: _Link,
        inbox: _Link,
        *,
        user_key: str | None = None,
        buffer_rows: int = DEFAULT_BUFFER_ROWS,
        owner: bool = False,
    ) -> None:
        self.path = path
        self.owner = owner
        self._main = main
        self._writer_link = writer
        self._inbox_link = inbox
        self._key = user_key.encode() if user_key else None
        self._limit = buffer_rows
        self._buffer: deque[Finished | Change] = deque()
        self._wake = asyncio.Event()
        self._drained = asyncio.Event()
        self._drained.set()
        # Set while the queue takes another item (fewer than buffer_rows wait).
        self._room = asyncio.Event()
        self._room.set()
        self._closing = asyncio.Event()
        self._close_by = float("inf")
        self._health = WriterHealth()
        self._reported = 0.0
        self._status_at = 0.0
        self._spilled_pending = 0
        # "Most asked": answered questions per entry, counted from the log once (on the
        # first top_entries) and then kept up to date as rows are written, so the empty
        # inline query does not scan the log. None: not loaded (or to be loaded again).
        self._answered: Counter[str] | None = None
        # Held while the writer writes and while the counts are loaded, so no row is
        # counted twice or missed.
        self._counting = asyncio.Lock()
        if owner:
            self._load_spill()
        self._writer = asyncio.create_task(self._write_forever(), name="question-log-writer")

    @classmethod
    async def open(
        cls,
        path: Path,
        *,
        user_key: str | None = None,
        buffer_rows: int = DEFAULT_BUFFER_ROWS,
        owner: bool = False,
    ) -> Store:
        """Open (creating if needed) and migrate the database at path.

        owner: this is the running bot's store, which reports its writer's health beside the
        database and writes the rows a previous run saved there (one owner at a time; the
        CLI's stores are not owners). Raises StorageError if the file cannot be opened or
        migrated.
        """
        lock = asyncio.Lock()
        main = _Link(path, _MAIN_BUSY_MS, lock)
        await main.get()
        return cls(
            path,
            main,
            _Link(path, _WRITER_BUSY_MS, lock),
            _Link(path, _INBOX_BUSY_MS, lock),
            user_key=user_key,
            buffer_rows=buffer_rows,
            owner=owner,
        )

    @property
    def db(self) -> aiosqlite.Connection:
        """The main connection as last opened (tests and one-off maintenance)."""
        assert self._main.db is not None
        return self._main.db

    async def _db(self) -> aiosqlite.Connection:
        return await self._main.get()

    # ------------------------------------------------------------ user ids
    def set_user_key(self, key: str) -> None:
        """Set the HMAC key for user ids (kept outside the database; see faqbot.userkey)."""
        self._key = key.encode()

    def hash_user(self, user_id: int | None) -> str | None:
        """Pseudonymise a Telegram user id so the log never stores it.

        Raises StorageError if no key was set.
        """
        if user_id is None:
            return None
        if self._key is None:
            raise StorageError("no user-hash key is set")
        return hmac.new(self._key, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def hash_message(self, chat_id: int, message_id: int) -> str:
        """Name a reader's message (its chat and id) without storing either: a keyed hash,
        so an edited question finds the rows of its earlier wording.

        Raises StorageError if no key was set.
        """
        if self._key is None:
            raise StorageError("no user-hash key is set")
        name = f"message:{chat_id}:{message_id}".encode()
        return hmac.new(self._key, name, hashlib.sha256).hexdigest()[:32]

    def edited(self, message_hash: str) -> None:
        """The reader edited this message and its new wording is handled: its earlier rows
        leave the editors' queue (status 'edited'; queued write, before the new row's)."""
        self.change("edited", message_hash=message_hash)

    async def legacy_salt(self) -> str | None:
        """The user-hash salt older versions kept in the database, if it is still there."""
        db = await self._db()
        async with db.execute("SELECT value FROM meta WHERE key = 'user_salt'") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def erase_legacy_salt(self) -> None:
        """Delete the stored salt so the database alone no longer reveals user ids.

        secure_delete overwrites the freed bytes and the WAL is checkpointed and truncated, so
        no old copy of the page stays in the file (copies in backups are out of reach).
        """
        db = await self._db()
        await _pragma(db, "secure_delete = ON")
        await db.execute("DELETE FROM meta WHERE key = 'user_salt'")
        await db.commit()
        await _pragma(db, "wal_checkpoint(TRUNCATE)")

    # ------------------------------------------------------------ start-up checks
    async def check(self) -> list[str]:
        """Problems an operator must know at start-up: failed PRAGMA quick_check, not writable."""
        problems = []
        try:
            db = await self._db()
            async with db.execute("PRAGMA quick_check") as cursor:
                result = [str(r[0]) for r in await cursor.fetchall()]
            if result != ["ok"]:
                problems.append(f"PRAGMA quick_check failed: {'; '.join(result[:5])}")
        except sqlite3.Error as exc:
            problems.append(f"PRAGMA quick_check failed: {exc}")
        try:
            db = await self._writer_link.get()
            await db.execute(
                "INSERT INTO meta (key, value) VALUES ('last_start', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(now()),),
            )
            await db.commit()
        except (sqlite3.Error, StorageError) as exc:
            self._writer_link.invalidate()
            problems.append(f"not writable: {exc}")
        return problems

    # ------------------------------------------------------------ the writer
    def log(self, record: QuestionRecord) -> None:
        """Queue a question for the background writer; never raises, never waits."""
        self.finish(Finished((record,), record.inbox_id))

    def change(self, kind: str, **params: Any) -> None:
        """Queue a vote, a choice, a lesson... (see _CHANGES); never raises, never waits."""
        self.finish(Change(kind, {"at": now(), **params}))

    def finish(self, item: Finished | Change) -> None:
        """Queue an update's rows and inbox state (or a change); never raises, never waits.

        Beyond the buffer's bound the item is dropped, counted and reported.
        """
        if not self.has_room():
            self._health = replace(self._health, dropped=self._health.dropped + 1)
            if self._health.dropped == 1 or self._health.dropped % 1000 == 0:
                logger.error(
                    "question log buffer full (%d rows waiting for the database):"
                    " %d row(s) dropped so far",
                    len(self._buffer),
                    self._health.dropped,
                )
            return
        self._buffer.append(item)
        self._drained.clear()
        self._wake.set()
        self._update_room()

    def has_room(self) -> bool:
        """Whether the write queue takes another item now (fewer than buffer_rows wait)."""
        return len(self._buffer) < self._limit

    async def room(self, wait: float) -> bool:
        """Wait up to `wait` seconds for room in the write queue; whether it has room.

        Room comes as the writer writes; the queue stays full while the database refuses
        writes (locked, read-only) with buffer_rows waiting.
        """
        if self.has_room() or wait <= 0:
            return self.has_room()
        await wait_set(self._room, wait)
        return self.has_room()

    def _update_room(self) -> None:
        if self.has_room():
            self._room.set()
        else:
            self._room.clear()

    def _edit(self, kind: str, **params: Any) -> None:
        """Queue an editor's act (teaching, undo, dismissal), which must never be dropped:
        raises WriteQueueFullError when the queue is full (see room)."""
        if not self.has_room():
            raise WriteQueueFullError(
                f"the write queue is full ({len(self._buffer)} rows wait for the database)"
            )
        self.change(kind, **params)

    async def flush(self, grace: float | None = None) -> bool:
        """Wait until every queued row is written (or rejected); False if grace (seconds)
        ran out first (0: at once, without waiting)."""
        if grace is not None and grace <= 0:
            return self._drained.is_set()
        if grace is None:
            await self._drained.wait()
            return True
        return await wait_set(self._drained, grace)

    def health(self) -> WriterHealth:
        """The writer's counters now."""
        return replace(self._health, buffered=len(self._buffer), as_of=time.time())

    def note_unsaved_updates(self, count: int, error: BaseException) -> None:
        """Count updates answered while the inbox could not keep them (reported in stats)."""
        self._health = replace(self._health, unsaved_updates=self._health.unsaved_updates + count)
        self._report(f"inbox not writable, {count} update(s) not kept: {error}")

    async def close(self, grace: float | None = None) -> None:
        """Write what is pending (waiting at most grace seconds), then close.

        Rows the database still would not take are saved beside it (.unsaved.jsonl) and
        written on the next start.
        """
        self._close_by = time.monotonic() + (grace if grace is not None else 3600.0)
        self._closing.set()
        self._wake.set()
        await self.flush(grace)
        self._writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._writer
        if self._buffer:
            self._spill()
        self._write_status(force=True)
        for link in (self._writer_link, self._inbox_link, self._main):
            await link.close()

    async def _write_forever(self) -> None:
        while True:
            try:
                await self._wake.wait()
                if len(self._buffer) < _BATCH and not self._closing.is_set():
                    await self._nap(_GATHER_SECONDS)
                self._wake.clear()
                while self._buffer:
                    await self._write_front()
                self._drained.set()
                self._write_status()
                if self._closing.is_set():
                    return  # all written: close() need not cancel the writer
            except _OutOfTimeError:
                return  # closing, and out of time: close() saves what is left
            except Exception as exc:  # the writer must never die; say why and go on
                logger.exception("question log writer: unexpected error")
                self._failed(exc)
                await self._nap(1.0)

    async def _write_front(self) -> None:
        """Write the oldest rows, retrying what the database refuses for now."""
        batch: list[Finished | Change] = []
        retrying = AsyncRetrying(
            retry=retry_if_exception(lambda e: isinstance(e, Exception) and not _row_level(e)),
            wait=wait_random_exponential(multiplier=0.05, max=5),
            stop=self._give_up,
            sleep=self._nap,
            before_sleep=self._retrying,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    batch = list(self._front())
                    await self._write(batch)
        except Exception as exc:
            if not _row_level(exc):
                raise _OutOfTimeError from exc
            await self._write_one_by_one(batch)
            return
        self._written(batch)

    def _front(self) -> list[Finished | Change]:
        n = min(_BATCH, len(self._buffer))
        return [self._buffer[i] for i in range(n)]

    def _written(self, batch: Sequence[Finished | Change], rejected: int = 0) -> None:
        for _ in batch:
            self._buffer.popleft()
        self._update_room()
        rows = sum(_rows(item) for item in batch) - rejected
        if self._health.failing_since is not None:
            logger.warning(
                "question log writable again: %d row(s) waiting are being written",
                len(self._buffer) + len(batch),
            )
        self._health = replace(
            self._health,
            written=self._health.written + rows,
            rejected=self._health.rejected + rejected,
            failing_since=None,
            last_error=None,
        )
        if self._spilled_pending:
            self._spilled_pending = max(0, self._spilled_pending - len(batch))
            if not self._spilled_pending:
                with contextlib.suppress(OSError):
                    self._spill_path.unlink()

    async def _write_one_by_one(self, batch: Sequence[Finished | Change]) -> None:
        """Write a batch item by item; an item with a bad row keeps only its inbox state."""
        rejected = 0
        for item in batch:
            try:
                await self._write([item])
            except Exception as exc:
                if not _row_level(exc):
                    raise
                rejected += _rows(item)
                logger.error(
                    "question log: %d row(s) rejected by the database (%s: %s)",
                    _rows(item),
                    type(exc).__name__,
                    exc,
                )
                if isinstance(item, Finished):
                    with contextlib.suppress(Exception):
                        await self._write([Finished((), item.inbox_id, item.inbox_state)])
        self._written(batch, rejected)

    async def _write(self, batch: Sequence[Finished | Change]) -> None:
        async with self._counting:
            answered = await self._write_batch(batch)
            if self._answered is not None:
                if answered is None:
                    self._answered = None  # some rows were there already: count again
                else:
                    self._answered.update(answered)

    async def _write_batch(self, batch: Sequence[Finished | Change]) -> list[str] | None:
        """Write a batch in one transaction; the entry ids of the answered questions written
        (None if some question rows were already in the log, or an edit took earlier
        wordings out of the counts: then they are counted again)."""
        answered: list[str] | None = []
        db = await self._writer_link.get()
        try:
            for run in _runs(batch):
                if isinstance(run[0], Change):
                    for change in run:
                        assert isinstance(change, Change)
                        if change.kind == "edited":
                            answered = None  # an answer may leave the counts: count again
                        for sql, names in _CHANGES[change.kind]:
                            # .get: a change saved by an older version may lack a newer
                            # optional value (article_id); NULL is right for it.
                            await db.execute(sql, [_clean(change.params.get(n)) for n in names])
                    continue
                finished = [item for item in run if isinstance(item, Finished)]
                rows = [_clean_record(r) for item in finished for r in item.records]
                marks = [
                    (item.inbox_state, now(), item.inbox_id)
                    for item in finished
                    if item.inbox_id is not None
                ]
                if rows:
                    cursor = await db.executemany(
                        "INSERT INTO questions (asked_at, chat_type, user_hash, text, decision,"
                        " entry_id, score, delivery, inbox_id, choices, article_id,"
                        " message_hash, follows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (inbox_id) DO NOTHING",
                        rows,
                    )
                    if cursor.rowcount != len(rows):
                        answered = None
                    elif answered is not None:
                        answered += [
                            r.entry_id
                            for item in finished
                            for r in item.records
                            if r.decision == "answer" and r.entry_id is not None
                        ]
                if marks:
                    await db.executemany(
                        "UPDATE inbox SET state = ?, finished_at = ?"
                        " WHERE id = ? AND state = 'pending'",
                        marks,
                    )
            await db.commit()
        except Exception as exc:
            with contextlib.suppress(Exception):
                await db.rollback()
            if isinstance(exc, sqlite3.Error | OSError) and _reopen_helps(exc):
                self._writer_link.invalidate()
            raise
        return answered

    def _give_up(self, state: RetryCallState) -> bool:
        return self._closing.is_set() and time.monotonic() >= self._close_by

    async def _nap(self, seconds: float) -> None:
        """Sleep between attempts; when closing, no longer than the time left to close."""
        if self._closing.is_set():
            seconds = max(0.0, min(seconds, self._close_by - time.monotonic()))
        await wait_set(self._closing, seconds)
        if self._closing.is_set():
            await asyncio.sleep(min(seconds, 0.05))

    def _retrying(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        if exc is not None:
            self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        first = self._health.failing_since is None
        self._health = replace(
            self._health,
            failing_since=self._health.failing_since or time.time(),
            last_error=f"{type(exc).__name__}: {exc}",
        )
        self._report(
            f"cannot write the question log ({type(exc).__name__}: {exc});"
            f" {len(self._buffer)} row(s) kept in memory, retrying",
            first,
        )
        self._write_status()

    def _report(self, message: str, force: bool = False) -> None:
        if force or time.monotonic() - self._reported >= _REPORT_EVERY:
            self._reported = time.monotonic()
            logger.error("%s", message)

    # ------------------------------------------------------------ status and spill files
    @property
    def status_path(self) -> Path:
        """Where the bot leaves its writer's health for `faqbot stats` (beside the database)."""
        return self.path.with_name(self.path.name + ".status.json")

    @property
    def _spill_path(self) -> Path:
        return self.path.with_name(self.path.name + ".unsaved.jsonl")

    def _write_status(self, force: bool = False) -> None:
        if not self.owner or (not force and time.monotonic() - self._status_at < _STATUS_EVERY):
            return
        self._status_at = time.monotonic()
        tmp = self.status_path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(asdict(self.health())), encoding="utf-8")
            os.replace(tmp, self.status_path)
        except OSError as exc:
            logger.debug("cannot write %s: %s", self.status_path, exc)

    def _spill(self) -> None:
        """Save rows the database would not take, to be written on the next start."""
        try:
            with self._spill_path.open("a", encoding="utf-8") as out:
                for item in self._buffer:
                    out.write(json.dumps(_item_json(item)) + "\n")
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            logger.error(
                "%d question log row(s) lost: cannot save them to %s either (%s)",
                sum(_rows(i) for i in self._buffer),
                self._spill_path,
                exc,
            )
            return
        logger.warning(
            "%d question log row(s) could not be written; saved to %s for the next start",
            len(self._buffer),
            self._spill_path,
        )
        self._buffer.clear()
        self._update_room()

    def _load_spill(self) -> None:
        try:
            lines = self._spill_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except OSError as exc:
            logger.error("cannot read %s: %s", self._spill_path, exc)
            return
        items = []
        for line in lines:
            try:
                items.append(_item_from_json(json.loads(line)))
            except (ValueError, TypeError, KeyError) as exc:
                logger.error("skipping a bad line in %s: %s", self._spill_path, exc)
        self._buffer.extend(items)
        self._update_room()
        self._spilled_pending = len(items)
        if items:
            logger.info("writing %d row(s) saved by the last run", len(items))
            self._drained.clear()
            self._wake.set()

    # ------------------------------------------------------------ the inbox
    async def receive(self, items: Sequence[Received]) -> dict[int, int]:
        """Keep received updates in the inbox in one transaction.

        Returns update_id -> inbox id for the updates not seen before (an update already
        in the inbox is being or was handled). Raises sqlite3.Error or StorageError if the
        database would not take them (locked past the inbox's short busy timeout, read-only).
        """
        if not items:
            return {}
        db = await self._inbox_link.get()
        marks = ",".join(["(?, ?, ?, ?)"] * len(items))  # only placeholders enter the SQL text
        params = [v for r in items for v in (r.update_id, r.received_at, r.sent_at, r.payload)]
        try:
            async with db.execute(
                f"INSERT INTO inbox (update_id, received_at, sent_at, payload) VALUES {marks}"
                " ON CONFLICT (update_id) DO NOTHING RETURNING update_id, id",
                params,
            ) as cursor:
                rows = await cursor.fetchall()
            await db.commit()
        except Exception as exc:
            with contextlib.suppress(Exception):
                await db.rollback()
            if isinstance(exc, sqlite3.Error | OSError) and _reopen_helps(exc):
                self._inbox_link.invalidate()
            raise
        return {int(u): int(i) for u, i in rows}

    async def unfinished(self) -> list[InboxRow]:
        """Inbox rows whose updates were not finished (oldest first), counting this attempt.

        Rows whose finish is only waiting in the writer's buffer (e.g. saved by the last run)
        are not returned: they are finished.
        """
        finishing = {
            item.inbox_id
            for item in self._buffer
            if isinstance(item, Finished) and item.inbox_id is not None
        }
        db = await self._db()
        async with db.execute(
            "SELECT id, update_id, received_at, sent_at, payload, attempts FROM inbox"
            " WHERE state = 'pending' ORDER BY id"
        ) as cursor:
            rows = [
                InboxRow(int(i), int(u), float(r), s, str(p), int(a))
                for i, u, r, s, p, a in await cursor.fetchall()
                if int(i) not in finishing
            ]
        if rows:
            try:
                await db.executemany(
                    "UPDATE inbox SET attempts = attempts + 1 WHERE id = ?",
                    [(r.id,) for r in rows],
                )
                await db.commit()
            except sqlite3.Error as exc:  # e.g. read-only: handle them all the same
                with contextlib.suppress(sqlite3.Error):
                    await db.rollback()
                logger.warning("cannot count the attempt on %d inbox row(s): %s", len(rows), exc)
        return rows

    async def purge_inbox(self, keep_seconds: int = INBOX_KEEP_SECONDS) -> int:
        """Delete finished inbox rows older than keep_seconds; return how many."""
        db = await self._db()
        cursor = await db.execute(
            "DELETE FROM inbox WHERE state != 'pending' AND finished_at < ?",
            (now() - keep_seconds,),
        )
        await db.commit()
        return cursor.rowcount

    async def deliveries(self, handling: int | None = None) -> Deliveries:
        """Counts of replies sent, failed, expired (and untracked rows from before), and
        received updates not yet finished, but for `handling` (the update id of the /stats
        asking: it is not finished while it asks). Flooded questions got no reply: not
        counted."""
        db = await self._db()
        async with db.execute(
            "SELECT COALESCE(SUM(delivery = 'sent'), 0), COALESCE(SUM(delivery = 'failed'), 0),"
            " COALESCE(SUM(delivery = 'expired'), 0), COALESCE(SUM(delivery IS NULL), 0)"
            " FROM questions WHERE decision != 'flooded'"
        ) as cursor:
            row = await cursor.fetchone()
        async with db.execute(
            "SELECT COUNT(*) FROM inbox WHERE state = 'pending' AND update_id IS NOT ?",
            (handling,),
        ) as cursor:
            pending = await cursor.fetchone()
        sent, failed, expired, untracked = (int(v) for v in row or (0, 0, 0, 0))
        return Deliveries(sent, failed, expired, untracked, int(pending[0]) if pending else 0)

    async def questions(
        self, decision: str | None = None, article_id: str | None = None
    ) -> list[QuestionRecord]:
        """Return logged questions, oldest first, optionally of one decision and of one
        article (all articles when None)."""
        db = await self._db()
        where, params = _article(article_id)
        if decision is not None:
            where += " AND decision = ?"
            params = (*params, decision)
        async with db.execute(
            "SELECT asked_at, chat_type, user_hash, text, decision, entry_id, score, delivery,"
            f" inbox_id, choices, article_id, message_hash, follows FROM questions"
            f" WHERE true{where}"
            " ORDER BY id",
            params,
        ) as cursor:
            rows = await cursor.fetchall()
        return [QuestionRecord(*row) for row in rows]

    async def top_entries(
        self, limit: int = 10, article_id: str | None = None
    ) -> list[tuple[str, int]]:
        """Return the most-answered entry ids with their counts (most first, then by id).

        Overall, counted in memory: the log is read once, on the first call (or after a
        purge). Of one article (stats, not the reply path): an indexed query.
        """
        if article_id is not None:
            counts = await self._count_answered(article_id)
        else:
            if self._answered is None:
                async with self._counting:
                    if self._answered is None:
                        self._answered = await self._count_answered()
            counts = self._answered
        return heapq.nsmallest(limit, counts.items(), key=lambda kv: (-kv[1], kv[0]))

    async def _count_answered(self, article_id: str | None = None) -> Counter[str]:
        """Answered questions per entry id, from the whole log (one scan) or one article's."""
        db = await self._db()
        where, params = _article(article_id)
        async with db.execute(
            "SELECT entry_id, COUNT(*) FROM questions"
            f" WHERE decision = 'answer' AND entry_id IS NOT NULL{CURRENT}{where}"
            " GROUP BY entry_id",
            params,
        ) as cursor:
            return Counter({str(entry_id): int(n) for entry_id, n in await cursor.fetchall()})

    async def by_article(self) -> list[ArticleCounts]:
        """Questions per article by decision, and how many wait in the editors' queue; most
        asked first, questions of no known article (article_id None) last."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        async with db.execute(
            "SELECT article_id, SUM(decision = 'answer'), SUM(decision = 'partial'),"
            " SUM(decision = 'suggest'), SUM(decision = 'none'),"
            " SUM(decision IN ('none', 'partial', 'suggest') AND status = 'open')"
            f" FROM questions WHERE decision NOT IN ('smalltalk', 'flooded'){CURRENT}"
            " GROUP BY article_id"
        ) as cursor:
            rows = [
                ArticleCounts(a, *(int(v or 0) for v in counts))
                for a, *counts in await cursor.fetchall()
            ]
        return sorted(rows, key=lambda c: (c.article_id is None, -c.total, c.article_id or ""))

    @_writes
    async def backfill_articles(self, article_of: Mapping[str, str], *, force: bool = False) -> int:
        """Name the article of question rows logged before articles were recorded; return
        how many rows were filled.

        article_of: entry id -> article id, from the knowledge. A row gets its entry's
        article, or the one article all its did-you-mean choices come from; other rows keep
        NULL (no known article). Votes get their entry's article. Runs once per database
        (a mark in meta) unless force; entries unknown to the knowledge are left NULL.
        """
        db = await self._db()
        if not force:
            async with db.execute("SELECT 1 FROM meta WHERE key = 'articles_backfilled'") as cursor:
                if await cursor.fetchone():
                    return 0
        mapping = json.dumps(dict(article_of), ensure_ascii=False)
        try:
            cursor = await db.execute(
                "UPDATE questions SET article_id = m.value FROM json_each(?) AS m"
                " WHERE questions.article_id IS NULL AND questions.entry_id = m.key",
                (mapping,),
            )
            filled = cursor.rowcount
            async with db.execute(
                "SELECT id, choices FROM questions WHERE article_id IS NULL"
                " AND entry_id IS NULL AND choices IS NOT NULL"
            ) as rows:
                by_choices = []
                for row_id, choices in await rows.fetchall():
                    try:
                        named = {article_of.get(str(e)) for e in json.loads(choices)}
                    except (ValueError, TypeError):
                        continue
                    if len(named) == 1 and None not in named:
                        by_choices.append((named.pop(), int(row_id)))
            await db.executemany("UPDATE questions SET article_id = ? WHERE id = ?", by_choices)
            await db.execute(
                "UPDATE feedback SET article_id = m.value FROM json_each(?) AS m"
                " WHERE feedback.article_id IS NULL AND feedback.entry_id = m.key",
                (mapping,),
            )
            await db.execute(
                "INSERT INTO meta (key, value) VALUES ('articles_backfilled', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(now()),),
            )
            await db.commit()
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                await db.rollback()
            raise
        return filled + len(by_choices)

    # ------------------------------------------------------------ editors' queue
    async def open_questions(self, article_id: str | None = None) -> list[LoggedQuestion]:
        """Questions for the editors, oldest first: not answered ('none'), answered in part
        ('partial'), or unsure ('suggest') with no choice picked; not linked or dismissed.
        Of one article, or of all (including those of no known article) when None."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        where, params = _article(article_id)
        async with db.execute(
            "SELECT id, asked_at, text, decision, entry_id, choices, article_id, follows"
            " FROM questions WHERE decision IN ('none', 'partial', 'suggest')"
            f" AND status = 'open'{where} ORDER BY id",
            params,
        ) as cursor:
            return [
                LoggedQuestion(
                    int(i), int(t), str(x), str(d), e, tuple(json.loads(c)) if c else (), a, f
                )
                for i, t, x, d, e, c, a, f in await cursor.fetchall()
            ]

    def dismiss(self, question_ids: Sequence[int]) -> None:
        """Take questions out of the queue (queued write; WriteQueueFullError when full)."""
        self._edit("dismiss", question_ids=json.dumps(list(question_ids)))

    def link(
        self, entry_id: str, phrasings: Sequence[str], question_ids: Sequence[int], editor: str
    ) -> str:
        """Teach wordings to an entry and close their questions; return the lesson's id
        (for undo). Queued: the caller updates the live knowledge itself. Raises
        WriteQueueFullError when the queue is full (nothing is taught)."""
        lesson = secrets.token_hex(4)
        self._edit(
            "link",
            lesson=lesson,
            editor=editor,
            entry_id=entry_id,
            phrasings=json.dumps(list(dict.fromkeys(phrasings)), ensure_ascii=False),
            question_ids=json.dumps(list(question_ids)),
        )
        return lesson

    def choose(self, entry_id: str, phrasing: str, user_hash: str | None) -> None:
        """A reader picked a did-you-mean choice: a suggestion for editors (queued)."""
        self.change("choice", entry_id=entry_id, phrasing=phrasing, user_hash=user_hash)

    def pick(self, entry_id: str, user_hash: str | None, message_hash: str | None) -> None:
        """A reader picked a did-you-mean choice by replying to it: as choose, for the open
        did-you-mean question of that message (hash_message of the question the
        did-you-mean answered), if this reader asked it and it offered the entry (queued)."""
        self.change("pick", entry_id=entry_id, user_hash=user_hash, message_hash=message_hash)

    def pick_article(
        self, article_id: str, phrasing: str, user_hash: str | None, *, answered: bool
    ) -> None:
        """A reader picked which article their question (`phrasing`, fitting several) is
        about: it is logged under that article; `answered` there, it leaves the queue
        (queued)."""
        self.change(
            "pick_article",
            article_id=article_id,
            phrasing=phrasing,
            user_hash=user_hash,
            answered=answered,
        )

    def approve(self, suggestion_id: int, editor: str) -> str:
        """Approve a reader's choice as a phrasing; return the lesson's id (queued;
        WriteQueueFullError when the queue is full)."""
        lesson = secrets.token_hex(4)
        self._edit("approve", lesson=lesson, editor=editor, suggestion_id=suggestion_id)
        return lesson

    def reject(self, suggestion_id: int) -> None:
        """Reject a reader's choice (queued; WriteQueueFullError when the queue is full)."""
        self._edit("reject", suggestion_id=suggestion_id)

    def undo(self, lesson_id: str, editor: str) -> None:
        """Undo a lesson: its phrasings stop counting, its questions reopen (queued;
        WriteQueueFullError when the queue is full)."""
        self._edit("undo", lesson=lesson_id, editor=editor)

    async def taught(self, status: str = "approved") -> dict[str, list[str]]:
        """Taught phrasings by entry id, in the order they were taught; undone lessons'
        phrasings are left out."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        async with db.execute(
            "SELECT t.entry_id, t.phrasing FROM taught t LEFT JOIN lessons l ON l.id = t.lesson_id"
            " WHERE t.status = ? AND l.undone_at IS NULL ORDER BY t.id",
            (status,),
        ) as cursor:
            grouped: dict[str, list[str]] = {}
            for entry_id, phrasing in await cursor.fetchall():
                grouped.setdefault(str(entry_id), []).append(str(phrasing))
        return grouped

    async def lessons(
        self,
        limit: int = 20,
        lesson_id: str | None = None,
        entry_ids: Collection[str] | None = None,
    ) -> list[Lesson]:
        """The latest teaching acts, newest first (or the one with that id); entry_ids: only
        acts that taught one of these entries (one article's, from the knowledge)."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        where, params = ("WHERE id = ?", (lesson_id,)) if lesson_id else ("WHERE true", ())
        if entry_ids is not None:
            where += " AND entry_id IN (SELECT value FROM json_each(?))"
            params = (*params, json.dumps(sorted(entry_ids), ensure_ascii=False))
        async with db.execute(
            "SELECT id, created_at, editor, kind, entry_id, phrasings, question_ids, undone_at,"
            f" undone_by FROM lessons {where} ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (*params, limit),
        ) as cursor:
            return [
                Lesson(
                    str(i),
                    int(t),
                    str(ed),
                    str(k),
                    str(e),
                    tuple(json.loads(ph)),
                    tuple(json.loads(q)),
                    u,
                    ub,
                )
                for i, t, ed, k, e, ph, q, u, ub in await cursor.fetchall()
            ]

    async def suggestions(self) -> list[Suggestion]:
        """Readers' did-you-mean choices waiting for an editor."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        async with db.execute(
            "SELECT id, entry_id, phrasing, follows FROM taught WHERE status = 'pending'"
            " ORDER BY id"
        ) as cursor:
            return [Suggestion(int(i), str(e), str(p), f) for i, e, p, f in await cursor.fetchall()]

    # ------------------------------------------------------------ chats' articles
    def set_reading(self, chat_hash: str, article_id: str, at: int | None = None) -> None:
        """Remember the article a chat (by its hash, see hash_user) is reading, as of `at`
        (Unix seconds; default now). Queued, never waits."""
        self.change("reading", chat_hash=chat_hash, article_id=article_id, at=at or now())

    async def reading(self, chat_hash: str) -> tuple[str, int] | None:
        """The article a chat is reading and when it last entered or used it (Unix
        seconds), as written so far (no wait for queued writes: this is on the reply path)."""
        db = await self._db()
        async with db.execute(
            "SELECT article_id, updated_at FROM reading WHERE chat_hash = ?", (chat_hash,)
        ) as cursor:
            row = await cursor.fetchone()
        return (str(row[0]), int(row[1])) if row else None

    async def readings(self, limit: int) -> list[tuple[str, str, int]]:
        """The `limit` chats that most recently entered or used an article: (chat hash,
        article id, Unix seconds), newest first."""
        db = await self._db()
        async with db.execute(
            "SELECT chat_hash, article_id, updated_at FROM reading"
            " ORDER BY updated_at DESC, chat_hash LIMIT ?",
            (limit,),
        ) as cursor:
            return [(str(h), str(a), int(t)) for h, a, t in await cursor.fetchall()]

    # ------------------------------------------------------------------ feedback
    def vote(
        self,
        user_hash: str,
        entry_id: str,
        vote: int,
        question: str | None = None,
        fallback: str | None = None,
        article_id: str | None = None,
        *,
        partial: bool = False,
    ) -> None:
        """Store a reader's 👍 (1) or 👎 (-1) on an answer; a second vote replaces the first.

        question: what the reader asked, recovered from the answer message; without it, the
        reader's last logged question answered by that entry, else `fallback` (the entry's
        own question). article_id: the entry's article (without it, the article the entry's
        logged questions name). partial: the vote is on a partial reply offering the entry
        as the closest fact (the article lacked what was asked), kept apart from votes on
        its answer. Queued, never waits.
        """
        self.change(
            "vote",
            user_hash=user_hash,
            entry_id=entry_id,
            vote=vote,
            question=question,
            fallback=fallback,
            article_id=article_id,
            partial=int(partial),
        )

    async def feedback(
        self, limit: int = 10, article_id: str | None = None, *, partial: bool = False
    ) -> list[EntryFeedback]:
        """Entries with the most 👎 first, with the questions behind those votes (of one
        article's entries, or all): votes on their answers, or with `partial` on partial
        replies offering them as the closest fact."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        where, params = _article(article_id)
        async with db.execute(
            "SELECT entry_id, SUM(vote = 1), SUM(vote = -1),"
            " json_group_array(question) FILTER (WHERE vote = -1 AND question IS NOT NULL)"
            f" FROM feedback WHERE partial = ?{where} GROUP BY entry_id"
            " ORDER BY SUM(vote = -1) DESC, SUM(vote = 1), entry_id LIMIT ?",
            (int(partial), *params, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            EntryFeedback(str(e), int(up), int(down), tuple(json.loads(qs or "[]")))
            for e, up, down, qs in rows
        ]

    async def feedback_rows(
        self, article_id: str | None = None
    ) -> list[tuple[str, int, str | None, int, bool]]:
        """Every vote (entry, vote, question, time, whether on a partial reply) for export,
        of one article's entries or all; voters stay anonymous."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        where, params = _article(article_id)
        async with db.execute(
            "SELECT entry_id, vote, question, updated_at, partial FROM feedback"
            f" WHERE true{where} ORDER BY updated_at",
            params,
        ) as cursor:
            return [
                (str(e), int(v), q, int(t), bool(p)) for e, v, q, t, p in await cursor.fetchall()
            ]

    # --------------------------------------------------------------- admin tools
    async def stats(self, at: int | None = None, article_id: str | None = None) -> Stats:
        """Counts for /stats and `faqbot stats`: of one article, or overall when None."""
        await self.flush(READ_FLUSH_SECONDS)
        at = now() if at is None else at
        day_start = at - at % 86_400
        db = await self._db()
        where, params = _article(article_id)
        matched = "decision != 'flooded'"
        async with db.execute(
            f"SELECT SUM({matched}), SUM({matched} AND asked_at >= ?),"
            f" SUM({matched} AND asked_at >= ?),"
            " SUM(decision = 'answer'), SUM(decision = 'suggest'), SUM(decision = 'none'),"
            " SUM(decision = 'partial'), SUM(decision = 'flooded')"
            f" FROM questions WHERE true{CURRENT}{where}",
            (day_start, at - 7 * 86_400, *params),
        ) as cursor:
            row = await cursor.fetchone()
        total, today, week, answered, suggested, unanswered, partial, flooded = (
            int(v or 0) for v in row or (0,) * 8
        )
        async with db.execute(
            "SELECT COALESCE(SUM(vote = 1 AND NOT partial), 0),"
            " COALESCE(SUM(vote = -1 AND NOT partial), 0),"
            " COALESCE(SUM(vote = 1 AND partial), 0), COALESCE(SUM(vote = -1 AND partial), 0)"
            f" FROM feedback WHERE true{where}",
            params,
        ) as cursor:
            votes = await cursor.fetchone()
        up, down, partial_up, partial_down = (int(v) for v in votes or (0,) * 4)
        return Stats(
            total=total,
            today=today,
            last_7_days=week,
            answered=answered,
            suggested=suggested,
            unanswered=unanswered,
            top_entries=tuple(await self.top_entries(10, article_id)),
            thumbs_up=up,
            thumbs_down=down,
            partial_up=partial_up,
            partial_down=partial_down,
            partial=partial,
            flooded=flooded,
        )

    async def daily(
        self, days: int = 30, at: int | None = None, article_id: str | None = None
    ) -> list[DayCounts]:
        """Questions per UTC day for the last `days` days (today included), oldest first,
        by decision, of one article or overall; days without questions are included with
        zeros."""
        await self.flush(READ_FLUSH_SECONDS)
        at = now() if at is None else at
        first = at // 86_400 - days + 1
        db = await self._db()
        where, params = _article(article_id)
        async with db.execute(
            "SELECT asked_at / 86400 AS day, decision, COUNT(*) FROM questions"
            f" WHERE asked_at >= ?{CURRENT}{where} GROUP BY day, decision",
            (first * 86_400, *params),
        ) as cursor:
            rows = await cursor.fetchall()
        counts: dict[int, dict[str, int]] = {first + i: {} for i in range(days)}
        for day, decision, n in rows:
            if int(day) in counts:
                counts[int(day)][str(decision)] = int(n)
        return [
            DayCounts(
                day=day * 86_400,
                answered=c.get("answer", 0),
                partial=c.get("partial", 0),
                unsure=c.get("suggest", 0),
                unanswered=c.get("none", 0),
            )
            for day, c in sorted(counts.items())
        ]

    async def count_older_than(self, days: int) -> Purged:
        """What /purge with these days would delete (see purge), after one flush."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        cutoff = now() - days * 86_400
        counts = ", ".join(f"(SELECT COUNT(*) {where})" for where in (*_PURGED, _UNDONE))
        async with db.execute(f"SELECT {counts}", (cutoff,) * (len(_PURGED) + 1)) as cursor:
            row = await cursor.fetchone()
        return Purged(*(int(n) for n in row)) if row else Purged()

    @_writes
    async def purge(self, older_than_days: int) -> Purged:
        """Delete everything that holds a reader's text or id and is older than the given
        number of days (see _PURGED): question rows, votes, readers' did-you-mean choices
        no editor approved, and the articles of chats that have not entered or used one
        since. Wordings editors taught stay (they are knowledge now, and name no reader),
        and lessons forget the question rows deleted; the wordings of lessons undone
        before the cut-off go (they are readers' texts again: see _UNDONE), the lesson's
        record stays. Return what was deleted."""
        await self.flush(READ_FLUSH_SECONDS)
        db = await self._db()
        cutoff = now() - older_than_days * 86_400
        async with self._counting:
            try:
                counts = []
                for where in _PURGED:
                    cursor = await db.execute(f"DELETE {where}", (cutoff,))
                    counts.append(cursor.rowcount)
                await db.execute(
                    f"DELETE FROM taught WHERE origin = 'editor' AND lesson_id IN"
                    f" (SELECT id {_UNDONE})",
                    (cutoff,),
                )
                cursor = await db.execute(
                    f"UPDATE lessons SET phrasings = '[]' {_WHERE_UNDONE}", (cutoff,)
                )
                counts.append(cursor.rowcount)
                if counts[0]:
                    # A lesson keeps the ids of the questions it closed (to reopen them when
                    # undone): the deleted ones go, so no lesson points at a reader's row,
                    # nor at a new row that took a deleted one's id.
                    await db.execute(
                        "UPDATE lessons SET question_ids = (SELECT json_group_array(value)"
                        " FROM json_each(lessons.question_ids)"
                        " WHERE value IN (SELECT id FROM questions)) WHERE question_ids != '[]'"
                    )
                await db.commit()
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    await db.rollback()
                raise
            if counts[0]:
                self._answered = None  # counted again from the log when next needed
        return Purged(*counts)


# What /purge and retention delete, as "FROM ... WHERE ...", in Purged's order; each takes
# the cut-off (Unix seconds): everything holding a reader's text or (hashed) id.
_PURGED = (
    # Questions: the reader's text, user hash, message hash.
    "FROM questions WHERE asked_at < ?",
    # Votes: the reader's user hash and the question they voted on.
    "FROM feedback WHERE updated_at < ?",
    # Readers' did-you-mean choices no editor approved (waiting or rejected): their
    # wording. Approved ones are taught phrasings, kept without any link to the reader.
    "FROM taught WHERE origin = 'suggestion' AND status != 'approved' AND created_at < ?",
    # The article each chat reads, by its hashed chat id.
    "FROM reading WHERE updated_at < ?",
)
# Lessons undone before the cut-off: their wordings are readers' texts, no longer taught
# (review-5 P1-2). Purge deletes the wordings (the lesson's list and the links' rows) and
# keeps the lesson as a record of who taught what entry when, and who undid it.
_WHERE_UNDONE = "WHERE undone_at < ? AND phrasings != '[]'"
_UNDONE = f"FROM lessons {_WHERE_UNDONE}"


@dataclass(frozen=True, slots=True)
class Purged:
    """Rows /purge and retention delete (or would): see Store.purge."""

    questions: int = 0
    votes: int = 0
    suggestions: int = 0
    chats: int = 0
    undone: int = 0  # lessons undone whose wordings go

    def __bool__(self) -> bool:
        return any(astuple(self))

    def phrase(self) -> str:
        """What was deleted, as a reply says it: "38 question(s), 3 vote(s), 1 reader
        choice(s) not approved and the article choices of 2 chat(s)" (a kind with none is
        left out); "nothing" when none."""
        parts = [
            *([f"{self.questions} question(s)"] if self.questions else []),
            *([f"{self.votes} vote(s)"] if self.votes else []),
            *([f"{self.suggestions} reader choice(s) not approved"] if self.suggestions else []),
            *([f"the article choices of {self.chats} chat(s)"] if self.chats else []),
            *([f"the wordings of {self.undone} undone lesson(s)"] if self.undone else []),
        ]
        if len(parts) <= 1:
            return parts[0] if parts else "nothing"
        return ", ".join(parts[:-1]) + " and " + parts[-1]


class _OutOfTimeError(Exception):
    """The writer stopped retrying because the store is closing and its time is up."""


def _item_json(item: Finished | Change) -> dict[str, Any]:
    if isinstance(item, Change):
        return {"change": item.kind, "params": item.params}
    return {
        "records": [asdict(r) for r in item.records],
        "inbox_id": item.inbox_id,
        "inbox_state": item.inbox_state,
    }


def _item_from_json(data: dict[str, Any]) -> Finished | Change:
    if "change" in data:
        return Change(str(data["change"]), dict(data["params"]))
    records = tuple(QuestionRecord(**r) for r in data["records"])
    return Finished(records, data["inbox_id"], str(data["inbox_state"]))


def read_writer_status(database: Path) -> WriterHealth | None:
    """The log writer's last report left beside the database by the running bot, if any."""
    path = database.with_name(database.name + ".status.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return WriterHealth(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        logger.warning("cannot read %s: %s", path, exc)
        return None


def now() -> int:
    """Current Unix time in whole seconds, as stored in the log."""
    return int(time.time())
