"""The words and sentences core/ writes (in English, for the CLI and the reports), as the
app shows them in its language.

core/ imports no Qt and keeps its texts English: they are part of the JSON and
CSV contracts. The app translates them here: fixed words through a table
(:func:`level_title`, :func:`gap_title`, :func:`advice`), and the sentences
core composes (a ranking's verdict, the label split's) by matching them against
their English templates, sentence by sentence, and filling the translated
template with the same values. A sentence no template matches is shown as
core wrote it, so a new core sentence is never lost, only left in English.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from erroranalysis.core.agreement import KAPPA_TITLES
from erroranalysis.core.categories import LABEL_ERROR, LABEL_ERROR_TAG, Category
from erroranalysis.core.diagnosis import ADVICE, GAP_TITLES, LEVEL_TITLES
from erroranalysis.gui.i18n import translate
from erroranalysis.i18n import sentence_pattern

CONTEXT = "core"

# Each text of core's tables, for lupdate (core keeps the English; a unit test checks
# that every one is listed here).
_WORDS = (
    QT_TRANSLATE_NOOP("core", "human-level"),
    QT_TRANSLATE_NOOP("core", "train"),
    QT_TRANSLATE_NOOP("core", "train-dev"),
    QT_TRANSLATE_NOOP("core", "dev"),
    QT_TRANSLATE_NOOP("core", "test"),
    QT_TRANSLATE_NOOP("core", "avoidable bias"),
    QT_TRANSLATE_NOOP("core", "variance"),
    QT_TRANSLATE_NOOP("core", "data mismatch"),
    QT_TRANSLATE_NOOP("core", "overfitting to the dev set"),
    QT_TRANSLATE_NOOP("core", "Cohen's kappa"),
    QT_TRANSLATE_NOOP("core", "Fleiss' kappa"),
    QT_TRANSLATE_NOOP("core", "label error"),
    QT_TRANSLATE_NOOP("core", "macro"),
    QT_TRANSLATE_NOOP("core", "micro"),
    QT_TRANSLATE_NOOP("core", "weighted"),
    QT_TRANSLATE_NOOP(
        "core",
        "Reduce avoidable bias: train a bigger model, train longer or with a better optimiser "
        "(momentum, RMSprop, Adam), or try another architecture or a hyper-parameter search.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Reduce variance: get more training data, add regularisation (L2, dropout, data "
        "augmentation), or try another architecture or a hyper-parameter search.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Reduce data mismatch: do error analysis to see how the training data differs from "
        "dev/test, then make the training data more like dev/test (for example by artificial "
        "data synthesis) or collect more data like dev/test.",
    ),
    QT_TRANSLATE_NOOP("core", "Reduce overfitting to the dev set: get a bigger dev set."),
)

#: The sentences core composes, as templates: {name} is a value (a percentage, a
#: category name) carried over unchanged. Longest first when two could match.
TEMPLATES = (
    # core/ranking.py RankingVerdict.verdict()
    QT_TRANSLATE_NOOP("core", "Ranking: {leader} and {runner_up} are level so far: not settled."),
    QT_TRANSLATE_NOOP(
        "core", "Ranking: {leader} leads {runner_up} with over 99% probability: settled."
    ),
    QT_TRANSLATE_NOOP("core", "Ranking: {leader} leads {runner_up} with {p} probability: settled."),
    QT_TRANSLATE_NOOP(
        "core",
        "Ranking: {leader} leads {runner_up} with over 99% probability: not settled, and more "
        "reviews at the current shares would not settle it.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Ranking: {leader} leads {runner_up} with {p} probability: not settled, and more "
        "reviews at the current shares would not settle it.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Ranking: {leader} leads {runner_up} with {p} probability: not settled: review about "
        "{more} more error.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Ranking: {leader} leads {runner_up} with {p} probability: not settled: review about "
        "{more} more errors.",
    ),
    # core/label_noise.py split_dev_error()
    QT_TRANSLATE_NOOP(
        "core",
        "Incorrect labels cause {due} of the {error} dev error ({share} of it); other causes "
        "{other}.",
    ),
    QT_TRANSLATE_NOOP(
        "core", "There is no dev error, so there are no label errors among the errors to fix."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "That is at least half of the {gain} the best other category could gain: fixing the "
        "labels is worth it now.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The best other category could gain {gain}: work on it first and fix the labels later.",
    ),
    QT_TRANSLATE_NOOP("core", "Labels are a large part of the error: fixing them is worth it now."),
    QT_TRANSLATE_NOOP("core", "Fix the other causes first; the labels can wait."),
    QT_TRANSLATE_NOOP(
        "core",
        "Correct the dev and test sets the same way, and review examples the model got right too.",
    ),
    # core/label_noise.py compare_models()
    QT_TRANSLATE_NOOP("core", "Both models have a {a} dev error: they tie."),
    QT_TRANSLATE_NOOP(
        "core",
        "Label noise ({noise} of the dev set) could hide a difference either way: correct the "
        "dev labels before choosing.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Model {winner} makes {gap} fewer dev errors than model {loser} and no dev labels are "
        "known to be wrong: {winner} is better.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Model {winner} makes {gap} fewer dev errors than model {loser}; label noise ({noise} "
        "of the dev set) could explain at most {share} of that difference: {winner} is better.",
    ),
    QT_TRANSLATE_NOOP("core", "Model {winner} makes {gap} fewer dev errors than model {loser}."),
    QT_TRANSLATE_NOOP(
        "core",
        "Label noise ({noise} of the dev set) could explain the whole {gap} difference: the "
        "models cannot be ranked until the dev labels are corrected.",
    ),
    # core/slices.py Slice.summary()
    QT_TRANSLATE_NOOP(
        "core",
        "errors of class {label} predicted as {prediction} are {share} of dev error "
        "({errors} error, {rate} of class {label})",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "errors of class {label} predicted as {prediction} are {share} of dev error "
        "({errors} errors, {rate} of class {label})",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "errors of class {value} are {share} of dev error (error rate {rate} vs {other} elsewhere)",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "errors of class {value} are {share} of dev error (error rate {rate} vs {other} "
        "elsewhere; within noise)",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "errors of class {value} are {share} of dev error (error rate {rate}; the whole dev set)",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "errors predicted as {value} are {share} of dev error (error rate {rate} vs {other} "
        "elsewhere)",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "errors predicted as {value} are {share} of dev error (error rate {rate} vs {other} "
        "elsewhere; within noise)",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "errors predicted as {value} are {share} of dev error (error rate {rate}; the whole "
        "dev set)",
    ),
    QT_TRANSLATE_NOOP("core", "{name} has an error rate of {rate} ({share} of dev error)"),
    QT_TRANSLATE_NOOP("core", "{name} has every dev error ({rate} error rate)"),
    QT_TRANSLATE_NOOP("core", "{name} has {lift} the error rate ({rate} vs {other} elsewhere)"),
    QT_TRANSLATE_NOOP(
        "core", "{name} has {lift} the error rate ({rate} vs {other} elsewhere; within noise)"
    ),
    QT_TRANSLATE_NOOP("core", "{name} has {lift} the error rate ({rate}; the whole dev set)"),
)


def word(text: str) -> str:
    """A fixed word or sentence of core's, in the app's language."""
    return translate(CONTEXT, text)


def level_title(level: str) -> str:
    """'human-level', 'train', … for a rung of the error ladder."""
    return word(LEVEL_TITLES[level])


def gap_title(gap: str) -> str:
    """'avoidable bias', 'variance', … for a gap of the error ladder."""
    return word(GAP_TITLES[gap])


def advice(gap: str) -> str:
    return word(ADVICE[gap])


def kappa_title(method: str) -> str:
    return word(KAPPA_TITLES[method])


_pattern = sentence_pattern  # Qt-free, shared with the command line


def sentences(text: str) -> str:
    """Core's composed English ``text`` in the app's language, sentence by sentence."""
    out: list[str] = []
    rest = text.strip()
    while rest:
        for template in sorted(TEMPLATES, key=len, reverse=True):
            found = _pattern(template).match(rest)
            if found is not None:
                out.append(translate(CONTEXT, template).format(**found.groupdict()))
                rest = rest[found.end() :].lstrip()
                break
        else:
            out.append(rest)  # not a sentence this module knows: as core wrote it
            break
    # Chinese sentences need no space between them; English ones do.
    joiner = "" if out and not out[0][:1].isascii() else " "
    return joiner.join(out)


def category_name(category: Category) -> str:
    """A category's name as shown, label-error ones saying so (core's display_name, with
    the tag in the app's language; the name itself is data and stays as stored)."""
    tag = word(LABEL_ERROR_TAG)
    if category.kind == LABEL_ERROR and tag not in category.name:  # not "标注错误 (标注错误)"
        return f"{category.name} ({tag})"
    return category.name
