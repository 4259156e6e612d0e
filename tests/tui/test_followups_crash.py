"""Kill the app during a follow-up round; the store, opened again, holds every outcome the screen had shown."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from chapter_meetings import current_store

from netevent.store.repository import Store

WORKER = Path(__file__).resolve().parents[1] / "followups_crash_worker.py"
ROOT = Path(__file__).resolve().parents[2]


def run_until_killed(store: Path, acks_before_kill: int, rng: random.Random) -> list[str]:
    """Start the app on the round, let it acknowledge a few outcomes, then SIGKILL it a random moment later."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(WORKER), str(store)], stdout=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)  # fmt: skip
    assert proc.stdout is not None
    acks: list[str] = []
    deadline = time.monotonic() + 60
    try:
        for line in proc.stdout:
            if line.startswith("followup "):
                acks.append(line.strip())
            if len(acks) >= acks_before_kill:
                time.sleep(rng.uniform(0, 0.15))  # land the kill anywhere, mid-write included
                break
            assert time.monotonic() < deadline, "the app stopped acknowledging outcomes"
    finally:
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
    return acks + [line for line in rest.splitlines() if line.startswith("followup ")]


def test_killed_during_the_round_the_app_loses_no_acknowledged_outcome(tmp_path: Path) -> None:
    current_store(tmp_path).close()
    store_path = tmp_path / "riverside-2026-11-26.json"
    rng = random.Random(20)
    acked: dict[int, tuple[str, str]] = {}
    for _ in range(2):
        for ack in run_until_killed(store_path, rng.randint(3, 6), rng):
            _, number, record, status = ack.split(" ")
            acked[int(number)] = (record, status)
        # The dead app's lock is taken over, and every acknowledged outcome is there, in the order given.
        with Store(store_path) as store:
            given = [(f.record, f.status) for f in store.followups()]
        for number, change in acked.items():
            assert given[number - 1] == change
    assert len(acked) >= 6
