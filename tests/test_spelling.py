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


def test_the_english_dictionary_ships_with_symspellpy() -> None:
    words = english_words()
    assert len(words) > 80_000
    assert "the" in words
