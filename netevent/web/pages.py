"""Built summary pages, cached per data version, so 50 phones at once never stall the app's countdown.

The server shares the app's event loop. A page costs ~10 ms to build and the room's suggested introductions
~200 ms for 60 people, so: pages are built one per loop turn (never a burst in one turn), the matcher runs
in a thread on private copies of the data, and after each change the pages are rebuilt in the background
once the data has settled, so phones are answered from memory.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from netevent.domain.models import Attendee
    from netevent.services.summaries import Room
    from netevent.store.repository import Store
    from netevent.web.render import PhoneForms

Page = tuple[str, bytes]  # attendee name, body
KINDS = ("html", "vcf")
FormsFor = Callable[["Store", "Attendee", str], "PhoneForms | None"]  # (store, attendee, token) -> the page's forms


class PageCache:
    """The pages of one data version; `version` comes from the app's revision counter or the file's stamp."""

    def __init__(self, forms: FormsFor | None = None) -> None:
        self.forms = forms  # the phone actions' forms for a page; None: pages without forms
        self.version: object = object()
        self.room: Room | None = None  # the data every page shares, read once per version
        self.pages: dict[tuple[str, str], Page] = {}  # (token, kind) -> page
        self.building = asyncio.Lock()
        self.warm = False  # every attendee's page is built for `version`

    def at(self, version: object) -> None:
        if version != self.version:
            self.version, self.room, self.warm = version, None, False
            self.pages.clear()


async def read_room(store: Store) -> Room:
    """Read the shared data on the loop (the store is not thread-safe), then run the matcher in a thread."""
    from netevent.services.spheres import suggest_pairs
    from netevent.services.summaries import MAX_INTRODUCTIONS, Room

    event, referrals, pitches = store.event(), store.referrals(), store.pitches()
    pairs = await asyncio.to_thread(suggest_pairs, event.attendees, referrals, None, MAX_INTRODUCTIONS)
    return Room(event, referrals, pitches, pairs)


def build_page(store: Store, room: Room | None, token: str, kind: str, forms: FormsFor | None = None) -> Page:
    """One page for a token, or a plain 404 when no attendee holds it; `forms` adds the phone actions' forms."""
    from netevent.services.summaries import Room, build_summary

    person = store.attendee_by_token(token) if 16 <= len(token) <= 64 else None
    if person is None:
        raise web.HTTPNotFound()
    summary = build_summary(store, person.name, room=room or Room.read(store))
    if kind == "vcf":
        from netevent.web.vcard import contacts_vcard

        body = contacts_vcard(summary.contacts)
    else:
        from netevent.web.render import render_summary

        phone = forms(store, person, token) if forms is not None else None
        body = render_summary(summary, vcard_href=f"/s/{token}/contacts.vcf", phone=phone)
    return person.name, body.encode("utf-8")


async def get_page(
    cache: PageCache, provider: Callable[[], Store], version_of: Callable[[], object], token: str, kind: str
) -> Page:
    """The page from memory when the data is unchanged; otherwise built in its own loop turn."""
    store = provider()  # may reload a changed file, so call it before reading the version
    if version_of() == cache.version and (hit := cache.pages.get((token, kind))) is not None:
        return hit
    if not 16 <= len(token) <= 64 or store.attendee_by_token(token) is None:
        raise web.HTTPNotFound()  # guesses never wait for, or cause, a build
    async with cache.building:
        await asyncio.sleep(0)  # let a burst queue up behind the lock: one build per loop turn
        store = provider()
        cache.at(version_of())
        if (hit := cache.pages.get((token, kind))) is not None:
            return hit
        if cache.room is None:
            cache.room = await read_room(store)
        page = build_page(store, cache.room, token, kind, cache.forms)
        cache.pages[(token, kind)] = page
        return page


async def warm(cache: PageCache, provider: Callable[[], Store], version_of: Callable[[], object]) -> None:
    """Build every attendee's page for the current version, one per loop turn; stop if the data changes."""
    async with cache.building:
        store = provider()
        version = version_of()
        cache.at(version)
        if cache.room is None:
            cache.room = await read_room(store)
        tokens = list(store.tokens().values())
    for token in tokens:
        await asyncio.sleep(0)
        async with cache.building:
            store = provider()
            if version_of() != version or cache.version != version:
                return
            if (token, "html") not in cache.pages and cache.room is not None:
                cache.pages[(token, "html")] = build_page(store, cache.room, token, "html", cache.forms)
    cache.warm = cache.version == version


async def keep_warm(
    cache: PageCache, provider: Callable[[], Store], version_of: Callable[[], object], every: float = 0.5
) -> None:
    """Rebuild pages in the background once a new version has held for one check (a burst of writes costs one)."""
    seen: object = object()
    while True:
        await asyncio.sleep(every)
        try:
            provider()
            version = version_of()
            if version == cache.version and cache.warm:
                continue
            if version != seen:
                seen = version
                continue
            await warm(cache, provider, version_of)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bad read now is retried on the next check; requests report their own errors
            continue
