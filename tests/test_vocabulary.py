"""One vocabulary: every word a user reads is in one catalogue, in Swedish and in English.

The core's words are ``finsam_rules.i18n.TEXTS`` (key -> {"sv", "en"}); a pack's words are
the files it registers with ``register_words``. Enum values have words by the key
``snake_class.member``; message templates show values in words with format specs
(``{status:word}``, ``{horizon:word@horizon}``, ``{missing:words@attachment}``), so rules pass
values, never a word per language.
"""

from __future__ import annotations

import ast
import enum
import importlib
import json
import pkgutil
import re
import string
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import finsam_rules
from finsam_rules import i18n
from finsam_rules.board import GoalStatus, OutcomeStatus
from finsam_rules.cli import main
from finsam_rules.formatting import format_kr, format_share, format_tkr, render_template
from finsam_rules.hookspecs import hookimpl
from finsam_rules.i18n import PACK_WORDS, TEXTS, enum_key, enum_word, t
from finsam_rules.plugins import build_registry
from finsam_rules.rules import Severity

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "finsam_rules"
LANGS = ("sv", "en")
#: Dicts of {"sv", "en"} literals allowed outside the catalogue, each with its reason.
ALLOWED_WORD_DICTS = {
    # The language tags of a Word document's styles, not words.
    "render/letter_docx.py",
}
#: Specs that look a value up in a vocabulary, and those that name one catalogue text.
VOCABULARY_SPECS = ("word@", "words@", "or@", "and@")
TEXT_SPECS = ("if@", "else@", "entries@")


@pytest.fixture(scope="module")
def registry():
    """The installed packs (their words are registered when they load)."""
    loaded = build_registry()
    assert not loaded.load_errors, loaded.load_errors
    return loaded


def core_enums() -> list[type[enum.Enum]]:
    """Every enum class defined in a module of finsam_rules."""
    found: dict[str, type[enum.Enum]] = {}
    for info in pkgutil.walk_packages(finsam_rules.__path__, "finsam_rules."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == info.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


# -- the catalogue -------------------------------------------------------------------------


def test_every_catalogue_key_has_a_swedish_and_an_english_text():
    for key, texts in TEXTS.items():
        assert set(texts) == set(LANGS), key
        assert all(isinstance(texts[lang], str) and texts[lang].strip() for lang in LANGS), key


def test_no_key_is_written_twice_in_the_catalogue():
    """A second entry of a key (in another section) would silently replace the first."""
    seen: dict[str, int] = {}
    twice = []
    for node in ast.walk(ast.parse((CORE / "i18n.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                is_entry = isinstance(value, ast.Dict | ast.Subscript)
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and is_entry:
                    if key.value in seen:
                        twice.append((key.value, seen[key.value], key.lineno))
                    seen[key.value] = key.lineno
    assert twice == []


def test_every_pack_word_has_a_swedish_and_an_english_text_and_no_core_key(registry):
    assert PACK_WORDS, "the standard pack registered no words"
    for key, texts in PACK_WORDS.items():
        assert set(texts) == set(LANGS) and all(texts[lang].strip() for lang in LANGS), key
        assert key not in TEXTS, key
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in LANGS}
        assert fields["sv"] == fields["en"], key


def test_no_core_module_outside_the_catalogue_holds_words():
    """A dict of Swedish and English text literals belongs in i18n.TEXTS (values filled in
    with t(); a dict of variables, such as a text built from parameters, is not words)."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE).as_posix()
        if relative == "i18n.py" or relative in ALLOWED_WORD_DICTS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and len(node.keys) == 2:
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                texts = all(
                    isinstance(v, ast.JoinedStr) or (isinstance(v, ast.Constant) and isinstance(v.value, str))
                    for v in node.values
                )
                if keys == set(LANGS) and texts:
                    found.append(f"{relative}:{node.lineno}")
    assert found == []


def test_a_word_of_the_pack_is_no_word_of_the_core():
    """Core names no vocabulary of the standard pack: its words live in policies/words.toml."""
    pack_vocabularies = {
        line[1:-1]
        for line in (ROOT / "policies" / "words.toml").read_text().split("\n")
        if line.startswith("[")
    }
    assert pack_vocabularies
    assert not {key.partition(".")[0] for key in TEXTS} & pack_vocabularies


# -- enum words ----------------------------------------------------------------------------


@pytest.mark.parametrize("cls", core_enums(), ids=lambda c: c.__name__)
def test_every_enum_value_has_words_in_both_languages(cls):
    for member in cls:
        assert enum_key(member) in TEXTS, f"{cls.__name__}.{member.name}: no catalogue key {enum_key(member)}"
        words = [enum_word(member, lang) for lang in LANGS]
        assert all(w.strip() for w in words), member
        assert render_template("{x:word}", "en", {"x": member}) == words[1]


def test_enum_words_are_the_words_the_reports_print():
    assert enum_key(GoalStatus.NOT_MET) == "goal_status.not_met"
    assert [enum_word(GoalStatus.NOT_MET, lang) for lang in LANGS] == ["ej uppfyllt", "not met"]
    assert enum_word(OutcomeStatus.BELOW, "en") == "below the target"
    assert [enum_word(Severity.INFO, lang) for lang in LANGS] == ["notering", "note"]
    assert t("board.met", "sv") == enum_word(GoalStatus.MET, "sv")  # one text, two keys


# -- format specs --------------------------------------------------------------------------


def test_the_word_specs_show_values_in_words(registry):
    figures = {
        "status": GoalStatus.NOT_CHECKABLE,
        "horizon": "year",
        "missing": ["budget", "riskanalys"],
        "none": [],
        "counted": ["work", "internship", "studies"],
        "given": [["work", "studies"], ["internship"]],
        "excluded": True,
        "nearest": "",
        "band": None,
        "started": [["2016/0040", []], ["2016/0021", ["molndal", "lerum"]]],
    }
    template = (
        "{status:word} | {horizon:word@horizon} | {missing:words@attachment} | {none:words@attachment} | "
        "{counted:or@outcome} | {given:or@outcome} | [{excluded:if@counting.deceased_excluded}] | "
        "{nearest:else@member.none_alike} | {band:else@band.unlimited:kr} | "
        "{started:entries@municipalities.none}"
    )
    assert render_template(template, "sv", figures) == (
        "kan inte bedömas | helåret | budgetmall, riskanalys | inga | arbete, praktik eller studier | "
        "arbete eller studier; praktik | [ (avlidna ej medräknade)] | ingen liknande | obegränsat | "
        "2016/0040 (inga kommuner), 2016/0021 (molndal, lerum)"
    )
    assert render_template(template, "en", {**figures, "excluded": False, "band": 5_000_000}) == (
        "cannot be checked | full year | budget template, riskanalys | none | work, internship or studies | "
        "work or studies; internship | [] | none alike | SEK 5,000,000 | "
        "2016/0040 (no municipality), 2016/0021 (molndal, lerum)"
    )


def test_plural_forms_stay_a_spec_of_the_template():
    assert render_template("{n:plural@fil/filer}", "sv", {"n": 1}) == "1 fil"
    assert render_template("{n:plural@file/files}", "en", {"n": 1096}) == "1,096 files"


# -- units ---------------------------------------------------------------------------------


def test_units_read_as_each_language_writes_them():
    """Swedish 1 895 000 kr and 73 %; English readers expect the currency code first."""
    assert [format_kr(1_895_000, lang) for lang in LANGS] == ["1 895 000 kr", "SEK 1,895,000"]
    assert [format_tkr(16_692_000, lang) for lang in LANGS] == ["16 692 tkr", "SEK 16,692 thousand"]
    assert [format_share(Fraction(32, 44), lang) for lang in LANGS] == ["73 %", "73%"]
    assert render_template("{x:pp}", "en", {"x": Fraction(1, 5)}) == "20 percentage points"


# -- rule messages -------------------------------------------------------------------------


def rule_templates(registry):
    for rule in registry.sorted_rules():
        for kind, table in (("message", rule.messages), ("remedy", rule.remedies)):
            for key, templates in table.items():
                yield f"{rule.code} {kind} {key}", templates


def test_no_rule_message_takes_a_word_per_language(registry):
    """Rules pass values: no template names a ``*_sv``/``*_en`` figure, and both languages
    name the same figures with the same specs."""
    for where, templates in rule_templates(registry):
        fields = {
            lang: {(f, spec) for _, f, spec, _ in string.Formatter().parse(templates[lang]) if f is not None}
            for lang in LANGS
        }
        assert not [f for f, _ in fields["sv"] | fields["en"] if f.endswith(("_sv", "_en"))], where
        plain = {lang: {(f, s) for f, s in fields[lang] if not s.startswith("plural@")} for lang in LANGS}
        assert plain["sv"] == plain["en"], where


def test_every_vocabulary_a_rule_message_names_exists(registry):
    known = {key.rpartition(".")[0] for key in (*TEXTS, *PACK_WORDS)}
    for where, templates in rule_templates(registry):
        for lang in LANGS:
            for _, _, spec, _ in string.Formatter().parse(templates[lang]):
                spec = spec or ""
                if spec.startswith(VOCABULARY_SPECS):
                    assert spec.partition("@")[2] in known, (where, spec)
                elif spec.startswith(TEXT_SPECS):
                    key = spec.partition("@")[2].partition(":")[0]
                    assert key in TEXTS or key in PACK_WORDS, (where, spec)


PORTFOLIOS = [ROOT / "examples" / "mphla-2016", *sorted((ROOT / "tests" / "cases" / "portfolios").iterdir())]


@pytest.fixture(scope="module")
def screened():
    """Every finding of the example and case portfolios, screened in both languages."""
    runner = CliRunner()
    out = {}
    for lang in LANGS:
        findings = []
        for folder in PORTFOLIOS:
            result = runner.invoke(
                main, ["screen", str(folder), "--format", "json", "--fail-on", "never", "--lang", lang]
            )
            for document in json.loads(result.stdout)["documents"]:
                findings += document.get("findings", [])
        out[lang] = findings
    return out


def test_every_screened_message_is_written_in_words_in_both_languages(screened):
    assert len(screened["sv"]) == len(screened["en"]) > 50
    for sv, en in zip(screened["sv"], screened["en"], strict=True):
        assert (sv["code"], sv["figures"]) == (en["code"], en["figures"])
        for finding in (sv, en):
            texts = [finding["message"], finding.get("remedy", {}).get("message", "")]
            for text in texts:
                assert "{" not in text and "}" not in text and not re.search(r"\w_(sv|en)\b", text), text
        assert not re.search(r"\d kr\b|\d tkr\b", en["message"]), en["message"]
        assert not any(name.endswith(("_sv", "_en")) for name in en["figures"]), en["code"]


def test_a_pack_words_file_with_a_core_key_or_one_language_is_refused():
    words, problems = i18n.parse_words({"attachment": {"x": {"sv": "x"}}, "bad": 3}, "words.toml")
    assert words == {}
    assert problems == [
        'words.toml: attachment.x: expected { sv = "…", en = "…" }',
        "words.toml: bad: expected a table of words, got int",
    ]
    words: dict[str, dict[str, str]] = {"attachment.budget": {"sv": "budgetmall", "en": "budget template"}}
    owners = {"attachment.budget": "finsam-standard"}
    refused = i18n.merge_pack_words(
        "other",
        {
            "severity.error": {"sv": "fel", "en": "error"},
            "attachment.budget": {"sv": "budget", "en": "budget"},
        },
        words,
        owners,
    )
    assert refused == [
        "severity.error: is a word of finsam-rules itself; choose another vocabulary name",
        "attachment.budget: is already a word of the pack finsam-standard",
    ]
    assert words["attachment.budget"]["sv"] == "budgetmall"  # the first words stay


def test_a_pack_registers_the_words_of_its_own_codes(tmp_path):
    """An association's pack names its own attachment; its messages show it in words."""
    words = tmp_path / "words.toml"
    words.write_text(
        '[attachment]\nrisk_analysis = { sv = "riskanalys", en = "risk analysis" }\n', encoding="utf-8"
    )

    class Pack:
        @hookimpl
        def register_words(self, register):
            register(words)

    loaded = build_registry(extra_plugins=[("finsam-exempel", Pack())])
    assert not loaded.load_errors, loaded.load_errors
    figures = {"missing": ["risk_analysis", "budget"]}
    assert render_template("{missing:words@attachment}", "en", figures) == "risk analysis, budget template"
    assert i18n.PACK_WORD_OWNERS["attachment.risk_analysis"] == "finsam-exempel"


def test_a_words_file_that_is_not_toml_is_a_load_error_naming_the_file(tmp_path):
    words = tmp_path / "words.toml"
    words.write_text("[attachment\n", encoding="utf-8")

    class Pack:
        @hookimpl
        def register_words(self, register):
            register(words)

    loaded = build_registry(extra_plugins=[("finsam-trasig", Pack())])
    [error] = loaded.load_errors
    assert (error.pack, error.what) == ("finsam-trasig", "register_words")
    assert str(words) in error.error
    build_registry()  # the standard pack's words stay in force for the tests after this one
