"""Hostile and random input: loaders only ever raise their own located error; the ask check always explains."""

from __future__ import annotations

import asyncio
import csv
import http.client
import io
import json
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from netevent.domain.models import Attendee, Referral
from netevent.domain.text import BIDI_CONTROLS
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


# -- CSV quoting: a stray quote is a located problem or harmless, never attendees silently lost ----------------

CELL_TEXT = st.text(alphabet=st.sampled_from('ab ,;"|é'), max_size=8)


def roster_text(names: list[str], cells: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Name", "Company", "Email", "Ask"])
    writer.writerows([name, *row] for name, row in zip(names, cells, strict=False))
    return out.getvalue()


ROSTER_ROWS = st.integers(2, 8).flatmap(
    lambda n: st.tuples(
        st.lists(st.from_regex(r"[A-Z][a-z]{1,6} [A-Z][a-z]{1,6}", fullmatch=True), min_size=n, max_size=n,
                 unique_by=str.casefold),
        st.lists(st.lists(CELL_TEXT, min_size=3, max_size=3), min_size=n, max_size=n),
    )
)  # fmt: skip


@FAST
@given(ROSTER_ROWS)
def test_properly_quoted_rosters_load_every_attendee(rows: tuple[list[str], list[list[str]]]) -> None:
    names, cells = rows
    assume(all(cell.count(",") < 4 for row in cells for cell in row))  # a row's worth of commas is reported
    path = WORK / "quoted.csv"
    path.write_text(roster_text(names, cells), encoding="utf-8")
    assert [a.name for a in load_event(path).attendees] == names


# A stray quote that swallows a short row (fewer of the file's delimiters than a whole row holds) once lost an
# attendee unreported (issue 19 item 1); the counterexample hypothesis found is pinned so it runs every time.
@FAST
@example(rows=(["Aa Aa", "Aa Aaa"], [["", "", ","], ["", "", ""]]), where=0, stray='"')
@given(ROSTER_ROWS, st.integers(0, 10**6), st.sampled_from(['"', ',"', '"\n']))
def test_a_stray_quote_is_a_located_problem_or_loses_nobody(
    rows: tuple[list[str], list[list[str]]], where: int, stray: str
) -> None:
    names, cells = rows
    text = roster_text(names, cells)
    header_end = text.index("\n") + 1
    at = header_end + where % (len(text) - header_end)
    path = WORK / "stray.csv"
    path.write_text(text[:at] + stray + text[at:], encoding="utf-8")
    try:
        event = load_event(path)
    except RosterError as exc:
        assert all(p.line is not None for p in exc.problems)  # every problem names its row
        return
    body_lines = [line for line in path.read_text(encoding="utf-8").split("\n")[1:] if line.strip()]
    assert len(event.attendees) >= min(len(names), len(body_lines)) - (1 if stray.endswith("\n") else 0)


# -- TOML nesting: any depth is a located problem or fine, never a RecursionError -----------------------------


@FAST
@given(st.integers(0, 1500), st.sampled_from(["[", "{x = "]), st.sampled_from(["sphere", "title", "extra"]))
def test_any_toml_nesting_depth_is_reported_not_a_crash(depth: int, opener: str, key: str) -> None:
    closer = "]" if opener == "[" else "}"
    value = opener * depth + '"x"' + closer * depth
    body = f'[event]\ntitle = "Club"\n\n[[attendee]]\nname = "Ana Ruiz"\n{key} = {value}\n'
    path = WORK / "nested.toml"
    path.write_bytes(body.encode())
    problems = validate(path)
    check_file("nested.toml", body.encode())
    if depth > 32:
        assert any("nest more than 32 levels" in p.message and p.line == 6 for p in problems)


# -- money: any typed value is an amount within the ceiling or a message, and the tally stays valid JSON -------

MONEY_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from("0123456789.,-e+£$€ _"), max_size=16),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.integers(-(10**12), 10**12).map(str),
)


@FAST
@given(st.lists(MONEY_TEXT, min_size=1, max_size=6))
def test_any_typed_value_is_a_sane_amount_or_a_message_and_the_tally_is_valid_json(typed: list[str]) -> None:
    from netevent.domain.money import MAX_VALUE, MoneyError, parse_amount
    from netevent.domain.tally import compute_tally
    from netevent.render.tally_table import tally_json

    values = []
    for text in typed:
        try:
            amount = parse_amount(text)
        except MoneyError as exc:
            assert str(exc) and "\n" not in str(exc)
            continue
        assert 0 <= amount <= MAX_VALUE and round(amount, 2) == amount
        values.append(amount)
    people = [Attendee("Ana Ruiz"), Attendee("Bo Li")]
    records = [Referral("Ana Ruiz", "Bo Li", kind="closed", value=v, currency="GBP") for v in values]
    data = json.loads(tally_json(compute_tally(people, records, [], {})), parse_constant=_no_constant)
    assert data["room"]["closed_value"] == pytest.approx(sum(values), abs=0.01 * (len(values) + 1))


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")


# -- names: control and bidi characters never reach a stored name ------------------------------------------------

NAME_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", blacklist_categories=["Cs"]),
        st.sampled_from("\u202e\u202d\u2066\u2067\u2068\u2069\u200f\u061c\x1b\x07\n\t\u0308e"),
    ),
    min_size=1,
    max_size=16,
)


@FAST
@given(st.lists(NAME_TEXT, min_size=1, max_size=4))
def test_names_with_control_or_bidi_characters_are_refused_or_cleaned(names: list[str]) -> None:
    blocks = "".join(f"\n[[attendee]]\nname = {json.dumps(name, ensure_ascii=False)}\n" for name in names)
    data = ('[event]\ntitle = "Club"\n' + blocks).encode("utf-8", "surrogatepass")
    check_file("names.toml", data)
    path = WORK / "names.toml"
    try:
        event = load_event(path)
    except RosterError:
        return
    for person in event.attendees:
        assert not any(unicodedata.category(c) == "Cc" for c in person.name)
        assert not set(person.name) & set(BIDI_CONTROLS)
        assert unicodedata.normalize("NFC", person.name) == person.name


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
    assert response.status in {200, 400, 403, 404, 405, 429}  # never a 500 (403: a phone action without csrf)
    assert response.getheader("X-Content-Type-Options") == "nosniff"  # aiohttp's own 400s too
    assert response.getheader("Server") == "netevent"
    if method not in {"GET", "HEAD"}:
        assert response.status != 200  # only GET and HEAD ever read a page
