"""The room display in Debian's chromium at projector sizes, following the app (headless, Pilot) as it runs.

Both pages (1920×1080 and 1280×720) stay open through one meeting: start, pause, next speaker, a referral,
a server restart and End meeting. Screenshots of each state go to a temporary folder (or $ROOM_SHOTS).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.web.server import SummaryServer, app_pages

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SIZES = {"1080p": (1920, 1080), "720p": (1280, 720)}
START_BUDGET_MS = 250  # issue 17: the page shows a started pitch within 250 ms


async def wait_until(condition, timeout: float = 10.0) -> None:
    import asyncio

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def fits_the_screen(page, width: int, height: int) -> None:
    """Nothing spills off a projector: no scrolling, and the countdown and speaker are fully on screen."""
    size = await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert size[0] <= width and size[1] <= height, f"the page scrolls: {size} in {width}×{height}"
    for selector in ("#countdown", "#speaker-name"):
        if not await page.locator(selector).is_visible():
            continue
        box = await page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width


async def test_room_display_follows_the_app_live(sample_store: Store, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM} for the browser test: apt-get install chromium")
    from playwright.async_api import async_playwright

    shots = Path(os.environ.get("ROOM_SHOTS") or tmp_path / "room-shots")
    shots.mkdir(parents=True, exist_ok=True)
    app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=0)
    spare: SummaryServer | None = None
    async with app.run_test(size=(120, 40)) as pilot, async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await wait_until(lambda: app.summary_server is not None)
            server = app.summary_server
            assert server is not None
            url = server.room_url(sample_store.room_token())
            pages = {}
            for label, (width, height) in SIZES.items():
                page = await browser.new_page(viewport={"width": width, "height": height})
                response = await page.goto(url)
                assert response is not None and response.status == 200
                pages[label] = page

            async def each(check) -> None:
                for label, page in pages.items():
                    await check(label, page)

            async def snap(state: str) -> None:
                for label, page in pages.items():
                    await page.screenshot(path=str(shots / f"{state}-{label}.png"))

            # Before the round: who speaks first, their ask, who can help, the queue.
            async def first_up(label, page) -> None:
                await page.wait_for_function("() => document.body.className === 'mode-between'")
                assert await page.locator("#speaker-name").inner_text() == "Sarah Patel"
                assert (await page.locator("#stage-label").inner_text()).lower() == "first up"
                assert "Patel & Co Conveyancing" in await page.locator("#speaker-business").inner_text()
                assert "offer accepted" in await page.locator("#ask-text").inner_text()
                assert await page.locator("#countdown").inner_text() == "1:00"
                assert "Tom Whitaker" in await page.locator("#up-next-names").inner_text()
                assert await page.locator("#helper-list li").count() >= 1
                assert "sarah@" not in (await page.content()).lower()  # no contact details on the wall
                await fits_the_screen(page, *SIZES[label])

            await each(first_up)
            await snap("1-first-up")

            # space: the countdown runs on the page within the budget, and keeps running by itself.
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("space")
            pressed = time.monotonic()
            for page in pages.values():
                left = max(1, START_BUDGET_MS - round((time.monotonic() - pressed) * 1000))
                await page.wait_for_function(
                    "() => document.body.dataset.clock === 'running' && "
                    "document.getElementById('speaker-name').textContent === 'Sarah Patel'",
                    timeout=left,
                )

            async def running(label, page) -> None:
                assert (await page.locator("#stage-label").inner_text()).lower() == "now speaking"
                await page.wait_for_function("() => document.getElementById('countdown').textContent === '0:59'")
                assert "phase-green" in (await page.locator("#countdown").get_attribute("class") or "")
                await fits_the_screen(page, *SIZES[label])

            await each(running)
            await snap("2-running")

            # space again: paused, the figure freezes at what the app shows.
            await pilot.press("space")
            for page in pages.values():
                await page.wait_for_function("() => document.body.dataset.clock === 'paused'")
            frozen = {label: await page.locator("#countdown").inner_text() for label, page in pages.items()}
            started = {label: await page.evaluate("performance.now()") for label, page in pages.items()}

            async def still_frozen(label, page) -> None:
                await page.wait_for_function(f"() => performance.now() > {started[label] + 1500}")
                assert await page.locator("#countdown").inner_text() == frozen[label]
                assert await page.locator("#phase-label").inner_text() == "PAUSED"

            await each(still_frozen)
            assert frozen["1080p"] in ("0:59", "0:58")
            await snap("3-paused")

            # n: the pitch is logged and the next speaker is up.
            await pilot.press("n")
            for page in pages.values():
                await page.wait_for_function(
                    "() => document.getElementById('speaker-name').textContent === 'Tom Whitaker'"
                )
                assert (await page.locator("#stage-label").inner_text()).lower() == "up next"
                assert await page.locator("#countdown").inner_text() == "1:00"
            await snap("4-next-speaker")

            # A referral recorded on the Referrals screen appears on the giving board.
            await pilot.press("f4")
            await pilot.pause()
            await pilot.press(*"sarah", "tab", *"tom", "enter")
            await wait_until(lambda: len(sample_store.referrals()) == 1)
            for page in pages.values():
                await page.wait_for_function("() => document.body.className === 'mode-giving'")
                await page.wait_for_function("() => document.querySelectorAll('#given-bars li').length === 1")
                assert "Sarah Patel" in await page.locator("#given-bars").inner_text()
                assert (await page.locator("#board-totals").inner_text()).startswith("1 record")
                assert "1 of 20" in await page.locator("#board-givers").inner_text()
            await snap("5-giving")

            # The server restarts on the same port; a referral made meanwhile shows once the page reconnects.
            port = server.port
            await server.stop()
            for page in pages.values():
                await page.wait_for_function("() => document.getElementById('link').textContent === 'reconnecting…'")
            await pilot.press(*"priya", "tab", *"sarah", "enter")
            await wait_until(lambda: len(sample_store.referrals()) == 2)
            spare = SummaryServer(lambda: app.store, version=lambda: app.revision, live=app.live)
            await spare.start("127.0.0.1", port)
            for page in pages.values():
                await page.wait_for_function(
                    "() => document.querySelectorAll('#given-bars li').length === 2", timeout=15_000
                )
                assert (await page.locator("#board-totals").inner_text()).startswith("2 records")
                assert await page.locator("#link").inner_text() == "● live"
            await snap("6-after-restart")

            # End meeting: the final tally, given and received.
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("y")
            for page in pages.values():
                await page.wait_for_function("() => document.body.className === 'mode-tally'")
                assert await page.locator("#board-title").inner_text() == "Final tally"
                assert "Sarah Patel" in await page.locator("#received-bars").inner_text()
            await snap("7-final-tally")
        finally:
            await browser.close()
            if spare is not None:
                await spare.stop()
    assert app.return_value == "ended"
    assert len(list(shots.glob("*.png"))) == 14
