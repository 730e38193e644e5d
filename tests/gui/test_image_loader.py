"""ImageLoader: images arrive off-thread, come back from the cache at once, fail clearly."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QSize, QThread
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from erroranalysis.core import imaging
from erroranalysis.gui import image_loader as loader_module
from erroranalysis.gui.image_loader import ImageLoader, placeholder_image

DISPLAY = QSize(200, 150)
TIMEOUT_MS = 10_000


def _png(folder: Path, name: str, size: tuple[int, int], colour: str = "teal") -> str:
    path = folder / name
    Image.new("RGB", size, colour).save(path)
    return str(path)


@pytest.fixture
def make_loader() -> Iterator[Callable[..., ImageLoader]]:
    made: list[ImageLoader] = []

    def make(**kwargs: int) -> ImageLoader:
        loader = ImageLoader(**kwargs)
        made.append(loader)
        return loader

    yield make
    for loader in made:
        loader.shutdown()


@pytest.fixture
def loader(make_loader: Callable[..., ImageLoader]) -> ImageLoader:
    return make_loader()


class _Gate:
    """Holds chosen decodes in the worker until released, to order events."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, blocked: set[str]) -> None:
        self.blocked = blocked
        self.opened = threading.Event()
        self.entered: list[str] = []  # decodes a worker has started
        self.decoded: list[str] = []  # decodes a worker got past the gate with
        real = imaging.decode_image

        def gated(path: str, max_size: tuple[int, int] | None) -> imaging.DecodedImage:
            self.entered.append(path)
            if path in self.blocked:
                self.opened.wait(TIMEOUT_MS / 1000)
            self.decoded.append(path)
            return real(path, max_size)

        monkeypatch.setattr(loader_module, "decode_image", gated)

    def release(self) -> None:
        self.opened.set()


def test_request_loads_png_off_thread(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    path = _png(tmp_path, "a.png", (800, 600))
    threads: list[bool] = []
    loader.image_ready.connect(
        lambda *_: threads.append(QThread.currentThread() is QCoreApplication.instance().thread())
    )

    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS) as ready:
        assert loader.request(path, DISPLAY) is None

    emitted_path, image = ready.args
    assert emitted_path == path
    assert isinstance(image, QImage)
    assert (image.width(), image.height()) == (200, 150)
    assert image.format() == QImage.Format.Format_RGB32
    assert image.pixelColor(10, 10) == QColor("teal")
    assert threads == [True]  # delivered on the GUI thread
    assert loader.original_size(path) == QSize(800, 600)


def test_second_request_is_a_cache_hit(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    path = _png(tmp_path, "a.png", (800, 600))
    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS):
        loader.request(path, DISPLAY)

    with qtbot.assertNotEmitted(loader.image_ready, wait=100):
        again = loader.request(path, DISPLAY)
        smaller = loader.request(path, QSize(100, 75))

    assert again is not None and (again.width(), again.height()) == (200, 150)
    assert smaller is again  # the larger decode serves the smaller box


def test_larger_box_decodes_again(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    path = _png(tmp_path, "a.png", (800, 600))
    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS):
        loader.request(path, DISPLAY)

    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS) as ready:
        assert loader.request(path, QSize(400, 300)) is None

    assert ready.args[1].width() == 400
    full = loader.request(path, QSize(400, 300))
    assert full is not None and full.width() == 400


def test_small_image_at_full_size_serves_any_box(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    path = _png(tmp_path, "tiny.png", (40, 30))
    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS):
        loader.request(path, DISPLAY)

    bigger = loader.request(path, QSize(4000, 3000))

    assert bigger is not None and (bigger.width(), bigger.height()) == (40, 30)


def test_broken_file_fails_with_message_once(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 definitely not a whole jpeg")
    gate = _Gate(monkeypatch, blocked=set())

    with qtbot.waitSignal(loader.image_failed, timeout=TIMEOUT_MS) as failed:
        assert loader.request(str(path), DISPLAY) is None

    assert failed.args[0] == str(path)
    assert "broken.jpg" in failed.args[1]
    assert loader.failure(str(path)) == failed.args[1]

    # Asked again: the same message comes back without decoding again, and
    # not from inside request() itself.
    seen: list[str] = []
    loader.image_failed.connect(lambda _path, message: seen.append(message))
    with qtbot.waitSignal(loader.image_failed, timeout=TIMEOUT_MS):
        assert loader.request(str(path), DISPLAY) is None
        assert seen == []
    assert seen == [failed.args[1]]
    assert gate.decoded == [str(path)]


def test_missing_file_fails(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    path = str(tmp_path / "images" / "0042.png")
    with qtbot.waitSignal(loader.image_failed, timeout=TIMEOUT_MS) as failed:
        loader.request(path, DISPLAY)

    assert failed.args == [path, f"Image not found: {path}"]


def test_concurrent_requests_are_merged(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _png(tmp_path, "a.png", (800, 600))
    gate = _Gate(monkeypatch, blocked={path})
    arrived: list[str] = []
    loader.image_ready.connect(lambda p, _image: arrived.append(p))

    loader.request(path, DISPLAY)
    loader.request(path, DISPLAY)
    loader.prefetch([path], DISPLAY)
    assert loader.is_pending(path)
    gate.release()
    qtbot.waitUntil(lambda: not loader.is_pending(path), timeout=TIMEOUT_MS)
    qtbot.wait(50)

    assert arrived == [path]
    assert gate.decoded == [path]


def test_prefetch_fills_the_cache(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    paths = [_png(tmp_path, f"{i}.png", (640, 480)) for i in range(5)]

    loader.prefetch(paths, DISPLAY)
    qtbot.waitUntil(
        lambda: all(loader.cached_image(p, DISPLAY) is not None for p in paths),
        timeout=TIMEOUT_MS,
    )

    with qtbot.assertNotEmitted(loader.image_ready, wait=50):
        hits = [loader.request(p, DISPLAY) for p in paths]
    assert all(hit is not None for hit in hits)


def test_prefetch_goes_in_the_order_given_and_requests_jump_the_queue(
    qtbot: QtBot,
    make_loader: Callable[..., ImageLoader],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loader = make_loader(threads=1)
    busy = _png(tmp_path, "busy.png", (64, 64))
    paths = [_png(tmp_path, f"{i}.png", (64, 64)) for i in range(4)]
    gate = _Gate(monkeypatch, blocked={busy})

    loader.request(busy, DISPLAY)  # occupies the only worker
    qtbot.waitUntil(lambda: gate.entered == [busy], timeout=TIMEOUT_MS)
    loader.prefetch(paths[:3], DISPLAY)
    loader.request(paths[3], DISPLAY)  # the reviewer jumped: this comes first
    loader.request(paths[2], DISPLAY)  # ...and a queued prefetch is now wanted
    gate.release()
    qtbot.waitUntil(lambda: len(gate.decoded) == 5, timeout=TIMEOUT_MS)

    assert gate.decoded == [busy, paths[2], paths[3], paths[0], paths[1]]


def test_cancel_pending_drops_queued_prefetches(
    qtbot: QtBot,
    make_loader: Callable[..., ImageLoader],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loader = make_loader(threads=1)
    current = _png(tmp_path, "current.png", (64, 64))
    neighbours = [_png(tmp_path, f"{i}.png", (64, 64)) for i in range(3)]
    gate = _Gate(monkeypatch, blocked={current})

    loader.request(current, DISPLAY)
    qtbot.waitUntil(lambda: gate.entered == [current], timeout=TIMEOUT_MS)
    loader.prefetch(neighbours, DISPLAY)
    wanted = _png(tmp_path, "wanted.png", (64, 64))
    loader.request(wanted, DISPLAY)

    assert loader.cancel_pending() == 3
    gate.release()
    qtbot.waitUntil(lambda: not loader.is_pending(wanted), timeout=TIMEOUT_MS)

    assert gate.decoded == [current, wanted]
    assert all(not loader.is_pending(p) for p in neighbours)
    assert loader.cached_image(current) is not None  # the running one still landed


def test_thumbnail(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    path = _png(tmp_path, "a.png", (800, 400), "orange")
    box = QSize(64, 64)

    with qtbot.waitSignal(loader.thumbnail_ready, timeout=TIMEOUT_MS) as ready:
        assert loader.thumbnail(path, box) is None

    assert ready.args[0] == path
    assert (ready.args[1].width(), ready.args[1].height()) == (64, 32)
    assert loader.thumbnail(path, box) is not None
    # Thumbnails live apart from the review images.
    assert loader.cached_image(path) is None


def test_thumbnail_found_at_an_alternative_is_announced_under_its_path(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    """The grid hands the decoder thread where else the file may be: the thread finds
    it (the GUI thread checks nothing), and the thumbnail keeps the asked path."""
    missing = str(tmp_path / "images" / "a.png")
    found = _png(tmp_path, "a.png", (800, 400), "orange")
    box = QSize(64, 64)

    with qtbot.waitSignal(loader.thumbnail_ready, timeout=TIMEOUT_MS) as ready:
        assert loader.thumbnail(missing, box, [str(tmp_path / "nowhere.png"), found]) is None

    assert ready.args[0] == missing
    assert (ready.args[1].width(), ready.args[1].height()) == (64, 32)
    assert loader.failure(missing) is None
    # Found nowhere: a failure under the asked path, naming it.
    gone = str(tmp_path / "gone.png")
    with qtbot.waitSignal(loader.thumbnail_ready, timeout=TIMEOUT_MS):
        loader.thumbnail(gone, box, [str(tmp_path / "nowhere.png")])
    assert loader.failure(gone)


def test_thumbnail_of_broken_file_is_a_placeholder(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(b"not a png")
    box = QSize(48, 48)

    with qtbot.waitSignal(loader.thumbnail_ready, timeout=TIMEOUT_MS) as ready:
        loader.thumbnail(str(path), box)

    placeholder = ready.args[1]
    assert (placeholder.width(), placeholder.height()) == (48, 48)
    assert loader.failure(str(path)) is not None
    assert loader.thumbnail(str(path), box) is not None


def test_lru_evicts_least_recently_used_when_over_budget(
    qtbot: QtBot, make_loader: Callable[..., ImageLoader], tmp_path: Path
) -> None:
    one_image = 100 * 100 * 4  # RGB32
    loader = make_loader(cache_bytes=2 * one_image + 10)
    a, b, c = (_png(tmp_path, f"{name}.png", (100, 100)) for name in "abc")
    box = QSize(100, 100)

    for path in (a, b):
        with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS):
            loader.request(path, box)
    assert loader.request(a, box) is not None  # touch a: b is now the oldest
    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS):
        loader.request(c, box)

    assert loader.cached_image(a) is not None
    assert loader.cached_image(b) is None
    assert loader.cached_image(c) is not None
    assert loader.cache_bytes_used == 2 * one_image


def test_image_larger_than_the_budget_is_delivered_not_cached(
    qtbot: QtBot, make_loader: Callable[..., ImageLoader], tmp_path: Path
) -> None:
    loader = make_loader(cache_bytes=1000)
    path = _png(tmp_path, "big.png", (300, 200))

    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS) as ready:
        loader.request(path, QSize())  # full resolution

    assert ready.args[1].width() == 300
    assert loader.cached_image(path) is None
    assert loader.cache_bytes_used == 0
    assert loader.original_size(path) == QSize(300, 200)


def test_invalidate_forgets_a_failure(qtbot: QtBot, loader: ImageLoader, tmp_path: Path) -> None:
    path = tmp_path / "later.png"
    with qtbot.waitSignal(loader.image_failed, timeout=TIMEOUT_MS):
        loader.request(str(path), DISPLAY)
    Image.new("RGB", (10, 10)).save(path)  # the reviewer fixed the folder

    loader.invalidate(str(path))

    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS):
        assert loader.request(str(path), DISPLAY) is None


def test_shutdown_waits_and_then_stays_quiet(
    qtbot: QtBot, loader: ImageLoader, tmp_path: Path
) -> None:
    paths = [_png(tmp_path, f"{i}.png", (300, 300)) for i in range(6)]
    loader.prefetch(paths, DISPLAY)

    loader.shutdown()

    fresh = _png(tmp_path, "fresh.png", (300, 300))
    with qtbot.assertNotEmitted(loader.image_ready, wait=100):
        assert loader.request(fresh, DISPLAY) is None
    assert not any(loader.is_pending(p) for p in [*paths, fresh])
    loader.shutdown()  # idempotent


def test_placeholder_image_shows_a_glyph_and_the_message(qtbot: QtBot, tmp_path: Path) -> None:
    size = QSize(480, 360)
    message = "Corrupt or truncated image: 0042.jpg"

    with_text = placeholder_image(size, message)
    glyph_only = placeholder_image(size, "")

    assert (with_text.width(), with_text.height()) == (480, 360)
    corner = with_text.pixelColor(2, 2)
    assert corner.red() == corner.green() == corner.blue()  # neutral grey
    assert with_text != glyph_only  # the words were drawn
    colours = {with_text.pixel(x, y) for x in range(0, 480, 4) for y in range(0, 360, 4)}
    assert len(colours) > 3
    with_text.save(str(tmp_path / "placeholder.png"))


def test_placeholder_thumbnail_has_no_text_but_a_glyph(qtbot: QtBot) -> None:
    tiny = placeholder_image(QSize(32, 32), "Image not found: a/very/long/path.png")

    assert (tiny.width(), tiny.height()) == (32, 32)
    assert tiny == placeholder_image(QSize(32, 32), "")
    assert len({tiny.pixel(x, y) for x in range(32) for y in range(32)}) > 1


def test_default_budget_grows_to_hold_the_neighbours_of_a_large_display(
    qtbot: QtBot, make_loader: Callable[..., ImageLoader], tmp_path: Path
) -> None:
    from erroranalysis.gui.image_loader import DEFAULT_CACHE_BYTES, MIN_CACHED_IMAGES

    loader = make_loader()
    path = _png(tmp_path, "a.png", (64, 48))
    with qtbot.waitSignal(loader.image_ready, timeout=TIMEOUT_MS):
        loader.request(path, QSize(1400, 900))
    assert loader._caches[next(iter(loader._caches))].budget_bytes == DEFAULT_CACHE_BYTES
    loader.request(path, QSize(3840, 2160))  # a 4K screen: 33 MB per decode
    budgets = {cache.budget_bytes for cache in loader._caches.values()}
    assert MIN_CACHED_IMAGES * 3840 * 2160 * 4 in budgets
