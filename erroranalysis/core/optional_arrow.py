"""pyarrow, when it is installed: the core's fast paths over whole text columns.

A pip install has it (``pyproject.toml`` depends on it): Arrow's CSV reader, its
string kernels and its hash lookups make the spreadsheet round trip and ``new``
several times faster on 100,000 rows. The standalone executable leaves it out
(76 MB, a third of the bundle; Parquet is read by fastparquet there). So every
caller of ``pa`` and ``pc`` first checks :data:`HAS_ARROW` and otherwise takes a
numpy/pandas/Python path that gives the same cells, byte for byte; the tests
run both (``tests/unit/test_without_arrow.py`` and CI's pyarrow-free pass).
"""

from __future__ import annotations

import os

#: Set (to anything but empty) to run as if pyarrow were not installed.
DISABLE_VARIABLE = "ERRORANALYSIS_WITHOUT_ARROW"

try:
    if os.environ.get(DISABLE_VARIABLE):
        raise ImportError(DISABLE_VARIABLE)
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv
    import pyarrow.json as pa_json
except ImportError:
    pa = None  # type: ignore[assignment]
    pc = None  # type: ignore[assignment]
    pa_csv = None  # type: ignore[assignment]
    pa_json = None  # type: ignore[assignment]

#: Whether the Arrow fast paths run (False in the standalone executable).
HAS_ARROW = pa is not None
