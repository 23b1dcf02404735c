"""Settings › Self-checks on Today: which questionnaires to be offered, and how often."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from wellbeing_app.domain.selfchecks import load_instruments
from wellbeing_app.domain.signposting import SelfCheckOffers
from wellbeing_app.services.session import Session

HOW_OFTEN: Final = (("Every month", 30), ("Every two weeks", 14), ("Every three months", 91))


class SelfCheckOffersSection(QWidget):
    """Off until chosen; a due questionnaire is then one line on Today, never a pop-up."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Self-checks on Today")
        heading.setObjectName("heading")
        column.addWidget(heading)
        text = QLabel(
            "Took Home can offer a questionnaire now and then, as one quiet line on Today that "
            "you can dismiss. It never pops up, and no notification names it."
        )
        text.setWordWrap(True)
        column.addWidget(text)
        offers = session.selfcheck_offers()
        self.choices: dict[str, QCheckBox] = {}
        for instrument in load_instruments().values():
            box = QCheckBox(f"Offer me the {instrument.name}")
            box.setChecked(instrument.id in offers.instruments)
            box.toggled.connect(self._changed)
            self.choices[instrument.id] = box
            column.addWidget(box)
        row = QHBoxLayout()
        caption = QLabel("How often")
        self.how_often = QComboBox()
        self.how_often.setAccessibleName("How often to offer a self-check")
        for label, days in HOW_OFTEN:
            self.how_often.addItem(label, days)
        self.how_often.setCurrentIndex(max(self.how_often.findData(offers.every_days), 0))
        self.how_often.currentIndexChanged.connect(self._changed)
        caption.setBuddy(self.how_often)
        row.addWidget(caption)
        row.addWidget(self.how_often)
        row.addStretch(1)
        column.addLayout(row)

    def _changed(self, *_args: object) -> None:
        chosen = tuple(key for key, box in self.choices.items() if box.isChecked())
        self._session.set_selfcheck_offers(
            SelfCheckOffers(chosen, int(self.how_often.currentData()))
        )
