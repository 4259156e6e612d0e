"""Hostile and random input: loaders only ever raise their own located error; the ask check always explains."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netevent.roster import RosterError, load_event, validate
from netevent.rules import review_ask

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
