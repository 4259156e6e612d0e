"""Room display lag: from a key pressed in the app to the projector's page showing the change, under phone load.

The app (headless) runs the Pitch round and serves pages and the room display on its own loop, as `netevent
run` does; Debian's chromium shows the room page; 50 phones in a separate process load summary pages the
whole time. Each step presses a pitch key (start, pause, resume, next) and the lag is the time from just
before the key press to the page's DOM taking the new state (a MutationObserver in the page notes the time).

Figures (budget from DESIGN §9: the projector page follows the app within 250 ms):
- room_lag_ms_p50 / room_lag_ms_p99: the app's change (stored, on its screen, published) → page updated;
- room_key_to_page_ms_p50 / _p99: from just before the key press, so the app's own key handling and store
  writes count too (what a person watching both screens would notice);
- room_lag_steps: how many changes were measured (all while the phones were loading pages).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen import make_event, make_referrals

TARGETS = {"room_lag_ms_p99": 250.0}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KEYS = ("space", "space", "space", "n")  # start, pause, resume, next speaker

OBSERVE = """() => {
  window.roomChanges = [];
  new MutationObserver(() => {
    window.roomChanges.push([Number(document.body.dataset.version), performance.timeOrigin + performance.now()]);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-version"] });
}"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _measure(attendees: int, clients: int, steps: int) -> dict[str, float]:
    from playwright.async_api import async_playwright

    from netevent.store.repository import Store
    from netevent.tui.app import NeteventApp
    from netevent.web.server import app_pages

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.json")
        event = make_event(attendees, seed=7)
        store.load_event(event)
        store.add_referrals(make_referrals(event, attendees * 2, seed=7))
        app = NeteventApp(store, pages=app_pages, host="127.0.0.1", port=0)
        async with app.run_test(size=(120, 40)) as pilot, async_playwright() as p:
            await pilot.press("f3")
            started = time.monotonic()
            while (app.summary_server is None or not app.summary_server.warm) and time.monotonic() - started < 60:
                await asyncio.sleep(0.05)
            server = app.summary_server
            assert server is not None, "the app's server did not start"
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1920, "height": 1080})
            await page.goto(server.room_url(store.room_token()))
            await page.wait_for_function("() => document.body.dataset.version !== undefined")
            await page.evaluate(OBSERVE)
            url_file = Path(folder) / "urls.json"
            url_file.write_text(json.dumps([server.url_for(t) for t in store.tokens().values()]))
            phone_log = (Path(folder) / "phones.out").open("wb")
            phones = subprocess.Popen(  # a plain child: polled, never awaited, killed at the end
                [sys.executable, str(Path(__file__).with_name("summary_load.py")), "--phones", str(url_file),
                 str(clients), "100000"], stdout=phone_log, stderr=subprocess.PIPE,
            )  # fmt: skip
            await asyncio.sleep(0.5)  # let every phone connect and start loading before measuring
            pressed: dict[int, float] = {}  # version → wall ms just before its key was pressed
            published: dict[int, float] = {}  # version → wall ms when the app published it (stored, on screen)
            publish = app.live.publish

            def noted() -> int:
                version = publish()
                published[version] = time.time() * 1000
                return version

            app.live.publish = noted  # type: ignore[method-assign]
            try:
                for step in range(steps):
                    if phones.poll() is not None:
                        problem = phones.stderr.read().decode().strip().splitlines()[-1:]  # type: ignore[union-attr]
                        raise RuntimeError(f"the phones stopped before the measurement ended: {problem}")
                    version = app.live.version + 1
                    pressed[version] = time.time() * 1000
                    await pilot.press(KEYS[step % len(KEYS)])
                    await page.wait_for_function(f"() => Number(document.body.dataset.version) >= {version}")
                changes = await page.evaluate("() => window.roomChanges")
            finally:
                phones.kill()
                phones.wait()
                phone_log.close()
                await browser.close()
        store.close()
    lags, key_lags = _lags(published, changes), _lags(pressed, changes)
    return {
        "room_lag_ms_p50": round(statistics.median(lags), 1),
        "room_lag_ms_p99": round(_percentile(lags, 0.99), 1),
        "room_key_to_page_ms_p50": round(statistics.median(key_lags), 1),
        "room_key_to_page_ms_p99": round(_percentile(key_lags, 0.99), 1),
        "room_lag_steps": float(len(lags)),
    }


def _lags(since: dict[int, float], changes: list[list[float]]) -> list[float]:
    """Milliseconds from each version's moment to the page's first render of it or a later one (two may come as one)."""
    lags = []
    for version, at in since.items():
        seen = [when for shown, when in changes if shown >= version]
        if seen:
            lags.append(min(seen) - at)
    return lags


def run(quick: bool = False) -> dict[str, float]:
    """Lag over 60 (quick: 20) pitch key presses in a 60-person meeting, with 50 (quick: 20) phones loading."""
    clients, steps = (20, 20) if quick else (50, 60)
    return asyncio.run(_measure(60, clients, steps))


if __name__ == "__main__":
    figures = run(quick="--quick" in sys.argv)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:>9,.1f}")
    print("targets: " + ", ".join(f"{k} ≤ {v:g}" for k, v in TARGETS.items()))
