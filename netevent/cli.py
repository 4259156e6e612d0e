"""The `netevent` command line (DESIGN §4): parses, calls services, prints; builds the app."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from netevent import paths
from netevent.errors import UserError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_FAULT, EXIT_INPUT = 0, 1, 2


class CliError(click.ClickException):
    """A user-facing error: one line on stderr, exit code 2."""

    exit_code = EXIT_INPUT


def fail(message: str) -> NoReturn:
    raise CliError(message)


def sample_events_dir() -> Path:
    """The bundled samples, or a clear error when this install lacks them."""
    found = paths.sample_events_dir()
    if found is None:
        fail("the bundled sample meeting is missing from this install; reinstall netevent")
    return found


def _load_event(path: Path):  # -> Event
    from netevent.event_files.load import load_event

    if path.suffix.lower() == ".json":
        from netevent.export.event_json import load_event_json

        return load_event_json(path)[0]
    return load_event(path)


# -- the group ----------------------------------------------------------------------------------------


class NeteventGroup(click.Group):
    """A group whose errors are one line on stderr: exit 2 for bad input or usage, 1 for an unexpected fault."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> NoReturn:
        args = list(sys.argv[1:] if args is None else args)
        extra.pop("standalone_mode", None)
        debug = "--debug" in args or os.environ.get("NETEVENT_DEBUG") == "1"
        try:
            super().main(args=args, prog_name=prog_name or "netevent", standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("netevent: aborted", err=True)
            sys.exit(EXIT_FAULT)
        except click.UsageError as exc:
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(f"netevent: error: {_one_line(exc.format_message())}{hint}", err=True)
            sys.exit(EXIT_INPUT)
        except click.ClickException as exc:
            click.echo(f"netevent: error: {_one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except UserError as exc:
            click.echo(f"netevent: error: {_one_line(str(exc))}", err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as exc:
            if debug:
                raise
            click.echo(f"netevent: unexpected fault: {type(exc).__name__}: {_one_line(str(exc))} "
                       "(run again with --debug for details)", err=True)  # fmt: skip
            sys.exit(EXIT_FAULT)
        sys.exit(EXIT_OK)


@click.group(cls=NeteventGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netevent")
@click.option("--debug", is_flag=True, help="Show full tracebacks for unexpected faults.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """netevent: run a breakfast networking meeting — pitches, asks, referrals, tally, summaries."""
    ctx.obj = {"debug": debug}


# -- app ----------------------------------------------------------------------------------------------


@cli.command()
@click.option("--no-serve", is_flag=True, help="Do not serve attendee summary pages.")
@click.option("--port", type=int, default=None, help="Port for the summary pages (default 8765, or a free one).")
def demo(no_serve: bool, port: int | None) -> None:
    """Open the app on the bundled sample meeting, in a fresh temporary store."""
    from netevent.store.repository import Store

    source = sample_events_dir() / paths.SAMPLE_EVENT
    folder = Path(tempfile.mkdtemp(prefix="netevent-demo-"))
    event_copy = folder / paths.SAMPLE_EVENT
    shutil.copyfile(source, event_copy)
    store = Store(folder / "riverside-breakfast.json")
    store.load_event(_load_event(event_copy))
    _run_app(store, host=None, port=port, serve=not no_serve)


@cli.command()
@click.argument("event", type=click.Path(path_type=Path))
@click.option("--store", "store_path", type=click.Path(path_type=Path), help="Store file (default: user data dir).")
@click.option("--host", help="Address for the summary pages (default: this laptop's LAN address).")
@click.option("--port", type=int, default=None, help="Port for the summary pages (default 8765, or a free one).")
@click.option("--no-serve", is_flag=True, help="Do not serve attendee summary pages.")
@click.option("--read-only-pages", is_flag=True, help="Attendees' pages show, but phones cannot change anything.")
def run(
    event: Path, store_path: Path | None, host: str | None, port: int | None, no_serve: bool, read_only_pages: bool
) -> None:
    """Open the app on EVENT (event .toml or roster .csv), resuming its store if it exists."""
    store = _open_for_event(event, store_path)
    _run_app(store, host=host, port=port, serve=not no_serve, source=event, read_only_pages=read_only_pages)


def _open_for_event(event: Path, store_path: Path | None):  # -> Store
    from netevent.store.naming import default_store_path
    from netevent.store.repository import Store

    if event.suffix.lower() == ".json" and store_path is None and _is_store_file(event):
        return Store(event)  # a store given directly: resume it as it is
    loaded = _load_event(event)
    store = Store(store_path or default_store_path(loaded))
    try:
        store.load_event(loaded)
    except BaseException:
        store.close()
        raise
    return store


def _is_store_file(path: Path) -> bool:
    try:
        head = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(head, dict) and "event" in head and "attendees" in head


def _run_app(
    store: Any,
    *,
    host: str | None,
    port: int | None,
    serve: bool,
    source: Path | None = None,
    read_only_pages: bool = False,
) -> None:
    from functools import partial

    from netevent.tui.app import NeteventApp
    from netevent.web.server import app_pages  # the CLI wires the page server (web/) into the app (tui/)

    pages = partial(app_pages, read_only=read_only_pages) if serve else None
    app = NeteventApp(store, pages=pages, host=host, port=port, source=source)
    # What is loaded now (Textual, our modules, the store) lives as long as the process: keep it out of the
    # collector's full scans, which otherwise walk all of it during start-up.
    gc.freeze()
    try:
        result = app.run()
    finally:
        store.close()
    if app.return_code not in (None, 0):
        sys.exit(app.return_code)
    if result == "ended":
        print_tally(store.path)
    click.echo(f"Store: {store.path}")


def print_tally(path: Path, console: Console | None = None) -> None:
    """The tally End meeting prints in the terminal once the app has closed."""
    from rich.console import Console  # late: most commands never need Rich's console

    from netevent.render.tally_table import tally_table
    from netevent.services.meeting import meeting_tally
    from netevent.store.repository import Store

    with Store(path, writer=False) as store:
        event = store.event()
        (console or Console()).print(
            tally_table(meeting_tally(store), title=f"{event.title} — referral tally", currency=event.currency)
        )


# -- event files --------------------------------------------------------------------------------------


@cli.command()
@click.argument("event", type=click.Path(path_type=Path))
@click.option("--store", "store_path", type=click.Path(path_type=Path), help="Store file (default: user data dir).")
def init(event: Path, store_path: Path | None) -> None:
    """Create or update the store from EVENT (event .toml, roster .csv or exported event.json); print its path."""
    from netevent.store.naming import default_store_path
    from netevent.store.repository import Store

    if event.suffix.lower() == ".json":
        from netevent.export.event_json import load_event_json, restore_store

        loaded = load_event_json(event)[0]
        with Store(store_path or default_store_path(loaded)) as store:
            restore_store(store, event)
            click.echo(str(store.path))
        return
    loaded = _load_event(event)
    with Store(store_path or default_store_path(loaded)) as store:
        counts = store.load_event(loaded)
        click.echo(str(store.path))
    summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    click.echo(_one_line(f"{loaded.title}: {len(loaded.attendees)} attendees ({summary or 'no changes'})"), err=True)


@cli.command()
@click.argument("event", type=click.Path(path_type=Path))
def validate(event: Path) -> None:
    """List every problem in an event file or roster; exit 2 if there are any."""
    from netevent.event_files.load import validate as validate_file

    problems = validate_file(event)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {event}", err=True)
        sys.exit(EXIT_INPUT)
    from netevent.event_files.load import load_event

    people = load_event(event).attendees
    members = sum(1 for p in people if p.role == "member")
    visitors = sum(1 for p in people if p.role == "visitor")
    substitutes = len(people) - members - visitors
    extra = f", {substitutes} substitute{'s' if substitutes != 1 else ''}" if substitutes else ""
    click.echo(f"{event}: OK — {len(people)} attendees: {members} member{'s' if members != 1 else ''}, "
               f"{visitors} visitor{'s' if visitors != 1 else ''}{extra}")  # fmt: skip


# -- asks ---------------------------------------------------------------------------------------------


@cli.command("check-ask")
@click.argument("text", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per ask, one per line.")
def check_ask(text: Sequence[str], as_json: bool) -> None:
    """Review asks for specificity; with no TEXT, one ask per line from stdin."""
    from netevent.services.ask_rules import review_ask

    # Each TEXT is one ask (DESIGN §4): `check-ask "A" "B"` reviews two; quote an ask that has spaces.
    asks = [t for t in text if t.strip()] if text else [line.rstrip("\n") for line in sys.stdin if line.strip()]
    if not asks:
        fail("no ask given; pass the ask as text or pipe one ask per line")
    if as_json:
        for ask in asks:
            click.echo(json.dumps(review_ask(ask).to_dict(), ensure_ascii=False))
        return
    from rich.console import Console

    from netevent.render.ask_review import review_text

    console = Console(highlight=False)
    for ask in asks:
        console.print(review_text(review_ask(ask)))


# -- tally, suggestions, exports, summaries -------------------------------------------------------------


@cli.command()
@click.argument("store_arg", metavar="STORE")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default="table", show_default=True)
def tally(store_arg: str, fmt: str) -> None:
    """Print the referral tally."""
    from netevent.render.tally_table import tally_csv, tally_json, tally_markdown, tally_table
    from netevent.services.meeting import meeting_tally, open_store

    with open_store(store_arg, writer=False) as store:
        event = store.event()
        result = meeting_tally(store)
    title = f"{event.title} — referral tally"
    if fmt == "json":
        click.echo(tally_json(result))
    elif fmt == "csv":
        click.echo(tally_csv(result), nl=False)
    elif fmt == "md":
        click.echo(tally_markdown(result, title=title, currency=event.currency))
    else:
        from rich.console import Console

        Console().print(tally_table(result, title=title, currency=event.currency))


@cli.command()
@click.argument("store_arg", metavar="STORE")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
def suggest(store_arg: str, as_json: bool, limit: int) -> None:
    """Suggest introductions between attendees, with reasons."""
    from netevent.services.meeting import open_store
    from netevent.services.spheres import suggest_pairs, unrecognised_professions

    with open_store(store_arg, writer=False) as store:
        attendees = store.attendees()
        pairs = suggest_pairs(attendees, store.referrals(), limit=limit)
    notes = [
        f"Note: {_one_line(p.name)}'s profession ({_one_line(p.profession)}) is not recognised: matched on their "
        "ask and offer words only (add it to spheres.toml to match it by trade; see the README)."
        for p in unrecognised_professions(attendees)
    ]
    if as_json:
        for pair in pairs:
            click.echo(json.dumps(pair.to_dict(), ensure_ascii=False))
        for note in notes:  # stdout stays one suggestion object per line
            click.echo(note, err=True)
        return
    if not pairs:
        click.echo("No introductions to suggest yet: add professions, asks and offers to the roster.")
    for rank, pair in enumerate(pairs, 1):
        click.echo(f"{rank:>2}. {_one_line(pair.a)} ↔ {_one_line(pair.b)}  ({pair.score:.0f})")
        for reason in pair.reasons:
            click.echo(f"      - {_one_line(reason)}")
    for note in notes:
        click.echo(note)


@cli.command()
@click.argument("store_arg", metavar="STORE")
@click.option("--to", "folder", required=True, type=click.Path(path_type=Path), help="Folder to write into.")
@click.option("--format", "fmt", type=click.Choice(["all", "csv", "json", "md", "html", "vcf", "ics"]), default="all")
def export(store_arg: str, folder: Path, fmt: str) -> None:
    """Export everything: CSV, JSON, Markdown/HTML report, vCard, ICS and summary pages."""
    from netevent.export import export_all
    from netevent.services.meeting import open_store

    with open_store(store_arg, writer=False) as store:
        written = export_all(store, folder, formats={fmt})
    for path in written:
        click.echo(str(path))


@cli.command()
@click.argument("store_arg", metavar="STORE")
@click.option("--host", help="Address to listen on (default: this laptop's LAN address).")
@click.option("--port", type=int, default=None, help="Port (default 8765, or a free one when it is taken).")
@click.option("--read-only-pages", is_flag=True, help="Attendees' pages show, but phones cannot change anything.")
def serve(store_arg: str, host: str | None, port: int | None, read_only_pages: bool) -> None:
    """Serve the attendee summary pages without the app (and store phones' changes, unless the app is running)."""
    from netevent.services.meeting import resolve_store_path
    from netevent.web.serve_cli import serve_forever

    serve_forever(resolve_store_path(store_arg), host=host, port=port, echo=click.echo, read_only=read_only_pages)


@cli.command("qr-sheet")
@click.argument("store_arg", metavar="STORE")
@click.option("--to", "target", required=True, type=click.Path(path_type=Path), help="PDF file to write.")
@click.option("--mode", type=click.Choice(["link", "card"]), default="link", show_default=True)
@click.option("--paper", type=click.Choice(["A4", "Letter"]), default="A4", show_default=True)
@click.option("--host", help="Address in the links (default: this laptop's LAN address).")
@click.option("--port", type=int, default=8765, show_default=True)
def qr_sheet(store_arg: str, target: Path, mode: str, paper: str, host: str | None, port: int) -> None:
    """Printable cards, one per attendee, with a QR code of their summary."""
    from netevent.export.qr_sheet import write_qr_sheet
    from netevent.services.meeting import open_store
    from netevent.web.netaddr import lan_address

    with open_store(store_arg, writer=False) as store:
        base_url = f"http://{host or lan_address()}:{port}"
        count = write_qr_sheet(store, target, mode=mode, base_url=base_url, paper=paper)
    click.echo(f"{target}: {count} cards")


from netevent.cli_chapter import checkin, followup, goal, history, next_meeting  # noqa: E402  (own modules, registered here)
from netevent.cli_referrals import referral  # noqa: E402
from netevent.room_cli import room_url  # noqa: E402

for command in (referral, room_url, checkin, followup, goal, next_meeting, history):
    cli.add_command(command)


# -- entry point --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script."""
    cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="netevent")


def _one_line(text: str) -> str:
    """One line of output, without the control characters (terminal escapes) a file's text may carry."""
    from netevent.domain.text import printable

    return " ".join(printable(text).split())


if __name__ == "__main__":
    main()
