"""The compiled matcher cache: the same matcher as a fresh build, any change seen, never in
the way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from faqbot import knowledgecache, matchercache, matching
from faqbot.config import load_settings
from faqbot.evaluate import load_cases
from faqbot.knowledge import load_knowledge
from faqbot.live import load_live
from faqbot.matching import Matcher, MatchSettings
from tests.conftest import DATA_DIR, FAQ_DIR, ROOT
from tests.golden import GOLDEN, SETS, snapshot

SETTINGS = load_settings(ROOT / "bot" / "config.yaml", environ={}).matching


@pytest.fixture
def faq(tmp_path: Path) -> Path:
    folder = tmp_path / "faq"
    folder.mkdir()
    for file in FAQ_DIR.glob("*.yaml"):
        shutil.copy2(file, folder)
    return folder


def _cache(faq: Path) -> Path:
    return matchercache.folder_of(faq / knowledgecache.FOLDER)


def _no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> object:
        raise AssertionError("built although cached")

    monkeypatch.setattr(matching, "compile_knowledge", refuse)


def _load(faq: Path, settings: MatchSettings = SETTINGS) -> Matcher:
    return matchercache.load(load_knowledge(faq), settings, _cache(faq))


def test_a_cached_matcher_is_the_matcher_built_afresh(
    faq: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = Matcher(load_knowledge(faq), SETTINGS)
    _load(faq)  # builds and keeps it
    assert len(list(_cache(faq).glob("*.json"))) == 1
    _no_building(monkeypatch)
    cached = _load(faq)
    assert cached.compiled == built.compiled
    # Every evaluation question gets the same ranking, scores and decision.
    for name in SETS:
        for case in load_cases(DATA_DIR / name):
            assert cached.rank(case.question) == built.rank(case.question), case.question
            assert cached.match(case.question) == built.match(case.question), case.question
    assert snapshot(cached) == GOLDEN.read_text(encoding="utf-8")


def test_a_changed_knowledge_file_or_setting_builds_a_new_matcher(faq: Path) -> None:
    _load(faq)
    file = faq / "asia-ai-battle-lines.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Will Big AI monopolise", "Will Big AI monopolize", 1), "utf-8")
    after = _load(faq)
    edited = after.kb.get("big-ai-monopoly")
    assert edited is not None
    assert edited.question == "Will Big AI monopolize the market?"
    assert after.compiled == Matcher(load_knowledge(faq), SETTINGS).compiled
    assert len(list(_cache(faq).glob("*.json"))) == 2
    # The thesaurus is part of the key too, and so are the settings.
    (faq / "asia-ai-battle-lines.thesaurus.yaml").unlink()
    _load(faq)
    _load(faq, MatchSettings(context_weight=0.5))
    assert len(list(_cache(faq).glob("*.json"))) == 4


def test_the_key_changes_with_any_change_to_the_knowledge(faq: Path) -> None:
    kb = load_knowledge(faq)
    first = kb.entries[0]
    keys = {
        matchercache.key(kb, SETTINGS),
        matchercache.key(kb.with_alternates({first.id: ["a phrasing taught in chat"]}), SETTINGS),
        matchercache.key(kb, replace(SETTINGS, margin=SETTINGS.margin + 0.01)),
        matchercache.key(kb.of_article("another"), SETTINGS),
        matchercache.key(
            replace(kb, entries=(replace(first, draft=True), *kb.entries[1:])), SETTINGS
        ),
    }
    assert len(keys) == 5
    assert matchercache.key(load_knowledge(faq), SETTINGS) == matchercache.key(kb, SETTINGS)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "not json",
        lambda text: json.dumps({**json.loads(text), "phrasings": []}),  # another shape
        lambda text: json.dumps({**json.loads(text), "format": 0}),
        lambda text: json.dumps({**json.loads(text), "key": "0" * 40}),
        lambda text: json.dumps(  # an entry index out of range
            {**json.loads(text), "pairs": [["a", "b", [10**6]]]}
        ),
        lambda text: json.dumps({**json.loads(text), "surface": [["word", "many"]]}),
        lambda text: "[]",
    ],
)
def test_a_corrupt_cache_is_rebuilt(faq: Path, damage: object) -> None:
    assert callable(damage)
    expected = Matcher(load_knowledge(faq), SETTINGS)
    _load(faq)
    (cached,) = _cache(faq).glob("*.json")
    cached.write_text(damage(cached.read_text(encoding="utf-8")), encoding="utf-8")
    rebuilt = _load(faq)
    assert rebuilt.compiled == expected.compiled
    assert matchercache.read(_cache(faq), cached.stem) == expected.compiled  # written again


def test_an_unwritable_cache_folder_only_means_building(faq: Path) -> None:
    blocked = faq / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    kb = load_knowledge(faq)
    matcher = matchercache.load(kb, SETTINGS, blocked / "matchers")
    assert matcher.match("How big is the APAC AI market?").answered


def test_only_the_newest_compiled_matchers_are_kept(faq: Path) -> None:
    kb = load_knowledge(faq)
    for weight in range(matchercache.KEEP + 3):
        matchercache.load(kb, MatchSettings(context_weight=weight / 10), _cache(faq))
    kept = list(_cache(faq).glob("*.json"))
    assert len(kept) == matchercache.KEEP
    newest = matchercache.key(kb, MatchSettings(context_weight=(matchercache.KEEP + 2) / 10))
    assert newest in {p.stem for p in kept}
    # The knowledge cache beside it is not disturbed by the matchers' folder.
    assert len(list((faq / knowledgecache.FOLDER).glob("*.json"))) == 1


def test_faqbot_ask_keeps_and_reuses_the_compiled_matcher(faq: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAQBOT_")}
    env["FAQBOT_KNOWLEDGE"] = str(faq)
    config = ROOT / "bot" / "config.yaml"
    command = [sys.executable, "-m", "faqbot", "--config", str(config), "ask", "--json"]
    question = "How big is the APAC AI market?"

    def ask() -> dict[str, object]:
        done = subprocess.run(
            [*command, question], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert isinstance(data, dict)
        return data

    first = ask()
    (kept,) = _cache(faq).glob("*.json")
    os.utime(kept, ns=(0, 0))
    assert ask() == first
    assert kept.stat().st_mtime_ns > 0  # read (and marked used), not rebuilt
    assert list(_cache(faq).glob("*.json")) == [kept]
    # An edited knowledge file gives a new matcher; the old one is not used.
    file = faq / "asia-ai-battle-lines.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("$815.98 billion by 2032", "$900 billion by 2032"), "utf-8")
    changed = ask()
    assert changed["answer"] != first["answer"]
    assert "$900 billion by 2032" in str(changed["answer"])
    assert len(list(_cache(faq).glob("*.json"))) == 2


def test_load_live_uses_the_cache_beside_the_knowledge(
    faq: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={"FAQBOT_KNOWLEDGE": str(faq)})
    taught = {"big-ai-players": ["who rules ai in asia"]}
    first = load_live(settings, taught)
    _no_building(monkeypatch)
    again = load_live(settings, taught)
    assert again.matcher.compiled == first.matcher.compiled
    assert (
        again.matcher.match("who rules ai in asia").best
        == first.matcher.match("who rules ai in asia").best
    )
