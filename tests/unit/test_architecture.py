"""The domain layer stays pure: it can be tested in microseconds and reused anywhere."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "netevent" / "domain"
FORBIDDEN = {"textual", "tinydb", "aiohttp", "jinja2", "qrcode", "click", "rich", "platformdirs"}


def test_domain_modules_import_no_framework() -> None:
    offenders = []
    for path in DOMAIN.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_the_domain_loads_neither_textual_nor_tinydb() -> None:
    code = (
        "import sys, pkgutil, importlib, netevent.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('netevent.domain.' + m.name)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in {'textual', 'tinydb', 'aiohttp'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
