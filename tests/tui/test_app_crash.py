"""Kill the running app while it records pitches and referrals; the restarted app has everything acknowledged."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLE_EVENT

from netevent.store.repository import Store

WORKER = Path(__file__).resolve().parents[1] / "app_crash_worker.py"
ROOT = Path(__file__).resolve().parents[2]


def run_until_killed(event: Path, store: Path, acks_before_kill: int, rng: random.Random) -> list[str]:
    """Start the app, let it acknowledge a few writes, then SIGKILL it a random moment later."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(event), str(store)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    acks: list[str] = []
    deadline = time.monotonic() + 60
    try:
        for line in proc.stdout:
            line = line.strip()
            if line.startswith(("pitch ", "referral ")):
                acks.append(line)
            if len(acks) >= acks_before_kill:
                time.sleep(rng.uniform(0, 0.15))  # land the kill anywhere, mid-write included
                break
            assert time.monotonic() < deadline, "the app stopped acknowledging writes"
    finally:
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
    # Anything printed between our last read and the kill was acknowledged too.
    acks += [line for line in rest.splitlines() if line.startswith(("pitch ", "referral "))]
    return acks


def test_killed_app_loses_nothing_it_acknowledged(tmp_path: Path) -> None:
    event = tmp_path / "club.toml"
    shutil.copyfile(SAMPLE_EVENT, event)
    store_path = tmp_path / "club.json"
    rng = random.Random(7)
    acked_referrals: dict[int, str] = {}
    acked_pitches = 0
    for _ in range(2):
        for ack in run_until_killed(event, store_path, rng.randint(2, 4), rng):
            kind, rest = ack.split(" ", 1)
            if kind == "pitch":
                acked_pitches = max(acked_pitches, int(rest))
            else:
                number, pair = rest.split(" ", 1)
                acked_referrals[int(number)] = pair
        # After every kill the store opens for writing again (the dead app's lock is taken over) …
        with Store(store_path) as store:
            stored = {r.id: f"{r.giver} -> {r.receiver}" for r in store.referrals()}
            done = [p for p in store.pitches() if p.status == "done"]
            round_state = store.get_state("pitch_round")
        # … and holds every acknowledged referral and finished pitch.
        for number, pair in acked_referrals.items():
            assert stored.get(number) == pair
        assert len(done) >= acked_pitches
        assert round_state is not None
    assert acked_referrals and acked_pitches >= 1
