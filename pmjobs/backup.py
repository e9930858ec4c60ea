"""Copies of the database taken before a nightly run writes to it, and bringing one back."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

KEEP_BACKUPS = 7


def backup_dir(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.parent / "backups"


def list_backups(db_path: str | Path) -> list[Path]:
    """The backups of `db_path`, oldest first."""
    return sorted(backup_dir(db_path).glob(f"{Path(db_path).stem}-*.db"))


def backup_database(db_path: str | Path, keep: int = KEEP_BACKUPS) -> Path | None:
    """Copy `db_path` with SQLite's VACUUM INTO (a consistent copy even mid-write); keep the last `keep`.

    Returns the copy, or None when there is no database yet.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return None
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}.db"
    partial = target.with_suffix(".db-partial")
    with sqlite3.connect(db_path) as conn:
        conn.execute("vacuum into ?", [str(partial)])
    conn.close()
    os.replace(partial, target)  # a copy cut short by a kill never looks like a backup
    for old in list_backups(db_path)[:-keep]:
        old.unlink()
    return target


def restore_database(db_path: str | Path, backup: str | Path | None = None) -> Path:
    """Replace `db_path` with `backup` (default: the newest); return the backup used."""
    db_path = Path(db_path)
    backups = list_backups(db_path)
    source = Path(backup) if backup else (backups[-1] if backups else None)
    if source is None or not source.exists():
        raise FileNotFoundError(f"no backup {'at ' + str(source) if source else 'of ' + str(db_path) + ' in ' + str(backup_dir(db_path))}")
    try:
        with sqlite3.connect(source) as conn:
            check = conn.execute("pragma integrity_check").fetchone()[0]
        conn.close()
    except sqlite3.DatabaseError as error:
        check = str(error)
    if check != "ok":
        raise ValueError(f"backup {source} fails SQLite's integrity check ({check}); pick another with --backup")
    restoring = db_path.with_name(db_path.name + ".restoring")
    with sqlite3.connect(source) as conn:
        conn.execute("vacuum into ?", [str(restoring)])
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(restoring, db_path)
    return source
