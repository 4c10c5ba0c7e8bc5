"""Reading a pricing YAML file into plain Python values while keeping the line of every key and value.

PyYAML's safe loader (libyaml when it is there, for speed), with anchors and aliases refused before anything is
expanded (no expansion bombs), duplicate keys reported, a size and a node limit, and every problem collected in a
`Doc` as one line `FILE:LINE: key.path: what is wrong`. Values come back as `Parsed` (plain YAML values, with `BAD`
where a value could not be converted), unchecked here: the validators of ftready.pricing.validators check and
convert them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol, TypeAlias

import yaml

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000

YamlPath = tuple[str | int, ...]  # the key path of a value: ("models", "m1", "aliases", 0)


class _Bad:
    """A value that failed to convert (already reported)."""


Bad = _Bad  # the type of BAD, for annotations and isinstance narrowing
BAD = _Bad()

# A scalar as the safe loader constructs it (a timestamp is a dt.datetime, a subclass of dt.date).
YamlScalar: TypeAlias = str | int | float | bool | dt.date | None
# What `parse` returns: mappings with text keys, lists and scalars, and BAD where a value failed (already reported).
Parsed: TypeAlias = YamlScalar | _Bad | list["Parsed"] | dict[str, "Parsed"]


class NodeLoader(Protocol):
    """What `parse` needs of a loader: the pure-Python `Loader` below or libyaml's CSafeLoader."""

    def get_single_node(self) -> yaml.Node | None: ...

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object: ...

    def dispose(self) -> None: ...


class AnchorRefused(yaml.MarkedYAMLError):
    pass


class Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases before anything is expanded."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise AnchorRefused(
                problem="anchors and aliases (&name, *name) are not allowed in pricing files; write values out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


STANDARD_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class Doc:
    """One file being validated: its display name, the line of every path, and the problems found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[YamlPath, int] = {}
        self.problems: list[str] = []
        self.bad_paths: list[YamlPath] = []
        self.raw: dict[YamlPath, str] = {}  # numbers as written, for messages ("got -4.00", not "got -4.0")

    def line(self, path: YamlPath) -> int:
        p = path
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)

    def err(self, path: YamlPath, message: str) -> None:
        self.bad_paths.append(path)
        where = dotted(path)
        self.problems.append(f"{self.file}:{self.line(path)}: {where + ': ' if where else ''}{message}")


def dotted(path: YamlPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def parse(text: str, doc: Doc) -> Parsed:
    """YAML text -> plain Python values (dict/list/scalars), recording lines; None after a problem."""
    fast = compose_fast(text)
    loader: NodeLoader
    root: yaml.Node | None
    if fast is not None:
        loader, root = fast
    else:
        try:
            loader = Loader(text)
        except yaml.YAMLError as exc:  # the reader refuses the text itself (a NUL or other control character)
            line = text.count("\n", 0, getattr(exc, "position", 0) or 0) + 1
            what = getattr(exc, "reason", None) or "cannot parse"
            char = getattr(exc, "character", None)
            if isinstance(char, int):
                what += f" (character U+{char:04X})"
            elif isinstance(char, str) and len(char) == 1:
                what += f" (character U+{ord(char):04X})"
            doc.problems.append(f"{doc.file}:{line}: invalid YAML: {what}")
            return None
    try:
        if fast is None:
            root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        loader.dispose()
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "cannot parse"
        if "'\\t'" in what:
            where = "in indentation; indent with spaces" if tab_indented(text, line) else "where YAML expects a space"
            doc.problems.append(f"{doc.file}:{line}: tab character {where}")
        else:
            col = f" (column {mark.column + 1})" if mark is not None else ""
            doc.problems.append(f"{doc.file}:{line}: invalid YAML: {what}{col}")
        return None
    except yaml.YAMLError as exc:
        loader.dispose()
        doc.problems.append(f"{doc.file}:1: invalid YAML: {str(exc).splitlines()[0] if str(exc) else 'error'}")
        return None
    except RecursionError:
        loader.dispose()
        doc.problems.append(f"{doc.file}:1: invalid YAML: nested too deeply")
        return None
    if root is None:
        loader.dispose()
        doc.problems.append(f"{doc.file}:1: empty file")
        return None
    try:
        return to_python(root, (), doc, loader, [0])
    except RecursionError:
        doc.problems.append(f"{doc.file}:1: invalid YAML: nested too deeply")
        return None
    except TooBig:
        doc.problems.append(f"{doc.file}:1: too many values (more than {MAX_NODES:,}); is this a pricing file?")
        return None
    finally:
        loader.dispose()


def compose_fast(text: str) -> tuple[NodeLoader, yaml.Node | None] | None:
    """Compose with libyaml when it is there and the text is plain (no anchors or aliases, parses cleanly);
    None otherwise, and the pure-Python loader composes it again with its exact error messages."""
    cloader = getattr(yaml, "CSafeLoader", None)
    if cloader is None:
        return None
    try:
        for event in yaml.parse(text, Loader=cloader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
        loader = cloader(text)
    except (yaml.YAMLError, RecursionError):
        return None
    try:
        return loader, loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        loader.dispose()
        return None


class TooBig(Exception):
    pass


def tab_indented(text: str, line: int) -> bool:
    """True when the 1-based `line` has a tab in its leading whitespace."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return False
    raw = lines[line - 1]
    return "\t" in raw[: len(raw) - len(raw.lstrip(" \t"))]


def to_python(node: yaml.Node, path: YamlPath, doc: Doc, loader: NodeLoader, counter: list[int]) -> Parsed:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise TooBig()
    if isinstance(node, yaml.MappingNode):
        doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in STANDARD_TAGS:
            doc.err(path, f"unsupported YAML tag {node.tag}")
            return BAD
        out: dict[str, Parsed] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                doc.lines[(*path, "?")] = knode.start_mark.line + 1
                doc.err((*path, "?"), "keys must be plain text")
                continue
            key = str(knode.value)
            kpath = (*path, key)
            if key in out:
                first = doc.lines.get(kpath)
                doc.problems.append(
                    f"{doc.file}:{knode.start_mark.line + 1}: {dotted(kpath)}: duplicate key"
                    + (f" (first at line {first})" if first else "")
                )
                continue
            doc.lines[kpath] = knode.start_mark.line + 1
            out[key] = to_python(vnode, kpath, doc, loader, counter)
            if isinstance(vnode, yaml.ScalarNode):
                doc.lines[kpath] = vnode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in STANDARD_TAGS:
            doc.err(path, f"unsupported YAML tag {node.tag}")
            return BAD
        items: list[Parsed] = []
        for i, item in enumerate(node.value):
            doc.lines[(*path, i)] = item.start_mark.line + 1
            items.append(to_python(item, (*path, i), doc, loader, counter))
        return items
    doc.lines.setdefault(path, node.start_mark.line + 1)
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        doc.err(path, f"unsupported YAML tag {node.tag}")
        return BAD
    except (ValueError, OverflowError) as exc:  # a date that does not exist (2026-02-30), a huge exponent
        doc.err(path, f"invalid value {str(node.value)[:40]!r}: {exc}")
        return BAD
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        doc.raw[path] = str(node.value)
    if isinstance(value, bytes):
        doc.err(path, "binary values are not allowed")
        return BAD
    if value is None or isinstance(value, (str, int, float, bool, dt.date)):
        return value
    # the safe loader makes nothing else of a plain scalar (sets, pairs and omaps are collections, refused above)
    doc.err(path, f"unsupported YAML tag {node.tag}")
    return BAD


def read_yaml(path: Path, doc: Doc) -> Parsed:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc.problems.append(f"{doc.file}:1: file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        doc.problems.append(f"{doc.file}:1: cannot read: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(f"{doc.file}:{line}: not UTF-8 text")
        return None
    return parse(text.removeprefix("\ufeff"), doc)
