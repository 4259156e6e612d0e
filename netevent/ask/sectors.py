"""Sectors listed before one shared noun ("retail, hospitality and logistics companies"): each is a kind of
business of its own, so the list reader (clauses.list_chain) sees a long run of them as a scattergun ask."""

from __future__ import annotations

from netevent.ask.clauses import joins
from netevent.ask.parts import Hit
from netevent.ask.tokens import Token
from netevent.ask.vocab import AskRules


def shared_nouns(text: str, tokens: list[Token], lows: list[str], hits: list[Hit], rules: AskRules) -> list[Hit]:
    """Each word listed before a kind of business that ends in an organisation noun, read as a kind of its own."""
    covered = {i for h in hits for i in range(h.first, h.last + 1)}
    added = [
        sector
        for hit in hits
        if hit.kind == "business" and hit.first != hit.last and lows[hit.last] in rules.organisation_nouns
        for sector in _sectors_before(text, tokens, lows, hit.first, covered, rules)
    ]
    return sorted([*hits, *added], key=lambda h: h.first) if added else hits


def _sectors_before(
    text: str, tokens: list[Token], lows: list[str], k: int, covered: set[int], rules: AskRules
) -> list[Hit]:
    """The words before word k joined to it by commas, "and" or "or", while each could say what a business
    does: no common word, quality or name ("small and medium companies", "Cork and Kerry firms" are not sectors)."""
    out: list[Hit] = []
    after = k
    while True:
        j = after - 1
        while j >= 0 and lows[j] in rules.connectors:
            j -= 1  # "and", "or" are words of their own; a comma is not
        if j < 0 or j in covered or not joins(text[tokens[j].end : tokens[after].start], rules):
            return out
        word = lows[j]
        if not word.isalpha() or word in rules.english or word in rules.qualities or word in rules.not_names:
            return out
        if tokens[j].capital and not tokens[j].sentence_start:
            return out
        out.append(Hit("business", j, j, tokens[j].start, tokens[j].end, text[tokens[j].start : tokens[j].end]))
        after = j
