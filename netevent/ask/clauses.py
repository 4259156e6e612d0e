"""Reading whole clauses of an ask: a situation described in the ask's own words, a who the vocabulary doesn't
list, a guess that is no moment, the speaker's own trade presented as the target, what a who owns, and a
scattergun list of targets. All work on what the phrase reader already found."""

from __future__ import annotations

import itertools

from netevent.ask.parts import WHO, Hit, as_kind, vague_amount
from netevent.ask.tokens import Token
from netevent.ask.vocab import AskRules


def unlisted_who(text: str, tokens: list[Token], lows: list[str], hits: list[Hit], rules: AskRules) -> Hit | None:
    """An ask that opens on a plural the vocabulary doesn't know ("Pilots in Dublin nearing retirement",
    "Beekeepers with …") is about those people: read as a trade, so the advice stays neutral."""
    k = 0
    changed = True
    while changed and k < len(lows):
        changed = False
        for lead in rules.lead_ins_by_first.get(lows[k], ()):
            if tuple(lows[k : k + len(lead)]) == lead:
                k += len(lead)
                changed = True
                break
    while k < len(lows) and lows[k] in ("a", "an", "the", "some", "more", "other"):
        k += 1
    covered = {i for h in hits for i in range(h.first, h.last + 1)}
    if k >= len(lows) or k in covered:
        return None
    last = k
    if not _plural(lows[k]) and k + 1 < len(lows) and k + 1 not in covered and _compound(lows[k], lows[k + 1], rules):
        last = k + 1  # "ski instructors", "tree surgeons": a word saying what they do, then a listed-or-not plural
    elif not _plural(lows[k]) or lows[k] in rules.known_words:
        return None
    follows = lows[last + 1] if last + 1 < len(lows) else ""
    if follows and follows not in _AFTER_WHO and not follows.endswith("ing"):
        return None
    start, end = tokens[k].start, tokens[last].end
    return Hit("trade", k, last, start, end, text[start:end])


def _plural(word: str) -> bool:
    return len(word) > 4 and word.isalpha() and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _compound(first: str, second: str, rules: AskRules) -> bool:
    """Two words naming people by what they do: the first no common or quality word, the second a plural that
    is no phrase of its own ("instructors" is only listed inside "pilates instructor")."""
    if not first.isalpha() or first in rules.english or first in rules.qualities or first in rules.fillers:
        return False
    return _plural(second) and "" not in rules.trie.get(second, {})


_AFTER_WHO = frozenset(("in", "near", "who", "whose", "that", "with", "around", "across", "on", "at"))


_READ_ALREADY = frozenset(("need", "moment", "trait", "when", "hedge", "size"))  # "with a fleet of 10+ vans" is a size
_BEFORE_PLACE = frozenset(("in", "near", "the", "on", "around", "across", "outside"))
_CLAUSE_OPENERS = frozenset(("who", "whose", "that", "which", "where", "with", "who's", "who've", "who're"))
_CLAUSE_GLUE = frozenset(("are", "is", "have", "has", "had", "been", "still", "just", "all", "now", "currently"))
_CLAUSE_END_MARKS = frozenset(".,;:!?()")


def situation_clause(text: str, tokens: list[Token], lows: list[str], hits: list[Hit]) -> Hit | None:
    """A who followed by a clause describing them ("hotels in Killarney whose laundry costs have doubled",
    "mums in Geelong returning to work") is narrowed by that situation, listed phrase or not. A clause that
    only wants the speaker's service ("who need a website", "that want to save money") is no situation."""
    whos = [h for h in hits if h.kind in WHO]  # after a generic "prospects who are ready to buy": nobody still
    if not whos:
        return None
    kinds_at = {i: h.kind for h in hits for i in range(h.first, h.last + 1)}
    for hit in whos:
        k = _past_workplace(lows, kinds_at, hit.last + 1)
        while k < len(lows) and (
            kinds_at.get(k) in ("place", "size", *WHO)
            or lows[k] in _BEFORE_PLACE
            or tokens[k].capital
            or _size_follows(lows, kinds_at, k)
        ):
            k = _past_workplace(lows, kinds_at, k + 1)  # past "in Boston's North End", "with 20 staff", the who
        if k >= len(lows) or _breaks(text, tokens, k):
            return None
        opener = lows[k]
        if opener not in _CLAUSE_OPENERS and not (opener.endswith("ing") and len(opener) > 4):
            return None
        body = k + 1 if opener in _CLAUSE_OPENERS else k
        while body < len(lows) and lows[body] in _CLAUSE_GLUE:
            body += 1
        end = body
        while end < len(lows) and end - k < 8 and not _breaks(text, tokens, end) and not _opens(lows, end):
            end += 1
        if body < len(lows) and vague_amount(lows[body]):
            return None  # "with 100s of clients", "with lots of patients": a boast, no one to picture
        wants = {kinds_at.get(k), kinds_at.get(body)} & {"cue-service", "service"}
        inside = [h for h in hits if k <= h.first < end and h.kind in _READ_ALREADY]
        # "who have just moved house": a moment opens the clause, so the clause is that moment, not also a need
        opening = [h for h in inside if h.kind == "moment" and h.first < body]
        if end - body < 2 or wants or len(inside) > len(opening):
            return None  # too short to picture, only wanting the speaker's service, a guess, or already read
        start, stop = tokens[k].start, tokens[end - 1].end
        return Hit("moment" if opening else "need", k, end - 1, start, stop, text[start:stop])
    return None


_BEFORE_SIZE = frozenset(("with", "more", "than", "over", "under", "at", "least", "up", "to", "about", "around"))


def _past_workplace(lows: list[str], kinds_at: dict[int, str], k: int) -> int:
    """Past where the who works, "attorneys | at small firms | in Denver who …": up to the organisation word."""
    if k >= len(lows) or lows[k] not in ("at", "of", "for"):
        return k
    for j in range(k + 1, min(k + 4, len(lows))):
        if kinds_at.get(j) in ("generic", "named", "business"):
            return j + 1
    return k


def _opens(lows: list[str], k: int) -> bool:
    """Word k opens another clause: "… first job in September | who need somewhere to rent", "… | and want to"."""
    return lows[k] in _NEW_CLAUSE or (lows[k] in ("and", "but") and lows[k + 1 : k + 2] in _NEW_AFTER_AND)


_NEW_CLAUSE = frozenset(("who", "whose", "which", "who've", "who's", "who're"))
_NEW_AFTER_AND = (["who"], ["want"], ["wants"], ["need"], ["needs"], ["would"], ["are"], ["have"])


def _size_follows(lows: list[str], kinds_at: dict[int, str], k: int) -> bool:
    """ "with (more than) 20 staff", "with two or three clinics": how big they are, read already, not a situation."""
    if lows[k] != "with":
        return False
    j = k + 1
    while j < len(lows) and j - k < 4 and lows[j] in _BEFORE_SIZE:
        j += 1
    return kinds_at.get(j) == "size"


def _breaks(text: str, tokens: list[Token], k: int) -> bool:
    """Token k starts a new sentence or follows a comma or bracket: the clause before it has ended."""
    if tokens[k].sentence_start or k == 0:
        return True
    return not _CLAUSE_END_MARKS.isdisjoint(text[tokens[k - 1].end : tokens[k].start])


def unhedged(text: str, tokens: list[Token], hits: list[Hit]) -> list[Hit]:
    """A moment or need in the same clause as a hedge ("who might be moving house one day", "that may need a
    new roof at some point") is a guess about anyone, not something happening to them: it narrows nothing."""
    hedges = [h for h in hits if h.kind == "hedge"]
    if not hedges:
        return hits
    out = []
    for hit in hits:
        if hit.kind in ("moment", "need", "when") and any(_same_clause(text, tokens, h, hit) for h in hedges):
            hit = as_kind(hit, "hedged")
        out.append(hit)
    return out


def unwished(lows: list[str], hits: list[Hit]) -> list[Hit]:
    """With no real who, a moment the speaker's service cue reaches ("folks looking to refinance", "anyone who
    needs a remortgage") is what anyone might buy, not something happening to them: it narrows nothing. A real
    who's wish ("retired teachers who want to downsize") still places them."""
    if any(h.kind in WHO for h in hits):
        return hits
    cues = [h for h in hits if h.kind == "cue-service" and h.words.lower() != "after"]  # "after a divorce": when
    out = []
    for hit in hits:
        if hit.kind in ("moment", "need") and any(
            0 < hit.first - c.last <= _WISH_REACH and _WISH_BREAKS.isdisjoint(lows[c.last + 1 : hit.first])
            for c in cues
        ):
            hit = as_kind(hit, "hedged")
        out.append(hit)
    return out


_WISH_REACH = 4  # "needs *a mortgage, a* remortgage"
# Words that end the wish: what follows them is what is going on ("need help *because* their lease ends").
_WISH_BREAKS = frozenset(
    ("because", "as", "since", "after", "now", "when", "who", "whose", "that", "which", "but", "so", "they", "their")
)


def _same_clause(text: str, tokens: list[Token], a: Hit, b: Hit) -> bool:
    first, second = (a, b) if a.first < b.first else (b, a)
    return not any(_breaks(text, tokens, k) for k in range(first.last + 1, second.first + 1))


_REGIONS = frozenset(("uk", "us", "usa", "eu", "nz", "uae", "emea", "apac"))  # "UK companies": where, not what


def qualified_generics(text: str, tokens: list[Token], lows: list[str], hits: list[Hit], rules: AskRules) -> list[Hit]:
    """A generic organisation word after a word saying what the organisation does ("tech companies",
    "hospitality businesses") is a kind of business; after an article, a size or a quality ("ambitious
    companies") it is still anyone."""
    nouns = rules.organisation_nouns
    if not any(h.kind == "generic" and h.first == h.last and lows[h.first] in nouns for h in hits):
        return hits
    covered = {i for h in hits for i in range(h.first, h.last + 1)}
    out = list(hits)
    for n, hit in enumerate(out):
        k = hit.first - 1
        if hit.kind != "generic" or hit.first != hit.last or lows[hit.first] not in nouns:
            continue
        if k < 0 or k in covered or not lows[k].isalpha():
            continue
        word = lows[k]
        acronym = word in rules.not_names and word not in _REGIONS and text[tokens[k].start : tokens[k].end].isupper()
        if tokens[k].capital and not tokens[k].sentence_start and not acronym:
            continue  # "Tauranga companies": a place or a name, not what they do ("HVAC companies" do say it)
        if word in rules.english or word in rules.qualities or word in rules.fillers:
            continue
        if word in rules.not_names and not acronym:
            continue
        out[n] = Hit("business", k, hit.last, tokens[k].start, hit.end, "")
    return out


# People and organisations a "whose" clause names in the target's life ("whose dad", "whose company car"); an
# employer stays a workplace ("anyone whose employer has just announced layoffs").
_IN_THEIR_LIFE = frozenset(("role", "owner", "group", "trade", "generic"))
_NO_SITUATION = frozenset(("cue-service", "service", "hedge", "hedged", "place"))


def whose_clause(text: str, tokens: list[Token], lows: list[str], hits: list[Hit], rules: AskRules) -> list[Hit]:
    """A "whose" clause describes the one before it ("couples whose parents are moving in", "someone in Perth
    whose company car is being taken away next month"):

    - the people it names (their dad, their head chef, their tenant) are in the target's life, not the target;
    - after anyone or a generic who, it is their situation when it says something has happened or is
      happening to them (an event word, a moment, or a time frame, which is then theirs, not the speaker's);
      a clause that only wants the speaker's service ("whose car needs a service"), guesses, or says where they
      are ("whose house is in Kitsilano") says nothing about them."""
    k = lows.index("whose")
    target = None
    for hit in hits:  # the last who or blur before "whose", past where they are and how big
        if hit.last >= k:
            break
        if hit.kind not in ("place", "size"):
            target = hit
    if target is None or (target.kind not in WHO and target.kind not in ("anyone", "generic")):
        return hits
    if target.kind in WHO and not any(h.first > k and h.kind in _IN_THEIR_LIFE for h in hits):
        return hits  # nobody in their life is named, and a real who's clause is read by `situation_clause`
    end = _clause_end(text, tokens, k, 10)
    kinds = {h.kind for h in hits if k < h.first and h.last < end}
    out = hits
    if not kinds.isdisjoint(_IN_THEIR_LIFE):
        out = [_in_their_life(h, k, end) for h in hits]
    if target.kind in WHO:
        return out  # a real who's clause is read by `situation_clause`
    if not kinds.isdisjoint(_NO_SITUATION) or "moment" in kinds or "need" in kinds or end - k < 3:
        return out  # nothing about them, or read already
    if "when" in kinds:  # "whose visa runs out next month": their moment
        return [as_kind(h, "moment") if k < h.first and h.last < end and h.kind == "when" else h for h in out]
    words = lows[k + 1 : end]
    if rules.events.isdisjoint(words) and rules.events.isdisjoint(map(" ".join, itertools.pairwise(words))):
        return out
    start, stop = tokens[k].start, tokens[end - 1].end
    return sorted([*out, Hit("need", k, end - 1, start, stop, text[start:stop])], key=lambda h: h.first)


def _clause_end(text: str, tokens: list[Token], k: int, most: int) -> int:
    """One past the last token of the clause opened at token k: before the next mark or sentence, at most
    `most` tokens on (one search of the text per mark, not a look between every two words)."""
    after = tokens[k].end
    stop = min((at for at in map(text.find, _CLAUSE_END_MARKS, itertools.repeat(after)) if at >= 0), default=len(text))
    end = k + 1
    last = min(len(tokens), k + most + 1)
    while end < last and tokens[end].start < stop and not tokens[end].sentence_start:
        end += 1
    return end


def _in_their_life(hit: Hit, k: int, end: int) -> Hit:
    inside = k < hit.first and hit.last < end and hit.kind in _IN_THEIR_LIFE
    return as_kind(hit, "context") if inside else hit


_POSSESSIVES = frozenset(("their", "his", "her", "its"))
_OWNERS = frozenset(("trade", "group", "role", "owner", "anyone", "generic", "moment", "place", "size", "when"))


def owned_generics(tokens: list[Token], lows: list[str], hits: list[Hit]) -> list[Hit]:
    """A generic word after "their", "his", "her" or a person's possessive ("who has just sold their company",
    "inherited their dad's company") is something the target has, not a blurred who; so is a kind of business
    after a who ("dentists who have just sold their practice"), and people after anyone "with" ("anyone with an
    elderly parent")."""
    owned = [
        n
        for n, h in enumerate(hits)
        if (
            (h.kind == "generic" or (h.kind == "business" and n > 0 and hits[n - 1].kind in _OWNERS and _head(lows, h)))
            and _owned(tokens, lows, h.first)
        )
        or (h.kind == "group" and n and hits[n - 1].kind in ("anyone", "generic") and _with(lows, h.first))
    ]
    if not owned:
        return hits
    out = list(hits)
    for n in owned:
        out[n] = as_kind(out[n], "context")
    return out


def _owned(tokens: list[Token], lows: list[str], k: int) -> bool:
    if k == 0:
        return False
    at = k - 1
    if lows[at] in _ARTICLES and k > 1:
        at = k - 2  # "companies with an office in Sydney"
    before = lows[at]
    with_ = before == "with" and (at == 0 or lows[at - 1] not in _MEETING)  # "connect with people": whom, not what
    return before in _POSSESSIVES or with_ or (before.endswith("'s") and not tokens[at].capital)


_ARTICLES = frozenset(("a", "an", "the"))
_MEETING = frozenset(("connect", "meet", "chat", "speak", "talk", "network"))


def _head(lows: list[str], hit: Hit) -> bool:
    """The business word ends its noun phrase ("sold their practice"), not a word describing the next one
    ("changing their pharmacy supplier": the supplier is theirs, the pharmacy is a kind of business)."""
    return hit.last + 1 >= len(lows) or lows[hit.last + 1] in _AFTER_HEAD


_AFTER_HEAD = frozenset(
    ("and", "or", "but", "in", "on", "at", "to", "for", "with", "after", "because", "so", "who", "that", "which")
)


def _with(lows: list[str], k: int) -> bool:
    """ "anyone with an elderly parent": the people after "with" are in their life, not the target."""
    return "with" in lows[max(0, k - 2) : k]


def blurred_owners(text: str, lows: list[str], hits: list[Hit]) -> list[Hit]:
    """An owner of anyone or of a generic organisation ("owners of any kind of business", "founders of
    companies") is a business owner, still anyone: read as one generic who."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "owner" and hit.kind in ("anyone", "generic"):
            between = lows[prev.last + 1 : hit.first]
            if between and between[0] == "of" and all(w in _ARTICLES for w in between[1:]):
                out[-1] = Hit("generic", prev.first, hit.last, prev.start, hit.end, text[prev.start : hit.end])
                continue
        out.append(hit)
    return out


def need_happened(lows: list[str], hits: list[Hit], rules: AskRules) -> bool:
    """A need that has happened to them (in a "whose" clause about what is theirs, or with an event word: "turned
    down", "cancelled"), not a complaint the whole market shares ("tired of paying too much", "struggling with cash
    flow"): only such a need lifts anyone or a generic who."""
    k = lows.index("whose") if "whose" in lows else len(lows)
    for hit in hits:
        if hit.kind != "need":
            continue
        words = lows[hit.first : hit.last + 1]
        if hit.first > k or not rules.events.isdisjoint(words):
            return True
        if not rules.events.isdisjoint(map(" ".join, itertools.pairwise(words))):
            return True
    return False


def list_chain(hits: list[Hit], text: str, rules: AskRules) -> Hit | None:
    """The longest run of who words joined only by commas, "or", "and" and fillers: a scattergun list."""
    best: list[Hit] = []
    run: list[Hit] = []
    for hit in hits:
        if hit.kind not in (*WHO, "generic", "anyone"):
            run = []
            continue
        if run and not joins(text[run[-1].end : hit.start], rules):
            run = []
        run.append(hit)
        if len(run) > len(best):
            best = list(run)
    if len({h.words.lower() for h in best}) < rules.list_targets:
        return None
    first, last = best[0], best[-1]
    return Hit("list", first.first, last.last, first.start, last.end, text[first.start : last.end])


def joins(gap: str, rules: AskRules) -> bool:
    parts = gap.replace(",", " , ").replace(";", " ; ").replace("/", " / ").replace("#", " # ").lower().split()
    joined = any(p in rules.connectors for p in parts)
    return joined and all(p in rules.connectors or p in rules.fillers for p in parts)
