"""A bounded on-disk cache of thumbnails, beside the session (no Qt: any thread may use it).

The grid shows thousands of thumbnails; decoding a 12-megapixel JPEG for each,
every time the session opens, would keep the decoders busy for minutes. A
thumbnail, once made, is written to ``SESSION.easession.thumbs/`` (for a
server session: the user's cache folder, one sub-folder per session id) and
read back next time: a 20 kB file instead of a 4 MB one.

* The key is the image's path, its size and modification time on disk and
  the thumbnail box: an image replaced on disk gets a new thumbnail, never a
  stale one.
* Each file holds the original picture's size (8 bytes) and the thumbnail as
  JPEG (PNG when it has transparency), so the loader knows whether a cached
  thumbnail is good enough for a larger box.
* The folder is bounded (:data:`DEFAULT_BUDGET_BYTES`): when it grows past
  the budget, the least recently used files (by modification time, touched
  on every read) are deleted until it is below 90% of it.
* Deleting the folder is always safe: it is made again on the next write.
  A folder that cannot be written (a read-only share) turns the cache off;
  thumbnails are then simply decoded each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import struct
import sys
import threading
from pathlib import Path

from PIL import Image

from erroranalysis.core.imaging import DecodedImage, decode_image

__all__ = ["DEFAULT_BUDGET_BYTES", "ThumbnailStore", "thumbnail_folder", "user_cache_dir"]

DEFAULT_BUDGET_BYTES = 200 * 1024 * 1024
#: After an eviction the folder holds at most this share of the budget, so the
#: next few writes do not evict again one file at a time.
_EVICT_TO = 0.9
_HEADER = struct.Struct("<II")  # the original picture's width, height
_SUFFIX = ".thumb"
_JPEG_QUALITY = 85


def user_cache_dir() -> Path:
    """The per-user cache folder (``ERRORANALYSIS_DATA_DIR/cache`` when that is set)."""
    override = os.environ.get("ERRORANALYSIS_DATA_DIR")
    if override:
        return Path(override) / "cache"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "erroranalysis"


def thumbnail_folder(session_path: Path | None, session_id: str) -> Path:
    """Where a session's thumbnails go: beside its file, else the user cache folder."""
    if session_path is not None:
        return session_path.with_name(session_path.name + ".thumbs")
    return user_cache_dir() / "thumbnails" / (session_id or "unnamed")


class ThumbnailStore:
    """Thumbnails on disk, bounded in bytes, least recently used evicted first.

    Thread-safe: the loader's decoder threads read and write it at once. The
    bookkeeping (bytes used) is read from the folder on first use, so opening
    a session never waits for a scan of 100,000 files on the GUI thread.
    """

    def __init__(self, folder: Path, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self.folder = Path(folder)
        self.budget_bytes = max(0, int(budget_bytes))
        self._lock = threading.Lock()
        self._used: int | None = None  # unknown until the folder is scanned
        self._disabled = False
        self.hits = 0
        self.misses = 0
        self.evicted = 0

    # ------------------------------------------------------------------ keys
    def _file(self, path: str, box: tuple[int, int]) -> Path | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None  # a missing image: its failure is the decoder's to report
        raw = f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{box[0]}x{box[1]}"
        digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()
        # Two levels of 256 folders: no folder ever holds more than a few hundred files.
        return self.folder / digest[:2] / (digest[2:] + _SUFFIX)

    # ----------------------------------------------------------------- reads
    def decode(self, path: str, box: tuple[int, int]) -> DecodedImage:
        """The thumbnail of ``path`` fitting ``box``: from disk, else decoded and stored."""
        file = None if self._disabled else self._file(path, box)
        if file is not None:
            cached = self._read(file)
            if cached is not None:
                self.hits += 1
                return cached
        self.misses += 1
        decoded = decode_image(path, box)
        if file is not None and decoded.image is not None and decoded.original_size is not None:
            self._write(file, decoded)
        return decoded

    def _read(self, file: Path) -> DecodedImage | None:
        try:
            data = file.read_bytes()
        except OSError:
            return None
        try:
            width, height = _HEADER.unpack_from(data)
            with Image.open(io.BytesIO(data[_HEADER.size :])) as stored:
                stored.load()
                image = stored.convert("RGBA" if stored.mode in ("RGBA", "LA", "P") else "RGB")
        except Exception:
            # A half-written or damaged file: drop it and decode again.
            with contextlib.suppress(OSError):
                file.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(file)  # most recently used
        return DecodedImage(image=image, original_size=(width, height))

    # ---------------------------------------------------------------- writes
    def _write(self, file: Path, decoded: DecodedImage) -> None:
        image = decoded.image
        assert image is not None and decoded.original_size is not None
        buffer = io.BytesIO()
        buffer.write(_HEADER.pack(*decoded.original_size))
        if image.mode == "RGBA":
            image.save(buffer, "PNG", optimize=False)
        else:
            image.save(buffer, "JPEG", quality=_JPEG_QUALITY)
        data = buffer.getvalue()
        if len(data) > self.budget_bytes:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            # Written under a temporary name and renamed: a reader never sees half a file.
            temporary = file.with_name(f"{file.name}.{threading.get_ident()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, file)
        except OSError:
            # A read-only share or a full disk: go on without the disk cache.
            self._disabled = True
            return
        with self._lock:
            if self._used is None:
                self._used = self._scan()
            else:
                self._used += len(data)
            over = self._used > self.budget_bytes
        if over:
            self.evict()

    def _scan(self) -> int:
        total = 0
        for file in self.folder.glob(f"*/*{_SUFFIX}"):
            with contextlib.suppress(OSError):
                total += file.stat().st_size
        return total

    @property
    def used_bytes(self) -> int:
        """Bytes the thumbnails on disk take now (scans the folder once)."""
        with self._lock:
            if self._used is None or not self.folder.exists():
                self._used = self._scan()
            return self._used

    def evict(self) -> int:
        """Delete the least recently used files until the folder is under 90% of the budget."""
        with self._lock:
            files = []
            for file in self.folder.glob(f"*/*{_SUFFIX}"):
                with contextlib.suppress(OSError):
                    stat = file.stat()
                    files.append((stat.st_mtime_ns, stat.st_size, file))
            used = sum(size for _, size, _ in files)
            target = int(self.budget_bytes * _EVICT_TO)
            removed = 0
            files.sort(key=lambda f: f[0])
            for _mtime, size, file in files:
                if used <= target:
                    break
                with contextlib.suppress(OSError):
                    file.unlink()
                    used -= size
                    removed += 1
            self._used = used
            self.evicted += removed
            return removed

    def clear(self) -> None:
        """Delete every cached thumbnail (the folder is made again on the next write)."""
        import shutil

        with self._lock:
            shutil.rmtree(self.folder, ignore_errors=True)
            self._used = 0
            self._disabled = False
