"""Suggestion cards: a gentle offer of support, with the reason it is offered, dismissible."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_app.domain.contacts import OwnContact
from wellbeing_app.domain.signposting import Suggestion, SuggestionKind
from wellbeing_app.domain.support import SupportCatalogue

MAX_FOLLOW_UPS_SHOWN = 2


def _label(text: str, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class SuggestionCard(QFrame):
    dismissed = Signal(str)

    def __init__(
        self,
        suggestion: Suggestion,
        catalogue: SupportCatalogue,
        contacts: Sequence[OwnContact],
        copy: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self.setObjectName("urgent" if suggestion.kind is SuggestionKind.URGENT_HELP else "card")
        column = QVBoxLayout(self)
        column.addWidget(_label(suggestion.title, "heading"))
        column.addWidget(_label(suggestion.reason, "muted"))
        column.addWidget(_label(suggestion.body))
        lines: list[tuple[str, str]] = []  # (what to show, number to copy)
        if suggestion.own_contacts_first:
            lines += [
                (f"<b>{escape(c.name)}</b> ({escape(c.label)}): {escape(c.phone)}", c.phone)
                for c in contacts
                if c.phone
            ]
        for service_id in suggestion.service_ids:
            try:
                service = catalogue.by_id(service_id)
            except KeyError:
                continue
            if service.phone:
                lines.append(
                    (f"<b>{escape(service.name)}</b>: call {service.phone}", service.phone)
                )
            elif service.text is not None:
                lines.append(
                    (
                        f"<b>{escape(service.name)}</b>: {service.text.instruction()}",
                        service.text.number,
                    )
                )
            else:
                lines.append((f"<b>{escape(service.name)}</b>: {escape(service.what)}", ""))
        for text, number in lines:
            row = QHBoxLayout()
            shown = QLabel(text)
            shown.setWordWrap(True)
            row.addWidget(shown, 1)
            if number:
                button = QPushButton("Copy number")
                button.clicked.connect(lambda _c=False, n=number: copy(n, n))
                row.addWidget(button)
            column.addLayout(row)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName(f"Dismiss: {suggestion.title}")
        dismiss.clicked.connect(lambda: self.dismissed.emit(suggestion.key))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(dismiss)
        column.addLayout(buttons)
        self.dismiss_button = dismiss


class SuggestionsPanel(QWidget):
    """The current suggestions, most urgent first. ``dismissed(key)`` when one is closed."""

    dismissed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.cards: list[SuggestionCard] = []
        self.hide()

    def show_suggestions(
        self,
        suggestions: Sequence[Suggestion],
        catalogue: SupportCatalogue,
        contacts: Sequence[OwnContact],
        copy: Callable[[str, str], None],
    ) -> None:
        for card in self.cards:
            card.hide()  # at once, not only when the event loop next runs
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        follow_ups = 0
        for suggestion in suggestions:
            if suggestion.kind is SuggestionKind.FOLLOW_UP_CHECK_IN:
                follow_ups += 1
                if follow_ups > MAX_FOLLOW_UPS_SHOWN:
                    continue
            card = SuggestionCard(suggestion, catalogue, contacts, copy)
            card.dismissed.connect(self._dismiss)
            self.column.addWidget(card)
            self.cards.append(card)
        self.setVisible(bool(self.cards))

    def _dismiss(self, key: str) -> None:
        for card in list(self.cards):
            if card.suggestion.key == key:
                self.cards.remove(card)
                card.hide()
                card.setParent(None)
                card.deleteLater()
        self.setVisible(bool(self.cards))
        self.dismissed.emit(key)
