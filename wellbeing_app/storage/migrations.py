"""Numbered schema migrations, tracked in ``PRAGMA user_version``.

Each migration runs in its own transaction together with the version bump,
so a crash leaves the vault at the old version or the new one, never between.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from typing import Final

from wellbeing_app.storage.errors import VaultTooNewError
from wellbeing_app.storage.sqlcipher import Connection

# Check-ins are keyed by ``sort_key = date.toordinal() << 20 | n`` (n counts
# entries within the day), so the table and the FTS index both hand back rows
# newest first by walking the key backwards, with no sort and no join. See
# "Performance budgets" in DESIGN.md: joining to sort by a date column cost
# 279 ms at 100,000 rows encrypted, against 0.05 ms in key order.
_V1: Final = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE checkin (
    sort_key          INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    date              TEXT NOT NULL,
    shift_type        TEXT,
    hours_worked      REAL,
    overtime_hours    REAL,
    took_break        INTEGER,
    mood              INTEGER NOT NULL,
    stress            INTEGER,
    energy            INTEGER,
    sleep_hours       REAL,
    sleep_quality     INTEGER,
    tags              TEXT NOT NULL DEFAULT '[]',
    took_home         TEXT,
    good_thing        TEXT,
    talked_to_someone INTEGER,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE checkin_exposure (
    checkin  INTEGER NOT NULL REFERENCES checkin(sort_key) ON DELETE CASCADE ON UPDATE CASCADE,
    code     TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (checkin, code)
) WITHOUT ROWID;
CREATE INDEX checkin_exposure_by_code ON checkin_exposure (code, checkin);

CREATE TABLE checkin_activity (
    checkin  INTEGER NOT NULL REFERENCES checkin(sort_key) ON DELETE CASCADE ON UPDATE CASCADE,
    code     TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (checkin, code)
) WITHOUT ROWID;
CREATE INDEX checkin_activity_by_code ON checkin_activity (code, checkin);

-- Full-text index over the reflections and custom tags. It is an external-
-- content table: the text lives once, in ``checkin``, inside the encrypted
-- database; the triggers below keep the index in step.
CREATE VIRTUAL TABLE checkin_fts USING fts5 (
    took_home, good_thing, tags,
    content = 'checkin',
    content_rowid = 'sort_key',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER checkin_fts_after_insert AFTER INSERT ON checkin BEGIN
    INSERT INTO checkin_fts (rowid, took_home, good_thing, tags)
    VALUES (new.sort_key, new.took_home, new.good_thing, new.tags);
END;

CREATE TRIGGER checkin_fts_after_delete AFTER DELETE ON checkin BEGIN
    INSERT INTO checkin_fts (checkin_fts, rowid, took_home, good_thing, tags)
    VALUES ('delete', old.sort_key, old.took_home, old.good_thing, old.tags);
END;

CREATE TRIGGER checkin_fts_after_update AFTER UPDATE ON checkin BEGIN
    INSERT INTO checkin_fts (checkin_fts, rowid, took_home, good_thing, tags)
    VALUES ('delete', old.sort_key, old.took_home, old.good_thing, old.tags);
    INSERT INTO checkin_fts (rowid, took_home, good_thing, tags)
    VALUES (new.sort_key, new.took_home, new.good_thing, new.tags);
END;
"""

# v2: the unfinished check-in (a draft, autosaved inside the encrypted vault),
# and settings that belong with the data rather than the machine.
_V2: Final = """
CREATE TABLE draft (
    slot       INTEGER PRIMARY KEY CHECK (slot = 1),
    editing_id TEXT,
    record     TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);

CREATE TABLE vault_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

# v3: "the last shift type used" without reading every row (0.3 s at 100,000).
_V3: Final = """
CREATE INDEX checkin_by_created ON checkin (created_at) WHERE shift_type IS NOT NULL;
"""

# v4: a plain list of matches (the command line's search, every match newest first)
# read from an index that holds what such a list shows, not from the rows: about
# 300 bytes an entry against 1.2 KB, so a word in nearly every entry decrypts a
# fifth of the pages (at 100,000 entries, 0.65 s became 0.28 s). The preview is
# ``storage.journal.PREVIEW_CHARS`` long; a query uses the index only when it asks
# for exactly this expression.
_V4: Final = """
CREATE INDEX IF NOT EXISTS checkin_listing
    ON checkin (sort_key, date, shift_type, mood, id, substr(took_home, 1, 240));
"""

# v5: your rota (a repeating pattern, shifts read from a calendar file, one-day
# changes and the rules for reading calendars), one JSON record as
# ``domain.rota.records`` writes it: read whole, written whole, and small.
_V5: Final = """
CREATE TABLE rota (
    slot     INTEGER PRIMARY KEY CHECK (slot = 1),
    record   TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
"""

# v6: self-checks (the PHQ-9, GAD-7, PCL-5 and ProQOL 5): each completed one with
# every answer in question order (scores are computed, never stored), and the one
# left half-done, kept like the check-in draft until it is finished or dropped.
_V6: Final = """
CREATE TABLE selfcheck (
    id         TEXT PRIMARY KEY,
    date       TEXT NOT NULL,
    instrument TEXT NOT NULL,
    answers    TEXT NOT NULL,
    difficulty INTEGER,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX selfcheck_by_instrument ON selfcheck (instrument, date);

CREATE TABLE selfcheck_draft (
    slot       INTEGER PRIMARY KEY CHECK (slot = 1),
    instrument TEXT NOT NULL,
    answers    TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);
"""

# v7: moments, each use of an after-shift tool (paced breathing, grounding, the
# switching-off routine, the sleep plan) with the distress rated before and after.
_V7: Final = """
CREATE TABLE moment (
    id              TEXT PRIMARY KEY,
    at              TEXT NOT NULL,
    tool            TEXT NOT NULL,
    distress_before INTEGER,
    distress_after  INTEGER
) WITHOUT ROWID;
CREATE INDEX moment_by_time ON moment (at);
"""

# v8: the numbers of every check-in (all but the two reflections), for Trends,
# the report and the suggestions' look back: read from this index, a range of
# check-ins no longer decrypts the pages that hold the reflections (at 100,000
# entries, fetching a year of 10,000 check-ins took 51 ms, now 18 ms).
# ``CheckInRepository.list_between(text=False)`` asks for exactly these columns.
_V8: Final = """
CREATE INDEX IF NOT EXISTS checkin_numbers ON checkin (
    sort_key, id, date, shift_type, hours_worked, overtime_hours, took_break, mood,
    stress, energy, sleep_hours, sleep_quality, tags, talked_to_someone, created_at, updated_at
);
"""

MIGRATIONS: Final[tuple[str, ...]] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8)
LATEST_VERSION: Final = len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection) -> int:
    """Bring the schema up to ``LATEST_VERSION``; returns the version it started at."""
    start = schema_version(conn)
    if start > LATEST_VERSION:
        raise VaultTooNewError(
            "this vault was written by a newer version of Took Home; please update the app"
        )
    for version in range(start + 1, LATEST_VERSION + 1):
        script = MIGRATIONS[version - 1]
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return start
