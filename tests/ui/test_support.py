"""The Support page, your own contacts, filters, and suggestions after a check-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support import PASSPHRASE
from tests.ui.conftest import unlock
from wellbeing_app.domain.contacts import ContactKind, OwnContact
from wellbeing_app.domain.support import Audience, Nation
from wellbeing_app.services.support import own_contacts, save_contact
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui import support_page as support_module
from wellbeing_app.ui.help_dialog import UrgentHelpDialog


def _open_support(qtbot: QtBot, window):  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    window.show_page("Support")
    page = window.support_page
    assert page is not None
    return page


def test_urgent_lines_come_first_without_scrolling(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    page = _open_support(qtbot, window)
    first_card = next(
        w for w in page.body.findChildren(type(page.body)) if w.objectName() == "urgent"
    )
    texts = " ".join(label.text() for label in first_card.findChildren(type(page.filters_note)))
    assert "If your life is at risk right now, call 999 or go to A&E." in texts
    for number in ("0300 131 2789", "116 123", "85258"):
        assert number in texts
    assert "0300 012 0030" not in texts  # Police Care UK is office hours, never urgent
    # Fully visible at the default window size, no scrolling needed.
    bottom = first_card.mapTo(page, first_card.rect().bottomLeft()).y()
    assert bottom < page.height()


def test_a_copied_number_is_on_the_clipboard_with_a_visible_note(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    page = _open_support(qtbot, make_window())
    qtbot.mouseClick(page.copy_buttons["police_care_uk"], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "0300 012 0030"
    assert page.copied.isVisible() and "Copied 0300 012 0030" in page.copied.text()


def test_websites_open_in_the_system_browser(
    qtbot: QtBot, make_window, existing_vault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(support_module, "open_url", lambda url: opened.append(url.toString()))
    page = _open_support(qtbot, make_window())
    qtbot.mouseClick(page.link_buttons["police_care_uk"], Qt.MouseButton.LeftButton)
    assert opened == ["https://policecare.org.uk"]
    assert isinstance(QUrl(opened[0]), QUrl)


def test_each_card_shows_when_it_was_last_checked(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    page = _open_support(qtbot, make_window())
    labels = [label.text() for label in page.body.findChildren(type(page.filters_note))]
    assert sum("Last checked 23 November 2026" in t for t in labels) >= 10


def test_own_contacts_survive_lock_and_unlock_and_come_first(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    page = _open_support(qtbot, window)
    page.edit_contact(None)
    from wellbeing_app.ui.support_page import ContactDialog

    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, ContactDialog) and w.isVisible()
    )
    dialog.kind.setCurrentIndex(dialog.kind.findData(ContactKind.TRIM.value))
    qtbot.keyClicks(dialog.name, "Sam, TRiM")
    qtbot.keyClicks(dialog.phone, "07700 900123")
    dialog._save()
    window.lock()
    unlock(qtbot, window)
    assert window.session is not None
    (contact,) = own_contacts(window.session.vault)
    assert (contact.kind, contact.name, contact.phone) == (
        ContactKind.TRIM,
        "Sam, TRiM",
        "07700 900123",
    )
    window.show_page("Support")
    page = window.support_page
    assert page is not None
    qtbot.mouseClick(page.copy_buttons[f"contact:{contact.id}"], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "07700 900123"
    window.lock()
    # Encrypted with the check-ins: the name is nowhere in plain text.
    from tests.support import sentinel_hits

    assert sentinel_hits(data_dir, "Sam, TRiM") == []
    with Vault.open(data_dir, PASSPHRASE) as vault:
        assert own_contacts(vault) == [contact]


def test_a_contact_needs_a_name_and_a_real_number(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    page = _open_support(qtbot, make_window())
    from wellbeing_app.ui.support_page import ContactDialog

    dialog = ContactDialog(None, page)
    qtbot.addWidget(dialog)
    dialog.phone.setText("call me")
    dialog._save()
    assert dialog.result_contact is None
    assert "name" in dialog.problem.text().lower() and "phone" in dialog.problem.text().lower()


def test_filters_set_in_settings_change_the_services(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    page = _open_support(qtbot, window)
    assert "breathing_space" in page.copy_buttons
    settings = window.settings_page
    assert settings is not None
    settings.nation.setCurrentIndex(settings.nation.findData(Nation.ENGLAND_WALES.value))
    settings.audience.setCurrentIndex(settings.audience.findData(Audience.STAFF.value))
    page = window.support_page
    assert page is not None
    assert "breathing_space" not in page.copy_buttons  # Scotland only
    assert "unison_there_for_you" in page.copy_buttons  # for police staff
    assert "England and Wales" in page.filters_note.text()


def test_after_a_save_one_line_points_to_today_and_nothing_sits_above_the_form(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None
    window.show_page("Check in")
    assert not form.suggestions.isVisible()
    form.scales["mood"].setValue(3)
    form.exposures.setSelected(("assaulted_on_duty",))
    assert form.save() is not None
    line = form.suggestions
    assert line.isVisible() and "TRiM" in line.text.text() and "more" in line.text.text()
    assert line.button.text() == "See Today"
    # Above the form: the title, "Saved …", this one line, then the date.
    date_top = form.date.mapTo(line.parentWidget(), QPoint(0, 0)).y()
    assert form.confirmation.geometry().bottom() < line.geometry().top()
    assert line.geometry().bottom() < date_top
    with qtbot.waitSignal(form.see_today_requested):
        qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    # Starting the next check-in puts the line away; re-opening the form never shows it.
    form.scales["mood"].setValue(4)
    assert not line.isVisible()
    window.lock()
    unlock(qtbot, window)
    assert window.checkin_page is not None and not window.checkin_page.suggestions.isVisible()


def test_a_dismissed_suggestion_is_not_named_after_the_next_save(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form, session = window.checkin_page, window.session
    assert form is not None and session is not None
    form.scales["mood"].setValue(3)
    form.exposures.setSelected(("assaulted_on_duty",))
    assert form.save() is not None
    named = form.suggestions.suggestion
    assert named is not None
    session.dismiss_suggestion(named.key)
    form.scales["mood"].setValue(3)
    assert form.save() is not None
    assert form.suggestions.suggestion is not None
    assert form.suggestions.suggestion.key != named.key


def test_crisis_words_show_urgent_help_at_once_and_never_block_the_save(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(1)
    form.took_home.setPlainText("I can't see a way through. I want to end it all.")
    assert form.save() is not None
    dialogs = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, UrgentHelpDialog) and w.isVisible()
    ]
    assert len(dialogs) == 1
    assert "You don't have to face this alone" in dialogs[0].kind_opening.text()
    # The line under "Saved" never stands in for urgent help: the dialog is that.
    assert "alone" not in form.suggestions.text.text()
    dialogs[0].close()
    window.lock()
    with Vault.open(data_dir, PASSPHRASE) as vault:
        from wellbeing_app.storage.repository import CheckInRepository

        assert CheckInRepository(vault).count() == 1


def test_a_third_person_report_does_not_raise_urgent_help(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(3)
    form.took_home.setPlainText("The man on the bridge said he wanted to end it all. We talked.")
    assert form.save() is not None
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, UrgentHelpDialog) and w.isVisible()
    ]


def test_own_contacts_are_in_a_json_export(run_cli, existing_vault: str, data_dir: Path) -> None:
    with Vault.open(data_dir, PASSPHRASE) as vault:
        save_contact(vault, OwnContact(ContactKind.GP, "Dr's surgery", "0113 496 0000"))
    result = run_cli("export", "-o", "-", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.code == 0
    import json

    document = json.loads(result.stdout)
    assert document["contacts"][0]["name"] == "Dr's surgery"
