"""Commands that move records in and out of the journal: export, import, backup."""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, BinaryIO

import typer

from sorelog.cli.alerts import say
from sorelog.cli.context import journal_file, journal_location, now, reading, settings, shown
from sorelog.cli.params import PersonOption
from sorelog.cli.progress import progress_bars
from sorelog.domain.errors import InputError, SorelogError
from sorelog.domain.kinds import KINDS
from sorelog.domain.safe_text import printable

app = typer.Typer()

PROGRESS_ROWS = 5000  # below this an import takes well under a second: no bar


class Format(StrEnum):
    csv = "csv"
    json = "json"


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            case_sensitive=False,
            help="json (every record and your remedy limits) or csv (one row per record, "
            "for spreadsheets). Default: csv for an -o file ending in .csv, else json.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write to this file (mode 0600, replaced in one step) instead of stdout.",
        ),
    ] = None,
    person: PersonOption = None,
) -> None:
    """Write out everything in the journal, in a form 'sorelog import' reads back."""
    _, zone = settings(ctx)
    if output is not None and str(output) == "-":
        output = None
    chosen = format or (Format.csv if output and output.suffix.lower() == ".csv" else Format.json)
    source = journal_file(ctx)
    from sorelog.services.files import is_stream, names_journal, write_private_text

    if output is not None and names_journal(output.expanduser(), source):
        raise InputError(
            f"-o {output} is the journal or a file SQLite keeps beside it; give another file"
        )
    from sorelog.services.exporting import export_journal

    def write(out: IO[str]) -> int:
        return export_journal(journal, zone, chosen, out)  # records stream from the journal

    with reading(ctx, person) as journal:
        if journal is None:
            message = printable(
                f"No journal at {shown(journal_location(ctx))} yet: the export is empty."
            )
            typer.echo(message, err=True)
        if output is None:
            if sys.stdout.isatty():  # shown, not saved: control characters become escapes
                buffer = io.StringIO()
                write(buffer)
                text = buffer.getvalue()
                sys.stdout.write("\n".join(printable(line) for line in text.split("\n")))
            else:
                write(sys.stdout)
            return
        count = write_private_text(output.expanduser(), write)
    said = f"Exported {count} records to {output} ({chosen})."
    typer.echo(printable(said), err=is_stream(output.expanduser()))  # a stream gets data only


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="A CSV or JSON file as 'sorelog export' writes it; a spreadsheet saved as "
            "CSV with the same header works too ('-' reads stdin).",
            show_default=False,
            metavar="FILE",
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check the file and say what would happen; write nothing."),
    ] = False,
) -> None:
    """Add the records in an export file; records already in the journal are skipped."""
    _, zone = settings(ctx)
    from sorelog.services.importing import check_file, import_records, preview_import

    with _open_input(file) as (source, lines), progress_bars() as task:
        tick = task("Checking", lines) if lines > PROGRESS_ROWS else None
        parsed = check_file(source, str(file), zone, now(ctx), tick)
    with closing(parsed), progress_bars() as task:
        if dry_run:
            plan = preview_import(journal_location(ctx), parsed, zone, now(ctx))
        else:
            tick = task("Writing", parsed.count) if parsed.count > PROGRESS_ROWS else None
            config, _ = settings(ctx)
            plan, alerts = import_records(
                journal_location(ctx), parsed, zone, now(ctx), config, tick
            )
    new, present = plan.new, plan.present
    if dry_run:
        typer.echo("Dry run: nothing was written.")
        for kind in KINDS:
            typer.echo(
                f"  {kind.name}: {plan.new_by_type[kind.name]} new, "
                f"{plan.present_by_type[kind.name]} already present"
            )
        if parsed.limits:
            typer.echo(
                f"  limits: {len(plan.limits)} new, {plan.limits_present} already set, "
                f"{len(plan.limits_kept)} differing from yours (yours are kept)"
            )
        typer.echo(f"Would import {_records(new)} ({present} already present).")
        return
    typer.echo(f"Imported {_records(new)} ({present} already present).")
    say(alerts)
    if plan.limits:
        names = ", ".join(limit.remedy for limit in plan.limits)
        typer.echo(printable(f"Set limits for {names}."))
    if plan.limits_kept:
        names = ", ".join(plan.limits_kept)
        typer.echo(printable(f"Kept your own limits for {names}; the file's differ."))


@app.command()
def backup(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Where to write the copy: a new file, or a directory for the default name. "
            "Default: sorelog-backup-YYYYMMDD-HHMMSS.db next to the journal (in the current "
            "directory for a PostgreSQL journal, which is copied as a SQLite file).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """Copy the journal safely, even while another sorelog is writing to it."""
    source = journal_file(ctx)
    from sorelog.services.backup import back_up_file, back_up_rows, backup_path

    dest = backup_path(path, source, now(ctx))
    if source is not None:
        typer.echo(printable(str(back_up_file(source, dest))))
        return
    with reading(ctx) as journal:  # a PostgreSQL journal: your rows, as a SQLite journal
        if journal is None:
            raise SorelogError(f"no journal at {shown(journal_location(ctx))} to back up")
        typer.echo(printable(str(back_up_rows(journal, dest, now(ctx)))))


# -- helpers ----------------------------------------------------------------


@contextmanager
def _open_input(file: Path) -> Iterator[tuple[BinaryIO, int]]:
    """The file to import, open for reading, and its number of lines (for the progress bar).

    A stream that cannot be read twice (stdin from a pipe, `<(...)`) is copied to an unnamed
    private temporary file first, so it can be counted too.
    """
    try:
        from sorelog.formats.read import LineLimit, refuse_watch_export

        with _open_bytes(file) as stream:
            if stream.seekable():
                start = stream.tell()
                refuse_watch_export(stream.read(1 << 12), str(file))  # before it is counted
                stream.seek(start)
                lines = sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
                stream.seek(start)
                yield stream, lines
                return
            with tempfile.TemporaryFile() as copy:
                watch = LineLimit()  # an endless line is refused, not copied to its end
                first = True
                while block := stream.read(1 << 20):
                    if first:  # a zip or FIT on stdin: said as such, not as a long line
                        refuse_watch_export(block, str(file))
                        first = False
                    watch.feed(block)
                    copy.write(block)
                copy.seek(0)
                yield copy, watch.lines
    except OSError as exc:
        raise SorelogError(f"cannot read {file}: {exc.strerror}") from None


@contextmanager
def _open_bytes(file: Path) -> Iterator[BinaryIO]:
    if str(file) == "-":
        yield sys.stdin.buffer
        return
    try:
        handle = file.expanduser().open("rb")
        if stat.S_ISDIR(os.fstat(handle.fileno()).st_mode):  # opened on some systems
            handle.close()
            raise IsADirectoryError
    except FileNotFoundError:
        raise InputError(f"no such file: {file}") from None
    except IsADirectoryError:
        raise InputError(
            f"{file} is a directory; give a file 'sorelog export' wrote (a folder of watch "
            "or phone exports goes to: sorelog workout import FOLDER)"
        ) from None
    with handle:
        yield handle


def _records(count: int) -> str:
    return f"{count} record" if count == 1 else f"{count} records"
