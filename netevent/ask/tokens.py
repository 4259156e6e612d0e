"""The ask check's tokenizer: the ask's words with where they are and whether they could start a name."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from netevent.ask.vocab import TOKEN


class Token(NamedTuple):
    word: str  # lower case, straight apostrophes: what the phrase table is keyed on
    start: int
    end: int
    capital: bool  # starts with a capital letter in the ask as written
    sentence_start: bool  # first word of the ask or of a sentence: a capital there says nothing


# A named tuple's generated __new__ is a Python function; building the tuple directly is several times cheaper,
# and a tokenizer builds one per word.
_new = tuple.__new__
_SENTENCE_MARK = re.compile(r"[.!?:\n]")


def tokenize(text: str, limit: int = 1_000_000) -> list[Token]:
    """The first `limit` words of the ask as tokens."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):  # a few letters change length when lower-cased: keep offsets true
        low = text
    marks = [*sentence_marks(text), len(text) + 1]  # a sentinel: no sentence mark after the end
    out: list[Token] = []
    mark = 0  # index of the first sentence mark not yet passed
    next_mark = marks[0]
    lowered = low is not text
    for match in TOKEN.finditer(text):
        start, end = match.span()
        first = not out
        if next_mark < start:
            first = True
            while marks[mark] < start:
                mark += 1
            next_mark = marks[mark]
        word = low[start:end] if lowered else text[start:end].lower().replace("’", "'")
        out.append(_new(Token, (word, start, end, text[start].isupper(), first)))
        if len(out) == limit:
            break
    return out


@functools.lru_cache(maxsize=64)  # the tokenizer and the rewrite both ask it of the same text
def sentence_marks(text: str) -> tuple[int, ...]:
    """Where sentences end: at ". ! ? :" and line breaks, but not at the full stop of an abbreviation
    ("Northwind Logistics Inc. in Columbus", "Dr. Patel") nor one a lower-case word follows."""
    out = []
    for mark in _SENTENCE_MARK.finditer(text):
        at = mark.start()
        if text[at] == ".":
            after = text[at + 1 : at + 3].lstrip()
            word = _WORD_BEFORE.search(text[max(at - 5, 0) : at])  # no abbreviation is longer than four letters
            if (after[:1].islower()) or (word is not None and word.group().lower() in _ABBREVIATIONS):
                continue
        out.append(at)
    return tuple(out)


_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_ABBREVIATIONS = frozenset(
    ("inc", "ltd", "co", "corp", "llc", "llp", "pty", "plc", "dr", "mr", "mrs", "ms", "st", "mt")
)


def case_is_telling(text: str) -> bool:
    """Capitals mark names only in ordinary sentence case: not in an ask typed all in capitals or all in lower."""
    if text == text.lower() or text == text.upper():
        return False
    if not any(map(_names_could_use, _CAPITAL.finditer(text))):
        return False  # "Im looking for landlords in cork": capitals only where sentences start, and on "I"
    upper = sum(map(str.isupper, text))
    return upper < 0.6 * sum(map(str.isalpha, text))


_CAPITAL = re.compile(r"[A-Z]\w*")
_I_WORDS = frozenset(("I", "Im", "Id", "Ive", "Ill"))


def _names_could_use(capital: re.Match[str]) -> bool:
    """A capitalised word that starts no sentence and is not "I" ("I'm", "Im"): the kind a name is written with."""
    word, text = capital.group(), capital.string
    at = capital.start() - 1
    while at >= 0 and text[at].isspace():  # back to the character before the word
        at -= 1
    return at >= 0 and text[at] not in ".!?:" and word not in _I_WORDS
