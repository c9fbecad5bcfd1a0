"""Reply texts from bot/messages.yaml, validated at start-up so a typo cannot surface mid-chat."""

from __future__ import annotations

import string
from dataclasses import dataclass, fields
from pathlib import Path

from faqbot import tghtml, yamlfile
from faqbot.constraints import GapKind
from faqbot.errors import ConfigError, did_you_mean
from faqbot.smalltalk import SmallTalk


@dataclass(frozen=True, slots=True)
class Messages:
    """Every text the bot sends that is not knowledge; operator-editable Telegram HTML."""

    welcome: str
    help: str
    unknown: str
    did_you_mean: str
    partial_name: str
    partial_year: str
    partial_amount: str
    partial_figure: str
    partial_date: str
    partial_duration: str
    partial_unit: str
    partial_ranking: str
    partial_direction: str
    partial_named: str
    partial_mentioned: str
    partial_negation: str
    partial_reason: str
    partial_decrease: str
    partial_subject: str
    partial_place: str
    partial_definition: str
    partial_comparison: str
    partial_quality: str
    partial_action: str
    partial_region: str
    partial_contrast: str
    partial_said_of: str
    partial_quoted: str
    partial_advice: str
    partial_exact: str
    partial_closest: str
    smalltalk_greeting: str
    smalltalk_thanks: str
    smalltalk_bye: str
    smalltalk_ack: str
    smalltalk_about: str
    smalltalk_praise: str
    smalltalk_criticism: str
    smalltalk_rephrase: str
    smalltalk_contact: str
    source: str
    share: str
    read_article: str
    topics_sections: str
    topics_entries: str
    previous_page: str
    next_page: str
    back_to_sections: str
    non_text: str
    flood: str
    ask_usage: str
    stale_button: str
    staff_button: str
    not_your_choice: str
    pick_a_button: str
    error: str
    inline_button: str
    inline_none: str
    inline_closest: str
    inline_did_you_mean: str
    unknown_command: str
    vote_thanks: str
    whoami: str
    article_welcome: str
    unknown_article: str
    bad_link: str
    mention_hint: str
    elsewhere: str
    which_article: str
    articles_heading: str
    now_reading: str
    topics_articles: str
    back_to_articles: str

    def gap(self, kind: GapKind) -> str:
        """The text saying what the article does not give ({values}: what the reader named)."""
        return {
            GapKind.NAME: self.partial_name,
            GapKind.YEAR: self.partial_year,
            GapKind.AMOUNT: self.partial_amount,
            GapKind.FIGURE: self.partial_figure,
            GapKind.DATE: self.partial_date,
            GapKind.DURATION: self.partial_duration,
            GapKind.UNIT: self.partial_unit,
            GapKind.RANKING: self.partial_ranking,
            GapKind.DIRECTION: self.partial_direction,
            GapKind.NAMED: self.partial_named,
            GapKind.MENTIONED: self.partial_mentioned,
            GapKind.NEGATION: self.partial_negation,
            GapKind.REASON: self.partial_reason,
            GapKind.DECREASE: self.partial_decrease,
            GapKind.SUBJECT: self.partial_subject,
            GapKind.PLACE: self.partial_place,
            GapKind.DEFINITION: self.partial_definition,
            GapKind.COMPARISON: self.partial_comparison,
            GapKind.QUALITY: self.partial_quality,
            GapKind.ACTION: self.partial_action,
            GapKind.REGION: self.partial_region,
            GapKind.CONTRAST: self.partial_contrast,
            GapKind.SAID_OF: self.partial_said_of,
            GapKind.QUOTED: self.partial_quoted,
            GapKind.ADVICE: self.partial_advice,
            GapKind.EXACT: self.partial_exact,
        }[kind]

    def smalltalk(self, kind: SmallTalk) -> str:
        """The reply to a kind of small talk ({articles}, {bot})."""
        return {
            SmallTalk.GREETING: self.smalltalk_greeting,
            SmallTalk.THANKS: self.smalltalk_thanks,
            SmallTalk.BYE: self.smalltalk_bye,
            SmallTalk.ACK: self.smalltalk_ack,
            SmallTalk.ABOUT: self.smalltalk_about,
            SmallTalk.OUTLINE: self.topics_sections,
            SmallTalk.PRAISE: self.smalltalk_praise,
            SmallTalk.CRITICISM: self.smalltalk_criticism,
            SmallTalk.REPHRASE: self.smalltalk_rephrase,
            SmallTalk.CONTACT: self.smalltalk_contact,
        }[kind]


# The placeholders each text may use; anything else is a typo that would crash a reply.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "welcome": frozenset({"articles", "bot"}),
    "help": frozenset({"articles", "bot"}),
    "partial_name": frozenset({"values"}),
    "partial_mentioned": frozenset({"values"}),
    "partial_year": frozenset({"values"}),
    "partial_unit": frozenset({"values"}),
    "partial_amount": frozenset({"values"}),
    "partial_subject": frozenset({"values"}),
    "partial_definition": frozenset({"values"}),
    "partial_quality": frozenset({"values"}),
    "partial_action": frozenset({"values"}),
    "partial_region": frozenset({"values"}),
    "partial_contrast": frozenset({"values"}),
    "partial_said_of": frozenset({"values"}),
    "partial_quoted": frozenset({"values"}),
    "partial_place": frozenset({"values"}),
    "smalltalk_greeting": frozenset({"articles", "bot"}),
    "smalltalk_thanks": frozenset({"articles", "bot"}),
    "smalltalk_bye": frozenset({"articles", "bot"}),
    "smalltalk_ack": frozenset({"articles", "bot"}),
    "smalltalk_about": frozenset({"articles", "bot"}),
    "smalltalk_praise": frozenset({"articles", "bot"}),
    "smalltalk_criticism": frozenset({"articles", "bot"}),
    "smalltalk_rephrase": frozenset({"articles", "bot"}),
    "smalltalk_contact": frozenset({"articles", "bot"}),
    "topics_entries": frozenset({"section"}),
    "flood": frozenset({"seconds"}),
    "whoami": frozenset({"id"}),
    "article_welcome": frozenset({"title"}),
    "elsewhere": frozenset({"title"}),
    "now_reading": frozenset({"title"}),
    "staff_button": frozenset({"staff"}),
    "pick_a_button": frozenset({"count"}),
    "mention_hint": frozenset({"articles", "bot"}),
}


# Values that stand in for the placeholders when a text is checked as Telegram HTML.
_SAMPLES = {"articles": "A &amp; B", "bot": "FaqBot", "section": "S", "seconds": "5",
            "id": "42", "values": "X", "title": "T &amp; U", "staff": "editors",
            "count": "3"}  # fmt: skip


def load_messages(path: Path) -> Messages:
    """Read and check the reply texts; raise ConfigError listing every problem, one a line
    naming file, line and key (all of them at once, so one run shows what to fix).

    Each text must be non-empty, use only its own placeholders, and be HTML Telegram
    accepts once they are filled in (faqbot.tghtml): a "<br>" fails here, at start-up, in
    `faqbot check` and on /reload, not in readers' chats.
    """
    try:
        data = yamlfile.load(path, cache=True)  # `faqbot ask` reads them: parsed once
    except yamlfile.YamlError as exc:
        raise ConfigError(f"cannot read reply texts: {exc}") from exc
    if not isinstance(data, yamlfile.LineMap):
        raise ConfigError(f"{path}: must be a mapping of reply texts")
    names = [f.name for f in fields(Messages)]
    problems = [
        f"{path}: line {data.line_of(key)}: unknown key {did_you_mean(str(key), names)}"
        for key in sorted(data, key=str)
        if str(key) not in names
    ]
    for name in names:
        if name not in data:
            problems.append(f"{path}: missing key {name}")
            continue
        problem = _text_problem(name, data[name])
        if problem is not None:
            problems.append(f"{path}: line {data.line_of(name)}: key '{name}': {problem}")
    if problems:
        raise ConfigError("\n".join(problems))
    return Messages(**{name: data[name] for name in names})


def _text_problem(name: str, value: object) -> str | None:
    """What is wrong with one reply text, or None."""
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    try:
        used = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
    except ValueError as exc:  # a lone "{" or "}"
        return f"{exc} (write {{{{ and }}}} for braces)"
    extra = used - PLACEHOLDERS.get(name, frozenset())
    if extra:
        return f"unknown placeholder(s) {', '.join(sorted(extra))}"
    sample = value.format(**_SAMPLES)
    html_problems = tghtml.problems(sample)
    if html_problems:
        return f"not Telegram HTML: {'; '.join(html_problems)}"
    if name in POPUPS:
        bare = value.format(**dict.fromkeys(used, ""))  # the editors' own words
        if tghtml.text_of(bare) != bare:
            return "a pop-up (a callback query's answer) is plain text: no tags or entities"
        if len(bare) > POPUP_CHARS:
            return f"a pop-up holds at most {POPUP_CHARS} characters ({len(bare)} here)"
    return None


# Texts shown as a callback query's answer (a pop-up): plain text, at most 200 characters
# (Bot API answerCallbackQuery); longer or marked up, every press would fail or show tags.
# What fills a placeholder (an article's title) is cut to fit where it is sent.
POPUPS = frozenset({"stale_button", "not_your_choice", "staff_button", "now_reading"})
POPUP_CHARS = 200
