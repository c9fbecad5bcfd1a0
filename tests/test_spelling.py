"""Typo correction towards the knowledge base's words; real words are left alone."""

from __future__ import annotations

import pytest

from faqbot.spelling import Speller, english_words

VOCABULARY = {"korea": 5, "japan": 3, "singapore": 4, "government": 3, "skillsfuture": 1}


@pytest.mark.parametrize(
    ("typo", "word"),
    [("kroea", "korea"), ("jpan", "japan"), ("singapre", "singapore"), ("goverment", "government"),
     ("skilsfuture", "skillsfuture")],
)  # fmt: skip
def test_typos_meet_the_vocabulary(typo: str, word: str) -> None:
    assert Speller(VOCABULARY).correct(typo) == word


@pytest.mark.parametrize("word", ["korea", "rice", "thailand", "law", "2032", "zzzzzz"])
def test_known_real_short_and_unmatched_words_are_not_corrected(word: str) -> None:
    assert Speller(VOCABULARY).correct(word) is None


def test_two_edits_keep_the_first_letter() -> None:
    assert Speller({"percent": 3}).correct("tencent") is None


def test_a_slip_as_near_two_words_is_the_one_with_its_first_letter() -> None:
    """Typists seldom slip on a word's first letter: "lones" is "lines" (a vowel slipped),
    not "ones" (a letter added before it), though "ones" is the commoner word here."""
    assert Speller({"ones": 9, "lines": 2}).correct("lones") == "lines"


def test_the_english_dictionary_ships_with_symspellpy() -> None:
    words = english_words()
    assert len(words) > 80_000
    assert "the" in words


WORDS = [
    *("kroea jpan singapre goverment skilsfuture korea rice thailand law 2032 zzzzzz").split(),
    *("thnaks thanks hello helo much korean japanese gonvernment singapure price").split(),
]


@pytest.mark.parametrize("vocabulary", [VOCABULARY, dict.fromkeys("thanks hello bye".split(), 1)])
def test_a_small_vocabulary_corrects_the_same_and_reads_the_dictionary_late(
    vocabulary: dict[str, int],
) -> None:
    usual, small = Speller(vocabulary), Speller(vocabulary, small=True)
    for word in WORDS:
        for edits in (1, 2):
            assert small.correct(word, max_edits=edits) == usual.correct(word, max_edits=edits)
    english_words.cache_clear()
    assert Speller(vocabulary, small=True).correct("zzzzzz") is None
    assert english_words.cache_info().currsize == 0  # nothing near: the dictionary not read


@pytest.mark.parametrize("small", [False, True])
def test_a_typo_nearer_an_english_word_is_that_word(small: bool) -> None:
    """Two slips from a word of the knowledge, one from an English word it never writes:
    the reader meant the English word ("tradng" is "trading", not the article's "tracing");
    one that is the knowledge's word spelt another way is still that word."""
    speller = Speller({"tracing": 2, "organize": 3}, small=small)
    assert speller.correct("tradng") == "trading"
    assert speller.correct("tracng") == "tracing"  # one slip from the knowledge's word
    assert speller.correct("organse") == "organize"  # "organise", spelt its way
