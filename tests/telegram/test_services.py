"""Shared services: the bounded map of recent replies, pending confirmations, the builds of
the live knowledge (/reload's and teaching's) off the event loop, one at a time, each with
one swap."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import threading
import time
from pathlib import Path
from typing import Any, cast

import pytest

from faqbot.config import load_settings
from faqbot.flood import FloodGuard
from faqbot.live import Live, build_live, load_live
from faqbot.messages import load_messages
from faqbot.reading import ChatArticles
from faqbot.storage import Store
from faqbot.telegram.services import Confirmations, RecentReplies, Services
from tests.conftest import AI_ARTICLE, EV_ARTICLE, ROOT, two_articles_folder

SETTINGS = load_settings(ROOT / "bot" / "config.yaml", environ={})
TAUGHT = "which lamp brand glows in the dark parking lot"


def test_recent_replies_forget_the_least_recently_used() -> None:
    replies = RecentReplies(capacity=2)
    replies.remember(1, 10, 100)
    replies.remember(1, 11, 101)
    assert replies.get(1, 10) == 100  # used: now the most recent
    replies.remember(2, 10, 200)
    assert replies.get(1, 11) is None
    assert (replies.get(1, 10), replies.get(2, 10)) == (100, 200)
    assert replies.get(3, 3) is None


def test_a_confirmation_is_taken_once_by_its_asker_before_it_expires() -> None:
    now = [0.0]
    pending = Confirmations(ttl=300, clock=lambda: now[0])
    token = pending.ask(user_id=7, value=0)
    assert re.fullmatch(r"[0-9a-f]{8}", token)
    assert pending.asked_by(token) == 7
    assert pending.take(token, user_id=8) is None  # not the admin who asked
    assert pending.take(token, user_id=7) == 0
    assert pending.take(token, user_id=7) is None  # used
    late = pending.ask(user_id=7, value=90)
    now[0] = 301.0
    assert pending.asked_by(late) is None
    assert pending.take(late, user_id=7) is None  # expired


class _Store:
    """The store as the services read it: taught phrasings, and whether its queue of
    writes drains (`stuck`: a locked database, the writes wait)."""

    def __init__(self) -> None:
        self.phrasings: dict[str, list[str]] = {}
        self.stuck = False

    async def flush(self, grace: float | None = None) -> bool:
        return not self.stuck

    async def taught(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self.phrasings.items()}


class _Counted(Services):
    """Services that count assignments of the live knowledge."""

    assignments = 0

    def __setattr__(self, name: str, value: object) -> None:
        if name == "live":
            type(self).assignments += 1
        super().__setattr__(name, value)


def _services(tmp_path: Path, store: _Store) -> _Counted:
    faq = two_articles_folder(tmp_path / "faq")
    settings = dataclasses.replace(SETTINGS, knowledge=faq)
    real = cast(Store, store)
    counted = _Counted(
        settings=settings,
        messages=load_messages(settings.messages),
        store=real,
        live=load_live(settings),
        flood=FloodGuard(settings.flood_limit, settings.flood_window),
        bot_username="FaqBot",
        reading=ChatArticles(real),
    )
    _Counted.assignments = 0
    return counted


_building = threading.Event()


def _slow_build(monkeypatch: pytest.MonkeyPatch, seconds: float) -> list[int]:
    """Make /reload's build block its thread for `seconds` (setting _building as it starts);
    return the builders' thread ids."""
    threads: list[int] = []
    _building.clear()

    def slow(*args: Any, **kwargs: Any) -> Live:
        threads.append(threading.get_ident())
        _building.set()
        time.sleep(seconds)  # blocks whichever thread builds
        return build_live(*args, **kwargs)

    monkeypatch.setattr("faqbot.telegram.services.build_live", slow)
    return threads


async def test_reload_builds_in_a_worker_thread_and_swaps_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = _services(tmp_path, _Store())
    old = services.live
    threads = _slow_build(monkeypatch, 1.0)
    reloading = asyncio.create_task(services.reload())
    gaps: list[float] = []
    seen: list[Live] = []
    last = time.perf_counter()
    while not reloading.done():
        await asyncio.sleep(0.01)  # a handler's turn on the loop
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        seen.append(services.live)
    assert await reloading == []
    assert threads
    assert threading.get_ident() not in threads
    assert len(gaps) > 20  # the loop kept running through the 1-s build
    assert max(gaps) < 0.5
    assert all(live is old for live in seen[:-1])  # the old knowledge until the swap
    assert services.live is not old
    assert _Counted.assignments == 1
    assert {a.id for a in services.live.kb.articles} == {AI_ARTICLE, EV_ARTICLE}


def _answers(live: Live, text: str) -> str | None:
    best = live.matcher.match(text).best
    return best.entry.id if best is not None else None


async def test_teaching_during_a_reload_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _Store()
    services = _services(tmp_path, store)
    threads = _slow_build(monkeypatch, 0.5)
    reloading = asyncio.create_task(services.reload())
    assert await asyncio.to_thread(_building.wait, 10)
    # An editor links a wording while the reload builds (the write reaches the store).
    store.phrasings["big-ai-players"] = [TAUGHT]
    learning = asyncio.create_task(services.learn("big-ai-players", [TAUGHT]))
    assert await reloading == []
    assert await learning is False  # not live when the editor is answered: said so
    await services.settle(10)
    assert len(threads) == 2  # built again with the wording, after the reload
    assert services.live.taught == {"big-ai-players": (TAUGHT,)}
    assert _answers(services.live, TAUGHT) == "big-ai-players"
    assert _Counted.assignments == 2


async def test_teaching_builds_in_a_worker_thread_while_readers_are_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A teaching act's build (seconds at 200 articles) holds no reader: the loop keeps its
    turns, readers are answered from the old knowledge, then one swap."""
    monkeypatch.setattr("faqbot.telegram.services.TEACH_WAIT_SECONDS", 0.2)
    services = _services(tmp_path, _Store())
    old = services.live
    threads = _slow_build(monkeypatch, 1.0)
    learning = asyncio.create_task(services.learn("big-ai-players", [TAUGHT]))
    gaps: list[float] = []
    seen: list[Live] = []
    answered_first = False  # the editor is answered while the old knowledge is live
    last = time.perf_counter()
    while services.live is old:
        answered_first = answered_first or learning.done()
        await asyncio.sleep(0.01)  # a reader's turn on the loop
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        seen.append(services.live)
    assert answered_first
    assert await learning is False  # and told readers get it in a moment
    assert threads
    assert threading.get_ident() not in threads
    assert len(gaps) > 20  # the loop kept running through the 1-s build
    assert max(gaps) < 0.5
    assert all(live is old for live in seen[:-1])  # the old knowledge until the swap
    assert _Counted.assignments == 1
    assert _answers(services.live, TAUGHT) == "big-ai-players"
    assert _answers(old, TAUGHT) != "big-ai-players"


async def test_a_quick_build_is_live_when_the_editor_is_answered(tmp_path: Path) -> None:
    services = _services(tmp_path, _Store())
    assert await services.learn("big-ai-players", [TAUGHT]) is True
    assert _answers(services.live, TAUGHT) == "big-ai-players"
    assert await services.unlearn("big-ai-players", [TAUGHT]) is True
    assert _answers(services.live, TAUGHT) != "big-ai-players"
    assert _Counted.assignments == 2


async def test_teaching_and_undo_during_a_build_are_built_once_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("faqbot.telegram.services.TEACH_WAIT_SECONDS", 0.05)
    services = _services(tmp_path, _Store())
    threads = _slow_build(monkeypatch, 0.5)
    first = asyncio.create_task(services.learn("big-ai-players", [TAUGHT]))
    assert await asyncio.to_thread(_building.wait, 10)
    # While it builds: the same wording undone, another taught.
    acts = [
        asyncio.create_task(services.unlearn("big-ai-players", [TAUGHT])),
        asyncio.create_task(services.learn("japan-focus", ["nippon robot lamps"])),
    ]
    assert await asyncio.gather(first, *acts) == [False, False, False]
    await services.settle(10)
    assert len(threads) == 2  # the first act's build, then one for both acts after it
    assert _Counted.assignments == 2
    assert services.live.taught == {"big-ai-players": (), "japan-focus": ("nippon robot lamps",)}
    assert _answers(services.live, TAUGHT) != "big-ai-players"
    assert _answers(services.live, "nippon robot lamps") == "japan-focus"


async def test_reload_keeps_teaching_still_in_the_stores_queue(tmp_path: Path) -> None:
    """Teach, then /reload at once, while the store's writes wait (a locked database): what
    the store holds plus the acts still queued; once the store holds them, the store's
    word counts (an undo made with the CLI is not taught again)."""
    store = _Store()
    store.stuck = True
    services = _services(tmp_path, store)
    assert await services.learn("big-ai-players", [TAUGHT])
    assert await services.reload() == []
    assert _answers(services.live, TAUGHT) == "big-ai-players"
    assert services.live.taught == {"big-ai-players": (TAUGHT,)}
    # Written by now; then an undo that waits in the queue.
    store.phrasings["big-ai-players"] = [TAUGHT]
    assert await services.unlearn("big-ai-players", [TAUGHT])
    assert await services.reload() == []
    assert _answers(services.live, TAUGHT) != "big-ai-players"
    # The queue drains: the store holds every act; an undo from the CLI then counts.
    store.stuck = False
    store.phrasings = {"big-ai-players": [TAUGHT]}
    assert await services.reload() == []
    assert _answers(services.live, TAUGHT) == "big-ai-players"
    store.phrasings = {}
    assert await services.reload() == []
    assert services.live.taught == {}
    # A teaching build forgets the acts the store holds by then: a later reload with the
    # queue stuck does not teach them again over what the store says.
    assert await services.learn("japan-focus", ["nippon robot lamps"])
    store.stuck = True
    assert await services.reload() == []
    assert services.live.taught == {}


async def test_reloads_run_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services = _services(tmp_path, _Store())
    running = 0
    most = 0
    builds = 0

    def counting(*args: Any, **kwargs: Any) -> Live:
        nonlocal running, most, builds
        running += 1
        builds += 1
        most = max(most, running)
        try:
            time.sleep(0.3)
            return build_live(*args, **kwargs)
        finally:
            running -= 1

    monkeypatch.setattr("faqbot.telegram.services.build_live", counting)
    first, second = await asyncio.gather(services.reload(), services.reload())
    assert (first, second) == ([], [])
    assert (builds, most) == (2, 1)
    assert _Counted.assignments == 2
