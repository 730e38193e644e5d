"""`python -m erroranalysis`."""

import sys

from erroranalysis.cli import main

if __name__ == "__main__":
    sys.exit(main())
