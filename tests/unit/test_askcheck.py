"""The ask check engine: each finding code, its span, the score it explains, and awkward input."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from netevent.ask.check import AskReview, AskRules, Finding, review
from netevent.services import ask_rules as rules_module
from netevent.services.ask_rules import RulesError, packaged_data, review_ask

RULES = AskRules.from_dict(packaged_data())


def check(text: str) -> AskReview:
    return review(text, RULES)


def found(result: AskReview, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def words_for(text: str, code: str) -> list[str]:
    """The words each finding of `code` points at, read back through its span."""
    result = check(text)
    spans = [f.span for f in found(result, code)]
    assert spans, f"no {code!r} finding in {text!r}: {[(f.code, f.words) for f in result.findings]}"
    for f in found(result, code):
        assert f.span is not None and text[f.span[0] : f.span[1]] == f.words
    return [text[s[0] : s[1]] for s in spans if s]


@pytest.mark.parametrize(
    ("code", "text", "words"),
    [
        ("role", "I'd like to meet the finance director of a bakery.", "finance director"),
        ("role", "Practice managers at vet practices.", "Practice managers"),
        ("named", "An introduction to Sarah Jones at a garage.", "Sarah Jones"),
        ("named", "The office manager at Patel & Co in town.", "Patel & Co"),
        ("named", "Whoever does the buying at Acme Widgets Ltd please.", "Acme Widgets Ltd"),
        ("sector", "The owner of a dental practice.", "dental practice"),
        ("sector", "Someone who runs a café.", "café"),
        ("place", "Electricians based in Harrogate.", "Harrogate"),
        ("place", "Plumbers near Ballarat with a van.", "Ballarat"),
        ("place", "A florist in the city centre.", "city centre"),
        ("place", "Landlords in LS6 with student houses.", "LS6"),
        ("size", "A café with 40 covers.", "40 covers"),
        ("size", "Salons with three chairs or more.", "three chairs"),
        ("size", "Firms with £2m turnover.", "£2m"),
        ("trigger", "A bakery owner whose lease ends in March.", "lease ends"),
        ("trigger", "A gym that has just opened.", "just opened"),
        ("reason", "Café owners fed up with their coffee supplier.", "fed up with"),
        ("generic-target", "Business owners who want to save tax.", "Business owners"),
        ("anyone", "Anyone who needs a plumber.", "Anyone"),
        ("lead-request", "I want paying clients for my studio.", "paying clients"),
        (
            "many-targets",
            "Accountants, solicitors, IFAs or estate agents.",
            "Accountants, solicitors, IFAs or estate agents",
        ),
        ("too-short", "  Clients  ", "Clients"),
    ],
)
def test_each_code_points_at_its_words(code: str, text: str, words: str) -> None:
    assert words in words_for(text, code)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("no-role", "Dental practices in Leeds moving premises this spring."),
        ("no-place", "The office manager of a law firm with 20 staff."),
        ("no-trigger", "The office manager of a law firm in Leeds."),
        ("no-sector", "Landlords in Salford."),
    ],
)
def test_missing_parts_are_reported_with_advice_and_no_span(code: str, text: str) -> None:
    (finding,) = found(check(text), code)
    assert finding.span is None and finding.points == 0
    assert finding.message and finding.suggestion


def test_present_parts_are_not_reported_missing() -> None:
    result = check("The office manager of a law firm in Leeds that is moving offices in April.")
    assert not {"no-role", "no-sector", "no-place", "no-trigger"} & {f.code for f in result.findings}
    assert result.verdict == "specific"
    assert result.top_suggestion == ""


def test_every_point_of_the_score_is_explained() -> None:
    for text in [
        "The office manager of a law firm in Harrogate with 20 staff, moving offices this spring.",
        "Restaurant owners in Manchester.",
        "HR managers at larger companies.",
        "Anyone.",
    ]:
        result = check(text)
        assert result.score == max(0, min(100, sum(f.points for f in result.findings))), text


def test_each_credit_counts_once_but_every_hit_is_highlighted() -> None:
    result = check("Dentists and orthodontists in Leeds.")
    roles = found(result, "role")
    assert [f.words for f in roles] == ["Dentists", "orthodontists"]
    assert [f.points for f in roles] == [RULES.codes["role"].points, 0]


def test_vague_asks_are_vague_and_say_what_to_do() -> None:
    result = check("Anyone who needs more business.")
    assert result.verdict == "vague"
    assert result.problems[0].points < 0
    assert result.top_suggestion == result.problems[0].suggestion
    assert "Anyone" in result.top_suggestion


def test_their_clients_are_not_a_generic_target() -> None:
    assert not found(check("Accountants in Leeds whose clients are opening restaurants."), "generic-target")
    assert found(check("Clients who are opening restaurants in Leeds."), "generic-target")


def test_generic_company_costs_less_when_the_person_is_clear() -> None:
    alone = found(check("Companies that need better IT support."), "generic-target")[0]
    beside = found(check("The IT manager at a big company."), "generic-target")[0]
    assert alone.points < beside.points < 0


def test_several_roles_at_one_kind_of_business_are_one_target() -> None:
    assert not found(check("The owner, manager or head chef of a café in Leeds."), "many-targets")


def test_company_words_do_not_make_a_lowercase_phrase_a_name() -> None:
    assert not found(check("a group of local businesses and their partners"), "named")


def test_sentence_start_capital_is_not_a_name() -> None:
    assert not found(check("Looking for the owner of a bakery."), "named")
    assert not found(check("Builders. Plumbers. Roofers."), "named")


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "🙏🙏🙏", "?!?! ... ,,, ---", "12345"])
def test_empty_or_wordless_is_vague_with_a_reason(text: str) -> None:
    result = check(text)
    assert (result.score, result.verdict) == (0, "vague")
    assert [f.code for f in result.findings] == ["empty"]
    assert result.top_suggestion


def test_one_word_is_too_short() -> None:
    result = check("Referrals")
    assert result.verdict == "vague"
    assert found(result, "too-short")


def test_all_capitals_still_reads_the_vocabulary_but_not_names() -> None:
    result = check("THE OFFICE MANAGER AT A LAW FIRM IN LEEDS WHO IS MOVING OFFICES")
    assert {"role", "sector", "place", "trigger"} <= {f.code for f in result.findings}
    assert not found(result, "named")
    assert words_for("THE BUYER AT JONES BROTHERS LTD", "named") == ["JONES BROTHERS LTD"]


@pytest.mark.parametrize(
    "text",
    [
        "Ich suche Zahnärzte mit eigener Praxis und vielen Patienten",
        "Je cherche des propriétaires de restaurants qui veulent rénover leur salle",
        "我想认识在伦敦开餐厅的老板",
    ],
)
def test_non_english_is_flagged_and_never_specific(text: str) -> None:
    result = check(text)
    assert found(result, "not-english")
    assert result.verdict != "specific"


def test_very_long_ask_is_flagged_and_still_reviewed() -> None:
    text = "We help small businesses with their books and anything else they need really. " * 30
    assert len(text) > 2000
    result = check(text)
    assert found(result, "too-long")
    assert result.verdict == "vague"


def test_review_is_deterministic_and_serialisable() -> None:
    text = "The practice manager at Smile Dental in York, opening a second surgery in May."
    first, second = check(text), check(text)
    assert first == second
    data = json.loads(json.dumps(first.to_dict()))
    assert set(data) == {"text", "score", "verdict", "findings"}
    assert set(data["findings"][0]) == {"code", "message", "suggestion", "points", "span", "words"}
    assert data["verdict"] == "specific"


def test_messages_quote_the_words() -> None:
    finding = found(check("Anybody with a dog."), "anyone")[0]
    assert '"Anybody"' in finding.message and "{words}" not in finding.message + finding.suggestion


def test_rules_from_a_small_dict() -> None:
    small = AskRules.from_dict(
        {
            "verdict": {"specific": 30, "needs_work": 10},
            "codes": {
                "role": {"points": 20, "message": "role {words}", "terms": ["beekeeper"]},
                "place": {"points": 15, "message": "place {words}", "terms": ["hive street"]},
            },
        }
    )
    result = review("Beekeepers on Hive Street.", small)
    assert (result.score, result.verdict) == (35, "specific")
    assert [f.words for f in result.credits] == ["Beekeepers", "Hive Street"]


def test_user_file_adds_vocabulary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    text = "The owner of a bakery in tumbleweed flats."
    assert not found(review_ask(text), "place")
    (tmp_path / "ask_rules.toml").write_text(
        '[codes.place]\nterms = ["tumbleweed flats"]\n[codes.role]\nterms = ["crumpet maker"]\n', encoding="utf-8"
    )
    rules_module.refresh()  # otherwise picked up within a second
    result = review_ask(text)
    assert [f.words for f in found(result, "place")] == ["tumbleweed flats"]
    assert found(review_ask("A crumpet maker."), "role")
    assert found(result, "role"), "packaged vocabulary is kept alongside the user's"


def test_broken_user_file_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    (tmp_path / "ask_rules.toml").write_text("[codes.place\n", encoding="utf-8")
    rules_module.refresh()
    with pytest.raises(RulesError) as info:
        rules_module.rules()
    assert "ask_rules.toml" in str(info.value) and "\n" not in str(info.value)


def test_user_file_changes_are_picked_up_without_refresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(rules_module, "RECHECK_SECONDS", 0.0)
    assert not found(review_ask("Landlords in wibbleton parva."), "place")
    (tmp_path / "ask_rules.toml").write_text('[codes.place]\nterms = ["wibbleton parva"]\n', encoding="utf-8")
    assert found(review_ask("Landlords in wibbleton parva."), "place")


def test_domain_module_is_pure() -> None:
    ask = Path(rules_module.__file__).parents[1] / "ask"
    for source in sorted(ask.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        # Other pure domain modules are fine; outside the domain, only these pure parts of the standard library.
        outside = {
            name.split(".")[0] for name in imported if not name.startswith(("netevent.domain.", "netevent.ask."))
        }
        pure = {"__future__", "re", "collections", "dataclasses", "typing", "itertools", "operator", "bisect"}
        assert outside <= pure, source
        assert "open(" not in source.read_text(encoding="utf-8"), source


def test_the_spaces_the_plain_reading_must_treat_specially_are_all_listed() -> None:
    from netevent.ask import tokens as ask_tokens

    every_space = {c for c in map(chr, range(0x110000)) if c.isspace()}
    assert set(ask_tokens._ODD_SPACES) == every_space - set(" \t\n\r\v\f")
