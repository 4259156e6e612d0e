"""Keys typed faster than the screen redraws still land in the right fields (as over a slow laptop or tmux)."""

from __future__ import annotations

from pilot_helpers import toasts
from textual import events
from textual.widgets import Input

from netevent.store.repository import Store
from netevent.tui.app import NeteventApp

CHARS = {"enter": "\r", "tab": "\t", "space": " "}


def burst(app: NeteventApp, keys: list[str]) -> None:
    """Queue every key at once, the way a terminal delivers fast typing, before the app handles any of them."""
    for key in keys:
        app.post_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))


async def test_a_referral_typed_in_one_burst_is_recorded(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        burst(app, [*"oli", "tab", *"ian", "enter"])
        await pilot.pause()
        assert [(r.giver, r.receiver) for r in sample_store.referrals()] == [("Olivia Grant", "Ian Crowther")]


async def test_a_walk_in_typed_in_one_burst_fills_each_field(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        burst(app, [*"Nia", "space", *"Jones", "enter", *"Jones", "space", *"Dental", "enter", *"Dentist"])
        await pilot.pause()
        values = {w.id: w.value for w in app.screen.query(Input)}
        assert values["walkin-name"] == "Nia Jones"
        assert values["walkin-business"] == "Jones Dental"
        assert values["walkin-profession"] == "Dentist"


async def test_two_referrals_typed_in_one_burst_are_both_recorded(sample_store: Store) -> None:
    """The next referral typed before the first is saved used to run into it: neither was recorded."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        burst(app, [*"oli", "tab", *"ian", "enter", *"sar", "tab", *"tom", "tab", "i", "enter", *"hel", "enter"])
        await pilot.pause()
        stored = [(r.giver, r.receiver, r.kind) for r in sample_store.referrals()]
        assert stored == [("Olivia Grant", "Ian Crowther", "referral"), ("Sarah Patel", "Tom Whitaker", "introduction")]
        assert app.screen.query_one("#ref-from", Input).value == "hel"  # the third, missing its receiver, waits
        assert "the receiver is empty" in str(app.screen.query_one("#ref-to-error").content)


async def test_a_bad_entry_in_a_burst_is_reported_and_the_next_one_still_recorded(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        burst(app, [*"zzz", "tab", *"ian", "enter", *"sar", "tab", *"tom", "enter"])
        await pilot.pause()
        assert [(r.giver, r.receiver) for r in sample_store.referrals()] == [("Sarah Patel", "Tom Whitaker")]
        shown_again = app.screen.query_one("#ref-from", Input).value == "zzz"
        told = "zzz" in await toasts(pilot)
        assert shown_again or told  # never dropped without a word


async def test_closed_business_typed_in_one_burst_keeps_its_value(sample_store: Store) -> None:
    """The value field appears when the kind becomes "closed"; the tab typed straight after must land in it."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        burst(app, [*"oli", "tab", *"ian", "tab", "c", "tab", *"900", "tab", *"EUR", "tab", *"Ann", "enter"])
        await pilot.pause()
        stored = [(r.giver, r.receiver, r.kind, r.value, r.currency, r.contact) for r in sample_store.referrals()]
        assert stored == [("Olivia Grant", "Ian Crowther", "closed", 900, "EUR", "Ann")]


async def test_a_value_typed_straight_after_c_is_kept(sample_store: Store) -> None:
    """Issue 15 item 6: `gar` tab `raj` tab `c` `850` enter said "closed business needs the value"."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"gar", "tab", *"raj", "tab", "c", *"850", "enter")
        await pilot.pause()
        [closed] = sample_store.referrals()
        assert (closed.giver, closed.receiver, closed.kind) == ("Gareth Evans", "Raj Mistry", "closed")
        assert closed.value == 850


async def test_after_a_refused_name_the_next_keys_replace_it(sample_store: Store) -> None:
    """Issue 15 item 7: `zzz` enter, then `X` gave "Xzzz"."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"zzz", "tab", *"ian", "enter")
        await pilot.pause()
        giver = app.screen.query_one("#ref-from", Input)
        assert giver.value == "zzz" and app.focused is giver
        await pilot.press(*"oli")
        assert giver.value == "oli"
        await pilot.press("enter")
        await pilot.pause()
        assert [(r.giver, r.receiver) for r in sample_store.referrals()] == [("Olivia Grant", "Ian Crowther")]
