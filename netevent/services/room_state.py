"""What the projector shows, as one JSON-able snapshot read from the store: the speaker, the clock, the giving.

Only what is said aloud in the room goes in: names, businesses, asks, who can help, counts of records. Never
contact details, notes or the people referred. The countdown is sent as figures (state, planned seconds,
seconds remaining when the snapshot was taken) so the browser runs it from its own clock with no event per
tick; `countdown()` is recomputed at each send so a late subscriber still gets the right figure.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netevent.domain.clock import PitchClock, colour_phase
from netevent.domain.models import Attendee, Event, name_key
from netevent.domain.pitch_round import DONE, SKIPPED, PitchRound, Slot
from netevent.domain.tally import compute_tally
from netevent.services.ask_rules import review_ask
from netevent.services.live import ENDED_KEY
from netevent.services.pitching import STATE_KEY
from netevent.services.spheres import SpheresError, helpers_for_ask
from netevent.store.repository import Store

SCREEN_KEY = "screen"
GIVING_SCREENS = frozenset(("referrals", "introductions"))
UP_NEXT = 3
HELPERS = 3
BAR_LIMIT = 12  # givers with a bar on the board; the rest are counted, not drawn


def _epoch(iso: str) -> float | None:
    try:
        return dt.datetime.fromisoformat(iso).timestamp() if iso else None
    except ValueError:
        return None


def _round(store: Store, event: Event) -> tuple[PitchRound | None, dict[str, Any] | None]:
    """The stored queue and running clock; before the round is opened, the roster order when it is fixed."""
    state = store.get_state(STATE_KEY)
    if state:
        return PitchRound.from_dict(state["round"]), (state.get("current") or None)
    if event.order == "random":  # the draw happens when the round opens; guessing it would mislead
        return None, None
    return PitchRound.build(event), None


def _person(slot: Slot | None, people: dict[str, Attendee]) -> dict[str, Any] | None:
    if slot is None:
        return None
    person = None if slot.feature else people.get(name_key(slot.name))
    return {
        "name": slot.speaker,
        "business": person.business if person else "",
        "profession": person.profession if person else "",
        "visitor": bool(person and (person.role == "visitor" or person.attendance == "visitor")),
        "feature": slot.feature,
    }


def _ask(person: Attendee | None) -> dict[str, Any] | None:
    if person is None or not person.ask.strip():
        return None
    review = review_ask(person.ask)
    out: dict[str, Any] = {"text": person.ask.strip(), "verdict": review.verdict, "score": review.score}
    for field in ("rewrite", "listen_for"):  # the coaching fields, where the ask check provides them
        value = getattr(review, field, None)
        if value:
            out[field] = list(value) if isinstance(value, list | tuple) else value
    return out


def _helpers(person: Attendee | None, event: Event, store: Store) -> list[dict[str, str]]:
    if person is None or not person.ask.strip() or review_ask(person.ask).verdict == "vague":
        return []  # a vague ask gets no names: the room cannot picture who to introduce yet
    try:
        found = helpers_for_ask(person.name, event.attendees, store.referrals(), HELPERS)
    except SpheresError:
        return []
    return [{"name": h.b, "reason": h.reasons[0] if h.reasons else ""} for h in found]


def _giving(event: Event, store: Store) -> dict[str, Any]:
    tally = compute_tally(event.attendees, store.referrals())
    present = [a for a in event.attendees if not a.is_absent]
    givers = sorted((a for a in tally.attendees if a.given), key=lambda a: (-a.given, a.name.casefold()))
    receivers = sorted((a for a in tally.attendees if a.received), key=lambda a: (-a.received, a.name.casefold()))
    return {
        "records": tally.room.records,
        "by_kind": dict(tally.room.by_kind),
        "givers": tally.room.givers,
        "attendees": len(present),
        "bars": [{"name": a.name, "given": a.given} for a in givers[:BAR_LIMIT]],
        "received": [{"name": a.name, "received": a.received} for a in receivers[:BAR_LIMIT]],
        "more_givers": max(0, len(givers) - BAR_LIMIT),
    }


def room_snapshot(store: Store) -> dict[str, Any]:
    """Everything the projector shows except the live countdown figure (see `countdown`)."""
    event = store.event()
    people = {a.key: a for a in event.attendees}
    round_, current = _round(store, event)
    slot = round_.current if round_ else None
    clock = (current or {}).get("clock")
    pitching = bool(clock) and clock.get("state") in ("running", "paused")
    ended = bool(store.get_state(ENDED_KEY))
    screen = store.get_state(SCREEN_KEY, "roster")
    if ended or screen == "tally":
        mode = "tally"
    elif pitching:
        mode = "pitch"
    elif screen in GIVING_SCREENS or (round_ is not None and round_.finished):
        mode = "giving"
    else:
        mode = "between"
    person = None if slot is None or slot.feature else people.get(name_key(slot.name))
    started_at = None
    if pitching and current and current.get("pitch_id") is not None:
        record = next((p for p in store.pitches() if p.id == current["pitch_id"]), None)
        started_at = _epoch(record.started_at) if record else None
    spoken = sum(1 for t in round_.turns if t.status in (DONE, SKIPPED)) if round_ else 0
    planned = slot.planned_seconds if slot else event.pitch_seconds
    return {
        "mode": mode,
        "event": {"title": event.title, "date": event.date.isoformat() if event.date else ""},
        "speaker": _person(slot, people),
        "ask": _ask(person),
        "helpers": _helpers(person, event, store) if mode in ("pitch", "between") else [],
        "up_next": [_person(s, people) for s in round_.upcoming[:UP_NEXT]] if round_ else [],
        "progress": {"spoken": spoken, "total": spoken + len(round_.pending) if round_ else len(people)},
        "clock_state": clock if pitching else None,
        "planned": planned,
        "amber": event.amber_seconds,
        "started_at": started_at,
        "giving": _giving(event, store),
    }


def countdown(snapshot: dict[str, Any], clock_now: float | None) -> dict[str, Any]:
    """The clock as of `clock_now` (the app's monotonic reading); None means no app runs it, so it is frozen."""
    stored = snapshot["clock_state"]
    planned, amber = snapshot["planned"], snapshot["amber"]
    if stored is None:
        return {"state": "ready", "planned": planned, "amber": amber, "remaining": float(planned),
                "phase": "ready", "running": False, "started_at": None}  # fmt: skip
    if clock_now is None:
        elapsed, state = float(stored.get("elapsed", 0.0)), stored.get("state", "paused")
        running = False
    else:
        clock = PitchClock.from_dict(stored, now=lambda: clock_now)
        elapsed, state = clock.elapsed, clock.state
        running = clock.running
    remaining = round(clock_planned(stored, planned) - elapsed, 3)
    phase = "paused" if state == "paused" else colour_phase(remaining, stored.get("amber_seconds", amber))
    return {
        "state": state,
        "planned": clock_planned(stored, planned),
        "amber": stored.get("amber_seconds", amber),
        "remaining": remaining,
        "phase": phase,
        "running": running,
        "started_at": snapshot["started_at"],
    }


def clock_planned(stored: dict[str, Any], fallback: int) -> int:
    """The running clock's plan, which +/- may have changed since the slot was queued."""
    return int(stored.get("planned_seconds", fallback))


def room_state(store: Store, clock_now: float | None, version: int = 0) -> dict[str, Any]:
    """The whole message one event carries: the snapshot with its countdown and a version to order them."""
    snapshot = room_snapshot(store)
    return public_state(snapshot, clock_now, version)


def public_state(snapshot: dict[str, Any], clock_now: float | None, version: int) -> dict[str, Any]:
    """The snapshot as sent: the stored clock readings replaced by the countdown figures."""
    out = {k: v for k, v in snapshot.items() if k not in ("clock_state", "planned", "amber", "started_at")}
    out["clock"] = countdown(snapshot, clock_now)
    out["version"] = version
    return out
