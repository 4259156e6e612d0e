"""The tally in the four shapes `netevent tally` prints: a Rich table to read aloud, CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from netevent.domain.models import KINDS
from netevent.domain.tally import AttendeeTally, Tally
from netevent.domain.text import printable

KIND_HEADINGS = {"referral": "Referrals", "introduction": "Intros", "one-to-one": "1-2-1s", "closed": "Closed"}
KIND_WORDS = {  # singular and plural, for the headline read out to the room
    "referral": ("referral", "referrals"),
    "introduction": ("intro", "intros"),
    "one-to-one": ("1-2-1", "1-2-1s"),
    "closed": ("closed", "closed"),
}
VERDICT_STYLE = {"specific": "bold green", "needs-work": "yellow", "vague": "bold red"}


def _ranked(tally: Tally) -> list[AttendeeTally]:
    """Most generous first: the tally is read out to thank givers."""
    return sorted(tally.attendees, key=lambda a: (-a.given, -a.received, a.name.casefold()))


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 record", "3 records": the headline is read aloud."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def money(value: float, currency: str) -> str:
    symbol = {"GBP": "£", "USD": "$", "EUR": "€", "AUD": "A$"}.get(currency.upper())
    amount = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}".strip()


def minutes(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


LEGEND = "Each kind column is given/received: 2/1 means gave 2, received 1."
COMPACT_LEGEND = "Gave and Recv count every kind: referrals, intros, 1-2-1s, closed business."


def _table(tally: Tally, title: str, currency: str, *, compact: bool) -> Table:
    """The full table, or for 80 columns (an old projector, a default terminal) a compact one: names whole,
    the per-kind given/received split and the overtime left out."""
    table = Table(title=title, title_style="bold", header_style="bold", expand=False, row_styles=["", "dim"],
                  padding=(0, 1))  # fmt: skip
    table.add_column("Attendee", style="bold", no_wrap=True)
    table.add_column("Gave", justify="right", min_width=4)
    table.add_column("Recv" if compact else "Received", justify="right", min_width=4)
    kinds = () if compact else KINDS
    for kind in kinds:
        table.add_column(KIND_HEADINGS[kind], justify="right")
    table.add_column("Closed" if compact else "Closed value", justify="right", no_wrap=True)
    table.add_column("Pitch", justify="right", no_wrap=True)
    table.add_column("Ask", no_wrap=True)
    for row in _ranked(tally):
        over = f" (+{round(row.overtime_seconds)}s)" if row.overtime_seconds >= 1 and not compact else ""
        table.add_row(
            printable(row.shown),
            str(row.given),
            str(row.received),
            *(f"{row.given_by_kind[k]}/{row.received_by_kind[k]}" for k in kinds),
            money(row.closed_value, currency) if row.closed_value else "–",
            minutes(row.pitch_seconds) + over,
            Text(row.ask_verdict or "–", style=VERDICT_STYLE.get(row.ask_verdict or "", "")),
        )
    return table


class TallyView:
    """The tally as printed and shown: the full table when it fits the width, else a compact one, with a legend
    and the room's headline. Rich asks for it at its width (the terminal, or the screen's panel)."""

    def __init__(self, tally: Tally, title: str, currency: str) -> None:
        self.tally, self.title, self.currency = tally, printable(title), currency

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        full = _table(self.tally, self.title, self.currency, compact=False)
        natural = console.measure(full, options=options.update_width(10_000)).maximum  # rich clamps to the width
        fits = natural <= options.max_width
        table = full if fits else _table(self.tally, self.title, self.currency, compact=True)
        legend = Text(LEGEND if fits else COMPACT_LEGEND, style="dim")
        yield Group(table, legend, room_headline(self.tally, currency=self.currency))


def tally_table(tally: Tally, *, title: str = "Referral tally", currency: str = "GBP") -> TallyView:
    """A table worth reading aloud, and the room's headline underneath; titles and names come from files, so
    they are made printable (no terminal escapes reach the screen)."""
    return TallyView(tally, title, currency)


def room_headline(tally: Tally, *, currency: str = "GBP") -> Text:
    room = tally.room
    text = Text()
    text.append(counted(room.records, "record"), style="bold")
    text.append(" — " + ", ".join(counted(room.by_kind[k], *KIND_WORDS[k]) for k in KINDS))
    text.append(f"\n{room.givers} of {room.present} attendees gave something")
    top = tally.top_giver
    if top:
        text.append(f"; top giver {printable(top.shown)} gave {room.top_giver_share:.0%} of everything")
    if room.facilitated:
        text.append(f"\n{counted(room.facilitated, 'introduction')} made by the facilitator (nobody's giving)")
    if room.closed_value:
        text.append(f"\nBusiness closed in the room: {money(room.closed_value, currency)}", style="bold green")
    if room.reciprocal_pairs:
        text.append("\nGave to each other: " + "; ".join(" & ".join(p) for p in room.reciprocal_pairs))
    if room.received_none:
        text.append("\nNothing received yet: " + ", ".join(room.received_none), style="bold yellow")
    return text


def tally_json(tally: Tally) -> str:
    return json.dumps(tally.to_dict(), ensure_ascii=False, indent=2)


CSV_COLUMNS = ["name", "given", "received"] + [f"given_{k}" for k in KINDS] + [f"received_{k}" for k in KINDS]
CSV_COLUMNS += ["closed_value", "pitch_seconds", "overtime_seconds", "ask_verdict"]


def tally_csv(tally: Tally) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _ranked(tally):
        data = row.to_dict()
        writer.writerow(
            [row.name, row.given, row.received]
            + [row.given_by_kind[k] for k in KINDS]
            + [row.received_by_kind[k] for k in KINDS]
            + [data["closed_value"], data["pitch_seconds"], data["overtime_seconds"], row.ask_verdict or ""]
        )
    return out.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def tally_markdown(tally: Tally, *, title: str = "Referral tally", currency: str = "GBP") -> str:
    lines = [f"# {_md_cell(title)}", ""]
    head = ["Attendee", "Gave", "Received", *KIND_HEADINGS.values(), "Closed value", "Pitch", "Ask"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 2) + ["---"]) + "|")
    for row in _ranked(tally):
        cells = [
            _md_cell(row.shown),
            str(row.given),
            str(row.received),
            *(f"{row.given_by_kind[k]}/{row.received_by_kind[k]}" for k in KINDS),
            money(row.closed_value, currency) if row.closed_value else "–",
            minutes(row.pitch_seconds),
            row.ask_verdict or "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", room_headline(tally, currency=currency).plain.replace("\n", "  \n"), ""]
    return "\n".join(lines)
