"""Kill a writing process at random moments: the store must reopen with every write that had returned."""

from __future__ import annotations

import json
import os
import random
import signal
import time
import traceback
from pathlib import Path

import pytest

from netevent.store.lock import WriterLock
from netevent.store.repository import Store
from tests import store_writer

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash test forks its writers (POSIX)")

KILLS = 24


def _start_writer(path: Path, seed: int) -> tuple[int, int]:
    """Fork a writer (already imported, so it starts in milliseconds); returns its pid and the read end of its acks."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write until killed, never return into pytest
        code = 1
        try:
            os.close(read_fd)
            store_writer.churn(path, seed, os.fdopen(write_fd, "w", buffering=1))
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _read_line(fd: int) -> str:
    """One line from the writer, read byte by byte so that nothing after it is consumed."""
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:
            break
        line += byte
    return line.decode().removesuffix("\n")


def _read_acks(fd: int) -> list[str]:
    """Every complete line until the pipe closes; a line cut short by the kill was never acknowledged."""
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode().split("\n")[:-1]


def _apply(model: dict[int, tuple[str, str, str]], line: str) -> None:
    op, rest = line.split(" ", 1)
    if op == "add":
        doc_id, giver, receiver, note = rest.split(" ", 3)
        model[int(doc_id)] = (store_writer.PEOPLE[int(giver)], store_writer.PEOPLE[int(receiver)], note)
    elif op == "upd":
        doc_id, note = rest.split(" ", 1)
        giver, receiver, _ = model[int(doc_id)]
        model[int(doc_id)] = (giver, receiver, note)
    elif op == "del":
        del model[int(rest)]


def test_sigkilled_writer_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(20261126)
    path = tmp_path / "crash.json"
    model: dict[int, tuple[str, str, str]] = {}
    acknowledged = deletes = 0
    for round_no in range(KILLS):
        pid, fd = _start_writer(path, seed=round_no)
        ready = _read_line(fd)
        assert ready.startswith("ready"), f"writer did not start: {ready!r}"
        early = [_read_line(fd) for _ in range(2)]  # it is writing: however slow the machine, kill it mid-flight
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acks = early + _read_acks(fd)
        os.close(fd)
        for line in acks:
            _apply(model, line)
        acknowledged += len(acks)
        deletes += sum(line.startswith("del") for line in acks)

        # The dead writer's lock is taken over, its temp files swept, and every acknowledged write is there.
        with Store(path) as store:
            assert json.loads(WriterLock(path).path.read_text())["pid"] == os.getpid()
            assert not list(tmp_path.glob(f".{path.name}.tmp-*"))
            stored = {r.id: (r.giver, r.receiver, r.note) for r in store.referrals()}
        # The writer may have finished one more write it had no time to acknowledge: allow exactly that.
        extra = set(stored) - set(model)
        missing = set(model) - set(stored)
        changed = {i for i in set(model) & set(stored) if model[i] != stored[i]}
        assert len(extra) + len(missing) + len(changed) <= 1, (round_no, extra, missing, changed, acks[-3:])
        assert not extra or min(extra) > max(model, default=0), "an unacknowledged add must be the newest"
        assert all(stored[i][2].startswith("edited-") for i in changed), (round_no, changed)
        model = stored  # carry the store's truth into the next round
    assert acknowledged >= KILLS * 2
    assert deletes > 0  # the file shrank at least once while being killed


def test_store_survives_kill_during_a_shrinking_write_every_time(tmp_path: Path) -> None:
    """A store killed right after a delete-heavy burst always parses: the file is never half-written."""
    path = tmp_path / "shrink.json"
    rng = random.Random(7)
    for round_no in range(6):
        pid, fd = _start_writer(path, seed=1000 + round_no)
        assert _read_line(fd).startswith("ready")
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
        json.loads(path.read_text(encoding="utf-8"))  # raw parse, as any other reader would
        with Store(path, writer=False) as store:
            assert store.event().title == "Crash test"
