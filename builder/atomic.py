"""Write files and folders so that a crash or a kill never leaves half a file in place."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def new_mode(directory: bool = False) -> int:
    """The permissions an ordinary new file (or folder) gets here: 0o666 (0o777) less the umask. Temporary files
    are made private (0o600, 0o700); what replaces a target must be readable as any file the user saves."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def _like_target(tmp: str | Path, target: Path) -> None:
    """Give the temporary file the target's permissions, or a new file's when there is no target yet."""
    if target.exists():
        shutil.copymode(target, tmp)
    else:
        os.chmod(tmp, new_mode())


def make_staging_dir(prefix: str, parent: Path, suffix: str = "") -> Path:
    """A new folder to build in beside its target, with a new folder's permissions (not mkdtemp's 0o700)."""
    staged = Path(tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=parent))
    os.chmod(staged, new_mode(directory=True))
    return staged


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it in one step."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _like_target(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def replace_dir(staged: Path, target: Path) -> None:
    """Move a fully built folder into place, keeping the old one until the new one is there.

    If the second rename fails, the old folder is put back, so the target is
    either the old folder or the new one, never missing (short of a kill between
    the two renames, when the old folder is left beside it as `.<name>.old`).
    """
    target = Path(target)
    old = target.with_name(f".{target.name}.old")
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old)
    elif old.exists() or old.is_symlink():
        old.unlink()
    moved = False
    if target.exists():
        os.replace(target, old)
        moved = True
    try:
        os.replace(staged, target)
    except BaseException:
        if moved and not target.exists():
            os.replace(old, target)
        raise
    if moved:
        shutil.rmtree(old, ignore_errors=True)


class Staged:
    """Several files written all or nothing: each beside its target as it is made, all renamed into place only
    by `commit` (once every one is written), all removed by `abort`."""

    def __init__(self) -> None:
        self.files: list[tuple[Path, Path]] = []  # (temporary file, target)

    def path_for(self, target: Path) -> Path:
        """A new empty file beside `target` for a writer to fill; it replaces the target on commit."""
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        _like_target(tmp, target)
        self.files.append((Path(tmp), target))
        return Path(tmp)

    def write(self, target: Path, data: bytes) -> None:
        """`data` written and flushed beside `target` (with its permissions, when it exists)."""
        tmp = self.path_for(target)
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def commit(self) -> None:
        for tmp, target in self.files:
            os.replace(tmp, target)
        self.files = []

    def abort(self) -> None:
        for tmp, _ in self.files:
            tmp.unlink(missing_ok=True)
        self.files = []


def describe_os_error(exc: OSError) -> str:
    """One line for a failed file operation, e.g. 'No space left on device (path)'.

    shutil.Error (from copytree) carries a list of (source, destination, reason): the first is shown.
    """
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        src, _, why = exc.args[0][0]
        return f"{str(why).split('] ', 1)[-1].split(': ', 1)[0]} ({src})"
    return f"{exc.strerror or exc}" + (f" ({exc.filename})" if getattr(exc, "filename", None) else "")
