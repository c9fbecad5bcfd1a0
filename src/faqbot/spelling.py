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

from faqbot.normalise import stem, token_tuple

if TYPE_CHECKING:  # imported on the first correction (about 8 ms of start-up)
    from symspellpy import SymSpell

# Words this short are too ambiguous to correct ("law" vs "low"); up to 5 letters allow one
# edit ("jpan", "kroea"), longer words two ("goverment", "investmnet").
MIN_LENGTH = 4
ONE_EDIT_UP_TO = 5
MAX_EDITS = 2
_DICTIONARY = "frequency_dictionary_en_82_765.txt"


@cache
def english_counts() -> dict[str, int]:
    """The lower-case words of symspellpy's English frequency dictionary, with their counts."""
    path = importlib.resources.files("symspellpy") / _DICTIONARY
    with path.open(encoding="utf-8") as lines:
        return {word: int(count) for word, count in (line.split() for line in lines)}


@cache
def english_words() -> frozenset[str]:
    """The lower-case words of symspellpy's English frequency dictionary."""
    return frozenset(english_counts())


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
        """The vocabulary word a typo stands for, or None (known, real or unmatched word);
        an English word the vocabulary lacks when the typo is nearer to it.

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
                # Of words as near, one with the typo's first letter (typists seldom slip on
                # it: "lones" is "lines", not "ones"), then the commonest.
                found = max(hits, key=lambda h: (h.term[0] == word[0], h.count, h.term)).term
                if hits[0].distance > 1:
                    # One slip from an English word the knowledge never writes, two from
                    # one it does: the reader meant the nearer ("changng" is "changing",
                    # not the article's "chasing"), the commonest such word; unless one of
                    # them is the knowledge's word in another form or spelling ("courses",
                    # "monopolise").
                    counts = english_counts()
                    nearer = [w for w in one_edit(word) if w in counts]
                    kept = stem(found)
                    if nearer and all(stem(t) != kept for w in nearer for t in token_tuple(w)):
                        found = max(nearer, key=lambda w: (counts[w], w))
        if len(self._cache) < 50_000:
            self._cache[key] = found
        return found


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away (of a to
    z): Norvig's edit set, written here because no installed library generates it
    (symspellpy's edits are deletions only); its callers test the few hundred strings for
    membership of a word list. Checking each of the list's 82,765 English words with
    rapidfuzz's OSA distance instead took 17 to 22 ms a word against 50 to 75 us, and would
    reach words this set leaves out ("i'll" from "ill")."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)
