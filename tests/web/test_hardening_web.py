"""Hardening of the summary server (issue 19): taken ports, guesses, aiohttp's own errors, timeouts, logs."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from meetings import seed_store

from netevent.store.repository import Store
from netevent.web.access_log import mask_token
from netevent.web.netaddr import ServerError
from netevent.web.server import SECURITY_HEADERS, SummaryServer, make_app


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port another program listens on for the length of the test."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


async def test_an_explicit_port_held_by_another_netevent_is_refused_naming_it(store: Store) -> None:
    first = SummaryServer(store)
    await first.start("127.0.0.1", 0)
    try:
        with pytest.raises(ServerError) as refused:
            await SummaryServer(store).start("127.0.0.1", first.port)
        assert f"port {first.port}" in refused.value.message and "another netevent" in refused.value.message
    finally:
        await first.stop()


async def test_an_explicit_port_held_by_another_program_is_refused(store: Store, held_port: int) -> None:
    with pytest.raises(ServerError) as refused:
        await SummaryServer(store).start("127.0.0.1", held_port)
    assert "another program" in refused.value.message and "--port" in refused.value.message


async def test_only_the_default_port_falls_back_and_says_where_it_went(store: Store, held_port: int) -> None:
    server = SummaryServer(store)
    await server.start("127.0.0.1", held_port, fallback=True)
    try:
        assert server.moved_from == held_port and server.port != held_port
        assert server.base_url.endswith(f":{server.port}")
    finally:
        await server.stop()


async def test_a_browser_asking_for_the_favicon_never_locks_out_the_phone(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store, miss_limit=3))
    for _ in range(10):
        icon = await client.get("/favicon.ico")
        assert icon.status == 200 and icon.content_type == "image/svg+xml"
        assert (await client.get("/apple-touch-icon.png")).status == 404
    assert (await client.get(f"/s/{store.token_for('Sarah Patel')}")).status == 200


async def test_a_valid_link_still_opens_while_its_phone_is_blocked_for_guessing(
    aiohttp_client, store: Store, fake_clock
) -> None:
    client = await aiohttp_client(make_app(store, miss_limit=3, clock=fake_clock))
    for i in range(3):
        assert (await client.get(f"/s/aaaaaaaaaaaaaaaaaaaaa{i}")).status == 404
    assert (await client.get("/s/aaaaaaaaaaaaaaaaaaaaa9")).status == 429
    page = await client.get(f"/s/{store.token_for('Tom Whitaker')}")
    assert page.status == 200 and "Tom Whitaker" in await page.text()


async def test_a_page_that_misses_while_the_store_is_unreadable_is_no_guess(aiohttp_client, tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    with seed_store(path) as seeded:
        token = seeded.token_for("Sarah Patel")
    client = await aiohttp_client(make_app(path, miss_limit=2))
    hidden = path.with_name("moved.json")
    path.rename(hidden)  # the store briefly gone (being replaced, a USB stick unplugged)
    for _ in range(5):
        assert (await client.get(f"/s/{token}")).status == 503
    hidden.rename(path)
    assert (await client.get(f"/s/{token}")).status == 200


async def exchange(server: SummaryServer, raw: bytes) -> bytes:
    """Send raw bytes as a client that speaks bad HTTP and read the whole reply."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(raw)
    await writer.drain()
    reply = await asyncio.wait_for(reader.read(), timeout=5)
    writer.close()
    return reply


@pytest.mark.parametrize(
    "request_line",
    [b"FROB /s/{token} HTTP/1.1", b"GET /s/{token}\x00x HTTP/1.1", b"GET /s/{token}/" + b"a" * 9000 + b" HTTP/1.1"],
    ids=["unknown method", "NUL in the path", "URL over 8 KB"],
)
async def test_aiohttps_own_400_replies_are_as_plain_and_hardened_as_the_pages(
    store: Store, caplog: pytest.LogCaptureFixture, request_line: bytes
) -> None:
    token = store.token_for("Sarah Patel")
    server = SummaryServer(store)
    await server.start("127.0.0.1", 0)
    try:
        with caplog.at_level(logging.DEBUG):
            reply = await exchange(server, request_line.replace(b"{token}", token.encode()) + b"\r\nHost: x\r\n\r\n")
    finally:
        await server.stop()
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert lines[0].split()[1] == "400"
    assert headers["Server"] == "netevent" and "aiohttp" not in reply.decode("latin-1")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control"):
        assert headers[name] == SECURITY_HEADERS[name]
    assert body == b"400: Bad Request"
    assert token[:8].encode() not in reply
    logged = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert logged and not any(r.exc_info for r in logged)  # one line each, never a traceback on the console
    assert not any(token[:8] in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "shown",
    ["GET http://192.168.1.20:8765/s/{token}", "//s/{token}", "/s/{token}/contacts.vcf#{token}", "/x//s/{token}?t=1"],
)
def test_the_log_never_holds_a_whole_token_in_any_url_form(shown: str) -> None:
    token = "Zq3kW9vXbT2mYp8aLc4NfQ"
    masked = mask_token(shown.replace("{token}", token))
    assert token[:8] not in masked and "/s/Zq3k…" in masked


async def wait_closed_by_server(reader: asyncio.StreamReader) -> bytes:
    return await asyncio.wait_for(reader.read(), timeout=10)


@pytest.mark.parametrize("sent", [b"", b"GET /s/abcdefghijklmnopqrstuv HTTP/1.1\r\nHost: x"], ids=["idle", "half-sent"])
async def test_idle_and_half_sent_connections_are_closed(store: Store, sent: bytes) -> None:
    server = SummaryServer(store, keepalive=0.5)
    await server.start("127.0.0.1", 0)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(sent)
        await writer.drain()
        assert await wait_closed_by_server(reader) == b""  # the server hung up without answering
        writer.close()
    finally:
        await server.stop()


async def test_a_kept_alive_connection_closes_after_its_idle_time(store: Store) -> None:
    server = SummaryServer(store, keepalive=0.5)
    await server.start("127.0.0.1", 0)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        token = store.token_for("Tom Whitaker")
        writer.write(f"GET /s/{token} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        await writer.drain()
        reply = await wait_closed_by_server(reader)  # read() returns only once the server closes
        assert reply.startswith(b"HTTP/1.1 200") and b"Tom Whitaker" in reply
        writer.close()
    finally:
        await server.stop()


RLO = "\u202e"


async def test_a_right_to_left_override_in_someones_text_cannot_reverse_the_page(aiohttp_client, store: Store) -> None:
    store.update_attendee("Priya Shah", business=f"Shah {RLO}exe.png Mortgages", profession=f"Broker{RLO} LTR")
    client = await aiohttp_client(make_app(store))
    html = await (await client.get(f"/s/{store.token_for('Priya Shah')}")).text()
    assert RLO not in html and "\u2066" not in html
    assert "<bdi>Shah exe.png Mortgages</bdi>" in html  # isolated from the " · " and what follows
    assert "unicode-bidi:isolate" in html
    sarah = await (await client.get(f"/s/{store.token_for('Sarah Patel')}")).text()
    assert "· <bdi>Shah exe.png Mortgages</bdi>" in sarah and RLO not in sarah


@pytest.mark.parametrize("website", ["javascript:alert(1)", "data:text/html,<script>x</script>", "JAVASCRIPT://%0a1"])
async def test_a_script_or_data_website_is_a_link_neither_on_the_page_nor_in_the_vcard(
    aiohttp_client, store: Store, website: str
) -> None:
    store.update_attendee("Priya Shah", website=website)
    client = await aiohttp_client(make_app(store))
    token = store.token_for("Sarah Patel")
    html = await (await client.get(f"/s/{token}")).text()
    card = await (await client.get(f"/s/{token}/contacts.vcf")).text()
    assert "Priya Shah" in card and "priya@shah.example" in card
    assert "URL" not in card and "javascript" not in card.lower() and "data:" not in card
    assert 'href="javascript' not in html.lower() and 'href="data:' not in html


async def test_a_plain_website_is_the_same_link_on_the_page_and_in_the_vcard(aiohttp_client, store: Store) -> None:
    store.update_attendee("Priya Shah", website="shah.example/loans")
    client = await aiohttp_client(make_app(store))
    token = store.token_for("Sarah Patel")
    html = await (await client.get(f"/s/{token}")).text()
    card = await (await client.get(f"/s/{token}/contacts.vcf")).text()
    assert 'href="https://shah.example/loans"' in html and "URL:https://shah.example/loans" in card


async def test_the_page_shows_the_largest_closed_value_as_a_readable_number(aiohttp_client, store: Store) -> None:
    from netevent.domain.models import Referral

    store.add_referral(Referral("Tom Whitaker", "Sarah Patel", kind="closed", value=1_000_000_000.0, currency="GBP"))
    client = await aiohttp_client(make_app(store))
    html = await (await client.get(f"/s/{store.token_for('Tom Whitaker')}")).text()
    assert "1,000,000,000 GBP" in html


async def test_serve_answers_503_with_a_plain_page_when_the_store_is_damaged_and_recovers(
    aiohttp_client, tmp_path: Path
) -> None:
    path = tmp_path / "meeting.json"
    with seed_store(path) as seeded:
        token = seeded.token_for("Sarah Patel")
    good = path.read_bytes()
    client = await aiohttp_client(make_app(path))
    assert (await client.get(f"/s/{token}")).status == 200
    data = json.loads(good)
    next(iter(data["attendees"].values()))["sphere"] = 5
    path.write_text(json.dumps(data))
    damaged = await client.get(f"/s/{token}")
    assert damaged.status == 503 and damaged.content_type == "text/plain"
    assert "Traceback" not in await damaged.text() and damaged.headers["Server"] == "netevent"
    path.write_bytes(good)
    assert (await client.get(f"/s/{token}")).status == 200


async def test_serve_refuses_a_store_a_newer_netevent_wrote_after_it_started(aiohttp_client, tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    with seed_store(path) as seeded:
        token = seeded.token_for("Sarah Patel")
    client = await aiohttp_client(make_app(path))
    assert (await client.get(f"/s/{token}")).status == 200
    data = json.loads(path.read_text())
    for table in data.values():
        for doc in table.values():
            doc["schema"] = 99
    path.write_text(json.dumps(data))
    assert (await client.get(f"/s/{token}")).status == 503
