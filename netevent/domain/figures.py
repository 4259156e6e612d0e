"""The meeting's headline figures, defined once so the screen, the printed tally, exports and phones agree.

- A *pitch* counts when it finished (status done) and was not the feature slot; the feature is reported apart.
- *Attendees* in "N of M attendees gave" are the people on the roster who are not marked absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netevent.domain.models import Attendee, Pitch

DONE = "done"
SKIPPED = "skipped"


def counted_pitch(pitch: Pitch) -> bool:
    return pitch.status == DONE and not pitch.feature


@dataclass(slots=True)
class PitchFigures:
    """The round as a whole: how long the pitches took and how often people ran over."""

    rows: list[Pitch]  # every logged turn, in the order spoken, for the timings table
    spoken: int
    total_seconds: float
    planned_seconds: float
    over_count: int
    overtime_seconds: float
    longest_over: Pitch | None
    skipped: int  # speakers skipped and never brought back
    feature_seconds: float | None  # None when no feature slot was timed


def pitch_figures(pitches: Iterable[Pitch]) -> PitchFigures:
    rows = list(pitches)
    spoken = [p for p in rows if counted_pitch(p)]
    over = [p for p in spoken if p.overtime_seconds >= 1]
    done_names = {p.speaker for p in rows if p.status == DONE}
    features = [p for p in rows if p.status == DONE and p.feature]
    return PitchFigures(
        rows=rows,
        spoken=len(spoken),
        total_seconds=sum(p.actual_seconds for p in spoken),
        planned_seconds=sum(p.planned_seconds for p in spoken),
        over_count=len(over),
        overtime_seconds=sum(p.overtime_seconds for p in spoken),
        longest_over=max(over, key=lambda p: p.overtime_seconds, default=None),
        skipped=len({p.speaker for p in rows if p.status == SKIPPED} - done_names),
        feature_seconds=sum(p.actual_seconds for p in features) if features else None,
    )


def in_the_room(attendees: Iterable[Attendee]) -> int:
    """How many people the "of M attendees" figures count: everyone on the roster not marked absent."""
    return sum(1 for person in attendees if not person.is_absent)
