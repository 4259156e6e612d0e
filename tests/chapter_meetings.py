"""A small chapter for the app's tests: three weekly meetings of the sample club in one folder, fixed dates.

12 Nov: Sarah → Tom referral (Jo Bloggs), Priya → Sarah introduction, Tom → Priya one-to-one, Helen → Daniel
closed business. 19 Nov: Olivia → Sarah referral (Mark Lee), Ian → Tom referral, Gareth → Olivia one-to-one;
Tom's referral from Sarah followed up as contacted, Priya's one-to-one as lost; Sarah's goal for the next
meeting: 1 referral, 1 introduction. 26 Nov (the sample's own date) is the meeting the app runs, empty so far.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SAMPLE_EVENT

from netevent.domain.chapter import FollowUp, Goal
from netevent.domain.models import Referral
from netevent.event_files.load import load_event
from netevent.services.meeting import check_in
from netevent.store.repository import Store

DATES = (dt.date(2026, 11, 12), dt.date(2026, 11, 19), dt.date(2026, 11, 26))
ROUND = ["2026-11-19-3", "2026-11-12-2", "2026-11-19-1", "2026-11-12-1", "2026-11-19-2"]  # by receiver


PRESENT = ("Sarah Patel", "Tom Whitaker", "Priya Sharma", "Olivia Grant", "Ian Crowther", "Gareth Evans")


def meeting_store(path: Path, date: dt.date, present: tuple[str, ...] = ()) -> Store:
    event = load_event(SAMPLE_EVENT)
    event.date = date
    store = Store(path)
    store.load_event(event)
    for name in present:
        check_in(store, name, "present")
    return store


def _at(date: dt.date, minute: int) -> str:
    return f"{date.isoformat()}T07:{minute:02d}:00+00:00"


def chapter_folder(folder: Path) -> Path:
    """Write the two earlier meetings into `folder`; the path of the third (current) store, not yet created."""
    first, second, third = DATES
    with meeting_store(folder / f"riverside-{first}.json", first, PRESENT) as store:
        store.add_referrals([
            Referral("Sarah Patel", "Tom Whitaker", contact="Jo Bloggs", created_at=_at(first, 20)),
            Referral("Priya Sharma", "Sarah Patel", kind="introduction", note="first-time buyers",
                     created_at=_at(first, 21)),
            Referral("Tom Whitaker", "Priya Sharma", kind="one-to-one", created_at=_at(first, 22)),
            Referral("Helen Moss", "Daniel Okafor", kind="closed", value=1850.0, currency="GBP",
                     created_at=_at(first, 23)),
        ])  # fmt: skip
    with meeting_store(folder / f"riverside-{second}.json", second, PRESENT[:4]) as store:
        store.add_referrals([
            Referral("Olivia Grant", "Sarah Patel", contact="Mark Lee", created_at=_at(second, 20)),
            Referral("Ian Crowther", "Tom Whitaker", note="landlord in LS6", created_at=_at(second, 21)),
            Referral("Gareth Evans", "Olivia Grant", kind="one-to-one", created_at=_at(second, 22)),
        ])  # fmt: skip
        store.add_followup(FollowUp("2026-11-12-1", "contacted", at=_at(second, 5)))
        store.add_followup(FollowUp("2026-11-12-3", "lost", at=_at(second, 6)))
        store.set_goal(Goal("Sarah Patel", referrals=1, introductions=1, at=_at(second, 50)))
    return folder / f"riverside-{third}.json"


def current_store(folder: Path) -> Store:
    """The chapter's third meeting, open for writing as the app holds it."""
    return meeting_store(chapter_folder(folder), DATES[2])
