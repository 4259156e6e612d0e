"""The app itself (headless, its own page server on), with the countdown running, for the phone crash test.

Prints "serving URL" (a summary page of TOKEN_OF) once the server listens, then runs until it is killed.
Run by tests/web/test_phone_crash.py. Usage: python tests/app_phone_worker.py STORE NAME
"""

from __future__ import annotations

import sys
from pathlib import Path

from pilot_helpers import server_started

from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.web.server import app_pages


def main() -> None:
    store = Store(Path(sys.argv[1]))
    name = sys.argv[2]

    async def drive(pilot) -> None:
        await server_started(pilot)
        await pilot.press("f3", "space")  # a pitch under way: phones write while the countdown runs
        assert pilot.app.summary_server is not None
        print(f"serving {pilot.app.summary_server.url_for(store.token_for(name))}", flush=True)
        while True:
            await pilot.pause(0.1)

    NeteventApp(store, pages=app_pages, host="127.0.0.1", port=0).run(headless=True, size=(120, 36),
                                                                        auto_pilot=drive)  # fmt: skip


if __name__ == "__main__":
    main()
