"""The packaged contact-sphere knowledge, extended by the facilitator's own `spheres.toml`, loaded once."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from netevent import paths
from netevent.domain.extension import merge_data
from netevent.domain.matcher import Suggestion, helpers_for, suggest, unrecognised
from netevent.domain.models import Attendee, Referral
from netevent.domain.professions import Knowledge, KnowledgeError
from netevent.errors import UserError

USER_FILE = "spheres.toml"


class SpheresError(UserError):
    """A sphere file can't be used; the message names the file, the line or field, and what to do."""


def user_file() -> Path:
    """Where a facilitator's extension lives: `spheres.toml` beside the stores."""
    return paths.data_dir() / USER_FILE


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpheresError(f"{source}: {exc}; fix the TOML syntax or remove the file") from None


@lru_cache(maxsize=1)
def _packaged() -> dict[str, Any]:
    text = resources.files("netevent.data").joinpath("spheres.toml").read_text(encoding="utf-8")
    return _parse(text, "netevent/data/spheres.toml")


@lru_cache(maxsize=4)
def _build(path: str, mtime_ns: int) -> Knowledge:
    """Keyed by the extension's path and modification time, so an edited file is picked up on the next call."""
    data = _packaged()
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SpheresError(f"{path}: cannot read it ({exc}); fix its permissions or remove it") from None
        data = merge_data(data, _parse(text, path))
    try:
        return Knowledge.from_dict(data)
    except KnowledgeError as exc:
        where = path or "netevent/data/spheres.toml"
        raise SpheresError(f"{where}: {exc}; correct that entry") from None


def knowledge() -> Knowledge:
    """The matcher's knowledge: packaged data plus the user's extension file if there is one."""
    path = user_file()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return _build("", 0)
    return _build(str(path), mtime)


def suggest_pairs(
    attendees: Sequence[Attendee],
    referrals: Sequence[Referral],
    limit: int | None = None,
    per_person: int | None = None,
) -> list[Suggestion]:
    """Suggested introductions for the room, best first, using the installed knowledge (see `suggest`)."""
    return suggest(attendees, referrals, knowledge(), limit, per_person)


def helpers_for_ask(
    name: str, attendees: Sequence[Attendee], referrals: Sequence[Referral], limit: int = 3
) -> list[Suggestion]:
    """Who in the room can help `name`'s ask (`a` is the asker, `b` the helper)."""
    return helpers_for(name, attendees, referrals, knowledge(), limit)


def unrecognised_professions(attendees: Sequence[Attendee]) -> list[Attendee]:
    """Attendees whose profession the knowledge doesn't name: they are matched on their ask and offer words only."""
    return unrecognised(attendees, knowledge())
