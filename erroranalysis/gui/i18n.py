"""The app's language: Qt translators for its own strings and for Qt's.

Every user-visible string goes through ``self.tr`` (in a QObject's method) or
:func:`translate` (anywhere else); ``pyside6-lupdate`` collects both into
``resources/i18n/erroranalysis_<lang>.ts`` (``scripts/update_translations.py``).
The language is, in order: the ``--lang`` flag, the Settings entry
(``ui/language``), the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` and
then Qt's own idea of the locale). Anything not translated shows in English.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from erroranalysis import i18n as shared
from erroranalysis.core.categories import Category, default_categories
from erroranalysis.core.paths import user_data_dir
from erroranalysis.i18n import environment_language, normalize
from erroranalysis.resources import resources_dir

SETTINGS_KEY = "ui/language"  # "" or absent: follow the system

_installed: list[QTranslator] = []
_current = "en"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``, short enough to wrap a string in (lupdate finds it)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def settings() -> QSettings:
    """The app's preferences (beside the window layout, in the user data folder)."""
    return QSettings(str(user_data_dir() / "window.ini"), QSettings.Format.IniFormat)


def saved_language() -> str | None:
    return normalize(str(settings().value(SETTINGS_KEY, "") or ""))


def save_language(language: str | None) -> None:
    """Remember a language for the next start ("" or None: follow the system)."""
    settings().setValue(SETTINGS_KEY, normalize(language) or "")


def system_language() -> str:
    """The language of the environment: the POSIX variables first (what a terminal
    user sets), then the platform's UI languages as Qt reads them."""
    found = environment_language()
    if found is not None:
        return found
    for name in QLocale.system().uiLanguages():
        found = normalize(name)
        if found is not None:
            return found
    return "en"


def choose_language(flag: str | None = None) -> str:
    """The language to show: the flag (or --lang), else the saved setting, else the
    system's."""
    return normalize(flag) or normalize(shared.requested) or saved_language() or system_language()


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own catalogues (qtbase_zh_CN.qm …) may be: Qt's translations path,
    then the frozen bundle's copies of PySide6's folder."""
    found = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found += [
            Path(frozen) / "PySide6" / "Qt" / "translations",
            Path(frozen) / "PySide6" / "translations",
        ]
    return found


def install(language: str) -> str:
    """Install the translators for ``language`` on the running application (replacing
    any installed before); returns the language now in effect."""
    global _current
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    language = normalize(language) or "en"
    _current = language
    # core/ speaks through the Qt-free catalogue (its UserError messages): the same language.
    shared.use_language(language)
    if language == "en" or app is None:
        return language
    own = QTranslator(app)
    if own.load(f"erroranalysis_{language}", str(translations_dir())):
        app.installTranslator(own)
        _installed.append(own)
    for catalogue in ("qtbase", "qt"):
        qt = QTranslator(app)
        if any(qt.load(f"{catalogue}_{language}", str(d)) for d in qt_translations_dirs()):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return language


def current_language() -> str:
    """The language installed last ("en" before any)."""
    return _current


# The course's default categories are listed for lupdate in erroranalysis/i18n.py
# (context "categories", shared with the command line).


def default_categories_here() -> list[Category]:
    """The course's default categories in the app's language.

    A category's name is data once a session holds it (ticks, exports, the
    CLI refer to it), so it is translated here, when a session is made, and
    never afterwards.
    """
    return [
        replace(
            c,
            name=translate("categories", c.name),
            description=translate("categories", c.description) if c.description else "",
        )
        for c in default_categories()
    ]
