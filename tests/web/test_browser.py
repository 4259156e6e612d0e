"""The summary page in a real phone-sized browser: Debian's chromium, driven by Playwright, against a running server."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from netevent.domain.models import Referral
from netevent.store.repository import Store
from netevent.web.server import SummaryServer

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ServerThread:
    """A SummaryServer on its own event loop in a thread, as the sync Playwright API needs the main thread."""

    def __init__(self, store: Store) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server = SummaryServer(store)

    def __enter__(self) -> SummaryServer:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start("127.0.0.1", 0), self.loop).result(timeout=30)
        return self.server

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)
        self.loop.close()


@pytest.fixture
def busy_store(sample_store: Store) -> Iterator[Store]:
    """The sample meeting with records for Sarah Patel, including a long unbroken note that could overflow."""
    people = [a.name for a in sample_store.attendees()]
    sample_store.add_referrals(
        [
            Referral(
                people[1], people[0], contact="Jane Doe 07700 900123", note="Offer accepted on Monday", temperature=5
            ),
            Referral(people[2], people[0], kind="closed", value=1850.0, currency="GBP"),
            Referral(people[0], people[3], note="https://example.org/" + "a-very-long-unbroken-path-segment" * 3),
            Referral(people[0], people[2], kind="one-to-one", note="Thursday 8:30 at the Mill"),
        ]
    )
    yield sample_store


def test_summary_page_reads_well_on_a_360px_phone(busy_store: Store) -> None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM} for the browser test: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    person = busy_store.attendees()[0]
    giver = busy_store.attendees()[1]
    ARTIFACTS.mkdir(exist_ok=True)
    with ServerThread(busy_store) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740}, java_script_enabled=True)
            response = page.goto(server.url_for(busy_store.token_for(person.name)))
            assert response is not None and response.status == 200
            assert page.locator("h1").inner_text() == person.name
            verdict = page.locator(".verdict").inner_text()
            assert verdict in {"Specific", "Needs work", "Vague"}
            received = page.locator("section", has=page.locator("h2", has_text="Received"))
            assert giver.name in received.inner_text()
            assert "Jane Doe 07700 900123" in received.inner_text()
            assert page.get_by_text("Thursday 8:30 at the Mill").is_visible()
            assert page.locator("a.save").is_visible()
            scripts = page.evaluate("[...document.scripts].map(s => s.src)")
            assert scripts == [server.base_url + "/static/phone.js"]  # the phone actions' one script, from 'self'

            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= 360, f"the page scrolls sideways: {scroll_width}px wide"
            body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert body_size >= 16  # readable without zooming
            page.screenshot(path=str(ARTIFACTS / "summary-phone.png"), full_page=True)
        finally:
            browser.close()
    assert server.opened_count(person.name) == 1
