"""English prose for drafting: sentences, figures, subject and verb, and questions.

Rule-based and pure. Parts of speech come from lemminflect's lexicon (British spellings are
looked up as American), which tells "leads" (a verb after "Meta") from "investments".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from lemminflect import getAllLemmas, getInflection

from faqbot.knowledge import MAX_PHRASE_CHARS
from faqbot.normalise import STOP_WORDS

# ------------------------------------------------------------------ sentences

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st vs etc inc ltd co corp jr sr no fig approx est dept gov
    jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n""".split()
)
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)")
_SENTENCE_STARTS = "\"“‘'$€£(["


def _inside_quote(segment: str) -> bool:
    return segment.count('"') % 2 == 1 or segment.count("“") > segment.count("”")


def split_sentences(text: str) -> list[str]:
    """Split a block's text into sentences, each a verbatim substring of it.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (and closing quotes or brackets) before
    whitespace and a capital letter, digit or opening quote; not after an abbreviation or an
    initial, and not inside a quotation, so a quoted passage and its attribution stay whole.
    """
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        rest = text[match.end() :].lstrip()
        if not rest:
            break
        if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _SENTENCE_STARTS):
            continue
        before = text[start : match.start()].split()
        word = before[-1].lower().strip('"“(') if before else ""
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue
        if _inside_quote(text[start : match.end()]):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def count_sentences(text: str) -> int:
    """Count sentence ends: ".", "!" or "?" (and closing quotes) before whitespace or the end."""
    return len(re.findall(r"[.!?][\"”’)]*(?:\s|$)", text))


# -------------------------------------------------------------------- figures


class FigureKind(StrEnum):
    """What sort of figure a sentence gives."""

    MONEY = "money"
    PERCENT = "percent"
    MULTIPLIER = "multiplier"
    YEAR = "year"
    DURATION = "duration"
    COUNT = "count"


_MAGNITUDE = r"(?:k|m|bn|b|tn|t|mn|thousand|million|billion|trillion)\b"
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_FIGURE_PATTERNS: tuple[tuple[FigureKind, str], ...] = (
    (FigureKind.MONEY, rf"(?:US|S|A|HK)?[$€£¥₩]\s?{_NUMBER}(?:\s?{_MAGNITUDE})?"),
    (
        FigureKind.MONEY,
        rf"\b{_NUMBER}(?:\s?{_MAGNITUDE})?\s?(?:dollars|euros|pounds|yen|won|yuan|ringgit|baht|rupees)\b",
    ),
    (
        FigureKind.MONEY,
        r"\b(?:hundreds|tens|thousands) of (?:millions|billions|thousands)(?: of dollars)?"
        r"|\b(?:millions|billions|trillions)\b",
    ),
    (FigureKind.PERCENT, rf"\b{_NUMBER}\s?(?:%|per ?cent\b|percent\b|percentage points?\b)"),
    (
        FigureKind.MULTIPLIER,
        rf"\b{_NUMBER}\s?(?:x|×)(?=\W|$)|\b{_NUMBER}-fold\b|\b(?:twice|double|triple|"
        r"(?:two|three|four|five|six|seven|eight|nine|ten) times)\b",
    ),
    (FigureKind.YEAR, r"\b(?:1[89]|20)\d{2}s?\b"),
    (
        FigureKind.DURATION,
        rf"\b{_NUMBER}(?:\s?(?:-|–|to)\s?{_NUMBER})?\s(?:years?|months?|weeks?|days?|hours?)\b",
    ),
    (FigureKind.COUNT, rf"\b{_NUMBER}(?:\s?(?:-|–)\s?{_NUMBER})?(?:\s?{_MAGNITUDE})?"),
)
_FIGURE_RE = re.compile(
    "|".join(f"(?P<f{i}>{pattern})" for i, (_, pattern) in enumerate(_FIGURE_PATTERNS)),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure found in a sentence: its verbatim text and what sort it is."""

    text: str
    kind: FigureKind


def find_figures(text: str) -> list[Figure]:
    """Return the figures of a text in order: amounts, percentages, multipliers, years, counts."""
    found: list[Figure] = []
    for match in _FIGURE_RE.finditer(text):
        group = match.lastgroup or "f0"
        kind = _FIGURE_PATTERNS[int(group[1:])][0]
        found.append(Figure(match.group().strip(), kind))
    return found


# ------------------------------------------------------------------ phrasings

_FILLER = frozenset(
    """alone also often still already increasingly particularly typically largely mostly
    merely whilst while meanwhile however rather far even long recently currently quietly
    pragmatically significantly roughly almost nearly about around over some estimated
    one another across like such""".split()
)
PRONOUN_STARTS = frozenset(
    "it its they them their this that these those there here he she his her we our you".split()
)
_DETERMINERS = frozenset(
    """the a an this that these those its their his her our some many most all each every
    any no of in on at for to with by from and or as than into""".split()
)
_AUXILIARIES = frozenset(
    "is are was were has have had will would can could may might must should does do did".split()
)
_SUBORDINATORS = frozenset(
    """since whilst while although though if when as because after before despite unlike
    with from in on by for even meanwhile however still yet instead""".split()
)
_WORD_RE = re.compile(r"(?:US|S|A|HK)?[$€£¥₩]?\d[\d,.]*(?:%|x\b)?|[^\W\d_][\w'’-]*", re.UNICODE)


def split_words(text: str) -> list[str]:
    return [w.rstrip(".,'’-") for w in _WORD_RE.findall(text)]


def content_words(text: str) -> list[str]:
    """Words that carry meaning, in order: stop words and fillers dropped, figures kept."""
    out = []
    for word in split_words(text):
        low = word.lower().replace("’", "'")
        base = low.removesuffix("'s")
        if not word or low in STOP_WORDS or base in STOP_WORDS or low in _FILLER:
            continue
        out.append(word)
    return out


def keyword_form(text: str, limit: int = 8) -> str:
    """A short keyword phrasing of a text: its first `limit` content words."""
    return " ".join(content_words(text)[:limit])


def clip(text: str, limit: int = MAX_PHRASE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def strip_end(text: str) -> str:
    return text.rstrip(' .!?;:,"”’')


def _main_clause(sentence: str) -> str:
    """Drop a leading subordinate clause ("Since ..., ") or discourse word ("Meanwhile, ")."""
    words = sentence.split()
    if words and words[0].lower().strip(",") in _SUBORDINATORS and "," in sentence:
        head, _, rest = sentence.partition(",")
        if len(head.split()) <= 16 and len(rest.split()) >= 3:
            return rest.strip()
    return sentence


_CONTRACTIONS = {
    "isn't": "is",
    "aren't": "are",
    "wasn't": "was",
    "weren't": "were",
    "hasn't": "has",
    "haven't": "have",
    "won't": "will",
    "can't": "can",
    "doesn't": "does",
    "don't": "do",
}
# Words after which a noun-or-verb word reads as a verb: "leads the", "sits on", "use AI".
_COMPLEMENT_STARTS = _DETERMINERS | {
    "itself",
    "themselves",
    "more",
    "less",
    "up",
    "out",
    "how",
    "what",
    "why",
    "where",
    "when",
    "whether",
    "which",
    "who",
    "that",
    "far",
}


_BRITISH = ((r"is(e|es|ed|ing)$", r"iz\1"), (r"ys(e|es|ed|ing)$", r"yz\1"), (r"our", "or"))


@cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Parts of speech and lemmas of a word (British spellings looked up as American).

    Cached (a draft looks the same words up many times): callers read it, never change it.
    """
    found: dict[str, tuple[str, ...]] = getAllLemmas(word)
    if found:
        return found
    for pattern, american in _BRITISH:
        variant = re.sub(pattern, american, word)
        if variant != word and (found := getAllLemmas(variant)):
            # Give the lemma back in the article's spelling: "favor" -> "favour".
            back = re.sub(r"iz(e)?$", r"is\1", re.sub(r"yz(e)?$", r"ys\1", "{}"))
            return {
                pos: tuple(
                    re.sub(r"or", "our", lemma, count=1) if "our" in word else back.format(lemma)
                    for lemma in lemmas
                )
                for pos, lemmas in found.items()
            }
    return {}


@cache
def _inflections(word: str, base: str, tag: str) -> bool:
    forms: tuple[str, ...] = getInflection(base, tag) or ()
    if word in forms:
        return True
    american = word
    for pattern, replacement in _BRITISH:
        american = re.sub(pattern, replacement, american)
    return american in (getInflection(re.sub("our", "or", base), tag) or ()) or any(
        re.sub(r"iz", "is", f) == word or re.sub("or", "our", f) == word
        for f in (getInflection(base.replace("is", "iz"), tag) or ())
    )


def _complement(following: str) -> bool:
    """Tell whether a word can open what follows a verb (an object, adverb, clause...)."""
    nxt = following.lower().strip(',;:"“')
    if not nxt or nxt in _COMPLEMENT_STARTS or nxt in _NUMBER_WORDS or nxt.endswith("ly"):
        return True
    if following[:1].isupper() or following[:1].isdigit() or following[:1] in "$€£¥":
        return True
    lemmas = _lemmas(nxt)
    return "ADJ" in lemmas or ("NOUN" in lemmas and "VERB" not in lemmas)


def _verb_form(word: str, after: Sequence[str], plural_subject: bool) -> tuple[str, str] | None:
    """(auxiliary, base) when the word reads as the main verb: 'does', 'do', 'did' or 'is'.

    `after` are the words that follow it; adverbs among them ("often") are looked past.
    """
    if word.endswith("ing"):
        return None
    rest = [w for w in after if w.lower().strip(",;:") not in _FILLER and not w.endswith("ly")]
    following = rest[0] if rest else ""
    lemmas = _lemmas(word)
    base = (lemmas.get("VERB") or ("",))[0]
    if not base:
        return None
    nxt = following.lower().strip(",;:")
    next_lemmas = _lemmas(nxt)
    next_verbs = next_lemmas.get("VERB", ())
    if plural_subject and word != base and _inflections(word, base, "VBZ") and "NOUN" in lemmas:
        return None  # "startups and advocates champion ...": a plural takes no -s verb
    agrees = plural_subject and word == base and nxt.endswith("s") and nxt not in next_verbs
    if "NOUN" in lemmas and not agrees and not _complement(following):
        return None
    if "NOUN" in lemmas and any(v != nxt for v in next_verbs) and not agrees:
        # "prices fell": the inflected word after a noun is the verb; not an -s form after
        # a plural's verb ("capabilities raise concerns").
        return None
    if "NOUN" in lemmas and next_verbs and set(next_lemmas) == {"VERB"}:
        return None  # "models often outperform": only the next word can be the verb
    if word != base and _inflections(word, base, "VBN") and nxt in ("at", "by", "to", "as"):
        return ("is", word)  # "market projected at $102bn": a reduced passive
    if word != base and _inflections(word, base, "VBD"):
        return ("did", base)
    if word != base and _inflections(word, base, "VBZ"):
        return ("does", base)
    if word == base and plural_subject:
        return ("do", base)
    return None


_PREPOSITIONS = frozenset("of in on at for to with by from into across like towards".split())
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozen several few".split())
_QUANTITY_RE = re.compile(r"^(?:[\d$€£¥.,%]+|most|some|many|all|half|none|each)$", re.I)


def _is_plural(words: Sequence[str]) -> bool:
    """Whether a subject is plural: a plural noun before its first preposition ("The
    transformation of Asian industries" is not), or two joined by "and"."""
    head: list[str] = []
    for word in words:
        low = word.lower()
        if low in _PREPOSITIONS and not (low == "of" and _QUANTITY_RE.match(" ".join(head))):
            break  # but "88% of employees", "most of the plants": the noun after "of"
        head.append(word)
    if "and" in (w.lower() for w in head):
        return True
    return any("NOUN" in _lemmas(w.lower()) and w.lower().endswith("s") for w in head)


def _trim_subject(words: Sequence[str]) -> str:
    subject = " ".join(words).split(",")[0].strip()
    parts = subject.split()
    while parts and parts[0].lower() in _FILLER | {"only"}:
        parts = parts[1:]
    while parts and parts[-1].lower() in _FILLER:
        parts = parts[:-1]
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class _Clause:
    """A sentence's main clause: subject, the auxiliary a question starts with, the rest."""

    subject: str
    aux: str  # "is", "has", "can"... or "does"/"do"/"did" for a lexical verb
    rest: str  # starting with the verb (in its base form after does/do/did)


@lru_cache(maxsize=4096)
def parse_clause(sentence: str) -> _Clause | None:
    """Find the subject and main verb of a plain declarative sentence, or None if unsure.

    The verb is the first auxiliary, or the first word the lexicon (lemminflect) knows as a
    verb that follows a subject and, when it could also be a noun, is followed by a
    determiner, preposition, adverb, name or figure. A comma-delimited aside after the
    subject ("OpenAI, backed by Microsoft, epitomises ...") is skipped.
    """
    clause = strip_end(_main_clause(sentence))
    words = clause.split()
    for i, word in enumerate(words[:16]):
        if i == 0:
            continue
        before = " ".join(words[:i])
        if before.count(",") % 2 == 1:
            continue  # inside an aside set off by commas
        if words[i - 1].endswith(":"):
            return None  # "Weak power grids: a plant can ...": a label, not a subject
        low = word.lower().replace("’", "'").strip(",;:")
        subject = _trim_subject(words[:i])
        if low in _AUXILIARIES or low in _CONTRACTIONS:
            aux = _CONTRACTIONS.get(low, low)
            return _clause_if_subject(subject, aux, " ".join(words[i + 1 :]))
        if low in _FILLER or low.endswith("ly") or not word[:1].islower() or word[-1] in ",;:":
            continue
        if words[i - 1].lower() in _DETERMINERS:
            continue
        form = _verb_form(low, words[i + 1 : i + 4], _is_plural(subject.split()))
        if form is not None:
            aux, verb = form
            return _clause_if_subject(subject, aux, " ".join([verb, *words[i + 1 :]]))
    return None


def _clause_if_subject(subject: str, aux: str, rest: str) -> _Clause | None:
    words = subject.split()
    if not words or len(words) > 9:
        return None
    first = words[0].lower().replace("’", "'")
    if first in PRONOUN_STARTS - {"this", "these"} or "'re" in first:
        return None
    return _Clause(subject, aux, rest)


def _first_part(text: str) -> str:
    """Cut at the first comma, semicolon or dash, where a second thought usually starts."""
    first = re.split(r",\s|;\s|\s[—–-]\s|:\s|\s(?:whilst|while)\s", text, maxsplit=1)[0]
    head, sep, _ = first.partition(" and ")
    return head if sep and len(head.split()) >= 6 else first


def lower_first(text: str, lowercase: frozenset[str]) -> str:
    """Lower-case the first word unless it is a name ("Meta", "Small AI", "Asia's")."""
    first, _, rest = text.partition(" ")
    low = first.lower()
    second = rest.split()[0] if rest else ""
    name_follows = second[:1].isupper()
    if low in _DETERMINERS or (
        not name_follows and (low in lowercase or (_lemmas(low) and "'" not in low))
    ):
        first = low
    return f"{first} {rest}".strip()


def sentence_question(sentence: str, lowercase: frozenset[str], topic: str = "") -> str:
    """A question the sentence answers, for readers' buttons and the editor.

    "South Korea alone has committed over $7 billion ..." -> "Has South Korea committed over
    $7 billion to AI development?"; "Meta leads the charge ..." -> "Does Meta lead the charge
    for accessible AI?"; otherwise "What does the article say about <subject or topic>?".
    """
    parsed = parse_clause(sentence)
    if parsed is not None:
        subject = lower_first(parsed.subject, lowercase)
        body = _first_part(parsed.rest)
        if body:
            return clip(f"{parsed.aux.capitalize()} {subject} {body}?")
        topic = topic or parsed.subject
    label, colon, _ = sentence.partition(": ")
    if colon and len(label.split()) <= 6 and not topic:
        topic = label
    topic = topic or keyword_form(sentence, 6)
    return clip(f"What does the article say about {lower_first(topic, lowercase)}?")


def heading_questions(heading: str) -> list[str]:
    """The section heading as questions: "By The Numbers" -> "What about the numbers?"."""
    heading = strip_end(heading)
    parts = [heading, *(p.strip() for p in heading.split(":") if ":" in heading)]
    out = []
    for part in parts:
        part = re.sub(r"^(?:by|on|about|in|of)\s+", "", part, flags=re.IGNORECASE)
        if len(part.split()) >= 1:
            out.append(f"What does the article say about {part}?")
    return out


_CLAUSE_BREAK_RE = re.compile(r",\s+(?:whilst|while|whereas)\s+|;\s+")


def split_clauses(sentence: str) -> list[str]:
    """Split a compound sentence into its independent clauses, each verbatim.

    "Vietnam is drafting laws, whilst Singapore emphasises skills." gives "Vietnam is
    drafting laws" and "Singapore emphasises skills."; a sentence is split only where both
    sides have at least four content words, so short asides stay with their clause.
    """
    parts: list[str] = []
    start = 0
    for match in _CLAUSE_BREAK_RE.finditer(sentence):
        head = sentence[start : match.start()]
        tail = sentence[match.end() :]
        if len(content_words(head)) >= 4 and len(content_words(tail)) >= 4:
            parts.append(head)
            start = match.end()
    parts.append(sentence[start:])
    return [p.strip() for p in parts if p.strip()]


# ------------------------------------------------------------ subject, verbs and objects

# Verbs that report what follows them as a clause of its own ("Research suggests that Small
# AI ...", "The surge ... suggests businesses aren't waiting ..."): generic English.
_REPORTING = frozenset(
    """suggest show argue say indicate mean find believe expect think predict warn claim
    note reveal report estimate confirm signal""".split()
)
_COPULAS = frozenset("is are was were".split())
# Where an object ends: a preposition, a conjunction, a relative or comparison word.
_OBJECT_ENDS = _DETERMINERS - {"the", "a", "an", "its", "their", "his", "her", "our"} | {
    "that",
    "which",
    "who",
    "whilst",
    "while",
    "whereas",
    "rather",
    "but",
    "than",
    "over",
    "through",
    "via",
    "using",
    "towards",
    "across",
    "under",
    "without",
    "regardless",
    "when",
    "where",
    "how",
}
_REFLEXIVE = frozenset({"itself", "themselves", "himself", "herself"})
# Words before a later verb of the same subject: "rather than replace", "match or exceed".
_VERB_LINKS = frozenset({"than", "or", "and", "to"})


@dataclass(frozen=True, slots=True)
class Predicate:
    """One verb of a clause's subject with its object: ("augment", "human capabilities")."""

    verb: str
    object: str


def _clean(word: str) -> str:
    return word.lower().replace("’", "'").strip(',;:"“”()')


def _verb_base(word: str) -> str:
    """The verb's base form when the word can be a verb, else ""."""
    low = _clean(word)
    verbs = _lemmas(low).get("VERB") or _lemmas(low).get("AUX")
    return verbs[0] if verbs else ""


def _object_after(words: Sequence[str]) -> str:
    """The object that opens the words: up to three content words, past a preposition,
    determiners and adverbs ("focuses on automated manufacturing", "committed over $7
    billion"), up to a preposition, conjunction, relative word or a comma (but the one
    after an adjective: "faster, measurable returns")."""
    found: list[str] = []
    for at, word in enumerate(words):
        low = _clean(word)
        if not low:
            continue
        opening = not found and at < 2
        if low in _OBJECT_ENDS or (low in STOP_WORDS and low not in _DETERMINERS):
            if opening and low not in ("that", "which", "who", "how", "when", "where"):
                continue  # "focus on ...", "rely on ...", "committed over ..."
            break
        if (
            low in _DETERMINERS
            or low in _FILLER
            or low in _REFLEXIVE
            or (low.endswith("ly") and not found)
        ):
            if found:
                break
            continue
        found.append(word.strip(',;:"“”()'))
        lemmas = _lemmas(low)
        if len(found) == 3 or (
            word[-1:] in ",;:" and not ("ADJ" in lemmas and "NOUN" not in lemmas)
        ):
            break  # not "faster, measurable returns": an adjective before a comma goes on
    return " ".join(found)


def _verb_group(words: Sequence[str]) -> int:
    """Index of the main verb in words opening with a verb: past "tend to", "plan to",
    "need to", "continue" + -ing ("tend to augment" -> "augment")."""
    at = 0
    while at + 2 < len(words) and _clean(words[at + 1]) == "to" and _verb_base(words[at + 2]):
        at += 2
    after = _clean(words[at + 1]) if at + 1 < len(words) else ""
    if after.endswith("ing") and _verb_base(after) and "NOUN" not in _lemmas(after):
        at += 1  # "continue evolving"
    return at


def predicates(clause: _Clause) -> list[Predicate]:
    """The verbs the clause says its subject does, each with its object, the main one first:
    "Small AI tends to augment human capabilities rather than replace workers" ->
    (augment, human capabilities), (replace, workers); a participle after a comma is the
    subject's too ("..., developing domestic alternatives to Western AI models")."""
    words = clause.rest.split()
    if not words:
        return []
    if clause.aux in _COPULAS and not (
        _clean(words[0]).endswith(("ing", "ed")) and _verb_base(words[0])
    ):
        return []  # "The goal is ambitious": no verb of its own
    at = _verb_group(words)
    out = [Predicate(_clean(words[at]), _object_after(words[at + 1 :]))]
    for i in range(at + 1, len(words) - 1):
        low = _clean(words[i])
        before = words[i - 1]
        base = _verb_base(low)
        later = (
            _clean(before) in _VERB_LINKS
            and low == base
            and "NOUN" not in _lemmas(low)
            and "ADJ" not in _lemmas(low)
        ) or (before.endswith(",") and low.endswith("ing"))
        if later and base and low not in STOP_WORDS:
            out.append(Predicate(low, _object_after(words[i + 1 :])))
    return [p for p in out if p.verb not in STOP_WORDS]


def _subject_core(subject: str) -> str:
    """The subject's head: up to three content words before a preposition other than "of",
    with the names after it ("The surge in enterprise AI spending" -> "surge"; "Countries
    like Vietnam" -> "Countries Vietnam"; "88% of employees in Asia" -> "88% employees
    Asia")."""
    words = subject.split()
    head: list[str] = []
    for i, word in enumerate(words):
        if _clean(word) in _DETERMINERS - {"the", "a", "an", "of"} and i > 0:
            names = [w for w in words[i + 1 :] if w[:1].isupper()]
            return " ".join([*content_words(" ".join(head))[-3:], *names][:4])
        head.append(word)
    return " ".join(_whole_terms(content_words(" ".join(head)), 3))


def _whole_terms(words: Sequence[str], count: int) -> list[str]:
    """The last `count` words, with the capitalised words before them that make one term
    with the first ("Big AI's broader capabilities", not "AI's broader capabilities": a
    name or term of capitalised words is not cut in two)."""
    start = max(len(words) - count, 0)
    while start > 0 and words[start][:1].isupper() and words[start - 1][:1].isupper():
        start -= 1
    return list(words[start:])


def core_forms(sentence: str, depth: int = 1) -> list[str]:
    """Short phrasings of what a sentence says its subject does: subject + verb + object,
    subject + verb, subject + object (readers often use their own verb), for each verb the
    subject has; and the same for a clause a reporting verb introduces ("Research suggests
    that Small AI ..."). Empty when the subject and verb are not found."""
    parsed = parse_clause(sentence)
    if parsed is None:
        return []
    subject = _subject_core(parsed.subject)
    if not subject:
        return []
    out: list[str] = []
    for predicate in predicates(parsed):
        verb, obj = predicate.verb, predicate.object
        if _verb_base(verb) in _REPORTING and depth > 0:
            words = parsed.rest.split()
            start = next(i for i, w in enumerate(words) if _clean(w) == verb) + 1
            reported = re.sub(r"^(?:that|how|why|whether)\s+", "", " ".join(words[start:]))
            inner = core_forms(reported, depth - 1)
            if inner:
                question = sentence_question(reported, frozenset())
                if not question.startswith("What does the article say"):
                    out.append(question)
                out.extend(inner)
                break
        out.append(f"{subject} {verb} {obj}".strip())
        if obj:
            out.append(f"{subject} {verb}")
            out.append(f"{subject} {obj}")
    return list(dict.fromkeys(out))


# What follows a verb's object and says why the subject does it to the object: the object's
# own means ("favour Big AI companies with their compliance resources"), and, after a verb
# of favouring, what the object can do ("favour companies that can afford compliance
# costs"); or a purpose after a verb of using ("fine-tune smaller models for specific brand
# voices"). Generic English.
_MEANS_RE = re.compile(r"\s(?:with (?:their|its|his|her)|thanks to)\s")
_ABLE_RE = re.compile(r"\s(?:that|who|which) (?:can|could|have|has)\s")
_PURPOSE_RE = re.compile(r"\sfor\s")
_FAVOURING = frozenset("favour favor benefit help suit reward advantage privilege".split())
_USING = frozenset(
    "use fine-tune tune leverage employ adopt deploy choose pick design tailor train".split()
)


def _base(word: str) -> str:
    """A verb's base form, of a hyphenated one's last part too ("fine-tune")."""
    return _verb_base(word) or _verb_base(word.rsplit("-", 1)[-1])


def reason_questions(sentence: str) -> list[str]:
    """ "Why ...?" for a clause whose main verb and object are followed by why the subject
    acts on it: "Strict regulations may favour Big AI companies that can afford compliance
    costs" -> "Why may strict regulations favour Big AI companies?"; "They use a large
    model for initial content generation, then fine-tune smaller models for specific brand
    voices" (verbs of using and their purposes) -> "Why might they use a large language
    model?", "Why fine-tune smaller models?"."""
    out = []
    for clause in re.split(r",\s+(?:then|and then)\s+", strip_end(sentence)):
        words = clause.split()
        if len(words) < 3:
            continue
        if _base(words[0]) in _USING:
            parsed: _Clause | None = _Clause("", "", clause)  # "..., then fine-tune ..."
        elif words[0].lower() in PRONOUN_STARTS and words[1] in _AUXILIARIES:
            parsed = _Clause(words[0], words[1], " ".join(words[2:]))  # "They might use ..."
        else:
            parsed = parse_clause(clause)
        if parsed is None or not parsed.rest:
            continue
        rest = parsed.rest.split()
        verb = _base(rest[_verb_group(rest)])
        part = _first_part(parsed.rest)
        found = _MEANS_RE.search(part)
        if found is None and verb in _FAVOURING:
            found = _ABLE_RE.search(part)
        if found is None and verb in _USING:
            found = _PURPOSE_RE.search(part)
        if found is None or len(part[: found.start()].split()) < 2:
            continue
        subject = lower_first(parsed.subject, frozenset()) if parsed.subject else ""
        out.append(" ".join(f"Why {parsed.aux} {subject} {part[: found.start()]}?".split()))
    return out
