"""The chapter in the app (issue 20): the follow-up round, the History screen, goals at the pitch, walk-in hosts
and the next meeting's file — pressed as the facilitator would, checked on screen and in the stores."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from chapter_meetings import DATES, ROUND, current_store, meeting_store
from pilot_helpers import toasts
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from netevent.domain.chapter import chapter_items
from netevent.domain.models import Referral
from netevent.event_files.event_toml import parse_toml
from netevent.services.chapter import load_chapter
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.dialogs.end_meeting import EndMeetingModal
from netevent.tui.dialogs.modals import ConfirmModal, ErrorModal
from netevent.tui.screens.followups import FollowUpsScreen
from netevent.tui.screens.history import HistoryScreen
from netevent.tui.screens.pitch import PitchScreen


def rows(app: NeteventApp) -> list[list[str]]:
    table = app.screen.query_one("#followups-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def text_of(app: NeteventApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def history_text(app: NeteventApp) -> str:
    """The History screen's tables as the screen's width lays them out."""
    console = Console(width=app.size.width - 4, record=True, file=io.StringIO())
    console.print(app.screen.query_one("#history-view", Static).content)
    return console.export_text()


def statuses(path: Path) -> dict[str, str]:
    with Store(path, writer=False) as store:
        return {item.id: item.status for item in chapter_items(load_chapter(store))}


async def test_the_round_records_three_outcomes_by_keys_and_a_restart_keeps_them(tmp_path: Path) -> None:
    store = current_store(tmp_path)
    app = NeteventApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        assert "5 to follow up from the last 2 meetings" in text_of(app, "#followups-head")
        # Grouped by receiver, the receiver named once; age counted from this meeting's date.
        assert [row[:2] + row[3:] for row in rows(app)] == [
            ["Olivia Grant", "Gareth Evans", "7 days", "open", ""],
            ["Sarah Patel", "Priya Sharma", "14 days", "open", "first-time buyers"],
            ["", "Olivia Grant", "7 days", "open", "Mark Lee"],
            ["Tom Whitaker", "Sarah Patel", "14 days", "contacted", "Jo Bloggs"],
            ["", "Ian Crowther", "7 days", "open", "landlord in LS6"],
        ]
        await pilot.press("c", "m", "w")  # each key moves on to the next item
        await pilot.pause()
        await pilot.press(*"1,200", "enter")
        await pilot.pause()
        assert [row[4] for row in rows(app)][:3] == ["contacted", "met", "won £1,200"]
        assert "4 to follow up" in text_of(app, "#followups-head")  # won settles it; still listed
    store.close()
    stored = statuses(store.path)  # a fresh Store on the same files, as a restart reads them
    assert [stored[i] for i in ROUND] == ["contacted", "met", "won", "contacted", "open"]
    with Store(store.path, writer=False) as fresh:
        given = [(f.record, f.status, f.value, f.by) for f in fresh.followups()]
    assert given == [(ROUND[0], "contacted", None, "facilitator"), (ROUND[1], "met", None, "facilitator"),
                     (ROUND[2], "won", 1200.0, "facilitator")]  # fmt: skip

    # The app opened again lists the same round with the outcomes given.
    with Store(store.path) as reopened:
        app = NeteventApp(reopened)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("f8")
            await pilot.pause()
            assert [row[4] for row in rows(app)] == ["contacted", "met", "won £1,200", "contacted", "open"]


async def test_won_with_a_bad_value_says_why_and_writes_nothing(tmp_path: Path) -> None:
    store = current_store(tmp_path)
    app = NeteventApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f8", "w")
        await pilot.pause()
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorModal)
        message = text_of(app, "#error-message")
        assert "'lots' is not an amount" in message and "\n" not in message
        await pilot.press("enter", "w")  # close it; then escape at the prompt writes nothing either
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app)[0][4] == "open"
    assert store.followups() == []
    store.close()


async def test_the_first_meeting_of_a_chapter_has_nothing_to_follow_up(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        assert "Nothing to follow up yet: this is the chapter's first meeting" in text_of(app, "#followups-empty")
        await pilot.press("c")  # no item: the key does nothing
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
    assert sample_store.followups() == []


async def test_history_shows_the_chapter_and_follows_the_meeting_live(tmp_path: Path) -> None:
    store = current_store(tmp_path)
    app = NeteventApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = history_text(app)
        assert "Riverside Breakfast Club: 3 meetings" in shown
        for date in DATES:
            assert date.isoformat() in shown
        sarah = next(line for line in shown.splitlines() if "Sarah Patel" in line)
        assert "2/3" in sarah and "0/1" in sarah  # came twice of three; last week's goal not met yet
        # Sarah gives a referral and an introduction now: this meeting's records and her goal follow.
        store.add_referrals([Referral("Sarah Patel", "Tom Whitaker"),
                             Referral("Sarah Patel", "Priya Sharma", kind="introduction")])  # fmt: skip
        app.changed(roster=False)
        await pilot.pause()
        shown = history_text(app)
        today = next(line for line in shown.splitlines() if DATES[2].isoformat() in line)
        assert today.split("│")[3].strip() == "2"  # Records
        sarah = next(line for line in shown.splitlines() if "Sarah Patel" in line)
        assert "1/1" in sarah  # goals met of set
    store.close()


async def test_the_pitch_screen_shows_last_meetings_goal_met_or_not(tmp_path: Path) -> None:
    store = current_store(tmp_path)
    app = NeteventApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        speaker = text_of(app, "#pitch-speaker")
        assert "Goal: 1 referral, 1 introduction — not met" in speaker  # Sarah speaks first
        store.add_referrals([Referral("Sarah Patel", "Tom Whitaker"),
                             Referral("Sarah Patel", "Priya Sharma", kind="introduction")])  # fmt: skip
        app.changed(roster=False)
        await pilot.pause()
        assert "Goal: 1 referral, 1 introduction — met" in text_of(app, "#pitch-speaker")
        await pilot.press("space", "n")  # Tom set no goal: no goal line at his turn
        await pilot.pause()
        assert "Goal:" not in text_of(app, "#pitch-speaker")
    store.close()


async def run_palette(pilot: Pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_set_goal_from_the_palette_at_a_members_turn(tmp_path: Path) -> None:
    store = current_store(tmp_path)
    app = NeteventApp(store)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await run_palette(pilot, "Set goal")
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == "Sarah Patel "  # the speaker, guessed
        await pilot.press(*"2 0 1", "enter")
        assert "Goal for Sarah Patel at the next meeting: 2 referrals, 1 one-to-one" in await toasts(pilot)
        await run_palette(pilot, "Set goal")
        app.screen.query_one("#prompt-input", Input).value = "Nia 1"
        await pilot.press("enter")
        await pilot.pause()
        assert "no attendee called 'Nia'" in text_of(app, "#error-message")
    assert [(g.name, g.referrals, g.introductions, g.one_to_ones) for g in store.goals()] == [
        ("Sarah Patel", 2, 0, 1)]  # fmt: skip
    store.close()


def next_file(folder: Path) -> Path:
    return folder / "riverside-breakfast-club-2026-12-03.toml"


async def test_end_meeting_can_write_the_next_meetings_file_first(tmp_path: Path) -> None:
    store = current_store(tmp_path)
    store.update_attendee("Sarah Patel", ask="Couples buying their first home in Headingley this spring.")
    app = NeteventApp(store, source=tmp_path / "riverside.toml")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f2", "w", *"Nia Jones")
        app.screen.query_one("#walkin-email", Input).value = "nia@jones.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, EndMeetingModal)
        assert "next meeting's event file" in text_of(app, "#question")
        await pilot.press("w")
        await pilot.pause()
    assert app.return_value == "ended"
    store.close()
    event, problems = parse_toml(next_file(tmp_path).read_bytes(), "next")
    assert event is not None, problems
    assert event.date == DATES[2] + dt.timedelta(days=7)
    assert event.chapter == "Riverside Breakfast Club"
    people = {p.name: p for p in event.attendees}
    assert people["Sarah Patel"].ask.startswith("Couples buying their first home in Headingley")  # the latest ask
    assert "Nia Jones" not in people and all(p.role == "member" for p in people.values())


async def test_next_meeting_from_the_palette_asks_before_overwriting(tmp_path: Path) -> None:
    store = current_store(tmp_path)
    app = NeteventApp(store, source=tmp_path / "riverside.toml")
    next_file(tmp_path).write_text("# edited by hand\n", encoding="utf-8")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await run_palette(pilot, "Next meeting")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # kept
        assert "not overwritten" in await toasts(pilot)
        assert next_file(tmp_path).read_text(encoding="utf-8") == "# edited by hand\n"
        await run_palette(pilot, "Next meeting")
        await pilot.press("y")
        notes = await toasts(pilot)
        assert f"Next meeting: {next_file(tmp_path)}" in notes, notes
        assert "Visitors to follow up:" in notes  # the sample's two visitors
        assert app.is_running  # the command alone does not end the meeting
    store.close()
    event, _ = parse_toml(next_file(tmp_path).read_bytes(), "next")
    assert event is not None and event.date == dt.date(2026, 12, 3)


async def test_a_walk_in_names_who_invited_them(tmp_path: Path) -> None:
    store = meeting_store(tmp_path / "club.json", DATES[2])
    app = NeteventApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", *"Nia Jones", "enter", *"Jones Dental")
        app.screen.query_one("#walkin-invited_by", Input).value = "zz"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "no attendee called 'zz'" in text_of(app, "#walkin-invited_by-error")  # said at the field
        app.screen.query_one("#walkin-invited_by", Input).value = "sar"
        await pilot.press("ctrl+s")
        await pilot.pause()
    nia = store.attendee("Nia Jones")
    assert (nia.role, nia.invited_by, nia.business) == ("visitor", "Sarah Patel", "Jones Dental")
    store.close()



def test_netevent_run_ends_and_writes_the_next_meeting_beside_its_event_file(tmp_path: Path, monkeypatch) -> None:
    """`netevent run EVENT` → f10 → w: the file is written next to EVENT, its path shown in the terminal."""
    import shutil

    from click.testing import CliRunner
    from conftest import SAMPLE_EVENT

    from netevent.cli import cli

    real_run = NeteventApp.run

    async def end_and_write(pilot: Pilot) -> None:
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("w")

    monkeypatch.setattr(
        NeteventApp, "run", lambda self, **kw: real_run(self, headless=True, size=(120, 36), auto_pilot=end_and_write)
    )
    event = tmp_path / "riverside.toml"
    shutil.copyfile(SAMPLE_EVENT, event)
    result = CliRunner().invoke(cli, ["run", str(event), "--store", str(tmp_path / "club.json"), "--no-serve"])
    assert result.exit_code == 0, result.output
    told = "".join(result.stderr.split())  # as printed, folded to the terminal's width
    assert f"Nextmeeting:{next_file(tmp_path)}" in told
    assert "Visitorstofollowup:" in told
    assert "referral tally" in result.stdout
    assert next_file(tmp_path).exists()


async def test_an_outcome_given_from_a_phone_shows_in_the_round_marked_as_such(tmp_path: Path) -> None:
    from netevent.domain.chapter import FollowUp

    store = current_store(tmp_path)
    app = NeteventApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        store.add_followup(FollowUp(ROUND[1], "met", by="phone"))  # as the page server stores it
        app.changed(roster=False)
        await pilot.pause()
        assert rows(app)[1][4] == "met · phone"
    store.close()
