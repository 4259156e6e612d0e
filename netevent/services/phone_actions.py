"""What an attendee may change from their phone page, checked by the same services the app's keys use (DESIGN §6).

The token in the link is the capability: every use case here takes the attendee the token named and touches only
their own ask, records they give, follow-ups of records they received and their own goal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from netevent.domain.chapter import FOLLOWED_KINDS, STATUSES, Chapter, Goal, Item, Meeting, Status, chapter_items
from netevent.domain.models import Attendee, Kind, Referral, Role, Source, name_key
from netevent.domain.text import printable
from netevent.errors import UserError
from netevent.render.goal_text import goal_progress, goal_words
from netevent.services import chapter as chapter_service
from netevent.services.meeting import InputError, ReferralInput, build_referral
from netevent.services.phone_marks import PhoneAsk, marks_of, save_marks
from netevent.store.atomic import StoreError
from netevent.store.repository import Store

SECRET_KEY = "phone_secret"  # state key: the HMAC key csrf values come from; stored, so they survive a restart
GIVE_KINDS = (Kind.REFERRAL.value, Kind.INTRODUCTION.value, Kind.ONE_TO_ONE.value)  # closed business is the desk's
MAX_ASK = 500  # characters: a spoken ask is two sentences; a pasted essay is a mistake
MAX_TEXT = 300  # characters of a contact or a note
MAX_GOAL = chapter_service.MAX_GOAL


class NotTheirs(UserError):
    """A record the token does not reach (someone else's, or none at all): answered as a plain 404."""


@dataclass(frozen=True, slots=True)
class Choice:
    """Someone in the room an attendee can give to, as the form lists them."""

    name: str
    business: str
    profession: str


@dataclass(frozen=True, slots=True)
class LastGoal:
    """The goal a member set last time, in words, and whether what they have given here meets it."""

    words: str  # "2 referrals, 1 one-to-one"
    met: bool
    so_far: str  # "1/2 referrals, 0/1 one-to-ones"


@dataclass(slots=True)
class PhoneView:
    """What the page's forms offer one attendee: the room to give to, records to follow up, their goal."""

    choices: list[Choice] = field(default_factory=list)
    received: list[Item] = field(default_factory=list)
    member: bool = False
    goal: Goal | None = None  # the one set here, for the next meeting
    last_goal: LastGoal | None = None  # the one set at the previous meeting, for this one


# -- csrf -----------------------------------------------------------------------------------------------


def ensure_secret(store: Store) -> None:
    """Make the csrf key once, at the writer's start, so building a page never writes the store."""
    if store.writer and not isinstance(store.get_state(SECRET_KEY), str):
        store.set_state(SECRET_KEY, secrets.token_hex(32))


def csrf_for(store: Store, token: str) -> str:
    """The form's csrf value for a token: an HMAC of it, so a guessed value is worthless and no session is kept.

    "" when the store has no key (a read-only store nobody opened as writer): then no form is shown or accepted.
    """
    key = store.get_state(SECRET_KEY)
    if not isinstance(key, str) or not key:
        return ""
    return hmac.new(key.encode(), token.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()


def csrf_ok(store: Store, token: str, given: str) -> bool:
    expected = csrf_for(store, token)
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogateescape"))


# -- what the page offers -------------------------------------------------------------------------------


def room_choices(people: list[Attendee], person: Attendee) -> list[Choice]:
    """Everyone else not marked absent, by name: who the attendee can pass something to."""
    others = [p for p in people if p.key != person.key and not p.is_absent]
    return [Choice(p.name, p.business, p.profession) for p in sorted(others, key=lambda p: p.key)]


def received_items(chapter: Chapter, person: Attendee) -> list[Item]:
    """Referrals, introductions and one-to-ones this attendee received, at this meeting and earlier ones, newest
    first."""
    mine = [
        item
        for item in chapter_items(chapter)
        if item.referral.kind in FOLLOWED_KINDS and name_key(item.referral.receiver) == person.key
    ]
    return mine[::-1]


def earlier_meetings(path: Path) -> list[Meeting]:
    """The chapter's other meetings, read from their files (safe in a thread: it opens its own read-only copies).

    Read once per server: during a meeting only its own store is written, and reading a year of meetings costs up
    to half a second, too long for the app's loop after every change.
    """
    try:
        chapter = chapter_service.find_chapter(str(path))
    except (UserError, OSError):
        return []
    here = path.resolve()
    return [m for m in chapter.meetings if Path(m.store).resolve() != here]


def live_chapter(store: Store, earlier: list[Meeting]) -> Chapter:
    """The chapter as `load_chapter` gives it, from the earlier meetings already read and this store read now."""
    current = chapter_service.read_meeting(store)
    meetings = sorted([*earlier, current], key=lambda m: (m.event.date is None, m.event.date or dt.date.min, m.store))
    return Chapter(current.event.chapter_name, meetings, [])


def last_goal(store: Store, person: Attendee, chapter: Chapter) -> LastGoal | None:
    """The goal `person` set at the chapter's meeting before this one, judged on this meeting's records so far."""
    here = store.event().date
    if here is None:
        return None
    earlier = [m for m in chapter.meetings if m.date and m.date < here.isoformat()]
    goal = chapter_service.latest_goal(earlier[-1], person.name) if earlier else None
    if goal is None:
        return None
    met, so_far = goal_progress(goal, store.referrals())
    return LastGoal(goal_words(goal), met, so_far)


def phone_view(store: Store, person: Attendee, chapter: Chapter) -> PhoneView:
    goal = next((g for g in reversed(store.goals()) if name_key(g.name) == person.key), None)
    member = person.role == Role.MEMBER.value
    return PhoneView(
        choices=room_choices(store.attendees(), person),
        received=received_items(chapter, person),
        member=member,
        goal=goal,
        last_goal=last_goal(store, person, chapter) if member else None,
    )


# -- the four actions -----------------------------------------------------------------------------------


def _text(field_name: str, raw: str, limit: int) -> str:
    """Typed text on one line, without control characters; too long is an error, not a silent cut."""
    text = " ".join(printable(raw).split())
    if len(text) > limit:
        raise InputError(field_name, f"that is {len(text)} characters; keep it under {limit}")
    return text


def change_ask(store: Store, person: Attendee, raw: str) -> Attendee:
    """Replace their ask; the ask before the phone changed it is kept so the facilitator can undo it."""
    text = _text("ask", raw, MAX_ASK)
    if not text:
        raise InputError("ask", "write your ask: who should the room introduce you to?")
    marks = marks_of(store)
    earlier = marks.get(person.name)
    # A second change from the phone keeps the first one's "before"; after a facilitator's edit, theirs is it.
    before = earlier.before if earlier is not None and earlier.phone == person.ask else person.ask
    marks[person.name] = PhoneAsk(before, text)
    with store.batch():  # the mark and the ask reach the disk together, or neither does
        # The name is the stored one the token found, so edit_ask's name matching (a scan of the room) is not
        # needed; its whitespace rule is _text's. First: its checks come before any write (web/commits.py).
        changed = store.update_attendee(person.name, ask=text)
        save_marks(store, marks)
    return changed


def give(store: Store, person: Attendee, to: str, kind: str, contact: str, note: str, temperature: str) -> Referral:
    """A referral, introduction or one-to-one from this attendee to someone the form listed."""
    if kind not in GIVE_KINDS:
        raise InputError("kind", f"choose one of: {', '.join(GIVE_KINDS)}")
    # The same rule as room_choices, on just the two people: reading the whole room per write is what made 50
    # phones at once slow (one Attendee built per person per write).
    try:
        receiver, giver = store.attendee(to), store.attendee(person.name)
    except StoreError:
        raise InputError("to", "pick who receives it from the list") from None
    if receiver.key == giver.key or receiver.is_absent:
        raise InputError("to", "pick who receives it from the list")
    raw = ReferralInput(
        giver=person.name,
        receiver=receiver.name,
        kind=kind,
        contact=_text("contact", contact, MAX_TEXT),
        note=_text("note", note, MAX_TEXT),
        temperature=temperature.strip() or None,
        source=Source.PHONE.value,
    )
    # The meeting's own checks, over just the two people (both exact names).
    return store.add_referral(build_referral(store, raw, attendees=[giver, receiver]))


def follow_up(
    store: Store,
    person: Attendee,
    record: str,
    status: str,
    value: str,
    note: str,
    earlier: list[Meeting] | None = None,
) -> Item:
    """What became of a record they received: NotTheirs for anyone else's record, so ids reveal nothing.

    `earlier` is the chapter's other meetings when the caller has read them (earlier_meetings), else they are read.
    """
    chapter = chapter_service.load_chapter(store) if earlier is None else live_chapter(store, earlier)
    if record not in {item.id for item in received_items(chapter, person)}:
        raise NotTheirs("no such record of yours")
    if status not in STATUSES:
        raise InputError("status", f"choose one of: {', '.join(STATUSES)}")
    # One form carries every status button, so a value typed before pressing Met is not an error: only won keeps it.
    amount = _text("value", value, 40) if status == Status.WON.value else ""
    if status == Status.WON.value and not amount:
        raise InputError("value", "won needs the value of the business, e.g. 1200: type it, then press Won")
    item, _ = chapter_service.give_followup(
        store, record, status, value=amount or None, note=_text("note", note, MAX_TEXT), by=Source.PHONE.value
    )
    return item


def _count(field_name: str, raw: str) -> int:
    text = raw.strip()
    if not text:
        return 0
    if not text.isascii() or not text.isdigit():
        raise InputError(field_name, f"write a whole number from 0 to {MAX_GOAL}")
    number = int(text)
    if number > MAX_GOAL:
        raise InputError(field_name, f"{number} is out of range; a goal is 0 to {MAX_GOAL}")
    return number


def set_goal(store: Store, person: Attendee, referrals: str, introductions: str, one_to_ones: str) -> Goal:
    """Their goal for the next meeting, as the facilitator's Set goal would store it."""
    numbers = (
        _count("referrals", referrals),
        _count("introductions", introductions),
        _count("one_to_ones", one_to_ones),
    )
    if not any(numbers):
        raise InputError("goal", "a goal needs at least one number: referrals, introductions or one-to-ones")
    return chapter_service.give_goal(store, person.name, *numbers, by=Source.PHONE.value)
