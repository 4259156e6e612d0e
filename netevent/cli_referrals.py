"""`netevent referral add|import`: records typed at the command line or from typed-up paper slips."""

from __future__ import annotations

import json
from pathlib import Path

import click

from netevent.domain.text import printable
from netevent.errors import UserError


@click.group()
def referral() -> None:
    """Record referrals between attendees."""


@referral.command("add")
@click.argument("store_arg", metavar="STORE")
@click.option("--from", "giver", required=True, help="Who gives (a unique prefix is enough).")
@click.option("--to", "receiver", required=True, help="Who receives.")
@click.option("--kind", default="referral", show_default=True, help="referral, introduction, one-to-one or closed.")
@click.option("--contact", default="", help="The person referred: name, phone or email.")
@click.option("--note", default="", help="A note for the receiver.")
@click.option("--value", default=None, help="Value of closed business (kind closed).")
@click.option("--currency", default="", help="Currency of the value (default: the event's).")
@click.option("--temperature", default=None, help="1 (a name) to 5 (a warm in-person introduction).")
@click.option("--json", "as_json", is_flag=True, help="Print the new record as one JSON object, with its id.")
def referral_add(store_arg: str, giver: str, receiver: str, kind: str, contact: str, note: str,
                 value: str | None, currency: str, temperature: str | None, as_json: bool) -> None:  # fmt: skip
    """Record one referral in STORE."""
    from netevent.domain.chapter import Item, record_id
    from netevent.services.chapter import read_meeting
    from netevent.services.meeting import ReferralInput, open_store, record_referral

    with open_store(store_arg, writer=True) as store:
        raw = ReferralInput(giver, receiver, kind, contact, note, temperature, value, currency, source="cli")
        saved = record_referral(store, raw)
        rid = record_id(store.event().date, saved.id or 0)
        if as_json:
            click.echo(json.dumps(Item(rid, read_meeting(store), saved, []).to_dict(), ensure_ascii=False))
            return
    click.echo(" ".join(printable(f"{rid} {saved.kind}: {saved.giver} → {saved.receiver}").split()))


@referral.command("list")
@click.argument("store_arg", metavar="STORE")
@click.option("--open", "with_open", is_flag=True, help="Also the chapter's open items from earlier meetings.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def referral_list(store_arg: str, with_open: bool, as_json: bool) -> None:
    """This meeting's records with their ids and follow-up status."""
    from netevent.domain.chapter import chapter_items, open_items
    from netevent.services.chapter import load_chapter
    from netevent.services.meeting import open_store

    with open_store(store_arg, writer=False) as store:
        chapter = load_chapter(store)
        here = str(store.path)
    this = next((m for m in chapter.meetings if m.store == here), None)
    items = [item for item in chapter_items(chapter) if item.meeting is this]
    if with_open and this is not None:
        items = open_items(chapter, this.date or "9999") + items
    for item in items:
        if as_json:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
            continue
        r = item.referral
        worth = f" {item.to_dict()['value']:g}" if item.to_dict()["value"] else ""
        click.echo(" ".join(printable(f"{item.id:<14} {item.status:<9} {r.kind}: {r.giver} → {r.receiver}"
                                      f"{f' ({r.contact})' if r.contact else ''}{worth}").split()))  # fmt: skip
    if not items and not as_json:
        click.echo("no records yet")


@referral.command("import")
@click.argument("store_arg", metavar="STORE")
@click.argument("slips", type=click.Path(path_type=Path))
def referral_import(store_arg: str, slips: Path) -> None:
    """Import paper slips from a CSV; nothing is imported when any row is bad."""
    from netevent.event_files.load import RosterError
    from netevent.services.meeting import open_store
    from netevent.services.slips import import_slips

    with open_store(store_arg, writer=True) as store:
        try:
            result = import_slips(store, slips)
        except RosterError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            n = len(exc.problems)
            problems = f"{n} problem{'s' if n != 1 else ''}"
            raise UserError(f"nothing imported: {problems} in {slips}; fix them and import again") from None
    saved = len(result.saved)
    click.echo(f"imported {saved} record{'s' if saved != 1 else ''} from {slips}")
    if result.skipped:
        click.echo(f"skipped {result.skipped} row{'s' if result.skipped != 1 else ''} already in the store "
                   "(these slips were imported before)")  # fmt: skip
