"""Build the standalone `erroranalysis` executable and measure it.

    python packaging/build.py            one-folder bundle in dist/erroranalysis/
    python packaging/build.py --onefile  one-file executable in dist/onefile/
    python packaging/build.py --clean    discard PyInstaller's cache first
    python packaging/build.py --numpy-without-blas
                                         first rebuild this environment's numpy
                                         without OpenBLAS (28 MB smaller; Linux)

Runs PyInstaller on packaging/erroranalysis.spec, then prints where the
bundle is, its size, and how long it takes to start: to print `--version`,
and to open the main window (`--smoke-test`, which opens the real window on
the demo, ticks a category, checks the tally and quits). The same command
works on Linux, Windows and macOS; each OS builds its own bundle
(PyInstaller does not cross-compile).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "erroranalysis.spec"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onefile", action="store_true", help="build one self-extracting file")
    parser.add_argument("--clean", action="store_true", help="clean PyInstaller's cache first")
    parser.add_argument("--windowed", action="store_true",
                        help="no console window (Windows/macOS GUI use; CLI output is lost)")
    parser.add_argument("--no-measure", action="store_true", help="build only")
    parser.add_argument("--numpy-without-blas", action="store_true",
                        help="first replace this environment's numpy by the same version "
                             "built from source without OpenBLAS (28 MB the app does not "
                             "need; Linux, needs a C compiler, about 8 minutes)")
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs per measurement (default 5)")
    return parser.parse_args(argv)


def output_paths(onefile: bool) -> tuple[Path, Path, Path]:
    """(distpath, workpath, executable) of a build kind.

    The one-file build goes to its own folder: its executable has the same
    name as the one-folder bundle's folder.
    """
    if onefile:
        dist = ROOT / "dist" / "onefile"
        return dist, ROOT / "build" / "onefile", dist / f"erroranalysis{EXE_SUFFIX}"
    dist = ROOT / "dist"
    return dist, ROOT / "build" / "onefolder", dist / "erroranalysis" / f"erroranalysis{EXE_SUFFIX}"


def build(args: argparse.Namespace) -> Path:
    import PyInstaller.__main__

    dist, work, executable = output_paths(args.onefile)
    os.environ["ERRORANALYSIS_ONEFILE"] = "1" if args.onefile else "0"
    os.environ["ERRORANALYSIS_WINDOWED"] = "1" if args.windowed else "0"
    pyinstaller_args = [
        str(SPEC), "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ]
    if args.clean:
        pyinstaller_args.append("--clean")
    started = time.perf_counter()
    PyInstaller.__main__.run(pyinstaller_args)
    print(f"built in {time.perf_counter() - started:.0f} s")
    if not executable.is_file():
        raise SystemExit(f"build.py: PyInstaller finished but {executable} is missing")
    return executable


# Issue 11's target for the one-folder executable (and so for the one file too).
SIZE_TARGET_MB = 200


def size_mb(path: Path) -> float:
    """Size in MiB: the files' apparent sizes summed (`du -sh` rounds up to disk blocks)."""
    if path.is_file():
        return path.stat().st_size / 2**20
    files = (f for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return sum(f.stat().st_size for f in files) / 2**20


def disk_mb(path: Path) -> float | None:
    """What `du -s` counts, in MiB (the blocks the files occupy); None where the OS has no
    block counts (Windows)."""
    entries = [path] if path.is_file() else [f for f in path.rglob("*") if not f.is_symlink()]
    try:
        return sum(f.lstat().st_blocks * 512 for f in entries) / 2**20
    except AttributeError:
        return None


def size_report(path: Path) -> str:
    """The bundle's size against SIZE_TARGET_MB, e.g. `258 MiB (du 258 MiB): 58 over ...`."""
    apparent = size_mb(path)
    disk = disk_mb(path)
    measured = max(apparent, disk or 0)
    verdict = (
        f"within the {SIZE_TARGET_MB} MB target"
        if measured <= SIZE_TARGET_MB
        else f"{measured - SIZE_TARGET_MB:.0f} MiB over the {SIZE_TARGET_MB} MB target"
    )
    du = f" (du {disk:.0f} MiB)" if disk is not None else ""
    return f"{apparent:.0f} MiB of files{du}: {verdict}"


def frozen_env(data_dir: str) -> dict[str, str]:
    """The environment of a timed run: offscreen, a throw-away data folder, no Python settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["ERRORANALYSIS_DATA_DIR"] = data_dir
    return env


def timed(
    executable: Path, arguments: list[str], env: dict[str, str], runs: int
) -> tuple[list[float], str]:
    """Wall-clock seconds of each run; raises SystemExit with the output if a run fails."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run([str(executable), *arguments], env=env, capture_output=True,
                                text=True, timeout=300)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(
                f"build.py: `{executable.name} {' '.join(arguments)}` exited {result.returncode}\n"
                f"{result.stdout}{result.stderr}"
            )
    return times, result.stdout.strip()


def describe(times: list[float]) -> str:
    first = times[0]
    if len(times) == 1:
        return f"{first:.2f} s"
    return f"first {first:.2f} s, median of the rest {statistics.median(times[1:]):.2f} s"


def measure(executable: Path, onefile: bool, runs: int) -> None:
    bundle = executable if onefile else executable.parent
    print(f"bundle: {bundle}")
    print(f"size: {size_report(bundle)}")
    with tempfile.TemporaryDirectory(prefix="erroranalysis-build-") as data_dir:
        env = frozen_env(data_dir)
        times, version = timed(executable, ["--version"], env, runs)
        print(f"start-up to --version ({version}): {describe(times)}")
        if not (ROOT / "erroranalysis" / "gui" / "app.py").is_file():
            print("start-up to first window: not measured, "
                  "erroranalysis/gui/app.py is not written yet")
            return
        times, _ = timed(executable, ["--smoke-test"], env, runs)
        print("start-up to first window (--smoke-test: open, tick, check, quit): "
              + describe(times))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.numpy_without_blas:
        sys.path.insert(0, str(ROOT / "packaging"))
        import lean_numpy

        lean_numpy.ensure_without_blas()
    executable = build(args)
    if args.no_measure:
        bundle = executable if args.onefile else executable.parent
        print(f"bundle: {bundle}")
        print(f"size: {size_report(bundle)}")
        return 0
    if args.windowed and sys.platform == "win32":
        print("windowed build: not timed (a GUI-subsystem executable has no console output)")
        return 0
    measure(executable, args.onefile, max(1, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
