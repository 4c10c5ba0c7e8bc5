"""Side-effect helpers shared by every front end: today's date, printable names, and output files that cannot
do harm.

They live in the core so that the command line, `clean` and the app use one implementation each; no front end
imports another.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from ftready.errors import UsageError

TODAY_ENV = "FTREADY_TODAY"
STDOUT = "-"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def today(override: date | None = None) -> date:
    """`override`, else $FTREADY_TODAY (YYYY-MM-DD), else the system date."""
    if override is not None:
        return override
    raw = os.environ.get(TODAY_ENV)
    if raw:
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            raise UsageError(f"{TODAY_ENV}: must be a date YYYY-MM-DD, got {printable(raw)!r}") from None
    return date.today()


def printable(text: str) -> str:
    """`text` safe to print anywhere: control characters, line separators and undecodable bytes of a file name
    (surrogate escapes) become visible escapes instead of reaching a terminal or a report raw."""

    def esc(m: re.Match[str]) -> str:
        c = m.group()
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (os.fsdecode's surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(esc, text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def check_output(path: Path, inputs: Iterable[str | Path | None] = (), input_dirs: Iterable[str | Path] = ()) -> None:
    """Refuse an output path that would destroy something: an input of the run (the dataset, --validation,
    --previous, --config), a file inside an input folder (a --pricing folder), a directory, or a read-only file.
    Raises UsageError with one line naming the path."""
    shown = printable(str(path))
    for src in inputs:
        if src and _same_file(path, Path(src)):
            raise UsageError(f"{shown}: refusing to overwrite an input of this run ({printable(str(src))})")
    for folder in input_dirs:
        if _inside(path, Path(folder)):
            raise UsageError(f"{shown}: refusing to write inside the pricing folder {printable(str(folder))}")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            raise UsageError(f"{shown}: the folder {printable(str(parent))} does not exist") from None
        return
    except OSError as exc:
        raise UsageError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{shown}: is a directory")
    if stat.S_ISREG(st.st_mode) and not st.st_mode & 0o222:
        raise UsageError(f"{shown}: is read-only; refusing to replace it")


def write_output(
    path: str | Path,
    text: str,
    inputs: Sequence[str | Path | None] = (),
    input_dirs: Sequence[str | Path] = (),
) -> None:
    """Write a report or a cleaned file where it can do no harm.

    `-` is standard output. An existing device or FIFO (/dev/null, /dev/stdout) is written in place, never
    replaced. A regular file is written atomically: the text goes to an unnamed file in the target's folder
    (Linux O_TMPFILE) that is linked into place only once complete, so an interrupted or killed run leaves
    nothing behind; where the file system has no unnamed files, a hidden temporary file is used and removed on
    any error. Inputs of the run, files in input folders, directories and read-only files are refused.
    """
    if str(path) == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(path)
    check_output(path, inputs, input_dirs)
    data = text.encode("utf-8", "surrogateescape")
    shown = printable(str(path))
    try:
        st = os.stat(path)
    except OSError:
        st = None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(path, "wb") as fh:  # a device or a FIFO: write to it, never replace it
                fh.write(data)
            return
        _atomic_write(path, data, st.st_mode & 0o7777 if st is not None else None)
    except OSError as exc:
        raise UsageError(f"{shown}: cannot write: {exc.strerror or exc}") from None


def _atomic_write(path: Path, data: bytes, mode: int | None) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except (AttributeError, OSError):  # no unnamed files on this system or file system
        fd = -1
    if fd >= 0:
        try:
            _write_all(fd, data)
            if mode is not None:
                os.fchmod(fd, mode)
            os.fsync(fd)
            if link_unnamed(fd, tmp):  # else: cannot give the unnamed file a name here; write a named one below
                try:
                    os.replace(tmp, path)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)
                    raise
                return
        finally:
            os.close(fd)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000


def link_unnamed(fd: int, path: Path) -> bool:
    """Give the unnamed (O_TMPFILE) file open at `fd` the name `path` (which must not exist). Through
    /proc/self/fd where that works, else linkat(AT_EMPTY_PATH) (some kernels and sandboxes refuse the first, some
    users the second). False when neither is possible here."""
    try:
        os.link(f"/proc/self/fd/{fd}", path, follow_symlinks=True)
        return True
    except OSError:
        pass
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(path), _AT_EMPTY_PATH)) == 0
    except (OSError, AttributeError):
        return False


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
