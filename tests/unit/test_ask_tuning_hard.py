"""The ask check on the hard tuning asks (tests/ask_tuning_hard.py): vague asks dressed up with places, times and
the speaker's own trade stay vague, and consumer asks that use work words never get business advice."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from netevent.ask.check import AskReview
from netevent.services.ask_rules import review_ask
from tests.ask_tuning_hard import EIGHTH_BATCH, FIFTH_BATCH, HARD, NINTH_BATCH, SEVENTH_BATCH, SIXTH_BATCH

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_asks import BUSINESS_ADVICE  # the same list the frozen set is measured with

CONSUMER = [text for _, audience, text in HARD if audience == "consumer"]


def _business_advice(text: str, result: AskReview) -> list[str]:
    """Business phrases in the review that are not simply the speaker's own words quoted back."""
    said = " ".join(f"{f.message} {f.suggestion}" for f in result.findings).lower()
    return [m for m in BUSINESS_ADVICE if m in said and m not in text.lower()]


def test_the_tuning_set_is_big_and_covers_both_failure_kinds() -> None:
    assert len(HARD) >= 80
    assert len({text for *_, text in HARD}) == len(HARD)
    assert sum(label == "vague" for label, *_ in HARD) >= 40
    assert len(CONSUMER) >= 40


@pytest.mark.parametrize("label", ["vague", "specific"])
def test_agrees_with_the_labels(label: str) -> None:
    cases = [text for expected, _, text in HARD if expected == label]
    misses = [f"{review_ask(t).verdict}: {t}" for t in cases if review_ask(t).verdict != label]
    assert 1 - len(misses) / len(cases) >= 0.9, "\n".join(misses)


def test_no_dressed_up_vague_ask_is_judged_specific() -> None:
    wrong = [t for label, _, t in HARD if label == "vague" and review_ask(t).verdict == "specific"]
    assert not wrong, "\n".join(wrong)


def test_no_specific_ask_is_judged_vague() -> None:
    wrong = [t for label, _, t in HARD if label == "specific" and review_ask(t).verdict == "vague"]
    assert not wrong, "\n".join(wrong)


def test_the_once_known_miss_after_someone_whose_is_read() -> None:
    # It was a strict known failure: a situation after "someone … whose" was only read after a real who.
    assert review_ask("Someone in Perth whose company car is being taken away next month.").verdict == "specific"


@pytest.mark.parametrize("text", CONSUMER)
def test_a_consumer_ask_never_gets_business_advice(text: str) -> None:
    result = review_ask(text)
    assert not _business_advice(text, result), [(f.code, f.message, f.suggestion) for f in result.findings]


@pytest.mark.parametrize(
    "text",
    [
        "More clients in Dublin and Cork this month.",
        "Small businesses in Leeds and Bradford that want to save money this year.",
        "Anyone in Melbourne or Sydney who could use a bookkeeper this year.",
    ],
)
def test_the_speakers_time_frame_narrows_no_one(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code == "moment"], "a time frame on nobody is no moment"
    assert result.top_suggestion


def test_a_time_frame_still_places_a_real_whos_moment() -> None:
    assert review_ask("Law firms in Cork moving offices this spring.").verdict == "specific"
    assert review_ask("Teachers in Toronto going on maternity leave this year.").verdict == "specific"


@pytest.mark.parametrize(
    "text",
    [
        "People in Sydney who might be moving house one day.",
        "Any homeowner in Ireland who may need a new roof at some point.",
        "Folks around Nashville who might want solar soon.",
    ],
)
def test_a_hedged_moment_is_no_moment(text: str) -> None:
    result = review_ask(text)
    assert result.verdict != "specific"
    assert result.listen_for == (), "nothing has happened yet, so there is nothing to listen for"


def test_a_real_moment_beside_a_generic_who_still_counts() -> None:
    result = review_ask("People in Sydney who are moving house this month.")
    assert result.verdict == "specific" and "we're moving house" in result.listen_for


@pytest.mark.parametrize(
    "text",
    [
        "Accountants in Cork: I'm an accountant and want more clients in Cork this year.",
        "Mortgage brokers in Perth like me who want more leads this month.",
        "Accountants in Leeds, like me, who want to grow.",
    ],
)
def test_the_speakers_own_trade_as_the_target_is_vague_and_said_so(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "vague"
    assert [f for f in result.problems if f.code == "own-trade"]
    assert not [f for f in result.credits if f.code == "trade"]


@pytest.mark.parametrize(
    "text",
    [
        "Small businesses in Auckland looking to grow.",
        "Businesses in Dublin with more than 20 employees.",
        "People over 50 in Leeds.",
        "Folks with kids in Denver.",
        "Decision makers at companies in Chicago with 100+ employees.",
    ],
)
def test_where_how_big_or_who_they_are_does_not_lift_a_generic_who(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_something_happening_to_a_generic_who_does() -> None:
    assert review_ask("Companies in Leeds with 50+ staff whose lease ends this year.").verdict == "specific"
    assert review_ask("People in Wellington who have just been made redundant.").verdict == "specific"
    assert review_ask("Nurses in Cork with young kids.").verdict == "specific"  # a trait narrows a real who


def test_a_word_saying_what_a_company_does_makes_it_a_kind_of_business() -> None:
    result = review_ask("Tech companies in Seattle with remote teams across three time zones.")
    assert result.verdict == "specific"
    assert [f.words for f in result.credits if f.code == "business"] == ["Tech companies"]
    assert review_ask("Ambitious companies in Leeds.").verdict == "vague"


def test_a_job_title_in_a_household_ask_is_praised_as_people_not_as_the_buyer() -> None:
    result = review_ask("Finance directors in Sydney who have just had twins.")
    assert result.verdict == "specific"
    role = [f for f in result.credits if f.code == "role"]
    assert role and "person to ask for" not in role[0].message
    assert "we've just had twins" in result.listen_for


def test_a_life_event_beside_a_person_is_not_told_to_name_a_business() -> None:
    text = "Office managers who are retiring."
    result = review_ask(text)
    assert result.verdict == "needs-work" and not _business_advice(text, result)
    assert not [f for f in result.problems if f.code in ("no-business", "no-role", "no-size")]


@pytest.mark.parametrize(
    "text",
    [
        "Anyone whose employer has just announced layoffs.",
        "Staff at the hospital in Galway who have just been told their shifts are changing.",
        "Someone who's just inherited their dad's company and has no idea about pensions.",
    ],
)
def test_an_organisation_in_a_persons_situation_is_where_they_work_not_the_target(text: str) -> None:
    result = review_ask(text)
    assert not _business_advice(text, result), [(f.code, f.message, f.suggestion) for f in result.findings]
    assert not [f for f in result.credits if "kind of business" in f.message]


def test_a_life_event_at_an_organisation_still_gets_business_advice() -> None:
    result = review_ask("Golf clubs whose greenkeeper is retiring.")
    assert any("signs the order" in f.suggestion for f in result.problems)


@pytest.mark.parametrize(
    "text", ["Any Tom, Dick or Harry in Cork who needs a solicitor.", "Yanks, Aussies and Kiwis moving anywhere."]
)
def test_capitalised_words_across_commas_or_after_any_are_no_named_person(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code == "named"]


def test_a_name_before_a_comma_is_still_a_name() -> None:
    result = review_ask("Jim Daly, who owns the Centra in Mallow.")
    assert result.verdict == "specific"
    assert [f.words for f in result.credits if f.code == "named"] == ["Jim Daly"]


# The fifth batch (labelled before the check ran on it: 59 of 67 agreed on the first run).


def test_the_fifth_batch_agrees_with_its_labels() -> None:
    misses = [
        f"{label} → {review_ask(t).verdict}: {t}" for label, _, t in FIFTH_BATCH if review_ask(t).verdict != label
    ]
    assert 1 - len(misses) / len(FIFTH_BATCH) >= 0.95, "\n".join(misses)


# Each later batch, labelled before the check ran on it, and the share of each label it must keep. At their first
# runs the fifth agreed 59 of 67, the sixth 72 of 79, the seventh 70 of 74 (all four misses roles at kinds of
# businesses whose kind or role went unread), the eighth 80 of 85 (84 after its round: 'Independent bookshops in
# Vermont' is still judged specific, 'independent' being listed as a size), the ninth 71 of 86 (86 after its round:
# shortened titles, stories told before "so", hashtag and slash lists, traits before the who, listed sectors).
BATCHES = {
    "fifth": (FIFTH_BATCH, 0.9),
    "sixth": (SIXTH_BATCH, 0.95),
    "seventh": (SEVENTH_BATCH, 0.95),
    "eighth": (EIGHTH_BATCH, 0.95),
    "ninth": (NINTH_BATCH, 0.95),
}


@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("label", ["vague", "specific", "needs-work"])
def test_each_batch_keeps_each_verdict(batch: str, label: str) -> None:
    asks, share = BATCHES[batch]
    cases = [t for expected, _, t in asks if expected == label]
    misses = [f"{review_ask(t).verdict}: {t}" for t in cases if review_ask(t).verdict != label]
    assert 1 - len(misses) / len(cases) >= share, "\n".join(misses)


def test_the_whole_set_judges_needs_work_as_needs_work() -> None:
    cases = [t for expected, _, t in HARD if expected == "needs-work"]
    misses = [f"{review_ask(t).verdict}: {t}" for t in cases if review_ask(t).verdict != "needs-work"]
    assert 1 - len(misses) / len(cases) >= 0.85, "\n".join(misses)


@pytest.mark.parametrize(
    "text",
    [
        "Someone who has just sold their company.",
        "Someone who's just been made redundant from a bank.",
        "Someone who's just retired from the civil service.",
    ],
)
def test_someone_something_has_happened_to_is_one_person_to_narrow(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "needs-work"
    assert not [f for f in result.problems if f.code == "anyone"], "one person is not 'everybody'"
    assert [f for f in result.problems if f.code == "no-place"]


def test_anyone_something_has_happened_to_is_still_anyone() -> None:
    assert review_ask("Anyone who's moving house.").verdict == "vague"
    assert review_ask("Someone who needs a plumber.").verdict == "vague"


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("People in Dallas whose home insurance was just cancelled.", "need"),
        ("Someone in Christchurch whose house was damaged in the floods last week.", "need"),
        ("Someone in Auckland whose work visa runs out next month.", "moment"),
        ("People in Cork whose fixed-rate mortgage ends this year.", "moment"),
    ],
)
def test_what_has_happened_in_a_whose_clause_narrows_someone(text: str, situation: str) -> None:
    result = review_ask(text)
    assert result.verdict == "specific"
    assert [f for f in result.credits if f.code == situation]


@pytest.mark.parametrize(
    "text",
    [
        "Anyone in Sydney whose car needs a service.",
        "Anyone in Vancouver whose house is in Kitsilano.",
        "Companies in Denver whose staff need training.",
        "Anyone in Galway whose roof might need fixing one day.",
    ],
)
def test_a_whose_clause_wanting_the_service_or_saying_where_narrows_no_one(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_people_a_whose_clause_names_are_in_the_targets_life_not_the_target() -> None:
    result = review_ask("Someone in Leeds whose dad has dementia and can't live alone any more.")
    assert result.verdict == "specific"
    assert not [f for f in result.credits if f.words == "dad"]
    assert "our dad has dementia and can't live alone any more" in result.listen_for
    assert review_ask("Restaurants whose head chef has just left.").verdict == "needs-work"  # no role to ask for


def test_what_someone_owns_is_not_a_blurred_who() -> None:
    result = review_ask("Someone who's just inherited their dad's company and has no idea about pensions.")
    assert not [f for f in result.problems if f.code == "generic"]
    assert result.rewrite.startswith("Who do you know who has just inherited their dad's company")


def test_losing_a_job_is_a_persons_life_event_even_beside_a_workplace() -> None:
    text = "A chef in Auckland who's just been let go from a restaurant."
    result = review_ask(text)
    assert result.verdict == "specific" and not _business_advice(text, result)
    assert [f.message for f in result.credits if f.code == "business"] == ['Says where they work: "restaurant".']


def test_two_words_naming_people_by_what_they_do_are_a_who() -> None:
    result = review_ask("Ski instructors in Queenstown.")
    assert result.verdict == "needs-work"
    assert [f.words for f in result.credits if f.code == "trade"] == ["Ski instructors"]
    assert review_ask("Great instructors.").verdict == "vague"


def test_mom_and_pop_is_a_size_or_small_businesses_not_a_mum() -> None:
    assert review_ask("Mom-and-pop shops in Tampa looking to grow.").verdict == "vague"
    result = review_ask("Mom-and-pop restaurants in Queens.")
    assert result.verdict == "specific"  # a kind of business, a size and a place
    assert not [f for f in result.credits if f.words == "Mom"]


# The sixth batch's own readings.


@pytest.mark.parametrize(
    "text",
    [
        "Businesses in Wellington that need their IT sorted before the end of the financial year.",
        "Companies in Leeds at year end.",
        "Anyone in Perth who needs help at tax time.",
    ],
)
def test_a_season_of_the_calendar_is_a_time_frame_not_a_moment(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code == "moment"]


def test_a_season_still_places_a_real_whos_situation() -> None:
    assert review_ask("Accountancy firms in Leeds that are swamped at year end.").verdict == "specific"


def test_a_listed_noun_after_a_subject_is_a_verb_not_a_who() -> None:
    result = review_ask("Introductions to anyone you'd trust with your own money in Sligo.")
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code in ("business", "workplace")]
    assert review_ask("People who farm in Kerry.").verdict == "needs-work"  # after "who" it says what they do


def test_how_big_after_with_is_a_size_not_a_situation() -> None:
    result = review_ask("Physio practices with two or three clinics that want to grow.")
    assert result.verdict == "needs-work"
    assert not [f for f in result.credits if f.code == "need"]
    assert review_ask("Cafés with two sites that have just lost their chef.").verdict == "specific"


@pytest.mark.parametrize(
    "text", ["Growth-stage companies across EMEA that need cloud solutions.", "Any firm in Dublin with staff."]
)
def test_how_far_along_or_a_bare_firm_is_still_a_generic_who(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_households_are_everybody_at_home_and_get_consumer_advice() -> None:
    result = review_ask("Households in Sydney who want to save on their bills.")
    assert result.verdict == "vague"
    assert "one group of people" in result.top_suggestion
    assert review_ask("A household in Galway that has just had a baby.").verdict == "specific"


@pytest.mark.parametrize(
    "text",
    [
        "People who are tired of paying too much for energy, anywhere in Ontario.",
        "Businesses who are struggling with cash flow in Leeds.",
    ],
)
def test_a_complaint_the_whole_market_shares_lifts_no_generic_who(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_a_need_that_has_happened_still_lifts_a_generic_who() -> None:
    assert review_ask("People in Cork who've been turned down for a mortgage.").verdict == "specific"
    assert review_ask("Anyone self-employed in Auckland whose tax return is overdue.").verdict == "specific"
    assert review_ask("Dental practices in Leeds that are struggling to recruit.").verdict == "specific"  # a real who


@pytest.mark.parametrize(
    "text",
    [
        "Visionary leaders in Dublin who are ready to invest in their people this year.",
        "Driven professionals in Sydney keen to invest.",
    ],
)
def test_polish_and_readiness_picture_no_one(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_readiness_is_wanting_not_a_situation() -> None:
    result = review_ask("Dental practices in Leeds that are ready to grow.")
    assert result.verdict == "needs-work" and not [f for f in result.credits if f.code == "need"]


@pytest.mark.parametrize(
    "text",
    [
        "Nurses who have just moved house.",
        "Teachers who have just bought a car.",
        "Landlords who've just bought another flat.",
    ],
)
def test_a_clause_that_is_the_moment_is_not_also_a_situation(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "needs-work"
    assert not [f for f in result.credits if f.code == "need"]
    assert [f for f in result.problems if f.code == "no-place"]


def test_the_business_a_person_owns_is_not_the_target() -> None:
    text = "Dentists who have just sold their practice."
    result = review_ask(text)
    assert result.verdict == "needs-work" and not _business_advice(text, result)


def test_where_someone_moved_to_is_a_place_not_a_name() -> None:
    result = review_ask("Freelancers who have just moved to Lisbon.")
    assert [f.words for f in result.credits if f.code == "place"] == ["Lisbon"]
    assert not [f for f in result.credits if f.code == "named"]


@pytest.mark.parametrize(
    "text", ["Owners of any kind of business in Wellington.", "Owners of small businesses in Leeds."]
)
def test_an_owner_of_anyone_is_still_anyone(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_what_a_generic_who_has_is_not_a_kind_of_business() -> None:
    result = review_ask("Companies with offices in Sydney and Melbourne.")
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code == "business"]
    assert review_ask("Owners of dental practices in Leeds.").verdict == "needs-work"


@pytest.mark.parametrize(
    "text",
    [
        "Restaurant staff in Wellington who have just lost their jobs.",
        "Partners at law firms who are getting divorced.",
        "Managers who have just been promoted.",
    ],
)
def test_people_at_work_with_a_life_event_get_no_business_advice(text: str) -> None:
    result = review_ask(text)
    assert not _business_advice(text, result), [(f.code, f.message, f.suggestion) for f in result.findings]


def test_a_company_suffix_after_a_name_is_still_a_name() -> None:
    result = review_ask("An introduction to Smith Partners in Leeds.")
    assert result.verdict == "specific"
    assert [f.words for f in result.credits if f.code == "named"] == ["Smith Partners"]


def test_people_anyone_has_are_in_their_life_not_the_target() -> None:
    assert review_ask("Anyone with an elderly parent.").verdict == "vague"
    assert review_ask("People with teenage kids in Leeds.").verdict == "vague"  # like "folks with kids in Denver"
    assert review_ask("Anyone in Cork with an elderly parent who has just had a fall.").verdict == "specific"


@pytest.mark.parametrize(
    "text",
    [
        "Folks looking to refinance in Denver.",
        "Anyone looking to relocate to Brisbane.",
        "Anyone who needs a mortgage, a remortgage or a buy-to-let in Leeds.",
    ],
)
def test_a_moment_anyone_wants_to_buy_is_no_moment(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code == "moment"]


def test_a_moment_after_the_wish_still_counts() -> None:
    assert review_ask("Businesses in Leeds that need help because their lease ends this year.").verdict == "specific"
    assert review_ask("Anyone in Cork who wants to move after a divorce.").verdict == "specific"
    assert review_ask("Retired teachers in Brisbane who want to downsize this year.").verdict == "specific"


def test_a_clause_opened_by_a_moment_is_the_moment_with_its_words() -> None:
    result = review_ask("Sole traders in Leeds who have just gone over the VAT threshold.")
    assert [f.words for f in result.credits if f.code == "moment"] == ["who have just gone over the VAT threshold"]
    assert not [f for f in result.credits if f.code == "need"]
    assert result.listen_for == ("we've just gone over the vat threshold",)


def test_a_year_is_no_size_and_a_kind_of_business_describing_a_thing_is_still_one() -> None:
    result = review_ask("Buyers of pre-1919 terraced houses in Chapel Allerton.")
    assert not [f for f in result.credits if f.code == "size"]
    assert review_ask("Care home managers in south Leeds changing their pharmacy supplier.").verdict == "specific"


def test_a_bodys_trouble_makes_a_trade_or_owner_a_person() -> None:
    text = "Shop owners with bad backs."
    result = review_ask(text)
    assert result.verdict == "needs-work" and not _business_advice(text, result)


@pytest.mark.parametrize(
    "text",
    [
        "Brands looking to elevate their presence in Melbourne this year.",
        "C-suite executives at enterprise companies in the Bay Area.",
        "Key decision makers in mid-market firms across the UK.",
        "Growth-minded SMB owners in Ottawa.",
        "HNWIs in Toronto looking to diversify.",
    ],
)
def test_jargon_for_everybody_is_still_everybody(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_a_brand_that_says_what_it_sells_is_a_kind_of_business() -> None:
    assert review_ask("Fashion brands in Melbourne launching a second store.").verdict == "specific"


def test_fellow_members_of_the_speakers_trade_are_the_own_trade() -> None:
    result = review_ask("Fellow accountants in Ottawa with overflow work.")
    assert result.verdict == "vague"
    assert [f for f in result.problems if f.code == "own-trade"]


@pytest.mark.parametrize(
    ("text", "swap"),
    [
        ("Businesses that need a website, an app or both, anywhere in Ireland.", 'Swap "Businesses"'),
        ("People who are tired of paying too much for energy, anywhere in Ontario.", 'Swap "People"'),
    ],
)
def test_the_who_to_swap_is_the_blurred_who_not_anywhere(text: str, swap: str) -> None:
    assert review_ask(text).top_suggestion.startswith(swap)


# The seventh batch's own readings.


@pytest.mark.parametrize(
    "text",
    [
        "The GM of a landscaping business in Tauranga.",  # a lone 'business' after what it does
        "A hotel's GM in Killarney.",  # a kind of business in the possessive
        "The office manager of an HVAC company in Tampa.",  # an acronym says what the company does
        "The principal broker at a real estate office in Tucson.",  # 'estate' is no place there
        "The head of operations at Kiwi Freight in Tauranga.",  # a nationality word starts a company's name
        "Staff at the Bank of Ireland branch in Swords who look after business accounts.",
    ],
)
def test_roles_at_kinds_of_business_read_in_unseen_forms(text: str) -> None:
    assert review_ask(text).verdict == "specific"


def test_uk_companies_are_still_a_place_not_a_kind() -> None:
    assert review_ask("UK companies that want to grow.").verdict == "vague"


@pytest.mark.parametrize("text", ["Nursing homes in Ontario.", "Car dealerships in Cork."])
def test_a_kind_of_business_named_with_household_words_gets_business_advice(text: str) -> None:
    said = " ".join(f.suggestion for f in review_ask(text).findings).lower()
    assert "a new baby" not in said and "offer accepted" not in said


def test_the_rewrite_does_not_paste_in_a_speaker_or_a_blur() -> None:
    assert "who is i'm" not in review_ask("I'm a realtor in Phoenix hoping to meet more realtors in Phoenix.").rewrite
    assert "who is needs" not in review_ask("Whoever needs a hand with marketing, Canberra-wide.").rewrite


def test_a_place_names_a_body_only_where_a_name_is_expected() -> None:
    assert review_ask("The fleet manager at Dublin Bus.").verdict == "specific"
    assert review_ask("Families from Galway City.").verdict == "needs-work"  # where they are from, not a name
    assert review_ask("Dentists from Cork.").verdict == "needs-work"


# The eighth batch's own readings.


@pytest.mark.parametrize(
    "text",
    [
        "Looking to meet new parents in Halifax who've just moved here from overseas.",
        "I'm looking for landlords in Cork whose tenants have just moved out.",
        "Im looking for landlords in cork whose tenants just left",  # capitals only where sentences start
        "Keen to connect with nurses in Leeds buying their first home.",
    ],
)
def test_the_speakers_wish_to_meet_is_no_service_cue(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "specific"
    assert not [f for f in result.problems if f.code == "service"]


def test_anyone_asked_for_an_introduction_is_the_room() -> None:
    result = review_ask("Can anyone introduce me to nurses?")
    assert result.verdict == "needs-work"
    assert not [f for f in result.problems if f.code == "anyone"]
    assert result.rewrite.startswith("Who do you know who are nurses")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("does anyone know the ops manager at a freight company in auckland", "Who do you know who is the ops"),
        (
            "Can you put me in touch with the procurement team at Kerry Group?",
            "Who do you know who knows the procurement team at Kerry Group?",
        ),
        ("I'd love an intro to the practice manager at Riverside Dental.", "Who do you know who is the practice"),
        ("Any chance someone knows young families in Whanganui?", "Who do you know who are young families"),
    ],
)
def test_a_request_to_the_room_is_dropped_from_the_rewrite(text: str, start: str) -> None:
    assert review_ask(text).rewrite.startswith(start)


def test_a_role_of_something_takes_is_in_the_rewrite() -> None:
    # "head of facilities" is one head, not "facilities"
    rewrite = review_ask("The head of facilities at Trinity College Dublin.").rewrite
    assert rewrite.startswith("Who do you know who is the head of facilities")


def test_an_abbreviation_ends_no_sentence() -> None:
    result = review_ask("I'm hoping to meet the finance director of Northwind Logistics Inc. in Columbus.")
    assert result.rewrite.endswith("Northwind Logistics Inc. in Columbus?")
    assert [f.words for f in result.credits if f.code == "place"] == ["Columbus"]


@pytest.mark.parametrize(
    "text",
    [
        "Any business owner or homeowner in Meath who needs a sparky.",  # "any" reaches over the "or"
        "I'm a wedding photographer in Queenstown hoping to meet other wedding photographers.",
    ],
)
def test_dressed_up_everybody_and_own_trade_stay_vague(text: str) -> None:
    assert review_ask(text).verdict == "vague"


def test_someone_in_the_targets_life_is_not_the_role_to_ask_for() -> None:
    result = review_ask("Vet clinics that have just lost their practice manager.")
    assert result.verdict == "needs-work"
    assert not [f for f in result.credits if f.code == "role"]


def test_a_company_named_like_a_tool_is_the_employer_after_at() -> None:
    assert review_ask("The marketing manager at Xero.").verdict == "specific"
    assert review_ask("Accountants who use Xero.").verdict == "needs-work"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Nurses who work night shifts.", "we work night shifts"),
        ("i'd love to meet freelancers in leeds who've been turned down for a mortgage", "we've been turned down"),
        ("Anyone self-employed in Auckland whose tax return is overdue.", "our tax return is overdue"),
        ("Someone in Christchurch whose elderly mum has just come out of hospital.", "our elderly mum has just"),
        ("Retired teachers in Brisbane who want to downsize this year.", "we want to downsize"),
    ],
)
def test_what_to_listen_for_is_plain_first_person(text: str, said: str) -> None:
    assert review_ask(text).listen_for[0].startswith(said)


def test_an_unlisted_town_in_a_lower_case_ask_is_a_place() -> None:
    result = review_ask("grandparents in kelowna")
    assert [f.words for f in result.credits if f.code == "place"] == ["kelowna"]
    assert not [f for f in result.findings if f.code == "no-place"]


@pytest.mark.parametrize("state", ["debt", "limbo", "recovery", "prison", "retail"])
def test_a_state_someone_is_in_is_no_town(state: str) -> None:
    # "parents in limbo waiting for a school place" was credited the town "limbo", and so judged specific
    result = review_ask(f"parents in {state} waiting for a school place")
    assert not [f for f in result.credits if f.code == "place"]
    assert result.verdict != "specific"


def test_listen_for_keeps_the_in_of_a_state() -> None:
    assert review_ask("Homeowners in trouble with damp in their basement.").listen_for == (
        "we're in trouble with damp in our basement",
    )
