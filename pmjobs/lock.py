"""One writer at a time per database: an advisory lock the kernel drops when its holder dies."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class DatabaseBusy(RuntimeError):
    """Another pmjobs run holds the database's lock."""


@contextmanager
def database_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold `<db>.lock` for the block; raise DatabaseBusy at once if another run holds it."""
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise DatabaseBusy(f"{db_path} is being written by {holder} (lock {lock_path}); this run stopped without touching it") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pmjobs pid {os.getpid()}\n")
        handle.flush()
        try:
            yield lock_path
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
