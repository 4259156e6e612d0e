"""The command line under hostile input (issue 19): money, terminal escapes, locked and damaged stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import one_line_error

from netevent.cli import cli
from netevent.store.repository import Store


def add_closed(runner: CliRunner, store_path: Path, value: str):
    args = ["referral", "add", str(store_path), "--from", "Tom", "--to", "Olivia", "--kind", "closed"]
    return runner.invoke(cli, [*args, "--value", value])


def strict_json(text: str) -> object:
    """JSON as other programs read it: Infinity and NaN are not JSON."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON output")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    ("value", "needle"), [("1e308", "not an amount"), ("2000000001", "more than 1,000,000,000"), ("-5", "negative")]
)
def test_a_huge_or_odd_closed_value_is_refused_with_a_message(
    store_path: Path, runner: CliRunner, value: str, needle: str
) -> None:
    result = add_closed(runner, store_path, value)
    assert result.exit_code == 2 and needle in one_line_error(result)
    with Store(store_path, writer=False) as store:
        assert store.referrals() == []


def test_the_largest_values_still_tally_as_valid_json_and_a_readable_table(store_path: Path, runner: CliRunner) -> None:
    for _ in range(2):
        assert add_closed(runner, store_path, "1,000,000,000.00").exit_code == 0
    tally = runner.invoke(cli, ["tally", str(store_path), "--format", "json"])
    assert tally.exit_code == 0, tally.output
    data = strict_json(tally.stdout)
    assert data["room"]["closed_value"] == 2_000_000_000
    table = runner.invoke(cli, ["tally", str(store_path)], terminal_width=160)
    assert table.exit_code == 0 and "2,000,000,000" in table.stdout


def test_a_slip_with_a_value_beyond_the_ceiling_is_a_located_problem(
    store_path: Path, runner: CliRunner, tmp_path: Path
) -> None:
    slips = tmp_path / "slips.csv"
    slips.write_text("giver,receiver,kind,value\nTom,Olivia,closed,500\nOlivia,Tom,closed,99999999999\n")
    result = runner.invoke(cli, ["referral", "import", str(store_path), str(slips)])
    assert result.exit_code == 2
    assert f'{slips}: row 3, column "value": ' in result.stderr and "more than 1,000,000,000" in result.stderr
    with Store(store_path, writer=False) as store:
        assert store.referrals() == []


def hostile_event(tmp_path: Path, name: str = "Sarah Patel") -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(
        '[event]\ntitle = "Club \\u001b]0;pwned\\u0007 \\u001b[2J Breakfast"\n\n'
        f'[[attendee]]\nname = "{name}"\nbusiness = "Patel \\u001b[31mRed\\u001b[0m Co"\n\n'
        '[[attendee]]\nname = "Tom Whitaker"\n',
        encoding="utf-8",
    )
    return path


def test_terminal_escapes_in_an_event_file_never_reach_the_terminal(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "s.json"
    init = runner.invoke(cli, ["init", str(hostile_event(tmp_path)), "--store", str(store)])
    assert init.exit_code == 0, init.output
    assert "\x1b" not in init.output and "\x07" not in init.output
    assert "Club ]0;pwned [2J Breakfast: 2 attendees" in init.stderr
    for fmt in ("table", "md", "csv", "json"):
        tally = runner.invoke(cli, ["tally", str(store), "--format", fmt])
        assert tally.exit_code == 0 and "\x1b" not in tally.output and "\x07" not in tally.output
    with Store(store, writer=False) as opened:
        assert opened.attendees()[0].business == "Patel [31mRed[0m Co"


@pytest.mark.parametrize(
    ("typed", "needle"),
    [("Sarah\\nPatel", "line break"), ("Sarah\\tPatel", "a tab"), ("Sarah \\u001b[8m Patel", "U+001B")],
)
def test_a_name_with_a_line_break_or_control_character_is_refused_at_its_line(
    tmp_path: Path, runner: CliRunner, typed: str, needle: str
) -> None:
    path = hostile_event(tmp_path, name=typed)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:5: the name holds" in result.stderr and needle in result.stderr
    assert "\x1b" not in result.output


def test_names_typed_in_two_unicode_forms_are_one_attendee(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "nfc.toml"
    path.write_text(
        '[event]\ntitle = "Club"\n\n[[attendee]]\nname = "Zo\\u00eb Adams"\n\n[[attendee]]\nname = "Zoe\\u0308 Adams"\n'
    )
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2 and "duplicate name" in result.stderr


def test_a_right_to_left_override_is_dropped_from_names_on_the_way_in(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "s.json"
    path = hostile_event(tmp_path, name="Mallory \\u202eexe.png")
    assert runner.invoke(cli, ["init", str(path), "--store", str(store)]).exit_code == 0
    with Store(store, writer=False) as opened:
        assert [a.name for a in opened.attendees()] == ["Mallory exe.png", "Tom Whitaker"]


def edit_store(path: Path, change) -> None:
    """Edit the store file as a person would in a text editor."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def first_attendee(data: dict) -> tuple[str, dict]:
    doc_id, doc = next(iter(data["attendees"].items()))
    return doc_id, doc


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda d: first_attendee(d)[1].update(sphere=5), "sphere should be a list of text (it is 5)"),
        (lambda d: first_attendee(d)[1].pop("name"), "name is missing"),
        (lambda d: next(iter(d["event"].values())).update(date="2026-13-45"), "date should be a date like"),
        (lambda d: first_attendee(d)[1].update(share_contact="maybe"), "share_contact should be true or false"),
    ],
    ids=["sphere a number", "missing name", "bad date", "share_contact text"],
)
def test_a_hand_edited_store_with_a_wrong_type_is_exit_2_naming_the_document_and_field(
    store_path: Path, runner: CliRunner, change, needle: str
) -> None:
    edit_store(store_path, change)
    for args in (["tally", str(store_path)], ["referral", "add", str(store_path), "--from", "Tom", "--to", "Olivia"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        line = one_line_error(result)
        assert str(store_path) in line and needle in line and ("attendees document" in line or "event" in line)


def test_two_attendees_with_one_token_are_refused_and_a_deleted_token_is_reissued(
    store_path: Path, runner: CliRunner
) -> None:
    def share_token(data: dict) -> None:
        first, second = list(data["attendees"].values())[:2]
        second["token"] = first["token"]

    edit_store(store_path, share_token)
    result = runner.invoke(cli, ["tally", str(store_path)])
    assert result.exit_code == 2 and "hold the same summary token" in one_line_error(result)
    edit_store(store_path, lambda data: list(data["attendees"].values())[1].pop("token"))
    with Store(store_path) as store:  # opening for writing issues the missing token
        tokens = list(store.tokens().values())
    assert len(set(tokens)) == len(tokens) == 20


def test_concurrent_referral_add_commands_wait_their_turn_and_none_is_dropped(store_path: Path) -> None:
    """Three shell loops adding referrals side by side, as a script importing slips one by one would."""
    import subprocess
    import sys

    loop = (
        "import sys\nfrom netevent.cli import main\n"
        "for i in range(int(sys.argv[2])):\n"
        "    import subprocess\n"
        "    done = subprocess.run([sys.executable, '-c', 'from netevent.cli import main; main()', 'referral', 'add',"
        " sys.argv[1], '--from', 'Tom', '--to', 'Olivia', '--note', f'{sys.argv[3]}-{i}'])\n"
        "    if done.returncode:\n"
        "        sys.exit(done.returncode)\n"
    )
    loops = [
        subprocess.Popen([sys.executable, "-c", loop, str(store_path), "5", name], stdout=subprocess.DEVNULL)
        for name in ("a", "b", "c")
    ]
    assert [process.wait(timeout=240) for process in loops] == [0, 0, 0]
    with Store(store_path, writer=False) as store:
        notes = sorted(r.note for r in store.referrals())
    assert notes == sorted(f"{name}-{i}" for name in "abc" for i in range(5))


def test_a_writer_still_refuses_once_the_wait_is_over(
    store_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("netevent.services.meeting.LOCK_WAIT_SECONDS", 0.3)
    with Store(store_path):  # the app holding the store open
        result = runner.invoke(cli, ["referral", "add", str(store_path), "--from", "Tom", "--to", "Olivia"])
    assert result.exit_code == 2 and "is open for writing by process" in one_line_error(result)
    with Store(store_path, writer=False) as store:
        assert store.referrals() == []


def test_a_roster_with_a_cell_over_128_kb_names_the_row_instead_of_calling_the_file_empty(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = tmp_path / "big-cell.csv"
    path.write_text('Name,Ask\nAna Ruiz,homes\nBo Li,"' + "x" * 140_000 + '"\nCy Day,roofs\n')
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:3: a value here runs over 128 KB" in result.stderr and "empty" not in result.stderr


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("Tom,Olivia,referral,Jo,{note}\n", None),
        ("Tom,Olivia\n", None),
        ("Tom,Olivia,referral,Jo,call her,extra,more\n", "row 3, column 6: this row has 7 values"),
    ],
    ids=["100 KB note", "short row", "extra columns"],
)
def test_slips_with_a_long_note_or_ragged_rows_are_read_by_their_headers(
    store_path: Path, runner: CliRunner, tmp_path: Path, body: str, needle: str | None
) -> None:
    slips = tmp_path / "slips.csv"
    note = "n" * 100_000
    slips.write_text("giver,receiver,kind,contact,note\nOlivia,Tom,referral,Sam,first\n" + body.replace("{note}", note))
    result = runner.invoke(cli, ["referral", "import", str(store_path), str(slips)])
    assert "no giver or receiver column" not in result.output
    with Store(store_path, writer=False) as store:
        saved = store.referrals()
    if needle is None:
        assert result.exit_code == 0, result.output
        assert len(saved) == 2 and saved[0].note == "first"
    else:
        assert result.exit_code == 2 and needle in result.stderr and saved == []


def test_an_empty_store_file_says_it_is_empty_not_that_nobody_is_called_so(tmp_path: Path, runner: CliRunner) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("")
    for args in (["referral", "add", str(empty), "--from", "oli", "--to", "tom"], ["tally", str(empty)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        line = one_line_error(result)
        assert "the store is empty" in line and "netevent init" in line and "no attendee" not in line
