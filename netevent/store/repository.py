"""The event store: one TinyDB file per event holding the roster, records, pitches and round state."""

from __future__ import annotations

import copy
import datetime as dt
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from netevent.domain.chapter import FollowUp, Goal
from netevent.domain.models import Attendee, Event, Pitch, Referral, name_key
from netevent.store.atomic import (
    AtomicJSONStorage,
    StoreError,
    StoreLocked,
    clean_stale_temps,
    refuse_read_only,
)
from netevent.store.documents import store_problem
from netevent.store.lock import WriterLock
from netevent.store.roster_merge import merge_roster

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "StoreLocked", "new_token"]

SCHEMA_VERSION = 1
ROOM_TOKEN_KEY = "room_token"  # state key of the room display's token


def new_token() -> str:
    """A 128-bit random summary token, URL-safe."""
    return secrets.token_urlsafe(16)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _attendee(doc: dict[str, Any]) -> Attendee:
    """An Attendee from a stored document; the sphere list is its only mutable part, so only it is copied."""
    return Attendee.from_dict({**doc, "sphere": list(doc.get("sphere") or [])})


class Store:
    """The repository over one store file. Open with `writer=True` to take the single-writer lock."""

    def __init__(
        self, path: str | os.PathLike[str], *, writer: bool = True, durable: bool = True, lock_wait: float = 0.0
    ) -> None:
        """Open the store; a writer waits up to `lock_wait` seconds for another writer to finish."""
        self.path = Path(path).expanduser()
        self.writer = writer
        self._lock = WriterLock(self.path)
        if writer:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                refuse_read_only(self.path)
                self._lock.acquire(wait=lock_wait)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot open for writing ({exc.strerror}); check the folder") from None
            clean_stale_temps(self.path)
        elif not self.path.exists():
            raise StoreError(f"{self.path}: no such store; create it with `netevent init EVENT`")
        self.storage = AtomicJSONStorage(self.path, durable=durable, read_only=not writer)
        try:
            self.db = TinyDB(storage=lambda: self.storage)
            self.check()
        except BaseException:
            self._lock.release()
            raise
        self._open_tables()
        if writer:
            self._issue_missing_tokens()

    def _open_tables(self) -> None:
        """Fresh table objects over the storage: each counts its next id from the data the first time it needs one."""

        def table(name: str) -> Table:
            return self.db.table_class(self.storage, name, cache_size=0)

        self._events, self._attendees, self._referrals = table("event"), table("attendees"), table("referrals")
        self._pitches, self._state = table("pitches"), table("state")
        self._followups, self._goals = table("followups"), table("goals")

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self) -> None:
        """Refuse a store a newer netevent wrote or whose documents are damaged, naming the document and field.

        Run on opening, and by `netevent serve` whenever the file changes under it.
        """
        problem = store_problem(self.storage.read() or {}, SCHEMA_VERSION)
        if problem:
            raise StoreError(f"{self.path}: {problem}")

    def _issue_missing_tokens(self) -> None:
        """Give a summary token to attendees a hand edit left without one (see store/documents.py)."""
        missing = [doc.doc_id for doc in self._attendees.all() if "token" not in doc]
        if missing:
            with self.batch():
                for doc_id in missing:
                    self._attendees.update({"token": new_token()}, doc_ids=[doc_id])

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make several changes one durable write: all of them reach the disk, or (on error) none do."""
        self._require_writer()
        try:
            with self.storage.batch():
                yield
        except BaseException:
            self._open_tables()  # the rolled-back data: ids are counted again from what is stored
            raise

    def _require_writer(self) -> None:
        if not self.writer:
            raise StoreError(f"{self.path}: opened read-only; this needs the write lock")

    @staticmethod
    def _doc(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "schema": SCHEMA_VERSION}

    # -- event and roster ---------------------------------------------------------------------------

    @property
    def initialised(self) -> bool:
        return len(self._events) > 0

    def event(self) -> Event:
        """The event settings with the current roster."""
        docs = self._events.all()
        if not docs:
            raise StoreError(f"{self.path}: the store has no event yet; run `netevent init EVENT` first")
        return Event.from_settings(docs[0], self.attendees())

    def save_settings(self, event: Event) -> None:
        self._require_writer()
        doc = self._doc(event.settings_dict())
        if len(self._events):
            self._events.update(doc, doc_ids=[self._events.all()[0].doc_id])
        else:
            self._events.insert(doc)

    def load_event(self, event: Event) -> dict[str, int]:
        """Create or update the store from an event (see store/roster_merge.py); nothing recorded is lost.

        One durable write: an interrupted load changes nothing.
        """
        self._require_writer()
        with self.batch():
            self.save_settings(event)
            self.room_token()  # made with the store, so `serve` and `room-url` find it without the write lock
            merge = merge_roster(self._attendees.all(), event, self._referenced_keys())
            for doc in merge.inserts:
                self._attendees.insert(self._doc({**doc, "token": new_token()}))
            for doc_id, changes in merge.updates:
                self._attendees.update(self._doc(changes), doc_ids=[doc_id])
            if merge.removes:
                self._attendees.remove(doc_ids=merge.removes)
        return merge.counts

    def _referenced_keys(self) -> set[str]:
        keys = set()
        for doc in self._referrals.all():
            keys.add(name_key(doc["giver"]))
            keys.add(name_key(doc["receiver"]))
        for doc in self._pitches.all():
            keys.add(name_key(doc["speaker"]))
        return keys

    def _attendee_docs(self) -> list[Document]:
        return sorted(self._attendees.all(), key=lambda d: (d.get("position", 1 << 30), d.doc_id))

    def attendees(self) -> list[Attendee]:
        return [_attendee(d) for d in self._attendee_docs()]

    def _find_doc(self, name: str) -> Document:
        key = name_key(name)
        for doc in self._attendees.all():
            if name_key(doc["name"]) == key:
                return doc
        raise StoreError(f"no attendee named {name!r} in {self.path}")

    def attendee(self, name: str) -> Attendee:
        return _attendee(self._find_doc(name))

    def add_attendee(self, person: Attendee) -> Attendee:
        """Add a walk-in; it stays even if the event file is loaded again without it."""
        self._require_writer()
        if any(name_key(d["name"]) == person.key for d in self._attendees.all()):
            raise StoreError(f"{person.name!r} is already on the roster; use a different name")
        position = max((d.get("position", 0) for d in self._attendees.all()), default=-1) + 1
        self._attendees.insert(
            self._doc({**person.to_dict(), "token": new_token(), "origin": "app", "position": position})
        )
        return person

    def update_attendee(self, name: str, /, **changes: Any) -> Attendee:
        """Change fields of one attendee (attendance, ask …) and return the stored result.

        A new name is carried into their referrals and pitches in the same write, so nothing they
        gave, received or pitched is orphaned.
        """
        self._require_writer()
        doc = self._find_doc(name)
        unknown = set(changes) - set(Attendee.__dataclass_fields__)
        if unknown:
            raise StoreError(f"unknown attendee field(s): {', '.join(sorted(unknown))}")
        new_name = changes.get("name")
        renamed = new_name is not None and new_name != doc["name"]
        if renamed:
            if not str(new_name).strip():
                raise StoreError("an attendee needs a name")
            clash = [
                d for d in self._attendees.all() if d.doc_id != doc.doc_id and name_key(d["name"]) == name_key(new_name)
            ]
            if clash:
                raise StoreError(f"{clash[0]['name']!r} is already on the roster; use a different name")
        with self.batch():
            self._attendees.update(self._doc(copy.deepcopy(changes)), doc_ids=[doc.doc_id])
            if renamed:
                self._rename_in_records(doc["name"], new_name)
        return self.attendee(new_name if renamed else doc["name"])

    def _rename_in_records(self, old: str, new: str) -> None:
        key = name_key(old)
        for field in ("giver", "receiver"):
            ids = [d.doc_id for d in self._referrals.all() if name_key(d[field]) == key]
            if ids:
                self._referrals.update({field: new}, doc_ids=ids)
        for table, field in ((self._pitches, "speaker"), (self._goals, "name")):
            ids = [d.doc_id for d in table.all() if name_key(d[field]) == key]
            if ids:
                table.update({field: new}, doc_ids=ids)

    # -- summary tokens -----------------------------------------------------------------------------

    def walk_in_keys(self) -> set[str]:
        """Name keys of people added in the app (walk-ins) rather than from the event file."""
        return {name_key(d["name"]) for d in self._attendee_docs() if d.get("origin") == "app"}

    def token_for(self, name: str) -> str:
        return self._find_doc(name)["token"]

    def tokens(self) -> dict[str, str]:
        """Attendee name → summary token."""
        return {d["name"]: d["token"] for d in self._attendee_docs()}

    def attendee_by_token(self, token: str) -> Attendee | None:
        wanted = token.encode("utf-8", "surrogateescape")  # bytes: compare_digest rejects non-ASCII str
        for doc in self._attendees.all():
            if secrets.compare_digest(str(doc.get("token", "")).encode(), wanted):
                return _attendee(doc)
        return None

    def reissue_token(self, name: str) -> str:
        """Give an attendee a fresh token; the old link stops working at once."""
        self._require_writer()
        token = new_token()
        self._attendees.update(self._doc({"token": token}), doc_ids=[self._find_doc(name).doc_id])
        return token

    # -- room display token -------------------------------------------------------------------------

    def room_token(self) -> str:
        """The room display's own 128-bit token, made on first use by the writer; not any attendee's."""
        token = self.get_state(ROOM_TOKEN_KEY)
        if isinstance(token, str) and token:
            return token
        if not self.writer:
            raise StoreError(f"{self.path}: no room display yet; open the meeting once with `netevent run`")
        token = new_token()
        self.set_state(ROOM_TOKEN_KEY, token)
        return token

    def is_room_token(self, token: str) -> bool:
        """Whether `token` opens the room display, compared in constant time like the summary tokens."""
        stored = self.get_state(ROOM_TOKEN_KEY)
        if not isinstance(stored, str) or not stored:
            return False
        return secrets.compare_digest(stored.encode(), token.encode("utf-8", "surrogateescape"))

    # -- referrals ----------------------------------------------------------------------------------

    def add_referral(self, referral: Referral) -> Referral:
        """Write a record durably; the returned copy carries its id and time."""
        self._require_writer()
        stored = Referral.from_dict(referral.to_dict())
        stored.created_at = stored.created_at or _now()
        stored.id = self._referrals.insert(self._doc(stored.to_dict()))
        return stored

    def add_referrals(self, referrals: Iterable[Referral]) -> list[Referral]:
        """Write many records in one durable write: all of them or, on failure, none."""
        self._require_writer()
        batch = [Referral.from_dict(r.to_dict()) for r in referrals]
        for r in batch:
            r.created_at = r.created_at or _now()
        ids = self._referrals.insert_multiple([self._doc(r.to_dict()) for r in batch])
        for r, doc_id in zip(batch, ids, strict=True):
            r.id = doc_id
        return batch

    def update_referral(self, referral: Referral) -> Referral:
        """Replace a stored record; its original time is kept when the edit carries none."""
        self._require_writer()
        old = None if referral.id is None else self._referrals.get(doc_id=referral.id)
        if old is None:
            raise StoreError(f"no referral #{referral.id} in {self.path}")
        data = referral.to_dict()
        data["created_at"] = data["created_at"] or old.get("created_at", "")
        self._referrals.update(self._doc(data), doc_ids=[referral.id])
        return Referral.from_dict(data, id=referral.id)

    def restore_referral(self, referral: Referral) -> Referral:
        """Put a deleted record back under its own number (undo of a delete)."""
        self._require_writer()
        if referral.id is None or self._referrals.contains(doc_id=referral.id):
            raise StoreError(f"#{referral.id} is taken in {self.path}; it cannot be restored")
        self._referrals.insert(Document(self._doc(referral.to_dict()), doc_id=referral.id))
        return Referral.from_dict(referral.to_dict(), id=referral.id)

    def delete_referral(self, referral_id: int) -> Referral:
        self._require_writer()
        doc = self._referrals.get(doc_id=referral_id)
        if doc is None:
            raise StoreError(f"no referral #{referral_id} in {self.path}")
        self._referrals.remove(doc_ids=[referral_id])
        return Referral.from_dict(dict(doc), id=referral_id)

    def referrals(self) -> list[Referral]:
        return [Referral.from_dict(dict(d), id=d.doc_id) for d in self._referrals.all()]

    # -- pitches and round state --------------------------------------------------------------------

    def add_pitch(self, pitch: Pitch) -> Pitch:
        self._require_writer()
        stored = Pitch.from_dict(copy.deepcopy(pitch.to_dict()))
        stored.id = self._pitches.insert(self._doc(stored.to_dict()))
        return stored

    def update_pitch(self, pitch: Pitch) -> Pitch:
        self._require_writer()
        if pitch.id is None or not self._pitches.contains(doc_id=pitch.id):
            raise StoreError(f"no pitch #{pitch.id} in {self.path}")
        self._pitches.update(self._doc(copy.deepcopy(pitch.to_dict())), doc_ids=[pitch.id])
        return pitch

    def pitches(self) -> list[Pitch]:
        return [Pitch.from_dict(copy.deepcopy(dict(d)), id=d.doc_id) for d in self._pitches.all()]

    def get_state(self, key: str, default: Any = None) -> Any:
        for doc in self._state.all():
            if doc.get("key") == key:
                return copy.deepcopy(doc.get("value"))
        return default

    def set_state(self, key: str, value: Any) -> None:
        """Round state (queue position, drawn order, current screen) for resuming after a crash."""
        self._require_writer()
        for doc in self._state.all():
            if doc.get("key") == key:
                self._state.update(self._doc({"key": key, "value": value}), doc_ids=[doc.doc_id])
                return
        self._state.insert(self._doc({"key": key, "value": value}))

    # -- the chapter: follow-ups and goals given at this meeting ----------------------------------------

    def add_followup(self, change: FollowUp) -> FollowUp:
        """Write a status change durably (about this meeting's record or an earlier one's, by its record id)."""
        self._require_writer()
        stored = FollowUp.from_dict(change.to_dict())
        stored.at = stored.at or _now()
        self._followups.insert(self._doc(stored.to_dict()))
        return stored

    def followups(self) -> list[FollowUp]:
        """The status changes given at this meeting, in the order they were given."""
        return [FollowUp.from_dict(dict(d)) for d in self._followups.all()]

    def set_goal(self, goal: Goal) -> Goal:
        """A member's goal for the next meeting; a second one at the same meeting replaces the first."""
        self._require_writer()
        stored = Goal.from_dict(goal.to_dict())
        stored.at = stored.at or _now()
        old = [d.doc_id for d in self._goals.all() if name_key(d["name"]) == name_key(goal.name)]
        with self.batch():
            if old:
                self._goals.remove(doc_ids=old)
            self._goals.insert(self._doc(stored.to_dict()))
        return stored

    def goals(self) -> list[Goal]:
        return [Goal.from_dict(dict(d)) for d in self._goals.all()]
