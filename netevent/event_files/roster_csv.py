"""Roster CSVs (DESIGN §3): generic headers and booking-site exports, whatever their encoding and delimiter.

Rows are counted like a spreadsheet counts them (the header is row 1), so "row 4" is where Excel shows it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from netevent.domain.models import ROLES, Attendance, Attendee, Event, Role
from netevent.domain.text import clean_name, control_in_name, printable
from netevent.event_files.load import Problem, binary_problem, one_of, suggest

DELIMITERS = ",;\t|"
ROW_OF_DELIMITERS = 4  # a value holding this many delimiters (and at least a row's worth) swallowed a row

# Header spellings (lower case, letters and digits only) for each attendee field.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "attendeename", "contactname", "membername", "yourname", "participant"),
    "first_name": ("firstname", "forename", "givenname", "first", "attendeefirstname"),
    "last_name": ("lastname", "surname", "familyname", "last", "attendeelastname"),
    "business": ("business", "businessname", "company", "companyname", "organisation", "organization", "employer"),
    "profession": ("profession", "jobtitle", "title", "occupation", "position", "classification", "category"),
    "email": ("email", "emailaddress", "mail", "attendeeemail"),
    "phone": ("phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "cellphone", "telephone", "tel"),
    "website": ("website", "web", "url", "site", "homepage", "companywebsite"),
    "ask": ("ask", "myask", "weeklyask", "lookingfor", "whatiwant"),
    "offer": ("offer", "offers", "ioffer", "whatioffer", "services"),
    "role": ("role", "memberrole", "membershiptype", "membertype"),
    "ticket": ("tickettype", "ticket", "tickettypename", "ticketclass", "admissiontype", "registrationtype"),
    "status": ("attendeestatus", "orderstatus", "status", "attendancestatus"),
    "rsvp": ("rsvp", "rsvpresponse", "response", "going"),
    "sphere": ("sphere", "spheres", "contactsphere", "powerteam"),
    "share_contact": ("sharecontact", "sharecontactdetails", "sharedetails"),
}
HEADER_FIELD = {alias: field for field, aliases in FIELD_ALIASES.items() for alias in aliases}
NAME_FIELDS = ("name", "first_name", "last_name")

_ROLE_WORDS = {"guest": Role.VISITOR.value, "sub": Role.SUBSTITUTE.value, "standin": Role.SUBSTITUTE.value}
_ABSENT = re.compile(r"not attending|not going|cancel|refund|declin|no.?show|deleted|absent", re.IGNORECASE)
_RSVP_NO = {"no", "n", "not going", "declined", "false", "0"}
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"}


def header_key(header: str) -> str:
    """A header reduced to letters and digits, so "E-mail", "email_address" and "Email Address" all match."""
    return re.sub(r"[\W_]+", "", header.casefold())


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 (what Excel writes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; latin-1 maps every byte
        return data.decode("latin-1")


def looks_like_junk(text: str) -> bool:
    """True when too many characters are control codes or replacement marks for this to be a text table."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\r\n"))
    return bad > max(2, len(sample) // 100)


class UnreadableCSV(ValueError):
    """The csv module gave up at a line (a value over its 128 KB limit, a stray NUL …): a located problem."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class Rows(list[list[str]]):
    """Parsed rows, with the delimiter used and the file lines each row spans (first, last; 1-based)."""

    def __init__(self, delimiter: str) -> None:
        super().__init__()
        self.delimiter = delimiter
        self.spans: list[tuple[int, int]] = []


def _rows(text: str, delimiter: str, quotechar: str, *, strict: bool = False) -> Rows:
    """Parsed rows; a parse error gives no rows when guessing the layout (`strict` False), else UnreadableCSV."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar=quotechar, skipinitialspace=True)
    rows = Rows(delimiter)
    try:
        for row in reader:
            first = rows.spans[-1][1] + 1 if rows.spans else 1
            rows.append([cell.strip() for cell in row])
            rows.spans.append((first, reader.line_num))
    except csv.Error as exc:
        if not strict:
            return Rows(delimiter)
        if "field limit" in str(exc):
            limit = csv.field_size_limit() // 1024
            raise UnreadableCSV(
                reader.line_num,
                f"a value here runs over {limit} KB, more than any roster or slip holds: a quote is probably "
                'never closed (remove the stray ") or a whole document was pasted into one cell',
            ) from None
        message = f"the CSV cannot be read from here ({exc}); save it again as CSV"
        raise UnreadableCSV(reader.line_num, message) from None
    return rows


# A layout to recognise: header spelling → field, and the fields that make a header row (a name column).
Layout = tuple[dict[str, str], tuple[str, ...]]
ROSTER: Layout = (HEADER_FIELD, NAME_FIELDS)


def _header_index(rows: list[list[str]], layout: Layout = ROSTER) -> int:
    """The header row: the first of the top rows that names a name column (exports may start with a title line)."""
    names, key_fields = layout
    for index, row in enumerate(rows[:10]):
        if any(names.get(header_key(cell)) in key_fields for cell in row):
            return index
    return next((index for index, row in enumerate(rows) if any(row)), 0)


def _score(rows: list[list[str]], layout: Layout = ROSTER) -> tuple[int, int, float, int]:
    """How well a parse fits a layout: its key columns, recognised headers, rows as wide as the header, width."""
    if not rows:
        return (0, 0, 0.0, 0)
    names, key_fields = layout
    start = _header_index(rows, layout)
    header = rows[start]
    fields = {names.get(header_key(cell)) for cell in header} - {None}
    body = [row for row in rows[start + 1 : start + 51] if any(row)]
    even = sum(1 for row in body if len(row) == len(header)) / len(body) if body else 1.0
    return (len(fields & set(key_fields)), len(fields), even, len(header))


def split_rows(text: str, layout: Layout = ROSTER) -> Rows:
    """Rows parsed with the detected delimiter and quote: csv.Sniffer's guess, checked against the alternatives.

    The headers of `layout` decide between candidates first, so a ragged row or a long note (which throw the
    sniffer off) cannot make a one-column reading win. Raises UnreadableCSV where the csv module gives up.
    """
    sample = text[:65536]
    candidates: list[tuple[str, str]] = []
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
        candidates += [(sniffed.delimiter, '"'), (sniffed.delimiter, sniffed.quotechar or '"')]
    except csv.Error:
        pass
    candidates += [(delimiter, '"') for delimiter in DELIMITERS]
    best = max(dict.fromkeys(candidates), key=lambda c: _score(_rows(sample, *c), layout))
    return _rows(text, *best, strict=True)


def role_from_ticket(ticket: str) -> str:
    """A booking-site ticket type as a role: visitor/guest tickets, substitute/stand-in tickets, else member."""
    text = ticket.casefold()
    if "visitor" in text or "guest" in text:
        return Role.VISITOR.value
    if "substitute" in text or re.search(r"\bsub\b|stand.?in", text):
        return Role.SUBSTITUTE.value
    return Role.MEMBER.value


class _RosterReader:
    """Turns parsed rows into attendees, collecting each row's problems with its row number and column."""

    def __init__(self, shown: str, header: list[str], header_row: int) -> None:
        self.shown = shown
        self.header = header
        self.header_row = header_row
        self.problems: list[Problem] = []
        self.columns: dict[str, list[int]] = {}
        for index, cell in enumerate(header):
            field = HEADER_FIELD.get(header_key(cell))
            if field:
                self.columns.setdefault(field, []).append(index)

    def add(self, row: int, column: str | int | None, message: str, field: str | None = None) -> None:
        self.problems.append(Problem(self.shown, row, message, column=column, field=field))

    def column_name(self, field: str) -> str:
        return self.header[self.columns[field][0]]

    def get(self, row: list[str], field: str, *, raw: bool = False) -> str:
        """The first non-empty cell among the columns that hold `field`, without terminal escapes unless `raw`."""
        for index in self.columns.get(field, ()):
            if index < len(row) and row[index]:
                return row[index] if raw else printable(row[index]).strip()
        return ""

    def has_name_column(self) -> bool:
        if any(field in self.columns for field in NAME_FIELDS):
            return True
        found = ", ".join(f'"{cell}"' for cell in self.header if cell) or "none"
        self.add(
            self.header_row,
            None,
            f'no name column: the headers found are {found}; add a "Name" column, or "First Name" and "Last Name" '
            '(also accepted: "Full Name", "Attendee Name", "Forename"/"Surname")',
            "name",
        )
        return False

    def name(self, row: list[str]) -> str:
        full = self.get(row, "name", raw=True)
        if full:
            return " ".join(full.split())
        parts = (self.get(row, "first_name", raw=True), self.get(row, "last_name", raw=True))
        return " ".join(" ".join(part for part in parts).split())

    def name_column(self) -> str:
        for field in NAME_FIELDS:
            if field in self.columns:
                return self.column_name(field)
        return "Name"

    def role(self, row: list[str], number: int) -> str:
        raw = self.get(row, "role")
        if raw:
            word = header_key(raw)
            if raw.casefold() in ROLES:
                return raw.casefold()
            if word in _ROLE_WORDS:
                return _ROLE_WORDS[word]
            tip = suggest(raw, ROLES) or f"; use {one_of(ROLES)}"
            self.add(number, self.column_name("role"), f"unknown role '{raw}'{tip}", "role")
            return Role.MEMBER.value
        return role_from_ticket(self.get(row, "ticket"))

    def attendance(self, row: list[str]) -> str:
        statuses = [row[i] for i in self.columns.get("status", ()) if i < len(row)]
        rsvp = self.get(row, "rsvp").casefold()
        if any(_ABSENT.search(status) for status in statuses) or rsvp in _RSVP_NO:
            return Attendance.ABSENT.value
        return Attendance.EXPECTED.value

    def share(self, row: list[str], number: int) -> bool:
        raw = self.get(row, "share_contact").casefold()
        if raw in _YES or raw in _NO:
            return raw in _YES or raw == ""
        self.add(number, self.column_name("share_contact"), f"share_contact '{raw}': write yes or no", "share_contact")
        return True

    def swallowed(self, row: list[str], number: int, last: bool, lines: list[str], delimiter: str) -> bool:
        """A value that took in lines shaped like rows, or a row's worth of delimiters: a stray quote merged rows.

        A quoted value may hold line breaks (an address, a two-line ask); but when a file line the row took in
        has as many delimiters as a row, it was a row of its own that the quote swallowed. `lines` are the file
        lines this row spans.
        """
        width = len(self.header) - 1
        taken = [line for line in lines[1:] if line.strip()]
        rowlike = width > 0 and any(line.count(delimiter) >= width for line in taken)
        # Cells are stripped, so a swallowed line at a value's edge leaves no line break in it: blame the value
        # that holds a taken line's text, or the row's last value.
        spans = [i for i, cell in enumerate(row) if any(line.strip() in cell for line in taken if line.strip())]
        culprit = spans[0] if spans else len(row) - 1
        for index, cell in enumerate(row):
            column: str | int = self.header[index] if index < len(self.header) and self.header[index] else index + 1
            if rowlike and index == culprit:
                closed = "is never closed" if last else "is closed only further down"
                self.add(
                    number,
                    column,
                    f"an opening quote {closed}; {len(taken)} {'rows' if len(taken) != 1 else 'row'} after it "
                    f"{'were' if len(taken) != 1 else 'was'} read as one value: "
                    'remove the stray " or close it on this row',
                )
                return True
            if cell.count(delimiter) >= max(ROW_OF_DELIMITERS, width):
                self.add(
                    number,
                    column,
                    "this value holds a whole row's worth of delimiters, so a quote probably swallowed rows: "
                    'remove the stray " or put quotes around each value on its own',
                )
                return True
        return False

    def attendee(self, row: list[str], number: int) -> Attendee | None:
        if len(row) > len(self.header) and any(row[len(self.header) :]):
            self.add(
                number,
                len(self.header) + 1,
                f"this row has {len(row)} values but the header has {len(self.header)} columns: a value probably "
                "contains the delimiter; put that value in double quotes",
            )
        name = self.name(row)
        bad = control_in_name(name)  # line breaks and tabs were folded into spaces by name()
        if bad:
            self.add(number, self.name_column(), f"the name holds {bad}: remove it", "name")
            return None
        name = clean_name(name)
        if not name:
            self.add(number, self.name_column(), "no name on this row: fill in the name or delete the row", "name")
            return None
        profession = self.get(row, "profession")
        if header_key(profession) in _HONORIFICS:  # a "Title" column holding Mr/Ms rather than a job title
            profession = ""
        sphere = [part.strip() for part in re.split(r"[;|]", self.get(row, "sphere")) if part.strip()]
        return Attendee(
            name=name,
            business=self.get(row, "business"),
            profession=profession,
            role=self.role(row, number),
            email=self.get(row, "email"),
            phone=self.get(row, "phone"),
            website=self.get(row, "website"),
            ask=self.get(row, "ask"),
            offer=self.get(row, "offer"),
            sphere=sphere,
            share_contact=self.share(row, number),
            attendance=self.attendance(row),
        )


def parse_csv(data: bytes, shown: str, title: str) -> tuple[Event | None, list[Problem]]:
    """Check a roster CSV's bytes: the Event titled `title` (None when unusable) and every problem, by row."""
    bad = binary_problem(data, shown)
    if bad:
        return None, [bad]
    text = decode(data)
    if looks_like_junk(text):
        return None, [Problem(shown, None, "this does not look like a text roster (binary junk): export it as CSV")]
    try:
        rows = split_rows(text)
    except UnreadableCSV as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    if not any(any(row) for row in rows):
        return None, [Problem(shown, None, "the file is empty; put a header row (Name, Email, …) and one row a person")]
    start = _header_index(rows)
    reader = _RosterReader(shown, rows[start], start + 1)
    if not reader.has_name_column():
        return None, reader.problems
    event = Event(title=title)
    seen: dict[str, tuple[str, int]] = {}
    last = max((number for number, row in enumerate(rows, start=1) if any(row)), default=0)
    physical = text.split("\n")  # the lines csv counts (it reads the text line by line at "\n")
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        first, final = rows.spans[offset - 1]
        spanned = physical[first - 1 : final]
        if not any(row) or reader.swallowed(row, offset, offset == last, spanned, rows.delimiter):
            continue
        person = reader.attendee(row, offset)
        if person is None:
            continue
        if person.key in seen:
            first_name, first_row = seen[person.key]
            reader.add(
                offset,
                reader.name_column(),
                f"duplicate name '{person.name}' (same as '{first_name}' on row {first_row}): names must differ "
                "ignoring case and spaces; add an initial or remove the repeat",
                "name",
            )
            continue
        seen[person.key] = (person.name, offset)
        event.attendees.append(person)
    if not event.attendees and not reader.problems:
        reader.add(start + 1, None, "the roster has a header but no attendees: add one row per person under it")
    problems = sorted(reader.problems, key=lambda p: p.line or 0)
    return (None if problems else event), problems
