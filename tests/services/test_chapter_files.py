"""The chapter's inputs: event-file keys with located one-line problems, damaged follow-ups, scorecard.toml."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import one_line_error
from roster_fixtures import only_problem, write

from netevent.cli import cli
from netevent.event_files.load import load_event, validate

HEAD = """\
[event]
title = "Harbour Breakfast"
date = 2026-01-06
"""
ROSTER = """
[[attendee]]
name = "Ann Archer"

[[attendee]]
name = "Vera Vale"
role = "visitor"
invited_by = "Ann Archer"
"""


def test_the_chapter_defaults_to_the_title_and_the_cadence_to_weekly(tmp_path: Path) -> None:
    event = load_event(write(tmp_path, "club.toml", HEAD + ROSTER))
    assert event.chapter_name == "Harbour Breakfast" and event.cadence == "weekly" and event.minutes == 90
    assert event.attendees[1].invited_by == "Ann Archer"


def test_a_misspelt_cadence_gets_a_suggestion_on_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "club.toml", HEAD + 'cadence = "fortnighly"\n' + ROSTER)
    assert str(only_problem(path)) == f"{path}:4: unknown cadence 'fortnighly'; did you mean 'fortnightly'?"


def test_minutes_must_be_a_meeting_length(tmp_path: Path) -> None:
    path = write(tmp_path, "club.toml", HEAD + "minutes = 0\n" + ROSTER)
    problem = str(only_problem(path))
    assert problem.startswith(f"{path}:4:") and "minutes" in problem


def test_invited_by_must_name_someone_on_the_roster(tmp_path: Path) -> None:
    path = write(tmp_path, "club.toml", HEAD + ROSTER.replace('invited_by = "Ann Archer"', 'invited_by = "Ann Acher"'))
    problems = [str(p) for p in validate(path)]
    assert len(problems) == 1 and "Ann Acher" in problems[0] and "Ann Archer" in problems[0]


def test_a_damaged_follow_up_in_a_store_is_named_and_nothing_is_overwritten(tmp_path: Path) -> None:
    runner = CliRunner()
    store = Path(runner.invoke(cli, ["init", str(write(tmp_path, "club.toml", HEAD + ROSTER))]).stdout.strip())
    data = json.loads(store.read_text(encoding="utf-8"))
    data["followups"] = {"1": {"record": "2026-01-06-1", "status": "wonn", "schema": 1}}
    store.write_text(json.dumps(data), encoding="utf-8")
    before = store.read_bytes()
    result = runner.invoke(cli, ["referral", "add", str(store), "--from", "Ann", "--to", "Vera"])
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "followups" in line and "wonn" in line
    assert store.read_bytes() == before


def test_a_bad_scorecard_file_is_one_line_naming_the_key(tmp_path: Path) -> None:
    runner = CliRunner()
    store = runner.invoke(cli, ["init", str(write(tmp_path, "club.toml", HEAD + ROSTER))]).stdout.strip()
    (Path(store).parent / "scorecard.toml").write_text("green = 80\nambr = 60\n", encoding="utf-8")
    result = runner.invoke(cli, ["history", store])
    assert result.exit_code == 2 and "ambr" in one_line_error(result)
    (Path(store).parent / "scorecard.toml").write_text("green = 100\namber = 100\nred = 100\n", encoding="utf-8")
    history = json.loads(runner.invoke(cli, ["history", store, "--format", "json"]).stdout)
    assert {m["light"] for m in history["members"]} == {"grey"}  # nobody reaches a bar set that high
