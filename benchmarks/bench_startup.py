"""Wall time of `faqbot ask` for one question, beside Python's own start-up floor.

Run: python -m benchmarks.bench_startup [--runs 15] [--baseline CHECKOUT]

Each command runs as a fresh process (what a shell user waits for). With --baseline, the
same question is asked of another checkout of faqbot (e.g. a `git worktree` of an older
commit) with this interpreter, so both are measured in one run on one machine. The
commands take turns (one run of each per round), so that other work on a shared machine
weighs on all alike; the table gives each one's median and least wall time, the median
less the floor's, and the median CPU time (user + system) of the process.

Python may write bytecode (PYTHONDONTWRITEBYTECODE is dropped from the environment), as it
does for a user: without it every run compiles faqbot's modules again, about 40 ms here.
The warm-up run writes the bytecode and faqbot's caches beside the knowledge files.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "How big is the APAC AI market?",
    "hw much korea put in ai",
    "How much has Thailand committed to AI?",
)


@dataclass
class Command:
    """One command to time, with its samples (milliseconds)."""

    label: str
    question: str
    argv: list[str]
    cwd: Path
    env: dict[str, str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def run(self) -> None:
        """Run once; record wall time and the child's CPU time (user + system)."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(self.argv, cwd=self.cwd, env=self.env, check=True, capture_output=True)
        self.wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        self.cpu.append(used * 1000)


def main(argv: Sequence[str] | None = None) -> None:
    """Print a Markdown table of start-up times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="another faqbot checkout to compare")
    args = parser.parse_args(argv)
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    floor = Command("python -c pass", "-", [sys.executable, "-c", "pass"], ROOT, base_env)
    commands = [floor]
    checkouts = [("faqbot (this checkout)", ROOT)]
    if args.baseline:
        checkouts.append((f"faqbot ({args.baseline.name})", args.baseline.resolve()))
    for label, checkout in checkouts:
        env = {**base_env, "PYTHONPATH": str(checkout / "src")}
        env.pop("FAQBOT_CONFIG", None)
        for question in QUESTIONS:
            argv = [sys.executable, "-m", "faqbot", "ask", question]
            commands.append(Command(label, question, argv, checkout, env))
    for command in commands:  # warm-up: bytecode and caches written
        command.run()
        command.wall.clear()
        command.cpu.clear()
    # Interleaved, so that other work on a shared machine weighs on every command alike.
    for _ in range(args.runs):
        for command in commands:
            command.run()
    least = statistics.median(floor.wall)
    print("| command | question | median ms | min ms | minus floor ms | CPU ms |")
    print("|---|---|---:|---:|---:|---:|")
    for c in commands:
        wall = statistics.median(c.wall)
        print(
            f"| {c.label} | {c.question} | {wall:.0f} | {min(c.wall):.0f}"
            f" | {wall - least:.0f} | {statistics.median(c.cpu):.0f} |"
        )


if __name__ == "__main__":
    main()
