"""Matching what the facilitator typed to an attendee."""

from __future__ import annotations

import pytest

from netevent.domain.models import Attendee
from netevent.domain.names import NameMatchError, complete_name, match_name

ROOM = [Attendee(name=n) for n in ("Olivia Grant", "Oliver Stone", "Tom Whitaker", "Tomasz Nowak", "Zoë Ångström")]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("olivia grant", "Olivia Grant"),
        ("OLIVIA", "Olivia Grant"),
        ("olivi", "Olivia Grant"),
        ("whit", "Tom Whitaker"),  # a surname prefix
        ("tom w", "Tom Whitaker"),
        ("zoë", "Zoë Ångström"),
        ("olivai grant", "Olivia Grant"),  # a typo
        ("  tom   whitaker ", "Tom Whitaker"),
    ],
)
def test_finds_the_one_person_meant(typed: str, expected: str) -> None:
    assert match_name(typed, ROOM).name == expected


def test_ambiguous_prefix_lists_candidates() -> None:
    with pytest.raises(NameMatchError) as err:
        match_name("oli", ROOM)
    assert err.value.ambiguous
    assert set(err.value.candidates) == {"Olivia Grant", "Oliver Stone"}
    assert "Olivia Grant" in str(err.value) and "Oliver Stone" in str(err.value)


def test_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(NameMatchError) as err:
        match_name("Tim Whitacre", ROOM)
    assert not err.value.ambiguous
    assert "Tom Whitaker" in err.value.candidates


def test_completion_only_when_unique() -> None:
    assert complete_name("tomas", ROOM) == "Tomasz Nowak"
    assert complete_name("tom", ROOM) is None
    assert complete_name("", ROOM) is None
