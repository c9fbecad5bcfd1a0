"""Regression test of the knowledge base: expected answers for a list of reader questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from faqbot.errors import FaqbotError
from faqbot.matching import Decision, Matcher, MatchResult

NONE = "none"


@dataclass(frozen=True, slots=True)
class Case:
    """One reader question and the entry id that should answer it (or "none")."""

    question: str
    expect: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the matcher did with a case."""

    case: Case
    result: MatchResult

    @property
    def got(self) -> str:
        """Return the answered entry id, or "none" when the bot did not answer."""
        best = self.result.best
        return best.entry.id if self.result.answered and best else NONE

    @property
    def correct(self) -> bool:
        """Tell whether the bot answered with the right entry, or rightly did not answer."""
        return self.got == self.case.expect


@dataclass(slots=True)
class Report:
    """Accuracy figures an editor can read at a glance."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _of(self, answerable: bool) -> list[Outcome]:
        return [o for o in self.outcomes if (o.case.expect != NONE) is answerable]

    @property
    def answer_accuracy(self) -> float:
        """Share of answerable questions answered with the right entry."""
        cases = self._of(True)
        return sum(o.correct for o in cases) / len(cases) if cases else 1.0

    @property
    def refusal_accuracy(self) -> float:
        """Share of unanswerable questions that the bot did not answer."""
        cases = self._of(False)
        return sum(o.correct for o in cases) / len(cases) if cases else 1.0

    @property
    def suggested_right(self) -> int:
        """Answerable questions not answered, but with the right entry among the suggestions."""
        return sum(
            1
            for o in self._of(True)
            if o.result.decision is Decision.SUGGEST
            and any(c.entry.id == o.case.expect for c in o.result.suggestions)
        )

    @property
    def failures(self) -> list[Outcome]:
        """Cases the bot got wrong, for the editor to inspect."""
        return [o for o in self.outcomes if not o.correct]

    def lines(self) -> list[str]:
        """Render the report as text lines."""
        answerable, unanswerable = self._of(True), self._of(False)
        confusions = [o for o in answerable if o.got not in (NONE, o.case.expect)]
        false_answers = [o for o in unanswerable if o.got != NONE]
        out = [
            f"answered right: {sum(o.correct for o in answerable)}/{len(answerable)}"
            f" = {self.answer_accuracy:.3f}"
            f" (+{self.suggested_right} with the right entry among suggestions)",
            f"refused right:  {sum(o.correct for o in unanswerable)}/{len(unanswerable)}"
            f" = {self.refusal_accuracy:.3f}",
            f"confusions (answered with the wrong entry): {len(confusions)}",
            f"answered although the article does not say: {len(false_answers)}",
        ]
        for o in self.failures:
            best = o.result.best
            top = f"{best.entry.id} {best.score:.1f}" if best else "-"
            out.append(
                f"  MISS {o.case.question!r}: expected {o.case.expect},"
                f" got {o.result.decision.value} (top: {top})"
            )
        return out


def load_cases(path: Path) -> list[Case]:
    """Read the YAML list of {q, expect} cases, failing with a clear message."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FaqbotError(f"{path}: cannot read evaluation cases: {exc}") from exc
    if not isinstance(data, list):
        raise FaqbotError(f"{path}: must be a YAML list of {{q, expect}} items")
    cases = []
    for i, item in enumerate(data):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("q"), str)
            or not isinstance(item.get("expect"), str)
            or set(item) - {"q", "expect"}
        ):
            raise FaqbotError(f"{path}: item #{i + 1}: needs exactly 'q' and 'expect' strings")
        cases.append(Case(item["q"], item["expect"]))
    return cases


def evaluate(matcher: Matcher, cases: Sequence[Case]) -> Report:
    """Run every case through the matcher."""
    unknown = sorted(
        {c.expect for c in cases if c.expect != NONE and matcher.kb.get(c.expect) is None}
    )
    if unknown:
        raise FaqbotError(f"evaluation expects entries that do not exist: {', '.join(unknown)}")
    return Report([Outcome(c, matcher.match(c.question)) for c in cases])
