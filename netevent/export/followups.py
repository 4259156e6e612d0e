"""follow-ups.ics: every one-to-one booked at the meeting as a calendar entry with a reminder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar

from netevent import __version__
from netevent.domain.models import Attendee, Kind, Referral, name_key
from netevent.export.snapshot import Snapshot
from netevent.store import event_slug

FOLLOW_UP_AFTER = dt.timedelta(days=7)  # chapters book one-to-ones for the week after
DEFAULT_START = dt.time(9, 0)  # when the event has no start time
LENGTH = dt.timedelta(hours=1)
REMINDER = dt.timedelta(hours=-1)
# A record "says otherwise" when its note or contact names a date, e.g. "coffee 2026-12-04 10:30".
_WHEN = re.compile(r"\b(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?\b")


def _meeting_day(snap: Snapshot, record: Referral) -> dt.date:
    if snap.event.date:
        return snap.event.date
    try:
        return dt.datetime.fromisoformat(record.created_at).date()
    except ValueError:
        return dt.date.today()


def when(snap: Snapshot, record: Referral) -> dt.datetime:
    """The date and time named in the record, else the event day plus a week at the event's start time."""
    start = snap.event.starts or DEFAULT_START
    for text in (record.note, record.contact):
        for match in _WHEN.finditer(text):
            try:
                day = dt.date.fromisoformat(match[1])
                clock = dt.time(*(int(part) for part in match[2].split(":"))) if match[2] else start
            except ValueError:
                continue
            return dt.datetime.combine(day, clock.replace(tzinfo=None))
    return dt.datetime.combine(_meeting_day(snap, record) + FOLLOW_UP_AFTER, start.replace(tzinfo=None))


def _contact_line(person: Attendee | None) -> str:
    if person is None or not person.share_contact:
        return ""
    details = ", ".join(d for d in (person.business, person.email, person.phone) if d)
    return f"{person.name}: {details}" if details else ""


def _encoded(component: type[icalendar.cal.component.Component], name: str, value: object) -> object:
    """A property value encoded once, to be added as-is to every entry that shares it (stamp, alarm action …)."""
    holder = component()
    holder.add(name, value)
    return holder[name]


def follow_up(
    snap: Snapshot,
    record: Referral,
    people: dict[str, Attendee],
    stamp: dt.datetime | object,
    alarm_parts: tuple[object, object] | None = None,
) -> icalendar.Event:
    start = when(snap, record)
    title = f"One-to-one: {record.giver} & {record.receiver}"
    booked = f"Booked at {snap.event.title}" + (f" on {snap.event.date.isoformat()}" if snap.event.date else "") + "."
    lines = [record.note.strip(), booked] if record.note.strip() else [booked]
    contacts = [_contact_line(people.get(name_key(n))) for n in (record.giver, record.receiver)]
    lines += [c for c in contacts if c]
    # Values are given as icalendar's own types, so `add` need not work out each property's type again.
    summary = icalendar.vText(title)
    entry = icalendar.Event()
    entry.add("uid", icalendar.vText(f"{event_slug(snap.event)}-one-to-one-{record.id}@netevent"))
    entry.add("dtstamp", stamp)
    # floating local time: the meeting's own clock, whatever the phone's zone
    entry.add("dtstart", icalendar.vDDDTypes(start))
    entry.add("dtend", icalendar.vDDDTypes(start + LENGTH))
    entry.add("summary", summary)
    entry.add("description", icalendar.vText("\n".join(lines)))
    action, trigger = alarm_parts or ("DISPLAY", REMINDER)
    alarm = icalendar.Alarm()
    alarm.add("action", action)
    alarm.add("description", summary)
    alarm.add("trigger", trigger)
    entry.add_component(alarm)
    return entry


def write_follow_ups(snap: Snapshot, folder: Path) -> Path:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//netevent {__version__}//Follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Follow-ups: {snap.event.title}")
    people = {a.key: a for a in snap.attendees}
    # The values every entry shares are encoded once rather than once per entry.
    stamp = _encoded(icalendar.Event, "dtstamp", dt.datetime.now(dt.UTC).replace(microsecond=0))
    alarm_parts = (_encoded(icalendar.Alarm, "action", "DISPLAY"), _encoded(icalendar.Alarm, "trigger", REMINDER))
    for record in snap.referrals:
        if record.kind == Kind.ONE_TO_ONE.value:
            calendar.add_component(follow_up(snap, record, people, stamp, alarm_parts))
    path = folder / "follow-ups.ics"
    path.write_bytes(calendar.to_ical())
    return path
