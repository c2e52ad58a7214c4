"""The shape of the code: packages in pipeline order, imports pointing down it, a core without MkDocs.

    kinds ─ addresses ─ loading ─ validation ─ model ─ pipeline ─ rendering ─ outputs ─ glue

``LAYERS`` is that order, lowest first. A module may import its own package and the packages
of lower layers, never a higher one nor another package of its own layer (outputs stay
independent of each other). The core (reading, checking, the model, the page sources) must
import without MkDocs or its theme, so that the handbook can move to another generator.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "maillage"
LAYERS: list[set[str]] = [
    {"kinds"},
    {"addresses"},
    {"loading"},
    {"validation"},
    {"model"},
    {"pipeline"},
    {"rendering"},
    {"printing", "finder", "search", "proposals", "opendata", "news", "diagnostic", "redirects"},
    {"workshop"},  # made of the print documents' parts
    {"producers", "serving", "config", "navigation", "site_theme", "memory"},
    {"commands", "plugin"},
]
CORE = ["kinds", "addresses", "loading", "validation", "model", "pipeline", "rendering"]


def unit_of(path: Path) -> str:
    """A module's package under ``maillage`` (``loading``), or the module itself at the top."""
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


def imported_units(path: Path) -> set[str]:
    """The units a module imports from ``maillage``, from its source (relative imports)."""
    package = path.relative_to(PACKAGE).parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        base = list(package[: len(package) - (node.level - 1)])
        target = base + (node.module.split(".") if node.module else [])
        names = [target[0]] if target else [alias.name for alias in node.names]
        found.update(names)
    return found


def layer_of(unit: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if unit in layer)


def test_every_package_has_its_place_in_the_pipeline() -> None:
    units = {unit_of(path) for path in PACKAGE.rglob("*.py")} - {"__init__"}
    assert units == set().union(*LAYERS), "a package to place in LAYERS, or one that is gone"


def test_imports_point_down_the_pipeline() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = unit_of(path)
        if unit == "__init__":
            continue
        for other in imported_units(path) - {unit}:
            if layer_of(other) >= layer_of(unit):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {other} "
                             f"(layer {layer_of(other)} ≥ {layer_of(unit)})")
    assert wrong == []


@pytest.mark.parametrize("unit", CORE)
def test_the_core_imports_without_mkdocs(unit: str) -> None:
    modules = sorted({f"maillage.{'.'.join(path.relative_to(PACKAGE).with_suffix('').parts)}"
                      .removesuffix(".__init__")
                      for path in (PACKAGE / unit).rglob("*.py")} if (PACKAGE / unit).is_dir()
                     else {f"maillage.{unit}"})
    program = ("import sys\n"
               "for name in ('mkdocs', 'material', 'pymdownx'):\n"
               "    sys.modules[name] = None  # any import of them fails\n"
               f"for module in {modules!r}:\n"
               "    __import__(module)\n")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_plugin_type_checks() -> None:
    """mypy over plugins/, as configured in pyproject.toml: no error."""
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
