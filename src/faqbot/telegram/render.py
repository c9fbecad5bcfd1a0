"""Telegram HTML and inline keyboards for answers, suggestions and topic browsing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from faqbot.constraints import Gap
from faqbot.errors import UnknownArticleError
from faqbot.knowledge import Article, Entry, KnowledgeBase
from faqbot.links import deep_link as article_link
from faqbot.matching import Decision, MatchResult
from faqbot.messages import Messages
from faqbot.review import (
    NothingToTeachError,
    QuestionGroup,
    Refusal,
    Teaching,
    UnconfirmedTeachingError,
    when,
)
from faqbot.smalltalk import SmallTalk
from faqbot.storage import Lesson, Purged, Suggestion
from faqbot.telegram.callbacks import Action, encode

MAX_MESSAGE_CHARS = 4096
MAX_BUTTON_CHARS = 60
TOPICS_PAGE_SIZE = 6
ARTICLES_PAGE_SIZE = 8
TITLES_NAMED = 3  # welcome and help name up to this many articles, else count them

View = tuple[str, InlineKeyboardMarkup | None]


def escape_html(value: str) -> str:
    """Escape user- or knowledge-derived text for Telegram HTML."""
    return escape(value, quote=False)


def deep_link(bot_username: str, entry: Entry) -> str:
    """Link that opens this answer in a private chat with the bot (/start <entry_id>)."""
    return f"https://t.me/{bot_username}?start={entry.id}"


def answer_html(entry: Entry, messages: Messages, bot_username: str | None) -> str:
    """The answer, then where it comes from: article, section, quote, link."""
    article = entry.article
    lines = [
        f"<b>{escape_html(entry.question)}</b>",
        escape_html(entry.answer),
        "",
        f"<i>{messages.source}:</i> {escape_html(article.title)}"
        f" · {escape_html(entry.source.section)}",
        f"<blockquote>{escape_html(entry.source.quote)}</blockquote>",
    ]
    links = []
    if article.url:
        links.append(f'<a href="{escape(article.url)}">{messages.read_article}</a>')
    if bot_username:
        links.append(f'<a href="{escape(deep_link(bot_username, entry))}">{messages.share}</a>')
    if links:
        lines.append(" · ".join(links))
    return "\n".join(lines)


def gap_html(gap: Gap, shown: Sequence[str], messages: Messages) -> str:
    """What the article does not give, in the editors' words (values escaped)."""
    return messages.gap(gap.kind).format(values=", ".join(escape_html(v) for v in shown))


def partial_html(
    entry: Entry, gap: Gap, shown: Sequence[str], messages: Messages, bot_username: str | None
) -> str:
    """Say plainly what the article does not give, then the closest fact it does give."""
    return "\n".join(
        [
            gap_html(gap, shown, messages),
            messages.partial_closest,
            "",
            answer_html(entry, messages, bot_username),
        ]
    )


def smalltalk_html(kind: SmallTalk, messages: Messages, articles: str, bot_username: str) -> str:
    """The friendly reply to a greeting, thanks, goodbye, feedback or question about the bot."""
    template = messages.smalltalk(kind)
    return template.format(articles=escape_html(articles), bot=escape_html(bot_username))


def label(text: str) -> str:
    """Shorten a question to fit on a button."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_BUTTON_CHARS else text[: MAX_BUTTON_CHARS - 1].rstrip() + "…"


def button(text: str, action: Action, *args: str | int) -> InlineKeyboardButton:
    """A callback button (its data encoded, so checked against Telegram's limit)."""
    return InlineKeyboardButton(label(text), callback_data=encode(action, *args))


def entry_buttons(entries: Sequence[Entry], action: Action) -> list[list[InlineKeyboardButton]]:
    """One button per entry, each on its own row."""
    return [[button(e.question, action, e.id)] for e in entries]


def suggestions_keyboard(entries: Sequence[Entry]) -> InlineKeyboardMarkup:
    """Did-you-mean choices; pressing one turns the message into that answer."""
    return InlineKeyboardMarkup(entry_buttons(entries, Action.CHOICE))


def answer_keyboard(
    entry: Entry, related: Sequence[Entry], *, partial: bool = False
) -> InlineKeyboardMarkup:
    """Follow-up questions under an answer, then 👍/👎 feedback. Under a partial reply
    (`partial`: the entry is the closest fact to what the article lacks) the votes are
    filed as votes on that reply, not on the entry's answer."""
    rows = entry_buttons(related, Action.ANSWER)
    vote = Action.VOTE_PARTIAL if partial else Action.VOTE
    rows.append([button("👍", vote, entry.id, "u"), button("👎", vote, entry.id, "d")])
    return InlineKeyboardMarkup(rows)


def _nav(
    messages: Messages,
    page: int,
    pages: int,
    action: Action,
    *before: int,
    tail: Sequence[str] = (),
) -> list[InlineKeyboardButton]:
    nav = []
    if page > 0:
        nav.append(button(messages.previous_page, action, *before, page - 1, *tail))
    if page < pages - 1:
        nav.append(button(messages.next_page, action, *before, page + 1, *tail))
    return nav


def _pages(count: int) -> int:
    return max(1, -(-count // TOPICS_PAGE_SIZE))


def sections_view(
    kb: KnowledgeBase, messages: Messages, page: int, article: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """A page of the section list for /topics: of one article (its id, with several
    served; the buttons carry it), else of the whole knowledge. With several articles and
    none given, a page of articles to browse instead."""
    if article is None and len(kb.articles) > 1:
        return _topic_articles_view(kb, messages, page)
    scope = kb if article is None else kb.of_article(article)
    tail = () if article is None else (article,)
    sections = list(scope.sections().items())
    pages = _pages(len(sections))
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PAGE_SIZE
    rows = [
        [button(f"{name} ({len(entries)})", Action.SECTION, start + i, 0, *tail)]
        for i, (name, entries) in enumerate(sections[start : start + TOPICS_PAGE_SIZE])
    ]
    nav = _nav(messages, page, pages, Action.SECTIONS, tail=tail)
    if nav:
        rows.append(nav)
    if article is not None and len(kb.articles) > 1:
        rows.append([button(messages.back_to_articles, Action.SECTIONS, 0)])
    text = messages.topics_sections
    if article is not None and scope.articles:
        text = f"<b>{escape_html(scope.articles[0].title)}</b>\n{text}"
    return text, InlineKeyboardMarkup(rows)


def _topic_articles_view(
    kb: KnowledgeBase, messages: Messages, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """/topics with several articles and none being read: which article to browse."""
    articles = kb.newest_first()
    pages = _pages(len(articles))
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PAGE_SIZE
    rows = [
        [button(a.title, Action.SECTIONS, 0, a.id)]
        for a in articles[start : start + TOPICS_PAGE_SIZE]
    ]
    nav = _nav(messages, page, pages, Action.SECTIONS)
    if nav:
        rows.append(nav)
    return messages.topics_articles, InlineKeyboardMarkup(rows)


def section_view(
    kb: KnowledgeBase, messages: Messages, section: int, page: int, article: str | None = None
) -> tuple[str, InlineKeyboardMarkup] | None:
    """A page of one section's questions (of one article's sections when given), or None
    when the section no longer exists."""
    scope = kb if article is None else kb.of_article(article)
    tail = () if article is None else (article,)
    sections = list(scope.sections().items())
    if not 0 <= section < len(sections):
        return None
    name, entries = sections[section]
    pages = _pages(len(entries))
    page = min(max(page, 0), pages - 1)
    start = page * TOPICS_PAGE_SIZE
    rows = entry_buttons(entries[start : start + TOPICS_PAGE_SIZE], Action.ANSWER)
    nav = _nav(messages, page, pages, Action.SECTION, section, tail=tail)
    if nav:
        rows.append(nav)
    rows.append([button(messages.back_to_sections, Action.SECTIONS, 0, *tail)])
    return messages.topics_entries.format(section=escape_html(name)), InlineKeyboardMarkup(rows)


def articles_view(
    kb: KnowledgeBase, messages: Messages, bot_username: str, page: int, reading: str | None
) -> View:
    """A page of /articles: each article's title, date and deep link, newest first, with a
    button to ask about it; the one being read (`reading`, an article id) is marked."""
    articles = kb.newest_first()
    pages = max(1, -(-len(articles) // ARTICLES_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    start = page * ARTICLES_PAGE_SIZE
    lines = [messages.articles_heading]
    rows = []
    for number, article in enumerate(articles[start : start + ARTICLES_PAGE_SIZE], start + 1):
        facts = [f"{number}. <b>{escape_html(article.title)}</b>"]
        if article.date:
            facts.append(escape_html(article.date))
        if article.id == reading:
            facts.append("✓")
        lines += ["", " · ".join(facts), escape_html(article_link(bot_username, article))]
        rows.append([button(f"{number}. {article.title}", Action.ENTER, article.id)])
    nav = []
    if page > 0:
        nav.append(button(messages.previous_page, Action.ARTICLES, page - 1))
    if page < pages - 1:
        nav.append(button(messages.next_page, Action.ARTICLES, page + 1))
    if nav:
        rows.append(nav)
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def article_intro(article: Article, messages: Messages) -> str:
    """What a reader entering an article's conversation is told: its title, how to ask."""
    return messages.article_welcome.format(title=escape_html(article.title))


def articles_keyboard(articles: Sequence[Article]) -> InlineKeyboardMarkup:
    """Which article a question is about: one button per article (its title)."""
    return InlineKeyboardMarkup([[button(a.title, Action.PICK, a.id)] for a in articles])


# ----------------------------------------------------------------- reader views
def answer_view(kb: KnowledgeBase, entry: Entry, messages: Messages, bot_username: str) -> View:
    """The sourced answer and its follow-up buttons."""
    return answer_html(entry, messages, bot_username), answer_keyboard(entry, kb.related(entry))


def result_view(
    kb: KnowledgeBase,
    result: MatchResult,
    messages: Messages,
    bot_username: str,
    reading: Article | None = None,
) -> View:
    """Turn a match into reply text and buttons.

    An answer with its source (from another article than the one being read, `reading`:
    saying which); what the article does not give and the closest fact it does give; which
    article is meant, when several answer; did-you-mean; a friendly word for small talk;
    or an honest no.
    """
    best = result.best
    if result.decision is Decision.ANSWER and best:
        html, markup = answer_view(kb, best.entry, messages, bot_username)
        if result.elsewhere:
            note = messages.elsewhere.format(title=escape_html(best.entry.article.title))
            html = f"{note}\n\n{html}"
        return html, markup
    if result.decision is Decision.PARTIAL and best and result.gap:
        html = partial_html(best.entry, result.gap, result.gap_words, messages, bot_username)
        return html, answer_keyboard(best.entry, kb.related(best.entry), partial=True)
    if result.decision is Decision.SUGGEST and result.articles:
        return messages.which_article, articles_keyboard(result.articles)
    if result.decision is Decision.SUGGEST:
        entries = [c.entry for c in result.suggestions]
        return messages.did_you_mean, suggestions_keyboard(entries)
    if result.decision is Decision.SMALLTALK and result.smalltalk is SmallTalk.OUTLINE:
        # "What are the sections?", "what is this about?": the article's sections to
        # browse, as /topics shows them, under its title (which /topics names only when
        # the chat reads one of several articles).
        html, markup = sections_view(kb, messages, 0, reading.id if reading else None)
        if reading is None and len(kb.articles) == 1:
            html = f"<b>{escape_html(kb.articles[0].title)}</b>\n{html}"
        return html, markup
    if result.decision is Decision.SMALLTALK and result.smalltalk:
        titles = reading.title if reading is not None else titles_phrase(kb)
        return smalltalk_html(result.smalltalk, messages, titles, bot_username), None
    return messages.unknown, None


# ----------------------------------------------------------------- inline mode
INLINE_DESCRIPTION_CHARS = 120


def inline_answer(
    entry: Entry, messages: Messages, bot_username: str, description: str = ""
) -> InlineQueryResultArticle:
    """An entry's sourced answer as an inline result, under its own question."""
    return InlineQueryResultArticle(
        id=entry.id,
        title=entry.question,
        description=(description + entry.answer)[:INLINE_DESCRIPTION_CHARS],
        input_message_content=InputTextMessageContent(
            answer_html(entry, messages, bot_username), parse_mode=ParseMode.HTML
        ),
    )


def inline_view(
    result: MatchResult, messages: Messages, bot_username: str
) -> tuple[list[InlineQueryResultArticle], str]:
    """Inline results for a match, and the text of the button above them (it opens a
    private chat): the decision a question gets in chat, shareable.

    An answer: that answer alone. In part: one result that says what the article does not
    give, then the closest fact with its source. Did-you-mean: each choice under its own
    question, marked as a guess. Not in the article, or small talk: no result, and the
    button says so.
    """
    best = result.best
    if result.decision is Decision.ANSWER and best:
        return [inline_answer(best.entry, messages, bot_username)], messages.inline_button
    if result.decision is Decision.PARTIAL and best and result.gap:
        gap = gap_html(result.gap, result.gap_words, messages)
        html = "\n".join(
            [gap, messages.inline_closest, "", answer_html(best.entry, messages, bot_username)]
        )
        closest = InlineQueryResultArticle(
            id=f"partial-{best.entry.id}",
            title=plain_of(gap),
            description=f"{plain_of(messages.inline_closest)} {best.entry.question}"[
                :INLINE_DESCRIPTION_CHARS
            ],
            input_message_content=InputTextMessageContent(html, parse_mode=ParseMode.HTML),
        )
        return [closest], messages.inline_button
    if result.decision is Decision.SUGGEST:
        guess = f"{plain_of(messages.inline_did_you_mean)} "
        return [
            inline_answer(c.entry, messages, bot_username, guess) for c in result.suggestions
        ], messages.inline_button
    if result.decision is Decision.NONE:
        return [], messages.inline_none
    return [], messages.inline_button


def plain_of(html_text: str) -> str:
    """The text of a short piece of Telegram HTML, without its tags (for inline titles)."""
    return unescape(_TAG_RE.sub("", html_text))


def titles_phrase(kb: KnowledgeBase) -> str:
    """The articles' titles, or how many articles there are when there are many."""
    if len(kb.articles) > TITLES_NAMED:
        return f"{len(kb.articles)} articles"
    return ", ".join(a.title for a in kb.articles)


def fill(template: str, kb: KnowledgeBase, bot_username: str) -> str:
    """A welcome or help text with the articles' titles and the bot's name filled in."""
    return template.format(articles=escape_html(titles_phrase(kb)), bot=escape_html(bot_username))


# ----------------------------------------------------------------- editor views
QUEUE_PAGE_SIZE = 5
GROUP_HANDLED = "Those questions were already handled."
# An editor's act refused because the store's write queue is full (the database has refused
# writes for long): nothing changed, in the live knowledge or the database.
WRITES_BACKED_UP = (
    "Not done: the database is not taking writes right now, so this could not be saved."
    " Nothing changed; please try again in a few minutes."
)


def pre(lines: Sequence[str]) -> str:
    """Plain text lines as a preformatted block."""
    return "<pre>" + escape("\n".join(lines), quote=False) + "</pre>"


def plain(html_text: str) -> str:
    """A notice without its code tags, for a button's pop-up."""
    return html_text.replace("<code>", "").replace("</code>", "")


def _marks(group: QuestionGroup) -> str:
    """ " [unsure, partial]" for a group that has such questions, else ""."""
    return f" [{group.marks}]" if group.marks else ""


def _offered(group: QuestionGroup) -> str:
    """The entries readers were offered (did-you-mean choices, closest facts), as HTML;
    "nothing" when they were only told the article does not say."""
    offered = ", ".join(f"<code>{escape_html(e)}</code>" for e in group.offered[:5])
    return offered or "nothing (the article does not say)"


def _follows(group: QuestionGroup) -> str:
    """What a follow-up group followed, as HTML: "follow-up to <id> (<its question>)";
    "" for questions asked on their own."""
    if group.follows is None:
        return ""
    question = (
        f" <i>{escape_html(group.follows_question[:120])}</i>" if group.follows_question else ""
    )
    return f"follow-up to <code>{escape_html(group.follows)}</code>{question}"


def _best_now(group: QuestionGroup) -> str:
    """The entry that matches the group's first wording best now, recomputed from the live
    knowledge (it may differ from what readers were offered: the constraints, the chat's
    article and teaching since may have chosen another), as HTML."""
    best = group.closest[0] if group.closest else None
    return f"<code>{escape_html(best.entry.id)}</code> ({best.score:.0f})" if best else "none"


def queue_view(groups: Sequence[QuestionGroup], page: int) -> View:
    """A page of grouped unanswered questions, most-asked first, each with the stable id
    ("#412") that /link and the buttons take, its marks (unsure, partial) and what readers
    were offered."""
    if not groups:
        return "<b>Unanswered questions</b>\nThe queue is empty. 🎉", None
    pages = max(1, -(-len(groups) // QUEUE_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    start = page * QUEUE_PAGE_SIZE
    total = sum(g.count for g in groups)
    lines = [
        f"<b>Unanswered questions</b>: {len(groups)} groups, {total} questions"
        f" (page {page + 1} of {pages})",
        "",
    ]
    rows = []
    for group in groups[start : start + QUEUE_PAGE_SIZE]:
        lines.append(
            f"<b>{group.label}</b> ×{group.count} <i>{escape_html(group.texts[0][:120])}</i>"
            + _marks(group)
        )
        if group.follows is not None:
            lines.append(f"    {_follows(group)}")
        lines.append(
            f"    last asked {when(group.last_asked)} · readers were offered: {_offered(group)}"
        )
        lines.append(f"    best match now: {_best_now(group)}")
        rows.append([button(f"Review {group.label} (×{group.count})", Action.REVIEW, group.key)])
    lines += ["", "Link a group: <code>/link #id entry-id</code> · undo: /unlink"]
    nav = []
    if page > 0:
        nav.append(button("‹ Previous", Action.QUEUE, page - 1))
    if page < pages - 1:
        nav.append(button("Next ›", Action.QUEUE, page + 1))
    if nav:
        rows.append(nav)
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def group_view(group: QuestionGroup) -> View:
    """One group with its wordings, what readers were offered, the best matches now, and
    the editor's choices: link to any of those, dismiss, keep open. A follow-up group
    says what it followed and has no Link buttons: it is never taught (see
    faqbot.review.teaching_problem); the editor dismisses it or keeps it open (as the
    article gains what it asks, say)."""
    counts = {t: sum(q.text == t for q in group.questions) for t in group.texts}
    lines = [
        f"<b>{group.label}</b>: {group.count} question(s), last asked"
        f" {when(group.last_asked)}{_marks(group)}",
        "",
    ]
    if group.follows is not None:
        lines += [
            f"A {_follows(group)}: asked in reply to that answer, so its wording alone"
            " does not say what it asks, and it is not taught as a phrasing.",
            "",
        ]
    lines += [f"• {escape_html(t[:200])} (×{n})" for t, n in list(counts.items())[:10]]
    lines += ["", f"Readers were offered: {_offered(group)}"]
    lines += ["", "<b>Best matches now</b> (recomputed from the knowledge as it is now):"]
    lines += [
        f"{i}. <code>{escape_html(c.entry.id)}</code>"
        f" {escape_html(c.entry.question)} ({c.score:.0f})"
        for i, c in enumerate(group.closest, 1)
    ] or ["(none)"]
    if group.follows is None:
        lines += ["", f"Link to one of them, or send <code>/link {group.label} entry-id</code>."]
    # What readers were offered, then the best matches now, each once (a follow-up: none).
    questions = {c.entry.id: c.entry.question for c in group.closest}
    targets = dict.fromkeys([*group.offered[:3], *questions] if group.follows is None else [])
    rows: list[list[InlineKeyboardButton]] = [
        [button(f"Link → {questions.get(e, e)}", Action.LINK, group.key, e)] for e in targets
    ]
    rows.append(
        [button("Dismiss", Action.DISMISS, group.key), button("Keep open", Action.KEEP, group.key)]
    )
    rows.append([button("« Back to the queue", Action.QUEUE, 0)])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def suggestions_view(pending: Sequence[Suggestion]) -> View:
    """Readers' did-you-mean choices waiting for approval, with approve/reject buttons."""
    if not pending:
        return "No suggestions waiting.", None
    lines = ["<b>Readers chose these answers for their questions</b>:", ""]
    rows = []
    for number, s in enumerate(pending, 1):
        follows = f" (follow-up to <code>{escape_html(s.follows)}</code>)" if s.follows else ""
        lines.append(
            f"{number}. <i>{escape_html(s.phrasing[:200])}</i>"
            f" → <code>{escape_html(s.entry_id)}</code>{follows}"
        )
        rows.append(
            [
                button(f"✔ Approve {number}", Action.APPROVE, s.id),
                button("✖ Reject", Action.REJECT, s.id),
            ]
        )
    return "\n".join(lines), InlineKeyboardMarkup(rows)


# Said after a teaching act when readers do not get it yet (the matcher is being built).
IN_A_MOMENT = "; readers get it in a moment"


def linked_notice(teaching: Teaching, lesson: str, now: bool = True) -> str:
    """What an editor is told after linking a group (now: readers already get it), with the
    wordings not taught and why."""
    entry = escape_html(teaching.entry.id)
    notice = (
        f"Linked {teaching.group.count} question(s) of {teaching.group.label} to"
        f" <code>{entry}</code>{'' if now else IN_A_MOMENT}."
        f" Undo: <code>/unlink {escape_html(lesson)}</code>"
    )
    if teaching.refused:
        notice += "\nNot taught, each with why:\n" + _refusals(teaching.refused)
    return notice


def _refusals(refused: Sequence[Refusal]) -> str:
    """Wordings not taught, one a line, each with why."""
    return "\n".join(
        f"• <i>{escape_html(r.wording[:120])}</i>: {escape_html(r.reason)}" for r in refused
    )


def nothing_to_teach_notice(error: NothingToTeachError) -> str:
    """What an editor is told when no wording of a group could be taught to the entry."""
    return (
        f"Not linked: no wording of {error.group.label} can be taught to"
        f" <code>{escape_html(error.entry.id)}</code>.\n"
        f"{_refusals(error.refused)}\n"
        "The group stays open: link it to another entry, or dismiss it (its Review button"
        " in /unanswered)."
    )


def unconfirmed_view(error: UnconfirmedTeachingError) -> View:
    """What an editor is asked when wordings of a group have words the entry never writes
    (or share none with it): to confirm the link (a button holding the digest of the
    wordings shown: only those are confirmed), or leave the group open."""
    entry = escape_html(error.entry.id)
    lines = [
        f"Not linked yet: these wordings of {error.group.label} ask about words"
        f" <code>{entry}</code> never writes. Taught, readers asking them get its answer as"
        " if it said what they ask:",
        _refusals(error.doubted),
    ]
    if error.refused:
        lines += ["Not taught either way, each with why:", _refusals(error.refused)]
    lines.append(
        "If they truly ask what it answers, in other words, press Link anyway; else link the"
        " group to another entry, or dismiss it (its Review button in /unanswered)."
    )
    markup = InlineKeyboardMarkup(
        [
            [
                button(
                    f"Link anyway → {error.entry.id}",
                    Action.LINK_ANYWAY,
                    error.group.key,
                    error.entry.id,
                    error.digest,
                )
            ]
        ]
    )
    return "\n".join(lines), markup


def not_approved_notice(wording: str, entry_id: str, reason: str) -> str:
    """What an editor is told when a reader's choice could not be taught to its entry."""
    return (
        f"Not approved: <i>{escape_html(wording[:200])}</i> cannot be taught to"
        f" <code>{escape_html(entry_id)}</code>: {escape_html(reason)}."
        " It stays in /suggested: reject it there."
    )


def unconfirmed_approval_view(suggestion_id: int, wording: str, entry_id: str, doubt: str) -> View:
    """What an editor is asked when a reader's choice has words the entry never writes
    (see faqbot.review.teaching_doubt): to confirm it (a button), or reject it."""
    html = (
        f"Not approved yet: <i>{escape_html(wording[:200])}</i> → <code>"
        f"{escape_html(entry_id)}</code>: {escape_html(doubt)}. If it truly asks what the"
        " entry answers, in other words, press Approve anyway; else reject it in /suggested."
    )
    markup = InlineKeyboardMarkup(
        [[button(f"Approve anyway → {entry_id}", Action.APPROVE_ANYWAY, suggestion_id)]]
    )
    return html, markup


def approved_notice(entry_id: str, lesson: str, now: bool = True) -> str:
    """What an editor is told after approving a reader's choice (now: readers get it)."""
    return f"Approved for {entry_id}{'' if now else IN_A_MOMENT}. Undo: /unlink {lesson}"


def unknown_article_notice(command: str, error: UnknownArticleError) -> str:
    """What a staff member is told when the article id they gave is not served."""
    known = ", ".join(f"<code>{escape_html(i)}</code>" for i in error.known) or "none"
    return (
        f"There is no article <code>{escape_html(error.article_id)}</code>. Usage:"
        f" <code>{escape_html(command)} [article-id]</code>; known ids: {known}."
    )


def no_entry_notice(entry_id: str) -> str:
    """What an editor is told when the entry id they gave does not exist."""
    return f"There is no entry <code>{escape_html(entry_id)}</code>."


def no_group_notice(key: int) -> str:
    """What an editor is told when the group id they typed is not in the queue."""
    return (
        f"There is no open group <code>#{key}</code>: it was linked or dismissed, or never"
        " existed. See /unanswered for the ids."
    )


LESSONS_SHOWN = 8


def lessons_view(lessons: Sequence[Lesson]) -> View:
    """Recent teaching acts, newest first, each with an Undo button while it stands."""
    if not lessons:
        return "Nothing has been taught yet.", None
    lines = ["<b>Recent teaching</b> (newest first):", ""]
    rows = []
    for lesson in lessons[:LESSONS_SHOWN]:
        what = "linked" if lesson.kind == "link" else "approved"
        wordings = "; ".join(escape_html(w[:60]) for w in lesson.phrasings[:3])
        more = f" (+{len(lesson.phrasings) - 3} more)" if len(lesson.phrasings) > 3 else ""
        state = (
            f" <i>undone {when(lesson.undone_at)} by {escape_html(lesson.undone_by or '?')}</i>"
            if lesson.undone_at is not None
            else ""
        )
        lines.append(
            f"<code>{escape_html(lesson.id)}</code> {when(lesson.created_at)},"
            f" {escape_html(lesson.editor)} {what} → <code>{escape_html(lesson.entry_id)}</code>:"
            f" <i>{wordings}</i>{more}{state}"
        )
        if not lesson.undone:
            rows.append([button(f"↩ Undo {lesson.id} ({lesson.entry_id})", Action.UNDO, lesson.id)])
    lines += ["", "Undo one with its button or <code>/unlink id</code>."]
    return "\n".join(lines), InlineKeyboardMarkup(rows) if rows else None


def undone_notice(lesson: Lesson, now: bool = True) -> str:
    """What an editor is told after undoing a lesson (now: readers no longer get it)."""
    back = (
        f" {len(lesson.question_ids)} question(s) are back in /unanswered."
        if (lesson.question_ids)
        else ""
    )
    entry = f"<code>{escape_html(lesson.entry_id)}</code>"
    stop = f"no longer answer with {entry}" if now else f"stop answering with {entry} in a moment"
    return f"Undone {lesson.id}: {len(lesson.phrasings)} wording(s) {stop}.{back}"


def nothing_to_purge_notice(days: int) -> str:
    """/purge when nothing holding a reader's text or id is that old: nothing to confirm."""
    return (
        "No question row, vote, reader's choice, chat's article choice or undone lesson is"
        f" older than {days} day(s): nothing to delete."
    )


def purge_view(days: int, older: Purged, token: str, minutes: int) -> View:
    """Ask an admin to confirm deleting what holds readers' texts or ids (see
    faqbot.storage.Store.purge), with Confirm and Cancel buttons."""
    rows = older.questions + older.votes + older.suggestions + older.chats + older.undone
    html = (
        f"Delete {older.phrase()} older than {days} day(s)? This cannot be undone."
        " Phrasings editors taught (and not undone) stay, without any link to the readers"
        " who asked."
        f"\nConfirm within {minutes} minutes."
    )
    markup = InlineKeyboardMarkup(
        [
            [
                button(f"🗑 Delete {rows} row(s)", Action.PURGE, token),
                button("Cancel", Action.PURGE_CANCEL, token),
            ]
        ]
    )
    return html, markup


_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_BREAKS = ("\n\n", "\n", " ")


def visible_length(html_text: str) -> int:
    """Characters Telegram counts: the text after tags are removed and entities decoded."""
    return len(unescape(_TAG_RE.sub("", html_text)))


def _open_tags(fragment: str, stack: list[tuple[str, str]]) -> list[tuple[str, str]]:
    stack = list(stack)
    for closing, name, attrs in _TAG_RE.findall(fragment):
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i]
                    break
        else:
            stack.append((name, attrs))
    return stack


def _cut(html_text: str, limit: int) -> int:
    """Index at which to cut so the head is at most `limit` visible characters."""
    count = 0
    i = 0
    last_break = dict.fromkeys(_BREAKS, -1)
    while i < len(html_text) and count < limit:
        ch = html_text[i]
        if ch == "<":
            end = html_text.find(">", i)
            i = end + 1 if end != -1 else i + 1
            continue
        if ch == "&":
            end = html_text.find(";", i)
            i = end + 1 if end != -1 and end - i <= 10 else i + 1
            count += 1
            continue
        for brk in _BREAKS:
            if html_text.startswith(brk, i):
                last_break[brk] = i
        count += 1
        i += 1
    if i >= len(html_text):
        return len(html_text)
    for brk in _BREAKS:
        if last_break[brk] > 0:
            return last_break[brk]
    return i


def split_html(html_text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Split long HTML into messages Telegram accepts, closing and reopening tags at the cuts."""
    chunks: list[str] = []
    reopen: list[tuple[str, str]] = []
    rest = html_text
    while rest:
        prefix = "".join(f"<{name}{attrs}>" for name, attrs in reopen)
        budget = limit - visible_length(prefix)
        if visible_length(rest) <= budget:
            chunks.append(prefix + rest)
            break
        cut = _cut(rest, budget)
        head, rest = rest[:cut], rest[cut:].lstrip()
        stack = _open_tags(head, reopen)
        chunks.append(prefix + head.rstrip() + "".join(f"</{name}>" for name, _ in reversed(stack)))
        reopen = stack
    # A run of whitespace can leave a part with nothing to show; Telegram rejects those.
    return [c for c in chunks if unescape(_TAG_RE.sub("", c)).strip()]
