"""The durable store: round trips, schema versions, reloading a changed event, tokens, the writer lock."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from netevent.domain.models import Attendee, Event, Feature, Kind, Pitch, Referral
from netevent.store.atomic import StoreError, StoreLocked
from netevent.store.lock import WriterLock
from netevent.store.naming import default_store_path
from netevent.store.repository import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[2]
WRITER = ROOT / "tests" / "store_writer.py"


def _event(*people: Attendee) -> Event:
    return Event(
        title="Café Club Leeds",
        date=dt.date(2026, 11, 26),
        starts=dt.time(7, 0),
        venue="The Mill Café",
        pitch_seconds=45,
        visitor_pitch_seconds=30,
        amber_seconds=10,
        order="alphabetical",
        currency="EUR",
        feature=Feature(name="Zoë Åberg", seconds=480),
        attendees=list(people),
    )


ZOE = Attendee(
    name="Zoë Åberg",
    business="Åberg Ålder Søk",
    profession="Estate agent",
    email="zoe@example.com",
    ask="Sellers of three-bed semis in Headingley",
    sphere=["mortgage broker", "conveyancer"],
    share_contact=False,
    pitch_seconds=90,
)
SARAH = Attendee(name="Sarah Patel", business="Patel & Co", profession="Conveyancer", role="visitor")
CHLOE = Attendee(name="Chloé Lefèvre", business="Lefèvre Photo", profession="Photographer")


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "event.json") as opened:
        opened.load_event(_event(ZOE, SARAH, CHLOE))
        yield opened


def _all_referral_kinds() -> list[Referral]:
    return [
        Referral("Zoë Åberg", "Sarah Patel", Kind.REFERRAL.value, contact="Jo Brown, 07700 900123", temperature=5),
        Referral("Sarah Patel", "Chloé Lefèvre", Kind.INTRODUCTION.value, note="met at the expo", temperature=2),
        Referral("Chloé Lefèvre", "Zoë Åberg", Kind.ONE_TO_ONE.value, note="Tue 9am", temperature=3),
        Referral("Sarah Patel", "Zoë Åberg", Kind.CLOSED.value, value=1250.5, currency="EUR", temperature=4),
    ]


# -- round trip and schema -------------------------------------------------------------------------


def test_everything_recorded_comes_back_after_close_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    with Store(path) as store:
        store.load_event(_event(ZOE, SARAH, CHLOE))
        store.update_attendee("zoë åberg", attendance="late", checked_in_at="2026-11-26T07:12:00+00:00")
        given = [store.add_referral(r) for r in _all_referral_kinds()]
        pitch = store.add_pitch(Pitch("Sarah Patel", 30, actual_seconds=34.2, overtime_seconds=4.2, pauses=[[5, 9.5]]))
        store.set_state("queue", {"position": 2, "order": ["Sarah Patel", "Zoë Åberg"]})
        tokens = store.tokens()

    with Store(path, writer=False) as again:
        assert again.event().settings_dict() == _event().settings_dict()
        zoe = again.attendee("Zoë Åberg")
        assert (zoe.business, zoe.sphere, zoe.share_contact, zoe.pitch_seconds) == (
            "Åberg Ålder Søk",
            ["mortgage broker", "conveyancer"],
            False,
            90,
        )
        assert zoe.attendance == "late"
        assert [a.name for a in again.attendees()] == ["Zoë Åberg", "Sarah Patel", "Chloé Lefèvre"]
        assert again.referrals() == given
        closed = next(r for r in again.referrals() if r.kind == "closed")
        assert (closed.value, closed.currency) == (1250.5, "EUR")
        assert again.pitches() == [pitch]
        assert again.get_state("queue") == {"position": 2, "order": ["Sarah Patel", "Zoë Åberg"]}
        assert again.get_state("missing", "default") == "default"
        assert again.tokens() == tokens


def test_every_document_on_disk_carries_the_schema_version(store: Store) -> None:
    store.add_referrals(_all_referral_kinds())
    store.add_pitch(Pitch("Sarah Patel", 60))
    store.set_state("screen", "pitch")
    store.update_attendee("Sarah Patel", attendance="present")
    data = json.loads(store.path.read_text(encoding="utf-8"))
    docs = [doc for table in data.values() for doc in table.values()]
    assert len(docs) == 1 + 3 + 4 + 1 + 1 + 1  # the last: the room display's token, made with the store
    assert all(doc["schema"] == SCHEMA_VERSION == 1 for doc in docs)
    assert "Zoë Åberg" in store.path.read_text(encoding="utf-8")  # readable, not \\u-escaped


def test_a_store_from_a_newer_netevent_is_refused_in_one_line(store: Store) -> None:
    store.add_referral(_all_referral_kinds()[0])
    store.close()
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["referrals"]["1"]["schema"] = SCHEMA_VERSION + 1  # not the first document: every one is checked
    store.path.write_text(json.dumps(data), encoding="utf-8")
    for writer in (True, False):
        with pytest.raises(StoreError) as caught:
            Store(store.path, writer=writer)
        message = str(caught.value)
        assert "\n" not in message and "newer netevent" in message and "upgrade" in message
    assert json.loads(store.path.read_text(encoding="utf-8")) == data  # refused without touching it
    data["referrals"]["1"]["schema"] = SCHEMA_VERSION
    store.path.write_text(json.dumps(data), encoding="utf-8")
    Store(store.path).close()  # the refused writer released its lock


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: text[:-1],
        lambda text: "\x00\xff garbage",
        lambda text: "[1, 2, 3]",
        lambda text: '{"referrals": {"1": "not a document"}}',
    ],
)
def test_a_damaged_store_is_a_one_line_error_not_a_traceback(store: Store, damage) -> None:
    store.add_referrals(_all_referral_kinds())
    store.close()
    text = store.path.read_text(encoding="utf-8")
    store.path.write_bytes(damage(text).encode("utf-8", "surrogateescape"))
    with pytest.raises(StoreError) as caught:
        Store(store.path)
    assert str(caught.value).startswith(str(store.path)) and "\n" not in str(caught.value)
    with pytest.raises(StoreError):
        Store(store.path, writer=False)


def test_default_store_path_lives_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    path = default_store_path(_event())
    assert path == tmp_path / "cafe-club-leeds-2026-11-26.json"
    with Store(path) as store:
        store.load_event(_event(ZOE))
    assert path.exists()


def test_reading_a_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="netevent init"):
        Store(tmp_path / "nope.json", writer=False)


# -- loading a changed event -------------------------------------------------------------------------


def test_reloading_a_changed_event_keeps_everything_recorded(store: Store) -> None:
    store.update_attendee("Sarah Patel", attendance="present", checked_in_at="2026-11-26T07:01:00+00:00")
    store.update_attendee("Zoë Åberg", ask="Reworded live: first-time sellers in Headingley")
    store.add_referral(Referral("Chloé Lefèvre", "Sarah Patel"))  # Chloé has given: she must stay
    walk_in = store.add_attendee(Attendee(name="Walk In", business="Visitor Ltd"))
    tokens = store.tokens()

    renamed_business = Attendee(**{**SARAH.to_dict(), "business": "Patel Conveyancing LLP"})
    newcomer = Attendee(name="Tomasz Nowak", profession="Plumber")
    counts = store.load_event(_event(newcomer, renamed_business))  # Zoë and Chloé dropped from the file

    by_name = {a.name: a for a in store.attendees()}
    assert by_name["Sarah Patel"].business == "Patel Conveyancing LLP"
    assert by_name["Sarah Patel"].attendance == "present"
    assert "Tomasz Nowak" in by_name
    assert "Chloé Lefèvre" in by_name  # referenced by a record
    assert "Zoë Åberg" not in by_name  # nothing refers to her and she never checked in
    assert walk_in.name in by_name  # added in the app
    assert [a.name for a in store.attendees()][:2] == ["Tomasz Nowak", "Sarah Patel"]  # the file's order first
    assert counts == {"added": 1, "updated": 1, "removed": 1, "kept": 2}
    for name in ("Sarah Patel", "Chloé Lefèvre", "Walk In"):
        assert store.token_for(name) == tokens[name]
    assert len(store.referrals()) == 1

    # The file unchanged for Zoë's ask keeps the live edit; a change in the file wins.
    store.load_event(_event(ZOE, SARAH))
    assert store.attendee("Zoë Åberg").ask == ZOE.ask  # she was re-added fresh
    store.update_attendee("Zoë Åberg", ask="Reworded live")
    store.load_event(_event(ZOE, SARAH))
    assert store.attendee("Zoë Åberg").ask == "Reworded live"
    store.load_event(_event(Attendee(**{**ZOE.to_dict(), "ask": "New in the file"}), SARAH))
    assert store.attendee("Zoë Åberg").ask == "New in the file"


def test_reopening_with_the_same_event_file_leaves_the_store_file_alone(tmp_path: Path) -> None:
    """Every `netevent run` re-applies the event file; when nothing changed, the store is not rewritten."""
    path = tmp_path / "event.json"
    with Store(path) as first:
        first.load_event(_event(ZOE, SARAH, CHLOE))
        first.add_referral(Referral("Zoë Åberg", "Sarah Patel"))
    before = os.stat(path)
    with Store(path) as again:
        again.load_event(_event(ZOE, SARAH, CHLOE))
        assert os.stat(path).st_ino == before.st_ino  # not replaced: no new file was renamed over it
        again.load_event(_event(ZOE, SARAH))  # Chloé dropped from the file: that is a change
        assert os.stat(path).st_ino != before.st_ino
        again.set_state("screen", "tally")
    with Store(path) as reread:
        assert [a.name for a in reread.attendees()] == ["Zoë Åberg", "Sarah Patel"]
        assert reread.get_state("screen") == "tally" and len(reread.referrals()) == 1


def test_a_checked_in_attendee_dropped_from_the_file_is_kept(store: Store) -> None:
    store.update_attendee("Chloé Lefèvre", attendance="absent", checked_in_at="2026-11-26T07:00:00+00:00")
    counts = store.load_event(_event(ZOE, SARAH))
    assert store.attendee("Chloé Lefèvre").attendance == "absent"
    assert counts["kept"] == 1 and counts["removed"] == 0


def test_renaming_an_attendee_carries_their_records(store: Store) -> None:
    store.add_referrals(_all_referral_kinds())
    store.add_pitch(Pitch("Sarah Patel", 60))
    store.update_attendee("sarah patel", name="Sarah Patel-Jones")
    assert all(name != "Sarah Patel" for r in store.referrals() for name in (r.giver, r.receiver))
    assert sum("Sarah Patel-Jones" in (r.giver, r.receiver) for r in store.referrals()) == 3
    assert store.pitches()[0].speaker == "Sarah Patel-Jones"
    with pytest.raises(StoreError, match="already on the roster"):
        store.update_attendee("Zoë Åberg", name="SARAH patel-jones")


def test_a_failed_group_of_changes_leaves_the_disk_untouched(store: Store) -> None:
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.batch():
        store.add_referral(_all_referral_kinds()[0])
        store.update_attendee("Sarah Patel", attendance="present")
        raise RuntimeError("power cut")
    assert store.path.read_bytes() == before
    assert store.referrals() == [] and store.attendee("Sarah Patel").attendance == "expected"
    assert store.add_referral(_all_referral_kinds()[0]).id == 1  # ids carry on from what is stored


def test_referral_edits_and_deletes(store: Store) -> None:
    first, second = store.add_referrals(_all_referral_kinds()[:2])
    edited = Referral(**{**first.to_dict(), "note": "call Monday", "created_at": ""}, id=first.id)
    assert store.update_referral(edited).created_at == first.created_at != ""
    assert store.delete_referral(second.id).note == second.note
    with Store(store.path, writer=False) as reader:
        assert [(r.id, r.note) for r in reader.referrals()] == [(first.id, "call Monday")]
    with pytest.raises(StoreError, match="no referral"):
        store.delete_referral(second.id)


def test_the_file_always_matches_memory_through_random_changes(store: Store) -> None:
    """Writes re-encode only changed documents; after each change the file must equal the whole data."""
    rng = random.Random(5)
    names = ["Zoë Åberg", "Sarah Patel", "Chloé Lefèvre"]
    for step in range(120):
        live = store.referrals()
        roll = rng.random()
        if live and roll < 0.2:
            store.delete_referral(rng.choice(live).id)
        elif live and roll < 0.4:
            target = rng.choice(live)
            target.temperature = rng.randint(1, 5)
            store.update_referral(target)
        elif roll < 0.5:
            store.update_attendee(rng.choice(names), sphere=[f"trade {step}"], attendance="present")
        elif roll < 0.55:
            store.set_state("queue", {"position": step, "done": list(range(step % 7))})
        else:
            giver, receiver = rng.sample(names, 2)
            store.add_referral(Referral(giver, receiver, note=f"step {step} ✓"))
        assert json.loads(store.path.read_text(encoding="utf-8")) == store.storage.read()


# -- tokens ----------------------------------------------------------------------------------------------


def test_tokens_are_unique_long_and_reissuable(store: Store) -> None:
    tokens = store.tokens()
    assert len(set(tokens.values())) == 3
    assert all(len(t) == 22 for t in tokens.values())  # token_urlsafe(16): 128 bits
    assert store.attendee_by_token(tokens["Sarah Patel"]).name == "Sarah Patel"
    old = tokens["Sarah Patel"]
    new = store.reissue_token("Sarah Patel")
    assert new != old and len(new) == 22
    assert store.attendee_by_token(old) is None
    assert store.attendee_by_token(new).name == "Sarah Patel"
    assert store.attendee_by_token("ünïcode-token") is None  # a hostile URL is a miss, not a crash
    assert store.attendee_by_token("") is None


# -- the writer lock ------------------------------------------------------------------------------------


def test_a_reader_opens_while_the_writer_holds_the_lock_and_cannot_write(store: Store) -> None:
    with Store(store.path, writer=False) as reader:
        assert reader.attendees()[0].name == "Zoë Åberg"
        store.add_referral(_all_referral_kinds()[0])  # the writer carries on...
        assert len(reader.referrals()) == 1  # ...and the reader sees it
        with pytest.raises(StoreError, match="read-only"):
            reader.add_referral(_all_referral_kinds()[1])
        with pytest.raises(StoreError, match="read-only"):
            reader.db.table("referrals").insert({"giver": "x"})
        assert len(reader.referrals()) == 1  # the refused change left no trace in memory either
    assert len(store.referrals()) == 1


def test_a_second_writer_in_the_same_process_is_refused_naming_the_holder(store: Store) -> None:
    with pytest.raises(StoreLocked) as caught:
        Store(store.path)
    assert f"process {os.getpid()}" in str(caught.value) and "\n" not in str(caught.value)
    store.add_referral(_all_referral_kinds()[0])  # the holder is unaffected


def test_a_second_writer_process_is_refused_naming_the_holder(store: Store) -> None:
    probe = (
        "import sys; sys.path.insert(0, sys.argv[2])\n"
        "from netevent.store.repository import Store, StoreLocked\n"
        "try:\n    Store(sys.argv[1])\nexcept StoreLocked as exc:\n    print(exc); sys.exit(3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(store.path), str(ROOT)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 3, result.stderr
    assert f"process {os.getpid()}" in result.stdout


def _hold_in_subprocess(path: Path) -> tuple[subprocess.Popen[str], int]:
    holder = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), "hold"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    line = holder.stdout.readline()
    assert line.startswith("locked "), line
    return holder, int(line.split()[1])


def test_a_lock_held_by_another_process_is_refused_then_taken_over_once_it_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    holder, pid = _hold_in_subprocess(path)
    try:
        with pytest.raises(StoreLocked) as caught:
            Store(path)
        assert f"process {pid}" in str(caught.value)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        holder.kill()
        holder.wait()
    with Store(path):  # the kernel dropped the dead holder's lock
        assert json.loads(WriterLock(path).path.read_text())["pid"] == os.getpid()


def test_a_writer_sweeps_stale_temp_files_and_a_reader_leaves_them(store: Store) -> None:
    store.close()
    stale = [store.path.with_name(f".{store.path.name}.tmp-{n}-dead") for n in (123, 456)]
    for path in stale:
        path.write_text("half a write")
    unrelated = store.path.with_name(".other.json.tmp-1-x")
    unrelated.write_text("not ours")
    Store(store.path, writer=False).close()
    assert all(p.exists() for p in stale)
    Store(store.path).close()
    assert not any(p.exists() for p in stale)
    assert unrelated.exists()


def test_changing_a_returned_attendee_does_not_change_the_store(tmp_path: Path) -> None:
    from netevent.domain.models import Attendee, Event

    with Store(tmp_path / "s.json") as store:
        store.load_event(Event(title="T", attendees=[Attendee(name="Ann", sphere=["estate agent"])]))
        copy_of_ann = store.attendee("Ann")
        copy_of_ann.sphere.append("surveyor")
        copy_of_ann.business = "changed"
        assert store.attendee("Ann").sphere == ["estate agent"]
        assert store.attendees()[0].business == ""
