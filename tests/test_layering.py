"""Qt lives only in wellbeing_app/ui: the lower layers import with PySide6 blocked."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support import REPO_ROOT

LOWER_LAYERS = ("domain", "storage", "services")

_BLOCKER = textwrap.dedent(
    """
    import importlib.abc, pkgutil, sys

    BLOCKED = ("PySide6", "shiboken6", "matplotlib")

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked by the layering test: {name}")
            return None

    sys.meta_path.insert(0, Block())
    import wellbeing_app
    names = ["wellbeing_app.paths", "wellbeing_app.cli", "wellbeing_app.hardening"]
    for layer in sys.argv[1:]:
        package = __import__(f"wellbeing_app.{layer}", fromlist=["x"])
        names.append(package.__name__)
        names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    for name in names:
        __import__(name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    assert not leaked, leaked
    print(len(names))
    """
)


def test_lower_layers_import_with_qt_and_matplotlib_blocked() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKER, *LOWER_LAYERS],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 10  # every module was really imported


def test_the_blocker_really_blocks() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKER.replace("import wellbeing_app\n", "import PySide6\n")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert done.returncode != 0
    assert "blocked by the layering test" in done.stderr


def test_no_qt_import_statement_below_ui() -> None:
    package = REPO_ROOT / "wellbeing_app"
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for layer in LOWER_LAYERS
        for path in (package / layer).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_app_has_no_network_code() -> None:
    banned = ("import socket", "import requests", "urllib.request", "http.client", "import httpx")
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {word}"
        for path in Path(REPO_ROOT / "wellbeing_app").rglob("*.py")
        for word in banned
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


# -- one door, and no circles --------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, *, type_checking: bool = False) -> set[str]:
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    return _imports_in(path.read_text(encoding="utf-8"), package, type_checking=type_checking)


def _imports_in(source: str, package: str, *, type_checking: bool = False) -> set[str]:
    """Every wellbeing_app module ``source`` imports, at module level or inside functions.

    Imports under ``if TYPE_CHECKING:`` run only for the type checker; they
    count only when ``type_checking`` is True.
    """
    tree = ast.parse(source)
    skipped: set[int] = set()
    if not type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped |= {id(inner) for inner in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] == "wellbeing_app"}


def _package_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in (REPO_ROOT / "wellbeing_app").rglob("*.py")}


def test_the_app_and_the_command_line_never_import_storage() -> None:
    package = REPO_ROOT / "wellbeing_app"
    doors = [*sorted((package / "ui").rglob("*.py")), package / "cli.py"]
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in doors
        for name in sorted(_imports(path, type_checking=True))
        if name == "wellbeing_app.storage" or name.startswith("wellbeing_app.storage.")
    ]
    assert offenders == []


def test_the_import_reader_sees_every_kind_of_import() -> None:
    source = textwrap.dedent(
        """
        import wellbeing_app.storage.files
        from ..storage import vault
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from wellbeing_app.storage.backup import write_backup
        def later():
            from wellbeing_app.storage.journal import JournalQuery
        """
    )
    plain = _imports_in(source, "wellbeing_app.ui")
    assert {
        "wellbeing_app.storage.files",
        "wellbeing_app.storage.vault",
        "wellbeing_app.storage.journal",
    } <= plain
    assert "wellbeing_app.storage.backup" not in plain
    assert "wellbeing_app.storage.backup" in _imports_in(
        source, "wellbeing_app.ui", type_checking=True
    )


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_the_package_has_no_import_cycles() -> None:
    modules = _package_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            # "from wellbeing_app.storage import vault" names a module; "from x import y"
            # may name a function: keep whichever of the two is a module.
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle a depth-first walk of ``graph`` meets, as the path round it."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles
