"""Shared services: the bounded map of recent replies, pending confirmations, /reload's
build off the event loop and its one swap."""

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
    def __init__(self) -> None:
        self.phrasings: dict[str, list[str]] = {}

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


async def test_teaching_during_a_reload_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _Store()
    services = _services(tmp_path, store)
    threads = _slow_build(monkeypatch, 0.5)
    reloading = asyncio.create_task(services.reload())
    assert await asyncio.to_thread(_building.wait, 10)
    # An editor links a wording while the reload builds (the write reaches the store).
    services.learn("big-ai-players", [TAUGHT])
    store.phrasings["big-ai-players"] = [TAUGHT]
    assert await reloading == []
    assert len(threads) == 2  # built again with the wording
    assert services.live.taught == {"big-ai-players": (TAUGHT,)}
    best = services.live.matcher.match(TAUGHT).best
    assert best is not None
    assert best.entry.id == "big-ai-players"


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
