"""Knowledge loading: the shipped file is faithful, broken files are reported precisely."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from faqbot.errors import KnowledgeError
from faqbot.knowledge import (
    Article,
    Entry,
    KnowledgeBase,
    article_order,
    load_knowledge,
    quote_in_text,
    quote_position,
    validate,
)
from tests.conftest import ARTICLE, FAQ_DIR

FAQ_QUESTIONS = [
    "Will Big AI monopolise the market?",
    "How are Asian governments responding to AI competition?",
    "Which approach offers better ROI for businesses?",
    "What role does data play in this competition?",
    "How might regulation affect the Big vs Small AI contest?",
]

GOOD_ENTRY = """
  - id: {id}
    question: What is it?
    alternates: [what's that]
    answer: It is a thing.
    source: {{section: Intro, quote: a thing}}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def kb_file(article_id: str = "a1", entries: str = GOOD_ENTRY.format(id="e1")) -> str:
    return f"article:\n  id: {article_id}\n  title: Title\nentries:{entries}"


def article_text() -> str:
    # The published page marks glossary words with "✦"; quotes leave the marker out.
    return ARTICLE.read_text(encoding="utf-8").replace("✦", "")


def test_shipped_knowledge_is_large_and_unique(kb: KnowledgeBase) -> None:
    assert len(kb) >= 40
    assert len({e.id for e in kb.entries}) == len(kb)
    assert all(len(e.alternates) >= 3 for e in kb.entries)


@pytest.mark.parametrize("question", FAQ_QUESTIONS)
def test_every_faq_question_is_an_entry_verbatim(kb: KnowledgeBase, question: str) -> None:
    assert question in article_text()
    assert question in {e.question for e in kb.entries}


def test_every_quote_is_verbatim_in_the_article(kb: KnowledgeBase) -> None:
    text = article_text()
    missing = [e.id for e in kb.entries if not quote_in_text(e.source.quote, text)]
    assert missing == []


def test_answers_are_one_to_three_sentences(kb: KnowledgeBase) -> None:
    import re

    for entry in kb.entries:
        sentences = len(re.findall(r"[.!?](?:\s|$)", entry.answer))
        assert 1 <= sentences <= 3, entry.id


def test_quotes_name_both_speakers_with_their_roles(kb: KnowledgeBase) -> None:
    giron, lee = kb.get("giron-quote"), kb.get("nigel-lee-quote")
    assert giron is not None
    assert lee is not None
    assert "VP and Senior Research Director at Forrester" in giron.answer
    assert "General Manager for Singapore at Lenovo" in lee.answer


def test_key_figures_are_covered(kb: KnowledgeBase) -> None:
    answers = " ".join(e.answer for e in kb.entries)
    for figure in [
        "$102.59 billion",
        "$815.98 billion",
        "88%",
        "22%",
        "96%",
        "15%",
        "1.7x",
        "$1.6 trillion",
        "$7 billion",
        "$2.2 billion",
        "67%",
        "5-10 years",
        "6-18 months",
        "SkillsFuture",
        "sandbox",
        "self-reliance",
    ]:
        assert figure in answers, figure


def test_sections_group_entries_in_file_order(kb: KnowledgeBase) -> None:
    sections = kb.sections()
    assert next(iter(sections)) == kb.entries[0].source.section
    assert sum(len(v) for v in sections.values()) == len(kb)


def test_quote_in_text_ignores_whitespace() -> None:
    assert quote_in_text("a  b\nc", "x a b c y")
    assert not quote_in_text("a b d", "a b c")


def test_loads_a_minimal_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", kb_file())
    kb = load_knowledge(tmp_path)
    entry = kb.get("e1")
    assert entry is not None
    assert entry.phrasings == ("What is it?", "what's that")
    assert entry.article.title == "Title"


def test_missing_field_names_file_entry_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        kb_file(entries=GOOD_ENTRY.format(id="e1").replace("    answer: It is a thing.\n", "")),
    )
    _, problems = validate(tmp_path)
    assert [str(p) for p in problems] == [
        f"{path}: line 5: entry 'e1' (#1): field 'answer': is required"
    ]


def test_unknown_keys_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", kb_file(entries=GOOD_ENTRY.format(id="e1") + "    anwser: typo\n"))
    _, problems = validate(tmp_path)
    assert len(problems) == 1
    assert "field 'anwser': unknown key, did you mean 'answer'? (allowed: " in str(problems[0])
    write(tmp_path, "a.yaml", kb_file().replace("entries:", "entires:"))
    _, problems = validate(tmp_path)
    assert "field 'entires': unknown key, did you mean 'entries'?" in str(problems[0])


def test_entry_without_id_is_named_by_index(tmp_path: Path) -> None:
    text = kb_file(entries=GOOD_ENTRY.format(id="e1") + GOOD_ENTRY.format(id="''"))
    write(tmp_path, "a.yaml", text)
    _, problems = validate(tmp_path)
    assert any("entry #2: field 'id'" in str(p) for p in problems)


def test_bad_types_and_ids_are_reported(tmp_path: Path) -> None:
    entry = GOOD_ENTRY.format(id="Bad_ID").replace("[what's that]", "what's that")
    write(tmp_path, "a.yaml", kb_file(entries=entry))
    messages = [str(p) for p in validate(tmp_path)[1]]
    assert any("field 'id': must be 1-40 lower-case" in m for m in messages)
    assert any("field 'alternates': must be a list of strings" in m for m in messages)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", kb_file("a1"))
    second = write(tmp_path, "b.yaml", kb_file("a2"))
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert str(err.value) == (
        f"{second}: line 5: entry 'e1' (#1): field 'id': duplicate id (also in {first}: line 5)"
    )


def test_duplicate_ids_in_one_file_name_both_lines(tmp_path: Path) -> None:
    entries = GOOD_ENTRY.format(id="e1") + GOOD_ENTRY.format(id="e2") + GOOD_ENTRY.format(id="e1")
    path = write(tmp_path, "a.yaml", kb_file(entries=entries))
    for _ in range(2):  # read, then from the compiled cache (which keeps no lines)
        _, problems = validate(tmp_path)
        assert [str(p) for p in problems] == [
            f"{path}: line 17: entry 'e1' (#3): field 'id': duplicate id (also in {path}: line 5)"
        ]


def test_a_duplicate_article_id_names_both_lines(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", kb_file("a1"))
    second = write(tmp_path, "b.yaml", kb_file("a1", GOOD_ENTRY.format(id="e2")))
    _, problems = validate(tmp_path)
    assert [str(p) for p in problems] == [
        f"{second}: line 2: field 'article.id': duplicate article id (also in {first}: line 2)"
    ]


def test_problems_of_a_files_shape_name_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "article: [x]\nentries: {}\n")
    assert [str(p) for p in validate(tmp_path)[1]] == [
        f"{path}: line 1: field 'article': must be a mapping with id and title",
        f"{path}: line 2: field 'entries': must be a non-empty list",
    ]
    path.write_text(kb_file(entries="\n  - just text\n"), "utf-8")
    assert [str(p) for p in validate(tmp_path)[1]] == [
        f"{path}: line 5: entry #1: must be a mapping"
    ]


def test_a_thesaurus_is_not_taken_for_a_knowledge_file(tmp_path: Path) -> None:
    thesaurus = write(tmp_path, "a.thesaurus.yaml", "scope: [asia]\n")
    kb, problems = validate(thesaurus)
    assert kb is None
    assert [str(p) for p in problems] == [
        f"{thesaurus}: is a thesaurus, not a knowledge file: give its knowledge file (a.yaml)"
        " or their folder"
    ]


def test_entry_places_give_each_fields_line(tmp_path: Path) -> None:
    from faqbot.knowledge import entry_places

    path = write(
        tmp_path, "a.yaml", kb_file(entries=GOOD_ENTRY.format(id="e1") + "    draft: true\n")
    )
    (place,) = entry_places([path])
    assert (place.file, place.id, place.label, place.line) == (str(path), "e1", "'e1' (#1)", 5)
    assert {k: place.lines[k] for k in ("question", "alternates[0]", "source.quote", "draft")} == {
        "question": 6, "alternates[0]": 7, "source.quote": 9, "draft": 10,
    }  # fmt: skip
    entry = load_knowledge(tmp_path).get("e1")
    assert entry is not None
    assert place.phrasing_field(entry, "what's that") == "alternates[0]"
    assert str(place.problem("is a draft", "draft")) == (
        f"{path}: line 10: entry 'e1' (#1): field 'draft': is a draft"
    )


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "article: [unclosed\n")
    _, problems = validate(tmp_path)
    assert str(problems[0]).startswith(f"{path}: line 2: is not valid YAML")


def test_empty_folder_and_wrong_shape(tmp_path: Path) -> None:
    assert "holds no .yaml knowledge files" in str(validate(tmp_path)[1][0])
    write(tmp_path, "a.yaml", "- just a list\n")
    assert "must be a mapping" in str(validate(tmp_path)[1][0])


def test_with_alternates_adds_taught_phrasings(kb: KnowledgeBase) -> None:
    taught = kb.with_alternates({"japan-focus": ["nippon robots?"], "gone": ["x"]})
    entry = taught.get("japan-focus")
    assert entry is not None
    assert entry.alternates[-1] == "nippon robots?"
    assert len(taught) == len(kb)


def test_quote_may_leave_text_out_between_verbatim_parts() -> None:
    text = "One two three. Four five six. Seven eight."
    assert quote_in_text("One two three. … Seven eight.", text)
    assert not quote_in_text("Seven eight. … One two three.", text)  # order matters
    assert not quote_in_text("One two three. … Nine.", text)
    assert not quote_in_text("One two three. …  … Seven", text)  # no empty part


def test_draft_flag_is_read_and_validated(tmp_path: Path) -> None:
    entries = (
        GOOD_ENTRY.format(id="e1")
        + GOOD_ENTRY.format(id="e2")
        + "    draft: true\n"
        + GOOD_ENTRY.format(id="e3")
        + "    draft: false\n"
    )
    write(tmp_path, "a.yaml", kb_file(entries=entries))
    kb = load_knowledge(tmp_path)
    assert [e.id for e in kb.drafts] == ["e2"]
    assert not kb.get("e1").draft  # type: ignore[union-attr]
    write(
        tmp_path, "a.yaml", kb_file(entries=GOOD_ENTRY.format(id="e1") + "    draft: yes please\n")
    )
    messages = [str(p) for p in validate(tmp_path)[1]]
    assert messages == [
        f"{tmp_path / 'a.yaml'}: line 10: entry 'e1' (#1): field 'draft': must be true or false"
    ]


def test_served_leaves_drafts_out_unless_asked(tmp_path: Path) -> None:
    entries = GOOD_ENTRY.format(id="e1") + GOOD_ENTRY.format(id="e2") + "    draft: true\n"
    write(tmp_path, "a.yaml", kb_file(entries=entries))
    kb = load_knowledge(tmp_path)
    assert [e.id for e in kb.served(serve_drafts=False).entries] == ["e1"]
    assert kb.served(serve_drafts=True) is kb
    assert kb.served(serve_drafts=False).articles == kb.articles


def test_an_article_of_drafts_only_is_not_served(tmp_path: Path) -> None:
    """Nothing to answer with: not listed (/articles, `faqbot links`), nor entered by link."""
    write(tmp_path, "a.yaml", kb_file())
    drafts = GOOD_ENTRY.format(id="e2") + "    draft: true\n"
    write(tmp_path, "b.yaml", kb_file("b1", entries=drafts))
    write(tmp_path, "b.thesaurus.yaml", "scope: [thing]\n")
    kb = load_knowledge(tmp_path)
    served = kb.served(serve_drafts=False)
    assert [a.id for a in served.articles] == ["a1"]
    assert [e.id for e in served.entries] == ["e1"]
    assert "b1" not in served.scopes
    assert [a.id for a in kb.served(serve_drafts=True).articles] == ["a1", "b1"]


def test_shipped_knowledge_has_no_drafts(kb: KnowledgeBase) -> None:
    assert kb.drafts == ()


def test_repeated_keys_and_impossible_dates_are_one_line_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", kb_file(entries=GOOD_ENTRY.format(id="e1")) + "entries: []\n")
    problems = [str(p) for p in validate(tmp_path)[1]]
    assert len(problems) == 1
    assert "duplicate key 'entries'" in problems[0]
    assert problems[0].startswith(f"{path}: line ")
    dated = kb_file(entries=GOOD_ENTRY.format(id="e1"))
    dated = dated.replace("  title: Title\n", "  title: Title\n  date: 2025-06-31\n")
    write(tmp_path, "a.yaml", dated)
    problems = [str(p) for p in validate(tmp_path)[1]]
    assert problems == [
        f"{path}: line 4: field 'article.date': must be a real date like 2025-06-30"
    ]


def test_knowledge_of_one_article(kb: KnowledgeBase) -> None:
    one = kb.of_article("asia-ai-battle-lines")
    assert (one.articles, one.entries) == (kb.articles, kb.entries)
    assert one.scope_of("asia-ai-battle-lines") == kb.scope_of("asia-ai-battle-lines")
    none = kb.of_article("nope")
    assert (none.articles, none.entries, dict(none.scopes)) == ((), (), {})


def test_articles_newest_first_undated_last_then_by_id() -> None:
    articles = (
        Article("b-old", "B", date="2024-01-01"),
        Article("z-undated", "Z"),
        Article("c-new", "C", date="2025-06-30"),
        Article("a-undated", "A"),
        Article("d-new", "D", date="2025-06-30"),
    )
    kb = KnowledgeBase(articles=articles, entries=())
    assert [a.id for a in kb.newest_first()] == [
        "c-new",
        "d-new",
        "b-old",
        "a-undated",
        "z-undated",
    ]


def test_related_entries_are_found_by_index_as_by_a_scan() -> None:
    kb = load_knowledge(FAQ_DIR)

    def scan(entry: Entry, limit: int) -> list[Entry]:
        own = [e for e in kb.entries if e.article.id == entry.article.id and e != entry]
        same = [e for e in own if e.source.section == entry.source.section]
        tagged = [e for e in own if set(e.tags) & set(entry.tags) and e not in same]
        return [*same, *tagged][:limit]

    for entry in kb.entries:
        for limit in (1, 2, 4):
            assert kb.related(entry, limit) == scan(entry, limit), entry.id


def test_the_shipped_sections_are_in_the_article_order(kb: KnowledgeBase) -> None:
    """/topics lists the sections as the knowledge file has them: Introduction first, the
    article's sections, its closing FAQ, then the conclusion (the title is about the
    article, not a section of it: last)."""
    assert article_order(kb, article_text()) is None
    sections = list(kb.sections())
    assert sections[0] == "Introduction"
    assert sections[7:12] == FAQ_QUESTIONS
    assert sections[12:] == ["Conclusion", "Title"]


def test_article_order_is_found_from_headings_and_quotes(kb: KnowledgeBase) -> None:
    faq = [e for e in kb.entries if e.source.section in FAQ_QUESTIONS]
    shuffled = replace(kb, entries=(*faq, *(e for e in kb.entries if e not in faq)))
    assert list(shuffled.sections())[:5] == FAQ_QUESTIONS
    assert article_order(shuffled, article_text()) == list(kb.sections())


def test_quote_position() -> None:
    text = "One two.\n\nThree   four five. Six."
    assert quote_position("three four", text) is None  # verbatim: case counts
    assert quote_position("Three four", text) == 9  # whitespace runs count as one
    assert quote_position("two. … Six", text) == 4
    assert quote_position("Six … two", text) is None
