"""Issue 16: the command line in Chinese, and the catalogue kept complete (no Qt here)."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from erroranalysis import i18n
from erroranalysis.cli import main

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "i18n" / "erroranalysis_zh_CN.ts"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.use_language("en")
    i18n.requested = None


@pytest.fixture
def locale_env(monkeypatch):
    def set_locale(lang: str | None, **others: str) -> None:
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(name, raising=False)
        if lang is not None:
            monkeypatch.setenv("LANG", lang)
        for name, value in others.items():
            monkeypatch.setenv(name, value)

    return set_locale


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh_Hans_CN", "zh_CN"),
        ("zh_SG.GB18030", "zh_CN"),
        ("zh_TW.UTF-8", None),
        ("zh_Hant_HK", None),
        ("en_US.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("POSIX", "en"),
        ("de_DE@euro", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize(name, expected):
    assert i18n.normalize(name) == expected


def test_the_first_locale_variable_set_decides(locale_env):
    locale_env("en_US.UTF-8", LC_MESSAGES="zh_CN.UTF-8")
    assert i18n.environment_language() == "zh_CN"
    locale_env("zh_CN.UTF-8", LC_ALL="C")
    assert i18n.environment_language() == "en"
    locale_env("de_DE.UTF-8")
    assert i18n.environment_language() == "en"  # not spoken here: English
    locale_env(None)
    assert i18n.environment_language() is None


def test_lang_flag_is_taken_from_anywhere():
    assert i18n.take_lang_flag(["tally", "--lang", "zh_CN", "s.easession"]) == (
        ["tally", "s.easession"],
        "zh_CN",
    )
    assert i18n.take_lang_flag(["--lang=en", "demo"]) == (["demo"], "en")
    assert i18n.take_lang_flag(["new", "--", "--lang", "x"]) == (["new", "--", "--lang", "x"], None)


def test_help_follows_lang(locale_env, capsys):
    locale_env("zh_CN.UTF-8")
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：erroranalysis")
    assert "审阅分类器的验证集错误" in text and "显示此帮助信息并退出" in text
    assert "输出会话或审阅表格的统计" in text  # a command's own help
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    english = capsys.readouterr().out
    assert english.startswith("usage: erroranalysis") and "用法" not in english


def test_errors_in_chinese_and_a_bad_lang(locale_env, capsys):
    locale_env("C.UTF-8")
    with pytest.raises(SystemExit) as done:
        main(["tally", "--lang", "zh_CN"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert (
        err == "erroranalysis tally：错误：缺少以下必需参数：SOURCE"
        "（参见 erroranalysis tally --help）\n"
    )
    assert main(["--lang", "zh_CN", "tally", "/nonexistent.easession"]) == 2
    assert capsys.readouterr().err.startswith("erroranalysis：错误：")
    assert main(["--lang", "fr", "tally", "x"]) == 2
    assert "--lang fr: not a language" in capsys.readouterr().err


def test_json_output_keys_stay_english(locale_env, capsys):
    args = [
        "diagnose",
        "--human",
        "1%",
        "--train",
        "8%",
        "--train-dev",
        "9%",
        "--dev",
        "10%",
        "--format",
        "json",
    ]
    locale_env("C.UTF-8")
    assert main(args) == 0
    english = json.loads(capsys.readouterr().out)
    locale_env("zh_CN.UTF-8")
    assert main(args) == 0
    chinese = json.loads(capsys.readouterr().out)
    assert chinese == english


def test_the_catalogue_is_complete_and_compiled():
    """Every string of the app and the CLI has a Chinese translation, and the .qm is
    compiled from the .ts (run scripts/update_translations.py, then translate what it
    marks unfinished: Qt Linguist, or any editor)."""
    root = ElementTree.parse(CATALOGUE).getroot()

    def text(translation) -> str:  # type: ignore[no-untyped-def]
        forms = translation.findall("numerusform")  # a "%n items" message: its forms
        return "".join(f.text or "" for f in forms) if forms else translation.text or ""

    unfinished = [
        f"{c.findtext('name')}: {m.findtext('source')!r}"
        for c in root.iter("context")
        for m in c.iter("message")
        if m.find("translation").get("type") == "unfinished"
        or not text(m.find("translation")).strip()
    ]
    assert not unfinished, "untranslated:\n" + "\n".join(unfinished)
    assert (CATALOGUE.with_suffix(".qm")).stat().st_size > 10_000
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_translations_keep_their_placeholders():
    """A translation with another {name} or %(name)s than its source would raise (or show
    a wrong value) when the app formats it."""
    import re

    root = ElementTree.parse(CATALOGUE).getroot()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        forms = node.findall("numerusform")
        translation = forms[0].text or "" if forms else node.text or ""
        named = set(re.findall(r"\{([A-Za-z_]\w*)[^}]*\}", source))
        assert set(re.findall(r"\{([A-Za-z_]\w*)[^}]*\}", translation)) == named, source
        assert set(re.findall(r"%\d|%n", translation)) == set(re.findall(r"%\d|%n", source))
        assert set(re.findall(r"%\(\w+\)[rs]|%s", translation)) == set(
            re.findall(r"%\(\w+\)[rs]|%s", source)
        ), source


def test_new_session_in_chinese_names_the_default_categories_in_chinese(
    locale_env, tmp_path, capsys
):
    source = tmp_path / "p.csv"
    source.write_text("image,label,prediction\na.png,cat,dog\nb.png,dog,cat\n")
    locale_env("zh_CN.UTF-8")
    assert main(["new", str(source), "--allow-missing-images"]) == 0
    out = capsys.readouterr().out
    assert "类别：狗, 大型猫科动物, 模糊, 标注错误（课程的默认类别" in out
    from erroranalysis.core.categories import LABEL_ERROR
    from erroranalysis.core.session import ReviewSession

    session = ReviewSession.open(tmp_path / "p.easession")
    try:
        names = [(c.name, c.kind) for c in session.categories()]
    finally:
        session.close()
    assert names[:3] == [("狗", "normal"), ("大型猫科动物", "normal"), ("模糊", "normal")]
    assert names[3] == ("标注错误", LABEL_ERROR)
    # Stored names are data: an English terminal shows them as they are.
    locale_env("C.UTF-8")
    assert main(["tally", str(tmp_path / "p.easession"), "--format", "json"]) == 0
    tally = json.loads(capsys.readouterr().out)
    assert [c["name"] for c in tally["categories"]] == ["狗", "大型猫科动物", "模糊", "标注错误"]


def test_text_tables_line_up_chinese_names(locale_env, tmp_path, capsys):
    """A Chinese class name takes two terminal columns per character: the columns after
    it still line up (the number columns end at the same terminal column)."""
    from erroranalysis.core.report import display_width

    source = tmp_path / "p.csv"
    rows = ["image,label,prediction"] + [
        f"{i}.png,{label},{prediction}"
        for i, (label, prediction) in enumerate(
            [("猫", "猫"), ("大型猫科动物", "猫"), ("cat", "cat"), ("猫", "cat")] * 3
        )
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    locale_env("C.UTF-8")
    assert main(["metrics", str(source)]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = [line for line in lines if line.startswith(("猫 ", "大型猫科动物 ", "cat "))]
    assert len(table) >= 3
    ends = {display_width(line) for line in table[:3]}
    assert len(ends) == 1, table


def test_every_help_text_of_the_command_line_is_translated(locale_env):
    """Each command's help, description and every flag's help speak Chinese under zh_CN
    (a flag added without translate("cli", ...) would show in English)."""
    import argparse
    import re

    from erroranalysis.cli import build_parser

    locale_env("zh_CN.UTF-8")
    i18n.use_language("zh_CN")
    english: list[str] = []

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        texts = [parser.description or ""]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for command, sub in action.choices.items():
                    walk(sub, f"{name} {command}")
                texts += [a.help or "" for a in action._choices_actions]
            elif action.help and action.help != argparse.SUPPRESS:
                texts.append(action.help)
        for group in parser._action_groups:
            texts.append(group.title or "")
        for text in texts:
            if re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", text) and not re.search(
                "[\u4e00-\u9fff]", text
            ):
                english.append(f"{name}: {text}")

    walk(build_parser(), "erroranalysis")
    assert not english, "\n".join(english)
