"""The golden file: every evaluation question's decision, entry and gap, as the bot gives them.

Commits that mean to change answers (matching, normalisation, knowledge) regenerate it with
``python -m tests.golden``; every other change must leave it as it is, which
tests/test_golden.py checks. Each line is ``decision entry-or-dash gap-or-dash | question``;
for the held-out test halves the question is replaced by a short digest of it (``#`` and 12 hex
digits of its SHA-256), so a diff of this file says that a held-out answer moved, and how, but
never shows the question that a session tuning the matcher must not read.
"""

from __future__ import annotations

import hashlib
from datetime import date

from faqbot.config import load_settings
from faqbot.evaluate import load_cases
from faqbot.knowledge import load_knowledge
from faqbot.matching import Matcher
from tests.conftest import DATA_DIR, FAQ_DIR, ROOT

GOLDEN = DATA_DIR / "eval" / "golden.txt"
SETS = (
    "eval/dev.yaml",
    "eval/dev2.yaml",
    "eval/test.yaml",
    "eval/dev3.yaml",
    "eval/test3.yaml",
    "questions.yaml",
    "eval/dev4.yaml",
    "eval/test4.yaml",
)
HELD_OUT = frozenset({"eval/test.yaml", "eval/test3.yaml", "eval/test4.yaml"})
# "next year" in a question depends on the date: the golden answers are those of this day.
DAY = date(2026, 12, 7)


def snapshot(matcher: Matcher) -> str:
    """The golden text for a matcher: one section per evaluation file, one line per case."""
    lines: list[str] = []
    for name in SETS:
        lines.append(f"# {name}")
        for case in load_cases(DATA_DIR / name):
            result = matcher.match(case.question, today=DAY)
            best = result.best
            entry = (
                best.entry.id if best and result.decision.value in ("answer", "partial") else "-"
            )
            gap = result.gap.kind.value if result.gap else "-"
            question = " ".join(case.question.split())
            if name in HELD_OUT:
                question = "#" + hashlib.sha256(question.encode()).hexdigest()[:12]
            lines.append(f"{result.decision.value} {entry} {gap} | {question}")
    return "\n".join(lines) + "\n"


def shipped_matcher() -> Matcher:
    """The matcher as the bot builds it: shipped knowledge, bot/config.yaml settings."""
    settings = load_settings(ROOT / "bot" / "config.yaml", environ={})
    return Matcher(load_knowledge(FAQ_DIR), settings.matching)


def main() -> None:
    """Rewrite the golden file from the current matcher and knowledge."""
    GOLDEN.write_text(snapshot(shipped_matcher()), encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
