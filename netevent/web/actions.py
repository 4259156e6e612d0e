"""The phone actions (DESIGN §6): four form posts and the live ask check, behind the token, csrf, Origin and limits.

Each request passes the same gates in the same order, and nothing is stored unless every gate and the service's
own checks pass: the token (404), the Origin (403), the rate limits (429), read-only pages (a polite 403), the
body size (413, aiohttp's `client_max_size`), the csrf value (403), the fields (422, the page with the message).
A success is written to the store (with the others that arrived at the same moment, web/commits.py), the app told,
and only then answered with a 303 back to the page.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from netevent.errors import UserError
from netevent.services import phone_actions
from netevent.services.phone_actions import NotTheirs
from netevent.store.atomic import StoreError
from netevent.web.commits import GroupCommit
from netevent.web.counters import MissTracker
from netevent.web.render import NOTICE, PhoneForms

if TYPE_CHECKING:
    from netevent.domain.chapter import Chapter, Meeting
    from netevent.domain.models import Attendee
    from netevent.store.repository import Store
    from netevent.web.pages import PageCache

MAX_BODY = 16 * 1024  # bytes: a form with a 500-character ask is under 2 KB; more is not a phone typing
# Generous: a real attendee who mistypes a few times never meets them; a script looping on one page does.
TOKEN_WRITES = (30, 60.0)  # writes per token per minute
TOKEN_CHECKS = (240, 60.0)  # live reviews per token per minute (one per pause in typing)
CLIENT_REQUESTS = (600, 60.0)  # actions per address per minute, all tokens together
SAVED = {  # what the page says after each 303; fixed texts, so nothing typed is ever reflected from the URL
    "ask": "Saved: your new ask. Its review is below.",
    "give": "Saved: it is on the facilitator's screen now.",
    "followup": "Saved: thank you for saying what happened.",
    "goal": "Saved: your goal for next week.",
}
ANCHORS = {"ask": "ask-heading", "give": "give", "followup": "happened", "goal": "goal"}


@dataclass(slots=True)
class Limits:
    """Per-token and per-address request counters (a MissTracker counts any event in a sliding window)."""

    writes: MissTracker
    checks: MissTracker
    clients: MissTracker

    @classmethod
    def default(cls, clock: Callable[[], float], client_limit: int = CLIENT_REQUESTS[0]) -> Limits:
        return cls(
            MissTracker(*TOKEN_WRITES, clock),
            MissTracker(*TOKEN_CHECKS, clock),
            MissTracker(client_limit, CLIENT_REQUESTS[1], clock),
        )


@dataclass(slots=True)
class PhoneActions:
    """What the action handlers share: the store, how to tell the app, read-only, the limits, a chapter cache."""

    provider: Callable[[], Store]
    version_of: Callable[[], object] | None
    on_write: Callable[[], None] | None
    limits: Limits
    read_only: bool = False
    cache: PageCache | None = None  # the served pages: a refused form's page reuses their room data
    _chapter: tuple[object, Chapter] | None = field(default=None, repr=False)
    commits: GroupCommit = field(init=False)
    earlier: list[Meeting] = field(default_factory=list)  # the chapter's other meetings (read_earlier)

    def __post_init__(self) -> None:
        self.commits = GroupCommit(self.provider, self.on_write)

    def chapter(self, store: Store) -> Chapter:
        """The chapter for the pages' "What happened", once per data version; earlier meetings as read at start."""
        version = self.version_of() if self.version_of is not None else None
        if version is None or self._chapter is None or self._chapter[0] != version:
            self._chapter = (version, phone_actions.live_chapter(store, self.earlier))
        return self._chapter[1]

    async def read_earlier(self, path: Path) -> None:
        """Read the chapter's earlier meetings (the stores beside `path`) off the loop, before the first page."""
        self.earlier = await asyncio.to_thread(phone_actions.earlier_meetings, path)
        self._chapter = None

    def acting(self, store: Store) -> bool:
        """Whether phones may change anything: not when turned off, nor on a store this server cannot write."""
        return not self.read_only and store.writer

    def forms(self, store: Store, person: Attendee, token: str, **refused: Any) -> PhoneForms | None:
        """The page's forms, or None on a store no phone can write (the page then is as before)."""
        csrf = phone_actions.csrf_for(store, token)
        if not csrf:
            return None
        view = phone_actions.phone_view(store, person, self.chapter(store))
        return PhoneForms(f"/s/{token}", csrf, view, read_only=not self.acting(store), **refused)


ACTIONS = web.AppKey("phone_actions", PhoneActions)


def _own_origin(request: web.Request) -> bool:
    """`Origin`, when sent, is this server's. "null" counts as not sent: our pages' Referrer-Policy no-referrer makes
    browsers send exactly that with their own forms, and the csrf value still has to match."""
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return True
    return origin == f"{request.scheme}://{request.host}"


def _too_many(wait: float) -> web.HTTPTooManyRequests:
    return web.HTTPTooManyRequests(text="429: Too many changes at once; wait a minute and try again",
                                   headers={"Retry-After": str(max(1, math.ceil(wait)))})  # fmt: skip


def _polite_off() -> web.Response:
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>Changes are off</title></head>'
        '<body style="font:18px/1.5 system-ui,sans-serif;margin:1.5rem"><h1>Changes are off for now</h1>'
        "<p>The facilitator has made the pages read-only, so nothing was changed. Your page still shows "
        "everything recorded; go back to it, or tell the facilitator what you wanted to change.</p></body></html>"
    )
    return web.Response(status=403, text=html, content_type="text/html", charset="utf-8")


async def _gates(request: web.Request, limiter: MissTracker) -> tuple[PhoneActions, Store, Attendee, str]:
    """Everything checked before a body is read: the token, the Origin, the limits and read-only."""
    actions = request.app[ACTIONS]
    token = request.match_info["token"]
    store = actions.provider()
    person = store.attendee_by_token(token) if 16 <= len(token) <= 64 else None
    if person is None:
        raise web.HTTPNotFound()
    if not _own_origin(request):
        raise web.HTTPForbidden(text="403: This form was sent from another site")
    client = request.remote or "?"
    wait = max(actions.limits.clients.retry_after(client), limiter.retry_after(token))
    if wait > 0:
        raise _too_many(wait)
    actions.limits.clients.record(client)
    limiter.record(token)
    if not actions.acting(store):
        raise _OffError()
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY, actual_size=request.content_length)
    return actions, store, person, token


class _OffError(Exception):
    """Read-only pages: answered with the polite page by `form_action`."""


def _bad_csrf() -> web.HTTPForbidden:
    return web.HTTPForbidden(text="403: This form has expired; reload the page and try again")


Act = Callable[["Store", "Attendee", dict[str, str], str], object]  # (store, person, fields, path part) -> stored


def form_action(name: str, act: Act) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """A handler for one form: the gates, the service's write, then the app told and a 303 back to the page."""

    async def handler(request: web.Request) -> web.StreamResponse:
        try:
            actions, store, person, token = await _gates(request, request.app[ACTIONS].limits.writes)
        except _OffError:
            return _polite_off()
        try:
            form = await request.post()  # over MAX_BODY: aiohttp raises 413 here
        except ValueError:  # bytes that are not UTF-8, a broken multipart body: no browser sends these
            raise web.HTTPBadRequest(text="400: The form could not be read") from None
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if not phone_actions.csrf_ok(store, token, fields.get("csrf", "")):
            raise _bad_csrf()
        part = request.match_info.get("record", "")
        try:
            await actions.commits.run(lambda store: act(store, person, fields, part))  # stored, and the app told
        except NotTheirs:
            # Not HTTPNotFound: that would count as a token guess, and this phone holds a real token.
            return web.Response(status=404, text="404: Not Found")
        except StoreError:
            raise  # the disk, not the form: the server's guard answers 503 and nothing was stored
        except UserError as exc:
            return await refused(actions, store, token, f"{name}:{part}" if part else name, exc, fields)
        raise web.HTTPSeeOther(f"/s/{token}?saved={name}#{ANCHORS[name]}")

    return handler


async def refused(
    actions: PhoneActions, store: Store, token: str, form: str, exc: UserError, typed: dict[str, str]
) -> web.Response:
    """422: the page again, the message beside the refused form and what was typed still in it."""
    from netevent.web.pages import build_page, read_room

    typed = {k: v for k, v in typed.items() if k != "csrf"}

    def forms(store: Store, person: Attendee, token: str) -> PhoneForms | None:
        return actions.forms(store, person, token, form=form, error=exc.message, typed=typed)

    cache = actions.cache
    current = cache is not None and actions.version_of is not None and cache.version == actions.version_of()
    room = cache.room if cache is not None and current else None
    if room is None:  # the suggested introductions take ~200 ms for 60 people: off the loop, as for pages
        room = await read_room(store)
    _, body = build_page(store, room, token, "html", forms)
    return web.Response(status=422, body=body.replace(NOTICE.encode(), b""), content_type="text/html",
                        charset="utf-8")  # fmt: skip


def with_notice(request: web.Request, body: bytes) -> bytes:
    """A cached page with the confirmation its `?saved=` names, or with none."""
    if not request.query_string:
        return body  # the placeholder is an HTML comment: left as it is, most requests copy nothing
    saved = SAVED.get(request.query.get("saved", ""))
    notice = f'<p class="saved" role="status">{saved}</p>' if saved else ""
    return body.replace(NOTICE.encode(), notice.encode(), 1)


async def check_ask(request: web.Request) -> web.Response:
    """The live review as they type: `check-ask --json`'s object for `{"ask": …}`, csrf in `X-CSRF-Token`."""
    try:
        _, store, _, token = await _gates(request, request.app[ACTIONS].limits.checks)
    except _OffError:
        return web.json_response({"error": "changes are off"}, status=403)
    if not phone_actions.csrf_ok(store, token, request.headers.get("X-CSRF-Token", "")):
        raise _bad_csrf()
    raw = await request.read()  # over MAX_BODY: 413
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return web.json_response({"error": 'send JSON: {"ask": "…"}'}, status=422)
    text = data.get("ask") if isinstance(data, dict) else None
    if not isinstance(text, str):
        return web.json_response({"error": 'send JSON: {"ask": "…"}'}, status=422)
    from netevent.services.ask_rules import review_ask

    return web.json_response(review_ask(" ".join(text.split())[: phone_actions.MAX_ASK]).to_dict())


# -- what each form does: the use cases, given the form's fields ----------------------------------------


def _ask(store: Store, person: Attendee, fields: dict[str, str], _: str) -> object:
    return phone_actions.change_ask(store, person, fields.get("ask", ""))


def _give(store: Store, person: Attendee, fields: dict[str, str], _: str) -> object:
    get = fields.get
    return phone_actions.give(store, person, get("to", ""), get("kind", ""), get("contact", ""), get("note", ""),
                              get("temperature", ""))  # fmt: skip


def _followup(actions: PhoneActions) -> Act:
    def act(store: Store, person: Attendee, fields: dict[str, str], record: str) -> object:
        get = fields.get
        return phone_actions.follow_up(store, person, record, get("status", ""), get("value", ""), get("note", ""),
                                       actions.earlier)  # fmt: skip

    return act


def _goal(store: Store, person: Attendee, fields: dict[str, str], _: str) -> object:
    get = fields.get
    return phone_actions.set_goal(store, person, get("referrals", ""), get("introductions", ""),
                                  get("one_to_ones", ""))  # fmt: skip


PHONE_JS = "phone.js"


async def phone_script(request: web.Request) -> web.Response:
    from netevent.web.room import asset

    return web.Response(body=asset(PHONE_JS), content_type="application/javascript", charset="utf-8")


def add_action_routes(app: web.Application, actions: PhoneActions) -> None:
    app[ACTIONS] = actions
    app.router.add_post("/s/{token}/ask", form_action("ask", _ask))
    app.router.add_post("/s/{token}/give", form_action("give", _give))
    app.router.add_post("/s/{token}/followup/{record}", form_action("followup", _followup(actions)))
    app.router.add_post("/s/{token}/goal", form_action("goal", _goal))
    app.router.add_post("/s/{token}/check", check_ask)
    app.router.add_get("/static/phone.js", phone_script)
