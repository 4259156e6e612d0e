"""The packaged ask-check vocabulary, extended by the facilitator's own `ask_rules.toml`, compiled once."""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path
from typing import Any

from netevent.ask.check import AskReview, AskRules, review
from netevent.domain.extension import merge_data
from netevent.errors import UserError

RULES_FILE = "ask_rules.toml"
# Where a regular install (a wheel, an editable checkout) keeps the packaged rules: read straight from here, as
# importlib.resources' imports (its readers, zipfile) cost ~10 M instructions of every start.
_PACKAGED = Path(__file__).parent.parent / "data" / RULES_FILE
_ENV = "NETEVENT_DATA_DIR"  # moves the data folder, and with it the user's rules file


class RulesError(UserError):
    """The facilitator's extra ask rules can't be read; the message says which file and what to do."""


def packaged_data() -> dict[str, Any]:
    """The vocabulary shipped inside the package."""
    import tomllib  # late, as below: a start with the compiled rules cached reads no TOML at all

    return tomllib.loads(packaged_bytes().decode("utf-8"))


def packaged_bytes() -> bytes:
    """The packaged rules file, from the package folder; through importlib.resources when the package has no
    folder of files (imported from a zip)."""
    try:
        return _PACKAGED.read_bytes()
    except OSError:
        from importlib import resources

        return resources.files("netevent.data").joinpath(RULES_FILE).read_bytes()


def user_rules_path() -> Path:
    """Where a facilitator puts extra vocabulary: `ask_rules.toml` in netevent's data folder."""
    return _user_rules_path(os.environ.get(_ENV))


@functools.cache
def _user_rules_path(_override: str | None) -> Path:
    # Cached per NETEVENT_DATA_DIR value: asking platformdirs on every keystroke's review is slow.
    from netevent.paths import data_dir  # late: keeps `import netevent.services.ask_rules` light

    return data_dir() / RULES_FILE


def load_data(user_path: Path | None = None) -> dict[str, Any]:
    """The packaged rules merged with the user's file, if there is one; a broken user file is a one-line error."""
    import tomllib

    data = packaged_data()
    path = user_path if user_path is not None else user_rules_path()
    if path.is_file():
        try:
            extra = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RulesError(f"{path}: can't read the extra ask rules ({exc}); fix or remove the file") from exc
        data = merge_data(data, extra)
    return data


@functools.cache
def _rules_for(user_path: str, mtime: float) -> AskRules:
    # Compiled once and kept on disk (netevent/rules_cache.py): parsing and indexing cost ~50 ms of each start.
    from netevent.services.rules_cache import compiled

    path = Path(user_path)
    try:
        user = path.read_bytes() if path.is_file() else b""
    except OSError:
        user = b"?"  # unreadable: load_data below says so in one line
    package = Path(__file__).parent.parent
    ask = package / "ask"
    ask_modules = [ask / name for name in os.listdir(ask) if name.endswith(".py")]
    sources = [package / "domain" / "extension.py", *ask_modules]
    inputs = [packaged_bytes(), user]
    return compiled("ask-rules", AskRules, lambda: AskRules.from_dict(load_data(path)), inputs, sources)


# Re-read the user's file at most this often: a stat per keystroke is most of a check's cost.
RECHECK_SECONDS = 1.0
# "raw" is NETEVENT_DATA_DIR as the environment held it when the rules were last looked up: while it and the
# rules stand, the path needn't be worked out (or compared, which for Paths is slow) again.
_current: dict[str, Any] = {"rules": None, "path": None, "checked": 0.0, "raw": None}
# os.environ decodes the value on every read (~1.5 µs, several percent of a check); where it keeps the raw
# mapping (CPython's _Environ), the fast path reads that instead. The same mapping either way: os.environ
# writes to it, so a change of NETEVENT_DATA_DIR is seen as soon as it is made.
_RAW_ENVIRON: dict[Any, Any] | None = getattr(os.environ, "_data", None)
_RAW_KEY = os.environ.encodekey(_ENV) if _RAW_ENVIRON is not None else _ENV  # type: ignore[attr-defined]


def rules() -> AskRules:
    """The compiled rules; a new, changed or removed user file is picked up within RECHECK_SECONDS."""
    raw = _RAW_ENVIRON.get(_RAW_KEY) if _RAW_ENVIRON is not None else os.environ.get(_ENV)
    now = time.monotonic()
    current = _current
    if current["rules"] is not None and raw == current["raw"] and now - current["checked"] <= RECHECK_SECONDS:
        return current["rules"]  # same folder (so the same path) as last time, checked recently
    path = _user_rules_path(os.environ.get(_ENV))
    if current["rules"] is None or current["path"] != path or now - current["checked"] > RECHECK_SECONDS:
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0
        current.update(rules=_rules_for(str(path), mtime), path=path, checked=now)
    current["raw"] = raw
    return current["rules"]


def refresh() -> None:
    """Forget the compiled rules, so the next review re-reads the user's file now (tests, a "reload" key)."""
    _current["rules"] = None


def review_ask(text: str) -> AskReview:
    """Review an ask with the packaged (and user-extended) vocabulary."""
    return review(text, rules())
