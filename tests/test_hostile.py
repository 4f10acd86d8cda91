"""Malformed and adversarial input: every bad file is a clear error, never a traceback.

The corpus is ``tests/hostile/``: one file per case, with the expected ``Problem`` (key path
and code) of each in ``tests/hostile/expected.toml``. Files marked ``ok = true`` are hostile
but valid (control characters, bidi overrides, zero-width characters, markup in titles,
very long strings, anything under ``[extra]``): they must load, and be escaped on output
rather than refused. Cases that cannot sit in the corpus folder (a file just over the size
limit, random binary garbage, a file that would abort the whole batch) are written by the
tests into ``tmp_path``.

A case with ``bug = "..."`` in ``expected.toml`` documents a known defect: it runs as a
strict xfail, so it starts failing (and must be promoted) the day the defect is fixed.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.errors import PROBLEM_MESSAGES, InputError
from finsam_rules.loading import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    load_association,
    load_document,
    read_toml,
)
from finsam_rules.model import Application, Report
from finsam_rules.render.markup import clean, md_escape

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED_FILE = HOSTILE / "expected.toml"
CASES: list[dict[str, Any]] = tomllib.loads(EXPECTED_FILE.read_text(encoding="utf-8"))["case"]
BY_FILE = {case["file"]: case for case in CASES}
ERROR_CASES = [c for c in CASES if not c.get("ok")]
OK_CASES = [c for c in CASES if c.get("ok")]
DOCUMENT_ERRORS = [c for c in ERROR_CASES if c["loader"] == "document"]
LANGS = ("sv", "en")

#: A minimal valid application, for the cases written by the tests themselves.
VALID_APPLICATION = (HOSTILE / "utf8-bom.toml").read_bytes().removeprefix(b"\xef\xbb\xbf")

#: Characters that must never reach a terminal raw: C0 and C1 controls and DEL (escape
#: sequences can retitle the window, clear the screen, move the cursor, hide text), and the
#: bidirectional overrides and isolates that reorder what is shown (Trojan Source). Line
#: feed and tab are layout, not attacks, where the program itself writes them.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def dangerous_characters(text: str) -> list[str]:
    """Characters of ``text`` that could rewrite the terminal, as ``U+XXXX`` names."""
    found = {
        ch for ch in text if (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in BIDI_CONTROLS
    }
    return sorted(f"U+{ord(ch):04X}" for ch in found)


def param(case: dict[str, Any]):
    """A pytest param for one corpus case, a strict xfail when it documents a bug."""
    marks = [pytest.mark.xfail(strict=True, reason="BUG: " + case["bug"])] if "bug" in case else []
    return pytest.param(case, id=case["file"], marks=marks)


def load(case: dict[str, Any], path: Path | None = None):
    """Load a corpus file with the loader its case names."""
    path = path or HOSTILE / case["file"]
    if case["loader"] == "association":
        return load_association(path)
    return load_document(path)


def assert_clear_error(error: InputError, path: Path, key: str, code: str) -> None:
    """One problem, at ``key`` with ``code``, told in both languages naming the file."""
    assert error.path == path
    assert [(p.path, p.code) for p in error.problems] == [(key, code)]
    assert code in PROBLEM_MESSAGES
    for lang in LANGS:
        lines = error.lines(lang)
        assert len(lines) == 1
        assert lines[0].startswith(f"{path}: "), lines[0]
        assert error.problems[0].message(lang).strip()
        if key:  # the key as written, with control characters shown as escapes
            assert lines[0].startswith(clean(f"{path}: {key}: ")), lines[0]
    assert error.lines("sv") != error.lines("en")


def sha256_tree(root: Path) -> dict[str, str]:
    """The sha256 of every file under ``root``, by relative path."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def runner(standard_env) -> CliRunner:
    """A CLI runner that loads the standard pack only."""
    return CliRunner(env=standard_env)


def invoke(runner: CliRunner, *args: str):
    """Run ``finsam`` and check it ended through ``sys.exit``, never with a traceback."""
    result = runner.invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    return result


# -- the corpus itself ---------------------------------------------------------------------


class TestTheCorpus:
    """expected.toml and the folder agree, and the required kinds of case are there."""

    def test_every_file_has_exactly_one_expectation(self):
        files = {p.name for p in HOSTILE.glob("*.toml")} - {EXPECTED_FILE.name}
        listed = [c["file"] for c in CASES]
        assert len(listed) == len(set(listed)), "a file is listed twice"
        assert set(listed) == files

    def test_every_error_case_names_a_known_code(self):
        for case in ERROR_CASES:
            assert case["code"] in PROBLEM_MESSAGES, case["file"]
            assert case["key"] == "" or case["key"].startswith("$"), case["file"]

    @pytest.mark.parametrize(
        "code",
        [
            "toml",
            "encoding",
            "empty_file",
            "too_deep",
            "type",
            "negative",
            "share_range",
            "period_order",
            "date",
            "unknown_keys",
            "enum",
            "unknown_document",
            "missing",
            "duplicate_member",
            "org_number",
        ],
    )
    def test_the_corpus_covers(self, code):
        assert any(c.get("code") == code for c in CASES)

    def test_the_file_named_with_spaces_and_non_ascii_letters_is_there(self):
        assert "ansökan Härryda.toml" in BY_FILE
        assert (HOSTILE / "ansökan Härryda.toml").is_file()


# -- loading each corpus file -----------------------------------------------------------------


@pytest.mark.parametrize("case", [param(c) for c in ERROR_CASES])
def test_a_hostile_file_gives_the_expected_clear_error(case):
    """The loader reports the expected code at the expected key, in Swedish and English,
    naming the file; nothing but InputError escapes."""
    path = HOSTILE / case["file"]
    with pytest.raises(InputError) as caught:
        load(case)
    assert_clear_error(caught.value, path, case["key"], case["code"])


@pytest.mark.parametrize("case", [param(c) for c in OK_CASES])
def test_hostile_but_valid_text_loads_unchanged(case):
    """Control characters, bidi overrides, markup and long strings are data: they load as
    written (escaping is the renderers' job), and [extra] takes anything."""
    path = HOSTILE / case["file"]
    doc = load(case)
    assert isinstance(doc, Application | Report)
    raw = tomllib.loads(path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
    if isinstance(doc, Application):
        assert doc.title == raw["title"]
        assert doc.id == raw["id"]
    else:
        assert doc.comment == raw["comment"]
    assert doc.extra == raw.get("extra", {})


def test_the_corpus_file_name_with_spaces_and_non_ascii_is_named_in_both_languages():
    path = HOSTILE / "ansökan Härryda.toml"
    with pytest.raises(InputError) as caught:
        load_document(path)
    for lang in LANGS:
        assert "ansökan Härryda.toml" in caught.value.lines(lang)[0]


# -- cases written by the tests ----------------------------------------------------------------


class TestGeneratedCases:
    """Inputs too big, too binary or too disruptive to commit to the corpus folder."""

    def test_a_file_one_byte_over_the_size_limit(self, tmp_path):
        path = tmp_path / "för stor.toml"
        padding = MAX_FILE_BYTES + 1 - len(VALID_APPLICATION)
        path.write_bytes(VALID_APPLICATION + b"#" * (padding - 1) + b"\n")
        assert path.stat().st_size == MAX_FILE_BYTES + 1
        with pytest.raises(InputError) as caught:
            read_toml(path)
        assert_clear_error(caught.value, path, "", "too_large")
        assert caught.value.problems[0].details == {"size": MAX_FILE_BYTES + 1, "limit": MAX_FILE_BYTES}

    def test_a_valid_file_exactly_at_the_size_limit_loads(self, tmp_path):
        path = tmp_path / "precis.toml"
        padding = MAX_FILE_BYTES - len(VALID_APPLICATION)
        path.write_bytes(VALID_APPLICATION + b"#" * (padding - 1) + b"\n")
        assert path.stat().st_size == MAX_FILE_BYTES
        assert isinstance(load_document(path), Application)

    def test_a_title_just_under_the_size_limit_loads(self, tmp_path):
        """An extremely long string is not an error in itself."""
        title = "Ä" * ((MAX_FILE_BYTES - len(VALID_APPLICATION)) // 2 - 100)
        text = VALID_APPLICATION.decode().replace('title = "Nytt samverkansprojekt"', f'title = "{title}"')
        path = tmp_path / "lång.toml"
        path.write_text(text, encoding="utf-8")
        assert MAX_FILE_BYTES - 1000 < path.stat().st_size <= MAX_FILE_BYTES
        assert load_document(path).title == title

    @pytest.mark.parametrize("seed", range(8))
    def test_random_binary_garbage(self, tmp_path, seed):
        """Random bytes (NULs included) are an encoding or TOML error, reported at the file."""
        data = random.Random(seed).randbytes(64 + 512 * seed)
        path = tmp_path / f"garbage-{seed}.toml"
        path.write_bytes(data)
        with pytest.raises(InputError) as caught:
            load_document(path)
        [problem] = caught.value.problems
        assert (problem.path, problem.code) in {("", "encoding"), ("", "toml")}
        for lang in LANGS:
            assert caught.value.lines(lang)[0].startswith(f"{path}: ")

    @pytest.mark.parametrize(
        ("name", "data", "code"),
        [
            ("nul-bytes", b"\x00" * 200, "toml"),
            ("utf16-be-without-bom", 'id = "2017/0001"\n'.encode("utf-16-be"), "toml"),
            ("utf32-with-bom", 'id = "2017/0001"\n'.encode("utf-32"), "encoding"),
            ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)), "encoding"),
            ("elf", b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + bytes(range(255, 0, -1)), "encoding"),
            ("truncated-utf8", 'title = "Mölndal"'.encode()[:11], "encoding"),
            ("overlong-utf8", b'title = "\xc0\xaf"\n', "encoding"),
            ("surrogate-utf8", b'title = "\xed\xa0\x80"\n', "encoding"),
        ],
    )
    def test_binary_and_mis_encoded_files(self, tmp_path, name, data, code):
        path = tmp_path / f"{name}.toml"
        path.write_bytes(data)
        with pytest.raises(InputError) as caught:
            load_document(path)
        assert_clear_error(caught.value, path, "", code)

    def test_nesting_exactly_at_the_limit_loads_and_one_more_level_does_not(self, tmp_path):
        """Under [extra] anything goes, up to MAX_DEPTH levels counting the root table:
        root (1), [extra] (2), then arrays."""
        text = VALID_APPLICATION.decode() + "\n[extra]\nx = {}\n"
        arrays = MAX_DEPTH - 2
        ok = tmp_path / "ok.toml"
        ok.write_text(text.replace("x = {}", "x = " + "[" * arrays + "]" * arrays), encoding="utf-8")
        assert isinstance(load_document(ok), Application)
        deep = tmp_path / "deep.toml"
        deep.write_text(
            text.replace("x = {}", "x = " + "[" * (arrays + 1) + "]" * (arrays + 1)), encoding="utf-8"
        )
        with pytest.raises(InputError) as caught:
            load_document(deep)
        assert_clear_error(caught.value, deep, "", "too_deep")

    def test_a_scalar_is_not_a_level_of_nesting(self, tmp_path):
        """An innermost value does not count as a level: [[...[1]...]] is as deep as
        [[...[]...]]."""
        arrays = MAX_DEPTH - 2
        path = tmp_path / "scalar.toml"
        path.write_text(
            VALID_APPLICATION.decode() + "\n[extra]\nx = " + "[" * arrays + "1" + "]" * arrays + "\n",
            encoding="utf-8",
        )
        assert isinstance(load_document(path), Application)

    def test_an_integer_literal_with_thousands_of_digits(self, tmp_path):
        path = tmp_path / "huge-integer.toml"
        path.write_text(
            VALID_APPLICATION.decode().replace("requested = 1800000", "requested = " + "9" * 5000),
            encoding="utf-8",
        )
        with pytest.raises(InputError) as caught:
            load_document(path)
        assert caught.value.problems[0].code in {"toml", "invalid", "type"}

    def test_a_huge_hexadecimal_amount_does_not_crash_the_cli(self, tmp_path, runner):
        """0xfff... parses to an integer too long to print: the loader refuses it as
        unreasonably large, naming the key, and the other file is screened."""
        path = tmp_path / "hex.toml"
        path.write_text(
            VALID_APPLICATION.decode().replace("requested = 1800000", "requested = 0x" + "f" * 5000),
            encoding="utf-8",
        )
        other = tmp_path / "other.toml"
        other.write_bytes(VALID_APPLICATION)
        for fmt in ("text", "json", "markdown"):
            result = invoke(runner, "screen", "--format", fmt, str(path), str(other))
            assert result.exit_code == 3
            assert "other.toml" in result.stdout
            assert "$.requested: talet är orimligt stort" in result.stderr


# -- the CLI over the whole corpus ---------------------------------------------------------------


class TestScreeningTheCorpus:
    """``finsam screen tests/hostile``: exit 3, no traceback, valid files still screened,
    every file left byte-identical."""

    @pytest.mark.parametrize("fmt", ["text", "markdown", "json", "letter"])
    @pytest.mark.parametrize("lang", LANGS)
    def test_the_batch_goes_on_and_reads_only(self, runner, fmt, lang):
        before = sha256_tree(HOSTILE)
        result = invoke(runner, "screen", str(HOSTILE), "--format", fmt, "--lang", lang)
        assert result.exit_code == 3, result.output
        assert sha256_tree(HOSTILE) == before
        for case in DOCUMENT_ERRORS:
            assert str(HOSTILE / case["file"]) in result.stderr, case["file"]
        if fmt != "letter":  # the letter names documents by id, not by path
            for case in OK_CASES:
                assert str(HOSTILE / case["file"]) in result.stdout, case["file"]

    def test_the_installed_command_prints_no_traceback(self, standard_env):
        """The real entry point (not CliRunner, which would swallow a traceback)."""
        finsam = Path(sys.executable).parent / "finsam"
        if not finsam.is_file():
            pytest.skip(f"{finsam} is not installed")
        before = sha256_tree(HOSTILE)
        for fmt in ("text", "json"):
            done = subprocess.run(
                [str(finsam), "screen", str(HOSTILE), "--format", fmt],
                env={**os.environ, **standard_env},
                capture_output=True,
                timeout=300,
                check=False,
            )
            assert done.returncode == 3
            for stream in (done.stdout, done.stderr):
                assert b"Traceback" not in stream
                assert b"internal error" not in stream
        assert sha256_tree(HOSTILE) == before

    def test_json_lists_every_valid_document_and_every_error(self, runner):
        result = invoke(runner, "screen", str(HOSTILE), "--format", "json", "--lang", "en")
        assert result.exit_code == 3
        data = json.loads(result.stdout)
        documents = {Path(d["path"]).name for d in data["documents"]}
        assert documents == {c["file"] for c in OK_CASES}
        errors = {Path(e["path"]).name: e["problems"] for e in data["errors"]}
        assert set(errors) == {c["file"] for c in DOCUMENT_ERRORS}
        for case in DOCUMENT_ERRORS:
            [problem] = errors[case["file"]]
            assert (problem["key"], problem["code"]) == (case["key"], case["code"])
            assert problem["message"]
        assert data["summary"]["documents"] == len(OK_CASES)
        assert data["summary"]["unreadable"] == len(DOCUMENT_ERRORS)
        for doc in data["documents"]:
            allowed = ("tillstyrks", "komplettering krävs", "avstyrks")
            if doc["kind"] == "report":  # a report's own words
                allowed = ("godkänns", "avvikelse", "komplettering krävs")
            assert doc["verdict"] in allowed

    def test_association_shaped_files_met_in_a_folder_are_not_screened(self, runner):
        """An association file is not a document; walking a folder skips it (and the
        portfolio loads it only under its own name, association.toml)."""
        result = invoke(runner, "screen", str(HOSTILE), "--format", "json")
        data = json.loads(result.stdout)
        named = {Path(d["path"]).name for d in data["documents"]} | {
            Path(e["path"]).name for e in data["errors"]
        }
        for case in CASES:
            if case["loader"] == "association":
                assert case["file"] not in named

    def test_validate_reports_every_bad_file_and_exits_3(self, runner):
        before = sha256_tree(HOSTILE)
        result = invoke(runner, "validate", str(HOSTILE), "--lang", "en")
        assert result.exit_code == 3
        assert sha256_tree(HOSTILE) == before
        for case in DOCUMENT_ERRORS:
            assert str(HOSTILE / case["file"]) in result.stderr
        for case in OK_CASES:
            assert f"{HOSTILE / case['file']}: valid" in result.stdout

    @pytest.mark.parametrize("lang", LANGS)
    def test_the_file_named_with_spaces_and_non_ascii_letters_is_named(self, runner, lang):
        path = HOSTILE / "ansökan Härryda.toml"
        result = invoke(runner, "screen", str(path), "--lang", lang)
        assert result.exit_code == 3
        assert f"{path}: $.owner: " in result.stderr

    def test_the_batch_goes_on_past_an_association_error_given_by_name(self, runner):
        """A broken --association is one clear error, not a traceback."""
        path = HOSTILE / "association-bad-org-number.toml"
        result = invoke(runner, "screen", str(HOSTILE / "utf8-bom.toml"), "--association", str(path))
        assert result.exit_code == 3
        assert str(path) in result.stderr

    def test_the_batch_goes_on_past_an_integer_with_thousands_of_digits(self, tmp_path, runner):
        folder = tmp_path / "batch"
        folder.mkdir()
        (folder / "a-huge-integer.toml").write_text(
            VALID_APPLICATION.decode().replace("requested = 1800000", "requested = " + "9" * 5000),
            encoding="utf-8",
        )
        (folder / "b-valid.toml").write_bytes(VALID_APPLICATION)
        result = runner.invoke(main, ["screen", str(folder)])
        assert result.exit_code == 3
        assert str(folder / "b-valid.toml") in result.stdout


# -- escaping on output ------------------------------------------------------------------------


def hostile_title_cases() -> list[dict[str, Any]]:
    return [c for c in OK_CASES if c["file"].startswith("title-") or c["file"] == "long-strings.toml"]


def title_of(case: dict[str, Any]) -> str:
    return load(case).title


class TestEscapingOnOutput:
    """Text from input files is data in every output format."""

    @pytest.mark.parametrize("case", [param(c) for c in hostile_title_cases()])
    def test_json_is_valid_and_round_trips_the_title(self, runner, case):
        path = HOSTILE / case["file"]
        result = invoke(runner, "screen", str(path), "--format", "json")
        data = json.loads(result.stdout)
        [doc] = data["documents"]
        assert doc["title"] == title_of(case)
        assert doc["path"] == str(path)

    def test_a_hostile_report_comment_gives_valid_json(self, runner):
        path = HOSTILE / "report-comment-hostile.toml"
        result = invoke(runner, "screen", str(path), "--format", "json")
        [doc] = json.loads(result.stdout)["documents"]
        assert doc["kind"] == "report"

    @pytest.mark.parametrize("case", [param(c) for c in hostile_title_cases()])
    def test_markdown_escapes_the_title(self, runner, case):
        path = HOSTILE / case["file"]
        result = invoke(runner, "screen", str(path), "--format", "markdown")
        title = title_of(case)
        assert md_escape(title) in result.stdout
        headings = [line for line in result.stdout.splitlines() if line.startswith("## ")]
        assert len(headings) == 1
        assert md_escape(title) in headings[0]  # the title's line breaks did not split it

    def test_markdown_neutralises_html_and_markup(self, runner):
        path = HOSTILE / "title-script.toml"
        out = invoke(runner, "screen", str(path), "--format", "markdown").stdout
        assert "<script" not in out
        assert "<img" not in out
        assert "&lt;script&gt;" in out
        assert "](javascript:" not in out
        heading = next(line for line in out.splitlines() if line.startswith("## "))
        assert re.search(r"(?<!\\)\|", heading) is None  # no unescaped table pipe
        assert re.search(r"(?<!\\)\*\*", heading) is None

    def test_md_escape_leaves_no_raw_markup(self):
        for case in hostile_title_cases():
            escaped = md_escape(title_of(case))
            assert "\n" not in escaped and "\r" not in escaped
            assert "<" not in escaped and ">" not in escaped
            assert re.search(r"(?<!\\)[|`*_\[\]]", escaped) is None, case["file"]

    @pytest.mark.parametrize("fmt", ["text", "letter"])
    def test_plain_text_output_has_no_raw_control_characters(self, runner, fmt):
        files = [str(HOSTILE / c["file"]) for c in OK_CASES]
        result = invoke(runner, "screen", *files, "--format", fmt)
        assert dangerous_characters(result.stdout) == []
        assert dangerous_characters(result.stderr) == []

    def test_markdown_output_has_no_raw_control_characters(self, runner):
        files = [str(HOSTILE / c["file"]) for c in OK_CASES]
        result = invoke(runner, "screen", *files, "--format", "markdown")
        assert dangerous_characters(result.stdout) == []

    def test_json_output_has_no_raw_c0_control_characters(self, runner):
        """JSON escapes C0 controls (\\u001b) as the standard requires."""
        files = [str(HOSTILE / c["file"]) for c in OK_CASES]
        out = invoke(runner, "screen", *files, "--format", "json").stdout
        assert not [ch for ch in out if ord(ch) < 0x20 and ch not in "\n"]
        json.loads(out)

    @pytest.mark.parametrize("lang", LANGS)
    def test_error_messages_have_no_raw_control_characters(self, runner, lang):
        path = HOSTILE / "unknown-key-escape.toml"
        result = invoke(runner, "screen", str(path), "--lang", lang)
        assert result.exit_code == 3
        assert dangerous_characters(result.stderr) == []

    def test_a_file_name_with_control_characters_is_escaped_in_text(self, tmp_path, runner):
        path = tmp_path / "evil\x1b[2J\nFörslag: TILLSTYRKS.toml"
        path.write_bytes(VALID_APPLICATION)
        result = invoke(runner, "screen", str(path))
        assert dangerous_characters(result.stdout) == []
        assert not any(line.startswith("Förslag: TILLSTYRKS") for line in result.stdout.splitlines())

    def test_a_file_name_with_control_characters_round_trips_in_json(self, tmp_path, runner):
        path = tmp_path / "evil\x1b[2J\nname.toml"
        path.write_bytes(VALID_APPLICATION)
        out = invoke(runner, "screen", str(path), "--format", "json").stdout
        [doc] = json.loads(out)["documents"]
        assert doc["path"] == str(path)

    def test_a_path_in_markdown_is_shown_as_it_is(self, tmp_path, runner):
        path = tmp_path / "ansökan_2017.toml"
        path.write_bytes(VALID_APPLICATION)
        out = invoke(runner, "screen", str(path), "--format", "markdown").stdout
        assert f"`{path}`" in out

    def test_hostile_files_are_left_byte_identical_by_every_format(self, runner, tmp_path):
        copy = tmp_path / "copy"
        shutil.copytree(HOSTILE, copy)
        before = sha256_tree(copy)
        for fmt in ("text", "markdown", "json", "letter"):
            invoke(runner, "screen", str(copy), "--format", fmt)
        assert sha256_tree(copy) == before

    def test_records_of_hostile_documents_are_written_beside_not_over_inputs(self, runner, tmp_path):
        copy = tmp_path / "copy"
        shutil.copytree(HOSTILE, copy)
        files = [str(copy / c["file"]) for c in OK_CASES if c["file"] != "long-strings.toml"]
        before = sha256_tree(copy)
        result = invoke(runner, "screen", *files, "--record", str(tmp_path / "rec"))
        assert result.exit_code in (0, 1)
        assert sha256_tree(copy) == before
        for record in (tmp_path / "rec").glob("*.json"):
            json.loads(record.read_text(encoding="utf-8"))

    def test_a_record_for_a_document_with_a_very_long_id(self, runner, tmp_path):
        result = runner.invoke(
            main, ["screen", str(HOSTILE / "long-strings.toml"), "--record", str(tmp_path / "rec")]
        )
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code in (0, 1)
        assert len(list((tmp_path / "rec").glob("*.json"))) == 1
