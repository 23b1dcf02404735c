"""One door to an unlocked vault, for the desktop app and the command line alike.

A ``Session`` is made by unlocking (``Session.open`` with a passphrase or
recovery key, or ``Session.open_with_data_key`` after the KDF ran on a
worker thread) or by first run (``Session.create``). Everything the app and
the command line do with a vault is a method here; ``ui/`` and ``cli.py``
never import ``storage``. The use cases themselves live in the other
``services`` modules, which the methods call; those stay usable on their own
(and in tests) with a vault.

Before a vault is open, the functions at the bottom answer what the lock
screen and the command line need: is there a vault, are its key slots
readable, and the KDF on a worker thread.

SQLCipher and the crypto libraries load on the first unlock, not when this
module is imported, so the lock screen stays quick to appear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple

from wellbeing_app.kdf import DEFAULT_KDF, KdfParams
from wellbeing_app.storage.files import VaultState as VaultState
from wellbeing_app.storage.files import vault_state as _vault_state

# The lock screen imports this module: the domain modules below load with
# the first use case, not on the way to it.
if TYPE_CHECKING:
    from wellbeing_app.charts.report_pdf import ReportMade, ReportRequest
    from wellbeing_app.domain.aftershift import Moment
    from wellbeing_app.domain.catalogue import ShiftType
    from wellbeing_app.domain.checkin import CheckIn, DeletedCheckIn
    from wellbeing_app.domain.contacts import OwnContact
    from wellbeing_app.domain.file_formats import ExportFormat
    from wellbeing_app.domain.import_preview import ImportPreview
    from wellbeing_app.domain.insights import Insights, Range
    from wellbeing_app.domain.journal import JournalFilter, JournalRow
    from wellbeing_app.domain.rota import Rota, Shift
    from wellbeing_app.domain.selfchecks import SelfCheck
    from wellbeing_app.domain.signposting import SelfCheckOffers, Suggestion
    from wellbeing_app.domain.support import Audience, Nation
    from wellbeing_app.services.backups import AutoBackup, DailyBackup
    from wellbeing_app.services.import_export import Export, ImportCount, ImportSource
    from wellbeing_app.services.moving_in import ReadFile
    from wellbeing_app.storage.backup import BackupInfo, CheckedBackup, Restored
    from wellbeing_app.storage.drafts import Draft
    from wellbeing_app.storage.vault import CheckReport, Vault


# A match as ``Session.search_pages`` hands it over: (sort key, id, ISO date, shift
# type value or None, mood, the start of "what I took home" or None).
SearchRow = tuple[int, str, str, str | None, int, str | None]


class SearchHit(NamedTuple):
    """A match as a plain list of matches shows it (the command line's search)."""

    id: str
    date: date
    shift_type: ShiftType | None
    mood: int
    preview: str  # the start of "what I took home"


class Session:
    """An unlocked vault and every use case on it. ``lock()`` ends it."""

    def __init__(self, vault: Vault) -> None:
        # For services modules and tests; ui/ and cli.py use the methods.
        self.vault = vault
        self._on_this_day: tuple[tuple[date, int], list[JournalRow]] | None = None

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def open(cls, folder: Path, secret: str) -> Session:
        """Unlock with the passphrase or the recovery key (``WrongSecretError`` if neither)."""
        from wellbeing_app.storage.vault import Vault

        return cls(Vault.open(folder, secret))

    @classmethod
    def open_with_data_key(cls, folder: Path, data_key: bytes) -> Session:
        """Open with a data key that ``KeySlotsReader`` gave (the KDF ran elsewhere)."""
        from wellbeing_app.storage.vault import Vault

        return cls(Vault.open_with_data_key(folder, data_key))

    @classmethod
    def create(
        cls, folder: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> tuple[Session, str]:
        """A new vault in ``folder``, open; and its recovery key, to show once."""
        from wellbeing_app.storage.vault import Vault

        vault, recovery_key = Vault.create(folder, passphrase, kdf=kdf)
        return cls(vault), recovery_key

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.lock()

    def lock(self) -> None:
        """Close the vault and forget its key (safe to call twice)."""
        self.vault.lock()

    @property
    def is_open(self) -> bool:
        return self.vault.is_open

    @property
    def folder(self) -> Path:
        return self.vault.folder

    @property
    def vault_id(self) -> str:
        return self.vault.vault_id

    @property
    def checkin_revision(self) -> int:
        """Changes with every change to the check-ins (not with a draft's autosave),
        so a page can tell whether to reload without reading the table."""
        return self.vault.checkin_revision

    # -- check-ins and drafts ----------------------------------------------------

    def save_new_checkin(self, record: Mapping[str, object]) -> CheckIn:
        from wellbeing_app.services.checkins import save_new_checkin

        return save_new_checkin(self.vault, record)

    def update_checkin(self, checkin_id: str, record: Mapping[str, object]) -> CheckIn:
        from wellbeing_app.services.checkins import update_checkin

        return update_checkin(self.vault, checkin_id, record)

    def delete_checkin(self, checkin_id: str) -> DeletedCheckIn | None:
        from wellbeing_app.services.checkins import delete_checkin

        return delete_checkin(self.vault, checkin_id)

    def undo_delete(self, deleted: DeletedCheckIn) -> CheckIn:
        from wellbeing_app.services.checkins import undo_delete

        return undo_delete(self.vault, deleted)

    def get_checkin(self, checkin_id: str) -> CheckIn | None:
        from wellbeing_app.services.checkins import get_checkin

        return get_checkin(self.vault, checkin_id)

    def default_shift_type(self) -> ShiftType | None:
        from wellbeing_app.services.checkins import default_shift_type

        return default_shift_type(self.vault)

    def count(self) -> int:
        """How many check-ins the vault holds."""
        from wellbeing_app.storage.repository import CheckInRepository

        return CheckInRepository(self.vault).count()

    def checkins_between(
        self, first: date | None = None, last: date | None = None, *, text: bool = True
    ) -> list[CheckIn]:
        """Check-ins from ``first`` to ``last`` (inclusive), oldest first."""
        from wellbeing_app.storage.repository import CheckInRepository

        return CheckInRepository(self.vault).list_between(
            first, last, newest_first=False, text=text
        )

    def save_draft(self, record: Mapping[str, object], editing_id: str | None) -> None:
        from wellbeing_app.services.checkins import save_draft

        save_draft(self.vault, record, editing_id)

    def load_draft(self) -> Draft | None:
        from wellbeing_app.services.checkins import load_draft

        return load_draft(self.vault)

    def discard_draft(self) -> None:
        from wellbeing_app.services.checkins import discard_draft

        discard_draft(self.vault)

    # -- the journal -------------------------------------------------------------

    def journal_page(
        self,
        where: JournalFilter,
        *,
        older_than: int | None = None,
        limit: int | None = None,
    ) -> list[JournalRow]:
        """Up to ``limit`` rows (a page, by default) matching ``where``, newest first,
        older than ``older_than``."""
        from wellbeing_app.domain.journal import PAGE_SIZE
        from wellbeing_app.storage.journal import JournalQuery

        return JournalQuery(self.vault).page(
            where, older_than=older_than, limit=PAGE_SIZE if limit is None else limit
        )

    def journal_matches(
        self, where: JournalFilter, *, limit: int | None = None
    ) -> Iterator[JournalRow]:
        """Every row matching ``where`` (or the newest ``limit``), newest first, page by page."""
        from wellbeing_app.services.pages import newest_first_pages
        from wellbeing_app.storage.journal import JournalQuery

        query = JournalQuery(self.vault)

        def fetch(older_than: int | None, size: int) -> list[JournalRow]:
            return query.page(where, older_than=older_than, limit=size)

        for page in newest_first_pages(fetch, lambda row: row.sort_key, limit):
            yield from page

    def search_hits(self, where: JournalFilter, *, limit: int | None = None) -> Iterator[SearchHit]:
        """Every match for ``where`` (or the newest ``limit``), newest first, as a plain list
        shows it: what ``journal_matches`` gives, less the exposures and "one good thing".

        Read in pages that grow, so the first matches come at once and a long
        list costs little more than its rows.
        """
        from wellbeing_app.domain.catalogue import ShiftType

        shifts: dict[str | None, ShiftType | None] = {s.value: s for s in ShiftType}
        shifts[None] = None
        parse_day = date.fromisoformat
        for rows in self.search_pages(where, limit=limit):
            yield from [
                SearchHit(checkin_id, parse_day(day), shifts[shift], mood, preview or "")
                for _key, checkin_id, day, shift, mood, preview in rows
            ]

    def search_pages(
        self, where: JournalFilter, *, limit: int | None = None, preview: bool = True
    ) -> Iterator[list[SearchRow]]:
        """What ``search_hits`` gives, a page at a time and as the vault holds it: for a
        list of every match, where the cost of each row is the whole cost.

        A row is (key, id, ISO date, shift type value or None, mood, preview or
        None); without ``preview`` the preview is always None, and cheaper still.
        """
        from wellbeing_app.services.pages import newest_first_pages
        from wellbeing_app.storage.journal import JournalQuery

        query = JournalQuery(self.vault)

        def fetch(older_than: int | None, size: int) -> list[SearchRow]:
            return query.listing(where, older_than=older_than, limit=size, preview=preview)

        yield from newest_first_pages(fetch, lambda row: row[0], limit)

    def on_this_day(self, today: date) -> list[JournalRow]:
        """Entries from earlier years on today's day and month, newest first.

        Asked for twice at unlock (the Check in page's link, then the Journal):
        read once until the check-ins change.
        """
        from wellbeing_app.storage.journal import JournalQuery

        key = (today, self.checkin_revision)
        if self._on_this_day is None or self._on_this_day[0] != key:
            self._on_this_day = (key, JournalQuery(self.vault).on_this_day(today))
        return list(self._on_this_day[1])

    # -- trends ------------------------------------------------------------------

    def insights(self, span: Range, today: date) -> Insights:
        """Everything the Trends page shows for ``span`` up to ``today``."""
        from wellbeing_app.domain.insights import Range, insights_for, range_bounds

        if span is Range.ALL:
            first = None
        else:
            # A week before the range, so the first 7-day averages are honest.
            first = range_bounds(span, today)[0] - timedelta(days=7)
        return insights_for(
            self.checkins_between(first, today, text=False),
            today,
            span,
            rota=self.rota(),
            selfchecks=self.selfchecks() if self.selfcheck_count() else (),
        )

    # -- self-checks --------------------------------------------------------------

    def save_selfcheck(self, check: SelfCheck) -> None:
        """Keep a completed self-check (checked against its questionnaire first)."""
        from wellbeing_app.services.selfchecks import save_selfcheck

        save_selfcheck(self.vault, check)

    def selfchecks(self, instrument: str | None = None) -> list[SelfCheck]:
        """Completed self-checks, oldest first."""
        from wellbeing_app.services.selfchecks import selfchecks

        return selfchecks(self.vault, instrument)

    def selfcheck_count(self) -> int:
        from wellbeing_app.storage.selfcheck_store import SelfCheckStore

        return SelfCheckStore(self.vault).count()

    def selfcheck_offers(self) -> SelfCheckOffers:
        """Which questionnaires Today offers, and how often (none unless chosen)."""
        from wellbeing_app.services.support import selfcheck_offers

        return selfcheck_offers(self.vault)

    def set_selfcheck_offers(self, offers: SelfCheckOffers) -> None:
        from wellbeing_app.services.support import set_selfcheck_offers

        set_selfcheck_offers(self.vault, offers)

    def save_selfcheck_draft(self, instrument: str, answers: Sequence[int | None]) -> None:
        from wellbeing_app.services.selfchecks import save_draft

        save_draft(self.vault, instrument, answers)

    def load_selfcheck_draft(self) -> tuple[str, list[int | None]] | None:
        from wellbeing_app.services.selfchecks import load_draft

        return load_draft(self.vault)

    def discard_selfcheck_draft(self) -> None:
        from wellbeing_app.services.selfchecks import discard_draft

        discard_draft(self.vault)

    # -- after a hard shift ---------------------------------------------------------

    def save_moment(self, moment: Moment) -> None:
        """Keep one use of an after-shift tool, with its distress ratings (checked first)."""
        from wellbeing_app.services.moments import save_moment

        save_moment(self.vault, moment)

    def moments(self) -> list[Moment]:
        """Every use of an after-shift tool, oldest first."""
        from wellbeing_app.services.moments import moments

        return moments(self.vault)

    def moment_count(self) -> int:
        from wellbeing_app.services.moments import moment_count

        return moment_count(self.vault)

    def switch_off_routine(self) -> tuple[str, ...]:
        """The user's own steps for leaving the shift at work (none until written)."""
        from wellbeing_app.services.moments import switch_off_routine

        return switch_off_routine(self.vault)

    def set_switch_off_routine(self, steps: Sequence[str]) -> tuple[str, ...]:
        """Keep the routine; raises ``InvalidRoutine`` (a ValueError) saying what is wrong."""
        from wellbeing_app.services.moments import set_switch_off_routine

        return set_switch_off_routine(self.vault, steps)

    # -- your rota -----------------------------------------------------------------

    def rota(self) -> Rota | None:
        """The rota kept in the vault, or None when none is set."""
        from wellbeing_app.services.rota import load_rota

        return load_rota(self.vault)

    def save_rota(self, rota: Rota) -> None:
        from wellbeing_app.services.rota import save_rota

        save_rota(self.vault, rota)

    def clear_rota(self) -> bool:
        """Forget the rota (the check-ins stay); whether there was one."""
        from wellbeing_app.services.rota import clear_rota

        return clear_rota(self.vault)

    def rota_with_file(self, path: Path, now: datetime) -> Rota:
        """The rota as it would be with the shifts of a calendar file (nothing is saved).

        The file is read with the user's rules for calendars; ``RotaFileError``
        says in one line what is wrong with a file that cannot be used.
        """
        from wellbeing_app.domain.rota import DEFAULT_MAPPING
        from wellbeing_app.services.rota import read_ics_file, with_imported

        current = self.rota()
        mapping = current.mapping if current is not None else DEFAULT_MAPPING
        return with_imported(current, read_ics_file(path, now.date(), mapping), now)

    def shifts_between(self, first: date, last: date) -> list[Shift]:
        """Every shift and rest day starting from ``first`` to ``last``; none without a rota."""
        from wellbeing_app.domain.rota import shifts_between

        rota = self.rota()
        return list(shifts_between(rota, first, last)) if rota is not None else []

    def last_ended_shift(self, now: datetime) -> Shift | None:
        """The rostered shift that ended most recently (for a new check-in), if any."""
        from wellbeing_app.services.rota import last_ended_shift

        rota = self.rota()
        return last_ended_shift(rota, now) if rota is not None else None

    def recent_quick_changeovers(self, today: date) -> int | None:
        """Quick changeovers on the rota in the last four weeks; None without a rota."""
        from wellbeing_app.services.rota import recent_quick_changeovers

        rota = self.rota()
        return recent_quick_changeovers(rota, today) if rota is not None else None

    def next_shift(self, now: datetime) -> Shift | None:
        from wellbeing_app.services.rota import next_shift

        rota = self.rota()
        return next_shift(rota, now) if rota is not None else None

    # -- support -----------------------------------------------------------------

    def own_contacts(self) -> list[OwnContact]:
        from wellbeing_app.services.support import own_contacts

        return own_contacts(self.vault)

    def save_contact(self, contact: OwnContact) -> None:
        from wellbeing_app.services.support import save_contact

        save_contact(self.vault, contact)

    def remove_contact(self, contact_id: str) -> None:
        from wellbeing_app.services.support import remove_contact

        remove_contact(self.vault, contact_id)

    def support_filters(self) -> tuple[Nation | None, Audience | None]:
        from wellbeing_app.services.support import support_filters

        return support_filters(self.vault)

    def set_support_filters(self, nation: Nation | None, audience: Audience | None) -> None:
        from wellbeing_app.services.support import set_support_filters

        set_support_filters(self.vault, nation, audience)

    def suggestions(self, today: date | None = None) -> list[Suggestion]:
        from wellbeing_app.services.support import suggestions_for

        return suggestions_for(self.vault, today)

    def dismiss_suggestion(self, key: str) -> None:
        from wellbeing_app.services.support import dismiss_suggestion

        dismiss_suggestion(self.vault, key)

    # -- the passphrase and the vault's health -----------------------------------

    def change_passphrase(
        self, current_secret: str, new_passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> None:
        """See ``services.passphrases.change_passphrase`` (slow: off the UI thread)."""
        from wellbeing_app.services.passphrases import change_passphrase

        change_passphrase(self.vault, current_secret, new_passphrase, kdf=kdf)

    def replace_passphrase(self, new_passphrase: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """A new passphrase for a session just unlocked with the current secret.

        The caller has already checked the new passphrase's strength (the
        command line does, before it unlocks); only the passphrase slot changes.
        """
        self.vault.change_passphrase(new_passphrase, kdf=kdf)

    def check(self) -> CheckReport:
        """The database's and the key file's integrity, read through."""
        return self.vault.check()

    # -- backups and restores ----------------------------------------------------

    def backup_to(self, target: Path) -> BackupInfo:
        """An encrypted backup at ``target`` (it carries its own key slots)."""
        from wellbeing_app.storage.backup import write_backup

        return write_backup(self.vault, target)

    def backup_now(self) -> AutoBackup:
        """An automatic backup now, in the backups folder (then the old ones rotate)."""
        from wellbeing_app.services.backups import backup_now

        return backup_now(self.vault)

    def backup_job_if_due(self, copy_to: Path | None = None) -> Callable[[], DailyBackup] | None:
        """Today's backup (and the copy) as work for a worker thread; None if nothing to do."""
        from wellbeing_app.services.backups import backup_job_if_due

        return backup_job_if_due(self.vault, copy_to=copy_to)

    def copy_backup(self, backup: Path, directory: Path) -> Path:
        """A proven copy of ``backup`` in ``directory`` (see ``services.backups.copy_backup``)."""
        from wellbeing_app.services.backups import copy_backup

        return copy_backup(backup, directory, self.vault.data_key())

    def check_restore(self, source: Path) -> CheckedBackup:
        """Prove a backup of this vault against its key; nothing is changed yet."""
        from wellbeing_app.services.backups import check_restore

        return check_restore(source, self.folder, data_key=self.vault.data_key())

    def restorer(self, checked: CheckedBackup) -> Callable[[], Restored]:
        """What swaps the checked backup in, to call once this session is locked.

        It keeps this vault's key file, so the passphrase in use now opens the
        result. Called while the vault is still open, it raises
        ``VaultBusyError`` and changes nothing.
        """
        from wellbeing_app.services.backups import finish_restore

        key_file = self.vault.key_file_bytes()
        return lambda: finish_restore(checked, keep_key_file=key_file)

    # -- import and export -------------------------------------------------------

    def import_from(self, source: ImportSource) -> ImportCount:
        """Read, check and add a whole file (``open_import``) as it is read: every
        check-in not here yet and the new contacts, in one transaction, or nothing
        (``ImportRejected``)."""
        from wellbeing_app.services.import_export import import_source

        return import_source(self.vault, source)

    def import_checkins(
        self, checkins: Sequence[CheckIn], contacts: Sequence[OwnContact] = ()
    ) -> ImportCount:
        """Add the check-ins not in the vault yet (and new contacts): all or nothing."""
        from wellbeing_app.services.import_export import import_all

        return import_all(self.vault, checkins, lambda: contacts)

    def import_preview(self, read: ReadFile) -> ImportPreview:
        """What importing ``read`` would add, and how many the vault already holds."""
        from wellbeing_app.services.import_export import known_checkins
        from wellbeing_app.services.moving_in import preview

        return preview(read, known_checkins(self.vault))

    def export_to(self, target: Path, fmt: ExportFormat) -> int:
        """Write every check-in to ``target`` in ``fmt`` as they are read (0600, atomically);
        how many there were."""
        from wellbeing_app.services.import_export import export_to

        return export_to(self.vault, fmt, target)

    def report_to(self, target: Path, request: ReportRequest, *, made_on: date) -> ReportMade:
        """Write the PDF report ``request`` asks for to ``target`` (not encrypted; 0600,
        atomically; made in memory, with no temporary copy anywhere)."""
        return self.report_job(target, request, made_on=made_on)()

    def report_job(
        self, target: Path, request: ReportRequest, *, made_on: date
    ) -> Callable[[], ReportMade]:
        """Read what the report needs now; the job that draws and writes it touches no vault,
        so it can run on a worker thread while the window stays responsive."""
        from wellbeing_app.charts.report_pdf import write_report

        checkins = self.checkins_between(request.first, request.last, text=request.include_text)
        rota = self.rota()
        checks = self.selfchecks() if self.selfcheck_count() else []
        return lambda: write_report(
            checkins, request, target, made_on=made_on, rota=rota, selfchecks=checks
        )

    def export_pieces(self, fmt: ExportFormat) -> Export:
        """Every check-in in ``fmt`` as pieces of bytes, made as they are read (``count``
        says how many, once they are all out): for standard output."""
        from wellbeing_app.services.import_export import Export

        return Export(self.vault, fmt)


# -- before a vault is open -----------------------------------------------------


def vault_state(folder: Path) -> VaultState:
    """Whether ``folder`` holds no vault, a whole one, or part of one."""
    return _vault_state(folder)


class KeySlotsReader:
    """The key file of a vault that is not open yet, read once (damage raises here)."""

    def __init__(self, folder: Path) -> None:
        from wellbeing_app.storage.vault import Vault

        self._slots = Vault.read_key_slots(folder)

    def unwrap(self, secret: str) -> bytes:
        """The data key for a passphrase or recovery key (slow: Argon2id)."""
        from wellbeing_app.storage.vault import unwrap_data_key

        return unwrap_data_key(self._slots, secret)

    def unwrap_recovery_key(self, recovery_key: str) -> bytes:
        """The data key for a recovery key (``WrongSecretError`` if it is not the one)."""
        from wellbeing_app.services.errors import WrongSecretError
        from wellbeing_app.storage import keyslots

        raw = keyslots.parse_recovery_key(recovery_key)
        if raw is None:
            raise WrongSecretError("that is not shaped like a recovery key")
        return self._slots.unwrap_with_recovery_key(raw)


def looks_like_recovery_key(text: str) -> bool:
    """Eight groups of four letters and digits (before any KDF runs)."""
    from wellbeing_app.storage import keyslots

    return keyslots.parse_recovery_key(text) is not None


def read_key_slots(folder: Path) -> KeySlotsReader:
    """Read the key file before asking for a secret: a damaged or missing vault raises here."""
    return KeySlotsReader(folder)
