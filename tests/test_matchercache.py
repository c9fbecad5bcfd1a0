"""The compiled matcher cache, one part per article: the same matcher as a fresh build (and
as the former one-pass build), any change seen, only edited articles built again, never in
the way."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from faqbot import compiling, knowledgecache, matchercache
from faqbot.config import load_settings
from faqbot.evaluate import load_cases
from faqbot.knowledge import load_knowledge
from faqbot.live import load_live
from faqbot.matching import Matcher, MatchSettings
from tests import monolithic
from tests.conftest import DATA_DIR, ROOT, two_articles_folder
from tests.golden import GOLDEN, SETS, snapshot

SETTINGS = load_settings(ROOT / "bot" / "config.yaml", environ={}).matching


def _cache(faq: Path) -> Path:
    return matchercache.folder_of(faq / knowledgecache.FOLDER)


def _no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> object:
        raise AssertionError("built although cached")

    monkeypatch.setattr(compiling, "_read", refuse)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles built from now on, in order."""
    built: list[str] = []
    read = compiling._read

    def counted(entries: Any, memo: Any) -> Any:
        built.append(entries[0].article.id)
        return read(entries, memo)

    monkeypatch.setattr(compiling, "_read", counted)
    return built


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
    assert cached.compiled == monolithic.compile_knowledge(cached.kb, SETTINGS)
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
    (name,) = matchercache.keys(kb, SETTINGS)
    changed = [
        matchercache.keys(kb.with_alternates({first.id: ["a phrasing taught in chat"]}), SETTINGS),
        matchercache.keys(kb, replace(SETTINGS, margin=SETTINGS.margin + 0.01)),
        matchercache.keys(
            replace(kb, entries=(replace(first, draft=True), *kb.entries[1:])), SETTINGS
        ),
        matchercache.keys(replace(kb, thesaurus=replace(kb.thesaurus, synonyms={})), SETTINGS),
    ]
    assert len({name, *(k for (k,) in changed)}) == 5
    assert matchercache.keys(load_knowledge(faq), SETTINGS) == [name]
    assert matchercache.keys(kb.of_article("another"), SETTINGS) == []


def test_an_edited_article_is_the_only_one_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two articles: after an edit to one, its part is built and the other's read; the
    matcher is the one-pass build's, also when the edit adds an entry (the other's entries
    move) or removes one."""
    folder = two_articles_folder(tmp_path / "faq")
    first = _load(folder)
    assert first.compiled == monolithic.compile_knowledge(first.kb, SETTINGS)
    assert len(list(_cache(folder).glob("*.json"))) == 2
    built = _counting(monkeypatch)
    file = folder / "asia-ai-battle-lines.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data["entries"][0]["answer"] += " Updated after publication."
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    edited = _load(folder)
    assert built == ["asia-ai-battle-lines"]
    assert edited.compiled == monolithic.compile_knowledge(edited.kb, SETTINGS)
    assert edited.compiled != first.compiled
    for change in ("add", "remove"):
        built.clear()
        entries = data["entries"]
        if change == "add":
            entries.insert(0, {**entries[0], "id": "an-added-entry"})
        else:
            del entries[:2]
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        after = _load(folder)
        assert built == ["asia-ai-battle-lines"], change  # the other article's part moved
        assert after.compiled == monolithic.compile_knowledge(after.kb, SETTINGS), change
    _no_building(monkeypatch)
    assert _load(folder).compiled == after.compiled
    # The joinable words each set of parts was built with are kept beside them.
    bases = {p.stem for p in (_cache(folder) / matchercache.JOINABLE).glob("*.json")}
    assert bases
    for basis in bases:
        assert matchercache.read_joinable(_cache(folder), basis) is not None


def test_a_corrupt_set_of_joinable_words_is_refused(faq: Path) -> None:
    _load(faq)
    (kept,) = (_cache(faq) / matchercache.JOINABLE).glob("*.json")
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["joinable"] = data["joinable"][1:]  # not the words its name is the digest of
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert matchercache.read_joinable(_cache(faq), kept.stem) is None
    assert not kept.exists()  # removed: a load only looks whether one is kept
    kept.write_text("[]", encoding="utf-8")
    assert matchercache.read_joinable(_cache(faq), kept.stem) is None
    assert not kept.exists()
    # The next load that builds parts with these words keeps them again.
    for part in _cache(faq).glob("*.json"):
        part.unlink()
    _load(faq)
    assert matchercache.read_joinable(_cache(faq), kept.stem) is not None


def test_a_load_building_parts_does_not_read_the_joinable_words_kept(
    faq: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(faq)
    (kept,) = (_cache(faq) / matchercache.JOINABLE).glob("*.json")
    os.utime(kept, (0, 0))
    for part in _cache(faq).glob("*.json"):
        part.unlink()

    def refuse(*args: object) -> object:
        raise AssertionError("read to tell whether it is kept")

    monkeypatch.setattr(matchercache, "read_joinable", refuse)
    _load(faq)
    assert kept.stat().st_mtime > 0  # marked used, so that pruning keeps it


def test_a_part_reads_back_as_written_wherever_its_article_is(faq: Path) -> None:
    kb = load_knowledge(faq)
    _, (part,), _ = compiling.build(kb, SETTINGS.context_weight)
    data = json.loads(json.dumps(matchercache.encode(part)))
    assert matchercache.decode(data, 0, len(kb)) == part
    moved = matchercache.decode(data, 7, len(kb))  # seven entries of other articles before
    assert moved == replace(
        part,
        start=7,
        indices=tuple(i + 7 for i in part.indices),
        paired=tuple(i + 7 for i in part.paired),
    )
    with pytest.raises(ValueError, match="entries"):
        matchercache.decode(data, 0, len(kb) + 1)


def test_every_field_of_a_fact_reads_back(faq: Path) -> None:
    """Units, rankings, denials and both directions of change (flag bits) are kept per
    entry."""
    kb = load_knowledge(faq)
    _, (part,), _ = compiling.build(kb, SETTINGS.context_weight)
    assert any(f.units for f in part.facts)
    assert any(f.ranks for f in part.facts)
    facts = (
        replace(part.facts[0], units=frozenset({"usd", "per year"}), ranks=True),
        replace(part.facts[1], directions=frozenset({"up", "down"}), ranks=False),
        replace(part.facts[2], units=frozenset(), directions=frozenset({"down"})),
        replace(part.facts[3], negates=not part.facts[3].negates),
        *part.facts[4:],
    )
    varied = replace(part, facts=facts)
    data = json.loads(json.dumps(matchercache.encode(varied)))
    assert matchercache.decode(data, 0, len(kb)) == varied
    with pytest.raises(ValueError, match="directions"):
        matchercache.encode(replace(part, facts=(replace(facts[0], directions=frozenset({"x"})),)))


def _edited(field: str, value: Callable[[Any], Any]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        data = json.loads(text)
        data[field] = value(data[field])
        return json.dumps(data)

    return edit


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "not json",
        lambda text: "[]",
        _edited("phrased", lambda v: []),  # another shape
        _edited("format", lambda v: 1),
        _edited("key", lambda v: "0" * 40),
        _edited("entries", lambda v: v + 1),
        _edited("indices", lambda v: [10**6, *v[1:]]),  # an entry index out of range
        _edited("paired", lambda v: [-1, *v[1:]]),
        _edited("pairs", lambda v: [10**6, *v[1:]]),  # a word out of range
        _edited("pairs", lambda v: v[:-1]),  # half a pair
        _edited("sizes", lambda v: [v[0] + 1, *v[1:]]),
        _edited("terms", lambda v: -1),
        _edited("words", lambda v: [v[1], *v[1:]]),  # a keyword twice
        _edited("counts", lambda v: ["many", *v[1:]]),
        _edited("presences", lambda v: "2" + v[1:]),
        _edited("context", lambda v: True),
        _edited("flags", lambda v: v[:-1]),
        _edited("years", lambda v: [1, *v[1:]]),
        _edited("unjoined", lambda v: None),
    ],
)
def test_a_corrupt_part_is_refused_and_built_again(faq: Path, damage: Callable[[str], str]) -> None:
    kb = load_knowledge(faq)
    expected = Matcher(kb, SETTINGS)
    _load(faq)
    (cached,) = _cache(faq).glob("*.json")
    cached.write_text(damage(cached.read_text(encoding="utf-8")), encoding="utf-8")
    assert matchercache.read(_cache(faq), cached.stem, 0, len(kb)) is None
    rebuilt = _load(faq)
    assert rebuilt.compiled == expected.compiled
    part = compiling.build(kb, SETTINGS.context_weight)[1][0]
    assert matchercache.read(_cache(faq), cached.stem, 0, len(kb)) == part  # written again


def test_parts_are_private_to_the_bots_user(faq: Path) -> None:
    _load(faq)
    (cached,) = _cache(faq).glob("*.json")
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    assert stat.S_IMODE(_cache(faq).stat().st_mode) == 0o700


def test_an_unwritable_cache_folder_only_means_building(faq: Path) -> None:
    blocked = faq / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    kb = load_knowledge(faq)
    matcher = matchercache.load(kb, SETTINGS, blocked / "matchers")
    assert matcher.match("How big is the APAC AI market?").answered


def test_only_the_parts_of_the_newest_loads_are_kept(faq: Path) -> None:
    kb = load_knowledge(faq)
    newest = matchercache.KEEP_PER_ARTICLE * len(kb.articles) + matchercache.KEEP_MORE
    for weight in range(newest + 3):
        matchercache.load(kb, MatchSettings(context_weight=weight / 100), _cache(faq))
    kept = list(_cache(faq).glob("*.json"))
    assert len(kept) == newest
    (last,) = matchercache.keys(kb, MatchSettings(context_weight=(newest + 2) / 100))
    assert last in {p.stem for p in kept}
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
