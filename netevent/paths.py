"""Where netevent keeps things: stores and the user's rule files, the cache, and the bundled sample meetings."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

SAMPLE_EVENT = "riverside-breakfast.toml"


def data_dir() -> Path:
    """Where stores and the user's rule files live; NETEVENT_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get("NETEVENT_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("netevent", appauthor=False))


def sample_events_dir() -> Path | None:
    """The bundled samples: inside the installed package, or beside it in a source checkout; None if missing."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_events", here.parent / "sample_events"):
        if (candidate / SAMPLE_EVENT).exists():
            return candidate
    return None
