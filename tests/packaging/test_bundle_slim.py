"""packaging/bundle_slim.py: the Linux build's ICU data filter and verified strip, on
the real files of this machine's PySide6 where it has them."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bundle_slim", ROOT / "packaging" / "bundle_slim.py")
bundle_slim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle_slim)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files")
needs_cc = pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")


def _qt_lib() -> Path:
    pyside = pytest.importorskip("PySide6")
    return Path(pyside.__path__[0]) / "Qt" / "lib"


def _icu_data() -> Path:
    found = sorted(_qt_lib().glob("libicudata.so.*[0-9]"))
    if not found:
        pytest.skip("this PySide6 ships no ICU data library")
    return found[0]


def _symbol(path: Path) -> str:
    return "icudt" + path.name.rsplit(".", 1)[-1] + "_dat"


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("root.res", True),
        ("en_GB.res", True),
        ("zh_Hans_CN.res", True),
        ("coll/zh.res", True),
        ("coll/ucadata.icu", True),
        ("zone/en.res", True),
        ("supplementalData.res", True),
        ("res_index.res", True),
        ("coll/res_index.res", True),
        ("curr/pool.res", True),
        ("unames.icu", True),
        ("fr.res", False),
        ("coll/de.res", False),
        ("coll/de_.res", False),
        ("zone/ja.res", False),
        ("translit/root.res", False),
        ("rbnf/en.res", False),
        ("brkitr/cjdict.dict", False),
        ("brkitr/root.res", True),
    ],
)
def test_icu_items_kept_for_english_and_chinese(name: str, kept: bool) -> None:
    assert bundle_slim.keep_icu_item(name, b"") is kept


@linux_only
def test_icu_package_round_trip_is_byte_identical() -> None:
    library = _icu_data()
    blob = bundle_slim.dynamic_symbol(library, _symbol(library))
    header, items = bundle_slim.read_icu_package(blob)
    assert len(items) > 1000
    assert [name for name, _ in items] == sorted(name for name, _ in items)
    assert bundle_slim.write_icu_package(header, items) == blob


@linux_only
def test_icu_converters_single_byte_and_chinese_stay() -> None:
    library = _icu_data()
    _, items = bundle_slim.read_icu_package(bundle_slim.dynamic_symbol(library, _symbol(library)))
    converters = {name.split("/", 1)[1]: data for name, data in items if name.endswith(".cnv")}
    keep = {name: bundle_slim.keep_icu_item(name, data) for name, data in converters.items()}
    assert keep["gb18030.cnv"] and keep["windows-936-2000.cnv"] and keep["ibm-1386_P100-2001.cnv"]
    assert keep["ibm-5348_P100-1997.cnv"]  # windows-1252
    assert not keep["euc-tw-2014.cnv"] and not keep["ibm-943_P15A-2003.cnv"]  # Big5/Shift-JIS


@linux_only
@needs_cc
def test_filtered_icu_library_serves_qt(tmp_path: Path) -> None:
    """Qt loads the filtered library (LD_LIBRARY_PATH comes before QtCore's RUNPATH):
    Chinese collation in pinyin order, the GB encodings, English time-zone names."""
    library = _icu_data()
    target = tmp_path / library.name
    kept, total = bundle_slim.filter_icu_data(library, target)
    assert 0 < kept < total
    assert target.stat().st_size < library.stat().st_size / 3
    script = (
        "import functools\n"
        "from PySide6.QtCore import QCoreApplication, QCollator, QLocale, QStringDecoder\n"
        "app = QCoreApplication([])\n"
        "loaded = {l.split()[-1] for l in open('/proc/self/maps') if 'libicudata' in l}\n"
        "c = QCollator(QLocale('zh_CN'))\n"
        "words = sorted(['中国', '阿姨', '北京', '猫'], key=functools.cmp_to_key(c.compare))\n"
        "print(sorted(loaded)[0], words, QStringDecoder('GBK').isValid(),\n"
        "      QStringDecoder('Shift_JIS').isValid(), QLocale('tr_TR').toUpper('i'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split()[0] == str(target)
    assert "['阿姨', '北京', '猫', '中国'] True False İ" in result.stdout


@linux_only
def test_strip_keeps_only_what_loads_the_same(tmp_path: Path) -> None:
    if shutil.which("strip") is None:
        pytest.skip("no strip")
    dynload = Path(sysconfig.get_path("platstdlib")) / "lib-dynload"
    libdir = Path(sysconfig.get_config_var("LIBDIR") or dynload)
    candidates = [
        p
        for p in [*dynload.glob("*.so"), *libdir.glob("libpython*.so*")]
        if p.is_file() and bundle_slim.strippable(p)
    ]
    if not candidates:
        pytest.skip("this Python's libraries are stripped already")
    source = max(candidates, key=lambda p: p.stat().st_size)
    target = tmp_path / source.name
    if bundle_slim.strip_symbols(source, target):
        assert target.stat().st_size < source.stat().st_size
        assert not bundle_slim.strippable(target)
        assert bundle_slim._loaded_image(source.read_bytes()) == bundle_slim._loaded_image(
            target.read_bytes()
        )
    else:
        assert not target.exists()


