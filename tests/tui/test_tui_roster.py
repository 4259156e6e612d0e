"""The app frame and the Roster screen, driven by keys as the facilitator would."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from netevent.store.repository import Store
from netevent.tui.app import NeteventApp


def row_of(app: NeteventApp, name: str) -> list[str]:
    table = app.screen.query_one(DataTable)
    for index in range(table.row_count):
        cells = [str(c) for c in table.get_row_at(index)]
        if cells[1] == name:
            return cells
    raise AssertionError(f"{name} not on screen")


async def test_app_opens_on_the_sample_roster(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.title == "Riverside Breakfast Club"
        assert str(sample_store.path) in app.sub_title
        table = app.screen.query_one(DataTable)
        assert table.row_count == 20
        sarah = row_of(app, "Sarah Patel")
        assert sarah[5] == "Patel & Co Conveyancing" and sarah[4] == "member"
        assert row_of(app, "Chloe Barnes")[3] == "VAGUE"  # "I want paying clients."
        assert row_of(app, "Zoë Ångström")[4] == "visitor"


async def test_check_in_keys_write_the_store_before_the_screen(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")  # Sarah (first row) present; each mark moves down a row
        await pilot.press("l")  # Tom late
        await pilot.press("a")  # Priya absent
        await pilot.pause()
        stored = {p.name: p.attendance for p in sample_store.attendees()}
        assert stored["Sarah Patel"] == "present"
        assert stored["Tom Whitaker"] == "late"
        assert stored["Priya Sharma"] == "absent"
        assert row_of(app, "Tom Whitaker")[2] == "late"
        counts = str(app.screen.query_one("#roster-counts", Static).render())
        assert "present 1" in counts and "late 1" in counts and "absent 1" in counts
        await pilot.press("up", "x")  # undo Priya's check-in
        await pilot.pause()
        assert sample_store.attendee("Priya Sharma").attendance == "expected"


async def test_substitute_needs_and_shows_the_stand_in(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("down", "down", "u")
        await pilot.pause()
        await pilot.press(*"Mo Farah", "enter")
        await pilot.pause()
        person = sample_store.attendee("Priya Sharma")
        assert person.attendance == "substitute" and person.substitute_name == "Mo Farah"
        assert row_of(app, "Priya Sharma")[2] == "substitute: Mo Farah"


async def test_walk_in_visitor_form(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")  # no name yet: the error shows at the name field
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a name" in str(app.screen.query_one("#walkin-name-error", Static).render())
        await pilot.press(*"Nia Jones", "enter", *"Jones Dental", "enter", *"Dentist", "enter", *"nia-at-example")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "email address" in str(app.screen.query_one("#walkin-email-error", Static).render())
        app.screen.query_one("#walkin-email", Input).value = "nia@jones-dental.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        nia = sample_store.attendee("Nia Jones")
        assert (nia.role, nia.attendance, nia.business, nia.email) == (
            "visitor",
            "present",  # a walk-in is in the room (issue 15 item 15: Here said "visitor")
            "Jones Dental",
            "nia@jones-dental.example",
        )
        assert row_of(app, "Nia Jones")[2] == "present" and row_of(app, "Nia Jones")[4] == "visitor"


async def test_undoing_a_walk_ins_check_in_does_not_make_them_expected(sample_store: Store) -> None:
    """Issue 15 item 15: `p` then `x` on a walk-in made them "expected", though nobody expected them."""
    from netevent.services import meeting

    meeting.add_walk_in(sample_store, "Nia Jones", business="Jones Dental")
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=next(i for i in range(table.row_count) if str(table.get_row_at(i)[1]) == "Nia Jones"))
        await pilot.press("p", "x")
        await pilot.pause()
        assert "Nia Jones walked in" in str(app.screen.query_one("#error-message", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert sample_store.attendee("Nia Jones").attendance == "present"
        assert row_of(app, "Nia Jones")[2] == "present"


async def test_editing_an_ask_reviews_it_live_and_saves(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        table = app.screen.query_one(DataTable)
        chloe = next(i for i in range(table.row_count) if str(table.get_row_at(i)[1]) == "Chloe Barnes")
        table.move_cursor(row=chloe)
        await pilot.press("e")
        await pilot.pause()
        review = app.screen.query_one("#ask-review", Static)
        assert "VAGUE" in str(review.render())
        editor = app.screen.query_one("#ask-input", Input)
        editor.value = ""
        await pilot.press(*"Office managers at Leeds law firms with 20 staff moving offices this spring")
        await pilot.pause()
        assert "SPECIFIC" in str(review.render())
        await pilot.press("enter")
        await pilot.pause()
        assert sample_store.attendee("Chloe Barnes").ask.startswith("Office managers at Leeds law firms")
        assert row_of(app, "Chloe Barnes")[3] == "SPECIFIC"


async def test_end_meeting_confirms_then_exits_with_ended(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("n")  # changed our mind
        await pilot.pause()
        assert app.is_running
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == "ended"


def test_end_meeting_from_the_command_line_prints_tally_and_store(tmp_path, monkeypatch) -> None:
    """`netevent run` → f10 → y: the app closes with 0 and the terminal shows the tally and the store path."""
    from click.testing import CliRunner
    from conftest import SAMPLE_EVENT

    from netevent.cli import cli

    real_run = NeteventApp.run

    async def end_meeting(pilot) -> None:
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("y")

    monkeypatch.setattr(
        NeteventApp, "run", lambda self, **kw: real_run(self, headless=True, size=(120, 36), auto_pilot=end_meeting)
    )
    store = tmp_path / "club.json"
    result = CliRunner().invoke(cli, ["run", str(SAMPLE_EVENT), "--store", str(store), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Riverside Breakfast Club — referral tally" in result.stdout
    assert "Sarah Patel" in result.stdout
    assert f"Store: {store}" in result.stdout


async def test_a_hidden_roster_catches_up_when_shown_again(sample_store: Store) -> None:
    from netevent.services import meeting

    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")  # the Referrals screen is up; the roster is hidden
        await pilot.pause()
        meeting.check_in(sample_store, "Ian Crowther", "late")
        app.changed()
        await pilot.press("f2")
        await pilot.pause()
        assert row_of(app, "Ian Crowther")[2] == "late"


def visible_text(widget) -> str:
    """What a widget draws on screen, line by line."""
    from textual.geometry import Region

    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)))


async def test_square_brackets_in_roster_text_show_as_typed(sample_store: Store) -> None:
    """Text in brackets is not Rich markup: '[not agents]' used to vanish, and '[/b]' stopped the table drawing."""
    sample_store.update_attendee("Sarah Patel", ask="Owners [not agents] of cafés [/b] in Leeds")
    sample_store.update_attendee("Tom Whitaker", business="Whitaker [and] Lowe")
    app = NeteventApp(sample_store)
    async with app.run_test(size=(200, 36)) as pilot:
        await pilot.pause()
        drawn = visible_text(app.screen.query_one(DataTable))
        assert "Owners [not agents] of cafés [/b] in Leeds" in drawn
        assert "Whitaker [and] Lowe" in drawn


SARAH_ASK = "Couples who have just had an offer accepted on a first home in Leeds and still need a conveyancer."


async def test_the_roster_fits_the_screen_with_long_asks_cut_short(sample_store: Store) -> None:
    """On a wide enough screen nothing runs off the right edge: the ask ends in "…" and the panel shows it whole."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling
        drawn = visible_text(table)
        sarah = next(line for line in drawn.splitlines() if "Sarah Patel" in line)
        assert sarah.rstrip().endswith("…") and "Couples who have" in sarah
        assert SARAH_ASK not in drawn
        assert SARAH_ASK in str(app.screen.query_one("#roster-detail", Static).content)  # the cursor is on Sarah

        await pilot.resize_terminal(200, 36)  # a wider screen: the ask gets the room back
        await pilot.pause()
        assert SARAH_ASK in visible_text(table)
        assert table.virtual_size.width <= table.size.width


async def test_on_a_narrow_projector_the_roster_scrolls_sideways_instead(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width > table.size.width  # too little room to fit: the table scrolls
        table.scroll_to(x=table.max_scroll_x, animate=False, immediate=True)
        await pilot.pause()
        assert "…" in visible_text(table)  # each ask visibly cut (issue 15 item 13), never clipped mid-word
        detail = str(app.screen.query_one("#roster-detail", Static).render())
        assert "conveyancer." in detail  # the whole ask of the selected row is in the panel below


async def test_fast_check_in_moves_down_a_row_and_slash_finds_a_name(sample_store: Store) -> None:
    """Issue 15: checking in 40 people wants p/l/a to move on, and type-to-find."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p", "p", "l", "a")  # the first four rows, one key each
        await pilot.pause()
        first_four = [p.attendance for p in sample_store.attendees()[:4]]
        assert first_four == ["present", "present", "late", "absent"]
        await pilot.press("slash", *"zoe")  # accents fold: zoe finds Zoë
        await pilot.pause()
        await pilot.press("enter", "p")
        await pilot.pause()
        assert sample_store.attendee("Zoë Ångström").attendance == "present"
        assert row_of(app, "Zoë Ångström")[2] == "present"
        await pilot.press("slash", *"oli", "escape", "l")  # escape closes the finder too
        await pilot.pause()
        assert sample_store.attendee("Olivia Grant").attendance == "late"


async def test_the_walk_in_form_fits_80_by_24_and_reviews_the_ask_as_typed(sample_store: Store) -> None:
    """Issue 15 item 9: at 80×24 the walk-in dialog hid Phone and Ask and their live review."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        for field in ("name", "business", "profession", "email", "phone", "ask"):
            region = app.screen.query_one(f"#walkin-{field}", Input).region
            assert region.height == 1 and 0 <= region.y < 24 - 1, field
        app.screen.query_one("#walkin-ask", Input).focus()
        await pilot.press(*"anyone")
        await pilot.pause()
        review = app.screen.query_one("#walkin-ask-review", Static)
        assert "VAGUE" in str(review.render())
        assert review.region.y + 1 < 24


async def test_with_every_status_in_use_the_counts_and_asks_still_show_at_80_and_120(sample_store: Store) -> None:
    """Issue 15 items 12, 13: at 80×24 the count line dropped "expected 1"; at 120×30 after a substitute the
    asks were clipped without "…"."""
    from netevent.services import meeting

    meeting.check_in(sample_store, "Sarah Patel", "present")
    meeting.check_in(sample_store, "Tom Whitaker", "late")
    meeting.check_in(sample_store, "Priya Sharma", "substitute", "Jamie Reed-Montgomery")
    meeting.check_in(sample_store, "Gareth Evans", "absent")
    meeting.add_walk_in(sample_store, "Nia Jones")
    for size in ((80, 24), (120, 30)):
        app = NeteventApp(sample_store)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            counts = str(app.screen.query_one("#roster-counts", Static).render())
            assert len(counts) <= size[0] - 2
            assert "expected 16" in counts and "late 1" in counts and "absent 1" in counts
            table = app.screen.query_one(DataTable)
            asks = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
            long_asks = [p.ask for p in sample_store.attendees() if len(p.ask) > 24]
            assert long_asks and sum(a.endswith("…") for a in asks) >= len(long_asks) // 2
