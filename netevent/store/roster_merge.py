"""How an event file loaded again merges with the roster already in the store, decided before anything is written.

A profile field the file changed replaces the stored one; a field the file left as it was keeps any edit made in
the app (an ask reworded at the meeting). Attendance, tokens and people added in the app are kept; attendees
dropped from the file are removed only if nothing refers to them and they were never checked in.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from netevent.domain.models import Event, name_key

# Fields the event file owns; everything else on an attendee (attendance, token …) is the meeting's.
PROFILE_FIELDS = (
    "business", "profession", "role", "email", "phone", "website",
    "ask", "offer", "sphere", "share_contact", "pitch_seconds", "invited_by",
)  # fmt: skip


@dataclass
class RosterMerge:
    """The writes a load makes: new documents, changes by document id, documents to remove, and the counts."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    removes: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "removed": 0, "kept": 0})


def merge_roster(stored: list[Any], event: Event, referenced: set[str]) -> RosterMerge:
    """The merge of `event`'s roster into the `stored` attendee documents (each with a `doc_id`).

    `referenced` holds the name keys of people any record or pitch names; new documents get no token here.
    """
    merge = RosterMerge()
    existing = {name_key(d["name"]): d for d in stored}
    for position, person in enumerate(event.attendees):
        old = existing.get(person.key)
        from_file = {f: copy.deepcopy(getattr(person, f)) for f in ("name", *PROFILE_FIELDS)}
        if old is None:
            merge.inserts.append({**person.to_dict(), "origin": "file", "position": position, "from_file": from_file})
            merge.counts["added"] += 1
            continue
        last = old.get("from_file")
        changes: dict[str, Any] = {"position": position, "from_file": from_file}
        for name, value in from_file.items():
            if not isinstance(last, dict) or name not in last or last[name] != value:
                changes[name] = value
        if any(old.get(k) != v for k, v in changes.items() if k not in ("position", "from_file")):
            merge.counts["updated"] += 1
        merge.updates.append((old.doc_id, changes))
    incoming = {a.key for a in event.attendees}
    extra = len(event.attendees)
    for key, old in existing.items():
        if key in incoming:
            continue
        if old.get("origin") == "app" or key in referenced or old.get("checked_in_at"):
            merge.counts["kept"] += 1
            merge.updates.append((old.doc_id, {"position": extra}))  # after the file's people
            extra += 1
        else:
            merge.removes.append(old.doc_id)
            merge.counts["removed"] += 1
    return merge
