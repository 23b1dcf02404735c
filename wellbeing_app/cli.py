"""The command line: ``wellbeing-app [--data-dir DIR] [COMMAND]``; no command opens the app.

Exit codes: 0 done; 1 failed; 2 usage; 3 wrong passphrase or recovery key;
4 the vault or a file is damaged (and nothing was changed). Errors are one
line on stderr, never a traceback. A passphrase comes only from standard
input (``--passphrase-stdin``) or from a prompt that does not echo.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from wellbeing_app import APP_NAME, __version__, paths
from wellbeing_app.event_log import record, start_event_log
from wellbeing_app.hardening import harden_process

if TYPE_CHECKING:
    from wellbeing_app.services.session import Session

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_WRONG_SECRET = 3
EXIT_DAMAGED = 4

PROG = "wellbeing-app"
REPORT_DEFAULT_DAYS = 91  # about 3 months, when no --from is given


class UsageError(Exception):
    """The command was used wrongly (exit 2)."""


class Failure(Exception):
    """A clear, expected failure with its exit code and one-line reason."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {PROG} --help)")


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(f"{PROG}: {text}\n")


# ---------------------------------------------------------------------------
# Passphrases


def _read_stdin_line(what: str) -> str:
    raw = sys.stdin.buffer.readline()
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"the {what} on standard input is not UTF-8 text") from None
    line = line.removesuffix("\n").removesuffix("\r")
    if not line:
        raise UsageError(f"no {what} on standard input")
    return line


def _prompt(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError("there is no terminal to ask for the passphrase; use --passphrase-stdin")
    import getpass

    return getpass.getpass(prompt)


def _read_secret(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    if args.passphrase_stdin:
        return _read_stdin_line("passphrase")
    secret = _prompt(prompt)
    if not secret:
        raise UsageError("no passphrase given")
    return secret


def _read_new_passphrase(args: argparse.Namespace) -> str:
    from wellbeing_app.domain.passphrase import assess_passphrase

    if args.passphrase_stdin:
        passphrase = _read_stdin_line("passphrase")
    else:
        passphrase = _prompt("Choose a passphrase: ")
        if _prompt("Type it again: ") != passphrase:
            raise Failure("the two passphrases were different; nothing was created")
    assessment = assess_passphrase(passphrase)
    if not assessment.acceptable:
        raise Failure(f"that passphrase is too easy to guess. {assessment.message()}".strip())
    return passphrase


# ---------------------------------------------------------------------------
# Commands


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _data_dir(args: argparse.Namespace) -> Path:
    folder = paths.resolve_data_dir(args.data_dir)
    if folder not in _WARNED_FOLDERS:
        _WARNED_FOLDERS.add(folder)
        warning = paths.folder_privacy_warning(folder)
        if warning:
            _err(f"note: {warning}")
    return folder


_WARNED_FOLDERS: set[Path] = set()


def _open_session(args: argparse.Namespace) -> Session:
    from wellbeing_app.services.session import Session, read_key_slots

    folder = _data_dir(args)
    # Read the key file first: a damaged or missing vault is reported before
    # anyone is asked for a passphrase.
    read_key_slots(folder)
    session = Session.open(folder, _read_secret(args))
    # Only after a good unlock: a refused attempt must not change a byte in the folder.
    start_event_log(folder)
    return session


def cmd_init(args: argparse.Namespace) -> int:
    from wellbeing_app.services.session import Session, VaultState, vault_state

    folder = _data_dir(args)
    if vault_state(folder) is not VaultState.NONE:
        raise Failure(f"{folder} already holds a vault; nothing was changed")
    passphrase = _read_new_passphrase(args)
    session, recovery_key = Session.create(folder, passphrase)
    session.lock()
    start_event_log(folder)
    record("vault created")
    _out(f"Your vault is ready in {folder}")
    _out()
    _out("Your recovery key (shown once, never again):")
    _out()
    _out(f"    {recovery_key}")
    _out()
    _out("Write it down now and keep it somewhere safe, away from this computer.")
    _out("If you forget your passphrase, this key is the only way back in.")
    _out("Nobody, not even the makers of this app, can open the vault without one of them.")
    return EXIT_OK


def _import_options(args: argparse.Namespace) -> Any:
    """The ``ImportChoice`` the options ask for; a usage error for options that do not fit."""
    from wellbeing_app.domain.moving_in import DEFAULT_DAYLIO_MOODS, DaylioOptions, ForeignFormat
    from wellbeing_app.services.moving_in import ImportChoice

    source = ForeignFormat(args.source) if args.source else None
    if source is not ForeignFormat.DAYLIO and (args.map_mood or args.map_activity):
        raise UsageError("--map-mood and --map-activity are only for --from daylio")
    if source in (ForeignFormat.JRNL, ForeignFormat.DAY_ONE):
        if args.mood is None:
            raise UsageError(
                f"{source.label} records no mood, and every check-in needs one: give --mood N "
                "(1 very low to 5 very good), the mood every imported entry gets"
            )
        return ImportChoice(source, default_mood=args.mood)
    if args.mood is not None:
        raise UsageError("--mood is only for --from jrnl or --from dayone (they record no mood)")
    if source is None:
        return ImportChoice()
    try:
        daylio = DaylioOptions(
            moods={**DEFAULT_DAYLIO_MOODS, **dict(args.map_mood)},
            activities=dict(args.map_activity),
        )
    except ValueError as error:
        raise UsageError(str(error)) from None
    return ImportChoice(source, daylio=daylio)


def _summary(count: Any, source: Path) -> str:
    line = f"Imported {count.added} check-in{'s' if count.added != 1 else ''} from {source}"
    if count.skipped:
        were = "was" if count.skipped == 1 else "were"
        line += f"; {count.skipped} {were} already in the vault and {were} skipped"
    return line + "."


def cmd_import(args: argparse.Namespace) -> int:
    from wellbeing_app.services.session import Session, read_key_slots

    source = Path(args.file)
    choice = _import_options(args)
    folder = _data_dir(args)
    read_key_slots(folder)
    secret = _read_secret(args)
    if choice.source is None:
        count = _import_own(source, folder, secret)
    else:
        from wellbeing_app.services.moving_in import read_checkins, read_chosen_file

        try:
            data = read_chosen_file(source)
        except OSError as error:
            raise Failure(f"cannot read {source}: {error.strerror or error}") from None
        # Read and checked in full before the vault is unlocked: a bad file costs no KDF.
        read = read_checkins(data, source, choice)
        if read.rejected is not None:
            raise read.rejected
        with Session.open(folder, secret) as session:
            start_event_log(folder)
            count = session.import_checkins(read.checkins)
    record("import done", count=count.added, skipped=count.skipped)
    _out(_summary(count, source))
    return EXIT_OK


def _import_own(source: Path, folder: Path, secret: str) -> Any:
    """This app's own JSON or CSV, read as it is added; another app's file is named."""
    from wellbeing_app.domain.interchange import ImportRejected
    from wellbeing_app.services.import_export import open_import
    from wellbeing_app.services.session import Session

    try:
        try:
            opened = open_import(source)  # its name, kind and size checked before the KDF runs
        except OSError as error:
            raise Failure(f"cannot read {source}: {error.strerror or error}") from None
        with opened, Session.open(folder, secret) as session:
            start_event_log(folder)
            try:
                # Read, checked and added as it is read, in one transaction: a bad
                # record anywhere in the file and nothing is added.
                return session.import_from(opened)
            except OSError as error:
                raise Failure(f"cannot read {source}: {error.strerror or error}") from None
    except ImportRejected as rejected:
        if any(p.index is not None for p in rejected.problems):
            raise  # records of this app's own format, each named
        from wellbeing_app.services.moving_in import foreign_hint

        # A well-formed export of another app is not damage, only the wrong choice.
        found, description = foreign_hint(source)
        if found is not None:
            raise Failure(f"{description}: use --from {found.value}") from None
        if description is not None:
            raise Failure(description) from None
        raise


def _name_and_value(kind: Callable[[str], Any], what: str) -> Callable[[str], tuple[str, Any]]:
    def parse(text: str) -> tuple[str, Any]:
        name, equals, value = text.rpartition("=")
        if not equals or not name.strip():
            raise argparse.ArgumentTypeError(f"{text!r} is not NAME={what}")
        try:
            return name, kind(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not {what}") from None

    return parse


def _activity_code(text: str) -> str | None:
    from wellbeing_app.domain.catalogue import ACTIVITIES

    if text.lower() == "none":
        return None
    if text not in ACTIVITIES:
        raise ValueError(text)
    return text


STDOUT_HOLD_BYTES = 16 * 1024 * 1024  # about 10,000 check-ins of JSON


def cmd_export(args: argparse.Namespace) -> int:
    from wellbeing_app.domain.file_formats import ExportFormat, format_for_path

    to_stdout = args.output == "-"
    fmt = ExportFormat(args.format) if args.format else None
    if fmt is None:
        fmt = (None if to_stdout else format_for_path(Path(args.output))) or ExportFormat.JSON
    # Written as it is read, a few hundred check-ins at a time: memory stays flat.
    with _open_session(args) as session:
        if to_stdout:
            export = session.export_pieces(fmt)
            # The first few megabytes are held back: an export of usual size that meets a
            # damaged page part-way writes nothing at all (exit 4), never half a file.
            held: list[bytes] = []
            held_bytes = 0
            for piece in export:
                if held_bytes <= STDOUT_HOLD_BYTES:
                    held.append(piece)
                    held_bytes += len(piece)
                    continue
                if held:
                    sys.stdout.buffer.write(b"".join(held))
                    held = []
                sys.stdout.buffer.write(piece)
            sys.stdout.buffer.write(b"".join(held))
            sys.stdout.flush()
            record("export done", count=export.count)
            return EXIT_OK
        target = Path(args.output)
        try:
            count = session.export_to(target, fmt)
        except OSError as error:
            raise Failure(f"cannot write {target}: {error.strerror or error}") from None
    record("export done", count=count)
    _out(f"Exported {count} check-in{'s' if count != 1 else ''} to {target}.")
    _out("This file is not encrypted: keep it somewhere safe, and delete it when you are done.")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from json.encoder import encode_basestring_ascii as json_string

    from wellbeing_app.domain.catalogue import SCALE_LABELS, SHIFT_LABELS, scale_label
    from wellbeing_app.domain.journal import JournalFilter
    from wellbeing_app.domain.search_terms import parse_query

    query = parse_query(args.query, prefix_last=False)
    found = 0
    write = sys.stdout.write
    # Each line's words, worked out once rather than once a row (keyed as the vault
    # holds them: the shift type's value, the mood's number).
    shifts: dict[str | None, str] = {
        shift.value: f"{label:<9}" for shift, label in SHIFT_LABELS.items()
    }
    shifts[None] = f"{'-':<9}"
    scores = range(1, len(SCALE_LABELS["mood"]) + 1)
    moods = {score: f"{scale_label('mood', score):<9}" for score in scores}
    # Streamed a page at a time, each page written in one piece: the first lines
    # appear at once, and memory stays flat however many entries match.
    with _open_session(args) as session:
        where = JournalFilter(query=query)
        pages = session.search_pages(where, limit=args.limit, preview=not args.json)
        if not query.terms:
            pages = iter(())
        if args.json:
            # What json.dumps({"id": ..., "date": ...}) writes, without its cost per row.
            write("[")
            for rows in pages:
                if rows:
                    entries = ", ".join(
                        [f'{{"id": {json_string(row[1])}, "date": "{row[2]}"}}' for row in rows]
                    )
                    write((", " if found else "") + entries)
                    found += len(rows)
            write("]\n")
        else:
            # The middle of each line, "  Night     mood Low       ", by shift and mood.
            middles = {
                shift: {mood: f"  {text} mood {word} " for mood, word in moods.items()}
                for shift, text in shifts.items()
            }
            for rows in pages:
                if rows:
                    # The date, shift, mood and the first line of what was written, at most
                    # 60 characters of it ("2026-01-31  Night     mood Low       Long one").
                    # The first line of the first 60 characters is the first 60 of the first
                    # line: only the start of each preview is split.
                    lines = [
                        (
                            day
                            + middles[shift][mood]
                            + ((preview or "").lstrip()[:60].splitlines() or ("",))[0]
                        ).rstrip()
                        for _key, _id, day, shift, mood, preview in rows
                    ]
                    write("\n".join(lines) + "\n")
                    found += len(rows)
    record("search done", matches=found)
    if args.json:
        return EXIT_OK
    if not found:
        _out("No check-ins match.")
        return EXIT_OK
    _out(f"{found} check-in{'s' if found != 1 else ''} found.")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    if args.to_folder is not None:
        return _backup_to_folder(args, Path(args.to_folder))
    target = Path(args.output)
    with _open_session(args) as session:
        try:
            info = session.backup_to(target)
        except OSError as error:
            raise Failure(f"cannot write {target}: {error.strerror or error}") from None
    record("backup written", checkins=info.checkins)
    _out(f"Backed up {info.checkins} check-in{'s' if info.checkins != 1 else ''} to {target}.")
    _out("The backup is encrypted: it opens with the same passphrase or recovery key.")
    return EXIT_OK


def _backup_to_folder(args: argparse.Namespace, directory: Path) -> int:
    """``backup --to-folder DIR``: today's automatic backup, and a proven copy of it in DIR."""
    from wellbeing_app.services.errors import VaultDamagedError

    if not directory.is_dir():
        raise Failure(f"{directory} is not there (is the drive plugged in?); nothing was copied")
    from wellbeing_app.services.backups import copy_folder_problem

    problem = copy_folder_problem(_data_dir(args), directory)
    if problem is not None:
        raise Failure(f"{problem} Nothing was copied.", EXIT_USAGE)
    with _open_session(args) as session:
        try:
            made = session.backup_now()
            record("backup written")
            copy = session.copy_backup(made.path, directory)
        except VaultDamagedError as error:
            raise Failure(f"the copy was not made: {error}", EXIT_DAMAGED) from None
        except OSError as error:
            raise Failure(f"cannot copy to {directory}: {error.strerror or error}") from None
    record("backup copied")
    _out(f"Backed up to {made.path} and copied it to {copy}; the copy was read back and checked.")
    _out("Older copies in that folder are kept like the automatic ones: 7 days, then 4 weeks.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from wellbeing_app.services.backups import (
        check_restore,
        finish_restore,
        plan_restore,
        restore_warnings,
    )
    from wellbeing_app.services.errors import VaultDamagedError, WrongSecretError

    source = Path(args.file)
    folder = _data_dir(args)
    try:
        # A damaged file, a vault in use, or a missing --replace is reported
        # before anyone is asked for a passphrase.
        plan = plan_restore(source, folder)
        if plan.replaces_vault and not args.replace:
            raise Failure(plan.refusal(folder), EXIT_USAGE)
        secret = _read_secret(args, "Passphrase or recovery key of the backup: ")
        checked = check_restore(source, folder, secret=secret)
        for warning in restore_warnings(checked):
            _err(f"warning: {warning}")
        restored = finish_restore(checked)
    except WrongSecretError:
        raise Failure(
            "that passphrase or recovery key does not open this backup (it opens with the"
            " passphrase you had when it was made, or your recovery key); your vault was not"
            " changed",
            EXIT_WRONG_SECRET,
        ) from None
    except VaultDamagedError as error:
        raise Failure(
            f"this backup cannot be used: {error}. Your vault was not changed.", EXIT_DAMAGED
        ) from None
    start_event_log(folder)
    record("restore done", checkins=restored.checkins)
    count = f"{restored.checkins} check-in{'s' if restored.checkins != 1 else ''}"
    if restored.created_at is not None:
        from wellbeing_app.domain.dates import moment

        when = moment(restored.created_at)
        _out(f"Restored the backup from {when} ({count}) into {folder}.")
    else:
        _out(f"Restored the backup ({count}) into {folder}.")
    if restored.kept_aside:
        _out(f"The vault it replaced is kept beside it as {restored.kept_aside}.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    from wellbeing_app.domain.passphrase import assess_passphrase
    from wellbeing_app.services.session import Session, read_key_slots

    folder = _data_dir(args)
    read_key_slots(folder)
    if args.passphrase_stdin:
        current = _read_stdin_line("current passphrase or recovery key")
        new = _read_stdin_line("new passphrase")
    else:
        current = _prompt("Current passphrase or recovery key: ")
        new = _prompt("New passphrase: ")
        if _prompt("Type the new passphrase again: ") != new:
            raise Failure("the two new passphrases were different; nothing was changed")
    assessment = assess_passphrase(new)
    if not assessment.acceptable:
        raise Failure(f"the new passphrase is too easy to guess. {assessment.message()}".strip())
    with Session.open(folder, current) as session:
        start_event_log(folder)
        session.replace_passphrase(new)
    record("passphrase changed")
    _out("Your passphrase has been changed. Your recovery key still works.")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from wellbeing_app.charts.report_pdf import NOT_ENCRYPTED, ReportRequest

    last = args.to or date.today()
    first = args.since or last - timedelta(days=REPORT_DEFAULT_DAYS - 1)
    if first > last:
        raise UsageError("--from must be on or before --to")
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise UsageError("the report is a PDF: give -o a name ending in .pdf")
    request = ReportRequest(first, last, include_text=args.include_text, name=args.name or "")
    with _open_session(args) as session:
        try:
            made = session.report_to(target, request, made_on=date.today())
        except OSError as error:
            raise Failure(f"cannot write {target}: {error.strerror or error}") from None
    record("report made", checkins=made.checkins)
    _out(
        f"Wrote a report of {made.checkins} check-in{'s' if made.checkins != 1 else ''} "
        f"({made.pages} pages) to {target}."
    )
    _out(NOT_ENCRYPTED)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open_session(args) as session:
        report = session.check()
        counts = (session.count(), session.selfcheck_count()) if report.ok else (0, 0)
    if report.ok:
        record("check passed")  # damage is reported, not logged: exit 4 changes no file
    if not report.ok:
        raise Failure(f"the vault is damaged: {report.problems[0]}", EXIT_DAMAGED)
    for item in report.checked:
        _out(f"ok  {item}")
    _out("The vault and its key file are intact.")
    checkins, selfchecks = counts
    _out(
        f"It holds {checkins} check-in{'s' if checkins != 1 else ''} and "
        f"{selfchecks} self-check{'s' if selfchecks != 1 else ''}."
    )
    from wellbeing_app.services.backups import kept_aside

    for kept in kept_aside(session.folder):
        size = kept.size / (1024 * 1024)
        _out(
            f"kept aside by a restore: {kept.database_name} and its key file ({size:.1f} MB); "
            "delete it from Settings when you no longer need it"
        )
    return EXIT_OK


# ---------------------------------------------------------------------------


ROTA_PREVIEW_DAYS = 28  # services.rota.PREVIEW_DAYS, without loading it to build the parser


def cmd_rota(args: argparse.Namespace) -> int:
    import json
    from datetime import datetime

    from wellbeing_app.domain.rota import LONDON, RotaFileError, shift_to_record
    from wellbeing_app.services.rota import days_ahead

    now = datetime.now(LONDON)
    if args.rota_action == "import":
        source = Path(args.file)
        if not source.is_file():
            raise Failure(f"there is no file at {source}")
        with _open_session(args) as session:
            try:
                rota = session.rota_with_file(source, now)
            except RotaFileError as error:
                raise Failure(f"{source.name}: {error}") from None
            coming = days_ahead(rota, now.date(), ROTA_PREVIEW_DAYS)
            if args.dry_run:
                _out(json.dumps([shift_to_record(s) for s in coming], indent=1))
                return EXIT_OK
            session.save_rota(rota)
        record("rota imported")
        worked = sum(1 for s in coming if s.is_worked)
        _out(
            f"Your rota now comes from {source.name}: {worked} shift"
            f"{'s' if worked != 1 else ''} in the next {ROTA_PREVIEW_DAYS} days."
        )
        return EXIT_OK
    with _open_session(args) as session:
        if args.rota_action == "clear":
            cleared = session.clear_rota()
            if cleared:
                record("rota cleared")
            _out("Your rota is cleared." if cleared else "There was no rota to clear.")
            return EXIT_OK
        kept = session.rota()
    shifts = days_ahead(kept, now.date(), args.days) if kept is not None else ()
    if args.json:
        _out(json.dumps([shift_to_record(s) for s in shifts], indent=1))
        return EXIT_OK
    if kept is None:
        _out(f"No rota is set. Set one in the app (Settings), or: {PROG} rota import FILE.ics")
        return EXIT_OK
    from wellbeing_app.domain.dates import short_date

    for shift in shifts:
        line = f"{short_date(shift.date)}  {shift.shift_type.label}"
        if shift.start is not None and shift.end is not None:
            line += f"  {shift.start:%H:%M}\u2013{shift.end:%H:%M}"
            if shift.hours is not None:
                line += f"  ({shift.hours:g} h)"
        _out(line)
    return EXIT_OK


def cmd_desktop(args: argparse.Namespace) -> int:
    from wellbeing_app.services import desktop_files

    home = desktop_files.data_home()
    if args.action == "uninstall":
        removed = desktop_files.uninstall(home)
        _out(f"removed {len(removed)} files from {home}" if removed else "nothing to remove")
        return EXIT_OK
    from wellbeing_app.cli_docs import bash_completion, manual_page
    from wellbeing_app.resource_files import read_resource_bytes
    from wellbeing_app.ui.icon_render import render_pngs  # Qt draws the PNGs from the SVG

    svg = read_resource_bytes("icons", "took-home.svg")
    parser = build_parser()
    entry = read_resource_bytes("desktop", f"{desktop_files.APP_ID}.desktop").decode("utf-8")
    files = desktop_files.planned_files(
        desktop=desktop_files.desktop_entry(entry, desktop_files.this_command()),
        metainfo=read_resource_bytes("desktop", f"{desktop_files.APP_ID}.metainfo.xml"),
        svg=svg,
        pngs=render_pngs(svg),
        manual=manual_page(parser),
        completion=bash_completion(parser),
    )
    installed = desktop_files.install(files, home)
    for path in installed.written:
        _out(str(path))
    _out(f"added {APP_NAME} to the menu ({len(installed.written)} files under {home})")
    return EXIT_OK


def _is_app_launch(argv: Sequence[str]) -> bool:
    """Only global options: the desktop app, as the menu entry or the log-in start opens it.

    Then the parser of every command (about 10 ms to build) is not needed.
    """
    rest = list(argv)
    while rest:
        head = rest.pop(0)
        if head in ("--demo", "--in-tray") or head.startswith("--data-dir="):
            continue
        if head == "--data-dir" and rest:
            rest.pop(0)
            continue
        return False
    return True


def _global_parser() -> argparse.ArgumentParser:
    """The options that come before a command (and open the app without one)."""
    parser = _Parser(
        prog=PROG,
        description=f"{APP_NAME}: a private, encrypted end-of-shift check-in.",
        epilog=(
            "Exit codes: 0 done, 1 failed, 2 usage, 3 wrong passphrase or recovery key, "
            "4 the vault or a file is damaged (nothing was changed)."
        ),
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"the vault folder (default: ${paths.ENV_DATA_DIR}, else your user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a throw-away vault of made-up check-ins (your data is not used)",
    )
    parser.add_argument(
        "--in-tray",
        action="store_true",
        help="start locked in the tray without a window, where the desktop has a tray "
        "(as when started at login)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _global_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str, handler: Callable[[argparse.Namespace], int]) -> Any:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--passphrase-stdin",
            action="store_true",
            help="read the passphrase from the first line of standard input",
        )
        sub.set_defaults(handler=handler)
        return sub

    command("init", "create a vault and print its recovery key once", cmd_init)
    sub = command(
        "import",
        "import check-ins from a .json or .csv file, or from Daylio, jrnl or Day One "
        "(all or nothing; check-ins already in the vault are skipped)",
        cmd_import,
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument(
        "--from",
        dest="source",
        choices=["daylio", "jrnl", "dayone"],
        metavar="APP",
        help="daylio, jrnl or dayone: the file is another app's export (Daylio's CSV, "
        "jrnl --export json, Day One's JSON or its zip)",
    )
    sub.add_argument(
        "--mood",
        type=_mood_score,
        metavar="N",
        help="for jrnl and Day One, which record no mood: the mood (1-5) every entry gets",
    )
    sub.add_argument(
        "--map-mood",
        action="append",
        default=[],
        metavar="NAME=N",
        type=_name_and_value(_mood_score, "a mood from 1 to 5"),
        help="for Daylio: a renamed mood and its 1-5 (rad 5, good 4, meh 3, bad 2, awful 1 "
        "are known already); may be repeated",
    )
    sub.add_argument(
        "--map-activity",
        action="append",
        default=[],
        metavar="NAME=CODE",
        type=_name_and_value(_activity_code, "a true-picture code (or none)"),
        help="for Daylio: an activity that becomes a true-picture code, or none to leave it "
        "out (others become tags); may be repeated",
    )
    sub = command("export", "export every check-in as JSON or CSV (not encrypted)", cmd_export)
    sub.add_argument(
        "--format",
        choices=[f.value for f in _formats()],
        default=None,
        help="json or csv (default: from the file name, else json)",
    )
    sub.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="where to write; - means standard output",
    )
    sub = command("search", "find check-ins by words in what you wrote or your tags", cmd_search)
    sub.add_argument("query", metavar="QUERY")
    sub.add_argument("--json", action="store_true", help='print [{"id": ..., "date": ...}, ...]')
    sub.add_argument("--limit", metavar="N", type=_positive_int, help="only the newest N matches")
    sub = command("backup", "write an encrypted backup that carries its own key slots", cmd_backup)
    where = sub.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar="FILE", help="write the backup to FILE")
    where.add_argument(
        "--to-folder",
        metavar="DIR",
        help="make today's automatic backup and a checked copy of it in DIR (a USB stick, say)",
    )
    sub = command(
        "restore", "check a backup, then make it your vault (the old one is kept)", cmd_restore
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument(
        "--replace",
        action="store_true",
        help="replace the vault already in the data folder (it is kept aside, not deleted)",
    )
    command(
        "passwd",
        "change the passphrase (stdin: line 1 current passphrase or recovery key, line 2 new)",
        cmd_passwd,
    )
    command("check", "check the database and its key file for damage", cmd_check)
    desktop_help = (
        "add Took Home to your desktop's menu (icons, manual page, completion), or remove it"
    )
    sub = commands.add_parser("desktop", help=desktop_help, description=desktop_help)
    sub.add_argument("action", choices=["install", "uninstall"])
    sub.set_defaults(handler=cmd_desktop)
    sub = command(
        "report", "write a PDF report for a GP or occupational health (not encrypted)", cmd_report
    )
    sub.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="where to write")
    sub.add_argument(
        "--from",
        dest="since",
        metavar="DATE",
        type=_iso_date,
        help=f"the first day (YYYY-MM-DD; default: {REPORT_DEFAULT_DAYS} days before --to)",
    )
    sub.add_argument(
        "--to", metavar="DATE", type=_iso_date, help="the last day (YYYY-MM-DD; default: today)"
    )
    sub.add_argument(
        "--include-text",
        action="store_true",
        help="include what you wrote (by default only numbers and charts)",
    )
    sub.add_argument("--name", metavar="NAME", help="the name to put on the cover (optional)")
    rota_help = "your rota: import a calendar file (.ics), show your shifts, or clear it"
    sub = command("rota", rota_help, cmd_rota)
    actions = sub.add_subparsers(dest="rota_action", metavar="ACTION", parser_class=_Parser)
    actions.required = True

    def rota_action(name: str, help_text: str) -> Any:
        action = actions.add_parser(name, help=help_text, description=help_text)
        action.add_argument(
            "--passphrase-stdin",
            action="store_true",
            help="read the passphrase from the first line of standard input",
        )
        return action

    action = rota_action("import", "read your shifts from a calendar file (.ics)")
    action.add_argument("file", metavar="FILE.ics")
    action.add_argument(
        "--dry-run",
        action="store_true",
        help=f"print the next {ROTA_PREVIEW_DAYS} days as JSON and save nothing",
    )
    action = rota_action("show", "list your shifts from today")
    action.add_argument(
        "--days",
        metavar="N",
        type=_positive_int,
        default=ROTA_PREVIEW_DAYS,
        help=f"how many days (default {ROTA_PREVIEW_DAYS})",
    )
    action.add_argument(
        "--json",
        action="store_true",
        help='print [{"date", "shift_type", "start", "end", "hours"}, ...]',
    )
    rota_action("clear", "forget your rota (your check-ins stay)")
    return parser


def _mood_score(text: str) -> int:
    if text.strip() not in {"1", "2", "3", "4", "5"}:
        raise argparse.ArgumentTypeError(f"{text!r} is not a mood from 1 (very low) to 5")
    return int(text)


def _iso_date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-03") from None


def _formats() -> list[Any]:
    from wellbeing_app.domain.file_formats import ExportFormat

    return list(ExportFormat)


def _check_display() -> None:
    """Exit 1 with the packages to install, where Qt would abort for want of a library."""
    from wellbeing_app.ui.display_check import display_problem

    problem = display_problem()
    if problem is not None:
        raise Failure(problem)


def _run(argv: Sequence[str], on_shown: Callable[[Any], None] | None) -> int:
    parser = _global_parser() if _is_app_launch(argv) else build_parser()
    args = parser.parse_args(list(argv))
    handler = getattr(args, "handler", None)
    if args.demo:
        if handler is not None or args.data_dir:
            raise UsageError("--demo opens the app on its own vault: give no command or folder")
        _check_display()
        from wellbeing_app.ui.app import run_demo

        return run_demo()
    if handler is None:
        # The app's plain-Python modules load before Qt: once PySide6 is in, it
        # reads the source of every module imported after it.
        import wellbeing_app.services.preferences
        import wellbeing_app.services.session  # noqa: F401

        _check_display()
        from wellbeing_app.ui.app import run_app  # Qt loads only for the desktop app

        return run_app(_data_dir(args), on_shown=on_shown, in_tray=args.in_tray)
    result: int = handler(args)
    return result


def main(argv: Sequence[str], *, on_shown: Callable[[Any], None] | None = None) -> int:
    """Run one command and return its exit code. Never lets a traceback out.

    ``on_shown`` is called once the desktop app's first window is on screen
    (the benchmark's start-up moment); commands ignore it.
    """
    harden_process()
    try:
        return _run(argv, on_shown)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    except UsageError as error:
        _err(str(error))
        return EXIT_USAGE
    except Failure as failure:
        _err(str(failure))
        return failure.code
    except KeyboardInterrupt:
        _err("stopped")
        return 130
    except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
        return _explain(error)


def _explain(error: Exception) -> int:
    """One line on stderr for ``error``; its exit code.

    The error types are imported here, not at start: opening the app never pays for them.
    """
    from wellbeing_app.domain.interchange import ImportRejected
    from wellbeing_app.services.errors import (
        NoVaultError,
        VaultDamagedError,
        VaultError,
        WrongSecretError,
        database_problem,
    )

    if isinstance(error, WrongSecretError):
        _err("that passphrase or recovery key does not unlock this vault; nothing was changed")
        return EXIT_WRONG_SECRET
    if isinstance(error, VaultDamagedError):
        _err(f"the vault is damaged: {error}. Nothing was changed.")
        return EXIT_DAMAGED
    if isinstance(error, NoVaultError):
        _err(f"{error}; create one with: {PROG} init")
        return EXIT_FAILED
    if isinstance(error, VaultError):
        _err(str(error))
        return EXIT_FAILED
    if isinstance(error, ImportRejected):
        record_lines = [str(p) for p in error.problems if p.index is not None]
        if record_lines and not error.damaged:
            # One line per bad record, then the one-line summary.
            for line in error.lines():
                sys.stderr.write(f"  {line}\n")
            _err(f"{error.summary}; nothing was imported")
        else:
            reasons = "; ".join(p.message for p in error.problems[:5])
            _err(f"{reasons}; nothing was imported")
        return EXIT_DAMAGED if error.damaged else EXIT_FAILED
    problem = database_problem(error)
    if problem is not None:
        if problem == "damaged":
            _err("the vault is damaged (the database could not be read)")
            return EXIT_DAMAGED
        _err(f"the database reported a problem ({type(error).__name__}); nothing was changed")
        return EXIT_FAILED
    if isinstance(error, OSError):
        _err(f"{error.strerror or type(error).__name__}: {error.filename or ''}".rstrip(": "))
        return EXIT_FAILED
    record("unexpected error")
    _err(f"unexpected error ({type(error).__name__}); please report it")
    return EXIT_FAILED
