"""Many articles at once: load time and matching latency for 200 synthetic articles.

Run: python -m benchmarks.bench_articles [--articles 200]

Each synthetic article is a copy of the shipped knowledge file (45+ entries) with its own
article id, entry ids and countries swapped for others, plus its thesaurus. It measures
what the bot does at start-up and on /reload (read and validate every file, build the
matcher) and per question, with and without an article context (a reader who came
through an article's deep link).
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.bench_matching import time_queries
from faqbot.config import load_settings
from faqbot.evaluate import load_cases
from faqbot.knowledge import load_knowledge
from faqbot.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "faq" / "asia-ai-battle-lines.yaml"
THESAURUS = ROOT / "faq" / "asia-ai-battle-lines.thesaurus.yaml"
SWAPS = ("South Korea", "Japan", "Vietnam", "Singapore", "China")
OTHERS = (
    "Thailand Malaysia Indonesia Philippines India Taiwan Australia Bangladesh Pakistan"
    " Cambodia Laos Myanmar Mongolia Nepal Brunei"
).split()


def write_articles(folder: Path, count: int, seed: int = 11) -> None:
    """Write `count` knowledge files (and thesauri) derived from the shipped one."""
    rng = random.Random(seed)
    text = SOURCE.read_text(encoding="utf-8")
    for n in range(count):
        article_id = f"article-{n:03d}"
        body = text.replace("id: asia-ai-battle-lines", f"id: {article_id}", 1)
        body = re.sub(r"(?m)^  - id: (\S{1,34})\S*", rf"  - id: a{n:03d}-\1", body)
        for place in SWAPS:
            body = body.replace(place, rng.choice(OTHERS))
        (folder / f"{article_id}.yaml").write_text(body, encoding="utf-8")
        (folder / f"{article_id}.thesaurus.yaml").write_text(
            THESAURUS.read_text(encoding="utf-8"), encoding="utf-8"
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args(argv)
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={}).matching
    queries = [c.question for c in load_cases(ROOT / "tests" / "data" / "eval" / "test.yaml")]
    print("| articles | entries | load + build s | context | median ms | p99 ms |")
    print("|---:|---:|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_articles(folder, args.articles)
        start = time.perf_counter()
        matcher = Matcher(load_knowledge(folder), settings)
        built = time.perf_counter() - start
        ids = [a.id for a in matcher.kb.articles]
        rng = random.Random(3)
        contexts: list[tuple[str, Callable[[str], object]]] = [
            ("none", matcher.match),
            ("an article", lambda q: matcher.match(q, article=rng.choice(ids))),
        ]
        for label, fn in contexts:
            median, p99 = time_queries(fn, queries)
            print(
                f"| {len(ids)} | {len(matcher.kb)} | {built:.2f} | {label}"
                f" | {median:.2f} | {p99:.2f} |"
            )


if __name__ == "__main__":
    main()
