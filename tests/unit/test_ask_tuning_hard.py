"""The ask check on the hard tuning asks (tests/ask_tuning_hard.py): vague asks dressed up with places, times and
the speaker's own trade stay vague, and consumer asks that use work words never get business advice."""

from __future__ import annotations

import pytest

from netevent.ask.check import AskReview
from netevent.services.ask_rules import review_ask
from tests.ask_tuning_hard import HARD

# Advice that only fits a business target: naming a kind of business or the role who buys for it.
BUSINESS_ADVICE = (
    "kind of business",
    "signs the order",
    "role who",
    "office manager",
    "finance director",
    "practice owner",
    "dental practice",
    "café owner",
    "role at one kind",
    "law firm",
)
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


# Not read yet: a situation after "someone … whose" is only read after a real who, because "anyone whose house is
# in Leeds" would then pass as specific. Strict, so the day it is read the mark must go.
SPECIFIC_READ_AS_VAGUE = {"Someone in Perth whose company car is being taken away next month."}


def test_no_specific_ask_is_judged_vague() -> None:
    wrong = [
        t
        for label, _, t in HARD
        if label == "specific" and t not in SPECIFIC_READ_AS_VAGUE and review_ask(t).verdict == "vague"
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.xfail(strict=True, reason="a situation after 'someone whose' is not read yet")
@pytest.mark.parametrize("text", sorted(SPECIFIC_READ_AS_VAGUE))
def test_the_known_specific_miss_is_still_missed(text: str) -> None:
    assert review_ask(text).verdict != "vague"


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
