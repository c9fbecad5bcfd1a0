"""The inbox: updates kept before they are confirmed, handled once, finished with their rows."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import ExtBot

from faqbot.storage import QuestionRecord, Store
from faqbot.telegram.delivery import EXPIRED, INTERRUPTED, Delivery
from faqbot.telegram.inbox import MAX_ATTEMPTS, RECENT_UPDATES, Inbox, InboxQueue, sent_at

BOT: ExtBot[None] = ExtBot("123:abc")


def message(update_id: int, text: str = "hi", date: int | None = None) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()) if date is None else date,
            "chat": {"id": 5, "type": "private"},
            "from": {"id": 5, "is_bot": False, "first_name": "R"},
            "text": text,
        },
    }


async def received(box: Inbox, raw: list[dict[str, object]]) -> list[dict[str, object]]:
    """What box.receive() gives for a batch, as JSON: a skipped update is its id alone."""
    return [update.to_dict() for update in await box.receive(BOT, raw)]


def parsed(*raw: dict[str, object]) -> list[dict[str, object]]:
    """The updates as received() gives them when none is skipped."""
    return [Update.de_json(data, BOT).to_dict() for data in raw]


@pytest.fixture
async def inbox(tmp_path: Path) -> AsyncIterator[Inbox]:
    box = Inbox(max_reply_age=600)
    box.store = await Store.open(tmp_path / "x.db")
    yield box
    await box.store.close()


def question(text: str = "q") -> QuestionRecord:
    return QuestionRecord(1, "private", None, text, "none", None, 0.0)


async def test_a_batch_is_kept_and_ticketed(inbox: Inbox) -> None:
    raw = [message(1), message(2)]
    out = await received(inbox, raw)
    assert out == parsed(*raw)
    tickets = [inbox.claim(Update.de_json(u, BOT)) for u in raw]
    assert all(t is not None and t.inbox_id for t in tickets)
    assert inbox.store is not None
    assert [r.update_id for r in await inbox.store.unfinished()] == [1, 2]


async def test_an_update_seen_before_is_reduced_to_its_id(inbox: Inbox) -> None:
    await inbox.receive(BOT, [message(1)])
    batch = [message(1), message(2)]
    out = await received(inbox, batch)
    assert out == [{"update_id": 1}, *parsed(batch[1])]


async def test_an_unparseable_update_is_skipped_once(
    inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    out = await received(inbox, [{"update_id": 7, "poll": {"id": "1"}}, message(8)])
    assert out[0] == {"update_id": 7}  # PTB still sees its id: the offset moves past it
    assert caplog.text.count("cannot be parsed") == 1
    assert inbox.store is not None
    assert await inbox.store.flush(5)
    assert [r.update_id for r in await inbox.store.unfinished()] == [8]


async def test_finish_writes_rows_with_delivery_and_closes_the_inbox_row(inbox: Inbox) -> None:
    await inbox.receive(BOT, [message(1), message(2), message(3)])
    store = inbox.store
    assert store is not None
    for update_id, outcome in ((1, "sent"), (2, EXPIRED), (3, INTERRUPTED)):
        ticket = inbox.claim(Update.de_json(message(update_id), BOT))
        assert ticket is not None
        delivery = Delivery(update_id, ticket.deadline, [question(f"q{update_id}")], outcome)
        inbox.finish(ticket, delivery)
    assert await store.flush(5)
    rows = await store.questions()
    assert [(r.text, r.delivery) for r in rows] == [("q1", "sent"), ("q2", "expired")]
    # Interrupted by the stop: no row yet, the update is handled again on the next start.
    assert [r.update_id for r in await store.unfinished()] == [3]


async def test_recovery_queues_unfinished_updates_and_gives_up_after_attempts(
    inbox: Inbox,
) -> None:
    await inbox.receive(BOT, [message(1), message(2, date=int(time.time()) - 3600)])
    store = inbox.store
    assert store is not None
    queue: asyncio.Queue[object] = asyncio.Queue()
    assert await inbox.recover(BOT, queue) == 2
    first, second = queue.get_nowait(), queue.get_nowait()
    assert isinstance(first, Update)
    assert isinstance(second, Update)
    late = inbox.claim(second)
    assert late is not None
    assert late.deadline < time.time()  # asked an hour ago: nothing will be sent
    for _ in range(MAX_ATTEMPTS):
        await inbox.recover(BOT, asyncio.Queue())
    assert await store.flush(5)
    assert await store.unfinished() == []  # tried too often: skipped


async def test_a_webhook_update_is_kept_before_it_is_queued(inbox: Inbox) -> None:
    update = Update.de_json(message(5), BOT)
    assert await inbox.admit(update)
    assert inbox.store is not None
    assert [r.update_id for r in await inbox.store.unfinished()] == [5]
    ticket = inbox.claim(update)
    assert ticket is not None
    assert not await inbox.admit(update)  # delivered again: not handled twice


async def test_without_a_database_updates_are_answered_all_the_same(tmp_path: Path) -> None:
    box = Inbox(max_reply_age=600)
    box.store = await Store.open(tmp_path / "x.db")
    await box.store.close()
    (tmp_path / "x.db").unlink()
    (tmp_path / "x.db").mkdir()  # the path cannot be opened as a database now
    raw = [message(1)]
    assert await received(box, raw) == parsed(*raw)
    ticket = box.claim(Update.de_json(message(1), BOT))
    assert ticket is not None
    assert ticket.inbox_id is None
    assert box.store.health().unsaved_updates == 1


def test_sent_at_reads_the_message_or_edit_date() -> None:
    assert sent_at(message(1, date=100)) == 100
    edited = {"update_id": 2, "edited_message": {"date": 100, "edit_date": 160}}
    assert sent_at(edited) == 160
    assert sent_at({"update_id": 3, "callback_query": {"id": "x"}}) is None
    assert json.dumps(message(1))  # payloads are JSON as received


async def test_updates_the_database_could_not_keep_are_confirmed_only_once_finished(
    inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def locked(items: object) -> dict[int, int]:
        raise sqlite3.OperationalError("database is locked")

    store = inbox.store
    assert store is not None
    monkeypatch.setattr(store, "receive", locked)
    raw = [message(1), message(2)]
    assert await received(inbox, raw) == parsed(*raw)  # answered all the same
    confirm = asyncio.create_task(inbox.confirmable())
    for update_id in (1, 2):
        await asyncio.sleep(0.05)
        assert not confirm.done()  # the next getUpdates would confirm an unfinished update
        ticket = inbox.claim(Update.de_json(message(update_id), BOT))
        assert ticket is not None
        assert ticket.inbox_id is None
        inbox.finish(ticket, Delivery(update_id, ticket.deadline))
    await asyncio.wait_for(confirm, 1)


async def test_confirmation_waits_no_longer_than_the_reply_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = Inbox(max_reply_age=0.2)
    box.store = await Store.open(tmp_path / "x.db")

    async def read_only(items: object) -> dict[int, int]:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(box.store, "receive", read_only)
    try:
        await box.receive(BOT, [message(1)])
        await asyncio.wait_for(box.confirmable(), 2)  # no reply is sent after the deadline
    finally:
        await box.store.close()


async def test_an_update_the_stop_left_neither_kept_nor_finished_is_never_confirmed(
    inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def locked(items: object) -> dict[int, int]:
        raise sqlite3.OperationalError("database is locked")

    assert inbox.store is not None
    monkeypatch.setattr(inbox.store, "receive", locked)
    await inbox.receive(BOT, [message(5), message(6)])
    for update_id in (5, 6):
        ticket = inbox.claim(Update.de_json(message(update_id), BOT))
        assert ticket is not None
        delivery = Delivery(update_id, ticket.deadline)
        if update_id == 5:
            delivery.settle(INTERRUPTED)  # cancelled by the stop
        inbox.finish(ticket, delivery)
    await asyncio.wait_for(inbox.confirmable(), 1)  # the stop is not held up ...
    assert inbox.confirm_offset(7) == 5  # ... but update 5 is delivered again next start
    assert inbox.confirm_offset(None) == 5


async def test_an_update_delivered_again_while_queued_is_queued_once(inbox: Inbox) -> None:
    """Telegram delivers a webhook update again when its 200 came late: the copy is not
    queued (before, a second delivery still in the queue was handled twice)."""
    queue = InboxQueue(inbox)
    await queue.put(Update.de_json(message(5), BOT))
    await queue.put(Update.de_json(message(5), BOT))  # while the first waits in the queue
    assert queue.qsize() == 1


async def test_an_update_not_kept_is_handled_once_however_often_delivered(
    inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the database to tell, a delivery again while the update is queued, being
    handled or just finished is dropped; its 200 waits for the first's."""

    async def locked(items: object) -> dict[int, int]:
        raise sqlite3.OperationalError("database is locked")

    assert inbox.store is not None
    monkeypatch.setattr(inbox.store, "receive", locked)
    queue = InboxQueue(inbox)
    first = asyncio.create_task(queue.put(Update.de_json(message(5), BOT)))
    queued = asyncio.create_task(queue.put(Update.de_json(message(5), BOT)))
    await asyncio.sleep(0.05)
    assert queue.qsize() == 1
    update = await queue.get()
    ticket = inbox.claim(update)  # being handled
    assert ticket is not None
    handling = asyncio.create_task(queue.put(Update.de_json(message(5), BOT)))
    await asyncio.sleep(0.05)
    assert queue.qsize() == 0
    assert not any(t.done() for t in (first, queued, handling))  # no 200 before it is done
    inbox.finish(ticket, Delivery(5, ticket.deadline))
    await asyncio.wait_for(asyncio.gather(first, queued, handling), 1)
    await asyncio.wait_for(queue.put(Update.de_json(message(5), BOT)), 1)  # just finished
    assert queue.qsize() == 0
    # Polling: the same batch again (the database could not say it has it) is reduced to ids.
    batch = [message(5), message(6)]
    assert await received(inbox, batch) == [{"update_id": 5}, *parsed(batch[1])]


async def test_recent_updates_are_bounded(inbox: Inbox) -> None:
    for update_id in range(RECENT_UPDATES + 10):
        inbox.handled(update_id)
    assert not inbox.seen(0)
    assert inbox.seen(RECENT_UPDATES + 9)
