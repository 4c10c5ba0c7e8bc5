"""The import contract (docs: design.md §5, "Layers"), checked on the source without importing it.

The graph is built with `ast` from every module under src/ftready. An edge A -> B means that A imports B:
module-level and function-level `import`/`from ... import` statements, relative ones resolved, and
`importlib.import_module("ftready....")` with a literal name. Imports under `if TYPE_CHECKING:` count too (as
import-linter counts them by default): a type that points the wrong way is a layering problem even if it costs
nothing at run time. Names computed at run time (the registry's `load_all`, the stage table in `analysis`) are not
seen. `from P import x` is an edge to the module P.x when there is one, else to P.

The rules:
  (a) no import cycle among ftready modules, except the KNOWN_CYCLES below;
  (b) the core (everything outside ftready.cli, ftready.tui, ftready.report and the `python -m ftready` entry
      point) imports no textual, rich, ftready.tui, ftready.cli or ftready.report;
  (c) ftready.load never reaches ftready.stages or ftready.rules, not even through other modules, except the
      KNOWN_LOAD_IMPORTS below;
  (d) no front end imports another: ftready.tui never reaches ftready.cli; ftready.report never reaches
      ftready.cli or ftready.tui; ftready.cli imports ftready.tui only as `from ftready.tui import run_app`
      inside a function (the app starts there, and nothing of Textual is imported before).
"""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
import textwrap
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
FRONT_ENDS = ("ftready.cli", "ftready.tui", "ftready.report")
ENTRY_POINTS = ("ftready.__main__",)  # `python -m ftready`: the command line's, so not part of the core
GUI_LIBRARIES = ("textual", "rich")

# Cycles that exist today and are allowed until the code that causes them is rewritten. Each is written as the
# path it takes (the last module imports the first). Delete an entry when its cycle is gone: the test fails on an
# entry that no longer matches a cycle, and on every cycle that is not listed here.
KNOWN_CYCLES: list[tuple[str, ...]] = []

# Imports from ftready.load into the checks that are allowed for now, as (importer, imported).
KNOWN_LOAD_IMPORTS: set[tuple[str, str]] = set()


# ------------------------------------------------------------------------------------------------ the graph


@dataclass(frozen=True)
class Import:
    target: str  # the module imported (an ftready module, or the top-level name of another package)
    names: tuple[str, ...]  # for `from X import a, b`: the names; else ()
    line: int
    where: str  # "module" (runs on import), "function" (runs when called) or "type" (TYPE_CHECKING only)


Graph = Mapping[str, Mapping[str, list[Import]]]  # importer -> imported -> the import statements


def discover(src: Path = SRC) -> dict[str, Path]:
    """Module name -> file, for every module of the ftready package."""
    out: dict[str, Path] = {}
    for path in sorted((src / "ftready").rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_import_module(node: ast.AST) -> bool:
    """`importlib.import_module("literal")` (or `import_module("literal")`)."""
    if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name == "import_module" and isinstance(node.args[0].value, str)


def _statements(tree: ast.Module) -> Iterator[tuple[ast.AST, str]]:
    """Every import statement and import_module call, with where it is ("module", "function" or "type")."""

    def walk(node: ast.AST, where: str) -> Iterator[tuple[ast.AST, str]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)) or _is_import_module(child):
                yield child, where
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    yield from walk_one(stmt, "type")
                for stmt in child.orelse:
                    yield from walk_one(stmt, where)
                continue
            inner = "function" if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else where
            yield from walk(child, "type" if where == "type" else inner)

    def walk_one(stmt: ast.AST, where: str) -> Iterator[tuple[ast.AST, str]]:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            yield stmt, where
        yield from walk(stmt, where)

    yield from walk(tree, "module")


def _resolve(name: str, modules: Iterable[str]) -> str:
    """An ftready module name, or the longest prefix that is one (`import ftready.x.y` imports ftready.x.y); the
    top-level package for other packages."""
    known = set(modules)
    if not (name == "ftready" or name.startswith("ftready.")):
        return name.split(".")[0]
    while name not in known and "." in name:
        name = name.rpartition(".")[0]
    return name


def build_graph(modules: Mapping[str, Path]) -> dict[str, dict[str, list[Import]]]:
    graph: dict[str, dict[str, list[Import]]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: dict[str, list[Import]] = {}
        for node, where in _statements(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            found: list[tuple[str, tuple[str, ...]]] = []
            if isinstance(node, ast.Import):
                found = [(_resolve(a.name, modules), ()) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([base] if base else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    found.append((sub, ()) if sub in modules else (_resolve(base, modules), (alias.name,)))
            elif isinstance(node, ast.Call):
                arg = node.args[0]
                assert isinstance(arg, ast.Constant)
                found = [(_resolve(str(arg.value), modules), ())]
            for target, names in found:
                if target != name:
                    edges.setdefault(target, []).append(Import(target, names, getattr(node, "lineno", 0), where))
        graph[name] = edges
    return graph


@pytest.fixture(scope="module")
def graph() -> dict[str, dict[str, list[Import]]]:
    return build_graph(discover())


# ------------------------------------------------------------------------------------------------ algorithms


def find_cycles(edges: Mapping[str, Iterable[str]], limit: int = 1000) -> list[tuple[str, ...]]:
    """Every elementary cycle of a directed graph, each once, starting at its smallest node, sorted (at most
    `limit` of them). A self-import is a cycle of one."""
    succ = {n: sorted(set(targets)) for n, targets in edges.items()}
    for targets in list(succ.values()):
        for t in targets:
            succ.setdefault(t, [])
    out: list[tuple[str, ...]] = []
    for start in sorted(succ):
        # cycles whose smallest node is `start`: paths from start back to it through larger nodes only
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(succ[start]))]
        path = [start]
        on_path = {start}
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if nxt == start:
                out.append(tuple(path))
                if len(out) >= limit:
                    return sorted(out)
            elif nxt > start and nxt not in on_path:
                path.append(nxt)
                on_path.add(nxt)
                stack.append((nxt, iter(succ[nxt])))
    return sorted(out)


def canonical(cycle: tuple[str, ...]) -> tuple[str, ...]:
    """The same cycle, rotated to start at its smallest module."""
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]


def show(cycle: tuple[str, ...]) -> str:
    return " -> ".join((*cycle, cycle[0]))


def path_to(edges: Mapping[str, Iterable[str]], start: str, goal: str) -> list[str] | None:
    """The shortest import path from `start` to a module `goal` or below it (`goal.x`), or None."""
    prev: dict[str, str | None] = {start: None}
    todo = deque([start])
    while todo:
        node = todo.popleft()
        if node != start and (node == goal or node.startswith(goal + ".")):
            path = [node]
            while (p := prev[path[-1]]) is not None:
                path.append(p)
            return path[::-1]
        for nxt in sorted(edges.get(node, ())):
            if nxt not in prev:
                prev[nxt] = node
                todo.append(nxt)
    return None


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _where(graph: Graph, path: list[str]) -> str:
    """An import path with the file line of each step: a -> b (line 12) -> c (line 3, TYPE_CHECKING)."""
    out = [path[0]]
    for a, b in itertools.pairwise(path):
        imp = graph[a][b][0]
        note = {"module": "", "function": ", in a function", "type": ", TYPE_CHECKING"}[imp.where]
        out.append(f"{b} (line {imp.line} of {a}{note})")
    return " -> ".join(out)


# ------------------------------------------------------------------------------------------------ the rules


def test_no_import_cycles(graph: Graph) -> None:
    internal = {a: [b for b in targets if b in graph] for a, targets in graph.items()}
    found = {canonical(c) for c in find_cycles(internal)}
    known = {canonical(c) for c in KNOWN_CYCLES}
    new = sorted(found - known)
    gone = sorted(known - found)
    problems = [f"import cycle: {show(c)}" for c in new]
    problems += [f"KNOWN_CYCLES lists {show(c)}, which is no longer a cycle: delete the entry" for c in gone]
    assert not problems, "\n".join(problems)


def test_the_core_imports_no_front_end_and_no_gui_library(graph: Graph) -> None:
    problems = []
    for module, targets in sorted(graph.items()):
        if module in ENTRY_POINTS or any(_within(module, fe) for fe in FRONT_ENDS):
            continue
        for target, imports in sorted(targets.items()):
            if target in GUI_LIBRARIES or any(_within(target, fe) for fe in FRONT_ENDS):
                problems.append(f"{module} (line {imports[0].line}) imports {target}")
    assert not problems, "the core must not import a front end or a GUI library:\n" + "\n".join(problems)


def test_load_never_reaches_the_checks(graph: Graph) -> None:
    allowed = {a: {b for b in targets if (a, b) not in KNOWN_LOAD_IMPORTS} for a, targets in graph.items()}
    problems = []
    for module in sorted(m for m in graph if _within(m, "ftready.load")):
        for forbidden in ("ftready.stages", "ftready.rules"):
            path = path_to(allowed, module, forbidden)
            if path:
                problems.append(_where(graph, path))
    stale = sorted(f"{a} -> {b}" for a, b in KNOWN_LOAD_IMPORTS if b not in graph.get(a, {}))
    assert not problems, "ftready.load must not import the stages or rules:\n" + "\n".join(problems)
    assert not stale, "KNOWN_LOAD_IMPORTS lists imports that are gone, delete them: " + ", ".join(stale)


@pytest.mark.parametrize(
    ("front_end", "forbidden"),
    [("ftready.tui", "ftready.cli"), ("ftready.report", "ftready.cli"), ("ftready.report", "ftready.tui")],
)
def test_no_front_end_reaches_another(graph: Graph, front_end: str, forbidden: str) -> None:
    problems = []
    for module in sorted(m for m in graph if _within(m, front_end)):
        path = path_to(graph, module, forbidden)
        if path:
            problems.append(_where(graph, path))
    assert not problems, f"{front_end} must not import {forbidden}:\n" + "\n".join(problems)


def test_the_cli_starts_the_app_only_through_run_app(graph: Graph) -> None:
    entries = []
    problems = []
    for module in sorted(m for m in graph if _within(m, "ftready.cli")):
        for target, imports in graph[module].items():
            if target in GUI_LIBRARIES:
                problems.append(f"{module} (line {imports[0].line}) imports {target}")
            if not _within(target, "ftready.tui"):
                continue
            for imp in imports:
                if target == "ftready.tui" and imp.names == ("run_app",) and imp.where == "function":
                    entries.append(f"{module} line {imp.line}")
                else:
                    problems.append(
                        f"{module} (line {imp.line}) imports {target} {', '.join(imp.names)} ({imp.where}); only "
                        "`from ftready.tui import run_app` inside a function is allowed"
                    )
    assert not problems, "\n".join(problems)
    assert len(entries) == 1, f"expected one lazy run_app import in ftready.cli, found {entries}"


def test_the_known_exceptions_are_written_as_real_modules(graph: Graph) -> None:
    names = {m for c in KNOWN_CYCLES for m in c} | {m for pair in KNOWN_LOAD_IMPORTS for m in pair}
    assert names <= set(graph), sorted(names - set(graph))


def test_the_core_and_the_command_line_load_without_textual() -> None:
    code = textwrap.dedent(
        """
        import sys
        import ftready
        ftready.analyse
        import ftready.cli
        gui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich") or m.startswith("ftready.tui"))
        print(",".join(gui))
        """
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "", f"importing the core or the command line loaded: {res.stdout.strip()}"


# ------------------------------------------------------------------------------------------------ the tools


def test_find_cycles_on_a_small_graph() -> None:
    g = {
        "a": ["b"],
        "b": ["c", "d"],
        "c": ["a"],  # a -> b -> c -> a
        "d": ["b", "e"],  # b -> d -> b
        "e": ["e"],  # a self-import
        "f": ["a"],  # leads into a cycle but is on none
    }
    assert find_cycles(g) == [("a", "b", "c"), ("b", "d"), ("e",)]
    assert find_cycles({"a": ["b"], "b": ["c"], "c": []}) == []
    assert find_cycles({"x": ["y"], "y": ["x"]}, limit=1) == [("x", "y")]
    assert canonical(("c", "a", "b")) == ("a", "b", "c")
    assert show(("a", "b")) == "a -> b -> a"


def test_path_to_finds_indirect_imports_and_submodules() -> None:
    g = {"load": ["tokens"], "tokens": ["checks.registry"], "checks.registry": []}
    assert path_to(g, "load", "checks") == ["load", "tokens", "checks.registry"]
    assert path_to(g, "tokens", "load") is None
    assert path_to(g, "load", "load") is None  # a module does not reach itself by being itself


def test_the_graph_reads_every_kind_of_import(tmp_path: Path) -> None:
    pkg = tmp_path / "ftready"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("X = 1\n")
    (pkg / "b.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import c\n")
    (pkg / "sub" / "c.py").write_text(
        textwrap.dedent(
            """
            from typing import TYPE_CHECKING
            import textual.app
            from ..a import X
            if TYPE_CHECKING:
                from ftready import b
            def f():
                import importlib
                from ftready.sub import d
                return importlib.import_module("ftready.a")
            """
        )
    )
    (pkg / "sub" / "d.py").write_text("import ftready.sub.c\n")
    g = build_graph(discover(tmp_path))
    c = g["ftready.sub.c"]
    assert {t: sorted({i.where for i in imps}) for t, imps in c.items()} == {
        "typing": ["module"],
        "textual": ["module"],
        "importlib": ["function"],
        "ftready.a": ["function", "module"],
        "ftready.b": ["type"],
        "ftready.sub.d": ["function"],
    }
    assert c["ftready.a"][0].names == ("X",)
    assert set(g["ftready.sub"]) == {"ftready.sub.c"}
    assert set(g["ftready.sub.d"]) == {"ftready.sub.c"}
    internal = {a: [b for b in t if b in g] for a, t in g.items()}
    assert find_cycles(internal) == [("ftready.sub.c", "ftready.sub.d")]
