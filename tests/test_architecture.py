"""The core stays Qt-free, so the CLI and the domain run without a display."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "reader" / "core"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_sources_never_import_qt() -> None:
    offenders = {
        str(path.relative_to(CORE)): sorted(
            m
            for m in _imported_modules(path)
            if m.split(".")[0] in {"PySide6", "shiboken6", "PyQt6"}
        )
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        "reader.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _import_cycles(runtime_only: bool = True) -> list[list[str]]:
    """Strongly connected groups of reader modules that import each other.

    With ``runtime_only``, imports under ``if TYPE_CHECKING:`` are left out: they never
    execute, so they cannot make a half-initialised module.
    """
    import grimp

    # No cache: a stale one was seen to keep an import after it was removed.
    graph = grimp.build_graph("reader", exclude_type_checking_imports=runtime_only, cache_dir=None)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graph is small
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.find_modules_directly_imported_by(node):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycles_inside_reader() -> None:
    assert _import_cycles() == []


def test_no_import_cycles_even_through_annotations() -> None:
    """Two modules that name each other, even only in annotations, know too much of each
    other: one of them takes a Protocol of what it uses (ui/synthesis/host.py,
    ui/window/state.py) or is passed what it needs (ui/window/chrome.py)."""
    assert _import_cycles(runtime_only=False) == []


def test_import_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """The layer contracts in pyproject.toml (also run by .ci/run as `lint-imports`)."""
    from importlinter.application.use_cases import lint_imports
    from importlinter.configuration import configure

    configure()
    monkeypatch.chdir(CORE.parents[1])
    config = str(CORE.parents[1] / "pyproject.toml")
    assert lint_imports(config_filename=config, cache_dir=None, no_logo=True) is True


# -- SQL lives in the store modules only ----------------------------------------------------

READER = CORE.parent
SQL_HOMES = re.compile(r"core/(store[a-z_]*|schema)\.py")
SQL_WORDS = re.compile(
    r"\b(SELECT\s|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b"
    r"|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)\b|DROP\s+(TABLE|INDEX|TRIGGER)\b|PRAGMA\s)"
)
SQL_CALLS = {"execute", "executemany", "executescript"}
# Files that still hold SQL, each in an area another branch was rewriting when this test
# was written (issue 12). Move their queries into a reader/core/store_*.py module and
# take them off this list: it only shrinks.
STILL_HOLDING_SQL: set[str] = set()  # none left


def _store_query(node: ast.AST) -> bool:
    """A call of ``Store.query`` (``store.query(…)``, ``library.store.query(…)``): raw SQL
    even when the statement is built elsewhere."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    owner = node.func.value
    name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
    return node.func.attr == "query" and name.lstrip("_").endswith("store")


def _sql_in(path: Path) -> list[str]:
    """Where ``path`` runs SQL or spells a statement (``line: what``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS
        ):
            found.append(f"{node.lineno}: .{node.func.attr}()")
        elif _store_query(node):
            found.append(f"{node.lineno}: store.query()")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL_WORDS.search(node.value)
        ):
            found.append(f"{node.lineno}: {node.value[:40]!r}")
    return found


def test_no_sql_outside_the_store_modules() -> None:
    holding = {}
    for path in sorted(READER.rglob("*.py")):
        name = path.relative_to(READER).as_posix()
        if not SQL_HOMES.fullmatch(name) and (found := _sql_in(path)):
            holding[name] = found
    assert set(holding) - STILL_HOLDING_SQL == set(), holding
    assert STILL_HOLDING_SQL - set(holding) == set(), "take it off STILL_HOLDING_SQL"


def test_the_sql_finder_finds_sql(tmp_path: Path) -> None:
    assert _sql_in(CORE / "store.py")
    assert not _sql_in(CORE / "dates.py")
    caller = tmp_path / "caller.py"
    caller.write_text(
        "def used(window, q):\n"
        "    window.library.store.query(q)\n"
        "    store.query(q, ())\n"
        "    window.search.query()\n",  # not a store: a search box's text
        encoding="utf-8",
    )
    assert _sql_in(caller) == ["2: store.query()", "3: store.query()"]


def test_the_ui_and_the_commands_hold_no_sql() -> None:
    """The UI and the CLI ask the core (``reader.core.themes.used_theme_ids``, …), never
    the store's connection: the rule and its SQL then have one home each."""
    for layer in ("ui", "commands"):
        for path in sorted((READER / layer).rglob("*.py")):
            assert _sql_in(path) == [], path.relative_to(READER)
    assert _sql_in(READER / "cli.py") == []
