"""The packaged ask-check vocabulary, extended by the facilitator's own `ask_rules.toml`, built once per file."""

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
    # One build per user file and modification time, kept in memory: building the phrase table takes a few ms.
    return AskRules.from_dict(load_data(Path(user_path)))


# Re-read the user's file at most this often: a stat per keystroke would cost more than the check itself.
RECHECK_SECONDS = 1.0
_current: dict[str, Any] = {"rules": None, "raw": None, "checked": 0.0}


def rules() -> AskRules:
    """The built rules; a new, changed or removed user file (or a new NETEVENT_DATA_DIR) is picked up within
    RECHECK_SECONDS."""
    raw = os.environ.get(_ENV)
    now = time.monotonic()
    current = _current
    if current["rules"] is not None and raw == current["raw"] and now - current["checked"] <= RECHECK_SECONDS:
        return current["rules"]
    path = _user_rules_path(raw)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    current.update(rules=_rules_for(str(path), mtime), raw=raw, checked=now)
    return current["rules"]


def refresh() -> None:
    """Forget the compiled rules, so the next review re-reads the user's file now (tests, a "reload" key)."""
    _current["rules"] = None


def review_ask(text: str) -> AskReview:
    """Review an ask with the packaged (and user-extended) vocabulary."""
    return review(text, rules())
