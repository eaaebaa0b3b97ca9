"""policy/ stays pure: no I/O, no Qt, no network, no clock or environment reads."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

POLICY = Path(__file__).resolve().parents[2] / "policy"
FORBIDDEN_MODULES = {
    "os", "io", "pathlib", "socket", "subprocess", "requests", "urllib", "http", "sqlite3",
    "sqlalchemy", "PySide6", "aiortc", "time", "tomllib", "json", "logging", "random",
}  # fmt: skip
FORBIDDEN_CALLS = {"now", "today", "utcnow", "open", "getenv", "print", "input"}


@pytest.mark.parametrize("path", sorted(POLICY.glob("*.py")), ids=lambda p: p.name)
def test_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name} imports {name}"
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert called not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {called}()"
