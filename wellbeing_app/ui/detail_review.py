""" "Before you save": text that looks like operational detail, with Edit or Save anyway."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from wellbeing_app.domain.operational_detail import FlaggedSpan


@dataclass(frozen=True)
class FlaggedField:
    """Flagged spans in one field of the form ("What I took home", say)."""

    field_label: str
    spans: tuple[FlaggedSpan, ...]


class DetailReviewDialog(QDialog):
    """Shows each flagged piece with a plain reason. Never changes the text."""

    def __init__(self, flagged: list[FlaggedField], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before you save")
        column = QVBoxLayout(self)
        intro = QLabel(
            "Your journal is yours alone, but it is safer without details that could identify "
            "a person or a job. These parts look like that:"
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        items = []
        for field in flagged:
            for span in field.spans:
                items.append(
                    f"<li><b>\u201c{escape(span.text)}\u201d</b> in {escape(field.field_label)}: "
                    f"{escape(span.explanation)}</li>"
                )
        listing = QLabel(f"<ul>{''.join(items)}</ul>")
        listing.setWordWrap(True)
        column.addWidget(listing)
        ask = QLabel("You can edit them, or save as it is. Nothing is changed unless you edit it.")
        ask.setWordWrap(True)
        ask.setObjectName("muted")
        column.addWidget(ask)
        buttons = QDialogButtonBox()
        self.edit_button = buttons.addButton("Edit", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button = buttons.addButton("Save anyway", QDialogButtonBox.ButtonRole.AcceptRole)
        self.edit_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.setMinimumWidth(520)
