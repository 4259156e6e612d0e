"""Reading a who in the speaker's context: soon after "I'm a", or said again after it, it is their own trade;
soon after "needs a" the service they sell; after "any" part of the blur. Works on what the phrase reader found."""

from __future__ import annotations

from netevent.ask.parts import WHO, Hit, as_kind, make_hit
from netevent.ask.tokens import Token
from netevent.ask.vocab import plural_forms


def in_context(hits: list[Hit], tokens: list[Token], lows: list[str], text: str) -> list[Hit]:
    """A who soon after "I'm a" is the speaker's own trade; soon after "needs a" it is the service they sell.
    Neither is the person the room should picture. The cue words themselves become "cue-self"/"cue-service"."""
    out: list[Hit] = []
    cue, cue_end = "", -1
    for hit in hits:
        hit = make_hit(hit.kind, hit.first, hit.last, hit.start, hit.end, text[hit.start : hit.end])
        if hit.kind == "suffix" and hit.words.lower() in _PEOPLE_SUFFIXES:
            hit = as_kind(hit, "owner")  # "partners at law firms": no company name before it, so people
        if hit.kind == "anyone" and lows[hit.last + 1 : hit.last + 2] in _TO_THE_ROOM:
            out.append(as_kind(hit, "context"))  # "can anyone introduce me to", "does anyone know": the room
            continue
        if hit.kind == "service" and (_meeting_after(lows, hit.last + 1) or _speaker_opens(tokens, hit.first)):
            out.append(as_kind(hit, "context"))  # "looking to meet", "I'm looking for": the speaker's wish
            cue = ""
            continue
        if hit.kind in _PEOPLE and hit.first and lows[hit.first - 1] in _POSSESSIVES:
            hit = as_kind(hit, "context")  # "clinics that have just lost their receptionist": in their life
        elif hit.kind in ("need", "moment") and cue != "self" and _speakers_own(lows, hit.first):
            hit = as_kind(hit, "context")  # "honestly I'm not fussy", "I've just moved to Cork": the speaker's
        if hit.kind == "trade" and out and out[-1].kind == "role" and _at_a(lows, hit.first):
            hit = as_kind(hit, "business")  # "the office manager at an HVAC contractor": the trade's business
        if hit.kind in ("trade", "group") and out and out[-1].kind == "trait" and _beside(text, out[-1], hit):
            # "self-employed hairdressers", "FIFO workers": how they work names who they are, not one more narrowing
            out[-1] = hit._replace(first=out[-1].first, start=out[-1].start, words=text[out[-1].start : hit.end])
            continue
        if hit.kind in ("trade", "group") and out and out[-1].kind == "business" and _beside(text, out[-1], hit):
            out[-1] = as_kind(out[-1], "context")  # "school teachers", "hospital nurses": where the people work
        if hit.kind in ("self", "service"):
            cue, cue_end = hit.kind, hit.last
            out.append(as_kind(hit, "cue-" + hit.kind))
            continue
        if hit.kind in WHO and out and out[-1].kind == "anyone" and lows[out[-1].last + 1 : hit.first] in _JOINED:
            # "any business owner or homeowner": "any" reaches over the who joined to it, so both are anyone
            out[-1] = out[-1]._replace(last=hit.last, end=hit.end, words=text[out[-1].start : hit.end])
            continue
        if hit.kind == "owner" and out and out[-1].kind in ("anyone", "generic") and out[-1].last + 1 == hit.first:
            # "any business | owners": the owner is part of the blur, not a who
            out[-1] = out[-1]._replace(last=hit.last, end=hit.end, words=text[out[-1].start : hit.end])
            continue
        if hit.kind in WHO and out and out[-1].kind == "lead" and lows[out[-1].last + 1 : hit.first][:1] == ["for"]:
            out.append(as_kind(hit, "own-trade"))  # "more bookings for the salon": the speaker's own place
            continue
        reach = _SELF_REACH if cue == "self" else _SERVICE_REACH
        if cue and hit.kind in WHO and hit.first - cue_end <= reach and _same_clause(tokens, lows, cue_end, hit.first):
            hit = as_kind(hit, "own-trade" if cue == "self" else "service")
            cue_end = hit.last  # "my family law attorney": the rest of the phrase is the trade too
        elif cue == "self" and _own_detail(hit, cue_end) and _same_clause(tokens, lows, cue_end, hit.first):
            # "we're a family-run removals company in Cork": the speaker's own size and town, not the target's
            hit = as_kind(hit, "context")
            cue_end = hit.last
        elif hit.kind not in WHO:
            cue = ""
        out.append(hit)
    return out


_JOINED = (["or"], ["and"])


def _own_detail(hit: Hit, cue_end: int) -> bool:
    """After "I'm a", a place or size is the speaker's, and so is a moment word naming their trade ("I'm a
    wedding photographer", "we're a divorce law firm")."""
    return hit.kind in ("place", "size") or (hit.kind == "moment" and hit.first - cue_end <= _SELF_REACH)


_PEOPLE_SUFFIXES = frozenset(("partner", "partners", "associate", "associates"))
# After a wish ("looking to", "keen to", "want to"), these say whom the speaker wants to meet, not what anyone needs.
_MEETING = frozenset(("meet", "connect", "talk", "speak", "chat", "reach", "be", "get", "find"))


def _at_a(lows: list[str], k: int) -> bool:
    """Word k follows "at a", "of an", "for the": a workplace, not another person."""
    return k > 1 and lows[k - 1] in ("a", "an", "the") and lows[k - 2] in ("at", "of", "for")


def _beside(text: str, before: Hit, hit: Hit) -> bool:
    """Nothing but a space between two hits: one phrase ("school teachers"), not a list ("gyms, dentists")."""
    return before.last + 1 == hit.first and not text[before.end : hit.start].strip()


def _speakers_own(lows: list[str], k: int) -> bool:
    """The speaker is the subject a word or two before word k: "I'm not fussy", "we've just moved"."""
    for j in range(k - 1, max(k - 4, -1), -1):
        if lows[j] in _ASKERS:
            return True
        if lows[j] in ("who", "whose", "that", "which", "they", "and"):
            return False
    return False


# After "anyone", these ask the room for an introduction: the anyone is whoever in the room can make it.
_TO_THE_ROOM = (["know"], ["introduce"], ["connect"], ["recommend"], ["here"], ["got"], ["put"], ["send"], ["point"])
_POSSESSIVES = frozenset(("their", "its", "his", "her"))
_PEOPLE = frozenset(("role", "owner", "trade", "group"))  # "their receptionist", not "their pharmacy supplier"
_ASKERS = frozenset(("i", "i'm", "im", "i've", "ive", "i'd", "we", "we're", "we've", "we'd"))


def _speaker_opens(tokens: list[Token], k: int) -> bool:
    """Only the speaker's words come before word k in its sentence: "I'm looking for", "Looking for", "We're
    after" ask the room; "anyone looking for" or "people who need" say what the target wants."""
    while k > 0 and not tokens[k].sentence_start:
        k -= 1
        if tokens[k].word not in _SPEAKER_WORDS:
            return False
    return True


_SPEAKER_WORDS = frozenset((
    "i", "i'm", "im", "am", "we", "we're", "were", "are", "i've", "ive", "we've", "been", "also", "really", "currently",
    "still", "just", "mainly", "mostly", "always", "now", "so", "and", "hi", "ideally", "this", "week", "today",
    "again", "actively", "especially", "particularly", "basically", "honestly", "essentially", "what", "all",
))  # fmt: skip


def _meeting_after(lows: list[str], k: int) -> bool:
    """ "meet", or "to meet", at word k: "looking to meet", "want to connect with"."""
    if k < len(lows) and lows[k] == "to":
        k += 1
    return k < len(lows) and lows[k] in _MEETING


_SELF_REACH = 4  # "I'm a *qualified family law* attorney"
_SERVICE_REACH = 3  # "needs *a good* accountant"
_CLAUSE_BREAKS = frozenset(("and", "but", "who", "that", "which", "so", "because", "to", "for", "in", "at", "with"))


def _same_clause(tokens: list[Token], lows: list[str], cue_end: int, first: int) -> bool:
    """No clause word and no sentence mark between the cue and word `first`: "We're a physio clinic. Honestly?
    Runners" and "My ideal intro: the practice owner" name someone else than the speaker."""
    if any(w in _CLAUSE_BREAKS for w in lows[cue_end + 1 : first]):
        return False
    return not any(t.sentence_start for t in tokens[cue_end + 1 : first + 1])


_PERSON_WHO = ("role", "owner", "business", "trade")


def own_trade_targets(text: str, tokens: list[Token], lows: list[str], hits: list[Hit]) -> list[Hit]:
    """A who that is the speaker's own trade said again ("Accountants in Cork: I'm an accountant …") or followed
    by "like me" ("mortgage brokers in Perth like me") is the speaker's own kind, not someone to introduce."""
    own = [tuple(lows[h.first : h.last + 1]) for h in hits if h.kind == "own-trade"]
    marks = [h for h in hits if h.kind == "self-after"]
    if not own and not marks:
        return hits
    out = list(hits)
    for i, hit in enumerate(out):
        if hit.kind in _PERSON_WHO and any(_same_words(tuple(lows[hit.first : hit.last + 1]), w) for w in own):
            out[i] = as_kind(hit, "own-trade")
    for mark in marks:  # the nearest who before "like me", in its sentence ("accountants in Leeds, like me")
        before = [i for i, h in enumerate(out) if h.kind in _PERSON_WHO and h.last < mark.first]
        if before and not any(t.sentence_start for t in tokens[out[before[-1]].last + 1 : mark.first + 1]):
            out[before[-1]] = as_kind(out[before[-1]], "own-trade")
    for i, hit in enumerate(out[:-1]):  # "other wedding photographers": the moment word names the trade
        if hit.kind == "moment" and out[i + 1].kind == "own-trade" and hit.last + 1 == out[i + 1].first:
            out[i] = as_kind(hit, "context")
    return out


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same trade in the singular or the plural ("accountants", "an accountant")."""
    if not a or not b or a[:-1] != b[:-1]:
        return False
    return a[-1] in plural_forms(b[-1]) or b[-1] in plural_forms(a[-1])


def backstory(hits: list[Hit], end: int | None) -> list[Hit]:
    """What the speaker did or does, told before the story's `end` ("Last year I redid 40 bathrooms in Calgary, so
    anyone who needs a reno"): its people, places, sizes and moments are the speaker's story, not the target's."""
    if end is None:
        return hits
    return [as_kind(h, "context") if h.last < end and h.kind in _STORY_KINDS else h for h in hits]


_STORY_KINDS = frozenset((*WHO, "place", "size", "moment", "need", "when", "trait"))
# "Last month I helped …", "This year we …"
_STORY_OPENERS = frozenset(("last", "yesterday", "recently", "this", "over", "in", "year", "month", "week"))


def story_end(tokens: list[Token], lows: list[str], hits: list[Hit]) -> int | None:
    """Where the story ends: at the "so" in a first sentence the speaker is the subject of, when no wish comes
    before it (in "I'd love to meet X, so …" the ask comes first and the "so" says why); or at that sentence's
    end, when a later sentence names whom to meet ("We do bookkeeping for vets. My ideal intro: the practice
    owner at a vet clinic"; in "We work with dentists. Ideally in Cork" the dentists are still the who)."""
    k = 0
    while k < min(3, len(lows)) and lows[k] not in _ASKERS and lows[k] in _STORY_OPENERS:
        k += 1
    if k >= len(lows) or lows[k] not in _STORY_SUBJECTS:
        return None
    for j in range(k + 1, len(lows)):
        if tokens[j].sentence_start:
            return j if any(h.first >= j and h.kind in _LATER_WHO for h in hits) else None
        if lows[j] in _STORY_WISHES:
            return None
        if lows[j] == "so" and j + 1 < len(lows):
            return j
    return None


# A person named in a later sentence is whom to meet; a kind of business there may be what they open ("We work
# with dentists. Ideally ones opening a second practice").
_LATER_WHO = frozenset(("role", "owner", "trade", "group", "named"))
_STORY_SUBJECTS = frozenset(("i", "we", "i've", "ive", "we've"))  # "I helped", "we fit", "I've done": no "I'd"
_STORY_WISHES = frozenset(("love", "like", "want", "looking", "meet", "after", "keen", "hoping", "need"))
