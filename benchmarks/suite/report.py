"""Issue 11's targets, the results table and ``results.json``."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from suite.common import REPO


@dataclass(frozen=True)
class Target:
    """A row passes when its ``stat`` (or, with ``ratio``, that stat over the baseline's)
    is at most ``limit``."""

    stat: str
    limit: float
    ratio: bool = False

    def text(self, unit: str) -> str:
        stat = "" if self.stat == "median" else f"{self.stat} "
        if self.ratio:
            return f"{stat}≤ {self.limit:g}x"
        return f"{stat}≤ {self.limit:g} {unit}"


#: The table "Targets" of issue 11, per row key.
TARGETS: dict[str, Target] = {
    "import_inproc": Target("median", 3, ratio=True),
    "import_cli": Target("median", 3, ratio=True),
    "export": Target("median", 2, ratio=True),
    "new_time": Target("median", 1.5, ratio=True),
    "new_rss": Target("median", 2, ratio=True),
    "new_parquet_time": Target("median", 1.5, ratio=True),
    "new_parquet_rss": Target("median", 2, ratio=True),
    "window_shown": Target("median", 1.5),
    "window_shown_saved": Target("median", 1.5),
    "window_shown_laptop": Target("median", 1.5),
    "rss_open": Target("median", 300),
    "tick_tally": Target("p95", 16),
    "stall_tick": Target("max", 50),
    "move_unreviewed": Target("p95", 16),
    "move_prefetched": Target("p95", 16),
    "stall_move": Target("max", 50),
    "cold_large": Target("median", 1.3, ratio=True),
    "cold_small": Target("median", 1.3, ratio=True),
    "stall_scroll": Target("max", 50),
    "grid_stall_cold": Target("max", 50),
    "grid_stall_warm": Target("max", 50),
    "tally": Target("median", 3, ratio=True),
    "tick_p99": Target("p99", 5),
    "rss_flip": Target("median", 150),
    "exe_size": Target("median", 200),
}

#: The order of the table (issue 11's order); rows not listed follow.
ORDER = (
    "import_inproc",
    "import_cli",
    "cli_startup",
    "export",
    "new_time",
    "new_rss",
    "new_parquet_time",
    "new_parquet_rss",
    "window_shown",
    "window_shown_saved",
    "window_shown_laptop",
    "rss_open",
    "tick_tally",
    "stall_tick",
    "move_unreviewed",
    "move_prefetched",
    "stall_move",
    "cold_large",
    "cold_small",
    "sheet_switch",
    "sheet_scroll",
    "stall_scroll",
    "grid_stall_cold",
    "grid_stall_warm",
    "tally",
    "tick_p99",
    "tick_autocheckpoint",
    "rss_flip",
    "flip_step",
    "exe_size",
)
#: Rows whose ratio compares the worst case (a stall is its longest gap).
RATIO_ON_MAX = {"stall_tick", "stall_move", "stall_scroll", "grid_stall_cold", "grid_stall_warm"}


def finish_rows(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Merge rows of one key (several processes), attach baselines timed by other workers,
    add target, ratio and pass. Returns (table rows, baseline-only rows)."""
    from suite.common import summary

    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = row["key"]
        if key in merged and not row.get("error"):
            into = merged[key]
            if into.get("error"):
                merged[key] = row
                continue
            into["samples"] = into["samples"] + row["samples"]
            into.update({k: v for k, v in summary(into["samples"]).items()})
            if row.get("baseline") and into.get("baseline"):
                base = into["baseline"]
                base["samples"] = base["samples"] + row["baseline"]["samples"]
                base.update(summary(base["samples"]))
        elif key not in merged:
            merged[key] = dict(row)
    referenced = {r.get("baseline_key") for r in merged.values() if r.get("baseline_key")}
    for row in merged.values():
        source = merged.get(row.get("baseline_key") or "")
        if source is not None and row.get("baseline") is not None:
            row["baseline"].update({**summary(source["samples"]), "samples": source["samples"]})
            if source.get("error"):
                row["baseline"]["error"] = source["error"]
    table, baselines = [], []
    for row in merged.values():
        if row["key"] in referenced or row["key"].startswith("bare_"):
            baselines.append(row)
            continue
        _judge(row)
        table.append(row)
    rank = {key: i for i, key in enumerate(ORDER)}
    table.sort(key=lambda r: rank.get(r["key"], len(rank)))
    return table, baselines


def _judge(row: dict[str, Any]) -> None:
    target = TARGETS.get(row["key"])
    baseline = row.get("baseline") or {}
    ratio_stat = (
        "max"
        if row["key"] in RATIO_ON_MAX
        else (target.stat if target is not None and target.ratio else "median")
    )
    value, floor = row.get(ratio_stat), baseline.get(ratio_stat)
    row["ratio"] = value / floor if value is not None and floor else None
    row["ratio_stat"] = ratio_stat
    row["target"] = target.text(row["unit"]) if target else ""
    row["pass"] = None
    row["distance"] = None  # how many times over (or under) its target the row is
    if target is None or row.get("error"):
        return
    measured = row["ratio"] if target.ratio else row.get(target.stat)
    if measured is None:
        return
    row["pass"] = measured <= target.limit
    row["distance"] = measured / target.limit


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    if unit == "MB" or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3f}"


def table_text(rows: list[dict[str, Any]]) -> str:
    """The results as a fixed-width table (what a terminal shows)."""
    header = (
        f"{'what':<62} {'n':>4} {'median':>8} {'p95':>8} {'max':>8} {'unit':<4} "
        f"{'baseline':>9} {'ratio':>7}  {'target':<11} result"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        name = row["name"] if len(row["name"]) <= 62 else row["name"][:61] + "…"
        unit = row["unit"]
        base = row.get("baseline") or {}
        stat = row.get("ratio_stat", "median")
        ratio = f"{row['ratio']:.1f}x" if row.get("ratio") is not None else ""
        result = {True: "PASS", False: "FAIL", None: ""}[row.get("pass")]
        if row.get("error"):
            result = "ERROR"
        lines.append(
            f"{name:<62} {row.get('n') or 0:>4} {_num(row.get('median'), unit):>8} "
            f"{_num(row.get('p95'), unit):>8} {_num(row.get('max'), unit):>8} {unit:<4} "
            f"{_num(base.get(stat), unit):>9} {ratio:>7}  {row.get('target', ''):<11} {result}"
        )
        if row.get("error"):
            lines.append(f"    error: {row['error'].splitlines()[-1][:150]}")
        elif row.get("note"):
            lines.append(f"    {row['note'][:170]}")
    return "\n".join(lines)


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """The same rows as a Markdown table (for the README and reports)."""
    lines = [
        "| what | median | p95 | max | baseline, same run | ratio | target | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        unit = row["unit"]
        base = row.get("baseline") or {}
        stat = row.get("ratio_stat", "median")
        baseline = (
            f"{base.get('name', '')} {_num(base.get(stat), unit)} {unit}"
            if base.get(stat) is not None
            else ""
        )
        ratio = f"{row['ratio']:.1f}x" if row.get("ratio") is not None else ""
        result = {True: "pass", False: "**fail**", None: ""}[row.get("pass")]
        if row.get("error"):
            result = "error"
        lines.append(
            f"| {row['name']} | {_num(row.get('median'), unit)} {unit} | "
            f"{_num(row.get('p95'), unit)} | {_num(row.get('max'), unit)} | {baseline} | "
            f"{ratio} | {row.get('target', '')} | {result} |"
        )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    """What the numbers were measured on and with."""
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        with open("/proc/cpuinfo") as handle:
            info["cpu"] = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")),
                "",
            )
        with open("/proc/meminfo") as handle:
            kib = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
            info["memory_gb"] = round(kib / 1024 / 1024, 1)
        info["load_average"] = os.getloadavg()
    except (OSError, StopIteration):
        pass
    for module in ("pandas", "numpy", "PIL", "pyarrow"):
        try:
            info[module if module != "PIL" else "pillow"] = __import__(module).__version__
        except Exception:  # a missing optional library is worth a blank, not a crash
            info[module] = None
    try:
        import PySide6
        from PySide6 import QtCore

        info["pyside6"] = PySide6.__version__
        info["qt"] = QtCore.qVersion()
    except Exception:
        info["pyside6"] = None
    try:
        from PIL import features

        info["libjpeg_turbo"] = (
            features.version("jpg") if features.check_feature("libjpeg_turbo") else None
        )
    except Exception:
        info["libjpeg_turbo"] = None
    try:
        info["git_commit"] = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "erroranalysis"],
            capture_output=True,
            text=True,
        ).stdout
        info["git_dirty"] = bool(dirty.strip())
    except OSError:
        pass
    info["executable"] = sys.executable
    return info


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
