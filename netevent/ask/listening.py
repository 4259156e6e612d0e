"""What the room should listen for: what someone says in an ordinary conversation when they are at the ask's
moment or in its need ("we've just had an offer accepted"), from the data file's table or the ask's own words."""

from __future__ import annotations

from netevent.ask.parts import Hit
from netevent.ask.reading import Reading
from netevent.ask.tokens import Token
from netevent.ask.vocab import AskRules


def listen_for(reading: Reading, rules: AskRules, limit: int = 3) -> tuple[str, ...]:
    """What someone would say in conversation at the ask's moment or in its need: "we've just had an offer
    accepted". From the data file's table where it knows the phrase, else the ask's own words in first person."""
    out: list[str] = []
    covered = -1  # the last token an earlier phrase already spoke for
    for hit in reading.hits:
        if hit.kind not in ("moment", "need") or hit.first <= covered:
            continue
        phrase = _listen_phrase(reading, hit, rules)
        if phrase and phrase not in out:
            out.append(phrase)
            covered = hit.last + 5  # the fallback phrase runs on a few words past the hit
        if len(out) == limit:
            break
    return tuple(out)


_FIRST_PERSON = {
    "their": "our",
    "they": "we",
    "they're": "we're",
    "them": "us",
    "themselves": "ourselves",
    "his": "my",
    "her": "my",
    "he": "I",
    "she": "I",
    "he's": "I'm",
    "she's": "I'm",
    "has": "have",
    "is": "are",
    "was": "were",
    "theirs": "ours",
    "doesn't": "don't",
    "hasn't": "haven't",
    "isn't": "aren't",
}
_OWNED = {"their": "our", "his": "my", "her": "my", "them": "us", "they": "we"}
_CLAUSE_END = frozenset(
    ("and", "but", "who", "who've", "who's", "who're", "whose", "so", "because", "or", "which", "that", "i", "we")
)


def _listen_phrase(reading: Reading, hit: Hit, rules: AskRules) -> str:
    key = tuple(t.word for t in reading.tokens[hit.first : hit.last + 1])
    if key in rules.listen:
        return rules.listen[key]
    for size in range(len(key) - 1, 0, -1):  # a known phrase inside the hit ("just had an offer accepted")
        for at in range(len(key) - size + 1):
            if key[at : at + size] in rules.listen:
                return rules.listen[key[at : at + size]]
    toks, text = reading.tokens, reading.text
    if toks[hit.first].word in _WHEN_WORDS:
        return ""  # "this winter", "before Christmas": when, not something anyone says
    last = hit.last
    while last + 1 < len(toks) and last - hit.first < 6 and toks[last + 1].word not in _CLAUSE_END:
        if any(c in ".,;:!?()" for c in text[toks[last].end : toks[last + 1].start]):
            break
        last += 1
    first = _phrase_start(toks, hit.first)
    if first < 0:
        return ""  # "buying a property for the first time": a fragment of a noun phrase, nothing anyone says
    if toks[first].word == "whose":  # "whose dad has dementia" → "our dad has dementia"
        rest = (_OWNED.get(t.word, t.word) for t in toks[first + 1 : last + 1])
        return " ".join(("our", *rest))
    while last > hit.last and toks[last].word in _DANGLING:
        last -= 1  # "we've just had our offer on a" ends on nothing: stop at "offer"
    words = [_FIRST_PERSON.get(t.word, t.word) for t in toks[first : last + 1]]
    dropped = [t.word for t in toks[max(first - 2, 0) : first] if t.word in ("been", "who've")][-1:]
    while words and words[0] in _LEADING:
        dropped.append(words.pop(0))
    if not words:
        return ""
    said = len(words)  # the last `said` words stay the ask's own, whatever is put before them below
    if words[0] == "just":
        words.insert(0, "we've")
    elif dropped == ["been"]:
        words.insert(0, "we've been")  # "who've been | turned down for a mortgage"
    elif words[0] == "been" or (dropped and dropped[-1] in ("have", "has", "had", "who've")):
        words.insert(0, "we've")  # "who've been turned down for a mortgage" → "we've been turned down …"
    elif words[0] in ("haven't", "hasn't", "never", "not"):
        words[0:1] = ["we", "haven't" if words[0] != "never" else "never"]
    elif words[0] == "with":
        words[0] = "we've got"
    elif words[0].endswith("n't") or (dropped and dropped[-1] in _RELATIVES and not words[0].endswith("ing")):
        words[0:1] = ["we", _plain(words[0])]  # "who work night shifts", "that runs a farm" → "we run a farm"
    elif words[0] in _WISHES and not words[0].endswith("ing"):
        words[0:1] = ["we", _plain(words[0])]  # "who want to downsize" → "we want to downsize"
    elif words[0].endswith("ing") or words[0] not in ("our", "we", "we're", "i", "my", "i'm"):
        words.insert(0, "we're")
    return _glued(words, said, toks[last - said + 1 : last + 1], text)


def _glued(words: list[str], said: int, toks: tuple[Token, ...], text: str) -> str:
    """The words spaced as the ask wrote them where they touch: "$2m", "24/7", "call-outs", not "$ 2m", "24 7"."""
    out = " ".join(words[: len(words) - said])
    for n, word in enumerate(words[len(words) - said :]):
        gap = text[toks[n - 1].end : toks[n].start] if n else " "
        out += (gap if gap in _KEPT_GAPS else " ") + word
    return out.strip()


_KEPT_GAPS = frozenset(("", "/", "-", "–", "+"))


_DANGLING = frozenset(
    ("a", "an", "the", "on", "of", "to", "for", "at", "with", "their", "our", "my", "and", "next", "this", "last")
)
_RELATIVES = frozenset(("who", "that", "which"))
_WISHES = frozenset(("want", "wants", "need", "needs", "plan", "plans", "planning", "hope", "hoping", "trying"))
_PLAIN = {"does": "do", "goes": "go", "has": "have", "is": "are", "was": "were"}


def _plain(verb: str) -> str:
    """The verb as "we" say it: "runs" → "run", "needs" → "need", "does" → "do"."""
    if verb in _PLAIN:
        return _PLAIN[verb]
    return verb[:-1] if verb.endswith("s") and not verb.endswith(("ss", "us", "is")) and len(verb) > 3 else verb


def _phrase_start(toks: tuple[Token, ...], first: int) -> int:
    """Where what someone would say begins: at the "whose" a few words before ("whose tax return | is overdue"),
    at "with" ("with | leaky roofs"), at a wish ("want to | downsize"), at "in" ("in | arrears"); -1 inside a
    noun phrase ("the | first time")."""
    for k in range(first - 1, max(first - 6, -1), -1):
        if toks[k].word == "whose":
            return k
        if toks[k].word in _CLAUSE_END:
            break
    before = [t.word for t in toks[max(first - 2, 0) : first]]
    if before[-1:] == ["with"] or (len(before) == 2 and before[0] == "with" and before[1] not in _DANGLING):
        return first - (1 if before[-1] == "with" else 2)  # "with (high) staff turnover" → "we've got …"
    if len(before) == 2 and before[1] == "to" and before[0] in _WISHES:
        return first - 2
    if before[-1:] == ["in"]:
        return first - 1  # "in | trouble with damp" → "we're in trouble with damp"
    if before[-1:] and before[-1] in ("the", "a", "an"):
        return -1
    return first


_WHEN_WORDS = frozenset(("this", "next", "before", "after", "by", "in", "over", "end", "soon", "recently", "newly"))
_LEADING = frozenset(("have", "has", "who've", "who's", "who", "that", "which", "are", "is", "had"))
