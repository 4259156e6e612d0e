"""The ask check's tokenizer: the ask's words with where they are and whether they could start a name."""

from __future__ import annotations

from typing import NamedTuple

from netevent.ask.vocab import TOKEN


class Token(NamedTuple):
    word: str  # lower case, straight apostrophes: what the phrase table is keyed on
    start: int
    end: int
    capital: bool  # starts with a capital letter in the ask as written
    sentence_start: bool  # first word of the ask or of a sentence: a capital there says nothing


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    last_end = 0
    for match in TOKEN.finditer(text):
        raw = match.group()
        gap = text[last_end : match.start()]
        first = not out or any(mark in gap for mark in ".!?:\n")
        out.append(Token(raw.lower().replace("’", "'"), match.start(), match.end(), raw[:1].isupper(), first))
        last_end = match.end()
    return out


def case_is_telling(text: str) -> bool:
    """Capitals mark names only in ordinary sentence case: not in an ask typed all in capitals or all in lower."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters)
    return 0 < upper < 0.6 * len(letters)
