"""The parts an ask is read into: a `Hit` is one part (what kind, which words)."""

from __future__ import annotations

import re
from typing import NamedTuple

from netevent.ask.tokens import Token

NARROWING = ("place", "size", "moment", "need")
WHO = ("role", "owner", "business", "trade", "group")


class Hit(NamedTuple):
    kind: str  # a phrase kind (vocab.KINDS), "named", "list", or "own-trade" / "service" for a who not targeted
    first: int  # token indices, both inclusive
    last: int
    start: int  # character offsets into the ask
    end: int
    words: str  # the ask's own words for it


def make_hit(kind: str, first: int, last: int, start: int, end: int, words: str) -> Hit:
    return Hit(kind, first, last, start, end, words)


def as_kind(hit: Hit, kind: str) -> Hit:
    """The same words read as another kind."""
    return hit._replace(kind=kind)


def hit_over(tokens: list[Token], kind: str, first: int, end: int, text: str = "") -> Hit:
    """A hit over tokens first..end-1; its words are the ask's own when `text` is given."""
    start, stop = tokens[first].start, tokens[end - 1].end
    return Hit(kind, first, end - 1, start, stop, text[start:stop] if text else "")


def vague_amount(word: str) -> bool:
    """ "lots", "100s", "1000s": an amount nobody counted ("the 1970s" is a decade, and may well narrow)."""
    return word in _VAGUE_AMOUNTS or VAGUE_NUMBER.fullmatch(word) is not None


VAGUE_NUMBER = re.compile(r"10+s")  # "10s", "100s", "1000s" of something
_VAGUE_AMOUNTS = frozenset(("lots", "loads", "hundreds", "thousands", "dozens", "plenty", "tons", "heaps", "masses"))
