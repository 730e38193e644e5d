"""The spec's trimming rules: what a lean bundle drops and what the app still needs.

The full check is packaging/check_bundle.sh on a built bundle; these tests
pin the rules themselves, on each OS's file names, without building.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PyInstaller")

SPEC = Path(__file__).resolve().parents[2] / "packaging" / "erroranalysis.spec"


@pytest.fixture(scope="module")
def spec() -> dict:
    """The spec's namespace up to the Analysis call (which would start a build)."""
    source = SPEC.read_text(encoding="utf-8")
    head = source[: source.index("a = Analysis(")]
    namespace: dict = {"SPECPATH": str(SPEC.parent), "__name__": "spec"}
    exec(compile(head, str(SPEC), "exec"), namespace)
    return namespace


def kept(spec: dict, dest: str) -> bool:
    return spec["keep"]((dest, "/src/" + dest, "BINARY"))


@pytest.mark.parametrize(
    "dest",
    [
        # Linux
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        # Qt's own translations of the languages the app speaks (gui/i18n.py)
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",
        "PySide6/Qt/translations/qtbase_en.qm",
        "fastparquet/speedups.cpython-311-x86_64-linux-gnu.so",
        "fastparquet/cencoding.cpython-311-x86_64-linux-gnu.so",
        "fastparquet/parquet.thrift",
        "numpy.libs/libscipy_openblas64_-32a4b2a6.so",
        # Windows
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt6Gui.dll",
        "fastparquet/speedups.cp311-win_amd64.pyd",
        # macOS
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
        "PySide6/translations/qtbase_zh_CN.qm",
        # The app's own catalogue
        "erroranalysis/resources_data/i18n/erroranalysis_zh_CN.qm",
    ],
)
def test_keeps_what_the_app_needs(spec: dict, dest: str) -> None:
    assert kept(spec, dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qtbase_zh_TW.qm",
        "PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
        "PySide6/Qt/translations/designer_zh_CN.qm",
        "fastparquet/speedups.pyx",
        "fastparquet/cencoding.c",
        # Windows and macOS names of the same things
        "PySide6/opengl32sw.dll",
        "PySide6/Qt6Quick.dll",
        "PySide6/Qt6Network.dll",
        "PySide6/translations/qtbase_fr.qm",
        "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
    ],
)
def test_drops_what_the_app_does_not_use(spec: dict, dest: str) -> None:
    assert not kept(spec, dest)


def test_keeps_every_qt_module_the_sources_import(spec: dict) -> None:
    assert {"QtCore", "QtGui", "QtWidgets"} <= spec["QT_NEEDED"]
    excluded = set(spec["EXCLUDES"])
    assert not {f"PySide6.{name}" for name in spec["QT_NEEDED"]} & excluded


def test_excludes_other_bindings_and_heavy_extras(spec: dict) -> None:
    excluded = set(spec["EXCLUDES"])
    assert {"PyQt5", "PyQt6", "tkinter", "matplotlib", "scipy", "IPython", "pytest"} <= excluded
    assert {"pandas", "numpy", "fastparquet", "fsspec", "cramjam", "PIL"}.isdisjoint(excluded)
    # The core runs without pyarrow (core/optional_arrow.py): 76 MB left out.
    assert "pyarrow" in excluded


def test_dangling_symlinks_are_dropped(spec: dict) -> None:
    toc = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
    ]
    present = {"PySide6/Qt/lib/libQt6Gui.so.6"}
    assert spec["drop_dangling_symlinks"](toc, present) == toc[:1]


def test_spec_paths_come_from_specpath(spec: dict) -> None:
    root = SPEC.parent.parent
    assert spec["ROOT"] == root
    assert spec["DATAS"] == [(str(root / "resources"), "erroranalysis/resources_data")]
    source = SPEC.read_text(encoding="utf-8")
    assert "/usr/" not in source and "/root/" not in source and "os.getcwd" not in source
