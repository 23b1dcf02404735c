"""Support: urgent help first, then your own contacts, then services grouped plainly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.contacts import (
    CONTACT_KIND_LABELS,
    InvalidContact,
    OwnContact,
    contact_from_record,
)
from wellbeing_app.domain.dates import day_month_year
from wellbeing_app.domain.support import GROUPS, Audience, Nation, Status, SupportService
from wellbeing_app.services.session import Session
from wellbeing_app.services.support import load_catalogue
from wellbeing_app.ui.clipboard import ClipboardGuard
from wellbeing_app.ui.notice import Notice
from wellbeing_app.ui.widgets import empty_layout

NATION_LABELS = {
    Nation.ENGLAND_WALES: "England and Wales",
    Nation.SCOTLAND: "Scotland",
    Nation.NORTHERN_IRELAND: "Northern Ireland",
}
AUDIENCE_LABELS = {
    Audience.OFFICERS: "a police officer",
    Audience.STAFF: "police staff",
    Audience.RETIRED: "retired",
    Audience.FAMILY: "family of someone in policing",
}

# Opening links is one function, so tests can check the address without a browser.
open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl


def _label(text: str, name: str | None = None, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


class ContactDialog(QDialog):
    """Add or edit one of your own contacts."""

    def __init__(self, contact: OwnContact | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit contact" if contact else "Add a contact")
        self._id = contact.id if contact else None
        column = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind, label in CONTACT_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. the EAP line, or a name")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("Optional")
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("Optional, e.g. hours or how to refer yourself")
        form.addRow("Who", self.kind)
        form.addRow("Name", self.name)
        form.addRow("Phone", self.phone)
        form.addRow("Notes", self.notes)
        column.addLayout(form)
        self.problem = Notice("notice")
        column.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        if contact is not None:
            self.kind.setCurrentIndex(self.kind.findData(contact.kind.value))
            self.name.setText(contact.name)
            self.phone.setText(contact.phone or "")
            self.notes.setText(contact.notes or "")
        self.result_contact: OwnContact | None = None
        self.setMinimumWidth(460)

    def _save(self) -> None:
        record: dict[str, object] = {
            "kind": self.kind.currentData(),
            "name": self.name.text(),
            "phone": self.phone.text().strip() or None,
            "notes": self.notes.text().strip() or None,
        }
        if self._id:
            record["id"] = self._id
        try:
            self.result_contact = contact_from_record(record)
        except InvalidContact as invalid:
            self.problem.show_notice("; ".join(str(p) for p in invalid.problems).capitalize())
            return
        self.accept()


class SupportPage(QWidget):
    """Emits ``edit_contact_requested(contact or None)`` so the window can run the dialog."""

    title = "Support"
    contacts_changed = Signal()

    def __init__(
        self, session: Session, clipboard: ClipboardGuard, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._clipboard = clipboard
        self.copy_buttons: dict[str, QPushButton] = {}
        self.link_buttons: dict[str, QPushButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own
        outer.addWidget(scroll)
        self.body = QWidget()
        scroll.setWidget(self.body)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(24, 16, 24, 16)
        self.column.setSpacing(12)
        self.copied = Notice("calm")
        self.rebuild()

    # -- building ---------------------------------------------------------------------

    def rebuild(self) -> None:
        """(Re)build every card, for the current filters and contacts."""
        empty_layout(self.column, keep=(self.copied,))
        self.copy_buttons.clear()
        self.link_buttons.clear()
        catalogue = load_catalogue()
        nation, audience = self._session.support_filters()

        heading = _label("Support", "title")
        self.column.addWidget(heading)
        urgent = QFrame()
        urgent.setObjectName("urgent")
        urgent_column = QVBoxLayout(urgent)
        urgent_column.addWidget(
            _label("If your life is at risk right now, call 999 or go to A&E.", "heading")
        )
        lines = [s for s in catalogue.urgent(nation) if s.group != "emergency"]
        urgent_column.addWidget(_label("Someone to talk to, at any hour of the day or night:"))
        for service in lines:
            urgent_column.addWidget(self._compact_line(service, nation))
        self.column.addWidget(urgent)
        self.column.addWidget(self.copied)

        # Your own contacts come first after urgent help.
        self.column.addWidget(_label("Your own contacts", "heading"))
        contacts = self._session.own_contacts()
        if not contacts:
            self.column.addWidget(
                _label(
                    "Add the people and services you would turn to: your force's employee "
                    "assistance programme, occupational health, your TRiM practitioner, a "
                    "peer supporter, your Federation or UNISON rep, your GP. They are kept "
                    "encrypted with your check-ins.",
                    "muted",
                )
            )
        for contact in contacts:
            self.column.addWidget(self._contact_card(contact))
        self.add_contact_button = QPushButton("Add a contact…")
        self.add_contact_button.clicked.connect(lambda: self.edit_contact(None))
        self.column.addWidget(self.add_contact_button, 0, Qt.AlignmentFlag.AlignLeft)

        where = NATION_LABELS.get(nation, "anywhere in the UK") if nation else "anywhere in the UK"
        who = AUDIENCE_LABELS.get(audience, "") if audience else ""
        shown_for = f"Showing services for {where}" + (f", for {who}" if who else "")
        self.filters_note = _label(f"{shown_for}. You can change this in Settings.", "muted")
        self.column.addWidget(self.filters_note)

        for group, heading_text in GROUPS.items():
            services = [
                s for s in catalogue.in_group(group) if not s.urgent and s.serves(nation, audience)
            ]
            if not services:
                continue
            self.column.addWidget(_label(heading_text, "heading"))
            for service in services:
                self.column.addWidget(self._service_card(service))
        self.column.addStretch(1)

    def _compact_line(self, service: SupportService, nation: Nation | None) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        how, number = _how_to_reach(service)
        # "Lifeline (Northern Ireland only)" under a UK-wide filter: say where it serves.
        name = _escape(service.name_for(nation))
        layout.addWidget(_label(f"<b>{name}</b>: {how}", rich=True), 1)
        if number:
            layout.addWidget(self._copy_button(service, number))
        return row

    def _service_card(self, service: SupportService) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        grid.addWidget(_label(service.name, "heading"), 0, 0)
        grid.addWidget(_label(service.what), 1, 0, 1, 2)
        how, number = _how_to_reach(service)
        details = [how[0].upper() + how[1:] + "."] if how else []
        hours = service.opening_hours()
        if hours:
            details.append(hours)
        if details:
            grid.addWidget(_label(" ".join(details)), 2, 0, 1, 2)
        buttons = QHBoxLayout()
        if number:
            buttons.addWidget(self._copy_button(service, number))
        if service.url:
            link = QPushButton("Open website")
            link.setToolTip(service.url)
            link.setAccessibleName(f"Open the website of {service.name} in your browser")
            link.clicked.connect(lambda _c=False, u=service.url: open_url(QUrl(u)))
            buttons.addWidget(link)
            self.link_buttons[service.id] = link
        buttons.addStretch(1)
        grid.addLayout(buttons, 3, 0, 1, 2)
        checked = f"Last checked {day_month_year(service.last_verified)}"
        if service.status is Status.SECONDARY and service.note:
            checked += f". {service.note}"
        grid.addWidget(_label(checked, "hint"), 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return card

    def _contact_card(self, contact: OwnContact) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        row = QHBoxLayout(card)
        text = f"<b>{_escape(contact.name)}</b> ({_escape(contact.label)})"
        if contact.phone:
            text += f"<br>{_escape(contact.phone)}"
        if contact.notes:
            text += f"<br><span>{_escape(contact.notes)}</span>"
        row.addWidget(_label(text, rich=True), 1)
        if contact.phone:
            copy = QPushButton("Copy number")
            copy.clicked.connect(
                lambda _c=False, n=contact.phone, name=contact.name: self._copy(n, name)
            )
            row.addWidget(copy)
            self.copy_buttons[f"contact:{contact.id}"] = copy
        edit = QPushButton("Edit…")
        edit.clicked.connect(lambda _c=False, c=contact: self.edit_contact(c))
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda _c=False, c=contact: self.remove(c))
        row.addWidget(edit)
        row.addWidget(remove)
        return card

    def _copy_button(self, service: SupportService, number: str) -> QPushButton:
        button = QPushButton("Copy number")
        button.setAccessibleName(f"Copy the number for {service.name}: {number}")
        button.clicked.connect(lambda _c=False, n=number, s=service.name: self._copy(n, s))
        self.copy_buttons.setdefault(service.id, button)
        return button

    def _copy(self, number: str, name: str) -> None:
        self._clipboard.copy(number)
        self.copied.show_notice(f"Copied {number} ({name}).", seconds=6)

    # -- contacts ------------------------------------------------------------------------

    def edit_contact(self, contact: OwnContact | None) -> None:
        dialog = ContactDialog(contact, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(lambda: self._contact_saved(dialog.result_contact))
        dialog.open()

    def _contact_saved(self, contact: OwnContact | None) -> None:
        if contact is not None and self._session.is_open:
            self._session.save_contact(contact)
            self.rebuild()
            self.contacts_changed.emit()

    def remove(self, contact: OwnContact) -> None:
        if self._session.is_open:
            self._session.remove_contact(contact.id)
            self.rebuild()
            self.contacts_changed.emit()


def _how_to_reach(service: SupportService) -> tuple[str, str]:
    """A plain instruction and the number to copy (empty if there is no number)."""
    if service.phone:
        return f"call {service.phone}", service.phone
    if service.text is not None:
        return service.text.instruction(), service.text.number
    return "", ""


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
