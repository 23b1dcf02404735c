"""After a check-in is saved: at most one short line of suggestion, and "See Today".

The suggestions themselves (each with its reason, its services and Dismiss)
live on the Today page; the check-in form only points there, so nothing ever
pushes the form below the fold. Crisis wording is not handled here: the main
window opens "Get help now" at once for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from wellbeing_app.domain.signposting import Suggestion, SuggestionKind

if TYPE_CHECKING:
    from wellbeing_app.domain.contacts import OwnContact
    from wellbeing_app.domain.support import SupportCatalogue


def first_to_mention(suggestions: Sequence[Suggestion]) -> Suggestion | None:
    """The suggestion the line names: the first one that is not urgent help."""
    return next((s for s in suggestions if s.kind is not SuggestionKind.URGENT_HELP), None)


def line_text(suggestions: Sequence[Suggestion]) -> str:
    """ "TRiM: support from colleagues … (and 2 more)", or "" when there is nothing to say."""
    shown = [s for s in suggestions if s.kind is not SuggestionKind.URGENT_HELP]
    if not shown:
        return ""
    more = len(shown) - 1
    return f"{shown[0].title}" + (f" (and {more} more)" if more else "") + "."


class SuggestionLine(QWidget):
    """One line under the "Saved" message, shown only just after a save.

    ``show_suggestions`` keeps the signature the main window calls; it shows
    the line only while ``expect_after_save`` has armed it, so the line never
    appears when the form is first opened. ``see_today`` fires on the button.
    ``dismissed`` is kept for callers that connect to it: dismissing happens on
    the Today page.
    """

    see_today = Signal()
    dismissed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.text = QLabel("")
        self.text.setObjectName("muted")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.button = QPushButton("See Today")
        self.button.setObjectName("link")
        self.button.setFlat(True)
        self.button.clicked.connect(self.see_today.emit)
        row.addWidget(self.button)
        self.suggestion: Suggestion | None = None
        self._armed = False
        self.hide()

    def expect_after_save(self) -> None:
        """The next ``show_suggestions`` call follows a save: it may show the line."""
        self._armed = True

    def show_suggestions(
        self,
        suggestions: Sequence[Suggestion],
        catalogue: SupportCatalogue | None = None,
        contacts: Sequence[OwnContact] = (),
        copy: Callable[[str, str], None] | None = None,
    ) -> None:
        """Name the first suggestion (after a save only); the rest wait on Today."""
        text = line_text(suggestions) if self._armed else ""
        self.suggestion = first_to_mention(suggestions) if text else None
        self.text.setText(text)
        self.button.setAccessibleName("See Today")
        self.button.setAccessibleDescription(f"On the Today page: {text}" if text else "")
        self.setVisible(bool(text))

    def clear_line(self) -> None:
        """Hide the line and wait for the next save (the user started a new check-in)."""
        self._armed = False
        self.suggestion = None
        self.text.setText("")
        self.hide()
