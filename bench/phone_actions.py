"""Phone actions inside the running app: 50 phones at once, each saving an ask edit and passing a referral, while
the pitch countdown ticks.

The app (headless) runs the Pitch round screen and the page server on one event loop, as `netevent run` does,
with the app's redraw as the server's write hook; the phones are a separate process so their own work does not
count against the app's loop.

Figures (targets from DESIGN §9 and issue 16):
- phone_write_p99_ms_50_clients: from a form's request to its 303, which is sent only once the write is in the
  store and the app has been told (≤ 100 ms);
- countdown_gap_ms_max_during_phone_writes: the longest wait between two countdown redraws while the phones
  write (≤ 150 ms; the countdown redraws every 50 ms when idle);
- phone_write_p50_ms_50_clients and phone_writes_per_s, for context.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from countdown import countdown_running

TARGETS = {"phone_write_p99_ms_50_clients": 100.0, "countdown_gap_ms_max_during_phone_writes": 150.0}
ASK = "Landlords in Leeds who have just decided to sell a rented house this spring and need an estate agent, {n}."


async def _request(reader, writer, host: str, method: str, path: str, body: bytes = b"") -> tuple[bytes, bytes]:
    """One HTTP/1.1 request on a kept-alive connection: (status, body)."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n"
    if method == "POST":
        head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
    writer.write(head.encode() + b"\r\n" + body)
    reply = await reader.readuntil(b"\r\n\r\n")
    status = reply.split(b" ", 2)[1]
    length = next(
        int(line.split(b":", 1)[1]) for line in reply.split(b"\r\n") if line.lower().startswith(b"content-length:")
    )
    return status, await reader.readexactly(length)


async def _phones(pages: list[tuple[str, str]], url: str) -> list[float]:
    """Each phone opens its page, then saves an ask and passes a referral to the next attendee; write latencies."""
    parts = urlsplit(url)
    host = f"{parts.hostname}:{parts.port}"
    latencies: list[float] = []
    start_together = asyncio.Event()
    ready: list[int] = []

    async def phone(n: int, token: str, receiver: str) -> None:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            status, page = await _request(reader, writer, host, "GET", f"/s/{token}")
            found = re.search(rb'name="csrf" value="([0-9a-f]+)"', page)
            if status != b"200" or found is None:
                raise RuntimeError(f"page {status.decode()}: no form")
            csrf = found.group(1).decode()
            give = {"csrf": csrf, "to": receiver, "kind": "referral", "note": "From the bench", "temperature": "4"}
            forms = [("ask", {"csrf": csrf, "ask": ASK.format(n=n)}), ("give", give)]
            ready.append(n)
            if len(ready) == len(pages):
                start_together.set()  # every phone has its page open: now they all press their buttons at once
            await start_together.wait()
            for action, fields in forms:
                body = urlencode(fields).encode()
                began = time.perf_counter()
                status, _ = await _request(reader, writer, host, "POST", f"/s/{token}/{action}", body)
                latencies.append((time.perf_counter() - began) * 1000)
                if status != b"303":
                    raise RuntimeError(f"{action}: HTTP {status.decode()}")
        finally:
            writer.close()

    names = [name for name, _ in pages]
    tasks = [asyncio.create_task(phone(n, token, names[(n + 1) % len(names)])) for n, (_, token) in enumerate(pages)]
    await asyncio.gather(*tasks)
    return latencies


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _measure(attendees: int, clients: int) -> dict[str, float]:
    from netevent.web.actions import Limits
    from netevent.web.server import SummaryServer

    with tempfile.TemporaryDirectory() as folder:
        async with countdown_running(Path(folder), attendees) as running:
            app, store, draws = running.app, running.store, running.draws
            gc.freeze()  # as `netevent run` does once the app is loaded (cli._run_app)
            # The phones share one address here; in the room each has its own, so the per-address limit is lifted.
            limits = Limits.default(time.monotonic, client_limit=10**6)
            server = SummaryServer(lambda: app.store, version=lambda: app.revision, on_write=app.changed,
                                   limits=limits)  # fmt: skip
            await server.start("127.0.0.1", 0)
            pages = list(store.tokens().items())[:clients]
            page_file = Path(folder) / "pages.json"
            page_file.write_text(json.dumps(pages))
            began = time.monotonic()
            child = await asyncio.create_subprocess_exec(
                sys.executable,
                str(Path(__file__).resolve()),
                "--phones",
                str(page_file),
                server.base_url,
                stdout=asyncio.subprocess.PIPE,
            )
            out, _ = await child.communicate()
            ended = time.monotonic()
            await server.stop()
            if child.returncode != 0:
                raise RuntimeError("the phone process failed")
            from_phones = [r for r in store.referrals() if r.source == "phone"]
            if len(from_phones) != clients:
                raise RuntimeError(f"{len(from_phones)} of {clients} phone referrals were stored")
    latencies = json.loads(out)
    window = [t for t in draws if began <= t <= ended]
    gaps = [b - a for a, b in itertools.pairwise(window)]
    return {
        "phone_write_p50_ms_50_clients": round(statistics.median(latencies), 2),
        "phone_write_p99_ms_50_clients": round(_percentile(latencies, 0.99), 2),
        "countdown_gap_ms_max_during_phone_writes": round(max(gaps) * 1000, 1) if gaps else float("nan"),
        "phone_writes_per_s": round(len(latencies) / (ended - began), 1),
    }


def run(quick: bool = False) -> dict[str, float]:
    """50 phones (quick: 20) in a 60-person meeting, each writing twice."""
    return asyncio.run(_measure(60, 20 if quick else 50))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--phones":
        pages = [tuple(p) for p in json.loads(Path(sys.argv[2]).read_text())]
        print(json.dumps(asyncio.run(_phones(pages, sys.argv[3]))))
    else:
        print(json.dumps(run(quick="--quick" in sys.argv)))
