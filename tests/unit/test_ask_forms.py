"""The ask check on the forms the ninth tuning round aimed at: a story or the speaker's offer told first,
abbreviated titles, hashtags and slashes, traits written before the who, and sectors listed before one noun.
Each test asserts what a user sees: the verdict, a credit, the rewrite or what the room listens for."""

from __future__ import annotations

import pytest

from netevent.services.ask_rules import review_ask


def _credited(text: str, code: str) -> list[str]:
    return [f.words for f in review_ask(text).credits if f.code == code]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The ops mgr at a cold-storage warehouse in Dublin.", "ops mgr"),
        ("A PM at a commercial construction company in Calgary.", "PM"),
        ("The HoD for science at a secondary school in Cork.", "HoD"),
        ("Creative directors at ad agencies in Sydney.", "Creative directors"),
    ],
)
def test_a_shortened_title_at_a_kind_of_business_is_specific(text: str, role: str) -> None:
    assert review_ask(text).verdict == "specific"
    assert _credited(text, "role") == [role]


def test_a_story_before_so_narrows_no_one() -> None:
    result = review_ask("Last year I redid 40 bathrooms in Calgary, so anyone who needs a reno.")
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code in ("moment", "place", "size")], "the story is the speaker's"
    assert result.rewrite.startswith("Who do you know who needs a reno")


def test_the_rewrite_starts_after_the_story() -> None:
    result = review_ask("I help expats with their tax, so I'd love to meet expats in Singapore.")
    assert result.verdict == "needs-work"
    assert result.rewrite.startswith("Who do you know who are expats in Singapore")
    result = review_ask(
        "We do bookkeeping for vets. My ideal intro: the practice owner at a mixed-animal vet clinic in Tipperary."
    )
    assert result.verdict == "specific"
    assert result.rewrite == "Who do you know who is the practice owner at a mixed-animal vet clinic in Tipperary?"


def test_a_story_does_not_swallow_a_who_said_later_in_its_own_sentence() -> None:
    # "so" ends the story; what follows keeps all its parts
    result = review_ask(
        "Last month I helped a couple in Galway, so I'd love to meet other first-time buyers in Galway who have "
        "just had an offer accepted."
    )
    assert result.verdict == "specific"
    assert result.rewrite.startswith("Who do you know who are first-time buyers in Galway")


def test_the_speakers_trade_reaches_no_further_than_its_sentence() -> None:
    result = review_ask("We're a physio clinic. Honestly? Marathon runners / triathletes.")
    assert result.verdict == "needs-work"
    assert _credited("We're a physio clinic. Honestly? Marathon runners / triathletes.", "group") == ["runners"]


def test_places_split_by_slashes_are_no_company() -> None:
    result = review_ask("More work please — available 24/7, Dublin / Meath / Kildare.")
    assert result.verdict == "vague"
    assert not [f for f in result.credits if f.code == "named"]


def test_hashtags_list_targets() -> None:
    result = review_ask("#SMEs #startups #scaleups in Auckland")
    assert result.verdict == "vague"
    assert [f for f in result.problems if f.code == "list"]


def test_sectors_before_one_noun_are_a_list() -> None:
    result = review_ask("Retail, hospitality, healthcare, education, construction and logistics companies.")
    assert result.verdict == "vague"
    assert result.rewrite.startswith("Who do you know who are retail")
    assert review_ask("Tech and finance companies in Dublin that are hiring.").verdict == "specific"


@pytest.mark.parametrize("text", ["FIFO workers in WA.", "Self-employed hairdressers in Auckland."])
def test_a_trait_before_the_who_is_who_they_are(text: str) -> None:
    result = review_ask(text)
    assert result.verdict == "needs-work"
    assert not [f for f in result.credits if f.code == "need"]


def test_a_quality_written_with_a_hyphen_is_still_a_quality() -> None:
    assert review_ask("Forward-thinking organisations across Ireland and the UK.").verdict == "vague"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Plumbing firms that offer 24/7 call-outs.", "we offer 24/7 call-outs"),
        ("First-time landlords in Christchurch whose tenant has just moved out.", "we're first-time landlords"),
    ],
)
def test_listen_for_keeps_the_asks_own_marks(text: str, said: str) -> None:
    first = review_ask(text).listen_for[0]
    assert first.startswith(said)
    assert "whose" not in first, "a person says 'we're first-time landlords', not '… whose tenant'"


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("Anybody who's ever thought about getting fit.", "Who do you know who has ever thought about getting fit"),
        ("As a plumber I'd love to meet plumbers in Perth.", "Who do you know who [who exactly?]"),
        ("Anyone who knows anyone - I'm open to all intros!", "Who do you know who [who exactly?]"),
        ("We fit kitchens, so restaurants would be great.", "Who do you know who are restaurants [in which town?]"),
        ("Whoever took over the bakery on Main St in Ballina.", "Who do you know who took over the bakery"),
        ("Joinery firms in Yorkshire with a turnover over £1m.", "Who do you know who are joinery firms"),
    ],
)
def test_the_rewrite_reads_right(text: str, rewrite: str) -> None:
    assert review_ask(text).rewrite.startswith(rewrite)


def test_where_a_mover_comes_from_is_a_place_not_a_name() -> None:
    text = "Expats moving back to Dublin from Dubai this summer."
    assert not _credited(text, "named")
    assert review_ask(text).verdict == "specific"


def test_a_counted_size_narrows_and_a_boast_does_not() -> None:
    assert _credited("E-commerce brands in Austin doing $2M+ revenue.", "size") == ["2M+ revenue"]
    assert _credited("Courier firms with a fleet of 10+ vans.", "size") == ["10+ vans"]
    assert review_ask("Courier firms with a fleet of 10+ vans.").verdict == "needs-work", "one size, not a need too"
    for boast in ("Accountancy firms in Leeds with 100s of clients.", "Dentists in Cork with lots of patients."):
        assert review_ask(boast).verdict == "needs-work"
        assert not [f for f in review_ask(boast).credits if f.code in ("size", "need")]
    assert review_ask("Homeowners in Leeds with 1970s kitchens that need replacing.").verdict == "specific"


def test_just_before_what_happened_is_a_moment_without_have() -> None:
    result = review_ask("Army families just posted to Fort Hood.")
    assert result.verdict == "specific"
    assert result.listen_for == ("we've just been posted here",)


def test_listen_for_stops_where_the_whos_clause_starts() -> None:
    said = review_ask("First-time landlords who've just let their first flat in Glasgow.").listen_for
    assert "we're first-time landlords" in said
    assert not [s for s in said if "who've" in s]
