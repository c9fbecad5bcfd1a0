"""Phrasings taught in chat answer what they were taught for, not more.

A taught phrasing is a reader's wording that an editor linked to an entry, or a reader's
did-you-mean choice an editor approved ("How accurate is Small AI?" -> what-is-small-ai).
The editor vouched for the wording as a whole, not for each of its words: a word the
entry's files never write ("accurate") is about the entry only in that wording. Matched as
any phrasing, though, such a word is strong evidence for the entry (only it uses the
word), and the lesson would spread to other questions: "How accurate is Big AI?" (the
lesson's "small" swapped for another known word), "How accurate are AI models?" (left
out), "How accurate is Small AI in healthcare?" (a word the entry never speaks of added).

So an entry is a candidate for a question that uses such a borrowed word only when one of
its taught phrasings asks what the question asks (:func:`unvouched`); otherwise the matcher
leaves the entry out, as if the lesson had not been given. The constraints
(:mod:`faqbot.constraints`) never count a taught phrasing's words either
(:meth:`faqbot.matching.Matcher.uses`): what an entry states is what its files write.
"""

from __future__ import annotations

from collections.abc import Collection, Container
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Lessons:
    """An entry's phrasings taught in chat, as keywords.

    own: the keywords of what its files write (question, alternates, answer, quote,
    section, tags); taught: each taught phrasing's keywords.
    """

    own: frozenset[str]
    taught: tuple[frozenset[str], ...]

    @property
    def borrowed(self) -> frozenset[str]:
        """The keywords only taught phrasings give the entry."""
        return frozenset().union(*self.taught) - self.own


def unvouched(
    keywords: Collection[str], lessons: Lessons, ignored: Container[str] = frozenset()
) -> frozenset[str]:
    """The words a question (its keywords) borrows from an entry's taught phrasings that no
    taught phrasing vouches for in it; empty when the entry may answer it as any other.

    A taught phrasing vouches for its words in a question that holds all of them and adds
    only words the entry's files write; `ignored` words count either way (the article's
    scope, "AI", "Asia"; the names, years and amounts asked, which the constraints hold
    the entry to). A word no entry uses is one the entry does not write: "what is the
    weather map" is not "what is the weather".
    """
    borrowed = lessons.borrowed.intersection(keywords)
    if not borrowed:
        return frozenset()  # the entry's own words: as any question
    for taught in lessons.taught:
        if (
            borrowed <= taught
            and all(k in keywords or k in ignored for k in taught)
            and all(k in taught or k in lessons.own or k in ignored for k in keywords)
        ):
            return frozenset()
    return borrowed
