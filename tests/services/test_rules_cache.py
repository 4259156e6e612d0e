"""The compiled-rules cache: a start reads the rules it compiled before, and never a stale or damaged copy."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from netevent.ask.check import AskRules, review
from netevent.paths import cache_dir
from netevent.services import ask_rules as rules
from netevent.services.rules_cache import compiled
from tests.ask_corpus import CORPUS


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NETEVENT_CACHE_DIR", str(folder))
    return folder


def counting_build(calls: list[int], value: dict[str, int]):
    def build() -> dict[str, int]:
        calls.append(1)
        return dict(value)

    return build


def test_a_second_start_reads_what_the_first_compiled(cache: Path, tmp_path: Path) -> None:
    code = tmp_path / "rules_code.py"
    code.write_text("RULES = 1\n")
    calls: list[int] = []
    first = compiled("demo", dict, counting_build(calls, {"a": 1}), [b"vocabulary"], [code])
    again = compiled("demo", dict, counting_build(calls, {"a": 2}), [b"vocabulary"], [code])
    assert first == again == {"a": 1} and len(calls) == 1
    assert len(list(cache.glob("demo-*.pickle"))) == 1


def test_changed_vocabulary_or_code_is_rebuilt_and_the_old_entry_removed(cache: Path, tmp_path: Path) -> None:
    code = tmp_path / "rules_code.py"
    code.write_text("RULES = 1\n")
    calls: list[int] = []
    compiled("demo", dict, counting_build(calls, {"v": 1}), [b"vocabulary"], [code])
    assert compiled("demo", dict, counting_build(calls, {"v": 2}), [b"vocabulary, edited"], [code]) == {"v": 2}
    code.write_text("RULES = 2\n")
    assert compiled("demo", dict, counting_build(calls, {"v": 3}), [b"vocabulary, edited"], [code]) == {"v": 3}
    assert len(calls) == 3
    assert len(list(cache.glob("demo-*.pickle"))) == 1


def test_a_damaged_cache_file_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    calls: list[int] = []
    compiled("demo", dict, counting_build(calls, {"v": 1}), [b"x"], [])
    [entry] = cache.glob("demo-*.pickle")
    entry.write_bytes(b"\x80\x05 not a pickle")
    assert compiled("demo", dict, counting_build(calls, {"v": 1}), [b"x"], []) == {"v": 1}
    assert len(calls) == 2


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("NETEVENT_CACHE_DIR", str(blocker / "cache"))
    calls: list[int] = []
    assert compiled("demo", dict, counting_build(calls, {"v": 1}), [b"x"], []) == {"v": 1}
    assert compiled("demo", dict, counting_build(calls, {"v": 1}), [b"x"], []) == {"v": 1}
    assert len(calls) == 2


def test_the_cache_follows_the_data_dir_in_portable_installs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETEVENT_CACHE_DIR", raising=False)
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path / "data"))
    assert cache_dir() == tmp_path / "data" / "cache"


def test_ask_rules_come_from_the_cache_and_follow_the_facilitators_file(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path / "data"))
    ask = "Looking for zorbulators in Leeds"
    rules.refresh()
    rules._rules_for.cache_clear()
    before = rules.review_ask(ask)
    assert list(cache.glob("ask-rules-*.pickle"))  # compiled once, kept for the next start
    rules._rules_for.cache_clear()  # a new start: only the disk cache is left
    rules.refresh()
    assert rules.review_ask(ask) == before
    # The facilitator teaches it a new role noun; the cached rules must not hide it.
    extra = rules.user_rules_path()
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text('[codes.role]\nterms = ["zorbulators"]\n', encoding="utf-8")
    rules._rules_for.cache_clear()
    rules.refresh()
    after = rules.review_ask(ask)
    assert "role" in {f.code for f in after.findings} and "role" not in {f.code for f in before.findings}
    rules.refresh()


# Asks that reach every part of the rules a cached copy must carry or rebuild: vocabulary phrases, names among
# known words, company endings in capitals, places after a preposition, sizes, non-ASCII text.
AWKWARD_ASKS = [
    "Introductions to the finance director of Smith & Sons Ltd in Leeds, or anyone at Patel Holdings.",
    "LOOKING FOR THE MD OF PATEL HOLDINGS LTD AND ACME GROUP",
    "Practice managers at vet practices with 20 staff near Harrogate who've just expanded",
    "Café owners in Düsseldorf ｆｕｌｌ width, twelve vans",
    "Anyone who needs a solicitor",
]


def test_rules_read_back_from_the_cache_review_as_freshly_compiled_ones() -> None:
    fresh = AskRules.from_dict(rules.packaged_data())
    cached = pickle.loads(pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
    asks = AWKWARD_ASKS + [text for _, text in CORPUS]
    assert [review(a, cached) for a in asks] == [review(a, fresh) for a in asks]
    assert [review(a, cached) for a in asks] == [review(a, fresh) for a in asks]  # again, with memos filled


def test_a_cache_entry_of_an_older_shape_is_rebuilt(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path / "data"))
    ask = AWKWARD_ASKS[0]
    rules.refresh()
    rules._rules_for.cache_clear()
    before = rules.review_ask(ask)
    [entry] = cache.glob("ask-rules-*.pickle")
    # Rules pickled by another version that stored a field under another name: unpickling fails, so it's rebuilt.
    state = rules.rules().__getstate__()
    state["known_terms"] = state.pop("known_words")
    older = object.__new__(AskRules)
    older.__dict__.update(state)
    entry.write_bytes(pickle.dumps(older, protocol=pickle.HIGHEST_PROTOCOL))
    rules._rules_for.cache_clear()
    rules.refresh()
    assert rules.review_ask(ask) == before
    assert pickle.loads(entry.read_bytes()).known_words  # the entry was written again, in the current shape
    rules.refresh()


def test_packaged_rules_are_found_with_or_without_a_package_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shipped = (Path(rules.__file__).parent.parent / "data" / rules.RULES_FILE).read_bytes()
    assert rules.packaged_bytes() == shipped
    # Imported from a zip there is no file beside the module: importlib.resources finds the packaged one.
    monkeypatch.setattr(rules, "_PACKAGED", tmp_path / "not-there" / rules.RULES_FILE)
    assert rules.packaged_bytes() == shipped
    assert rules.packaged_data()["codes"]["role"]["terms"]
