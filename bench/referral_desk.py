"""Recording one referral on the Referrals screen at 1,000 records (handler → durable write → screen updated),
and the tally of a 500-person meeting with 5,000 records."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen import make_event, make_referrals

from netevent.domain.tally import compute_tally
from netevent.services.meeting import ReferralInput
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.referrals import ReferralsScreen

EXISTING = 1_000


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _record_in_app(store: Store, names: list[str], writes: int) -> tuple[list[float], list[float]]:
    """Time the screen's record handler, and separately the time until the app is idle with the frame drawn."""
    handler_ms: list[float] = []
    frame_ms: list[float] = []
    app = NeteventApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReferralsScreen)
        table = screen.table
        for i in range(writes):
            giver, receiver = names[i % len(names)], names[(i * 7 + 3) % len(names)]
            if giver == receiver:
                receiver = names[(i * 7 + 4) % len(names)]
            rows_before = table.row_count
            start = time.perf_counter()
            stored = screen.record(ReferralInput(giver, receiver, note=f"bench {i}"))
            handler_ms.append((time.perf_counter() - start) * 1000)
            await pilot.pause()  # let the app lay out and paint the new row
            frame_ms.append((time.perf_counter() - start) * 1000)
            if stored is None or table.row_count != rows_before + 1:
                raise RuntimeError(f"write {i} did not reach the list")
    return handler_ms, frame_ms


def measure_record(writes: int, folder: Path) -> tuple[list[float], list[float]]:
    event = make_event(40, seed=5)
    names = [a.name for a in event.attendees if not a.is_absent]
    with Store(folder / "desk.json") as store:
        store.load_event(event)
        store.add_referrals(make_referrals(event, EXISTING, seed=5))
        store.set_state("screen", "referrals")  # the app resumes on the desk, as after a restart mid-meeting
        return asyncio.run(_record_in_app(store, names, writes))


def measure_tally(reps: int) -> list[float]:
    event = make_event(500, seed=9)
    referrals = make_referrals(event, 5_000, seed=9)
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        tally = compute_tally(event.attendees, referrals)
        times.append((time.perf_counter() - start) * 1000)
    assert tally.room.records == 5_000
    return times


def run(quick: bool = False) -> dict[str, float]:
    """Targets: p99 ≤ 16 ms (one frame) to record at 1,000 records; ≤ 100 ms for the 500 × 5,000 tally."""
    writes = 40 if quick else 200
    with tempfile.TemporaryDirectory(prefix="netevent-bench-", dir=Path.cwd()) as tmp:
        handler, frame = measure_record(writes, Path(tmp))
    tally = measure_tally(5 if quick else 20)
    return {
        "referral_record_p50_ms_1000": round(statistics.median(handler), 3),
        "referral_record_p99_ms_1000": round(_percentile(handler, 0.99), 3),
        "referral_record_to_idle_p50_ms_1000": round(statistics.median(frame), 3),
        "referral_record_to_idle_p99_ms_1000": round(_percentile(frame, 0.99), 3),
        "tally_ms_500x5000": round(statistics.median(tally), 3),
    }


if __name__ == "__main__":
    figures = run(quick="--quick" in sys.argv)
    targets = {"referral_record_p99_ms_1000": 16.0, "tally_ms_500x5000": 100.0}
    width = max(map(len, figures))
    print(f"{'figure':<{width}}  {'value':>10}  target")
    for name, value in figures.items():
        target = targets.get(name)
        verdict = "" if target is None else f"≤ {target:g} ms " + ("ok" if value <= target else "MISSED")
        print(f"{name:<{width}}  {value:>10.3f}  {verdict}")
