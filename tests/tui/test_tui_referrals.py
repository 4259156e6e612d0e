"""The Referrals screen driven by keys: every kind of record, completion, undo/edit/delete, errors, live tally."""

from __future__ import annotations

from pilot_helpers import toasts
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from netevent.domain.models import Referral
from netevent.services import meeting
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.dialogs.modals import ConfirmModal
from netevent.tui.screens.referrals import EditReferralModal, ReferralsScreen

SIZE = (120, 40)


async def open_desk(pilot: Pilot) -> ReferralsScreen:
    await pilot.press("f4")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReferralsScreen)
    return screen


def rows(screen: ReferralsScreen) -> list[list[str]]:
    """The recent list as the facilitator reads it, top row first."""
    table = screen.query_one("#referral-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def shown(screen: ReferralsScreen, selector: str) -> str:
    """The plain text a Static shows."""
    console = Console(width=200, record=True)
    console.print(screen.query_one(selector, Static).content)
    return console.export_text()


def field(screen: ReferralsScreen, name: str) -> str:
    return screen.query_one(f"#ref-{name}", Input).value


def error_at(screen: ReferralsScreen, name: str) -> str:
    error = screen.query_one(f"#ref-{name}-error", Static)
    return str(error.content) if error.display else ""


async def test_plain_referral_takes_two_keystrokes_beyond_the_names(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"oli", "tab", *"ian")  # the names, and tab between them: nothing stored yet
        await pilot.pause()
        assert sample_store.referrals() == []
        await pilot.press("enter")  # the second keystroke beyond the names stores it
        await pilot.pause()
        [stored] = sample_store.referrals()
        assert (stored.giver, stored.receiver, stored.kind, stored.temperature) == (
            "Olivia Grant",
            "Ian Crowther",
            "referral",
            3,
        )
        assert rows(screen)[0][1:4] == ["Olivia Grant", "Ian Crowther", "referral"]
        assert field(screen, "from") == "" and screen.query_one("#ref-from").has_focus  # ready for the next one


async def test_every_kind_by_keys_lands_in_store_and_list(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        # giver, tab, receiver, tab to the kind picker, kind letter, then what that kind needs
        await pilot.press(*"sarah", "tab", *"tom", "tab", "tab", *"Jo Bloggs 07700", "tab", *"buying", "tab", "5")
        await pilot.press("enter")
        await pilot.press(*"priya", "tab", *"gareth", "tab", "i", "enter")
        await pilot.press(*"helen", "tab", *"daniel", "tab", "o", "enter")
        await pilot.press(*"mick", "tab", *"kirsty", "tab", "c", "tab", *"1200", "enter")
        await pilot.pause()
        stored = {r.kind: r for r in sample_store.referrals()}
        assert set(stored) == {"referral", "introduction", "one-to-one", "closed"}
        assert (stored["referral"].contact, stored["referral"].note, stored["referral"].temperature) == (
            "Jo Bloggs 07700",
            "buying",
            5,
        )
        assert (stored["introduction"].giver, stored["introduction"].receiver) == ("Priya Sharma", "Gareth Evans")
        assert (stored["one-to-one"].giver, stored["one-to-one"].receiver) == ("Helen Moss", "Daniel Okafor")
        assert (stored["closed"].value, stored["closed"].currency) == (1200.0, "GBP")
        listed = rows(screen)
        assert [r[3] for r in listed] == ["closed", "1-2-1", "intro", "referral"]  # newest first
        assert listed[0][4] == "£1,200"
        assert listed[3][5] == "●●●●●"


async def test_value_field_only_for_closed_business(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        value = screen.query_one("#ref-value-field")
        assert not value.display
        await pilot.press("tab", "tab", "c")
        assert value.display
        await pilot.press("r")
        assert not value.display


async def test_name_completion_from_a_prefix_or_a_typo(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"oli")
        await pilot.pause()
        await pilot.press("right")  # Textual's own way to accept the grey suggestion
        assert field(screen, "from") == "Olivia Grant"
        screen.query_one("#ref-from", Input).value = ""
        await pilot.press(*"olvia", "tab")  # a typo resolves to the one name it can mean
        assert field(screen, "from") == "Olivia Grant"
        assert screen.query_one("#ref-to").has_focus
        await pilot.press(*"crowther", "tab")  # a surname alone completes too
        assert field(screen, "to") == "Ian Crowther"


async def test_undo_removes_the_last_record(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"oli", "tab", *"ian", "enter")
        await pilot.press(*"sarah", "tab", *"tom", "enter")
        await pilot.pause()
        assert len(sample_store.referrals()) == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        [left] = sample_store.referrals()
        assert (left.giver, left.receiver) == ("Olivia Grant", "Ian Crowther")
        assert [r[1] for r in rows(screen)] == ["Olivia Grant"]
        assert "Undone" in await toasts(pilot)


async def test_edit_the_selected_record(sample_store: Store) -> None:
    sample_store.add_referral(Referral("Olivia Grant", "Ian Crowther", temperature=2))
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press("escape", "e")  # to the list, edit the highlighted row
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, EditReferralModal)
        assert modal.query_one("#ref-from", Input).value == "Olivia Grant"
        modal.query_one("#ref-to", Input).focus()
        await pilot.press(*"hannah", "tab", "o", "enter")
        await pilot.pause()
        assert app.screen is screen
        [edited] = sample_store.referrals()
        assert (edited.receiver, edited.kind, edited.temperature) == ("Hannah Clarke", "one-to-one", 2)
        assert rows(screen)[0][2:4] == ["Hannah Clarke", "1-2-1"]


async def test_edit_errors_stay_in_the_dialog(sample_store: Store) -> None:
    sample_store.add_referral(Referral("Olivia Grant", "Ian Crowther"))
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_desk(pilot)
        await pilot.press("escape", "enter")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#ref-to", Input).value = "Olivia"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        assert "cannot refer to themselves" in str(modal.query_one("#ref-to-error", Static).content)
        assert sample_store.referrals()[0].receiver == "Ian Crowther"
        await pilot.press("escape")
        assert isinstance(app.screen, ReferralsScreen)


async def test_delete_asks_first(sample_store: Store) -> None:
    sample_store.add_referral(Referral("Olivia Grant", "Ian Crowther"))
    sample_store.add_referral(Referral("Sarah Patel", "Tom Whitaker"))
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert len(sample_store.referrals()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        [left] = sample_store.referrals()
        assert left.giver == "Olivia Grant"  # the top row, the newest, was the one deleted
        assert [r[1] for r in rows(screen)] == ["Olivia Grant"]


async def test_typing_e_or_d_in_a_field_is_just_typing(sample_store: Store) -> None:
    sample_store.add_referral(Referral("Olivia Grant", "Ian Crowther"))
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"dee")
        await pilot.pause()
        assert field(screen, "from") == "dee"
        assert isinstance(app.screen, ReferralsScreen)
        assert len(sample_store.referrals()) == 1


async def test_self_referral_is_caught_at_the_receiver(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"oli", "tab", *"olivia", "enter")
        await pilot.pause()
        assert "cannot refer to themselves" in error_at(screen, "to")
        assert screen.query_one("#ref-to").has_focus
        assert (field(screen, "from"), field(screen, "to")) == ("Olivia Grant", "olivia")  # nothing typed is lost
        assert sample_store.referrals() == []


async def test_unknown_and_ambiguous_names_list_candidates(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"zebedee", "tab", *"ian", "enter")
        await pilot.pause()
        assert "no attendee called 'zebedee'" in error_at(screen, "from")
        screen.query_one("#ref-from", Input).value = "s"
        await pilot.press("enter")
        await pilot.pause()
        message = error_at(screen, "from")
        assert "matches several attendees" in message and "Sarah Patel" in message and "Stuart Reid" in message
        assert sample_store.referrals() == []
        # fixing the field clears the error and saves
        screen.query_one("#ref-from", Input).value = "sarah"
        await pilot.press("enter")
        await pilot.pause()
        assert error_at(screen, "from") == ""
        assert len(sample_store.referrals()) == 1


async def test_absent_attendee_is_caught(sample_store: Store) -> None:
    meeting.check_in(sample_store, "Ian Crowther", "absent")
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"oli", "tab", *"ian", "enter")
        await pilot.pause()
        assert "Ian Crowther is marked absent" in error_at(screen, "to")
        assert sample_store.referrals() == []


async def test_bad_temperature_and_closed_without_value(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"oli", "tab", *"ian")
        screen.query_one("#ref-temperature").focus()
        await pilot.press("7", "enter")
        await pilot.pause()
        assert "out of range" in error_at(screen, "temperature")
        assert screen.query_one("#ref-temperature-field").has_class("-invalid")
        screen.query_one("#ref-temperature", Input).value = ""
        screen.query_one("#ref-kind").focus()
        await pilot.press("c", "enter")
        await pilot.pause()
        assert "closed business needs the value" in error_at(screen, "value")
        assert error_at(screen, "temperature") == ""
        assert screen.query_one("#ref-value").has_focus
        await pilot.press(*"950", "enter")
        await pilot.pause()
        [stored] = sample_store.referrals()
        assert (stored.kind, stored.value) == ("closed", 950.0)


async def test_live_tally_follows_every_write(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        before = shown(screen, "#live-room")
        assert "Gave something: 0 of 20" in before
        assert "Ian Crowther" in before.split("Nothing received yet:")[1]
        await pilot.press(*"oli", "tab", *"ian", "enter")
        await pilot.pause()
        after = shown(screen, "#live-room")
        assert "Gave something: 1 of 20" in after
        assert "Top giver: Olivia Grant (100%" in after
        assert "Ian Crowther" not in after.split("Nothing received yet:")[1]
        bars = {line.split("  ")[0]: line for line in shown(screen, "#live-bars").splitlines()}
        assert "█" in bars["Olivia Grant"] and "█" in bars["Ian Crowther"]
        assert "█" not in bars["Sarah Patel"]
        await pilot.press(*"ian", "tab", *"oli", "enter")
        await pilot.pause()
        assert "Gave to each other: Ian Crowther & Olivia Grant" in shown(screen, "#live-room")
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert "Gave something: 0 of 20" in shown(screen, "#live-room")


async def test_brackets_in_a_note_are_shown_as_typed(sample_store: Store) -> None:
    """A note is not Rich markup: '[/b]' in it used to stop the list drawing, '[urgent]' to vanish."""
    from textual.geometry import Region

    app = NeteventApp(sample_store)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"sarah", "tab", *"tom", "tab", "tab", *"Jo [/b] Bloggs", "tab", *"[urgent] call", "enter")
        await pilot.pause()
        [stored] = sample_store.referrals()
        assert (stored.contact, stored.note) == ("Jo [/b] Bloggs", "[urgent] call")
        table = screen.query_one("#referral-table", DataTable)
        drawn = "\n".join(s.text for s in table.render_lines(Region(0, 0, table.size.width, table.size.height)))
        assert "Jo [/b] Bloggs" in drawn and "[urgent] call" in drawn


async def test_an_unknown_name_with_brackets_is_an_error_at_the_field_not_a_crash(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_desk(pilot)
        await pilot.press(*"[/b]", "tab", *"tom", "enter")
        await pilot.pause()
        assert "[/b]" in error_at(screen, "from")
        assert sample_store.referrals() == []
        assert field(screen, "from") == "[/b]"  # what was typed stays, to be corrected
