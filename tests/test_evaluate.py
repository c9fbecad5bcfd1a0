"""Evaluation: the knowledge base meets its accuracy bar on independent reader questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot.errors import FaqbotError
from faqbot.evaluate import Case, evaluate, load_cases
from faqbot.matching import Matcher
from tests.conftest import DATA_DIR


def test_question_set_is_big_enough() -> None:
    cases = load_cases(DATA_DIR / "questions.yaml")
    assert sum(c.expect != "none" for c in cases) >= 150
    assert sum(c.expect == "none" for c in cases) >= 40


def test_questions_are_not_copied_into_the_knowledge(matcher: Matcher) -> None:
    phrasings = {p.casefold().strip(" ?") for e in matcher.kb.entries for p in e.phrasings}
    cases = load_cases(DATA_DIR / "questions.yaml")
    copied = [c.question for c in cases if c.question.casefold().strip(" ?") in phrasings]
    # The five FAQ questions may be asked as printed; nothing else may be memorised.
    assert len(copied) <= 5, copied


def test_accuracy_bar(matcher: Matcher) -> None:
    report = evaluate(matcher, load_cases(DATA_DIR / "questions.yaml"))
    assert report.answer_accuracy >= 0.95, "\n".join(report.lines())
    assert report.refusal_accuracy >= 0.90, "\n".join(report.lines())


def test_report_counts_confusions_and_refusals(matcher: Matcher) -> None:
    cases = [
        Case("How big is the APAC AI market?", "apac-market-size"),
        Case("How big is the APAC AI market?", "japan-focus"),
        Case("What's the weather in Bangkok?", "none"),
    ]
    report = evaluate(matcher, cases)
    assert report.answer_accuracy == 0.5
    assert report.refusal_accuracy == 1.0
    lines = report.lines()
    assert "confusions (answered with the wrong entry): 1" in lines
    assert any("MISS" in line and "japan-focus" in line for line in lines)


def test_unknown_expected_entry_is_an_error(matcher: Matcher) -> None:
    with pytest.raises(FaqbotError, match="no-such-entry"):
        evaluate(matcher, [Case("x", "no-such-entry")])


def test_malformed_case_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("- q: hello\n", encoding="utf-8")
    with pytest.raises(FaqbotError, match="item #1"):
        load_cases(path)
