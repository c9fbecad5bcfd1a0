"""Flood control: a sliding window per user, one notice per burst, bounded memory."""

from __future__ import annotations

from faqbot.flood import FloodGuard


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limits_each_user_separately() -> None:
    clock = Clock()
    guard = FloodGuard(limit=3, window=60, clock=clock)
    assert all(guard.check(1).allowed for _ in range(3))
    first, second = guard.check(1), guard.check(1)
    assert not first.allowed
    assert first.notify
    assert first.retry_after == 60
    assert not second.allowed
    assert not second.notify
    assert guard.check(2).allowed


def test_a_limited_user_is_told_once_in_each_chat() -> None:
    clock = Clock()
    guard = FloodGuard(limit=2, window=60, clock=clock)
    assert guard.check(1, -100).allowed
    assert guard.check(1, -100).allowed
    in_group = [guard.check(1, -100) for _ in range(3)]
    assert [v.notify for v in in_group] == [True, False, False]
    in_private = [guard.check(1, 1) for _ in range(2)]  # the limit is the user's, overall
    assert [(v.allowed, v.notify) for v in in_private] == [(False, True), (False, False)]
    clock.now += 61
    assert guard.check(1, 1).allowed
    assert guard.check(1, -100).allowed
    assert guard.check(1, -100).notify  # a new burst: told again


def test_window_slides() -> None:
    clock = Clock()
    guard = FloodGuard(limit=2, window=10, clock=clock)
    guard.check(1)
    clock.now += 5
    guard.check(1)
    assert not guard.check(1).allowed
    clock.now += 5.5
    assert guard.check(1).allowed  # the first question left the window
    assert not guard.check(1).allowed
    assert guard.check(1).notify is False


def test_idle_users_are_forgotten() -> None:
    clock = Clock()
    guard = FloodGuard(limit=1, window=10, clock=clock)
    for user in range(100):
        guard.check(user)
    clock.now += 30
    guard.check(999)
    assert len(guard._seen) == 1


def test_shared_sender_ids_count_per_chat_they_speak_for() -> None:
    from faqbot.flood import flood_key

    assert flood_key(42, None, -100) == 42
    anonymous_admin = 1087968824
    assert flood_key(anonymous_admin, -100, -100) == -100
    assert flood_key(anonymous_admin, None, -200) == -200
    assert flood_key(777000, -300, -400) == -300  # a channel post in its discussion group
    assert flood_key(None, None, -500) == -500
