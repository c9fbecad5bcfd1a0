"""Drafting: each extractor on small texts, then both test articles end to end."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from faqbot.article import Format, article_text, parse_html, parse_markdown, parse_text
from faqbot.draft import (
    Draft,
    DraftEntry,
    Kind,
    Speaker,
    draft,
    figure_questions,
    speaker_title_questions,
    title_part_questions,
    uncovered_figures,
    use_forms,
    why_questions,
)
from faqbot.evaluate import evaluate, load_cases
from faqbot.knowledge import (
    ID_PATTERN,
    MAX_ANSWER_CHARS,
    MAX_PHRASE_CHARS,
    load_knowledge,
    quote_in_text,
)
from faqbot.matching import Decision, Matcher
from faqbot.sentences import count_sentences, split_clauses, split_sentences
from faqbot.thesaurus import load_thesaurus
from tests.conftest import ARTICLE, DATA_DIR, FAQ_DIR
from tests.golden import DAY

SECOND_ARTICLE = DATA_DIR / "articles" / "southeast-asia-ev-batteries.txt"


def draft_text(text: str, **options: object) -> Draft:
    return draft(parse_text(text), "test-article", **options)  # type: ignore[arg-type]


def of_kind(result: Draft, kind: Kind) -> list[DraftEntry]:
    return [e for e in result.entries if e.kind is kind]


def sole(result: Draft, kind: Kind) -> DraftEntry:
    entries = of_kind(result, kind)
    assert len(entries) == 1, entries
    return entries[0]


def assert_well_formed(result: Draft, text: str) -> None:
    """What every draft must be: valid ids, verbatim quotes, answers within limits."""
    ids = [e.id for e in result.entries]
    assert len(set(ids)) == len(ids)
    for e in result.entries:
        assert ID_PATTERN.match(e.id), e.id
        assert quote_in_text(e.quote, text), e.quote
        assert len(e.answer) <= MAX_ANSWER_CHARS
        assert len(e.quote) <= MAX_ANSWER_CHARS
        assert 1 <= count_sentences(e.answer) <= 3, e.answer
        assert all(len(p) <= MAX_PHRASE_CHARS for p in (e.question, *e.alternates))


# ------------------------------------------------------------------ extractors

FAQ = """Title Of The Piece
Opening paragraph about batteries and prices here.
Will prices fall?
Prices may fall further. Analysts disagree.
Who builds the plants?
Mostly joint ventures build them.
The market will settle eventually, and plants will find buyers.
"""


def test_faq_questions_with_their_answers_and_the_ending_after_them() -> None:
    result = draft_text(FAQ)
    faq = of_kind(result, Kind.FAQ)
    assert [(e.question, e.answer, e.section) for e in faq] == [
        ("Will prices fall?", "Prices may fall further. Analysts disagree.", "Will prices fall?"),
        (
            "Who builds the plants?",
            "Mostly joint ventures build them.",
            "Who builds the plants?",
        ),
    ]
    conclusion = sole(result, Kind.CONCLUSION)
    assert conclusion.section == "Conclusion"
    assert conclusion.quote.startswith("The market will settle eventually")
    assert {"What is the overall conclusion?", "What is the final takeaway?"} <= set(
        conclusion.alternates
    )
    assert_well_formed(result, FAQ)


def test_faq_answers_phrasings_come_from_every_sentence_of_the_answer() -> None:
    text = (
        "Title\nOpening paragraph about batteries and prices here.\n"
        "Which approach pays back sooner?\n"
        "Small factories typically deliver faster measurable returns for specific cases of"
        " everyday use. Large plants require bigger upfront investments but may offer broader"
        " capabilities across many regions.\n"
        "Who builds the plants?\nMostly joint ventures build them.\n"
        "The market will settle eventually, and plants will find buyers.\n"
    )
    entry = of_kind(draft_text(text), Kind.FAQ)[0]
    assert entry.question == "Which approach pays back sooner?"
    # Runs and pairs of both sentences, though the first alone gives more than the cap.
    assert {"measurable returns", "bigger upfront investments"} <= set(entry.alternates)


QUOTES = "\n".join(
    [
        "Title",
        "Prices are falling fast across the region.",
        '"We are no longer content to dig up ore," says Ratna Wulandari, Director of Downstream'
        ' Industry at the Ministry of Investment. "Every tonne is worth more."',
        "Somchai Prasertwong, Siam Voltcell's Chief Executive, said: \"Carmakers will not build"
        ' EVs here unless the battery is close."',
        'According to Tran Minh Duc, Chief Executive of VinaCell, "LFP is where the volume is."',
        "Wulandari, the ministry's downstream director, rejected that picture. She said: \"By"
        ' 2030, 35% of the power will come from renewables."',
        "Comment from the desk: markets move in cycles and always have.",
    ]
)


def test_quotations_with_speaker_name_and_role() -> None:
    result = draft_text(QUOTES)
    quotes = of_kind(result, Kind.QUOTATION)
    assert [e.question for e in quotes] == [
        "What did Ratna Wulandari say?",
        "What did Somchai Prasertwong say?",
        "What did Tran Minh Duc say?",
        "What did Ratna Wulandari say about 2030 35% power?",
    ]
    first = quotes[0]
    assert first.answer.endswith('"Every tonne is worth more."')  # the continuation stays
    assert "Who is Ratna Wulandari?" in first.alternates
    assert (
        "Who is the Director of Downstream Industry at the Ministry of Investment?"
        in first.alternates
    )
    assert {"What is Ratna Wulandari's role?", "Wulandari position"} <= set(first.alternates)
    assert "Who does Wulandari work for?" in first.alternates  # "at the Ministry of ..."
    assert {"longer content dig ore", "Every tonne worth"} <= set(first.alternates)
    assert "Who is the Siam Voltcell's Chief Executive?" in quotes[1].alternates
    # Asked by job title and organisation, for readers who forgot the name.
    assert {
        "What does the VinaCell executive say?",
        "Which company is Duc from?",
    } <= set(quotes[2].alternates)
    assert any(a.startswith("What does VinaCell say about") for a in quotes[2].alternates)
    # "She said" after a sentence naming a known speaker: that sentence comes along.
    assert quotes[3].quote.startswith("Wulandari, the ministry's downstream director")
    assert "Who is Ratna Wulandari?" not in quotes[3].alternates  # asked once
    # A later quote names its speaker by surname only: the full name and the organisation
    # of the role come along as tags (names a question may give).
    assert {"Ratna Wulandari", "Investment"} <= set(quotes[3].tags)
    assert quotes[0].tags == ("quotes",)  # its text names them already
    assert_well_formed(result, QUOTES)


def test_a_speaker_is_asked_by_job_title_and_organisation() -> None:
    assert speaker_title_questions(Speaker("Ana Cruz", "General Manager for Manila at Acme")) == [
        "Which company is Cruz from?",
        "What does the Acme manager say?",
    ]
    assert speaker_title_questions(Speaker("Ana Cruz", "VP and Research Director at Acme"))[1] == (
        "What does the Acme director say?"
    )
    assert speaker_title_questions(Speaker("Ana Cruz", "a local shop owner")) == []


CONTEXT = (
    "Title\n"
    "The centrepiece is a plant built with Zhenlong Battery around the Morowali park in"
    " Sulawesi. The first line began trial production in March 2025 at the Morowali site.\n"
    "Indonesia sits on 42% of the nickel. Jakarta banned ore exports in 2020. Output reached"
    " 1.8 million tonnes in 2024. Vietnam mines 3% of it.\n"
    "Meridian forecasts annual sales of 1.9 million by 2030. Even then, the region would"
    " need only 115 GWh.\n"
    "The outlook is mixed.\n"
)


def test_names_of_the_sentence_before_are_tags_and_even_then_brings_it_along() -> None:
    result = draft_text(CONTEXT)
    first_line = next(e for e in result.entries if e.quote.startswith("The first line"))
    # "Morowali" is in its own text: only the names it does not give.
    assert {"Zhenlong Battery", "Sulawesi"} <= set(first_line.tags)
    assert "Morowali" not in first_line.tags
    centrepiece = next(e for e in result.entries if e.quote.startswith("The centrepiece"))
    assert not {"Zhenlong Battery", "Morowali"} & set(centrepiece.tags)
    # "Even then" refers back: the answer says when (and the year meets "by 2030?").
    # The place a paragraph opens with, for its sentences that name no place of their own.
    output = next(e for e in result.entries if e.quote.startswith("Output reached"))
    assert {"Jakarta", "Indonesia"} <= set(output.tags)
    vietnam = next(e for e in result.entries if e.quote.startswith("Vietnam mines"))
    assert "Indonesia" not in vietnam.tags
    need = next(e for e in result.entries if "115 GWh" in e.quote)
    assert need.answer.startswith("Meridian forecasts annual sales of 1.9 million by 2030.")
    assert_well_formed(result, CONTEXT)


TOPIC = (
    "Asia's AI Race\n"
    "Asia is where AI is built. Firms in Asia use AI every day.\n"
    "Countries like Vietnam are developing comprehensive AI laws, whilst Singapore emphasises"
    " skills development through its SkillsFuture programme.\n"
    "The outlook for AI in Asia is bright.\n"
)


def test_entries_not_writing_the_articles_topic_get_it_as_a_tag() -> None:
    result = draft_text(TOPIC)
    assert result.scope == ("asia", "ai")
    singapore = next(e for e in result.entries if "Singapore emphasises" in e.quote)
    assert "AI" in singapore.tags  # the clause does not write it
    assert "Asia" not in singapore.tags  # a place of the scope: Singapore is its own place
    vietnam = next(e for e in result.entries if e.quote.startswith("Countries like Vietnam"))
    assert "AI" not in vietnam.tags  # it writes "AI laws"
    # "What does Singapore emphasise for AI?" asks about what the clause says.
    # Without the tag: partial, the entry not mentioning AI.
    answer = Matcher(result.knowledge()).match("What does Singapore emphasise for AI?", today=DAY)
    assert answer.decision is Decision.ANSWER
    assert answer.best is not None
    assert answer.best.entry.id == singapore.id
    assert_well_formed(result, TOPIC)


def test_phrasings_in_the_articles_other_words_for_the_same_thing() -> None:
    # The article writes "requires" and "need": the thesaurus keeps them apart, so the
    # entry gets a phrasing with the other.
    text = (
        "Title\n"
        "Big AI requires massive datasets for training.\n"
        "A chatbot doesn't need to write poetry. Large firms pay for it.\n"
    )
    result = draft_text(text)
    datasets = next(e for e in result.entries if "datasets" in e.quote)
    assert "Big AI need massive datasets" in datasets.alternates
    # "Big" of the name "Big AI" is no reader's word for "large" here.
    assert not any(a.startswith("large AI") for a in datasets.alternates)
    answer = Matcher(result.knowledge()).match("does big ai need big datasets", today=DAY)
    assert answer.decision is Decision.ANSWER
    assert answer.best is not None
    assert answer.best.entry.id == datasets.id


def test_a_sentence_naming_this_thing_of_the_one_before_brings_it_along() -> None:
    text = (
        "Title\n"
        "Building frontier models takes enormous sums. Only the largest technology companies"
        " can afford this race to the top.\n"
        "The rest is up to the market and its buyers.\n"
    )
    result = draft_text(text)
    race = next(e for e in result.entries if "this race" in e.quote)
    assert race.quote.startswith("Building frontier models takes enormous sums. Only")
    assert_well_formed(result, text)


SUPPORT = (
    "Title\n"
    "Small AI advocates argue their models serve business needs better. A chatbot doesn't"
    " need to write poetry.\n"
    "Big AI is costly to build. Training one costs $100 million.\n"
    "Regulators stay cautious about new rules. Vietnam's law sets precedents.\n"
    "The rest is up to the market and its buyers.\n"
)


def test_a_claim_is_answered_with_the_sentence_that_supports_it() -> None:
    result = draft_text(SUPPORT)
    claim = next(e for e in result.entries if e.quote.startswith("Small AI advocates"))
    assert claim.answer.endswith("A chatbot doesn't need to write poetry.")
    assert "Why do Small AI advocates argue their models serve business needs better?" in (
        claim.alternates
    )
    # The next sentence stays an entry of its own.
    assert any(e.quote.startswith("A chatbot") for e in result.entries)
    # Not a sentence with a figure or a name of its own: facts of their own.
    costly = next(e for e in result.entries if e.quote.startswith("Big AI is costly"))
    assert costly.quote == "Big AI is costly to build."
    cautious = next(e for e in result.entries if e.quote.startswith("Regulators"))
    assert cautious.quote == "Regulators stay cautious about new rules."
    assert_well_formed(result, SUPPORT)


SECTION_PLACE = (
    "Title\n"
    "Nickel Under the Rainforest\n"
    "Indonesia sits on 42% of the world's nickel reserves.\n"
    "The centrepiece is a plant built with Zhenlong Battery near the Morowali park. The first"
    " line began trial production in March 2025.\n"
    "Across the Strait\n"
    "Malaysia has courted Kestrel Power.\n"
    "The plant in Kulim opened in 2024 with 800 workers. Vietnam mines 3% of the nickel.\n"
    "The outlook is mixed.\n"
)


def test_a_paragraph_naming_no_place_is_about_the_place_its_section_opens_with() -> None:
    result = draft_text(SECTION_PLACE)
    first_line = next(e for e in result.entries if e.quote.startswith("The first line"))
    assert "Indonesia" in first_line.tags
    centrepiece = next(e for e in result.entries if e.quote.startswith("The centrepiece"))
    assert "Indonesia" in centrepiece.tags
    # Another section opens with another place; a paragraph naming a place keeps to its own.
    kulim = next(e for e in result.entries if e.quote.startswith("The plant in Kulim"))
    assert "Indonesia" not in kulim.tags
    assert "Malaysia" not in kulim.tags
    assert_well_formed(result, SECTION_PLACE)


def test_a_result_its_sentence_gives_a_cause_of_is_asked_why() -> None:
    assert why_questions(
        "Big AI requires massive datasets for training, giving advantage to companies with"
        " broad user bases."
    ) == ["Why advantage companies broad user bases?"]
    assert why_questions(
        "Small AI works with less data, making it more accessible to specialised industries."
    ) == ["Why accessible specialised industries?"]
    assert why_questions("It works with less data, making it accessible.") == []  # one word
    # A participle that says what happened, not what it brought about, asks nothing.
    assert why_questions("The market reached $2.2 billion, growing 67% year-on-year.") == []
    text = (
        "Title\nBig AI requires massive datasets for training, giving advantage to companies"
        " with broad user bases.\nThe outlook is mixed.\n"
    )
    (entry,) = [e for e in draft_text(text).entries if "datasets" in e.quote]
    assert "Why advantage companies broad user bases?" in entry.alternates
    matcher = Matcher(draft_text(text).knowledge())
    result = matcher.match("Why do companies with broad user bases have an advantage?")
    assert result.best is not None
    assert result.best.entry.source.quote == entry.quote
    assert result.gap is None


def test_short_keyword_forms_are_runs_and_pairs_of_the_sentence_words() -> None:
    text = (
        "Title\nFalling nickel prices squeeze every smelter owner across the region.\n"
        "The outlook is mixed.\n"
    )
    (entry,) = [e for e in draft_text(text).entries if e.kind is Kind.STATEMENT]
    assert {
        "nickel prices squeeze",
        "smelter owner region",
        "Falling nickel",
        "owner region",
    } <= set(entry.alternates)
    assert 10 < len(entry.alternates) <= 30


TABLE = """Title
Five governments have announced plants.
| Country | Planned capacity | Target year |
|---|---|---|
| Indonesia | 140 GWh | 2030 |
| Thailand | 60 GWh | 2028 |
Demand is rising.
"""


def test_table_rows_one_entry_each_with_the_header_in_the_question() -> None:
    result = draft_text(TABLE)
    rows = of_kind(result, Kind.TABLE_ROW)
    assert [e.question for e in rows] == [
        "What does the table of country show?",
        "What are the planned capacity and target year for Indonesia?",
        "What are the planned capacity and target year for Thailand?",
    ]
    assert (
        rows[0].answer
        == "The table gives the planned capacity and target year for Indonesia and Thailand."
    )
    assert rows[1].answer == "Indonesia: planned capacity 140 GWh, target year 2030."
    assert rows[1].quote == "| Indonesia | 140 GWh | 2030 |"
    assert "Indonesia planned capacity" in rows[1].alternates
    assert_well_formed(result, TABLE)


def test_each_table_column_compares_the_rows() -> None:
    result = draft_text(TABLE)
    columns = of_kind(result, Kind.TABLE_COLUMN)
    assert [e.question for e in columns] == [
        "What is the planned capacity of each country?",
        "What is the target year of each country?",
    ]
    capacity = columns[0]
    assert capacity.answer == "Planned capacity: Indonesia 140 GWh; Thailand 60 GWh."
    # Quoted: the header and the rows, with the gap of the separator line between them.
    assert capacity.quote == (
        "| Country | Planned capacity | Target year | … | Indonesia | 140 GWh | 2030 | … "
        "| Thailand | 60 GWh | 2028 |"
    )
    assert "planned capacity by country" in capacity.alternates
    assert "planned capacity Indonesia Thailand" in capacity.alternates


def test_a_table_row_labelled_with_brackets_is_named_without_them_too() -> None:
    text = (
        "Title\nTwo approaches compete.\n| Approach | Accessibility | Development time |\n"
        "|---|---|---|\n| Small AI (Task-specific) | Widespread | 6-18 months |\n"
        "| Big AI (AGI-focused) | Limited | 5-10 years |\n"
        "The outlook is mixed.\n"
    )
    small = next(e for e in of_kind(draft_text(text), Kind.TABLE_ROW) if "Small" in e.quote)
    alternates = {a.casefold() for a in small.alternates}
    assert "small ai accessibility widespread" in alternates
    assert "small ai (task-specific) accessibility" in alternates
    assert "how long small ai?" in alternates  # its figures asked for by their kind


LISTS = """Title
Analysts list five risks that could slow the build-out:
- A price war with Chinese cell makers
- Weak power grids in the region
Key Numbers
- Sales rose 38% in 2024
- Output reached 1.8 million tonnes
Plants are being built quickly.
"""


def test_lists_after_a_colon_or_a_heading_and_their_items() -> None:
    result = draft_text(LISTS)
    lists = of_kind(result, Kind.LIST)
    assert lists[0].question == "What are the five risks that could slow the build-out?"
    assert lists[0].answer == (
        "Analysts list five risks that could slow the build-out: A price war with Chinese cell"
        " makers; weak power grids in the region."  # a list's capitals are no names
    )
    assert lists[1].question.startswith("Is a price war with Chinese cell makers among the five")
    numbers = next(e for e in lists if e.quote == "Key Numbers")
    assert "Key numbers: sales rose 38% in 2024;" in numbers.answer
    figures = of_kind(result, Kind.FIGURE)
    assert {e.quote for e in figures} == {
        "Sales rose 38% in 2024",
        "Output reached 1.8 million tonnes",
    }
    assert_well_formed(result, LISTS)


def test_items_of_a_list_of_uses_are_asked_as_uses() -> None:
    assert use_forms("common applications", "Fleet routing with live traffic data") == [
        "Fleet uses",
        "uses of Fleet routing live",
    ]
    assert use_forms("adoption patterns", "Crop monitoring by drone")[0] == "Crop uses"
    assert use_forms("five risks", "Weak power grids in the region") == []
    text = "Title\nFarms already deploy robots. Common applications include:\n- Crop monitoring\n"
    text += "- Fleet routing with live traffic data\nOutput rose 5%.\n"
    result = draft_text(text)
    fleet = next(e for e in result.entries if e.quote.startswith("Fleet"))
    assert "Fleet uses" in fleet.alternates
    risks = of_kind(draft_text(LISTS), Kind.LIST)
    assert not any("uses" in a for e in risks for a in e.alternates)
    assert_well_formed(result, text)


DEFINITIONS = """Title
A gigafactory is a battery plant with an annual output of at least one gigawatt-hour.
Its main product is the LFP cell.
The goal is ambitious and costly.
VinaCell, a Hanoi-based start-up, opened a line in Hai Phong.
"""


def test_definitions_and_appositives() -> None:
    result = draft_text(DEFINITIONS)
    definition = sole(result, Kind.DEFINITION)
    assert definition.question == "What is a gigafactory?"
    assert "define gigafactory" in definition.alternates
    vinacell = next(e for e in result.entries if e.quote.startswith("VinaCell"))
    assert "What is VinaCell?" in vinacell.alternates
    assert_well_formed(result, DEFINITIONS)


FIGURES = """Title
Prices fell 23% in 2024 to an average of $112 per kilowatt-hour. Demand is rising fast.
Sales reached 310,000 vehicles, 2.4 times the total for 2023.
The rest is up to the carmakers and their buyers.
"""


def test_every_sentence_with_a_figure_is_an_entry() -> None:
    result = draft_text(FIGURES)
    figures = of_kind(result, Kind.FIGURE)
    assert [e.quote for e in figures] == [
        # The sentence after it, with no figure or name of its own, comes along.
        "Prices fell 23% in 2024 to an average of $112 per kilowatt-hour. Demand is rising fast.",
        "Sales reached 310,000 vehicles, 2.4 times the total for 2023.",
    ]
    assert not any(a.startswith("Why") for a in figures[0].alternates)  # no cause given
    assert figures[0].question == (
        "Did prices fall 23% in 2024 to an average of $112 per kilowatt-hour?"
    )
    assert any(a.endswith("23%") for a in figures[0].alternates)
    assert result.uncovered == ()
    assert uncovered_figures(parse_text(FIGURES), figures[:1]) == [figures[1].quote]
    assert_well_formed(result, FIGURES)


def test_figures_are_asked_for_by_their_kind() -> None:
    asked = figure_questions("South Korea", "South Korea has committed over $7 billion.")
    assert asked == ["How much money South Korea?", "South Korea budget cost"]
    grown = figure_questions("the market", "The market grew 67% year-on-year.")
    assert "How fast did the market grow?" in grown
    assert "What percentage the market?" in grown
    assert figure_questions("plans", "Plans take 6-18 months.")[0] == "How long plans?"
    assert figure_questions("", "It costs $5.") == []
    figures = of_kind(draft_text(FIGURES), Kind.FIGURE)
    assert any(a.startswith("How much money") for a in figures[0].alternates)


def test_reader_comments_are_not_facts() -> None:
    text = FIGURES + "Latest Comments (2)\nI paid $40,000 for mine in 2023.\nLeave a Comment\n"
    result = draft_text(text)
    assert not any("$40,000" in e.quote or "$40,000" in e.answer for e in result.entries)
    assert result.skipped == 3


CALLS = """Title
Prices fell 23% in 2024. Demand is rising fast.
Will prices keep falling in your town? Share your thoughts in the comments below.
Latest Comments (1)
Prices rose 90% here.
"""


def test_the_articles_call_to_readers_is_one_entry_not_a_fact() -> None:
    result = draft_text(CALLS)
    assert_well_formed(result, parse_text(CALLS).text)
    call = sole(result, Kind.CALL)
    wanted = "Will prices keep falling in your town? Share your thoughts in the comments below."
    assert call.quote == call.answer == wanted
    assert call.question == "What does the article ask of readers?"
    assert "Where can I comment on the article?" in call.alternates
    # Its own words ask, they do not tell: no keyword forms of them ("prices falling town").
    assert not any("town" in a or "prices" in a.casefold() for a in call.alternates)
    assert not any("90%" in e.answer for e in result.entries)  # a reader's comment
    assert result.skipped == 3  # the call, the comments heading, the comment
    assert not of_kind(draft_text(FIGURES), Kind.CALL)  # no call, no entry


def test_a_long_call_to_readers_is_cut_to_its_last_three_sentences() -> None:
    asks = " ".join(f"Do you agree with point {n}?" for n in range(1, 6))
    text = f"Title\nPrices fell 23% in 2024.\n{asks} Share your thoughts below.\n"
    call = sole(draft_text(text), Kind.CALL)
    assert (
        call.quote
        == "Do you agree with point 4? Do you agree with point 5? Share your thoughts below."
    )
    assert_well_formed(draft_text(text), parse_text(text).text)


def test_a_titles_parts_are_asked_about_on_their_own() -> None:
    assert title_part_questions("Chip Wars: Makers vs. Buyers") == [
        "What does Chip Wars mean?",
        "What does Makers vs. Buyers mean?",
    ]
    assert title_part_questions("Ports Race Ahead — And Leave Towns Behind")[1] == (
        "What does And Leave Towns Behind mean?"
    )
    assert title_part_questions("Southeast Asia bets on batteries") == []
    overview = sole(
        draft_text("Chip Wars: Makers vs. Buyers\nMakers sell 5% more.\n"), Kind.OVERVIEW
    )
    # (capitals kept only on names: _plain)
    assert "what does makers vs. buyers mean?" in {a.casefold() for a in overview.alternates}


def test_overview_answers_what_the_article_is_about() -> None:
    overview = sole(draft_text(FIGURES), Kind.OVERVIEW)
    assert overview.question == "What is the title of the article?"
    assert overview.quote == "Title"
    assert overview.section == "Title"


def test_sections_entry_lists_the_headings_in_order() -> None:
    text = LISTS + "Outlook For Plants\nDemand will keep rising for years.\n"
    result = draft_text(text)
    sections = next(e for e in of_kind(result, Kind.OVERVIEW) if "sections" in e.question)
    assert sections.answer == "The article's sections: Key Numbers; Outlook For Plants."
    assert sections.quote == "Key Numbers … Outlook For Plants"
    assert "Outlook For Plants section" in sections.alternates
    assert len(of_kind(draft_text(FIGURES), Kind.OVERVIEW)) == 1  # no headings, no sections
    assert_well_formed(result, text)


def test_ids_avoid_those_already_taken_and_section_leads_get_the_heading() -> None:
    first = draft_text(LISTS)
    taken = [e.id for e in first.entries]
    second = draft_text(LISTS, taken_ids=taken)
    assert not set(taken) & {e.id for e in second.entries}
    numbers = next(e for e in first.entries if e.section == "Key Numbers")
    # A heading's capitals are not kept on common words: the matcher would take them for names.
    assert "What does the article say about key numbers?" in (numbers.question, *numbers.alternates)


def test_progress_is_reported_to_the_end() -> None:
    calls: list[tuple[int, int]] = []
    draft_text(FAQ, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_bad_id_or_empty_article_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="article id"):
        draft(parse_text(FAQ), "Not An Id")
    with pytest.raises(ValueError, match="no text"):
        draft(parse_text("Only a title\n"), "empty")


MARKDOWN = """# Battery Plants

Five governments have announced **287 GWh** of capacity. "Prices will fall," says
Priya Raghavan, Lead Analyst at Meridian.

| Country | Capacity |
|---|---|
| Indonesia | 140 GWh |

The outlook depends on exports and on prices.
"""

HTML = """<html><head><title>Battery Plants</title></head><body>
<nav>Home | World</nav><h1>Battery Plants</h1>
<p>Five governments have announced <b>287 GWh</b> of capacity. "Prices will fall," says
Priya Raghavan, Lead Analyst at Meridian.</p>
<table><tr><th>Country</th><th>Capacity</th></tr><tr><td>Indonesia</td><td>140 GWh</td></tr>
</table><p>The outlook depends on exports and on prices.</p>
<div class="comments"><p>First! Prices rose 90%.</p></div></body></html>"""


@pytest.mark.parametrize(("raw", "fmt"), [(MARKDOWN, Format.MARKDOWN), (HTML, Format.HTML)])
def test_markdown_and_html_drafts_quote_what_readers_see(raw: str, fmt: Format) -> None:
    document = parse_markdown(raw) if fmt is Format.MARKDOWN else parse_html(raw)
    result = draft(document, "battery-plants")
    assert result.article.title == "Battery Plants"
    assert {e.kind for e in result.entries} >= {Kind.FIGURE, Kind.QUOTATION, Kind.TABLE_ROW}
    assert sole(result, Kind.QUOTATION).question == "What did Priya Raghavan say?"
    assert not any("90%" in e.quote for e in result.entries)
    assert_well_formed(result, article_text(raw, fmt))


# ---------------------------------------------------------- the two test articles


@pytest.fixture(scope="module")
def first_draft() -> Draft:
    return draft(parse_text(ARTICLE.read_text(encoding="utf-8")), "asia-ai-battle-lines")


@pytest.fixture(scope="module")
def second_draft() -> Draft:
    raw = SECOND_ARTICLE.read_text(encoding="utf-8")
    return draft(parse_text(raw), "southeast-asia-ev-batteries")


def test_drafts_of_both_articles_are_well_formed(first_draft: Draft, second_draft: Draft) -> None:
    for result, path in ((first_draft, ARTICLE), (second_draft, SECOND_ARTICLE)):
        assert_well_formed(result, article_text(path.read_text(encoding="utf-8"), Format.TEXT))
        assert result.uncovered == ()
        # The drafted thesaurus loads as written ("latest" folded into "late" and a
        # reader's "newest" for it: one keyword, not two).
        _, problems = load_thesaurus(Path("draft.thesaurus.yaml"), result.thesaurus_yaml())
        assert problems == []


def test_draft_yaml_loads_as_a_knowledge_file_of_drafts(first_draft: Draft, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(first_draft.to_yaml("article.txt"), encoding="utf-8")
    kb = load_knowledge(tmp_path)
    assert len(kb) == len(first_draft.entries)
    assert all(e.draft for e in kb.entries)
    assert len(kb.served(serve_drafts=False)) == 0


def test_second_article_has_every_kind_it_should(second_draft: Draft) -> None:
    counts = second_draft.counts()
    assert Kind.FAQ not in counts  # it has no FAQ section
    assert counts[Kind.TABLE_ROW] == 6  # the header and five countries
    assert counts[Kind.TABLE_COLUMN] == 4  # capacity, investment, target year, partner
    assert counts[Kind.QUOTATION] >= 5
    assert counts[Kind.DEFINITION] >= 2
    speakers = {e.question for e in of_kind(second_draft, Kind.QUOTATION)}
    assert {
        "What did Ratna Wulandari say?",
        "What did Priya Raghavan say?",
        "What did Somchai Prasertwong say?",
        "What did Tran Minh Duc say?",
        "What did Siti Rahmawati say?",
    } <= speakers


def _words(text: str) -> list[str]:
    return " ".join(text.split()).casefold().split()


def _longest_common_run(a: Sequence[str], b: Sequence[str]) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _sentence_covered(sentence: str, draft_quotes: Sequence[str]) -> bool:
    words = _words(sentence)
    return any(_longest_common_run(words, _words(q)) >= 0.8 * len(words) for q in draft_quotes)


def covered_share(curated_quote: str, draft_quotes: Sequence[str]) -> float:
    """How much of a curated quote the draft's quotes cover, as a share of its words.

    The curated quote is cut into its verbatim parts (at " … "), list items (" - "),
    sentences and independent clauses (``split_clauses``: "..., whilst ..."). A piece is
    covered when one draft quote shares a run of at least 80% of its words with it (words
    split at whitespace, compared case-folded): so a draft quote that contains the piece
    covers it, and so does one that cuts a word or two from its ends. The share is the
    covered pieces' words over all the quote's words.
    """
    sentences = [
        clause
        for part in curated_quote.split(" … ")
        for item in re.split(r"\s-\s", part)
        for sentence in split_sentences(item)
        for clause in split_clauses(sentence)
    ]
    total = sum(len(_words(s)) for s in sentences)
    covered = sum(len(_words(s)) for s in sentences if _sentence_covered(s, draft_quotes))
    return covered / total if total else 0.0


def test_the_draft_alone_covers_the_curated_quotes(first_draft: Draft) -> None:
    """At least 90% of the curated quotes are covered, each for at least 80% of its words."""
    curated = load_knowledge(FAQ_DIR)
    quotes = [e.source.quote for e in curated.entries]
    drafted = [e.quote for e in first_draft.entries]
    missed = [q for q in quotes if covered_share(q, drafted) < 0.8]
    assert 1 - len(missed) / len(quotes) >= 0.90, missed


# The bars the drafts must reach with only the draft loaded (serve_drafts on). TARGET is
# issue 11's, reached by both drafts; FLOOR sits at what the matcher reaches (README,
# "Drafting"), measured with the default match settings: 0.751 answered / 0.954 refused for
# the first article, 0.817 / 0.900 for the second. Raise FLOOR as drafting and matching
# improve; never lower it.
TARGET = (0.75, 0.85)
FLOOR = {
    "asia-ai-battle-lines": (0.75, 0.95),
    "southeast-asia-ev-batteries": (0.81, 0.90),
}
CASES = {
    "asia-ai-battle-lines": DATA_DIR / "eval" / "test.yaml",
    "southeast-asia-ev-batteries": DATA_DIR / "eval" / "southeast-asia-ev-batteries.yaml",
}


def _accuracy(result: Draft, article_id: str) -> tuple[float, float]:
    report = evaluate(Matcher(result.knowledge()), load_cases(CASES[article_id]), today=DAY)
    return report.answer_accuracy, report.refusal_accuracy


@pytest.mark.parametrize("article_id", list(FLOOR))
def test_the_draft_alone_answers_the_evaluation_questions(
    article_id: str, first_draft: Draft, second_draft: Draft
) -> None:
    result = first_draft if article_id == "asia-ai-battle-lines" else second_draft
    answered, refused = _accuracy(result, article_id)
    floor_answered, floor_refused = FLOOR[article_id]
    assert answered >= floor_answered
    assert refused >= floor_refused


@pytest.mark.parametrize("article_id", list(CASES))
def test_the_draft_alone_reaches_the_target(
    article_id: str, first_draft: Draft, second_draft: Draft
) -> None:
    result = first_draft if article_id == "asia-ai-battle-lines" else second_draft
    answered, refused = _accuracy(result, article_id)
    assert answered >= TARGET[0]
    assert refused >= TARGET[1]


def test_yaml_header_tells_the_editor_what_to_do(first_draft: Draft) -> None:
    text = first_draft.to_yaml("a.txt")
    assert text.startswith("# Draft knowledge file written by `faqbot draft` from a.txt.")
    data = yaml.safe_load(text)
    assert list(data["entries"][0]) == [
        "id",
        "question",
        "alternates",
        "answer",
        "source",
        "tags",
        "draft",
    ]


def test_scope_is_the_title_names_the_text_always_capitalises(
    first_draft: Draft, second_draft: Draft, tmp_path: Path
) -> None:
    # "APAC" is the abbreviation the article spells out as "Asia-Pacific": part of Asia's
    # scope. "SEA" (Southeast Asia's initials) names no place of its own.
    assert first_draft.scope == ("asia", "ai", "apac")
    assert second_draft.scope == ("southeast", "asia", "ev")
    (tmp_path / "a.yaml").write_text(first_draft.to_yaml(), encoding="utf-8")
    (tmp_path / "a.thesaurus.yaml").write_text(first_draft.thesaurus_yaml(), encoding="utf-8")
    kb = load_knowledge(tmp_path)
    scope = {"asia", "ai", "apac"}
    assert kb.thesaurus.scope == first_draft.knowledge().thesaurus.scope == scope


def test_an_abbreviated_place_of_the_scope_is_in_the_scope() -> None:
    text = (
        "Asia's Chip Race\n"
        "Chips are built in Asia. Asia-Pacific (APAC) firms buy them.\n"
        "APAC spending grew 9% in 2025.\n"
        "Europe (EU) watches.\n"
    )
    result = draft_text(text)
    assert "apac" in result.scope
    assert "eu" not in result.scope  # spelled out by words naming no place of the scope


def test_drafted_thesaurus_loads_as_the_draft_matches_with_it(
    first_draft: Draft, second_draft: Draft, tmp_path: Path
) -> None:
    """What the bot loads from the two files is what `draft` measured with."""
    for result in (first_draft, second_draft):
        (tmp_path / "a.yaml").write_text(result.to_yaml(), encoding="utf-8")
        (tmp_path / "a.thesaurus.yaml").write_text(result.thesaurus_yaml(), encoding="utf-8")
        loaded = load_knowledge(tmp_path).thesaurus
        drafted = result.knowledge().thesaurus
        assert (loaded.phrases, loaded.synonyms, loaded.scope) == (
            drafted.phrases,
            drafted.synonyms,
            drafted.scope,
        )
    vocabulary = first_draft.vocabulary
    assert vocabulary.phrases["artificial general intelligence"] == "agi"
    assert vocabulary.phrases["asia pacific"] == "apac"
    assert vocabulary.phrases["sea"] == "southeast asia"
    assert vocabulary.synonyms["asia"] == ["asian"]
    assert vocabulary.synonyms["large"] == ["larger", "largest"]
