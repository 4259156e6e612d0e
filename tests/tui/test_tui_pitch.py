"""The Pitch round screen driven by keys with a fake clock: what the room sees and what the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import toasts
from textual.pilot import Pilot
from textual.widgets import Static

from netevent.event_files.load import load_event
from netevent.services.ask_rules import review_ask
from netevent.services.pitching import STATE_KEY
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.pitch import PitchScreen
from netevent.tui.widgets.countdown import BigClock, block_lines, choose_scale

SAMPLE_EVENT = Path(__file__).resolve().parents[2] / "sample_events" / "riverside-breakfast.toml"


def countdown(app: NeteventApp) -> BigClock:
    return app.screen.query_one(BigClock)


def shown(app: NeteventApp, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


async def open_pitch(pilot: Pilot) -> PitchScreen:
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PitchScreen)
    return pilot.app.screen


async def redraw(pilot: Pilot) -> None:
    """Run one tick of the screen's redraw timer now, instead of sleeping until it fires."""
    pilot.app.screen.tick()
    await pilot.pause()


def pitches(store: Store) -> list[tuple[str, str]]:
    return [(p.speaker, p.status) for p in store.pitches()]


async def test_screen_shows_the_speaker_their_ask_and_the_queue(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        speaker = shown(app, "pitch-speaker")
        assert "Sarah Patel" in speaker and "Patel & Co Conveyancing" in speaker
        assert "Conveyancing solicitor" in speaker and "offer accepted on a first home" in speaker
        assert "SPECIFIC" in speaker
        assert (countdown(app).text, countdown(app).phase) == ("1:00", "ready")
        queue = shown(app, "pitch-next-list")
        assert queue.index("Tom Whitaker") < queue.index("Priya Sharma")
        assert "Zoë Ångström  0:45" in queue  # a visitor's own length
        assert "★ Gareth Evans  10:00" in queue.splitlines()[-1]  # the feature closes the round
        assert sample_store.get_state("screen") == "pitch"
        assert "Coach:" not in speaker  # a specific ask needs no coaching


async def test_a_vague_ask_gets_its_top_suggestion_for_coaching(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("s", "s")  # skip Sarah and Tom: Priya's ask is "Anyone who needs a mortgage."
        await pilot.pause()
        speaker = shown(app, "pitch-speaker")
        assert "Priya Sharma" in speaker and "VAGUE" in speaker
        tip = review_ask(sample_store.attendee("Priya Sharma").ask).top_suggestion
        assert tip and f"Coach: {tip}" in " ".join(speaker.split())
        assert "Sharpen the ask first" in str(app.screen.query_one("#pitch-helpers").render())


async def test_who_here_can_help_the_speakers_ask(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pitch(pilot)
        helpers = str(app.screen.query_one("#pitch-helpers").render())
        # Sarah (conveyancer, first-time buyers) is helped by her property sphere.
        assert "Who here can help" in helpers
        assert any(name in helpers for name in ("Tom Whitaker", "Priya Sharma", "Gareth Evans"))


async def test_space_starts_and_pauses_from_the_clock(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("space")
        assert pitches(sample_store) == [("Sarah Patel", "running")]
        fake_clock.advance(20)
        await redraw(pilot)
        assert (countdown(app).text, countdown(app).phase) == ("0:40", "green")
        assert countdown(app).has_class("-green")
        await pilot.press("space")
        assert sample_store.pitches()[0].actual_seconds == pytest.approx(20)
        fake_clock.advance(30)
        await redraw(pilot)
        assert (countdown(app).text, countdown(app).phase) == ("0:40", "paused")
        await pilot.press("space")
        fake_clock.advance(5)
        await redraw(pilot)
        assert countdown(app).text == "0:35"
        assert sample_store.pitches()[0].pauses == [[pytest.approx(20), pytest.approx(50)]]


async def test_amber_red_bell_overtime_and_next(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("space")
        fake_clock.advance(45)
        await redraw(pilot)
        assert (countdown(app).text, countdown(app).phase) == ("0:15", "amber")
        assert countdown(app).has_class("-amber") and not countdown(app).has_class("-green")
        fake_clock.advance(15)
        await redraw(pilot)
        assert (countdown(app).text, countdown(app).phase) == ("0:00", "red")
        assert bells == [1]
        fake_clock.advance(12)
        await redraw(pilot)
        await redraw(pilot)
        assert (countdown(app).text, countdown(app).phase) == ("+0:12", "overtime")
        assert countdown(app).label == "OVER TIME"
        assert bells == [1]  # once, however many redraws
        await pilot.press("n")
        await pilot.pause()
        stored = sample_store.pitches()[0]
        assert (stored.status, stored.actual_seconds, stored.overtime_seconds) == ("done", 72, 12)
        assert "Sarah Patel  1:12 +0:12" in shown(app, "pitch-done-list")
        assert "Tom Whitaker" in shown(app, "pitch-speaker")
        assert (countdown(app).text, countdown(app).phase) == ("1:00", "ready")


async def test_skip_and_back_redo(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert "Tom Whitaker" in shown(app, "pitch-speaker")
        assert "Sarah Patel  skipped" in shown(app, "pitch-done-list")
        assert pitches(sample_store) == [("Sarah Patel", "skipped")]
        await pilot.press("space")
        fake_clock.advance(30)
        await pilot.press("n", "b")  # Tom finished too early: redo him
        await pilot.pause()
        assert "Tom Whitaker" in shown(app, "pitch-speaker")
        assert countdown(app).text == "1:00"
        assert pitches(sample_store) == [("Sarah Patel", "skipped"), ("Tom Whitaker", "redone")]
        assert "Tom Whitaker  redone" in shown(app, "pitch-done-list")
        await pilot.press("b")  # and back again brings the skipped Sarah
        await pilot.pause()
        assert "Sarah Patel" in shown(app, "pitch-speaker")
        assert sample_store.get_state(STATE_KEY)["round"]["pending"][0]["name"] == "Sarah Patel"


async def test_plus_and_minus_change_this_speakers_time(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("plus")
        await redraw(pilot)
        assert countdown(app).text == "1:10"
        assert "1:10 planned" in shown(app, "pitch-status")
        assert sample_store.get_state(STATE_KEY)["round"]["pending"][0]["planned_seconds"] == 70
        await pilot.press("space")
        fake_clock.advance(5)
        await pilot.press(*["minus"] * 7)
        await redraw(pilot)
        assert countdown(app).text == "0:05"  # 10 s is the floor, 5 s gone
        assert sample_store.pitches()[0].planned_seconds == 10


async def test_check_in_on_the_roster_reaches_the_queue(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        assert "Tom Whitaker" in shown(app, "pitch-next-list")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("down", "a")  # Tom is absent
        await pilot.pause()
        await open_pitch(pilot)
        assert "Tom Whitaker" not in shown(app, "pitch-next-list")
        assert "Tom Whitaker" not in [s["name"] for s in sample_store.get_state(STATE_KEY)["round"]["pending"]]


async def test_the_end_of_the_round_shows_the_summary(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("space")
        fake_clock.advance(70)
        await pilot.press("n")
        await pilot.press(*["s"] * 20)
        await pilot.pause()
        summary = shown(app, "pitch-speaker")
        assert "Pitch round complete" in summary
        assert "1 pitches · total 1:10" in summary and "Sarah Patel +0:10" in summary
        assert not countdown(app).display
        await pilot.press("space")  # nothing left to start: no new record
        assert len(sample_store.pitches()) == 21


async def test_resume_after_an_unclean_stop_lands_on_the_next_speaker(tmp_path: Path, fake_clock) -> None:
    path = tmp_path / "meeting.json"
    store = Store(path)
    store.load_event(load_event(SAMPLE_EVENT))
    app = NeteventApp(store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("space")
        fake_clock.advance(58)
        await pilot.press("n", "space")  # Tom is mid-pitch when the laptop dies
        fake_clock.advance(20)
        await pilot.pause()
    store.close()  # nothing was finished: the store is as a kill left it

    store2 = Store(path)
    app2 = NeteventApp(store2, clock=fake_clock)
    async with app2.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app2.screen, PitchScreen)  # back on the same screen
        assert "Tom Whitaker" in shown(app2, "pitch-speaker")
        assert countdown(app2).phase == "ready"
        assert "Sarah Patel  0:58" in shown(app2, "pitch-done-list")
        assert pitches(store2) == [("Sarah Patel", "done"), ("Tom Whitaker", "interrupted")]
        assert "interrupted" in await toasts(pilot)
    store2.close()


@pytest.mark.parametrize(("size", "least_scale"), [((80, 24), 1), ((200, 60), 3)])
async def test_countdown_is_big_at_80x24_and_grows_to_200x60(
    sample_store: Store, fake_clock, size: tuple[int, int], least_scale: int
) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=size) as pilot:
        await open_pitch(pilot)
        clock = countdown(app)
        width, height = clock.content_size
        assert choose_scale(width, height)[0] >= least_scale
        for widget_id in ("pitch-speaker", "pitch-status", "pitch-countdown"):
            region = app.screen.query_one(f"#{widget_id}").region
            assert region.height >= 1 and region.right <= size[0] and region.bottom <= size[1]


def test_pitch_screen_snapshot(snap_compare, tmp_path: Path, fake_clock) -> None:
    store = Store(tmp_path / "meeting.json")
    store.load_event(load_event(SAMPLE_EVENT))
    app = NeteventApp(store, clock=fake_clock)

    async def amber(pilot: Pilot) -> None:
        app.sub_title = "snapshot"  # the store path differs per run
        await pilot.press("f3", "space")
        fake_clock.advance(48)
        await redraw(pilot)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=amber)
    finally:
        store.close()


def contrast(a, b) -> float:
    """WCAG contrast ratio of two Textual colours."""

    def luminance(c) -> float:
        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_light_is_high_contrast_in_dark_and_light_themes(sample_store: Store, fake_clock, theme) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await open_pitch(pilot)
        widget = countdown(app)
        for phase in ("ready", "green", "amber", "red", "overtime", "paused"):
            widget.show("0:42", phase, "")
            await pilot.pause()
            _, _, background, color = widget.colors
            assert contrast(background, color) >= 4.5, (theme, phase)


def test_block_digits_scale_with_the_space_they_get() -> None:
    assert choose_scale(36, 24) == (0, 0)  # too narrow: plain text instead
    assert choose_scale(54, 14) == (1, 2)  # 80x24: tall digits
    assert choose_scale(170, 56) == (4, 8)
    lines = block_lines("1:05", 1, 1)
    assert len(lines) == 5 and len({len(line) for line in lines}) == 1
    assert len(block_lines("1:05", 2, 3)) == 15


async def test_a_skipped_late_arrival_is_brought_back_by_checking_in_or_by_r(sample_store: Store, fake_clock) -> None:
    """Issue 15: bring back a skipped speaker (a late arrival) with a key, or by marking them present."""
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pitch(pilot)
        await pilot.press("s")  # Sarah is not here yet
        await pilot.pause()
        assert "Tom Whitaker" in shown(app, "pitch-speaker")
        assert "r: bring back" in shown(app, "pitch-done-list")
        await pilot.press("f2")  # she arrives: the facilitator marks her late on the Roster
        await pilot.pause()
        await pilot.press("l")  # the first row is Sarah
        await pilot.pause()
        assert sample_store.attendee("Sarah Patel").attendance == "late"
        await open_pitch(pilot)
        assert "Sarah Patel" in shown(app, "pitch-next-list")
        assert sample_store.get_state(STATE_KEY)["round"]["pending"][1]["name"] == "Sarah Patel"
        await pilot.press("s")  # Tom passes while here: not offered again by any check-in
        await pilot.pause()
        assert "Sarah Patel" in shown(app, "pitch-speaker")
        await pilot.press("r")  # but r brings him back, next
        await pilot.pause()
        assert sample_store.get_state(STATE_KEY)["round"]["pending"][1]["name"] == "Tom Whitaker"


async def test_at_80x24_toasts_do_not_pile_up_and_helpers_end_with_an_ellipsis(sample_store: Store, fake_clock) -> None:
    """Issue 15 item 12: pitch toasts piled over "Speaker N of M"; "Who here can help:" stopped mid-sentence."""
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_pitch(pilot)
        helpers = app.screen.query_one("#pitch-helpers")
        lines = [line for line in str(helpers.render()).splitlines() if line.strip()]
        assert lines and lines[0].startswith("Who here can help:")
        assert helpers.styles.text_overflow == "ellipsis" and helpers.styles.text_wrap == "nowrap"
        for _ in range(4):
            await pilot.press("space")
            fake_clock.advance(20)
            await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert len(app.screen.query("Toast")) == 1
        assert "Speaker 5 of" in shown(app, "pitch-status")
