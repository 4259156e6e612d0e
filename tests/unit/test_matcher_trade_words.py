"""How the matcher reads trade names and profession fields written the way people write them: possessives,
one-word trade names that share a stem with a common word, and the words beside a trade name."""

from __future__ import annotations

import pytest

from netevent.domain.lexicon import Tokens, stems
from netevent.domain.matcher import Knowledge, KnowledgeError, suggest
from netevent.domain.profiles import index_for
from netevent.services.spheres import knowledge
from tests.matcher_rosters import person


@pytest.fixture(scope="module")
def kn() -> Knowledge:
    return knowledge()


def test_a_possessive_stays_on_its_word() -> None:
    assert stems("women's health physio") == stems("womens health physio") == stems("women\u2019s health physio")
    assert stems("children's entertainer") == stems("childrens entertainer")
    assert Tokens("Women\u2019s health physio").span(0, 3) == "women\u2019s health physio"


def test_busy_is_no_business(kn: Knowledge) -> None:
    assert stems("busy") != stems("business")
    assert "business_services" not in kn.client_spheres_in("Busy GP surgeries")


@pytest.mark.parametrize("text", ["bank account", "on the market", "coaching and accountability", "broom clean"])
def test_a_one_word_trade_name_is_not_found_in_a_common_word_with_its_stem(kn: Knowledge, text: str) -> None:
    assert kn.classify(text) == set(), text


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Accountants", "accountant"),
        ("Marketing", "marketing consultant"),
        ("Stay Put Remodeling", "builder"),
        ("pharmacies", "pharmacist"),
        ("handymen", "handyman"),
    ],
)
def test_a_one_word_trade_name_still_meets_its_own_endings(kn: Knowledge, text: str, canonical: str) -> None:
    assert canonical in kn.classify(text), text


@pytest.mark.parametrize(
    ("names", "canonical"),
    [
        (("Financial counsellor", "Financial counselor"), "debt adviser"),
        (("Family dispute resolution practitioner", "FDR practitioner"), "mediator"),
        (("Migration agent", "Emigration consultant"), "immigration adviser"),
        (("Property factor",), "strata manager"),
        (("Fair Deal advisor",), "senior living advisor"),
        (("IQP", "BWOF inspector"), "building compliance inspector"),
        (("Deceased estate clearance",), "house clearance"),
        (("Stonemason",), "stonemason"),
    ],
)
def test_more_regional_names(kn: Knowledge, names: tuple[str, ...], canonical: str) -> None:
    for name in names:
        assert canonical in kn.classify(name), name


@pytest.mark.parametrize(
    ("field", "canonical"),
    [
        ("Lawyer, retirement village contracts", "solicitor"),  # the village only describes the contracts
        ("Linen and laundry service for B&Bs", "linen hire"),  # what follows "for" is whom it serves
        ("Realtor and home stager", None),  # two trades joined by "and" both count
    ],
)
def test_a_profession_field_names_its_trade_and_whom_it_serves(kn: Knowledge, field: str, canonical: str) -> None:
    found = index_for(kn).profile(person("Pat Trade", field), "Pat", False).professions
    if canonical is None:
        assert found == ("estate agent", "home stager")
    else:
        assert found == (canonical,)


def test_the_words_beside_a_trade_name_are_its_clients(kn: Knowledge) -> None:
    room = [
        person("Orla Brady", "Linen and laundry service for B&Bs", "Guesthouse owners before the season."),
        person("Fergal Cassidy", "Online booking system for guesthouses", "Guesthouses taking bookings by phone."),
        person("Kylie Morgan", "Oncology massage therapist", "", "Gentle massage."),
        person("Leanne Foster", "Wig specialist", "Women about to start chemotherapy.", "Wigs and scarves."),
    ]
    pairs = {(s.a, s.b): s for s in suggest(room, [], kn)}
    assert "Both serve pubs, restaurants, cafés and hotels" in pairs[("Fergal Cassidy", "Orla Brady")].reasons
    reasons = pairs[("Kylie Morgan", "Leanne Foster")].reasons
    assert "Leanne's ask (chemotherapy) is who Kylie serves" in reasons


def test_a_title_is_not_a_first_name(kn: Knowledge) -> None:
    room = [
        person("Dr Amy Chen", "Women's health physio", "Pregnant women.", "Postnatal physiotherapy."),
        person("Mel Turner", "Baby capsule hire", "Mums-to-be in their last trimester.", "Car seat fitting."),
    ]
    reasons = " ".join(suggest(room, [], kn)[0].reasons)
    assert "Amy" in reasons and "Dr's" not in reasons and "Dr serves" not in reasons


def test_a_field_under_the_wrong_table_is_reported() -> None:
    data = {
        "spheres": {"pets": {"name": "Pets", "serves": "pet owners", "professions": {"vet": []}}},
        "triggers": {"new_pet": {"phrase": "new puppy owners", "cues": ["puppy"], "vet": {"pools": ["pets"]}}},
    }
    with pytest.raises(KnowledgeError, match=r"triggers\.new_pet\.vet"):
        Knowledge.from_dict(data)


def test_generic_links_add_little_even_beside_a_specific_one(kn: Knowledge) -> None:
    """An accountant asking for new companies and a web designer for 'any business': every business trade meets
    start-ups, so that ask is a generic link; the moment both see still counts once, and generic links add at most
    GENERIC_CAP on top."""
    room = [
        person("Paul Books", "Accountant", "Newly incorporated companies.", "Year-end accounts."),
        person("Tracy Web", "Web designer", "Any business that needs a website.", "Websites for small businesses."),
    ]
    pair = suggest(room, [], kn)[0]
    assert pair.score <= 1.0 + 0.75, pair
    assert "Both see people starting a business" in pair.reasons
