"""The main window: first run or the lock screen, then the pages; and locking.

Locking is one path for every reason (the button, Ctrl+Shift+L, idle, minimise,
quick exit, closing): close dialogs, wipe every text widget and its undo
history, drop the pages, checkpoint and close the database, forget the key,
clear the clipboard if it still holds what we copied, show the lock screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app import APP_NAME
from wellbeing_app.event_log import record, start_event_log
from wellbeing_app.services.preferences import Preferences, save_preferences
from wellbeing_app.services.session import VaultState, vault_state
from wellbeing_app.ui.clipboard import ClipboardGuard
from wellbeing_app.ui.guard import SessionGuard
from wellbeing_app.ui.theme import apply_theme
from wellbeing_app.ui.unlock import UnlockScreen

if TYPE_CHECKING:
    from wellbeing_app.domain.signposting import Suggestion
    from wellbeing_app.kdf import KdfParams
    from wellbeing_app.services.session import Session
    from wellbeing_app.ui.checkin_page import CheckInPage
    from wellbeing_app.ui.first_run import FirstRunScreen
    from wellbeing_app.ui.help_dialog import UrgentHelpDialog
    from wellbeing_app.ui.import_dialog import ImportDialog
    from wellbeing_app.ui.journal_page import JournalPage
    from wellbeing_app.ui.notice import Notice
    from wellbeing_app.ui.prompts import Prompts
    from wellbeing_app.ui.selfchecks_page import SelfChecksPage
    from wellbeing_app.ui.settings_page import SettingsPage
    from wellbeing_app.ui.shell import Shell
    from wellbeing_app.ui.support_page import SupportPage
    from wellbeing_app.ui.today_page import TodayPage
    from wellbeing_app.ui.tray import Tray
    from wellbeing_app.ui.trends_page import TrendsPage
    from wellbeing_app.ui.wind_down_page import WindDownPage
    from wellbeing_app.ui.workers import BackgroundTask

# Pages, dialogs, SQLCipher and the crypto libraries are imported when first
# needed, not on the way to the lock screen (see startup_ratio in the benchmark).

WINDOW_TITLE: Final = APP_NAME  # never anything the user wrote
# The pages' navigation titles, in their order (each page's own ``title``).
TODAY: Final = "Today"
CHECK_IN: Final = "Check in"
JOURNAL: Final = "Journal"
TRENDS: Final = "Trends"
SELF_CHECKS: Final = "Self-checks"
WIND_DOWN: Final = "Wind down"
SUPPORT: Final = "Support"
SETTINGS: Final = "Settings"
DEFAULT_SIZE: Final = (1000, 760)
MINIMUM_SIZE: Final = (640, 480)


def first_size(screen: QScreen | None) -> tuple[int, int]:
    """The first window's size: the default, shrunk to fit the screen's free area.

    On an 800x600 screen a 1000x760 window would put "Get help now", "Lock"
    and every Dismiss button off-screen.
    """
    width, height = DEFAULT_SIZE
    if screen is None:
        return width, height
    free = screen.availableGeometry()
    # Leave room for the window's frame and title bar.
    width = max(MINIMUM_SIZE[0], min(width, free.width() - 16))
    height = max(MINIMUM_SIZE[1], min(height, free.height() - 48))
    return width, height


class MainWindow(QMainWindow):
    """The one window of the app. ``locked`` fires after every lock."""

    locked = Signal(str)

    def __init__(
        self,
        folder: Path,
        prefs: Preferences,
        *,
        kdf: KdfParams | None = None,
        prompts: Prompts | None = None,
        clipboard: ClipboardGuard | None = None,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.demo = demo
        self.setWindowTitle(f"{WINDOW_TITLE} \u2013 DEMO" if demo else WINDOW_TITLE)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*first_size(QApplication.primaryScreen()))
        self.folder = folder
        self.prefs = prefs
        self.kdf = kdf
        self._prompts = prompts
        self.clipboard = clipboard or ClipboardGuard()
        self.session: Session | None = None
        self.shell: Shell | None = None
        self._backup_task: BackgroundTask | None = None
        self._report_task: BackgroundTask | None = None
        self.import_dialog: ImportDialog | None = None
        self._copy_status: object | None = None  # the last backup copy's, for Settings
        self._seen_revision = -1  # the check-ins as Today last showed them
        self.tray: Tray | None = None  # set by the tray, where the desktop has one
        self._check_in_after_unlock = False  # a reminder was clicked while locked
        self._quitting = False

        self.guard = SessionGuard(prefs.idle_minutes, self)
        self.guard.idle.connect(lambda: self.lock("idle"))
        self.guard.quick_exit.connect(self.quick_exit)
        self.guard.lock_requested.connect(lambda: self.lock("shortcut"))

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._top_bar())
        self.screens = QStackedWidget()
        column.addWidget(self.screens, 1)
        self.setCentralWidget(central)

        self.unlock_screen = UnlockScreen(folder)
        self.unlock_screen.unlocked.connect(self._unlocked)
        if demo:
            from wellbeing_app.services.demo import DEMO_PASSPHRASE

            self.unlock_screen.show_demo_hint(DEMO_PASSPHRASE)
        self.screens.addWidget(self.unlock_screen)
        self.first_run: FirstRunScreen | None = None
        state = vault_state(folder)
        if state is VaultState.NONE:
            from wellbeing_app.ui.first_run import FirstRunScreen

            self.first_run = FirstRunScreen(folder, self.prompts, kdf=kdf)
            self.first_run.finished.connect(self._first_run_done)
            self.screens.addWidget(self.first_run)
            self.screens.setCurrentWidget(self.first_run)
        else:
            self.screens.setCurrentWidget(self.unlock_screen)
            if state is not VaultState.PRESENT:
                from wellbeing_app.services.session import read_key_slots

                try:
                    read_key_slots(folder)
                except Exception as error:  # noqa: BLE001 - shown, never raised
                    self.unlock_screen.show_damage(str(error))
            self.unlock_screen.focus_field()

    @property
    def prompts(self) -> Prompts:
        """The dialogs the app asks questions with (made on first use)."""
        if self._prompts is None:
            from wellbeing_app.ui.prompts import Prompts

            self._prompts = Prompts()
        return self._prompts

    @prompts.setter
    def prompts(self, prompts: Prompts) -> None:
        self._prompts = prompts

    # -- chrome ------------------------------------------------------------------

    def _top_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("topBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 8, 16, 8)
        name = QLabel(APP_NAME)
        name.setObjectName("heading")
        row.addWidget(name)
        if self.demo:
            from wellbeing_app.services.demo import DEMO_LABEL

            badge = QLabel(DEMO_LABEL)
            badge.setObjectName("demoBadge")
            badge.setAccessibleName("This is a demo with made-up check-ins, not your data")
            row.addWidget(badge)
            self.demo_badge = badge
        row.addStretch(1)
        self.help_button = QPushButton("Get help now")
        self.help_button.setObjectName("helpButton")
        self.help_button.setAccessibleName("Get help now: urgent phone numbers")
        self.help_button.clicked.connect(self.show_urgent_help)
        self.lock_button = QPushButton("Lock")
        self.lock_button.setToolTip("Lock now (Ctrl+Shift+L). Quick exit: press Esc twice.")
        self.lock_button.clicked.connect(lambda: self.lock("button"))
        self.lock_button.hide()
        row.addWidget(self.help_button)
        row.addWidget(self.lock_button)
        return bar

    def show_urgent_help(self, kind: bool = False, opening: str | None = None) -> UrgentHelpDialog:
        """Urgent help; ``kind`` adds a gentle opening, used after crisis wording is saved;
        ``opening`` says another one first (and the user's own contacts come first too)."""
        from wellbeing_app.ui.help_dialog import UrgentHelpDialog

        own = self.session.own_contacts() if self.session is not None and opening else []
        dialog = UrgentHelpDialog(
            self.clipboard, self, kind_opening=kind, opening=opening, own_contacts=own
        )
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    # -- unlocking -----------------------------------------------------------------

    def _first_run_done(self, session: Session) -> None:
        start_event_log(self.folder)
        record("vault created")
        if self.first_run is not None:
            self.screens.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None
        self._open(session)

    def open_unlocked(self, session: Session) -> None:
        """Show the pages for a vault that is already open (the demo)."""
        if self.first_run is not None:
            self.screens.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None
        self._open(session)

    def _unlocked(self, session: Session, recovery_secret: str) -> None:
        self._open(session)
        if recovery_secret:
            QTimer.singleShot(0, lambda: self.ask_new_passphrase(recovery_secret))

    def _open(self, session: Session) -> None:
        start_event_log(self.folder)
        record("unlocked")
        from wellbeing_app.ui.shell import Shell

        self.session = session
        # Only the first page (Today) is made now; each other page is made, and its
        # code imported, when it is first shown or asked for (see the page properties).
        self.shell = Shell(
            [
                (TODAY, self._make_today_page),
                (CHECK_IN, self._make_checkin_page),
                (JOURNAL, self._make_journal_page),
                (TRENDS, self._make_trends_page),
                (SELF_CHECKS, self._make_selfchecks_page),
                (WIND_DOWN, self._make_wind_down_page),
                (SUPPORT, self._make_support_page),
                (SETTINGS, self._make_settings_page),
            ]
        )
        self.shell.pages.currentChanged.connect(self._page_shown)
        self.screens.addWidget(self.shell)
        self.screens.setCurrentWidget(self.shell)
        self.lock_button.show()
        self.guard.start()
        today_page = self.today_page
        assert today_page is not None
        QTimer.singleShot(0, today_page.action.setFocus)
        QTimer.singleShot(0, self.backup_if_due)
        self.show_suggestions()
        if self._check_in_after_unlock:
            self._check_in_after_unlock = False
            self.show_page(CHECK_IN)
        if self.tray is not None:
            self.tray.vault_changed()

    # -- the pages, each made when first needed ------------------------------------

    def page_if_made(self, title: str) -> QWidget | None:
        """The page with this navigation title if it has been made (never makes it)."""
        if self.shell is None or not self.shell.is_made(title):
            return None
        return self.shell.page(title)

    def _page(self, title: str) -> QWidget | None:
        return self.shell.page(title) if self.shell is not None else None

    @property
    def today_page(self) -> TodayPage | None:
        return self._page(TODAY)  # type: ignore[return-value]

    @property
    def checkin_page(self) -> CheckInPage | None:
        return self._page(CHECK_IN)  # type: ignore[return-value]

    @property
    def journal_page(self) -> JournalPage | None:
        return self._page(JOURNAL)  # type: ignore[return-value]

    @property
    def trends_page(self) -> TrendsPage | None:
        return self._page(TRENDS)  # type: ignore[return-value]

    @property
    def support_page(self) -> SupportPage | None:
        return self._page(SUPPORT)  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage | None:
        return self._page(SETTINGS)  # type: ignore[return-value]

    def _make_today_page(self) -> QWidget:
        from wellbeing_app.ui.today_page import TodayPage

        assert self.session is not None
        page = TodayPage(
            self.session, on_this_day=self.prefs.on_this_day, details_for=self._suggestion_details
        )
        page.check_in_requested.connect(self._check_in_from_today)
        page.on_this_day_requested.connect(lambda: self.show_page(JOURNAL))
        page.dismissed.connect(self._dismiss_suggestion)
        page.report_requested.connect(lambda: self.report_to_chosen_place(from_today=True))
        page.breathing_requested.connect(self.offer_breathing)
        page.wind_down_requested.connect(lambda: self.show_page(WIND_DOWN))
        return page

    def _make_checkin_page(self) -> QWidget:
        from datetime import date

        from wellbeing_app.ui.checkin_page import CheckInPage

        session = self.session
        assert session is not None
        earlier = len(session.on_this_day(date.today())) if self.prefs.on_this_day else 0
        page = CheckInPage(session, prompts=self.prompts, on_this_day=earlier)
        page.see_today_requested.connect(lambda: self.show_page(TODAY))
        page.saved.connect(lambda _c: self.show_suggestions(after_save=True))
        page.saved.connect(lambda _c: self.tray.vault_changed() if self.tray else None)
        page.on_this_day_requested.connect(lambda: self.show_page(JOURNAL))
        page.breathing_requested.connect(self.offer_breathing)
        self._show_checkin_suggestions(page, session.suggestions())
        return page

    def _make_journal_page(self) -> QWidget:
        from wellbeing_app.ui.journal_page import JournalPage

        assert self.session is not None
        page = JournalPage(self.session, self.prompts, on_this_day=self.prefs.on_this_day)
        page.edit_requested.connect(self._edit)
        return page

    def _make_trends_page(self) -> QWidget:
        from wellbeing_app.ui.theme import DARK, colours_for
        from wellbeing_app.ui.trends_page import TrendsPage

        assert self.session is not None
        # Trends imports matplotlib when first shown, not now.
        return TrendsPage(self.session, self.prompts, dark=colours_for(self.prefs.theme) is DARK)

    def _make_selfchecks_page(self) -> QWidget:
        from wellbeing_app.ui.selfchecks_page import SelfChecksPage

        assert self.session is not None
        return SelfChecksPage(self.session, lambda opening: self.show_urgent_help(opening=opening))

    @property
    def selfchecks_page(self) -> SelfChecksPage | None:
        return self._page(SELF_CHECKS)  # type: ignore[return-value]

    def _make_wind_down_page(self) -> QWidget:
        from wellbeing_app.ui.wind_down_page import WindDownPage

        assert self.session is not None
        page = WindDownPage(self.session, reduce_motion=self.prefs.reduce_motion)
        page.reduce_motion_changed.connect(self._reduce_motion_changed)
        page.in_use.connect(self.guard.note_activity)
        page.routine_settings_requested.connect(self._edit_routine)
        page.to_checkin.connect(self._grounding_to_checkin)
        return page

    @property
    def wind_down_page(self) -> WindDownPage | None:
        return self._page(WIND_DOWN)  # type: ignore[return-value]

    def offer_breathing(self) -> None:
        """ "Would two minutes of slow breathing help?" answered yes (check-in or Today)."""
        self.show_page(WIND_DOWN)
        page = self.wind_down_page
        if page is not None:
            page.offer_breathing()

    def _reduce_motion_changed(self, on: bool) -> None:
        from dataclasses import replace

        self._preferences_changed(replace(self.prefs, reduce_motion=on))
        settings = self.page_if_made(SETTINGS)
        if settings is not None:
            settings.note_preferences(self.prefs)  # type: ignore[attr-defined]

    def _edit_routine(self) -> None:
        self.show_page(SETTINGS)
        settings = self.settings_page
        if settings is not None and settings.routine is not None:
            settings.routine.new_step.setFocus()

    def _grounding_to_checkin(self, text: str) -> None:
        """What the user wrote while grounding, kept only because they asked: it goes
        into the check-in form (and so into the encrypted draft), never anywhere else."""
        self.show_page(CHECK_IN)
        page = self.checkin_page
        if page is not None:
            page.add_to_took_home(text)

    def _make_support_page(self) -> QWidget:
        from wellbeing_app.ui.support_page import SupportPage

        assert self.session is not None
        page = SupportPage(self.session, self.clipboard)
        page.contacts_changed.connect(self.show_suggestions)
        return page

    def _make_settings_page(self) -> QWidget:
        from wellbeing_app.ui.settings_page import SettingsPage

        assert self.session is not None
        from wellbeing_app.ui.rota_section import RotaSection
        from wellbeing_app.ui.routine_section import RoutineSection
        from wellbeing_app.ui.selfcheck_offers import SelfCheckOffersSection

        rota = RotaSection(self.session, self.prompts)
        rota.changed.connect(self._rota_changed)
        page = SettingsPage(
            self.prefs,
            self.folder,
            rota=rota,
            selfcheck_offers=SelfCheckOffersSection(self.session),
            routine=RoutineSection(self.session),
        )
        page.set_support_filters(*self.session.support_filters())
        if self.demo:  # a throw-away folder: never started at login, never a reminder file
            page.reminders.start_at_login.setEnabled(False)
            page.reminders.when_locked.setEnabled(False)
        if self._copy_status is not None:
            page.show_copy_status(self._copy_status)
        page.support_filters_changed.connect(self._support_filters_changed)
        page.preferences_changed.connect(self._preferences_changed)
        page.change_passphrase_requested.connect(self.ask_new_passphrase)
        page.backup_requested.connect(self.backup_to_chosen_place)
        page.restore_requested.connect(self.restore_from_chosen_file)
        page.export_requested.connect(self.export_to_chosen_place)
        page.report_requested.connect(self.report_to_chosen_place)
        page.import_requested.connect(self.import_from_chosen_file)
        page.copy_folder_requested.connect(self.choose_backup_copy_folder)
        page.delete_kept_aside_requested.connect(self.delete_kept_aside)
        return page

    def _rota_changed(self) -> None:
        """Today's next shift, Trends' charts and the reminders follow a new rota."""
        if self.session is None:
            return
        today_page = self.page_if_made(TODAY)
        if today_page is not None:
            today_page.refresh(self.session.suggestions())  # type: ignore[attr-defined]
        trends_page = self.page_if_made(TRENDS)
        if trends_page is not None:
            trends_page.forget()  # type: ignore[attr-defined]  # computed without this rota
            if trends_page.isVisible():
                trends_page.refresh()  # type: ignore[attr-defined]
        if self.tray is not None:
            self.tray.vault_changed()  # the locked reminders follow the new shift times

    def show_suggestions(self, after_save: bool = False) -> None:
        """Offer support where the rules say so; crisis wording opens urgent help at once.

        Called after a check-in is saved (never before: nothing here blocks a save).
        """
        if self.session is None or self.shell is None:
            return
        from wellbeing_app.domain.signposting import SuggestionKind

        self._seen_revision = self.session.checkin_revision
        suggestions = self.session.suggestions()
        checkin_page = self.page_if_made(CHECK_IN)
        if checkin_page is not None:
            self._show_checkin_suggestions(checkin_page, suggestions)  # type: ignore[arg-type]
        today_page = self.page_if_made(TODAY)
        if today_page is not None:
            today_page.refresh(suggestions)  # type: ignore[attr-defined]
        if after_save and any(s.kind is SuggestionKind.URGENT_HELP for s in suggestions):
            self.show_urgent_help(kind=True)

    def _show_checkin_suggestions(self, page: CheckInPage, suggestions: list[Suggestion]) -> None:
        from wellbeing_app.domain.signposting import SuggestionKind
        from wellbeing_app.services.support import load_catalogue

        assert self.session is not None
        support = [s for s in suggestions if s.kind is not SuggestionKind.SELF_CHECK_DUE]
        page.suggestions.show_suggestions(
            support, load_catalogue(), self.session.own_contacts(), self._copy_number
        )

    def _check_in_from_today(self) -> None:
        """Today's one action: the form, with the unfinished check-in back in it if any."""
        page = self.checkin_page
        if page is None or self.session is None:
            return
        self.show_page("Check in")
        if self.session.load_draft() is not None:
            page.continue_draft()
        page.focus_first_field()

    def _suggestion_details(self, suggestion: Suggestion) -> str:
        """What a Today row's Details says: the suggestion and the numbers to call."""
        from wellbeing_app.domain.signposting import suggestion_details
        from wellbeing_app.services.support import load_catalogue

        return suggestion_details(suggestion, load_catalogue())

    def _copy_number(self, number: str, _name: str) -> None:
        self.clipboard.copy(number)

    def _dismiss_suggestion(self, key: str) -> None:
        if self.session is not None:
            self.session.dismiss_suggestion(key)
            self.show_suggestions()

    def _support_filters_changed(self, nation: object, audience: object) -> None:
        if self.session is None:
            return
        self.session.set_support_filters(nation, audience)  # type: ignore[arg-type]
        support_page = self.page_if_made(SUPPORT)
        if support_page is not None:
            support_page.rebuild()  # type: ignore[attr-defined]

    def backup_if_due(self) -> None:
        """Today's automatic backup, if there is none yet, made on a worker thread."""
        if self.session is None or self._backup_task is not None:
            return
        from wellbeing_app.ui.workers import BackgroundTask

        copy_to = Path(self.prefs.backup_copy_folder) if self.prefs.backup_copy_folder else None
        job = self.session.backup_job_if_due(copy_to)
        if job is None:
            return
        task = BackgroundTask(job, self)
        self._backup_task = task

        def done(result: object) -> None:
            self._backup_task = None
            if self.prefs.backup_copy_folder != (str(copy_to) if copy_to else ""):
                # A copy folder was chosen while this ran: copy there too, now.
                QTimer.singleShot(0, self.backup_if_due)
            made = getattr(result, "made", None)
            copy = getattr(result, "copy", None)
            if made is not None:
                record("backup written")
            if copy is not None:
                record("backup copy failed" if copy.problem else "backup copied")
            if copy is not None:
                self._copy_status = copy  # for the Settings page, made now or later
            settings_page = self.page_if_made(SETTINGS)
            if settings_page is not None:
                if made is not None:
                    settings_page.show_last_backup(made.made_at)  # type: ignore[attr-defined]
                if copy is not None:
                    settings_page.show_copy_status(copy)  # type: ignore[attr-defined]

        def failed(_error: object) -> None:
            self._backup_task = None
            record("backup failed")

        task.succeeded.connect(done)
        task.failed.connect(failed)
        task.start()

    def choose_backup_copy_folder(self) -> None:
        """Settings › Also copy backups to…: a folder elsewhere; a copy is made straight away."""
        if self.session is None or self.settings_page is None:
            return
        start = Path(self.prefs.backup_copy_folder or Path.home())
        chosen = self.prompts.folder_path(self, "Choose a folder for copies of your backups", start)
        if chosen is None:
            return
        from wellbeing_app.services.backups import copy_folder_problem

        chosen = chosen.absolute()
        problem = copy_folder_problem(self.folder, chosen)
        if problem is not None:
            self.settings_page.backup_notice.show_notice(problem)
            return
        self.settings_page.set_copy_folder(chosen)
        self.backup_if_due()

    def delete_kept_aside(self, stamp: str) -> None:
        """Settings: delete a vault an earlier restore kept aside, after a confirmation."""
        if self.settings_page is None:
            return
        from wellbeing_app.services.backups import delete_kept_aside, kept_aside

        found = next((kept for kept in kept_aside(self.folder) if kept.stamp == stamp), None)
        if found is None:
            self.settings_page.refresh_kept_aside()
            return
        from wellbeing_app.domain.dates import moment

        when = moment(found.made_at) if found.made_at is not None else "an earlier restore"
        if not self.prompts.confirm(
            self,
            "Delete the vault kept aside?",
            f"This deletes for good the vault as it was before the restore on {when}. "
            "Your vault as it is now is not touched.",
            "Delete",
        ):
            return
        delete_kept_aside(self.folder, stamp)
        record("kept-aside vault deleted")
        self.settings_page.refresh_kept_aside()
        self.settings_page.backup_notice.show_notice("The vault kept aside was deleted.", seconds=8)
        # Its Delete button has gone: keep the keyboard in the Backups section.
        self.settings_page.copy_button.setFocus()

    def show_page(self, title: str) -> QWidget | None:
        """Go to a page by its navigation title (while unlocked)."""
        return self.shell.show_page(title) if self.shell is not None else None

    def _page_shown(self, _index: int = 0) -> None:
        if self.shell is None:
            return
        current = self.shell.pages.currentWidget()
        if current is not None and current is self.page_if_made(TODAY):
            self.show_suggestions()  # a new day, or a change made on another page
        # The journal loads when first opened, not at unlock (unlocking stays quick), and
        # again only when the check-ins have changed since, here or from outside.
        journal_page = self.page_if_made(JOURNAL)
        if current is not None and current is journal_page:
            journal_page.refresh_if_changed()  # type: ignore[attr-defined]

    def _caught_up_with_outside(self) -> None:
        """Back from another window, perhaps a terminal that imported or edited check-ins:
        the page in view catches up. Nothing is redrawn when nothing changed, so focus
        stays where it was."""
        if self.shell is None or self.session is None:
            return
        current = self.shell.pages.currentWidget()
        if current is None:
            return
        journal_page = self.page_if_made(JOURNAL)
        if current is journal_page:
            journal_page.refresh_if_changed()  # type: ignore[attr-defined]
        elif (
            current is self.page_if_made(TODAY)
            and self.session.checkin_revision != self._seen_revision
        ):
            self.show_suggestions()

    def _edit(self, record: dict[str, object], checkin_id: str) -> None:
        if self.checkin_page is None:
            return
        self.show_page("Check in")
        self.checkin_page.edit(record, checkin_id)

    def backup_to_chosen_place(self) -> None:
        """Back up now…: an encrypted backup wherever the user chooses."""
        if self.session is None or self.settings_page is None:
            return
        from datetime import datetime

        from wellbeing_app.services.backups import BACKUP_SUFFIX, backups_folder

        suggested = backups_folder(self.folder) / (
            f"took-home-{datetime.now():%Y-%m-%d}{BACKUP_SUFFIX}"
        )
        target = self.prompts.save_path(
            self, "Save an encrypted backup", suggested, f"Took Home backups (*{BACKUP_SUFFIX})"
        )
        if target is None:
            return
        try:
            info = self.session.backup_to(target)
        except OSError as error:
            self.settings_page.backup_notice.show_notice(
                f"The backup could not be written ({error.strerror})."
            )
            return
        record("backup written")
        self.settings_page.backup_notice.show_notice(
            f"Backed up {info.checkins} check-ins to {target}. It is encrypted: it opens with "
            "your passphrase or recovery key.",
            seconds=15,
        )

    def export_to_chosen_place(self) -> None:
        """A plain (unencrypted) export, written only where the user chooses, after a warning."""
        if self.session is None or self.settings_page is None:
            return
        from datetime import date
        from pathlib import Path

        from wellbeing_app.domain.file_formats import ExportFormat, format_for_path

        if not self.prompts.confirm(
            self,
            "Export without encryption?",
            "An export is NOT encrypted: anyone who can open the file can read everything you "
            "wrote. Save it only somewhere you control, and delete it when you are done. For a "
            "copy that stays private, use \u201cBack up now\u201d instead.",
            "Choose where…",
        ):
            return
        target = self.prompts.save_path(
            self,
            "Export check-ins (not encrypted)",
            Path.home() / f"took-home-export-{date.today():%Y-%m-%d}.json",
            "JSON (*.json);;CSV (*.csv)",
        )
        if target is None:
            return
        fmt = format_for_path(target) or ExportFormat.JSON
        if format_for_path(target) is None:
            target = target.with_suffix(".json")
        try:
            count = self.session.export_to(target, fmt)  # streamed: flat memory at any size
        except OSError as error:
            self.settings_page.backup_notice.show_notice(
                f"The export could not be written ({error.strerror})."
            )
            return
        record("export done", count=count)
        self.settings_page.backup_notice.show_notice(
            f"Exported {count} check-ins to {target}. Remember: this file is not encrypted.",
            seconds=15,
        )

    def _report_notice(self, from_today: bool) -> Notice | None:
        """Where a report's progress is told: the page it was asked for from."""
        page = self.page_if_made(TODAY) if from_today else self.page_if_made(SETTINGS)
        return getattr(page, "report_notice", None)

    def report_to_chosen_place(self, from_today: bool = False) -> None:
        """Make a report…: what it covers, where it goes (it is not encrypted), then made on a
        worker thread while the window stays responsive. Asked for from Settings or Today;
        what happens is told on that page."""
        if self.session is None or self._report_task is not None:
            return
        if not from_today and self.settings_page is None:
            return
        from datetime import date

        from wellbeing_app.ui.workers import BackgroundTask

        request = self.prompts.report_request(self, date.today())
        if request is None:
            return
        target = self.prompts.save_path(
            self,
            "Save the report (not encrypted)",
            Path.home()
            / f"took-home-report-{request.first:%Y-%m-%d}-to-{request.last:%Y-%m-%d}.pdf",
            "PDF documents (*.pdf)",
        )
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        notice = self._report_notice(from_today)
        if notice is not None:
            notice.show_notice("Making the report…")
        task = BackgroundTask(self.session.report_job(target, request, made_on=date.today()), self)
        self._report_task = task

        def done(made: object) -> None:
            self._report_task = None
            record("report made", checkins=int(getattr(made, "checkins", 0)))
            notice = self._report_notice(from_today)
            if notice is not None:
                notice.show_notice(
                    f"Saved a report of {getattr(made, 'checkins', 0)} check-ins to {target}. "
                    "Remember: it is not encrypted.",
                    seconds=20,
                )

        def failed(error: object) -> None:
            self._report_task = None
            reason = getattr(error, "strerror", None) or "it could not be written"
            notice = self._report_notice(from_today)
            if notice is not None:
                notice.show_notice(f"The report was not saved ({reason}).")

        task.succeeded.connect(done)
        task.failed.connect(failed)
        task.start()

    def import_from_chosen_file(self) -> ImportDialog | None:
        """Import…: choose a file, then the Import dialog says what it is and previews it;
        nothing is written until the person presses Import."""
        if self.session is None or self.settings_page is None:
            return None
        from wellbeing_app.ui.import_dialog import ImportDialog

        source = self.prompts.open_path(
            self,
            "Choose a file to import",
            Path.home(),
            "Exports (*.json *.csv *.zip);;All files (*)",
        )
        if source is None:
            return None
        dialog = ImportDialog(self.session, source, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.imported.connect(self._imported)
        dialog.destroyed.connect(lambda _o=None: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, count: object) -> None:
        """After an import: say what happened, and every page made so far catches up."""
        added = int(getattr(count, "added", 0))
        skipped = int(getattr(count, "skipped", 0))
        record("import done", count=added, skipped=skipped)
        text = f"Imported {added:,} check-in{'' if added == 1 else 's'}"
        if skipped:
            text += (
                f"; {skipped:,} already in your journal {'was' if skipped == 1 else 'were'} skipped"
            )
        if self.settings_page is not None:
            self.settings_page.show_import_result(text + ".")
        self.show_suggestions()  # Today and the check-in page's suggestions
        journal_page = self.page_if_made(JOURNAL)
        if journal_page is not None:
            journal_page.refresh_if_changed()  # type: ignore[attr-defined]
        trends_page = self.page_if_made(TRENDS)
        if trends_page is not None and trends_page.isVisible():
            trends_page.refresh()  # type: ignore[attr-defined]
        # A hidden Trends page catches up when next shown (it keys on checkin_revision).

    def restore_from_chosen_file(self) -> None:
        """Restore…: prove the chosen backup, confirm what it replaces, then swap it in."""
        if self.session is None or self.settings_page is None:
            return
        from wellbeing_app.services.backups import BACKUP_SUFFIX, backups_folder
        from wellbeing_app.services.errors import VaultError

        source = self.prompts.open_path(
            self,
            "Choose a backup to restore",
            backups_folder(self.folder),
            f"Took Home backups (*{BACKUP_SUFFIX})",
        )
        if source is None:
            return
        notice = self.settings_page.backup_notice
        try:
            # Proven against the key in use now, before anything is asked or shown.
            checked = self.session.check_restore(source)
        except VaultError as error:
            notice.show_notice(f"That file cannot be used: {error}.")
            return
        if checked.vault_id != self.session.vault_id:
            checked.discard()
            notice.show_notice(
                "That backup belongs to a different vault. To restore it, use "
                "\u201cwellbeing-app restore --replace\u201d, which asks for that vault's "
                "passphrase."
            )
            return
        now_count = self.session.count()
        from wellbeing_app.domain.dates import moment

        when = moment(checked.created_at) if checked.created_at is not None else "an unknown date"
        if not self.prompts.confirm(
            self,
            "Restore this backup?",
            f"Your vault now holds {now_count} check-ins. The backup from {when} holds "
            f"{checked.checkins}. Restoring replaces your vault with the backup: anything "
            "added since then will not be in it. Your current vault is kept aside in the "
            "same folder under a dated name; Settings lists it and can delete it later.",
            "Restore",
        ):
            checked.discard()
            return
        # The current key file stays, so the passphrase in use now opens the result.
        swap = self.session.restorer(checked)
        self.lock("button")
        try:
            restored = swap()
        except VaultError as error:
            self.unlock_screen.message.show_notice(
                f"The backup was not restored: {error}. Your vault was not changed."
            )
            return
        record("restore done", checkins=restored.checkins)
        self.unlock_screen.message.show_notice(
            f"Restored the backup from {when}. Unlock it with your current passphrase."
        )

    def ask_new_passphrase(self, recovery_secret: str = "") -> None:
        if self.session is None:
            return
        from wellbeing_app.ui.settings_page import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(
            self.session, kdf=self.kdf, after_recovery=bool(recovery_secret), parent=self
        )
        if recovery_secret:
            dialog.prefill_current(recovery_secret)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(self._passphrase_changed)
        dialog.open()

    def _passphrase_changed(self) -> None:
        record("passphrase changed")
        settings_page = self.page_if_made(SETTINGS)
        if settings_page is not None:
            settings_page.passphrase_changed()  # type: ignore[attr-defined]

    def _preferences_changed(self, prefs: Preferences) -> None:
        theme_changed = prefs.theme != self.prefs.theme
        old = self.prefs
        if prefs.on_this_day != self.prefs.on_this_day:
            for title in (JOURNAL, TODAY):
                page = self.page_if_made(title)
                if page is not None:
                    page.set_on_this_day(prefs.on_this_day)  # type: ignore[attr-defined]
        self.prefs = prefs
        self.guard.set_idle_minutes(prefs.idle_minutes)
        save_preferences(self.folder, prefs)
        if self.tray is not None:
            self.tray.preferences_changed(old, prefs)
        app = QApplication.instance()
        if theme_changed and isinstance(app, QApplication):
            colours = apply_theme(app, prefs.theme)
            trends_page = self.page_if_made(TRENDS)
            if trends_page is not None:
                from wellbeing_app.ui.theme import DARK

                trends_page.set_dark(colours is DARK)  # type: ignore[attr-defined]

    # -- locking ---------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self.session is not None

    def lock(self, reason: str = "button") -> None:
        """Lock at once. Safe to call when already locked."""
        if self.session is None:
            return
        from PySide6.QtWidgets import QDialog

        from wellbeing_app.ui.shell import scrub_text

        if self.tray is not None:
            self.tray.vault_changed()  # the locked reminders as of now, while it is open
        self.guard.stop()
        checkin_page = self.page_if_made(CHECK_IN)
        if checkin_page is not None:
            # Nothing typed is lost: it goes into the encrypted vault before locking.
            checkin_page.save_draft_now()  # type: ignore[attr-defined]
        for title in (JOURNAL, TRENDS):
            page = self.page_if_made(title)
            if page is not None:
                page.forget()  # type: ignore[attr-defined]
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                # A passphrase change already under way finishes (in well under a
                # second) before the vault closes: never half-done behind the lock.
                task = getattr(widget, "busy_task", lambda: None)()
                if task is not None:
                    task.wait()
                scrub_text(widget)
                widget.reject()
        if self.shell is not None:
            scrub_text(self.shell)
            self.screens.removeWidget(self.shell)
            self.shell.deleteLater()
            self.shell = None
        session, self.session = self.session, None
        session.lock()
        record(f"locked: {reason}")
        self.clipboard.clear_if_ours()
        self.lock_button.hide()
        self.unlock_screen.reset()
        self.screens.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.focus_field()
        self.locked.emit(reason)

    def quick_exit(self) -> None:
        """Esc twice: lock at once and show the neutral lock screen."""
        self.lock("quick exit")
        self.showNormal()

    def open_check_in(self) -> None:
        """Come forward at Check in; if locked, the lock screen first, then Check in."""
        self.bring_forward()
        if self.session is not None:
            self.show_page(CHECK_IN)
        else:
            self._check_in_after_unlock = True

    def quit_for_good(self) -> None:
        """Lock and close the window even when closing would keep the app in the tray."""
        self._quitting = True
        self.close()

    def bring_forward(self) -> None:
        """A second launch asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._caught_up_with_outside()
        if (
            event.type() == QEvent.Type.WindowStateChange
            and self.isMinimized()
            and self.prefs.lock_on_minimise
        ):
            QTimer.singleShot(0, lambda: self.lock("minimised"))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.lock("closed")
        self.guard.stop()
        if self.tray is not None and self.prefs.keep_in_tray and not self._quitting:
            event.ignore()  # still running, locked, in the tray
            self.hide()
            if not self.prefs.tray_close_explained:
                from dataclasses import replace

                self.tray.say_still_running()
                self.prefs = replace(self.prefs, tray_close_explained=True)
                save_preferences(self.folder, self.prefs)
            return
        event.accept()
