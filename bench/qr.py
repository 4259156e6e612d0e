"""How long 60 attendees' terminal QR codes take from a cold cache (target: qr_ms_60_attendees < 100 ms)."""

from __future__ import annotations

import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen import make_event
from netevent.render.qr import clear_cache, qr_lines


def _links(n: int, round_no: int) -> list[str]:
    """Distinct summary links like the app's: LAN address, port, a 22-character token per attendee."""
    people = make_event(n).attendees
    tokens = [hashlib.sha256(f"{round_no}:{p.name}".encode()).hexdigest()[:22] for p in people]
    return [f"http://192.168.1.20:8765/s/{token}" for token in tokens]


def _cards(n: int, round_no: int) -> list[str]:
    """Card-mode payloads: about 380 characters of summary text each."""
    return [f"{link}\n" + "Got: Jane Doe (referral: 07700 900123); " * 9 for link in _links(n, round_no + 1000)]


def _cold_ms(payloads: list[str]) -> tuple[float, float]:
    """Wall and CPU milliseconds to draw `payloads` from an empty cache."""
    clear_cache()
    wall, cpu = time.perf_counter(), time.process_time()
    for data in payloads:
        qr_lines(data)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def run(quick: bool = False) -> dict[str, float]:
    """Median cold-cache time for 60 link codes (and 60 card-mode codes), drawn as half-block lines."""
    qr_lines("warm-up: imports and the library's precomputed tables")
    repeats = 3 if quick else 9
    links = [_cold_ms(_links(60, r)) for r in range(repeats)]
    cards = [_cold_ms(_cards(60, r)) for r in range(repeats)]
    clear_cache()
    # CPU time too: on a shared 2-core machine wall time also measures the neighbours.
    return {
        "qr_ms_60_attendees": round(statistics.median(w for w, _ in links), 1),
        "qr_cpu_ms_60_attendees": round(statistics.median(c for _, c in links), 1),
        "qr_card_ms_60_attendees": round(statistics.median(w for w, _ in cards), 1),
    }


if __name__ == "__main__":
    figures = run(quick="--quick" in sys.argv)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:>9,.1f}")
    print("target: qr_ms_60_attendees < 100 ms")
