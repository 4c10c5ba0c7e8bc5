#!/usr/bin/env python3
"""Count the uses of `Any` and of `dict[str, Any]` in src/ftready, per package (or per file with --files).

    python scripts/count_any.py [--files] [SRC_DIR]

Counted from the syntax tree, so comments and docstrings do not count: `Any` is every name `Any` (or
`typing.Any`) outside import statements, string annotations included; `dict[str, Any]` is every subscript of
that shape (`Dict[str, Any]` too). Each `dict[str, Any]` also counts once in the `Any` column. Packages are the
first level below `ftready` (`ftready.checks`, `ftready.tui`, ...); modules directly in `ftready/` are `ftready`.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "ftready"


def _is_any(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "Any"
    return isinstance(node, ast.Attribute) and node.attr == "Any" and isinstance(node.value, ast.Name)


def _is_dict_str_any(node: ast.AST) -> bool:
    if not isinstance(node, ast.Subscript):
        return False
    base = node.value
    name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
    if name not in ("dict", "Dict"):
        return False
    args = node.slice
    return (
        isinstance(args, ast.Tuple)
        and len(args.elts) == 2
        and isinstance(args.elts[0], ast.Name)
        and args.elts[0].id == "str"
        and _is_any(args.elts[1])
    )


def _string_annotations(tree: ast.AST) -> list[ast.AST]:
    """Annotations written as strings ("dict[str, Any]"), parsed, so they count like the others."""
    out: list[ast.AST] = []
    for node in ast.walk(tree):
        annotations: list[ast.expr | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
            annotations = [a.annotation for a in every] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        for ann in annotations:
            if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
                try:
                    out.append(ast.parse(ann.value, mode="eval"))
                except SyntaxError:
                    continue
    return out


def count_file(path: Path) -> tuple[int, int]:
    """(uses of Any, uses of dict[str, Any]) in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    n_any = n_dict = 0
    for root in [tree, *_string_annotations(tree)]:
        for node in ast.walk(root):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            n_any += _is_any(node)
            n_dict += _is_dict_str_any(node)
    return n_any, n_dict


def package_of(path: Path, src: Path) -> str:
    parts = path.relative_to(src).parts
    return "ftready" if len(parts) == 1 else f"ftready.{parts[0]}"


def main(argv: list[str]) -> int:
    by_file = "--files" in argv
    rest = [a for a in argv if a != "--files"]
    src = Path(rest[0]) if rest else ROOT
    any_counts: Counter[str] = Counter()
    dict_counts: Counter[str] = Counter()
    for path in sorted(src.rglob("*.py")):
        key = str(path.relative_to(src)) if by_file else package_of(path, src)
        a, d = count_file(path)
        any_counts[key] += a
        dict_counts[key] += d
    keys = sorted(set(any_counts) | set(dict_counts))
    width = max([len(k) for k in keys] + [len("total")])
    print(f"{'':<{width}}  {'Any':>5}  {'dict[str, Any]':>14}")
    for k in keys:
        print(f"{k:<{width}}  {any_counts[k]:>5}  {dict_counts[k]:>14}")
    print(f"{'total':<{width}}  {sum(any_counts.values()):>5}  {sum(dict_counts.values()):>14}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
