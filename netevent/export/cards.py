"""contacts.vcf: a vCard for every attendee who agreed to share their contact details."""

from __future__ import annotations

import io
from pathlib import Path

import vobject

from netevent.domain.models import Attendee
from netevent.domain.text import web_link
from netevent.export.files import replace_file
from netevent.export.snapshot import Snapshot


def _name_parts(name: str) -> vobject.vcard.Name:
    """Family name = the last word; good enough for address books, which show FN anyway."""
    words = name.split()
    if len(words) < 2:
        return vobject.vcard.Name(given=name)
    return vobject.vcard.Name(family=words[-1], given=" ".join(words[:-1]))


def _text(vcard: vobject.base.Component, name: str, value: str) -> vobject.base.ContentLine:
    """A text line escaped once, as vobject's text behaviour would: serialising then neither escapes it again
    nor unescapes it afterwards (vobject restores a line's native value after writing it, wasted on a card
    that is written once and dropped)."""
    line = vcard.add(name)
    line.value = vobject.base.backslashEscape(value)
    line.encoded = True
    return line


def card(person: Attendee, met_at: str) -> vobject.base.Component:
    """One attendee's vCard, ready to serialise (its text lines hold their escaped form)."""
    vcard = vobject.vCard()
    _text(vcard, "fn", person.name)
    vcard.add("n").value = _name_parts(person.name)
    if person.business:
        vcard.add("org").value = [person.business]
    if person.profession:
        _text(vcard, "title", person.profession)
    if person.email:
        _text(vcard, "email", person.email).type_param = "INTERNET"
    if person.phone:
        _text(vcard, "tel", person.phone).type_param = "WORK"
    if web_link(person.website):  # the pages' rule: no javascript: or data: links
        _text(vcard, "url", web_link(person.website))
    note = [met_at]
    if person.offer:
        note.append(f"Offers: {person.offer}")
    if person.ask:
        note.append(f"Looking for: {person.ask}")
    _text(vcard, "note", "\n".join(note))
    return vcard


def write_contacts(snap: Snapshot, folder: Path) -> Path:
    """One file holding every shared card, the form phones and mail programs import in one go."""
    event = snap.event
    met_at = f"Met at {event.title}" + (f" on {event.date.isoformat()}" if event.date else "")
    path = folder / "contacts.vcf"
    handle = io.StringIO(newline="")
    for person in snap.attendees:
        if person.share_contact:
            card(person, met_at).serialize(handle)  # into one buffer, no per-card string
    return replace_file(path, handle.getvalue())
