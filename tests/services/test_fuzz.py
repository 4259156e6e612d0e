"""Hostile and random input: loaders only ever raise their own located error; the ask check always explains."""

from __future__ import annotations

import asyncio
import http.client
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netevent.event_files.load import RosterError, load_event, validate
from netevent.services.ask_rules import review_ask
from netevent.store.repository import Store

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORK = Path(tempfile.mkdtemp(prefix="netevent-fuzz-"))


def check_file(name: str, data: bytes) -> None:
    """Loading must succeed or raise RosterError whose every problem is one located line."""
    path = WORK / name
    path.write_bytes(data)
    problems = validate(path)
    for problem in problems:
        text = str(problem)
        assert "\n" not in text and text.startswith(str(path))
    try:
        event = load_event(path)
    except RosterError as exc:
        assert exc.problems == problems
        return
    assert problems == []
    assert event.title
    assert all(person.name.strip() for person in event.attendees)


@FAST
@given(st.binary(max_size=600))
def test_random_bytes_as_toml(data: bytes) -> None:
    check_file("event.toml", data)


@FAST
@given(st.binary(max_size=600))
def test_random_bytes_as_csv(data: bytes) -> None:
    check_file("roster.csv", data)


KEYS = st.sampled_from(
    [
        *("title", "date", "starts", "pitch_seconds", "amber_seconds", "order", "role", "name", "ask"),
        *("sphere", "share_contact", "visitor_pitch_seconds", "currency", "minutes", "nmae"),
    ]
)
VALUES = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.text(max_size=20).map(lambda t: '"' + t.replace("\\", "").replace('"', "").replace("\n", " ") + '"'),
    st.sampled_from(["true", "false", "2026-11-26", "07:00:00", "[]", '["a", 1]', "{}", "1.5", "nan", "inf"]),
)
TABLES = st.sampled_from(["[event]", "[[attendee]]", "[feature]", "[attendee]", "[[event]]", "[other]", ""])


@FAST
@given(st.lists(st.tuples(TABLES, st.lists(st.tuples(KEYS, VALUES), max_size=5)), max_size=6))
def test_random_toml_structures(sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
    lines = []
    for header, pairs in sections:
        lines.append(header)
        lines += [f"{key} = {value}" for key, value in pairs]
    check_file("structured.toml", "\n".join(lines).encode())


CELLS = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
HEADERS = st.sampled_from(["Name", "First Name", "Last Name", "Email", "Company", "Ticket Type", "role",
                           "Attendee Status", "ask", "", "RSVP", "business"])  # fmt: skip


@FAST
@given(
    st.lists(HEADERS, min_size=1, max_size=6),
    st.lists(st.lists(CELLS, max_size=7), max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_csv_tables(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> None:
    text = "\n".join(delimiter.join(row) for row in [header, *rows])
    check_file("table.csv", text.encode(encoding, errors="replace"))


@FAST
@given(st.text(max_size=400))
def test_ask_check_never_raises_and_always_explains(text: str) -> None:
    review = review_ask(text)
    assert 0 <= review.score <= 100
    assert review.verdict in {"specific", "needs-work", "vague"}
    assert review.findings, "every verdict comes with its reasons"
    if review.verdict != "specific":
        assert review.top_suggestion, "a vague or weak ask always gets something to do about it"
    for finding in review.findings:
        assert finding.message
        if finding.span:
            start, end = finding.span
            assert 0 <= start <= end <= len(text)


# -- the summary server: any path, any method, never a 500 -------------------------------------------------


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str]]:
    """A real summary server on loopback in its own thread, over a read-only store file."""
    from test_summary import seed_store

    from netevent.web.netaddr import free_port
    from netevent.web.server import SummaryServer

    path = tmp_path_factory.mktemp("fuzz-web") / "meeting.json"
    seed_store(path).close()
    with Store(path, writer=False) as reader:
        token = reader.token_for(reader.attendees()[0].name)
    port = free_port(18900)
    loop = asyncio.new_event_loop()
    server = SummaryServer(path)
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start("127.0.0.1", port))
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(30)
    yield port, token
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)


METHODS = st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"])
SEGMENT = st.text(alphabet=st.characters(codec="utf-8", blacklist_categories=["Cs", "Cc"]), max_size=30)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(method=METHODS, parts=st.lists(SEGMENT, max_size=4), query=SEGMENT, use_token=st.booleans())
def test_server_answers_any_request_without_a_500(
    live_server: tuple[int, str], method: str, parts: list[str], query: str, use_token: bool
) -> None:
    port, token = live_server
    segments = ["s", token, *parts[:1]] if use_token else parts
    path = "/" + "/".join(quote(p, safe="") for p in segments)
    if query:
        path += "?" + quote(query, safe="=&")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert response.status in {200, 400, 404, 405, 429}  # never a 500, never anything unexpected
    if response.status != 400:  # aiohttp's HTTP parser rejects unknown methods before any handler runs
        assert response.getheader("X-Content-Type-Options") == "nosniff"
    if method not in {"GET", "HEAD"}:
        assert response.status != 200  # only GET and HEAD ever read a page
