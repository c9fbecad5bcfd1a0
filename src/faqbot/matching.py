"""Fuzzy retrieval: rank knowledge entries for a question and decide answer, suggest or none."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from rapidfuzz import fuzz, process

from faqbot.knowledge import Entry, KnowledgeBase
from faqbot.normalise import keywords, normalise

# How much a keyword found only in an entry's answer, quote or section counts,
# relative to one found in a phrasing readers use.
_CONTEXT_WEIGHT = 0.6
# Query words shorter than this must match the vocabulary exactly (no typo correction).
_MIN_TYPO_LEN = 5
_TYPO_CUTOFF = 80.0
# Phrasing similarities below this count as none: it lets rapidfuzz stop early.
_FUZZY_CUTOFF = 25.0
# Longer text is not a question; only its start is compared, so a paste cannot stall the bot.
MAX_QUERY_CHARS = 1000


class Decision(StrEnum):
    """What the bot should do with a question.

    - ``answer``: the best entry answers it; reply with the entry and its source.
    - ``partial``: the best entry is on the subject but lacks what is asked (a year, a figure,
      a name...); say what the article does not give, then offer that entry's fact.
    - ``suggest``: unsure; offer up to ``max_suggestions`` entries ("did you mean").
    - ``none``: the article does not answer it; say so.
    - ``smalltalk``: a greeting, thanks or a question about the bot, not about the article.
    """

    ANSWER = "answer"
    PARTIAL = "partial"
    SUGGEST = "suggest"
    NONE = "none"
    SMALLTALK = "smalltalk"


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Thresholds and weights of the matcher; read from configuration, not hard-coded."""

    answer_threshold: float = 55.0
    suggest_threshold: float = 40.0
    margin: float = 2.0
    max_suggestions: int = 3
    fuzzy_weight: float = 0.5
    unknown_penalty: float = 0.15
    candidate_limit: int = 12

    def __post_init__(self) -> None:
        if not 0 <= self.suggest_threshold <= self.answer_threshold <= 100:
            raise ValueError("need 0 <= suggest_threshold <= answer_threshold <= 100")
        if not 0 <= self.fuzzy_weight <= 1 or not 0 <= self.unknown_penalty <= 1:
            raise ValueError("fuzzy_weight and unknown_penalty must be between 0 and 1")
        if self.max_suggestions < 1 or self.candidate_limit < 1:
            raise ValueError("max_suggestions and candidate_limit must be at least 1")
        if self.margin < 0:
            raise ValueError("margin must not be negative")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry with its combined score (0-100) for one question."""

    entry: Entry
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The ranked candidates for a question and the decision taken on them."""

    query: str
    decision: Decision
    candidates: tuple[Candidate, ...]
    suggestions: tuple[Candidate, ...] = ()

    @property
    def best(self) -> Candidate | None:
        """Return the top-ranked candidate, if any."""
        return self.candidates[0] if self.candidates else None

    @property
    def answered(self) -> bool:
        """Tell whether the bot should answer outright."""
        return self.decision is Decision.ANSWER


@dataclass(slots=True)
class _Vocabulary:
    """Keyword postings with inverse document frequencies, built once per knowledge base."""

    postings: dict[str, dict[int, float]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    unknown_idf: float = 1.0

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> _Vocabulary:
        vocab = cls()
        for index, entry in enumerate(entries):
            weights: dict[str, float] = {}
            context = (entry.answer, entry.source.quote, entry.source.section, *entry.tags)
            for text in context:
                for term in keywords(text):
                    weights[term] = _CONTEXT_WEIGHT
            for text in entry.phrasings:
                for term in keywords(text):
                    weights[term] = 1.0
            for term, weight in weights.items():
                vocab.postings.setdefault(term, {})[index] = weight
        total = max(len(entries), 1)
        vocab.idf = {
            term: math.log(1 + total / len(posting)) for term, posting in vocab.postings.items()
        }
        vocab.terms = list(vocab.postings)
        # A word the article never uses is strong evidence that it is not about this entry.
        vocab.unknown_idf = math.log(1 + total) + 1.0
        return vocab

    def resolve(self, term: str) -> tuple[str | None, float]:
        """Map a query keyword to a known one (typos corrected), with its similarity 0-1."""
        if term in self.postings:
            return term, 1.0
        if len(term) < _MIN_TYPO_LEN or term.isdigit():
            return None, 0.0
        hit = process.extractOne(term, self.terms, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF)
        if hit is None:
            return None, 0.0
        return hit[0], hit[1] / 100.0


class Matcher:
    """Ranks a knowledge base's entries for a question; immutable, so reloads swap it whole."""

    def __init__(self, kb: KnowledgeBase, settings: MatchSettings | None = None) -> None:
        self.kb = kb
        self.settings = settings or MatchSettings()
        self._entries = kb.entries
        # Each entry's phrasings, normalised once here rather than on every question.
        self._by_entry: dict[int, tuple[str, ...]] = {
            index: tuple(dict.fromkeys(p for p in map(normalise, entry.phrasings) if p))
            for index, entry in enumerate(self._entries)
        }
        self._vocab = _Vocabulary.build(self._entries)

    def rank(self, query: str, limit: int = 10) -> list[Candidate]:
        """Return up to `limit` entries ranked by combined fuzzy and keyword score."""
        words = keywords(query[:MAX_QUERY_CHARS])
        terms = self._query_terms(words)
        known = [(term, sim * idf) for term, sim, idf in terms if term is not None]
        if not known:
            return []
        total_idf = sum(idf for _, _, idf in terms)
        # Words the knowledge base never uses mean the question is about something else.
        unknown = sum(idf for term, _, idf in terms if term is None) / total_idf
        damping = 1.0 - self.settings.unknown_penalty * unknown
        evidence = self._keyword_evidence(known)
        candidates = heapq.nlargest(
            self.settings.candidate_limit, evidence, key=lambda i: (evidence[i], -i)
        )
        fuzzy = self._fuzzy_scores(" ".join(words), candidates)
        weight = self.settings.fuzzy_weight
        scored = [
            (weight * f + (1 - weight) * 100.0 * evidence[i] / total_idf) * damping
            for i, f in zip(candidates, fuzzy, strict=True)
        ]
        order = sorted(range(len(candidates)), key=lambda k: (-scored[k], candidates[k]))
        return [Candidate(self._entries[candidates[k]], round(scored[k], 1)) for k in order[:limit]]

    def match(self, query: str) -> MatchResult:
        """Rank the entries and decide whether to answer, suggest or admit not knowing."""
        settings = self.settings
        ranked = self.rank(query, limit=max(settings.max_suggestions, 5))
        best = ranked[0] if ranked else None
        if best is None or best.score < settings.suggest_threshold:
            return MatchResult(query, Decision.NONE, tuple(ranked))
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if best.score >= settings.answer_threshold and best.score - runner_up >= settings.margin:
            return MatchResult(query, Decision.ANSWER, tuple(ranked))
        suggestions = tuple(
            c for c in ranked[: settings.max_suggestions] if c.score >= settings.suggest_threshold
        )
        return MatchResult(query, Decision.SUGGEST, tuple(ranked), suggestions)

    def _keyword_evidence(self, known: Sequence[tuple[str, float]]) -> dict[int, float]:
        """Sum each entry's weighted keyword hits through the inverted index."""
        evidence: dict[int, float] = {}
        for term, weight in known:
            for index, presence in self._vocab.postings[term].items():
                evidence[index] = evidence.get(index, 0.0) + weight * presence
        return evidence

    def _fuzzy_scores(self, normalised: str, candidates: Sequence[int]) -> list[float]:
        """Best phrasing score of each candidate entry, from two batched rapidfuzz calls."""
        pool: list[str] = []
        starts: list[int] = []
        for index in candidates:
            if self._by_entry[index]:  # a phrasing of only filler words normalises to nothing
                starts.append(len(pool))
                pool.extend(self._by_entry[index])
        if not pool:
            return [0.0] * len(candidates)
        query = [normalised]
        # Token-set forgives extra words in a phrasing; token-sort penalises them. Average both.
        subset, order = (
            process.cdist(query, pool, scorer=scorer, score_cutoff=_FUZZY_CUTOFF, dtype=np.float32)[
                0
            ]
            for scorer in (fuzz.token_set_ratio, fuzz.token_sort_ratio)
        )
        best = iter(np.maximum.reduceat((subset + order) / 2, np.asarray(starts, dtype=np.intp)))
        return [float(next(best)) if self._by_entry[i] else 0.0 for i in candidates]

    def _query_terms(self, words: Sequence[str]) -> list[tuple[str | None, float, float]]:
        """Resolve each distinct query keyword to (vocabulary term, similarity, weight)."""
        terms: list[tuple[str | None, float, float]] = []
        seen: set[str] = set()
        for key in words:
            if key in seen:
                continue
            seen.add(key)
            term, similarity = self._vocab.resolve(key)
            idf = self._vocab.idf[term] if term is not None else self._vocab.unknown_idf
            terms.append((term, similarity, idf))
        return terms
