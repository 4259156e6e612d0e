"""Hypothesis against the phone forms over real HTTP: any text in any field is a 303, 413 or 422, never a 500, and a
refused form leaves the store file as it was."""

from __future__ import annotations

import asyncio
import http.client
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from meetings import seed_store

from netevent.services.phone_actions import csrf_for
from netevent.store.repository import Store
from netevent.web.actions import Limits
from netevent.web.counters import MissTracker
from netevent.web.server import SummaryServer


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Store, str, str]]:
    """A server on its own loop in a thread (Hypothesis drives plain sync requests), with limits out of the way."""
    store = seed_store(tmp_path_factory.mktemp("fuzz") / "meeting.json")
    unlimited = Limits(MissTracker(10**6), MissTracker(10**6), MissTracker(10**6))
    server = SummaryServer(store, limits=unlimited)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(server.start("127.0.0.1", 0), loop).result(30)
    token = store.token_for("Tom Whitaker")
    yield server.port, store, token, csrf_for(store, token)
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)
    store.close()


def post(port: int, path: str, body: bytes) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)  # control characters, bidi, emoji …
LONG_TEXT = st.text(alphabet=st.characters(codec="utf-8"), min_size=280, max_size=700)
FIELD = st.one_of(ANY_TEXT, LONG_TEXT, st.sampled_from(["", " ", "3", "won", "Sarah Patel", "referral", "1e9"]))
FORMS = {
    "ask": ["ask"],
    "give": ["to", "kind", "contact", "note", "temperature"],
    "followup/2026-11-26-4": ["status", "value", "note"],
    "goal": ["referrals", "introductions", "one_to_ones"],
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action=st.sampled_from(sorted(FORMS)), data=st.data())
def test_any_field_is_stored_whole_or_refused_leaving_the_file_as_it_was(
    served: tuple[int, Store, str, str], action: str, data: st.DataObject
) -> None:
    port, store, token, csrf = served
    fields = {name: data.draw(FIELD, label=name) for name in FORMS[action]}
    before = store.path.read_bytes()
    status = post(port, f"/s/{token}/{action}", urlencode({"csrf": csrf, **fields}).encode())
    assert status in {303, 413, 422}, fields  # 413: five fields of 700 four-byte characters, percent-encoded
    if status != 303:
        assert store.path.read_bytes() == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=400), action=st.sampled_from(sorted(FORMS)))
def test_any_body_bytes_are_answered_without_a_500(served: tuple[int, Store, str, str], body: bytes, action: str):
    port, store, token, csrf = served
    before = store.path.read_bytes()
    status = post(port, f"/s/{token}/{action}", f"csrf={csrf}&".encode() + body)
    assert status in {303, 400, 403, 422}
    if status != 303:
        assert store.path.read_bytes() == before


def test_a_huge_field_is_413_and_stores_nothing(served: tuple[int, Store, str, str]) -> None:
    port, store, token, csrf = served
    before = store.path.read_bytes()
    assert post(port, f"/s/{token}/ask", urlencode({"csrf": csrf, "ask": "ä" * 20000}).encode()) == 413
    assert store.path.read_bytes() == before


def test_an_accepted_ask_is_stored_whole(served: tuple[int, Store, str, str], tmp_path: Path) -> None:
    port, store, token, csrf = served
    ask = "Landlords in Leeds\x1b[31m selling a rented \u202ehouse\u202c this spring"
    assert post(port, f"/s/{token}/ask", urlencode({"csrf": csrf, "ask": ask}).encode()) == 303
    with Store(store.path, writer=False) as reader:
        assert reader.attendee("Tom Whitaker").ask == "Landlords in Leeds[31m selling a rented house this spring"
