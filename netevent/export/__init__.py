"""Everything out after the meeting, in the formats people already use (DESIGN §3 Exports).

Formats and the files each writes into the folder:
- csv:  attendees.csv, pitches.csv, referrals.csv (UTF-8 with BOM)
- json: event.json (loads back with `restore_store`; schema in event.schema.json)
- md:   report.md
- html: report.html, summaries/<attendee>.html and mail-merge.csv — the mail-merge list names the summary
        files, so it is written with them, never pointing at pages that were not exported
- vcf:  contacts.vcf (only attendees who share their contact)
- ics:  follow-ups.ics (one-to-ones booked, each with a reminder)
- all:  every one of the above
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from netevent.domain.history import History
from netevent.errors import UserError
from netevent.export.cards import write_contacts
from netevent.export.event_json import EventJSONError, load_event_json, restore_store, schema, write_event_json
from netevent.export.followups import write_follow_ups
from netevent.export.report import write_report_html, write_report_md
from netevent.export.snapshot import Snapshot
from netevent.export.summaries import write_summaries
from netevent.export.tables import write_mail_merge, write_tables

if TYPE_CHECKING:
    from netevent.store.repository import Store

__all__ = [
    "FORMATS",
    "EventJSONError",
    "ExportError",
    "export_all",
    "load_event_json",
    "paused_gc",
    "restore_store",
    "schema",
]

FORMATS: tuple[str, ...] = ("all", "csv", "json", "md", "html", "vcf", "ics")


class ExportError(UserError):
    """An export that cannot be done (unknown format, folder not writable), as one line saying what to do."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with Python's cycle collector paused (reference counting still frees garbage as usual).

    An export builds a few hundred thousand short-lived objects, and every few thousand allocations the collector
    walked them and everything else in the process, the app's state included: a third of a 500-attendee export's
    time, more in a long-running app. The cycles an export leaves (template and calendar objects) are collected
    as soon as it ends. Restores the collector only if it was on, so a caller that turned it off keeps it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _html(snap: Snapshot, folder: Path) -> list[Path]:
    pages = write_summaries(snap, folder)
    return [write_report_html(snap, folder), *pages, write_mail_merge(snap, folder)]


WRITERS: dict[str, Callable[[Snapshot, Path], list[Path]]] = {
    "csv": write_tables,
    "json": lambda snap, folder: [write_event_json(snap, folder)],
    "md": lambda snap, folder: [write_report_md(snap, folder)],
    "html": _html,
    "vcf": lambda snap, folder: [write_contacts(snap, folder)],
    "ics": lambda snap, folder: [write_follow_ups(snap, folder)],
}


def _chapter_history(store: Store) -> History | None:
    """The chapter's history for report.html, once there is more than this one meeting to show."""
    from netevent.services.chapter import chapter_history, load_chapter

    chapter = load_chapter(store)
    return chapter_history(chapter) if len(chapter.meetings) > 1 else None


def parse_formats(formats: str | Iterable[str]) -> list[str]:
    """The formats to write, in a fixed order; "all" means every one."""
    wanted = {formats} if isinstance(formats, str) else set(formats)
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise ExportError(f"unknown export format {', '.join(unknown)!s}; choose from {'|'.join(FORMATS)}")
    if not wanted or "all" in wanted:
        return list(WRITERS)
    return [name for name in WRITERS if name in wanted]


def export_all(store: Store, folder: str | Path, formats: str | Iterable[str] = frozenset({"all"})) -> list[Path]:
    """Write the chosen formats into `folder` (created if needed) and return the files written."""
    chosen = parse_formats(formats)
    folder = Path(folder).expanduser()
    written: list[Path] = []
    with paused_gc():
        snap = Snapshot.from_store(store)
        snap.history = _chapter_history(store) if "html" in chosen else None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in chosen:
                written += WRITERS[name](snap, folder)
        except OSError as exc:
            where = exc.filename or folder
            raise ExportError(
                f"{where}: cannot write the export ({exc.strerror}); this file and those after it were not "
                "written (any earlier copies are unchanged); free disk space or choose another folder with --to, "
                "then export again"
            ) from None
    return written
