"""Find multi-word terms in free text by word stems, so "retiring", "retired" and "retirement" all meet."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import snowballstemmer

_WORD = re.compile(r"[a-z0-9&]+(?:'s\b)?")  # a possessive stays on its word: "women's" meets "womens"
_STEMMER = snowballstemmer.stemmer("english")
_STEMS: dict[str, str] = {}  # a room repeats the same few hundred words: stem each once
# Plurals the stemmer leaves alone; "-men" (handymen, tradesmen) is handled by rule.
_IRREGULAR = {
    "children": "child",
    "childrens": "child",
    "people": "person",
    "peoples": "person",
    "wives": "wife",
    "lives": "life",
    "teeth": "tooth",
}
# Words the stemmer folds into another word they don't mean: an "officer" is no "office" ("loan officer" is no IT
# client, "the conservation officer" no office), "hiring" staff is no "hire" of a van, a skip or a bouncy castle, and
# "an MPI estimate" or "free estimates" asks for no estimator, and "busy GP surgeries" are no small business.
_DISTINCT = {
    "busy": "busy",
    "busier": "busy",
    "busiest": "busy",
    "officer": "officer",
    "officers": "officer",
    "hiring": "hiring",
    "estimate": "estimate",
    "estimates": "estimate",
}
_QUOTES = {"\u2018": "'", "\u2019": "'"}  # curly apostrophes, as phones and word processors type them


def normalise(text: str) -> str:
    """Lower-case ASCII with the same length as `text`, so match offsets point back into the original words."""
    if text.isascii():
        return text.lower()
    out = []
    for ch in text:
        if ch in _QUOTES:
            out.append(_QUOTES[ch])
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        out.append(base if len(base) == 1 and base.isascii() else ("?" if not ch.isspace() else " "))
    return "".join(out)


def running_case(text: str) -> str:
    """Words from the start of a sentence as they read mid-sentence: "Letting agents" → "letting agents", while an
    initialism keeps its capitals, plural or not ("IT support", "HOAs", "GPs")."""
    first = text.split()[0] if text.split() else ""
    if first[:1].isupper() and not first.isupper() and not first[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem of one lower-case word: "retirement" → "retir", "realtors" → "realtor"."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) > 50_000:
            _STEMS.clear()
        plain = word.replace("'", "")
        base = _IRREGULAR.get(plain) or (plain[:-3] + "man" if len(plain) > 4 and plain.endswith("men") else plain)
        found = _STEMS[word] = _DISTINCT.get(plain) or _STEMMER.stemWord(base)
    return found


def stems(term: str) -> tuple[str, ...]:
    """A term as the stems of its words."""
    return tuple(stem(word) for word in _WORD.findall(normalise(term)))


@dataclass(frozen=True, slots=True)
class Match:
    """One term found in a text: what it stands for, the words as written and where (token positions)."""

    targets: frozenset[str]
    words: str
    start: int = 0
    end: int = 0


class Tokens:
    """A text split into stemmed words once, so several lexicons can scan it; spans are found only on a hit."""

    __slots__ = ("_spans", "raw", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text or ""
        self.raw: list[str] = _WORD.findall(normalise(self.text)) if self.text else []  # lower-case, unstemmed
        self.words: list[str] = [stem(w) for w in self.raw]
        self._spans: list[tuple[int, int]] | None = None

    def _offsets(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in _WORD.finditer(normalise(self.text))]
        return self._spans

    def span(self, start: int, end: int) -> str:
        """The words as written from token `start` up to (not including) token `end`."""
        spans = self._offsets()
        words = self.text[spans[start][0] : spans[end - 1][1]]
        return running_case(words) if start == 0 else words

    def outside(self, matches: Iterable[Match]) -> str:
        """The words no match covers, each run set apart: what a profession field says besides its trade."""
        covered = {i for match in matches for i in range(match.start, match.end)}
        runs: list[list[str]] = [[]]
        for i, word in enumerate(self.raw):
            if i in covered:
                runs.append([])
            else:
                runs[-1].append(word)
        return " / ".join(" ".join(run) for run in runs if run)

    def spaced(self, end: int) -> bool:
        """Whether token `end` follows the one before it across spaces only (no comma, slash or dash between)."""
        spans = self._offsets()
        return not self.text[spans[end - 1][1] : spans[end][0]].strip()


def _singular(word: str) -> set[str]:
    """A word and what it may be the plural or possessive of: "pharmacies" → pharmacy, "vet's" → vet."""
    word = word.replace("'", "")
    forms = {word}
    if word.endswith("s"):
        forms.add(word[:-1])
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("men"):
        forms.add(word[:-3] + "man")
    return forms


def _is_form(word: str, stemmed: str, forms: set[str]) -> bool:
    """Whether `word` is one of a one-word term's listed `forms` or another ending of it ("remodeling" for
    "remodeler"), rather than the bare stem ("market" for "marketing"), a longer word ("accountability") or a past
    tense ("cleaned" for "cleaning"): nobody writes their trade as something done."""
    singles = _singular(word)
    if not forms.isdisjoint(singles):
        return True
    if word.endswith("ed"):
        return False
    return stemmed not in singles and len(word) < max(len(form) for form in forms) + 3


class Lexicon:
    """Multi-word terms → targets, found by whole stemmed words so "IT" never matches "bit" and plurals just work.

    With `whole_words`, a one-word term matches its own endings but not the bare stem or a longer word: the trade
    "accounting" stems to "account" and "marketing" to "market", and neither is in "bank account", "on the market"
    or "accountability".
    """

    def __init__(self, terms: Mapping[str, Iterable[str]], whole_words: bool = False) -> None:
        table: dict[tuple[str, ...], set[str]] = {}
        self._forms: dict[str, set[str]] = {}  # one-word stem → the words as listed, when `whole_words`
        for term, targets in terms.items():
            key = stems(term)
            if key:
                table.setdefault(key, set()).update(targets)
                if whole_words and len(key) == 1:
                    self._forms.setdefault(key[0], set()).add(normalise(term).strip().replace("'", ""))
        self._table = {k: frozenset(v) for k, v in table.items()}
        self._longest = max((len(k) for k in self._table), default=0)
        self._starts = frozenset(k[0] for k in self._table)

    def scan(self, text: str | Tokens) -> list[Match]:
        """Longest terms first, left to right, never overlapping; a term listed with no targets hides the shorter
        terms inside it."""
        tokens = text if isinstance(text, Tokens) else Tokens(text)
        words = tokens.words
        found: list[Match] = []
        i, n = 0, len(words)
        while i < n:
            size = 0
            if words[i] in self._starts:
                for size in range(min(self._longest, n - i), 0, -1):
                    targets = self._table.get(tuple(words[i : i + size]))
                    forms = self._forms.get(words[i]) if size == 1 else None
                    if forms and not _is_form(tokens.raw[i], words[i], forms):
                        targets = None
                    if targets is not None:  # an empty set is a phrase that names nothing: its words are used up
                        if targets:
                            found.append(Match(targets, tokens.span(i, i + size), i, i + size))
                        break
                else:
                    size = 0
            i += size or 1
        return found
