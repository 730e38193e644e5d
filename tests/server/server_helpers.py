"""Helpers of the team-server tests: small sessions, waiting for another program."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession


def make_session(location: str | Path, items: int = 12, **kwargs) -> ReviewSession:
    """``items`` dev errors of 10x as many examples, three categories, with predictions."""
    frame = pd.DataFrame({
        "key": [f"e{i:03}" for i in range(items)],
        "image": [f"img/e{i:03}.png" for i in range(items)],
        "label": "cat", "prediction": "dog", "score": [i / items for i in range(items)],
        "split": "dev", "camera": ["phone" if i % 2 else "dslr" for i in range(items)],
    })
    predictions = frame.drop(columns=["camera"]).copy()
    categories = [Category("dog"), Category("blurry"), Category("wrong label", kind="label_error")]
    return ReviewSession.create(location, frame, categories, dev_size=items * 10,
                                dev_errors=items, predictions=predictions,
                                metadata_columns=["camera"], **kwargs)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass (no speed asserted)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()
