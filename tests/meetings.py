"""Small meetings the tests share: one with every kind of record, one with awkward text for the exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netevent.domain.models import Attendee, Event, Pitch, Referral
from netevent.store.repository import Store

HOSTILE = "<script>alert('x')</script> \"q\" {{ 9*111111 }}"


def seed_store(path: Path, *, hostile: bool = False) -> Store:
    """A small writable meeting: four people, every kind of record, one person who keeps contact private.

    With `hostile`, one attendee's name, business, ask and the notes carry markup and template syntax.
    """
    odd = 'Eve <b>Evil</b> "Mallory" {{ 9*111111 }}' if hostile else "Eve Mallory"
    people = [
        Attendee(
            "Sarah Patel",
            business="Patel & Co Conveyancing",
            profession="Conveyancing solicitor",
            email="sarah@patel.example",
            phone="+44 113 496 0001",
            ask="Couples who have just had an offer accepted on a first home in Leeds and still need a conveyancer.",
            sphere=["mortgage broker", "estate agent"],
        ),
        Attendee(
            "Tom Whitaker",
            business="Whitaker & Lowe",
            profession="Estate agent",
            email="tom@whitaker.example",
            phone="+44 113 496 0002",
            share_contact=False,
            ask="I want more clients.",
        ),
        Attendee(
            "Priya Shah",
            business="Shah Mortgages",
            profession="Mortgage broker",
            email="priya@shah.example",
            website="https://shah.example",
            ask="First-time buyers in Leeds.",
        ),
        Attendee(
            odd,
            business=HOSTILE if hostile else "Mallory Surveys",
            profession="Surveyor",
            role="visitor",
            email="eve@mallory.example",
            ask=HOSTILE if hostile else "Homebuyers who need a level 2 survey in Leeds this month.",
        ),
    ]
    store = Store(path)
    store.load_event(
        Event(
            "Riverside Breakfast Club",
            date=dt.date(2026, 11, 26),
            pitch_seconds=60,
            visitor_pitch_seconds=45,
            attendees=people,
        )
    )
    note = HOSTILE if hostile else "Call before Friday"
    store.add_referrals(
        [
            Referral("Tom Whitaker", "Sarah Patel", contact="Jane Doe 07700 900123", note=note, temperature=4),
            Referral("Sarah Patel", "Priya Shah", kind="introduction", note="Meet about first-time buyers"),
            Referral("Priya Shah", "Sarah Patel", kind="closed", value=1200.0, currency="GBP"),
            Referral("Sarah Patel", "Tom Whitaker", kind="one-to-one", note="Tuesday coffee"),
            Referral(odd, "Sarah Patel", note=note),
        ]
    )
    store.add_pitch(Pitch("Sarah Patel", 60, actual_seconds=40.0, status="redone"))
    store.add_pitch(Pitch("Sarah Patel", 60, actual_seconds=58.4, status="done", slot=1))
    store.add_pitch(Pitch("Tom Whitaker", 60, actual_seconds=71.5, overtime_seconds=11.5, status="done", slot=2))
    return store


TRICKY_NOTE = 'Said "call me", after 10am,\nnot before <b>noon</b>'
SCRIPT_NOTE = 'Coffee at "The Mill", Leeds\n<script>alert(1)</script>'
FORMULA_NOTE = '=HYPERLINK("http://evil.example","click")'


def build_store(path: Path) -> Store:
    """Four attendees (one walk-in, one who keeps their contact private), five records of every kind, pitches."""
    store = Store(path, durable=False)
    event = Event(
        title="Café Club <Leeds>",
        date=dt.date(2026, 11, 26),
        starts=dt.time(7, 0),
        venue='The Mill Café, "Upstairs"',
        currency="GBP",
        attendees=[
            Attendee(
                name="Zoë Müller",
                business='Müller & "Söhne", Ltd',
                profession="Conveyancing solicitor",
                email="zoe@muller.example",
                phone="+44 113 496 0001",
                website="https://muller.example",
                ask="Couples with an offer accepted on a <b>first</b> home in Leeds who still need a conveyancer.",
                offer="Fixed-fee conveyancing,\nfirst-time buyers",
                sphere=["mortgage broker", "estate agent"],
            ),
            Attendee(
                name="José García",
                business="García Mortgages",
                profession="Mortgage broker",
                email="jose@garcia.example",
                phone="+44 113 496 0002",
                ask="Anyone who needs a mortgage.",
            ),
            Attendee(
                name="Sarah Patel",
                business="Patel Surveying",
                profession="Chartered surveyor",
                email="sarah@patel.example",
                share_contact=False,
            ),
        ],
    )
    store.load_event(event)
    store.update_attendee("Zoë Müller", attendance="present", checked_in_at="2026-11-26T06:55:00+00:00")
    store.update_attendee("José García", attendance="late", checked_in_at="2026-11-26T07:12:00+00:00")
    store.update_attendee("Sarah Patel", attendance="absent")
    store.add_attendee(
        Attendee(name="Siobhán O'Connor", role="visitor", attendance="visitor", email="siobhan@oconnor.example")
    )
    store.add_referrals(
        [
            Referral(
                "Zoë Müller", "José García", "referral", contact="Ana Santos, Leeds", note=TRICKY_NOTE, temperature=4
            ),
            Referral("José García", "Zoë Müller", "one-to-one", note=SCRIPT_NOTE),
            Referral("Sarah Patel", "Zoë Müller", "one-to-one", note="Lunch 2026-12-04 12:30, her office"),
            Referral("Zoë Müller", "Sarah Patel", "closed", value=1250.5, currency="GBP", note=FORMULA_NOTE),
            Referral("José García", "Siobhán O'Connor", "introduction", temperature=5),
        ]
    )
    store.add_pitch(Pitch("Zoë Müller", 60, actual_seconds=65.25, overtime_seconds=5.25, pauses=[[10.0, 12.5]], slot=0))
    store.add_pitch(Pitch("José García", 60, actual_seconds=58.0, slot=1))
    store.add_pitch(Pitch("Sarah Patel", 60, status="skipped", slot=2))
    store.set_state("round", {"position": 2, "order": ["Zoë Müller", "José García", "Sarah Patel"]})
    return store
