"""Qt widgets of the spreadsheet part of the window."""
