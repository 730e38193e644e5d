"""Refresh the translation catalogues and compile them.

    python scripts/update_translations.py          # lupdate, then lrelease
    python scripts/update_translations.py --check  # exit 1 if a catalogue or .qm is stale

``pyside6-lupdate`` (shipped with PySide6-Essentials) collects every string
marked with ``self.tr`` / ``translate("context", ...)`` / ``QT_TRANSLATE_NOOP``
in the app (``erroranalysis/gui``), the command line (``erroranalysis/cli``,
``erroranalysis/i18n.py``) and core's messages (``erroranalysis/core``) into
``resources/i18n/erroranalysis_<lang>.ts``;
translations already made are kept, strings no longer in the code are
dropped. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app
loads. Both files are committed, so an install needs no build step; the
command line reads the ``.ts`` itself (no Qt).

Source locations are left out of the ``.ts`` (``-locations none``), and so
are the code comments lupdate would copy in: both change with every edit of
the code and would make each change a merge conflict in the catalogue.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
SOURCES = (
    "erroranalysis/gui",
    "erroranalysis/cli",
    "erroranalysis/core",
    "erroranalysis/i18n.py",
    "erroranalysis/choice_texts.py",
)


def tool(name: str) -> str:
    """pyside6-lupdate / -lrelease beside this Python (a venv), else on the PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install PySide6-Essentials (pip install -e .)")
    return found


def python_files() -> list[str]:
    files: list[str] = []
    for source in SOURCES:
        path = ROOT / source
        if path.is_dir():
            files += sorted(str(p.relative_to(ROOT)) for p in path.rglob("*.py"))
        else:
            files.append(source)
    return files


#: lupdate makes a "#:" code comment above a string its translator comment; those
#: comments document the code and change with it, so they are left out of the catalogue.
_EXTRACOMMENT = re.compile(r"\n[ \t]*<extracomment>.*?</extracomment>", re.DOTALL)


def update(ts: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-locations",
            "none",
            "-no-obsolete",
            *python_files(),
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    text = ts.read_text(encoding="utf-8")
    ts.write_text(_EXTRACOMMENT.sub("", text), encoding="utf-8")


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a .ts misses strings or a .qm is stale",
    )
    args = parser.parse_args()
    stale: list[str] = []
    for language in LANGUAGES:
        ts = I18N / f"erroranalysis_{language}.ts"
        qm = I18N / f"erroranalysis_{language}.qm"
        if not args.check:
            update(ts)
            release(ts, qm)
            print(f"{ts.relative_to(ROOT)} and {qm.name} updated")
            continue
        with tempfile.TemporaryDirectory() as folder:
            fresh_ts = Path(folder) / ts.name
            shutil.copy(ts, fresh_ts)
            update(fresh_ts)
            if not filecmp.cmp(ts, fresh_ts, shallow=False):
                stale.append(f"{ts.name} (run scripts/update_translations.py)")
            fresh_qm = Path(folder) / qm.name
            release(ts, fresh_qm)
            if not qm.exists() or not filecmp.cmp(qm, fresh_qm, shallow=False):
                stale.append(f"{qm.name} (run scripts/update_translations.py)")
    for line in stale:
        print(f"stale: {line}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
