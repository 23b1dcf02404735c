"""Constants and small helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from wellbeing_app.kdf import KdfParams

REPO_ROOT = Path(__file__).resolve().parent.parent

# The real Argon2 settings take about half a second; tests that are not about
# the KDF create vaults with the cheapest settings the key file accepts.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSPHRASE = "correct kettle lantern harbour"


def run_offscreen(code: str, *args: str, timeout: float = 120) -> str:
    """Run ``code`` in a fresh Python (Qt offscreen, from the repository); what it printed.

    A fresh process, for what a start loads or makes: the test process has it all already.
    """
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=REPO_ROOT,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def sentinel_hits(folder: Path, sentinel: str) -> list[str]:
    """Files under ``folder`` that hold ``sentinel`` in UTF-8 or UTF-16 (either byte order)."""
    needles = [sentinel.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    hits = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            hits.extend(f"{path}: {n!r}" for n in needles if n in data)
    return hits
