"""The ask check: what it reads in an ask, the verdict rule, advice that fits the ask, listen-for and rewrite."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from netevent.ask.check import AskReview, AskRules, Finding, review
from netevent.services import ask_rules as rules_module
from netevent.services.ask_rules import RulesError, packaged_data, review_ask

RULES = AskRules.from_dict(packaged_data())
BUSINESS_ADVICE = ("kind of business", "signs the order", "office manager", "finance director", "café owner")


def check(text: str) -> AskReview:
    return review(text, RULES)


def found(result: AskReview, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


@pytest.mark.parametrize(
    ("code", "text", "words"),
    [
        ("named", "An introduction to Priya Shah at Halden Joinery.", "Priya Shah"),
        ("named", "The office manager at Patel & Co in Leeds.", "Patel & Co"),
        ("role", "The practice manager at a vet clinic.", "practice manager"),
        ("business", "The owner of a dental practice.", "dental practice"),
        ("group", "Couples in Bristol who are getting married next summer.", "Couples"),
        ("place", "Bakeries in Harrogate.", "Harrogate"),
        ("place", "Landlords in Round Rock who are fed up with voids.", "Round Rock"),
        ("size", "Law firms with 20 staff.", "20 staff"),
        ("moment", "A bakery owner whose lease ends in March.", "lease ends"),
        ("need", "Café owners fed up with their coffee supplier.", "fed up"),
    ],
)
def test_each_part_points_at_its_words(code: str, text: str, words: str) -> None:
    result = check(text)
    hits = found(result, code)
    assert hits, [(f.code, f.words) for f in result.findings]
    start, end = hits[0].span or (0, 0)
    assert text[start:end] == words == hits[0].words


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # a named person or company is the most specific ask there is
        ("I'd love an introduction to Marcus Bell at Lone Star Cold Storage.", "specific"),
        # a role at a kind of business counts as well narrowed
        ("The practice manager at a dental surgery.", "specific"),
        # a kind of business narrowed by place and situation needs no job title and no trigger
        ("Cafés in Leeds that are still using paper order books.", "specific"),
        # a consumer group narrowed by two things needs no job title
        ("Couples in Leeds who have just had an offer accepted on a first home.", "specific"),
        ("Restaurant owners.", "needs-work"),
        ("Builders in Christchurch.", "needs-work"),
        ("Couples getting married.", "needs-work"),
        ("Anyone who needs a mortgage.", "vague"),
        ("More clients please.", "vague"),
        ("Plumbers, electricians, builders, roofers and decorators.", "vague"),
        ("I'm a conveyancer.", "vague"),
    ],
)
def test_the_verdict_follows_the_rule(text: str, verdict: str) -> None:
    assert check(text).verdict == verdict


def test_the_score_follows_the_verdict() -> None:
    scores = {v: [check(t).score for t, w in _MIX if w == v] for v in ("specific", "needs-work", "vague")}
    assert min(scores["specific"]) > max(scores["needs-work"]) > max(scores["vague"])


_MIX = [
    ("The practice manager at a dental surgery in York.", "specific"),
    ("Couples in Leeds who have just had an offer accepted.", "specific"),
    ("Restaurant owners.", "needs-work"),
    ("Homeowners in Bristol.", "needs-work"),
    ("Anyone.", "vague"),
    ("More work.", "vague"),
]


def test_the_speakers_own_trade_is_never_praised_or_the_target() -> None:
    result = check("I'm a conveyancer and I'd like to meet couples who have just had an offer accepted in Leeds.")
    assert result.verdict == "specific"
    assert all("conveyancer" not in f.words for f in result.credits)
    assert "conveyancer" not in result.rewrite


def test_no_finding_is_repeated() -> None:
    result = check("Couples who have just had an offer accepted, just moved, and are moving house in York.")
    codes = [f.code for f in result.findings]
    assert len(codes) == len(set(codes)), codes


@pytest.mark.parametrize(
    "text",
    [
        "Anyone who needs a mortgage.",
        "Couples in Leeds.",
        "Homeowners.",
        "Parents of young children.",
        "Runners.",
        "anybody who wants to save money on insurance",
    ],
)
def test_consumer_asks_get_no_business_advice(text: str) -> None:
    result = check(text)
    said = " ".join(f"{f.message} {f.suggestion}" for f in result.findings).lower()
    assert not [m for m in BUSINESS_ADVICE if m in said], said


def test_business_asks_are_told_who_to_ask_for() -> None:
    result = check("Restaurants in Leeds.")
    assert result.verdict == "needs-work"
    assert "signs the order" in result.top_suggestion or any("signs the order" in f.suggestion for f in result.problems)


def test_every_non_specific_verdict_says_how_to_sharpen_it() -> None:
    for text in ("Clients.", "Restaurant owners.", "Anyone in Leeds.", "", "Farmers.", "Accountants, lawyers, vets."):
        result = check(text)
        assert result.verdict != "specific"
        assert result.top_suggestion, text


def test_a_specific_ask_gets_no_advice_that_contradicts_it() -> None:
    result = check("The practice manager at a dental surgery in York that is moving premises.")
    assert result.verdict == "specific"
    assert not result.problems and result.top_suggestion == ""


def test_listen_for_comes_from_the_moment_and_the_need() -> None:
    result = check("Couples in Leeds who have just had an offer accepted on a first home.")
    assert "we've just had an offer accepted" in result.listen_for
    assert check("Restaurant owners.").listen_for == ()


def test_rewrite_keeps_the_words_and_prompts_for_what_is_missing() -> None:
    result = check("I'd like to meet restaurant owners.")
    assert result.rewrite.startswith("Who do you know who")
    assert "restaurant owners" in result.rewrite and "[in which town?]" in result.rewrite
    sharp = check("Couples in Leeds who have just had an offer accepted.")
    assert "Leeds" in sharp.rewrite and "[" not in sharp.rewrite


@pytest.mark.parametrize("text", ["", "   ", "?!?! ... ,,,", "🙏🙏"])
def test_empty_or_wordless_is_vague_with_a_reason(text: str) -> None:
    result = check(text)
    assert (result.verdict, result.score) == ("vague", 0)
    assert result.top_suggestion and result.rewrite.startswith("Who do you know")


def test_all_capitals_still_reads_the_vocabulary_but_not_names() -> None:
    result = check("RESTAURANT OWNERS IN LEEDS WHO ARE MOVING PREMISES")
    assert result.verdict == "specific"
    assert not found(result, "named")


def test_sentence_start_capital_is_not_a_name() -> None:
    assert not found(check("Bakeries that are opening a second site."), "named")


@pytest.mark.parametrize(
    "text", ["Je cherche des propriétaires de restaurants à Lyon qui veulent rénover.", "我想认识在伦敦开餐厅的老板"]
)
def test_non_english_is_flagged_and_never_specific(text: str) -> None:
    result = check(text)
    assert result.verdict != "specific"
    assert found(result, "not-english") or found(result, "too-short")


def test_very_long_ask_is_flagged_and_still_reviewed() -> None:
    text = "The practice manager at a dental surgery in York. " + "Thanks everyone for a great week. " * 20
    result = check(text)
    assert found(result, "too-long") and result.verdict == "specific"


def test_review_is_deterministic_and_serialisable() -> None:
    text = "Couples in Leeds who have just had an offer accepted."
    first, second = check(text).to_dict(), check(text).to_dict()
    assert first == second
    data = json.loads(json.dumps(first))
    assert data["listen_for"] and data["rewrite"].startswith("Who do you know")
    assert {"text", "score", "verdict", "findings"} <= set(data)


def test_rules_from_a_small_dict() -> None:
    small = AskRules.from_dict(
        {"who": {"business": ["beehive"]}, "narrow": {"place": ["hive street"], "need": ["swarming"]}}
    )
    result = review("Beehives on Hive Street that keep swarming.", small)
    assert result.verdict == "specific"
    assert [f.code for f in result.credits] == ["business", "place", "need"]


def test_user_file_adds_vocabulary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    text = "Bakeries on tumbleweed flats."  # after "in", an unknown word in a lower-case ask is read as a place
    assert not found(review_ask(text), "place")
    (tmp_path / "ask_rules.toml").write_text(
        '[narrow]\nplace = ["tumbleweed flats"]\nmoment = ["crumpet season"]\n', encoding="utf-8"
    )
    rules_module.refresh()  # otherwise picked up within a second
    result = review_ask(text)
    assert [f.words for f in found(result, "place")] == ["tumbleweed flats"]
    assert found(review_ask("Bakeries before crumpet season."), "moment")
    assert found(result, "business"), "packaged vocabulary is kept alongside the user's"


def test_broken_user_file_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    (tmp_path / "ask_rules.toml").write_text("[narrow\n", encoding="utf-8")
    rules_module.refresh()
    with pytest.raises(RulesError) as info:
        rules_module.rules()
    assert "ask_rules.toml" in str(info.value) and "\n" not in str(info.value)


def test_user_file_changes_are_picked_up_without_refresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(rules_module, "RECHECK_SECONDS", 0.0)
    assert not found(review_ask("Landlords on wibbleton parva."), "place")
    (tmp_path / "ask_rules.toml").write_text('[narrow]\nplace = ["wibbleton parva"]\n', encoding="utf-8")
    assert found(review_ask("Landlords on wibbleton parva."), "place")


def test_ask_package_is_pure() -> None:
    ask = Path(rules_module.__file__).parents[1] / "ask"
    for source in sorted(ask.glob("*.py")):
        text = source.read_text(encoding="utf-8")
        tree = ast.parse(text)
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        outside = {name.split(".")[0] for name in imported if not name.startswith("netevent.ask.")}
        pure = {"__future__", "re", "collections", "dataclasses", "typing", "itertools", "operator", "functools"}
        assert outside <= pure, source
        assert "open(" not in text and "pickle" not in text, source
        assert len(text.splitlines()) < 400, source


def test_a_trade_is_a_person_who_needs_no_job_title() -> None:
    result = check("Plumbers in Leeds.")
    assert result.verdict == "needs-work"
    said = " ".join(f.suggestion for f in result.findings)
    assert "signs the order" not in said and "kind of business" not in said
    assert check("Accountants in Cork with 3 staff.").verdict == "specific"


def test_a_who_is_counted_as_a_size() -> None:
    result = check("Physio clinics in Perth with 5 to 10 therapists.")
    assert [f.words for f in found(result, "size")] == ["5 to 10 therapists"]
    assert result.verdict == "specific"


@pytest.mark.parametrize(
    "text",
    [
        "Hotels in Killarney whose laundry costs have doubled.",
        "Mums in Geelong returning to work after maternity leave.",
        "Landlords in Limerick with a single rental who are thinking of selling.",
        "Restaurateurs in Boston's North End whose lease is coming up.",
    ],
)
def test_a_clause_describing_the_who_is_a_situation(text: str) -> None:
    result = check(text)
    assert result.verdict == "specific" and found(result, "need")


@pytest.mark.parametrize("text", ["Prospects who are ready to buy.", "Small businesses that need marketing."])
def test_a_clause_that_only_wants_the_service_or_follows_a_generic_who_is_no_situation(text: str) -> None:
    assert check(text).verdict == "vague"


@pytest.mark.parametrize(
    "text",
    [
        "My name is Kevin O'Brien from O'Brien Plumbing and I want more work.",
        "Hi I'm Dave Smith with Acme Roofing, anyone who needs a roof.",
        "I work with Smith & Jones Financial and we help anyone with money.",
    ],
)
def test_the_speakers_own_name_and_company_are_not_a_named_target(text: str) -> None:
    result = check(text)
    assert result.verdict == "vague" and not found(result, "named")


def test_a_listed_place_in_capitals_is_a_place_not_a_name() -> None:
    result = check("Companies in London, Paris and New York who need translation.")
    assert not found(result, "named")
    assert found(check("The events manager at the Brisbane Convention Centre."), "named")


def test_a_plural_the_vocabulary_does_not_know_is_still_a_who() -> None:
    result = check("Pilots in Dublin nearing retirement.")
    assert result.verdict == "specific"
    assert "Pilots" in result.rewrite
    assert check("Opportunities in Leeds.").verdict == "vague"


def test_a_job_title_in_a_household_ask_gets_no_business_advice() -> None:
    result = check("Managers going through a divorce.")
    said = " ".join(f"{f.message} {f.suggestion}" for f in result.findings).lower()
    assert not [m for m in BUSINESS_ADVICE if m in said], said


def test_an_ask_already_phrased_for_the_room_keeps_its_words() -> None:
    result = check("Who do you know who's going through a divorce in Austin and has kids under 12? I'm a lawyer.")
    assert result.rewrite == "Who do you know who's going through a divorce in Austin and has kids under 12?"


def test_user_file_adds_a_trigger_and_what_to_listen_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    (tmp_path / "ask_rules.toml").write_text(
        '[narrow]\nmoment = ["lambing season"]\n[listen]\n"lambing season" = "we\'re flat out with lambing"\n',
        encoding="utf-8",
    )
    rules_module.refresh()
    result = review_ask("Sheep farmers in Powys before lambing season.")
    assert found(result, "moment") and result.listen_for == ("we're flat out with lambing",)
    assert result.verdict == "specific"


def test_the_speakers_own_size_and_a_list_of_towns_do_not_make_an_ask_specific() -> None:
    assert check("We're a family-run removals company in Cork looking for more moves.").verdict == "vague"
    result = check("Any homeowners in Austin, Round Rock or Cedar Park.")
    assert result.verdict == "needs-work" and not found(result, "named")
    assert found(check("The facilities manager at Leeds General Infirmary."), "named")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "Couples who have just had an offer accepted on a first home in Leeds and still need a conveyancer.",
            "have just had an offer accepted on a first home",
        ),
        ("Families whose dad has just died and who need probate help in Cork.", "has just died"),
        ("Nurses who have just moved house in Leeds this month.", "have just moved house"),
    ],
)
def test_the_moment_credit_quotes_what_happened_not_only_when(text: str, quoted: str) -> None:
    credits = [f for f in review_ask(text).credits if f.code == "moment"]
    assert [f.words for f in credits] == [quoted]
    assert f'"{quoted}"' in credits[0].message
