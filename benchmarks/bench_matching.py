"""Per-query matching latency and accuracy, against a plain extractOne baseline.

Run: python benchmarks/bench_matching.py  (prints a Markdown table; not a test)
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from faqbot.evaluate import Case, load_cases
from faqbot.knowledge import Entry, KnowledgeBase, Source, load_knowledge
from faqbot.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "market growth policy sovereignty startup model cloud chip data privacy robot "
    "factory bank hospital school energy telecom retail logistics farming insurance "
    "tourism media security fraud vision speech translation search agent compute "
    "training inference budget talent skills law sandbox export import tariff research"
).split()
PLACES = (
    "thailand malaysia indonesia philippines india taiwan hongkong australia "
    "bangladesh pakistan srilanka cambodia laos myanmar mongolia nepal brunei"
).split()


def synthetic_kb(base: KnowledgeBase, size: int, seed: int = 7) -> KnowledgeBase:
    """Pad the real knowledge base with plausible, distinct entries up to `size`."""
    rng = random.Random(seed)
    entries = list(base.entries)
    template = base.entries[0]
    while len(entries) < size:
        i = len(entries)
        place, a, b = rng.choice(PLACES), rng.choice(WORDS), rng.choice(WORDS)
        question = f"What is {place} doing about {a} and {b} number {i}?"
        alternates = (
            f"{place} {a} {b} {i}",
            f"how does {place} handle {a} {i}",
            f"{a} {b} in {place} item {i}",
        )
        entries.append(
            replace(
                template,
                id=f"synthetic-{i}",
                question=question,
                alternates=alternates,
                answer=f"Synthetic answer {i} about {a} and {b} in {place}.",
                source=Source(section=f"Section {i % 50}", quote=f"quote {i}"),
            )
        )
    return replace(base, entries=tuple(entries))


def time_queries(fn: Callable[[str], object], queries: Sequence[str]) -> tuple[float, float]:
    """Return median and p99 latency in milliseconds."""
    for query in queries[:20]:
        fn(query)  # warm caches
    samples = []
    for query in queries:
        start = time.perf_counter()
        fn(query)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return statistics.median(samples), p99


def baseline(entries: Sequence[Entry], cutoff: float = 85.0) -> Callable[[str], Entry | None]:
    """Plain extractOne (WRatio, default processor) over every raw phrasing: the naive bot."""
    choices = [p for e in entries for p in e.phrasings]
    owners = [e for e in entries for _ in e.phrasings]

    def answer(query: str) -> Entry | None:
        hit = process.extractOne(
            query, choices, scorer=fuzz.WRatio, processor=default_process, score_cutoff=cutoff
        )
        return owners[hit[2]] if hit else None

    return answer


def accuracy(answer: Callable[[str], Entry | None], cases: Sequence[Case]) -> tuple[float, float]:
    """Answered-right and refused-right shares (any reply but an answer counts as refusing)."""
    pos = [c for c in cases if c.answerable]
    neg = [c for c in cases if not c.answerable]
    right = 0
    for case in pos:
        entry = answer(case.question)
        right += entry is not None and case.accepts_entry(entry)
    refused = sum(answer(c.question) is None for c in neg)
    return right / len(pos), refused / len(neg)


def main() -> None:
    """Print the latency/accuracy table."""
    base = load_knowledge(ROOT / "faq")
    # The held-out half of the evaluation set (written from the article alone).
    cases = load_cases(ROOT / "tests" / "data" / "eval" / "test.yaml")
    queries = [c.question for c in cases] * 3
    print("| knowledge base | entries | matcher | median ms | p99 ms | answered | refused |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for label, size in (("article", len(base)), ("synthetic 1k", 1_000), ("synthetic 10k", 10_000)):
        kb = base if size == len(base) else synthetic_kb(base, size)
        matcher = Matcher(kb)

        def ours(query: str, matcher: Matcher = matcher) -> Entry | None:
            result = matcher.match(query)
            return result.best.entry if result.answered and result.best else None

        naive = baseline(kb.entries)
        for name, fn in (("faqbot", ours), ("extractOne baseline", naive)):
            median, p99 = time_queries(fn, queries)
            right, refused = accuracy(fn, cases)
            print(
                f"| {label} | {len(kb)} | {name} | {median:.3f} | {p99:.3f}"
                f" | {right:.3f} | {refused:.3f} |"
            )


if __name__ == "__main__":
    main()
