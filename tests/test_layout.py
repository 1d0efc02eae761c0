"""The package's shape: no import cycle, and test modules that do not lean on each other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "summarizer"
TESTS = Path(__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    """The package modules `path` imports at module level (not inside functions)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return {name for name in found if (PACKAGE / f"{name}.py").exists()}


def test_no_import_cycle_in_the_package() -> None:
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py")}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = " -> ".join([*path[path.index(name) :], name])
            raise AssertionError(f"import cycle: {cycle}")
        if name in done:
            return
        for other in sorted(graph.get(name, ())):
            visit(other, [*path, name])
        done.add(name)

    for module in sorted(graph):
        visit(module, [])


def test_test_modules_share_helpers_through_helper_modules_only() -> None:
    for path in TESTS.glob("test_*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("test_"):
                raise AssertionError(f"{path.name} imports {node.module}: use a helper module")


# "About 400 lines": a module over LIMIT is split.
LIMIT = 420


def test_modules_stay_about_four_hundred_lines() -> None:
    for path in PACKAGE.glob("*.py"):
        lines = len(path.read_text("utf-8").splitlines())
        assert lines <= LIMIT, f"{path.name} has {lines} lines (at most {LIMIT})"
