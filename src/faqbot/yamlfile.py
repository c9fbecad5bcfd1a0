"""YAML read strictly: duplicate keys refused, dates left as text, and every key's line kept.

PyYAML's ``safe_load`` silently keeps the last of two equal keys (so a second ``entries:``
erases the first) and turns ``2025-06-31`` into a crash inside the date constructor. Files
that people edit by hand (knowledge, thesauri, reply texts, configuration) are read here
instead: the C parser when PyYAML has it, our own mapping constructor on top.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import yaml

from faqbot.errors import FaqbotError

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


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


class _DuplicateKey(yaml.MarkedYAMLError):
    """Raised while constructing a mapping that repeats a key."""


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader without implicit dates, with line-aware, duplicate-refusing containers."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise _DuplicateKey(
                problem="a key must be plain text", problem_mark=key_node.start_mark
            ) from None
        if key in result:
            raise _DuplicateKey(
                problem=f"duplicate key '{key}' (first at line {result.key_lines[key]})",
                problem_mark=key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _StrictLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(node.start_mark.line + 1)
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def parse(text: str, path: Path | str = "<text>") -> Any:
    """Parse YAML text strictly; raise YamlError naming the path and line of any problem."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(path, problem, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, f"invalid YAML: {exc}") from None
    except ValueError as exc:  # e.g. an integer too large or a malformed float
        raise YamlError(path, f"invalid value: {exc}") from None


def load(path: Path) -> Any:
    """Read and strictly parse a UTF-8 YAML file; raise YamlError for any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlError(path, "is not UTF-8 text") from None
    except OSError as exc:
        raise YamlError(path, f"cannot be read: {exc.strerror or exc}") from None
    return parse(text, path)
