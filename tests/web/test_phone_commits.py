"""Group commit of phone writes: writes queued together are one durable write, each keeps its own outcome."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from meetings import seed_store

from netevent.services.meeting import InputError
from netevent.store.repository import Store
from netevent.web import commits
from netevent.web.commits import GroupCommit


@pytest.fixture
def store(tmp_path: Path):
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


@pytest.fixture
def renames(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each durable write of a store ends in one rename of its temp file over the store: counted here."""
    import os

    from netevent.store import atomic

    seen: list[str] = []
    replace = os.replace

    def counted(src: Any, dst: Any) -> None:
        seen.append(str(dst))
        replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", counted)
    return seen


def note(text: str):
    return lambda store: store.set_state(f"note-{text}", text)


async def test_writes_queued_together_are_one_durable_write(store: Store, renames: list[str]) -> None:
    told: list[int] = []
    group = GroupCommit(lambda: store, lambda: told.append(1))
    await asyncio.gather(*(group.run(note(str(n))) for n in range(10)))
    assert renames == [str(store.path)]
    assert told == [1]
    with Store(store.path, writer=False) as reader:
        assert [reader.get_state(f"note-{n}") for n in range(10)] == [str(n) for n in range(10)]


async def test_a_refused_job_is_its_own_error_and_the_others_are_stored(store: Store) -> None:
    def refused(store: Store) -> None:
        raise InputError("ask", "write your ask")

    group = GroupCommit(lambda: store, None)
    results = await asyncio.gather(group.run(note("a")), group.run(refused), group.run(note("b")),
                                   return_exceptions=True)  # fmt: skip
    assert isinstance(results[1], InputError)
    assert (store.get_state("note-a"), store.get_state("note-b")) == ("a", "b")


async def test_a_fault_rolls_the_group_back_and_the_others_are_stored_one_by_one(store: Store) -> None:
    def broken(store: Store) -> None:
        store.set_state("half", "written")
        raise RuntimeError("a bug")

    group = GroupCommit(lambda: store, None)
    results = await asyncio.gather(group.run(note("a")), group.run(broken), group.run(note("b")),
                                   return_exceptions=True)  # fmt: skip
    assert isinstance(results[1], RuntimeError)
    with Store(store.path, writer=False) as reader:
        assert (reader.get_state("note-a"), reader.get_state("note-b")) == ("a", "b")
        assert reader.get_state("half") is None  # nothing of the broken job reached the disk


async def test_the_app_is_told_at_once_then_at_most_every_tell_seconds(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(commits, "TELL_SECONDS", 0.5)  # long enough that a slow disk still fits the burst in it
    told: list[float] = []
    loop = asyncio.get_running_loop()
    group = GroupCommit(lambda: store, lambda: told.append(loop.time()))
    await group.run(note("first"))
    assert len(told) == 1  # a lone write: told before its run returns
    for n in range(5):
        await group.run(note(str(n)))  # a burst: told once more, a little later
    assert len(told) == 1
    for _ in range(1000):  # then told once more, when TELL_SECONDS have passed (polled: the machine may be slow)
        if len(told) == 2:
            break
        await asyncio.sleep(0.01)
    assert len(told) == 2 and told[1] - told[0] >= 0.45
