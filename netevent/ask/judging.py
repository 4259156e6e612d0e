"""The verdict on a read ask: can someone in the room picture one real person, and the moment to introduce them?

- specific: it names a person or company; or a role sits at a kind of business ("the practice manager at a
  dental surgery"); or a who (a role, a kind of business, a consumer group) is narrowed by at least two of
  place, size, moment and need; even "anyone" is, when one of the two is what is happening to them ("anyone in
  Cork whose elderly mum has just moved in"), where a need must have happened ("turned down for a mortgage"),
  not be a complaint everybody shares ("tired of paying too much");
- vague: the who is anyone, generic or missing and nothing is happening to them: where they are, how big they
  are and who they are ("people over 50 in Leeds", "businesses in Dublin with 20 staff") still picture
  everybody there; or the ask scatters over a list of unrelated targets;
- needs work: in between: a real who narrowed once or not at all.
A job title is not required of a consumer ask, and a trigger is not required when two other narrowings already
let people picture someone. A time frame ("this month", "soon") is the speaker's, not the target's, and a trait
("over 50", "with kids") is who they are, not what is happening: both narrow a real who (as a moment, as a need)
but never anyone, a generic who or a request for work.
"""

from __future__ import annotations

from dataclasses import dataclass

from netevent.ask.parts import NARROWING
from netevent.ask.reading import Reading

REAL_WHO = ("named", "role", "owner", "business", "trade", "group")
_COUNTS_AS = {"when": "moment", "trait": "need"}  # for a real who only
_NARROWING = frozenset(NARROWING)


@dataclass(frozen=True)
class Judgement:
    verdict: str
    score: int
    who: frozenset[str]  # the real who kinds found
    narrowed: frozenset[str]  # the narrowing kinds found
    blurred: bool  # the only who is anyone/generic/a lead request, or none


def judge(reading: Reading) -> Judgement:
    kinds = reading.kinds()
    who = frozenset(kinds & set(REAL_WHO))
    narrowed = frozenset(kinds & _NARROWING | ({_COUNTS_AS[k] for k in kinds & _COUNTS_AS.keys()} if who else set()))
    blurred = not who
    n = len(narrowed)
    # something is going on for them, not just where or who; on a blurred who, a need only when it has happened
    happening = "moment" in narrowed or ("need" in narrowed and (bool(who) or reading.need_happened))
    if "named" in who:
        verdict = "specific"
    elif "list" in kinds:
        verdict = "vague"
    elif "role" in who and "business" in who:
        verdict = "specific"
    elif who:
        # "any homeowner, anywhere": a who the speaker then opens to everybody, with nothing narrowing it
        verdict = "specific" if n >= 2 else "vague" if n == 0 and _opened_up(reading) else "needs-work"
    elif kinds & {"anyone", "generic"}:
        # "people going through a divorce" is a life-event group; "anyone with a dog" and "small businesses in
        # Leeds" still picture nobody: a place only says where the nobody is
        # "someone who's just sold their company" is one person something has happened to: a who to narrow
        life_event = happening and ("anyone" not in kinds or (reading.one_person and "moment" in narrowed))
        verdict = "specific" if n >= 2 and happening else "needs-work" if life_event else "vague"
    else:  # no who at all: what narrows it is about no one in particular
        verdict = "needs-work" if n >= 2 and happening else "vague"
    if reading.foreign and verdict == "specific":
        verdict = "needs-work"  # we can't read it well enough to vouch for it
    return Judgement(verdict, _score(verdict, len(who) + n), who, narrowed, blurred)


def _score(verdict: str, parts: int) -> int:
    """The score follows the verdict: a band per verdict, higher in it the more parts the ask has."""
    if verdict == "specific":
        return min(100, 60 + 10 * parts)
    if verdict == "needs-work":
        return min(65, 35 + 10 * parts)
    return min(30, 10 * parts)


def _opened_up(reading: Reading) -> bool:
    """An "anyone" word after the who ("any homeowner, anywhere, who needs anything"): the who is let go."""
    first_who = min((h.start for h in reading.hits if h.kind in REAL_WHO), default=len(reading.text))
    return any(h.kind == "anyone" and h.start > first_who for h in reading.hits)
