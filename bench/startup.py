"""Process start to first screen painted, headless: netevent versus a minimal Textual app, same run.

Each probe is a fresh Python process that prints "painted" from Textual's auto-pilot once the first screen
has been drawn; the figure is spawn → that line. Target: netevent within 1.5× the minimal app.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

async def painted(pilot):
    await pilot.pause()
    print("painted", flush=True)
    pilot.app.exit()

Minimal().run(headless=True, size=(120, 36), auto_pilot=painted)
"""

NETEVENT = """
import sys
from netevent.cli import _open_for_event
from netevent.tui.app import NeteventApp
import gc
from pathlib import Path

store = _open_for_event(Path(sys.argv[1]), Path(sys.argv[2]))

async def painted(pilot):
    await pilot.pause()
    print("painted", flush=True)
    pilot.app.exit()

app = NeteventApp(store)
gc.freeze()  # as netevent.cli does just before app.run()
app.run(headless=True, size=(120, 36), auto_pilot=painted)
store.close()
"""


# Both apps start as they do once installed: from compiled bytecode. Textual's was compiled by pip; netevent's
# source tree gets its cache on the warm-up run (PYTHONDONTWRITEBYTECODE, set on some machines, would otherwise
# make every netevent start recompile every module while Textual's never do).
PROBE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_probe(code: str, *args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=PROBE_ENV
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "painted":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("probe exited without painting")
    proc.wait(timeout=30)
    return elapsed


def run(quick: bool = False) -> dict[str, float]:
    rounds = 3 if quick else 7
    folder = Path(tempfile.mkdtemp(prefix="netevent-bench-"))
    event = folder / "event.toml"
    shutil.copyfile(ROOT / "sample_events" / "riverside-breakfast.toml", event)
    store = folder / "store.json"
    time_probe(MINIMAL)  # warm the file cache; write bytecode for both
    time_probe(NETEVENT, str(event), str(store))  # … and create the store
    minimal, netevent = [], []
    for _ in range(rounds):  # interleaved, so background load hits both alike
        minimal.append(time_probe(MINIMAL))
        netevent.append(time_probe(NETEVENT, str(event), str(store)))
    shutil.rmtree(folder, ignore_errors=True)
    m, n = statistics.median(minimal), statistics.median(netevent)
    return {
        "startup_ms_minimal_textual": m * 1000,
        "startup_ms_netevent": n * 1000,
        "startup_ratio_vs_minimal_textual": n / m,
    }


if __name__ == "__main__":
    figures = run(quick="--quick" in sys.argv)
    print(f"minimal Textual app : {figures['startup_ms_minimal_textual']:7.0f} ms (median, spawn → first paint)")
    print(f"netevent            : {figures['startup_ms_netevent']:7.0f} ms")
    print(f"ratio               : {figures['startup_ratio_vs_minimal_textual']:7.2f}  (target ≤ 1.5)")
