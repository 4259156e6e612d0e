"""vCards for the people an attendee exchanged with, so a phone can save them in one tap."""

from __future__ import annotations

from collections.abc import Iterable

from netevent.domain.text import web_link
from netevent.services.summaries import Person


def person_vcard(person: Person) -> str:
    """One vCard 3.0; only people whose `contact` is set (they share details) should be passed here."""
    import vobject

    card = vobject.vCard()
    card.add("fn").value = person.name
    parts = person.name.split()
    family, given = (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else (person.name, "")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if person.business:
        card.add("org").value = [person.business]
    if person.profession:
        card.add("title").value = person.profession
    contact = person.contact
    if contact:
        if contact.email:
            email = card.add("email")
            email.value = contact.email
            email.type_param = "INTERNET"
        if contact.phone:
            card.add("tel").value = contact.phone
        if web_link(contact.website):  # the page's rule: no javascript: or data: links in a card either
            card.add("url").value = web_link(contact.website)
    return card.serialize()


def contacts_vcard(people: Iterable[Person]) -> str:
    """Several vCards in one file; people without shared contact details are left out."""
    return "".join(person_vcard(p) for p in people if p.contact)
