"""The matcher's compilation as it was before per-article parts: one pass over every article.

Kept verbatim (from faqbot.matching at commit c5a1b27, with main's sorted phrasings of
9571d4b) as the reference that the per-article build (:mod:`faqbot.compiling`) and its cache
must equal, to the last posting. Its facts are Facts.of's, every field, with each article's
bare amounts of money then put in its currency (in_article_currency, added since).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from faqbot.analysis import Analyzer, countries, is_place, pairs, proper_names
from faqbot.compiling import Compiled
from faqbot.constraints import (
    Facts,
    bracketed,
    defined_in,
    in_article_currency,
    phrasings_explain,
)
from faqbot.knowledge import KnowledgeBase
from faqbot.matching import MatchSettings
from faqbot.normalise import token_tuple


def postings_of(
    entry_keywords: Sequence[tuple[set[str], set[str]]], context_weight: float
) -> dict[str, dict[int, float]]:
    """entry_keywords: per entry, (keywords of its phrasings, keywords of its context);
    returns term -> {entry index: presence (1.0 in a phrasing, else context_weight)}."""
    postings: dict[str, dict[int, float]] = {}
    for index, (phrasing, context) in enumerate(entry_keywords):
        weights = dict.fromkeys(context, context_weight)
        weights.update(dict.fromkeys(phrasing, 1.0))
        for term, weight in weights.items():
            postings.setdefault(term, {})[index] = weight
    return postings


def compile_knowledge(kb: KnowledgeBase, settings: MatchSettings) -> Compiled:
    """Derive what the matcher needs from the knowledge base (about 100 ms an article)."""
    entries = kb.entries
    surface: Counter[str] = Counter()
    # Each distinct text split once (the keywords below split them again otherwise); only
    # while building: 200 distinct articles hold about 140,000 texts.
    tokenised: dict[str, tuple[str, ...]] = {}
    for e in entries:
        for text in (
            e.question,
            *e.alternates,
            e.answer,
            e.source.quote,
            e.source.section,
            *e.tags,
        ):
            words = tokenised.get(text)
            if words is None:
                words = tokenised[text] = token_tuple(text)
            surface.update(words)  # in C, a text at a time
    names = proper_names(
        (t for e in entries for t in (e.answer, e.source.quote)),
        (p for e in entries for p in e.phrasings),
        kb.thesaurus.keyword,
    )
    places = frozenset(n for n in names if is_place(n))
    # A phrase made of names is a name too: "southeast asia" (folded to one keyword) is
    # a place. An abbreviation expanded into words ("smes": "small company") is not.
    for phrase, replacement in kb.thesaurus.phrases.items():
        source = {kb.thesaurus.keyword(w) for w in phrase}
        if len(replacement) != 1 or not source <= names:
            continue
        target = kb.thesaurus.keyword(replacement[0])
        names |= {target}
        if source & places:
            places |= {target}
    analyzer = Analyzer(kb.thesaurus, surface, names, countries(), tokenised)
    keywords = analyzer.keywords
    per_entry: list[tuple[set[str], set[str]]] = []
    found_pairs: dict[tuple[str, str], set[int]] = {}
    phrasings: list[tuple[str, ...]] = []
    sorted_phrasings: list[tuple[str, ...]] = []
    facts: list[Facts] = []
    stated_of: list[list[str]] = []
    for index, entry in enumerate(entries):
        phrased = [keywords(p) for p in entry.phrasings]
        context = {
            k
            for text in (entry.answer, entry.source.quote, entry.source.section, *entry.tags)
            for k in keywords(text)
        }
        phrasing_keys = {k for p in phrased for k in p}
        per_entry.append((phrasing_keys, context))
        texts_pairs = (
            pairs(keywords(t)) for t in (*entry.phrasings, entry.answer, entry.source.quote)
        )
        for pair in frozenset().union(*texts_pairs):  # each pair once per entry
            found_pairs.setdefault(pair, set()).add(index)
        # Each entry's phrasings, normalised once here rather than on every question.
        phrasings.append(tuple(dict.fromkeys(" ".join(p) for p in phrased if p)))
        sorted_phrasings.append(tuple(dict.fromkeys(" ".join(sorted(p)) for p in phrased if p)))
        stated, _ = analyzer.surface_words(f"{entry.answer}\n{entry.source.quote}", correct=False)
        stated_of.append(stated)
        mentioned = frozenset((phrasing_keys | context) & names)
        said = [analyzer.surface_words(p, correct=False)[0] for p in entry.phrasings]
        explains = phrasings_explain(said[0], said[1:])
        # Keywords only in brackets in the answer and quote, never in its phrasings.
        inside = {k for t in (entry.answer, entry.source.quote) for k in keywords(bracketed(t)[0])}
        outside = {k for t in (entry.answer, entry.source.quote) for k in keywords(bracketed(t)[1])}
        aside = frozenset(inside - outside - phrasing_keys)
        texts = (entry.answer, entry.source.quote)
        defined = frozenset(k for w in defined_in(texts, entry.phrasings) for k in keywords(w))
        facts.append(
            Facts.of(
                stated,
                mentioned,
                mentioned & places,
                explains=explains,
                asides=aside,
                defines=defined,
            )
        )
    # Bare amounts of money in the one currency of their article (see in_article_currency).
    by_article: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        by_article.setdefault(entry.article.id, []).append(index)
    for indices in by_article.values():
        placed = in_article_currency([(facts[i], stated_of[i]) for i in indices])
        for i, fact in zip(indices, placed, strict=True):
            facts[i] = fact
    return Compiled(
        surface=dict(surface),
        names=names,
        postings=postings_of(per_entry, settings.context_weight),
        pairs={pair: frozenset(members) for pair, members in found_pairs.items()},
        phrasings=tuple(phrasings),
        sorted_phrasings=tuple(sorted_phrasings),
        facts=tuple(facts),
        countries=analyzer.countries(),
    )
