"""Measure the matcher's decisions on a list of reader questions with known right answers.

A case file is a YAML list. Each item has ``q`` (the question) and says what is right:

- ``expect: <entry id>``: answered with exactly that entry;
- ``expect_text: [span, ...]``: answered with an entry whose quote, section or answer (what
  the reply shows) contains one of these short verbatim spans of the article (compared
  after normalisation, so spelling and number forms do not matter). It judges knowledge
  bases whose entry ids differ, such as a draft; when a case has both forms, either one
  satisfied is right;
- ``expect: none``: the article does not answer it; any decision but ``answer`` and
  ``smalltalk`` is right (``partial``, ``suggest`` and ``none`` do not claim an answer);
- ``expect: smalltalk``: a greeting or thanks; only ``smalltalk`` is right.

Optional ``style`` and ``kind`` tags (e.g. ``typo``, ``near``) only group the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from faqbot import yamlfile
from faqbot.errors import FaqbotError, did_you_mean
from faqbot.knowledge import Entry
from faqbot.matching import Decision, Matcher, MatchResult
from faqbot.normalise import tokens

NONE = "none"
SMALLTALK = "smalltalk"
_KEYS = frozenset({"q", "expect", "expect_text", "style", "kind"})


def _contains(haystack: str, needle: str) -> bool:
    """Tell whether needle's normalised tokens occur, in order and adjacent, in haystack's."""
    words = tokens(needle)
    text = tokens(haystack)
    if not words:
        return False
    width = len(words)
    return any(text[i : i + width] == words for i in range(len(text) - width + 1))


@dataclass(frozen=True, slots=True)
class Case:
    """One reader question and what a right reply is (see the module docstring)."""

    question: str
    expect: str | None = None
    expect_text: tuple[str, ...] = ()
    style: str = ""
    kind: str = ""

    @property
    def answerable(self) -> bool:
        """Tell whether the article answers this question."""
        return self.expect not in (NONE, SMALLTALK)

    def accepts(self, result: MatchResult) -> bool:
        """Tell whether the matcher's result is a right reply to this case."""
        decision = result.decision
        if self.expect == SMALLTALK:
            return decision is Decision.SMALLTALK
        if self.expect == NONE:
            return decision not in (Decision.ANSWER, Decision.SMALLTALK)
        best = result.best
        if decision is not Decision.ANSWER or best is None:
            return False
        return self.accepts_entry(best.entry)

    def accepts_entry(self, entry: Entry) -> bool:
        """Tell whether answering with this entry would be right."""
        if self.expect is not None and entry.id == self.expect:
            return True
        # What the reply shows: the answer, its section and the quote (render.answer_view).
        shown = f"{entry.source.quote}\n{entry.source.section}\n{entry.answer}"
        return any(_contains(shown, span) for span in self.expect_text)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the matcher did with a case."""

    case: Case
    result: MatchResult

    @property
    def got(self) -> str:
        """The answered entry id, or the decision when the bot did not answer."""
        best = self.result.best
        if self.result.decision is Decision.ANSWER and best:
            return best.entry.id
        return self.result.decision.value

    @property
    def correct(self) -> bool:
        """Tell whether the reply was right for this case."""
        return self.case.accepts(self.result)


def _share(outcomes: Sequence[Outcome]) -> float:
    return sum(o.correct for o in outcomes) / len(outcomes) if outcomes else 1.0


@dataclass(slots=True)
class Report:
    """Accuracy figures an editor can read at a glance."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _of(self, answerable: bool) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.answerable is answerable]

    @property
    def answer_accuracy(self) -> float:
        """Share of answerable questions answered with a right entry."""
        return _share(self._of(True))

    @property
    def refusal_accuracy(self) -> float:
        """Share of unanswerable questions (small talk included) the bot did not answer."""
        return _share(self._of(False))

    @property
    def suggested_right(self) -> int:
        """Answerable questions not answered, but with a right entry among the suggestions."""
        return sum(
            1
            for o in self._of(True)
            if o.result.decision is Decision.SUGGEST
            and any(o.case.accepts_entry(c.entry) for c in o.result.suggestions)
        )

    @property
    def failures(self) -> list[Outcome]:
        """Cases the bot got wrong, for the editor to inspect."""
        return [o for o in self.outcomes if not o.correct]

    def by_tag(self) -> list[tuple[str, int, float]]:
        """(tag, cases, share right) for every style and kind tag, in first-seen order."""
        groups: dict[str, list[Outcome]] = {}
        for o in self.outcomes:
            side = "answerable" if o.case.answerable else "unanswerable"
            for tag in (o.case.style, o.case.kind):
                if tag:
                    groups.setdefault(f"{side}/{tag}", []).append(o)
        return [(tag, len(group), _share(group)) for tag, group in groups.items()]

    def lines(self, *, misses: bool = True) -> list[str]:
        """Render the report as text lines: the summary, then (with ``misses``) one ``MISS``
        line per question got wrong. A held-out set is read as its summary only (``misses``
        false), so that nobody tunes on its questions by reading a CI log."""
        answerable, unanswerable = self._of(True), self._of(False)
        wrong_entry = [
            o for o in answerable if not o.correct and o.result.decision is Decision.ANSWER
        ]
        false_answers = [o for o in unanswerable if not o.correct]
        refusals = Counter(
            o.result.decision.value for o in answerable if o.result.decision is not Decision.ANSWER
        )
        out = [
            f"answered right: {sum(o.correct for o in answerable)}/{len(answerable)}"
            f" = {self.answer_accuracy:.3f}"
            f" (+{self.suggested_right} with a right entry among suggestions)",
            f"refused right:  {sum(o.correct for o in unanswerable)}/{len(unanswerable)}"
            f" = {self.refusal_accuracy:.3f}",
            f"confusions (answered with the wrong entry): {len(wrong_entry)}",
            f"answered although the article does not say: {len(false_answers)}",
            "answerable but not answered: "
            + (", ".join(f"{n} {d}" for d, n in sorted(refusals.items())) or "0"),
        ]
        tags = self.by_tag()
        if tags:
            out.append("by tag: " + ", ".join(f"{t} {s:.2f} ({n})" for t, n, s in tags))
        for o in self.failures if misses else ():
            best = o.result.best
            top = f"{best.entry.id} {best.score:.1f}" if best else "-"
            expected = o.case.expect or "text " + " | ".join(o.case.expect_text)
            out.append(f"  MISS {o.case.question!r}: expected {expected}, got {o.got} (top: {top})")
        return out


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    return None


def load_cases(path: Path, known: Collection[str] | None = None) -> list[Case]:
    """Read a YAML list of cases (see the module docstring), failing with a clear message.

    known: the entry ids there are; an ``expect`` naming another is a problem of the file
    (with the id it may be a typo of). Every problem is found in one run: the FaqbotError
    lists them, one a line naming the file and item. A list of no cases is one too (there
    is nothing to measure, and no bar can be met or missed on it).
    """
    # Strictly, as other hand-edited YAML (faqbot.yamlfile): duplicate keys refused, and a
    # problem is one line naming the file and line.
    data = yamlfile.load(path)
    if not isinstance(data, list):
        raise FaqbotError(f"{path}: must be a YAML list of {{q, expect}} items")
    if not data:
        raise FaqbotError(f"{path}: no cases: nothing to measure")
    cases, problems = [], []
    for i, item in enumerate(data):
        case = _case(item)
        expect = case.expect if isinstance(case, Case) and case.answerable else None
        if expect is not None and known is not None and expect not in known:
            case = f"'expect': no entry {_typo(expect, known)}"
        if isinstance(case, Case):
            cases.append(case)
        else:
            problems.append(f"{path}: item #{i + 1}: {case}")
    if problems:
        raise FaqbotError("\n".join(problems))
    return cases


def _case(item: object) -> Case | str:
    """One item of a case file as a Case, or what is wrong with it."""
    if not isinstance(item, dict) or not isinstance(item.get("q"), str):
        return "needs a 'q' string and 'expect' or 'expect_text'"
    if not item["q"].strip():
        return "'q' is empty: no question"
    unknown = sorted(set(map(str, item)) - _KEYS)
    if unknown:
        return f"unknown key(s) {', '.join(unknown)}"
    expect = item.get("expect")
    spans = _strings(item.get("expect_text"))
    if expect is not None and not isinstance(expect, str):
        return "'expect' must be an entry id, none or smalltalk"
    if "expect_text" in item and spans is None:
        return "'expect_text' must be a list of non-empty strings"
    if expect is None and spans is None:
        return "needs 'expect' or 'expect_text'"
    if spans and expect in (NONE, SMALLTALK):
        return f"'expect_text' contradicts 'expect: {expect}'"
    tags = {key: item.get(key, "") for key in ("style", "kind")}
    if not all(isinstance(v, str) for v in tags.values()):
        return "'style' and 'kind' must be strings"
    return Case(item["q"], expect, spans or (), tags["style"], tags["kind"])


def _typo(expect: str, known: Collection[str]) -> str:
    """An unknown expected id, with what it may be a typo of ("NONE (did you mean none?)")."""
    if expect.lower() in (NONE, SMALLTALK) or expect.lower() in known:
        return f"{expect} (did you mean {expect.lower()}?)"
    return did_you_mean(expect, [*known, NONE, SMALLTALK])


def evaluate(matcher: Matcher, cases: Sequence[Case], today: date | None = None) -> Report:
    """Run every case through the matcher; fail if a case names an entry that does not exist.

    today: the date the questions are asked on ("next year"); default the clock's.
    """
    unknown = sorted(
        {
            c.expect
            for c in cases
            if c.expect is not None and c.answerable and matcher.kb.get(c.expect) is None
        }
    )
    if unknown:
        raise FaqbotError(f"evaluation expects entries that do not exist: {', '.join(unknown)}")
    return Report([Outcome(c, matcher.match(c.question, today=today)) for c in cases])
