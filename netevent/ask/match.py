"""Finding an ask's vocabulary, pattern, size and name hits among its words, and which of them count.

A check runs on every keystroke and over whole rosters, so hits are plain (start, end, code) tuples, and every
rule reuses the one reading of the words (ask_tokens).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress
from operator import itemgetter

from netevent.ask.tokens import Tokens, ascii_readable
from netevent.ask.vocab import PENALTY_CODES, PRIORITY, TARGET_CODES, AskRules

# A hit: (start, end, code), offsets into the ask.
Match = tuple[int, int, str]

_RANK = {code: i for i, code in enumerate(PRIORITY)}
# Codes that give way to (or take) the words of any other code covering the same words.
_CONFLICTING = frozenset(PENALTY_CODES) | {"named", "place"}
_SENTENCE_ENDS = frozenset('.!?:;"“(\n•*-')  # before a capital that only starts a sentence
_JOINERS = frozenset(" \t\n-'’")
_JOINER_CHARS = "".join(_JOINERS)
_GAP_TOKEN = re.compile(r"[,;/&]|[\w'’]+")
_DIGIT_RUN = re.compile(r"[0-9]+")
span_key = itemgetter(0, 1)


def known(word: str, known_words: frozenset[str]) -> bool:
    word = word.replace("’", "'")
    return word in known_words or (word.endswith("'s") and word[:-2] in known_words)


def _joined(text: str, end: int, start: int) -> bool:
    """Two words belong to one phrase when only spaces, hyphens or apostrophes sit between them."""
    return start - end < 4 and all(c in _JOINERS for c in text[end:start])


def vocabulary_matches(
    text: str, low: str, toks: Tokens, rules: AskRules, no_case: bool, has_digit: bool, plain: bool
) -> list[Match]:
    """Every vocabulary, pattern, size, place-name and capitalised-name hit, before overlaps are resolved."""
    found: list[Match] = []
    starts, ends, lowered, _capitals = toks
    n = len(lowered)
    # Only words that start a vocabulary phrase are walked (a node is a non-empty tuple, so truthiness will do).
    nodes = list(map(rules._phrase_starts.get, lowered))
    for i in compress(range(n), nodes):
        codes, children, simple = nodes[i]
        longest: dict[str, int] | None = None  # code → index of the last word of its fullest phrase starting here
        j = i
        while children is not None and j + 1 < n:
            nxt = children.get(lowered[j + 1])
            if nxt is None:
                break
            gap_start, gap_end = ends[j], starts[j + 1]
            if gap_end - gap_start >= 4 or text[gap_start:gap_end].strip(_JOINER_CHARS):
                break  # only spaces, hyphens or apostrophes may sit inside a phrase
            j += 1
            more, children, _ = nxt
            if more:
                if longest is None:
                    longest = dict.fromkeys(codes, i)
                for code in more:
                    longest[code] = j
        if longest is None:
            if simple:  # the usual case: one-word terms of codes that need no second look, ending here
                start, end = starts[i], ends[i]
                for code in codes:
                    found.append((start, end, code))
                continue
            if not codes:
                continue
        start = starts[i]
        for code in codes if longest is None else longest:
            last = i if longest is None else longest[code]
            if code == "place-name":
                if no_case or text[start].isupper():
                    found.append((start, ends[last], "place"))
            elif code == "generic-target" and i and lowered[i - 1] in rules.possessives:
                continue  # "their clients" are the target's clients, not the target
            elif code != "suffix":
                found.append((start, ends[last], code))
    scan = rules._scan_digit if has_digit else rules._scan_plain
    low_needs, text_needs = rules._scan_digit_needs if has_digit else rules._scan_plain_needs
    if (low_needs or text_needs) and not (
        (low_needs and low_needs.search(text if low is text else low)) or (text_needs and text_needs.search(text))
    ):
        scan = ()  # every regex needs a string the ask hasn't got
    ascii_ok: bool | None = None  # worked out when a regex first has to run
    for code, regex, ascii_regex, cased, word, gate in scan:
        subject = text if cased or low is text else low
        if (not word or word in (text if cased else low)) and (not gate or any(map(subject.__contains__, gate))):
            if ascii_regex is not None:
                if ascii_ok is None:
                    ascii_ok = ascii_readable(text, plain)
                if ascii_ok:
                    regex = ascii_regex
            found.extend((m.start(), m.end(), code) for m in regex.finditer(subject) if m.end() > m.start())
    # str.isdigit (what _sizes tests) also takes non-ASCII digits such as "²" that \d skips
    if "size" in rules.codes and (has_digit or not text.isascii() or not rules.number_words.isdisjoint(lowered)):
        found.extend(_sizes(text, low, toks, rules, plain))
    # A lone capital opening the ask (the usual case) starts its sentence and names no one.
    if "named" in rules.codes and (no_case or _capitals not in ([], [0]) or starts[0] or "&" in text):
        found.extend(_names(text, toks, rules, no_case))
    return found


def _sizes(text: str, low: str, toks: Tokens, rules: AskRules, plain: bool) -> list[Match]:
    """ "<number> [a few words] <unit>": "20 staff", "a dozen vans", "40-bed", "two or more bays"."""
    found = []
    starts, ends, lowered, _caps = toks
    number_words, units = rules.number_words, rules.units
    n = len(lowered)
    if plain:
        # Where a number can start, found by C loops: the words starting a run of (ASCII) digits, and the
        # number words present.
        heads = set()
        for run in _DIGIT_RUN.finditer(low):
            k = bisect_left(starts, run.start())
            if k < n and starts[k] == run.start():
                heads.add(k)
        for word in number_words.intersection(lowered):
            k = lowered.index(word)
            while True:
                heads.add(k)
                try:
                    k = lowered.index(word, k + 1)
                except ValueError:
                    break
        candidates: Iterable[int] = sorted(heads)
    else:
        candidates = (i for i, word in enumerate(lowered) if word[0].isdigit() or word in number_words)
    for i in candidates:
        for j in range(i + 1, min(i + 5, n)):
            gap = text[ends[j - 1] : starts[j]]
            if gap.strip(" \t-+") and gap not in (",", "."):
                break
            if lowered[j] in units:
                found.append((starts[i], ends[j], "size"))
                break
    return found


def _names(text: str, toks: Tokens, rules: AskRules, no_case: bool) -> list[Match]:
    """Capitalised names the vocabulary doesn't know: a person or business, or a place after "in"/"near"."""
    found: list[Match] = []
    starts, ends, lowered, capitals = toks
    known_words = rules.known_words
    if no_case:
        # Capitals say nothing here; only "<WORD> LTD"-style company endings do.
        if rules.company_suffix:
            for m in rules.company_suffix.finditer(text):
                i = next((k for k, s in enumerate(starts) if s >= m.start()), len(starts))
                j = i
                while (
                    j > 0
                    and not known(lowered[j - 1], known_words)
                    and _joined(text, ends[j - 1], starts[j] if j < len(starts) else m.start())
                ):
                    j -= 1
                if j < i:
                    found.append((starts[j], m.end(), "named"))
        return found
    # Runs of capitalised words (and "&" inside one) separated only by spaces, as [first, last] token indices.
    if not capitals:
        return found  # "&" only continues a run of capitals
    candidates = capitals
    if "&" in text:
        candidates = sorted(capitals + [k for k, w in enumerate(lowered) if w == "&"])
    runs: list[list[int]] = []
    last = -2
    for k in candidates:
        if lowered[k] == "&" and last != k - 1:
            continue  # "&" only continues a run
        if last == k - 1 and text[ends[k - 1] : starts[k]].strip(" \t") == "":
            runs[-1][1] = k
        else:
            runs.append([k, k])
        last = k
    suffix_words = rules.suffix_words
    for first, final in runs:
        base = starts[first]
        # In the three characters before (a slice that may start mid-way): only spaces, or a sentence end (a
        # line break among them) and then spaces.
        if base:
            before = text[max(0, base - 3) : base]
            kept = before.rstrip()
            at_start = not kept or kept[-1] in _SENTENCE_ENDS or "\n" in before[len(kept) :]
        else:
            at_start = True
        if first == final and at_start:
            continue  # the capital of a sentence's first word
        has_suffix = any(lowered[t] in suffix_words for t in range(first + 1, final + 1))
        if at_start and not has_suffix and known(lowered[first], known_words):
            first += 1
        while first <= final and _plain(lowered[first], rules):
            first += 1
        while first <= final and _plain(lowered[final], rules) and not has_suffix:
            final -= 1
        if first > final:
            continue
        start, end = starts[first], ends[final]
        code = "place" if rules.place_prepositions.search(text[max(0, start - 16) : start]) else "named"
        found.append((start, end, code))
    return found


def _plain(word: str, rules: AskRules) -> bool:
    """A capitalised word that is ordinary vocabulary or an acronym we know, so no name."""
    if "’" in word:
        return known(word, rules.known_words) or word in rules.not_names
    # known_words, not_names and "&" in one set; then the "'s" of a known word
    return word in rules._plain_words or (word.endswith("'s") and word[:-2] in rules.known_words)


def resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Drop hits swallowed by a fuller phrase ("paying clients" is a lead request, not a generic "clients"),
    in reading order. On the same words, one hit per code stays and a penalty, name or place takes them from
    another code by PRIORITY."""
    if len(matches) < 2:
        return matches
    if len(matches) > 12:
        kept = _resolve_sweep(matches)
        kept.sort(key=span_key)
        return kept
    ordered = sorted(matches, key=span_key)
    reach = -1
    for start, end, _ in ordered:
        if start < reach:
            break
        reach = end
    else:
        return ordered  # no two hits share a character, so none swallows another
    kept = []
    for a, (start, end, code) in enumerate(ordered):
        swallowed = False
        for b, (s, e, c) in enumerate(ordered):
            if s > start:
                break  # in start order: nothing from here on starts early enough to hold this hit
            if end > e or a == b:
                continue
            same_span = s == start and e == end
            if c == code:
                if same_span and b > a:
                    continue  # the first of two equal hits stays
                swallowed = True
                break
            if (code in _CONFLICTING or c in _CONFLICTING) and (not same_span or _RANK[c] < _RANK[code]):
                swallowed = True
                break
        if not swallowed:
            kept.append(ordered[a])
    return kept


def _resolve_sweep(matches: list[Match]) -> list[Match]:
    """`resolve_overlaps` for long asks: one pass over the hits by start (widest first) instead of all pairs."""
    ranked = sorted([(start, -end, k, code) for k, (start, end, code) in enumerate(matches)])
    keep = [True] * len(matches)
    widest: dict[str, int] = {}  # code → furthest end among hits starting earlier (or as early and wider)
    widest_any = widest_conflicting = -1
    g = 0
    while g < len(ranked):
        start, neg_end, k, code = ranked[g]
        end = -neg_end
        h = g + 1
        while h < len(ranked) and ranked[h][0] == start and ranked[h][1] == neg_end:
            h += 1
        if h == g + 1:  # the usual case: no other hit on exactly these words
            if code in _CONFLICTING:
                keep[k] = widest_any < end
                if widest_conflicting < end:
                    widest_conflicting = end
            else:
                keep[k] = widest_conflicting < end and widest.get(code, -1) < end
            if widest.get(code, -1) < end:
                widest[code] = end
            if widest_any < end:
                widest_any = end
            g = h
            continue
        codes = [r[3] for r in ranked[g:h]]
        for p in range(g, h):
            code = ranked[p][3]
            # Inside a wider hit: any code takes a penalty's, name's or place's words; only a penalty, name, place
            # or the same code takes another credit's.
            if code in _CONFLICTING:
                covered = widest_any >= end
            else:
                covered = widest_conflicting >= end or widest.get(code, -1) >= end
            # On the same words: the first hit of a code stays; a conflicting code ranked higher takes them.
            if covered or (
                h - g > 1
                and (
                    code in codes[: p - g]
                    or any(
                        c != code and (code in _CONFLICTING or c in _CONFLICTING) and _RANK[c] < _RANK[code]
                        for c in codes
                    )
                )
            ):
                keep[ranked[p][2]] = False
        for code in codes:
            if widest.get(code, -1) < end:
                widest[code] = end
            if code in _CONFLICTING and widest_conflicting < end:
                widest_conflicting = end
        if widest_any < end:
            widest_any = end
        g = h
    return list(compress(matches, keep))


def longest_target_chain(text: str, matches: list[Match], rules: AskRules) -> list[Match]:
    """The longest list of targets joined only by commas/"or"/"and", if it is long enough to scatter the ask."""
    candidates = [m for m in matches if m[2] in TARGET_CODES]
    if len(candidates) < rules.many_targets:
        return []
    # "estate" inside "estate agents" is not a target of its own: drop a hit inside a longer one. Hits come in
    # (start, end) order, so a longer one holding it starts earlier and ends no sooner, or starts with it and
    # ends later.
    targets = []
    reach = -1  # furthest end among hits starting before the current start
    k = 0
    while k < len(candidates):
        start = candidates[k][0]
        j = k + 1
        while j < len(candidates) and candidates[j][0] == start:
            j += 1
        widest = candidates[j - 1][1]
        if widest > reach:
            targets.extend(m for m in candidates[k:j] if m[1] == widest)
            reach = widest
        k = j
    best: list[Match] = []
    chain: list[Match] = []
    for m in targets:
        if chain and _only_connectors(text[chain[-1][1] : m[0]], rules):
            chain.append(m)
        elif chain and m[0] < chain[-1][1]:
            continue
        else:
            chain = [m]
        if len(chain) > len(best):
            best = list(chain)
    if len(best) < rules.many_targets:
        return []
    # Several roles at one named kind of business ("the owner, manager or head chef of a café") is one target.
    codes = {m[2] for m in best}
    lo, hi = best[0][0], best[-1][1]
    if codes == {"role"} and any(m[2] in ("sector", "named") and (m[1] <= lo or m[0] >= hi) for m in matches):
        return []
    return best


def _only_connectors(gap: str, rules: AskRules) -> bool:
    """Only connectors ("or", ",") and fillers ("any", "the") between two targets, and at least one connector.
    Read word by word, so the long gap of a sentence stops at its first ordinary word."""
    low = gap.lower()  # lowered at once when that keeps every character (it does but for "İ")
    whole = len(low) == len(gap)
    fillers, connectors = rules.fillers, rules.connectors
    joined = False
    for match in _GAP_TOKEN.finditer(low if whole else gap):
        token = match.group() if whole else match.group().lower()
        if token in fillers:
            continue
        if token not in connectors:
            return False
        joined = True
    return joined
