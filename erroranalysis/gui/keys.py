"""Keys the review window reserves, and how a key is shown to the user.

Shared by the review view and the category editor (a category cannot take a
key the review itself answers to), so neither imports the other.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

#: Keys the review view uses itself; a category cannot take them as its shortcut.
RESERVED_KEYS = frozenset(
    {"J", "K", "N", "U", "C", "F", "S", "+", "-", "=", "?", "Space", "Return", "Enter"}
)


def key_text(sequence: QKeySequence | str) -> str:
    """A key as the user sees it on the keyboard (native text)."""
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)
