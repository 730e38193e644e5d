"""Which language to speak, and the command line's translations (no Qt here).

The app and the command line share one catalogue per language,
``resources/i18n/erroranalysis_<lang>.ts``, kept by ``pyside6-lupdate``
(``scripts/update_translations.py``). The app loads its compiled ``.qm`` through
Qt; the command line reads the command-line contexts (``cli…``) of the ``.ts``
itself, so a headless command needs neither Qt nor a build step. Strings are
marked with ``translate("context", "text")``, which lupdate finds.

The language is, in order: ``--lang`` (anywhere on the command line), the
app's Settings entry (the app only), ``LC_ALL``, ``LC_MESSAGES``, ``LANG``.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from functools import lru_cache

from erroranalysis.resources import resources_dir

#: The languages spoken ("en" is the source language: no catalogue).
LANGUAGES = ("en", "zh_CN")
#: Each language's name in itself (for the Settings menu and --help).
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}

#: What --lang asked for in this process (set by the command line before parsing).
requested: str | None = None
#: The language the command line speaks (set by :func:`use_language`).
_cli_language = "en"


def normalize(name: str | None) -> str | None:
    """'zh_CN', 'zh-CN', 'zh_CN.UTF-8', 'zh', 'zh_Hans_CN' -> 'zh_CN'; 'en_US', 'C' -> 'en';
    None for a language not spoken here (or nothing given)."""
    if not name:
        return None
    base = name.split(".")[0].split("@")[0].replace("-", "_")
    parts = base.split("_")
    lang = parts[0].lower()
    if lang == "zh":
        # Traditional Chinese has no catalogue: English rather than simplified
        # characters a reader of traditional ones did not ask for.
        if any(part.upper() in ("TW", "HK", "MO", "HANT") for part in parts[1:]):
            return None
        return "zh_CN"
    if lang in ("en", "c", "posix"):
        return "en"
    return None


def environment_language() -> str | None:
    """The language of the POSIX locale variables (the first one set decides), or None."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return normalize(value) or "en"
    return None


def take_lang_flag(argv: list[str]) -> tuple[list[str], str | None]:
    """Remove ``--lang X`` / ``--lang=X`` from the arguments (it may stand anywhere, and
    must be known before the help is built); returns the rest and X."""
    rest: list[str] = []
    value: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg == "--lang" and i + 1 < len(argv):
            value, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            value, i = arg.split("=", 1)[1], i + 1
            continue
        rest.append(arg)
        i += 1
    return rest, value


def catalogue_path(language: str):
    return resources_dir() / "i18n" / f"erroranalysis_{language}.ts"


@lru_cache(maxsize=4)
def _cli_catalogue(language: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation, for the command line's contexts and core's
    (finished ones)."""
    try:
        root = ElementTree.parse(catalogue_path(language)).getroot()
    except (OSError, ElementTree.ParseError):
        return {}
    table: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        if not name.startswith(("cli", "core")) and name not in ("categories", "demo"):
            continue
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or not translation.text:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            table[(name, source)] = translation.text
    return table


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate finds
    """Mark ``text`` for the catalogue without translating it (Qt's macro, Qt-free)."""
    return text


#: argparse's own words (its usage and errors), for the catalogue.
_ARGPARSE = (
    QT_TRANSLATE_NOOP("cli.argparse", "usage: "),
    QT_TRANSLATE_NOOP("cli.argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("cli.argparse", "options"),
    QT_TRANSLATE_NOOP("cli.argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("cli.argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("cli.argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("cli.argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("cli.argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("cli.argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("cli.argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("cli.argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("cli.argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("cli.argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("cli.argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("cli.argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("cli.argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("cli.argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("cli.argparse", "expected %s arguments"),
)


#: The course's default categories (core keeps them in English); the app lists them too.
_CATEGORIES = (
    QT_TRANSLATE_NOOP("categories", "dog"),
    QT_TRANSLATE_NOOP("categories", "great cat"),
    QT_TRANSLATE_NOOP("categories", "blurry"),
    QT_TRANSLATE_NOOP("categories", "incorrect label"),
    QT_TRANSLATE_NOOP("categories", "a dog mistaken for a cat"),
    QT_TRANSLATE_NOOP("categories", "a lion, panther or other big cat"),
    QT_TRANSLATE_NOOP("categories", "the image is blurry"),
    QT_TRANSLATE_NOOP("categories", "the true label itself is wrong"),
    QT_TRANSLATE_NOOP("categories", "label error"),
)


def default_categories_here() -> list:
    """The course's default categories in the command line's language (names are data
    once a session holds them: translated when it is made, never afterwards)."""
    from dataclasses import replace

    from erroranalysis.core.categories import default_categories

    return [
        replace(
            c,
            name=translate("categories", c.name),
            description=translate("categories", c.description) if c.description else "",
        )
        for c in default_categories()
    ]


def category_display_name(category) -> str:  # type: ignore[no-untyped-def]
    """core's ``display_name`` with the label-error tag in the command line's language."""
    from erroranalysis.core.categories import LABEL_ERROR, LABEL_ERROR_TAG

    tag = translate("categories", LABEL_ERROR_TAG)
    if category.kind == LABEL_ERROR and tag not in category.name:
        return f"{category.name} ({tag})"
    return category.name


def use_language(language: str | None) -> str:
    """Make the command line speak ``language`` (normalized; unknown -> English),
    argparse's own words included."""
    global _cli_language
    _cli_language = normalize(language) or "en"
    import argparse
    import gettext

    if _cli_language == "en":
        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]
    else:
        argparse._ = lambda text: translate("cli.argparse", text)  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: translate(  # type: ignore[attr-defined]
            "cli.argparse", one if n == 1 else many
        )
    return _cli_language


def cli_language() -> str:
    return _cli_language


def translate(context: str, text: str) -> str:
    """``text`` in the command line's language (itself when there is no translation)."""
    if _cli_language == "en":
        return text
    return _cli_catalogue(_cli_language).get((context, text), text)


@lru_cache(maxsize=16)
def _sentence_templates(language: str, context: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The sentences of ``context`` (those with a ``{value}`` or ending in a full stop) as
    (pattern, translation), longest first so that a longer template wins."""
    found = [
        (source, text)
        for (name, source), text in _cli_catalogue(language).items()
        if name == context and (re.search(r"\{\w+\}", source) or source.endswith("."))
    ]
    found.sort(key=lambda pair: len(pair[0]), reverse=True)
    return tuple((sentence_pattern(source), text) for source, text in found)


@lru_cache(maxsize=2048)
def sentence_pattern(template: str) -> re.Pattern[str]:
    """The regular expression of a sentence template: each ``{name}`` a named group
    (a name used twice must match the same text), the rest literal."""
    parts = re.split(r"\{(\w+)\}", template)
    regex: list[str] = []
    seen: set[str] = set()
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex.append(re.escape(part))
        elif part in seen:
            regex.append(f"(?P={part})")
        else:
            seen.add(part)
            regex.append(f"(?P<{part}>.+?)")
    # A sentence ends at the end of the text or before a space ("10.33%" is one value).
    return re.compile("".join(regex) + r"(?=\s|$)")


def translate_sentences(text: str, context: str) -> str:
    """English ``text`` that core composed from the sentences of ``context`` (kept English:
    they are JSON values too) in the command line's language, sentence by sentence, each
    matched against its English template and the translation filled with the same values.
    The rest, from the first sentence no template matches, stays as core wrote it."""
    if _cli_language == "en" or not text:
        return text
    out: list[str] = []
    rest = text.strip()
    templates = _sentence_templates(_cli_language, context)
    while rest:
        for pattern, translation in templates:
            found = pattern.match(rest)
            if found is not None:
                out.append(translation.format(**found.groupdict()))
                rest = rest[found.end() :].lstrip()
                break
        else:
            out.append(rest)
            break
    # A sentence ending in Chinese punctuation needs no space after it; English ones do.
    joined = out[0] if out else ""
    for sentence in out[1:]:
        joined += ("" if not joined[-1:].isascii() else " ") + sentence
    return joined


def core_sentences(text: str) -> str:
    """Sentences core composed in English (a ranking's verdict, a comparison's, a slice's
    summary, the label split's) as the app's gui/core_texts.py shows them (its templates,
    context "core"); fixed words: ``translate("core", word)``."""
    return translate_sentences(text, "core")


def translate_filled(context: str, templates: tuple[str, ...], text: str) -> str:
    """``text``, which core filled in from one of ``templates`` (English, kept so for its
    JSON), in the command line's language: the matching template's translation filled
    with the same values; ``text`` itself when none matches."""
    if _cli_language == "en":
        return text
    for template in templates:
        found = re.fullmatch(sentence_pattern(template).pattern.removesuffix(r"(?=\s|$)"), text)
        if found is not None:
            return translate(context, template).format(**found.groupdict())
    return text
