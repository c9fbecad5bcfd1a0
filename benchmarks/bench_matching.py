"""Per-query matching latency and accuracy, against a plain extractOne baseline.

Run: python -m benchmarks.bench_matching [--baseline CHECKOUT] [--rounds 6]
(prints a Markdown table; not a test)

The faqbot matcher is timed prepared (Matcher.prepare), as the bot serves it.

With --baseline (another faqbot checkout, e.g. `git archive main | tar -x -C /tmp/main`),
each faqbot row is also timed with that checkout's code, in the same run: fresh processes,
one core each, the two checkouts taking turns for --rounds rounds; the row gives the median
of each one's per-round medians and p99s, and their ratio (on a shared machine, the figure
to read).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
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


def _answer(matcher: Matcher) -> Callable[[str], Entry | None]:
    """What the bot answers outright with this matcher (None: any other reply)."""

    def ours(query: str) -> Entry | None:
        result = matcher.match(query)
        return result.best.entry if result.answered and result.best else None

    return ours


def _queries() -> tuple[list[Case], list[str]]:
    """The held-out half of the evaluation set (written from the article alone), and the
    questions timed: each three times."""
    cases = load_cases(ROOT / "tests" / "data" / "eval" / "test.yaml")
    return cases, [c.question for c in cases] * 3


def time_one(size: int) -> tuple[float, float]:
    """Median and p99 ms of the faqbot matcher at `size` entries, with the faqbot this
    process imports (for --baseline: a fresh process run with PYTHONPATH at a checkout),
    on one core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    base = load_knowledge(ROOT / "faq")
    kb = base if size == len(base) else synthetic_kb(base, size)
    return time_queries(_answer(_prepared(kb)), _queries()[1])


def _prepared(kb: KnowledgeBase) -> Matcher:
    """A matcher as the bot serves it: prepared (Matcher.prepare) before its first question."""
    matcher = Matcher(kb)
    matcher.prepare()
    return matcher


def in_turns(checkouts: Sequence[Path], size: int, rounds: int) -> list[tuple[float, float]]:
    """For each checkout: the medians of its per-round median and p99 ms at `size` entries,
    timed in fresh processes on one core, the checkouts taking turns (the first one first
    in odd rounds, last in even ones)."""
    runs: dict[Path, list[tuple[float, float]]] = {c: [] for c in checkouts}
    for turn in range(rounds):
        for checkout in checkouts if turn % 2 == 0 else list(reversed(checkouts)):
            env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
            command = [sys.executable, str(Path(__file__).resolve()), "--time-one", str(size)]
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            median, p99, imported = done.stdout.split()
            if not Path(imported).is_relative_to(checkout / "src"):
                raise SystemExit(f"{checkout}: timed the faqbot of {imported}")
            runs[checkout].append((float(median), float(p99)))
    return [
        (statistics.median(m for m, _ in runs[c]), statistics.median(p for _, p in runs[c]))
        for c in checkouts
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Print the latency/accuracy table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, help="another faqbot checkout to compare")
    parser.add_argument("--rounds", type=int, default=6, help="turns with --baseline")
    parser.add_argument("--time-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_one is not None:
        import faqbot

        print(*time_one(args.time_one), faqbot.__file__)
        return
    base = load_knowledge(ROOT / "faq")
    cases, queries = _queries()
    head = "| knowledge base | entries | matcher | median ms | p99 ms | answered | refused |"
    rule = "|---|---:|---|---:|---:|---:|---:|"
    if args.baseline:
        head += f" {args.baseline.name} median ms | {args.baseline.name} p99 ms | × median |"
        rule += "---:|---:|---:|"
    print(head)
    print(rule)
    for label, size in (("article", len(base)), ("synthetic 1k", 1_000), ("synthetic 10k", 10_000)):
        kb = base if size == len(base) else synthetic_kb(base, size)
        naive = baseline(kb.entries)
        for name, fn in (("faqbot", _answer(_prepared(kb))), ("extractOne baseline", naive)):
            right, refused = accuracy(fn, cases)
            extra = ""
            if name == "faqbot" and args.baseline:
                checkouts = [ROOT, args.baseline.resolve()]
                (median, p99), (their, their_p99) = in_turns(checkouts, size, args.rounds)
                extra = f" {their:.3f} | {their_p99:.3f} | {median / their:.2f} |"
            else:
                median, p99 = time_queries(fn, queries)
            print(
                f"| {label} | {len(kb)} | {name} | {median:.3f} | {p99:.3f}"
                f" | {right:.3f} | {refused:.3f} |" + extra
            )


if __name__ == "__main__":
    main()
