"""Qt widgets of the charts part of the window."""
