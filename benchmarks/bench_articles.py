"""Many articles at once: load time and matching latency for 200 synthetic articles.

Run: python -m benchmarks.bench_articles [--articles 200] [--distinct]

Each synthetic article is a copy of the shipped knowledge file (45+ entries) with its own
article id, entry ids and countries swapped for others, plus its thesaurus. It measures
what the bot does at start-up and on /reload (read and validate every file, build the
matcher) and per question, with and without an article context (a reader who came
through an article's deep link).

Loading is timed three ways side by side: the old path (every file read and validated),
the first load with the compiled cache (faqbot.knowledgecache: read, validated and
written), and a load from it (as every later start-up and /reload). With --distinct every
text of every article is also shuffled word by word, so that no two articles share a
sentence or phrasing (the copies share most, and the matcher's per-text work is done once
for each distinct text).
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import yaml

from benchmarks.bench_matching import time_queries
from faqbot.config import load_settings
from faqbot.evaluate import load_cases
from faqbot.knowledge import load_knowledge
from faqbot.matching import Matcher

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "faq" / "asia-ai-battle-lines.yaml"
THESAURUS = ROOT / "faq" / "asia-ai-battle-lines.thesaurus.yaml"
SWAPS = ("South Korea", "Japan", "Vietnam", "Singapore", "China")
OTHERS = (
    "Thailand Malaysia Indonesia Philippines India Taiwan Australia Bangladesh Pakistan"
    " Cambodia Laos Myanmar Mongolia Nepal Brunei"
).split()


def _shuffled(text: str, rng: random.Random) -> str:
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def _distinct(body: str, rng: random.Random) -> str:
    """The same knowledge file with every text's words in a random order."""
    data = yaml.safe_load(body)
    for entry in data["entries"]:
        for key in ("question", "answer"):
            entry[key] = _shuffled(entry[key], rng)
        entry["alternates"] = [_shuffled(a, rng) for a in entry.get("alternates") or []]
        source = entry["source"]
        source["section"] = _shuffled(source["section"], rng)
        source["quote"] = _shuffled(source["quote"], rng)
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def write_articles(folder: Path, count: int, seed: int = 11, distinct: bool = False) -> None:
    """Write `count` knowledge files (and thesauri) derived from the shipped one."""
    rng = random.Random(seed)
    text = SOURCE.read_text(encoding="utf-8")
    for n in range(count):
        article_id = f"article-{n:03d}"
        body = text.replace("id: asia-ai-battle-lines", f"id: {article_id}", 1)
        body = re.sub(r"(?m)^  - id: (\S{1,34})\S*", rf"  - id: a{n:03d}-\1", body)
        for place in SWAPS:
            body = body.replace(place, rng.choice(OTHERS))
        if distinct:
            body = _distinct(body, rng)
        (folder / f"{article_id}.yaml").write_text(body, encoding="utf-8")
        (folder / f"{article_id}.thesaurus.yaml").write_text(
            THESAURUS.read_text(encoding="utf-8"), encoding="utf-8"
        )


def _timed(make: Callable[[], T]) -> tuple[T, float, float]:
    """The result, wall seconds and this process's CPU seconds (on a shared machine the
    CPU time is the steadier figure: it leaves out time spent waiting for a core)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = make()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(argv: Sequence[str] | None = None) -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--distinct", action="store_true", help="no text shared by articles")
    args = parser.parse_args(argv)
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={}).matching
    queries = [c.question for c in load_cases(ROOT / "tests" / "data" / "eval" / "test.yaml")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_articles(folder, args.articles, distinct=args.distinct)
        old, old_s, old_cpu = _timed(lambda: load_knowledge(folder, cache=False))
        first, first_s, first_cpu = _timed(lambda: load_knowledge(folder))
        kb, cached_s, cached_cpu = _timed(lambda: load_knowledge(folder))
        assert old == first == kb, "the cache must load the same knowledge"
        matcher, built, built_cpu = _timed(lambda: Matcher(kb, settings))
        print(
            "| articles | entries | load path | load s | matcher build s | load + build s"
            " | load + build CPU s |"
        )
        print("|---:|---:|---|---:|---:|---:|---:|")
        for label, seconds, cpu in (
            ("old: files read and validated", old_s, old_cpu),
            ("compiled cache, first load (writes it)", first_s, first_cpu),
            ("compiled cache", cached_s, cached_cpu),
        ):
            print(
                f"| {len(kb.articles)} | {len(kb)} | {label} | {seconds:.2f} | {built:.2f}"
                f" | {seconds + built:.2f} | {cpu + built_cpu:.2f} |"
            )
        print(f"\ncompiled cache vs old load: {old_s / cached_s:.1f}x faster\n")
        ids = [a.id for a in kb.articles]
        rng = random.Random(3)
        contexts: list[tuple[str, Callable[[str], object]]] = [
            ("none", matcher.match),
            ("an article", lambda q: matcher.match(q, article=rng.choice(ids))),
        ]
        print("| articles | entries | context | median ms | p99 ms |")
        print("|---:|---:|---|---:|---:|")
        for label, fn in contexts:
            median, p99 = time_queries(fn, queries)
            print(f"| {len(ids)} | {len(kb)} | {label} | {median:.2f} | {p99:.2f} |")


if __name__ == "__main__":
    main()
