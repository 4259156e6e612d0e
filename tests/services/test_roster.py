"""Event files: the samples load, and every malformed case gives a located, one-line problem saying what to do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from roster_fixtures import SAMPLES, only_problem, write

from netevent.event_files.load import Problem, RosterError, load_event, validate

GOOD_EVENT = """\
[event]
title = "Test Club"
pitch_seconds = 60
amber_seconds = 15
"""


def event_file(tmp_path: Path, body: str, head: str = GOOD_EVENT) -> Path:
    return write(tmp_path, "club.toml", head + body)


# --- Problem and RosterError ------------------------------------------------------------------


def test_problem_reads_as_one_line_with_its_place() -> None:
    assert str(Problem("club.toml", 7, "unknown key 'x'")) == "club.toml:7: unknown key 'x'"
    assert str(Problem("r.csv", 4, "no email", column="Email")) == 'r.csv: row 4, column "Email": no email'
    assert str(Problem("r.csv", 4, "too many values", column=9)) == "r.csv: row 4, column 9: too many values"
    assert str(Problem("gone.toml", None, "file not found")) == "gone.toml: file not found"


def test_roster_error_shows_the_first_problem_and_counts_the_rest() -> None:
    problems = [Problem("club.toml", n, f"problem {n}") for n in (3, 5, 9)]
    assert str(RosterError(problems)) == (
        "club.toml:3: problem 3 (and 2 more problems: run `netevent validate club.toml` to see all)"
    )
    assert str(RosterError(problems[:2])).endswith("(and 1 more problem: run `netevent validate club.toml` to see all)")
    assert str(RosterError(problems[:1])) == "club.toml:3: problem 3"
    assert RosterError(problems).problems == problems


# --- The samples -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_every_sample_validates_and_loads(path: Path) -> None:
    assert validate(path) == []
    event = load_event(path)
    assert event.title
    assert len({a.key for a in event.attendees}) == len(event.attendees) >= 8


def test_the_demo_meeting_is_a_twenty_person_chapter_with_guests_and_a_feature() -> None:
    event = load_event(SAMPLES / "riverside-breakfast.toml")
    roles = [a.role for a in event.attendees]
    assert len(event.attendees) == 20
    assert 2 <= roles.count("visitor") <= 3 and roles.count("substitute") == 1
    assert (event.pitch_seconds, event.amber_seconds, event.visitor_pitch_seconds) == (60, 15, 45)
    assert event.date == dt.date(2026, 11, 26) and event.starts == dt.time(7, 0)
    assert event.feature is not None and event.feature.seconds == 600
    assert event.feature.name in {a.name for a in event.attendees}
    names = {a.name for a in event.attendees}
    assert "Olivia Grant" in names and any(n.startswith("Ian ") for n in names)
    assert {"Zoë Ångström", "José Núñez", "Siobhán Ó Briain"} <= names
    visitor = next(a for a in event.attendees if a.role == "visitor")
    assert event.planned_seconds(visitor) == 45
    assert sum(1 for a in event.attendees if a.ask and a.email and a.phone) >= 18


def test_the_other_samples_keep_their_settings() -> None:
    small = load_event(SAMPLES / "small-club.toml")
    big = load_event(SAMPLES / "big-chapter.toml")
    assert (len(small.attendees), small.order) == (8, "alphabetical")
    assert (len(big.attendees), big.pitch_seconds, big.amber_seconds, big.order) == (45, 30, 10, "random")


# --- A good file ------------------------------------------------------------------------------


def test_a_full_event_file_loads_every_field(tmp_path: Path) -> None:
    path = event_file(
        tmp_path,
        """\
date = 2026-11-26
starts = 07:00:00
venue = "The Mill Café"
visitor_pitch_seconds = 45
order = "Alphabetical"
currency = "eur"

[feature]
name = "zoë  ÅNGSTRÖM"
seconds = 420

[[attendee]]
name = "Zoë Ångström"
business = "Ångström Photography"
profession = "Photographer"
role = "Visitor"
email = "zoe@example.test"
phone = "+44 113 496 0018"
website = "https://angstrom.example"
ask = "Estate agents in Leeds."
offer = "Photos."
sphere = ["estate agent", " surveyor "]
share_contact = false
pitch_seconds = 90
""",
    )
    event = load_event(path)
    person = event.attendees[0]
    assert (event.order, event.currency, event.venue) == ("alphabetical", "EUR", "The Mill Café")
    assert event.feature is not None and (event.feature.name, event.feature.seconds) == ("Zoë Ångström", 420)
    assert (person.name, person.role, person.share_contact) == ("Zoë Ångström", "visitor", False)
    assert person.sphere == ["estate agent", "surveyor"]
    assert event.planned_seconds(person) == 90


def test_visitor_pitch_length_follows_the_member_length_unless_given(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", '[event]\ntitle = "C"\npitch_seconds = 40\namber_seconds = 10\n')
    assert load_event(path).visitor_pitch_seconds == 40


# --- Malformed event files ---------------------------------------------------------------------


def test_unknown_key_is_reported_on_its_line_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", '[event]\ntitle = "C"\npitch_secs = 45\n')
    problem = only_problem(path)
    assert problem.line == 3 and problem.field == "pitch_secs"
    assert "unknown key 'pitch_secs' in [event]; did you mean 'pitch_seconds'?" in str(problem)


def test_unknown_attendee_key_points_at_that_attendees_block(tmp_path: Path) -> None:
    body = '\n[[attendee]]\nname = "A"\nemail = "a@x"\n\n[[attendee]]\nname = "B"\nemial = "b@x"\n'
    problem = only_problem(event_file(tmp_path, body))
    assert problem.line == 12 and "did you mean 'email'?" in problem.message


def test_text_where_a_number_belongs_says_to_drop_the_quotes(tmp_path: Path) -> None:
    problem = only_problem(event_file(tmp_path, '\n[[attendee]]\nname = "Ann"\npitch_seconds = "sixty"\n'))
    assert problem.line == 8 and problem.field == "pitch_seconds"
    assert "without quotes" in problem.message and "Ann" in problem.message


@pytest.mark.parametrize(("setting", "value"), [("pitch_seconds", 0), ("pitch_seconds", -30), ("amber_seconds", -5)])
def test_zero_and_negative_times_are_problems(tmp_path: Path, setting: str, value: int) -> None:
    lines = {"title": '"C"', "pitch_seconds": "60", "amber_seconds": "15", setting: str(value)}
    path = write(tmp_path, "c.toml", "[event]\n" + "".join(f"{k} = {v}\n" for k, v in lines.items()))
    problems = validate(path)
    at_setting = [p for p in problems if p.field == setting]
    assert at_setting and "at least 1 second" in at_setting[0].message
    assert at_setting[0].line == list(lines).index(setting) + 2


def test_amber_must_come_before_time_is_up(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", '[event]\ntitle = "C"\npitch_seconds = 30\namber_seconds = 30\n')
    problem = only_problem(path)
    assert problem.line == 4 and "amber_seconds (30) must be less than pitch_seconds (30)" in problem.message


def test_a_shorter_visitor_pitch_than_amber_is_caught(tmp_path: Path) -> None:
    path = event_file(tmp_path, "visitor_pitch_seconds = 10\n")
    assert "less than visitor_pitch_seconds (10)" in only_problem(path).message


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        ('order = "alphabetic"\n', 5, "unknown order 'alphabetic'; did you mean 'alphabetical'?"),
        ('order = "by height"\n', 5, "use 'roster', 'alphabetical' or 'random'"),
        ('\n[[attendee]]\nname = "A"\nrole = "vistor"\n', 8, "unknown role 'vistor' for A; did you mean 'visitor'?"),
        ('currency = "£"\n', 5, "not a 3-letter code"),
        ('date = "next Thursday"\n', 5, "write it like date = 2026-11-26"),
        ("starts = 2026-11-26\n", 5, "starts = 07:00:00"),
        ('\n[[attendee]]\nname = "A"\nsphere = "estate agent"\n', 8, "sphere should be a list"),
        ('\n[[attendee]]\nname = "A"\nshare_contact = "yes"\n', 8, "share_contact = true or false"),
        ("\n[[attendee]]\nname = 42\n", 7, "should be text in double quotes"),
        ('\n[[attendee]]\nname = "A"\npitch_seconds = 10\n', 8, "must be more than amber_seconds (15)"),
        ("visitor_pitch_seconds = 45.5\n", 5, "whole number of seconds"),
        ("visitor_pitch_seconds = nan\n", 5, "is not a number of seconds"),
        ("visitor_pitch_seconds = -inf\n", 5, "is not a number of seconds"),
        ('\n[[attendee]]\nname = "A"\npitch_seconds = inf\n', 8, "is not a number of seconds"),
        ('\n[feature]\nname = "A"\nminutes = nan\n\n[[attendee]]\nname = "A"\n', 8, "use a number from 5 to 12"),
    ],
)
def test_bad_values_are_located_and_explained(tmp_path: Path, body: str, line: int, expected: str) -> None:
    problem = only_problem(event_file(tmp_path, body))
    assert problem.line == line
    assert expected in problem.message


def test_missing_and_blank_names_point_at_the_attendee(tmp_path: Path) -> None:
    body = '\n[[attendee]]\nbusiness = "Nameless Ltd"\n\n[[attendee]]\nname = "   "\n'
    problems = validate(event_file(tmp_path, body))
    assert [(p.line, p.field) for p in problems] == [(6, "name"), (10, "name")]
    assert all('add name = "First Last"' in p.message for p in problems)


def test_duplicate_names_ignore_case_and_spaces_and_name_both_lines(tmp_path: Path) -> None:
    body = '\n[[attendee]]\nname = "Olivia Grant"\n\n[[attendee]]\nname = "olivia   GRANT"\n'
    problem = only_problem(event_file(tmp_path, body))
    assert problem.line == 10
    assert "duplicate name 'olivia   GRANT' (same as 'Olivia Grant' on line 7)" in problem.message


def test_a_feature_by_someone_not_on_the_roster_suggests_the_nearest_name(tmp_path: Path) -> None:
    body = '\n[feature]\nname = "Olivia Grnat"\nminutes = 10\n\n[[attendee]]\nname = "Olivia Grant"\n'
    problem = only_problem(event_file(tmp_path, body))
    assert problem.line == 7 and "did you mean 'Olivia Grant'?" in problem.message


@pytest.mark.parametrize(
    ("feature", "expected"),
    [("minutes = 20", "from 5 to 12"), ("seconds = 120", "300 to 720"), ("minutes = 10\nseconds = 600", "keep one")],
)
def test_feature_length_must_be_five_to_twelve_minutes(tmp_path: Path, feature: str, expected: str) -> None:
    body = f'\n[feature]\nname = "A"\n{feature}\n\n[[attendee]]\nname = "A"\n'
    assert expected in only_problem(event_file(tmp_path, body)).message


def test_syntax_error_becomes_one_line_with_position_and_advice(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", "[event]\ntitle = Riverside Breakfast\n")
    problem = only_problem(path)
    assert problem.line == 2
    assert "\n" not in str(problem)
    assert str(problem).startswith(f"{path}:2: TOML syntax error at column 9")
    assert "double quotes" in problem.message


def test_a_key_given_twice_is_found_even_though_tomllib_reports_the_end(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", '[event]\ntitle = "A"\nvenue = "V"\ntitle = "B"\n')
    problem = only_problem(path)
    assert problem.line == 4 and "title is defined twice" in problem.message


def test_a_time_without_seconds_gets_a_hint(tmp_path: Path) -> None:
    problem = only_problem(event_file(tmp_path, "starts = 07:00\n"))
    assert problem.line == 5 and "07:00:00" in problem.message


@pytest.mark.parametrize("content", [b"", b"   \n\n"])
def test_an_empty_file_is_one_problem(tmp_path: Path, content: bytes) -> None:
    assert "the file is empty" in only_problem(write(tmp_path, "c.toml", content)).message


def test_binary_junk_is_refused_before_parsing(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "c.toml", b'[event]\ntitle = "x"\n\x00\x01\x02\xff'))
    assert problem.line == 3 and "binary data" in problem.message


def test_text_that_is_not_utf8_names_the_line_and_the_fix(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "c.toml", '[event]\ntitle = "Café"\n', encoding="cp1252"))
    assert problem.line == 2 and "0xE9" in problem.message and "save the file as UTF-8" in problem.message


def test_an_event_table_without_a_title(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "c.toml", '[event]\nvenue = "Somewhere"\n'))
    assert problem.line == 1 and problem.field == "title" and 'title = "' in problem.message


def test_a_file_without_an_event_table(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "c.toml", '# just a comment\n[[attendee]]\nname = "A"\n'))
    assert "no [event] table" in problem.message


def test_a_misspelt_event_table_is_one_problem_not_two(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "c.toml", '[events]\ntitle = "C"\n'))
    assert problem.line == 1 and "did you mean 'event'?" in problem.message


def test_a_setting_above_the_event_table_says_where_it_belongs(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", 'venue = "Mill"\n' + GOOD_EVENT)
    problem = only_problem(path)
    assert problem.line == 1 and "move it below the [event] line" in problem.message


def test_single_bracket_attendee_table_says_to_use_double_brackets(tmp_path: Path) -> None:
    problem = only_problem(event_file(tmp_path, '\n[attendee]\nname = "A"\n'))
    assert problem.line == 6 and "[[attendee]] with double brackets" in problem.message


def test_validate_lists_every_problem_at_once_in_line_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.toml",
        """\
[event]
pitch_secs = 60
amber_seconds = 0
order = "alphabetic"

[[attendee]]
name = "Ann Lee"
role = "guest"

[[attendee]]
name = "ann lee"
""",
    )
    problems = validate(path)
    assert [p.line for p in problems] == [1, 2, 3, 4, 8, 11]
    with pytest.raises(RosterError) as caught:
        load_event(path)
    assert caught.value.problems == problems
    assert "(and 5 more problems: run `netevent validate" in str(caught.value)
    assert all("\n" not in str(p) for p in problems)


# --- Paths that are not event files ----------------------------------------------------------------


def test_missing_file_folder_and_unknown_suffix_are_problems_not_exceptions(tmp_path: Path) -> None:
    write(tmp_path, "club.toml", GOOD_EVENT)
    sheet = write(tmp_path, "roster.xlsx", b"PK\x03\x04")
    missing, folder, unknown = validate(tmp_path / "nope.toml"), validate(tmp_path), validate(sheet)
    assert "file not found" in missing[0].message
    assert "is a folder" in folder[0].message and "club.toml" in folder[0].message
    assert "unknown file type '.xlsx'" in unknown[0].message and "CSV" in unknown[0].message
    with pytest.raises(RosterError, match="file not found"):
        load_event(tmp_path / "nope.toml")


# --- the parsed-file cache ----------------------------------------------------------------------


def test_an_event_file_with_a_problem_reports_it_every_time(tmp_path: Path) -> None:
    path = event_file(tmp_path, '[[attendee]]\nname = "Ann Lee"\nrole = "boss"\n')
    for _ in range(2):
        problem = only_problem(path)
        assert "unknown role 'boss'" in problem.message and problem.line == 7
        with pytest.raises(RosterError):
            load_event(path)
