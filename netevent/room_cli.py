"""`netevent room-url STORE`: the room display's address, for a script or for typing on the projector's machine."""

from __future__ import annotations

import click

from netevent.services.page_server import DEFAULT_PORT


def room_token(store_arg: str) -> str:
    """The stored room token; a store made before the room display gets one when nobody holds the write lock."""
    from netevent.services.meeting import open_store
    from netevent.store.atomic import StoreError, StoreLocked

    with open_store(store_arg, writer=False) as store:
        try:
            return store.room_token()
        except StoreError:
            pass
    try:
        with open_store(store_arg, writer=True) as store:
            return store.room_token()
    except StoreLocked:
        raise StoreError(f"{store_arg}: no room display token yet; the running app makes one when it starts") from None


@click.command("room-url")
@click.argument("store_arg", metavar="STORE")
@click.option("--host", help="Address in the URL (default: this laptop's LAN address).")
@click.option("--port", type=int, default=DEFAULT_PORT, show_default=True)
def room_url(store_arg: str, host: str | None, port: int) -> None:
    """Print the room display's URL (the app or `serve` must be running to open it)."""
    from netevent.web.netaddr import lan_address

    token = room_token(store_arg)
    address = host or lan_address()
    address = f"[{address}]" if ":" in address else address
    click.echo(f"http://{address}:{port}/room/{token}")
