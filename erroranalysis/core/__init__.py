"""The Qt-free domain of erroranalysis: predictions, the review session, the tally.

Nothing in this package may import Qt; ``tests/unit/test_core_is_qt_free.py``
enforces it.
"""
