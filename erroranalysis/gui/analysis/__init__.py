"""Qt widgets of the analysis part of the window."""
