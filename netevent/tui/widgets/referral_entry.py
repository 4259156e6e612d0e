"""The referral quick-entry line: names complete as you type, tab accepts, enter saves, errors sit under the field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from netevent.domain.models import KINDS, Attendee, Kind, Referral
from netevent.domain.names import NameMatchError, complete_name, match_name
from netevent.services.meeting import ReferralInput

# The picker's label and shortcut per kind; the shortcut letters are what the facilitator hears ("a closed one").
KIND_LABELS = {"referral": "referral", "introduction": "intro", "one-to-one": "1-2-1", "closed": "closed"}
KIND_KEYS = {"r": "referral", "i": "introduction", "o": "one-to-one", "c": "closed"}
FIELDS = ("from", "to", "kind", "value", "currency", "when", "contact", "note", "temperature")

People = Callable[[], Sequence[Attendee]]


class NameSuggester(Suggester):
    """Suggests the one attendee whose name starts with what was typed ("oli" → Olivia Grant)."""

    def __init__(self, people: People) -> None:
        super().__init__(use_cache=False)  # walk-ins join mid-meeting, so no stale cache
        self.people = people

    async def get_suggestion(self, value: str) -> str | None:
        name = complete_name(value, self.people())
        # The input draws the suggestion as the rest of what was typed, so only offer true prefixes.
        return name if name and name.casefold().startswith(value.casefold()) else None


# Tab and shift+tab on every field of the entry are priority bindings: the app moves the cursor as the key
# arrives, so keys typed straight after it (faster than the screen redraws) already go to the next field.
MOVE_AT_ONCE = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]


class EntryInput(Input):
    """A text field of the entry line; tab moves on at once (MOVE_AT_ONCE)."""

    BINDINGS = MOVE_AT_ONCE


class NameInput(EntryInput):
    """An attendee name; tab resolves a prefix or typo to the full name before moving on."""

    # The completion itself waits in this input's queue, behind the letters typed before tab.
    BINDINGS = [Binding("tab", "complete", "Complete name", show=False, priority=True)]

    def __init__(self, people: People, **kwargs) -> None:
        super().__init__(suggester=NameSuggester(people), **kwargs)
        self.people = people

    def action_complete(self) -> None:
        self.call_later(self.complete)
        self.screen.focus_next()

    def complete(self) -> None:
        """Replace what was typed by the one attendee it means; leave it alone when unsure."""
        if not self.value.strip():
            return
        try:
            self.value = match_name(self.value, self.people()).shown_name  # a stand-in shows as "Jamie (for Chloe)"
        except NameMatchError:
            return
        self.cursor_position = len(self.value)


class KindPicker(Widget, can_focus=True):
    """Four kinds on one line; r/i/o/c pick one, left/right/space cycle.

    Every key here is a priority binding, acted on as the key arrives, like tab in a name: a facilitator types
    "c", tab, "900" faster than the screen redraws, and by the time that tab is handled the kind must already be
    "closed", so the value field it should move to is shown; the keys after tab must go to that field, not here.
    """

    BINDINGS = [
        *(Binding(key, f"pick('{kind}')", show=False, priority=True) for key, kind in KIND_KEYS.items()),
        Binding("right,space", "cycle(1)", show=False, priority=True),
        Binding("left", "cycle(-1)", show=False, priority=True),
        # Closed business is followed by its value: "c 850" must not lose the 850 (see action_digit).
        *(Binding(digit, f"digit('{digit}')", show=False, priority=True) for digit in "0123456789"),
        *MOVE_AT_ONCE,
    ]

    kind: reactive[str] = reactive(Kind.REFERRAL.value)

    def render(self) -> Text:
        text = Text()
        for key, kind in KIND_KEYS.items():
            label = KIND_LABELS[kind]
            style = "bold reverse" if kind == self.kind else "dim"
            text.append(" ", style=style)
            text.append(label[0] if label[0] == key else f"{key}:", style=style + " underline")
            text.append(label[1:] if label[0] == key else label, style=style)
            text.append(" ", style=style)
            text.append(" ")
        return text

    def action_pick(self, kind: str) -> None:
        self.kind = kind

    def action_cycle(self, step: int) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + step) % len(KINDS)]

    def action_digit(self, digit: str) -> None:
        """A number typed on closed business is its value: move to the value field at once and type it there."""
        if self.kind != Kind.CLOSED.value:
            return
        value = self.screen.query_one("#ref-value", Input)
        self.screen.set_focus(value)  # at once, so the rest of the number, already queued, follows it there

        def start_number() -> None:  # in the field's queue: after its focus event, before the next digits
            value.value, value.cursor_position = digit, 1

        value.call_later(start_number)


class ReferralEntry(Vertical):
    """The entry line; it never writes, it posts `Submitted` and shows the errors it is handed."""

    # Priority, like tab in a name: enter is handled as the key arrives, so a facilitator who types the next
    # referral before this one is saved has those keys land in the cleared giver field (see action_submit).
    BINDINGS = [Binding("enter", "submit", "Save", id="referral-save", show=False, priority=True)]

    @dataclass
    class Submitted(Message):
        entry: ReferralEntry
        raw: ReferralInput

    def __init__(self, people: People, currency: str = "GBP", **kwargs) -> None:
        super().__init__(**kwargs)
        self.people = people
        self.currency = currency
        self._shown_errors: set[str] = set()  # fields with an error on show, so clearing touches only those

    def compose(self) -> ComposeResult:
        with Horizontal(classes="entry-row"):
            yield from self._field("from", "From (giver)", NameInput(self.people, placeholder="name", compact=True))
            yield from self._field("to", "To (receiver)", NameInput(self.people, placeholder="name", compact=True))
        with Horizontal(classes="entry-row"):
            yield from self._field("kind", "Kind", KindPicker())
            yield from self._field("value", "Value", EntryInput(placeholder="e.g. 1200", compact=True))
            yield from self._field(
                "currency", "Cur.", EntryInput(placeholder=self.currency, max_length=3, compact=True)
            )
            yield from self._field("when", "When (optional)", EntryInput(placeholder="2026-12-10 10:30", compact=True))
        with Horizontal(classes="entry-row"):
            yield from self._field("contact", "Contact referred", EntryInput(compact=True))
            yield from self._field("note", "Note", EntryInput(compact=True))
            yield from self._field("temperature", "Temp 1-5", EntryInput(placeholder="3", max_length=2, compact=True))

    @staticmethod
    def _field(name: str, label: str, widget: Widget) -> ComposeResult:
        widget.id = f"ref-{name}"
        with Vertical(id=f"ref-{name}-field", classes="entry-field"):
            yield Label(label, classes="entry-label")
            yield widget
            # markup off: an error quotes what was typed, and "[/b]" in a name is text, not a style
            yield Static("", id=f"ref-{name}-error", classes="field-error entry-error", markup=False)

    def on_mount(self) -> None:
        for name in FIELDS:
            self.query_one(f"#ref-{name}-error", Static).display = False
        # A watch, not a message: it runs as the kind is set, so a tab typed straight after "c" already finds the
        # value field in the focus order (a message would arrive after that tab).
        self.watch(self.query_one(KindPicker), "kind", self._kind_changed)

    # -- reading and filling ----------------------------------------------------------------------------

    def text(self, name: str) -> str:
        return self.query_one(f"#ref-{name}", Input).value

    @property
    def kind(self) -> str:
        return self.query_one(KindPicker).kind

    def fill(self, record: Referral) -> None:
        """Show a stored record for editing."""
        value = None if record.value is None else f"{record.value:g}"
        self.fill_input(
            ReferralInput(
                giver=record.giver,
                receiver=record.receiver,
                kind=record.kind,
                contact=record.contact,
                note=record.note,
                temperature=record.temperature,
                value=value,
                currency=record.currency,
                meet_at=record.meet_at.replace("T", " "),
            )
        )

    def fill_input(self, raw: ReferralInput) -> None:
        """Show a submitted entry again, exactly as it was typed."""
        values = {
            "from": raw.giver,
            "to": raw.receiver,
            "contact": raw.contact,
            "note": raw.note,
            "temperature": "" if raw.temperature is None else str(raw.temperature),
            "value": "" if raw.value is None else str(raw.value),
            "currency": raw.currency,
            "when": raw.meet_at,
        }
        for name, value in values.items():
            self.query_one(f"#ref-{name}", Input).value = value
        self.query_one(KindPicker).kind = raw.kind

    @property
    def is_blank(self) -> bool:
        return not any(self.text(name) for name in TEXT_FIELDS) and self.kind == Kind.REFERRAL.value

    def rejected(self, raw: ReferralInput, field: str, message: str) -> None:
        """A submitted entry was not saved: put it back with the error at the field at fault. If the next
        entry is already being typed, leave that alone and say which entry failed instead."""
        # Looked at from the giver's queue, behind any keys already typed into it for the next entry.
        self.query_one("#ref-from", Input).call_later(self._restore_or_report, raw, field, message)

    def _restore_or_report(self, raw: ReferralInput, field: str, message: str) -> None:
        if not self.is_blank:
            self.app.notify(
                f"Not saved: {raw.giver or '?'} → {raw.receiver or '?'}: {message}",
                title="Referral not recorded",
                severity="error",
                timeout=20,
                markup=False,
            )
            return
        self.fill_input(raw)
        self.show_error(field, message)

    def focus_giver(self) -> None:
        self.query_one("#ref-from", Input).focus()

    # -- errors -----------------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for name in self._shown_errors:
            self.query_one(f"#ref-{name}-error", Static).display = False
            self.query_one(f"#ref-{name}-field").remove_class("-invalid")
        self._shown_errors.clear()

    def show_error(self, field: str, message: str) -> None:
        """A red line under the field at fault, and the cursor on it, keeping everything typed."""
        if field not in FIELDS:
            field = "from"
        error = self.query_one(f"#ref-{field}-error", Static)
        error.update(message)
        error.display = True
        self._shown_errors.add(field)
        self.query_one(f"#ref-{field}-field").add_class("-invalid")
        widget = self.query_one(f"#ref-{field}")
        widget.focus()
        if isinstance(widget, Input):  # the field may already have focus, so no focus event would select it
            widget.select_all()  # the next keys replace what was refused, not prefix it ("Xzzz")

    # -- events -----------------------------------------------------------------------------------------

    def _kind_changed(self, kind: str) -> None:
        self._show_value(kind == Kind.CLOSED.value)
        self.query_one("#ref-when-field").display = kind == Kind.ONE_TO_ONE.value

    def _show_value(self, shown: bool) -> None:
        self.query_one("#ref-value-field").display = shown
        self.query_one("#ref-currency-field").display = shown

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # enter is the entry's own priority binding; nothing else submits

    def action_submit(self) -> None:
        """Take the entry as one unit, in step with the keys typed before enter.

        This runs as enter arrives, when keys typed before it may still wait in the fields' own queues. So each
        text field is read and cleared from its own queue, behind those keys, and the entry goes to the screen
        once all are read; meanwhile the cursor is already back on the giver, so keys typed after enter start the
        next entry instead of running into this one. The kind is read at once: its keys act as they arrive too.
        """
        self.clear_errors()
        values: dict[str, str] = {}
        fields = {name: self.query_one(f"#ref-{name}", Input) for name in TEXT_FIELDS}
        picker = self.query_one(KindPicker)
        kind, picker.kind = picker.kind, Kind.REFERRAL.value

        def take_text(name: str, field: Input) -> None:
            values[name], field.value = field.value, ""
            if len(values) == len(fields):
                self.post_message(self.Submitted(self, _as_input(values, kind)))

        for name, field in fields.items():
            field.call_later(take_text, name, field)
        self.screen.set_focus(fields["from"])  # at once: Widget.focus() would wait behind the queued keys


TEXT_FIELDS = ("from", "to", "contact", "note", "temperature", "value", "currency", "when")


def _as_input(values: dict[str, str], kind: str) -> ReferralInput:
    closed = kind == Kind.CLOSED.value
    return ReferralInput(
        giver=values["from"],
        receiver=values["to"],
        kind=kind,
        contact=values["contact"],
        note=values["note"],
        temperature=values["temperature"],
        value=values["value"] if closed else None,
        currency=values["currency"] if closed else "",
        meet_at=values["when"] if kind == Kind.ONE_TO_ONE.value else "",
    )
