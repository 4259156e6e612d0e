"""The scorecard: each member's colour over the meetings shown, in the spirit of the traffic lights chapters know.

Five measures each earn points up to their weight (the weights add up to 100), in a straight line from nothing to
the figure that earns them all; the total picks the colour. The defaults are `Thresholds`' (the README tables
them); a `scorecard.toml` in the data folder overrides any of them (services/chapter.py loads it).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


class ScorecardError(ValueError):
    """A threshold that is not one; the message names the key."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What earns the points. `*_full` is the figure that earns a measure's whole weight."""

    attendance_points: float = 25  # lose them all at `absences_none` absences without a substitute
    absences_none: float = 3
    giving_points: float = 25
    given_per_meeting_full: float = 1.0  # records given per meeting attended
    one_to_one_points: float = 20
    one_to_ones_per_meeting_full: float = 0.5  # one-to-ones booked (either side) per meeting attended
    business_points: float = 15
    value_given_full: float = 1000.0  # business their referrals brought others
    visitor_points: float = 15
    visitors_full: float = 1.0  # visitors invited over the meetings shown
    green: float = 70  # totals at or above these take the colour; below `red` is grey
    amber: float = 50
    red: float = 30

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str) -> Thresholds:
        known = {f.name: f for f in fields(cls)}
        values: dict[str, float] = {}
        for key, value in data.items():
            if key not in known:
                raise ScorecardError(f"{source}: unknown key {key!r}; the keys are {', '.join(known)}")
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ScorecardError(f"{source}: {key} = {value!r} should be a number, 0 or more")
            values[key] = float(value)
        made = cls(**values)
        if not made.green >= made.amber >= made.red:
            raise ScorecardError(f"{source}: the colours need green ≥ amber ≥ red (they are {made.green}, "
                                 f"{made.amber}, {made.red})")  # fmt: skip
        for key in ("absences_none", "given_per_meeting_full", "one_to_ones_per_meeting_full", "value_given_full",
                    "visitors_full"):  # fmt: skip
            if getattr(made, key) <= 0:
                raise ScorecardError(f"{source}: {key} should be more than 0")
        return made


@dataclass(frozen=True, slots=True)
class Record:
    """A member's figures over the meetings shown: what the colour is judged on."""

    rostered: int
    attended: int
    absences: int  # marked absent (no substitute standing in)
    given: int
    one_to_ones: int
    value_given: float
    visitors_invited: int


@dataclass(frozen=True, slots=True)
class Light:
    colour: str
    points: int
    reason: str  # what cost the most points, or what earned the colour


def _share(figure: float, full: float) -> float:
    return max(0.0, min(1.0, figure / full))


def score(record: Record, t: Thresholds) -> Light:
    """The colour, its points and the reason a member would be told."""
    if record.rostered == 0:
        return Light("grey", 0, "not on the roster of the meetings shown")
    per_meeting = max(record.attended, 1)
    measures = [  # (points earned, weight, what to say when short)
        (
            t.attendance_points * (1 - _share(record.absences, t.absences_none)),
            t.attendance_points,
            f"{record.absences} absence{'s' if record.absences != 1 else ''} without a substitute",
        ),
        (
            t.giving_points * _share(record.given / per_meeting, t.given_per_meeting_full),
            t.giving_points,
            f"{record.given / per_meeting:.1f} records given per meeting (aim {t.given_per_meeting_full:g})",
        ),
        (
            t.one_to_one_points * _share(record.one_to_ones / per_meeting, t.one_to_ones_per_meeting_full),
            t.one_to_one_points,
            f"{record.one_to_ones} one-to-one{'s' if record.one_to_ones != 1 else ''} in {record.attended} "
            f"meeting{'s' if record.attended != 1 else ''}",
        ),
        (
            t.business_points * _share(record.value_given, t.value_given_full),
            t.business_points,
            "no business brought to others yet" if not record.value_given else "little business brought to others",
        ),
        (
            t.visitor_points * _share(record.visitors_invited, t.visitors_full),
            t.visitor_points,
            "no visitors invited",
        ),
    ]
    if record.attended == 0:  # nothing given at meetings not attended: only attendance speaks
        measures = measures[:1] + [(0.0, weight, reason) for _, weight, reason in measures[1:]]
    points = round(sum(earned for earned, _, _ in measures))
    colour = "green" if points >= t.green else "amber" if points >= t.amber else "red" if points >= t.red else "grey"
    shortfalls = sorted(((weight - earned, why) for earned, weight, why in measures if weight - earned >= 1),
                        reverse=True)  # fmt: skip
    if not shortfalls:
        return Light(colour, points, "full marks on every measure")
    return Light(colour, points, "; ".join(why for _, why in shortfalls[:2]))
