"""Callback data: one codec, the 64-byte limit in one place, a handler per action."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update
from telegram.ext import CallbackQueryHandler

from faqbot.config import Secret, load_settings
from faqbot.telegram import readers
from faqbot.telegram.app import build_application
from faqbot.telegram.callbacks import (
    EDITOR_ACTIONS,
    MAX_CALLBACK_BYTES,
    Action,
    Callback,
    CallbackDataError,
    decode,
    encode,
)
from tests.conftest import ROOT

SAMPLE_ARGS: dict[Action, tuple[str | int, ...]] = {
    Action.CHOICE: ("apac-market-size",),
    Action.ANSWER: ("japan-focus",),
    Action.VOTE: ("japan-focus", "u"),
    Action.VOTE_PARTIAL: ("japan-focus", "d"),
    Action.SECTIONS: (2,),
    Action.SECTION: (3, 1),
    Action.ARTICLES: (1,),
    Action.ENTER: ("southeast-asia-ev-batteries",),
    Action.PICK: ("asia-ai-battle-lines",),
    Action.QUEUE: (0,),
    Action.REVIEW: (412,),
    Action.LINK: (412, "big-ai-players"),
    Action.LINK_ANYWAY: (412, "big-ai-players", "0a1b2c3d"),
    Action.DISMISS: (412,),
    Action.KEEP: (412,),
    Action.APPROVE: (7,),
    Action.APPROVE_ANYWAY: (7,),
    Action.REJECT: (7,),
    Action.UNDO: ("0a1b2c3d",),
    Action.PURGE: ("9f8e7d6c",),
    Action.PURGE_CANCEL: ("9f8e7d6c",),
}


@pytest.mark.parametrize("action", list(Action))
def test_every_action_round_trips(action: Action) -> None:
    args = SAMPLE_ARGS[action]
    data = encode(action, *args)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert decode(data) == Callback(action, tuple(map(str, args)))
    assert action.pattern.match(data)
    assert [a for a in Action if a.pattern.match(data)] == [action]


def test_the_longest_link_anyway_fits_telegrams_limit() -> None:
    """A group id of 10 digits, an entry id of 40 characters and the digest: 63 bytes."""
    data = encode(Action.LINK_ANYWAY, 9_999_999_999, "a" * 40, "0a1b2c3d")
    assert len(data.encode()) == 63
    assert decode(data) == Callback(Action.LINK_ANYWAY, ("9999999999", "a" * 40, "0a1b2c3d"))
    assert not Action.LINK_ANYWAY.pattern.match("uy:1:big-ai-players")  # a digest is needed


def test_wire_format_is_stable() -> None:
    """Buttons already sent keep working after an upgrade."""
    assert encode(Action.VOTE, "japan-focus", "d") == "v:japan-focus:d"
    assert encode(Action.SECTION, 3, 0) == "tp:3:0"
    assert encode(Action.LINK, 12, "x-1") == "ul:12:x-1"
    assert decode("tp:3:1") == Callback(Action.SECTION, ("3", "1"))
    assert decode("tp:3:1").number(1) == 1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "data",
    [
        "d:../etc",
        "zz:1",
        "tp:1",
        "v:x:z",
        "ur:abc",
        "",
        None,
        "a:" + "x" * 70,
        "d",
        "d:",
        "pc:1",
        "uu:0A1B2C3D",
        "px:0a1b2c3d4",
    ],
)
def test_data_the_bot_does_not_make_decodes_to_none(data: str | None) -> None:
    assert decode(data) is None
    assert not any(a.pattern.match(data or "") for a in Action)


def test_encode_refuses_what_telegram_or_decode_would_refuse() -> None:
    with pytest.raises(CallbackDataError, match="64 bytes"):
        encode(Action.LINK, 1, "é" * 40)
    with pytest.raises(CallbackDataError, match="shape"):
        encode(Action.ANSWER, "Not An Id")
    with pytest.raises(CallbackDataError, match="shape"):
        encode(Action.VOTE, "japan-focus")


def test_editor_actions() -> None:
    assert Action.LINK.for_editors
    assert not Action.VOTE.for_editors
    assert Action.PURGE.for_editors
    assert {a.value[0] for a in EDITOR_ACTIONS} == {"u", "s", "p"}
    assert all(a.value[0] not in "usp" for a in Action if not a.for_editors)


def _press(data: str) -> Update:
    user = {"id": 5, "is_bot": False, "first_name": "R"}
    query = {"id": "1", "from": user, "chat_instance": "c", "data": data}
    return Update.de_json({"update_id": 1, "callback_query": query}, None)


def test_each_action_has_its_own_handler_and_unknown_data_a_polite_one() -> None:
    app = build_application(load_settings(ROOT / "bot" / "config.yaml", environ={}), Secret("1:a"))
    buttons = [h for h in app.handlers[0] if isinstance(h, CallbackQueryHandler)]

    def handler_for(data: str) -> Any:
        return next(h for h in buttons if h.check_update(_press(data))).callback

    callbacks = {handler_for(encode(a, *SAMPLE_ARGS[a])) for a in Action}
    assert len(callbacks) == len(Action)
    assert readers.stale_button not in callbacks
    for data in ("x:DROP TABLE questions", "zz:1", "a:" + "x" * 70, "tp:1"):
        assert handler_for(data) is readers.stale_button


def test_browsing_buttons_may_name_an_article() -> None:
    """/topics of one article among several carries its id; older buttons keep working."""
    article = "southeast-asia-ev-batteries"
    assert encode(Action.SECTIONS, 0, article) == f"ts:0:{article}"
    assert decode(f"tp:3:1:{article}") == Callback(Action.SECTION, ("3", "1", article))
    assert decode("ts:2") == Callback(Action.SECTIONS, ("2",))
    longest = encode(Action.SECTION, 9999, 9999, "a" * 40)
    assert len(longest.encode()) <= MAX_CALLBACK_BYTES
    for data in ("ts:0:Bad_Id", "tp:1:" + "a" * 10, "ae:", "ap:x:y", "al:x"):
        assert decode(data) is None
