"""Follow-up questions: a reply to one of the bot's answers asks in that answer's context.

"How big is the APAC AI market?" answered, a reader replies "and what about in 2030?". On
its own that asks nothing the article answers (a year, no subject); in the context of the
answer it asks for the market in 2030, which the article does not give. So a follow-up is
matched twice: alone, and after the answered entry's question ("How big is the APAC AI
market? and what about in 2030?"), which brings the subject, so the constraints of the
follow-up (its year, amount, place, and what it asks for: "when?", "how much?") apply to
that entry.

A follow-up that is a question of its own ("and Singapore's sandbox?") is answered as
such: its own answer wins. Otherwise the answer in context is taken when it is about the
entry replied to: an outright answer ("and in 2032?": the market entry gives 2032), or
the part of the article it lacks ("and in 2030?": "The article doesn't give that for
2030", then the market entry) when alone the follow-up got no answer either, or when
the follow-up only changes a detail of the question answered (_elliptic: "and in
2024?", "per year?", "and japan?" after Korea's amount), whatever it got alone: alone,
"and japan?" is answered with Japan's focus, which gives no amount.

The answer in context is taken only when the follow-up's own words are about the entry
replied to (or it points back, or changes only a detail): the joined text always has the
answered question's words, which alone make it score. So a follow-up with a word the
article uses of other things ("jobs", "investment" after the law's answer) is a question
of its own, answered as without the answer replied to (a bare word: did-you-mean); one
with a word the entry never speaks of ("and the penalties?", "what does it require?")
gets that entry as a partial answer, saying the article gives nothing about it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from faqbot.analysis import Analysis, refers_back
from faqbot.constraints import Gap, GapKind, check_follow_up, units
from faqbot.knowledge import Entry
from faqbot.matching import Decision, Matcher, MatchResult, clip_query


def follow_up(
    matcher: Matcher,
    question: str,
    previous: Entry,
    article: str | None = None,
    *,
    today: date | None = None,
) -> tuple[MatchResult, bool]:
    """Match `question`, asked in reply to the answer `previous` (an entry still served):
    (the result, whether it was asked in `previous`'s context). A reply that is a question
    of its own ("jobs" after the law's answer) is matched alone, and is no follow-up for the
    editors' queue either.

    article: the article the chat is reading (for the follow-up alone, as any question);
    in context it is asked in `previous`'s article. today: the reader's day ("next year").
    """
    question = clip_query(question)  # as Matcher.match reads it (a reply: 4096)
    alone = matcher.match(question, article, today=today)
    if alone.decision is Decision.SMALLTALK:
        return alone, False
    analysis = matcher.analyzer.analyse(question, today=today)
    elliptic = _elliptic(matcher, analysis, previous)
    # "did they cut it?": a pronoun and no name of its own asks about the answer replied
    # to, even when its words alone would fit another entry (job cuts).
    pointing = _points_back(question, analysis)
    if alone.decision is Decision.ANSWER and not (elliptic or pointing):
        return alone, False
    elsewhere, unsaid = _own_words(matcher, analysis, previous)
    if not (elliptic or pointing) and (elsewhere or _bare_word(matcher, question, unsaid)):
        # "jobs", "investment" after the law's answer: words the article uses for other
        # things ask about those, a question of its own (a bare word: did-you-mean).
        return alone, False
    joined = matcher.match(f"{previous.question} {question}", previous.article.id, today=today)
    best = joined.best
    if best is None or best.entry.id != previous.id:
        return alone, False
    if joined.decision is Decision.ANSWER:
        return _asked_for(matcher, analysis, joined, () if elliptic else elsewhere + unsaid), True
    if joined.decision is Decision.PARTIAL and (
        elliptic or pointing or alone.decision in (Decision.NONE, Decision.PARTIAL)
    ):
        return joined, True
    return alone, False


# Words by which a follow-up asks about the answer itself, not about something more in it
# ("is that true?", "more details?", "source?"): English conversation, not article data.
_ABOUT_THE_ANSWER = frozenset(
    """
    true truth correct right wrong real really sure accurate elaborate detail details info
    information source sources link links explain explanation clarify expand more mean
    meaning means understand confirm certain serious seriously
    """.split()
)


def _own_words(
    matcher: Matcher, analysis: Analysis, previous: Entry
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(elsewhere, unsaid): the follow-up's own keywords that the entry replied to does not
    use, those the article uses for other things ("jobs", "require" after the law's
    answer) and those it never uses ("penalties"), in the follow-up's order. Its names,
    years and amounts are left to the constraints, the article's scope ("AI") and words
    about the answer itself ("is that true?") to the answer."""
    asked = analysis.asked
    uses = matcher.uses(previous)
    skip = matcher.kb.thesaurus.scope | asked.names | asked.years | asked.amounts
    elsewhere: list[str] = []
    unsaid: list[str] = []
    for keyword in analysis.keywords:
        if keyword in skip or keyword in uses:
            continue
        word = analysis.shown.get(keyword, keyword)
        if word in _ABOUT_THE_ANSWER or units([word]):
            continue  # "is that true?"; "in euros?" (a unit is the constraints')
        (unsaid if keyword in analysis.unknown else elsewhere).append(keyword)
    return tuple(elsewhere), tuple(unsaid)


def _bare_word(matcher: Matcher, question: str, unsaid: tuple[str, ...]) -> bool:
    """Whether a follow-up is one word the article uses for several entries ("investment",
    replying to the answer on Korea's investment): did-you-mean, as without the answer
    (issue 7: one word is not enough to answer). A word the article never uses is no
    choice between entries: asked of the entry replied to ("fines?")."""
    return not unsaid and matcher.too_vague(question)


def _elliptic(matcher: Matcher, analysis: Analysis, previous: Entry) -> bool:
    """Whether the follow-up only changes a detail of the question answered, so asks it
    again with that detail: it asks for nothing itself (no "when?", "how much?") and
    names no subject of its own, only

    - a year, a unit or an amount ("and in 2024?", "in won?", "per year?"): of what was
      answered, whatever it was;
    - places or companies ("and japan?", "what about in singapore?"), when the question
      answered asked for something (an amount, a figure, a date): "how much has South
      Korea committed?", "and japan?" asks Japan's amount, which the article may not give
      though Japan has an entry of its own. After a question asking for nothing ("what is
      Japan's focus?"), "and China?" asks about China: its own answer.
    """
    asked = analysis.asked
    if asked.focus is not None:
        return False
    scope = matcher.kb.thesaurus.scope
    own = {k for k in analysis.keywords if k not in scope}  # keywords, stemmed
    names = asked.names - scope
    if not names:
        # Only a year ("2024"), or a unit's one word ("won"): nothing else is asked.
        detail = bool(asked.years or asked.units or asked.amounts)
        return detail and (own <= asked.years or (bool(asked.units) and len(own) <= 1))
    if own <= names | asked.years:
        return matcher.analyzer.analyse(previous.question).asked.focus is not None
    return False


def _points_back(question: str, analysis: Analysis) -> bool:
    """Whether a follow-up points back at what it replies to ("did they cut it?", "why is
    that?") and names nothing of its own (no place, organisation, year or amount)."""
    if not refers_back(question):
        return False
    asked = analysis.asked
    return not (asked.names or asked.years or asked.amounts)


def _asked_for(
    matcher: Matcher, analysis: Analysis, answered: MatchResult, unsaid: tuple[str, ...]
) -> MatchResult:
    """The answer in context, unless the entry lacks what the follow-up asks for ("when?",
    "how much?", "when did he say it?": its constraints, checked as a question's, which
    the joined text may not show, the follow-up not being at its start), or the follow-up's
    own words (`unsaid`: "what does it require?", "and the penalties?" after the law's
    answer), which the entry never speaks of: the joined text is answered on the words of
    the question answered, not on those. Then the partial answer, saying so."""
    best = answered.best
    facts = matcher.facts(best.entry) if best else None
    if best is None or facts is None:
        return answered
    # Every constraint of the follow-up's own words, as a question asked alone goes through:
    # "when did he say it?" needs the date of the statement, not the year it speaks of.
    scope = matcher.kb.scope_of(best.entry.article.id)
    gap = check_follow_up(analysis.asked, facts, scope, matcher.uses(best.entry))
    if gap is None and unsaid:
        gap = Gap(GapKind.SUBJECT, unsaid)
    return answered if gap is None else replace(answered, decision=Decision.PARTIAL, gap=gap)
