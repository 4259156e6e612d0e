"""`netevent serve` as the store's one writer, read-only beside a running app, and `--read-only-pages`."""

from __future__ import annotations

from pathlib import Path

from meetings import seed_store

from netevent.cli import cli
from netevent.services.phone_actions import csrf_for
from netevent.store.repository import Store
from netevent.web.serve_cli import writer_server

SHARP = "Landlords in Leeds who are selling a rented house this spring and need an estate agent."


async def test_serve_alone_is_the_writer_and_its_pages_follow_each_phone_write(aiohttp_client, tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    seed_store(path).close()
    told: list[str] = []
    server = writer_server(path, False, told.append)
    client = await aiohttp_client(server.app)
    with Store(path, writer=False) as reader:
        token = reader.token_for("Tom Whitaker")
        csrf = csrf_for(reader, token)
    first = await (await client.get(f"/s/{token}")).text()
    assert "I want more clients." in first
    response = await client.post(f"/s/{token}/ask", data={"csrf": csrf, "ask": SHARP}, allow_redirects=False)
    assert response.status == 303
    assert SHARP in await (await client.get(f"/s/{token}")).text()  # the cached page was rebuilt
    assert told == []


async def test_beside_a_running_app_serve_reads_and_refuses_changes(aiohttp_client, tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    app_store = seed_store(path)  # the app: it holds the write lock
    try:
        told: list[str] = []
        client = await aiohttp_client(writer_server(path, False, told.append).app)
        assert told and "read-only" in told[0]
        token = app_store.token_for("Tom Whitaker")
        page = await (await client.get(f"/s/{token}")).text()
        assert "turned changes from phones off" in page or "<form" not in page
        before = path.read_bytes()
        response = await client.post(f"/s/{token}/ask", data={"csrf": csrf_for(app_store, token), "ask": SHARP})
        assert response.status == 403
        assert path.read_bytes() == before
    finally:
        app_store.close()


async def test_read_only_pages_under_serve(aiohttp_client, tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    seed_store(path).close()
    client = await aiohttp_client(writer_server(path, True, print).app)
    with Store(path, writer=False) as reader:
        token = reader.token_for("Tom Whitaker")
        csrf = csrf_for(reader, token)
    before = path.read_bytes()
    response = await client.post(f"/s/{token}/ask", data={"csrf": csrf, "ask": SHARP})
    assert response.status == 403 and "Changes are off" in await response.text()
    assert path.read_bytes() == before


def test_run_and_serve_take_read_only_pages(runner) -> None:
    for command in ("run", "serve"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "--read-only-pages" in result.output
