"""The demo: a throw-away vault of realistic made-up check-ins, so anyone can try the app."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import stat
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from wellbeing_app.domain.synthetic import (
    synthetic_checkins,
    synthetic_moments,
    synthetic_rota,
    synthetic_selfchecks,
)
from wellbeing_app.kdf import DEFAULT_KDF, KdfParams
from wellbeing_app.services.rota import save_rota
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

if TYPE_CHECKING:
    from wellbeing_app.services.session import Session

DEMO_DAYS: Final = 274  # about nine months
DEMO_PASSPHRASE: Final = "demo passphrase for trying things"
DEMO_LABEL: Final = "DEMO \u2013 not your data"
DEMO_FOLDER_PREFIX: Final = "took-home-demo-"
# took-home-demo-<pid of the demo that made it>-<mkdtemp's random part>
_DEMO_FOLDER: Final = re.compile(re.escape(DEMO_FOLDER_PREFIX) + r"([1-9][0-9]{0,9})-[^/]+")


def make_demo_folder() -> Path:
    """A new private (0700) folder in the temporary folder for one run of the demo.

    Its name carries this process's id, so a later demo can tell whether the
    demo that made it is still running (see ``sweep_stale_demo_folders``).
    """
    return Path(tempfile.mkdtemp(prefix=f"{DEMO_FOLDER_PREFIX}{os.getpid()}-"))


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or a number we cannot ask about: leave it be
    return True


def sweep_stale_demo_folders(temp_dir: Path | None = None) -> list[Path]:
    """Delete demo folders of ours whose demo is no longer running; returns what went.

    Only a real folder (never a link) named ``took-home-demo-<pid>-…``, owned
    by this user, whose process is gone, is deleted: a demo killed outright
    (power cut, SIGKILL) leaves one behind, and it holds made-up data only.
    """
    removed: list[Path] = []
    if sys.platform == "win32":
        return removed  # os.kill(pid, 0) would end the process there, not ask about it
    where = temp_dir if temp_dir is not None else Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(where))
    except OSError:
        return removed
    for entry in entries:
        match = _DEMO_FOLDER.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match.group(1))
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        if pid == os.getpid() or _is_running(pid):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        if not os.path.lexists(entry.path):
            removed.append(Path(entry.path))
    return removed


def create_demo_vault(
    folder: Path, *, today: date | None = None, kdf: KdfParams = DEFAULT_KDF
) -> Vault:
    """Make ``folder`` a demo vault of about nine months of check-ins; returns it open.

    ``folder`` must be a new, throw-away folder: the demo never uses the real one.
    """
    vault, _recovery = Vault.create(folder, DEMO_PASSPHRASE, kdf=kdf)
    end = today or date.today()
    now = datetime.now(UTC)
    checkins = [
        # Today's made-up check-in is never written later than now.
        c if c.created_at <= now else dataclasses.replace(c, created_at=now, updated_at=now)
        for c in synthetic_checkins(DEMO_DAYS, end=end, seed=2026)
    ]
    CheckInRepository(vault).add_many(checkins)
    # The demo works the same two earlies, two lates, two nights, four rest days.
    save_rota(vault, synthetic_rota())
    from wellbeing_app.services.selfchecks import save_selfcheck

    for check in synthetic_selfchecks(end):
        save_selfcheck(vault, check)
    from wellbeing_app.domain.aftershift.routine import EXAMPLES
    from wellbeing_app.services.moments import add_moments_within, set_switch_off_routine

    with vault.transaction() as conn:
        add_moments_within(conn, synthetic_moments(end))
    set_switch_off_routine(vault, EXAMPLES)
    return vault


def create_demo_session(
    folder: Path, *, today: date | None = None, kdf: KdfParams = DEFAULT_KDF
) -> Session:
    """``create_demo_vault`` as the app's door to it: a ``Session`` on the new demo vault."""
    from wellbeing_app.services.session import Session

    return Session(create_demo_vault(folder, today=today, kdf=kdf))
