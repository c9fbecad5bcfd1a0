"""An article's drafted vocabulary: the thesaurus ``faqbot draft`` writes beside a draft.

Everything here is derived from the article's own words with generic English rules, so
that a reader's wording finds the article's (no article's vocabulary lives in code):

- ``inflection_synonyms``: the comparatives and superlatives of the article's adjectives
  and adverbs, which word stems do not fold ("larger", "largest" and "large"), from
  lemminflect's lexicon;
- ``acronym_phrases``: acronyms the article writes and the words it spells them out with
  ("APAC" and "Asia-Pacific"), and the initials of its multi-word place names ("Southeast
  Asia": "SEA");
- ``title_phrases``: the short forms readers use for the job titles the article spells
  out ("Chief Executive": "CEO", "Vice President": "VP");
- ``demonym_synonyms``: the adjective forms of the places it names that it writes too
  ("Asia": "Asian", "Thailand": "Thai");
- ``reader_synonyms``: the everyday words and phrases readers use for words the article
  writes ("company": "firm", "business"; "develop": "build", "built"; "take over":
  "replace"), from the generic groups of near-synonyms in ``readerwords.yaml`` (the same
  for every article);
- ``reader_mates``: for each word the article writes, the other words of its groups that
  it writes too ("requires": "need"), for phrasings of one entry in the other words.

Pure: text in, mappings out; :func:`faqbot.draft.draft` renders them as a thesaurus file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files

import yaml
from lemminflect import getAllInflections, getAllInflectionsOOV, getAllLemmas

from faqbot.analysis import DEMONYM_RULES, is_place
from faqbot.normalise import STOP_WORDS, is_number, stem, tokens
from faqbot.spelling import english_words

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,6}s?\b")
# A word of a name that readers abbreviate as two letters: "Southeast" -> "SE".
_COMPASS_RE = re.compile(r"^(north|south)(east|west)$", re.IGNORECASE)
# Parts of speech whose forms stems fold only in part: comparatives and superlatives
# ("larger", "largest"). Verbs' irregular forms are left alone: folding "wrote" into
# "write" answered "who wrote the article?" with a sentence that uses "write".
_INFLECTED = ("ADJ", "ADV")


def prepare() -> None:
    """Load lemminflect's lexicon and inflection tables now (about 0.3 s in a fresh process),
    not on the first word that needs them (see Matcher.prepare)."""
    getAllLemmas("prepare")
    getAllInflections("prepare")


@cache
def _lemmas(word: str) -> frozenset[str]:
    return frozenset(lemma for lemmas in getAllLemmas(word).values() for lemma in lemmas)


def _forms(lemma: str) -> set[str]:
    forms = {lemma}
    for upos in _INFLECTED:
        for inflected in getAllInflections(lemma, upos).values():
            forms.update(inflected)
    return forms


def _one_keyword(word: str) -> str | None:
    words = tokens(word)
    if len(words) != 1 or words[0] in STOP_WORDS or is_number(words[0]):
        return None
    return words[0]


def inflection_synonyms(words: Iterable[str]) -> dict[str, list[str]]:
    """Lemma -> its forms whose stems differ from the lemma's, for the article's words.

    ``words`` are the words the article writes in lower case (names are left alone). A
    form that could be another word's form too ("left": "leave" or "left"; "better":
    "good" or "well") is left out, and so are stop words and forms English hardly uses
    (those not in the spelling dictionary: "distinctest").
    """
    groups: dict[str, list[str]] = {}
    sources: dict[str, str] = {}  # a form's stem -> the lemma's stem it folds into
    for word in dict.fromkeys(w.lower() for w in words):
        lemmas = _lemmas(word)
        if len(lemmas) != 1:
            continue
        (lemma,) = lemmas
        target = _one_keyword(lemma)
        if target is None or target in sources:
            continue
        target = stem(target)
        for form in sorted(_forms(lemma)):
            key = _one_keyword(form)
            if key is None or _lemmas(form) != lemmas or form not in english_words():
                continue
            source = stem(key)
            if source == target or source in sources or source in groups:
                continue
            sources[source] = target
            groups.setdefault(lemma, []).append(form)
    # A lemma that another group folds away would be folded twice: keep the first.
    return {
        lemma: forms for lemma, forms in groups.items() if stem(lemma) not in sources or not forms
    }


def _spells(acronym: str, words: list[str]) -> bool:
    """Tell whether the words spell the acronym: their initials ("AGI": "artificial general
    intelligence"), or for capitalised words a first piece of each ("APAC": "Asia Pacific")."""
    letters = acronym.lower()
    if len(words) < 2 or len(words) > len(letters):
        return False
    if _initials(words) == letters:
        return True
    if not all(w[0].isupper() for w in words):
        return False

    def fits(at: int, index: int) -> bool:
        if index == len(words):
            return at == len(letters)
        word = words[index].lower()
        remaining = len(words) - index - 1
        for size in range(1, len(word) + 1):
            if at + size > len(letters) - remaining:
                break
            if word[:size] != letters[at : at + size]:
                break
            if fits(at + size, index + 1):
                return True
        return False

    return fits(0, 0)


def _one_case(words: list[str]) -> bool:
    """Tell whether the words are all lower case or all capitalised (not acronyms, not
    possessives): "artificial general intelligence", "Asia Pacific"."""
    if any(w.isupper() or "'" in w or "’" in w for w in words):
        return False
    return all(w.islower() for w in words) or all(w[0].isupper() for w in words)


def _initials(words: list[str]) -> str:
    out = ""
    for word in words:
        compass = _COMPASS_RE.match(word)
        out += compass.group(1)[0] + compass.group(2)[0] if compass else word[0]
    return out.lower()


def acronym_phrases(sentences: Iterable[str], names: Iterable[str]) -> dict[str, str]:
    """Words -> the acronym they fold into, from the article.

    An acronym the article writes ("APAC", "AGI") is matched with a run of words of the
    article that spells it (without stop words at either end); each of the article's
    multi-word place names (``names`` ending in a place: "Southeast Asia") gets its
    initials ("sea") as a short form readers type, unless those are a word of the article.
    """
    texts = list(sentences)
    acronyms = {a.rstrip("s") for text in texts for a in _ACRONYM_RE.findall(text)}
    acronyms = {a for a in acronyms if len(a) >= 2}
    runs: list[list[str]] = []
    for text in texts:
        for part in re.split(r"[^\w\s'’-]", text):
            words = [w for chunk in _WORD_RE.findall(part) for w in re.split(r"-", chunk) if w]
            runs.append(words)
    phrases: dict[str, str] = {}
    for acronym in sorted(acronyms):
        for words in runs:
            for start in range(len(words)):
                for size in range(2, len(acronym) + 1):
                    run = words[start : start + size]
                    if len(run) < size or run[0].lower() in STOP_WORDS:
                        continue
                    if run[-1].lower() in STOP_WORDS or not _one_case(run):
                        continue
                    if _spells(acronym, run):
                        phrases.setdefault(" ".join(w.lower() for w in run), acronym.lower())
    known = {w.lower() for text in texts for w in _WORD_RE.findall(text)}
    for name in names:
        words = name.split()
        if len(words) < 2 or len(words) > 4 or not is_place(stem(words[-1].lower())):
            continue
        short = _initials(words)
        if short in known or short in STOP_WORDS or len(short) < 3:
            continue
        # Written as "short: name": a reader's short form expanded into the name's words.
        phrases.setdefault(short, name.lower())
    return phrases


# Job titles and the abbreviations English writes for them (longest first): general
# English, not any article's vocabulary.
_TITLES: tuple[tuple[str, str], ...] = (
    ("chief executive officer", "ceo"),
    ("chief financial officer", "cfo"),
    ("chief technology officer", "cto"),
    ("chief operating officer", "coo"),
    ("chief information officer", "cio"),
    ("chief executive", "ceo"),
    ("managing director", "md"),
    ("general manager", "gm"),
    ("vice president", "vp"),
)


def title_phrases(sentences: Iterable[str]) -> dict[str, str]:
    """Words -> abbreviation, for the job titles the article spells out ("Siam Voltcell's
    Chief Executive": "chief executive" -> "ceo"), so that a reader's "CEO" finds them.
    Titles the article only abbreviates, or never writes, are left out."""
    text = " ".join(w.lower() for s in sentences for w in _WORD_RE.findall(s))
    found: dict[str, str] = {}
    for words, short in _TITLES:
        if re.search(rf"\b{words}\b", text) and short not in found.values():
            found[words] = short
    return found


def demonyms(place: str) -> list[str]:
    """The adjective forms of a one-word place name (lower case) that English has, by the
    place's ending ("korea": "korean"; "japan": "japanese"; "thailand": "thai")."""
    out = []
    for ending, cut, add in DEMONYM_RULES:
        if not place.endswith(ending):
            continue
        base = place[: len(place) - len(cut)] if cut else place
        if len(base) < 4 and ending == "land":
            continue
        form = base + add
        if form != place and len(form) >= 4 and form in english_words():
            out.append(form)
    return list(dict.fromkeys(out))


def demonym_synonyms(words: Iterable[str]) -> dict[str, list[str]]:
    """Place -> its demonyms, for the one-word places among the article's names (``words``)
    whose demonym the article writes too ("Asia" and "Asian"): the article means one thing
    by both. A demonym it never writes ("Japanese" in an article naming only Japan) is left
    alone: a question about Japanese firms asks for something the article does not name.
    """
    written = {w.lower() for w in words}
    out: dict[str, list[str]] = {}
    taken: set[str] = set()
    for word in dict.fromkeys(w.lower() for w in words):
        key = _one_keyword(word)
        if key is None or not is_place(stem(key)):
            continue
        forms = [
            f
            for f in demonyms(key)
            if f in written
            and stem(f) != stem(key)
            and stem(f) not in taken
            and not is_place(stem(f))
        ]
        if forms:
            out[key] = forms
            taken.update(stem(f) for f in forms)
            taken.add(stem(key))
    return out


# The words after a verb that make a phrasal verb of it ("take over", "keep an eye on").
_PARTICLES = frozenset("over after out up off down away back an".split())


@cache
def reader_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of everyday near-synonyms (``readerwords.yaml``), each word or phrase in
    lower case."""
    text = files("faqbot").joinpath("readerwords.yaml").read_text(encoding="utf-8")
    return tuple(tuple(str(w).lower() for w in group) for group in yaml.safe_load(text))


def _stem_of(word: str) -> str:
    """A word's keyword as the matcher folds it: spelling made American, then stemmed
    ("emphasise" -> "emphas", as "emphasises" in a text)."""
    folded = tokens(word)
    return stem(folded[0]) if folded else word


def _irregular(word: str) -> list[str]:
    """A word's inflected forms that its stem does not fold and that are no other word's
    form ("build": "built"; not "left", which "leave" and "left" share)."""
    base = _stem_of(word)
    out = []
    # An adjective's comparatives only for a word that is no noun ("smarter"; not "firmer").
    kinds = ("VERB", "NOUN") if "NOUN" in getAllLemmas(word) else ("VERB", "NOUN", "ADJ")
    for upos in kinds:
        for forms in getAllInflections(word, upos).values():
            for form in forms:
                key = _one_keyword(form)
                if (
                    key is not None
                    and stem(key) != base
                    and _lemmas(form) == {word}
                    and form in english_words()
                ):
                    out.append(form)
    return list(dict.fromkeys(out))


def reader_synonyms(
    written: Mapping[str, int], taken: Iterable[str] = (), text: str = ""
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The everyday words readers use for the article's words that it never writes:
    keyword -> its one-word synonyms, and words -> the keyword(s) they fold into.

    ``written``: the stems of the words the article writes, with how often; ``text``: its
    words (``tokens``) joined by spaces, for the groups' phrases ("full blown").
    For each group of ``readerwords.yaml`` the article writes a word or phrase of, the one
    it writes most is the keyword and the group's words it never writes are its synonyms,
    with their irregular forms ("build", "built"), and its phrases with their verb's forms
    ("take over", "took over"); the words it writes stay their own keywords, so the
    article's own distinctions are kept ("large" and "massive" both written: "huge" folds
    into the one written more). A phrase the article writes may be the keyword ("job
    displacement"): the group's words then fold into it as phrases ("layoffs"). ``taken``:
    stems already keywords or synonyms elsewhere in the thesaurus, left alone.
    """
    used = set(taken)
    synonyms: dict[str, list[str]] = {}
    phrases: dict[str, str] = {}
    padded = f" {text} "

    def count(member: str) -> int:
        if " " in member:
            return padded.count(f" {' '.join(tokens(member))} ")
        return written.get(_stem_of(member), 0)

    for group in reader_groups():
        present = [m for m in group if count(m)]
        if not present:
            continue
        key = max(present, key=count)  # the first of the most written
        forms = []
        for word in group:
            if " " in word or count(word):
                continue
            for form in (word, *_irregular(word)):
                source = _stem_of(form)
                if source in used or written.get(source, 0):
                    continue
                used.add(source)
                forms.append(form)
        if " " not in key:
            if forms:
                synonyms[key] = forms
        else:
            # Several words are no synonym's keyword: each form of each word is a phrase.
            for form in forms:
                for variant in _all_forms(form):
                    phrases.setdefault(variant, key)
        for phrase in group:
            if " " not in phrase or count(phrase):
                continue
            first, rest = phrase.split(" ", 1)
            # A phrasal verb's forms ("took over"); not a noun's ("price tag").
            verb = (
                getAllInflections(first, "VERB").values() if rest.split()[0] in _PARTICLES else ()
            )
            for head in dict.fromkeys([first, *(f for forms in verb for f in forms)]):
                variant = f"{head} {rest}"
                if f" {' '.join(tokens(variant))} " not in padded:
                    phrases.setdefault(variant, key)
    # One phrase per spelling as the matcher folds it ("call centre", "call center").
    folded: dict[tuple[str, ...], str] = {}
    for words in list(phrases):
        if folded.setdefault(tuple(tokens(words)), words) != words:
            del phrases[words]
    return synonyms, phrases


def _all_forms(word: str) -> list[str]:
    """A word with every inflected form lemminflect gives it as a noun or verb, for a phrase
    (phrases match words as written, before stems)."""
    out = [word]
    for upos in ("NOUN", "VERB"):
        for forms in getAllInflections(word, upos).values():
            out.extend(forms)
    if len(out) == 1:  # a word lemminflect does not know ("helpdesk"): its plural by rule
        out.extend(f for forms in getAllInflectionsOOV(word, "NOUN").values() for f in forms)
    return list(dict.fromkeys(f for f in out if _one_keyword(f)))


def reader_mates(written: Mapping[str, int]) -> dict[str, list[str]]:
    """Stem of a word the article writes -> the other words of its readers' groups that
    the article writes too ("requires": "need"; "epitomises": "exemplify"), for phrasings
    of an entry in the article's other words for the same thing: the drafted thesaurus
    keeps them apart (the article's distinctions), so a reader's "need" would not find a
    sentence that says "requires". ``written``: as for :func:`reader_synonyms`.
    """
    mates: dict[str, list[str]] = {}
    for group in reader_groups():
        # One word per stem, as the group first spells it ("require", not "requirement").
        members: dict[str, str] = {}
        for word in group:
            if " " not in word and written.get(_stem_of(word), 0):
                members.setdefault(_stem_of(word), word)
        for key in members:
            others = [word for other, word in members.items() if other != key]
            if others:
                mates.setdefault(key, []).extend(w for w in others if w not in mates.get(key, ()))
    return mates
