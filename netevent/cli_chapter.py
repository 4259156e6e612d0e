"""The chapter at the command line: `checkin`, `followup`, `goal`, `next` and `history` (DESIGN §4)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import click

from netevent.domain.chapter import STATUSES
from netevent.domain.text import printable
from netevent.errors import UserError


def _line(text: str) -> str:
    return " ".join(printable(text).split())


@click.command()
@click.argument("store_arg", metavar="STORE")
@click.argument("names", nargs=-1, required=True)
@click.option("--status", default="present", show_default=True, type=click.Choice(("present", "late", "absent")),
              help="Attendance to mark.")  # fmt: skip
def checkin(store_arg: str, names: tuple[str, ...], status: str) -> None:
    """Mark attendance for one or more people (a unique prefix is enough); all are checked before any is marked."""
    from netevent.domain.names import match_name
    from netevent.services.meeting import check_in, open_store

    with open_store(store_arg, writer=True) as store:
        people = store.attendees()
        for name in names:  # an unknown name refuses the lot, so a typo never leaves half the room marked
            match_name(name, people)
        with store.batch():
            marked = [check_in(store, name, status) for name in names]
    for person in marked:
        click.echo(_line(f"{person.name}: {person.attendance}"))


@click.command()
@click.argument("store_arg", metavar="STORE")
@click.argument("record")
@click.option("--status", required=True, type=click.Choice(STATUSES), help="What became of the record.")
@click.option("--value", default=None, help="For won: the value of the business closed.")
@click.option("--note", default="", help="A note on what happened.")
def followup(store_arg: str, record: str, status: str, value: str | None, note: str) -> None:
    """Record what became of a referral, introduction or one-to-one (by its id, this meeting's or earlier)."""
    from netevent.services.chapter import give_followup
    from netevent.services.meeting import open_store

    with open_store(store_arg, writer=True) as store:
        item, change = give_followup(store, record, status, value=value, note=note)
    worth = f" ({change.value:g})" if change.value else ""
    click.echo(_line(f"{item.id} {item.referral.giver} → {item.referral.receiver}: {change.status}{worth}"))


@click.command()
@click.argument("store_arg", metavar="STORE")
@click.argument("name")
@click.option("--referrals", type=int, default=0, help="Referrals to give at the next meeting.")
@click.option("--introductions", type=int, default=0, help="Introductions to make.")
@click.option("--one-to-ones", "one_to_ones", type=int, default=0, help="One-to-ones to book.")
def goal(store_arg: str, name: str, referrals: int, introductions: int, one_to_ones: int) -> None:
    """Set a member's goal for the next meeting."""
    from netevent.services.chapter import give_goal
    from netevent.services.meeting import open_store

    with open_store(store_arg, writer=True) as store:
        saved = give_goal(store, name, referrals, introductions, one_to_ones)
    counts = ((saved.referrals, "referral"), (saved.introductions, "introduction"), (saved.one_to_ones, "one-to-one"))
    wanted = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in counts if n)
    click.echo(_line(f"goal for {saved.name} at the next meeting: {wanted}"))


@click.command("next")
@click.argument("source", metavar="EVENT|STORE")
@click.option("--date", "date_text", default=None, help="The next meeting's date (default: by the cadence).")
@click.option("--to", "target", type=click.Path(path_type=Path), default=None, help="Event file to write.")
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def next_meeting(source: str, date_text: str | None, target: Path | None, force: bool) -> None:
    """Write the next meeting's event file: members with their latest asks, the date moved on."""
    from netevent.services.meeting import EVENT_SUFFIXES, open_store
    from netevent.services.next_meeting import write_next
    from netevent.store.naming import default_store_path

    date = None
    if date_text is not None:
        try:
            date = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            raise UserError(f"--date {date_text!r} is not a date; write it like 2026-12-03") from None
    path = Path(source).expanduser()
    folder = Path.cwd()
    if path.suffix.lower() in EVENT_SUFFIXES:
        from netevent.event_files.load import load_event

        event = load_event(path)
        folder = path.parent
        if default_store_path(event).exists():  # the meeting as it went: asks edited in the room
            with open_store(default_store_path(event), writer=False) as store:
                event = store.event()
    else:
        with open_store(source, writer=False) as store:
            event = store.event()
    written = write_next(event, str(path), target, date=date, force=force, folder=folder)
    click.echo(str(written.path))
    if written.visitors:
        click.echo("visitors to follow up: " + "; ".join(_visitor(p) for p in written.visitors), err=True)


def _visitor(person) -> str:  # Attendee
    contact = person.email or person.phone
    host = f", invited by {person.invited_by}" if person.invited_by else ""
    return _line(f"{person.name}{f' ({contact})' if contact else ''}{host}")


@click.command()
@click.argument("target", metavar="CHAPTER|EVENT|STORE")
@click.option("--last", type=click.IntRange(min=1), default=None, help="Only the last N meetings.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "md", "html"]), default="table",
              show_default=True)  # fmt: skip
@click.option("--to", "target_file", type=click.Path(path_type=Path), default=None, help="Write to this file.")
def history(target: str, last: int | None, fmt: str, target_file: Path | None) -> None:
    """The chapter across its meetings: per meeting, and per member with their scorecard colour."""
    from netevent.render.history_table import history_csv, history_json, history_markdown, history_tables
    from netevent.services.chapter import chapter_history, find_chapter

    chapter = find_chapter(target)
    if not chapter.meetings:
        raise UserError(f"the chapter {chapter.name!r} has no readable meetings; see `netevent init`")
    result = chapter_history(chapter, last)
    currency = chapter.meetings[-1].event.currency
    if fmt == "table" and target_file is None:
        from rich.console import Console

        Console().print(history_tables(result, currency))
        return
    if fmt == "html":
        from netevent.export.report import history_html

        text = history_html(result, currency)
    elif fmt == "md":
        text = history_markdown(result, currency)
    elif fmt == "csv":
        text = history_csv(result)
    elif fmt == "json":
        text = history_json(result) + "\n"
    else:
        from rich.console import Console

        console = Console(record=True, width=140, file=io.StringIO())
        console.print(history_tables(result, currency))
        text = console.export_text()
    if target_file is None:
        click.echo(text, nl=False)
        return
    from netevent.export.files import replace_file

    try:
        replace_file(target_file, text)
    except OSError as exc:
        raise UserError(f"{target_file}: cannot write it ({exc.strerror}); choose another place with --to") from None
    click.echo(str(target_file))
