"""`netevent suggest`: ranked introductions with reasons, and a note for professions the data doesn't know."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netevent.cli import cli

EVENT = """
[event]
title = "Suggest Test"
date = 2026-12-03

[[attendee]]
name = "Wes Wrangler"
profession = "Canine enrichment specialist"
ask = "People who just got a puppy."
offer = "Enrichment walks for dog owners."

[[attendee]]
name = "Vic Vet"
profession = "Vet"
ask = "New puppy owners."

[[attendee]]
name = "Kim Realty"
profession = "Realtor"

[[attendee]]
name = "Lou Loans"
profession = "Loan officer"
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    event = tmp_path / "event.toml"
    event.write_text(EVENT, encoding="utf-8")
    path = tmp_path / "store.json"
    result = CliRunner().invoke(cli, ["init", str(event), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_suggest_says_which_profession_is_not_recognised(store: Path) -> None:
    result = CliRunner().invoke(cli, ["suggest", str(store)])
    assert result.exit_code == 0, result.output
    assert "Vic Vet ↔ Wes Wrangler" in result.stdout  # still matched, through the ask and offer words
    assert "Both serve pet owners" in result.stdout
    notes = [line for line in result.stdout.splitlines() if "not recognised" in line]
    assert len(notes) == 1 and "Wes Wrangler" in notes[0] and "Canine enrichment specialist" in notes[0]
    assert "Kim Realty ↔ Lou Loans" in result.stdout  # US names are known: no note for them


def test_suggest_json_keeps_one_object_per_line_and_puts_the_note_on_stderr(store: Path) -> None:
    result = CliRunner().invoke(cli, ["suggest", str(store), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["a"], r["b"]) for r in rows} >= {("Vic Vet", "Wes Wrangler"), ("Kim Realty", "Lou Loans")}
    assert all(r["reasons"] for r in rows)
    assert "Wes Wrangler" in result.stderr and "not recognised" in result.stderr
