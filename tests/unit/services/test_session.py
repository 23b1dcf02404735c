"""The one door: a Session opens, offers the use cases, and locks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE
from wellbeing_app.domain.journal import JournalFilter
from wellbeing_app.domain.search_terms import parse_query
from wellbeing_app.services.errors import VaultLockedError, WrongSecretError
from wellbeing_app.services.session import (
    Session,
    VaultState,
    looks_like_recovery_key,
    read_key_slots,
    vault_state,
)

RECORD = {"date": "2026-11-20", "mood": 3, "took_home": "kestrel by the river"}


def test_create_open_and_lock(data_dir: Path) -> None:
    assert vault_state(data_dir) is VaultState.NONE
    session, recovery = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    assert looks_like_recovery_key(recovery) and not looks_like_recovery_key("kestrel")
    with session:
        session.save_new_checkin(RECORD)
    assert not session.is_open
    with pytest.raises(VaultLockedError):
        session.count()
    with pytest.raises(WrongSecretError):
        Session.open(data_dir, "not the passphrase at all")
    slots = read_key_slots(data_dir)
    with Session.open_with_data_key(data_dir, slots.unwrap(recovery)) as again:
        assert again.count() == 1
        assert again.checkins_between()[0].took_home == "kestrel by the river"


def test_a_draft_autosave_does_not_count_as_a_change_to_the_check_ins(data_dir: Path) -> None:
    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with session:
        before = session.checkin_revision
        session.save_draft(RECORD, None)
        session.save_draft({**RECORD, "mood": 4}, None)
        assert session.checkin_revision == before  # Trends need not reload for a draft
        saved = session.save_new_checkin(RECORD)
        assert session.checkin_revision == before + 1
        deleted = session.delete_checkin(saved.id)
        assert deleted is not None and session.checkin_revision == before + 2
        session.undo_delete(deleted)
        assert session.checkin_revision == before + 3


def test_journal_matches_streams_newest_first_and_stops_at_the_limit(data_dir: Path) -> None:
    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with session:
        for day in range(1, 29):
            session.save_new_checkin({**RECORD, "date": date(2026, 2, day).isoformat()})
        where = JournalFilter(query=parse_query("kestrel", prefix_last=False))
        every = list(session.journal_matches(where))
        assert [row.date.day for row in every] == list(range(28, 0, -1))
        newest = list(session.journal_matches(where, limit=3))
        assert [row.date.day for row in newest] == [28, 27, 26]
        assert list(session.journal_matches(JournalFilter(query=parse_query("heron")))) == []


def test_an_import_with_contacts_is_one_transaction(data_dir: Path, tmp_path: Path) -> None:
    from wellbeing_app.domain.contacts import ContactKind, OwnContact
    from wellbeing_app.domain.interchange import checkins_to_json
    from wellbeing_app.domain.synthetic import synthetic_checkins
    from wellbeing_app.services.import_export import open_import

    checkins = synthetic_checkins(1200, end=date(2026, 11, 20), seed=8)
    contacts = [OwnContact(ContactKind.GP, "Dr Ng"), OwnContact(ContactKind.OTHER, "Sam")]
    source = tmp_path / "in.json"
    source.write_text(checkins_to_json(checkins, contacts), encoding="utf-8")
    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with session:
        session.save_contact(contacts[0])
        before = session.vault.revision
        with open_import(source) as opened:
            assert session.import_from(opened).added == len(checkins)
        assert session.vault.revision == before + 1  # check-ins and contacts, one commit
        assert session.checkins_between() == checkins
        assert session.own_contacts() == contacts


def test_an_export_to_a_file_is_the_same_as_the_export_to_standard_output(
    data_dir: Path, tmp_path: Path
) -> None:
    from wellbeing_app.domain.file_formats import ExportFormat
    from wellbeing_app.domain.synthetic import synthetic_checkins

    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with session:
        session.import_checkins(synthetic_checkins(900, end=date(2026, 11, 20), seed=9))
        for fmt in ExportFormat:
            target = tmp_path / f"out.{fmt.value}"
            assert session.export_to(target, fmt) == 900
            pieces = session.export_pieces(fmt)
            assert b"".join(pieces) == target.read_bytes() and pieces.count == 900


def test_search_hits_are_the_journal_matches_as_a_plain_list(data_dir: Path) -> None:
    from wellbeing_app.domain.synthetic import synthetic_checkins

    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with session:
        session.import_checkins(synthetic_checkins(2500, end=date(2026, 11, 20), seed=10))
        where = JournalFilter(query=parse_query("the", prefix_last=False))
        rows = list(session.journal_matches(where))
        hits = list(session.search_hits(where))
        assert len(rows) > 1000  # pages of 100, 400 and more, each read ahead
        assert hits == [(r.id, r.date, r.shift_type, r.mood, r.preview) for r in rows]
        assert list(session.search_hits(where, limit=150)) == hits[:150]
        assert list(session.search_hits(JournalFilter(query=parse_query("zebra")))) == []


def test_an_import_skips_and_counts_check_ins_already_in_the_vault(data_dir: Path) -> None:
    """Ids the vault holds, in any batch, are skipped (never doubled) and counted; the
    rest go in, in order, and a second import of the same check-ins adds nothing."""
    import dataclasses

    from wellbeing_app.domain.synthetic import synthetic_checkins

    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with session:
        held = synthetic_checkins(3, end=date(2020, 1, 3), seed=14)
        session.import_checkins(held)
        incoming = synthetic_checkins(2500, end=date(2026, 11, 20), seed=15)  # three batches
        taken_at = {1200: held[0], 2100: held[1], 2499: held[2]}
        incoming = [
            dataclasses.replace(c, id=taken_at[i].id) if i in taken_at else c
            for i, c in enumerate(incoming)
        ]
        count = session.import_checkins(incoming)
        assert (count.added, count.skipped) == (2497, 3)
        assert session.count() == 2500
        assert session.get_checkin(held[0].id) == held[0]  # the vault's own copy is kept
        again = session.import_checkins(incoming)
        assert (again.added, again.skipped) == (0, 2500)
        assert session.count() == 2500


def test_suggestions_read_the_words_of_an_old_check_in_edited_today(data_dir: Path) -> None:
    from datetime import timedelta

    from wellbeing_app.domain.signposting import SuggestionKind

    today = date.today()
    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with session:
        old = session.save_new_checkin(
            {"date": (today - timedelta(days=40)).isoformat(), "mood": 3, "took_home": "Tired."}
        )
        for days in range(3):
            session.save_new_checkin(
                {"date": (today - timedelta(days=days)).isoformat(), "mood": 4}
            )
        assert SuggestionKind.URGENT_HELP not in {s.kind for s in session.suggestions()}
        record = {"date": old.date.isoformat(), "mood": 3, "took_home": "I want to die"}
        session.update_checkin(old.id, record)
        urgent = [s for s in session.suggestions() if s.kind is SuggestionKind.URGENT_HELP]
        assert [s.checkin_id for s in urgent] == [old.id]
