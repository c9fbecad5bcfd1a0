"""The per-article build of the matcher: parts merged give what the former one-pass build
gave (tests/monolithic.py), also when parts kept from before are reused, and only where
another article changes nothing they depend on."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot import compiling
from faqbot.analysis import join_candidates, pairs
from faqbot.compiling import Part
from faqbot.config import load_settings
from faqbot.knowledge import Article, Entry, KnowledgeBase, Source, load_knowledge
from faqbot.normalise import tokens
from tests import monolithic
from tests.conftest import ROOT, two_articles_folder

SETTINGS = load_settings(ROOT / "bot" / "config.yaml", environ={}).matching
WEIGHT = SETTINGS.context_weight


def _entry(article: Article, entry_id: str, question: str, answer: str) -> Entry:
    return Entry(entry_id, question, answer, Source("Section", answer), article)


A = Article("article-a", "Article A")
B = Article("article-b", "Article B")
C = Article("article-c", "Article C")


def _kb(*entries: Entry) -> KnowledgeBase:
    return KnowledgeBase(articles=tuple(dict.fromkeys(e.article for e in entries)), entries=entries)


def _built(kb: KnowledgeBase, kept: list[Part | None] | None = None) -> list[int]:
    """Build from kept parts; assert the result is the one-pass build's; the runs built."""
    compiled, parts, built = compiling.build(kb, WEIGHT, kept)
    assert compiled == monolithic.compile_knowledge(kb, SETTINGS)
    assert [p.start for p in parts] == compiling.starts(compiling.runs(kb))
    return built


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(two_articles_folder(tmp_path_factory.mktemp("two")))


def test_parts_merged_are_the_one_pass_build(kb: KnowledgeBase, two: KnowledgeBase) -> None:
    assert _built(kb) == [0]
    assert _built(two) == [0, 1]
    assert len(compiling.runs(two)) == len(two.articles) == 2


def test_parts_of_articles_in_turns_are_the_one_pass_build(two: KnowledgeBase) -> None:
    """Entries of two articles taken in turns make many runs; the same result."""
    first = [e for e in two.entries if e.article.id == two.articles[0].id]
    second = [e for e in two.entries if e.article.id == two.articles[1].id]
    mixed = [e for pair in zip(first, second, strict=False) for e in pair]
    kb = replace(two, entries=tuple(mixed))
    assert len(compiling.runs(kb)) == len(mixed)
    assert _built(kb) == list(range(len(mixed)))


def test_kept_parts_are_used_and_an_edited_article_is_built_again(two: KnowledgeBase) -> None:
    _, parts, _ = compiling.build(two, WEIGHT)
    assert _built(two, list(parts)) == []  # every part reused
    # One article edited (its first answer): only it is built again.
    first = two.entries[0]
    edited = replace(
        two, entries=(replace(first, answer=first.answer + " Updated."), *two.entries[1:])
    )
    assert _built(edited, [None, parts[1]]) == [0]
    # An entry more in the first article: the second's part starts elsewhere, so it is
    # not used as it is (the cache moves it: tests/test_matchercache.py).
    added = replace(two, entries=(first, replace(first, id="an-extra-entry"), *two.entries[1:]))
    assert _built(added, [None, parts[1]]) == [0, 1]


def test_a_join_another_article_makes_possible_rebuilds_the_article() -> None:
    """ "Viet Nam" is joined into "vietnam" when any article writes "Vietnam"."""
    a = _entry(A, "a-invest", "Who invests in Viet Nam?", "Many firms invest in Viet Nam.")
    b_plain = _entry(B, "b-market", "How big is the market?", "The market is large.")
    b_joined = _entry(B, "b-market", "How big is the market?", "The Vietnam market is large.")
    c = _entry(C, "c-jobs", "How many jobs?", "Ten thousand jobs.")
    before = _kb(a, b_plain, c)
    _, parts, _ = compiling.build(before, WEIGHT)
    assert "vietnam" in parts[0].unjoined.split()
    assert not parts[0].joined
    after = _kb(a, b_joined, c)
    # B edited: A's part no longer fits (its "viet nam" is now joined); C's still does.
    assert _built(after, [parts[0], None, parts[2]]) == [0, 1]
    _, parts_after, _ = compiling.build(after, WEIGHT)
    assert parts_after[0].joined == {"vietnam"}
    assert "vietnam" in parts_after[0].terms
    assert "vietnam" not in parts[0].terms
    # And back: B no longer writes it, A is built again without the join.
    assert _built(before, [parts_after[0], None, parts_after[2]]) == [0, 1]


def test_names_come_from_every_article() -> None:
    """A word one article capitalises is a name unless some article's prose writes it in
    lower case; the names each entry mentions follow."""
    a = _entry(A, "a-grab", "What did Grab announce?", "Grab announced a new fund.")
    b_lower = _entry(B, "b-grab", "What can you grab?", "You can grab a seat.")
    b_other = _entry(B, "b-seat", "Where to sit?", "You can take a seat.")
    for b in (b_lower, b_other):
        kb = _kb(a, b)
        compiled, _, _ = compiling.build(kb, WEIGHT)
        assert compiled == monolithic.compile_knowledge(kb, SETTINGS)
        assert ("grab" in compiled.names) is (b is b_other)
    _, parts, _ = compiling.build(_kb(a, b_other), WEIGHT)
    # A's part is used again beside either B (names are derived in the merge).
    assert _built(_kb(a, b_lower), [parts[0], None]) == [1]


def test_a_part_holds_together() -> None:
    entry = _entry(A, "a-one", "How big is the market?", "The market is large.")
    _, (part,), _ = compiling.build(_kb(entry), WEIGHT)
    part.check()
    assert part.pairs
    with pytest.raises(ValueError, match="out of range"):
        replace(part, indices=(*part.indices[:-1], 99)).check()
    with pytest.raises(ValueError, match="do not add up"):
        replace(part, sizes=part.sizes[:-1]).check()
    with pytest.raises(ValueError, match="cut short"):
        replace(part, paired=part.paired[:-1]).check()
    with pytest.raises(ValueError, match="starts at entry 3"):
        compiling.merge([replace(part, start=3)], KnowledgeBase((), ()).thesaurus)


def test_a_part_fits_when_no_word_it_could_join_became_joinable() -> None:
    a = _entry(A, "a-invest", "Who invests in Viet Nam?", "Many firms invest in Viet Nam.")
    _, (part,), _ = compiling.build(_kb(a), WEIGHT)
    before = frozenset({"market", "firms"})
    for joinable, fits in (
        (before | {"vietnam"}, False),  # "viet nam" would now be joined
        (before | {"elsewhere"}, True),  # nothing of A's
        (frozenset(), True),
    ):
        basis = compiling.basis_of(joinable)
        assert part.fits(joinable, basis) is fits
        # Knowing the words it was built with, only those joinable since are looked for.
        assert part.fits(joinable, basis, before) is fits
    # A word it joined that is no longer joinable: it does not fit.
    b = _entry(B, "b-market", "How big is the market?", "The Vietnam market is large.")
    _, parts, _ = compiling.build(_kb(a, b), WEIGHT)
    assert not parts[0].fits(before, compiling.basis_of(before), before | {"vietnam"})


@settings(deadline=None, max_examples=300)
@given(st.lists(st.lists(st.sampled_from(["ai", "market", "size", "korea", "7", "ai market"]))))
def test_pairs_in_one_pass_are_each_texts_pairs(texts: list[list[str]]) -> None:
    each = frozenset().union(*(pairs(words) for words in texts))
    assert compiling._pairs(texts) == each


def test_an_articles_possible_joins_and_words_are_each_texts() -> None:
    kb = load_knowledge(ROOT / "faq")
    (entries, *_) = compiling.runs(kb)
    memo = compiling._Memo(kb.thesaurus)
    # Read three times with one memo, as articles that share every text: each text met
    # first, then again (its joins kept), then kept.
    first, again, kept = (compiling._read(entries, memo) for _ in range(3))
    assert first == again == kept
    read = first
    texts = [
        t
        for e in entries
        for t in (e.question, *e.alternates, e.answer, e.source.quote, e.source.section, *e.tags)
    ]
    facts = [f"{e.answer}\n{e.source.quote}" for e in entries]
    assert read.joins == frozenset().union(*(join_candidates(tokens(t)) for t in [*texts, *facts]))
    surface: dict[str, int] = {}
    for text in texts:
        for word in tokens(text):
            surface[word] = surface.get(word, 0) + 1
    assert list(read.surface.items()) == list(surface.items())  # first seen first
