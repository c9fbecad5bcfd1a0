"""English prose for drafting: sentences, figures, subject and verb, questions."""

from __future__ import annotations

import pytest

from faqbot.sentences import (
    FigureKind,
    content_words,
    core_forms,
    find_figures,
    heading_questions,
    keyword_form,
    parse_clause,
    reason_questions,
    sentence_question,
    split_clauses,
    split_sentences,
)


def test_sentences_split_at_ends_but_not_inside_quotes_or_after_abbreviations() -> None:
    text = (
        'Prices fell 2.5% in the U.S. market. "Demand is slowing. Costs are not," says '
        "Dr. Jane Roe, an analyst. Output rose to $1.8bn! Why? Nobody knows e.g. why."
    )
    assert split_sentences(text) == [
        "Prices fell 2.5% in the U.S. market.",
        '"Demand is slowing. Costs are not," says Dr. Jane Roe, an analyst.',
        "Output rose to $1.8bn!",
        "Why?",
        "Nobody knows e.g. why.",
    ]


def test_every_sentence_is_verbatim() -> None:
    text = "One thing. Two things!  Three “quoted. words” here? Four"
    for sentence in split_sentences(text):
        assert sentence in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("committed over $7 billion to AI", [("$7 billion", FigureKind.MONEY)]),
        ("pledging $37bn", [("$37bn", FigureKind.MONEY)]),
        (
            "hundreds of millions of dollars",
            [("hundreds of millions of dollars", FigureKind.MONEY)],
        ),
        (
            "88% of employees, up from 22 per cent",
            [("88%", FigureKind.PERCENT), ("22 per cent", FigureKind.PERCENT)],
        ),
        ("grow 1.7x faster", [("1.7x", FigureKind.MULTIPLIER)]),
        ("2.4 times the total", [("2.4", FigureKind.COUNT)]),
        ("by 2032", [("2032", FigureKind.YEAR)]),
        (
            "5-10 years and 6-18 months",
            [("5-10 years", FigureKind.DURATION), ("6-18 months", FigureKind.DURATION)],
        ),
        ("some 310,000 vehicles", [("310,000", FigureKind.COUNT)]),
        ("no figures at all", []),
    ],
)
def test_figures(text: str, expected: list[tuple[str, FigureKind]]) -> None:
    assert [(f.text, f.kind) for f in find_figures(text)] == expected


def test_content_words_keep_figures_and_drop_fillers() -> None:
    words = content_words("South Korea alone has committed over $7 billion to AI development.")
    assert words == ["South", "Korea", "committed", "$7", "billion", "AI", "development"]
    assert keyword_form("What is the role of data in this competition?") == "role data competition"


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "South Korea alone has committed over $7 billion to AI development, whilst Japan"
            " focuses on automated manufacturing.",
            "Has South Korea committed over $7 billion to AI development?",
        ),
        (
            "Meta leads the charge for accessible AI, releasing open-source models.",
            "Does Meta lead the charge for accessible AI?",
        ),
        (
            "OpenAI, backed by Microsoft's deep pockets, epitomises the Big AI approach.",
            "Does OpenAI epitomise the Big AI approach?",
        ),
        (
            "Asia's regulatory landscape increasingly favours a middle path.",
            "Does Asia's regulatory landscape favour a middle path?",
        ),
        (
            "The region's AI platform market reached $2.2 billion in 2024, growing 67%.",
            "Did the region's AI platform market reach $2.2 billion in 2024?",
        ),
        (
            "Small businesses across the region can access sophisticated AI capabilities.",
            "Can small businesses across the region access sophisticated AI capabilities?",
        ),
        (
            "Task-specific models often outperform their larger counterparts.",
            "Do task-specific models outperform their larger counterparts?",
        ),
        # A plural subject takes no -s verb; its base-form verb may precede an -s noun; a
        # number may open the object; the subject's head is before "of" (but "88% of").
        (
            "Startups and open-source advocates champion smaller models.",
            "Do startups and open-source advocates champion smaller models?",
        ),
        (
            "Big AI's broader capabilities raise concerns about job displacement.",
            "Do Big AI's broader capabilities raise concerns about job displacement?",
        ),
        (
            "Analysts at Meridian list five risks.",
            "Do analysts at Meridian list five risks?",
        ),
        (
            "The transformation of Asian industries shows how both approaches find niches.",
            "Does the transformation of Asian industries show how both approaches find niches?",
        ),
        (
            "88% of employees in Asia use AI at work.",
            "Do 88% of employees in Asia use AI at work?",
        ),
        (
            "Battery pack prices fell 23% in 2024 to an average of $112 per kilowatt-hour.",
            "Did battery pack prices fall 23% in 2024 to an average of $112 per kilowatt-hour?",
        ),
        (
            "Since banning exports of raw nickel ore in 2020, Jakarta has lured smelters, mills.",
            "Has Jakarta lured smelters?",
        ),
        (
            "They're implementing whatever works for their immediate needs.",
            "What does the article say about They're implementing whatever works immediate needs?",
        ),
        (
            "Weak power grids: a 30 GWh plant can use as much electricity as a city",
            "What does the article say about weak power grids?",
        ),
    ],
)
def test_sentence_question(sentence: str, question: str) -> None:
    lowercase = frozenset({"small", "task-specific", "battery", "weak", "analysts"})
    assert sentence_question(sentence, lowercase) == question


def test_parse_clause_gives_up_on_pronoun_subjects() -> None:
    assert parse_clause("It is a thing.") is None
    clause = parse_clause("These companies chase artificial general intelligence.")
    assert clause is not None
    assert (clause.subject, clause.aux) == ("These companies", "do")


def test_heading_questions() -> None:
    assert heading_questions("By The Numbers") == ["What does the article say about The Numbers?"]
    assert heading_questions("The Scale Wars: Big AI's Ambition") == [
        "What does the article say about The Scale Wars: Big AI's Ambition?",
        "What does the article say about The Scale Wars?",
        "What does the article say about Big AI's Ambition?",
    ]


def test_compound_sentences_split_into_verbatim_clauses() -> None:
    sentence = (
        "Countries like Vietnam are developing comprehensive AI laws, whilst Singapore"
        " emphasises skills development through its SkillsFuture programme."
    )
    assert split_clauses(sentence) == [
        "Countries like Vietnam are developing comprehensive AI laws",
        "Singapore emphasises skills development through its SkillsFuture programme.",
    ]
    assert split_clauses("Prices fell, while costs rose.") == ["Prices fell, while costs rose."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Subject + verb + object, subject + verb, subject + object; past an aside.
        (
            "OpenAI, backed by Microsoft's deep pockets, epitomises the Big AI approach.",
            ["OpenAI epitomise Big AI approach", "OpenAI epitomise", "OpenAI Big AI approach"],
        ),
        # Past "tend to", and each later verb of the same subject ("rather than replace").
        (
            "Small AI tends to augment human capabilities rather than replace workers.",
            [
                "Small AI augment human capabilities",
                "Small AI augment",
                "Small AI human capabilities",
                "Small AI replace workers",
                "Small AI replace",
                "Small AI workers",
            ],
        ),
        # A participle after a comma is the subject's too; an object after a preposition.
        (
            "Japan focuses on automated manufacturing, building new plants.",
            [
                "Japan focus automated manufacturing",
                "Japan focus",
                "Japan automated manufacturing",
                "Japan building new plants",
                "Japan building",
                "Japan new plants",
            ],
        ),
        # The subject's head, with the names after a preposition.
        (
            "Countries like Vietnam are developing comprehensive AI laws",
            [
                "Countries Vietnam developing comprehensive AI laws",
                "Countries Vietnam developing",
                "Countries Vietnam comprehensive AI laws",
            ],
        ),
        # A reporting verb: the clause it reports, asked as a question too.
        (
            "The surge in spending suggests businesses aren't waiting for the winner.",
            [
                "Are businesses waiting for the winner?",
                "businesses waiting winner",
                "businesses waiting",
                "businesses winner",
            ],
        ),
        # A term of capitalised words is not cut in two to keep three words of the subject.
        (
            "Big Tech's broader ambitions worry regulators.",
            [
                "Big Tech's broader ambitions worry regulators",
                "Big Tech's broader ambitions worry",
                "Big Tech's broader ambitions regulators",
            ],
        ),
        (
            "Smaller cheaper faster cells win buyers.",
            [
                "cheaper faster cells win buyers",
                "cheaper faster cells win",
                "cheaper faster cells buyers",
            ],
        ),
        ("The goal is ambitious.", []),
        ("They're implementing whatever works.", []),
    ],
)
def test_core_forms(sentence: str, expected: list[str]) -> None:
    assert core_forms(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The object's own means, and after a verb of favouring what the object can do.
        (
            "Stricter regulations tend to favour Big AI companies with their resources.",
            ["Why do stricter regulations tend to favour Big AI companies?"],
        ),
        (
            "Strict regulations may favour Big AI companies that can afford compliance costs.",
            ["Why may strict regulations favour Big AI companies?"],
        ),
        # A verb of using and its purpose; a verb whose subject comes before "then".
        (
            "They might use a large model for drafts, then fine-tune smaller models for "
            "specific brand voices.",
            ["Why might they use a large model?", "Why fine-tune smaller models?"],
        ),
        # What a thing can do is no reason for listing it, nor a purpose for what no one uses.
        ("Analysts list five risks that could slow the build-out.", []),
        ("Governments pay for new plants.", []),
    ],
)
def test_reason_questions(sentence: str, expected: list[str]) -> None:
    assert reason_questions(sentence) == expected
