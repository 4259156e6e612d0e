"""Wording a judged ask: its findings (praise, problems, what is missing) and the ask rewritten as "Who do you
know who …?" with the missing parts as bracketed prompts. What the room should listen for is in `listening`."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from netevent.ask.judging import Judgement
from netevent.ask.parts import Hit, make_hit
from netevent.ask.reading import Reading
from netevent.ask.tokens import sentence_marks
from netevent.ask.vocab import AskRules

CREDIT_CODES = ("named", "role", "business", "trade", "group", "place", "size", "moment", "need")
BLUR_CODES = ("list", "anyone", "generic", "lead", "own-trade", "service")
NOTE_CODES = ("empty", "too-short", "too-long", "not-english")
MISSING_CODES = ("no-who", "no-role", "no-business", "no-place", "no-moment", "no-need", "no-size")
CREDIT_POINTS = 10
BLUR_POINTS = -15
MISSING_SHOWN = 3  # more advice than this at once is not coaching but a form to fill in


class Finding(NamedTuple):  # a named tuple: several are built per check, and it is the cheapest record
    """One reason for the verdict: what was found (or is missing), where, and what to do about it."""

    code: str
    message: str
    suggestion: str
    points: int
    span: tuple[int, int] | None = None
    words: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "suggestion": self.suggestion,
            "points": self.points,
            "span": list(self.span) if self.span else None,
            "words": self.words,
        }


def finding(
    rules: AskRules, code: str, audience: str, points: int, hit: Hit | None = None, count: int = 0, advise: bool = True
) -> Finding:
    say = rules.speak(code)
    words = hit.words if hit else ""
    suggestion = say.advice(audience) if advise else ""
    return Finding(
        code=code,
        message=say.message.replace("{words}", words).replace("{count}", str(count)),
        suggestion=suggestion.replace("{words}", words).replace("{count}", str(count)),
        points=points,
        span=(hit.start, hit.end) if hit else None,
        words=words,
    )


def findings(
    reading: Reading, judged: Judgement, rules: AskRules, gaps: list[str] | None = None
) -> tuple[Finding, ...]:
    """Problems first (blur, notes, then what is missing, most useful first), then what the ask does well."""
    audience = reading.audience
    specific = judged.verdict == "specific"
    problems: list[Finding] = []
    seen: set[str] = set()
    kinds = reading.kinds()
    if not specific:
        for hit in reading.hits:
            if hit.kind in BLUR_CODES and hit.kind not in seen:
                if hit.kind in ("lead", "generic") and not judged.blurred:
                    continue  # beside a real who these words don't blur it
                if hit.kind == "anyone" and reading.one_person and judged.verdict != "vague":
                    continue  # "someone who's just sold their company" is one person: what's missing says the rest
                if hit.kind == "anyone" and hit.words.lower() in _ANY_PLACE and ("generic" in kinds or judged.who):
                    continue  # "businesses … anywhere in Ireland": the who to swap is "businesses", not "anywhere"
                seen.add(hit.kind)
                problems.append(finding(rules, hit.kind, audience, BLUR_POINTS, hit))
        problems.sort(key=lambda f: BLUR_CODES.index(f.code))
    if reading.n_words < rules.too_short_words and not judged.who:
        text = reading.text
        span = Hit("too-short", 0, 0, len(text) - len(text.lstrip()), len(text.rstrip()), text.strip())
        problems.append(finding(rules, "too-short", audience, -10, span, count=reading.n_words))
    if reading.n_words > rules.too_long_words:
        problems.append(finding(rules, "too-long", audience, -10, count=reading.n_words, advise=not specific))
    if reading.foreign:
        problems.append(finding(rules, "not-english", audience, 0))
    if not specific:
        gaps = missing(reading, judged) if gaps is None else gaps
        problems.extend(finding(rules, code, audience, 0) for code in gaps[:MISSING_SHOWN])
    credits: list[Finding] = []
    for hit in reading.hits:
        code = _CREDITED_AS.get(hit.kind, hit.kind)
        if hit.kind in ("when", "trait") and not judged.who:
            continue  # "more clients this month", "people over 50": these narrow no one
        if code in CREDIT_CODES and code not in seen:
            seen.add(code)
            shown = _moment_run(reading, hit) if code == "moment" else hit
            credit = finding(rules, code, audience, CREDIT_POINTS, shown, advise=False)
            # "farmers" as people, not as a kind of business; "finance directors who have just had twins" as
            # people, not as the one to ask for at work; "anyone whose employer …": where they work
            if (code == "business" and audience != "business") or (code == "role" and audience == "consumer"):
                at_work = reading.about_people or any(h.kind in _PERSON and h.last < hit.first for h in reading.hits)
                said = "workplace" if code == "business" and at_work else "group"
                message = rules.speak(said).message.replace("{words}", hit.words)
                credit = Finding(code, message, "", CREDIT_POINTS, credit.span, credit.words)
            credits.append(credit)
    return (*problems, *credits)


def _moment_run(reading: Reading, hit: Hit) -> Hit:
    """The moment as the ask says it, for the credit's quote: moment words a word or two apart are one moment
    ("have just" … "offer accepted" … "first home" is "have just had an offer accepted on a first home")."""
    end = hit
    for later in reading.hits:
        if later.first > end.last and later.kind in ("moment", "when"):
            if later.first - end.last > 3:
                break
            end = later
    last = end.last
    if reading.tokens[last].word == "just":  # "has just" says when, the words after it say what: "has just died"
        while last + 1 < len(reading.tokens) and last - end.last < 3:
            after = reading.tokens[last + 1]
            if after.word in _CLAUSE_BREAKS or not reading.text[reading.tokens[last].end : after.start].isspace():
                break
            last += 1
    stop = reading.tokens[last].end
    return hit._replace(last=last, end=stop, words=reading.text[hit.start : stop])


_CLAUSE_BREAKS = frozenset(("and", "or", "but", "in", "who", "that", "which", "this", "so", "to", "for", "with"))


_ANY_PLACE = frozenset(("anywhere", "everywhere"))
_PERSON = frozenset(("trade", "group", "role", "owner"))  # a person named before a business: it is where they work
_CREDITED_AS = {"owner": "role", "when": "moment", "trait": "need"}


def missing(reading: Reading, judged: Judgement) -> list[str]:
    """What the ask lacks, in the order worth fixing, fitted to its kind: a consumer ask needs no job title,
    business kind or size."""
    who, narrowed, audience = judged.who, judged.narrowed, reading.audience
    out = []
    if not who:
        out.append("no-who")
    elif audience == "business" and "named" not in who:
        if "business" in who and not who & {"role", "owner"}:
            out.append("no-role")
        elif who & {"role", "owner"} and not who & {"business", "trade"}:
            out.append("no-business")
    out.extend(f"no-{kind}" for kind in ("place", "moment", "need") if kind not in narrowed)
    if audience == "business" and "size" not in narrowed and "trade" not in who:
        out.append("no-size")
    return out


def rewrite(reading: Reading, judged: Judgement, rules: AskRules, gaps: list[str] | None = None) -> str:
    """The ask as "Who do you know who …?", keeping the speaker's words, with prompts for what is missing
    (`gaps`: what `missing` says, when the caller has it already)."""
    core, hit = _core(reading, rules)
    if judged.verdict == "specific":
        prompts = []
    else:
        prompts = [rules.speak(c).prompt for c in (missing(reading, judged) if gaps is None else gaps)]
    prompts = [p for p in prompts if p][:3]
    said = reading.text.strip()
    if said.lower().startswith("who do you know"):  # already in the room's words: keep them, add the prompts
        first = said[: _sentence_end(said, 0)].rstrip(" ?.!")
        return " ".join((first[0].upper() + first[1:], *prompts)) + "?"
    if hit is not None and hit.kind == "named":
        # from the name on ("… knows Mike at Precision Auto"), or from whom the ask wants there ("… knows the
        # procurement team at Kerry Group")
        before = core[: hit.start].split()
        body = "knows " + (core if before[-1:] in (["at"], ["of"], ["from"]) else core[hit.start :])
    elif (hit is not None and hit.kind in _NO_ONE and not _described(hit, judged)) or not core:
        rest = core[hit.end :].strip(" ,-–—") if hit is not None and core else ""
        if rest.lower().startswith(_SPEAKER_OPENS):
            rest = ""  # "anyone - I'm open to all intros": the speaker's words, not what the anyone is
        if hit is not None and hit.kind != "anyone":
            rest = ""  # "more clients" names no one: only the prompts say who
        low = rest.lower()
        if low.startswith(("at all ", "else ")):  # "anybody at all who owns …" → "who owns …"
            rest = rest.split(" ", 2)[-1] if low.startswith("at all ") else rest[5:]
            low = rest.lower()
        if hit is not None and hit.words.lower() == "whoever" and rest and not low.startswith(("in ", "at ")):
            body = rest  # "whoever needs a hand" → "who needs a hand"
        elif low.startswith(("who ", "that ")):
            body = rest.split(" ", 1)[1]  # "anyone who needs …" → "who needs …"
        elif low.startswith(("who's ", "who're ")):
            body = _is_or_has(rest.split(" ", 1)[1])
        elif low.startswith("with "):
            body = "has " + rest[5:]  # "anyone with a boiler" → "who has a boiler"
        else:
            body = ("is " + rest) if rest else ""  # "anyone in Leeds" → "who is in Leeds"
    elif hit is None and core.lower().startswith(_SPEAKER_OPENS):
        body = ""  # "I'm a realtor hoping to meet realtors" names no one to meet: only the prompts say who
    elif core.lower().startswith(("who ", "who's")):
        body = core[4:] if core.lower().startswith("who ") else _is_or_has(core[5:].strip())
    elif core.lower().startswith("whoever "):
        body = core[8:]  # "whoever took over the bakery on Main St" → "who took over the bakery …"
    else:
        said = _head(reading, hit) if hit is not None else _unread_head(core, rules)
        plural = (said.endswith(_PLURAL_ENDS) and not said.endswith("ss")) or said in _PLURAL_WORDS
        plural = plural or any(h.kind == "list" for h in reading.hits)  # "retail, hospitality … companies"
        body = ("are " if plural else "is ") + core
    body = " ".join(x for x in (body, *prompts) if x).strip()
    return f"Who do you know who {body}?" if body else "Who do you know?"


def _is_or_has(rest: str) -> str:
    """ "who's" spelled out before the rest: "has just moved", "has been let go", but "is moving"."""
    words = rest.lower().split()
    done = words[1:2] if words[:1] in (["just"], ["ever"], ["never"], ["already"], ["recently"]) else words[:1]
    has = bool(done) and (done[0] in _PARTICIPLES or done[0].endswith(("ed", "en")))
    return ("has " if has else "is ") + rest


_PARTICIPLES = frozenset(
    ("been", "got", "had", "thought", "made", "done", "gone", "bought", "lost", "left", "found", "won")
)
_NO_ONE = ("anyone", "generic", "lead")
_SPEAKER_OPENS = ("i ", "i'm ", "i'd ", "i've ", "we ", "we're ", "we'd ", "my ", "our ", "as a ", "as an ")
_PLURAL_ENDS = ("s", "men")
_PLURAL_WORDS = frozenset(("people", "children", "folk", "staff", "police"))


def _head(reading: Reading, hit: Hit) -> str:
    """The who's last word says "is" or "are": "public school | teachers", "boutique | law firms"."""
    last = hit
    for h in reading.hits:
        if (h.kind in _WHO or h.kind == "generic") and h.first == last.last + 1:
            last = h  # "public school | teachers", "joinery | firms"
    said = last.words.lower()
    return said.split(" of ")[0] if " of " in said else said  # "head of facilities" is one head


def _unread_head(core: str, rules: AskRules) -> str:
    """With no who read, the first word if it is no common word: "pilots in Dublin who …"."""
    first = core.split(" ", 1)[0].lower()
    return "" if first in rules.known_words else first


_WHO = ("named", "role", "owner", "business", "trade", "group")


def _described(hit: Hit, judged: Judgement) -> bool:
    """A generic who ("people") that the ask goes on to narrow is kept in the rewrite like any other who."""
    return hit.kind == "generic" and judged.verdict != "vague"


def _core(reading: Reading, rules: AskRules) -> tuple[str, Hit | None]:
    """The sentence that holds the ask's who, its opening words ("I'd like to meet") dropped."""
    text, toks = reading.text, reading.tokens
    anchor = _anchor(reading, 0)
    start = 0 if anchor is None else _sentence_start(text, anchor.start)
    end = len(text) if anchor is None else _sentence_end(text, anchor.end)
    if anchor is None:
        end = _sentence_end(text, 0)
    words = [t.word for t in toks]
    story = reading.story_end
    if story is not None and start <= toks[story].start < end:
        # "I help expats with tax, so I'd love to meet …": the ask after the story
        start = toks[story + 1].start if words[story] == "so" else toks[story].start
    k = next((i for i, t in enumerate(toks) if t.start >= start), len(toks))
    changed = True
    while changed and k < len(toks) and toks[k].start < end:
        changed = False
        for lead in rules.lead_ins_by_first.get(words[k], ()):  # longest first
            if tuple(words[k : k + len(lead)]) == lead:
                k += len(lead)
                changed = True
                break
    if story is not None and k < len(toks) and words[k] == "other":
        k += 1  # "so I'd love to meet other first-time buyers": other than those in the story
    if anchor is not None and any(
        h.kind in ("own-trade", "cue-self") and k <= h.first < anchor.first for h in reading.hits
    ):
        k = _phrase_start(reading, anchor.first)  # "I'm a conveyancer and I'd like to meet couples": from "couples"
    start = toks[k].start if k < len(toks) and toks[k].start < end else end
    core = _PRAISE_TAIL.sub("", text[start:end]).strip(" \t\n,.;:!?-—")
    named = any(h.kind == "named" and h.first <= k <= h.last for h in reading.hits)  # "Dr Anna Kowalski"
    if core and k < len(toks) and toks[k].word in rules.known_words and not core[1:2].isupper() and not named:
        core = core[0].lower() + core[1:]  # "Couples who …" continues "Who do you know who are couples who …"
    if anchor is not None and anchor.start < start:
        anchor = _anchor(reading, k)  # "is there anyone here who knows people …": not the "anyone" asked
        anchor = anchor if anchor is not None and anchor.start < end else None
    if anchor is not None:
        anchor = make_hit(
            anchor.kind, anchor.first, anchor.last, anchor.start - start, anchor.end - start, anchor.words
        )
    return core, anchor


# "restaurants would be great": how welcome they would be is no part of who they are
_PRAISE_TAIL = re.compile(
    r"\s+would (?:really )?be (?:great|ideal|perfect|amazing|brilliant|awesome|helpful|gold)\b.*$", re.I
)


def _anchor(reading: Reading, k: int) -> Hit | None:
    """The ask's first who from word k on, or else its first blur."""
    who = [h for h in reading.hits if h.kind in _WHO and h.first >= k]
    blur = [h for h in reading.hits if h.kind in ("anyone", "generic", "lead") and h.first >= k]
    return who[0] if who else (blur[0] if blur else None)


def _phrase_start(reading: Reading, first: int) -> int:
    """Where the words describing the who begin: back over articles and narrowing words just before it."""
    inside = {
        i
        for h in reading.hits
        if h.kind in ("moment", "when", "need", "trait", "size", "place")
        for i in range(h.first, h.last + 1)
    }
    k = first
    while k > 0 and (reading.tokens[k - 1].word in ("a", "an", "the") or k - 1 in inside):
        k -= 1
    return k


def _sentence_start(text: str, at: int) -> int:
    return max((m + 1 for m in _marks(text) if m < at), default=0)


def _sentence_end(text: str, at: int) -> int:
    return min((m for m in _marks(text) if m >= at), default=len(text))


def _marks(text: str) -> list[int]:
    """Sentence ends the rewrite cuts at: as the tokenizer reads them, but a colon or a mark inside a word
    ("Dublin 4:30", "e.g.x") is no end here."""
    return [m for m in sentence_marks(text) if text[m] != ":" and (m + 1 == len(text) or text[m + 1].isspace())]
