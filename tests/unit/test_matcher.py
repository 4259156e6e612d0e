"""The introduction matcher: the pairs a seasoned networker would make, with reasons, never two competitors."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from netevent.domain.matcher import Knowledge, KnowledgeError, Suggestion, helpers_for, suggest
from netevent.domain.models import Referral
from netevent.services.spheres import knowledge
from tests.matcher_rosters import PROPERTY, ROOMS, TWO_AGENTS, Room, person, spread_holds


@pytest.fixture(scope="module")
def kn() -> Knowledge:
    return knowledge()


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a.casefold() <= b.casefold() else (b, a)


def _top_pairs(room: Room, kn: Knowledge) -> set[tuple[str, str]]:
    top = suggest(room.attendees, [], kn, limit=2 * len(room.expected))
    return {(s.a, s.b) for s in top}


def test_expected_pairs_are_in_the_top_suggestions(kn: Knowledge) -> None:
    found = total = 0
    for room in ROOMS:
        top = _top_pairs(room, kn)
        hits = sum(_pair(*pair) in top for pair in room.expected)
        assert hits >= 2 / 3 * len(room.expected), f"{room.title}: only {hits}/{len(room.expected)} expected pairs"
        found += hits
        total += len(room.expected)
    assert found / total >= 0.9, f"{found}/{total} expected pairs in the top suggestions"


@pytest.mark.parametrize("room", ROOMS, ids=lambda r: r.title)
def test_every_suggestion_has_a_reason_and_no_competitors(room: Room, kn: Knowledge) -> None:
    out = suggest(room.attendees, [], kn)
    assert out
    rivals = {_pair(*pair) for pair in room.rivals}
    for s in out:
        assert s.reasons and all(r.strip() for r in s.reasons)
        assert (s.a, s.b) not in rivals
        assert s.a.casefold() < s.b.casefold()
        assert s.score > 0


def test_two_estate_agents_are_never_partners_but_both_meet_the_broker(kn: Knowledge) -> None:
    pairs = {(s.a, s.b) for s in suggest(TWO_AGENTS.attendees, [], kn)}
    assert ("Ana Silva", "Ben Carter") not in pairs
    assert ("Ana Silva", "Dev Rao") in pairs and ("Ben Carter", "Dev Rao") in pairs


def test_same_profession_under_different_names_competes(kn: Knowledge) -> None:
    room = [
        person("Alf", "Mortgage broker", "Estate agents in Leeds."),
        person("Bea", "Mortgage adviser", "Estate agents in York."),
        person("Cy", "Realtor", "Mortgage brokers who work weekends."),
    ]
    pairs = {(s.a, s.b) for s in suggest(room, [], kn)}
    assert ("Alf", "Bea") not in pairs
    assert {("Alf", "Cy"), ("Bea", "Cy")} <= pairs


def test_absent_attendees_are_left_out(kn: Knowledge) -> None:
    people = [replace(p, attendance="absent") if p.name == "Tom Reid" else p for p in PROPERTY.attendees]
    names = {n for s in suggest(people, [], kn) for n in (s.a, s.b)}
    assert "Tom Reid" not in names
    assert "Sarah Patel" in names


def test_already_introduced_pair_ranks_lower_than_when_new(kn: Knowledge) -> None:
    fresh = suggest(PROPERTY.attendees, [], kn)
    rank = [(s.a, s.b) for s in fresh].index(("Sarah Patel", "Tom Reid"))
    # an introduction names the two people introduced, in either order and any case
    intro = Referral(giver="tom reid", receiver="Sarah  Patel", kind="introduction")
    later = suggest(PROPERTY.attendees, [intro], kn)
    moved = next(s for s in later if (s.a, s.b) == ("Sarah Patel", "Tom Reid"))
    assert [(s.a, s.b) for s in later].index(("Sarah Patel", "Tom Reid")) > rank
    assert moved.score < fresh[rank].score
    assert any("introduced" in r.lower() for r in moved.reasons)


def test_introduction_to_a_named_contact_in_the_room_counts(kn: Knowledge) -> None:
    before = {(s.a, s.b): s.score for s in suggest(PROPERTY.attendees, [], kn)}
    intro = Referral(giver="Nadia Khan", receiver="Sarah Patel", kind="introduction", contact="Owen Price")
    after = {(s.a, s.b): s.score for s in suggest(PROPERTY.attendees, [intro], kn)}
    assert after[("Owen Price", "Sarah Patel")] < before[("Owen Price", "Sarah Patel")]
    assert after[("Nadia Khan", "Sarah Patel")] < before[("Nadia Khan", "Sarah Patel")]


def test_one_to_one_booked_ranks_lower(kn: Knowledge) -> None:
    before = {(s.a, s.b): s.score for s in suggest(PROPERTY.attendees, [], kn)}
    booked = Referral(giver="Grace Hill", receiver="Tom Reid", kind="one-to-one")
    after = {(s.a, s.b): s.score for s in suggest(PROPERTY.attendees, [booked], kn)}
    assert after[("Grace Hill", "Tom Reid")] < before[("Grace Hill", "Tom Reid")]


def test_active_givers_get_a_reason_and_a_lift(kn: Knowledge) -> None:
    gave = [
        Referral(giver="Raj Singh", receiver="Liam Byrne", kind="referral"),
        Referral(giver="Mei Chen", receiver="Sarah Patel", kind="referral"),
    ]
    before = {(s.a, s.b): s for s in suggest(PROPERTY.attendees, [], kn)}
    after = {(s.a, s.b): s for s in suggest(PROPERTY.attendees, gave, kn)}
    pair = ("Mei Chen", "Raj Singh")
    assert after[pair].score > before[pair].score
    assert "Both active givers this meeting" in after[pair].reasons


def test_reasons_say_why_in_plain_words(kn: Knowledge) -> None:
    out = {(s.a, s.b): s for s in suggest(PROPERTY.attendees + TWO_AGENTS.attendees[:1], [], kn)}
    sarah_tom = out[("Sarah Patel", "Tom Reid")].reasons
    assert "Tom's ask (first-time buyers) is who Sarah serves" in sarah_tom
    assert "Tom is in Sarah's contact sphere (mortgage broker)" in sarah_tom
    assert "Both serve people buying, selling or letting a home" in sarah_tom
    assert "Nadia's ask mentions estate agents: Grace is a realtor" in out[("Grace Hill", "Nadia Khan")].reasons


def test_divorce_cluster_says_both_see_separating_couples(kn: Knowledge) -> None:
    room = next(r for r in ROOMS if r.title == "divorce cluster")
    out = {(s.a, s.b): s for s in suggest(room.attendees, [], kn)}
    assert "Both see couples who are separating" in out[("Helen Ward", "Marcus Lee")].reasons


def test_output_is_deterministic_whatever_the_roster_order(kn: Knowledge) -> None:
    room = next(r for r in ROOMS if r.title == "new-business cluster")
    first = suggest(room.attendees, [], kn)
    shuffled = list(room.attendees)
    random.Random(7).shuffle(shuffled)
    assert suggest(shuffled, [], kn) == first
    assert spread_holds(first, len(room.attendees))


def test_limit_takes_the_top_of_the_full_list(kn: Knowledge) -> None:
    full = suggest(PROPERTY.attendees, [], kn)
    assert suggest(PROPERTY.attendees, [], kn, limit=3) == full[:3]
    assert suggest(PROPERTY.attendees, [], kn, limit=0) == []


def test_per_person_keeps_each_persons_best_pairs_with_the_same_reasons(kn: Knowledge) -> None:
    people = max(ROOMS, key=lambda room: len(room.attendees)).attendees
    full = suggest(people, [], kn)
    short = suggest(people, [], kn, per_person=2)
    assert 0 < len(short) < len(full)
    rank: dict[str, int] = {}
    expected = []
    for s in full:  # by hand: a pair stays when it is among the best two of either person
        if rank.get(s.a, 0) < 2 or rank.get(s.b, 0) < 2:
            expected.append(s)
        rank[s.a] = rank.get(s.a, 0) + 1
        rank[s.b] = rank.get(s.b, 0) + 1
    assert short == expected


def test_to_dict_is_the_cli_json_shape() -> None:
    s = Suggestion("Ann", "Bob", 4.5, ("Both serve pet owners",))
    assert s.to_dict() == {"a": "Ann", "b": "Bob", "score": 4.5, "reasons": ["Both serve pet owners"]}


def test_helpers_for_finds_who_serves_the_ask(kn: Knowledge) -> None:
    helpers = helpers_for("nadia khan", PROPERTY.attendees, [], kn)
    assert helpers[0].a == "Nadia Khan" and helpers[0].b == "Grace Hill"
    assert helpers[0].reasons[0] == "Nadia's ask mentions estate agents: Grace is a realtor"
    assert len(helpers) <= 3
    sarah = [h.b for h in helpers_for("Sarah Patel", PROPERTY.attendees, [], kn, limit=5)]
    assert sarah[0] == "Tom Reid"  # the broker: in her sphere and serves her first-time buyers
    assert "Liam Byrne" not in sarah  # the dog groomer can't help with conveyancing clients


def test_helpers_for_never_offers_a_competitor_and_knows_nobody_unknown(kn: Knowledge) -> None:
    helpers = [h.b for h in helpers_for("Dev Rao", TWO_AGENTS.attendees, [], kn, limit=10)]
    assert {"Ana Silva", "Ben Carter"} <= set(helpers)
    assert helpers_for("Ana Silva", TWO_AGENTS.attendees, [], kn, limit=10)
    assert all(h.b != "Ben Carter" for h in helpers_for("Ana Silva", TWO_AGENTS.attendees, [], kn, limit=10))
    assert helpers_for("Nobody Here", TWO_AGENTS.attendees, [], kn) == []
    vague = [person("Vic", "Florist", "Anyone who needs my services."), person("Wes", "Caterer", "")]
    assert helpers_for("Vic", vague, [], kn) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Realtor", "estate agent"),
        ("Real Estate Agents", "estate agent"),
        ("IFA", "financial adviser"),
        ("Financial Advisor", "financial adviser"),
        ("financial planners", "financial adviser"),
        ("CPA", "accountant"),
        ("Chartered Accountants", "accountant"),
        ("Mortgage Advisor", "mortgage broker"),
        ("real-estate attorney", "conveyancer"),
        ("Patel & Co Conveyancing", "conveyancer"),
        ("Family Mediation", "mediator"),
        ("Nannies", "nanny agency"),
        ("handymen", "handyman"),
        ("Café owner", "restaurant"),
        ("Jeweler", "jeweller"),
        ("Dog Behaviorist", "dog trainer"),
        ("Counselor", "therapist"),
        ("Physio", "physiotherapist"),
        ("search engine optimization", "seo specialist"),
    ],
)
def test_classify_understands_synonyms_plurals_and_spellings(kn: Knowledge, text: str, expected: str) -> None:
    assert expected in kn.classify(text)


def test_classify_matches_whole_words_only(kn: Knowledge) -> None:
    assert kn.classify("a bit of everything, habit coaching") == set()  # "it" in "bit"; no IT support
    assert kn.classify("Introductions to estate agents and mortgage brokers") == {"estate agent", "mortgage broker"}
    assert kn.classify("") == set()


def test_trigger_and_client_cues(kn: Knowledge) -> None:
    assert kn.triggers_in("Couples going through a divorce") == {"divorce"}
    assert "house_move" in kn.triggers_in("First-time buyers with an offer accepted")
    assert kn.client_spheres_in("Dog owners in Otley") == {"pets"}


def test_packaged_data_is_rich_enough(kn: Knowledge) -> None:
    assert len(kn.spheres) >= 12
    assert len(kn.triggers) >= 15
    for trigger in kn.triggers.values():
        assert trigger.phrase and trigger.cues and len(trigger.professions) >= 3
        for prof in trigger.professions:
            assert kn.professions[prof].spheres, f"{trigger.id}: {prof} is in no sphere"
    for sphere in kn.spheres.values():
        assert len(sphere.professions) >= 4, sphere.id
    assert kn.competes("estate agent", "estate agent")
    assert kn.competes("estate agent", "letting agent")
    assert not kn.competes("estate agent", "mortgage broker")


def test_bad_knowledge_names_the_field() -> None:
    good = {"spheres": {"pets": {"name": "Pets", "serves": "pet owners", "professions": {"vet": ["vets"]}}}}
    Knowledge.from_dict(good)
    bad_trigger = {**good, "triggers": {"new_pet": {"phrase": "new owners", "professions": ["groomer"]}}}
    with pytest.raises(KnowledgeError, match=r"triggers\.new_pet\.professions: 'groomer'"):
        Knowledge.from_dict(bad_trigger)
    clash = {"spheres": {"pets": {"serves": "x", "professions": {"vet": ["doc"], "gp": ["doc"]}}}}
    with pytest.raises(KnowledgeError, match="'doc' already means 'vet'"):
        Knowledge.from_dict(clash)
    with pytest.raises(KnowledgeError, match=r"competitors\.groups"):
        Knowledge.from_dict({**good, "competitors": {"groups": [["vet", "farrier"]]}})
