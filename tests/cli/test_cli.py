"""The command line through click's runner: exit codes, one-line errors, name matching, tally formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_EVENT, one_line_error

from netevent.cli import cli
from netevent.store.repository import Store


def test_init_prints_the_store_path_and_creates_it(store_path: Path, runner: CliRunner) -> None:
    with Store(store_path, writer=False) as store:
        assert len(store.attendees()) == 20
        assert store.event().title == "Riverside Breakfast Club"


def test_init_uses_the_default_data_dir(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["init", str(SAMPLE_EVENT)])
    assert result.exit_code == 0
    path = Path(result.stdout.strip())
    assert path.exists() and path.name == "riverside-breakfast-club-2026-11-26.json"
    # An event file whose default store exists is accepted as STORE.
    tally = runner.invoke(cli, ["tally", str(SAMPLE_EVENT), "--format", "json"])
    assert tally.exit_code == 0, tally.output
    assert len(json.loads(tally.stdout)["attendees"]) == 20


def test_referral_add_by_prefix_and_tally_json(store_path: Path, runner: CliRunner) -> None:
    added = runner.invoke(cli, ["referral", "add", str(store_path), "--from", "olivia", "--to", "tom w",
                                "--contact", "Jo Blake", "--temperature", "4"])  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Olivia Grant → Tom Whitaker" in added.stdout
    closed = runner.invoke(cli, ["referral", "add", str(store_path), "--from", "Tom", "--to", "Olivia",
                                 "--kind", "closed", "--value", "£1,250"])  # fmt: skip
    assert closed.exit_code == 0, closed.output
    data = json.loads(runner.invoke(cli, ["tally", str(store_path), "--format", "json"]).stdout)
    rows = {r["name"]: r for r in data["attendees"]}
    assert rows["Olivia Grant"]["given"] == 1 and rows["Olivia Grant"]["closed_value"] == 1250.0
    assert rows["Tom Whitaker"]["received_by_kind"]["referral"] == 1
    assert data["room"]["reciprocal_pairs"] == [["Olivia Grant", "Tom Whitaker"]]
    assert data["room"]["by_kind"]["closed"] == 1
    assert {"records", "by_kind", "givers", "top_giver_share", "reciprocal_pairs", "received_none"} <= set(data["room"])
    assert rows["Chloe Barnes"]["ask_verdict"] == "vague"


def test_ambiguous_name_lists_candidates(store_path: Path, runner: CliRunner) -> None:
    with Store(store_path) as store:
        names = [p.name for p in store.attendees()]
    shared = "s"  # several attendees' names start with S (Sarah, Stuart, Siobhán …)
    assert sum(1 for n in names if n.lower().startswith(shared)) > 1
    result = runner.invoke(cli, ["referral", "add", str(store_path), "--from", shared, "--to", "olivia"])
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "matches several attendees" in line and "Sarah Patel" in line and "Stuart Reid" in line


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "olivia", "--to", "olivia"], "cannot refer to themselves"),
        (["--from", "Nobody Known", "--to", "olivia"], "no attendee called"),
        (["--from", "olivia", "--to", "tom w", "--temperature", "9"], "temperature"),
        (["--from", "olivia", "--to", "tom w", "--kind", "closed"], "needs the value"),
        (["--from", "olivia", "--to", "tom w", "--kind", "gift"], "unknown kind"),
    ],
)
def test_bad_referrals_are_one_line_errors_and_nothing_is_stored(
    store_path: Path, runner: CliRunner, args: list[str], needle: str
) -> None:
    result = runner.invoke(cli, ["referral", "add", str(store_path), *args])
    assert result.exit_code == 2
    assert needle in one_line_error(result)
    with Store(store_path, writer=False) as store:
        assert store.referrals() == []


def test_validate_lists_every_problem_and_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[event]\ntitle = "X"\npitch_secs = 60\n\n[[attendee]]\nname = "A"\n\n[[attendee]]\nname = "a"\n')
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "bad.toml:3:" in result.stderr and "pitch_seconds" in result.stderr
    assert "duplicate" in result.stderr.lower()
    ok = runner.invoke(cli, ["validate", str(SAMPLE_EVENT)])
    assert ok.exit_code == 0 and "OK" in ok.stdout


def test_validate_says_how_many_attendees_members_and_visitors(runner: CliRunner) -> None:
    """Issue 15 item 19: validate printed only "OK"."""
    from netevent.event_files.load import load_event

    people = load_event(SAMPLE_EVENT).attendees
    members = sum(p.role == "member" for p in people)
    visitors = sum(p.role == "visitor" for p in people)
    ok = runner.invoke(cli, ["validate", str(SAMPLE_EVENT)])
    assert f"OK — {len(people)} attendees: {members} members, {visitors} visitors, 1 substitute" in ok.stdout


def test_check_ask_reviews_each_argument_as_its_own_ask(runner: CliRunner) -> None:
    """Issue 15 item 17: `check-ask "A" "B" "C"` reviewed one joined ask."""
    asks = ["I want paying clients", "Office managers at Leeds law firms with 20-50 staff moving offices this spring",
            "Anyone"]  # fmt: skip
    result = runner.invoke(cli, ["check-ask", "--json", *asks])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == asks
    assert [r["verdict"] for r in rows] == ["vague", "specific", "vague"]


def test_missing_files_and_usage_errors_are_one_line(tmp_path: Path, runner: CliRunner) -> None:
    missing = runner.invoke(cli, ["tally", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "no such store" in one_line_error(missing)
    usage = runner.invoke(cli, ["referral", "add"])
    assert usage.exit_code == 2 and "Missing argument" in one_line_error(usage)
    bad_event = runner.invoke(cli, ["init", str(tmp_path / "nope.toml")])
    assert bad_event.exit_code == 2 and "file not found" in one_line_error(bad_event)


def test_second_writer_is_refused_naming_the_holder(store_path: Path, runner: CliRunner) -> None:
    with Store(store_path):
        result = runner.invoke(cli, ["referral", "add", str(store_path), "--from", "olivia", "--to", "tom w"])
    assert result.exit_code == 2
    assert "open for writing by process" in one_line_error(result)


def test_tally_formats(store_path: Path, runner: CliRunner) -> None:
    runner.invoke(cli, ["referral", "add", str(store_path), "--from", "olivia", "--to", "ian"])
    table = runner.invoke(cli, ["tally", str(store_path)])
    assert table.exit_code == 0 and "Olivia Grant" in table.stdout and "1 record — 1 referral" in table.stdout
    csv_out = runner.invoke(cli, ["tally", str(store_path), "--format", "csv"]).stdout.splitlines()
    assert csv_out[0].startswith("name,given,received") and csv_out[1].startswith("Olivia Grant,1,0")
    md = runner.invoke(cli, ["tally", str(store_path), "--format", "md"]).stdout
    assert "| Olivia Grant | 1 | 0 |" in md
    bad = runner.invoke(cli, ["tally", str(store_path), "--format", "xml"])
    assert bad.exit_code == 2


def test_check_ask_json_and_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check-ask", "--json"], input="I want paying clients\n\nOffice managers at Leeds "
                           "law firms with 20-50 staff who are moving offices this spring\n")  # fmt: skip
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in rows] == ["vague", "specific"]
    assert all({"code", "message", "suggestion"} <= set(f) for r in rows for f in r["findings"])
    text = runner.invoke(cli, ["check-ask", "I want paying clients"])
    assert text.exit_code == 0 and "VAGUE" in text.stdout


def test_referral_import_all_or_nothing(store_path: Path, tmp_path: Path, runner: CliRunner) -> None:
    slips = tmp_path / "slips.csv"
    slips.write_text("giver,receiver,kind,contact,note,temperature,value\n"
                     "olivia,tom w,referral,Jo Blake,\"Needs a valuation, soon\",4,\n"
                     "olivia,olivia,referral,,,3,\n"
                     "sarah,priya,closed,,,5,\n", encoding="utf-8")  # fmt: skip
    bad = runner.invoke(cli, ["referral", "import", str(store_path), str(slips)])
    assert bad.exit_code == 2
    assert "slips.csv: row 3" in bad.stderr and "slips.csv: row 4" in bad.stderr
    with Store(store_path, writer=False) as store:
        assert store.referrals() == []
    slips.write_text("From;To;Kind;Value\nolivia;tom w;referral;\nsarah;priya;closed;900\n", encoding="cp1252")
    good = runner.invoke(cli, ["referral", "import", str(store_path), str(slips)])
    assert good.exit_code == 0, good.output
    with Store(store_path, writer=False) as store:
        assert [(r.giver, r.receiver, r.value) for r in store.referrals()] == [
            ("Olivia Grant", "Tom Whitaker", None),
            ("Sarah Patel", "Priya Sharma", 900.0),
        ]


def test_importing_the_same_slips_twice_does_not_double_closed_business(
    store_path: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """Issue 15 item 5: a second import of one file took closed business from £2,700 to £3,400."""
    slips = tmp_path / "slips.csv"
    slips.write_text("giver,receiver,kind,value\nsarah,priya,closed,900\nolivia,tom w,closed,1800\n", encoding="utf-8")
    first = runner.invoke(cli, ["referral", "import", str(store_path), str(slips)])
    assert first.exit_code == 0 and "imported 2 records" in first.stdout
    again = runner.invoke(cli, ["referral", "import", str(store_path), str(slips)])
    assert again.exit_code == 0
    assert "imported 0 records" in again.stdout and "skipped 2 rows already in the store" in again.stdout
    tally = json.loads(runner.invoke(cli, ["tally", str(store_path), "--format", "json"]).stdout)
    assert tally["room"]["closed_value"] == 2700
    slips.write_text("giver,receiver,kind,value\nsarah,priya,closed,900\nhelen,tom w,closed,500\n", encoding="utf-8")
    more = runner.invoke(cli, ["referral", "import", str(store_path), str(slips)])
    assert "imported 1 record " in more.stdout and "skipped 1 row already" in more.stdout
    with Store(store_path, writer=False) as store:
        assert sorted(r.value or 0 for r in store.referrals()) == [500, 900, 1800]


def test_each_record_says_where_it_was_entered(store_path: Path, tmp_path: Path, runner: CliRunner) -> None:
    """The desk must tell a phone's or an import's record from its own; the CLI and slips say theirs."""
    assert runner.invoke(cli, ["referral", "add", str(store_path), "--from", "olivia", "--to", "sarah"]).exit_code == 0
    slips = tmp_path / "slips.csv"
    slips.write_text("giver,receiver,kind\nsarah,priya,referral\n", encoding="utf-8")
    assert runner.invoke(cli, ["referral", "import", str(store_path), str(slips)]).exit_code == 0
    with Store(store_path, writer=False) as store:
        assert [(r.giver, r.source) for r in store.referrals()] == [("Olivia Grant", "cli"), ("Sarah Patel", "import")]


def test_serve_on_a_taken_explicit_port_exits_2_instead_of_moving(store_path: Path, runner: CliRunner) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = runner.invoke(cli, ["serve", str(store_path), "--host", "127.0.0.1", "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port}" in one_line_error(result) and "already in use" in one_line_error(result)


def test_room_url_prints_the_room_display_address(store_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["room-url", str(store_path), "--host", "192.168.1.20", "--port", "9000"])
    assert result.exit_code == 0, result.output
    with Store(store_path, writer=False) as store:
        token = store.room_token()
        assert token not in store.tokens().values()
    assert result.stdout.strip() == f"http://192.168.1.20:9000/room/{token}"
    again = runner.invoke(cli, ["room-url", str(store_path), "--host", "192.168.1.20", "--port", "9000"])
    assert again.stdout == result.stdout  # the same token every time: the projector's bookmark keeps working


def test_room_url_of_a_missing_store_is_one_line(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["room-url", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "no such store" in one_line_error(result)


def test_room_url_gives_an_older_store_its_room_token(store_path: Path, runner: CliRunner) -> None:
    from netevent.store.repository import ROOM_TOKEN_KEY

    with Store(store_path) as store:
        store.set_state(ROOM_TOKEN_KEY, None)  # as a store made before the room display holds it
    result = runner.invoke(cli, ["room-url", str(store_path), "--host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    with Store(store_path, writer=False) as store:
        assert result.stdout.strip() == f"http://127.0.0.1:8765/room/{store.room_token()}"
