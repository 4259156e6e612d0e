"""The chapter's history as `netevent history` prints it: a Rich table with sparklines, CSV and Markdown.

The JSON shape is the History's own `to_dict` (DESIGN §4); HTML is export/history_report.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from netevent.domain.history import History, MemberRow
from netevent.domain.text import printable
from netevent.render.tally_table import money

BLOCKS = "▁▂▃▄▅▆▇█"
TREND_MEETINGS = 12  # the sparkline shows the latest meetings; the table's figures cover all shown
LIGHT_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red", "grey": "dim"}
MEMBER_COLUMNS = ("name", "light", "rostered", "attended", "absent_streak", "given", "received", "closed_value",
                  "value_given", "visitors_invited", "goals_set", "goals_met", "asks_specific", "return_per_hour",
                  "light_reason")  # fmt: skip


def sparkline(values: Sequence[float]) -> str:
    """One Unicode block per value, scaled to the largest: a trend at a glance in a table cell."""
    top = max(values, default=0)
    if not top:
        return BLOCKS[0] * len(values)
    return "".join(BLOCKS[min(len(BLOCKS) - 1, round(v / top * (len(BLOCKS) - 1)))] for v in values)


def _clean(text: str) -> str:
    return " ".join(printable(text).split())


def history_json(history: History) -> str:
    return json.dumps(history.to_dict(), ensure_ascii=False, indent=1)


def meetings_table(history: History, currency: str) -> Table:
    table = Table(title="Meetings", title_style="bold", header_style="bold", row_styles=["", "dim"])
    for heading in ("Date", "Present", "Records", "Gave", "Top giver", "Closed"):
        table.add_column(heading, justify="left" if heading == "Date" else "right")
    for m in history.meetings:
        closed = money(m.closed_value, currency) if m.closed_value else ""
        table.add_row(m.date or "undated", str(m.present), str(m.records), str(m.givers),
                      f"{m.top_giver_share * 100:.0f}%", closed)
    return table


def members_table(history: History, currency: str) -> Table:
    """One row per member; the reasons for the colours are listed under it (`light_reasons`), so the figures
    keep their width in an 80-column terminal."""
    table = Table(title="Members", title_style="bold", header_style="bold", row_styles=["", "dim"], box=box.SIMPLE,
                  pad_edge=False, collapse_padding=True)  # fmt: skip
    table.add_column("Member", min_width=12)
    for heading in ("Light", "Came", "Away", "Gave", "Trend", "Got", "Closed", "Brought", "Vis.", "Goals"):
        table.add_column(heading, justify="left" if heading in ("Light", "Trend") else "right", no_wrap=True)
    for row in history.members:
        table.add_row(
            _clean(row.name),
            Text(row.light, style=LIGHT_STYLE.get(row.light, "")),
            f"{row.attended}/{row.rostered}",
            str(row.absent_streak) if row.absent_streak else "",
            str(row.given),
            sparkline(row.given_trend[-TREND_MEETINGS:]),
            str(row.received),
            money(row.closed_value, currency) if row.closed_value else "",
            money(row.value_given, currency) if row.value_given else "",
            str(row.visitors_invited) if row.visitors_invited else "",
            f"{row.goals_met}/{row.goals_set}" if row.goals_set else "",
        )
    return table


def light_reasons(history: History) -> list[Text]:
    return [
        Text.assemble((f"{_clean(row.name)} ", "bold"), (row.light, LIGHT_STYLE.get(row.light, "")), ": ",
                      _clean(row.light_reason))
        for row in history.members
        if row.light_reason
    ]


def history_tables(history: History, currency: str = "GBP") -> Group:
    trend = sparkline([m.records for m in history.meetings])
    lines: list[Text | Table] = [
        Text(f"{_clean(history.chapter)}: {len(history.meetings)} meetings   records per meeting {trend}", "bold"),
        meetings_table(history, currency),
        members_table(history, currency),
        *light_reasons(history),
    ]
    lines += [Text(f"skipped {_clean(store)}: {_clean(problem)}", style="yellow") for store, problem in history.skipped]
    return Group(*lines)


def _member_cells(row: MemberRow) -> list[object]:
    data = row.to_dict()
    return [data[key] if data[key] is not None else "" for key in MEMBER_COLUMNS]


def history_csv(history: History) -> str:
    """One row per member (the table people paste into a spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MEMBER_COLUMNS)
    for row in history.members:
        writer.writerow(_member_cells(row))
    return out.getvalue()


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def history_markdown(history: History, currency: str = "GBP") -> str:
    lines = [f"# {_md(history.chapter)} — history", "", "| Date | Present | Records | Gave | Top giver | Closed |",
             "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for m in history.meetings:
        closed = money(m.closed_value, currency) if m.closed_value else ""
        lines.append(f"| {m.date or 'undated'} | {m.present} | {m.records} | {m.givers} | "
                     f"{m.top_giver_share * 100:.0f}% | {closed} |")
    lines += ["", "| Member | Light | Came | Gave | Received | Closed | Brought others | Visitors | Goals | Why |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]  # fmt: skip
    for row in history.members:
        lines.append(
            f"| {_md(row.name)} | {row.light} | {row.attended}/{row.rostered} | {row.given} | {row.received} | "
            f"{money(row.closed_value, currency) if row.closed_value else ''} | "
            f"{money(row.value_given, currency) if row.value_given else ''} | {row.visitors_invited} | "
            f"{row.goals_met}/{row.goals_set} | {_md(row.light_reason)} |"
        )
    for store, problem in history.skipped:
        lines += ["", f"Skipped {_md(store)}: {_md(problem)}"]
    return "\n".join(lines) + "\n"
