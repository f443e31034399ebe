"""One writer at a time per OUT folder: a run holds an exclusive lock on OUT/.kunci for its whole
life, so two runs never write the same database, releases or `latest` at once."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class OutBusy(Exception):
    """Another run holds the OUT folder and did not let go within the wait."""


@contextmanager
def out_lock(out_dir: Path, wait_seconds: float) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".kunci"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                    raise OutBusy(f"{out_dir} sedang dipakai run lain (pid {holder}); "
                                  f"sudah menunggu {wait_seconds:g} dtk") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock, also when the process dies
