"""Undo and redo of the Referrals desk's actions: an add, an edit or a delete, whichever came last.

Each action keeps the record as it was before and after, so undoing it puts the store back exactly (a deleted
record returns with its own number) and redoing it replays it. A new action clears what could be redone, as in
every editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from netevent.domain.models import Referral
from netevent.store.repository import Store

KIND_WORDS = {"referral": "referral", "introduction": "introduction", "one-to-one": "one-to-one",
              "closed": "closed business"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Action:
    """One change to one record: before is None for an add, after is None for a delete."""

    before: Referral | None
    after: Referral | None

    @property
    def verb(self) -> str:
        return "add" if self.before is None else "delete" if self.after is None else "edit"

    @property
    def subject(self) -> Referral:
        record = self.after or self.before
        assert record is not None, "an action changes a record"
        return record

    def describe(self) -> str:
        record = self.subject
        kind = KIND_WORDS.get(record.kind, record.kind)
        return f"{self.verb} of #{record.id}, {kind} {record.giver} → {record.receiver}"


def _put(store: Store, current: Referral | None, wanted: Referral | None) -> Referral | None:
    """Make the store hold `wanted` where it holds `current` (either may be None); the stored copy back."""
    if wanted is None:
        assert current is not None
        store.delete_referral(current.id or 0)
        return None
    if current is None:
        return store.restore_referral(wanted)
    return store.update_referral(wanted)


class History:
    """The desk's undo and redo stacks; every method writes the store first and moves the stacks only on success."""

    def __init__(self) -> None:
        self._done: list[Action] = []
        self._undone: list[Action] = []

    def record(self, before: Referral | None, after: Referral | None) -> None:
        self._done.append(Action(before, after))
        self._undone.clear()

    def undo(self, store: Store) -> Action | None:
        """Reverse the last action; None when there is none. A store error leaves both stacks as they were."""
        if not self._done:
            return None
        action = self._done[-1]
        _put(store, action.after, action.before)
        self._undone.append(self._done.pop())
        return action

    def redo(self, store: Store) -> Action | None:
        if not self._undone:
            return None
        action = self._undone[-1]
        _put(store, action.before, action.after)
        self._done.append(self._undone.pop())
        return action
