"""A chapter of 12 weekly meetings built only through the command line, and its history checked by hand.

The plan (M1 … M12, Tuesdays from 2026-01-06, 90 minutes each):
- Attendance: Ann and Dan every week (Dan late at M3), Ben absent at M5, Cat absent at M11 and M12.
- Records: Ann → Ben a referral every week (to Dan at M5, when Ben is away); Ben → Cat an introduction at
  M2, 4, 6, 8, 10; Dan → Ann a one-to-one at M1, 4, 7, 10; Cat → Dan closed business worth 500 at M6.
- Follow-ups, each given at a later meeting: M1's Ann → Ben contacted (M2) then won 1000 (M3); M2's lost (M4);
  M3's no reply (M8); M4's won 250 (M12); M2's introduction met (M5); M1's one-to-one met (M9);
  M5's Ann → Dan won 400 (M6) and then lost (M7), so the won is not the latest word and counts nowhere.
- Goals set at M10 for M11: Ann 1 referral (she gives one: met), Ben 2 introductions (Cat is away: not met);
  Dan's goal at M12 has no next meeting yet, so it is not counted.
- Visitors: Vera, invited by Ann, at M1 and M2 (one visitor); Walt and Xena, invited by Cat, at M7.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import one_line_error

from netevent.cli import cli

FIRST = dt.date(2026, 1, 6)
ANN_ASK = "Introductions to owners of dental practices in Leith with 5 to 20 staff"
WEEK1 = f"""\
[event]
title = "Harbour Breakfast"
date = {FIRST.isoformat()}
chapter = "Harbour"
minutes = 90

[[attendee]]
name = "Ann Archer"
business = "Archer Accounts"
ask = "{ANN_ASK}"

[[attendee]]
name = "Ben Baker"
business = "Baker Bread"
ask = "anyone who needs bread"

[[attendee]]
name = "Cat Cole"
business = "Cole Coaching"

[[attendee]]
name = "Dan Dunn"
business = "Dunn Design"
"""


def visitor(name: str, host: str) -> str:
    return f'\n[[attendee]]\nname = "{name}"\nrole = "visitor"\ninvited_by = "{host}"\n'


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


class Chapter:
    """Drives the CLI the way a facilitator's script would, remembering each record's id by its meeting."""

    def __init__(self, runner: CliRunner, folder: Path) -> None:
        self.runner, self.folder = runner, folder
        self.stores: list[str] = []
        self.ids: dict[tuple[int, str], str] = {}

    def open(self, event_file: Path) -> str:
        store = ok(self.runner, "init", str(event_file)).strip().splitlines()[-1]
        self.stores.append(store)
        return store

    def add(self, week: int, giver: str, receiver: str, kind: str = "referral", *extra: str) -> None:
        out = ok(self.runner, "referral", "add", self.stores[-1], "--from", giver, "--to", receiver, "--kind", kind,
                 "--json", *extra)  # fmt: skip
        record = json.loads(out)
        assert record["meeting"] == (FIRST + dt.timedelta(weeks=week - 1)).isoformat()
        assert record["status"] == ("won" if kind == "closed" else "open") and record["source"] == "cli"
        self.ids[(week, kind)] = record["id"]

    def followup(self, week: int, kind: str, status: str, *extra: str) -> None:
        ok(self.runner, "followup", self.stores[-1], self.ids[(week, kind)], "--status", status, *extra)

    def next(self, week: int, *visitors: str) -> Path:
        target = self.folder / f"week{week + 1}.toml"
        result = self.runner.invoke(cli, ["next", self.stores[-1], "--to", str(target)])
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip() == str(target)
        with target.open("a", encoding="utf-8") as out:  # the facilitator adds the week's booked visitors
            out.writelines(visitors)
        return target


@pytest.fixture(scope="module")
def chapter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Chapter, dict]:
    folder = tmp_path_factory.mktemp("harbour")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETEVENT_DATA_DIR", str(folder / "data"))
        runner = CliRunner()
        c = Chapter(runner, folder)
        event_file = folder / "week1.toml"
        event_file.write_text(WEEK1 + visitor("Vera Vale", "Ann Archer"), encoding="utf-8")
        for week in range(1, 13):
            store = c.open(event_file)
            here = ["Ann", "Dan"] + (["Ben"] if week != 5 else []) + (["Cat"] if week < 11 else [])
            here += {1: ["Vera"], 2: ["Vera"], 7: ["Walt", "Xena"]}.get(week, [])
            if week == 3:
                here.remove("Dan")
                ok(runner, "checkin", store, "Dan", "--status", "late")
            ok(runner, "checkin", store, *here)
            away = [name for name in ("Ben", "Cat") if name not in here]
            if away:
                ok(runner, "checkin", store, *away, "--status", "absent")
            c.add(week, "Ann", "Dan" if week == 5 else "Ben")
            if week % 2 == 0 and week <= 10:
                c.add(week, "Ben", "Cat", "introduction")
            if week in (1, 4, 7, 10):
                c.add(week, "Dan", "Ann", "one-to-one")
            if week == 6:
                c.add(week, "Cat", "Dan", "closed", "--value", "500")
            followups = {
                2: [(1, "referral", "contacted")],
                3: [(1, "referral", "won", "--value", "1000")],
                4: [(2, "referral", "lost")],
                5: [(2, "introduction", "met")],
                6: [(5, "referral", "won", "--value", "400")],
                7: [(5, "referral", "lost")],
                8: [(3, "referral", "no-reply")],
                9: [(1, "one-to-one", "met")],
                12: [(4, "referral", "won", "--value", "250")],
            }
            for earlier, kind, status, *extra in followups.get(week, []):
                c.followup(earlier, kind, status, *extra)
            if week == 10:
                ok(runner, "goal", store, "Ann", "--referrals", "1")
                ok(runner, "goal", store, "Ben", "--introductions", "2")
            if week == 12:
                ok(runner, "goal", store, "Dan", "--one-to-ones", "1")
            if week < 12:
                guests = {1: [visitor("Vera Vale", "Ann Archer")],
                          6: [visitor("Walt West", "Cat Cole"), visitor("Xena Xu", "Cat Cole")]}  # fmt: skip
                event_file = c.next(week, *guests.get(week, []))
        history = json.loads(ok(runner, "history", "harbour", "--format", "json"))
        yield c, history


def members(history: dict) -> dict[str, dict]:
    return {m["name"]: m for m in history["members"]}


def test_the_meetings_are_the_chapters_twelve_in_date_order(chapter: tuple[Chapter, dict]) -> None:
    c, history = chapter
    assert history["chapter"] == "Harbour" and history["skipped"] == []
    assert [m["date"] for m in history["meetings"]] == [
        (FIRST + dt.timedelta(weeks=n)).isoformat() for n in range(12)
    ]
    assert [m["store"] for m in history["meetings"]] == c.stores
    assert [m["present"] for m in history["meetings"]] == [5, 5, 4, 4, 3, 4, 6, 4, 4, 4, 3, 3]
    assert [m["records"] for m in history["meetings"]] == [2, 2, 1, 3, 1, 3, 2, 2, 1, 3, 1, 1]
    m1, m4 = history["meetings"][0], history["meetings"][3]
    assert m1["givers"] == 2 and m1["top_giver_share"] == 0.5
    assert m4["givers"] == 3 and m4["top_giver_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert m4["by_kind"] == {"referral": 1, "introduction": 1, "one-to-one": 1, "closed": 0}
    # M3 heard M1's won, M6 made the closed record, M12 heard M4's won; M6's won of 400 was taken back at M7
    assert [m["closed_value"] for m in history["meetings"]] == [0, 0, 1000, 0, 0, 500, 0, 0, 0, 0, 0, 250]


def test_attendance_and_absence_streaks(chapter: tuple[Chapter, dict]) -> None:
    people = members(chapter[1])
    assert set(people) == {"Ann Archer", "Ben Baker", "Cat Cole", "Dan Dunn"}  # visitors are not members
    assert {n: (p["attended"], p["rostered"]) for n, p in people.items()} == {
        "Ann Archer": (12, 12), "Ben Baker": (11, 12), "Cat Cole": (10, 12), "Dan Dunn": (12, 12),
    }  # fmt: skip
    assert {n: p["absent_streak"] for n, p in people.items()} == {
        "Ann Archer": 0, "Ben Baker": 0, "Cat Cole": 2, "Dan Dunn": 0,
    }  # fmt: skip


def test_given_and_received_by_kind(chapter: tuple[Chapter, dict]) -> None:
    people = members(chapter[1])
    none = {"referral": 0, "introduction": 0, "one-to-one": 0, "closed": 0}
    assert people["Ann Archer"]["given_by_kind"] == none | {"referral": 12}
    assert people["Ben Baker"]["given_by_kind"] == none | {"introduction": 5}
    assert people["Cat Cole"]["given_by_kind"] == none | {"closed": 1}
    assert people["Dan Dunn"]["given_by_kind"] == none | {"one-to-one": 4}
    assert people["Ann Archer"]["received_by_kind"] == none | {"one-to-one": 4}
    assert people["Ben Baker"]["received_by_kind"] == none | {"referral": 11}
    assert people["Cat Cole"]["received_by_kind"] == none | {"introduction": 5}
    assert people["Dan Dunn"]["received_by_kind"] == none | {"referral": 1, "closed": 1}
    assert [(p["given"], p["received"]) for p in people.values()] == [(12, 4), (5, 11), (1, 5), (4, 2)]


def test_follow_up_outcomes_count_the_latest_word_on_what_each_received(chapter: tuple[Chapter, dict]) -> None:
    people = members(chapter[1])
    none = dict.fromkeys(("open", "contacted", "met", "won", "lost", "no-reply"), 0)
    assert people["Ben Baker"]["followups"] == none | {"open": 7, "won": 2, "lost": 1, "no-reply": 1}
    assert people["Cat Cole"]["followups"] == none | {"open": 4, "met": 1}
    assert people["Ann Archer"]["followups"] == none | {"open": 3, "met": 1}
    assert people["Dan Dunn"]["followups"] == none | {"lost": 1}  # won, then lost: the closed record is not followed


def test_won_values_are_credited_to_the_receiver_and_to_the_giver(chapter: tuple[Chapter, dict]) -> None:
    people = members(chapter[1])
    assert {n: p["closed_value"] for n, p in people.items()} == {
        "Ann Archer": 0, "Ben Baker": 1250, "Cat Cole": 0, "Dan Dunn": 500,
    }  # fmt: skip
    assert {n: p["value_given"] for n, p in people.items()} == {
        "Ann Archer": 1250, "Ben Baker": 0, "Cat Cole": 500, "Dan Dunn": 0,
    }  # fmt: skip
    assert people["Ben Baker"]["return_per_hour"] == pytest.approx(1250 / (11 * 1.5), abs=0.01)
    assert people["Dan Dunn"]["return_per_hour"] == pytest.approx(500 / 18, abs=0.01)
    assert people["Ann Archer"]["return_per_hour"] == 0


def test_visitors_goals_and_asks(chapter: tuple[Chapter, dict]) -> None:
    people = members(chapter[1])
    assert {n: p["visitors_invited"] for n, p in people.items()} == {
        "Ann Archer": 1, "Ben Baker": 0, "Cat Cole": 2, "Dan Dunn": 0,
    }  # fmt: skip
    assert {n: (p["goals_met"], p["goals_set"]) for n, p in people.items()} == {
        "Ann Archer": (1, 1), "Ben Baker": (0, 1), "Cat Cole": (0, 0), "Dan Dunn": (0, 0),
    }  # fmt: skip
    # `next` carried Ann's ask every week; Ben's "anyone who needs bread" is vague
    assert people["Ann Archer"]["asks_specific"] == 12 and people["Ben Baker"]["asks_specific"] == 0
    assert {p["light"] for p in people.values()} <= {"green", "amber", "red", "grey"}
    assert all(p["light_reason"] for p in people.values() if p["light"] != "green")


def test_last_n_shows_the_latest_meetings_only(chapter: tuple[Chapter, dict], monkeypatch) -> None:
    c, _ = chapter
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(c.folder / "data"))
    history = json.loads(ok(c.runner, "history", c.stores[-1], "--last", "2", "--format", "json"))
    assert [m["date"] for m in history["meetings"]] == ["2026-03-17", "2026-03-24"]
    cat = members(history)["Cat Cole"]
    assert (cat["attended"], cat["rostered"], cat["absent_streak"]) == (0, 2, 2)
    assert cat["return_per_hour"] is None  # attended none of the meetings shown


def test_next_carried_the_members_with_the_chapter_and_moved_the_date(chapter: tuple[Chapter, dict]) -> None:
    c, _ = chapter
    week12 = tomllib.loads((c.folder / "week12.toml").read_text(encoding="utf-8"))
    assert week12["event"]["date"] == dt.date(2026, 3, 24)
    assert week12["event"]["chapter"] == "Harbour" and week12["event"]["cadence"] == "weekly"
    assert [a["name"] for a in week12["attendee"]] == ["Ann Archer", "Ben Baker", "Cat Cole", "Dan Dunn"]
    assert week12["attendee"][0]["ask"] == ANN_ASK


def test_referral_list_open_shows_earlier_unresolved_items_first(chapter: tuple[Chapter, dict], monkeypatch) -> None:
    c, _ = chapter
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(c.folder / "data"))
    listed = ok(c.runner, "referral", "list", c.stores[-1], "--open", "--json")
    rows = [json.loads(line) for line in listed.splitlines()]
    here = [r for r in rows if r["meeting"] == "2026-03-24"]
    assert [r["id"] for r in here] == [c.ids[(12, "referral")]]
    earlier = [r for r in rows if r["meeting"] != "2026-03-24"]
    assert earlier and all(r["status"] in ("open", "contacted") for r in earlier)
    assert c.ids[(4, "referral")] not in {r["id"] for r in earlier}  # won at M12: no longer open
    # only the last 8 earlier meetings (M4 … M11) are followed up in the room
    assert min(r["meeting"] for r in earlier) >= "2026-01-27"
    assert set(rows[0]) >= {"id", "meeting", "kind", "from", "to", "contact", "note", "temperature", "value",
                            "status", "source"}  # fmt: skip


def test_a_follow_up_on_an_unknown_id_is_exit_2_with_the_candidates(chapter: tuple[Chapter, dict], monkeypatch) -> None:
    c, _ = chapter
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(c.folder / "data"))
    result = c.runner.invoke(cli, ["followup", c.stores[-1], "2026-01-06-9", "--status", "met"])
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "2026-01-06-9" in line and c.ids[(1, "referral")] in line


def test_won_needs_a_value_and_nothing_is_stored_without_one(chapter: tuple[Chapter, dict], monkeypatch) -> None:
    c, _ = chapter
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(c.folder / "data"))
    before = Path(c.stores[-1]).read_bytes()
    result = c.runner.invoke(cli, ["followup", c.stores[-1], c.ids[(10, "referral")], "--status", "won"])
    assert result.exit_code == 2 and "value" in one_line_error(result)
    result = c.runner.invoke(cli, ["followup", c.stores[-1], c.ids[(10, "referral")], "--status", "met",
                                   "--value", "10"])  # fmt: skip
    assert result.exit_code == 2 and "won" in one_line_error(result)
    assert Path(c.stores[-1]).read_bytes() == before


def test_next_never_overwrites_without_force_and_names_the_visitors(tmp_path: Path, runner: CliRunner) -> None:
    event_file = tmp_path / "week1.toml"
    event_file.write_text(WEEK1 + visitor("Vera Vale", "Ann Archer"), encoding="utf-8")
    store = ok(runner, "init", str(event_file)).strip()
    ok(runner, "checkin", store, "Vera")
    target = tmp_path / "week2.toml"
    first = runner.invoke(cli, ["next", store, "--to", str(target)])
    assert first.exit_code == 0
    assert "visitors to follow up: Vera Vale, invited by Ann Archer" in first.stderr
    target.write_text("# my edits\n", encoding="utf-8")
    again = runner.invoke(cli, ["next", store, "--to", str(target)])
    assert again.exit_code == 2 and "--force" in one_line_error(again)
    assert target.read_text(encoding="utf-8") == "# my edits\n"
    forced = runner.invoke(cli, ["next", store, "--to", str(target), "--force", "--date", "2026-01-20"])
    assert forced.exit_code == 0
    assert tomllib.loads(target.read_text(encoding="utf-8"))["event"]["date"] == dt.date(2026, 1, 20)
    ok(runner, "validate", str(target))


def test_an_unreadable_store_in_the_chapter_is_skipped_and_named(tmp_path: Path, runner: CliRunner) -> None:
    event_file = tmp_path / "week1.toml"
    event_file.write_text(WEEK1, encoding="utf-8")
    store = Path(ok(runner, "init", str(event_file)).strip())
    broken = store.parent / "harbour-breakfast-2025-12-30.json"
    broken.write_text('{"event": {"1": {"title": "Harbour Breakfast", "chapter": "Harbour"', encoding="utf-8")
    result = runner.invoke(cli, ["history", "Harbour", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    history = json.loads(result.stdout)
    assert [m["store"] for m in history["meetings"]] == [str(store)]
    assert [s["store"] for s in history["skipped"]] == [str(broken)] and history["skipped"][0]["problem"]


def test_an_unknown_chapter_lists_the_chapters(tmp_path: Path, runner: CliRunner) -> None:
    event_file = tmp_path / "week1.toml"
    event_file.write_text(WEEK1, encoding="utf-8")
    ok(runner, "init", str(event_file))
    result = runner.invoke(cli, ["history", "Harbor"])
    assert result.exit_code == 2 and "Harbour" in one_line_error(result)


def test_checkin_refuses_the_lot_on_one_unknown_name(tmp_path: Path, runner: CliRunner) -> None:
    event_file = tmp_path / "week1.toml"
    event_file.write_text(WEEK1, encoding="utf-8")
    store = ok(runner, "init", str(event_file)).strip()
    result = runner.invoke(cli, ["checkin", store, "Ann", "Zed"])
    assert result.exit_code == 2 and "Zed" in one_line_error(result)
    history = json.loads(ok(runner, "history", store, "--format", "json"))
    assert history["meetings"][0]["present"] == 0 and members(history)["Ann Archer"]["attended"] == 0


def test_history_as_html_csv_and_markdown(chapter: tuple[Chapter, dict], monkeypatch) -> None:
    c, history = chapter
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(c.folder / "data"))
    page = ok(c.runner, "history", "Harbour", "--format", "html")
    assert page.count("<svg") == 3 and "Records per meeting" in page
    assert all(f"<td>{m['name']}</td>" in page for m in history["members"])
    rows = ok(c.runner, "history", "Harbour", "--format", "csv").splitlines()
    assert rows[0].startswith("name,light,") and len(rows) == 1 + len(history["members"])
    assert "| Ben Baker |" in ok(c.runner, "history", "Harbour", "--format", "md")
    table = ok(c.runner, "history", "Harbour")
    assert "Harbour: 12 meetings" in table and "Cat Cole" in table and "2026-03-24" in table


def test_an_export_after_the_first_meeting_puts_the_history_in_the_report(
    chapter: tuple[Chapter, dict], monkeypatch, tmp_path: Path
) -> None:
    c, _ = chapter
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(c.folder / "data"))
    ok(c.runner, "export", c.stores[-1], "--to", str(tmp_path / "out"), "--format", "html")
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<section id="history">' in report and "Harbour: 12 meetings" in report


def test_names_in_the_history_page_are_escaped(tmp_path: Path, runner: CliRunner) -> None:
    event_file = tmp_path / "week1.toml"
    event_file.write_text(WEEK1.replace('"Dan Dunn"', '"Dan <b>Dunn</b>"'), encoding="utf-8")
    store = ok(runner, "init", str(event_file)).strip()
    page = ok(runner, "history", store, "--format", "html")
    assert "Dan &lt;b&gt;Dunn&lt;/b&gt;" in page and "<b>Dunn" not in page
