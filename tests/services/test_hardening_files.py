"""Hardening of what is read and written: rosters with stray quotes, money, stores and exports (issue 19)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from meetings import build_store
from roster_fixtures import SAMPLES, only_problem, write

from netevent.domain.models import Referral
from netevent.event_files.load import load_event, validate
from netevent.export import ExportError, export_all
from netevent.store.repository import Store, StoreError


def _stray_quote_roster(tmp_path: Path) -> Path:
    """The Eventbrite sample with one stray double quote opening the Company cell of spreadsheet row 4."""
    lines = (SAMPLES / "eventbrite-export.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = lines[3].split(",")
    cells[5] = '"' + cells[5]
    lines[3] = ",".join(cells)
    return write(tmp_path, "stray.csv", "\n".join(lines) + "\n")


def test_a_stray_quote_in_a_roster_is_reported_at_its_row_not_silently_dropping_attendees(tmp_path: Path) -> None:
    path = _stray_quote_roster(tmp_path)
    problem = only_problem(path)
    assert problem.line == 4 and problem.column == "Company"
    assert "never closed" in problem.message and "9 rows after it" in problem.message


def test_a_quote_closed_rows_later_names_the_row_where_it_opened(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "late.csv",
        'Name,Business,Email\nAna Ruiz,"Ruiz Ltd,ana@r.example\nBo Li,Li Co,bo@l.example\nCy Day",Day Co,c@d.example\n'
        "Di Eve,Eve Co,d@e.example\n",
    )
    problem = only_problem(path)
    assert problem.line == 2 and problem.column == "Business"
    assert "2 rows after it" in problem.message


def test_a_cell_holding_a_whole_rows_worth_of_commas_is_a_located_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "commas.csv",
        "Name,Business,Email,Phone,Ask\n"
        'Ana Ruiz,"Bo Li,Li Co,bo@l.example,0113,Cy Day",a@r.example,0114,Leeds\n'
        "Di Eve,Eve Co,d@e.example,0115,Homes\n",
    )
    problem = only_problem(path)
    assert problem.line == 2 and problem.column == "Business" and "delimiters" in problem.message


def test_a_roster_with_proper_quoting_still_loads_every_attendee(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.csv", 'Name,Ask\n"Patel, Sarah","Buyers in Leeds, ""first"" homes"\nTom Lowe,\n')
    assert validate(path) == []
    assert [p.name for p in load_event(path).attendees] == ["Patel, Sarah", "Tom Lowe"]


def test_a_full_disk_during_an_export_keeps_the_previous_export_and_says_what_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with build_store(tmp_path / "store.json") as store:
        export_all(store, out)
        before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
        store.add_referral(Referral("Sarah Patel", "José García", contact="Newly Added Contact"))
        real_write, calls = os.write, []

        def fill_up(fd: int, data: bytes) -> int:
            calls.append(fd)
            if len(calls) > 2:  # two files go through, then the disk is full
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_write(fd, data)

        monkeypatch.setattr("netevent.store.atomic.os.write", fill_up)
        with pytest.raises(ExportError) as failed:
            export_all(store, out)
    message = failed.value.message
    assert "referrals.csv" in message and "No space left on device" in message
    assert "not written" in message and "earlier copies are unchanged" in message
    assert (out / "referrals.csv").read_bytes() == before[out / "referrals.csv"]
    assert "Newly Added Contact" not in (out / "referrals.csv").read_text(encoding="utf-8-sig")
    assert {p for p in out.rglob("*") if p.is_file()} == set(before)  # no half-written temp files left


def test_a_read_only_store_is_refused_for_writing_and_left_unchanged(sample_store: Store) -> None:
    path = sample_store.path
    sample_store.close()
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(StoreError) as refused:
        Store(path)
    assert "read-only (mode 0444)" in refused.value.message and "chmod u+w" in refused.value.message
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    with Store(path, writer=False) as reader:  # reading it is still fine
        assert len(reader.attendees()) == 20


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_every_save_keeps_the_store_files_permissions(sample_store: Store, mode: int) -> None:
    sample_store.path.chmod(mode)
    sample_store.add_referral(Referral("Sarah Patel", "Tom Whitaker"))
    sample_store.set_state("screen", "tally")
    assert stat.S_IMODE(sample_store.path.stat().st_mode) == mode


def test_exported_contact_cards_carry_no_script_or_data_links(tmp_path: Path) -> None:
    with build_store(tmp_path / "store.json") as store:
        people = store.attendees()
        store.update_attendee(people[0].name, website="javascript:alert(document.cookie)", share_contact=True)
        store.update_attendee(people[1].name, website="www.garcia.example", share_contact=True)
        export_all(store, tmp_path / "out", {"vcf"})
    cards = (tmp_path / "out" / "contacts.vcf").read_text(encoding="utf-8")
    assert "javascript" not in cards.lower()
    assert "URL:https://www.garcia.example" in cards


def test_a_roster_name_holding_an_escape_sequence_is_refused_at_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, "esc.csv", "Name,Business\nAna Ruiz,Ruiz Ltd\nBo \x1b]0;x\x07Li,Li Co\n")
    problem = only_problem(path)
    assert problem.line == 3 and problem.column == "Name" and "U+001B" in problem.message
    assert "\x1b" not in str(problem)


def test_a_walk_in_name_with_a_line_break_is_refused_and_nothing_is_added(sample_store: Store) -> None:
    from netevent.services.meeting import InputError, add_walk_in

    with pytest.raises(InputError) as refused:
        add_walk_in(sample_store, "Dan\nEvil")
    assert refused.value.field == "name" and "line break" in refused.value.message
    assert len(sample_store.attendees()) == 20
    added = add_walk_in(sample_store, "Zoe\u0308 \u202eWalker")
    assert added.name == "Zoë Walker"


@pytest.mark.parametrize("depth", [33, 800, 5000])
def test_deeply_nested_toml_is_a_located_problem_not_a_crash(tmp_path: Path, depth: int) -> None:
    body = f'[event]\ntitle = "Club"\n\n[[attendee]]\nname = "Ana"\nsphere = {"[" * depth}"x"{"]" * depth}\n'
    problem = only_problem(write(tmp_path, "deep.toml", body))
    assert problem.line == 6 and "nest more than 32 levels" in problem.message


def test_brackets_inside_strings_and_comments_are_not_nesting(tmp_path: Path) -> None:
    deep = "[" * 50
    body = f'[event]\ntitle = "Club {deep}"  # {deep}\nvenue = \'{deep}\'\n\n[[attendee]]\nname = "Ana"\n'
    assert validate(write(tmp_path, "ok.toml", body)) == []


def test_a_device_is_refused_at_once_instead_of_read_forever(tmp_path: Path) -> None:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    problem = only_problem(link)
    assert "not a regular file" in problem.message


def test_a_pipe_is_refused_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in only_problem(fifo).message


def test_a_file_over_the_size_cap_is_refused_with_the_cap_named(tmp_path: Path) -> None:
    from netevent.event_files.load import MAX_INPUT_BYTES

    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b"Name,Ask\n")
        handle.write(b"Ana Ruiz,homes\n" * (MAX_INPUT_BYTES // 15 + 10))
    problem = only_problem(path)
    assert "over 5 MB" in problem.message and "right file" in problem.message


def test_a_writer_waits_for_another_writer_to_finish_instead_of_refusing(sample_store: Store) -> None:
    import threading

    path = sample_store.path
    release = threading.Timer(0.3, sample_store.close)  # the other writer finishes its write in 0.3 s
    release.start()
    try:
        with Store(path, lock_wait=10) as second:
            second.add_referral(Referral("Sarah Patel", "Tom Whitaker", note="after the wait"))
    finally:
        release.join()
    with Store(path, writer=False) as reader:
        assert [r.note for r in reader.referrals()] == ["after the wait"]


def test_without_a_wait_a_held_store_is_refused_at_once(sample_store: Store) -> None:
    from netevent.store.repository import StoreLocked

    with pytest.raises(StoreLocked, match="is open for writing"):
        Store(sample_store.path)
