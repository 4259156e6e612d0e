"""Export files are replaced whole: a kill or a full disk mid-export leaves the previous file as it was."""

from __future__ import annotations

from pathlib import Path

from netevent.store.atomic import atomic_write_bytes


def replace_file(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write `content` to a temporary name beside `path` and rename it over `path`.

    Not fsynced: the rename already means a killed export leaves the old file or the new one, and an export
    can be run again, unlike a meeting's records. An error names `path`, not the temporary file.
    """
    data = content.encode(encoding) if isinstance(content, str) else content
    try:
        atomic_write_bytes(path, data, durable=False, new_mode=0o666)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    return path
