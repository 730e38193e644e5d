"""The measurement suite of issue 11, driven by ``benchmarks/run.py`` (see its docstring).

Modules: :mod:`common` (statistics, memory, child processes, result rows),
:mod:`data` (the seeded data set), :mod:`core_measures` (import, export, new,
tally, tick: no Qt), :mod:`gui_measures` (the real window through QTest key
events, offscreen), :mod:`report` (targets, the table, ``results.json``).
"""
