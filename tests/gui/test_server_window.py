"""The window on a team's server session: others' ticks arrive, N hands out free items,
a server that goes away is a banner with Retry, and the password is never written."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest
from gui_helpers import open_window, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession

pytest.importorskip("psycopg")


def _make(url: str, items: int = 6) -> None:
    frame = pd.DataFrame({"key": [f"e{i}" for i in range(items)],
                          "image": [f"img/e{i}.png" for i in range(items)],
                          "label": "cat", "prediction": "dog", "score": 0.5, "split": "dev"})
    ReviewSession.create(url, frame, [Category("dog"), Category("blurry")], dev_size=items * 10,
                         dev_errors=items).close()


def test_another_reviewers_tick_reaches_the_window_on_its_own_thread(qtbot, server_url) -> None:
    url = server_url("team review")
    _make(url)
    session = ReviewSession.open(url)
    window = open_window(qtbot, session)
    try:
        assert window.windowTitle().startswith("team review on 127.0.0.1")
        assert session.wait_listening()
        heard: list[bool] = []
        window.signals.ticks_changed.connect(
            lambda *_: heard.append(threading.current_thread() is threading.main_thread()))
        with ReviewSession.open(url) as other:
            other.set_reviewer("Ben")
            dog = other.category_by_name("dog").id
            with qtbot.waitSignal(window.signals.ticks_changed, timeout=10000):
                other.set_ticks(other.item_ids()[:2], dog, True)
        assert heard == [True]  # delivered on the GUI thread, not the listener's
        assert session.tally().reviewed == 2  # the in-memory counts followed
    finally:
        window.close()


def test_n_skips_the_item_another_reviewer_is_on(qtbot, server_url) -> None:
    url = server_url()
    _make(url)
    with ReviewSession.open(url) as other:
        other.set_reviewer("Ben")
        taken = other.claim_next_unreviewed(0)  # Ben is on the second item
        assert taken is not None and taken.position == 1
        session = ReviewSession.open(url)
        window = open_window(qtbot, session)
        try:
            assert session.position == 0
            session.set_reviewer("Ana")
            press(window.review_view, Qt.Key.Key_N)
            assert session.position == 2  # not Ben's item
            assert session.claims() == {taken.id: "Ben", session.item_at(2).id: "Ana"}
        finally:
            window.close()


def test_a_server_gone_away_shows_the_banner_and_retry_saves_the_tick(
        qtbot, own_cluster) -> None:
    url = f"{own_cluster.url}?session=banner"
    _make(url)
    session = ReviewSession.open(url)
    window = open_window(qtbot, session)
    try:
        item = window.review_view.current_item()
        own_cluster.stop()
        try:
            press(window.review_view, Qt.Key.Key_1)
            assert window.saved_label.text() == "⚠ Not saved"
            assert window.notice_bar.isVisible()
            assert "the session server cannot be reached" in window.notice_text.text()
            assert window.notice_button.text() == "Retry"
            assert window.undo_stack.count() == 0  # the tick is not shown as made
        finally:
            own_cluster.start()
        window.notice_button.click()  # Retry: the session reconnects by itself
        assert not window.notice_bar.isVisible()
        assert window.saved_label.text().startswith("✓")
        assert session.item_ticks(item.id) == {session.categories()[0].id}
        assert window.undo_stack.count() == 1
    finally:
        window.close()


def test_the_password_typed_in_the_window_is_never_written(qtbot, monkeypatch, tmp_path,
                                                          isolated_user_data) -> None:
    from pg_cluster import Cluster, server_binaries

    from erroranalysis.core.store import forget_passwords
    from erroranalysis.gui.app import AppController
    from erroranalysis.gui.start_screen import recent_sessions

    if server_binaries() is None:
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    secret = "W1ndow-Secret"
    cluster = Cluster(password=secret)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    forget_passwords()
    try:
        url = f"{cluster.url}?session=locked"
        ReviewSession.create(url, pd.DataFrame({"key": ["a"], "image": ["a.png"]}),
                             [Category("dog")], dev_size=10, dev_errors=1,
                             password=secret).close()
        forget_passwords()
        asked: list[str] = []

        def get_text(parent, title, label, echo, *args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append(label)
            assert echo == QLineEdit.EchoMode.Password  # typed unseen
            return (secret, True)

        monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
        controller = AppController(QApplication.instance())
        assert controller.open_server_session(url)
        window = controller.window
        assert len(asked) == 1 and "Password for postgresql://postgres@127.0.0.1" in asked[0]
        window.session.set_reviewer("Ana")
        press(window.review_view, Qt.Key.Key_1)
        assert [str(r.path) for r in recent_sessions()] == [url]
        window.close()
        for path in Path(tmp_path).rglob("*"):
            if path.is_file() and path.name not in ("pw",):
                assert secret.encode() not in path.read_bytes(), path
    finally:
        forget_passwords()
        cluster.close()
