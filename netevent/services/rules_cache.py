"""A disk cache of compiled inputs (the ask rules; event files read without a problem), so each start does not
re-parse and re-index the same vocabulary and event file.

Reading `ask_rules.toml` (pure-Python TOML) and indexing it took ~50 ms of every start, before the first screen
could show an ask's verdict. The compiled object is pickled under a key made of everything it depends on: the
rule files' bytes, the source of the modules that build it, netevent's and Python's versions. Any change is a
new key, so a stale entry is never read; a damaged or unreadable one is rebuilt; a cache that cannot be written
only costs the time it would have saved.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import netevent
from netevent import paths

T = TypeVar("T")

FORMAT = b"netevent-rules-cache-2"  # a new shape of pickled value: a new key, so no old entry is read


def cache_key(inputs: Iterable[bytes], code: Iterable[Path]) -> str:
    digest = hashlib.sha256(FORMAT)
    for part in (sys.version.encode(), netevent.__version__.encode(), *inputs):
        digest.update(len(part).to_bytes(8, "big"))  # length-prefixed, so parts cannot run into each other
        digest.update(part)
    for path in sorted(code):
        source = path.read_bytes()
        digest.update(len(source).to_bytes(8, "big"))
        digest.update(source)
    return digest.hexdigest()[:32]


def compiled(name: str, kind: type[T], build: Callable[[], T], inputs: Iterable[bytes], code: Iterable[Path]) -> T:
    """`build()`'s result for these inputs and code, from the cache when it holds it, else built and stored."""
    folder = paths.cache_dir()
    path = folder / f"{name}-{cache_key(inputs, code)}.pickle"
    try:
        found = pickle.loads(path.read_bytes())  # our own file in the user's cache: trusted like the code
        if isinstance(found, kind):
            return found
    except FileNotFoundError:
        pass
    except Exception:  # damaged, truncated or from another version: rebuild it
        pass
    value = build()
    _store(folder, path, name, value)
    return value


def _store(folder: Path, path: Path, name: str, value: object) -> None:
    from netevent.store.atomic import atomic_write_bytes

    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        for old in folder.glob(f"{name}-*.pickle"):  # one entry per name: older keys can never be read again
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, AttributeError, TypeError):  # unwritable, or not picklable
        pass  # a read-only or full disk: the rules were built, only the next start is slower
