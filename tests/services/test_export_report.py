"""report.md, report.html, the summary pages and mail-merge.csv, read back with standard parsers."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from meetings import FORMULA_NOTE, SCRIPT_NOTE, TRICKY_NOTE, build_store

from netevent.domain.models import Attendee, Event, Referral
from netevent.export import export_all
from netevent.services.ask_rules import review_ask
from netevent.services.spheres import suggest_pairs
from netevent.services.summaries import build_summary
from netevent.store.repository import Store
from netevent.web.render import MAX_INTRODUCTIONS, render_summary


class Page(HTMLParser):
    """The tags, link targets and table cells of an HTML document, entities decoded."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.targets: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.targets += [value or "" for name, value in attrs if name in ("href", "src")]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def table_with(self, heading: str) -> list[list[str]]:
        """The rows (header included) of the first table whose header row has this heading."""
        return next(t for t in self.tables if t and heading in t[0])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with build_store(tmp_path / "store.json") as opened:
        yield opened


def check_report(page: Page, store: Store) -> None:
    """What both reports must show, whichever format they came in."""
    assert page.tags["script"] == 0
    names = [a.name for a in store.attendees()]
    tally = page.table_with("Received")
    assert sorted(row[0] for row in tally[1:]) == sorted(names)
    records = page.table_with("Note")
    notes = [row[records[0].index("Note")] for row in records[1:]]
    assert TRICKY_NOTE in notes and SCRIPT_NOTE in notes and FORMULA_NOTE in notes  # shown as text, not markup
    assert len(records) - 1 == len(store.referrals())
    pitches = page.table_with("Speaker")
    assert [row[1] for row in pitches[1:]] == [p.speaker for p in sorted(store.pitches(), key=lambda p: p.slot)]
    asks = page.table_with("Verdict")
    verdicts = {row[0]: row[2] for row in asks[1:]}
    assert verdicts == {a.name: review_ask(a.ask).verdict for a in store.attendees() if a.ask}
    assert verdicts["Zoë Müller"] in ("specific", "needs-work", "vague")
    text = "".join(page.text)
    assert "Café Club <Leeds>" in text
    suggestions = suggest_pairs(store.attendees(), store.referrals(), limit=25)
    assert suggestions  # the conveyancer and the mortgage broker share clients
    for suggestion in suggestions:
        assert suggestion.a in text and suggestion.b in text and suggestion.reasons[0] in text


def test_report_html_escapes_notes_is_self_contained_and_prints_on_a4(store: Store, tmp_path: Path) -> None:
    export_all(store, tmp_path, "html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = Page(html)
    check_report(page, store)
    assert page.tags["link"] == 0 and page.targets == []  # no stylesheet, script, image or link to fetch
    assert "@media print" in html and "size:A4" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_md_renders_to_the_same_tables_without_injected_markup(store: Store, tmp_path: Path) -> None:
    (path,) = export_all(store, tmp_path, "md")
    rendered = MarkdownIt("commonmark").enable("table").render(path.read_text(encoding="utf-8"))
    page = Page(rendered)
    check_report(page, store)
    assert page.tags["b"] == 0 and page.tags["a"] == 0  # <b>noon</b> and URLs in notes stayed text


def test_summary_pages_and_mail_merge_list_match(store: Store, tmp_path: Path) -> None:
    written = export_all(store, tmp_path, "html")
    assert {p.relative_to(tmp_path).as_posix() for p in written} == {
        "report.html",
        "mail-merge.csv",
        "summaries/zoe-muller.html",
        "summaries/jose-garcia.html",
        "summaries/sarah-patel.html",
        "summaries/siobhan-o-connor.html",
    }
    with (tmp_path / "mail-merge.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["name"], r["email"]) for r in rows] == [(a.name, a.email) for a in store.attendees()]
    for row in rows:
        page = Page((tmp_path / row["summary_file"]).read_text(encoding="utf-8"))
        assert row["name"] in "".join(page.text)
        assert page.tags["script"] == 0 and page.tags["link"] == 0
        assert not [t for t in page.targets if t.startswith(("http:", "/"))]  # nothing that needs the server
    zoe = "".join(Page((tmp_path / "summaries/zoe-muller.html").read_text(encoding="utf-8")).text)
    assert SCRIPT_NOTE in zoe  # José's note reached Zoë's page as text
    assert "sarah@patel.example" not in zoe  # Sarah keeps her contact private


def test_everything_is_written_for_all(store: Store, tmp_path: Path) -> None:
    written = export_all(store, tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    expected = {"attendees.csv", "pitches.csv", "referrals.csv", "event.json", "report.md", "report.html"}
    expected |= {"contacts.vcf", "follow-ups.ics", "mail-merge.csv"}
    assert expected <= names and len(names - expected) == 4
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_summary_files_are_the_pages_the_server_would_show(store: Store, tmp_path: Path) -> None:
    export_all(store, tmp_path, "html")
    with (tmp_path / "mail-merge.csv").open(encoding="utf-8-sig", newline="") as handle:
        files = {row["name"]: row["summary_file"] for row in csv.DictReader(handle)}
    for person in store.attendees():
        served = render_summary(build_summary(store, person.name))
        assert (tmp_path / files[person.name]).read_text(encoding="utf-8") == served


def test_summary_files_match_served_pages_in_a_room_with_many_suggestions(tmp_path: Path) -> None:
    trades = [
        ("Conveyancing solicitor", ["mortgage broker", "estate agent", "surveyor"]),
        ("Mortgage broker", ["conveyancing solicitor", "estate agent", "financial adviser"]),
        ("Estate agent", ["mortgage broker", "conveyancing solicitor", "removals"]),
        ("Chartered surveyor", ["estate agent", "builder", "conveyancing solicitor"]),
        ("Removals", ["estate agent", "letting agent"]),
        ("Financial adviser", ["accountant", "mortgage broker"]),
        ("Letting agent", ["estate agent", "insurance broker"]),
        ("Insurance broker", ["mortgage broker", "letting agent"]),
        ("Builder", ["architect", "surveyor"]),
        ("Architect", ["builder", "surveyor"]),
    ]
    people = [
        Attendee(f"Person {chr(65 + i)}", profession=job, sphere=sphere, ask=f"People moving house who need a {job}.")
        for i, (job, sphere) in enumerate(trades)
    ]
    with Store(tmp_path / "store.json", durable=False) as store:
        store.load_event(Event(title="Property Club", attendees=people))
        store.add_referral(Referral("Person A", "Person B", "referral", note="<i>first</i>"))
        busiest = max(
            Counter(n for s in suggest_pairs(store.attendees(), store.referrals()) for n in (s.a, s.b)).values()
        )
        assert busiest > MAX_INTRODUCTIONS  # some page has more suggestions than it shows
        export_all(store, tmp_path / "out", "html")
        for person in store.attendees():
            served = render_summary(build_summary(store, person.name))
            page = tmp_path / "out" / "summaries" / f"person-{person.name[-1].lower()}.html"
            assert page.read_text(encoding="utf-8") == served
