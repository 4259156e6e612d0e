"""Where a store lives by default: a file named after the event in the user's data folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from netevent.domain.models import Event
from netevent.paths import data_dir


def slugify(text: str) -> str:
    """A file-name-safe ASCII slug: "Café Club" → "cafe-club"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "event"


def event_slug(event: Event) -> str:
    base = slugify(event.title)
    return f"{base}-{event.date.isoformat()}" if event.date else base


def default_store_path(event: Event) -> Path:
    return data_dir() / f"{event_slug(event)}.json"
