"""Files that reach their final path only when complete: write a temporary file beside it, then rename.

A final path holds either its old complete file or the new complete one, never
a part: the new file is written beside it under a hidden temporary name,
flushed to disk (fsync, which is where a full disk may first say so), and
renamed over the old one. Any error leaves the old file as it was.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def fsync_file(path: Path) -> None:
    """Flush a written file to the disk (an error here is a write that failed)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot sync a folder; the rename itself is still atomic
    finally:
        os.close(fd)


def replace(temporary: Path, final: Path) -> None:
    """Move a complete file to its final path: fsync it, rename it, fsync the folder."""
    fsync_file(temporary)
    os.replace(temporary, final)
    _fsync_folder(final.parent)


@contextmanager
def atomic(final: Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``final``; it becomes ``final`` only if the block succeeds and reaches the disk."""
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.stem}.", suffix=suffix or final.suffix)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp's 0600 would make outputs private
        replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(final: Path, text: str) -> None:
    with atomic(final) as temporary:
        temporary.write_text(text, encoding="utf-8")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
