"""`netevent next`: the next meeting's event file, written from this one as its store has it now.

Members are carried with their latest ask, offer, sphere and contact (as edited during the meeting); visitors and
substitutes are not, but are returned so they can be followed up. The file is checked by the same parser
`netevent validate` uses before it is written, so what `next` writes always loads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from netevent.domain.chapter import next_date
from netevent.domain.models import Attendee, Event, Role
from netevent.errors import UserError
from netevent.event_files.event_toml import parse_toml
from netevent.export.files import replace_file
from netevent.store.naming import slugify

HEADER = (
    "# Written by `netevent next` from {source}.\n"
    "# Members carried with their latest asks; check and edit freely.\n\n"
)


@dataclass(slots=True)
class NextMeeting:
    path: Path
    event: Event
    visitors: list[Attendee]  # who came as a guest: to follow up, not carried


def next_event(event: Event, date: dt.date | None = None) -> tuple[Event, list[Attendee]]:
    """The next meeting: this one's settings and members, on the next date (by the cadence unless given)."""
    if date is None:
        if event.date is None:
            raise UserError("the meeting has no date, so the next one cannot be dated; pass --date YYYY-MM-DD")
        date = next_date(event.date, event.cadence)
    members = [p for p in event.attendees if p.role == Role.MEMBER.value]
    visitors = [p for p in event.attendees if p.role == Role.VISITOR.value and not p.is_absent]
    carried = Event.from_settings({**event.settings_dict(), "date": date.isoformat(), "feature": None})
    carried.chapter = event.chapter_name  # spelled out, so a new title next week stays in the same chapter
    carried.attendees = [Attendee(**_carried_fields(p)) for p in members]
    return carried, visitors


def _carried_fields(person: Attendee) -> dict[str, Any]:
    keep = ("name", "business", "profession", "email", "phone", "website", "ask", "offer", "sphere",
            "share_contact", "pitch_seconds")  # fmt: skip
    return {key: getattr(person, key) for key in keep}


def event_toml(event: Event) -> str:
    """The event as an event file (DESIGN §3), defaults left out so the file reads like a hand-written one."""
    settings: dict[str, Any] = {"title": event.title}
    if event.date:
        settings["date"] = event.date
    if event.starts:
        settings["starts"] = event.starts
    defaults = Event(title="")
    for key in ("venue", "pitch_seconds", "visitor_pitch_seconds", "amber_seconds", "order", "currency", "chapter",
                "cadence", "minutes"):  # fmt: skip
        value = getattr(event, key)
        if value != getattr(defaults, key) or key in ("chapter", "cadence"):
            settings[key] = value
    people = []
    for person in event.attendees:
        entry = {k: v for k, v in _carried_fields(person).items() if v not in ("", None, [])}
        if entry.get("share_contact") is True:
            del entry["share_contact"]
        people.append(entry)
    return tomli_w.dumps({"event": settings, "attendee": people})


def write_next(event: Event, source: str, target: Path | None, *, date: dt.date | None = None,
               force: bool = False, folder: Path | None = None) -> NextMeeting:  # fmt: skip
    """Write the next meeting's file (beside `folder`, named after the title and date, unless `target` is given)."""
    carried, visitors = next_event(event, date)
    assert carried.date is not None
    path = target or (folder or Path.cwd()) / f"{slugify(carried.title)}-{carried.date.isoformat()}.toml"
    if path.exists() and not force:
        raise UserError(f"{path} already exists; pass --force to overwrite it, or --to another file")
    text = HEADER.format(source=source) + event_toml(carried)
    checked, problems = parse_toml(text.encode("utf-8"), str(path))
    if checked is None:  # the store held something the event file cannot say: name it rather than write it
        raise UserError(f"the next meeting's file would not load ({problems[0] if problems else 'unreadable'}); "
                        "fix that attendee in this meeting first")  # fmt: skip
    try:
        replace_file(path, text)
    except OSError as exc:
        raise UserError(f"{path}: cannot write it ({exc.strerror}); choose another place with --to") from None
    return NextMeeting(path, checked, visitors)
