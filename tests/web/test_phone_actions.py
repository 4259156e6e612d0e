"""The phone actions through aiohttp's test client: each success is stored before its 303, each error stores nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from meetings import seed_store

from netevent.services.phone_actions import csrf_for
from netevent.services.phone_marks import phone_asks
from netevent.store.repository import Store
from netevent.web.actions import Limits
from netevent.web.counters import MissTracker
from netevent.web.server import make_app

SHARP = "Landlords in Leeds who are selling a rented house this spring and need an estate agent."
SARAH_RECEIVED = "2026-11-26-1"  # Tom's referral to Sarah
TOMS = "2026-11-26-4"  # the one-to-one Tom received from Sarah


@pytest.fixture
def store(tmp_path: Path):
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


class Phone:
    """One attendee's phone: posts the page's forms with the page's csrf value."""

    def __init__(self, client: Any, store: Store, name: str) -> None:
        self.client, self.store = client, store
        self.token = store.token_for(name)
        self.csrf = csrf_for(store, self.token)

    async def post(self, action: str, headers: dict[str, str] | None = None, csrf: str | None = None, **fields: str):
        data = {"csrf": self.csrf if csrf is None else csrf, **fields}
        return await self.client.post(f"/s/{self.token}/{action}", data=data, headers=headers, allow_redirects=False)


@pytest.fixture
def writes() -> list[int]:
    return []


@pytest.fixture
async def phone_for(aiohttp_client, store: Store, writes: list[int]) -> Callable[[str], Phone]:
    client = await aiohttp_client(make_app(store, on_write=lambda: writes.append(1)))
    return lambda name: Phone(client, store, name)


# -- successes -------------------------------------------------------------------------------------------


async def test_an_ask_from_the_phone_is_stored_marked_and_shown_with_its_review(phone_for, store, writes) -> None:
    tom = phone_for("Tom Whitaker")
    response = await tom.post("ask", ask=f"  {SHARP}\n")
    assert response.status == 303
    assert response.headers["Location"] == f"/s/{tom.token}?saved=ask#ask-heading"
    assert store.attendee("Tom Whitaker").ask == SHARP  # stored before the answer
    assert phone_asks(store, store.attendees()) == {"Tom Whitaker": "I want more clients."}  # the app's mark, undo
    assert writes == [1]
    page = await (await tom.client.get(response.headers["Location"])).text()
    assert "Saved: your new ask" in page
    assert SHARP in page and 'class="verdict v-' in page


async def test_a_referral_from_the_phone_is_the_givers_and_marked_as_from_the_phone(phone_for, store, writes) -> None:
    tom = phone_for("Tom Whitaker")
    response = await tom.post("give", to="Priya Shah", kind="introduction", contact="Ann Lee 0113 496 0999",
                              note="Selling in March", temperature="5")  # fmt: skip
    assert response.status == 303 and response.headers["Location"].endswith("?saved=give#give")
    record = store.referrals()[-1]
    assert (record.giver, record.receiver, record.kind) == ("Tom Whitaker", "Priya Shah", "introduction")
    assert (record.contact, record.note, record.temperature, record.source) == (
        "Ann Lee 0113 496 0999", "Selling in March", 5, "phone")  # fmt: skip
    assert writes == [1]


async def test_a_received_record_is_followed_up_as_won_with_its_value(phone_for, store) -> None:
    sarah = phone_for("Sarah Patel")
    response = await sarah.post(f"followup/{SARAH_RECEIVED}", status="won", value="2,400", note="Completed")
    assert response.status == 303 and response.headers["Location"].endswith("?saved=followup#happened")
    [change] = store.followups()
    assert (change.record, change.status, change.value, change.note, change.by) == (
        SARAH_RECEIVED, "won", 2400.0, "Completed", "phone")  # fmt: skip
    page = await (await sarah.client.get(f"/s/{sarah.token}")).text()
    assert re.search(r'id="r-2026-11-26-1".*?Now: <strong class="status">Won</strong>', page, re.S)


async def test_a_value_typed_before_pressing_another_status_is_not_kept(phone_for, store) -> None:
    sarah = phone_for("Sarah Patel")
    assert (await sarah.post(f"followup/{SARAH_RECEIVED}", status="met", value="99")).status == 303
    assert store.followups()[0].value is None


async def test_a_member_sets_a_goal_from_the_phone(phone_for, store) -> None:
    sarah = phone_for("Sarah Patel")
    response = await sarah.post("goal", referrals="2", introductions="", one_to_ones="1")
    assert response.status == 303
    [goal] = store.goals()
    assert (goal.name, goal.referrals, goal.introductions, goal.one_to_ones, goal.by) == ("Sarah Patel", 2, 0, 1,
                                                                                         "phone")  # fmt: skip


async def test_the_live_check_answers_as_check_ask_json(phone_for, store) -> None:
    tom = phone_for("Tom Whitaker")
    response = await tom.client.post(f"/s/{tom.token}/check", json={"ask": "more clients"},
                                     headers={"X-CSRF-Token": tom.csrf})  # fmt: skip
    assert response.status == 200
    review = await response.json()
    assert {"text", "score", "verdict", "findings", "listen_for", "rewrite"} <= review.keys()
    assert review["verdict"] == "vague" and {"code", "message", "suggestion"} <= review["findings"][0].keys()
    sharp = await (await tom.client.post(f"/s/{tom.token}/check", json={"ask": SHARP},
                                         headers={"X-CSRF-Token": tom.csrf})).json()  # fmt: skip
    assert sharp["score"] > review["score"]


async def test_the_page_offers_the_forms_with_the_room_to_give_to(phone_for, store) -> None:
    tom = phone_for("Tom Whitaker")
    response = await tom.client.get(f"/s/{tom.token}")
    page = await response.text()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "form-action 'self'" in csp and "unsafe-inline" not in csp.split("style")[0]
    for action in ("ask", "give", f"followup/{TOMS}", "goal"):
        assert f'action="/s/{tom.token}/{action}"' in page
    assert page.count(f'value="{tom.csrf}"') == 4
    assert '<option value="Sarah Patel">Sarah Patel — Patel &amp; Co Conveyancing · Conveyancing solicitor' in page
    assert '<option value="Tom Whitaker"' not in page  # not to themselves
    assert '<script src="/static/phone.js" defer></script>' in page
    script = await tom.client.get("/static/phone.js")
    assert script.status == 200 and script.headers["Content-Type"].startswith("application/javascript")


async def test_a_visitor_has_no_goal_form(phone_for, store) -> None:
    eve = phone_for("Eve Mallory")
    page = await (await eve.client.get(f"/s/{eve.token}")).text()
    assert "/goal" not in page and "/give" in page
    assert (await eve.post("goal", referrals="1")).status == 422  # goals are for members


# -- errors: each leaves the store file as it was ----------------------------------------------------------


@pytest.fixture
def unchanged(store: Store):
    """Asserts, after the test, that the store file is byte-for-byte what it was when the test began."""
    holder: dict[str, bytes] = {}

    def snapshot() -> None:
        holder["before"] = store.path.read_bytes()

    yield snapshot
    assert store.path.read_bytes() == holder["before"]


ACTIONS = [
    ("ask", {"ask": SHARP}),
    ("give", {"to": "Sarah Patel", "kind": "referral"}),
    (f"followup/{TOMS}", {"status": "won", "value": "100"}),
    ("goal", {"referrals": "1"}),
]


@pytest.mark.parametrize(("action", "fields"), ACTIONS)
async def test_without_or_with_a_wrong_csrf_nothing_is_stored(phone_for, unchanged, writes, action, fields) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    for csrf in ("", "0" * 64, csrf_for(tom.store, tom.store.token_for("Sarah Patel"))):
        response = await tom.post(action, csrf=csrf, **fields)
        assert response.status == 403, csrf
    response = await tom.client.post(f"/s/{tom.token}/{action}", data=fields, allow_redirects=False)
    assert response.status == 403
    assert writes == []


@pytest.mark.parametrize(("action", "fields"), ACTIONS)
async def test_a_foreign_origin_is_refused(phone_for, unchanged, action, fields) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    for origin in ("http://evil.example", "https://127.0.0.1", "http://127.0.0.1:1"):
        assert (await tom.post(action, headers={"Origin": origin}, **fields)).status == 403, origin


async def test_the_servers_own_origin_and_the_null_origin_of_its_own_pages_are_accepted(phone_for, store) -> None:
    tom = phone_for("Tom Whitaker")
    own = f"http://{tom.client.host}:{tom.client.port}"
    assert (await tom.post("ask", headers={"Origin": own}, ask=SHARP)).status == 303
    assert (await tom.post("ask", headers={"Origin": "null"}, ask=SHARP + " Now.")).status == 303


@pytest.mark.parametrize(("action", "fields"), ACTIONS)
async def test_an_unknown_token_is_a_plain_404(phone_for, unchanged, action, fields) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    for token in ("x" * 22, "short", tom.token[:-1] + ("A" if tom.token[-1] != "A" else "B")):
        response = await tom.client.post(f"/s/{token}/{action}", data={"csrf": tom.csrf, **fields})
        assert response.status == 404
        assert "Tom" not in await response.text()


async def test_a_record_not_theirs_is_a_404(phone_for, unchanged) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    for record in (SARAH_RECEIVED, "2026-11-26-2", "2026-11-26-99", "x%2Fy", "2026-11-26-3"):
        response = await tom.post(f"followup/{record}", status="met")
        assert response.status == 404, record
    # Sarah's closed business is hers, but it is the outcome itself: not something to follow up
    sarah = phone_for("Sarah Patel")
    assert (await sarah.post("followup/2026-11-26-3", status="met")).status == 404


@pytest.mark.parametrize(("action", "fields"), ACTIONS)
async def test_a_body_over_16_kb_is_413(phone_for, unchanged, action, fields) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    response = await tom.post(action, **fields, padding="x" * (16 * 1024))
    assert response.status == 413


async def test_a_check_over_16_kb_is_413(phone_for, unchanged) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    response = await tom.client.post(f"/s/{tom.token}/check", data=b'{"ask": "' + b"x" * 17000 + b'"}',
                                     headers={"X-CSRF-Token": tom.csrf})  # fmt: skip
    assert response.status == 413


INVALID = [
    ("ask", {"ask": "   "}, "write your ask"),
    ("ask", {"ask": "x" * 501}, "keep it under 500"),
    ("give", {"to": "Nobody Here", "kind": "referral"}, "pick who receives it"),
    ("give", {"to": "Tom Whitaker", "kind": "referral"}, "pick who receives it"),  # themselves
    ("give", {"to": "Sarah Patel", "kind": "closed"}, "choose one of"),
    ("give", {"to": "Sarah Patel", "kind": "referral", "temperature": "9"}, "out of range"),
    ("give", {"to": "Sarah Patel", "kind": "referral", "note": "n" * 301}, "keep it under 300"),
    (f"followup/{TOMS}", {"status": "won", "value": ""}, "won needs the value"),
    (f"followup/{TOMS}", {"status": "won", "value": "lots"}, ""),
    (f"followup/{TOMS}", {"status": "done"}, "choose one of"),
    ("goal", {"referrals": "0"}, "at least one number"),
    ("goal", {"referrals": "100"}, "out of range"),
    ("goal", {"referrals": "-1"}, "whole number"),
]


@pytest.mark.parametrize(("action", "fields", "message"), INVALID)
async def test_an_invalid_field_is_422_with_the_page_and_the_message(phone_for, unchanged, writes, action, fields,
                                                                     message) -> None:  # fmt: skip
    tom = phone_for("Tom Whitaker")
    unchanged()
    response = await tom.post(action, **fields)
    assert response.status == 422
    page = await response.text()
    assert "<h1>Tom Whitaker</h1>" in page  # the page itself, to fix the field on
    alert = re.search(r'<p class="error" role="alert"[^>]*>([^<]+)</p>', page)
    assert alert is not None and message in alert.group(1)
    assert "Saved:" not in page and "<!--notice-->" not in page
    assert writes == []


async def test_a_refused_form_keeps_what_was_typed(phone_for, unchanged) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    page = await (await tom.post("give", to="Nobody", kind="one-to-one", contact="<b>Ann</b>", note="Soon")).text()
    assert 'value="&lt;b&gt;Ann&lt;/b&gt;"' in page and 'value="Soon"' in page
    assert 'value="one-to-one" checked' in page


async def test_too_many_writes_from_one_phone_get_429_and_a_real_attendee_is_not_locked_out(
    aiohttp_client, store, unchanged, fake_clock
) -> None:
    limits = Limits(MissTracker(4, 60.0, fake_clock), MissTracker(4, 60.0, fake_clock),
                    MissTracker(100, 60.0, fake_clock))  # fmt: skip
    client = await aiohttp_client(make_app(store, limits=limits, clock=fake_clock))
    tom = Phone(client, store, "Tom Whitaker")
    unchanged()
    for _ in range(4):  # mistyped, and mistyped again: each one is answered
        assert (await tom.post("goal", referrals="x")).status == 422
    response = await tom.post("goal", referrals="1")
    assert response.status == 429 and int(response.headers["Retry-After"]) >= 1
    sarah = Phone(client, store, "Sarah Patel")  # another phone on the same Wi-Fi is not held up
    assert (await sarah.post("goal", referrals="x")).status == 422


async def test_the_defaults_let_an_attendee_fix_a_form_many_times() -> None:
    from netevent.web.actions import TOKEN_WRITES

    assert TOKEN_WRITES[0] >= 20


async def test_too_many_requests_from_one_address_get_429(aiohttp_client, store, unchanged, fake_clock) -> None:
    limits = Limits(MissTracker(50, 60.0, fake_clock), MissTracker(50, 60.0, fake_clock),
                    MissTracker(3, 60.0, fake_clock))  # fmt: skip
    client = await aiohttp_client(make_app(store, limits=limits, clock=fake_clock))
    unchanged()
    for name in ("Tom Whitaker", "Sarah Patel", "Priya Shah"):
        assert (await Phone(client, store, name).post("goal", referrals="x")).status == 422
    assert (await Phone(client, store, "Eve Mallory").post("goal", referrals="1")).status == 429


async def test_read_only_pages_refuse_every_action_politely(aiohttp_client, store, unchanged, writes) -> None:
    client = await aiohttp_client(make_app(store, read_only=True, on_write=lambda: writes.append(1)))
    tom = Phone(client, store, "Tom Whitaker")
    unchanged()
    for action, fields in ACTIONS:
        response = await tom.post(action, **fields)
        assert response.status == 403
        assert "Changes are off for now" in await response.text()
    check = await client.post(f"/s/{tom.token}/check", json={"ask": "x"}, headers={"X-CSRF-Token": tom.csrf})
    assert check.status == 403
    page = await (await client.get(f"/s/{tom.token}")).text()
    assert "<form" not in page and "<script" not in page
    assert "turned changes from phones off" in page
    assert writes == []


async def test_the_toggle_changes_the_cached_pages_at_once(aiohttp_client, store) -> None:
    from netevent.web.server import SummaryServer

    server = SummaryServer(store, version=lambda: 1)
    client = await aiohttp_client(server.app)
    token = store.token_for("Tom Whitaker")
    assert "<form" in await (await client.get(f"/s/{token}")).text()
    server.read_only = True
    assert "<form" not in await (await client.get(f"/s/{token}")).text()
    server.read_only = False
    assert "<form" in await (await client.get(f"/s/{token}")).text()


async def test_a_check_without_the_csrf_header_or_with_bad_json_stores_nothing(phone_for, unchanged) -> None:
    tom = phone_for("Tom Whitaker")
    unchanged()
    url = f"/s/{tom.token}/check"
    assert (await tom.client.post(url, json={"ask": "x"})).status == 403
    foreign = {"Origin": "http://evil.example", "X-CSRF-Token": tom.csrf}
    assert (await tom.client.post(url, json={"ask": "x"}, headers=foreign)).status == 403
    for body in (b"not json", b"[1]", b'{"ask": 3}', b"\xff\xfe"):
        response = await tom.client.post(url, data=body, headers={"X-CSRF-Token": tom.csrf})
        assert response.status == 422, body


async def test_a_read_only_store_shows_no_forms(tmp_path: Path, aiohttp_client) -> None:
    seed_store(tmp_path / "m.json").close()
    reader = Store(tmp_path / "m.json", writer=False)
    try:
        client = await aiohttp_client(make_app(reader))
        page = await (await client.get(f"/s/{reader.token_for('Tom Whitaker')}")).text()
        assert "<form" not in page
        response = await client.post(f"/s/{reader.token_for('Tom Whitaker')}/ask", data={"ask": SHARP})
        assert response.status == 403
    finally:
        reader.close()


async def test_a_record_from_last_weeks_meeting_can_be_followed_up_from_the_page(aiohttp_client, store) -> None:
    import datetime as dt

    from netevent.domain.models import Attendee, Event, Referral

    with Store(store.path.with_name("last-week.json")) as earlier:
        people = [Attendee("Sarah Patel"), Attendee("Tom Whitaker")]
        earlier.load_event(Event("Riverside Breakfast Club", date=dt.date(2026, 11, 19), attendees=people))
        earlier.add_referral(Referral("Sarah Patel", "Tom Whitaker", note="Last week's landlord"))
    client = await aiohttp_client(make_app(store))
    tom = Phone(client, store, "Tom Whitaker")
    page = await (await client.get(f"/s/{tom.token}")).text()
    assert f'action="/s/{tom.token}/followup/2026-11-19-1"' in page
    assert (await tom.post("followup/2026-11-19-1", status="met")).status == 303
    assert [(c.record, c.status) for c in store.followups()] == [("2026-11-19-1", "met")]
    page = await (await client.get(f"/s/{tom.token}")).text()
    assert re.search(r'id="r-2026-11-19-1".*?Now: <strong class="status">Met</strong>', page, re.S)


async def test_a_member_sees_last_weeks_goal_met_once_their_records_reach_it(aiohttp_client, store) -> None:
    import datetime as dt

    from netevent.domain.chapter import Goal
    from netevent.domain.models import Attendee, Event

    with Store(store.path.with_name("last-week.json")) as earlier:
        people = [Attendee("Sarah Patel"), Attendee("Tom Whitaker")]
        earlier.load_event(Event("Riverside Breakfast Club", date=dt.date(2026, 11, 19), attendees=people))
        earlier.set_goal(Goal("Sarah Patel", referrals=1, one_to_ones=1))
    client = await aiohttp_client(make_app(store))
    sarah = Phone(client, store, "Sarah Patel")

    def last_goal(page: str) -> str:
        found = re.search(r'<section id="last-goal">(.*?)</section>', page, re.S)
        assert found, "the page shows no goal from last week"
        return re.sub(r"<[^>]+>", "", found.group(1)).split("\n", 2)[-1].strip()

    page = await (await client.get(f"/s/{sarah.token}")).text()
    # her one-to-one with Tom is in this meeting's records; no referral yet
    assert last_goal(page) == "1 referral, 1 one-to-one: not met yet (so far 0/1 referrals, 1/1 one-to-ones)"
    assert (await sarah.post("give", to="Tom Whitaker", kind="referral", contact="Ann Lee")).status == 303
    page = await (await client.get(f"/s/{sarah.token}")).text()
    assert last_goal(page) == "1 referral, 1 one-to-one: met"
    tom = await (await client.get(f"/s/{store.token_for('Tom Whitaker')}")).text()
    assert 'id="last-goal"' not in tom  # Tom set none


async def test_hostile_names_are_escaped_in_the_forms_and_still_picked(aiohttp_client, tmp_path: Path) -> None:
    hostile = seed_store(tmp_path / "hostile.json", hostile=True)
    try:
        client = await aiohttp_client(make_app(hostile))
        tom = Phone(client, hostile, "Tom Whitaker")
        page = await (await client.get(f"/s/{tom.token}")).text()
        evil = next(p.name for p in hostile.attendees() if "Evil" in p.name)
        assert "<b>Evil</b>" not in page and 'value="Eve &lt;b&gt;Evil&lt;/b&gt; &#34;Mallory&#34;' in page
        assert (await tom.post("give", to=evil, kind="referral", note="<script>x</script>")).status == 303
        assert hostile.referrals()[-1].receiver == evil
        sarah_page = await (await client.get(f"/s/{hostile.token_for('Sarah Patel')}")).text()
        assert "<script>x" not in sarah_page
    finally:
        hostile.close()


async def test_a_disk_that_refuses_the_write_is_a_503_and_nothing_is_stored(phone_for, store, monkeypatch) -> None:
    from netevent.store import atomic

    tom = phone_for("Tom Whitaker")
    before = store.path.read_bytes()

    def full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    response = await tom.post("ask", ask=SHARP)
    monkeypatch.undo()
    assert response.status == 503
    assert store.path.read_bytes() == before
    assert store.attendee("Tom Whitaker").ask == "I want more clients."  # the rolled-back copy in memory too
