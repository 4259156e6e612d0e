"""summaries/<attendee>.html: each attendee's summary page as a file, to mail or print when there is no server."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from netevent.export.files import replace_file
from netevent.export.snapshot import Snapshot
from netevent.services.summaries import build_summary
from netevent.web.render import render_summary


def write_summaries(snap: Snapshot, folder: Path, names: Iterable[str] | None = None) -> list[Path]:
    """A page per attendee (or per name given), named as in mail-merge.csv: what phones see, minus the vCard link."""
    out = folder / "summaries"
    out.mkdir(exist_ok=True)
    written = []
    wanted = None if names is None else set(names)
    for person in snap.attendees:
        if wanted is not None and person.name not in wanted:
            continue
        path = folder / snap.summary_files[person.name]
        page = render_summary(build_summary(None, person.name, room=snap.room_for(person)))
        replace_file(path, page)
        written.append(path)
    return written
