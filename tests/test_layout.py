"""The stages' imports follow the data flow (spiders -> pipeline -> store -> dedupe -> datasette), and
only pipeline/store.py creates or alters tables."""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import ROOT

#: Which top-level packages each stage may import (pmjobs/, the conductor, may import them all).
MAY_IMPORT = {"spiders": {"spiders"}, "pipeline": {"spiders", "pipeline"}, "dedupe": {"spiders", "pipeline", "dedupe"}}
PROJECT_PACKAGES = {"spiders", "pipeline", "dedupe", "pmjobs"}
SCHEMA_CHANGE = re.compile(r"\.(create|drop|add_column|enable_fts|transform|create_table)\(|\b(create|alter|drop)\s+table\b", re.I)


def modules(package: str) -> list:
    return sorted(path for path in (ROOT / package).rglob("*.py") if "snapshots" not in path.parts)


def imported_packages(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names & PROJECT_PACKAGES


@pytest.mark.parametrize("stage", sorted(MAY_IMPORT))
def test_imports_never_turn_back(stage):
    assert modules(stage)
    for path in modules(stage):
        wrong = imported_packages(path) - MAY_IMPORT[stage]
        assert not wrong, f"{path.relative_to(ROOT)} imports {', '.join(sorted(wrong))}"


def test_only_the_store_creates_or_alters_tables():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in PROJECT_PACKAGES
        for path in modules(package)
        if path != ROOT / "pipeline" / "store.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SCHEMA_CHANGE.search(line) and "create_function" not in line and "create_aggregate" not in line
    ]
    assert not offenders, "\n".join(offenders)
