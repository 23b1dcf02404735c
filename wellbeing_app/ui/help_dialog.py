""" "Get help now": urgent help in plain words, reachable from every screen.

The facts come from the support catalogue (resources/support/uk.json), which
is checked against its sources; nothing here hard-codes a number.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.contacts import OwnContact
from wellbeing_app.domain.support import SupportService, urgent_help
from wellbeing_app.services.support import load_catalogue
from wellbeing_app.ui.clipboard import ClipboardGuard
from wellbeing_app.ui.widgets import Notice


class UrgentHelpDialog(QDialog):
    """The emergency line first, then the 24/7 lines, each number with a Copy button."""

    def __init__(
        self,
        clipboard: ClipboardGuard,
        parent: QWidget | None = None,
        *,
        kind_opening: bool = False,
        opening: str | None = None,
        own_contacts: Sequence[OwnContact] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Get help now")
        self.setModal(True)
        self._clipboard = clipboard
        services = urgent_help(load_catalogue())
        emergency, lines = services[0], services[1:]

        column = QVBoxLayout(self)
        column.setSpacing(12)
        if kind_opening:
            from wellbeing_app.domain.signposting import URGENT_TITLE

            kind_words = QLabel(
                f"<b>{URGENT_TITLE}.</b> Your check-in is saved. What you wrote sounded very "
                "hard, so here are people you can talk to right now."
            )
            kind_words.setWordWrap(True)
            column.addWidget(kind_words)
            self.kind_opening = kind_words
        elif opening is not None:
            said = QLabel(opening)
            said.setWordWrap(True)
            column.addWidget(said)
            self.kind_opening = said
        banner = QFrame()
        banner.setObjectName("urgent")
        banner_layout = QVBoxLayout(banner)
        headline = QLabel(emergency.what)
        headline.setObjectName("heading")
        headline.setWordWrap(True)
        banner_layout.addWidget(headline)
        column.addWidget(banner)

        intro = QLabel("You can talk to someone at any time, day or night:")
        intro.setWordWrap(True)
        column.addWidget(intro)

        # The lines scroll on a small screen; the emergency line above never does.
        self.copy_buttons: dict[str, QPushButton] = {}
        cards = QWidget()
        cards_column = QVBoxLayout(cards)
        cards_column.setContentsMargins(0, 0, 0, 0)
        cards_column.setSpacing(12)
        callable_own = [c for c in own_contacts if c.phone]
        if callable_own:
            mine = QLabel("People you chose:")
            mine.setObjectName("subheading")
            cards_column.addWidget(mine)
            for contact in callable_own:
                cards_column.addWidget(self._own_card(contact))
        for service in lines:
            cards_column.addWidget(self._line_card(service))
        cards_column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(cards)
        column.addWidget(scroll, 1)

        # Room for "Copied …" is kept from the start, so nothing moves or is cut
        # when it appears.
        self.copied = Notice("calm")
        policy = self.copied.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.copied.setSizePolicy(policy)
        self.copied.setMinimumHeight(self.copied.fontMetrics().lineSpacing() + 4)
        column.addWidget(self.copied)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.setMinimumWidth(min(640, _screen_width(self) - 32))
        self._fit_to_screen(cards, scroll)

    def _fit_to_screen(self, cards: QWidget, scroll: QScrollArea) -> None:
        """As tall as the lines need, but never taller than the screen's free area."""
        screen = self.screen()
        free = screen.availableGeometry() if screen is not None else None
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = self.sizeHint().height() - scroll.sizeHint().height() + cards.sizeHint().height()
        if free is not None:
            wanted = min(wanted, free.height() - 48)
        self.resize(max(self.minimumWidth(), 680), max(320, wanted))

    def _line_card(self, service: SupportService) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(16)
        name = QLabel(service.name)
        name.setObjectName("heading")
        grid.addWidget(name, 0, 0)
        if service.phone is not None:
            how, number = f"Call {service.phone}", service.phone
        else:
            assert service.text is not None
            how, number = service.text.instruction(), service.text.number
        contact = QLabel(how)
        contact.setObjectName("heading")
        contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(contact, 0, 1, Qt.AlignmentFlag.AlignRight)
        copy = QPushButton("Copy number")
        copy.setAccessibleName(f"Copy the number for {service.name}: {number}")
        copy.clicked.connect(lambda _c=False, n=number, s=service.name: self._copy(n, s))
        grid.addWidget(copy, 0, 2)
        hours = service.opening_hours()
        what = QLabel(f"{service.what} {hours}" if hours else service.what)
        what.setWordWrap(True)
        what.setObjectName("muted")
        grid.addWidget(what, 1, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.copy_buttons[service.id] = copy
        return card

    def _own_card(self, contact: OwnContact) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(16)
        name = QLabel(f"{contact.name} ({contact.label})")
        name.setObjectName("heading")
        grid.addWidget(name, 0, 0)
        assert contact.phone is not None
        number = contact.phone
        call = QLabel(f"Call {number}")
        call.setObjectName("heading")
        grid.addWidget(call, 0, 1, Qt.AlignmentFlag.AlignRight)
        copy = QPushButton("Copy number")
        copy.setAccessibleName(f"Copy the number for {contact.name}: {number}")
        copy.clicked.connect(lambda _c=False, n=number, s=contact.name: self._copy(n, s))
        grid.addWidget(copy, 0, 2)
        grid.setColumnStretch(0, 1)
        self.copy_buttons[f"own:{contact.id}"] = copy
        return card

    def _copy(self, number: str, name: str) -> None:
        self._clipboard.copy(number)
        self.copied.show_notice(f"Copied {number} ({name}).", seconds=6)


def _screen_width(widget: QWidget) -> int:
    screen = widget.screen()
    return screen.availableGeometry().width() if screen is not None else 1024
