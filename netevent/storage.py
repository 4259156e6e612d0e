"""Crash-safe TinyDB storage and the single-writer lock behind the store.

TinyDB's stock JSONStorage rewrites the file in place, so a kill mid-write can leave half a file.
Here every write goes to a temp file in the same folder, is flushed and fsynced, renamed over the
store and the folder fsynced: after a crash the file is either the old state or the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import sys
import time
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TEMP_MARK = ".tmp-"


class StoreError(Exception):
    """A store problem the user can act on; the message is one line saying what to do."""


class StoreLocked(StoreError):
    """Another live process holds the store's write lock."""


class AtomicJSONStorage(Storage):
    """Durable whole-file JSON storage; reads are served from memory because this process is the only writer."""

    def __init__(self, path: str | os.PathLike[str], *, durable: bool = True) -> None:
        self.path = Path(path)
        self.durable = durable
        self._cache: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is None:
            try:
                text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                return None
            if not text.strip():
                return None
            try:
                self._cache = json.loads(text)
            except json.JSONDecodeError as exc:
                raise StoreError(
                    f"{self.path}: the store is not valid JSON (line {exc.lineno}); "
                    "restore it from a backup or export, or start a new store with --store"
                ) from None
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            atomic_write_text(self.path, json.dumps(data, ensure_ascii=False), durable=self.durable)
        except BaseException:
            self._cache = None  # the in-memory copy may be ahead of the disk; reread on next access
            raise
        self._cache = data

    def forget(self) -> None:
        """Drop the in-memory copy so the next read comes from disk."""
        self._cache = None


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new content."""
    tmp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; folders cannot be opened for fsync on Windows, where rename is already durable."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_stale_temps(path: Path) -> int:
    """Remove temp files a killed writer left beside the store; call only while holding the lock."""
    removed = 0
    for stale in path.parent.glob(f".{path.name}{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed += 1
    return removed


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

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            self._lock_fd(fd)
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
