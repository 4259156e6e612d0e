"""Summary pages under load inside the running app: 50 phones × 20 requests while the pitch countdown ticks.

The app (headless) runs the Pitch round screen and the summary server on one event loop, as `netevent run`
does; the phones are a separate process so their own work does not count against the app's loop.

Figures (targets from DESIGN §9 and issue 7):
- summary_p50_ms_50_clients / summary_p99_ms_50_clients: request latency seen by the phones (p99 ≤ 20 ms);
- countdown_gap_ms_max_during_load: the longest wait between two countdown redraws while the phones load
  pages (≤ 150 ms; the countdown redraws every 50 ms when idle);
- summary_requests_per_s: throughput over the run;
- summary_pages_ready_s_60_attendees: from server start until every page is built in the background (the
  load starts then, as phones scan at the close, long after the last change).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from countdown import countdown_running

TARGETS = {"summary_p99_ms_50_clients": 20.0, "countdown_gap_ms_max_during_load": 150.0}


async def _phones(urls: list[str], clients: int, requests: int) -> list[float]:
    """Each phone keeps one keep-alive connection and opens random pages one after another; latencies in ms.

    A bare HTTP/1.1 client on asyncio streams: real phones bring their own CPUs, so the load generator,
    which shares this machine with the app, should spend as little as it can per request.
    """
    from urllib.parse import urlsplit

    parts = [urlsplit(u) for u in urls]
    host, port = parts[0].hostname, parts[0].port
    latencies: list[float] = []

    async def phone(seed: int) -> None:
        rng = random.Random(seed)
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for _ in range(requests):
                path = rng.choice(parts).path
                start = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = head.split(b" ", 2)[1]
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                latencies.append((time.perf_counter() - start) * 1000)
                if status != b"200":
                    raise RuntimeError(f"{path}: HTTP {status.decode()}")
        finally:
            writer.close()

    await asyncio.gather(*(phone(i) for i in range(clients)))
    return latencies


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _measure(attendees: int, clients: int, requests: int) -> dict[str, float]:
    from netevent.web.server import SummaryServer

    with tempfile.TemporaryDirectory() as folder:
        async with countdown_running(Path(folder), attendees) as running:
            app, store, draws = running.app, running.store, running.draws
            server = SummaryServer(lambda: app.store, version=lambda: app.revision)
            await server.start("127.0.0.1", 0)
            urls = [server.url_for(token) for token in store.tokens().values()]
            url_file = Path(folder) / "urls.json"
            url_file.write_text(json.dumps(urls))
            ready = time.monotonic()
            while not server.warm and time.monotonic() - ready < 30:  # pages are built in the background
                await asyncio.sleep(0.05)
            warm_s = time.monotonic() - ready
            began = time.monotonic()
            child = await asyncio.create_subprocess_exec(
                sys.executable,
                __file__,
                "--phones",
                str(url_file),
                str(clients),
                str(requests),
                stdout=asyncio.subprocess.PIPE,
            )
            out, _ = await child.communicate()
            ended = time.monotonic()
            await server.stop()
            if child.returncode != 0:
                raise RuntimeError("the phone process failed")
    latencies = json.loads(out)
    window = [t for t in draws if began <= t <= ended]
    gaps = [b - a for a, b in itertools.pairwise(window)]
    return {
        "summary_p50_ms_50_clients": round(statistics.median(latencies), 2),
        "summary_p99_ms_50_clients": round(_percentile(latencies, 0.99), 2),
        "countdown_gap_ms_max_during_load": round(max(gaps) * 1000, 1) if gaps else float("nan"),
        "summary_requests_per_s": round(len(latencies) / (ended - began), 1),
        "summary_pages_ready_s_60_attendees": round(warm_s, 2),
    }


def run(quick: bool = False) -> dict[str, float]:
    """One load run against a 60-person meeting (quick: 20 phones × 10 requests)."""
    clients, requests = (20, 10) if quick else (50, 20)
    return asyncio.run(_measure(60, clients, requests))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--phones":
        found = asyncio.run(_phones(json.loads(Path(sys.argv[2]).read_text()), int(sys.argv[3]), int(sys.argv[4])))
        print(json.dumps(found))
        sys.exit(0)
    figures = run(quick="--quick" in sys.argv)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:>9,.1f}")
    print("targets: " + ", ".join(f"{k} ≤ {v:g}" for k, v in TARGETS.items()))
