"""Many articles at once: start-up, /reload and matching latency for 200 synthetic articles.

Run: python -m benchmarks.bench_articles [--articles 200] [--only copies|distinct]
     [--baseline CHECKOUT]

Each synthetic article is a copy of the shipped knowledge file (45+ entries) with its own
article id, entry ids and countries swapped for others, plus its thesaurus. Two sets are
measured in one run: near-copies (the copies share most sentences and phrasings, and the
matcher's per-text work is done once for each distinct text) and distinct articles (every
text of every article shuffled word by word, so no two articles share a sentence or
phrasing: what 200 genuinely different articles cost).

For each set, what the bot does at start-up and on /reload (`faqbot.live.load_live`: read
the knowledge files, build or read the matcher) is timed in a fresh process, four ways:

- old path: every file read and validated, the matcher built (no cache used or written);
- cold: no caches yet (the first start-up after a deployment or a code change): the bot's
  path, which writes the knowledge cache and the compiled matcher cache;
- warm: both caches present (every later start-up, or /reload with nothing changed);
- one file edited: one article's answer changed, then loaded again (a /reload after an
  editor's fix: that file is read again, and that article's part of the matcher built);
- one entry added: then one entry added to another article (the entries of the articles
  after it move).

Each row gives wall seconds and CPU seconds for the load alone (imports not counted: see
bench_startup), CPU of the process and of any it started to share a build. On a shared
machine the CPU time is the steadier figure.
With --baseline, every load is timed with another checkout of faqbot too (e.g. a `git
worktree` of main), in the same run, the two taking turns, each on its own copy of the
articles (so that neither reads the other's caches). Then questions are timed with and
without an article context, on this checkout's warm matcher.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from benchmarks.bench_matching import time_queries
from faqbot.config import Settings, load_settings
from faqbot.evaluate import load_cases
from faqbot.knowledge import load_knowledge
from faqbot.knowledgecache import FOLDER
from faqbot.live import load_live
from faqbot.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "faq" / "asia-ai-battle-lines.yaml"
THESAURUS = ROOT / "faq" / "asia-ai-battle-lines.thesaurus.yaml"
SWAPS = ("South Korea", "Japan", "Vietnam", "Singapore", "China")
OTHERS = (
    "Thailand Malaysia Indonesia Philippines India Taiwan Australia Bangladesh Pakistan"
    " Cambodia Laos Myanmar Mongolia Nepal Brunei"
).split()
SETS = ("copies", "distinct")
# The ways a load is timed (see the module docstring), in the order they run.
WAYS = (
    ("old", "old path: files read and validated, matcher built"),
    ("cold", "bot, cold: no caches (writes both)"),
    ("warm", "bot, warm: both caches present"),
    ("edited", "bot, /reload after one file edited"),
    ("added", "bot, /reload after one entry added"),
)


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


def edit_one(folder: Path, added: bool = False) -> None:
    """Change one article's first answer, as an editor fixing a file before /reload; or
    (added) add an entry to another article, a copy of its first one."""
    files = sorted(folder.glob("article-*[0-9].yaml"))
    path = files[len(files) // 3 if added else len(files) // 2]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data["entries"]
    if added:
        entries.append({**entries[0], "id": f"{entries[0]['id'][:30]}-added"})
    else:
        entries[0]["answer"] += " Updated after publication."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _settings(folder: Path) -> Settings:
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    return dataclasses.replace(settings, knowledge=folder)


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (a build shared among
    processes: see faqbot.compiling)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(make: Callable[[], Any]) -> tuple[Any, float, float]:
    """The result, wall seconds and CPU seconds (this process's and its children's)."""
    wall, cpu = time.perf_counter(), _cpu()
    result = make()
    return result, time.perf_counter() - wall, _cpu() - cpu


def time_load(folder: Path, way: str) -> dict[str, float]:
    """Load the folder one way in this process; its wall and CPU seconds, entries, articles."""
    settings = _settings(folder)
    if way == "old":
        kb, wall, cpu = _timed(
            lambda: Matcher(load_knowledge(folder, cache=False), settings.matching).kb
        )
    else:
        kb, wall, cpu = _timed(lambda: load_live(settings).kb)
    return {"wall": wall, "cpu": cpu, "entries": len(kb), "articles": len(kb.articles)}


def _in_child(folder: Path, way: str, checkout: Path = ROOT) -> dict[str, float]:
    """time_load in a fresh process (as the bot starts; nothing kept from an earlier load),
    with the faqbot of this checkout or another."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(checkout / "src"), str(checkout)))}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_articles", "--time-load", way, str(folder)],
        cwd=checkout,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def measure(folders: dict[Path, Path]) -> dict[Path, dict[str, dict[str, float]]]:
    """Every way of WAYS, in order (see the module docstring), with each checkout on its
    own folder of the same articles (checkout -> folder), the checkouts taking turns."""
    results: dict[Path, dict[str, dict[str, float]]] = {checkout: {} for checkout in folders}
    for way, _ in WAYS:
        for checkout, folder in folders.items():
            if way in ("old", "cold"):
                shutil.rmtree(folder / FOLDER, ignore_errors=True)
            if way in ("edited", "added"):
                edit_one(folder, added=way == "added")
            results[checkout][way] = _in_child(folder, way, checkout)
    return results


def time_matching(matcher: Matcher, queries: Sequence[str]) -> list[tuple[str, float, float]]:
    """Median and p99 milliseconds per question, without and with an article context."""
    ids = [a.id for a in matcher.kb.articles]
    rng = random.Random(3)
    contexts: list[tuple[str, Callable[[str], object]]] = [
        ("none", matcher.match),
        ("an article", lambda q: matcher.match(q, article=rng.choice(ids))),
    ]
    return [(label, *time_queries(fn, queries)) for label, fn in contexts]


def main(argv: Sequence[str] | None = None) -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--only", choices=SETS, help="measure one set of articles only")
    parser.add_argument("--baseline", type=Path, help="another faqbot checkout to compare")
    parser.add_argument("--time-load", nargs=2, metavar=("WAY", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_load:
        way, folder = args.time_load
        print(json.dumps(time_load(Path(folder), way)))
        return
    sets = (args.only,) if args.only else SETS
    checkouts = [ROOT, *([args.baseline.resolve()] if args.baseline else [])]
    queries = [c.question for c in load_cases(ROOT / "tests" / "data" / "eval" / "test.yaml")]
    loads: dict[str, dict[Path, dict[str, dict[str, float]]]] = {}
    latency: dict[str, list[tuple[str, float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in sets:
            folders = {}
            for n, checkout in enumerate(checkouts):
                folders[checkout] = folder = Path(tmp) / f"{name}-{n}"
                folder.mkdir()
                write_articles(folder, args.articles, distinct=name == "distinct")
            loads[name] = measure(folders)
            latency[name] = time_matching(load_live(_settings(folders[ROOT])).matcher, queries)
    head = "| articles | entries | texts | load path | wall s | CPU s | × old (wall) |"
    if args.baseline:
        head += f" {args.baseline.name} wall s | {args.baseline.name} CPU s | × (CPU) |"
    print(head)
    print("|---:|---:|---|---|---:|---:|---:|" + ("---:|---:|---:|" if args.baseline else ""))
    for name in sets:
        mine = loads[name][ROOT]
        old = mine["old"]["wall"]
        for way, label in WAYS:
            r = mine[way]
            row = (
                f"| {r['articles']:.0f} | {r['entries']:.0f} | {name} | {label}"
                f" | {r['wall']:.2f} | {r['cpu']:.2f} | {r['wall'] / old:.2f} |"
            )
            if args.baseline:
                b = loads[name][checkouts[1]][way]
                row += f" {b['wall']:.2f} | {b['cpu']:.2f} | {r['cpu'] / b['cpu']:.2f} |"
            print(row)
    print("\n| articles | texts | context | median ms | p99 ms |")
    print("|---:|---|---|---:|---:|")
    for name in sets:
        for label, median, p99 in latency[name]:
            print(f"| {args.articles} | {name} | {label} | {median:.2f} | {p99:.2f} |")


if __name__ == "__main__":
    main()
