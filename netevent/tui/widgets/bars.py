"""Given/received bars and the room's prompts, drawn as Rich text so the live tally and the Tally screen agree."""

from __future__ import annotations

from rich.text import Text

from netevent.domain.tally import AttendeeTally, Tally
from netevent.render.tally_table import money

GIVEN_STYLE = "bold green"
RECEIVED_STYLE = "bold cyan"


def _bar(count: int, top: int, width: int) -> str:
    """A bar scaled to the busiest attendee; any record shows at least one block."""
    if not count or not top:
        return ""
    return "█" * max(1, round(count / top * width))


def _fit(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def bars_text(rows: list[AttendeeTally], *, name_width: int = 16, bar_width: int = 10) -> Text:
    """One line per attendee: what they gave (green) and what they received (cyan)."""
    top = max((max(r.given, r.received) for r in rows), default=0)
    text = Text()
    text.append(f"{'':<{name_width}} ", style="dim")
    text.append(f"{'gave':<{bar_width + 4}}", style=GIVEN_STYLE)
    text.append("received", style=RECEIVED_STYLE)
    for row in rows:
        text.append("\n")
        text.append(f"{_fit(row.shown, name_width):<{name_width}} ", style="dim strike" if row.absent else "")
        given = _bar(row.given, top, bar_width)
        text.append(given, style=GIVEN_STYLE)
        text.append(
            f"{row.given if row.given else '·':>{bar_width + 3 - len(given)}} ", style="" if row.given else "dim"
        )
        received = _bar(row.received, top, bar_width)
        text.append(received, style=RECEIVED_STYLE)
        text.append(f" {row.received}" if row.received else " ·", style="" if row.received else "dim")
    return text


def room_prompts(tally: Tally, currency: str = "GBP") -> Text:
    """The facts the facilitator reads out, ending with who still needs help."""
    room = tally.room
    present = [a for a in tally.attendees if not a.absent]
    text = Text()
    text.append(f"{room.records} records", style="bold")
    if room.closed_value:
        text.append(f" · {money(room.closed_value, currency)} closed", style="bold green")
    text.append(f"\nGave something: {room.givers} of {len(present)}")
    top = tally.top_giver
    if top:
        text.append(f"\nTop giver: {top.shown} ({room.top_giver_share:.0%} of all records)")
    if room.reciprocal_pairs:
        text.append("\nGave to each other: " + "; ".join(" & ".join(p) for p in room.reciprocal_pairs))
    if room.received_none:
        text.append("\nNothing received yet: ", style="bold yellow")
        text.append(", ".join(room.received_none), style="yellow")
        first = room.received_none[0].split()[0]
        text.append(f"\nAsk the room: who can help {first}?", style="bold")
    else:
        text.append("\nEveryone here has received something.", style="bold green")
    return text
