"""Without any screen, opening a window is one clear line and exit 2, not a Qt abort."""

import os
import subprocess
import sys

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display variables")
def test_demo_without_a_display(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ERRORANALYSIS_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "erroranalysis", "demo"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("erroranalysis: error: no display")
    assert len(result.stderr.strip().splitlines()) == 1


def test_demo_without_a_display_says_so_in_chinese(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL",
                        "LC_MESSAGES")}
    env["ERRORANALYSIS_DATA_DIR"] = str(tmp_path)
    env["LANG"] = "zh_CN.UTF-8"
    result = subprocess.run([sys.executable, "-m", "erroranalysis", "demo"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("erroranalysis：错误：没有可以打开窗口的显示器")
    assert "DISPLAY" in line and "tally" in line  # names and commands stay as typed
