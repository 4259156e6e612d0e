"""event.json: validates against the shipped schema, rebuilds an equal store, and refuses bad files in one line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from meetings import SCRIPT_NOTE, TRICKY_NOTE, build_store

from netevent.domain.chapter import FollowUp, Goal
from netevent.export import EventJSONError, export_all, load_event_json, restore_store, schema
from netevent.store.atomic import StoreError
from netevent.store.repository import Store


@pytest.fixture
def exported(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    with build_store(tmp_path / "store.json") as store:
        (path,) = export_all(store, tmp_path / "out", {"json"})
        yield store, path


def contents(store: Store) -> dict[str, Any]:
    """What makes two stores the same meeting (ids and tokens are the store's own business)."""
    return {
        "event": store.event().settings_dict(),
        "attendees": [a.to_dict() for a in store.attendees()],
        "referrals": [r.to_dict() for r in store.referrals()],
        "pitches": [p.to_dict() for p in store.pitches()],
        "round": store.get_state("round"),
    }


def test_event_json_validates_against_the_packaged_schema_and_keeps_tokens_out(exported: tuple[Store, Path]) -> None:
    store, path = exported
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema())
    assert data["schema_version"] == 1
    assert [a["name"] for a in data["attendees"]] == ["Zoë Müller", "José García", "Sarah Patel", "Siobhán O'Connor"]
    assert [a["attendance"] for a in data["attendees"]] == ["present", "late", "absent", "visitor"]
    assert [r["note"] for r in data["referrals"][:2]] == [TRICKY_NOTE, SCRIPT_NOTE]
    assert len(data["pitches"]) == 3 and data["state"]["round"]["position"] == 2
    text = path.read_text(encoding="utf-8")
    assert all(token not in text for token in store.tokens().values())
    assert store.room_token() not in text
    assert "Zoë" in text  # written as UTF-8, not \u escapes


def test_restore_store_rebuilds_an_equal_meeting(exported: tuple[Store, Path], tmp_path: Path) -> None:
    store, path = exported
    with Store(tmp_path / "fresh.json", durable=False) as fresh:
        counts = restore_store(fresh, path)
        assert counts == {"attendees": 4, "referrals": 5, "pitches": 3, "state": 1, "followups": 0, "goals": 0}
        assert contents(fresh) == contents(store)
        assert set(fresh.tokens().values()).isdisjoint(store.tokens().values())  # new links, old ones stay private
        # the walk-in is still a walk-in: loading the original roster again would not drop her
        assert (
            export_all(fresh, tmp_path / "again", "json")[0].read_text(encoding="utf-8").count('"walk_in": true') == 1
        )


def test_restore_keeps_record_numbers_follow_ups_and_goals(tmp_path: Path) -> None:
    """A later meeting's follow-up names a record by its number: a restored meeting must keep the numbers."""
    with build_store(tmp_path / "store.json") as store:
        gone = store.referrals()[1].id
        store.delete_referral(gone)  # an undo at the desk leaves a gap in the numbers
        kept = [r.id for r in store.referrals()]
        store.add_followup(FollowUp(f"2025-12-30-{kept[0]}", "won", value=800.0, note="signed"))
        store.set_goal(Goal("Sarah Patel", referrals=2, one_to_ones=1))
        (path,) = export_all(store, tmp_path / "out", {"json"})
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema())
        with Store(tmp_path / "fresh.json", durable=False) as fresh:
            counts = restore_store(fresh, path)
            assert (counts["followups"], counts["goals"]) == (1, 1)
            assert [r.id for r in fresh.referrals()] == kept and gone not in kept
            assert fresh.followups() == store.followups()
            assert [(g.name, g.referrals, g.one_to_ones) for g in fresh.goals()] == [("Sarah Patel", 2, 1)]


def test_load_event_json_returns_the_event_records_pitches_and_state(exported: tuple[Store, Path]) -> None:
    store, path = exported
    event, referrals, pitches, state = load_event_json(path)
    assert event.title == "Café Club <Leeds>" and len(event.attendees) == 4
    assert [r.kind for r in referrals] == ["referral", "one-to-one", "one-to-one", "closed", "introduction"]
    assert [p.speaker for p in pitches] == ["Zoë Müller", "José García", "Sarah Patel"]
    assert state == {"round": store.get_state("round")}


def test_restore_refuses_a_store_that_already_holds_a_meeting(exported: tuple[Store, Path]) -> None:
    store, path = exported
    with pytest.raises(StoreError, match="already holds a meeting"):
        restore_store(store, path)


def _broken(path: Path, change: Any) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    bad = path.with_name("bad.json")
    bad.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return bad


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["attendees"][1].update(email=5), r"attendees\[1\]\.email: 5 is not of type 'string'"),
        (lambda d: d["attendees"][2].update(emial="x"), r"attendees\[2\]: .*'emial' was unexpected"),
        (lambda d: d["referrals"][0].update(kind="gift"), r"referrals\[0\]\.kind: 'gift' is not one of"),
        (lambda d: d["referrals"][3].update(temperature=9), r"referrals\[3\]\.temperature: 9 is greater than"),
        (
            lambda d: d["attendees"][3].update(name="zoë  MÜLLER"),
            r"attendees\[3\]\.name: .* listed twice .*attendees\[0\]",
        ),
        (lambda d: d["event"].update(date="2026-02-30"), r"event\.date: '2026-02-30' is not a real date"),
        (lambda d: d.pop("pitches"), r"top level: 'pitches' is a required property"),
        (lambda d: d.update(schema_version=7), r"written by a newer netevent \(schema 7\); upgrade"),
    ],
)
def test_bad_event_json_is_a_one_line_error_naming_file_and_field(
    exported: tuple[Store, Path], change: Any, expected: str
) -> None:
    bad = _broken(exported[1], change)
    with pytest.raises(EventJSONError, match=expected) as caught:
        load_event_json(bad)
    message = str(caught.value)
    assert message.startswith(f"{bad}: ") and "\n" not in message


def test_broken_json_syntax_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "event.json"
    bad.write_text('{\n "schema_version": 1,\n "event": {"title": "x",}\n}\n', encoding="utf-8")
    with pytest.raises(EventJSONError, match=r"event\.json:3:\d+: not valid JSON") as caught:
        load_event_json(bad)
    assert "\n" not in str(caught.value)
    with pytest.raises(EventJSONError, match="no such file"):
        load_event_json(tmp_path / "missing.json")
