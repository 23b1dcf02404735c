"""Settings › Import…: what the chosen file is, how to read it, and a preview before anything
is written.

The file is read, and read again whenever a choice changes, on a worker
thread (a Daylio file of ten years is a few seconds' work on a slow
laptop); what the vault already holds is counted on the UI thread, which
owns the vault. Import stays disabled until the whole file can go in: all
or nothing, as on the command line. Check-ins already in the journal are
skipped and counted.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.catalogue import ACTIVITIES, SCALE_LABELS
from wellbeing_app.domain.checkin import SCORE_RANGE
from wellbeing_app.domain.moving_in import DEFAULT_DAYLIO_MOODS, DaylioOptions, ForeignFormat
from wellbeing_app.services.moving_in import ImportChoice, ReadFile, Sniffed, read_checkins, sniff
from wellbeing_app.ui.notice import Notice
from wellbeing_app.ui.workers import BackgroundTask

if TYPE_CHECKING:
    from wellbeing_app.domain.import_preview import ImportPreview
    from wellbeing_app.services.session import Session

OWN: Final = "own"  # the kind combo's value for this app's own export
KINDS: Final = (
    (OWN, "A Took Home export (JSON or CSV)"),
    (ForeignFormat.DAYLIO.value, "Daylio (its CSV export)"),
    (ForeignFormat.JRNL.value, "jrnl (jrnl --export json)"),
    (ForeignFormat.DAY_ONE.value, "Day One (its JSON export, or the zip)"),
)
# Reads still under way, kept alive until they finish (see ``ImportDialog._start``).
_RUNNING: set[BackgroundTask] = set()
LABEL_WIDTH: Final = 260  # pixels: a Daylio name's label wraps beyond this
AS_TAG: Final = "tag"  # an activity kept as a custom tag
LEAVE_OUT: Final = "none"  # an activity left out
MOOD_ITEMS: Final = [
    (score, f"{score} \u2013 {SCALE_LABELS['mood'][score - 1]}")
    for score in range(SCORE_RANGE.high, SCORE_RANGE.low - 1, -1)
]


def _mood_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem("Choose a mood\u2026", None)
    for score, label in MOOD_ITEMS:
        combo.addItem(label, score)
    combo.setAccessibleName(name)
    _fit(combo)
    return combo


def _named(name: str, uses: int, field: QWidget) -> QLabel:
    """A Daylio name as a row label, "knackered (3 entries):", wrapped when long so the
    choices beside it stay on screen."""
    label = QLabel(f"{name} ({uses:,} {'entry' if uses == 1 else 'entries'}):")
    label.setWordWrap(True)
    natural = label.fontMetrics().horizontalAdvance(label.text()) + 4
    label.setMinimumWidth(min(natural, LABEL_WIDTH))
    label.setMaximumWidth(LABEL_WIDTH)
    label.setBuddy(field)
    return label


def _fit(combo: QComboBox) -> None:
    """A combo as wide as about 32 characters, however long its choices: the dialog fits an
    800-pixel screen without scrolling sideways."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(32)


class ImportDialog(QDialog):
    """Reads ``path``, lets the person choose how, previews, and imports on "Import".

    ``imported`` carries the ``ImportCount`` once the check-ins are in.
    """

    imported = Signal(object)

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import check-ins")
        self._session = session
        self._path = path
        self._sniffed: Sniffed | None = None
        self._read: ReadFile | None = None
        self.preview: ImportPreview | None = None
        self._generation = 0
        self._tasks: list[BackgroundTask] = []
        self._closed = False
        self.mood_combos: dict[str, QComboBox] = {}
        self.activity_combos: dict[str, QComboBox] = {}

        column = QVBoxLayout(self)
        self.file_label = QLabel(f"File: {path.name}")
        self.file_label.setWordWrap(True)
        column.addWidget(self.file_label)
        self.recognised = QLabel("Reading the file\u2026")
        self.recognised.setObjectName("subheading")
        self.recognised.setWordWrap(True)
        column.addWidget(self.recognised)

        form = QFormLayout()
        self.kind = QComboBox()
        for value, label in KINDS:
            self.kind.addItem(label, value)
        self.kind.setAccessibleName("What kind of file this is")
        self.kind.setEnabled(False)
        form.addRow("What kind of file:", self.kind)
        self.default_mood = _mood_combo("Mood for every imported entry")
        self.default_mood_label = QLabel("Mood for every entry:")
        self.default_mood_label.setBuddy(self.default_mood)
        form.addRow(self.default_mood_label, self.default_mood)
        column.addLayout(form)
        self.mood_note = QLabel("")
        self.mood_note.setObjectName("muted")
        self.mood_note.setWordWrap(True)
        column.addWidget(self.mood_note)

        # The preview comes first: what would happen, before the choices that change it.
        self.summary = QLabel("")
        self.summary.setObjectName("subheading")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.summary)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems found in the file")
        self.problems.setMaximumHeight(120)
        self.problems.setTabChangesFocus(True)
        self.problems.hide()
        column.addWidget(self.problems)

        # Daylio's own moods and activities, named as the file names them.
        self.daylio_area = QScrollArea()
        self.daylio_area.setWidgetResizable(True)
        self.daylio_area.setFrameShape(QFrame.Shape.NoFrame)
        self.daylio_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.daylio_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.daylio_body = QWidget()
        self.daylio_form = QFormLayout(self.daylio_body)
        self.daylio_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.daylio_area.setWidget(self.daylio_body)
        column.addWidget(self.daylio_area, 100)
        column.addStretch(1)  # takes the room when there is nothing to map
        self.notice = Notice("notice")
        column.addWidget(self.notice)

        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self._show_kind_options()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.default_mood.currentIndexChanged.connect(lambda _i: self.reread())
        self._start(lambda: sniff(path), self._sniffed_file, self._unreadable)

    # -- reading -------------------------------------------------------------------

    def _start(
        self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[Any], None]
    ) -> None:
        # Not the dialog's child: locking deletes the dialog, and a read still under way
        # must then finish into nothing rather than into a deleted object.
        task = BackgroundTask(work)
        self._tasks.append(task)
        _RUNNING.add(task)

        def finished(handler: Callable[[Any], None], value: object) -> None:
            _RUNNING.discard(task)
            if self._closed:
                return
            self._tasks.remove(task)
            handler(value)

        task.succeeded.connect(lambda result: finished(done, result))
        task.failed.connect(lambda error: finished(failed, error))
        task.start()

    def done(self, result: int) -> None:  # noqa: D102 - Qt override: closed, by any path
        self._closed = True
        super().done(result)

    def busy(self) -> bool:
        """Whether a read is under way (tests wait on this)."""
        return bool(self._tasks)

    def _unreadable(self, error: object) -> None:
        reason = getattr(error, "strerror", None) or type(error).__name__
        self.recognised.setText("This file cannot be read.")
        self._show_summary(f"Nothing was imported ({reason}). Choose another file.", [])

    def _sniffed_file(self, sniffed: Sniffed) -> None:
        self._sniffed = sniffed
        if sniffed.detected is not None:
            text = f"{sniffed.detected.description}."
            value = sniffed.detected.value
        elif sniffed.description is not None:  # a Daylio backup
            text, value = f"{sniffed.description}.", ForeignFormat.DAYLIO.value
        elif sniffed.own:
            text, value = "This looks like a Took Home export.", OWN
        else:
            text, value = "This file is not one the app recognises; choose what it is.", OWN
        self.recognised.setText(text)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(value))
        self.kind.blockSignals(False)
        self.kind.setEnabled(True)
        self._build_daylio_rows()
        self._chain_tabs()
        self._show_kind_options()
        self.reread()

    def _build_daylio_rows(self) -> None:
        vocabulary = self._sniffed.vocabulary if self._sniffed is not None else None
        if vocabulary is None:
            return
        defaults = DaylioOptions()
        moods_heading = QLabel("Daylio's moods, and the mood each one becomes")
        moods_heading.setObjectName("subheading")
        self.daylio_form.addRow(moods_heading)
        for name, uses in vocabulary.moods.items():
            combo = _mood_combo(f"Mood for Daylio's \u201c{name}\u201d")
            known = defaults.mood_for(name)
            if known is not None:
                combo.setCurrentIndex(combo.findData(known))
            combo.currentIndexChanged.connect(lambda _i: self.reread())
            self.mood_combos[name] = combo
            self.daylio_form.addRow(_named(name, uses, combo), combo)
        if not vocabulary.activities:
            return
        acts_heading = QLabel("Daylio's activities: kept as tags unless you choose otherwise")
        acts_heading.setObjectName("subheading")
        self.daylio_form.addRow(acts_heading)
        for name, uses in vocabulary.activities.items():
            combo = QComboBox()
            combo.addItem("Keep as a tag", AS_TAG)
            combo.addItem("Leave out", LEAVE_OUT)
            for code, label in ACTIVITIES.items():
                combo.addItem(f"What the shift involved: {label}", code)
            combo.setAccessibleName(f"What Daylio's activity \u201c{name}\u201d becomes")
            combo.currentIndexChanged.connect(lambda _i: self.reread())
            _fit(combo)
            self.activity_combos[name] = combo
            self.daylio_form.addRow(_named(name, uses, combo), combo)

    def _chain_tabs(self) -> None:
        """Tab goes down the dialog as it reads: the kind, the mood, the problems, each of
        Daylio's names, then Import and Cancel (the rows are made after the buttons)."""
        chain: list[QWidget] = [self.kind, self.default_mood, self.problems]
        chain += [*self.mood_combos.values(), *self.activity_combos.values()]
        chain += [self.import_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _kind(self) -> ForeignFormat | None:
        value = self.kind.currentData()
        return None if value == OWN else ForeignFormat(value)

    def _kind_changed(self, _index: int) -> None:
        self._show_kind_options()
        self.reread()

    def _show_kind_options(self) -> None:
        kind = self._kind()
        no_mood = kind in (ForeignFormat.JRNL, ForeignFormat.DAY_ONE)
        self.default_mood.setVisible(no_mood)
        self.default_mood_label.setVisible(no_mood)
        if no_mood and kind is not None:
            self.mood_note.setText(
                f"{kind.label} records no mood, and every check-in needs one. The mood you "
                "choose goes on every imported entry; your own check-ins are not changed."
            )
        elif kind is ForeignFormat.DAYLIO:
            self.mood_note.setText(
                "Renamed a mood in Daylio? Choose what it becomes here. Notes go to "
                "\u201cWhat I took home\u201d."
            )
        self.mood_note.setVisible(no_mood or kind is ForeignFormat.DAYLIO)
        self.daylio_area.setVisible(kind is ForeignFormat.DAYLIO and bool(self.mood_combos))

    def choice(self) -> ImportChoice | None:
        """How the choices say to read the file; None while a needed mood is not chosen."""
        kind = self._kind()
        if kind is None:
            return ImportChoice()
        if kind is ForeignFormat.DAYLIO:
            moods = dict(DEFAULT_DAYLIO_MOODS)
            moods.update(
                {
                    name: combo.currentData()
                    for name, combo in self.mood_combos.items()
                    if combo.currentData() is not None
                }
            )
            activities = {
                name: (None if combo.currentData() == LEAVE_OUT else combo.currentData())
                for name, combo in self.activity_combos.items()
                if combo.currentData() != AS_TAG
            }
            return ImportChoice(kind, daylio=DaylioOptions(moods, activities))
        mood = self.default_mood.currentData()
        return None if mood is None else ImportChoice(kind, default_mood=mood)

    def reread(self) -> None:
        """Read the file again for the choices as they are now, and preview it."""
        sniffed = self._sniffed
        if sniffed is None:
            return
        self._generation += 1
        generation = self._generation
        self.import_button.setEnabled(False)
        choice = self.choice()
        if choice is None:
            kind = self._kind()
            label = kind.label if kind is not None else "This app"
            self._show_summary(f"Choose the mood for every entry: {label} does not record one.", [])
            return
        self.summary.setText("Reading the file\u2026")

        def work() -> ReadFile:
            return read_checkins(sniffed.data, sniffed.path, choice)

        self._start(work, lambda read: self._read_done(generation, read), self._unreadable)

    def _read_done(self, generation: int, read: ReadFile) -> None:
        if generation != self._generation:
            return  # a later choice has been made
        self._read = read
        self.preview = self._session.import_preview(read)
        self._show_summary(self.preview.summary(), self.preview.problem_lines())
        self.import_button.setEnabled(self.preview.can_import)
        if self.preview.can_import:
            self.import_button.setDefault(True)
            if self.focusWidget() in (None, self.cancel_button):
                self.import_button.setFocus()  # never taken from a choice being made

    def _show_summary(self, text: str, problems: list[str]) -> None:
        if problems and self.preview is not None:
            text = self.preview.headline()  # the list below says which
        self.summary.setText(text)
        self.summary.setAccessibleName(text)
        self.problems.setPlainText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    # -- importing -----------------------------------------------------------------

    def _import(self) -> None:
        read, preview = self._read, self.preview
        if read is None or preview is None or not preview.can_import:
            return
        try:
            count = self._session.import_checkins(read.checkins, read.contacts)
        except Exception:  # noqa: BLE001 - shown; the one transaction changed nothing
            self.notice.show_notice(
                "Nothing was imported: the vault could not take the check-ins. Your journal "
                "is as it was."
            )
            return
        self.imported.emit(count)
        self.accept()
