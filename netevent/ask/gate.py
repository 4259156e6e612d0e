"""Making the ask rules' regexes cheaper to run without changing what they match.

A regex that starts with \\b or a group has no prefix for the regex engine to skip ahead on, so it tries to match
at every character of the ask. A gate (strings one of which every match must contain) lets a few substring tests
rule most asks out first; an ASCII-mode copy of the regex reads plain text about twice as fast. Both are worked
out from the regex's parse tree and are conservative: anything this can't reason about gets neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # the parser re.compile itself uses; private, so without it every regex simply runs ungated
    from re import _parser as _sre
except ImportError:  # pragma: no cover - other Pythons
    _sre = None  # type: ignore[assignment]

_REPEATS = tuple(getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if _sre)


def pattern_gate(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Strings one of which is in every text `pattern` (compiled with `flags`) matches; () when there is no such
    set (or it can't be worked out), meaning the regex must always run."""
    if _sre is None:
        return ()
    try:
        parsed = _sre.parse(pattern, flags)
        found = _required(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    except Exception:  # a gate is only an optimisation: when in doubt, run the regex
        return ()
    return tuple(found) if found else ()


class LazyRegex:
    """A regex compiled on its first run. Most asks pass few gates, so most of the rules' regexes never run in a
    session; compiling them all cost ~15 ms of every start, when the cached rules are unpickled. The ask modules'
    Unicode regexes are lazy too: plain ASCII asks (nearly all) never run them."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def _compile(self) -> re.Pattern[str]:
        self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return (self._compiled or self._compile()).finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return (self._compiled or self._compile()).search(text)

    def findall(self, text: str) -> list[Any]:
        return (self._compiled or self._compile()).findall(text)

    def split(self, text: str) -> list[str | Any]:
        return (self._compiled or self._compile()).split(text)

    def __reduce__(self) -> tuple[type[LazyRegex], tuple[str, int]]:
        return LazyRegex, (self.pattern, self.flags)  # pickled as its source, compiled again on first run

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyRegex) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))


def ascii_twin(pattern: str, flags: int = 0) -> LazyRegex | None:
    """The regex in ASCII mode, when that reads text with no letter, digit or space outside ASCII (other than
    " ", tab and line breaks) exactly as `pattern` does: every character it names is ASCII."""
    if _sre is None:
        return None
    try:
        if not _ascii_only(list(_sre.parse(pattern, flags))):
            return None
        re.compile(pattern, flags | re.ASCII)  # fails here, not on first run, for an inline (?u)
        return LazyRegex(pattern, flags | re.ASCII)
    except Exception:  # e.g. an inline (?u): keep the one regex
        return None


def _ascii_only(items: list[tuple[Any, Any]]) -> bool:
    """Every literal and range in these parse items is ASCII (and no construct we don't know)."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            ok = av < 128
        elif op is _sre.RANGE:
            ok = av[1] < 128
        elif op in (_sre.AT, _sre.ANY, _sre.CATEGORY, _sre.NEGATE, _sre.GROUPREF):
            ok = True
        elif op is _sre.IN:
            ok = _ascii_only(av)
        elif op is _sre.SUBPATTERN:
            ok = _ascii_only(list(av[3]))
        elif op is _sre.BRANCH:
            ok = all(_ascii_only(list(branch)) for branch in av[1])
        elif op in _REPEATS:
            ok = _ascii_only(list(av[2]))
        elif op is _sre.ATOMIC_GROUP:
            ok = _ascii_only(list(av))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            ok = _ascii_only(list(av[1]))
        else:
            ok = False
        if not ok:
            return False
    return True


def _better(new: list[str], old: list[str] | None) -> bool:
    """Longer strings, then fewer of them, rule out more asks."""
    return old is None or (min(map(len, new)), -len(new)) > (min(map(len, old)), -len(old))


def _shortest(strings: set[str]) -> list[str]:
    """The strings not containing another of them: a text holding "A$" holds "$"."""
    return sorted(s for s in strings if not any(other != s and other in s for other in strings))


def _required(items: list[tuple[Any, Any]], ignore_case: bool) -> list[str] | None:
    """The best set of strings one of which any match of this sequence of parse items contains, or None."""
    best: list[str] | None = None
    run: list[str] = []  # consecutive case-sensitive literal characters

    def consider(candidate: list[str] | None) -> None:
        nonlocal best
        if candidate and all(candidate) and _better(candidate, best):
            best = candidate

    for op, av in items:
        if op is _sre.LITERAL and not ignore_case:
            run.append(chr(av))
            continue
        consider(["".join(run)] if run else None)
        run = []
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            sub_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            consider(_required(list(sub), sub_case))
        elif op is _sre.BRANCH:
            options = [_required(list(branch), ignore_case) for branch in av[1]]
            if all(options):
                consider(_shortest({s for option in options if option for s in option}))
        elif op in _REPEATS and av[0] >= 1:
            consider(_required(list(av[2]), ignore_case))
        elif op is _sre.ATOMIC_GROUP:
            consider(_required(list(av), ignore_case))
        elif op is _sre.ASSERT:  # a lookahead or lookbehind reads text that is in the ask too
            consider(_required(list(av[1]), ignore_case))
        elif op is _sre.IN and not ignore_case and all(kind is _sre.LITERAL for kind, _ in av):
            consider(_shortest({chr(code) for _, code in av}))
    consider(["".join(run)] if run else None)
    return best
