"""The summary server as a phone (or an attacker on the café Wi-Fi) sees it, through aiohttp's test client."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
from pathlib import Path

import aiohttp
import pytest
import vobject
from meetings import seed_store

from netevent.domain.models import Referral
from netevent.store.repository import Store
from netevent.web.access_log import mask_token
from netevent.web.netaddr import ServerError, free_port, lan_address
from netevent.web.server import SECURITY_HEADERS, SummaryServer, make_app

CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
OUR_SCRIPT = '<script src="/static/phone.js" defer>'


@pytest.fixture
def store(tmp_path: Path):
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


@pytest.fixture
def hostile_store(tmp_path: Path):
    store = seed_store(tmp_path / "hostile.json", hostile=True)
    yield store
    store.close()


def assert_hardened(response: aiohttp.ClientResponse) -> None:
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


async def test_page_shows_the_attendees_whole_summary(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store))
    response = await client.get(f"/s/{store.token_for('Sarah Patel')}")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert_hardened(response)
    html = await response.text()
    assert "<h1>Sarah Patel</h1>" in html
    assert "Patel &amp; Co Conveyancing" in html
    assert "0:58</strong> of 1:00" in html
    assert "Specific" in html or "Needs work" in html or "Vague" in html
    assert "Jane Doe 07700 900123" in html  # the outside contact Tom passed on
    assert "priya@shah.example" in html  # Priya shares her details
    assert "tom@whitaker.example" not in html and "496 0002" not in html  # Tom does not
    assert "Tuesday coffee" in html  # the one-to-one
    assert "1,200 GBP" in html  # closed business
    assert "Eve Mallory" in html
    assert re.findall(r"<script[^>]*>", html.lower()) == [OUR_SCRIPT]  # the phone actions' one, from 'self'


async def test_unknown_tokens_and_other_paths_are_plain_404s(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store))
    for path in ("/", "/s/", "/s/not-a-real-token-at-all", "/s/x/contacts.vcf", "/index.html", "/static/"):
        response = await client.get(path)
        assert response.status == 404, path
        assert response.headers["Content-Type"].startswith("text/plain")
        assert_hardened(response)
        assert "Sarah" not in await response.text()


async def test_only_get_and_head_are_allowed(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store))
    path = f"/s/{store.token_for('Sarah Patel')}"
    head = await client.head(path)
    assert head.status == 200
    assert head.headers["Content-Type"].startswith("text/html")
    assert_hardened(head)
    assert await head.read() == b""
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        response = await client.request(method, path)
        assert response.status == 405, method
        assert_hardened(response)


async def test_hostile_names_asks_and_notes_are_escaped(aiohttp_client, hostile_store: Store) -> None:
    client = await aiohttp_client(make_app(hostile_store))
    for name in hostile_store.tokens():
        html = await (await client.get(f"/s/{hostile_store.token_for(name)}")).text()
        assert re.findall(r"<script[^>]*>", html.lower()) == [OUR_SCRIPT]
        assert "<b>Evil</b>" not in html
        assert "999999" not in html  # {{ 9*111111 }} is shown, never evaluated
        if "Evil" in html:
            assert "&lt;b&gt;Evil&lt;/b&gt;" in html
            assert "&#34;Mallory&#34;" in html
    page = await (await client.get(f"/s/{hostile_store.token_for('Sarah Patel')}")).text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page  # the hostile note, inert
    assert "{{ 9*111111 }}" in page


async def test_vcard_holds_only_people_who_share_contact(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store))
    token = store.token_for("Sarah Patel")
    html = await (await client.get(f"/s/{token}")).text()
    assert f'href="/s/{token}/contacts.vcf"' in html
    response = await client.get(f"/s/{token}/contacts.vcf")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/vcard")
    assert_hardened(response)
    cards = list(vobject.readComponents(await response.text()))
    assert sorted(c.fn.value for c in cards) == ["Eve Mallory", "Priya Shah"]  # Tom keeps his private
    priya = next(c for c in cards if c.fn.value == "Priya Shah")
    assert priya.email.value == "priya@shah.example"
    assert priya.url.value == "https://shah.example"


async def test_repeated_misses_get_429_until_the_window_passes(aiohttp_client, store: Store, fake_clock) -> None:
    client = await aiohttp_client(make_app(store, miss_limit=10, miss_window=60, clock=fake_clock))
    good = f"/s/{store.token_for('Sarah Patel')}"
    for i in range(10):
        assert (await client.get(f"/s/guess-{i:02d}-aaaaaaaaaaaaaaaa")).status == 404
    blocked = await client.get("/s/guess-11-aaaaaaaaaaaaaaaa")
    assert blocked.status == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert_hardened(blocked)
    assert (await client.get("/s/guess-12-aaaaaaaaaaaaaaaa")).status == 429
    assert (await client.get(good)).status == 200  # the guess limit never locks a phone out of its own page
    fake_clock.advance(61)
    assert (await client.get("/s/guess-13-aaaaaaaaaaaaaaaa")).status == 404


async def test_a_few_misses_do_not_block(aiohttp_client, store: Store, fake_clock) -> None:
    client = await aiohttp_client(make_app(store, clock=fake_clock))
    for i in range(30):  # a slow typist: one miss every 10 s never builds up to the limit
        fake_clock.advance(10)
        assert (await client.get(f"/s/typo-{i:02d}-aaaaaaaaaaaaaaaa")).status == 404


async def test_reload_shows_a_new_referral_from_the_live_store(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(lambda: store))
    path = f"/s/{store.token_for('Priya Shah')}"
    assert "Sam Green" not in await (await client.get(path)).text()
    store.add_referral(Referral("Tom Whitaker", "Priya Shah", contact="Sam Green 0113 496 0999"))
    assert "Sam Green 0113 496 0999" in await (await client.get(path)).text()


async def test_pages_are_rebuilt_when_the_apps_revision_changes(aiohttp_client, store: Store) -> None:
    revision = [0]
    client = await aiohttp_client(make_app(lambda: store, version=lambda: revision[0]))
    path = f"/s/{store.token_for('Priya Shah')}"
    first = await (await client.get(path)).text()
    store.add_referral(Referral("Tom Whitaker", "Priya Shah", contact="Sam Green"))
    assert await (await client.get(path)).text() == first  # same revision: the built page is reused
    revision[0] += 1  # what the app's changed() does after every write
    assert "Sam Green" in await (await client.get(path)).text()


async def test_server_builds_every_page_in_the_background_after_a_change(store: Store) -> None:
    revision = [0]
    server = SummaryServer(lambda: store, version=lambda: revision[0])
    await server.start("127.0.0.1", 0)
    try:
        await wait_for(lambda: server.warm)
        store.add_referral(Referral("Tom Whitaker", "Priya Shah", contact="Sam Green"))
        revision[0] += 1
        assert not server.warm  # the built pages are out of date at once …
        await wait_for(lambda: server.warm)  # … and rebuilt in the background once the change settled
        url = server.url_for(store.token_for("Priya Shah"))
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            assert "Sam Green" in await response.text()
    finally:
        await server.stop()


async def wait_for(condition, limit: float = 20.0) -> None:
    """Poll until `condition()` holds; generous, as other test runs share the machine."""
    for _ in range(int(limit / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition never held")


async def test_serving_a_store_file_follows_changes_made_by_the_writer(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store.path))  # read-only, as `netevent serve STORE`
    path = f"/s/{store.token_for('Priya Shah')}"
    assert "Sam Green" not in await (await client.get(path)).text()
    store.add_referral(Referral("Tom Whitaker", "Priya Shah", contact="Sam Green"))
    assert "Sam Green" in await (await client.get(path)).text()
    new_token = store.reissue_token("Priya Shah")
    assert (await client.get(path)).status == 404  # the old link dies at once
    assert (await client.get(f"/s/{new_token}")).status == 200


async def test_a_broken_store_file_is_a_plain_503_not_a_traceback(aiohttp_client, tmp_path: Path) -> None:
    writer = seed_store(tmp_path / "broken.json")
    token = writer.token_for("Sarah Patel")
    writer.close()
    client = await aiohttp_client(make_app(tmp_path / "broken.json"))
    assert (await client.get(f"/s/{token}")).status == 200
    (tmp_path / "broken.json").write_text('{"attendees": {"1": ', encoding="utf-8")
    response = await client.get(f"/s/{token}")
    assert response.status == 503
    assert_hardened(response)
    assert "Traceback" not in await response.text()


async def test_pages_stay_small_for_the_busiest_attendee(aiohttp_client, sample_store: Store) -> None:
    people = [a.name for a in sample_store.attendees()]
    sample_store.add_referrals(
        Referral(giver, people[0], contact=f"Client {i} 07700 900{i:03d}", note="Expects your call this week")
        for i, giver in enumerate(people[1:] * 2)
    )
    client = await aiohttp_client(make_app(sample_store))
    sizes = {}
    for name, token in sample_store.tokens().items():
        response = await client.get(f"/s/{token}")
        assert response.status == 200
        sizes[name] = len(await response.read())
    assert sizes[people[0]] == max(sizes.values())
    followed = 2 + 2 * (len(people) - 1)  # what the busiest can say "what happened" about: a small form each
    assert max(sizes.values()) < 30 * 1024 + followed * 1024


async def test_pages_opened_are_counted_per_attendee(store: Store) -> None:
    server = SummaryServer(store)
    await server.start("127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(2):
                async with session.get(server.url_for(store.token_for("Sarah Patel"))) as response:
                    assert response.status == 200
            async with session.head(server.url_for(store.token_for("Tom Whitaker"))) as response:
                assert response.status == 200
        assert server.opened_count("Sarah Patel") == 2
        assert server.opened_count("Tom Whitaker") == 0  # a HEAD is not somebody reading
        assert server.opened_count() == 2
    finally:
        await server.stop()


async def test_access_log_never_holds_a_whole_token(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    server = SummaryServer(store)
    await server.start("127.0.0.1", 0)
    token = store.token_for("Sarah Patel")
    try:
        with caplog.at_level(logging.INFO, logger="aiohttp.access"):
            async with aiohttp.ClientSession() as session:
                for path in (f"/s/{token}", f"/s/{token}/contacts.vcf", f"/s/{token}?x=1"):
                    async with session.get(server.base_url + path) as response:
                        await response.read()
    finally:
        await server.stop()
    lines = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert len(lines) == 3
    assert all(f"/s/{token[:4]}…" in line for line in lines)
    assert not any(token[:8] in line for line in lines)
    assert mask_token(f"/s/{token}/contacts.vcf?t={token}") == f"/s/{token[:4]}…/contacts.vcf"


async def test_the_default_port_falls_back_to_a_free_port_and_builds_links(store: Store) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        server = SummaryServer(store)
        base = await server.start("127.0.0.1", busy, fallback=True)
        try:
            assert server.port != busy
            assert base == f"http://127.0.0.1:{server.port}"
            assert server.url_for("abc") == f"{base}/s/abc"
            async with (
                aiohttp.ClientSession() as session,
                session.get(server.url_for(store.token_for("Tom Whitaker"))) as r,
            ):
                assert r.status == 200
                assert r.headers["Server"] == "netevent"
        finally:
            await server.stop()
    assert not server.running


async def test_an_address_not_on_this_machine_is_a_one_line_error(store: Store) -> None:
    server = SummaryServer(store)
    with pytest.raises(ServerError, match=r"^cannot serve summaries on 203\.0\.113\.77:8765: .*--no-serve$"):
        await server.start("203.0.113.77", 8765)  # TEST-NET-3: never a local address
    assert not server.running


def test_lan_address_is_an_ipv4_address_phones_can_reach() -> None:
    address = ipaddress.IPv4Address(lan_address())
    assert address.is_loopback or (address.is_private and not address.is_link_local)


def test_free_port_avoids_a_taken_port() -> None:
    with socket.socket() as taken:
        taken.bind(("", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        assert free_port(busy) != busy
    assert set(SECURITY_HEADERS) >= {"Content-Security-Policy", "Cache-Control"}
