"""pyarrow, when it is installed: the core's fast paths over whole text columns.

A pip install has it (``pyproject.toml`` depends on it): Arrow's CSV reader, its
string kernels and its hash lookups make the spreadsheet round trip and ``new``
several times faster on 100,000 rows. The standalone executable leaves it out
(76 MB, a third of the bundle; Parquet is read by fastparquet there). So every
user of ``pa`` and ``pc`` checks ``pa is None`` when it is called (not when it is
imported, so a test can switch the paths in-process: ``tests/arrow_paths.py``)
and then takes a numpy/pandas/Python path that gives the same cells, byte for
byte; the tests run both (``tests/unit/test_without_arrow.py``, the golden files
of ``test_outputs_unchanged.py``, and CI's pass without pyarrow).
"""

from __future__ import annotations

try:
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
