"""The chapter's use cases: read its meetings, follow up earlier records, set goals, write the next meeting's file.

A chapter's meetings are the stores in one folder whose event has the same chapter name, in date order. Only the
current meeting's store is written: a follow-up on last week's referral is stored in this week's store and names
the record by its id (domain/chapter.py), and reading the chapter folds the changes in.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from pathlib import Path

from netevent import paths
from netevent.domain.chapter import (
    FOLLOWED_KINDS,
    STATUSES,
    Chapter,
    FollowUp,
    Goal,
    Item,
    Meeting,
    Status,
    chapter_items,
)
from netevent.domain.history import History, compute_history
from netevent.domain.models import Event, Role, name_key
from netevent.domain.money import MoneyError, parse_amount
from netevent.domain.names import NameMatchError, match_name
from netevent.domain.scorecard import ScorecardError, Thresholds
from netevent.errors import UserError
from netevent.services.meeting import EVENT_SUFFIXES, InputError, resolve_store_path
from netevent.store.repository import Store

SCORECARD_FILE = "scorecard.toml"
MAX_GOAL = 99


def read_meeting(store: Store, event: Event | None = None) -> Meeting:
    """The meeting in `store`; `event` when the caller has already read it (each read rebuilds the roster)."""
    event = store.event() if event is None else event
    return Meeting(str(store.path), event, store.referrals(), store.followups(), store.goals())


def load_chapter(current: Store) -> Chapter:
    """The chapter `current` belongs to: its folder's stores of the same chapter, with `current` read live."""
    name = current.event().chapter_name
    meetings, skipped = _folder_meetings(current.path.parent, name, current)
    return Chapter(name, meetings, skipped)


def find_chapter(target: str) -> Chapter:
    """CHAPTER|EVENT|STORE: a chapter name (matched case-insensitively in the data folder), or a meeting of it."""
    path = Path(target).expanduser()
    if path.suffix.lower() in (*EVENT_SUFFIXES, ".json") or path.exists():
        with Store(resolve_store_path(path), writer=False) as store:
            return load_chapter(store)
    folder = paths.data_dir()
    wanted = " ".join(target.split())
    every, skipped = _folder_meetings(folder, None, None)  # every chapter's meetings, each store opened once
    meetings = [m for m in every if m.event.chapter_name.casefold() == wanted.casefold()]
    if not meetings:
        known = ", ".join(sorted({m.event.chapter_name for m in every})) or "none yet"
        raise UserError(f"no chapter called {target!r} in {folder} (chapters there: {known}); "
                        "give the chapter's name, an event file or a store")  # fmt: skip
    return Chapter(meetings[-1].event.chapter_name, meetings, skipped)


def _stores_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if p.is_file())


def _folder_meetings(
    folder: Path, chapter: str | None, current: Store | None
) -> tuple[list[Meeting], list[tuple[str, str]]]:
    """Every readable meeting of `chapter` (of any chapter when None) in `folder`, in date order; the stores that
    could not be read."""
    meetings: list[Meeting] = []
    skipped: list[tuple[str, str]] = []
    for path in _stores_in(folder):
        if current is not None and path.resolve() == current.path.resolve():
            meetings.append(read_meeting(current))
            continue
        try:
            with Store(path, writer=False) as store:
                if not store.initialised:
                    continue
                event = store.event()
                if chapter is None or event.chapter_name.casefold() == chapter.casefold():
                    meetings.append(read_meeting(store, event))
        except (UserError, OSError, ValueError, KeyError, TypeError) as exc:
            skipped.append((str(path), str(exc).removeprefix(f"{path}: ")))
    meetings.sort(key=lambda m: (m.event.date is None, m.event.date or dt.date.min, m.store))
    return meetings, skipped


# -- the scorecard's thresholds and the history -------------------------------------------------------


def thresholds() -> Thresholds:
    """The scorecard thresholds: the defaults, with any that `scorecard.toml` in the data folder sets."""
    path = paths.data_dir() / SCORECARD_FILE
    if not path.exists():
        return Thresholds()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read it ({exc}); fix it or remove it to use the defaults") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: {exc}; fix the TOML syntax or remove the file") from None
    try:
        return Thresholds.from_dict(data, str(path))
    except ScorecardError as exc:
        raise UserError(f"{exc}; see the README's scorecard defaults") from None


def chapter_history(chapter: Chapter, last: int | None = None) -> History:
    from netevent.services.ask_rules import review_ask

    verdicts: dict[str, str] = {}  # a chapter repeats its asks week after week: review each text once

    def verdict(ask: str) -> str:
        if ask not in verdicts:
            verdicts[ask] = review_ask(ask).verdict
        return verdicts[ask]

    return compute_history(chapter, verdict, thresholds(), last)


# -- follow-ups ---------------------------------------------------------------------------------------


def find_item(chapter: Chapter, wanted: str) -> Item:
    """The record with id `wanted`; an unknown id is an error listing the ids it could be."""
    items = chapter_items(chapter)
    for item in items:
        if item.id == wanted.strip():
            return item
    ids = [item.id for item in items]
    near = difflib.get_close_matches(wanted.strip(), ids, n=5, cutoff=0.6) or [
        item.id for item in items if item.status in (Status.OPEN.value, Status.CONTACTED.value)
    ][-5:]
    hint = f"candidates: {', '.join(near)}" if near else "the chapter has no records yet"
    raise InputError("id", f"no record {wanted!r} in the chapter {chapter.name!r}; {hint} "
                           "(see `netevent referral list STORE --open`)")  # fmt: skip


def give_followup(
    store: Store,
    record: str,
    status: str,
    *,
    value: str | float | None = None,
    note: str = "",
    by: str = "facilitator",
    chapter: Chapter | None = None,
) -> tuple[Item, FollowUp]:
    """Check and durably store a status change in this meeting's store; the item it is about, and the change.

    `chapter` is the chapter as already read (a screen going round the room), so a key press does not reread
    every earlier store; the record is looked up in it.
    """
    status = status.strip().lower()
    if status not in STATUSES:
        raise InputError("status", f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    item = find_item(chapter or load_chapter(store), record)
    if item.referral.kind not in FOLLOWED_KINDS:
        raise InputError("id", f"{item.id} is closed business, itself the outcome; follow up its referral instead")
    text = "" if value is None else str(value).strip()
    amount = None
    if status == Status.WON.value:
        if not text:
            raise InputError("value", "won needs the value of the business closed, e.g. --value 1200")
        try:
            amount = parse_amount(value if isinstance(value, int | float) else text)
        except MoneyError as exc:
            raise InputError("value", str(exc)) from None
    elif text:
        raise InputError("value", f"only won carries a value; drop --value or use --status won (not {status})")
    change = FollowUp(record=item.id, status=status, value=amount, note=" ".join(note.split()), by=by)
    return item, store.add_followup(change)


# -- goals --------------------------------------------------------------------------------------------


def give_goal(store: Store, name: str, referrals: int, introductions: int, one_to_ones: int,
              by: str = "facilitator") -> Goal:  # fmt: skip
    """A member's goal for the next meeting: how many of each they mean to give."""
    numbers = {"referrals": referrals, "introductions": introductions, "one-to-ones": one_to_ones}
    for field, n in numbers.items():
        if not 0 <= n <= MAX_GOAL:
            raise InputError(field, f"{n} is out of range; a goal is 0 to {MAX_GOAL} {field}")
    if not any(numbers.values()):
        raise InputError("goal", "a goal needs a number: --referrals, --introductions or --one-to-ones")
    try:
        person = match_name(name, store.attendees())
    except NameMatchError as exc:
        raise InputError("name", exc.message) from None
    if person.role != Role.MEMBER.value:
        raise InputError("name", f"{person.name} is a {person.role}; goals are for the chapter's members")
    return store.set_goal(Goal(person.name, referrals, introductions, one_to_ones, by=by))


def latest_goal(meeting: Meeting, name: str) -> Goal | None:
    """The goal `name` set at `meeting` (for the one after it), if any."""
    return next((g for g in reversed(meeting.goals) if name_key(g.name) == name_key(name)), None)
