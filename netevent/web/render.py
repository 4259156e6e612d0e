"""HTML for one attendee's summary page: Jinja2 with autoescaping, inline CSS; served pages add the phone's forms
and one script from 'self' (exported pages have neither)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from netevent.domain.chapter import STATUSES
from netevent.domain.text import strip_bidi, web_link
from netevent.services.phone_actions import GIVE_KINDS, MAX_ASK, MAX_GOAL, MAX_TEXT, PhoneView
from netevent.services.summaries import KIND_LABELS, MAX_INTRODUCTIONS, AttendeeSummary, Person, format_seconds

VERDICT_LABELS = {"specific": "Specific", "needs-work": "Needs work", "vague": "Vague"}
STATUS_LABELS = {"open": "Open", "contacted": "Contacted", "met": "Met", "won": "Won", "lost": "Lost",
                 "no-reply": "No reply"}  # fmt: skip
NOTICE = "<!--notice-->"  # where a served page says what was just saved (see web/actions.py)


@dataclass(slots=True)
class PhoneForms:
    """The phone actions' forms on a served page: where they post, their csrf value, what they offer.

    `form`, `error` and `typed` are set only on a 422 page: which form was refused, why, and what was typed, so
    nothing the attendee wrote is lost.
    """

    base: str  # "/s/TOKEN"
    csrf: str
    view: PhoneView
    read_only: bool = False
    form: str = ""  # "ask", "give", "followup:<record id>" or "goal"
    error: str = ""
    typed: dict[str, str] = field(default_factory=dict)

    def value(self, form: str, name: str, default: object = "") -> str:
        """What a field shows: what was typed, on the refused form; otherwise `default`."""
        if form == self.form and name in self.typed:
            return self.typed[name]
        return "" if default is None else str(default)


@lru_cache(maxsize=4096)  # a room's few hundred contacts show on many pages
def web_href(website: str) -> str:
    """A link for a website someone typed, by the rule the vCards use too (domain.text.web_link)."""
    return web_link(website)


@lru_cache(maxsize=4096)  # a room's few hundred contacts show on many pages
def tel_href(phone: str) -> str:
    """A tel: link keeping only digits and a leading plus."""
    digits = re.sub(r"[^\d+]", "", phone)
    digits = digits[:1] + digits[1:].replace("+", "")
    return f"tel:{digits}" if re.search(r"\d{3,}", digits) else ""


@lru_cache(maxsize=4096)  # a room's few hundred contacts show on many pages
def mail_href(email: str) -> str:
    text = email.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", text):
        return ""
    return "mailto:" + quote(text, safe="@.+-_")


def temperature_dots(temperature: int) -> str:
    level = max(1, min(5, int(temperature or 0)))
    return "●" * level + "○" * (5 - level)


def money(value: float | None, currency: str) -> str:
    if value is None:
        return ""
    amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{amount} {currency}".strip()


_LINKS: dict[tuple[str, str, str] | None, Markup] = {}  # contact details -> their rendered links


def links_once(person: Person, macro: Callable[[Person], Markup]) -> Markup:
    """The template's `contact_links(person)`, rendered once per set of details: contacts recur on many pages.

    A filter (`person|links_once(contact_links)`), like `money`: a filter is a plain call, where a global goes
    through the template context on every use, thousands of times across a room's pages."""
    contact = person.contact
    key = (contact.phone, contact.email, contact.website) if contact else None  # no details: no links
    found = _LINKS.get(key)
    if found is None:
        if len(_LINKS) >= 4096:  # a few rooms' worth; forget them all rather than grow without bound
            _LINKS.clear()
        found = _LINKS[key] = macro(person)
    return found


def _without_bidi(value: object) -> object:
    """Every printed value loses its bidi controls: a U+202E in a name must not reverse the rest of the page."""
    if isinstance(value, Markup):
        return Markup(strip_bidi(str(value)))  # removing characters cannot open a tag
    if isinstance(value, str):
        return strip_bidi(value)
    return value


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment, built once; autoescape is on for every template."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("netevent.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_without_bidi,
    )
    env.filters.update(
        seconds=format_seconds,
        kind_label=lambda kind: KIND_LABELS.get(kind, kind),
        verdict_label=lambda verdict: VERDICT_LABELS.get(verdict, verdict),
        web_href=web_href,
        tel_href=tel_href,
        mail_href=mail_href,
        dots=temperature_dots,
        money=money,
        links_once=links_once,
        status_label=lambda status: STATUS_LABELS.get(status, status),
    )
    return env


def render_summary(summary: AttendeeSummary, *, vcard_href: str | None = None, phone: PhoneForms | None = None) -> str:
    """The whole page for one attendee; `vcard_href` adds a "Save contacts" link when they have contacts to save,
    `phone` the forms an attendee acts through."""
    pitch_share = 0.0
    if summary.planned_seconds:
        pitch_share = min(1.0, summary.pitch_seconds / summary.planned_seconds)
    contact_count = len(summary.contacts)
    return summary_template().render(
        s=summary,
        pitch_percent=round(pitch_share * 100),
        vcard_href=vcard_href if contact_count else None,
        contact_count=contact_count,
        max_introductions=MAX_INTRODUCTIONS,
        phone=phone,
        notice=Markup(NOTICE) if phone is not None else "",
        give_kinds=GIVE_KINDS,
        statuses=STATUSES,
        max_ask=MAX_ASK,
        max_text=MAX_TEXT,
        max_goal=MAX_GOAL,
    )


@lru_cache(maxsize=1)
def summary_template() -> jinja2.Template:
    """The page template, loaded once: looking it up per page re-checks the file on disk every time."""
    return environment().get_template("summary.html.j2")
