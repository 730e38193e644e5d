"""Copies the top-level resources/ into the package when a wheel is built.

Everything else is in pyproject.toml; this only exists so that an installed
(non-editable) package carries the demo sample and icons as
``erroranalysis/resources_data``, where ``erroranalysis.resources`` looks.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "resources"
        target = Path(self.build_lib) / "erroranalysis" / "resources_data"
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
