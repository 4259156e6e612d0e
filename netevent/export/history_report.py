"""What history.html and report.html's history section show: the chapter's meetings and members, with charts.

The charts are inline SVG worked out here (no JavaScript), so the page prints and opens offline like the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netevent.domain.history import History

WIDTH, HEIGHT, PAD = 600, 120, 6


@dataclass(frozen=True, slots=True)
class Chart:
    """One series drawn in a WIDTH × HEIGHT box: a polyline's points and a dot per meeting with its label."""

    title: str
    points: str
    dots: list[tuple[float, float, str]]
    top: float  # the value at the top of the box, printed as its scale


def chart(title: str, values: Sequence[float], labels: Sequence[str]) -> Chart:
    top = max(values, default=0) or 1
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    spots = [
        (round(PAD + i * step, 1), round(HEIGHT - PAD - (value / top) * (HEIGHT - 2 * PAD), 1), f"{label}: {value:g}")
        for i, (value, label) in enumerate(zip(values, labels, strict=True))
    ]
    return Chart(title, " ".join(f"{x},{y}" for x, y, _ in spots), spots, top)


def history_charts(history: History) -> list[Chart]:
    meetings = history.meetings
    labels = [m.date or m.store for m in meetings]
    gave = [round(100 * m.givers / m.present) if m.present else 0 for m in meetings]
    return [
        chart("Records per meeting", [m.records for m in meetings], labels),
        chart("Present", [m.present for m in meetings], labels),
        chart("Share of attendees who gave (%)", gave, labels),
    ]


def history_context(history: History, currency: str) -> dict[str, object]:
    charts = history_charts(history)
    return {"history": history, "charts": charts, "currency": currency, "width": WIDTH, "height": HEIGHT}

