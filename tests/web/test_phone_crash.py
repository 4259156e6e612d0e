"""Kill the store's writer — `netevent serve`, or the app with its own page server — right after a phone write's
303: the restarted writer has the write."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from meetings import seed_store

from netevent.store.repository import Store
from netevent.web.netaddr import free_port

ROOT = Path(__file__).resolve().parents[2]
SHARP = "Landlords in Leeds who are selling a rented house this spring and need an estate agent."


class Served:
    """`netevent serve STORE` in its own process, on a port of its own."""

    def __init__(self, store: Path) -> None:
        self.port = free_port(0, "127.0.0.1")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-u", "-m", "netevent.cli", "serve", str(store), "--host", "127.0.0.1",
                   "--port", str(self.port)]  # fmt: skip
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 60
        for line in self.proc.stdout:  # wait for the server to say it listens, not for a second
            if line.startswith("Serving attendee summaries"):
                break
            assert time.monotonic() < deadline, "netevent serve did not start"
        else:
            raise AssertionError("netevent serve exited before serving")

    def request(self, method: str, path: str, body: bytes | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    def page(self, token: str) -> str:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", f"/s/{token}")
        html = connection.getresponse().read().decode()
        connection.close()
        return html

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.communicate(timeout=30)


class AppServed(Served):
    """The app (headless, tests/app_phone_worker.py) serving the pages itself while a pitch's countdown runs."""

    def __init__(self, store: Path, name: str) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
        command = [sys.executable, "-u", str(ROOT / "tests" / "app_phone_worker.py"), str(store), name]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        assert self.proc.stdout is not None
        for line in self.proc.stdout:  # the worker says where it serves once the server listens
            if line.startswith("serving "):
                self.port = urlsplit(line.split()[1]).port or 80
                break
        else:
            raise AssertionError("the app exited before serving")


def csrf_in(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert found, "the page has no form"
    return found.group(1)


def test_a_phone_write_acknowledged_with_303_survives_a_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    with seed_store(path) as store:
        token = store.token_for("Tom Whitaker")
    served = Served(path)
    try:
        csrf = csrf_in(served.page(token))
        response = served.request("POST", f"/s/{token}/ask", urlencode({"csrf": csrf, "ask": SHARP}).encode())
        assert response.status == 303
    finally:
        served.kill()  # at once after the 303: no clean shutdown, no flush
    with Store(path, writer=False) as reader:
        assert reader.attendee("Tom Whitaker").ask == SHARP

    again = Served(path)  # the dead server's lock is taken over, and the csrf key survived the restart
    try:
        form = urlencode({"csrf": csrf, "to": "Sarah Patel", "kind": "referral", "note": "After the crash"})
        assert again.request("POST", f"/s/{token}/give", form.encode()).status == 303
        assert SHARP in again.page(token)
    finally:
        again.kill()
    with Store(path, writer=False) as reader:
        last = reader.referrals()[-1]
        assert (last.giver, last.note, last.source) == ("Tom Whitaker", "After the crash", "phone")


def test_the_app_killed_right_after_a_phones_303_has_the_write_on_restart(tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    with seed_store(path) as store:
        token = store.token_for("Tom Whitaker")
    app = AppServed(path, "Tom Whitaker")
    try:
        csrf = csrf_in(app.page(token))
        form = urlencode({"csrf": csrf, "to": "Sarah Patel", "kind": "referral", "note": "Given mid-pitch"})
        assert app.request("POST", f"/s/{token}/give", form.encode()).status == 303
    finally:
        app.kill()  # at once after the 303, the countdown still running
    with Store(path, writer=False) as reader:
        last = reader.referrals()[-1]
        assert (last.giver, last.receiver, last.note, last.source) == ("Tom Whitaker", "Sarah Patel",
                                                                       "Given mid-pitch", "phone")  # fmt: skip

    again = AppServed(path, "Tom Whitaker")  # the restarted app takes the next write with the same csrf value
    try:
        form = urlencode({"csrf": csrf, "ask": SHARP})
        assert again.request("POST", f"/s/{token}/ask", form.encode()).status == 303
    finally:
        again.kill()
    with Store(path, writer=False) as reader:
        assert reader.attendee("Tom Whitaker").ask == SHARP
        assert [r.note for r in reader.referrals()].count("Given mid-pitch") == 1
