"""Importing and exporting check-ins in the interchange format (JSON v1 or CSV).

Both stream. An export is read from the vault and written to its file a few
hundred check-ins at a time. An import is read, checked and added a batch at
a time, inside one transaction that also adds the contacts it carries: a bad
record anywhere (or a file that turns out unreadable part-way) rolls it all
back, so the vault gets the whole file or nothing, and memory stays flat
however large the file is. A check-in the vault already holds (the same id,
or the same date, shift and words: ``domain.duplicates``) is skipped and
counted, never added twice, so importing a file again changes nothing.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final

from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn, FieldProblem, show_value
from wellbeing_app.domain.contacts import OwnContact, contact_to_record
from wellbeing_app.domain.duplicates import KnownCheckIns
from wellbeing_app.domain.file_formats import ExportFormat, format_for_path
from wellbeing_app.domain.interchange import (
    ImportRejected,
    ImportStream,
    RecordProblem,
    csv_chunks,
    json_chunks,
    read_csv,
    read_json,
)
from wellbeing_app.storage.repository import CheckInBatches, CheckInRepository
from wellbeing_app.storage.sqlcipher import Connection, IntegrityError
from wellbeing_app.storage.vault import Vault

# A cap against a file that is not an export at all (memory does not grow
# with the file: it is read in pieces). 100,000 check-ins of ~1 KB of text
# make a JSON export of about 160 MB.
MAX_IMPORT_BYTES: Final = 512 * 1024 * 1024
READ_CHUNK: Final = 1024 * 1024


def _too_large() -> ImportRejected:
    return ImportRejected(
        [RecordProblem(None, None, "the file is too large to be a check-in export")],
        damaged=True,
    )


class ImportSource:
    """A file named for import: its name, kind and size checked, open, read once in pieces.

    Opening it checks what can be checked before the vault is unlocked: a name
    ending in .json or .csv (``ImportRejected``), a regular file that can be
    read (``OSError``), and a size under ``MAX_IMPORT_BYTES``.
    """

    def __init__(self, path: Path) -> None:
        fmt = format_for_path(path)
        if fmt is None:
            raise ImportRejected(
                [RecordProblem(None, None, "the file name must end in .json or .csv")]
            )
        self.path = path
        self.format = fmt
        self._handle = paths.open_regular_file(path)
        try:
            if os.fstat(self._handle.fileno()).st_size > MAX_IMPORT_BYTES:
                raise _too_large()
        except BaseException:
            self._handle.close()
            raise

    def _pieces(self) -> Iterator[bytes]:
        read = 0
        while chunk := self._handle.read(READ_CHUNK):
            read += len(chunk)
            if read > MAX_IMPORT_BYTES:  # it grew while being read
                raise _too_large()
            yield chunk

    def stream(self) -> ImportStream:
        """The file's check-ins and contacts, to be read once (see ``ImportStream``)."""
        reader = read_json if self.format is ExportFormat.JSON else read_csv
        return reader(self._pieces())

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> ImportSource:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def open_import(path: Path) -> ImportSource:
    """Open a file to import (see ``ImportSource``); nothing is parsed yet."""
    return ImportSource(path)


@dataclass(frozen=True)
class ImportFile:
    """What one import file holds, read and checked in full (in memory)."""

    checkins: list[CheckIn]
    contacts: list[OwnContact]


def read_import(path: Path) -> ImportFile:
    """Read and validate a whole import file into memory. Raises ``ImportRejected`` or ``OSError``.

    For small files and tests: ``import_source`` adds a file of any size
    without holding it.
    """
    with open_import(path) as source:
        stream = source.stream()
        checkins = list(stream.checkins())
        return ImportFile(checkins, stream.contacts)


def read_import_file(path: Path) -> list[CheckIn]:
    """The check-ins of an import file (see ``read_import``)."""
    return read_import(path).checkins


@dataclass(frozen=True)
class ImportCount:
    """What an import did: check-ins ``added``, and ``skipped`` as already in the vault."""

    added: int
    skipped: int = 0


def known_checkins(vault: Vault) -> KnownCheckIns:
    """The ids and content keys of every check-in in the vault (nothing read when empty)."""
    repository = CheckInRepository(vault)
    if repository.count() == 0:
        return KnownCheckIns()
    return KnownCheckIns(repository.identities())


def import_source(vault: Vault, source: ImportSource) -> ImportCount:
    """Read, check and add a whole import file, with its contacts: all or nothing."""
    stream = source.stream()
    return import_all(
        vault,
        stream.checkins(),
        lambda: stream.contacts,
        validated=True,
        rota=lambda: stream.rota,
        selfchecks=lambda: stream.selfchecks,
        moments=lambda: stream.moments,
    )


def import_checkins(vault: Vault, checkins: Sequence[CheckIn]) -> ImportCount:
    """Add every check-in not in the vault yet in one transaction, or none (``import_all``)."""
    return import_all(vault, checkins)


def import_all(
    vault: Vault,
    checkins: Iterable[CheckIn],
    contacts: Callable[[], Sequence[OwnContact]] = tuple,
    *,
    validated: bool = False,
    rota: Callable[[], object | None] = lambda: None,
    selfchecks: Callable[[], Sequence[object]] = tuple,
    moments: Callable[[], Sequence[object]] = tuple,
) -> ImportCount:
    """Add the check-ins, then the contacts not in the vault yet, in one transaction.

    ``checkins`` may be a stream that raises ``ImportRejected`` part-way or
    at its end; then nothing at all is added. ``contacts`` is asked for once
    every check-in is in. A check-in the vault already holds (``KnownCheckIns``,
    read once before the first batch) is skipped and counted. ``validated``
    says the check-ins were checked against the rules while they were read.
    """
    with (
        vault.transaction(checkins=True) as conn,
        CheckInBatches(conn, validated=validated) as batches,
    ):
        known = known_checkins(vault)  # before the writer thread shares the connection
        skipped = 0
        writer = _BatchWriter(CheckInRepository(vault), batches)
        try:
            index = 0
            for batch in _in_batches(checkins, CheckInBatches.SIZE):
                places = list(range(index, index + len(batch)))
                index += len(batch)
                if known:
                    kept = [place for place, c in enumerate(batch) if not known.holds(c)]
                    skipped += len(batch) - len(kept)
                    if len(kept) < len(batch):
                        places = [places[place] for place in kept]
                        batch = [batch[place] for place in kept]
                if not batch:
                    continue
                slot = writer.free_slot()
                batches.stage(batch, slot)
                writer.write(slot, places, [c.id for c in batch])
        finally:
            writer.close()  # every staged batch is in: the connection is this thread's alone
        writer.raise_error()
        if writer.taken:
            raise ImportRejected(writer.taken)
        count = batches.finish()
        _add_contacts(vault, conn, contacts())
        _add_rota(conn, rota())
        if checks := selfchecks():
            from wellbeing_app.services.selfchecks import add_selfchecks_within

            add_selfchecks_within(conn, checks)  # type: ignore[arg-type]
        if used := moments():
            from wellbeing_app.services.moments import add_moments_within

            add_moments_within(conn, used)  # type: ignore[arg-type]
    return ImportCount(count, skipped)


def _add_rota(conn: Connection, rota: object | None) -> None:
    """The file's rota, inside the caller's transaction, only when the vault has none:
    an import never replaces the rota someone keeps (Settings › Your rota does)."""
    if rota is None:
        return
    from wellbeing_app.domain.rota import rota_to_record
    from wellbeing_app.storage.rota_store import RotaStore

    RotaStore.save_within_if_none(conn, rota_to_record(rota))  # type: ignore[arg-type]


class _BatchWriter:
    """Checks and moves staged batches into the vault on a worker thread while the caller
    reads, checks and stages the next ones.

    A move is a few long statements in which SQLite lets go of Python's
    lock, so on a machine with two cores reading the file and writing the
    vault overlap (measured here: 9.0 s against 10.9 s for 100,000 check-ins,
    with another process busy on one of the two cores). No more batches wait
    than ``CheckInBatches.SLOTS``. A check-in whose id the vault already
    holds is noted in ``taken`` (by its index in the file); from the first,
    nothing more is written, but every batch is still checked, so that all
    of them are named.
    """

    def __init__(self, repository: CheckInRepository, batches: CheckInBatches) -> None:
        import queue
        import threading

        self._repository = repository
        self._batches = batches
        self._free: queue.Queue[int] = queue.Queue()
        for slot in range(CheckInBatches.SLOTS):
            self._free.put(slot)
        self._staged: queue.Queue[tuple[int, list[int], list[str]] | None] = queue.Queue()
        self.taken: list[RecordProblem] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="import writer", daemon=True)
        self._thread.start()

    def free_slot(self) -> int:
        """A slot to stage the next batch in (waits for one); raises what stopped the writer."""
        slot = self._free.get()
        self.raise_error()
        return slot

    def write(self, slot: int, places: list[int], ids: list[str]) -> None:
        """Write the batch staged in ``slot``: the records at these places in the file,
        with these ids."""
        self._staged.put((slot, places, ids))

    def close(self) -> None:
        """Wait until every staged batch is written (or the writer stopped)."""
        self._staged.put(None)
        self._thread.join()

    def raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (item := self._staged.get()) is not None:
            slot, places, ids = item
            try:
                if self._error is None and not self.taken:
                    # The usual case, no id the vault holds: the UNIQUE index on the id
                    # says so while the batch goes in, with no query of its own (that
                    # cost 0.3-0.9 s at 100,000). A refused statement changes nothing.
                    try:
                        self._batches.write(slot)
                        continue
                    except IntegrityError:
                        pass
                if self._error is None:
                    already = self._repository.existing_ids(ids)
                    if not already and not self.taken:
                        raise RuntimeError("a batch was refused, but no id of it is taken")
                    self.taken.extend(
                        RecordProblem(
                            place,
                            FieldProblem("id", show_value(id_), "is already in this vault"),
                        )
                        for place, id_ in zip(places, ids, strict=True)
                        if id_ in already
                    )
                    if self.taken:
                        self._batches.discard(slot)
                    else:
                        self._batches.write(slot)
            except BaseException as error:  # handed to the caller's thread
                self._error = error
            finally:
                self._free.put(slot)


def _in_batches(items: Iterable[CheckIn], size: int) -> Iterator[list[CheckIn]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _add_contacts(vault: Vault, conn: Connection, contacts: Sequence[OwnContact]) -> int:
    """The contacts not in the vault yet, added after the others inside the caller's
    transaction; a later one with the same id replaces an earlier, in its place."""
    from wellbeing_app.services.support import CONTACTS_KEY, own_contacts
    from wellbeing_app.storage.settings_store import VaultSettings

    have = own_contacts(vault)
    known = {c.id for c in have}
    new: dict[str, OwnContact] = {}
    for contact in contacts:
        if contact.id not in known:
            new[contact.id] = contact
    if new:
        records = [contact_to_record(c) for c in [*have, *new.values()]]
        VaultSettings.set_within(conn, CONTACTS_KEY, records)
    return len(new)


class Export:
    """Every check-in, oldest first, as an export in ``fmt``, made as it is read.

    Iterate once for the bytes (UTF-8); ``count`` then says how many check-ins
    went out. A JSON export also carries the user's own support contacts.
    """

    def __init__(self, vault: Vault, fmt: ExportFormat) -> None:
        self._vault = vault
        self._format = fmt
        self.count = 0

    def _counted(self, checkins: Iterable[CheckIn]) -> Iterator[CheckIn]:
        for checkin in checkins:
            self.count += 1
            yield checkin

    def texts(self) -> Iterator[str]:
        """The export as pieces of text."""
        checkins = self._counted(CheckInRepository(self._vault).each_between())
        if self._format is ExportFormat.JSON:
            from wellbeing_app.domain.rota import rota_to_record
            from wellbeing_app.domain.selfchecks import selfcheck_to_record
            from wellbeing_app.services.rota import load_rota
            from wellbeing_app.services.selfchecks import selfchecks
            from wellbeing_app.services.support import own_contacts

            rota = load_rota(self._vault)
            record = rota_to_record(rota) if rota is not None else None
            from wellbeing_app.domain.aftershift import moment_to_record
            from wellbeing_app.services.moments import moments

            checks = [selfcheck_to_record(c) for c in selfchecks(self._vault)]
            used = [moment_to_record(m) for m in moments(self._vault)]
            return json_chunks(checkins, own_contacts(self._vault), record, checks, used)
        return csv_chunks(checkins)

    def __iter__(self) -> Iterator[bytes]:
        for text in self.texts():
            yield text.encode("utf-8")


def export_to(vault: Vault, fmt: ExportFormat, path: Path) -> int:
    """Write an export in ``fmt`` to ``path`` as it is read, private to the user (0600) and
    atomically; how many check-ins it holds. Nothing is held whole in memory."""
    export = Export(vault, fmt)
    paths.write_chunks_atomically(path, export)
    return export.count
