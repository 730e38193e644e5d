"""Qt widgets, item models, undo commands and image loading for erroranalysis."""
