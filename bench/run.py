"""Run every benchmark and print one table; `--json` prints one JSON object of the headline figures last.

Usage: python bench/run.py [--json] [--quick]
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]  # benchmarks import each other (gen) and the package

# headline key → (benchmark module, target, "max" when lower is better / "min" when higher is better)
TARGETS: dict[str, tuple[str, float, str]] = {
    "startup_ratio_vs_minimal_textual": ("startup", 1.5, "max"),
    "store_write_p99_ms_1000": ("store_write", 5.0, "max"),
    "pitch_log_error_ms_busy": ("timer_accuracy", 20.0, "max"),
    "countdown_lag_ms_busy": ("timer_accuracy", 100.0, "max"),
    "ask_checks_per_s": ("ask_check", 10_000.0, "min"),
    "suggest_ms_200_attendees": ("suggest", 200.0, "max"),
    "qr_ms_60_attendees": ("qr", 100.0, "max"),
    "summary_p99_ms_50_clients": ("summary_load", 20.0, "max"),
    "countdown_gap_ms_max_during_load": ("summary_load", 150.0, "max"),
    "room_lag_ms_p99": ("room_display", 250.0, "max"),
    "tally_ms_500x5000": ("referral_desk", 100.0, "max"),
    "export_s_500x5000": ("export", 2.0, "max"),
    "history_ms_52_meetings": ("history", 500.0, "max"),
    "followups_open_ms_52_meetings": ("history", 100.0, "max"),
    "phone_write_p99_ms_50_clients": ("phone_actions", 100.0, "max"),
    "countdown_gap_ms_max_during_phone_writes": ("phone_actions", 150.0, "max"),
}


def main() -> int:
    quick = "--quick" in sys.argv
    modules = list(dict.fromkeys(module for module, _, _ in TARGETS.values()))
    figures: dict[str, float] = {}
    for name in modules:
        started = time.perf_counter()
        module = importlib.import_module(name)
        result = module.run(quick=quick)
        figures.update(result)
        print(f"# {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    width = max(len(k) for k in TARGETS)
    print(f"{'figure':<{width}}  {'measured':>12}  {'target':>10}  ok")
    failures = 0
    for key, (_, target, sense) in TARGETS.items():
        value = figures.get(key, float("nan"))
        ok = value <= target if sense == "max" else value >= target
        failures += not ok
        bound = f"≤ {target:g}" if sense == "max" else f"≥ {target:g}"
        print(f"{key:<{width}}  {value:>12.2f}  {bound:>10}  {'yes' if ok else 'NO'}")
    extras = sorted(set(figures) - set(TARGETS))
    for key in extras:
        print(f"{key:<{width}}  {figures[key]:>12.2f}")
    if "--json" in sys.argv:
        print(json.dumps({key: round(figures.get(key, float("nan")), 3) for key in TARGETS}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
