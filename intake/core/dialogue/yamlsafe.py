"""A YAML reader for files that staff and lawyers edit: data only, with line numbers.

Why not `yaml.safe_load`: it forgets where a value came from (so an error cannot name
`file:line`), it silently keeps the last of two equal keys, it turns `no` and `yes` into
booleans (the answers of a tri question are the strings "yes"/"no"), and it expands aliases,
which lets a few lines of "billion laughs" (`&a [*a, *a, ...]`) blow up memory.

So this reader:
- builds only plain data (str, int, float, bool, None, dict, list); any other tag
  (`!!python/object`, `!!binary`, `!!set`, custom `!tags`) is refused with its line;
- refuses aliases outright (no expansion counting to get wrong: a dialogue file has no need
  for them, and copying is clearer for translators). The check runs on the composed node graph,
  where an alias is a node reached twice; composition itself never expands anything, so a
  "billion laughs" file is refused after reading a few lines of nodes, before construction;
- refuses duplicate keys;
- treats only `true`/`false` as booleans (YAML 1.2), so `yes`/`no`/`on`/`off` stay strings;
- refuses integers of more than 18 digits (Python refuses to convert over 4,300 digits, with
  an error that has no line);
- names the line of a character YAML does not allow (NUL, ESC and other controls), where
  PyYAML gives only an offset;
- returns mappings as `Located` dicts and sequences as `LocatedList`s carrying their 1-based line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_BOOL_TAG = "tag:yaml.org,2002:bool"
_PLAIN_TAGS = frozenset(
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)


class YamlProblem(Exception):
    """A file that is not acceptable YAML for us; `line` is 1-based (0 when unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class Located(dict[str, Any]):
    """A mapping read from YAML, remembering the line it starts on."""

    line: int = 0


class LocatedList(list[Any]):
    """A sequence read from YAML, remembering the line it starts on."""

    line: int = 0


# libyaml's parser when available (ten times faster); the constructors stay ours either way.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases(root: Node) -> None:
    """An alias makes one node appear in two places; refuse the second place."""
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, root.start_mark.line + 1)]
    while stack:
        node, line = stack.pop()
        if id(node) in seen:
            raise YamlProblem(line, "aliases (*name) are not allowed")
        seen.add(id(node))
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        here = node.start_mark.line + 1  # an alias's node carries its anchor's line, not its own
        stack.extend((child, here) for child in children)


class SafeLineLoader(_Base):  # type: ignore[misc]
    """SafeLoader restricted to plain data, with line numbers; see the module docstring."""

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return self.construct_document(node)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(
                node.start_mark.line + 1,
                f"the tag {node.tag!r} is not allowed (plain data only)",
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    raise YamlProblem(
                        key_node.start_mark.line + 1, f"duplicate key {key_node.value!r}"
                    )
                seen.add(key_node.value)
        result: dict[Any, Any] = super().construct_mapping(node, deep)
        return result


INT_DIGITS_MAX = 18


def _construct_int(loader: SafeLineLoader, node: ScalarNode) -> Any:
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > INT_DIGITS_MAX:
        raise YamlProblem(
            node.start_mark.line + 1,
            f"a number of {digits} digits; expected at most {INT_DIGITS_MAX}",
        )
    return loader.construct_yaml_int(node)


def _construct_map(loader: SafeLineLoader, node: MappingNode) -> Any:
    data = Located()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


def _construct_seq(loader: SafeLineLoader, node: SequenceNode) -> Any:
    data = LocatedList()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_sequence(node))


# Only true/false are booleans: drop PyYAML's YAML 1.1 boolean resolver, add a 1.2 one. Dates,
# `<<` merges and `=` stay plain strings (the schema decides what a value means).
_IMPLICIT = frozenset(
    {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null"}
)
SafeLineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _IMPLICIT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SafeLineLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
SafeLineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
SafeLineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
SafeLineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


# Plain (unquoted) words that YAML 1.1 reads as booleans. This reader keeps them as strings,
# but in files where "yes" and "no" are answers compared with, `load_yaml(..., quoted_yes_no=
# True)` refuses them unquoted, so that no one is left guessing which reading was meant.
_YAML11_BOOLS = frozenset(
    w
    for word in ("yes", "no", "on", "off", "y", "n")
    for w in (word, word.capitalize(), word.upper())
)


class _QuotedYesNoLoader(SafeLineLoader):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if isinstance(node, ScalarNode) and not node.style and node.value in _YAML11_BOOLS:
            raise YamlProblem(
                node.start_mark.line + 1,
                f'write "{node.value}" in quotes (unquoted, YAML may read it as true or false)',
            )
        return super().construct_object(node, deep)


def load_yaml(text: str, *, quoted_yes_no: bool = False) -> Any:
    """Parse one YAML document into plain data with line numbers, or raise YamlProblem.
    `quoted_yes_no`: refuse unquoted yes/no/on/off (rule files, where they are values)."""
    loader = (_QuotedYesNoLoader if quoted_yes_no else SafeLineLoader)(text)
    try:
        return loader.get_single_data()
    except YamlProblem:
        raise
    except ConstructorError as exc:
        mark = exc.problem_mark
        raise YamlProblem(mark.line + 1 if mark else 0, str(exc.problem)) from None
    except yaml.reader.ReaderError:
        # Its position is in bytes with libyaml and in characters without: find it ourselves.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else 0
        code = f"U+{ord(found.group()):04X}" if found else "a character"
        raise YamlProblem(line, f"{code} is not allowed here (a control character)") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 0, str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(0, str(exc)) from None
    finally:
        loader.dispose()


def where(data: Any, loc: Sequence[int | str]) -> tuple[int, str]:
    """The line of the innermost mapping or list and the nearest `id` along a pydantic error
    location in data read by `load_yaml`: where to point whoever edits the file (dialogues,
    rule files and scenarios alike)."""
    line, ident = getattr(data, "line", 0), "-"
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", 0) or line
        if isinstance(node, Located) and isinstance(node.get("id"), str):
            ident = node["id"]
    return line, ident
