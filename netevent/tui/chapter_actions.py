"""The app's chapter commands: write the next meeting's event file, and set a member's goal for it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from netevent.domain.text import printable
from netevent.errors import UserError

if TYPE_CHECKING:
    from netevent.services.next_meeting import NextMeeting
    from netevent.tui.app import NeteventApp

GOAL_ENTRY = re.compile(r"(?P<name>.*?)(?P<numbers>(?:\s+\d+){1,3})\s*$")


def _line(text: str) -> str:
    return " ".join(printable(text).split())


def next_meeting_path(app: NeteventApp) -> Path:
    """Beside the event file the app was opened on (or in the data folder), named as `netevent next` names it."""
    from netevent import paths
    from netevent.services.next_meeting import next_event
    from netevent.store.naming import slugify

    carried, _ = next_event(app.store.event())
    assert carried.date is not None  # next_event dates it or raises
    folder = app.source.parent if app.source else paths.data_dir()
    return folder / f"{slugify(carried.title)}-{carried.date.isoformat()}.toml"


def written_text(written: NextMeeting) -> str:
    """What the facilitator reads after writing: the file, and the visitors to follow up (as `next` prints)."""
    lines = [f"Next meeting: {written.path}"]
    visitors = []
    for person in written.visitors:
        contact = person.email or person.phone
        host = f", invited by {person.invited_by}" if person.invited_by else ""
        visitors.append(_line(f"{person.name}{f' ({contact})' if contact else ''}{host}"))
    lines.append(f"Visitors to follow up: {'; '.join(visitors)}" if visitors else "No visitors to follow up")
    return "\n".join(lines)


def write_next_meeting(app: NeteventApp, then: Callable[[str], None]) -> None:
    """Write the next meeting's file, asking before overwriting one; `then` gets what to tell the facilitator."""
    from netevent.services.next_meeting import write_next
    from netevent.tui.dialogs.modals import ConfirmModal

    try:
        path = next_meeting_path(app)
    except UserError as exc:
        app.show_error(exc.message)
        return

    def write(force: bool | None) -> None:
        if not force and path.exists():
            then(f"Kept {path} as it was: not overwritten")  # an End meeting asked for still ends
            return
        try:
            written = write_next(app.store.event(), str(app.source or app.store.path), path, force=bool(force))
        except UserError as exc:
            app.show_error(exc.message)
            return
        then(written_text(written))

    if path.exists():
        question = f"{path} already exists (written earlier, or by hand). Overwrite it with this meeting's members?"
        app.push_screen(ConfirmModal(question, yes="Overwrite"), write)
    else:
        write(False)


def set_goal(app: NeteventApp, default_name: str = "") -> None:
    """Ask for "NAME referrals [introductions [one-to-ones]]" and store it as the member's goal for next time."""
    from netevent.render.goal_text import goal_words
    from netevent.services.chapter import give_goal
    from netevent.tui.dialogs.modals import PromptModal

    def chosen(entry: str | None) -> None:
        if entry is None or not entry.strip():
            return
        found = GOAL_ENTRY.fullmatch(entry.strip())
        if not found or not found["name"].strip():
            app.show_error(f"{entry.strip()!r}: type a name, then the numbers, like 'Sarah 2 1 1'; nothing was saved")
            return
        numbers = [int(n) for n in found["numbers"].split()] + [0, 0]
        try:
            goal = give_goal(app.store, found["name"], numbers[0], numbers[1], numbers[2])
        except UserError as exc:
            app.show_error(exc.message)
            return
        app.changed(roster=False)
        app.notify(f"Goal for {goal.name} at the next meeting: {goal_words(goal)}", timeout=5, markup=False)

    question = "Goal for the next meeting: name, then referrals, introductions and one-to-ones to give ('Sarah 2 0 1')"
    app.push_screen(PromptModal(question, value=f"{default_name} " if default_name else "", keep=True), chosen)
