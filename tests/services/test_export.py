"""A small meeting with awkward text (accents, quotes, commas, newlines, <tags>) for the export tests."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import vobject
from meetings import FORMULA_NOTE, SCRIPT_NOTE, TRICKY_NOTE, build_store

from netevent.domain.models import Attendee, Event, Referral
from netevent.export import ExportError, export_all
from netevent.store.repository import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with build_store(tmp_path / "store.json") as opened:
        yield opened


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_files_open_in_spreadsheets_with_accents_and_awkward_notes_intact(store: Store, tmp_path: Path) -> None:
    written = export_all(store, tmp_path / "out", {"csv"})
    assert sorted(p.name for p in written) == ["attendees.csv", "pitches.csv", "referrals.csv"]
    for path in written:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8

    people = read_csv(tmp_path / "out" / "attendees.csv")
    assert [p["name"] for p in people] == ["Zoë Müller", "José García", "Sarah Patel", "Siobhán O'Connor"]
    zoe = people[0]
    assert zoe["business"] == 'Müller & "Söhne", Ltd'
    assert zoe["offer"] == "Fixed-fee conveyancing,\nfirst-time buyers"
    assert zoe["phone"] == "+44 113 496 0001"  # a phone number is not mistaken for a formula
    assert zoe["sphere"] == "mortgage broker; estate agent"
    assert (zoe["attendance"], zoe["given"], zoe["received"], zoe["overtime_seconds"]) == ("present", "2", "2", "5.25")
    assert zoe["ask_verdict"] in ("specific", "needs-work", "vague")
    assert zoe["ask_rewrite"].startswith("Who do you know")  # issue 18: the sharpened ask travels with the export
    assert [p["walk_in"] for p in people] == ["no", "no", "no", "yes"]
    assert people[2]["attendance"] == "absent" and people[2]["share_contact"] == "no"

    records = read_csv(tmp_path / "out" / "referrals.csv")
    assert len(records) == 5
    assert records[0]["note"] == TRICKY_NOTE
    assert records[1]["note"] == SCRIPT_NOTE
    assert records[3]["note"] == "'" + FORMULA_NOTE  # defused, not run by the spreadsheet
    assert (records[3]["kind"], records[3]["value"], records[3]["currency"]) == ("closed", "1250.5", "GBP")

    pitches = read_csv(tmp_path / "out" / "pitches.csv")
    assert [(p["speaker"], p["status"]) for p in pitches] == [
        ("Zoë Müller", "done"),
        ("José García", "done"),
        ("Sarah Patel", "skipped"),
    ]
    assert pitches[0]["paused_seconds"] == "2.5"


def test_contacts_vcf_holds_only_people_who_share_their_contact(store: Store, tmp_path: Path) -> None:
    (path,) = export_all(store, tmp_path, {"vcf"})
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert [c.fn.value for c in cards] == ["Zoë Müller", "José García", "Siobhán O'Connor"]
    zoe = cards[0]
    assert zoe.org.value == ['Müller & "Söhne", Ltd']
    assert (zoe.email.value, zoe.tel.value, zoe.url.value) == (
        "zoe@muller.example",
        "+44 113 496 0001",
        "https://muller.example",
    )
    assert (zoe.n.value.family, zoe.n.value.given) == ("Müller", "Zoë")
    assert "Met at Café Club <Leeds> on 2026-11-26" in zoe.note.value
    assert "Fixed-fee conveyancing,\nfirst-time buyers" in zoe.note.value
    assert "sarah@patel.example" not in path.read_text(encoding="utf-8")


def test_follow_ups_ics_has_one_entry_with_a_reminder_per_one_to_one(store: Store, tmp_path: Path) -> None:
    (path,) = export_all(store, tmp_path, {"ics"})
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    entries = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in entries] == [
        "One-to-one: José García & Zoë Müller",
        "One-to-one: Sarah Patel & Zoë Müller",
    ]
    # no time booked: an all-day reminder a week after the meeting, said so (issue 15 item 20: it invented 07:00);
    # a date named in the note is used
    assert entries[0].decoded("dtstart") == dt.date(2026, 12, 3)
    assert entries[0].decoded("dtend") == dt.date(2026, 12, 4)
    assert "No time was set at the meeting" in str(entries[0]["description"])
    assert entries[1].decoded("dtstart") == dt.datetime(2026, 12, 4, 12, 30)
    assert "No time was set" not in str(entries[1]["description"])
    assert str(entries[0]["description"]).startswith(SCRIPT_NOTE)
    assert "zoe@muller.example" in str(entries[1]["description"])
    assert "sarah@patel.example" not in path.read_text(encoding="utf-8")  # Sarah keeps her contact private
    for entry in entries:
        (alarm,) = entry.walk("VALARM")
        assert alarm.decoded("trigger") < dt.timedelta(0)
    assert len({str(e["uid"]) for e in entries}) == 2


def test_format_selector_writes_only_what_was_asked(store: Store, tmp_path: Path) -> None:
    written = export_all(store, tmp_path / "a", ["vcf", "ics"])
    assert sorted(p.name for p in written) == ["contacts.vcf", "follow-ups.ics"]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["contacts.vcf", "follow-ups.ics"]
    assert [p.name for p in export_all(store, tmp_path / "b", "json")] == ["event.json"]


def test_unknown_format_and_unwritable_folder_are_one_line_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"unknown export format pdf; choose from all\|csv"):
        export_all(store, tmp_path, {"pdf"})
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    with pytest.raises(ExportError) as caught:
        export_all(store, blocker / "out", {"csv"})
    assert "taken" in str(caught.value) and "--to" in str(caught.value) and "\n" not in str(caught.value)


def test_export_reads_a_read_only_store_while_the_app_holds_the_write_lock(store: Store, tmp_path: Path) -> None:
    with Store(store.path, writer=False) as reader:
        written = export_all(reader, tmp_path / "out", ["csv", "json", "vcf", "ics"])
    assert len(written) == 6
    records = read_csv(tmp_path / "out" / "referrals.csv")
    assert [r["giver"] for r in records] == [r.giver for r in store.referrals()]


def test_follow_up_without_an_event_date_is_a_week_after_booking_and_bad_dates_in_notes_are_ignored(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "store.json", durable=False) as store:
        store.load_event(Event(title="Undated", attendees=[Attendee("Zoë"), Attendee("José")]))
        store.add_referrals(
            [
                Referral("Zoë", "José", "one-to-one", note="not 2026-13-40", created_at="2026-03-02T08:15:00+00:00"),
                Referral("José", "Zoë", "one-to-one", note="Tea 2026-03-05T16:45", created_at="2026-03-02T08:20:00"),
            ]
        )
        (path,) = export_all(store, tmp_path / "out", "ics")
    starts = [e.decoded("dtstart") for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    assert starts == [dt.date(2026, 3, 9), dt.datetime(2026, 3, 5, 16, 45)]


def test_a_one_to_one_booked_for_a_time_is_that_time_in_the_calendar(store: Store, tmp_path: Path) -> None:
    from netevent.services import meeting

    people = [p.name for p in store.attendees()][:2]
    for when in ("2026-12-10 10:30", "2026-12-11"):
        meeting.record_referral(store, meeting.ReferralInput(*people, kind="1-2-1", meet_at=when))
    with pytest.raises(meeting.InputError, match="not a date"):
        meeting.build_referral(store, meeting.ReferralInput(*people, kind="one-to-one", meet_at="next tuesday"))
    (path,) = export_all(store, tmp_path, {"ics"})
    starts = {e.decoded("dtstart") for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    assert {dt.datetime(2026, 12, 10, 10, 30), dt.date(2026, 12, 11)} <= starts


def test_export_leaves_the_cycle_collector_as_it_found_it(store: Store, tmp_path: Path) -> None:
    """Export pauses Python's cycle collector while it works; an app that keeps running after it needs it back on,
    and a failed export must not leave it off either."""
    import gc

    assert gc.isenabled()
    export_all(store, tmp_path / "out")
    assert gc.isenabled()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(ExportError):
        export_all(store, blocked / "out")
    assert gc.isenabled()
    gc.disable()
    try:
        export_all(store, tmp_path / "again")
        assert not gc.isenabled()  # a caller that had turned it off keeps it off
    finally:
        gc.enable()
