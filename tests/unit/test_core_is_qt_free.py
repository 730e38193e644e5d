"""The core must import and work where Qt cannot be imported at all."""

import subprocess
import sys
import textwrap


def test_core_imports_without_qt() -> None:
    script = textwrap.dedent(
        """
        import builtins, importlib, pkgutil, sys
        real_import = builtins.__import__
        def guarded(name, *args, **kwargs):
            if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
                raise ImportError("Qt is forbidden in erroranalysis.core")
            return real_import(name, *args, **kwargs)
        builtins.__import__ = guarded
        import erroranalysis.core as core
        for module in pkgutil.iter_modules(core.__path__):
            importlib.import_module(f"erroranalysis.core.{module.name}")
        import erroranalysis.cli.session_cmds, erroranalysis.cli.analysis_cmds
        assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
