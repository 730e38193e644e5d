"""numpy without OpenBLAS, for a smaller executable (used by build.py --numpy-without-blas).

numpy's Linux and Windows wheels carry OpenBLAS (25 MB on Linux, plus 3 MB of
libgfortran) for its linear algebra. The app's matrix products are small or
vector-sized (agreement over item types, weighted shares, slices' tail sums),
so the executable does not need it: numpy built from source with ``-Dblas=none -Dlapack=none``
uses its own loops and its bundled ``lapack_lite`` instead, the same version,
the same API.

The rebuild replaces numpy in the environment that runs it (build in a
virtual environment made for the bundle, as packaging/README.md says). It
needs a C and C++ compiler (Debian: ``apt install build-essential``) and
takes about 8 minutes on 2 cores. macOS wheels use Apple's Accelerate and
bundle no BLAS: nothing to do there.
"""

from __future__ import annotations

import json
import subprocess
import sys

#: Asks a fresh interpreter, so the process that rebuilds never has numpy imported.
_PROBE = (
    "import json, numpy\n"
    "try:\n"
    "    config = numpy.show_config(mode='dicts')\n"
    "    blas = config['Build Dependencies']['blas'].get('name') or 'none'\n"
    "except TypeError:\n"  # numpy < 1.26: show_config() has no mode
    "    blas = 'unknown'\n"
    "print(json.dumps({'version': numpy.__version__, 'blas': blas}))\n"
)


def installed_numpy(python: str = sys.executable) -> dict[str, str]:
    """``{"version": ..., "blas": ...}`` of ``python``'s numpy (``blas`` is ``"none"``
    for a build without one)."""
    result = subprocess.run([python, "-c", _PROBE], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def rebuild_command(version: str, python: str = sys.executable) -> list[str]:
    """The pip command that replaces numpy ``version`` by the same version built
    from source without BLAS and LAPACK."""
    return [
        python, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps",
        "--no-binary", "numpy", f"numpy=={version}",
        "-Csetup-args=-Dblas=none", "-Csetup-args=-Dlapack=none",
        "-Csetup-args=-Dallow-noblas=true",
    ]


def ensure_without_blas(python: str = sys.executable) -> bool:
    """Rebuild ``python``'s numpy without BLAS unless it already has none.

    Returns True when the environment's numpy has no BLAS afterwards. A failed
    rebuild (no compiler, no network) prints why and returns False: the
    environment keeps the numpy it had, and the bundle is 28 MB larger.
    """
    before = installed_numpy(python)
    if before["blas"] == "none":
        print(f"lean numpy: numpy {before['version']} has no BLAS already")
        return True
    if sys.platform == "darwin":
        print(f"lean numpy: macOS numpy uses Accelerate ({before['blas']}), nothing bundled")
        return False
    print(f"lean numpy: numpy {before['version']} bundles {before['blas']}; "
          "building the same version from source without BLAS (about 8 minutes)...")
    result = subprocess.run(rebuild_command(before["version"], python), capture_output=True,
                            text=True)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        print("lean numpy: WARNING: the rebuild failed, keeping the wheel's numpy "
              f"(with {before['blas']}): " + " / ".join(tail))
        return False
    after = installed_numpy(python)
    if after["blas"] != "none" or after["version"] != before["version"]:
        print(f"lean numpy: WARNING: numpy is now {after['version']} with {after['blas']}")
        return False
    print(f"lean numpy: numpy {after['version']} rebuilt without BLAS")
    return True


if __name__ == "__main__":
    sys.exit(0 if ensure_without_blas() else 1)
