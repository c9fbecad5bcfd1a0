"""The live knowledge: knowledge, taught phrasings and matcher as one value, swapped whole."""

from __future__ import annotations

import dataclasses

import pytest

from faqbot.config import load_settings
from faqbot.knowledge import KnowledgeBase
from faqbot.live import build_live, load_live, teach, unteach
from faqbot.matching import Decision
from tests.conftest import ROOT

SETTINGS = load_settings(ROOT / "bot" / "config.yaml", environ={})
TAUGHT = "which lamp brand glows in the dark parking lot"


def test_teaching_makes_a_new_value_and_leaves_the_old_one_alone(kb: KnowledgeBase) -> None:
    live = build_live(kb, SETTINGS.matching)
    assert live.matcher.match(TAUGHT).decision is not Decision.ANSWER
    taught = build_live(
        live.files, SETTINGS.matching, teach(live.taught, "big-ai-players", [TAUGHT, TAUGHT])
    )
    assert taught.taught == {"big-ai-players": (TAUGHT,)}
    assert taught.taught_count == 1
    result = taught.matcher.match(TAUGHT)
    assert result.decision is Decision.ANSWER
    assert result.best is not None
    assert result.best.entry.id == "big-ai-players"
    assert taught.kb.get("big-ai-players") is not None
    assert TAUGHT in taught.kb.get("big-ai-players").phrasings  # type: ignore[union-attr]
    # The old value still answers as before: a handler holding it sees one moment's knowledge.
    assert live.taught_count == 0
    assert live.matcher.match(TAUGHT).decision is not Decision.ANSWER
    assert taught.files is live.files
    untaught = build_live(
        live.files, SETTINGS.matching, unteach(taught.taught, "big-ai-players", (TAUGHT,))
    )
    assert untaught.taught_count == 0
    assert untaught.matcher.match(TAUGHT).decision is not Decision.ANSWER


def test_teach_and_unteach_are_plain_values() -> None:
    before = {"big-ai-players": ("a",)}
    taught = teach(before, "big-ai-players", ["b", "a", "b"])
    assert taught == {"big-ai-players": ("a", "b")}
    assert teach(taught, "japan-focus", ["c"]) == {
        "big-ai-players": ("a", "b"),
        "japan-focus": ("c",),
    }
    assert unteach(taught, "big-ai-players", ["a", "x"]) == {"big-ai-players": ("b",)}
    assert unteach(taught, "japan-focus", ["c"]) == {**taught, "japan-focus": ()}
    assert before == {"big-ai-players": ("a",)}  # unchanged
    with pytest.raises(TypeError):
        taught["x"] = ()  # type: ignore[index]


def test_live_is_frozen(kb: KnowledgeBase) -> None:
    live = build_live(kb, SETTINGS.matching, {"big-ai-players": [TAUGHT]})
    with pytest.raises(dataclasses.FrozenInstanceError):
        live.matcher = live.matcher  # type: ignore[misc]
    with pytest.raises(TypeError):
        live.taught["x"] = ()  # type: ignore[index]


def test_load_live_serves_what_the_bot_serves() -> None:
    live = load_live(SETTINGS, {"big-ai-players": [TAUGHT]})
    assert live.kb.get("big-ai-players") is not None
    assert all(not e.draft for e in live.kb.entries)
    assert live.matcher.settings == SETTINGS.matching
    assert live.taught_count == 1
