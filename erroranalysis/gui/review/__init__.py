"""Qt widgets of the review part of the window."""
