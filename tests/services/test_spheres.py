"""The packaged sphere knowledge and the facilitator's own extension file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netevent.domain.models import Attendee
from netevent.services.spheres import SpheresError, helpers_for_ask, knowledge, suggest_pairs, user_file


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETEVENT_DATA_DIR", str(tmp_path))
    return tmp_path


def test_packaged_knowledge_loads_without_an_extension(data_dir: Path) -> None:
    assert not user_file().exists()
    kn = knowledge()
    assert kn.classify("realtor") == {"estate agent"}
    assert knowledge() is kn  # cached: the app asks on every screen refresh


def test_user_extension_adds_a_profession_and_a_trigger_link(data_dir: Path) -> None:
    (data_dir / "spheres.toml").write_text(
        '[spheres.pets.professions]\n"equine dentist" = ["horse dentist", "equine dental technician"]\n\n'
        '[triggers.new_pet]\nprofessions = ["equine dentist"]\n',
        encoding="utf-8",
    )
    kn = knowledge()
    assert kn.classify("Horse dentists") == {"equine dentist"}
    assert "pets" in kn.professions["equine dentist"].spheres
    assert "new_pet" in kn.professions["equine dentist"].triggers
    assert kn.classify("IFA") == {"financial adviser"}  # the packaged data is still there
    room = [
        Attendee(name="Jo", profession="Equine dental technician", ask="Horse owners near Wetherby."),
        Attendee(name="Kim", profession="Equine vet", ask="Livery yards with ten or more horses."),
    ]
    pairs = suggest_pairs(room, [])
    assert [(s.a, s.b) for s in pairs] == [("Jo", "Kim")]
    assert "Both serve pet owners" in pairs[0].reasons


def test_editing_the_extension_is_picked_up(data_dir: Path) -> None:
    path = data_dir / "spheres.toml"
    path.write_text('[spheres.pets.professions]\n"cat behaviourist" = []\n', encoding="utf-8")
    assert "cat behaviourist" in knowledge().professions
    path.write_text('[spheres.pets.professions]\n"alpaca shearer" = []\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    kn = knowledge()
    assert "alpaca shearer" in kn.professions and "cat behaviourist" not in kn.professions


def test_broken_extension_gives_a_one_line_error_with_file_and_line(data_dir: Path) -> None:
    (data_dir / "spheres.toml").write_text('[spheres.pets.professions]\n"vet" = ["a" "b"]\n', encoding="utf-8")
    with pytest.raises(SpheresError) as err:
        knowledge()
    message = str(err.value)
    assert str(data_dir / "spheres.toml") in message and "line 2" in message and "\n" not in message


def test_extension_naming_an_unknown_profession_names_the_field(data_dir: Path) -> None:
    (data_dir / "spheres.toml").write_text('[triggers.divorce]\nprofessions = ["astrologer"]\n', encoding="utf-8")
    with pytest.raises(SpheresError, match=r"spheres\.toml: triggers\.divorce\.professions: 'astrologer'"):
        knowledge()


def test_helpers_for_ask_uses_the_installed_knowledge(data_dir: Path) -> None:
    room = [
        Attendee(name="Sam", profession="Florist", ask="Introductions to wedding planners in York."),
        Attendee(name="Tia", profession="Event planner", ask="Couples getting married next summer."),
        Attendee(name="Uma", profession="Plumber", ask="Landlords with old boilers."),
    ]
    helpers = helpers_for_ask("sam", room, [])
    assert [(h.a, h.b) for h in helpers] == [("Sam", "Tia")]


EXTENSION = """
[professions]
"saddle fitter" = { names = ["saddler", "master saddler"], pools = ["pets"], events = ["new_pet"] }

[triggers.school_leaver]
phrase = "young people leaving school"
cues = ["school leaver", "leaving school", "finishing school", "gap year"]
professions = ["driving instructor", "tutor", "career coach"]
"""


def test_one_line_profession_and_a_new_trigger_from_the_extension(data_dir: Path) -> None:
    """The README's example of adding a profession and a trigger event, as a facilitator would."""
    (data_dir / "spheres.toml").write_text(EXTENSION, encoding="utf-8")
    kn = knowledge()
    assert kn.classify("Master saddlers") == {"saddle fitter"}
    assert kn.triggers_in("Parents of kids finishing school this summer") == {"school_leaver"}
    room = [
        # "finishing school" is only in the extension's cues ("school leavers" is in the built-in families pool too)
        Attendee(name="Dee", profession="Driving instructor", ask="Parents in Leeds whose son is finishing school."),
        Attendee(name="Tom", profession="Tutor", ask="Families with a teenager leaving school next year."),
        Attendee(name="Sal", profession="Saddler", ask="Riders who have just bought a horse."),
        Attendee(name="Vin", profession="Vet", ask="New puppy owners."),
    ]
    pairs = {(s.a, s.b): s.reasons for s in suggest_pairs(room, [])}
    assert "Dee's ask (finishing school) is who Tom meets as a tutor" in pairs[("Dee", "Tom")]
    assert "Both see young people leaving school" in pairs[("Dee", "Tom")]
    assert "Both serve pet owners" in pairs[("Sal", "Vin")]


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('"saddler" = { pools = ["horses"] }', r"professions\.saddler\.pools: 'horses' is not a sphere"),
        ('"saddler" = { pools = "pets" }', r"professions\.saddler\.pools: expected a list of strings"),
        ('"saddler" = { pools = ["pets"], events = ["rodeo"] }', r"professions\.saddler\.events: 'rodeo' is not a"),
    ],
)
def test_a_bad_one_line_profession_names_its_field(data_dir: Path, line: str, says: str) -> None:
    (data_dir / "spheres.toml").write_text(f"[professions]\n{line}\n", encoding="utf-8")
    with pytest.raises(SpheresError, match=says) as err:
        knowledge()
    assert "\n" not in str(err.value)
