"""Performance figures for Took Home, measured against the budgets in DESIGN.md.

    python tests/benchmarks/run.py --rows 3650 [--json] [--repeat 5]

Builds a throw-away vault of N synthetic daily check-ins (about 1 KB of text
each) in a temporary folder, measures each figure as the median of several
runs, and prints a table. With --json the last line is one JSON object with
the keys DESIGN.md lists (a figure the app cannot produce yet is null), plus
a few extra figures marked as such in the table.

This is a script, not a timed test: machines differ, so budgets are checked
here and reported, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from wellbeing_app.domain.checkin import CheckIn, new_checkin_id  # noqa: E402
from wellbeing_app.domain.file_formats import ExportFormat  # noqa: E402
from wellbeing_app.domain.interchange import checkins_to_json  # noqa: E402
from wellbeing_app.domain.search_terms import parse_query  # noqa: E402
from wellbeing_app.domain.synthetic import synthetic_checkins  # noqa: E402
from wellbeing_app.kdf import DEFAULT_KDF  # noqa: E402
from wellbeing_app.services.import_export import (  # noqa: E402
    export_checkins,
    import_checkins,
    read_import_file,
    write_export,
)
from wellbeing_app.storage import migrations  # noqa: E402
from wellbeing_app.storage.journal import JournalFilter, JournalQuery  # noqa: E402
from wellbeing_app.storage.keyslots import KeySlots  # noqa: E402
from wellbeing_app.storage.repository import CheckInRepository  # noqa: E402
from wellbeing_app.storage.vault import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase, long enough"
TEXT_CHARS = 1000

# The keys DESIGN.md defines, in its order; None means "not built yet".
DESIGN_KEYS = (
    "startup_ratio",
    "kdf_ms",
    "unlock_to_dashboard_ms",
    "save_ms",
    "search_ms",
    "search_ratio_vs_plain_fts5",
    "charts_12m_ms",
    "range_switch_ms",
    "peak_rss_mb",
)
BUDGETS: dict[str, float | None] = {
    "startup_ratio": 1.5,
    "unlock_to_dashboard_ms": None,  # set in main(): the KDF time plus 300 ms
    "save_ms": 20.0,
    "search_ms": 50.0,
    "search_ratio_vs_plain_fts5": 1.5,
    "charts_12m_ms": 500.0,
    "range_switch_ms": 150.0,
    "peak_rss_mb": 300.0,
    "search_100k_ms": 200.0,
    "journal_open_ms": 200.0,
}


def median_ms(
    action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> float:
    """Median wall time of ``action`` over ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


DRIVER = Path(__file__).with_name("app_driver.py")


def _driver(*args: str, stdin: str = "") -> tuple[float, dict[str, float]]:
    """Run the app driver; returns (wall time it started, its JSON report)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO_ROOT)}
    started = time.time()
    done = subprocess.run(
        [sys.executable, str(DRIVER), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    return started, json.loads(done.stdout.strip().splitlines()[-1])


def startup_ratio(folder: Path, repeat: int) -> tuple[float, float, float]:
    """Process start to first window shown: Took Home's lock screen against a bare window.

    Runs alternate so both see the same machine state; returns (ratio, ours, bare) ms.
    """
    ours, bare = [], []
    for _ in range(repeat):
        started, report = _driver("bare")
        bare.append((report["shown_at"] - started) * 1000)
        started, report = _driver("startup", str(folder))
        ours.append((report["shown_at"] - started) * 1000)
    ours_ms, bare_ms = statistics.median(ours), statistics.median(bare)
    return round(ours_ms / bare_ms, 3), round(ours_ms, 1), round(bare_ms, 1)


RARE_WORD = "kestrel"  # planted in about 1% of entries
SEARCHES = (RARE_WORD, "the", "drive home")  # rare; in nearly every entry; two words


MAX_DAYS = 3650  # past ten years, extra rows become several check-ins a day


def bench_checkins(rows: int) -> list[CheckIn]:
    """N synthetic check-ins of ~1 KB: one a day up to ten years, then several a day."""
    days = min(rows, MAX_DAYS)
    base = synthetic_checkins(days, end=date.today(), text_chars=TEXT_CHARS)
    out = list(base)
    extra = 0
    while len(out) < rows:
        source = base[extra % days]
        out.append(
            replace(
                source,
                id=new_checkin_id(),
                created_at=source.created_at + timedelta(minutes=1 + extra // days),
                updated_at=source.updated_at + timedelta(minutes=1 + extra // days),
            )
        )
        extra += 1
    return out


def plant_rare_word(checkins: list[CheckIn]) -> list[CheckIn]:
    return [
        replace(c, took_home=f"{c.took_home} A {RARE_WORD} over the ring road.")
        if i % 100 == 7
        else c
        for i, c in enumerate(checkins)
    ]


class PlainVault:
    """Stands in for a Vault around a plain, unencrypted sqlite3 connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection


def search_figures(vault: Vault, workdir: Path, repeat: int) -> tuple[float, float]:
    """(median ms for the first page of 100, ratio against plain SQLite FTS5, same rows)."""
    journal = JournalQuery(vault)
    ours = []
    for text in SEARCHES:
        where = JournalFilter(query=parse_query(text, prefix_last=False))
        ours.append(median_ms(lambda w=where: journal.page(w, limit=100), repeat))

    # The same schema, rows and query shape in plain (unencrypted) SQLite.
    plain_path = workdir / "plain.db"
    plain = sqlite3.connect(plain_path, isolation_level=None)
    plain.executescript(migrations.MIGRATIONS[0])
    columns = [r[1] for r in vault.connection.execute("PRAGMA table_info(checkin)")]
    marks = ",".join("?" * len(columns))
    plain.execute("BEGIN")
    plain.executemany(
        f"INSERT INTO checkin ({','.join(columns)}) VALUES ({marks})",
        vault.connection.execute(f"SELECT {','.join(columns)} FROM checkin"),
    )
    plain.executemany(
        "INSERT INTO checkin_exposure VALUES (?, ?, ?)",
        vault.connection.execute("SELECT * FROM checkin_exposure"),
    )
    plain.execute("COMMIT")
    # The very same code (JournalQuery.page) runs on both: only encryption differs.
    plain_journal = JournalQuery(PlainVault(plain))  # type: ignore[arg-type]
    baseline = []
    for text in SEARCHES:
        where = JournalFilter(query=parse_query(text, prefix_last=False))
        baseline.append(median_ms(lambda w=where: plain_journal.page(w, limit=100), repeat))
    plain.close()
    ours_ms, plain_ms = statistics.median(ours), statistics.median(baseline)
    return round(ours_ms, 2), round(ours_ms / plain_ms, 2)


def measure(rows: int, repeat: int, workdir: Path) -> dict[str, float | None]:
    figures: dict[str, float | None] = dict.fromkeys(DESIGN_KEYS)
    checkins = plant_rare_word(bench_checkins(rows))

    # Unlock: the Argon2id key derivation with the settings every vault gets.
    vault, _ = Vault.create(workdir / "vault", PASSPHRASE, kdf=DEFAULT_KDF)
    vault.lock()
    slots = KeySlots.from_bytes((workdir / "vault" / "took-home.key").read_bytes())
    figures["kdf_ms"] = median_ms(lambda: slots.unwrap_with_passphrase(PASSPHRASE), repeat)

    # Import: parse and validate the whole JSON file, then one transaction.
    source = workdir / "in.json"
    source.write_text(checkins_to_json(checkins), encoding="utf-8")
    import_times = []
    for attempt in range(max(1, min(repeat, 3))):
        folder = workdir / f"import-{attempt}"
        target, _ = Vault.create(folder, PASSPHRASE, kdf=DEFAULT_KDF)
        start = time.perf_counter()
        import_checkins(target, read_import_file(source))
        import_times.append((time.perf_counter() - start) * 1000)
        if attempt:
            target.lock()
        else:
            vault = target
    figures["import_ms"] = round(statistics.median(import_times), 2)

    # Export: read every check-in, serialise, write the file atomically.
    out = workdir / "out.json"

    def export() -> None:
        text, _ = export_checkins(vault, ExportFormat.JSON)
        write_export(out, text)

    figures["export_ms"] = median_ms(export, repeat)

    search_ms, ratio = search_figures(vault, workdir, max(repeat, 7))
    figures["search_ms"] = search_ms  # at N rows (DESIGN.md's budget is for 3,650)
    if rows >= 100_000:
        figures["search_100k_ms"] = search_ms
    figures["search_ratio_vs_plain_fts5"] = ratio

    # Save: one new check-in (with its text, tags and exposures) into the full vault.
    repository = CheckInRepository(vault)
    template = checkins[-1]
    figures["save_ms"] = median_ms(
        lambda: repository.add(replace(template, id=new_checkin_id())), max(repeat, 20)
    )
    vault.lock()

    # The desktop app, in child processes: start-up, then a full unlock on the
    # vault of N rows with the real KDF (the peak memory is that process's).
    ratio, ours_ms, bare_ms = startup_ratio(workdir / "import-0", repeat)
    figures["startup_ratio"] = ratio
    figures["startup_ms"] = ours_ms
    figures["startup_bare_ms"] = bare_ms
    sessions = [
        _driver("session", str(workdir / "import-0"), stdin=PASSPHRASE + "\n")[1]
        for _ in range(max(1, min(repeat, 3)))
    ]
    figures["unlock_to_dashboard_ms"] = round(
        statistics.median(s["unlock_to_dashboard_ms"] for s in sessions), 1
    )
    figures["peak_rss_mb"] = round(max(s["peak_rss_mb"] for s in sessions), 1)
    for key in ("journal_open_ms", "charts_12m_ms", "range_switch_ms"):
        figures[key] = round(statistics.median(s[key] for s in sessions), 1)
    return figures


def byte_compile() -> None:
    """Byte-compile the package and the driver, as ``pip install .`` does.

    The child processes import the package from this source tree. Where
    PYTHONDONTWRITEBYTECODE is set (as on our CI machines) nothing would ever
    cache the compiled modules, and every start would compile the app's
    source again: a cost an installed app never pays.
    """
    compileall.compile_dir(REPO_ROOT / "wellbeing_app", quiet=1)
    compileall.compile_file(DRIVER, quiet=1)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3650)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args(argv)
    byte_compile()
    with tempfile.TemporaryDirectory(prefix="took-home-bench-") as tmp:
        os.chmod(tmp, 0o700)
        figures = measure(args.rows, args.repeat, Path(tmp))
    print(
        f"Took Home benchmark: {args.rows} check-ins of ~{TEXT_CHARS} characters, "
        f"median of {args.repeat} runs"
    )
    budgets = dict(BUDGETS)
    if figures.get("kdf_ms") is not None:
        budgets["unlock_to_dashboard_ms"] = round(float(figures["kdf_ms"] or 0) + 300, 1)
    for key, value in figures.items():
        budget = budgets.get(key)
        shown = "null (not built yet)" if value is None else f"{value}"
        verdict = ""
        if value is not None and budget is not None:
            verdict = f"  budget {budget}: {'ok' if value <= budget else 'OVER'}"
        extra = "" if key in DESIGN_KEYS or key == "search_100k_ms" else "  (extra)"
        print(f"  {key:28} {shown}{verdict}{extra}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
