"""The pitch clock: phases, pauses, +/-10 s, the bell and resuming, all on a fake monotonic clock."""

from __future__ import annotations

import pytest

from netevent.domain.clock import PitchClock, colour_phase, format_countdown, format_length


class FakeTime:
    """A monotonic time source the test moves by hand."""

    def __init__(self, start: float = 5000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def ft() -> FakeTime:
    return FakeTime()


def test_ready_clock_shows_the_full_time_and_does_not_run(ft: FakeTime) -> None:
    clock = PitchClock(60, now=ft)
    ft.advance(100)
    assert clock.phase == "ready"
    assert clock.elapsed == 0
    assert clock.display() == "1:00"


def test_countdown_goes_green_amber_red_overtime(ft: FakeTime) -> None:
    clock = PitchClock(60, amber_seconds=15, now=ft)
    clock.start()
    ft.advance(44.5)
    assert (clock.phase, clock.display()) == ("green", "0:16")
    ft.advance(0.5)  # exactly 15 s left
    assert (clock.phase, clock.display()) == ("amber", "0:15")
    ft.advance(14.9)
    assert (clock.phase, clock.display()) == ("amber", "0:01")
    ft.advance(0.1)  # exactly zero
    assert (clock.phase, clock.display()) == ("red", "0:00")
    ft.advance(0.9)
    assert (clock.phase, clock.display()) == ("red", "0:00")
    ft.advance(0.1)
    assert (clock.phase, clock.display()) == ("overtime", "+0:01")
    ft.advance(11)
    assert clock.display() == "+0:12"
    assert clock.remaining == pytest.approx(-12)
    assert clock.overtime == pytest.approx(12)


def test_figures_come_from_the_clock_not_from_ticks(ft: FakeTime) -> None:
    clock = PitchClock(60, now=ft)
    clock.start()
    ft.advance(7.25)  # one jump, as after a UI stall: no redraws in between
    assert clock.elapsed == pytest.approx(7.25)
    assert clock.remaining == pytest.approx(52.75)


def test_pauses_are_banked_and_recorded_as_spans(ft: FakeTime) -> None:
    clock = PitchClock(60, now=ft)
    clock.start()
    ft.advance(10)
    clock.pause()
    assert clock.phase == "paused"
    ft.advance(30)
    assert clock.elapsed == pytest.approx(10)
    clock.resume()
    ft.advance(5)
    assert clock.elapsed == pytest.approx(15)
    assert clock.pauses == [(pytest.approx(10), pytest.approx(40))]
    clock.pause()
    ft.advance(2)
    result = clock.stop()  # stopping while paused closes the open pause
    assert result.actual_seconds == pytest.approx(15)
    assert result.pauses == [(pytest.approx(10), pytest.approx(40)), (pytest.approx(45), pytest.approx(47))]
    assert result.overtime_seconds == 0


def test_toggle_starts_pauses_and_resumes(ft: FakeTime) -> None:
    clock = PitchClock(60, now=ft)
    assert clock.toggle() == "running"
    ft.advance(3)
    assert clock.toggle() == "paused"
    ft.advance(3)
    assert clock.toggle() == "running"
    ft.advance(3)
    assert clock.elapsed == pytest.approx(6)


def test_stop_freezes_the_final_figures(ft: FakeTime) -> None:
    clock = PitchClock(30, now=ft)
    clock.start()
    ft.advance(42.5)
    result = clock.stop()
    ft.advance(100)
    assert result.actual_seconds == pytest.approx(42.5)
    assert result.overtime_seconds == pytest.approx(12.5)
    assert clock.elapsed == pytest.approx(42.5)
    assert clock.phase == "overtime"
    with pytest.raises(ValueError):
        clock.toggle()


def test_adjust_adds_and_takes_ten_seconds_never_below_ten(ft: FakeTime) -> None:
    clock = PitchClock(30, now=ft)
    clock.start()
    ft.advance(25)
    assert clock.adjust(+10) == 40
    assert clock.remaining == pytest.approx(15)
    assert clock.adjust(-10) == 30
    assert clock.adjust(-10) == 20
    assert clock.adjust(-10) == 10
    assert clock.adjust(-10) == 10
    assert clock.remaining == pytest.approx(-15)
    assert clock.phase == "overtime"


def test_bell_rings_exactly_once_even_if_the_redraw_is_late(ft: FakeTime) -> None:
    clock = PitchClock(20, now=ft)
    clock.start()
    ft.advance(19.9)
    assert not clock.take_bell()
    ft.advance(3)  # the redraw came 2.9 s late
    assert clock.take_bell()
    ft.advance(1)
    assert not clock.take_bell()


def test_bell_rearms_when_time_is_given_back(ft: FakeTime) -> None:
    clock = PitchClock(20, now=ft)
    clock.start()
    ft.advance(21)
    assert clock.take_bell()
    clock.adjust(+10)  # 9 s left again
    assert not clock.take_bell()
    ft.advance(9)
    assert clock.take_bell()


def test_paused_clock_does_not_ring(ft: FakeTime) -> None:
    clock = PitchClock(10, now=ft)
    clock.start()
    ft.advance(5)
    clock.pause()
    ft.advance(60)
    assert not clock.take_bell()


def test_state_round_trips_while_paused_and_running(ft: FakeTime) -> None:
    clock = PitchClock(60, amber_seconds=20, now=ft)
    clock.start()
    ft.advance(10)
    clock.pause()
    ft.advance(5)
    copy = PitchClock.from_dict(clock.to_dict(), now=ft)
    assert copy.phase == "paused"
    assert copy.elapsed == pytest.approx(10)
    copy.resume()
    ft.advance(35)
    assert copy.phase == "amber"
    assert copy.elapsed == pytest.approx(45)
    assert copy.pauses == [(pytest.approx(10), pytest.approx(15))]
    again = PitchClock.from_dict(copy.to_dict(), now=ft)
    ft.advance(1)
    assert again.elapsed == pytest.approx(46)


def test_invalid_moves_are_refused(ft: FakeTime) -> None:
    clock = PitchClock(60, now=ft)
    with pytest.raises(ValueError):
        clock.pause()
    with pytest.raises(ValueError):
        clock.stop()
    clock.start()
    with pytest.raises(ValueError):
        clock.start()
    with pytest.raises(ValueError):
        clock.resume()


def test_plan_never_starts_under_ten_seconds(ft: FakeTime) -> None:
    assert PitchClock(3, now=ft).planned_seconds == 10


@pytest.mark.parametrize(
    ("remaining", "text"),
    [(600, "10:00"), (59.2, "1:00"), (0.3, "0:01"), (0, "0:00"), (-0.99, "0:00"), (-1, "+0:01"), (-75.5, "+1:15")],
)
def test_countdown_text(remaining: float, text: str) -> None:
    assert format_countdown(remaining) == text


def test_colour_phase_boundaries() -> None:
    assert colour_phase(15.01, 15) == "green"
    assert colour_phase(15, 15) == "amber"
    assert colour_phase(0.01, 15) == "amber"
    assert colour_phase(0, 15) == "red"
    assert colour_phase(-1, 15) == "overtime"


def test_logged_length_text() -> None:
    assert format_length(63.4) == "1:03"
    assert format_length(9.6) == "0:10"
