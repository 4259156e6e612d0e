"""Crash-safe TinyDB storage behind the store (its single-writer lock is in writer_lock.py).

TinyDB's stock JSONStorage rewrites the file in place, so a kill mid-write can leave half a file.
Here every write goes to a temp file in the same folder, is flushed and fsynced, renamed over the
store and the folder fsynced: after a crash the file is either the old state or the new one.
"""

from __future__ import annotations

import contextlib
import copy
import glob
import json
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from itertools import compress
from operator import ne
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from netevent.errors import UserError

TEMP_MARK = ".tmp-"

_encode = json.JSONEncoder(ensure_ascii=False).encode
_encode_key = json.encoder.encode_basestring  # C-accelerated quoting of a table name or document id


class StoreError(UserError):
    """A store problem the user can act on; the message is one line saying what to do."""


class StoreLocked(StoreError):
    """Another live process holds the store's write lock."""


class AtomicJSONStorage(Storage):
    """Durable whole-file JSON storage with an in-memory copy.

    A writer (the only process writing, thanks to the lock) serves reads from memory; a read-only
    opener rereads the file whenever a writer has replaced it. Writes re-encode only the documents
    that changed (see _EncodedTable): encoding the whole store each time cost ~5 ms at 1,000 documents.
    """

    def __init__(self, path: str | os.PathLike[str], *, durable: bool = True, read_only: bool = False) -> None:
        self.path = Path(path)
        self.durable = durable
        self.read_only = read_only
        self._cache: dict[str, dict[str, Any]] | None = None
        self._signature: tuple[int, int, int] | None = None  # inode, size, mtime of the file last read
        self._tables: dict[str, _EncodedTable] = {}
        self._batch_depth = 0
        self._batch_dirty = False
        self._batch_broken = False  # a change inside the batch failed half-way: the batch must not be saved
        # What the file holds, as read or last written, so a write that changes nothing skips the disk
        # (re-opening a meeting re-applies its unchanged event file: three syncs for nothing at every start).
        self._on_disk: bytes | list[bytes] | None = None

    # -- reading ---------------------------------------------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is not None and self.read_only and self._file_signature() != self._signature:
            self._cache = None  # a writer replaced the file since we read it
        if self._cache is None:
            self._signature = self._file_signature()
            if self._signature is None:
                return None
            try:
                raw = self.path.read_bytes()
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot read the store ({exc.strerror}); check the path") from None
            if not raw.strip():
                return None  # an empty file is a new store: nothing was ever written to it
            self._cache = self._decode(raw)
            self._on_disk = raw
        return self._cache

    def _file_signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read the store ({exc.strerror}); check the path") from None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _decode(self, raw: bytes) -> dict[str, dict[str, Any]]:
        """Parse and check the shape TinyDB relies on, so a damaged file is one line, not a traceback."""
        advice = "restore it from a backup or export, or start a new store with --store"
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise StoreError(f"{self.path}: the store is not a text file; {advice}") from None
        except json.JSONDecodeError as exc:
            raise StoreError(f"{self.path}: the store is not valid JSON (line {exc.lineno}); {advice}") from None
        if not isinstance(data, dict):
            raise StoreError(f"{self.path}: not a netevent store (expected a JSON object); {advice}")
        for name, table in data.items():
            if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
                raise StoreError(f"{self.path}: table {name!r} is damaged (not a set of documents); {advice}")
        return data

    # -- writing ---------------------------------------------------------------------------------------

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            self._cache = None  # TinyDB changed the in-memory copy before asking to save it: drop that change
            raise StoreError(f"{self.path}: opened read-only; this needs the write lock")
        if self._batch_depth:
            self._cache, self._batch_dirty = data, True  # written once, when the batch ends
            return
        pieces = self._serialise(data)
        if self._unchanged(pieces):
            self._cache = data
            return
        self._on_disk = None  # unknown until the write below completes
        try:
            atomic_write_bytes(self.path, pieces, durable=self.durable)
        except BaseException as exc:
            self._cache = None  # the in-memory copy may be ahead of the disk; reread on next access
            if isinstance(exc, OSError):
                raise StoreError(
                    f"{self.path}: could not save ({exc.strerror}); nothing was recorded — free disk space "
                    "or check permissions, then try again"
                ) from None
            raise
        self._cache, self._on_disk = data, pieces

    def _unchanged(self, pieces: list[bytes]) -> bool:
        """Whether `pieces` are exactly what the file holds (unchanged tables share their bytes objects)."""
        if self._on_disk is None:
            return False
        if isinstance(self._on_disk, bytes):
            return b"".join(pieces) == self._on_disk
        return pieces == self._on_disk

    def _serialise(self, data: dict[str, dict[str, Any]]) -> list[bytes]:
        """The whole store as UTF-8 JSON pieces, re-encoding only the documents changed since the last write."""
        encoded = {name: self._tables.get(name) or _EncodedTable() for name in data}
        self._tables = encoded
        pieces = [b"{"]
        for name, table in data.items():
            if len(pieces) > 1:
                pieces.append(b", ")
            pieces += (_encode_key(name).encode(), b": ", encoded[name].encode(table))
        pieces.append(b"}")
        return pieces

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB operations into one durable write; if the block fails, none reach the disk."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            if self._batch_depth == 1:
                self._cache, self._batch_dirty, self._batch_broken = None, False, False  # back to the disk
            raise
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0 and self._batch_broken:
            self._cache, self._batch_dirty, self._batch_broken = None, False, False
            raise StoreError(f"{self.path}: a change in this group failed, so none of the group was saved")
        if self._batch_depth == 0 and self._batch_dirty:
            self._batch_dirty = False
            assert self._cache is not None
            self.write(self._cache)

    def forget(self) -> None:
        """Drop the in-memory copy so the next read comes from disk."""
        self._cache = None
        if self._batch_depth:
            self._batch_broken = True


_ATOMS = frozenset({str, int, float, bool, type(None)})


def _snapshot(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy to compare a document with later: immutable values are shared, so `==` short-cuts on identity."""
    return {k: v if type(v) in _ATOMS else copy.deepcopy(v) for k, v in doc.items()}


class _EncodedTable:
    """One table's JSON, kept per document with a snapshot of what was encoded.

    Each write compares every document with its snapshot (a C-speed scan, so an update made in place
    is caught too) and encodes only those that differ or are new. Equality is Python's: a value that
    changes from 1 to 1.0 or True keeps its old spelling on disk, which loads back equal.
    """

    __slots__ = ("fragments", "ids", "joined", "snapshots")

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.snapshots: list[dict[str, Any]] = []
        self.fragments: list[bytes] = []
        self.joined = b"{}"

    def encode(self, table: dict[str, Any]) -> bytes:
        ids, docs = list(table), list(table.values())
        known = len(self.ids)
        if ids[:known] != self.ids:
            self._realign(ids, docs)  # a document was removed: match the rest up by id
        else:
            changed = list(compress(range(known), map(ne, docs, self.snapshots)))
            if not changed and len(ids) == known:
                return self.joined
            for i in changed:
                self.snapshots[i], self.fragments[i] = _encode_doc(ids[i], docs[i])
            for i in range(known, len(ids)):
                snapshot, fragment = _encode_doc(ids[i], docs[i])
                self.snapshots.append(snapshot)
                self.fragments.append(fragment)
            self.ids = ids
        self.joined = b"{" + b", ".join(self.fragments) + b"}"
        return self.joined

    def _realign(self, ids: list[str], docs: list[Any]) -> None:
        old = dict(zip(self.ids, zip(self.snapshots, self.fragments, strict=True), strict=True))
        self.ids, self.snapshots, self.fragments = ids, [], []
        for doc_id, doc in zip(ids, docs, strict=True):
            hit = old.get(doc_id)
            snapshot, fragment = hit if hit is not None and hit[0] == doc else _encode_doc(doc_id, doc)
            self.snapshots.append(snapshot)
            self.fragments.append(fragment)


def _encode_doc(doc_id: str, doc: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    return _snapshot(doc), f"{_encode_key(doc_id)}: {_encode(doc)}".encode()


def atomic_write_bytes(
    path: Path, payload: bytes | list[bytes], *, durable: bool = True, new_mode: int = 0o600
) -> None:
    """Replace `path` with `payload` (bytes, or a list of pieces) so a crash leaves the old or the new content.

    The file keeps the permissions it had (a rename would otherwise give it the temp file's); a new file gets
    `new_mode` less the umask.
    """
    try:
        kept: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        kept = None
    tmp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, new_mode if kept is None else 0o600)
    try:
        try:
            if kept is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, kept)
            for piece in [payload] if isinstance(payload, bytes) else payload:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)


def refuse_read_only(path: Path) -> None:
    """Refuse to write a store its owner made read-only: the rename would replace it regardless of its mode."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc.strerror}); check the path") from None
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise StoreError(
            f"{path}: the store file is read-only (mode {mode:04o}), so netevent will not change it; make it "
            "writable (chmod u+w) to record, or use a copy with --store"
        )


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
    for stale in path.parent.glob(f".{glob.escape(path.name)}{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed += 1
    return removed
