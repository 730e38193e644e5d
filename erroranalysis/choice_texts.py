"""choose's verdict, notes and misses in the user's language (the command line's, or
the window's: both set :func:`erroranalysis.i18n.use_language`).

core/choose.py writes them in English, which stays the JSON's; these are its sentences
as templates (context ``cli.choose``), matched and filled again in translation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from erroranalysis.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from erroranalysis.core.choose import Choice


#: The sentences core/choose.py writes into a choice's verdict and notes (English: JSON
#: values), for the user's language (:func:`erroranalysis.i18n.translate_sentences`).
_SENTENCES = (
    QT_TRANSLATE_NOOP("cli.choose", "No model meets every constraint."),
    QT_TRANSLATE_NOOP("cli.choose", "Nearest: {name}, which misses {missed}."),
    QT_TRANSLATE_NOOP("cli.choose", "{winner} wins: the only model that meets every constraint."),
    QT_TRANSLATE_NOOP("cli.choose", "{winner} and {runner_up} tie on {metric}."),
    QT_TRANSLATE_NOOP(
        "cli.choose", "{winner} wins: {points} points higher {metric} than {runner_up}."
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose", "{winner} wins: {points} points lower {metric} than {runner_up}."
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose", "{winner} wins: {points} point higher {metric} than {runner_up}."
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose", "{winner} wins: {points} point lower {metric} than {runner_up}."
    ),
    QT_TRANSLATE_NOOP("cli.choose", "{winner} wins: {lead} higher {metric} than {runner_up}."),
    QT_TRANSLATE_NOOP("cli.choose", "{winner} wins: {lead} lower {metric} than {runner_up}."),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "Both models are right and wrong on exactly the same dev examples: the dev set cannot "
        "tell them apart.",
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "{winner_only} dev examples right only by the winner, {runner_up_only} only by the "
        "runner-up: the lead of {lead} has the paired 95% interval {low} to {high} (exact "
        "McNemar p = {p}): larger than the dev set's noise.",
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "{winner_only} dev examples right only by the winner, {runner_up_only} only by the "
        "runner-up: the lead of {lead} has the paired 95% interval {low} to {high} (exact "
        "McNemar p = {p}): within the dev set's noise; the two cannot be told apart on this "
        "dev set.",
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "The lead of {lead} ({count} of {size} dev examples) has the 95% interval {low} to "
        "{high} (two independent proportions, Newcombe): larger than the dev set's noise.",
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "The lead of {lead} ({count} of {size} dev examples) has the 95% interval {low} to "
        "{high} (two independent proportions, Newcombe): within the dev set's noise; the two "
        "cannot be told apart on this dev set (a paired test on both models' predictions may "
        "still tell: give --model NAME=FILE).",
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "The dev set's resolution is computed for accuracy and error only, not {metric}.",
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "Without the dev set size (--dev-size N) or both models' predictions (--model), it "
        "cannot tell whether the lead is larger than the dev set's noise.",
    ),
    QT_TRANSLATE_NOOP("cli.choose", "Dropped: {dropped}."),
    QT_TRANSLATE_NOOP("cli.choose", "{metric} read as percentages (values above 1)"),
    QT_TRANSLATE_NOOP("cli.choose", "f1 = 2PR/(P+R) from the precision and recall columns"),
    QT_TRANSLATE_NOOP(
        "cli.choose", "{metrics} computed from the predictions, not taken from the table"
    ),
    QT_TRANSLATE_NOOP(
        "cli.choose",
        "weighted_error: the dev error weighted by the files' weights (METHOD.md §6)",
    ),
)


def choice_text(text: str) -> str:
    """A verdict or note of core/choose.py in the command line's language."""
    from erroranalysis.i18n import translate_filled, translate_sentences

    sentences = translate_sentences(text, "cli.choose")
    # A note without a value or a full stop is no sentence: the whole text, as it is.
    return sentences if sentences != text else translate_filled("cli.choose", _SENTENCES, text)


#: One missed constraint as core/choose.py writes it (``Candidate.missed``): pieces of
#: the sentences above, so in a context of their own (not matched as sentences).
_MISSED = (
    QT_TRANSLATE_NOOP("cli.choose.parts", "{constraint} (is {actual})"),
    QT_TRANSLATE_NOOP("cli.choose.parts", "no {metric} value"),
)


def missed_text(missed: list[str]) -> str:
    """A model's missed constraints in the command line's language."""
    from erroranalysis.i18n import translate_filled

    return "; ".join(translate_filled("cli.choose.parts", _MISSED, item) for item in missed)


def verdict_text(choice: Choice) -> str:
    """The verdict in the command line's language, the models' misses inside it too (the
    sentence templates fill them in as core wrote them, in English)."""
    text = choice_text(choice.verdict)
    unranked = [c for c in choice.candidates if c.rank is None and c.missed]
    if not unranked:
        return text
    if choice.winner is None:  # "Nearest: {name}, which misses {missed}."
        nearest = choice.candidates[0]
        return text.replace("; ".join(nearest.missed), missed_text(nearest.missed))
    english = "; ".join(f"{c.name} misses {', '.join(c.missed)}" for c in unranked)
    translated = "; ".join(
        translate("cli.choose.parts", "{name} misses {missed}").format(
            name=c.name, missed=missed_text(c.missed)
        )
        for c in unranked
    )
    return text.replace(english, translated)
