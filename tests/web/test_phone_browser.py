"""The phone actions in Debian's Chromium at 360×740: sharpen an ask with the live review, give, say what happened."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from meetings import seed_store
from test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ServerThread

from netevent.store.repository import Store

VAGUE = "I want more clients"
SHARP = "Landlords in Leeds who have just decided to sell a rented house this spring and need an estate agent."
RANK = {"Vague": 0, "Needs work": 1, "Specific": 2}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways: {width}px wide"


def test_an_attendee_sharpens_their_ask_gives_and_reports_a_win_from_a_360px_phone(store: Store) -> None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Debian's chromium is needed at {CHROMIUM} for the browser test: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with ServerThread(store) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(server.url_for(store.token_for("Tom Whitaker")))
            no_sideways_scroll(page)
            box = page.locator("#ask")
            assert box.bounding_box()["height"] >= 44  # thumb-sized

            # A vague ask: the review says so while they type, before anything is saved
            box.fill("")
            box.press_sequentially(VAGUE, delay=10)
            verdict = page.locator("#review .verdict")
            expect(page.locator("#review blockquote")).to_have_text(VAGUE, timeout=5000)
            vague = RANK[verdict.inner_text()]
            box.fill(SHARP)
            box.dispatch_event("input")
            expect(page.locator("#review blockquote")).to_have_text(SHARP, timeout=5000)
            assert RANK[verdict.inner_text()] > vague
            assert store.attendee("Tom Whitaker").ask == "I want more clients."  # checking stores nothing
            page.screenshot(path=str(ARTIFACTS / "phone-ask-live.png"), full_page=True)

            page.get_by_role("button", name="Save my ask").click()
            expect(page.locator(".saved")).to_contain_text("Saved: your new ask")
            assert store.attendee("Tom Whitaker").ask == SHARP
            expect(page.locator("#review blockquote")).to_have_text(SHARP)  # the review of what was saved

            # Pass a referral to someone in the room
            page.select_option("#give-to", "Priya Shah")
            page.get_by_role("radio", name="Introduction", exact=True).check()
            page.fill("#give-contact", "Ann Lee 0113 496 0999")
            page.fill("#give-note", "Wants a broker before she offers")
            page.select_option("#give-temperature", "4")
            page.get_by_role("button", name="Pass it on").click()
            expect(page.locator(".saved")).to_contain_text("on the facilitator's screen")
            record = store.referrals()[-1]
            assert (record.giver, record.receiver, record.kind, record.temperature, record.source) == (
                "Tom Whitaker", "Priya Shah", "introduction", 4, "phone")  # fmt: skip
            no_sideways_scroll(page)

            # The one-to-one Tom received: it came to business
            card = page.locator("#r-2026-11-26-4")
            card.get_by_label("Value, if won").fill("950")
            card.get_by_role("button", name="Won").click()
            expect(page.locator(".saved")).to_contain_text("what happened")
            expect(page.locator("#r-2026-11-26-4 .status")).to_have_text("Won")
            [change] = store.followups()
            assert (change.record, change.status, change.value, change.by) == ("2026-11-26-4", "won", 950.0, "phone")

            # A refused form: the message beside it, what was typed kept
            card = page.locator("#r-2026-11-26-4")
            card.get_by_role("button", name="Won").click()  # no value this time
            expect(page.locator("#r-2026-11-26-4 .error")).to_contain_text("won needs the value")
            no_sideways_scroll(page)
            page.screenshot(path=str(ARTIFACTS / "phone-actions.png"), full_page=True)
            assert not [e for e in errors if not re.search(r"422", e)], errors  # no script or CSP errors
        finally:
            browser.close()


def test_without_javascript_the_forms_still_save_and_show_the_new_review(store: Store) -> None:
    from playwright.sync_api import expect, sync_playwright

    with ServerThread(store) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740}, java_script_enabled=False)
            page.goto(server.url_for(store.token_for("Tom Whitaker")))
            page.fill("#ask", SHARP)
            page.get_by_role("button", name="Save my ask").click()
            expect(page.locator(".saved")).to_contain_text("Saved: your new ask")
            expect(page.locator("#review blockquote")).to_have_text(SHARP)
            assert page.locator("#review .verdict").inner_text() in RANK
            assert store.attendee("Tom Whitaker").ask == SHARP
            page.get_by_role("button", name="Set my goal").click()  # no numbers: refused, with the reason
            expect(page.locator("#goal .error")).to_contain_text("at least one number")
            no_sideways_scroll(page)
        finally:
            browser.close()
