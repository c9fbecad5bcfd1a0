"""The live knowledge: the served knowledge base, its taught phrasings and its matcher, as one
frozen value.

The bot holds one `Live` and replaces it with one assignment (on /reload, on teaching and
on undo), so a handler that read it once sees knowledge and matcher of the same moment.
Teaching changes the taught phrasings (`teach`, `unteach`: plain values); the bot builds
the `Live` over them in a worker thread (a build takes seconds at 200 articles). The
CLI (`faqbot ask`, `faqbot eval`, the editor tools) builds its knowledge with the same
function, `load_live`. Loading reads the matcher from its compiled cache beside the
knowledge files when it holds this knowledge (:mod:`faqbot.matchercache`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from faqbot import jsoncache, knowledgecache, matchercache
from faqbot.config import Settings
from faqbot.knowledge import KnowledgeBase, knowledge_files, load_knowledge
from faqbot.matching import Matcher, MatchSettings

logger = logging.getLogger(__name__)

Taught = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Live:
    """Knowledge from the files (drafts served or not), phrasings taught in chat (entry id
    -> phrasings), and the matcher over both."""

    files: KnowledgeBase
    taught: Taught
    matcher: Matcher

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge answered with: the files' entries plus taught phrasings."""
        return self.matcher.kb

    @property
    def taught_count(self) -> int:
        """How many taught phrasings the matcher holds."""
        return sum(len(p) for p in self.taught.values())


def teach(taught: Taught, entry_id: str, phrasings: Iterable[str]) -> Taught:
    """The taught phrasings with these taught to the entry as well (each once, in order)."""
    known = tuple(taught.get(entry_id, ()))
    added = tuple(p for p in dict.fromkeys(phrasings) if p not in known)
    return MappingProxyType({**taught, entry_id: known + added})


def unteach(taught: Taught, entry_id: str, phrasings: Iterable[str]) -> Taught:
    """The taught phrasings without these of the entry (an undone lesson)."""
    gone = set(phrasings)
    kept = tuple(p for p in taught.get(entry_id, ()) if p not in gone)
    return MappingProxyType({**taught, entry_id: kept})


def build_live(
    files: KnowledgeBase,
    settings: MatchSettings,
    taught: Mapping[str, Iterable[str]] | None = None,
    cache: Path | None = None,
    *,
    prepare: bool = False,
) -> Live:
    """Build the matcher over the knowledge and the taught phrasings (entry id -> phrasings;
    unknown ids are kept but match nothing). cache: a folder of compiled matchers to read
    it from (or keep it in) when it holds this knowledge (see matcher_cache). prepare:
    load what its first questions would otherwise load (Matcher.prepare; the bot's)."""
    frozen = {entry_id: tuple(p) for entry_id, p in (taught or {}).items()}
    matcher = matchercache.load(files.with_alternates(frozen), settings, cache)
    if prepare:
        matcher.prepare()
    return Live(files, MappingProxyType(frozen), matcher)


def matcher_cache(settings: Settings) -> Path | None:
    """The folder of compiled matchers beside the configured knowledge files (None: none)."""
    folder = knowledgecache.folder_of(knowledge_files(settings.knowledge))
    return matchercache.folder_of(folder) if folder is not None else None


def served(kb: KnowledgeBase, settings: Settings) -> KnowledgeBase:
    """What the bot answers with: draft entries only when serve_drafts is on."""
    result = kb.served(settings.serve_drafts)
    if len(result) < len(kb):
        logger.info(
            "%d draft entries not served (serve_drafts is off; FAQBOT_SERVE_DRAFTS=1 serves them)",
            len(kb) - len(result),
        )
    return result


def load_live(
    settings: Settings,
    taught: Mapping[str, Iterable[str]] | None = None,
    *,
    prepare: bool = False,
) -> Live:
    """Read the knowledge files and build the live knowledge, as the bot serves it
    (prepare: see build_live).

    Raises KnowledgeError when the files have problems.
    """
    with jsoncache.collector_paused():  # one pause for the files and the matcher
        files = served(load_knowledge(settings.knowledge), settings)
        return build_live(
            files, settings.matching, taught, matcher_cache(settings), prepare=prepare
        )
