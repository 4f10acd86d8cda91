"""Swedish throughout, English with --lang en: every word of the command line, --help and
click's usage errors included, comes from one catalogue in both languages."""

from __future__ import annotations

import re
import string
from fractions import Fraction
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.i18n import HELP_TEXTS, SAME_IN_BOTH, TEXTS, help_text, t

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def no_user_settings(tmp_path, monkeypatch):
    """No test reads the developer's own FINSAM_LANG or config file."""
    monkeypatch.delenv("FINSAM_LANG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def sample(spec: str) -> object:
    """A value that fits a field's format spec."""
    if spec.startswith(("pct", "pp")):
        return Fraction(1, 2)
    if spec == "list":
        return ["FP001", "TG002"]
    return 2


def render_all(catalogue: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    rendered = {}
    for key, texts in catalogue.items():
        template = texts[lang]
        fields = {f: sample(s or "") for _, f, s, _ in string.Formatter().parse(template) if f}
        rendered[key] = template.format_map({}) if not fields else t_like(template, lang, fields)
    return rendered


def t_like(template: str, lang: str, fields: dict[str, object]) -> str:
    from finsam_rules.formatting import render_template

    return render_template(template, lang, fields)


@pytest.mark.parametrize("catalogue", [TEXTS], ids=["i18n.TEXTS"])
def test_every_key_renders_in_both_languages_and_is_translated(catalogue):
    for key, texts in catalogue.items():
        assert set(texts) == {"sv", "en"}, f"{key}: needs exactly sv and en"
        assert texts["sv"].strip() and texts["en"].strip(), f"{key}: an empty text"
    sv, en = render_all(catalogue, "sv"), render_all(catalogue, "en")
    untranslated = [k for k in catalogue if sv[k] == en[k] and k not in SAME_IN_BOTH]
    assert untranslated == []
    for key in catalogue:  # the same fields in both languages, so no value goes missing
        fields = {  # a text may take a value written in its own language ({sv} or {en})
            lang: {f for _, f, _, _ in string.Formatter().parse(catalogue[key][lang]) if f} - {lang}
            for lang in ("sv", "en")
        }
        assert fields["sv"] == fields["en"], key


def test_no_text_in_the_catalogue_guesses_at_a_plural():
    for key, texts in TEXTS.items():
        for lang, text in texts.items():
            assert not re.search(r"\w\((s|er|ar|or)\)", text), f"{key} ({lang}): {text}"


def test_a_count_takes_the_singular_for_one_and_the_plural_otherwise():
    one = {"documents": 1, "approve": 1, "revise": 0, "reject": 0, "accept": 0, "deviation": 1, "errors": 1}
    many = {**one, "documents": 2, "deviation": 2, "errors": 0}
    assert t("summary", "sv", **one).endswith("0 godkänns, 1 avvikelse; 1 fil kunde inte läsas.")
    assert t("summary", "sv", **many).endswith("0 godkänns, 2 avvikelser; 0 filer kunde inte läsas.")
    assert t("summary", "en", **one).startswith("1 document: ")
    assert t("summary", "en", **one).endswith("1 deviation; 1 file could not be read.")
    assert t("summary", "en", **many).startswith("2 documents: ")
    assert t("summary", "en", **many).endswith("2 deviations; 0 files could not be read.")


def commands(group: click.Group = main, path: tuple[str, ...] = ()):
    yield path, group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = list(commands())


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) or "finsam" for p, _ in COMMANDS])
def test_every_command_and_option_has_its_help_in_the_catalogue(path, command):
    key = ".".join(path) or "main"
    assert f"help.{key}" in HELP_TEXTS, f"no help for `finsam {' '.join(path)}`"
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "version":
            assert help_text(".".join(path), param.name, "sv") is not None, f"{key} {param.opts}"


def sentences(lang: str) -> list[str]:
    """Every sentence of the catalogue's help texts in ``lang`` (long enough to be words)."""
    found = set()
    for texts in HELP_TEXTS.values():
        for sentence in re.split(r"(?<=[.:;])\s+", texts[lang]):
            if len(sentence) > 12:
                found.add(sentence)
    other = {
        sentence
        for texts in HELP_TEXTS.values()
        for sentence in re.split(r"(?<=[.:;])\s+", texts["en" if lang == "sv" else "sv"])
    }
    return sorted(found - other)  # a path or name written alike in both is no language


def help_page(path: tuple[str, ...], lang: str = "") -> str:
    """The help page of a command; groups take no --lang, so the language comes through
    FINSAM_LANG (commands' --lang is tested below)."""
    result = CliRunner().invoke(main, [*path, "--help"], env={"FINSAM_LANG": lang})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())  # click wraps lines; compare the words


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) or "finsam" for p, _ in COMMANDS])
def test_help_is_all_swedish_by_default_and_all_english_with_lang_en(path, command):
    swedish, english = help_page(path), help_page(path, "en")
    for sentence in sentences("en"):
        assert sentence not in swedish, f"English in `finsam {' '.join(path)} --help`: {sentence}"
    for sentence in sentences("sv"):
        assert sentence not in english, f"Swedish in `finsam {' '.join(path)} --help --lang en`"
    assert "Visa denna hjälp och avsluta." in swedish and "Användning:" in swedish
    assert "Show this message and exit." in english and "Usage:" in english
    for word in ("Usage:", "Options:", "Show this message", "[default:", "[OPTIONS]"):
        assert word not in swedish


def test_lang_en_gives_a_command_its_english_help():
    result = CliRunner().invoke(main, ["policy", "show", "--help", "--lang", "en"])
    assert "Print the resolved policy" in result.output and "Usage:" in result.output


def test_the_top_help_names_every_command_in_swedish():
    page = help_page(())
    assert "Granska ansökningar och rapporter" in page
    assert "Skriv styrelserapporten för en portföljmapp." in page
    assert "Kommandon:" in page and "Flaggor:" in page


def test_a_usage_error_is_in_swedish_and_in_english_with_lang_en():
    runner = CliRunner()
    sv = runner.invoke(main, ["screen", "--nope", "x.toml"])
    assert sv.exit_code == 2
    assert "Fel: Flaggan '--nope' finns inte." in sv.output
    assert "Skriv 'main screen --help' för hjälp." in sv.output
    en = runner.invoke(main, ["screen", "--lang", "en", "--nope", "x.toml"])
    assert en.exit_code == 2
    assert "Error: No such option '--nope'." in en.output
    bad = runner.invoke(main, ["screen", "--format", "word", "x.toml"])
    assert "Ogiltigt värde för '--format': 'word' är inte ett av" in bad.output
    missing = runner.invoke(main, ["explain"])
    assert "Fel: Argument saknas 'CODE'." in missing.output


def test_finsam_lang_and_the_config_file_set_the_default_and_lang_wins(tmp_path, monkeypatch):
    runner = CliRunner()
    assert "Visa en regels förklaring" in runner.invoke(main, ["explain", "--help"]).output
    monkeypatch.setenv("FINSAM_LANG", "en")
    assert "Print a rule's explanation" in runner.invoke(main, ["explain", "--help"]).output
    out = runner.invoke(main, ["explain", "TG002"]).output
    assert "What it does" in out
    assert "Vad regeln gör" in runner.invoke(main, ["explain", "TG002", "--lang", "sv"]).output
    monkeypatch.delenv("FINSAM_LANG")
    config = tmp_path / "config" / "finsam" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "en"\n', encoding="utf-8")
    assert "Usage:" in runner.invoke(main, ["--help"]).output
    assert "What it does" in runner.invoke(main, ["explain", "TG002"]).output
    config.write_text('lang = "fr"\n', encoding="utf-8")  # not a language of finsam: Swedish
    assert "Användning:" in runner.invoke(main, ["--help"]).output


def test_an_unknown_rule_code_suggests_the_nearest():
    result = CliRunner().invoke(main, ["explain", "FP01"])
    assert result.exit_code == 2
    assert "Okänd regelkod FP01." in result.output
    assert "Menade du FP001" in result.output
    en = CliRunner().invoke(main, ["explain", "tg02", "--lang", "en"])
    assert "Did you mean TG002" in en.output


def test_plugins_and_pack_speak_swedish(tmp_path):
    runner = CliRunner()
    assert "Inga paket installerade utöver standardpaketet" in runner.invoke(main, ["plugins"]).output
    missing = runner.invoke(main, ["pack", "test", str(tmp_path / "saknas")])
    assert "sökvägen finns inte" in missing.output
    assert (
        "the path does not exist"
        in runner.invoke(main, ["pack", "test", str(tmp_path / "saknas"), "--lang", "en"]).output
    )


@pytest.mark.parametrize("shell,marker", [("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete")])
def test_completion_prints_a_script_for_each_shell(shell, marker):
    result = CliRunner().invoke(main, ["completion", shell])
    assert result.exit_code == 0, result.output
    assert "_FINSAM_COMPLETE" in result.output and marker in result.output
