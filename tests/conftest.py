"""Shared fixtures: every test gets its own data dir, and a store loaded with the sample meeting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netevent.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_events"
SAMPLE_EVENT = SAMPLES / "riverside-breakfast.toml"


class FakeClock:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data dir: default stores and rule extensions go to a temp dir."""
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path_factory.mktemp("netevent-data")))


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sample_store(tmp_path: Path) -> Iterator[Store]:
    """A writable store holding the 20-person sample meeting."""
    from netevent.event_files.load import load_event

    store = Store(tmp_path / "meeting.json")
    store.load_event(load_event(SAMPLE_EVENT))
    yield store
    store.close()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_path(tmp_path: Path, runner: CliRunner) -> Path:
    """A store made from the sample meeting with `netevent init`, as a facilitator would."""
    from netevent.cli import cli

    path = tmp_path / "club.json"
    result = runner.invoke(cli, ["init", str(SAMPLE_EVENT), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def one_line_error(result: Result) -> str:
    """The one line a failed command printed on stderr; anything more (a traceback) fails the test."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]
