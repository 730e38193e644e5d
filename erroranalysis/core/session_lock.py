"""Who has a session open for writing: a lock file beside it, held by the operating system.

``review.easession.lock`` holds the owner (reviewer, host, process, since
when, the session's id) and is locked with ``flock`` (``msvcrt.locking`` on
Windows) for as long as the owner runs. The OS drops that lock when the
process ends, however it ends (a SIGKILL included), so a lock file that nobody
holds is a stale leftover and is taken over; only a live owner blocks.

SQLite's own locking guards each transaction; this guards the *review*: a
second window would otherwise overwrite comments and flip ticks it never
showed. (On network drives, where locks are unreliable, SQLite itself is not
safe either; the README says so and the team server is the answer.)
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from erroranalysis.core.errors import UserError

LOCK_SUFFIX = ".lock"
#: Windows locks a byte range; a byte far past the JSON keeps the text readable.
_WINDOWS_LOCK_OFFSET = 1 << 20


@dataclass(frozen=True)
class LockOwner:
    """Who holds (or last held) a session's lock."""

    reviewer: str
    host: str
    pid: int
    since: float
    session_id: str = ""

    @classmethod
    def me(cls, reviewer: str, session_id: str = "") -> LockOwner:
        return cls(reviewer or _os_user(), socket.gethostname(), os.getpid(), time.time(),
                   session_id)

    def describe(self) -> str:
        """``Ana on lab-pc (process 4242) since 14:02, 28 Nov``."""
        when = time.strftime("%H:%M, %d %b", time.localtime(self.since))
        who = self.reviewer or "someone"
        return f"{who} on {self.host} (process {self.pid}) since {when}"


class SessionLocked(UserError):
    """The session is open for writing in another live program."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        who = owner.describe() if owner is not None else "another program"
        super().__init__(
            f"{path}: open in another program ({who}); open it read-only, or wait until it "
            "is closed (--force writes anyway, only where nothing shown elsewhere is overwritten)"
        )


def lock_path(session_path: Path) -> Path:
    return Path(f"{session_path}{LOCK_SUFFIX}")


def default_reviewer() -> str:
    """The computer's user name: who a reviewer is until they give a name."""
    return _os_user()


def _os_user() -> str:
    for name in ("USER", "USERNAME", "LOGNAME"):
        if os.environ.get(name):
            return os.environ[name]
    return ""


def _try_lock(fd: int) -> bool:
    """Take the OS lock on an open lock file without waiting; True when taken."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def read_owner(session_path: Path) -> LockOwner | None:
    """What the lock file says (live or stale), or None without one."""
    try:
        text = lock_path(session_path).read_text(encoding="utf-8")
        data = json.loads(text)
        return LockOwner(**{k: data[k] for k in ("reviewer", "host", "pid", "since")},
                         session_id=str(data.get("session_id", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def live_owner(session_path: Path) -> LockOwner | None:
    """The owner of a lock held right now by a running program, else None."""
    path = lock_path(session_path)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return read_owner(session_path) or LockOwner("", "?", 0, 0.0)
    finally:
        os.close(fd)


class SessionLock:
    """The lock of one session file, taken by :meth:`acquire`, let go by :meth:`release`."""

    def __init__(self, session_path: Path) -> None:
        self.session_path = Path(session_path)
        self.path = lock_path(self.session_path)
        self._fd: int | None = None
        self.taken_over: LockOwner | None = None  # a stale owner whose lock was taken

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, owner: LockOwner) -> None:
        """Hold the lock, or raise :class:`SessionLocked` naming the live owner.

        Raises :class:`OSError` when the lock file cannot be made (a read-only
        folder): the caller then opens the session read-only.
        """
        if self._fd is not None:
            return
        for _attempt in range(3):
            stale = read_owner(self.session_path)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise SessionLocked(self.session_path, read_owner(self.session_path))
            # Another program may have removed the file between our open and our
            # lock: then we hold a lock on nothing. Check it is still the file.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if not same:
                _unlock(fd)
                os.close(fd)
                continue
            data = json.dumps(asdict(owner)).encode("utf-8")
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)
            os.fsync(fd)
            self._fd = fd
            self.taken_over = stale
            return
        raise SessionLocked(self.session_path, read_owner(self.session_path))

    def release(self) -> None:
        """Let go (and remove the file: no stale leftover after a clean exit)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        try:
            _unlock(fd)
        finally:
            os.close(fd)
