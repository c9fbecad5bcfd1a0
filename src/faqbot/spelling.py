"""Typo correction towards the knowledge base's own words, with symspellpy.

A reader's word that the knowledge base does not use is corrected to the closest word it
does use (symmetric-delete lookup, Damerau-Levenshtein distance), unless it is a real
English word: "kroea" becomes "korea", but "rice" does not become "price". Real words are
the 82,765 of the frequency dictionary that ships with symspellpy (Google Books n-grams
intersected with SCOWL); it is read on first need, once per process (about 25 ms).
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on the first correction (about 8 ms of start-up)
    from symspellpy import SymSpell

# Words this short are too ambiguous to correct ("law" vs "low"); up to 5 letters allow one
# edit ("jpan", "kroea"), longer words two ("goverment", "investmnet").
MIN_LENGTH = 4
ONE_EDIT_UP_TO = 5
MAX_EDITS = 2
_DICTIONARY = "frequency_dictionary_en_82_765.txt"


@cache
def english_words() -> frozenset[str]:
    """The lower-case words of symspellpy's English frequency dictionary."""
    path = importlib.resources.files("symspellpy") / _DICTIONARY
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.split(" ", 1)[0] for line in lines)


class Speller:
    """Corrects words towards a vocabulary; built once per knowledge base, then read-only."""

    def __init__(self, vocabulary: Mapping[str, int], *, small: bool = False) -> None:
        """vocabulary: surface word -> how often the knowledge base uses it (ties go to more).

        small: a vocabulary of a few hundred words (small talk), whose index costs little
        to build, is searched before the English dictionary is read (about 25 ms in a fresh
        process), so that is read only for words near one of them. Same corrections.
        """
        self._vocabulary = dict(vocabulary)
        self._small = small
        self._symspell: SymSpell | None = None
        self._cache: dict[str, str | None] = {}

    def _index(self) -> SymSpell:
        if self._symspell is None:
            from symspellpy import SymSpell

            index = SymSpell(max_dictionary_edit_distance=MAX_EDITS, prefix_length=7)
            for word, count in self._vocabulary.items():
                if len(word) >= MIN_LENGTH - 1 and word.isalpha():
                    index.create_dictionary_entry(word, max(count, 1))
            self._symspell = index
        return self._symspell

    def prepare(self) -> None:
        """Build the index and read the English word list now (about 0.1 s for an article's
        vocabulary), not on the first word that needs them: for a server, before it takes
        questions (see Matcher.prepare)."""
        self._index()
        english_words()

    def may_correct(self, word: str) -> bool:
        """False for a word correct never changes: known, too short, or not all letters."""
        return word not in self._vocabulary and len(word) >= MIN_LENGTH and word.isalpha()

    def correct(self, word: str, *, max_edits: int = MAX_EDITS) -> str | None:
        """The vocabulary word a typo stands for, or None (known, real or unmatched word).

        max_edits lowers the usual limit (one edit up to ONE_EDIT_UP_TO letters, else two).
        """
        if not self.may_correct(word):
            return None
        key = word if max_edits >= MAX_EDITS else f"{word}/{max_edits}"
        if key in self._cache:
            return self._cache[key]
        found: str | None = None
        if self._small or word not in english_words():
            edits = min(max_edits, 1 if len(word) <= ONE_EDIT_UP_TO else MAX_EDITS)
            from symspellpy import Verbosity

            hits = self._index().lookup(word, Verbosity.CLOSEST, max_edit_distance=edits)
            # Two edits and a different first letter is another word, not a typo
            # ("tencent" is not "percent").
            hits = [h for h in hits if h.distance < 2 or h.term[0] == word[0]]
            if hits and not (self._small and word in english_words()):
                found = max(hits, key=lambda h: (h.count, h.term)).term
        if len(self._cache) < 50_000:
            self._cache[key] = found
        return found
