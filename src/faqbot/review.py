"""Editors' and admins' views of the log: grouped questions, stats, CSV and YAML exports."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np
import yaml
from rapidfuzz import fuzz, process

from faqbot.analysis import Analysis
from faqbot.constraints import Asked, GapKind, check
from faqbot.errors import FaqbotError, UnknownArticleError
from faqbot.knowledge import Article, Entry, KnowledgeBase
from faqbot.matching import (
    Candidate,
    Decision,
    Matcher,
    MatchResult,
    clip_query,
    gap_words,
    normalised_text,
    numbers_only,
)
from faqbot.plaintext import plain_text
from faqbot.smalltalk import classify
from faqbot.storage import (
    ArticleCounts,
    Deliveries,
    EntryFeedback,
    Lesson,
    LoggedQuestion,
    Stats,
    WriterHealth,
)
from faqbot.terminal import is_unsafe, terminal_safe

GROUP_THRESHOLD = 80.0
# Past this many distinct wordings the N×N similarity matrix would outgrow memory.
MAX_FORMS = 4000


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    """Unanswered questions that say the same thing, with the entries closest to them."""

    questions: tuple[LoggedQuestion, ...]
    closest: tuple[Candidate, ...]
    # Follow-ups (replies to an answer) group by the entry they followed: its id, and its
    # question when the knowledge still has it. None: not follow-ups.
    follows: str | None = None
    follows_question: str | None = None

    @property
    def key(self) -> int:
        """The group's stable id, shown as "#key" in every view and taken by every command:
        the id of its first question."""
        return min(q.id for q in self.questions)

    @property
    def label(self) -> str:
        """How views show the id: "#412"."""
        return f"#{self.key}"

    @property
    def unsure(self) -> bool:
        """Some of its questions got did-you-mean and the reader picked nothing."""
        return any(q.decision == "suggest" for q in self.questions)

    @property
    def partial(self) -> bool:
        """Some of its questions were answered only in part (the article lacked a detail)."""
        return any(q.decision == "partial" for q in self.questions)

    @property
    def offered(self) -> list[str]:
        """Entry ids the bot offered these questions (did-you-mean choices, closest facts),
        most offered first."""
        counts: dict[str, int] = {}
        for q in self.questions:
            for entry_id in (*q.choices, *([q.entry_id] if q.entry_id else [])):
                counts[entry_id] = counts.get(entry_id, 0) + 1
        return sorted(counts, key=lambda e: -counts[e])

    @property
    def marks(self) -> str:
        """Short tags for the kind of questions in the group: "unsure", "partial"."""
        return ", ".join(m for m, on in (("unsure", self.unsure), ("partial", self.partial)) if on)

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def last_asked(self) -> int:
        return max(q.asked_at for q in self.questions)

    @property
    def texts(self) -> list[str]:
        """Distinct wordings, most frequent first."""
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.text] = counts.get(q.text, 0) + 1
        return sorted(counts, key=lambda t: -counts[t])


def question_article(result: MatchResult, context: str | None, kb: KnowledgeBase) -> str | None:
    """The article a handled question is logged under (QuestionRecord.article_id).

    The article of the entry answered or offered in part (even when it is not the reader's:
    ``elsewhere``); else the article the reader is reading (context: their deep link's id);
    else the one article all did-you-mean choices come from, or the only article served;
    else None (no known article: it counts overall only).
    """
    best = result.best
    if best is not None and result.decision in (Decision.ANSWER, Decision.PARTIAL):
        return best.entry.article.id
    if context is not None:
        return context
    offered = {c.entry.article.id for c in result.suggestions}
    if len(offered) == 1:
        return offered.pop()
    if not offered and len(kb.articles) == 1:
        return kb.articles[0].id
    return None


def find_article(kb: KnowledgeBase, article_id: str) -> Article:
    """The article with this id, or UnknownArticleError listing the known ids (newest first,
    as /articles lists them)."""
    article = kb.article(article_id)
    if article is None:
        raise UnknownArticleError(article_id, [a.id for a in kb.newest_first()])
    return article


def group_questions(
    questions: Sequence[LoggedQuestion], matcher: Matcher, threshold: float = GROUP_THRESHOLD
) -> list[QuestionGroup]:
    """Cluster questions by similarity of their normalised text; most-asked group first.

    Follow-ups cluster only with follow-ups to the same entry: "and in 2030?" after the
    market's answer and after the investment's answer ask different things. A follow-up
    group's best matches now are ranked for its wording after the question it followed.
    """
    by_follows: dict[str | None, list[LoggedQuestion]] = {}
    for question in questions:
        by_follows.setdefault(question.follows, []).append(question)
    groups = [
        group
        for follows, asked in by_follows.items()
        for group in _cluster(asked, matcher, threshold, follows)
    ]
    return sorted(groups, key=lambda g: (-g.count, -g.last_asked, g.key))


def _cluster(
    questions: Sequence[LoggedQuestion], matcher: Matcher, threshold: float, follows: str | None
) -> list[QuestionGroup]:
    """Cluster questions that all follow the same entry (or none) by similarity."""
    forms: dict[str, list[LoggedQuestion]] = {}
    for question in questions:
        forms.setdefault(normalised_text(matcher, question.text), []).append(question)
    keys = sorted(forms, key=lambda k: -len(forms[k]))[:MAX_FORMS]
    if not keys:
        return []
    followed = matcher.kb.get(follows) if follows is not None else None
    context = f"{followed.question} " if followed is not None else ""
    similar = process.cdist(
        keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=threshold, dtype=np.uint8
    )
    leader = np.full(len(keys), -1)
    for i in range(len(keys)):
        if leader[i] >= 0:
            continue
        members = np.nonzero((similar[i] > 0) & (leader < 0))[0]
        leader[members] = i
        leader[i] = i
    groups = []
    for i in np.unique(leader):
        asked = [q for j in np.nonzero(leader == i)[0] for q in forms[keys[j]]]
        closest = tuple(matcher.rank(context + asked[0].text, limit=3))
        groups.append(
            QuestionGroup(
                tuple(sorted(asked, key=lambda q: q.id)),
                closest,
                follows,
                followed.question if followed is not None else None,
            )
        )
    return groups


def find_group(groups: Iterable[QuestionGroup], key: int) -> QuestionGroup | None:
    """The group with this id (or holding the question with this id, should regrouping have
    moved it); None if its questions were linked or dismissed."""
    groups = list(groups)
    return next((g for g in groups if g.key == key), None) or next(
        (g for g in groups if any(q.id == key for q in g.questions)), None
    )


class GroupHandledError(FaqbotError):
    """The group's questions were already linked or dismissed (a stale view or command)."""


class NoSuchEntryError(FaqbotError):
    """An editor named an entry id the live knowledge does not have."""

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id
        super().__init__(f"there is no entry {entry_id!r}")


def open_group(groups: Iterable[QuestionGroup], key: int) -> QuestionGroup:
    """The group with this id, still open; raise GroupHandledError if it is gone."""
    group = find_group(groups, key)
    if group is None:
        raise GroupHandledError(f"group #{key} was already handled")
    return group


# What a question asks for that an entry may not state, as an editor is told it: one for
# every GapKind (check may give any; tests/test_review.py checks none is missing).
_ASKED_FOR = {
    GapKind.YEAR: "the year {values}",
    GapKind.AMOUNT: "the amount {values}",
    GapKind.NAME: "{values}",
    GapKind.MENTIONED: "{values}",
    GapKind.FIGURE: "a figure",
    GapKind.DATE: "a date",
    GapKind.DURATION: "a duration",
    GapKind.NAMED: "a name",
    GapKind.REASON: "a reason",
    GapKind.DECREASE: "a cut or fall",
    GapKind.SUBJECT: "{values}",
    GapKind.PLACE: "a place",
    GapKind.DEFINITION: "what {values} is",
    GapKind.UNIT: "a figure {values}",
    GapKind.RANKING: "a ranking",
    GapKind.DIRECTION: "a change the other way",
    GapKind.NEGATION: "what is not so",
    GapKind.COMPARISON: "a comparison",
    GapKind.QUALITY: "how {values}",
    GapKind.ACTION: "{values}",
    GapKind.REGION: "the whole world ({values})",
    GapKind.CONTRAST: "{values}",
    GapKind.SAID_OF: "that of {values}",
    GapKind.QUOTED: "what {values} says",
    GapKind.ADVICE: "advice",
    GapKind.EXACT: "an exact figure",
}


def teaching_problem(
    matcher: Matcher, entry: Entry, wording: str, follows: str | None = None
) -> str | None:
    """Why readers asking `wording` would still not get `entry` were it taught to it (one
    plain-text clause for the editor), or None when teaching it works.

    follows: the entry the wording was asked after, as a reply to its answer (a
    follow-up). A follow-up is never taught: its wording alone does not say what it asks
    ("and in 2030?" asks about the market after the market's answer, about investment
    after the investment's), and a phrasing answers readers who ask it anywhere. (Taught
    with its context, as "<followed question> <wording>", it would answer only readers
    who type both; a follow-up is matched after its entry's question, but only for that
    entry's answer, so such a phrasing would not reach the readers it is taught for.)

    Three things come before any phrasing when a question is matched, so a taught wording
    cannot change them: small talk is answered as small talk; a question of only common
    words ("what is it?") has no keyword to match by; and what a question asks for (a
    year, an amount, a figure, a date, a measure such as "how accurate", what was done
    such as "who founded"...) must be stated by the entry that answers it: the matcher's
    own check (faqbot.constraints.check) decides, on what the entry's files write (its
    taught phrasings never count there: Matcher.uses). (A place or company it names is
    named by the entry once taught: its phrasings count.) And one rule a taught wording
    would get round, so it is not taught: one keyword that several entries use
    ("investment") gets did-you-mean, never an answer; taught, it would answer one entry
    for everyone.
    """
    if follows is not None:
        followed = matcher.kb.get(follows)
        what = f"{follows} ({plain_text(followed.question)})" if followed else follows
        return (
            f"it is a follow-up to the answer of {what}: its wording alone does not say"
            f" what it asks, and taught it would answer {entry.id} for every reader who"
            " asks it after any other answer, or none"
        )
    words = clip_query(plain_text(wording))  # as readers' questions are matched
    kind = classify(words)
    if kind is not None:
        return f"it is small talk ({kind}): readers get the small-talk reply, never an entry"
    if not normalised_text(matcher, words):
        return "it has only common words (what, is, it...): nothing to match it by"
    analysis = matcher.analyzer.analyse(words)
    vague = matcher.too_vague(words)
    if vague and not numbers_only(analysis.keywords):
        return _vague_problem(matcher, words, entry)
    facts = matcher.facts(entry)
    asked = analysis.asked
    scope = matcher.kb.scope_of(entry.article.id)
    # A name the entry's answer, quote and phrasings never give is refused, though taught it
    # would answer: "how much has Thailand committed?" taught to South Korea's commitment
    # would answer every reader asking about Thailand with Korea's figure.
    named = check(Asked(names=asked.names), facts, scope) if facts else None
    if named is not None and named.kind is GapKind.NAME:
        shown = gap_words(named, analysis, [Candidate(entry, 0.0)])
        return (
            f"it names {', '.join(shown)}, which {entry.id} does not: taught, it would answer"
            f" readers asking about {', '.join(shown)} with {entry.id}'s answer"
            " (an alias belongs in the thesaurus)"
        )
    # The names in an entry's phrasings count as named by it: taught, the wording's are.
    taught = replace(facts, names=facts.names | asked.names) if facts else None
    gap = check(asked, taught, scope, matcher.uses(entry)) if taught else None
    if gap is not None:
        # As the reader wrote them ("Thailand", "penalties"), never keywords ("penalti").
        shown = gap_words(gap, analysis, [Candidate(entry, 0.0)])
        if gap.kind is GapKind.SUBJECT:
            # "who founded ...", "how accurate ...": a word the entry never writes.
            said = ", ".join(f"'{w}'" for w in shown)
            return (
                f"it asks about {said}, which {entry.id} never speaks of: readers would"
                " still be told the article says nothing about it (if it only says in other"
                f" words what {entry.id} says, add it to the entry's alternates in faq/)"
            )
        what = _ASKED_FOR[gap.kind].format(values=", ".join(shown))
        return (
            f"it asks for {what}, which {entry.id} does not state: readers would still be"
            " told the article does not give it"
        )
    # Numbers alone ("and in 2032?") that the entry does give: still no topic to answer by.
    return _vague_problem(matcher, words, entry) if vague else None


def _vague_problem(matcher: Matcher, words: str, entry: Entry) -> str:
    return (
        f"{_one_word(matcher, words)}: one word is not enough to answer unless it names"
        f" exactly one entry, and taught it would answer {entry.id} for every reader"
        " who means another"
    )


def teaching_doubt(matcher: Matcher, entry: Entry, wording: str) -> str | None:
    """Why an editor should confirm teaching `wording` to `entry` before it is taught (one
    plain-text clause naming the words), or None: some content word of it is one the
    entry's files never write (leaving out what the whole article is about, and the names,
    years and amounts asked, which the constraints hold the entry to). Taught, such a word
    is the entry's only in that wording (faqbot.lessons: Lessons.borrowed), and the
    wording answers with full confidence: "Is Small AI accurate?" taught to the definition
    of Small AI would answer readers asking whether it is accurate with its definition.
    Such a wording may still ask what the entry answers, in other words ("openai money
    man" for OpenAI's funding), so it is not refused; but the editor sees which words the
    entry never writes and confirms it first."""
    words = clip_query(plain_text(wording))
    analysis = matcher.analyzer.analyse(words)
    scope = matcher.kb.thesaurus.scope
    content = [k for k in analysis.keywords if k not in scope]
    uses = matcher.uses(entry)
    if not any(k in uses for k in content):
        return _shares_nothing(analysis, entry, content)
    asked = analysis.asked
    ignored = asked.names | asked.years | asked.amounts
    foreign = [k for k in content if k not in uses and k not in ignored]
    if not foreign:
        return None
    said = ", ".join(f"'{analysis.typed(k)}'" for k in foreign)
    return (
        f"it asks about {said}, which {entry.id} never writes: taught, readers asking it get"
        f" {entry.id}'s answer with full confidence, though nothing in {entry.id} says that"
        " is what they ask"
    )


def _shares_nothing(analysis: Analysis, entry: Entry, content: Sequence[str]) -> str:
    """The doubt of a wording sharing no word with the entry but the article's subject."""
    said = ", ".join(f"'{analysis.typed(k)}'" for k in content)
    what = f"no word with {entry.id} ({said})" if said else f"no word with {entry.id}"
    return (
        f"it shares {what} but what the whole article is about: taught, readers asking it"
        f" get {entry.id}'s answer, though nothing in it says that is what they ask"
    )


def _one_word(matcher: Matcher, words: str) -> str:
    """Which one word of a vague wording several entries use, as the reader wrote it:
    "it is one word ..." ("investment"); with other words, why they do not count ("ai
    sovereignty": "ai" is what the whole article is about; "the investment please":
    common words)."""
    analysis = matcher.analyzer.analyse(words)
    scope = matcher.kb.thesaurus.scope
    keyword = next((k for k in analysis.keywords if k not in scope), None)
    if len(analysis.words) == 1 or keyword is None:
        return "it is one word that several entries use"
    said = f"'{analysis.typed(keyword)}', one word that several entries use"
    around = [f"'{analysis.typed(k)}'" for k in analysis.keywords if k in scope]
    if around:
        return (
            f"its one word besides {' and '.join(around)} (what the whole article is about,"
            f" so no help in telling entries apart) is {said}"
        )
    return f"its one word besides common ones (what, the, please...) is {said}"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A wording not taught, and why (see teaching_problem)."""

    wording: str
    reason: str


class UnconfirmedTeachingError(FaqbotError):
    """Some wordings of a group share no word with the entry (see teaching_doubt): the
    editor confirms the link before anything is taught."""

    def __init__(
        self,
        group: QuestionGroup,
        entry: Entry,
        doubted: Sequence[Refusal],
        refused: Sequence[Refusal] = (),
    ) -> None:
        self.group = group
        self.entry = entry
        self.doubted = tuple(doubted)
        self.refused = tuple(refused)
        super().__init__(f"linking {group.label} to {entry.id} waits for the editor to confirm")

    @property
    def digest(self) -> str:
        """What the editor confirms: the doubted wordings shown (see doubt_digest)."""
        return doubt_digest(d.wording for d in self.doubted)


def doubt_digest(wordings: Iterable[str]) -> str:
    """8 hex digits naming a set of doubted wordings, whatever their order: a confirmation
    (the Link anyway button) holds it, so it confirms the wordings the editor saw, not a
    group that may have gained a similar question since (review-5 P2-5)."""
    joined = "\n".join(sorted(set(wordings)))
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:8]


class NothingToTeachError(FaqbotError):
    """No wording of a group would be answered by the entry it was to be linked to."""

    def __init__(self, group: QuestionGroup, entry: Entry, refused: Sequence[Refusal]) -> None:
        self.group = group
        self.entry = entry
        self.refused = tuple(refused)
        super().__init__(f"no wording of {group.label} can be taught to {entry.id}")


@dataclass(frozen=True, slots=True)
class Teaching:
    """Linking a group to an entry: its wordings become the entry's phrasings (those that
    would then answer with it; `refused` says why the others would not), its questions
    close."""

    entry: Entry
    group: QuestionGroup
    refused: tuple[Refusal, ...] = ()

    @property
    def phrasings(self) -> list[str]:
        """The group's distinct wordings to teach, most asked first."""
        refused = {r.wording for r in self.refused}
        return [t for t in self.group.texts if t not in refused]

    @property
    def question_ids(self) -> list[int]:
        """The logged questions the link closes."""
        return [q.id for q in self.group.questions]


def plan_link(
    matcher: Matcher,
    groups: Iterable[QuestionGroup],
    key: int,
    entry_id: str,
    *,
    confirmed: str | None = None,
) -> Teaching:
    """What linking group `key` to `entry_id` teaches: the wordings readers would then get
    the entry for. Raise NoSuchEntryError or GroupHandledError when it cannot be done,
    NothingToTeachError when no wording would answer with the entry, and
    UnconfirmedTeachingError when a wording to teach has words the entry never writes (see
    teaching_doubt), unless `confirmed` is the digest of exactly those wordings (the
    editor saw them: UnconfirmedTeachingError.digest); either way the group stays open."""
    entry = matcher.kb.get(entry_id)
    if entry is None:
        raise NoSuchEntryError(entry_id)
    group = open_group(groups, key)
    refused = [
        Refusal(text, problem)
        for text in group.texts
        if (problem := teaching_problem(matcher, entry, text, group.follows)) is not None
    ]
    if len(refused) == len(group.texts):
        raise NothingToTeachError(group, entry, refused)
    not_taught = {r.wording for r in refused}
    doubted = [
        Refusal(text, doubt)
        for text in group.texts
        if text not in not_taught and (doubt := teaching_doubt(matcher, entry, text)) is not None
    ]
    if doubted and confirmed != doubt_digest(d.wording for d in doubted):
        raise UnconfirmedTeachingError(group, entry, doubted, refused)
    return Teaching(entry, group, tuple(refused))


def parse_group_id(text: str) -> int | None:
    """A group id as editors type it: "#412" or "412"; None if it is not one."""
    text = text.strip().removeprefix("#")
    return int(text) if text.isdigit() and len(text) <= 12 else None


def when(timestamp: int) -> str:
    """A log time as readable UTC."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def stats_lines(
    stats: Stats,
    groups: Sequence[QuestionGroup],
    article: Article | None = None,
    by_article: Sequence[ArticleCounts] = (),
) -> list[str]:
    """The admin's overview, as plain text lines (the bot wraps them in <pre>).

    article: the article these counts are of (None: overall); by_article: each article's
    counts, listed after the overall ones (at most 10, most asked first).
    """
    votes = stats.thumbs_up + stats.thumbs_down
    ratio = f"{stats.thumbs_up / votes:.0%} positive" if votes else "no votes yet"
    heading = [f"Article: {article.title} ({article.id})"] if article is not None else []
    lines = [
        *heading,
        f"Questions: today {stats.today}, last 7 days {stats.last_7_days}, all time {stats.total}",
        f"Answered {stats.rate(stats.answered):.1%}, partly {stats.rate(stats.partial):.1%},"
        f" unsure {stats.rate(stats.suggested):.1%}, unanswered {stats.rate(stats.unanswered):.1%}",
        f"Feedback: {stats.thumbs_up} up, {stats.thumbs_down} down ({ratio})",
    ]
    if stats.partial_up or stats.partial_down:
        lines.append(
            f"On partial replies: {stats.partial_up} up, {stats.partial_down} down"
            " (not counted above)"
        )
    if stats.flooded:
        lines.append(
            f"Held back by the flood limit (not matched nor answered, not counted above):"
            f" {stats.flooded}"
        )
    lines.append("Top entries:")
    lines += [f"  {n:>5}  {entry_id}" for entry_id, n in stats.top_entries] or ["  (none yet)"]
    lines.append("Top unanswered groups:")
    lines += [
        f"  {g.count:>5}  {g.label:<7} {g.texts[0][:60]}"
        + (f" ({g.marks})" if g.marks else "")
        + (f" (follow-up to {g.follows})" if g.follows else "")
        for g in groups[:10]
    ] or ["  (none)"]
    if by_article:
        lines.append("By article (questions, answered, waiting for editors):")
        lines += [
            f"  {c.total:>5}  {c.answered / c.total if c.total else 0:>4.0%}  {c.open:>5}"
            f"  {c.article_id or '(no known article)'}"
            for c in by_article[:10]
        ]
        if len(by_article) > 10:
            lines.append(f"  ... and {len(by_article) - 10} more (faqbot stats --article ID)")
    return lines


def health_lines(deliveries: Deliveries, writer: WriterHealth | None) -> list[str]:
    """What became of replies, updates not finished, and the log writer's backlog."""
    d = deliveries
    replies = f"Replies: {d.sent} sent, {d.failed} failed, {d.expired} expired (not sent late)"
    if d.untracked:
        replies += f", {d.untracked} logged before delivery was tracked"
    lines = [replies, f"Updates received and not finished: {d.unfinished_updates}"]
    if writer is None:
        return [*lines, "Log writer: no report yet (the bot has not run with this database)"]
    state = "writing"
    if writer.failing_since is not None:
        state = f"FAILING since {when(int(writer.failing_since))} ({writer.last_error})"
    lines.append(
        f"Log writer: {state}; {writer.buffered} row(s) waiting in memory,"
        f" {writer.dropped} dropped (buffer full), {writer.rejected} rejected;"
        f" as of {when(int(writer.as_of))}"
    )
    if writer.unsaved_updates:
        lines.append(
            f"Updates answered while the inbox could not keep them: {writer.unsaved_updates}"
        )
    return lines


def lesson_lines(lessons: Sequence[Lesson]) -> list[str]:
    """One line per teaching act: id, when, who, what, and whether it was undone."""
    lines = []
    for lesson in lessons:
        what = "linked" if lesson.kind == "link" else "approved"
        wordings = "; ".join(w[:60] for w in lesson.phrasings[:3])
        more = f" (+{len(lesson.phrasings) - 3} more)" if len(lesson.phrasings) > 3 else ""
        line = (
            f"{lesson.id}  {when(lesson.created_at)}  {lesson.editor} {what}"
            f" {len(lesson.question_ids) or len(lesson.phrasings)} -> {lesson.entry_id}:"
            f" {wordings}{more}"
        )
        if lesson.undone_at is not None:
            line += f"  [undone {when(lesson.undone_at)} by {lesson.undone_by}]"
        lines.append(line)
    return lines


def feedback_lines(
    feedback: Sequence[EntryFeedback], partial: Sequence[EntryFeedback] = ()
) -> list[str]:
    """Entries readers liked least, with what they had asked; then the votes under partial
    replies (the article lacked what was asked; the entry was the closest fact offered),
    apart: a 👎 there is about the missing detail as much as about the entry."""
    lines = []
    for item in feedback:
        lines.append(f"{item.entry_id}: {item.down} down, {item.up} up")
        lines += [f"  - {q[:90]}" for q in item.questions[:5]]
    if partial:
        if lines:
            lines.append("")
        lines.append("On partial replies (the article lacked what was asked; closest fact):")
        for item in partial:
            lines.append(f"{item.entry_id}: {item.down} down, {item.up} up")
            lines += [f"  - {q[:90]}" for q in item.questions[:5]]
    return lines or ["No feedback yet."]


def _cell(value: object) -> str:
    """Stop spreadsheets from running a reader's text as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a header row, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def groups_csv(groups: Sequence[QuestionGroup]) -> str:
    """One row per unanswered question, with its group, what the reader was offered (the
    closest fact of a partial answer, or the did-you-mean choices; empty: nothing), the
    entry that matches the group best now (recomputed, so it may differ) and, for a
    follow-up, the id of the entry whose answer it replied to (empty: not a follow-up)."""
    rows = []
    for group in groups:
        best = group.closest[0] if group.closest else None
        for q in group.questions:
            offered = [*q.choices, *([q.entry_id] if q.entry_id else [])]
            rows.append(
                (
                    group.label,
                    q.id,
                    when(q.asked_at),
                    q.text,
                    " ".join(offered),
                    best.entry.id if best else "",
                    best.score if best else "",
                    q.follows or "",
                )
            )
    header = ("group", "question_id", "asked_at", "question", "offered")
    return to_csv((*header, "best_match_now", "best_match_score", "follow_up_to"), rows)


def feedback_csv(rows: Iterable[tuple[str, int, str | None, int, bool]]) -> str:
    """One row per vote; `reply` says what it was under: the entry's answer, or a partial
    reply offering the entry as the closest fact."""
    return to_csv(
        ("entry_id", "vote", "question", "voted_at", "reply"),
        (
            (e, "up" if v > 0 else "down", q or "", when(t), "partial" if p else "answer")
            for e, v, q, t, p in rows
        ),
    )


def learned_yaml(taught: Mapping[str, Sequence[str]]) -> str:
    """Taught phrasings as YAML an editor merges into the entries' `alternates` in faq/."""
    header = (
        "# Phrasings taught in chat, by entry id. Review them, then add each to its entry's\n"
        "# `alternates` in faq/ and commit.\n"
    )
    if not taught:
        return header + "{}\n"
    text = yaml.dump(dict(taught), Dumper=_YamlDumper, allow_unicode=True, sort_keys=True)
    # Double-quoted scalars hold any control or bidi character (see _YamlDumper): written
    # as \uXXXX escapes, the YAML means the same and a terminal shows it as it is.
    return header + terminal_safe(text, lines=True)


class _YamlDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing text with a control or bidi formatting character
    (faqbot.terminal.is_unsafe) double-quoted: the one style where an escape is read back
    as the character (PyYAML escapes controls there itself, not bidi overrides)."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    unsafe = not text.isprintable() and any(is_unsafe(ch) for ch in text)
    style = '"' if unsafe else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_YamlDumper.add_representer(str, _represent_text)
