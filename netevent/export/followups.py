"""follow-ups.ics: every one-to-one booked at the meeting as a calendar entry with a reminder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar

from netevent import __version__
from netevent.domain.models import Attendee, Kind, Referral, name_key
from netevent.export.files import replace_file
from netevent.export.snapshot import Snapshot
from netevent.store.naming import event_slug

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


def when(snap: Snapshot, record: Referral) -> dt.datetime | dt.date | None:
    """When the one-to-one was booked for: the time typed at the meeting (a date alone is an all-day entry), else
    a date and time named in its note or contact ("coffee 2026-12-04 10:30"); None when nobody said."""
    start = snap.event.starts or DEFAULT_START
    if record.meet_at:
        try:
            if "T" in record.meet_at:
                return dt.datetime.fromisoformat(record.meet_at).replace(tzinfo=None)
            return dt.date.fromisoformat(record.meet_at)
        except ValueError:
            pass  # a hand-edited store: fall back to the note, then to the reminder
    for text in (record.note, record.contact):
        for match in _WHEN.finditer(text):
            try:
                day = dt.date.fromisoformat(match[1])
                clock = dt.time(*(int(part) for part in match[2].split(":"))) if match[2] else start
            except ValueError:
                continue
            return dt.datetime.combine(day, clock.replace(tzinfo=None))
    return None


def reminder_day(snap: Snapshot, record: Referral) -> dt.date:
    """An unbooked one-to-one's all-day reminder: a week after the meeting."""
    return _meeting_day(snap, record) + FOLLOW_UP_AFTER


def _contact_line(person: Attendee | None) -> str:
    if person is None or not person.share_contact:
        return ""
    details = ", ".join(d for d in (person.business, person.email, person.phone) if d)
    return f"{person.name}: {details}" if details else ""


class _Shared:
    """Property values every entry (or many) share, each built once and added as-is to every entry that has it."""

    def __init__(self, snap: Snapshot, stamp: dt.datetime) -> None:
        self.uid_prefix = f"{event_slug(snap.event)}-one-to-one-"
        self.stamp = icalendar.vDatetime(stamp.astimezone(dt.UTC))  # RFC 5545 wants DTSTAMP in UTC
        self.action = icalendar.vText("DISPLAY")
        self.trigger = icalendar.vDuration(REMINDER)
        self._times: dict[dt.datetime, icalendar.vDatetime] = {}

    def time(self, moment: dt.datetime) -> icalendar.vDatetime:
        """Most one-to-ones fall on a handful of times (the default: a week on, at the event's start)."""
        found = self._times.get(moment)
        if found is None:
            found = self._times[moment] = icalendar.vDatetime(moment)
        return found


def follow_up(
    snap: Snapshot, record: Referral, people: dict[str, Attendee], shared: _Shared | None = None
) -> icalendar.Event:
    shared = shared or _Shared(snap, dt.datetime.now(dt.UTC).replace(microsecond=0))
    start = when(snap, record)
    title = f"One-to-one: {record.giver} & {record.receiver}"
    booked = f"Booked at {snap.event.title}" + (f" on {snap.event.date.isoformat()}" if snap.event.date else "") + "."
    if start is None:
        booked += " No time was set at the meeting: this all-day reminder, a week on, is to fix one."
    lines = [record.note.strip(), booked] if record.note.strip() else [booked]
    contacts = [_contact_line(people.get(name_key(n))) for n in (record.giver, record.receiver)]
    lines += [c for c in contacts if c]
    # Values are icalendar's own types, set as they are: nothing for `add` to convert or check again per entry.
    summary = icalendar.vText(title)
    entry = icalendar.Event()
    entry["uid"] = icalendar.vText(f"{shared.uid_prefix}{record.id}@netevent")
    entry["dtstamp"] = shared.stamp
    if isinstance(start, dt.datetime):
        # floating local time: the meeting's own clock, whatever the phone's zone
        entry["dtstart"] = shared.time(start)
        entry["dtend"] = shared.time(start + LENGTH)
    else:  # a day, booked or the reminder: an all-day entry (DTEND is the next day, exclusive)
        day = start or reminder_day(snap, record)
        entry.add("dtstart", day)
        entry.add("dtend", day + dt.timedelta(days=1))
    entry["summary"] = summary
    entry["description"] = icalendar.vText("\n".join(lines))
    alarm = icalendar.Alarm()
    alarm["action"] = shared.action
    alarm["description"] = summary
    alarm["trigger"] = shared.trigger
    entry.add_component(alarm)
    return entry


def write_follow_ups(snap: Snapshot, folder: Path) -> Path:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//netevent {__version__}//Follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Follow-ups: {snap.event.title}")
    people = {a.key: a for a in snap.attendees}
    shared = _Shared(snap, dt.datetime.now(dt.UTC).replace(microsecond=0))
    one_to_one = Kind.ONE_TO_ONE.value
    for record in snap.referrals:
        if record.kind == one_to_one:
            calendar.add_component(follow_up(snap, record, people, shared))
    path = folder / "follow-ups.ics"
    return replace_file(path, calendar.to_ical())
