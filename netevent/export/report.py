"""report.md and report.html: the tally, pitch timings, ask reviews and suggested introductions, for filing."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2

from netevent import __version__
from netevent.domain.figures import pitch_figures
from netevent.domain.history import History
from netevent.domain.models import ATTENDANCES, Kind
from netevent.export.files import replace_file
from netevent.export.history_report import history_context
from netevent.export.snapshot import Snapshot

KIND_TITLES = {
    Kind.REFERRAL.value: "Referrals",
    Kind.INTRODUCTION.value: "Introductions",
    Kind.ONE_TO_ONE.value: "One-to-ones",
    Kind.CLOSED.value: "Closed business",
}
# Characters Markdown would read as markup; a backslash makes each one literal (CommonMark §2.4).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def md(value: Any) -> str:
    """Text safe inside a Markdown table cell: markup characters escaped, line breaks kept as <br>."""
    return _md_text("" if value is None else str(value))


@lru_cache(maxsize=8192)  # names, contacts and notes recur across thousands of rows
def _md_text(text: str) -> str:
    lines = [_MD_SPECIAL.sub(r"\\\1", line) for line in text.replace("\r\n", "\n").split("\n")]
    return "<br>".join(lines)


def seconds(value: float | int | None) -> str:
    """m:ss, as the countdown shows it."""
    whole = round(value or 0)
    return f"{'-' if whole < 0 else ''}{abs(whole) // 60}:{abs(whole) % 60:02d}"


def money(value: float | None, currency: str = "") -> str:
    if not value:
        return ""
    amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{amount} {currency}".strip()


def report_context(snap: Snapshot) -> dict[str, Any]:
    """Everything both report templates show, computed once."""
    tally = snap.tally
    attendance = Counter(a.attendance for a in snap.attendees)
    reviews = [(person, snap.reviews[person.name]) for person in snap.attendees if person.name in snap.reviews]
    return {
        "event": snap.event,
        "generated": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
        "version": __version__,
        "attendance": [(state, attendance[state]) for state in ATTENDANCES if attendance[state]],
        "tally": tally,
        "ranked": sorted(tally.attendees, key=lambda t: (-t.given, -t.received, t.name.casefold())),
        "kind_titles": KIND_TITLES,
        "timings": pitch_figures(snap.pitches),
        "reviews": reviews,
        "verdicts": Counter(review.verdict for _, review in reviews),
        "suggestions": snap.suggestions,
        "records": sorted(snap.referrals, key=lambda r: (r.created_at, r.id or 0)),
        "currency": snap.event.currency,
        "history": None,
    } | (history_context(snap.history, snap.event.currency) if snap.history else {})


@cache
def environment() -> jinja2.Environment:
    """Templates ending in .html.j2 are autoescaped; the Markdown one escapes through the `md` filter instead."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("netevent.export", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # money is a filter, not a global: a filter is a plain call, a global goes through Jinja's context per row
    env.filters.update(md=md, seconds=seconds, money=money, pct=lambda share: f"{share * 100:.0f}%")
    return env


def render_report(snap: Snapshot, kind: str) -> str:
    """The report as "md" or "html" text."""
    return environment().get_template(f"report.{kind}.j2").render(report_context(snap))


def write_report_md(snap: Snapshot, folder: Path) -> Path:
    path = folder / "report.md"
    return replace_file(path, render_report(snap, "md"))


def write_report_html(snap: Snapshot, folder: Path) -> Path:
    path = folder / "report.html"
    return replace_file(path, render_report(snap, "html"))


def history_html(history: History, currency: str = "GBP") -> str:
    """history.html for `netevent history --format html`: the report's history section as a page of its own."""
    return environment().get_template("history.html.j2").render(history_context(history, currency))
