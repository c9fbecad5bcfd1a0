"""Analysis: the question in a long message, joins, corrections, names and constraints."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.analysis import (
    _FOCUS_CLAUSE_RE,
    _SENTENCE_RE,
    Analyzer,
    _may_divide,
    action_clause,
    asked_part,
    capital_countries,
    clause_split,
    countries,
    described_parts,
    last_question,
    lead_in_split,
    message_parts,
    name_phrases,
    named_thing,
    only_asking,
    only_points,
    place_of_demonym,
    points_at_thing,
    points_to_place,
    proper_names,
    question_after_reader,
    reader_clause,
    refers_back,
    regional_function_words,
    side_by_side,
)
from faqbot.constraints import Focus, GapKind
from faqbot.matching import Decision, Matcher
from faqbot.normalise import STOP_WORDS, tokens
from faqbot.smalltalk import split_at_ends
from faqbot.thesaurus import Thesaurus


def question_parts(message: str) -> tuple[str, str]:
    """(context, question) of a message: message_parts' before and question."""
    parts = message_parts(message)
    return parts.before, parts.question


def test_question_part_of_a_long_message() -> None:
    message = (
        "I run a 20-person accounting firm in Johor Bahru and every vendor promises returns. "
        "We cannot wait five years for payback and I am sceptical of the big platforms. "
        "Which approach pays back faster?"
    )
    context, question = question_parts(message)
    assert question == "Which approach pays back faster?"
    assert "20-person" not in context
    assert question_parts("short question?") == ("", "short question?")


def test_a_too_short_question_sentence_takes_the_one_before() -> None:
    message = (
        "The Lenovo manager in this piece talks about demand for hybrid infrastructure in "
        "ASEAN and I am curious about what drives it in our region these days honestly. "
        "Why?"
    )
    context, question = question_parts(message)
    assert question == "Why?"
    assert "Lenovo" in context


def test_question_parts_split_what_is_asked_from_what_comes_before() -> None:
    message = (
        "I look after the warehouse robots for a shipping firm near Haiphong harbour, mostly "
        "night shifts. Reading this on my break. Which uses does it list for supply chains? "
        "Many thanks!"
    )
    context, question = question_parts(message)
    assert question == "Which uses does it list for supply chains?"  # the thanks aside
    assert context == ""  # the question has keywords enough
    short = (
        "I look after robots at a port in Haiphong and read this twice on my break. What's next?"
    )
    assert question_parts(short) == ("", short)  # a short message is all question
    context, question = question_parts(short + " Honestly I have no clue, tell me more please.")
    assert question == "What's next?"
    assert context.startswith("I look after robots")  # "what's next" alone says too little


@pytest.mark.parametrize(
    ("sentence", "described"),
    [
        # What the reader recalls of the article, without who they are.
        (
            "My boss wants a chart by Monday and I remember this piece had a forecast for"
            " the regional market, one number now and one much later.",
            "this piece had a forecast for the regional market, one number now and one much later",
        ),
        (
            "There's a quote near the end from a manager at a hardware firm, something about"
            " security rules.",
            "There's a quote near the end from a manager at a hardware firm, something about"
            " security rules",
        ),
        # What someone told the reader, without who told it.
        (
            "I fix scooters in Da Nang and my sister said most nurses use chatbots now.",
            "most nurses use chatbots now",
        ),
        # A clause going on without a subject is the reader's too.
        (
            "I'm from Iloilo, working at a hotel, and the article mentions hotels.",
            "the article mentions hotels",
        ),
        (
            "I work nights at a bakery and only read this on my phone, so I remember the"
            " piece saying something about Korea",
            "the piece saying something about Korea",
        ),
        # Sentences about the reader only.
        ("I have to show the article to my team on Friday.", ""),
        ("I sell rice in Bacolod and business is slow this month.", ""),
        ("Hi sorry to disturb, my cousin told me about this bot.", ""),
    ],
)
def test_described_parts_keep_what_the_reader_recalls_of_the_article(
    sentence: str, described: str
) -> None:
    assert described_parts(sentence) == described


def test_a_question_pointing_back_takes_what_the_reader_recalls() -> None:
    message = (
        "I sell rice in Bacolod and my accountant keeps nagging me about technology. I"
        " remember the article had a figure for how many office staff use AI, with a year"
        " attached. What was it?"
    )
    parts = message_parts(message)
    assert parts.question == "What was it?"
    assert parts.described == (
        "the article had a figure for how many office staff use AI, with a year attached."
    )
    standing = message.replace("What was it?", "How many office workers use AI in Asia?")
    assert message_parts(standing).described == ""  # the question says it all
    # One long sentence: its last asking clause points back at what comes before it.
    one = (
        "I drive a jeepney in Quezon City and my passengers talk about robots all day, and I"
        " remember the article had a number for office staff using AI, what was it again?"
    )
    parts = message_parts(one)
    assert parts.pointing == "what was it again?"
    assert parts.described == "the article had a number for office staff using AI."


@pytest.mark.parametrize(
    ("question", "points"),
    [
        ("What were the examples?", True),
        ("Which one was that?", True),
        ("What were the numbers again?", True),
        ("Can you remind me of the three parts?", True),
        ("Which hotel chains use it?", False),
        ("What did it say about drones?", False),
    ],
)
def test_only_points(question: str, points: bool) -> None:
    assert only_points(question) is points


def test_what_the_reader_recalls_of_the_article_is_analysed_without_the_reader(
    matcher: Matcher,
) -> None:
    message = (
        "I teach accounting at a college in Kuching and my students love charts. I remember"
        " the article had a projection for the APAC market, one figure for this year and a"
        " far bigger one years out. What were both numbers?"
    )
    analysis = matcher.analyzer.analyse(message)
    assert {"apac", "market"} <= set(analysis.keywords)
    assert not {"account", "kuch", "kuching", "student"} & set(analysis.keywords)
    # "this year" is the article's year, as the reader recalls it, not today's.
    assert not analysis.asked.years
    # A question with a word of its own that the article never uses asks about that.
    hotels = message.replace("What were both numbers?", "Which hotel chains use them?")
    assert "hotel" in matcher.analyzer.analyse(hotels).unknown
    # What is asked is the question's: "how large" in the recollection asks for no figure.
    split = (
        "I sell phones in Medan and my shop already pays for two AI tools. The piece"
        " describes how large enterprises split the work between Big AI and Small AI. How"
        " did it put that?"
    )
    assert matcher.analyzer.analyse(split).asked.focus is None


def test_points_at_thing() -> None:
    assert points_at_thing("What does the article say about them?")
    assert points_at_thing("Is that covered?")
    assert not points_at_thing("What did he say?")  # a person: named, and checked
    assert not points_at_thing("What does this article say is next?")
    assert not points_at_thing("Which figures could I use?")


def test_words_only_the_context_gives_are_marked(matcher: Matcher) -> None:
    message = (
        "I look after the warehouse robots for a shipping firm near Haiphong harbour, mostly "
        "on night shifts, and my manager forwarded this to the whole team. What's the takeaway?"
    )
    analysis = matcher.analyzer.analyse(message)
    assert "robot" in analysis.context
    assert not {"takeaway", "conclus"} & analysis.context  # the question's own words
    pointing = matcher.analyzer.analyse(message.replace("What's the takeaway?", "Is it covered?"))
    assert not pointing.context  # "it": what the sentences before say is what is asked


def test_proper_names_need_a_capital_and_no_lower_case() -> None:
    names = proper_names(
        ["OpenAI, backed by Microsoft, leads. The big push. Big AI and Small AI."],
        ["What is Japan's focus?"],
    )
    assert {"microsoft", "japan"} <= names
    assert "big" not in names  # also written "big"
    assert "openai" not in names  # only ever at a sentence start in this text


def test_analysis_of_a_chat_style_question(matcher: Matcher) -> None:
    analysis = matcher.analyzer.analyse("hw much has south kroea put in2 ai in 2028 lah")
    assert ("kroea", "korea") in analysis.corrections
    assert "korea" in analysis.asked.names
    assert analysis.asked.years == {"2028"}
    assert analysis.asked.focus is Focus.FIGURE


def test_a_regional_particle_is_not_a_typo_of_year(matcher: Matcher) -> None:
    """The Indian English particle "yaar" is one slip from "year": no date is asked."""
    analysis = matcher.analyzer.analyse("is small ai really cheaper yaar?")
    assert analysis.asked.years == frozenset()
    assert analysis.asked.focus is None
    assert analysis.corrections == ()
    assert matcher.analyzer.analyse("small models cheaper or what yaar").asked.focus is None


def test_unknown_names_are_constraints_and_keep_their_spelling(matcher: Matcher) -> None:
    analysis = matcher.analyzer.analyse("What does Tencent think of Viet Nam's AI law?")
    assert "tencent" in analysis.asked.names
    assert "tencent" in analysis.unknown
    assert analysis.typed("tencent") == "Tencent"
    assert "vietnam" in analysis.keywords  # "viet nam" joined
    assert not analysis.corrections


def test_typos_are_not_names_but_unknown_brands_are(matcher: Matcher) -> None:
    analyzer = matcher.analyzer
    assert "tencent" in analyzer.analyse("tencent ai plans").asked.names
    assert not analyzer.analyse("when was the ai law pased").asked.names - {"ai"}
    # One slip away from a country is still that place.
    assert analyzer.analyse("does indonesa have ai rules").asked.names - {"ai"}
    # A typo of a question word is corrected, so the focus is still read.
    assert analyzer.analyse("wat is the nmae of the ai law").asked.focus is Focus.NAME


def test_a_capitalised_typo_of_a_known_word_is_not_an_unknown_name(matcher: Matcher) -> None:
    analysis = matcher.analyzer.analyse("Do Asain goverments back Westren AI in Singapre?")
    assert analysis.asked.names.isdisjoint({"asain", "westren", "singapr", "singapre"})
    # ... while names of other countries and companies stay names, even one slip away
    # from an English word.
    for question, name in (
        ("How much has Thailand committed?", "thailand"),
        ("What did Grab say about it?", "grab"),
        ("What does Tencent think?", "tencent"),
    ):
        assert name in matcher.analyzer.analyse(question).asked.names, question


def test_a_lower_case_slip_of_a_name_beside_a_name_is_that_name(matcher: Matcher) -> None:
    """A given name one slip from the article's, written in lower case next to the
    surname: an English word alone stays as typed, as a capitalised one does."""
    analyzer = matcher.analyzer
    assert ("fredric", "frederic") in analyzer.analyse("what did fredric giron say").corrections
    assert ("fredric", "frederic") in analyzer.analyse("giron fredric, who is he").corrections
    # Beside no name of the article it is left alone.
    assert not analyzer.analyse("what did fredric jones say").corrections
    # A country beside a name is a place, never a slip.
    assert "thailand" in analyzer.analyse("giron thailand comments").asked.names


_KNOWN = Counter("vietnam southeast skillsfuture openai deepseek nam sea ai viet".split())
_WORDS = (
    "viet",
    "nam",
    "south",
    "east",
    "southe",
    "ast",
    "skills",
    "future",
    "open",
    "ai",
    "deep",
    "seek",
    "v",
    "ietnam",
    "vi",
    "etnam",
    "the",
    "x",
)


def _reference_join(words: list[str], surface: Counter[str]) -> list[str]:
    """Joins as the analyzer made them before (every cut of every known word, looked up)."""
    splits: dict[str, set[str]] = {}
    for word in surface:
        if len(word) >= 5 and word.isalpha() and word not in STOP_WORDS:
            for cut in range(2, len(word) - 1):
                splits.setdefault(word[:cut], set()).add(word[cut:])
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i + 1] in splits.get(words[i], ()):
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_neighbours_are_joined_as_every_cut_of_a_known_word_would(words: list[str]) -> None:
    analyzer = Analyzer(Thesaurus(), _KNOWN, countries=frozenset())
    assert analyzer._join(list(words)) == _reference_join(words, analyzer._surface)


@pytest.mark.parametrize(
    ("sentence", "back"),
    [
        ("What reasons did he give?", True),
        ("Is that unusual?", True),
        ("How much has my government committed?", True),
        ("Which firms are based there?", True),
        ("What does the article say about chips?", False),
        ("What is Small AI, according to this piece?", False),
        ("Which approach is cheaper?", False),
    ],
)
def test_refers_back(sentence: str, back: bool) -> None:
    assert refers_back(sentence) is back


def test_clause_split() -> None:
    assert clause_split("What is X, and how does Y work?") == ["What is X", "how does Y work"]
    assert clause_split("Tell me about chips and what it costs") == [
        "Tell me about chips",
        "what it costs",
    ]
    assert clause_split("What is Small AI?") == []
    assert clause_split("Small AI, ok?") == []  # one word is no clause


@pytest.mark.parametrize(
    ("message", "places", "leaning"),
    [
        ("I work in Jakarta. How much has the government committed?", ("jakarta",), True),
        ("I work in Jakarta, what is Small AI?", ("jakarta",), False),
        ("i work in kuala lumpur how much has my government committed", ("kuala", "lumpur"), True),
        ("As a nurse in Ho Chi Minh City, what is Small AI?", ("ho", "chi", "minh", "city"), False),
        (
            "My cousin lives in Thailand and says the government there spends a lot.",
            ("thailand",),
            False,
        ),
        ("We are a startup from Cebu. Which firms are based here?", ("cebu",), True),
        # No place: the knowledge's own words, a stop word, or not about the reader.
        ("I work in AI. What is Small AI?", (), False),
        ("I work in finance. What is Small AI?", (), False),
        ("I work in IT. What is Small AI?", (), False),
        ("Which firms do we see in Vietnam?", (), False),
        ("Is there a startup scene in Jakarta?", (), False),
        ("As a result of growth in Indonesia, what changed?", (), False),
    ],
)
def test_where_the_reader_is(
    matcher: Matcher, message: str, places: tuple[str, ...], leaning: bool
) -> None:
    text, found, leans = matcher.analyzer.reader_places(message)
    assert (found, leans) == (places, leaning)
    for word in places:
        assert word not in text.lower()  # taken out of the text


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("I work in Pasig, what is Small AI?", "pasig"),  # not an English word: name-like
        ("I'm a teacher in Kuala Lumpur. What is Small AI?", "lumpur"),  # capital mid-name
        ("I live in Seoul. What is Small AI?", "seoul"),
        ("I live in Laos. What is Small AI?", "lao"),  # a country
        (
            "I teach nursing at a college in Iloilo and my students keep asking me about"
            " chatbots in clinics, so I went back to the article. Among the uses it lists,"
            " was there anything for hospitals?",
            "iloilo",
        ),
    ],
)
def test_where_the_reader_is_is_never_a_name_of_a_question_that_stands_alone(
    matcher: Matcher, message: str, place: str
) -> None:
    assert place not in matcher.analyzer.analyse(message).asked.names


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("I work in Jakarta. How much has the government committed?", "jakarta"),
        ("I'm from Penang, how much has my government committed?", "penang"),
        ("I live in Laos. How much has the government committed?", "lao"),
    ],
)
def test_where_the_reader_is_is_a_name_of_a_question_that_leans_on_it(
    matcher: Matcher, message: str, place: str
) -> None:
    analysis = matcher.analyzer.analyse(message)
    assert place in analysis.asked.names
    assert place not in analysis.unknown or place in analysis.keywords  # the words stay


def test_a_question_alone_leans_on_where_the_reader_said_they_are(matcher: Matcher) -> None:
    question = "How much has the government committed?"
    assert "jakarta" in matcher.analyzer.analyse(question, places=("jakarta",)).asked.names
    assert not matcher.analyzer.analyse(question).asked.names
    alone = "What is Small AI?"
    assert "jakarta" not in matcher.analyzer.analyse(alone, places=("jakarta",)).asked.names


@pytest.mark.parametrize(
    ("clause", "about"),
    [
        ("I work in Jakarta", True),
        ("My cousin lives in Seoul", True),
        ("we're a startup in Cebu", True),
        ("As a nurse in Cebu", True),
        ("As a result of this", False),
        ("Vietnam is my focus", False),
        ("What is Small AI", False),
    ],
)
def test_reader_clause(clause: str, about: bool) -> None:
    assert reader_clause(clause) is about


@pytest.mark.parametrize(
    ("question", "leans"),
    [
        ("How much has the government committed?", True),
        ("How much has my country invested?", True),
        ("Which firms are based here?", True),
        ("What do local regulators say?", True),
        ("How much has South Korea committed?", False),
        ("What is Small AI?", False),
        ("How much does it cost to train big AI models?", False),
        ("Which banks use AI there?", True),
        # The "there" that says something exists points at no place.
        ("Was there anything about banks in the list?", False),
        ("Are there rules for chatbots?", False),
        ("there is a sandbox, what does it allow?", False),
        ("Which startups are based there?", True),
        # "there is" asks whether something exists: no place.
        ("Was there anything about hospitals in that list?", False),
        ("Is there a figure for chips?", False),
        ("there's a table near the end, what does it compare?", False),
    ],
)
def test_points_to_place(question: str, leans: bool) -> None:
    assert points_to_place(question) is leans


def test_last_question_splits_a_clause_about_the_reader_from_the_question() -> None:
    assert last_question("I work in Pasig, what is Small AI?") == (
        "I work in Pasig",
        "what is Small AI?",
    )
    assert last_question("Im from penang, wat is small ai") == ("Im from penang", "wat is small ai")
    assert last_question("As a nurse in Cebu - how is AI used in hospitals?") == (
        "As a nurse in Cebu",
        "how is AI used in hospitals?",
    )
    # One clause, or a first clause that is not about the reader: one question.
    assert last_question("What is Small AI?") is None
    assert last_question("In Vietnam, what does the law do?") is None


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        # A clause about the reader, with "so" after its comma.
        (
            "My team lead is nervous about costs, so which model pays back first?",
            "which model pays back first?",
        ),
        ("ok so im a nurse in cebu, how do hospitals use ai?", "how do hospitals use ai?"),
        # A lead-in saying nothing of what is asked (what `lead_in` accepts).
        ("Forgive the interruption, what does Lenovo sell?", "what does Lenovo sell?"),
        # A long one, whose lead-in has clauses of its own and a rhetorical "what do I know".
        (
            "My uncle runs a noodle stall near the harbour and keeps reading headlines about"
            " robots taking over kitchens, which sounds silly but what do I know, and he asked"
            " me to check, so can you tell me how many jobs AI will replace?",
            "can you tell me how many jobs AI will replace?",
        ),
    ],
)
def test_the_question_after_a_lead_in_is_found(sentence: str, question: str) -> None:
    split = lead_in_split(sentence, lambda head: head.startswith("Forgive"))
    assert split is not None
    assert split[1] == question


@pytest.mark.parametrize(
    "sentence",
    [
        "In Vietnam, what does the law do?",  # Vietnam is part of the question
        "Big AI vs Small AI, which is cheaper?",  # so are the things compared
        "What is Small AI, and how is it used?",  # two questions
        "Forgive me, what is Small AI?",  # a lead-in `lead_in` does not accept
    ],
)
def test_a_clause_that_is_part_of_the_question_is_no_lead_in(sentence: str) -> None:
    assert lead_in_split(sentence, lambda head: False) is None


def test_a_question_of_a_lead_in_is_kept_with_the_question_after_it() -> None:
    """ "I work in Pasig, what is X and how is it used?": the question starts at "what"."""
    assert lead_in_split("I work in Pasig, what is Small AI and how is it used?") == (
        "I work in Pasig",
        "what is Small AI and how is it used?",
    )


def test_asking_the_bot_to_tell_the_reader_points_back_at_nothing() -> None:
    assert not refers_back("can you tell me how much Korea committed?")
    assert not refers_back("could you please tell me what Small AI is")
    assert refers_back("how much has my government committed?")


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        # The article writes "fine" only in "fine-tune" (one keyword by its thesaurus): a
        # detail it does not write, like a word it never uses.
        ("what fines does the treaty impose?", "fine"),
        ("what fines apply to the law?", "fine"),
        ("what sanctions does the law set?", "sanction"),
    ],
)
def test_a_word_written_only_inside_a_compound_is_not_written(
    matcher: Matcher, question: str, subject: str
) -> None:
    assert subject in matcher.analyzer.analyse(question).asked.subjects


def test_a_detail_the_knowledge_writes_is_no_subject(matcher: Matcher) -> None:
    """ "models" is written, so no constraint: the entry about models may answer."""
    assert not matcher.analyzer.analyse("what models does the firm train?").asked.subjects


LONG_LEAD = (
    "I'm a student in Hanoi and I have been reading about the AI race in Asia for my"
    " thesis on technology policy, which my professor asked me to write this term."
)


@pytest.mark.parametrize(
    "message",
    [
        f"{LONG_LEAD} How much has my country committed to AI?",
        f"{LONG_LEAD} What has the government committed?".replace("Hanoi", "Ho Chi Minh City"),
        f"{LONG_LEAD.lower()} how much has my country committed to ai",
        "I'm a student in Hanoi. How much has my country committed to AI?",
    ],
)
def test_my_country_leans_on_where_a_long_message_says_the_reader_is(
    matcher: Matcher, message: str
) -> None:
    """The question sentence of a long message stands alone; "my country" still leans on
    the city the reader named before it, so no other country's figure answers it."""
    result = matcher.match(message)
    assert result.decision is not Decision.ANSWER
    assert result.gap is not None
    assert result.gap.kind is GapKind.NAME
    assert result.gap_words[0].casefold() in ("hanoi", "ho chi minh city")


def test_a_long_message_naming_its_country_is_answered(matcher: Matcher) -> None:
    result = matcher.match(f"{LONG_LEAD} How much has South Korea committed to AI?")
    assert result.decision is Decision.ANSWER
    assert result.best is not None
    assert result.best.entry.id == "south-korea-commitment"


# Sentence marks, blanks of every kind \s matches, and letters.
_SENTENCE_TEXT = st.text(".!?\n\r\t \x0b\x0c\x1c\x85\xa0\u2028ab", max_size=12)


@settings(max_examples=2000)
@given(_SENTENCE_TEXT)
def test_sentences_are_split_as_the_pattern_splits_them(text: str) -> None:
    """split_at_ends skips the search only where analysis's pattern cannot match."""
    assert split_at_ends(_SENTENCE_RE, text) == _SENTENCE_RE.split(text)


@settings(max_examples=2000)
@given(st.text(".!?:;\n\r\t \x0b\x1c\x85\xa0\u2028ab", max_size=12))
def test_a_text_the_focus_clauses_divide_is_never_taken_for_one_clause(text: str) -> None:
    """_clause_focus splits only texts _may_divide lets through: exact only if every text
    the pattern divides into two clauses with words is one of them."""
    if len([c for c in _FOCUS_CLAUSE_RE.split(text) if c.strip()]) >= 2:
        assert _may_divide(text)


def test_a_country_named_with_a_direction_or_as_a_republic_is_one_word_too() -> None:
    """ "South Korea", "Korea, Republic of": "korea" names a country, as "vietnam" does
    ("which Asian country pledged $7bn?" is answered by the entry naming Korea)."""
    names = countries()
    assert {"korea", "macedonia", "taiwan", "vietnam"} <= names
    assert "virgin" not in names  # "Virgin Islands, British": no one word names it
    assert "states" not in names


@pytest.mark.parametrize(
    ("word", "name"),
    [("msft", "microsoft"), ("lnv", "lenovo"), ("frstr", "forrester")],
)
def test_a_name_abbreviated_by_its_consonants_is_that_name(
    matcher: Matcher, word: str, name: str
) -> None:
    """A ticker or shorthand of one of the article's names is that name, not a name the
    article never mentions ("The article says nothing about msft")."""
    words, corrections = matcher.analyzer.surface_words(f"does {word} back ai startups")
    assert name in words
    assert (word, name) in corrections


@pytest.mark.parametrize(
    ("word", "known"), [("mdls", "models"), ("rgltns", "regulations"), ("btwn", "between")]
)
def test_a_word_written_without_its_vowels_is_the_knowledge_s_word(
    matcher: Matcher, word: str, known: str
) -> None:
    """Chat drops vowels ("mdls"): a word whose first letter and consonants are one word of
    the knowledge base's is that word."""
    words, corrections = matcher.analyzer.surface_words(f"what {word} do firms use")
    assert known in words
    assert (word, known) in corrections


@pytest.mark.parametrize("word", ["sdk", "grph", "Mdls"])
def test_a_short_or_unknown_skeleton_or_a_capitalised_word_is_kept(
    matcher: Matcher, word: str
) -> None:
    """Three letters are too few to tell ("sdk"), a skeleton of no word of the knowledge
    base is left as typed, and a capitalised word may be a name."""
    keep = frozenset({word.casefold()}) if word[0].isupper() else frozenset()
    words, _ = matcher.analyzer.surface_words(f"what {word.casefold()} do firms use", keep=keep)
    assert word.casefold() in words


@pytest.mark.parametrize("word", ["sap", "tcs", "xyz"])
def test_other_short_names_are_not_read_as_the_articles(matcher: Matcher, word: str) -> None:
    """ "sap" (a vowel after its first letter) is a name of its own, not Singapore's; a
    skeleton of no name, or of several, is left as typed."""
    words, _ = matcher.analyzer.surface_words(f"does {word} back ai startups")
    assert word in words


@pytest.mark.parametrize(
    ("question", "verbs", "clause"),
    [
        ("What does the port authority ban?", ["ban"], "what the port authority bans"),
        (
            "What did the mayor promise to build?",
            ["promise", "build"],
            "what the mayor promised to build",
        ),
        ("what will the new law require", ["require"], "what the new law will require"),
        ("Who runs the harbour?", ["runs"], "who runs the harbour"),
        ("ferry pass how to apply ah", ["apply"], "how to apply"),
        ("How do I register a boat?", ["register"], "how to register a boat"),
        ("So, which fees does the port charge?", ["charge"], "which fees the port charges"),
        ("ban what", ["ban"], None),  # no wording to embed: the caller names the verb
        ("How does the ferry pass work?", ["work"], "how the ferry pass works"),
        ("how can the pass work for me", ["work"], "how the pass can work for me"),
        (
            "Is Acme also building ships or not?",
            ["building"],
            "whether Acme is also building ships",
        ),
        ("does Acme also sell ferries or not", ["sell"], "whether Acme also sells ferries"),
        ("Acme also building ships or not ah?", ["building"], "whether Acme also building ships"),
        # Where and when: "where Ana Lim trained", "when the mayor was elected".
        ("Where did Ana Lim train?", ["train"], "where Ana Lim trained"),
        ("when was the mayor elected", ["elected"], "when the mayor was elected"),
        # The noun asked goes with "what" as with "which".
        ("what town does Ana Lim work in?", ["work"], "what town Ana Lim works in"),
    ],
)
def test_what_is_done_is_named_as_an_embedded_question(
    question: str, verbs: list[str], clause: str | None
) -> None:
    assert action_clause(question, verbs) == clause


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("what is acme's new ferry called", "ferry"),
        ("whats the port app called", "app"),
        ("what is it also called", None),  # names nothing
        ("what is the name of the ferry", None),  # the focus reads it
        ("why is it called a ferry pass", None),
    ],
)
def test_the_thing_whose_name_is_asked(question: str, thing: str | None) -> None:
    assert named_thing(tokens(question)) == thing


@pytest.mark.parametrize(
    ("question", "defines", "dropped"),
    [
        # A job word right after one of the article's names asks who that person is.
        ("frederic giron occupation?", {"giron"}, "occup"),
        ("what is Nigel Lee's job title", {"lee"}, "titl"),
        ("frederic giron employer pls", {"giron"}, "employ"),
        # A place's employers are its firms, not anyone's job.
        ("south korea's employers", set(), None),
        # Not after a name: what the question is about.
        ("what does Giron say about jobs", set(), None),
        ("what jobs will AI take", set(), None),
    ],
)
def test_a_job_word_after_a_name_asks_who_they_are(
    matcher: Matcher, question: str, defines: set[str], dropped: str | None
) -> None:
    analysis = matcher.analyzer.analyse(question)
    assert analysis.asked.defines == defines
    if dropped is not None:
        assert dropped not in analysis.keywords


def test_a_role_in_an_organisation_is_no_definition_of_it(matcher: Matcher) -> None:
    """ "who is Lenovo's Singapore general manager?" asks who holds a role, not who
    Lenovo is; "who is Nigel Lee?" asks who he is."""
    assert matcher.analyzer.analyse("who is lenovo's singapore general manager").asked.defines == (
        frozenset()
    )
    assert matcher.analyzer.analyse("who is Nigel Lee").asked.defines == {"nigel", "lee"}


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("vietnamese", "vietnam"),
        ("laotian", "laos"),
        ("filipino", "philippines"),
        ("bangladeshi", "bangladesh"),
        ("north korean", None),  # one word only
        ("cambodian", "cambodia"),
        ("european", "europe"),  # a region: by the ending rules
        ("indian", "india"),  # not the British Indian Ocean Territory's, which no word names
        ("american", "america"),  # no one word names its country: by the ending rules
        ("quarterly", None),
    ],
)
def test_demonyms_come_from_the_country_data(word: str, place: str | None) -> None:
    assert place_of_demonym(word) == place


def test_regional_function_words_are_no_english_words() -> None:
    words = regional_function_words()
    assert {"ginagawa", "kerajaan", "untuk"} <= words
    assert not {"asia", "bank", "para", "may", "program"} & words


@pytest.mark.parametrize(
    ("question", "left_out", "kept"),
    [
        # Two function words of Tagalog or Malay: the message mixes languages.
        ("ano ang ginagawa ng Peru sa ports?", {"ginagawa"}, {"peru", "ports"}),
        ("kerajaan lima buat apa untuk ports?", {"kerajaan", "buat", "untuk"}, {"ports"}),
        # One alone may be a name or a slip; a capital keeps it too.
        ("what does ginagawa sell", set(), {"ginagawa"}),
    ],
)
def test_words_of_another_language_mixed_in_are_left_out(
    matcher: Matcher, question: str, left_out: set[str], kept: set[str]
) -> None:
    words = set(matcher.analyzer.analyse(question).words)
    assert not left_out & words
    assert kept <= words


def test_capitals_come_from_the_country_data() -> None:
    capitals = capital_countries()
    assert capitals["seoul"] == ("south", "korea")
    assert capitals["hanoi"] == ("vietnam",)
    assert "singapore" not in capitals  # a country's own name
    assert "kuala" not in capitals  # a capital of two words
    # Small territories' capitals are given names as well ("What did Stanley say?").
    assert not {"stanley", "douglas", "victoria", "hamilton"} & capitals.keys()


@pytest.mark.parametrize(
    ("question", "word", "read"),
    [
        # A government by its seat is its country.
        ("What did Tokyo announce for robots?", "tokyo", "japan"),
        ("Lima's ferry budget, how big?", "lima", "peru"),
        # Where something is stays the city; a lower-case English word stays a word.
        ("how many ferries dock in Lima", "lima", "lima"),
        ("what share of male dockers use ai", "male", "male"),
    ],
)
def test_a_capital_is_its_country_where_it_stands_for_the_government(
    matcher: Matcher, question: str, word: str, read: str
) -> None:
    words = matcher.analyzer.analyse(question).words
    assert read in words
    assert word == read or word not in words


def test_a_capital_read_as_a_country_the_article_names_is_that_name(matcher: Matcher) -> None:
    assert "japan" in matcher.analyzer.analyse("What did Tokyo announce for robots?").asked.names


def test_a_capital_read_as_its_country_is_named_as_the_reader_wrote_it(
    matcher: Matcher,
) -> None:
    result = matcher.match("how much money did Pyongyang pour into AI")
    assert result.decision is Decision.PARTIAL, result
    assert result.gap_words == ("Pyongyang",)


def test_a_place_written_as_its_adjective_is_a_name_the_entry_must_give(
    matcher: Matcher,
) -> None:
    asked = matcher.analyzer.analyse("how many laotian firms invest in robots").asked
    assert "lao" in asked.names or "laos" in asked.names
    assert "laotian" not in asked.subjects
    # A demonym the article's thesaurus folds into its place stays that place.
    assert matcher.analyzer.analyse("are japanese firms hiring").asked.names >= {"japan"}


def test_a_lower_case_demonym_is_shown_capitalised(matcher: Matcher) -> None:
    analysis = matcher.analyzer.analyse("what do cambodian banks spend on ai")
    place = next(n for n in analysis.asked.names if n.startswith("cambodia"))
    assert name_phrases(analysis, [place]) == ("Cambodian banks",)


def test_a_kind_the_article_contrasts_is_read_from_its_phrase(matcher: Matcher) -> None:
    analyzer = matcher.analyzer
    (hybrid,) = analyzer.analyse("how many months to develop hybrid ai").asked.contrasted
    assert hybrid.names == ("hybrid AI",)
    assert "hybrid" in hybrid.asked
    assert ("ai", "big") in hybrid.others
    # "small firms" is no Small AI; "big or small" names no one kind.
    assert not analyzer.analyse("can small firms afford training").asked.contrasted
    assert not analyzer.analyse("is big or small ai cheaper to run").asked.contrasted


@pytest.mark.parametrize(
    ("question", "subject", "also"),
    [
        ("is openai also releasing models in asia", {"openai"}, True),
        ("does lenovo build infrastructure", {"lenovo"}, False),
        ("lenovo also got factories or not ah", {"lenovo"}, True),
    ],
)
def test_a_yes_or_no_on_a_name_is_read(
    matcher: Matcher, question: str, subject: set[str], also: bool
) -> None:
    said = matcher.analyzer.analyse(question).asked.said_of
    assert said is not None
    assert said.subject == subject
    assert said.also is also
    assert said.predicate  # what is asked of it, the name left out
    assert not said.predicate & said.subject


def test_other_questions_ask_nothing_said_of_a_name(matcher: Matcher) -> None:
    for question in ("what is openai doing", "is small ai cheaper", "how much has korea invested"):
        assert matcher.analyzer.analyse(question).asked.said_of is None


def test_words_the_knowledge_never_uses_are_kept_apart(matcher: Matcher) -> None:
    said = matcher.analyzer.analyse("does lenovo sell laptops").asked.said_of
    assert said is not None
    assert not said.predicate
    assert said.unheard == {"sell", "laptop"}  # no entry says them of anyone


def test_a_two_part_question_keeps_each_part(matcher: Matcher) -> None:
    asked = matcher.analyzer.analyse("which firm backs openai, and how much did it put in").asked
    assert [p.focus for p in asked.parts] == [Focus.ORGANISATION, Focus.FIGURE]
    assert not matcher.analyzer.analyse("what do meta and openai do").asked.parts


def test_an_attribute_no_entry_uses_is_asked_about(matcher: Matcher) -> None:
    # "nationality" is kept apart from "nation" (government) by the thesaurus.
    asked = matcher.analyzer.analyse("what is nigel lee's nationality").asked
    assert "nationality" in asked.about
    # "what are the X under Y": X is what is asked of Y.
    rules = matcher.analyzer.analyse("what are the exemptions under the sandbox").asked
    assert rules.about or rules.attributes


def test_an_attribute_is_read_whatever_the_preposition(matcher: Matcher) -> None:
    # review-6 P2-trust6-9: "under" only served the wording it was found with.
    for prep in ("in", "of", "under", "within"):
        asked = matcher.analyzer.analyse(f"what are the fines {prep} vietnam's ai law").asked
        assert asked.about or asked.attributes, prep
        result = matcher.match(f"what are the fines {prep} vietnam's ai law?")
        assert result.decision is not Decision.ANSWER, prep
    asked = matcher.analyzer.analyse("what are the exemptions in the sandbox").asked
    assert asked.about or asked.attributes


def test_a_demonym_that_is_an_english_word_counts_only_where_it_describes(
    matcher: Matcher,
) -> None:
    # review-6 P2-trust6-2: "polish" (the verb) is no reference to Poland.
    for question in ("Can AI polish marketing content?", "can ai help polish ad copy"):
        assert "poland" not in matcher.analyzer.analyse(question).asked.names, question
        assert matcher.match(question).decision is Decision.ANSWER, question
    for question in (
        "Do Polish firms use AI?",  # capitalised
        "do polish firms use ai",  # after an auxiliary opening the question
        "how are polish banks using ai",  # after a wh-word and an auxiliary
        "the polish market for ai",  # after a determiner
        "polish companies and ai?",  # opening the question, before a noun of organisations
    ):
        assert "poland" in matcher.analyzer.analyse(question).asked.names, question
    # A demonym that is no English word of its own counts wherever it is.
    assert "thailand" in matcher.analyzer.analyse("ai use thai").asked.names


def test_modifies_noun_reads_the_position() -> None:
    from faqbot.analysis import _modifies_noun

    def at(text: str, word: str = "polish") -> bool:
        words = text.split()
        return _modifies_noun(words, words.index(word))

    for text in (
        "do polish firms use ai",
        "in the polish market",
        "why do polish banks use ai",
        "polish firms use ai",
    ):
        assert at(text), text
    for text in (
        "can ai polish marketing content",
        "ai can polish ads",
        "ai might polish ads",  # every auxiliary: "may", "might", "has" too
        "the tool has polish features",
        "how to polish content",
        "polish my content",
        "polish marketing content",
        "tools that polish copy",
        "we polish",
    ):
        assert not at(text), text


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["", "the", "of", "big", "bigger", "ai", "model", "models"])))
def test_side_by_side_pairs_each_run_of_words_between_stop_words(words: list[str]) -> None:
    """side_by_side (the question's kinds and the entries' stated pairs) pairs neighbouring
    keywords within each run between stop words or breaks, as a walk over the words would,
    each pair sorted and none of a keyword with itself."""
    keyword = {"": "", "the": "the", "of": "of", "big": "big", "bigger": "big"}
    keyword |= {"ai": "ai", "model": "model", "models": "model"}
    walked: set[tuple[str, str]] = set()
    last = ""
    for word in words:
        if not word or word in ("the", "of"):
            last = ""
            continue
        if last and last != keyword[word]:
            walked.add((min(last, keyword[word]), max(last, keyword[word])))
        last = keyword[word]
    assert side_by_side(words, lambda run: [keyword[w] for w in run]) == walked


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("which lenovo ceo is quoted", {"ceo"}),
        ("did the forrester cofounder say this", {"cofound"}),
        ("what does nigel lee say", set()),
    ],
)
def test_a_title_the_knowledge_never_writes_is_asked_about(
    matcher: Matcher, question: str, about: set[str]
) -> None:
    assert matcher.analyzer.analyse(question).asked.about == about


@pytest.mark.parametrize(
    "question",
    ["what is Frederic Giron's employer", "who employs Giron?", "who is Nigel Lee employed by"],
)
def test_an_employer_asked_of_someone_asks_the_organisation(
    matcher: Matcher, question: str
) -> None:
    asked = matcher.analyzer.analyse(question).asked
    assert asked.focus is Focus.ORGANISATION
    assert not asked.about
    assert not asked.actions


def test_a_description_folded_into_the_name_asks_what_it_is(matcher: Matcher) -> None:
    """The thesaurus folds "PC maker" into Lenovo: "is Lenovo a PC maker?" asks what Lenovo
    is, which the entry must say; a description beside the name in a question of another
    deed asks nothing of it."""
    assert matcher.analyzer.analyse("is Lenovo a PC maker?").asked.defines == {"lenovo"}
    assert not matcher.analyzer.analyse("does the PC maker Lenovo sell AI servers?").asked.defines


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("Quick question: what does Japan focus on?", "what does Japan focus on?"),
        ("one more q - how big is the market?", "how big is the market?"),
        ("hey bot what is a sandbox", "what is a sandbox"),
        ("ok faqbot, another quick one. Explain hybrid AI", "Explain hybrid AI"),
        ("Hi bot! Sorry, silly question: who backs OpenAI?", "who backs OpenAI?"),
        ("hmm how big is the market?", "how big is the market?"),
        ("any idea which firm backs OpenAI", "which firm backs OpenAI"),
        ("How big is the market? Thanks in advance!", "How big is the market?"),
        ("who backs OpenAI?? quick question", "who backs OpenAI??"),
        ("how big is the market thx in advance", "how big is the market"),
        ("Japan AI budget quick question", "Japan AI budget"),
        ("hey bot, who backs OpenAI? cheers", "who backs OpenAI?"),
        ("Dear sir, which firm backs OpenAI?", "which firm backs OpenAI?"),
        ("Good evening all! Kindly advise: who backs OpenAI?", "who backs OpenAI?"),
        ("Sorry, my English not good. Who backs OpenAI?", "Who backs OpenAI?"),
        ("who backs OpenAI, in a few words?", "who backs OpenAI?"),
        ("In plain English: what is a sandbox", "what is a sandbox"),
        ("what is a sandbox in one sentence", "what is a sandbox"),
    ],
)
def test_a_lead_in_that_only_announces_a_question_is_left_out(message: str, question: str) -> None:
    """Words that only say a question follows, or address the bot, and small talk closing
    it, are no part of it."""
    assert asked_part(message) == question


@pytest.mark.parametrize(
    "message",
    [
        "what is a sandbox?",
        "is it? what is a sandbox",  # only stop words before the mark
        "bots in customer service, how are they used?",  # the bot is what is asked about
        "In Vietnam, what does the law do?",
        "quick question",  # nothing after it
        "Quick wins: which firms get them?",  # "wins" is asked about
        "Is Small AI good",  # "good" after no mark is what is asked
        "Did Korea commit 10 billion? right?",  # a claim to check, not small talk
        "what does Small AI cost? and Big AI?",  # a second question
        "thanks!",  # nothing before it
        "what is the short-term outlook?",  # "short" is asked about
        "what is the real question",  # the question is what is asked about
        "Is the answer brief?",
        "Good models: which firms build them?",  # "models" is asked about
    ],
)
def test_a_message_without_such_framing_is_kept(message: str) -> None:
    assert asked_part(message) == message


def test_only_asking_needs_a_word_about_asking_or_the_bot() -> None:
    assert only_asking("ok so, another quick one")
    assert only_asking("hey bot")
    assert not only_asking("is it")
    assert not only_asking("quick wins")
    assert not only_asking("")


@pytest.mark.parametrize(
    ("message", "split"),
    [
        (
            "I teach in Cebu. Small AI and its costs",
            ("I teach in Cebu.", "Small AI and its costs"),
        ),
        (
            "I run a shop. My son sent me this. Sandbox rules in Singapore",
            ("I run a shop. My son sent me this.", "Sandbox rules in Singapore"),
        ),
        ("Small AI and its costs. I teach in Cebu.", None),  # the reader last
        ("The sandbox is new. Rules in Singapore", None),  # not about the reader before
        ("Small AI and its costs", None),
        (
            "My class asked me this: Small AI and its costs",
            ("My class asked me this:", "Small AI and its costs"),
        ),
        ("Costs: Small AI and its costs", None),
    ],
)
def test_the_question_after_sentences_about_the_reader(
    message: str, split: tuple[str, str] | None
) -> None:
    assert question_after_reader(message) == split


def test_a_request_is_a_question_after_a_lead_in() -> None:
    assert last_question("I teach in Cebu. Please explain the sandbox.") == (
        "I teach in Cebu.",
        "Please explain the sandbox.",
    )


@pytest.mark.parametrize(
    ("question", "joined"),
    [
        ("can AI take away jobs", False),  # a verb and its object
        ("will it take away my job", False),
        ("what is the main take away", True),  # the noun
        ("the take away from the piece", True),
        ("how soon does it pay back", True),
    ],
)
def test_a_phrasal_verb_with_its_object_is_not_joined_into_a_noun(
    matcher: Matcher, question: str, joined: bool
) -> None:
    """ "take away" before an object is the verb (to remove), not the "takeaway" (the
    conclusion) that the knowledge writes as one word."""
    words, _ = matcher.analyzer.surface_words(question)
    assert any(w in ("takeaway", "payback") for w in words) is joined
