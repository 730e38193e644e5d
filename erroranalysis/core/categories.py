"""Review categories: what they are, the defaults, and reading them from the user."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

NORMAL = "normal"
LABEL_ERROR = "label_error"
KINDS = (NORMAL, LABEL_ERROR)

#: Tick columns named like this are of kind ``label_error`` (case-insensitive,
#: spaces, dashes and underscores alike).
LABEL_ERROR_NAMES = frozenset(
    {
        "incorrect label",
        "incorrect labels",
        "incorrectly labeled",
        "incorrectly labelled",
        "mislabeled",
        "mislabelled",
        "wrong label",
        "wrong labels",
        "label error",
        "label errors",
        "bad label",
        "label noise",
        "mislabel",
    }
)

#: A friendly, colour-blind-safe palette (Okabe-Ito plus extras) for new categories.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#7F7F7F",
    "#8C564B",
    "#17BECF",
)

#: Names a category may not take: they are the review spreadsheet's own columns.
RESERVED_NAMES = frozenset(
    {
        "id",
        "image",
        "label",
        "prediction",
        "score",
        "comments",
        "reviewed",
        "reviewer",
        "origin",
        "split",
    }
)


@dataclass(frozen=True)
class Category:
    """One review category. ``id`` is assigned by the session store (0 = not stored)."""

    name: str
    shortcut: str = ""
    color: str = ""
    kind: str = NORMAL
    description: str = ""
    id: int = 0

    @property
    def is_label_error(self) -> bool:
        return self.kind == LABEL_ERROR

    def with_(self, **changes: object) -> Category:
        return replace(self, **changes)  # type: ignore[arg-type]


#: How a label-error category is marked wherever its name is shown (app, CLI, exports).
LABEL_ERROR_TAG = "label error"


def display_name(category: Category) -> str:
    """A category's name as shown to people: label-error categories say so, one way."""
    return f"{category.name} ({LABEL_ERROR_TAG})" if category.kind == LABEL_ERROR else category.name


def default_categories() -> list[Category]:
    """The course's four: dog, great cat, blurry, incorrect label."""
    return [
        Category("dog", description="a dog mistaken for a cat"),
        Category("great cat", description="a lion, panther or other big cat"),
        Category("blurry", description="the image is blurry"),
        Category("incorrect label", kind=LABEL_ERROR, description="the true label itself is wrong"),
    ]


def _normal_name(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name.strip().lower())


def is_label_error_name(name: str) -> bool:
    """Whether a column or category name says "this label is wrong"."""
    return _normal_name(name) in LABEL_ERROR_NAMES


def clean_name(name: str) -> str:
    """Validate a category name; returns it trimmed or raises :class:`UserError`."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise UserError(
            translate(
                "core.errors",
                "a category needs a name",
            )
        )
    if len(cleaned) > 80:
        raise UserError(
            translate(
                "core.errors",
                "category name '{start}...' is too long (80 characters at most)",
            ).format(start=cleaned[:40])
        )
    if cleaned.lower() in RESERVED_NAMES:
        raise UserError(
            translate(
                "core.errors",
                "'{cleaned}' cannot be a category name: the review spreadsheet uses it as a "
                "column",
            ).format(cleaned=cleaned)
        )
    return cleaned


def clean_kind(kind: str) -> str:
    kind = kind.strip().lower().replace("-", "_").replace(" ", "_")
    if kind not in KINDS:
        raise UserError(
            translate(
                "core.errors",
                "unknown category kind '{kind}'; use normal or label_error",
            ).format(kind=kind)
        )
    return kind


def parse_category_list(text: str) -> list[Category]:
    """Categories from a command-line list: ``"dog,great cat,blurry,incorrect label"``."""
    names = [part for part in (p.strip() for p in text.split(",")) if part]
    return _with_kinds([Category(clean_name(n)) for n in names])


def read_categories_file(path: str | Path) -> list[Category]:
    """Categories from a text file, one per line: ``name | kind | description``.

    Kind and description are optional; ``#`` starts a comment line. A name
    like "incorrect label" is of kind ``label_error`` unless a kind is given.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(
            translate(
                "core.errors",
                "{path}: no such categories file",
            ).format(path=path)
        ) from None
    except UnicodeDecodeError:
        raise UserError(
            translate(
                "core.errors",
                "{path}: not UTF-8 text; save the categories file as UTF-8",
            ).format(path=path)
        ) from None
    categories: list[Category] = []
    explicit: set[int] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = [p.strip() for p in stripped.split("|")]
        try:
            name = clean_name(parts[0])
            kind = clean_kind(parts[1]) if len(parts) > 1 and parts[1] else None
        except UserError as error:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}, line {number}: {error}",
                ).format(path=path, number=number, error=error)
            ) from None
        description = parts[2] if len(parts) > 2 else ""
        if kind is not None:
            explicit.add(len(categories))
        categories.append(Category(name, kind=kind or NORMAL, description=description))
    if not categories:
        raise UserError(
            translate(
                "core.errors",
                "{path}: no categories in the file (one name per line)",
            ).format(path=path)
        )
    return _with_kinds(categories, explicit)


def _with_kinds(categories: list[Category], explicit: set[int] | None = None) -> list[Category]:
    explicit = explicit or set()
    seen: set[str] = set()
    out = []
    for index, category in enumerate(categories):
        key = category.name.casefold()
        if key in seen:
            raise UserError(
                translate(
                    "core.errors",
                    "category '{name}' is given twice",
                ).format(name=category.name)
            )
        seen.add(key)
        if index not in explicit and is_label_error_name(category.name):
            category = category.with_(kind=LABEL_ERROR)
        out.append(category)
    return out


def categories_from_option(value: str) -> list[Category]:
    """``--categories``: a categories file if such a file exists, else a comma list."""
    candidate = Path(value)
    if candidate.is_file():
        return read_categories_file(candidate)
    return parse_category_list(value)


def assign_shortcuts(categories: list[Category]) -> list[Category]:
    """Give keys 1-9 then 0 to categories that have no shortcut yet, in order."""
    taken = {c.shortcut for c in categories if c.shortcut}
    free = [k for k in "1234567890" if k not in taken]
    out = []
    for category in categories:
        if not category.shortcut and free:
            category = category.with_(shortcut=free.pop(0))
        out.append(category)
    return out


def assign_colors(categories: list[Category], used: set[str] | None = None) -> list[Category]:
    """Give palette colours to categories without one, avoiding colours in use."""
    used = set(used or ()) | {c.color for c in categories if c.color}
    out = []
    for category in categories:
        if not category.color:
            color = next((c for c in PALETTE if c not in used), PALETTE[len(used) % len(PALETTE)])
            used.add(color)
            category = category.with_(color=color)
        out.append(category)
    return out
