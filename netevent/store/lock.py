"""The store's single-writer lock: one netevent writes a store at a time, and says who holds it if not."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

from netevent.store.atomic import StoreLocked

LOCK_RETRY_SECONDS = 0.02  # how often a waiting writer tries again; a write holds the lock for milliseconds


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class WriterLock:
    """An exclusive lock file beside the store naming its holder.

    On POSIX the kernel's `flock` is released when the holder dies, so a lock left by a crashed
    process is taken over without asking. Elsewhere the recorded pid is checked instead.
    """

    def __init__(self, store_path: Path) -> None:
        self.path = store_path.with_name(store_path.name + ".lock")
        self._fd: int | None = None

    def holder(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, json.JSONDecodeError):
            return {}

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, trying for up to `wait` seconds while another process holds it, then refuse.

        Scripts run one `netevent referral add` after another, and loops running side by side collided: a short
        bounded wait lets each write in turn, while a store left open in the app is still refused quickly.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + wait
        try:
            while True:
                try:
                    self._lock_fd(fd)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise
                    time.sleep(LOCK_RETRY_SECONDS)
        except BlockingIOError:
            os.close(fd)
            raise StoreLocked(self._busy_message()) from None
        except BaseException:
            os.close(fd)
            raise
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
            "command": " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:2]),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        self._fd = fd

    def _lock_fd(self, fd: int) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: fall back to the recorded pid
            info = self.holder()
            pid = info.get("pid")
            if pid and pid != os.getpid() and _pid_alive(int(pid)):
                raise BlockingIOError from None
            return
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _busy_message(self) -> str:
        info = self.holder()
        who = f"process {info.get('pid', '?')}"
        if info.get("command"):
            who += f" ({info['command']})"
        if info.get("host"):
            who += f" on {info['host']}"
        since = f" since {info['since']}" if info.get("since") else ""
        store = self.path.with_suffix("")
        return (
            f"{store}: the store is open for writing by {who}{since}; "
            "close that netevent first, or use a different --store"
        )

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
