"""No plaintext anywhere: one end-to-end session in the real window, then a scan of the disk.

The promise (DESIGN.md, "Promises"): no plaintext of any reflection, tag or
score ever reaches the disk outside an export that the user asked for: not
the database, WAL or journal, drafts, backups, logs, settings, caches or
temp files.

The test plants a sentinel in a reflection, a tag and a draft, then runs a
full session (check-in, search, charts, an encrypted backup, lock and
unlock), and scans every place in ``SCANNED_PLACES`` for the sentinel in
UTF-8, UTF-16-LE and UTF-16-BE (``tests.support.sentinel_hits``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits
from tests.ui.conftest import ScriptedPrompts, make_window, prompts, unlock  # noqa: F401
from wellbeing_app import paths
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.services.backups import list_backups
from wellbeing_app.services.preferences import PREFERENCES_FILE
from wellbeing_app.storage.drafts import DraftStore
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.main_window import MainWindow

# One FTS token (letters and digits only), short enough to be a tag, and new each run,
# so a copy left by another run of this test can never be mistaken for a leak.
SENTINEL = "KAKAPO" + uuid.uuid4().hex[:12].upper() + "SENTINEL"

# Every place the scan covers. ``_places`` resolves each label to folders.
SCANNED_PLACES: tuple[str, ...] = (
    "data dir, recursively (database, key file, -wal/-shm/-journal, settings.json)",
    "data dir/backups (the automatic backups and the one from Back up now…)",
    "data dir/logs (the event log and its rotations)",
    "TMPDIR (the test's own temp dir)",
    "Qt's temp dir, QDir.tempPath()",
    "Python's tempfile.gettempdir() (files changed during the test)",
    "HOME, recursively (the test's isolated home)",
    "XDG_CONFIG_HOME (QSettings files live here)",
    "XDG_CACHE_HOME (matplotlib and Qt caches)",
    "XDG_DATA_HOME (recently-used.xbel and other desktop data)",
    "XDG_RUNTIME_DIR",
    "the folder of Qt's own QtProject.conf, QSettings(UserScope, 'QtProject')",
    "the folder of the app's QSettings file, QSettings() of this QApplication",
    "the folder of QSettings(UserScope, 'took-home', 'wellbeing-app')",
    "QStandardPaths writable locations (config, app config, app data, cache, runtime, temp)",
)


@pytest.fixture
def session_vault(data_dir: Path) -> Path:
    """A locked vault with eight weeks of check-ins, so every chart has something to draw."""
    vault, _recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(
        synthetic_checkins(56, end=date.today() - timedelta(days=1), seed=9)
    )
    vault.lock()
    return data_dir


def _places(data_dir: Path, home: Path, tmp_dir: Path) -> dict[str, list[Path]]:
    def env(name: str) -> list[Path]:
        return [Path(os.environ[name])]

    def settings_folder(settings: QSettings) -> list[Path]:
        return [Path(settings.fileName()).parent]

    locations = [
        QStandardPaths.StandardLocation.ConfigLocation,
        QStandardPaths.StandardLocation.AppConfigLocation,
        QStandardPaths.StandardLocation.AppLocalDataLocation,
        QStandardPaths.StandardLocation.CacheLocation,
        QStandardPaths.StandardLocation.GenericCacheLocation,
        QStandardPaths.StandardLocation.RuntimeLocation,
        QStandardPaths.StandardLocation.TempLocation,
    ]
    places = {
        SCANNED_PLACES[0]: [data_dir],
        SCANNED_PLACES[1]: [data_dir / paths.BACKUPS_DIR_NAME],
        SCANNED_PLACES[2]: [data_dir / paths.LOGS_DIR_NAME],
        SCANNED_PLACES[3]: [tmp_dir],
        SCANNED_PLACES[4]: [Path(QDir.tempPath())],
        SCANNED_PLACES[5]: [Path(tempfile.gettempdir())],
        SCANNED_PLACES[6]: [home],
        SCANNED_PLACES[7]: env("XDG_CONFIG_HOME"),
        SCANNED_PLACES[8]: env("XDG_CACHE_HOME"),
        SCANNED_PLACES[9]: env("XDG_DATA_HOME"),
        SCANNED_PLACES[10]: env("XDG_RUNTIME_DIR"),
        SCANNED_PLACES[11]: settings_folder(QSettings(QSettings.Scope.UserScope, "QtProject")),
        SCANNED_PLACES[12]: settings_folder(QSettings()),
        SCANNED_PLACES[13]: settings_folder(
            QSettings(QSettings.Scope.UserScope, "took-home", "wellbeing-app")
        ),
        SCANNED_PLACES[14]: [Path(QStandardPaths.writableLocation(loc)) for loc in locations],
    }
    assert list(places) == list(SCANNED_PLACES)
    return places


def _is_shared(folder: Path, own: list[Path]) -> bool:
    """A folder outside the test's own tree (the system temp dir, say)."""
    return not any(folder == mine or folder.is_relative_to(mine) for mine in own)


_SHARED_LIMIT = 64 * 1024 * 1024  # nothing this app writes is larger; skip others' big files


def _changed_since(folder: Path, start: float) -> list[Path]:
    """Regular files under a shared folder written since ``start`` (the test's beginning)."""
    found = []
    for root, _dirs, files in os.walk(folder, onerror=lambda _e: None):
        for name in files:
            path = Path(root) / name
            try:
                stat = path.stat()
                if path.is_file() and stat.st_mtime >= start and stat.st_size <= _SHARED_LIMIT:
                    found.append(path)
            except OSError:
                continue
    return found


def _scan(
    places: dict[str, list[Path]], own: list[Path], start: float
) -> tuple[list[str], set[Path]]:
    """Every sentinel hit, and the files that were read."""
    hits: set[str] = set()
    scanned: set[Path] = set()
    for folders in places.values():
        for folder in folders:
            if not folder.is_dir():
                continue
            if _is_shared(folder, own):
                # Only what changed while the test ran: it is not ours to read the rest.
                fresh = _changed_since(folder, start)
                staging = Path(tempfile.mkdtemp(dir=own[0]))
                try:
                    for n, path in enumerate(fresh):
                        try:
                            shutil.copyfile(path, staging / f"{n}-{path.name}")
                        except OSError:
                            continue
                    hits.update(
                        h.replace(str(staging), str(folder))
                        for h in sentinel_hits(staging, SENTINEL)
                    )
                finally:
                    shutil.rmtree(staging)
                scanned.update(fresh)
                continue
            hits.update(sentinel_hits(folder, SENTINEL))
            scanned.update(p for p in folder.rglob("*") if p.is_file())
    return sorted(hits), scanned


def test_a_full_session_leaves_no_plaintext_anywhere(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],  # noqa: F811 - the fixture from tests/ui
    prompts: ScriptedPrompts,  # noqa: F811 - the fixture from tests/ui
    session_vault: Path,
    data_dir: Path,
    isolated_home: Path,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    start = time.time() - 1
    tmp_dir = tmp_path / "tmp"
    window = make_window()
    unlock(qtbot, window)
    assert window.is_unlocked and window.session is not None
    qtbot.waitUntil(lambda: len(list_backups(data_dir)) == 1, timeout=10_000)  # automatic

    # -- a check-in with the sentinel in the reflection and in a tag ---------------------
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(2)
    form.scales["stress"].setValue(4)
    qtbot.keyClicks(form.took_home, f"Long night. {SENTINEL} stayed with me on the drive home.")
    qtbot.keyClicks(form.tags, f"{SENTINEL}, nights")
    saved = form.save()
    assert saved is not None
    assert SENTINEL in saved.tags and SENTINEL in (saved.took_home or "")

    # -- a draft, typed and not saved, that autosaves into the vault --------------------------
    form.draft_timer.setInterval(50)
    qtbot.keyClicks(form.took_home, f"Half written: {SENTINEL} again")
    store = DraftStore(window.session.vault)

    def drafted() -> bool:
        draft = store.load()
        return draft is not None and f"{SENTINEL} again" in str(draft.record["took_home"])

    qtbot.waitUntil(drafted, timeout=5_000)

    # While the vault is open, the WAL holds the newest pages: scan it now too.
    assert (data_dir / (paths.DATABASE_NAME + "-wal")).exists()
    assert sentinel_hits(data_dir, SENTINEL) == []
    assert sentinel_hits(tmp_dir, SENTINEL) == []

    # -- search ------------------------------------------------------------------------------
    window.show_page("Journal")
    journal = window.journal_page
    assert journal is not None
    qtbot.keyClicks(journal.search, SENTINEL)
    qtbot.waitUntil(lambda: not journal.search_timer.isActive(), timeout=3_000)
    assert [journal.model.row_at(i).id for i in range(journal.model.rowCount())] == [saved.id]

    # -- charts ------------------------------------------------------------------------------
    window.show_page("Trends")
    trends = window.trends_page
    assert trends is not None
    trends.draw_now()

    # -- an encrypted backup, chosen with Back up now… ----------------------------------------
    window.show_page("Settings")
    settings_page = window.settings_page
    assert settings_page is not None
    chosen = data_dir / paths.BACKUPS_DIR_NAME / "chosen-by-me.thbackup"
    prompts.save_answer = chosen
    qtbot.mouseClick(settings_page.backup_button, Qt.MouseButton.LeftButton)
    assert chosen.exists()
    # A preference changed, so the settings file is written (and scanned) too.
    settings_page.idle_minutes.setValue(settings_page.idle_minutes.value() + 1)
    assert (data_dir / PREFERENCES_FILE).exists()

    # -- lock and unlock; an automatic backup that holds the sentinel ------------------------
    window.lock()
    assert not window.is_unlocked
    # Backups are made once a day: date today's back a day so the next unlock makes
    # another, and that one holds the sentinel too.
    first = list_backups(data_dir)[0]
    earlier = first.made_at - timedelta(days=1)
    first.path.rename(first.path.with_name(f"took-home-{earlier:%Y%m%d-%H%M%S}.thbackup"))
    unlock(qtbot, window)
    assert window.is_unlocked
    qtbot.waitUntil(lambda: len(list_backups(data_dir)) == 2, timeout=10_000)
    assert window.today_page is not None
    assert window.today_page.action.text() == "Continue your unfinished check-in"
    window.show_page("Check in")
    assert window.checkin_page is not None and window.checkin_page.draft_bar.isVisible()
    window.lock()
    assert not window.is_unlocked
    QApplication.processEvents()

    # -- the scan ----------------------------------------------------------------------------
    places = _places(data_dir, isolated_home, tmp_dir)
    hits, scanned = _scan(places, [tmp_path], start)
    assert hits == []
    ours = {p for p in scanned if p.is_relative_to(tmp_path)}
    assert len(ours) > 5, sorted(ours)
    assert {data_dir / paths.DATABASE_NAME, data_dir / PREFERENCES_FILE} <= ours
    found = {p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*") if p.is_file()}
    assert paths.DATABASE_NAME in found and paths.KEY_FILE_NAME in found
    assert sum(name.endswith(".thbackup") for name in found) == 3
    assert all(data_dir / name in ours for name in found)
    assert f"{paths.LOGS_DIR_NAME}/events.log" in found

    # The scan would have seen it: plant the sentinel in a copy, once in each encoding.
    canary = tmp_path_factory.mktemp("canary")
    shutil.copytree(data_dir, canary / "data")
    for encoding, target in zip(
        ("utf-8", "utf-16-le", "utf-16-be"),
        [chosen, data_dir / paths.DATABASE_NAME, data_dir / paths.LOGS_DIR_NAME / "events.log"],
        strict=True,
    ):
        copy = canary / "data" / target.relative_to(data_dir)
        copy.write_bytes(copy.read_bytes() + SENTINEL.encode(encoding))
    planted = sentinel_hits(canary, SENTINEL)
    assert len(planted) == 3, planted
