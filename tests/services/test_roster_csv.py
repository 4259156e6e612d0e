"""Roster CSVs: both layouts, every encoding and delimiter, and problems located by row and column."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from roster_fixtures import SAMPLES, only_problem, write

from netevent.event_files.load import load_event, validate

ACCENTED = ["Zoë Ångström", "José Núñez", "Siobhán Ó Briain"]


def test_generic_layout_reads_every_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "riverside-export.csv",
        "Name,Business,Profession,Email,Phone,Website,Ask,Offer,Role,Sphere,Share Contact\n"
        "Sarah Patel,Patel & Co,Conveyancer,s@p.example,+44 113 496 0001,https://p.example,"
        '"First-time buyers in Leeds, this month",Fixed fees,member,mortgage broker; estate agent|surveyor,yes\n'
        "Tom Whitaker,Whitaker Homes,Estate agent,,,,,,Visitor,,no\n",
    )
    event = load_event(path)
    sarah, tom = event.attendees
    assert event.title == "Riverside Export"
    assert (sarah.business, sarah.profession, sarah.email, sarah.phone) == (
        "Patel & Co",
        "Conveyancer",
        "s@p.example",
        "+44 113 496 0001",
    )
    assert sarah.ask == "First-time buyers in Leeds, this month" and sarah.offer == "Fixed fees"
    assert sarah.sphere == ["mortgage broker", "estate agent", "surveyor"]
    assert (sarah.role, sarah.share_contact, sarah.website) == ("member", True, "https://p.example")
    assert (tom.role, tom.share_contact, tom.attendance) == ("visitor", False, "expected")


def test_headers_match_ignoring_case_spaces_underscores_and_punctuation(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "FIRST_NAME,last name,E-mail Address,Company Name\nAnn,Lee,ann@x.example,Lee Ltd\n")
    person = load_event(path).attendees[0]
    assert (person.name, person.email, person.business) == ("Ann Lee", "ann@x.example", "Lee Ltd")


def test_booking_site_export_maps_tickets_to_roles_and_status_to_attendance(tmp_path: Path) -> None:
    header = "Order #,Order Date,First Name,Last Name,Email,Company,Job Title,Ticket Type,Attendee Status,Barcode\n"
    rows = [
        "1,2026-11-01,Ann,Lee,ann@x.example,Lee Ltd,Baker,Member breakfast,Attending,111",
        "2,2026-11-01,Bob,Hill,bob@x.example,,Roofer,Guest pass,Checked In,112",
        "3,2026-11-02,Cat,Ng,,,Plumber,Visitor,Not Attending,113",
        "4,2026-11-02,Dan,Ode,,,,Sub (stand-in for a member),Attending,114",
        "5,2026-11-03,Eve,Roe,,,,Member breakfast,Refunded,115",
        "6,2026-11-03,Fay,Poe,,,,Subscription member,Cancelled,116",
    ]
    event = load_event(write(tmp_path, "export.csv", header + "\n".join(rows) + "\n"))
    got = [(a.name, a.role, a.attendance) for a in event.attendees]
    assert got == [
        ("Ann Lee", "member", "expected"),
        ("Bob Hill", "visitor", "expected"),
        ("Cat Ng", "visitor", "absent"),
        ("Dan Ode", "substitute", "expected"),
        ("Eve Roe", "member", "absent"),
        ("Fay Poe", "member", "absent"),
    ]
    ann = event.attendees[0]
    assert (ann.business, ann.profession, ann.email) == ("Lee Ltd", "Baker", "ann@x.example")


def test_order_status_alone_marks_cancelled_orders_absent(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "First Name,Last Name,Order Status\nAnn,Lee,Placed\nBob,Hill,Cancelled\n")
    assert [a.attendance for a in load_event(path).attendees] == ["expected", "absent"]


def test_meetup_layout_with_rsvp(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "meetup.csv",
        "Name,Member ID,Title,RSVP,Guests,RSVPed on\n"
        "Priya Sharma,1001,Mortgage broker,Yes,0,2026-11-20\n"
        "Ian Crowther,1002,IT support,No,0,2026-11-21\n"
        "Amy Wood,1003,Mrs,yes,1,2026-11-21\n",
    )
    people = load_event(path).attendees
    assert [(a.name, a.profession, a.attendance) for a in people] == [
        ("Priya Sharma", "Mortgage broker", "expected"),
        ("Ian Crowther", "IT support", "absent"),
        ("Amy Wood", "", "expected"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_accented_names_survive_every_encoding_and_delimiter(tmp_path: Path, encoding: str, delimiter: str) -> None:
    lines = [delimiter.join(["Name", "Company", "Email"])]
    lines += [delimiter.join([name, f"{name} Ltd", "x@y.example"]) for name in ACCENTED]
    path = write(tmp_path, "roster.csv", "\r\n".join(lines) + "\r\n", encoding=encoding)
    event = load_event(path)
    assert [a.name for a in event.attendees] == ACCENTED
    assert [a.business for a in event.attendees] == [f"{n} Ltd" for n in ACCENTED]


def test_quoted_values_may_hold_the_delimiter_quotes_and_new_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.csv",
        'Name;Company;Ask\n"O\'Neill; Karen";"Smith ""and"" Jones";"Landlords\nin Leeds"\nBob Hill;Hill;Roofs\n',
    )
    karen, bob = load_event(path).attendees
    assert (karen.name, karen.business, karen.ask) == ("O'Neill; Karen", 'Smith "and" Jones', "Landlords\nin Leeds")
    assert bob.name == "Bob Hill"


@pytest.mark.parametrize("suffix", [".tsv", ".txt"])
def test_tab_separated_files_load_by_suffix(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path, f"club{suffix}", "Name\tBusiness\nAnn Lee\tLee Ltd\nBob Hill\tHill & Co\n")
    assert [a.business for a in load_event(path).attendees] == ["Lee Ltd", "Hill & Co"]


def test_a_title_line_above_the_header_is_skipped(tmp_path: Path) -> None:
    text = "Attendee report for Riverside\n\nFirst Name,Last Name,Email\nAnn,Lee,a@x\n,,\n,,b@x\n"
    path = write(tmp_path, "r.csv", text)
    problems = validate(path)
    assert [(p.line, p.column) for p in problems] == [(6, "First Name")]


def test_the_sample_export_has_a_bom_and_reads_like_a_booking_site(tmp_path: Path) -> None:
    path = SAMPLES / "eventbrite-export.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    event = load_event(path)
    assert event.title == "Eventbrite Export"
    assert [a.name for a in event.attendees if a.attendance == "absent"] == ["Ian Crowther"]
    assert "visitor" in {a.role for a in event.attendees}
    assert "Zoë Ångström" in {a.name for a in event.attendees}


# --- Problems ---------------------------------------------------------------------------------------


def test_no_name_column_lists_the_headers_found_and_those_accepted(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "r.csv", "Email,Company\nann@x.example,Lee Ltd\n"))
    assert problem.line == 1 and problem.field == "name"
    assert 'the headers found are "Email", "Company"' in problem.message
    assert '"First Name" and "Last Name"' in problem.message


def test_a_row_without_a_name_is_located_by_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "Email,Name\na@x.example,Ann Lee\n\nb@x.example,\n")
    problem = only_problem(path)
    assert (problem.line, problem.column) == (4, "Name")
    assert str(problem) == f'{path}: row 4, column "Name": no name on this row: fill in the name or delete the row'


def test_duplicate_names_name_both_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "First Name,Last Name\nAnn,Lee\nBob,Hill\nann , LEE\n")
    problem = only_problem(path)
    assert (problem.line, problem.column) == (4, "First Name")
    assert "duplicate name 'ann LEE' (same as 'Ann Lee' on row 2)" in problem.message


def test_unknown_role_in_a_role_column_suggests_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "name,role\nAnn,member\nBob,Memebr\nCat,guest\nDan,boss\n")
    problems = validate(path)
    assert [(p.line, p.column) for p in problems] == [(3, "role"), (5, "role")]
    assert "did you mean 'member'?" in problems[0].message
    assert "use 'member', 'visitor' or 'substitute'" in problems[1].message


def test_a_row_with_too_many_values_points_past_the_last_column(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "Name,Company,Email\nAnn Lee,Smith, Jones & Co,ann@x.example\n")
    problem = only_problem(path)
    assert (problem.line, problem.column) == (2, 4) and "double quotes" in problem.message


def test_validate_lists_all_row_problems_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "Name,Role\n,member\nAnn,member\nann,visitor\nBob,chief\n,\n,visitor\n")
    assert [p.line for p in validate(path)] == [2, 4, 5, 7]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"\r\n\r\n", "the file is empty"),
        (b"Name,Email\r\n", "header but no attendees"),
        (b"Name,Email\n\x00\x00\x10\x00junk", "binary data"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Save As"),
    ],
)
def test_empty_header_only_and_binary_files(tmp_path: Path, content: bytes, expected: str) -> None:
    assert expected in only_problem(write(tmp_path, "r.csv", content)).message


def test_random_bytes_without_nuls_are_junk(tmp_path: Path) -> None:
    noise = bytes(b for b in random.Random(7).randbytes(4000) if b)
    assert "binary junk" in only_problem(write(tmp_path, "r.csv", noise)).message


def test_load_event_raises_with_all_csv_problems(tmp_path: Path) -> None:
    from netevent.event_files.load import RosterError

    path = write(tmp_path, "r.csv", "Name\n\nAnn\nann\n")
    with pytest.raises(RosterError) as caught:
        load_event(path)
    assert str(caught.value).startswith(f'{path}: row 4, column "Name": duplicate name')
