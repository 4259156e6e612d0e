"""Helpers for the roster tests: write an event file or CSV into a temp folder, exactly as bytes or encoded text."""

from __future__ import annotations

from pathlib import Path

from netevent.event_files.load import Problem, validate

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_events"


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    """A file holding `content`, text encoded with `encoding` (newlines kept as written)."""
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def only_problem(path: Path) -> Problem:
    """The single problem validate reports, failing the test when there are none or several."""
    problems = validate(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]
