"""Evaluation: the knowledge base meets its accuracy bar on independent reader questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqbot.errors import FaqbotError
from faqbot.evaluate import Case, evaluate, load_cases
from faqbot.matching import Matcher
from tests.conftest import DATA_DIR, FAQ_DIR
from tests.golden import DAY

EVAL_DIR = DATA_DIR / "eval"
TESTS_DIR = Path(__file__).resolve().parent

# The held-out test halves gate CI (dev, dev2 and dev3 are for tuning); the first, older
# set is a regression file. Measured on this commit's matcher and knowledge (README,
# "Accuracy"): test half 0.907 answered / 0.954 refused, test3 (the third set's held-out
# half) 0.791 / 0.969, older set 0.949 / 1.000 (asked on DAY: "next year" is counted from
# the day). The bars sit just under them so that any regression fails; issue 7 asks for
# 0.93 / 0.90 on the test half.
# The fourth set (dev4, test4: breakit-9's blind questions, split once) read 0.914 / 0.957
# whole before any tuning; its held-out half test4 0.868 / 0.957 when it was added,
# 0.868 / 0.978 now.
# The new user's set (eval/newuser.yaml: written from the article alone, then tuned on by
# the fixes of its confident wrong answers) is a regression file too: 0.900 / 0.977 when
# it was added (360 questions), 0.824 refused before those fixes; 0.914 / 0.982 now.
BARS = {
    "eval/test.yaml": (0.90, 0.95),
    "eval/test3.yaml": (0.79, 0.96),
    "questions.yaml": (0.94, 0.95),
    "eval/newuser.yaml": (0.91, 0.97),
    "eval/test4.yaml": (0.86, 0.97),
}


def _eval_cases(
    parts: tuple[str, ...] = ("dev", "dev2", "test", "newuser", "dev3", "test3", "dev4", "test4"),
) -> list[Case]:
    """The evaluation questions: by default every set (dev2 is a later, second dev set;
    newuser a new user's regression set; dev3 and test3 the halves of a third set, dev4
    and test4 of a fourth)."""
    return [c for part in parts for c in load_cases(EVAL_DIR / f"{part}.yaml")]


def test_question_sets_are_big_enough() -> None:
    old = load_cases(DATA_DIR / "questions.yaml")
    assert sum(c.answerable for c in old) >= 150
    new = _eval_cases(("dev", "test"))  # the set split once into halves
    answerable = [c for c in new if c.answerable]
    unanswerable = [c for c in new if c.expect == "none"]
    assert len(answerable) >= 300
    assert len(unanswerable) >= 150
    assert sum(c.kind == "near" for c in unanswerable) >= 0.6 * len(unanswerable)
    assert sum(c.style in ("typo", "chat") for c in answerable) >= len(answerable) / 4
    assert sum(c.style == "short" for c in answerable) >= len(answerable) / 6
    assert any(c.expect == "smalltalk" for c in new)
    dev = {c.question for c in load_cases(EVAL_DIR / "dev.yaml")}
    dev |= {c.question for c in load_cases(EVAL_DIR / "dev2.yaml")}
    test = {c.question for c in load_cases(EVAL_DIR / "test.yaml")}
    assert not dev & test  # split once, no question in both halves
    third = _eval_cases(("dev3", "test3"))  # written later, split once the same way
    assert sum(c.answerable for c in third) >= 300
    assert sum(c.expect == "none" for c in third) >= 150
    dev3 = {c.question for c in load_cases(EVAL_DIR / "dev3.yaml")}
    assert not dev3 & {c.question for c in load_cases(EVAL_DIR / "test3.yaml")}
    dev4 = {c.question for c in load_cases(EVAL_DIR / "dev4.yaml")}
    assert not dev4 & {c.question for c in load_cases(EVAL_DIR / "test4.yaml")}


def _key(text: str) -> str:
    return " ".join(text.casefold().strip(" ?!.").split())


# Short forms that the knowledge base already had (commit 5f88d68) before the evaluation
# set was written (commit 9932403), and that its authors happened to type too.
PREDATING = frozenset(
    {
        "nigel lee lenovo",
        "big ai accessibility",
        "small ai accessibility",
        "japan ai strategy",
        "is china building its own ai",
        "67% growth",
        "vietnam ai law",
        "south korea $7bn",
        "skillsfuture",
        "customer service automation",
    }
)


# Wordings that the knowledge base or the tests already had (main at ec9976c) when the third
# set (dev3, test3) was written from the article alone, and that its author happened to
# type too: the article's own FAQ questions ("How might regulation affect the Big vs Small
# AI contest?") and short forms.
PREDATING_THIRD = frozenset(
    {
        "1.7x",
        "ai jobs impact",
        "ai monopoly",
        "big ai timeline",
        "how might regulation affect the big vs small ai contest",
        "lenovo singapore gm",
        "roi big vs small ai",
        "training cost",
        "what do small ai advocates argue about business needs",
        "what does japan's national ai strategy focus on",
        "what's the headline of this piece",
        "ai sovereignty meaning",
        "apac ai market value",
    }
)


# Wordings that the knowledge base or the tests already had (main at 47e5861) when the
# fourth set (dev4, test4) was written from the article alone (breakit-9), and that its
# author typed too.
PREDATING_FOURTH = frozenset(
    {
        "which approach gives better roi",
        "what role does data play",
        "what is the article about",
        "does big ai need more data",
        "ai in healthcare",
        "are countries putting guardrails around ai",
        "big ai vs small ai what's the difference",
        "how are asian governments responding to ai competition",
        "how does manufacturing use ai",
        "how is ai used in supply chains",
        "how is singapore positioning itself in ai",
        "how much does it cost to train the latest ai models",
        "japan ai strategy",
        "skillsfuture",
        "small ai development time",
        "training cost",
        "vietnam ai law",
        "what did the forrester guy say",
        "what is agi",
        "will big ai monopolise the market",
        "workplace ai adoption rate",
    }
)
_PREDATING_ANY = PREDATING | PREDATING_THIRD | PREDATING_FOURTH


def test_questions_are_not_copied_into_the_knowledge(matcher: Matcher) -> None:
    phrasings = {_key(p) for e in matcher.kb.entries for p in e.phrasings}
    old = [c.question for c in load_cases(DATA_DIR / "questions.yaml")]
    copied = [q for q in old if _key(q) in phrasings]
    # The five FAQ questions may be asked as printed; nothing else may be memorised.
    assert len(copied) <= 5, copied
    new = {_key(c.question) for c in _eval_cases()}
    assert not (new & phrasings) - _PREDATING_ANY


def test_evaluation_questions_are_not_copied_into_tests_or_knowledge() -> None:
    sources = [p.read_text(encoding="utf-8").casefold() for p in TESTS_DIR.rglob("*.py")]
    sources += [p.read_text(encoding="utf-8").casefold() for p in FAQ_DIR.glob("*.yaml")]
    questions = {c.question.casefold() for c in _eval_cases() if len(c.question) >= 20}
    copied = [
        q
        for q in questions
        if q not in PREDATING
        and _key(q) not in _PREDATING_ANY
        and any(q in text for text in sources)
    ]
    assert not copied, copied


@pytest.mark.parametrize(("name", "bars"), BARS.items())
def test_accuracy_bar(matcher: Matcher, name: str, bars: tuple[float, float]) -> None:
    report = evaluate(matcher, load_cases(DATA_DIR / name), today=DAY)
    answered, refused = bars
    assert report.answer_accuracy >= answered, "\n".join(report.lines())
    assert report.refusal_accuracy >= refused, "\n".join(report.lines())


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


def test_every_problem_of_a_case_file_is_named_at_once(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(
        "- {q: a, expect: japan-focu}\n- {q: b}\n- {q: c, expect: Smalltalk}\n"
        "- {q: d, expect: japan-focus}\n",
        encoding="utf-8",
    )
    with pytest.raises(FaqbotError) as error:
        load_cases(path, {"japan-focus", "vietnam-ai-law"})
    assert str(error.value).splitlines() == [
        f"{path}: item #1: 'expect': no entry japan-focu (did you mean japan-focus?)",
        f"{path}: item #2: needs 'expect' or 'expect_text'",
        f"{path}: item #3: 'expect': no entry Smalltalk (did you mean smalltalk?)",
    ]
    path.write_text("- {q: d, expect: anything}\n", encoding="utf-8")
    assert len(load_cases(path)) == 1  # no ids given: not checked here (evaluate does)


def test_a_case_file_of_no_cases_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("[]\n", encoding="utf-8")
    with pytest.raises(FaqbotError, match="no cases: nothing to measure"):
        load_cases(path)


def test_malformed_case_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("- q: hello\n", encoding="utf-8")
    with pytest.raises(FaqbotError, match="item #1"):
        load_cases(path)


def test_expect_text_accepts_any_entry_whose_quote_or_answer_says_it(matcher: Matcher) -> None:
    # Spelling and number forms do not matter: "$7bn" is "$7 billion".
    right = Case("How much has South Korea committed to AI?", expect_text=("over $7bn",))
    wrong = Case("How much has South Korea committed to AI?", expect_text=("$815.98 billion",))
    report = evaluate(matcher, [right, wrong])
    assert [o.correct for o in report.outcomes] == [True, False]


def test_expect_text_may_name_the_section_the_reply_shows(matcher: Matcher) -> None:
    """The reply names the answer's section, so a span of its title is shown to the reader."""
    case = Case("How much has South Korea committed to AI?", expect_text=("The Scale Wars",))
    assert evaluate(matcher, [case]).outcomes[0].correct


def test_either_form_may_be_right(matcher: Matcher) -> None:
    case = Case(
        "How much has South Korea committed to AI?",
        expect="japan-focus",
        expect_text=("$7 billion",),
    )
    assert evaluate(matcher, [case]).outcomes[0].correct


def test_small_talk_is_right_only_as_small_talk(matcher: Matcher) -> None:
    report = evaluate(matcher, [Case("What's the weather in Bangkok?", "smalltalk")])
    # A plain "none" is a refusal, but small talk must be recognised as small talk.
    assert report.outcomes[0].result.decision.value == "none"
    assert report.refusal_accuracy == 0.0


def test_report_groups_by_tag(matcher: Matcher) -> None:
    cases = [
        Case("How big is the APAC AI market?", "apac-market-size", style="plain"),
        Case("What's the weather in Bangkok?", "none", style="plain", kind="off"),
    ]
    tags = evaluate(matcher, cases).by_tag()
    assert ("answerable/plain", 1, 1.0) in tags
    assert ("unanswerable/off", 1, 1.0) in tags


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- q: hello\n  expect_text: []\n", "expect_text"),
        ("- q: hello\n  expect: none\n  expect_text: [x]\n", "contradicts"),
        ("- q: hello\n  expect: none\n  colour: red\n", "unknown key"),
        ("- q: hello\n  expect: [a]\n", "entry id"),
    ],
)
def test_malformed_cases_name_the_item(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FaqbotError, match=message):
        load_cases(path)
