"""The TOML event file (DESIGN §3): tomllib parses it, and this module checks it and finds the line of each problem.

tomllib reports no positions for values, so `Locator` scans the text for each table occurrence and the key inside it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Callable
from functools import partial
from typing import Any

from netevent.domain.models import CADENCES, ORDERS, ROLES, Attendee, Event, Feature, name_key
from netevent.domain.text import clean_name, control_in_name, printable
from netevent.event_files.load import Problem, binary_problem, decode_utf8, one_of, suggest
from netevent.event_files.toml_lines import Locator
from netevent.event_files.toml_syntax import deep_problem, syntax_problem, too_deep

TOP_KEYS = ("event", "feature", "attendee")
EVENT_TIMES = ("pitch_seconds", "visitor_pitch_seconds", "amber_seconds")
EVENT_KEYS = ("title", "date", "starts", "venue", *EVENT_TIMES, "order", "currency", "chapter", "cadence", "minutes")
FEATURE_KEYS = ("name", "minutes", "seconds")
ATTENDEE_TEXT_KEYS = ("name", "business", "profession", "email", "phone", "website", "ask", "offer", "invited_by")
ATTENDEE_KEYS = (*ATTENDEE_TEXT_KEYS, "role", "sphere", "share_contact", "pitch_seconds")


def _type_name(value: Any) -> str:
    """How a TOML value reads to a person, for "is X, should be Y" messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    return type(value).__name__


# A problem's line, or how to find it: finding a key's line scans its block with a regex made for that key, which
# every value would pay for (~2 ms a file) if it were done before knowing there is anything to report.
Line = int | None | Callable[[], int | None]


class _Checker:
    """Walks the parsed document, building the Event and collecting every problem on the way."""

    def __init__(self, shown: str, locator: Locator) -> None:
        self.shown = shown
        self.where = locator
        self.problems: list[Problem] = []

    def add(self, line: Line, message: str, field: str | None = None) -> None:
        if callable(line):
            line = line()
        self.problems.append(Problem(self.shown, line, message, field=field))

    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...], label: str, locate: Any) -> None:
        for key in table:
            if key not in allowed:
                tip = suggest(key, allowed) or f"; allowed keys are {one_of(allowed)}"
                if allowed is TOP_KEYS and key in EVENT_KEYS + ATTENDEE_KEYS:
                    tip = "; move it below the [event] line (or into an [[attendee]] block)"
                self.add(locate(key), f"unknown key '{key}' in {label}{tip}", field=key)

    def text(self, value: Any, key: str, label: str, line: Line) -> str | None:
        if isinstance(value, str):
            return printable(value).strip()  # no terminal escapes or bidi overrides from a file reach a screen
        self.add(line, f"{key} in {label} is {_type_name(value)}; it should be text in double quotes", field=key)
        return None

    def seconds(self, value: Any, key: str, label: str, line: Line, minimum: int = 1) -> int | None:
        """A whole number of seconds, at least `minimum`; anything else is a problem."""
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.add(line, f"{key} in {label} is {_type_name(value)}; write a number of seconds like {key} = 60", key)
            return None
        if isinstance(value, str):
            self.add(line, f'{key} = "{value}" in {label} is text; write a number without quotes, like {key} = 60', key)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.add(line, f"{key} = {value} in {label} is not a number of seconds; write one like {key} = 60", key)
            return None
        if isinstance(value, float) and not value.is_integer():
            self.add(
                line, f"{key} = {value} in {label}: use a whole number of seconds, like {key} = {round(value)}", key
            )
            return None
        if value < minimum:
            self.add(line, f"{key} = {int(value)} in {label}: a time must be at least {minimum} second(s)", key)
            return None
        return int(value)

    def event_table(self, table: Any) -> Event | None:
        top = self.where.top_line("event")
        if not isinstance(table, dict):
            self.add(top, 'event should be a single [event] table (one pair of brackets) with title = "…"', "event")
            return None

        def at(key: str) -> Line:
            return partial(self.where.key_line, "event", 0, key)

        self.unknown_keys(table, EVENT_KEYS, "[event]", at)
        title = self.text(table.get("title", ""), "title", "[event]", at("title"))
        if "title" not in table or title == "":
            self.add(top, '[event] has no title: add title = "Your Club Name" under [event]', "title")
        event = Event(title=title or "")
        if "date" in table:
            event.date = self.moment(table["date"], "date", dt.date, at("date"))
        if "starts" in table:
            event.starts = self.moment(table["starts"], "starts", dt.time, at("starts"))
        if "venue" in table:
            event.venue = self.text(table["venue"], "venue", "[event]", at("venue")) or ""
        for key in EVENT_TIMES:
            if key in table:
                value = self.seconds(table[key], key, "[event]", at(key))
                if value is not None:
                    setattr(event, key, value)
        if "visitor_pitch_seconds" not in table:
            event.visitor_pitch_seconds = event.pitch_seconds
        shortest = min(("pitch_seconds", "visitor_pitch_seconds"), key=lambda k: getattr(event, k))
        if event.amber_seconds >= getattr(event, shortest):
            self.add(
                at("amber_seconds"),
                f"amber_seconds ({event.amber_seconds}) must be less than {shortest} ({getattr(event, shortest)}): "
                "the light turns amber this many seconds before time is up; try about a quarter of the pitch",
                "amber_seconds",
            )
        if "order" in table:
            order = self.text(table["order"], "order", "[event]", at("order"))
            if order is not None and order.lower() not in ORDERS:
                tip = suggest(order, ORDERS) or f"; use {one_of(ORDERS)}"
                self.add(at("order"), f"unknown order '{order}'{tip}", "order")
            elif order is not None:
                event.order = order.lower()
        if "currency" in table:
            currency = self.text(table["currency"], "currency", "[event]", at("currency"))
            if currency is not None and not re.fullmatch(r"[A-Za-z]{3}", currency):
                self.add(
                    at("currency"), f"currency '{currency}' is not a 3-letter code; use one like \"GBP\"", "currency"
                )
            elif currency is not None:
                event.currency = currency.upper()
        self.chapter_keys(table, event, at)
        return event

    def chapter_keys(self, table: dict[str, Any], event: Event, at: Callable[[str], Line]) -> None:
        """The series this meeting belongs to: its name, how often it meets and for how long (DESIGN §2)."""
        if "chapter" in table:
            event.chapter = self.text(table["chapter"], "chapter", "[event]", at("chapter")) or ""
        if "cadence" in table:
            cadence = self.text(table["cadence"], "cadence", "[event]", at("cadence"))
            if cadence is not None and cadence.lower() not in CADENCES:
                tip = suggest(cadence, CADENCES) or f"; use {one_of(CADENCES)}"
                self.add(at("cadence"), f"unknown cadence '{cadence}'{tip}", "cadence")
            elif cadence is not None:
                event.cadence = cadence.lower()
        if "minutes" in table:
            minutes = table["minutes"]
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 10 <= minutes <= 600:
                self.add(at("minutes"), f"minutes = {minutes!r}: write the meeting's length as a whole number of "
                         "minutes from 10 to 600, like minutes = 90", "minutes")  # fmt: skip
            else:
                event.minutes = minutes

    def moment(self, value: Any, key: str, kind: type[dt.date] | type[dt.time], line: Line) -> Any:
        """A TOML date or time (or the same written as ISO text); a datetime is not a date here."""
        if isinstance(value, str):
            try:
                return kind.fromisoformat(value.strip())
            except ValueError:
                pass
        elif isinstance(value, kind) and not isinstance(value, dt.datetime):
            return value
        example, what = ("2026-11-26", "a date") if kind is dt.date else ("07:00:00", "a time of day")
        self.add(line, f"{key} is {_type_name(value)}, not {what}: write it like {key} = {example}", key)
        return None

    def attendee(self, table: Any, index: int, event: Event) -> Attendee | None:
        header = self.where.header_line("attendee", index) or self.where.top_line("attendee")
        if not isinstance(table, dict):
            self.add(header, 'each attendee should be an [[attendee]] table with name = "…"', "attendee")
            return None

        def at(key: str) -> Line:
            return partial(self.where.key_line, "attendee", index, key)

        self.unknown_keys(table, ATTENDEE_KEYS, "[[attendee]]", at)
        values: dict[str, Any] = {}
        for key in ATTENDEE_TEXT_KEYS:
            if key in table:
                text = self.text(table[key], key, "[[attendee]]", at(key))
                if text is not None:
                    values[key] = text
        raw_name = table.get("name")
        if isinstance(raw_name, str) and (bad := control_in_name(raw_name.strip())):
            self.add(at("name"), f"the name holds {bad}: write it on one line, without control characters", "name")
            return None
        if values.get("name"):
            values["name"] = clean_name(values["name"])
        if not values.get("name") and isinstance(table.get("name", ""), str):
            where = at("name") if "name" in table else header
            self.add(where, 'attendee has no name: add name = "First Last" (or delete the [[attendee]] block)', "name")
        label = f"[[attendee]] {values.get('name') or ''}".rstrip()
        if "role" in table:
            role = self.text(table["role"], "role", label, at("role"))
            if role is not None and role.lower() not in ROLES:
                tip = suggest(role, ROLES) or f"; use {one_of(ROLES)}"
                self.add(at("role"), f"unknown role '{role}' for {values.get('name') or 'this attendee'}{tip}", "role")
            elif role is not None:
                values["role"] = role.lower()
        if "sphere" in table:
            sphere = table["sphere"]
            if isinstance(sphere, list) and all(isinstance(item, str) for item in sphere):
                values["sphere"] = [item.strip() for item in sphere if item.strip()]
            else:
                self.add(at("sphere"), 'sphere should be a list of text, like sphere = ["estate agent", "surveyor"]')
        if "share_contact" in table:
            if isinstance(table["share_contact"], bool):
                values["share_contact"] = table["share_contact"]
            else:
                shown = _type_name(table["share_contact"])
                self.add(at("share_contact"), f"share_contact is {shown}; write share_contact = true or false")
        if "pitch_seconds" in table:
            seconds = self.seconds(table["pitch_seconds"], "pitch_seconds", label, at("pitch_seconds"))
            if seconds is not None and seconds <= event.amber_seconds:
                self.add(
                    at("pitch_seconds"),
                    f"pitch_seconds ({seconds}) for {values.get('name')} must be more than amber_seconds "
                    f"({event.amber_seconds}); give a longer pitch or remove the override",
                    "pitch_seconds",
                )
            elif seconds is not None:
                values["pitch_seconds"] = seconds
        return Attendee(**values) if values.get("name") else None

    def feature(self, table: Any, attendees: dict[str, tuple[str, int]]) -> Feature | None:
        top = self.where.top_line("feature")
        if not isinstance(table, dict):
            self.add(top, 'feature should be a [feature] table with name = "…" and minutes = 10', "feature")
            return None

        def at(key: str) -> Line:
            return partial(self.where.key_line, "feature", 0, key)

        self.unknown_keys(table, FEATURE_KEYS, "[feature]", at)
        name = self.text(table.get("name", ""), "name", "[feature]", at("name"))
        seconds = 600
        if "minutes" in table and "seconds" in table:
            self.add(at("seconds"), "[feature] has both minutes and seconds: keep one of them", "seconds")
        elif "minutes" in table:
            minutes = table["minutes"]
            if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 5 <= minutes <= 12:
                self.add(at("minutes"), f"feature minutes = {minutes!r}: use a number from 5 to 12", "minutes")
            else:
                seconds = round(minutes * 60)
        elif "seconds" in table:
            value = self.seconds(table["seconds"], "seconds", "[feature]", at("seconds"))
            if value is not None and not 300 <= value <= 720:
                self.add(at("seconds"), f"feature seconds = {value}: use 300 to 720 (5 to 12 minutes)", "seconds")
            elif value is not None:
                seconds = value
        if not name:
            if name is not None:
                self.add(top, '[feature] has no name: add name = "…" naming the attendee who presents', "name")
            return None
        found = attendees.get(name_key(name))
        if found is None:
            tip = suggest(name, [shown for shown, _ in attendees.values()], cutoff=0.5)
            tip = tip or "; add them as an [[attendee]] or fix the name"
            self.add(at("name"), f"feature presenter '{name}' is not on the roster{tip}", "name")
            return None
        return Feature(name=found[0], seconds=seconds)

    def document(self, doc: dict[str, Any]) -> Event | None:
        self.unknown_keys(doc, TOP_KEYS, "the file (top level)", self.where.top_line)
        event: Event | None = None
        if "event" in doc:
            event = self.event_table(doc["event"])
        elif not any(suggest(key, ["event"]) for key in doc if key not in TOP_KEYS):
            self.add(1, 'no [event] table: start the file with [event] and title = "Your Club Name"', "event")
        if event is None:
            event = Event(title="")
        raw = doc.get("attendee", [])
        if isinstance(raw, dict):
            line = self.where.top_line("attendee")
            self.add(line, "write [[attendee]] with double brackets for each person, not [attendee]", "attendee")
            raw = []
        elif not isinstance(raw, list):
            self.add(self.where.top_line("attendee"), "attendee should be [[attendee]] tables, one per person")
            raw = []
        seen: dict[str, tuple[str, int]] = {}  # name key → (name, index of its [[attendee]] block)
        for index, table in enumerate(raw):
            person = self.attendee(table, index, event)
            if person is None:
                continue
            if person.key in seen:
                first_name, first_index = seen[person.key]
                first_line = self.where.key_line("attendee", first_index, "name")
                self.add(
                    self.where.key_line("attendee", index, "name"),
                    f"duplicate name '{person.name}' (same as '{first_name}' on line {first_line}): names must differ "
                    "ignoring case and spaces; add an initial or remove the repeat",
                    "name",
                )
                continue
            seen[person.key] = (person.name, index)
            event.attendees.append(person)
        if "feature" in doc:
            event.feature = self.feature(doc["feature"], seen)
        self.hosts(event, seen)
        return event

    def hosts(self, event: Event, seen: dict[str, tuple[str, int]]) -> None:
        """A visitor's `invited_by` names someone on the roster: a typo would silently credit nobody."""
        for person in event.attendees:
            if not person.invited_by:
                continue
            found = seen.get(name_key(person.invited_by))
            if found is None:
                index = seen[person.key][1]
                tip = suggest(person.invited_by, [shown for shown, _ in seen.values()], cutoff=0.5)
                self.add(
                    partial(self.where.key_line, "attendee", index, "invited_by"),
                    f"invited_by '{person.invited_by}' for {person.name} is not on the roster"
                    f"{tip or '; name the member who invited them, as written in their [[attendee]] block'}",
                    "invited_by",
                )
            else:
                person.invited_by = found[0]


def parse_toml(data: bytes, shown: str) -> tuple[Event | None, list[Problem]]:
    """Check an event file's bytes: the Event (None when unusable) and every problem, in line order."""
    bad = binary_problem(data, shown)
    if bad:
        return None, [bad]
    text, bad = decode_utf8(data, shown)
    if bad or text is None:
        return None, [bad] if bad else []
    if not text.strip():
        return None, [Problem(shown, None, "the file is empty; fill it in (see sample_events/ for examples)")]
    deep = too_deep(text)
    if deep is not None:
        return None, [deep_problem(shown, deep)]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [syntax_problem(exc, shown, Locator(text))]
    except RecursionError:  # nesting the scan above did not see; tomllib recurses once per level
        return None, [deep_problem(shown, None)]
    checker = _Checker(shown, Locator(text))
    event = checker.document(doc)
    problems = sorted(checker.problems, key=lambda p: p.line or 0)
    return (None if problems else event), problems
