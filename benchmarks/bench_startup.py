"""Wall time of `faqbot ask` for one question, beside Python's own start-up floor.

Run: python -m benchmarks.bench_startup [--runs 15] [--baseline CHECKOUT]

Each command runs as a fresh process (what a shell user waits for). With --baseline, the
same question is asked of another checkout of faqbot (e.g. a `git worktree` of an older
commit) with this interpreter, so both are measured in one run on one machine.

Python may write bytecode (PYTHONDONTWRITEBYTECODE is dropped from the environment), as it
does for a user: without it every run compiles faqbot's modules again, about 40 ms here.
The warm-up run writes the bytecode and faqbot's caches beside the knowledge files.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "How big is the APAC AI market?",
    "hw much korea put in ai",
    "How much has Thailand committed to AI?",
)


def wall_ms(command: Sequence[str], cwd: Path, env: dict[str, str], runs: int) -> float:
    """Median wall time in milliseconds of a command, after one warm-up run."""
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> None:
    """Print a Markdown table of start-up times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="another faqbot checkout to compare")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, float]] = []
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    floor = wall_ms([sys.executable, "-c", "pass"], ROOT, base_env, args.runs)
    rows.append(("python -c pass", "-", floor))
    checkouts = [("faqbot (this checkout)", ROOT)]
    if args.baseline:
        checkouts.append((f"faqbot ({args.baseline.name})", args.baseline.resolve()))
    for label, checkout in checkouts:
        env = {**base_env, "PYTHONPATH": str(checkout / "src")}
        env.pop("FAQBOT_CONFIG", None)
        for question in QUESTIONS:
            command = [sys.executable, "-m", "faqbot", "ask", question]
            rows.append((label, question, wall_ms(command, checkout, env, args.runs)))
    print("| command | question | median ms | minus floor ms |")
    print("|---|---|---:|---:|")
    for label, question, ms in rows:
        print(f"| {label} | {question} | {ms:.0f} | {ms - floor:.0f} |")


if __name__ == "__main__":
    main()
