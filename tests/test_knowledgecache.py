"""The compiled knowledge cache: same knowledge as the files, any change seen, never in the way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from faqbot import knowledge, knowledgecache
from faqbot.knowledge import KnowledgeBase, load_knowledge, validate


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> object:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(knowledge, "parse_file", refuse)
    monkeypatch.setattr(knowledge, "load_thesaurus", refuse)


def test_the_cache_loads_the_same_knowledge_without_parsing(
    faq: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_files = load_knowledge(faq, cache=False)
    assert not (faq / knowledgecache.FOLDER).exists()
    assert load_knowledge(faq) == from_files  # first load: parsed and cached
    assert len(list((faq / knowledgecache.FOLDER).glob("*.json"))) == 1
    _no_parsing(monkeypatch)
    cached = load_knowledge(faq)
    assert cached == from_files
    assert cached.thesaurus == from_files.thesaurus
    assert cached.scopes == from_files.scopes
    assert cached.entries[0].article is cached.articles[0]


def test_an_edit_is_seen_even_with_the_same_size_and_time(faq: Path) -> None:
    file = faq / "asia-ai-battle-lines.yaml"
    before = load_knowledge(faq)
    stat = file.stat()
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Will Big AI monopolise", "Will Big AI monopolize", 1), "utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size
    after = load_knowledge(faq)
    assert _question(after) == "Will Big AI monopolize the market?"
    assert _question(before) == "Will Big AI monopolise the market?"
    # The thesaurus is part of the key too.
    vocabulary = faq / "asia-ai-battle-lines.thesaurus.yaml"
    vocabulary.unlink()
    assert load_knowledge(faq).scope_of("asia-ai-battle-lines") == frozenset()


def test_problems_are_never_cached(faq: Path) -> None:
    file = faq / "asia-ai-battle-lines.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    for _ in range(2):
        kb, problems = validate(faq)
        assert kb is None
        assert any(p.field == "extra" and p.line for p in problems)
    assert not list((faq / knowledgecache.FOLDER).glob("*.json"))


def test_a_corrupt_or_unusable_cache_is_skipped(faq: Path) -> None:
    expected = load_knowledge(faq, cache=False)
    load_knowledge(faq)
    for cached in (faq / knowledgecache.FOLDER).glob("*.json"):
        cached.write_text('{"article": [1, 2', encoding="utf-8")
    assert load_knowledge(faq) == expected
    for cached in (faq / knowledgecache.FOLDER).glob("*.json"):
        cached.write_text('{"article": [1, 2, null, null], "entries": []}', encoding="utf-8")
    assert load_knowledge(faq) == expected  # a text that is not text: not used
    shutil.rmtree(faq / knowledgecache.FOLDER)
    (faq / knowledgecache.FOLDER).write_text("not a folder")  # cannot be read or written
    assert load_knowledge(faq) == expected


def test_stale_entries_are_pruned(faq: Path) -> None:
    folder = faq / knowledgecache.FOLDER
    folder.mkdir()
    for n in range(20):
        (folder / f"{n:040x}.json").write_text("{}")
    load_knowledge(faq)
    assert len(list(folder.iterdir())) == 1


def test_the_key_depends_on_both_files() -> None:
    assert knowledgecache.key(b"a", None) != knowledgecache.key(b"a", b"")
    assert knowledgecache.key(b"a", b"b") != knowledgecache.key(b"ab", None)
    assert knowledgecache.key(b"a", b"b") == knowledgecache.key(b"a", b"b")


def _question(kb: KnowledgeBase) -> str | None:
    """The question of the entry the edits above change."""
    entry = kb.get("big-ai-monopoly")
    return entry.question if entry else None
