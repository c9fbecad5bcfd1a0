"""The live knowledge: knowledge, taught phrasings and matcher as one value, swapped whole."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

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


# In a fresh process: whether lemminflect's lexicon is loaded (its lemmatizer, a
# singleton, reads its table on first use into lemma_dict) and the matcher's spelling
# index built.
_PREPARED = """
from lemminflect.core.Lemmatizer import Lemmatizer
from faqbot.config import load_settings
from faqbot.live import load_live
live = load_live(load_settings(), prepare={prepare})
print(hasattr(Lemmatizer(), "lemma_dict"), live.matcher.analyzer._speller._symspell is not None)
"""


@pytest.mark.parametrize(("prepare", "loaded"), [(True, "True True"), (False, "False False")])
def test_a_prepared_matcher_loads_before_the_first_question(prepare: bool, loaded: str) -> None:
    """The bot's matcher loads lemminflect's lexicon and its spelling index before it is
    served (a first "does it add value ..." cost a reader 0.2 s, a first typo 0.09 s);
    `faqbot ask`'s does not, so its start-up does not grow."""
    done = subprocess.run(
        [sys.executable, "-c", _PREPARED.format(prepare=prepare)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == loaded.split()


def test_a_prepared_matcher_answers_the_same() -> None:
    plain = load_live(SETTINGS)
    prepared = load_live(SETTINGS, prepare=True)
    for question in ("does small ai add value for businesses", "wat is smol ai", "hey"):
        assert plain.matcher.match(question) == prepared.matcher.match(question), question
