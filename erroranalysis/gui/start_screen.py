"""The start screen, the recent-sessions list and the "new session" options dialog.

The start screen only says what the user picked (a predictions file, a
folder, a session, the demo); :mod:`erroranalysis.gui.app` decides whether
that means resuming a session or creating one, so the File menu of the main
window and this screen share one path.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.categories import categories_from_option
from erroranalysis.core.errors import UserError
from erroranalysis.core.paths import user_data_dir
from erroranalysis.core.session import SESSION_SUFFIX
from erroranalysis.core.sources import PREDICTION_SUFFIXES, SourceOptions
from erroranalysis.gui.i18n import default_categories_here, translate
from erroranalysis.resources import resources_dir

RECENT_FILE_NAME = "recent_sessions.json"
MAX_RECENT = 12
RECENT_TEXT_WIDTH = 370



def predictions_filter() -> str:
    """The file dialog's filter for predictions files, in the reader's language."""
    return translate("start_screen", "Predictions ({patterns});;All files (*)").format(
        patterns=" ".join(f"*{s}" for s in PREDICTION_SUFFIXES))


def session_filter() -> str:
    return translate("start_screen", "Review sessions (*{suffix});;All files (*)").format(
        suffix=SESSION_SUFFIX)


# ------------------------------------------------------------------ recent list
class ServerEntry:
    """A server session in the recent list, where a file's :class:`Path` would be: its
    URL without the password, with the few things the list asks of a path."""

    def __init__(self, url: str) -> None:
        from erroranalysis.core.store import parse_location

        self.location = parse_location(url)
        self.url = self.location.public_url  # never a password, whatever was given

    name = property(lambda self: self.location.session)
    stem = property(lambda self: self.location.session)
    parent = property(lambda self: self.location.display_url)

    def is_file(self) -> bool:
        return True  # (whether it is still there is found out on opening)

    def resolve(self) -> ServerEntry:
        return self

    def __str__(self) -> str:
        return self.url

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerEntry) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)


def _recent_path(text: str) -> Path | ServerEntry:
    from erroranalysis.core.store import is_server_location

    return ServerEntry(text) if is_server_location(text) else Path(text)


@dataclass(frozen=True)
class RecentSession:
    path: Path | ServerEntry
    title: str
    opened: float


def _recent_file() -> Path:
    return user_data_dir() / RECENT_FILE_NAME


def recent_sessions(*, existing_only: bool = True) -> list[RecentSession]:
    """Recently opened sessions, newest first (a damaged list is just empty)."""
    try:
        raw = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = []
    for entry in raw if isinstance(raw, list) else []:
        try:
            recent = RecentSession(_recent_path(str(entry["path"])),
                                   str(entry.get("title", "")), float(entry.get("opened", 0)))
        except (KeyError, TypeError, ValueError, UserError):
            continue
        if not existing_only or recent.path.is_file():
            found.append(recent)
    return found


def remember_session(path: Path | str, title: str = "") -> None:
    """Put a session at the top of the recent list (best effort: a read-only disk is fine).
    A server session is kept as its URL without the password."""
    path = _recent_path(str(path)).resolve()
    kept = [r for r in recent_sessions(existing_only=False) if r.path != path]
    entries = [RecentSession(path, title, time.time()), *kept][:MAX_RECENT]
    try:
        _recent_file().parent.mkdir(parents=True, exist_ok=True)
        _recent_file().write_text(
            json.dumps(
                [{"path": str(r.path), "title": r.title, "opened": r.opened} for r in entries],
                ensure_ascii=False, indent=1,
            ),
            encoding="utf-8",
        )
    except OSError:
        pass


def app_icon_pixmap(size: int) -> QPixmap:
    """The app icon drawn at ``size`` (empty if the resources are missing)."""
    try:
        path = resources_dir() / "icons" / "erroranalysis.svg"
    except FileNotFoundError:
        return QPixmap()
    return QIcon(str(path)).pixmap(size, size)


# --------------------------------------------------------------- file pickers
def ask_predictions_file(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, translate("start_screen", "Open a predictions file"), "", predictions_filter()
    )
    return Path(name) if name else None


def ask_folder(parent: QWidget | None) -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, translate("start_screen", "Open a folder of misclassified images")
    )
    return Path(name) if name else None


def ask_server_session(parent: QWidget | None) -> str | None:
    """The URL of a team's session on a PostgreSQL server (asked for; checked for form)."""
    from erroranalysis.core.store import parse_location

    text, ok = QInputDialog.getText(
        parent, translate("start_screen", "Open a server session"),
        translate("start_screen", "The session's URL, as your team shares it:\n"
        "postgresql://user@host[:port]/database?session=NAME\n"
        "(add &sslmode=require for TLS; the password comes from ~/.pgpass or is asked for)"),
        QLineEdit.EchoMode.Normal, "postgresql://")
    text = text.strip()
    if not ok or not text or text == "postgresql://":
        return None
    try:
        parse_location(text)
    except UserError as error:
        QMessageBox.warning(
            parent, translate("start_screen", "Open a server session"), error.message
        )
        return None
    return text


def ask_session_file(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, translate("start_screen", "Open a review session"), "", session_filter()
    )
    return Path(name) if name else None


# ------------------------------------------------------ new-session dialog
class NewSessionDialog(QDialog):
    """How to review a new source: sample size and seed, categories, and for a
    folder the dev size or dev error rate (a folder only holds the errors)."""

    def __init__(self, source: Path, session_path: Path, parent: QWidget | None = None,
                 *, options: SourceOptions | None = None) -> None:
        super().__init__(parent)
        self.source = Path(source)
        self._given = options or SourceOptions()
        self.is_folder = self.source.is_dir()
        self.setWindowTitle(self.tr("New review session"))
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "<b>{name}</b> has no review session yet. It will be saved as "
                "<i>{name2}</i> beside it, and every tick is saved as you go."
            ).format(name=self.source.name, name2=session_path.name)
        )
        intro.setWordWrap(True)

        # -- which errors
        self.review_all = QRadioButton(self.tr("All of them"))
        self.sample_box = QRadioButton(self.tr("A random sample of"))
        self.review_all.setChecked(True)
        self.sample_size = QSpinBox()
        self.sample_size.setRange(1, 10_000_000)
        self.sample_size.setValue(100)
        self.sample_size.setSuffix(self.tr(" errors"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setToolTip(self.tr("The same seed draws the same sample again"))
        for widget in (self.sample_size, self.seed):
            widget.setEnabled(False)
            self.sample_box.toggled.connect(widget.setEnabled)
        if self._given.sample:
            self.sample_box.setChecked(True)
            self.sample_size.setValue(self._given.sample)
        self.seed.setValue(self._given.seed)
        which_group = QButtonGroup(self)
        which_group.addButton(self.review_all)
        which_group.addButton(self.sample_box)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_box)
        sample_row.addWidget(self.sample_size)
        sample_row.addSpacing(12)
        sample_row.addWidget(QLabel(self.tr("seed")))
        sample_row.addWidget(self.seed)
        sample_row.addStretch(1)
        sample_hint = QLabel(self.tr("The course suggests looking at about 100 errors; "
                             "a sample's tally comes with 95% intervals."))
        sample_hint.setProperty("hint", True)
        sample_hint.setWordWrap(True)
        which = QGroupBox(self.tr("Which errors to review"))
        which_layout = QVBoxLayout(which)
        which_layout.addWidget(self.review_all)
        which_layout.addLayout(sample_row)
        which_layout.addWidget(sample_hint)

        # -- categories: the course's examples pre-filled, meant to be replaced
        course = [c.name for c in default_categories_here() if not c.is_label_error]
        given = self._given.categories
        self.categories = QLineEdit(
            ", ".join(c.name for c in given if not c.is_label_error) if given
            else ", ".join(course))
        self.categories.setPlaceholderText(self.tr("comma-separated names, or a categories file"))
        self.categories.selectAll()
        self.keep_label_error = QCheckBox(
            self.tr("Also an “incorrect label” category (splits the dev error into wrong labels "
            "and the model's own errors)"))
        self.keep_label_error.setChecked(True)
        course_button = QToolButton()
        course_button.setText(self.tr("Course examples"))
        course_button.setToolTip(
            self.tr("dog, great cat, blurry: the course's cat-classifier examples")
        )
        course_button.clicked.connect(lambda: self.categories.setText(", ".join(course)))
        categories_hint = QLabel(
            self.tr("What explains your model's errors? The course's cat-classifier examples are "
            "filled in: type your own, comma-separated (or give a file with one "
            "“name | kind | description” per line). You can add more while reviewing.")
        )
        categories_hint.setProperty("hint", True)
        categories_hint.setWordWrap(True)
        categories = QGroupBox(self.tr("Categories to tick"))
        categories_layout = QVBoxLayout(categories)
        line = QHBoxLayout()
        line.addWidget(self.categories, 1)
        line.addWidget(course_button)
        categories_layout.addLayout(line)
        categories_layout.addWidget(self.keep_label_error)
        categories_layout.addWidget(categories_hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(which)
        layout.addWidget(categories)

        # -- dev set size (a folder holds only the errors)
        self.dev_unknown = QRadioButton(self.tr("Unknown: shares only, no ceilings"))
        self.dev_size_choice = QRadioButton(self.tr("Dev set size"))
        self.dev_error_choice = QRadioButton(self.tr("Dev error rate"))
        self.dev_size = QSpinBox()
        self.dev_size.setRange(1, 2_000_000_000)
        self.dev_size.setValue(1000)
        self.dev_size.setSuffix(" examples")
        self.dev_error = QDoubleSpinBox()
        self.dev_error.setRange(0.01, 100.0)
        self.dev_error.setDecimals(2)
        self.dev_error.setValue(10.0)
        self.dev_error.setSuffix(" %")
        if self.is_folder:
            group = QGroupBox(self.tr("Dev set"))
            grid = QGridLayout(group)
            explain = QLabel(
                self.tr(
                    "Every image in the folder is a dev error. Give the size of the "
                    "dev set (or the error rate) to see how far each fix could bring "
                    "the dev error down."
                )
            )
            explain.setWordWrap(True)
            explain.setProperty("hint", True)
            grid.addWidget(explain, 0, 0, 1, 3)
            grid.addWidget(self.dev_size_choice, 1, 0)
            grid.addWidget(self.dev_size, 1, 1)
            grid.addWidget(self.dev_error_choice, 2, 0)
            grid.addWidget(self.dev_error, 2, 1)
            grid.addWidget(self.dev_unknown, 3, 0, 1, 2)
            grid.setColumnStretch(2, 1)
            choices = QButtonGroup(self)
            for button in (self.dev_size_choice, self.dev_error_choice, self.dev_unknown):
                choices.addButton(button)
            self.dev_size_choice.toggled.connect(self.dev_size.setEnabled)
            self.dev_error_choice.toggled.connect(self.dev_error.setEnabled)
            self.dev_unknown.setChecked(True)
            self.dev_size.setEnabled(False)
            self.dev_error.setEnabled(False)
            layout.addWidget(group)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        start = buttons.addButton(
            self.tr("Start reviewing"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        start.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._options: SourceOptions | None = None

    def _accept(self) -> None:
        try:
            self._options = self.build_options()
        except UserError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("New review session"), error.message)
            return
        self.accept()

    def build_options(self) -> SourceOptions:
        """The options as chosen (raises :class:`UserError` for bad categories)."""
        text = self.categories.text().strip()
        chosen = list(categories_from_option(text)) if text else []
        if self.keep_label_error.isChecked() and not any(c.is_label_error for c in chosen):
            label = next(c for c in default_categories_here() if c.is_label_error)
            if any(c.name.casefold() == label.name.casefold() for c in chosen):
                raise UserError(self.tr("'{name}' is given twice").format(name=label.name))
            chosen.append(label)
        if not chosen:
            raise UserError(
                self.tr("name at least one category (you can add more while reviewing)")
            )
        categories = tuple(chosen)
        dev_size: int | None = None
        dev_error: float | None = None
        if self.is_folder and self.dev_size_choice.isChecked():
            dev_size = self.dev_size.value()
        if self.is_folder and self.dev_error_choice.isChecked():
            dev_error = self.dev_error.value() / 100.0
        return SourceOptions(
            columns=self._given.columns,
            sample=self.sample_size.value() if self.sample_box.isChecked() else None,
            seed=self.seed.value(),
            categories=categories,
            dev_size=dev_size if self.is_folder else self._given.dev_size,
            dev_error=dev_error if self.is_folder else self._given.dev_error,
            reviewer=self._given.reviewer,
            images_root=self._given.images_root,
        )

    @property
    def options(self) -> SourceOptions | None:
        return self._options


# ----------------------------------------------------------------- the screen
class ActionCard(QPushButton):
    """A large button: a bold title, a grey line saying what it takes, its key."""

    def __init__(self, title: str, detail: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StartButton")
        native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        self.setToolTip(f"{title} ({native})")
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        title_label = QLabel(title)
        title_label.setObjectName("StartButtonTitle")
        detail_label = QLabel(detail)
        detail_label.setProperty("hint", True)
        key_label = QLabel(native)
        key_label.setObjectName("Keycap")
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(title_label)
        text.addWidget(detail_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 9, 14, 9)
        layout.addLayout(text, 1)
        layout.addWidget(key_label, 0, Qt.AlignmentFlag.AlignVCenter)
        for label in (title_label, detail_label, key_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(60)
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(),
                           self.sizePolicy().Policy.Fixed)

    def sizeHint(self) -> QSize:
        hint = self.layout().sizeHint()
        return QSize(max(hint.width(), 320), max(hint.height(), 60))


class StartScreen(QWidget):
    """What the app shows before a session is open."""

    predictions_chosen = Signal(object)  # Path of a predictions file
    folder_chosen = Signal(object)  # Path of an image folder
    session_chosen = Signal(object)  # Path of a session file
    demo_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StartScreen")
        self.setWindowTitle("erroranalysis")

        icon = QLabel()
        icon.setPixmap(app_icon_pixmap(52))
        title = QLabel("erroranalysis")
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 2.2)
        title_font.setWeight(QFont.Weight.DemiBold)
        title.setFont(title_font)
        tagline = QLabel(
            self.tr(
                "Look at the examples your model gets wrong, tick why, and see which fix is "
                "worth it."
            )
        )
        tagline.setWordWrap(True)
        tagline.setProperty("hint", True)
        heading_text = QVBoxLayout()
        heading_text.setSpacing(2)
        heading_text.addWidget(title)
        heading_text.addWidget(tagline)
        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        heading.addLayout(heading_text, 1)

        start_title = QLabel(self.tr("Start a review"))
        start_title.setProperty("heading", True)
        self.open_predictions_button = ActionCard(
            self.tr("Open predictions file…"),
            self.tr("CSV, TSV or Parquet: image, label, prediction"),
            "Ctrl+O",
        )
        self.open_folder_button = ActionCard(
            self.tr("Open image folder…"),
            self.tr("A folder of misclassified images"),
            "Ctrl+Shift+O",
        )
        self.open_session_button = ActionCard(
            self.tr("Open review session…"),
            self.tr("A {SESSION_SUFFIX} file, resumed where you stopped").format(
                SESSION_SUFFIX=SESSION_SUFFIX
            ),
            "Ctrl+Alt+O",
        )
        self.demo_button = ActionCard(
            self.tr("Try the demo"),
            self.tr("62 real handwritten digits a real classifier got wrong"),
            "Ctrl+D",
        )
        self.open_predictions_button.clicked.connect(self._choose_predictions)
        self.open_folder_button.clicked.connect(self._choose_folder)
        self.open_session_button.clicked.connect(self._choose_session)
        self.open_server_button = QPushButton(self.tr("Open a server session…"))
        self.open_server_button.setObjectName("ServerSessionLink")
        self.open_server_button.setFlat(True)
        self.open_server_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_server_button.setToolTip(
            self.tr("A team's live review on a PostgreSQL server (Ctrl+Alt+S): "
            "postgresql://user@host/database?session=NAME"))
        self.open_server_button.clicked.connect(self._choose_server_session)
        self.demo_button.clicked.connect(self.demo_chosen)
        actions = QVBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(start_title)
        for button in (self.open_predictions_button, self.open_folder_button,
                       self.open_session_button, self.demo_button):
            actions.addWidget(button)
        actions.addWidget(self.open_server_button, 0, Qt.AlignmentFlag.AlignLeft)
        actions.addStretch(1)

        recent_title = QLabel(self.tr("Recent sessions"))
        recent_title.setProperty("heading", True)
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("RecentList")
        self.recent_list.setUniformItemSizes(True)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent_list.itemActivated.connect(self._open_recent)
        self.recent_list.setToolTip(self.tr("Enter or double-click opens a session"))
        self.recent_empty = QLabel(self.tr("Sessions you open show up here."))
        self.recent_empty.setProperty("hint", True)
        self.recent_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        recent = QVBoxLayout()
        recent.setSpacing(8)
        recent.addWidget(recent_title)
        recent.addWidget(self.recent_list, 1)
        recent.addWidget(self.recent_empty, 1)

        columns = QHBoxLayout()
        columns.setSpacing(28)
        columns.addLayout(actions, 1)
        columns.addLayout(recent, 1)

        footer = QLabel(
            self.tr("Everything is saved as you go and works from the keyboard: "
            "in a review, press ? for every shortcut. Esc or Ctrl+Q quits.")
        )
        footer.setProperty("hint", True)
        footer.setWordWrap(True)

        card = QFrame()
        card.setObjectName("StartCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 30, 36, 26)
        inner.setSpacing(0)
        inner.addLayout(heading)
        inner.addSpacing(26)
        inner.addLayout(columns, 1)
        inner.addSpacing(18)
        inner.addWidget(footer)
        card.setFixedWidth(920)
        card.setFixedHeight(520)

        outer = QGridLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addWidget(card, 0, 0, Qt.AlignmentFlag.AlignCenter)

        for key, slot in (
            ("Ctrl+O", self._choose_predictions),
            ("Ctrl+Shift+O", self._choose_folder),
            ("Ctrl+Alt+O", self._choose_session),
            ("Ctrl+Alt+S", self._choose_server_session),
            ("Ctrl+D", self.demo_chosen.emit),
            ("Ctrl+Q", self.close),
            ("Esc", self.close),
        ):
            QShortcut(QKeySequence(key), self, activated=slot)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        """Re-read the recent-sessions list (the main window may have added one)."""
        self.recent_list.clear()
        for recent in recent_sessions():
            when = time.strftime(self.tr("%d %b %Y, %H:%M"), time.localtime(recent.opened))
            title = recent.title or recent.path.stem
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, str(recent.path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {recent.path}")
            item.setToolTip(str(recent.path))
            row = QWidget()
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(8, 5, 8, 5)
            row_layout.setSpacing(1)
            # The card has a fixed width, so the list's is known before layout.
            width = RECENT_TEXT_WIDTH
            metrics = QFontMetrics(self.font())
            name = QLabel(metrics.elidedText(f"{title}  ·  {recent.path.name}",
                                             Qt.TextElideMode.ElideRight, width))
            name.setObjectName("RecentTitle")
            name.setTextFormat(Qt.TextFormat.PlainText)
            where = QLabel(
                metrics.elidedText(
                    self.tr("{parent}  ·  opened {when}").format(
                        parent=recent.path.parent, when=when
                    ),
                    Qt.TextElideMode.ElideMiddle,
                    width,
                )
            )
            where.setProperty("hint", True)
            row_layout.addWidget(name)
            row_layout.addWidget(where)
            item.setSizeHint(row.sizeHint())
            self.recent_list.addItem(item)
            self.recent_list.setItemWidget(item, row)
        has_any = self.recent_list.count() > 0
        self.recent_list.setVisible(has_any)
        self.recent_empty.setVisible(not has_any)
        if has_any:
            self.recent_list.setCurrentRow(0)

    def _open_recent(self, item: QListWidgetItem) -> None:
        chosen = _recent_path(item.data(Qt.ItemDataRole.UserRole))
        self.session_chosen.emit(chosen if isinstance(chosen, Path) else str(chosen))

    def _choose_predictions(self) -> None:
        path = ask_predictions_file(self)
        if path is not None:
            self.predictions_chosen.emit(path)

    def _choose_folder(self) -> None:
        path = ask_folder(self)
        if path is not None:
            self.folder_chosen.emit(path)

    def _choose_session(self) -> None:
        path = ask_session_file(self)
        if path is not None:
            self.session_chosen.emit(path)

    def _choose_server_session(self) -> None:
        url = ask_server_session(self)
        if url is not None:
            self.session_chosen.emit(url)
