"""event.json: the whole meeting in one versioned file that loads back into an equal store.

Summary tokens are left out on purpose: the file gets mailed around, and a token is the key to a
person's page. A restored store issues fresh tokens.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netevent import __version__
from netevent.domain.chapter import FollowUp, Goal
from netevent.domain.models import Attendee, Event, Pitch, Referral, name_key
from netevent.errors import UserError
from netevent.export.files import replace_file
from netevent.export.snapshot import Snapshot, plain
from netevent.store.atomic import StoreError

if TYPE_CHECKING:
    from netevent.store.repository import Store

SCHEMA_VERSION = 1
SCHEMA_FILE = "event.schema.json"


class EventJSONError(UserError):
    """A bad event.json, as one line naming the file and the field; a StoreError so the CLI exits 2 on it."""


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema shipped in the package, for validating and for anyone writing their own importer."""
    return json.loads(resources.files("netevent.export").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def event_document(snap: Snapshot) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"netevent {__version__}",
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "event": snap.event.settings_dict(),
        "attendees": [{**plain(a), "walk_in": a.key in snap.walk_ins} for a in snap.attendees],
        "referrals": [{"id": r.id, **plain(r)} for r in snap.referrals],
        "pitches": [{"id": p.id, **plain(p)} for p in snap.pitches],
        "state": snap.state,
        "followups": [change.to_dict() for change in snap.followups],
        "goals": [goal.to_dict() for goal in snap.goals],
    }


def write_event_json(snap: Snapshot, folder: Path) -> Path:
    path = folder / "event.json"
    return replace_file(path, json.dumps(event_document(snap), ensure_ascii=False, indent=1) + "\n")


def _where(parts: Any) -> str:
    """A JSON location as people write it: attendees[3].email."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "top level"


def _fail(path: Path, where: str, problem: str) -> EventJSONError:
    problem = problem if len(problem) <= 140 else problem[:137] + "..."
    return EventJSONError(f"{path}: {where}: {problem}; fix the file or export it again with `netevent export`")


def _parse(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EventJSONError(f"{path}: no such file; check the path") from None
    except UnicodeDecodeError:
        raise EventJSONError(f"{path}: not UTF-8 text; is this really a netevent event.json?") from None
    except OSError as exc:
        raise EventJSONError(f"{path}: cannot read it ({exc.strerror}); check the path and permissions") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EventJSONError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); fix the file or export it again"
        ) from None
    if not isinstance(data, dict):
        raise _fail(path, "top level", "expected a JSON object")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise EventJSONError(f"{path}: written by a newer netevent (schema {version}); upgrade netevent to load it")
    import jsonschema  # a runtime dependency: the shipped schema is the validator

    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema()).iter_errors(data))
    if error is not None:
        raise _fail(path, _where(error.absolute_path), error.message)
    return data


def _date(path: Path, where: str, value: str | None, parse: Any) -> None:
    if value:
        try:
            parse(value)
        except ValueError:
            raise _fail(path, where, f"{value!r} is not a real date or time") from None


def _read(path: str | Path) -> tuple[Event, list[Referral], list[Pitch], dict[str, Any], set[str]]:
    return _read_data(Path(path), _parse(Path(path)))


def _chapter_parts(data: dict[str, Any]) -> tuple[list[FollowUp], list[Goal]]:
    """Follow-ups and goals given at the meeting; files exported before chapters existed have neither."""
    followups = [FollowUp.from_dict(doc) for doc in data.get("followups", [])]
    return followups, [Goal.from_dict(doc) for doc in data.get("goals", [])]


def _read_data(path: Path, data: dict[str, Any]) -> tuple[Event, list[Referral], list[Pitch], dict[str, Any], set[str]]:
    settings = data["event"]
    _date(path, "event.date", settings.get("date"), dt.date.fromisoformat)
    _date(path, "event.starts", settings.get("starts"), dt.time.fromisoformat)
    seen: dict[str, int] = {}
    walk_ins: set[str] = set()
    attendees = []
    for i, doc in enumerate(data["attendees"]):
        key = name_key(doc["name"])
        if key in seen:
            raise _fail(path, f"attendees[{i}].name", f"{doc['name']!r} is listed twice (also attendees[{seen[key]}])")
        seen[key] = i
        if doc.get("walk_in"):
            walk_ins.add(key)
        attendees.append(Attendee.from_dict(doc))
    event = Event.from_settings(settings, attendees)
    referrals = [Referral.from_dict(doc, id=doc.get("id")) for doc in data["referrals"]]
    pitches = [Pitch.from_dict(doc) for doc in data["pitches"]]
    return event, referrals, pitches, dict(data["state"]), walk_ins




def load_event_json(path: str | Path) -> tuple[Event, list[Referral], list[Pitch], dict[str, Any]]:
    """Read an exported event.json: the event with its roster, the records, the pitches and the round state."""
    event, referrals, pitches, state, _ = _read(path)
    return event, referrals, pitches, state


def restore_store(store: Store, path: str | Path) -> dict[str, int]:
    """Rebuild a meeting from event.json into an empty store; returns how many of each thing were restored.

    Records keep their numbers, so follow-ups given at later meetings (by record id) still find them; walk-ins
    stay walk-ins so a later `init EVENT.toml` keeps them. One durable write: all of it, or nothing.
    """
    data = _parse(Path(path))
    event, referrals, pitches, state, walk_ins = _read_data(Path(path), data)
    followups, goals = _chapter_parts(data)
    if store.initialised or store.attendees() or store.referrals() or store.pitches():
        raise StoreError(f"{store.path}: already holds a meeting; restore {Path(path).name} into a new --store")
    with store.batch():
        _restore(store, event, walk_ins, referrals, pitches, state)
        for change in followups:
            store.add_followup(change)
        for goal in goals:
            store.set_goal(goal)
    counts = {"attendees": len(event.attendees), "referrals": len(referrals), "pitches": len(pitches)}
    return counts | {"state": len(state), "followups": len(followups), "goals": len(goals)}


def _restore(store: Store, event: Event, walk_ins: set[str], referrals: list[Referral], pitches: list[Pitch],
             state: dict[str, Any]) -> None:  # fmt: skip
    people = event.attendees
    first_walk_in = next((i for i, a in enumerate(people) if a.key in walk_ins), len(people))
    # Walk-ins are appended by the store, so keep them apart only when that keeps the roster order.
    if any(a.key not in walk_ins for a in people[first_walk_in:]):
        walk_ins = set()
    event.attendees = [a for a in people if a.key not in walk_ins]
    store.load_event(event)
    for person in people:
        if person.key in walk_ins:
            store.add_attendee(person)
    event.attendees = people
    numbered = len({r.id for r in referrals if r.id is not None}) == len(referrals)
    if numbered:
        for record in referrals:
            store.restore_referral(record)
    elif referrals:  # a hand-made file without ids (or with repeats): the store numbers them
        store.add_referrals(referrals)
    for pitch in pitches:
        store.add_pitch(pitch)
    for key, value in state.items():
        store.set_state(key, value)
