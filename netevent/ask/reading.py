"""Reading an ask into its parts: who it is about, what narrows them, and what blurs them.

Each part is a `Hit`: the kind of part and where its words are. The reading knows nothing of verdicts; the
judging (judging.py) and the wording (advice.py) work from it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from netevent.ask.clauses import (
    blurred_owners,
    list_chain,
    need_happened,
    owned_generics,
    qualified_generics,
    situation_clause,
    unhedged,
    unlisted_who,
    unwished,
    whose_clause,
)
from netevent.ask.context import backstory, in_context, own_trade_targets, story_end
from netevent.ask.names import comma_before, names_a_body, nation_led
from netevent.ask.parts import VAGUE_NUMBER, WHO, Hit, as_kind, hit_over
from netevent.ask.sectors import shared_nouns
from netevent.ask.tokens import Token, case_is_telling, tokenize
from netevent.ask.vocab import TOKEN, AskRules

_NAME_JOINERS = frozenset(("&", "of", "and"))
_OWNING = frozenset(("their", "his", "her", "its", "with"))  # what a who has: "their practice", "with offices"


@dataclass(frozen=True)
class Reading:
    text: str
    tokens: tuple[Token, ...]
    hits: tuple[Hit, ...]
    audience: str  # "consumer", "business", or "" when the ask doesn't say
    about_people: bool  # it opens on people ("anyone", "couples"): an organisation later is where they work
    one_person: bool  # its only "anyone" words picture one person ("someone"), not everybody
    foreign: bool  # too few English words to judge
    n_words: int
    need_happened: bool = False  # a need is an event ("whose insurance was cancelled"), not a shared complaint
    story_end: int | None = None  # the token where the speaker's own story before the ask ends (context.story_end)

    def kinds(self) -> set[str]:
        return {h.kind for h in self.hits}


def read(text: str, rules: AskRules) -> Reading:
    # Past twice the length a room remembers, nothing more is read: a ramble is judged on its opening words,
    # as the room hears it, and reading no further keeps the check fast on 2,000-character pastes.
    limit = 2 * rules.too_long_words
    tokens = tokenize(text, limit)
    n_words = len(tokens) if len(tokens) < limit else len(TOKEN.findall(text))
    lows = [t.word for t in tokens]
    cased = case_is_telling(text)
    found: list[Hit] = []
    i = 0
    phrases, places, numbers = rules.trie, rules.place_names, rules.number_words
    while i < len(tokens):
        word = lows[i]
        # Each reader is tried only where it could match: most words start no phrase, name or number.
        hit = None
        if cased:
            if tokens[i].capital:
                hit = _name_at(tokens, i, rules, text)
        elif word not in rules.known_words:
            hit = _lower_name_at(tokens, lows, i, rules)
        if hit is None and (word in phrases or word in places):
            hit = _phrase_at(tokens, lows, i, rules, cased)
        if hit is not None and hit.first == hit.last and i and lows[i - 1] in rules.subjects and hit.kind in WHO:
            hit = None  # "anyone you'd trust", "people who farm": after a subject the word is a verb, no who
        if hit is None and (word in numbers or word[0].isdigit()):
            hit = _size_at(tokens, lows, i, rules)
        if hit is None:
            i += 1
            continue
        if hit.kind == "named" and found and found[-1].kind == "place" and _listed(text, found[-1], hit):
            hit = as_kind(hit, "place")  # "in Austin, Round Rock or Cedar Park": one more place
        found.append(hit)
        i = hit.last + 1
    present = {h.kind for h in found}  # the passes below each look for one kind: most asks have none of it
    if "generic" in present:
        found = qualified_generics(text, tokens, lows, found, rules)
    if "generic" in present or (not present.isdisjoint(("business", "group")) and not _OWNING.isdisjoint(lows)):
        found = owned_generics(tokens, lows, found)
    if "business" in {h.kind for h in found}:
        found = shared_nouns(text, tokens, lows, found, rules)
    found = in_context(found, tokens, lows, text)
    story = story_end(tokens, lows, found)
    hits = backstory(found, story)
    if "owner" in present:
        hits = blurred_owners(text, lows, hits)
    if not any(h.kind in WHO or h.kind in ("named", "anyone", "generic", "lead") for h in hits):
        unknown = unlisted_who(text, tokens, lows, hits, rules)
        if unknown is not None:
            hits = sorted([*hits, unknown], key=lambda h: h.first)
    if "whose" in lows:
        hits = whose_clause(text, tokens, lows, hits, rules)
    situation = situation_clause(text, tokens, lows, hits)
    if situation is not None:
        hits = sorted([*hits, situation], key=lambda h: h.first)
    if "hedge" in present:
        hits = unhedged(text, tokens, hits)
    if "service" in present:
        hits = unwished(lows, hits)
    if "self" in present or "self-after" in present:  # "self" cues are what mark a who as the own trade
        hits = own_trade_targets(text, tokens, lows, hits)
    chain = list_chain(hits, text, rules)
    if chain:
        hits.append(chain)
    known = sum(map(rules.known_words.__contains__, lows))
    foreign = len(lows) >= 4 and known < 0.25 * len(lows)
    about_people = _about_people(hits, lows, rules)
    audience = _audience(hits, lows, rules, about_people)
    if audience == "consumer" and any(h.kind == "group" for h in hits):
        # "near the school", "a college fund": places and things in a household's life, not the who
        hits = [as_kind(h, "context") if h.kind in ("business", "owner") else h for h in hits]
    one_person = "anyone" in present and rules.one_person.issuperset(
        h.words.lower() for h in hits if h.kind == "anyone"
    )
    happened = "need" in {h.kind for h in hits} and need_happened(lows, hits, rules)
    return Reading(
        text, tuple(tokens), tuple(hits), audience, about_people, one_person, foreign, n_words, happened, story
    )


def _listed(text: str, before: Hit, hit: Hit) -> bool:
    gap = text[before.end : hit.start]
    words = gap.replace(",", " ").split()
    return ("," in gap or bool(words)) and all(word.lower() in ("or", "and", "&") for word in words)


def _about_people(hits: list[Hit], lows: list[str], rules: AskRules) -> bool:
    """The ask's first who is people, not an organisation or a job: "anyone whose employer …", "couples who …"."""
    first = next((h for h in hits if h.kind in _WHO_OR_BLUR), None)
    if not rules.person_words.isdisjoint(lows[: first.first] if first else lows):
        return True  # "staff at the hospital in Galway who …"
    if first is not None and first.last + 1 < len(lows) and lows[first.last + 1] in rules.person_words:
        return True  # "restaurant staff who have just lost their jobs": people, and where they work
    if first is None or first.kind not in ("group", "anyone", "generic"):
        return False
    return first.kind == "group" or first.words.lower() in rules.person_words


_WHO_OR_BLUR = frozenset((*WHO, "anyone", "generic"))


def _audience(hits: list[Hit], lows: list[str], rules: AskRules, about_people: bool) -> str:
    """Who the ask is about: private people (consumer), organisations (business), or it doesn't say (""),
    when the advice stays neutral."""
    kinds = {h.kind for h in hits}
    if "group" in kinds and "role" not in kinds:
        return "consumer"  # private people named as a group outweigh places they go ("near the school")
    starts = rules.cue_pair_starts
    pairs = [] if starts.isdisjoint(lows) else [f"{a} {b}" for a, b in itertools.pairwise(lows) if a in starts]
    if about_people:  # "someone who's just inherited their dad's company": work words are their situation
        people = _count(rules.consumer_cues, lows, pairs) + _count(rules.life_events, lows, pairs)
        return "consumer" if people else ""
    consumer = _count(rules.consumer_cues, lows, pairs)
    first = next((h for h in hits if h.kind in _WHO_OR_BLUR), None)
    led = first is not None and first.kind == "business"  # "nursing homes", "car dealerships": the who itself
    if consumer and (led or not kinds.isdisjoint(_READ_AS_BUSINESS)):  # "mom-and-pop restaurants": no mum
        read = [w for h in hits if h.kind in _READ_AS_BUSINESS or h is first for w in lows[h.first : h.last + 1]]
        consumer -= _count(rules.consumer_cues, read, [])
    if kinds & {"role", "owner", "trade"} or "business" not in kinds:
        consumer += _count(rules.life_events, lows, pairs)  # a person's own life, not an organisation's staff
    business = _count(rules.business_cues, lows, pairs)
    if kinds & {"role", "business", "owner"}:
        # A job title or a trade can belong to a person with a household's problems ("retiring directors
        # with a pension to sort", "farmers with bad knees"): business advice only when nothing in the ask
        # is about private life; when it is mixed, neutral advice.
        if not consumer:
            return "business"
        return "consumer" if consumer > business else ""
    if consumer > business:
        return "consumer"
    return "business" if business > consumer else ""


_READ_AS_BUSINESS = frozenset(("size", "generic"))


def _count(cues: frozenset[str], lows: list[str], pairs: list[str]) -> int:
    """How many of the ask's words and two-word phrases are cues ("pension", "life insurance")."""
    return sum(map(cues.__contains__, lows)) + sum(map(cues.__contains__, pairs))


def _hit(tokens: list[Token], kind: str, first: int, end: int) -> Hit:
    """A hit over tokens first..end-1; its words are filled in from the text by `context.in_context`."""
    return hit_over(tokens, kind, first, end)


def _phrase_at(tokens: list[Token], lows: list[str], i: int, rules: AskRules, cased: bool) -> Hit | None:
    """The longest listed phrase (or place name) starting at token i."""
    best: tuple[int, str] | None = None
    node = rules.trie.get(lows[i])
    j = i + 1
    while node is not None:  # the longest phrase wins: remember the last one that ended
        if "" in node:
            best = (j - i, node[""])
        node = node.get(lows[j]) if j < len(lows) else None
        j += 1
    for key in rules.place_names.get(lows[i], ()):
        # A place name is only a place when written as one ("Reading", not "reading"), unless case says nothing.
        if tuple(lows[i : i + len(key)]) == key and (tokens[i].capital or not cased):
            if best is None or len(key) > best[0]:
                best = (len(key), "place")
            break
    return _hit(tokens, best[1], i, i + best[0]) if best else None


def _size_at(tokens: list[Token], lows: list[str], i: int, rules: AskRules) -> Hit | None:
    """A number followed within a few words by a unit: "20 staff", "three to ten chairs", "40-bed"."""
    word = lows[i]
    if word not in rules.number_words and (word.isalpha() or not any(map(str.isdigit, word))):
        return None
    if i and lows[i - 1] in _BEFORE_YEAR and len(word) == 4 and word.isdigit():
        return None  # "pre-1919 terraced houses": a year, not a count
    if VAGUE_NUMBER.fullmatch(word) or (word.endswith("s") and word[:-1].isdigit() and len(word) in (3, 5)):
        return None  # "100s of clients", "the 1970s", "the 90s": a boast or a decade, no count to picture
    for j in range(i + 1, min(i + 5, len(lows))):
        if lows[j] in rules.size_units or _counted_who(lows[j], rules):
            if j + 1 < len(lows) and lows[j + 1] in rules.size_units:
                j += 1  # "three student houses": the last unit says what is counted
            return _hit(tokens, "size", i, j + 1)  # "20 staff", "5 to 10 therapists"
        if lows[j] in _PER and j + 1 < len(lows) and lows[j + 1] in _PERIODS and j > i + 1:
            return _hit(tokens, "size", i, j + 2)  # "20 or more weddings a year", "50 covers a night"
    return None


def _counted_who(word: str, rules: AskRules) -> bool:
    for size, keys in rules.phrases_by_size.get(word, ()):
        if size == 1:
            return keys.get((word,)) in WHO
    return False


_PER = frozenset(("a", "per", "each", "every"))
_BEFORE_YEAR = frozenset(("pre", "post", "since", "before", "after", "circa", "built", "from", "in"))
_PERIODS = frozenset(("year", "month", "week", "day", "night", "season"))


def _name_at(tokens: list[Token], i: int, rules: AskRules, text: str) -> Hit | None:
    """A run of capitalised words that are no English or vocabulary word: a named person or company, or a
    place when a place preposition comes before it ("in Round Rock"). A run ends at a comma: "Tom, Dick or
    Harry" is three words, not one name."""
    # A capitalised word that is no name alone ("Kiwi", "Irish") still starts one before a name word ("Kiwi
    # Freight", "Irish Life"); common English words don't ("I", "IT"), nor "any", "the", "all".
    low = tokens[i].word
    if low in rules.tools and i and tokens[i - 1].word == "at":
        return _hit(tokens, "named", i, i + 1)  # "the marketing manager at Xero": the employer, not the tool
    starts = _name_word(tokens[i], rules) or (
        tokens[i].capital
        and (low not in rules.not_names or low not in rules.known_words)
        and low not in rules.fillers
        and _continues(text, tokens, i, rules)
    )
    led = not starts and nation_led(text, tokens, i, rules)
    if not starts and tokens[i].capital and not tokens[i].sentence_start and i + 2 < len(tokens):
        title = text[tokens[i].start : tokens[i].end].istitle() and low not in rules.not_names
        title = title and rules.trie.get(low, {}).get("") not in ("role", "owner")  # not "GM of Pine Ridge"
        starts = title and tokens[i + 1].word == "of" and _name_word(tokens[i + 2], rules)  # "Bank of Ireland"
    if not (starts or led) or (tokens[i].sentence_start and not (led or _continues(text, tokens, i, rules))):
        return None
    if _speaker_before(tokens, i):
        return None  # "I'm Dave Smith with Acme Roofing": the speaker, not whom they want to meet
    j = i + 2 if led else i + 1
    while j < len(tokens) and not tokens[j].sentence_start and not comma_before(text, tokens, j):
        if _name_word(tokens[j], rules) or (tokens[j].capital and tokens[j].word not in rules.known_words):
            j += 1
        elif tokens[j].word in _NAME_JOINERS and j + 1 < len(tokens) and _name_word(tokens[j + 1], rules):
            j += 2
        else:
            break
    prev = i - 1
    while prev >= 0 and tokens[prev].word in ("the", "a"):
        prev -= 1
    prev_low = tokens[prev].word if prev >= 0 else ""
    if tuple(t.word for t in tokens[i:j]) in rules.place_names.get(tokens[i].word, ()):
        cue = prev_low in rules.name_cues and prev_low not in rules.place_prepositions  # "at", not "from"
        if not (cue and names_a_body(text, tokens, j, rules)):
            return None  # "New York": a listed place, read as one ("Brisbane Convention Centre" is a name)
        j += 1  # "at Auckland Transport", "with Sydney Water": a place's own body, named
    moved = prev_low == "to" and prev > 0 and tokens[prev - 1].word in rules.moves  # "moved to Lisbon"
    # "moving back to Dublin from Dubai", "relocating from Lagos": where they come from is a place too
    moved = moved or (
        prev_low == "from" and not rules.moves.isdisjoint(t.word for t in tokens[max(prev - 5, 0) : prev])
    )
    if moved or (prev_low in rules.place_prepositions and prev_low not in rules.name_cues):
        return _hit(tokens, "place", i, j)
    lows = [t.word for t in tokens[j : j + 3]]
    for key, _kind in _suffixes(rules, lows[0] if lows else ""):
        if tuple(lows[: len(key)]) == key:  # "Patel & Co", "Halden Joinery Ltd"
            return _hit(tokens, "named", i, j + len(key))
    if prev_low in rules.name_cues or j - i >= 2:
        return _hit(tokens, "named", i, j)
    return None


_FIRST_PERSON = frozenset(("i", "i'm", "my", "we", "we're", "our", "me", "myself"))
_WANTING = frozenset((  # words that show the speaker wants to meet whom they name
    "meet", "introduction", "introductions", "introduced", "intro", "introduce", "connect", "know", "talk", "speak",
    "referral", "referrals", "ideal", "looking", "want", "like", "love", "after", "seeking", "find", "reach",
    "touch",
))  # fmt: skip


def _speaker_before(tokens: list[Token], i: int) -> bool:
    """The words before a name in its sentence are about the speaker ("my name is", "I work with") and none
    of them asks to meet anyone."""
    before: list[str] = []
    for k in range(i - 1, -1, -1):
        before.append(tokens[k].word)
        if tokens[k].sentence_start:
            break
    return bool(_FIRST_PERSON.intersection(before)) and not _WANTING.intersection(before)


def _lower_name_at(tokens: list[Token], lows: list[str], i: int, rules: AskRules) -> Hit | None:
    """In an ask typed without capitals, "intro to mike at precision auto": a person before "at" or "from"; and
    "grandparents in kelowna": a word no list knows after "in" is where they are."""
    cued = 0 < i < len(lows) - 2 and lows[i - 1] in ("to", "meet") and lows[i + 1] in ("at", "from")
    if cued and lows[i] not in rules.known_words and lows[i + 2] not in rules.known_words and lows[i].isalpha():
        return _hit(tokens, "named", i, i + 1)
    # "in hospitality", "in education": a field of work, not a town
    placed = i and lows[i - 1] in rules.place_prepositions and not lows[i].endswith(_FIELD_ENDINGS)
    if placed and lows[i].isalpha() and lows[i] not in rules.known_words:
        return _hit(tokens, "place", i, i + 1)
    return None


_FIELD_ENDINGS = ("ity", "tion", "sion", "ism", "ment", "ture", "ics")


def _suffixes(rules: AskRules, low: str) -> list[tuple[tuple[str, ...], str]]:
    return [p for p in rules.phrases.get(low, ()) if p[1] == "suffix"]


def _name_word(token: Token, rules: AskRules) -> bool:
    low = token.word
    return token.capital and low not in rules.known_words and low not in rules.not_names and not low.isdigit()


def _continues(text: str, tokens: list[Token], i: int, rules: AskRules) -> bool:
    return _run_continues(tokens, i, rules) and not comma_before(text, tokens, i + 1)


def _run_continues(tokens: list[Token], i: int, rules: AskRules) -> bool:
    return i + 1 < len(tokens) and not tokens[i + 1].sentence_start and _name_word(tokens[i + 1], rules)
