"""erroranalysis: review a classifier's dev errors and see what is worth fixing."""

__version__ = "0.1.0"
