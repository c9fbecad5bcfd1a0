"""An article's own vocabulary: multi-word names, synonyms and scope, from YAML beside it.

``faq/<name>.thesaurus.yaml`` belongs to ``faq/<name>.yaml``::

    phrases:          # several words folded into one keyword before matching
      artificial general intelligence: agi
      asia pacific: apac
      smes: small company   # or one word expanded into several
    synonyms:         # keyword: [words readers use for it]
      company: [firm, business, enterprise]
    scope: [asia, apac]   # places every entry is about, named or not
    distinct: [marketing] # words kept apart from others of their stem ("market")
    contrasts:            # kinds the article sets against each other
      - Big AI: [big ai, large model]
        Small AI: [small ai, small model]

Under ``contrasts``, each set names kinds of one thing that exclude each other, each with
the words (one or two after the thesaurus) that name it: a fact the article states only of
one kind is no answer about another ("what does Small AI cost?" is not answered by what Big
AI costs; see :func:`faqbot.constraints.check`).

Words are compared after generic normalisation (case, diacritics, US/UK spelling, Snowball
stems), so ``firms`` and ``firm`` need one line, and hyphens or spaces in phrases do not
matter. A stem can fold words that mean different things here ("marketing" and "market",
"organisation" and "organ", "university" and "universe"): a word under ``distinct`` is its
own keyword, with its plural ("marketings"), and synonyms may name it. Problems name
the file, line and key; see :func:`load_thesaurus`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from pathlib import Path
from types import MappingProxyType
from typing import Any

from faqbot import yamlfile
from faqbot.errors import unknown_key
from faqbot.normalise import STOP_WORDS, is_number, stem, tokens

SUFFIX = ".thesaurus.yaml"
_KEYS = frozenset({"phrases", "synonyms", "scope", "distinct", "contrasts"})


@dataclass(frozen=True, slots=True)
class ThesaurusProblem:
    """One thing wrong in a thesaurus file, with its line and key."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: line {self.line}: {self.key}: {self.message}"


# Small counts in digits are their words as keywords: "the 2 sides" and "the two sides"
# ask the same. Not 1 ("one" is a pronoun and a chat particle: "the big one", "win one?").
_COUNT_WORDS = {
    str(n): w for n, w in enumerate("two three four five six seven eight nine ten".split(), start=2)
}
# Those words, the keywords of counts ("one" is a stop word, so no keyword).
COUNT_KEYWORDS = frozenset(_COUNT_WORDS.values())


def own_keyword(word: str, distinct: frozenset[str]) -> str:
    """A word's keyword before synonyms: the distinct word it is, or is the plural of
    ("marketings", "authorities"), else its stem; a small count in digits ("2") is its
    word ("two")."""
    if word in _COUNT_WORDS:
        return _COUNT_WORDS[word]
    if word in distinct:
        return word
    for singular in _singulars(word):
        if singular in distinct:
            return singular
    return stem(word)


def _singulars(word: str) -> tuple[str, ...]:
    """What a word is the plural of, by English's regular plural endings: "authorities"
    -> "authority", "taxes" -> "tax", "markets" -> "market" (a word may have none)."""
    if not word.endswith("s") or len(word) < 4:
        return ()
    if word.endswith("ies"):
        return (word[:-3] + "y", word[:-1])
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    return (word[:-1],)


# One kind of a contrast set: its name as written ("Small AI") and the phrases naming it.
Kind = tuple[str, tuple[tuple[str, ...], ...]]
Contrast = tuple[Kind, ...]


@dataclass(frozen=True)
class Thesaurus:
    """Phrases (token tuples to replacement words), synonyms (keyword to keyword), scope
    keywords, and the distinct words (kept apart from their stem, see own_keyword)."""

    phrases: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    synonyms: Mapping[str, str] = field(default_factory=dict)
    scope: frozenset[str] = frozenset()
    distinct: frozenset[str] = frozenset()
    # Sets of kinds that exclude each other: each kind's name as written, with the phrases
    # (token tuples, before the thesaurus) that name it.
    contrasts: tuple[Contrast, ...] = ()
    _by_first: Mapping[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = field(
        init=False, repr=False, compare=False
    )
    # Surface word -> keyword, filled as words are met (the stemmer is the costly part).
    _keywords: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for words, keyword in self.phrases.items():
            by_first.setdefault(words[0], []).append((words, keyword))
        # Longest phrase first, so "artificial general intelligence" beats "artificial ...".
        frozen = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in by_first.items()}
        object.__setattr__(self, "_by_first", MappingProxyType(frozen))
        object.__setattr__(self, "_keywords", {})

    def fold_phrases(self, words: Sequence[str]) -> list[str]:
        """Replace every phrase in a token sequence by its words, longest match first."""
        if self._by_first.keys().isdisjoint(words):
            return list(words)  # most texts hold no phrase at all
        out: list[str] = []
        done = 0  # the words before this one are in out
        for start, phrase, replacement in self._phrases_in(words):
            out.extend(words[done:start])
            out.extend(replacement)
            done = start + len(phrase)
        out.extend(words[done:])
        return out

    def phrase_origins(self, words: Sequence[str]) -> dict[str, str]:
        """The phrases of a token sequence folded into one word, by that word: ["southeast",
        "asian", "firms"] -> {"sea": "southeast asian"} (the first of each, longest match
        first, as fold_phrases folds them); what the reader wrote, for replies."""
        if self._by_first.keys().isdisjoint(words):
            return {}  # most texts hold no phrase at all
        found: dict[str, str] = {}
        for _, phrase, replacement in self._phrases_in(words):
            if len(replacement) == 1:
                found.setdefault(replacement[0], " ".join(phrase))
        return found

    def _phrases_in(
        self, words: Sequence[str]
    ) -> Iterator[tuple[int, tuple[str, ...], tuple[str, ...]]]:
        """(start, phrase, replacement) of each phrase a left-to-right scan folds, longest
        match first, after the end of the one before: only at the words a phrase starts
        with (found in C), the rest being kept as they are."""
        by_first = self._by_first
        done = 0
        for start in compress(count(), map(by_first.__contains__, words)):
            if start < done:
                continue  # inside a phrase folded already
            for phrase, replacement in by_first[words[start]]:
                if tuple(words[start : start + len(phrase)]) == phrase:
                    yield start, phrase, replacement
                    done = start + len(phrase)
                    break

    def keyword(self, word: str) -> str:
        """The keyword for a surface word: its stem (or the word, if distinct), folded
        into its synonym group."""
        found = self._keywords.get(word)
        if found is None:
            own = own_keyword(word, self.distinct)
            found = self._keywords[word] = self.synonyms.get(own, own)
        return found

    def keywords(self, words: Iterable[str]) -> list[str]:
        """The keyword of each surface word, in order (what :meth:`keyword` gives each)."""
        words = list(words)
        try:
            return list(map(self._keywords.__getitem__, words))  # in C: words recur
        except KeyError:  # a word met for the first time
            return [self.keyword(w) for w in words]

    @property
    def words(self) -> frozenset[str]:
        """Every surface word the thesaurus mentions, for the spelling corrector."""
        found: set[str] = set()
        for phrase, replacement in self.phrases.items():
            found.update(phrase)
            found.update(replacement)
        return frozenset(found)

    @classmethod
    def merge(cls, parts: Iterable[Thesaurus]) -> Thesaurus:
        """Combine the thesauri of several articles (conflicts are checked by the loader)."""
        phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        synonyms: dict[str, str] = {}
        scope: set[str] = set()
        distinct: set[str] = set()
        contrasts: dict[Contrast, None] = {}
        for part in parts:
            phrases.update(part.phrases)
            synonyms.update(part.synonyms)
            scope |= part.scope
            distinct |= part.distinct
            contrasts.update(dict.fromkeys(part.contrasts))
        return cls(phrases, synonyms, frozenset(scope), frozenset(distinct), tuple(contrasts))

    def contrast_keywords(self) -> tuple[tuple[tuple[str, tuple[tuple[str, ...], ...]], ...], ...]:
        """The contrast sets with each kind's phrases as keywords (phrases folded, stop words
        left out): (("Big AI", (("big", "ai"), ...)), ...) per set."""
        return tuple(
            tuple(
                (name, tuple(tuple(self._phrase_keywords(p)) for p in phrases))
                for name, phrases in contrast
            )
            for contrast in self.contrasts
        )

    def _phrase_keywords(self, words: Sequence[str]) -> list[str]:
        return self.keywords(w for w in self.fold_phrases(words) if w not in STOP_WORDS)


def _one_word(text: str) -> str | None:
    words = [w for w in tokens(text) if w]
    return words[0] if len(words) == 1 else None


class _Reader:
    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.problems: list[ThesaurusProblem] = []

    def add(self, line: int, key: str, message: str) -> None:
        self.problems.append(ThesaurusProblem(self.file, line, key, message))

    def phrases(self, data: Any, line: int) -> dict[tuple[str, ...], tuple[str, ...]]:
        found: dict[tuple[str, ...], tuple[str, ...]] = {}
        if data is None:
            return found
        if not isinstance(data, yamlfile.LineMap):
            self.add(line, "phrases", "must be a mapping of 'several words: keyword'")
            return found
        for raw, keyword in data.items():
            where = data.line_of(raw)
            key = f"phrases.{raw}"
            words = tuple(tokens(str(raw)))
            target = tuple(tokens(keyword)) if isinstance(keyword, str) else ()
            if not words or not target:
                self.add(where, key, "must map words to words, e.g. 'asia pacific: apac'")
            elif len(words) < 2 and len(target) < 2:
                self.add(where, key, "one word for one word is a synonym: list it there")
            elif words in found:
                self.add(where, key, "is listed twice")
            else:
                found[words] = target
        return found

    def synonyms(
        self, data: Any, line: int, distinct: frozenset[str] = frozenset()
    ) -> dict[str, str]:
        found: dict[str, str] = {}
        origin: dict[str, tuple[str, int]] = {}
        if data is None:
            return found
        if not isinstance(data, yamlfile.LineMap):
            self.add(line, "synonyms", "must be a mapping of 'keyword: [words]'")
            return found
        for raw, variants in data.items():
            where = data.line_of(raw)
            key = f"synonyms.{raw}"
            canonical = _one_word(str(raw))
            if canonical is None or canonical in STOP_WORDS or is_number(canonical):
                self.add(where, key, "the keyword must be one word that is not a stop word")
                continue
            if not isinstance(variants, yamlfile.LineList) or not variants:
                self.add(where, key, "must be a non-empty list of words")
                continue
            target = own_keyword(canonical, distinct)
            for index, variant in enumerate(variants):
                word = _one_word(variant) if isinstance(variant, str) else None
                at = variants.line_of(index)
                if word is None:
                    self.add(at, key, f"'{variant}' must be one word (several words: phrases)")
                    continue
                source = own_keyword(word, distinct)
                if source == target:
                    continue
                if source in origin and found[source] != target:
                    other, other_line = origin[source]
                    self.add(
                        at, key, f"'{variant}' is also a synonym of '{other}' (line {other_line})"
                    )
                    continue
                found[source] = target
                origin[source] = (str(raw), at)
        # A keyword that is itself a synonym of another would be folded twice.
        for source, target in list(found.items()):
            if target in found and found[target] != target:
                self.add(
                    data.line,
                    "synonyms",
                    f"'{target}' is both a keyword and a synonym of '{found[target]}'",
                )
                del found[source]
        return found

    def distinct(self, data: Any, line: int) -> frozenset[str]:
        if data is None:
            return frozenset()
        if not isinstance(data, yamlfile.LineList):
            self.add(line, "distinct", "must be a list of words")
            return frozenset()
        words: set[str] = set()
        for index, item in enumerate(data):
            word = _one_word(item) if isinstance(item, str) else None
            at = data.line_of(index)
            if word is None or word in STOP_WORDS or is_number(word):
                self.add(at, "distinct", f"'{item}' must be one word that is not a stop word")
            elif stem(word) == word:
                self.add(
                    at,
                    "distinct",
                    f"'{item}' is its own stem: list the other word of that stem instead",
                )
            elif word in words:
                self.add(at, "distinct", f"'{item}' is listed twice")
            else:
                words.add(word)
        return frozenset(words)

    def contrasts(self, data: Any, line: int, thesaurus: Thesaurus) -> tuple[Contrast, ...]:
        if data is None:
            return ()
        if not isinstance(data, yamlfile.LineList):
            self.add(line, "contrasts", "must be a list of sets, each 'kind: [words]'")
            return ()
        found: list[Contrast] = []
        for index, item in enumerate(data):
            at = data.line_of(index)
            key = f"contrasts[{index + 1}]"
            if not isinstance(item, yamlfile.LineMap) or len(item) < 2:
                self.add(at, key, "must map two or more kinds to the words that name each")
                continue
            kinds: list[Kind] = []
            for name, phrases in item.items():
                where = item.line_of(name)
                kind_key = f"{key}.{name}"
                if not isinstance(phrases, yamlfile.LineList) or not phrases:
                    self.add(where, kind_key, "must be a non-empty list of words")
                    continue
                read: list[tuple[str, ...]] = []
                for i, phrase in enumerate(phrases):
                    words = tuple(tokens(phrase)) if isinstance(phrase, str) else ()
                    size = len(thesaurus._phrase_keywords(words))
                    if not 1 <= size <= 2:
                        self.add(
                            phrases.line_of(i),
                            kind_key,
                            f"'{phrase}' must be one or two words (after phrases and stop words)",
                        )
                    else:
                        read.append(words)
                if read:
                    kinds.append((str(name), tuple(read)))
            if len(kinds) >= 2:
                found.append(tuple(kinds))
        return tuple(found)

    def scope(self, data: Any, line: int) -> frozenset[str]:
        if data is None:
            return frozenset()
        if not isinstance(data, yamlfile.LineList):
            self.add(line, "scope", "must be a list of words")
            return frozenset()
        words = set()
        for index, item in enumerate(data):
            word = _one_word(item) if isinstance(item, str) else None
            if word is None:
                self.add(data.line_of(index), "scope", f"'{item}' must be one word")
            else:
                words.add(word)
        return frozenset(words)


# Thesauri without problems read in this process, by their text: articles often share one
# (copies of a newsroom's thesaurus), which is then read once. Emptied when full.
_READ: dict[str, Thesaurus] = {}
_MAX_READ = 256


def load_thesaurus(path: Path, text: str | None = None) -> tuple[Thesaurus, list[ThesaurusProblem]]:
    """Read one thesaurus file (or its text, already read); return what is valid and every
    problem (file, line, key). A text read before without problems gives the same
    Thesaurus again (a thesaurus is immutable; a text with problems is read each time, as
    its problems name its file)."""
    if text is not None and text in _READ:
        return _READ[text], []
    thesaurus, problems = _load_thesaurus(path, text)
    if text is not None and not problems:
        if len(_READ) >= _MAX_READ:
            _READ.clear()
        _READ[text] = thesaurus
    return thesaurus, problems


def _load_thesaurus(
    path: Path, text: str | None = None
) -> tuple[Thesaurus, list[ThesaurusProblem]]:
    reader = _Reader(path)
    try:
        data = yamlfile.load(path) if text is None else yamlfile.parse(text, path)
    except yamlfile.YamlError as exc:
        reader.add(exc.line or 1, "file", exc.message)
        return Thesaurus(), reader.problems
    if data is None:
        return Thesaurus(), []
    if not isinstance(data, yamlfile.LineMap):
        reader.add(1, "file", "must be a mapping with phrases, synonyms and scope")
        return Thesaurus(), reader.problems
    for key in sorted(set(map(str, data)) - _KEYS):
        reader.add(data.line_of(key), key, unknown_key(key, _KEYS))
    phrases = reader.phrases(data.get("phrases"), data.line_of("phrases"))
    distinct = reader.distinct(data.get("distinct"), data.line_of("distinct"))
    synonyms = reader.synonyms(data.get("synonyms"), data.line_of("synonyms"), distinct)
    scope = reader.scope(data.get("scope"), data.line_of("scope"))
    thesaurus = Thesaurus(phrases, synonyms, frozenset(), distinct)
    keywords = frozenset(thesaurus.keyword(word) for word in scope)
    contrasts = reader.contrasts(data.get("contrasts"), data.line_of("contrasts"), thesaurus)
    return Thesaurus(phrases, synonyms, keywords, distinct, contrasts), reader.problems


def thesaurus_path(knowledge_file: Path) -> Path:
    """The thesaurus file that belongs beside a knowledge file (it may not exist)."""
    return knowledge_file.with_name(knowledge_file.name.removesuffix(".yaml") + SUFFIX)
