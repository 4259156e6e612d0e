"""Reading an ask's words once, with their offsets, for every rule of the check to reuse.

Regex scans cost about as much per character as the rest of a check put together, so text whose letters and
digits are all ASCII (nearly every ask; "£", "’", "—" and emoji are fine) is read with bytes translation and
splits instead: C loops that give the same tokens, offsets and word counts as the regexes, which still read
any other text.
"""

from __future__ import annotations

import re
from itertools import accumulate

from netevent.ask.gate import LazyRegex
from netevent.ask.vocab import TOKEN

# The ask's tokens as parallel lists (start and end offsets, lowercase text), then the indices of those that
# start with a capital. Lists rather than a tuple per token, so they are built without a Python step per word.
Tokens = tuple[list[int], list[int], list[str], list[int]]

# Words as the length limits and the all-capitals test count them: a letter, then letters, digits, apostrophes
# and hyphens.
# (Lazy: plain text, nearly every ask, is read without these regexes.)
WORD = LazyRegex(r"[^\W\d_][\w'’-]*")
_SPLIT = LazyRegex(f"({TOKEN.pattern})")  # separators and tokens, alternately
_DIGIT = LazyRegex(r"\d")
# A letter or digit outside ASCII: the one thing the plain reading can't classify.
_WIDE_WORD_CHAR = LazyRegex(r"[^\W\x00-\x7f]")
# Spaces (\s) that ASCII-mode regexes don't count as spaces.
# (Written out: finding them by testing all 1.1 million code points cost ~90 ms of every start; a test checks
# this list against str.isspace.)
_ODD_SPACES = (
    "\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_ODD_SPACE = LazyRegex(f"[{re.escape(_ODD_SPACES)}]")
_ODD_ASCII_SPACES = bytes(c for c in map(ord, _ODD_SPACES) if c < 128)  # \x1c to \x1f

# Byte maps for plain text, where every letter or digit is ASCII (anything else encodes as "?").
_ALNUM = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Token characters (letters, digits, apostrophes) kept, everything else a space.
_TOKEN_BYTES = bytes(b if b in _ALNUM or b == ord("'") else ord(" ") for b in range(256))
# A word is a run of letters, digits, "_", "'" and "-" holding a letter: letters become "A"/"a", digits "9", the
# rest of a run "0", anything else a space. Dropping the 0s and 9s leaves one run per word, with its case.
_WORD_SHAPES = bytes(
    (ord("A") if chr(b).isupper() else ord("a"))
    if b in _ALNUM and not chr(b).isdigit()
    else ord("9")
    if b in _ALNUM
    else ord("0")
    if b in b"_'-"
    else ord(" ")
    for b in range(256)
)


def is_plain(text: str) -> bool:
    """Every letter and digit in `text` is ASCII, so the byte readings below apply."""
    return text.isascii() or _WIDE_WORD_CHAR.search(text) is None


def read_words(text: str, plain: bool) -> tuple[int, int, bool]:
    """How many words WORD finds in the ask, how many of them are in capitals, and whether it has a digit."""
    if not plain:
        found = WORD.findall(text)
        return len(found), sum(map(str.isupper, found)), _DIGIT.search(text) is not None
    if "’" in text:
        text = text.replace("’", "'")
    shapes = text.encode("ascii", "replace").translate(_WORD_SHAPES)
    # Each word is now a run of "A"s and "a"s after a space: counted, not listed.
    runs = b" " + shapes.translate(None, b"09")
    words = runs.count(b" A") + runs.count(b" a")
    return words, words - runs.translate(None, b"A").count(b" a"), b"9" in shapes


def ascii_readable(text: str, plain: bool) -> bool:
    """ASCII-mode regexes (ask_gate.ascii_twin) read this text as the full ones do: plain, and no space
    outside " ", tab and line breaks."""
    if text.isascii():
        ascii_text = text.encode("ascii")
        return len(ascii_text.translate(None, _ODD_ASCII_SPACES)) == len(ascii_text)
    return plain and _ODD_SPACE.search(text) is None


def tokens(text: str, low: str, plain: bool) -> Tokens:
    """Words of the lower-cased ask (TOKEN), with their offsets, and which of them start with a capital."""
    if low is text:  # rare: lower-casing changed the length, so lower each word on its own
        found = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(text)]
        starts, ends, lowered = [t[0] for t in found], [t[1] for t in found], [t[2] for t in found]
    else:
        read = _plain_tokens(text, low) if plain and "&" not in low else None
        if read is not None:
            return read
        # One regex pass gives separators and tokens alternately; their running lengths are the offsets.
        parts = _SPLIT.split(low)
        offsets = list(accumulate(map(len, parts)))
        starts, ends, lowered = offsets[0:-1:2], offsets[1::2], parts[1::2]
    return starts, ends, lowered, [k for k, start in enumerate(starts) if text[start].isupper()]


def _plain_tokens(text: str, low: str) -> Tokens | None:
    """TOKEN's reading of plain text without "&": runs of letters, digits and inner apostrophes. None when an
    apostrophe starts, ends or doubles inside a run, which only the regex reads right."""
    marked = low.encode("ascii", "replace").translate(_TOKEN_BYTES).decode("ascii")
    pieces = marked.split(" ")  # one piece per space: each starts one past the end of the one before
    if "'" in marked and any(p[0] == "'" or p[-1] == "'" or "''" in p for p in pieces if "'" in p):
        return None
    starts: list[int] = []
    ends: list[int] = []
    capitals: list[int] = []
    at = 0
    for piece in pieces:
        if piece:
            if text[at] != piece[0]:  # an ASCII letter or digit: a capital iff lowering changed it
                capitals.append(len(starts))
            starts.append(at)
            at += len(piece)
            ends.append(at)
        at += 1
    return starts, ends, marked.split(), capitals
