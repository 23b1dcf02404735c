"""The warm-up while the lock screen waits: it loads what an unlock needs, and nothing of Qt."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import FAST_KDF, PASSPHRASE, run_offscreen
from wellbeing_app.services import warm_up
from wellbeing_app.storage.vault import Vault

# Unlocks a vault in the real window with the warm-up switched off, and lists
# the modules that the unlock loaded, beside those the warm-up list loads.
_PROBE = """
import json, sys, time
from pathlib import Path
from wellbeing_app.services import warm_up
warm_up.start_warm_up = lambda: None
from wellbeing_app.ui.app import build_window, make_application
app = make_application()
window = build_window(app, Path(sys.argv[1]))
window.show()
app.processEvents()
before = set(sys.modules)
window.unlock_screen.field.setText(sys.argv[2])
window.unlock_screen.start_unlock()
deadline = time.monotonic() + 30
while not window.is_unlocked and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
assert window.is_unlocked
settle = time.monotonic() + 0.3  # the first page's follow-ups: the backup check
while time.monotonic() < settle:
    app.processEvents()
    time.sleep(0.005)
unlock = sorted(set(sys.modules) - before)
loaded = set(sys.modules)
warm_up.import_session_modules()
print(json.dumps({"unlock": unlock, "warm_up": sorted(set(sys.modules) - loaded)}))
window.lock()
"""


def _run(code: str, *args: str) -> str:
    return run_offscreen(code, *args).splitlines()[-1]


def test_the_warm_up_covers_the_plain_python_an_unlock_loads(tmp_path: Path) -> None:
    Vault.create(tmp_path / "v", PASSPHRASE, kdf=FAST_KDF)[0].lock()
    report = json.loads(_run(_PROBE, str(tmp_path / "v"), PASSPHRASE))
    ours = [name for name in report["unlock"] if name.startswith("wellbeing_app.")]
    plain = [name for name in ours if not name.startswith("wellbeing_app.ui")]
    assert "wellbeing_app.storage.vault" in plain  # the probe did see the unlock
    # Imported by the unlock; whatever it did not load, the warm-up list did not need.
    assert report["warm_up"] == []
    # Load only the list in a fresh process: it must reach every plain module the unlock loaded.
    closure = set(
        json.loads(
            _run(
                "import json, sys\n"
                "from wellbeing_app.services.warm_up import import_session_modules\n"
                "import_session_modules()\n"
                "print(json.dumps(sorted(sys.modules)))\n"
            )
        )
    )
    missing = sorted(set(plain) - closure)
    assert missing == [], f"add these to warm_up.AFTER_UNLOCK: {missing}"
    assert not any(name.startswith(("PySide6", "matplotlib")) for name in closure)


def test_the_warm_up_runs_once_and_in_the_background() -> None:
    code = (
        "import sys, threading\n"
        "from wellbeing_app.services import warm_up\n"
        "warm_up.start_warm_up(); warm_up.start_warm_up()\n"
        "threads = [t for t in threading.enumerate() if t.name == 'took-home-warm-up']\n"
        "assert len(threads) <= 1, threads\n"
        "for t in threads: t.join(30)\n"
        "missing = [n for n in warm_up.AFTER_UNLOCK if n not in sys.modules]\n"
        "print(len(missing))\n"
    )
    assert _run(code) == "0"
    assert len(warm_up.AFTER_UNLOCK) == len(set(warm_up.AFTER_UNLOCK))


_WAITING = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from wellbeing_app.ui.app import build_window, make_application
from wellbeing_app.ui.unlock import FIRST_PAGE_UI, LOAD_AHEAD_MS
from wellbeing_app.services.warm_up import AFTER_UNLOCK
app = make_application()
window = build_window(app, Path(sys.argv[1]))
loaded_at_start = [n for n in (*AFTER_UNLOCK, *FIRST_PAGE_UI) if n in sys.modules]
window.show()
loop = QEventLoop()
QTimer.singleShot(LOAD_AHEAD_MS + 1500, loop.quit)  # as while a passphrase is typed
loop.exec()
import threading
for t in threading.enumerate():
    if t.name == "took-home-warm-up":
        t.join(30)
missing = [n for n in (*AFTER_UNLOCK, *FIRST_PAGE_UI) if n not in sys.modules]
print(json.dumps({"start": loaded_at_start, "missing": missing, "locked": not window.is_unlocked}))
"""


def test_the_lock_screen_loads_a_session_while_the_passphrase_is_typed(tmp_path: Path) -> None:
    Vault.create(tmp_path / "v", PASSPHRASE, kdf=FAST_KDF)[0].lock()
    report = json.loads(_run(_WAITING, str(tmp_path / "v")))
    assert report["locked"]
    assert "wellbeing_app.storage.vault" not in report["start"]  # not on the way to the window
    assert "wellbeing_app.ui.today_page" not in report["start"]
    assert report["missing"] == []
