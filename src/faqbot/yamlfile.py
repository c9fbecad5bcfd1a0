"""YAML read strictly: duplicate keys refused, dates left as text, and every key's line kept.

PyYAML's ``safe_load`` silently keeps the last of two equal keys (so a second ``entries:``
erases the first) and turns ``2025-06-31`` into a crash inside the date constructor. Files
that people edit by hand (knowledge, thesauri, reply texts, configuration) are read here
instead: the C parser when PyYAML has it, our own mapping constructor on top.

PyYAML is imported on the first parse (about 10 ms: its reader compiles a large regular
expression). ``load(path, cache=True)`` (the configuration, read by every command) keeps
what a file parsed to as JSON in ``.faqbot-cache/yaml/`` beside it, named by a hash of the
file's bytes and of the source of this module and :mod:`faqbot.jsoncache`, so `faqbot ask`
reads its configuration without PyYAML. JSON, never pickle; a file that does not parse is
never cached, so its problems are always reported with their lines; an unreadable, corrupt
or unwritable cache is skipped.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from faqbot import jsoncache
from faqbot.errors import FaqbotError

if TYPE_CHECKING:
    import yaml

logger = logging.getLogger(__name__)

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
CACHE_FOLDER = Path(".faqbot-cache") / "yaml"
# How many parsed files to keep in one cache folder.
CACHE_KEEP = 8
# Modules whose code decides what a file parses to, and how it is kept.
_CACHE_MODULES = ("yamlfile.py", "jsoncache.py")
_WHAT = "YAML cache"


class YamlError(FaqbotError):
    """A YAML file that cannot be used as it is, with the line to look at when known."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}: line {line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class LineMap(dict[Any, Any]):
    """A mapping read from YAML that remembers its own line and each key's line (1-based)."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """The line of a key, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A list read from YAML that remembers its own line and each item's line (1-based)."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        """The line of an item, or of the list itself when out of range."""
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


@cache
def _loader() -> type[yaml.SafeLoader]:
    """The strict loader (PyYAML imported here, on the first parse)."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers_of = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    # Per first character ("" for an empty text), its implicit resolvers and then the
    # wildcard ones, in BaseResolver.resolve's order; the wildcard ones alone for others.
    wildcard = tuple(resolvers_of.get(None, []))
    by_first = {k: (*v, *wildcard) for k, v in resolvers_of.items() if k is not None}

    class StrictLoader(base):  # type: ignore[misc,valid-type]
        """Safe loader without implicit dates, with line-aware, duplicate-refusing
        containers."""

        yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = resolvers_of

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            """BaseResolver.resolve without its lists built on every node (the C parser
            asks for each node of a file: a knowledge file has thousands). Path
            resolvers, which faqbot never adds, go to BaseResolver.resolve."""
            if self.yaml_path_resolvers or kind is not yaml.ScalarNode:
                return super().resolve(kind, value, implicit)
            if implicit[0]:
                for tag, regexp in by_first.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG

    StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    return StrictLoader


class _DuplicateKeyError(Exception):
    """Raised while constructing a mapping that repeats a key (or whose key is not text)."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.mark = mark


def _new_key(mapping: LineMap, key: Any, key_node: yaml.Node) -> int:
    """The line of `key` (read from `key_node`), about to be added to `mapping`; raises
    _DuplicateKeyError when the mapping has it already or it is not plain text (PyYAML's
    constructor and _construct's both refuse them so)."""
    try:
        hash(key)
    except TypeError:
        raise _DuplicateKeyError("a key must be plain text", key_node.start_mark) from None
    if key in mapping:
        raise _DuplicateKeyError(
            f"duplicate key '{key}' (first at line {mapping.key_lines[key]})", key_node.start_mark
        )
    return key_node.start_mark.line + 1


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = _new_key(result, key, key_node)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(node.start_mark.line + 1)
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _SharedError(Exception):
    """A node met twice (an alias, a merge key) or a collection of another tag: left to
    PyYAML's constructor, which builds each node once."""


def _construct(loader: yaml.SafeLoader, root: yaml.Node) -> Any:
    """What ``loader.construct_document(root)`` gives, for the plain documents that people
    write: texts taken straight from their nodes, mappings and lists built as
    _construct_mapping and _construct_sequence do, without PyYAML's generic bookkeeping
    per node (about half of reading a knowledge file). Any other scalar goes through the
    loader's constructors; a shared node or another collection raises _SharedError."""
    import yaml

    scalar, mapping, sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    seen: set[int] = set()

    def build(node: yaml.Node) -> Any:
        kind = type(node)
        if kind is scalar:
            return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
        if id(node) in seen:
            raise _SharedError
        seen.add(id(node))
        if kind is mapping and node.tag == _MAP:
            assert isinstance(node, yaml.MappingNode)
            loader.flatten_mapping(node)
            result = LineMap(node.start_mark.line + 1)
            for key_node, value_node in node.value:
                key = build(key_node)
                line = _new_key(result, key, key_node)
                result[key] = build(value_node)
                result.key_lines[key] = line
            return result
        if kind is sequence and node.tag == _SEQ:
            items = LineList(node.start_mark.line + 1)
            for item in node.value:
                items.append(build(item))
                items.item_lines.append(item.start_mark.line + 1)
            return items
        raise _SharedError

    try:
        return build(root)
    except _SharedError:
        return loader.construct_document(root)


def _load(text: str) -> Any:
    """What ``yaml.load(text, Loader=_loader())`` gives (see _construct)."""
    loader = _loader()(text)
    try:
        root = loader.get_single_node()
        return None if root is None else _construct(loader, root)
    finally:
        loader.dispose()


def parse(text: str, path: Path | str = "<text>") -> Any:
    """Parse YAML text strictly; raise YamlError naming the path and line of any problem."""
    import yaml

    try:
        return _load(text)
    except _DuplicateKeyError as exc:
        raise YamlError(path, exc.problem, exc.mark.line + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(path, problem, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, f"invalid YAML: {exc}") from None
    except ValueError as exc:  # e.g. an integer too large or a malformed float
        raise YamlError(path, f"invalid value: {exc}") from None


def load(path: Path, *, cache: bool = False) -> Any:
    """Read and strictly parse a UTF-8 YAML file; raise YamlError for any problem.

    cache: use (and fill) the parsed-file cache beside it (see the module's docstring);
    the result is the same.
    """
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise YamlError(path, "is not UTF-8 text") from None
    except OSError as exc:
        raise YamlError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not cache:
        return parse(text, path)
    folder = path.parent / CACHE_FOLDER
    name = jsoncache.key(jsoncache.code_key("", _CACHE_MODULES), raw)
    # (data,): a file may parse to None.
    kept = jsoncache.read(folder / f"{name}.json", lambda d: (_decode(d),), _WHAT)
    if kept is not None:
        return kept[0]
    data = parse(text, path)
    _write_cached(folder, name, data)
    return data


def _write_cached(folder: Path, name: str, data: Any) -> None:
    try:
        encoded = _encode(data)
    except ValueError as exc:  # a value JSON lacks
        logger.debug("YAML cache not written to %s: %s", folder, exc)
        return
    written = jsoncache.write(folder, name, encoded, _WHAT)
    if written is not None:
        jsoncache.prune(folder, written, CACHE_KEEP, _WHAT)


def _encode(data: Any) -> Any:
    """Parsed YAML as JSON: mappings and lists with their lines; keys keep their types."""
    if isinstance(data, LineMap):
        return {
            "map": data.line,
            "keys": [[k, data.key_lines[k], _encode(v)] for k, v in data.items()],
        }
    if isinstance(data, LineList):
        return {
            "list": data.line,
            "items": [[n, _encode(v)] for n, v in zip(data.item_lines, data, strict=True)],
        }
    if data is None or isinstance(data, (str, bool, int, float)):
        return data
    raise ValueError(f"cannot keep a {type(data).__name__}")


def _decode(data: Any) -> Any:
    if isinstance(data, dict):
        if "map" in data:
            mapping = LineMap(jsoncache.whole(data["map"]))
            for key, line, value in data["keys"]:
                if isinstance(key, (dict, list)):
                    raise TypeError("a key must be plain")
                mapping[key] = _decode(value)
                mapping.key_lines[key] = jsoncache.whole(line)
            return mapping
        items = LineList(jsoncache.whole(data["list"]))
        for line, value in data["items"]:
            items.append(_decode(value))
            items.item_lines.append(jsoncache.whole(line))
        return items
    if isinstance(data, list):
        raise TypeError("a list outside a list node")
    return data
