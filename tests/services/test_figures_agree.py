"""One meeting, every place that shows its figures: they agree (issue 15 item 4).

The trial found the screen and the printed tally saying "16 of 20 attendees gave", report.md "16 of 21";
the pitch screen's total including the feature; report.md numbering a speaker by round slot; and a phone page
saying "0:16 of 1:00 planned" for a speaker cut to 0:10.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from rich.console import Console

from netevent.export.report import render_report
from netevent.export.snapshot import Snapshot
from netevent.render.tally_table import room_headline, tally_json, tally_table
from netevent.services import meeting
from netevent.services.pitching import PitchService
from netevent.services.summaries import build_summary
from netevent.store.repository import Store
from netevent.web.render import render_summary


class Ticks:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def printed(renderable: object) -> str:
    console = Console(width=200, record=True)
    console.print(renderable)
    return console.export_text()


def run_meeting(store: Store) -> PitchService:
    """Dev Patel absent, Sarah cut to 0:10 and speaking 0:16, everyone else 0:40, the feature 2:00."""
    meeting.check_in(store, "Tom Whitaker", "absent")
    ticks = Ticks()
    service = PitchService(store, now=ticks, wall=lambda: dt.datetime(2026, 12, 3, 7, 30, tzinfo=dt.UTC))
    while not service.finished:
        slot = service.current
        assert slot is not None
        if slot.name == "Sarah Patel":
            while service.clock.planned_seconds > 10:
                service.adjust(-10)
        service.start()
        ticks.t += 120 if slot.feature else 16 if slot.name == "Sarah Patel" else 40
        service.finish()
    for giver, receiver in (("oli", "ian"), ("sarah", "helen"), ("helen", "sarah")):
        meeting.record_referral(store, meeting.ReferralInput(giver, receiver))
    return service


def test_screen_printed_tally_report_json_and_phone_page_agree(sample_store: Store) -> None:
    service = run_meeting(sample_store)
    people = sample_store.attendees()
    in_room = sum(1 for p in people if p.attendance != "absent")
    speakers = [p for p in sample_store.pitches() if p.status == "done" and not p.feature]
    spoken_total = sum(p.actual_seconds for p in speakers)

    # The pitch screen: the pitches alone, the feature apart.
    summary = service.summary()
    assert summary.pitches == len(speakers) == in_room
    assert summary.total_seconds == spoken_total == 16 + 40 * (in_room - 1)
    assert summary.feature_seconds == 120

    # The tally on screen and printed at End meeting, and as JSON.
    tally = meeting.meeting_tally(sample_store)
    line = f"3 of {in_room} attendees gave something"
    assert line in room_headline(tally).plain
    assert line in printed(tally_table(tally))
    room = json.loads(tally_json(tally))["room"]
    assert (room["givers"], room["present"]) == (3, in_room)

    # report.md says the same numbers and numbers the turns in the order they were spoken.
    report = render_report(Snapshot.from_store(sample_store), "md")
    assert f"| Attendees who gave | 3 of {in_room} |" in report
    minutes = f"{int(spoken_total) // 60}:{int(spoken_total) % 60:02d}"
    assert f"{len(speakers)} pitches took {minutes} against" in report
    timing_rows = re.findall(r"^\| (\d+) \| ([^|]+?) \|", report.split("## Pitch timings")[1], re.M)
    assert [int(n) for n, _ in timing_rows] == list(range(1, len(timing_rows) + 1))
    first = next(p.speaker for p in sorted(sample_store.pitches(), key=lambda p: (p.slot, p.id or 0)))
    assert timing_rows[0][1] == first

    # Sarah's phone page: her pitch against the time she was given.
    sarah = build_summary(sample_store, "Sarah Patel")
    assert (sarah.pitch_seconds, sarah.planned_seconds, round(sarah.overtime_seconds)) == (16, 10, 6)
    assert "0:16</strong> of 0:10 planned" in render_summary(sarah)
