"""Reading company names the ask check's plain run of capitalised words misses: a nationality or a place that
starts one ("Kiwi Freight", "at Auckland Transport"), and where a comma ends one."""

from __future__ import annotations

from netevent.ask.tokens import Token
from netevent.ask.vocab import AskRules


def comma_before(text: str, tokens: list[Token], j: int) -> bool:
    """A comma, semicolon, slash or bracket before word j ends a name there: "Tom, Dick or Harry" is three, and
    so is "Dublin / Meath / Kildare"."""
    return 0 < j < len(tokens) and not _NAME_BREAKS.isdisjoint(text[tokens[j - 1].end : tokens[j].start])


_NAME_BREAKS = frozenset(",;()/")


def nation_led(text: str, tokens: list[Token], i: int, rules: AskRules) -> bool:
    """Mid-sentence, a title-cased no-name ("Kiwi") before a title-cased word names a company ("Kiwi Freight")."""
    k = i + 1
    if k >= len(tokens) or not tokens[k].capital or tokens[k].sentence_start or comma_before(text, tokens, k):
        return False
    one, two = tokens[i], tokens[k]
    if one.word not in rules.not_names or two.word in rules.not_names or two.word in rules.fillers:
        return False
    return text[one.start : one.end].istitle() and text[two.start : two.end].istitle()


def names_a_body(text: str, tokens: list[Token], j: int, rules: AskRules) -> bool:
    """A title-cased word after a place that is no who of its own ("Transport", "Airport", not "Dentists")."""
    if j >= len(tokens) or tokens[j].sentence_start or comma_before(text, tokens, j):
        return False
    kind = None if tokens[j].word in _PLACE_TAILS else rules.trie.get(tokens[j].word, {}).get("", "")
    return text[tokens[j].start : tokens[j].end].istitle() and kind in ("", "business")


_PLACE_TAILS = frozenset(("city", "county", "north", "south", "east", "west", "central", "metro", "district"))
