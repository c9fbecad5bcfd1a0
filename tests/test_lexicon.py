"""The drafted vocabulary: inflections, acronyms, demonyms and readers' everyday words
for an article's own words."""

from __future__ import annotations

from collections import Counter

from faqbot.lexicon import (
    acronym_phrases,
    demonym_synonyms,
    demonyms,
    inflection_synonyms,
    reader_groups,
    reader_mates,
    reader_synonyms,
    title_phrases,
)
from faqbot.normalise import STOP_WORDS, stem, tokens


def test_comparatives_and_superlatives_fold_into_their_adjective() -> None:
    found = inflection_synonyms(["larger", "smaller", "strict", "models", "the"])
    assert found["large"] == ["larger", "largest"]
    assert found["small"] == ["smaller", "smallest"]
    assert found["strict"] == ["stricter", "strictest"]
    assert "model" not in found  # stems already fold plurals
    assert "the" not in found  # stop words are left alone


def test_forms_of_two_words_and_rare_forms_are_left_out() -> None:
    # "better" is good's and well's; "left" is leave's and an adjective of its own.
    assert inflection_synonyms(["better", "left"]) == {}
    assert "distinctest" not in inflection_synonyms(["distinct"]).get("distinct", [])


def test_verbs_keep_their_irregular_forms_apart() -> None:
    # "who wrote the article?" must not find a sentence that says "write".
    assert inflection_synonyms(["write", "grew"]) == {}


ARTICLE = [
    "Firms chase artificial general intelligence, and AGI is costly.",
    "The APAC market grows; Asia-Pacific investors agree.",
    "Southeast Asia exemplifies this.",
    "Many approaches across the region differ.",
]


def test_acronyms_the_article_writes_with_the_words_that_spell_them() -> None:
    phrases = acronym_phrases(ARTICLE, ["Southeast Asia"])
    assert phrases["artificial general intelligence"] == "agi"
    assert phrases["asia pacific"] == "apac"
    assert "approaches across" not in phrases  # lower-case words spell only by initials


def test_multi_word_places_get_their_initials_people_do_not() -> None:
    phrases = acronym_phrases(ARTICLE, ["Southeast Asia", "Tran Minh Duc", "Frederic Giron"])
    assert phrases["sea"] == "southeast asia"  # compass words give two letters
    assert "tmd" not in phrases
    assert "fg" not in phrases


def test_demonyms_by_the_place_names_ending() -> None:
    assert demonyms("korea") == ["korean"]
    assert demonyms("japan") == ["japanese"]
    assert "chinese" in demonyms("china")
    assert demonyms("thailand") == ["thai"]
    assert demonyms("iceland") == []  # "ice" is not Iceland's


def test_demonyms_only_when_the_article_writes_them() -> None:
    words = ["Asia", "Asian", "Japan", "Meta", "Vietnam", "Vietnamese"]
    assert demonym_synonyms(words) == {"asia": ["asian"], "vietnam": ["vietnamese"]}


def test_job_titles_the_article_spells_out_get_their_abbreviation() -> None:
    text = ["Somchai, Siam Voltcell's Chief Executive, said so.", "Ann, a vice president, left."]
    assert title_phrases(text) == {"chief executive": "ceo", "vice president": "vp"}
    # The longer title wins the abbreviation; titles never written are left out.
    assert title_phrases(["Its chief executive officer and chief executive spoke."]) == {
        "chief executive officer": "ceo"
    }
    assert title_phrases(["The CEO spoke to the board."]) == {}


def _written(*words: str) -> Counter[str]:
    return Counter(stem(t) for w in words for t in tokens(w))


def test_readers_words_for_a_word_the_article_writes() -> None:
    found, _ = reader_synonyms(_written("companies", "develop", "regulation"))
    assert {"firm", "business", "corporation"} <= set(found["company"])
    # Irregular forms too, which stems do not fold ("built" is no form of "build").
    assert {"build", "built", "construct"} <= set(found["develop"])
    assert "rule" in found["regulation"]


def test_words_the_article_writes_stay_its_own() -> None:
    # "large" and "massive" both written: neither folds into the other; "huge" goes to
    # the one written more.
    found, _ = reader_synonyms(_written("large", "large", "massive"))
    assert "huge" in found["large"]
    assert "massive" not in found["large"]
    assert "massive" not in found


def test_groups_of_words_the_article_never_writes_are_left_out() -> None:
    assert reader_synonyms(_written("nickel", "battery")) == ({}, {})


def test_words_already_in_the_thesaurus_are_left_alone() -> None:
    # "firm" already folded elsewhere (an editor's or another rule's synonym).
    found, _ = reader_synonyms(_written("company"), taken={stem("firm")})
    assert "firm" not in found["company"]
    assert "business" in found["company"]


def test_a_nouns_comparatives_are_no_readers_word() -> None:
    # "firm" is a company; "firmer" is no form of it.
    assert "firmer" not in reader_synonyms(_written("company"))[0]["company"]


def test_readers_phrases_fold_into_the_word_the_article_writes() -> None:
    _, phrases = reader_synonyms(_written("replace", "comprehensive"), text="replace workers")
    assert phrases["take over"] == "replace"
    assert phrases["took over"] == "replace"  # the verb's forms
    assert phrases["takes over"] == "replace"
    assert phrases["full blown"] == "comprehensive"
    # A phrase the article writes stays as written.
    _, phrases = reader_synonyms(_written("replace"), text="they take over the market")
    assert "take over" not in phrases


def test_each_word_of_the_groups_is_in_one_group_and_no_stop_word() -> None:
    seen: dict[str, int] = {}
    phrases: set[tuple[str, ...]] = set()
    for number, group in enumerate(reader_groups()):
        assert len(group) >= 2, group
        for word in group:
            folded = tokens(word)
            if " " in word:  # a phrase: two words or more, folded as one
                assert len(folded) >= 2, word
                assert tuple(folded) not in phrases, word  # once, however spelled
                phrases.add(tuple(folded))
                continue
            assert len(folded) == 1, word
            assert folded[0] not in STOP_WORDS, word
            assert seen.setdefault(stem(folded[0]), number) == number, word


def test_a_phrase_the_article_writes_is_the_keyword_of_its_group() -> None:
    written = _written("a", "customer", "service", "chatbot")
    synonyms, phrases = reader_synonyms(written, text="a customer service chatbot")
    assert phrases["help desk"] == "customer service"
    # One-word forms fold as phrases too, each form as written (phrases precede stems).
    assert phrases["helpdesk"] == "customer service"
    assert phrases["helpdesks"] == "customer service"
    assert "customer service" not in synonyms
    assert "customer service" not in phrases  # written: its own words


def test_british_spellings_count_as_the_words_the_article_writes() -> None:
    # "emphasises" written: "emphasise" stays the article's own, not a synonym of "focus".
    found, _ = reader_synonyms(_written("focus", "focus", "emphasises"))
    assert "emphasise" not in found["focus"]
    assert "concentrate" in found["focus"]


def test_a_phrase_is_listed_once_however_it_is_spelled() -> None:
    # "call centre" and "call center" fold alike: a thesaurus lists a phrase once.
    _, phrases = reader_synonyms(_written("customer", "service"), text="customer service")
    assert [p for p in phrases if p.startswith("call cent")] == ["call centre"]


def test_mates_are_the_groups_other_words_the_article_writes() -> None:
    mates = reader_mates(_written("requires", "need", "datasets"))
    assert mates[stem("require")] == ["need"]
    assert mates[stem("need")] == ["require"]
    assert stem("dataset") not in mates  # its group's other words are not written
