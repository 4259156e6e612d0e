"""A year of a weekly chapter: `netevent history` cold, and opening the Follow-ups list at the last meeting.

52 weekly meetings × 40 attendees × 30 records, 20 follow-ups given at each meeting on earlier records, a pitch
per attendee and 10 goals, in a temporary data folder (NETEVENT_DATA_DIR). Targets (DESIGN §9): `history` ≤ 500 ms
cold (a fresh process; the files themselves are in the OS cache, as on a second run); opening the Follow-ups
screen ≤ 100 ms — timed in the real app, headless, from f8 to the drawn table, once the app has read the chapter's
earlier meetings ahead in its worker (as it does after the first frame). The list itself is also timed with the
earlier stores read cold each time (`followups_list_cold_*`), which is what the read-ahead keeps off the screen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export import make_pitches
from gen import TOWNS, TRADES, VAGUE_ASKS, make_event, make_referrals

from netevent.domain.chapter import FOLLOWED_KINDS, Chapter, FollowUp, Goal, open_items, record_id
from netevent.domain.models import Attendance, Event, Role
from netevent.services.chapter import load_chapter, read_meeting
from netevent.store.naming import event_slug
from netevent.store.repository import Store

MEETINGS = 52
ATTENDEES = 40
RECORDS = 30
FOLLOWUPS = 20
GOALS = 10  # members who set a goal at each meeting for the next one
FOLLOWED_BACK = 8  # follow-ups are given on the records of the last 8 meetings, as the round shows them
ASK_EDITS = 0.25  # chance a member rewrites their ask from one week to the next (each new text is reviewed once)
CHAPTER = "Synthetic Breakfast Chapter"
FIRST_DATE = dt.date(2025, 12, 4)
HISTORY_TARGET_MS = 500.0
FOLLOWUPS_TARGET_MS = 100.0
ROOT = Path(__file__).resolve().parent.parent
OUTCOMES = ("contacted", "contacted", "met", "met", "won", "lost", "no-reply")

# What `netevent history CHAPTER --format json` does once the CLI is loaded (netevent/cli_chapter.py), timed in a
# fresh process so no store, rule file or ask review is cached. Prints milliseconds and what it computed.
PROBE = """
import json, sys, time
import netevent.cli
start, cpu = time.perf_counter(), time.process_time()
from netevent.render.history_table import history_json
from netevent.services.chapter import chapter_history, find_chapter
chapter = find_chapter(sys.argv[1])
text = history_json(chapter_history(chapter))
elapsed, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
print(json.dumps({"ms": elapsed, "cpu_ms": cpu, "meetings": len(chapter.meetings), "skipped": len(chapter.skipped),
                  "members": len(json.loads(text)["members"])}))
"""


def _week(base: Event, week: int, rng: random.Random) -> Event:
    """The chapter's meeting `week` weeks on: the same roster checked in, some absent or late, a substitute or two,
    asks edited now and then."""
    people = []
    for person in base.attendees:
        if person.role == Role.VISITOR.value:
            people.append(dataclasses.replace(person, sphere=list(person.sphere)))
            continue
        roll = rng.random()
        attendance = (
            Attendance.ABSENT if roll < 0.08 else Attendance.LATE if roll < 0.13 else Attendance.PRESENT
        ).value
        substitute = ""
        if person.attendance == Attendance.SUBSTITUTE.value or roll > 0.98:
            attendance, substitute = Attendance.SUBSTITUTE.value, "Stand-in Person"
        ask = person.ask
        if week and rng.random() < ASK_EDITS:
            sharp = TRADES[rng.randrange(len(TRADES))][3].format(town=rng.choice(TOWNS))
            ask = rng.choice(VAGUE_ASKS) if rng.random() < 0.2 else f"{sharp} (week {week + 1})"
        people.append(dataclasses.replace(person, attendance=attendance, substitute_name=substitute, ask=ask,
                                          sphere=list(person.sphere)))  # fmt: skip
    event = dataclasses.replace(base, date=FIRST_DATE + dt.timedelta(weeks=week), chapter=CHAPTER, attendees=people)
    for person, later in zip(base.attendees, people, strict=True):
        person.ask = later.ask  # an edited ask is kept the weeks after, as `netevent next` carries it
    return event


def build(folder: Path, meetings: int = MEETINGS, attendees: int = ATTENDEES) -> list[Path]:
    """The chapter's stores, oldest first, written without fsync through the Store API: only reading is timed."""
    rng = random.Random(20)
    base = make_event(attendees, seed=20)
    members = [p.name for p in base.attendees if p.role == Role.MEMBER.value]
    for person in base.attendees:  # most visitors were invited by a member
        if person.role == Role.VISITOR.value and rng.random() < 0.7:
            person.invited_by = rng.choice(members)
    earlier: list[list[str]] = []  # per meeting: the ids of its followed records
    paths = []
    for week in range(meetings):
        event = _week(base, week, rng)
        path = folder / f"{event_slug(event)}.json"
        with Store(path, durable=False) as store, store.batch():
            store.load_event(event)
            for pitch in make_pitches(event, seed=week):
                store.add_pitch(pitch)
            stored = store.add_referrals(make_referrals(event, RECORDS, seed=week))
            recent = [rid for ids in earlier[-FOLLOWED_BACK:] for rid in ids]
            for rid in rng.sample(recent, min(FOLLOWUPS, len(recent))):
                status = rng.choice(OUTCOMES)
                value = round(200 + rng.random() * 9_800, 2) if status == "won" else None
                store.add_followup(FollowUp(record=rid, status=status, value=value, note="said at the round"))
            for name in rng.sample(members, GOALS):
                store.set_goal(Goal(name, referrals=rng.randrange(3), introductions=rng.randrange(2), one_to_ones=1))
        earlier.append([record_id(event.date, r.id or 0) for r in stored if r.kind in FOLLOWED_KINDS])
        paths.append(path)
    return paths


# Opening the Follow-ups screen as the facilitator does: the app (headless) on the last meeting, its chapter read
# ahead by the app's own worker, then f8 until the screen has drawn its table. A fresh process each time, so the
# screen's module is imported as on the first open in a meeting. Prints milliseconds and the rows shown.
SCREEN_PROBE = """
import asyncio, json, sys, time
from textual.widgets import DataTable
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp

async def main():
    with Store(sys.argv[1], durable=False) as store:
        app = NeteventApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            while app.chapter is None:  # the read-ahead worker, started after the first frame
                await pilot.pause(0.05)
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("f8")
            await pilot.pause()
            elapsed = (time.perf_counter() - start) * 1000
            rows = app.screen.query_one("#followups-table", DataTable).row_count
    print(json.dumps({"ms": elapsed, "rows": rows}))

asyncio.run(main())
"""


def measure_screen(current: Path, runs: int) -> tuple[list[float], int]:
    """Milliseconds from f8 to the drawn Follow-ups screen, each in a fresh process; the rows it showed. The first
    run (compiling bytecode) is not counted."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "NETEVENT_DATA_DIR": str(current.parent)
    }
    times, rows = [], 0
    for i in range(runs + 1):
        out = subprocess.run([sys.executable, "-c", SCREEN_PROBE, str(current)], capture_output=True, text=True,
                             cwd=ROOT, env=env, check=True, timeout=120).stdout  # fmt: skip
        result = json.loads(out.strip().splitlines()[-1])
        if i:
            times.append(result["ms"])
        rows = result["rows"]
    return times, rows


def measure_history(folder: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per cold history, each in a fresh process; the first (compiling bytecode) is not
    counted."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NETEVENT_DATA_DIR": str(folder)}
    times, cpu = [], []
    for i in range(runs + 1):
        out = subprocess.run([sys.executable, "-c", PROBE, CHAPTER], capture_output=True, text=True, cwd=ROOT,
                             env=env, check=True, timeout=120).stdout  # fmt: skip
        result = json.loads(out)
        if result["meetings"] != MEETINGS or result["skipped"]:
            raise RuntimeError(f"the history read {result['meetings']} meetings, skipped {result['skipped']}")
        if i:
            times.append(result["ms"])
            cpu.append(result["cpu_ms"])
    return times, cpu


def measure_command(folder: Path, runs: int) -> list[float]:
    """Milliseconds for the whole `netevent history CHAPTER --format json`: interpreter, imports and output."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NETEVENT_DATA_DIR": str(folder)}
    command = [sys.executable, "-c", "from netevent.cli import main; main()", "history", CHAPTER, "--format", "json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=ROOT, env=env, check=True, timeout=120)
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_followups(current: Path, runs: int) -> tuple[list[float], list[float], list[float], int]:
    """Milliseconds to gather the last meeting's Follow-ups list with its store open as the app holds it, reading
    the chapter's other stores from disk each time (wall, CPU); and again with the earlier meetings kept from a
    first read, only this meeting's store read again (as a screen that keeps the chapter would)."""
    times, cpu, kept_times = [], [], []
    with Store(current, durable=False) as store:
        today = store.event().date
        assert today is not None
        for _ in range(runs):
            start, used = time.perf_counter(), time.process_time()
            items = open_items(load_chapter(store), today.isoformat())
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        kept, here = load_chapter(store), str(store.path)
        for _ in range(runs):
            start = time.perf_counter()
            meetings = [read_meeting(store) if m.store == here else m for m in kept.meetings]
            again = open_items(Chapter(kept.name, meetings, kept.skipped), today.isoformat())
            kept_times.append((time.perf_counter() - start) * 1000)
    assert len(again) == len(items)
    return times, cpu, kept_times, len(items)


def run(quick: bool = False) -> dict[str, float]:
    """Median and worst of several cold histories and Follow-ups lists over a year of weekly meetings."""
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="netevent-bench-", dir=Path.cwd()) as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = build(folder)
        built = time.perf_counter() - started
        history, history_cpu = measure_history(folder, runs)
        command = measure_command(folder, runs)
        followups, followups_cpu, followups_kept, shown = measure_followups(paths[-1], runs)
        screen, screen_rows = measure_screen(paths[-1], runs)
        store_kb = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    return {
        "history_ms_52_meetings": round(statistics.median(history), 1),
        "history_worst_ms_52_meetings": round(max(history), 1),
        "history_cpu_ms_52_meetings": round(statistics.median(history_cpu), 1),
        "history_command_ms_52_meetings": round(statistics.median(command), 1),
        "followups_open_ms_52_meetings": round(statistics.median(screen), 1),
        "followups_open_worst_ms_52_meetings": round(max(screen), 1),
        "followups_open_rows_52_meetings": float(screen_rows),
        "followups_list_kept_chapter_ms_52_meetings": round(statistics.median(followups_kept), 1),
        "followups_list_cold_ms_52_meetings": round(statistics.median(followups), 1),
        "followups_list_cold_cpu_ms_52_meetings": round(statistics.median(followups_cpu), 1),
        "followups_list_items_52_meetings": float(shown),
        "history_bench_build_s": round(built, 2),
        "history_bench_store_kb_each": round(store_kb, 1),
    }


if __name__ == "__main__":
    figures = run(quick="--quick" in sys.argv)
    targets = {"history_ms_52_meetings": HISTORY_TARGET_MS, "followups_open_ms_52_meetings": FOLLOWUPS_TARGET_MS}
    width = max(map(len, figures))
    print(f"{'figure':<{width}}  {'value':>10}  target")
    for name, value in figures.items():
        target = targets.get(name)
        verdict = "" if target is None else f"≤ {target:g} ms " + ("ok" if value <= target else "MISSED")
        print(f"{name:<{width}}  {value:>10.1f}  {verdict}")
