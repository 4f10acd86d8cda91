"""Trust in the input and the output: bounded reading, every skipped path reported, the fast
parser agreeing with tomllib, and text from input neutralised on every way out.

These are the red team's reproducers ("Resource and input edges" and "Injection"): each
failed on the code before this work (a hang, a crash, a silent skip, raw escape codes on the
terminal, live HTML), and each is bounded by a timeout so a regression fails instead of
hanging the suite. The parser differential (toml_rs against tomllib) is a hypothesis fuzz
target plus the tricky cases of the TOML test suites and the hostile corpus.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_rules.cli import main
from finsam_rules.errors import InputError
from finsam_rules.loading import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    PathProblem,
    iter_paths,
    load_association,
    parse_toml,
    read_toml,
    walk_folder,
)
from finsam_rules.portfolio import find_portfolio_root, load_portfolio
from finsam_rules.sanitize import clean, html_text, json_safe, md_code, md_escape, one_line

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "hostile"
EXAMPLE = ROOT / "examples" / "mphla-2016"
VALID_APPLICATION = (HOSTILE / "utf8-bom.toml").read_bytes().removeprefix(b"\xef\xbb\xbf")
FINSAM = Path(sys.executable).parent / "finsam"
#: No reproducer may take longer than this; the old code hung or took 30 s to hours.
BOUND = 60

#: Characters that must never reach a terminal raw (line feed and tab are layout).
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def raw_controls(text: str) -> list[str]:
    """The control and bidi characters of ``text`` as ``U+XXXX`` names."""
    return sorted({f"U+{ord(c):04X}" for c in _RAW.findall(text)})


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def invoke(runner: CliRunner, *args: str):
    """Run ``finsam`` in-process; it must end through ``sys.exit``, never a traceback."""
    result = runner.invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def finsam(standard_env, *args: str, memory: int | None = None, **env: str) -> subprocess.CompletedProcess:
    """Run the installed ``finsam`` command, bounded in time (and in memory if asked)."""
    if not FINSAM.is_file():
        pytest.skip(f"{FINSAM} is not installed")

    def limit() -> None:
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    done = subprocess.run(
        [str(FINSAM), *args],
        env={**os.environ, **standard_env, **env},
        capture_output=True,
        timeout=BOUND,
        check=False,
        preexec_fn=limit,
    )
    for stream in (done.stdout, done.stderr):
        assert b"Traceback" not in stream
        assert b"internal error" not in stream
    return done


def write_app(path: Path, text: bytes = VALID_APPLICATION) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    return path


# == Resource and input edges ==================================================================


class TestTheLongDottedKey:
    """An 80 KB file of one long dotted key took tomllib 30 s (1 MB: hours)."""

    @pytest.mark.parametrize("size", [80_000, MAX_FILE_BYTES - 100])
    @pytest.mark.parametrize(
        "shape", ["a{} = 1\n", "a{} = \n", "[a{}]\n", "[[a{}]]\nx = [1, 2\n"], ids=["kv", "bad", "hdr", "aot"]
    )
    def test_is_refused_as_too_deep_in_bounded_time(self, tmp_path, size, shape):
        path = tmp_path / "dotted.toml"
        path.write_text(shape.format(".a" * (size // 2)), encoding="utf-8")
        start = time.process_time()
        with pytest.raises(InputError) as caught:
            read_toml(path)
        assert time.process_time() - start < 5
        [problem] = caught.value.problems
        assert (problem.path, problem.code) == ("", "too_deep")

    def test_a_batch_with_it_goes_on(self, tmp_path, standard_env):
        write_app(tmp_path / "b.toml")
        (tmp_path / "a.toml").write_text("a" + ".a" * 40_000 + " = 1\n", encoding="utf-8")
        done = finsam(standard_env, "screen", str(tmp_path), "--lang", "en")
        assert done.returncode == 3
        assert "nested deeper than 16 levels" in done.stderr.decode()
        assert str(tmp_path / "b.toml") in done.stdout.decode()


class TestNonRegularFiles:
    """/dev/zero or a FIFO as --policy, --waivers, --association or extends grew without
    bound or hung; now they are refused at once, naming the path (exit 3)."""

    @pytest.fixture
    def fifo(self, tmp_path) -> Path:
        path = tmp_path / "rör.toml"
        os.mkfifo(path)
        return path

    @pytest.mark.parametrize("option", ["--policy", "--waivers", "--association"])
    @pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
    def test_as_an_option_of_screen(self, tmp_path, standard_env, fifo, option, special):
        target = str(fifo) if special == "fifo" else special
        app = write_app(tmp_path / "app.toml")
        done = finsam(standard_env, "screen", str(app), option, target, "--lang", "en", memory=1 << 30)
        assert done.returncode == 3
        kind = "a named pipe (FIFO)" if special == "fifo" else "a device"
        assert f"{target}: this is {kind}, not a regular file" in done.stderr.decode()

    @pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
    def test_as_the_file_a_policy_extends(self, tmp_path, standard_env, fifo, special):
        target = str(fifo) if special == "fifo" else special
        policy = tmp_path / "policy.toml"
        policy.write_text(f'[policy]\nname = "p"\nextends = "{target}"\n', encoding="utf-8")
        done = finsam(standard_env, "policy", "show", str(policy), "--lang", "en", memory=1 << 30)
        assert done.returncode == 3
        assert "not a regular file" in done.stderr.decode()

    def test_a_fifo_given_as_a_document(self, tmp_path, standard_env, fifo):
        done = finsam(standard_env, "screen", str(fifo), "--lang", "en")
        assert done.returncode == 3
        assert "named pipe" in done.stderr.decode()

    def test_a_huge_file_is_refused_by_its_size_without_being_read(self, tmp_path, standard_env):
        """A 3 GB file was read into memory before the size check: here in 1 GiB of
        address space, which reading it would exceed."""
        huge = tmp_path / "huge.toml"
        with huge.open("wb") as handle:
            handle.truncate(3 << 30)
        done = finsam(standard_env, "screen", str(huge), memory=1 << 30)
        assert done.returncode == 3
        assert f"{huge}: filen är 3 221 225 472 byte, större än gränsen" in done.stderr.decode()

    def test_read_toml_reads_at_most_the_limit_plus_one_byte(self, tmp_path, monkeypatch):
        """Even a file whose size says it is small (it grows while being read) is read only
        up to the limit plus one byte, then refused."""
        path = write_app(tmp_path / "growing.toml", VALID_APPLICATION + b"#" * (2 * MAX_FILE_BYTES))
        real_stat = os.stat
        asked: list[int] = []
        real_read = os.read

        def small_stat(p: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            result = real_stat(p, *args, **kwargs)
            if str(p) == str(path):
                fields = list(result)
                fields[6] = 100  # st_size
                return os.stat_result(fields)
            return result

        def counting_read(fd: int, n: int) -> bytes:
            asked.append(n)
            return real_read(fd, n)

        monkeypatch.setattr(os, "stat", small_stat)
        monkeypatch.setattr(os, "read", counting_read)
        with pytest.raises(InputError) as caught:
            read_toml(path)
        assert caught.value.problems[0].code == "too_large"
        assert sum(asked) <= MAX_FILE_BYTES + 1


class TestSkippedPathsAreReported:
    """An unreadable sub-folder, a dangling symlink, a FIFO or a folder named *.toml was
    skipped silently with exit 0."""

    def test_each_kind_is_reported_and_the_exit_code_is_3(self, tmp_path, runner):
        folder = tmp_path / "mapp"
        write_app(folder / "good.toml")
        (folder / "borta.toml").symlink_to(tmp_path / "finns-inte.toml")
        os.mkfifo(folder / "rör.toml")
        (folder / "mapp.toml").mkdir()
        write_app(folder / "mapp.toml" / "inuti.toml")
        result = invoke(runner, "screen", str(folder), "--lang", "en")
        assert result.exit_code == 3
        err = result.stderr
        assert f"{folder / 'borta.toml'}: a symbolic link to something that does not exist" in err
        assert f"{folder / 'rör.toml'}: this is a named pipe (FIFO), not a regular file" in err
        assert f"{folder / 'mapp.toml'}: this is a folder, not a regular file" in err
        assert str(folder / "good.toml") in result.stdout
        assert str(folder / "mapp.toml" / "inuti.toml") in result.stdout  # still walked

    def test_an_unreadable_sub_folder_is_reported(self, tmp_path, monkeypatch):
        """(Simulated: the tests run as root, who can list any folder.)"""
        write_app(tmp_path / "ok.toml")
        locked = tmp_path / "låst"
        locked.mkdir()
        real_scandir = os.scandir

        def scandir(path: Any) -> Any:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
        items = list(iter_paths([tmp_path]))
        assert tmp_path / "ok.toml" in items
        [problem] = [i for i in items if isinstance(i, PathProblem)]
        assert problem.error.lines("en") == [f"{locked}: the folder cannot be read: Permission denied"]

    def test_a_portfolio_reports_its_skipped_paths(self, tmp_path):
        portfolio = tmp_path / "pf"
        copy_portfolio(portfolio)
        (portfolio / "applications" / "trasig.toml").symlink_to(tmp_path / "nowhere.toml")
        loaded = load_portfolio(portfolio)
        assert [e.path for e in loaded.errors] == [portfolio / "applications" / "trasig.toml"]
        assert loaded.errors[0].problems[0].code == "dangling_link"

    def test_a_thousand_nested_folders(self, tmp_path):
        """1 000 nested folders crashed with RecursionError."""
        folders = [tmp_path / "rot"]
        for _ in range(1000):  # one by one: os.makedirs itself recurses
            folders.append(folders[-1] / "d")
        for folder in folders:
            folder.mkdir()
        document = write_app(folders[-1] / "djup.toml")
        try:
            assert [path for path, _ in walk_folder(folders[0])] == [document]
            assert list(iter_paths([folders[0]])) == [document]
        finally:  # and one by one away again (shutil.rmtree recurses too)
            document.unlink()
            for folder in reversed(folders):
                folder.rmdir()

    def test_walking_keeps_the_sorted_order(self, tmp_path):
        for name in ["b/2.toml", "a.toml", "b/1.toml", "a/z.toml", "c.toml", ".dolt.toml"]:
            write_app(tmp_path / name)
        expected = sorted(
            (p for p in tmp_path.rglob("*.toml") if not p.name.startswith(".")), key=lambda p: p.as_posix()
        )
        assert list(iter_paths([tmp_path])) == expected


def copy_portfolio(target: Path) -> Path:
    """The example portfolio without its own policy (which extends a file beside it)."""
    shutil.copytree(EXAMPLE, target)
    (target / "finsam.toml").unlink()
    return target


class TestThePortfolioOfTheGivenPath:
    """A symlinked document was judged under the link target's portfolio."""

    def test_a_linked_document_belongs_to_the_portfolio_it_is_given_in(self, tmp_path, runner):
        ours = copy_portfolio(tmp_path / "vår")
        theirs = copy_portfolio(tmp_path / "deras")
        (ours / "association.toml").write_text('name = "trasig"\norg_number = 1\nmembers = []\n')
        link = ours / "applications" / "länk.toml"
        link.symlink_to(theirs / "applications" / "2016-0012-balder.toml")
        result = invoke(runner, "screen", str(link), "--lang", "en")
        # Judged in our portfolio: our (broken) association is the one reported.
        assert str(ours / "association.toml") in result.stderr
        assert str(theirs / "association.toml") not in result.stderr + result.stdout

    def test_find_portfolio_root_follows_the_path_as_written(self, tmp_path):
        ours = copy_portfolio(tmp_path / "vår")
        theirs = copy_portfolio(tmp_path / "deras")
        link = ours / "applications" / "länk.toml"
        link.symlink_to(theirs / "applications" / "2016-0012-balder.toml")
        assert find_portfolio_root(link) == ours
        assert find_portfolio_root(theirs / "applications" / "2016-0012-balder.toml") == theirs


class TestAssociationYear:
    """An association year outside 1..9999 crashed ``report``; it is refused at load."""

    @pytest.mark.parametrize("year", [0, -1, 10_000, 2**70])
    def test_is_refused_with_a_located_message(self, tmp_path, year):
        portfolio = copy_portfolio(tmp_path / "pf")
        path = portfolio / "association.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^year = \d+$", f"year = {year}", text), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_association(path)
        [problem] = caught.value.problems
        assert problem.path == "$.year"
        assert caught.value.lines("en")[0].startswith(f"{path}: $.year: ")

    def test_report_exits_3_with_the_message(self, tmp_path, runner):
        portfolio = copy_portfolio(tmp_path / "pf")
        path = portfolio / "association.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^year = \d+$", "year = 10000", text), encoding="utf-8")
        result = invoke(runner, "report", str(portfolio), "--lang", "en")
        assert result.exit_code == 3
        assert f"{path}: $.year: expected a year between 1 and 9999, got 10000" in result.stderr


class TestOutputEncodingAndPaths:
    """Non-UTF-8 stdout crashed every command; bad output paths gave exit 4 ("a rule
    crashed")."""

    def test_an_ascii_terminal_gets_escapes_not_a_crash(self, tmp_path, standard_env):
        app = write_app(tmp_path / "ansökan-Härryda.toml")
        done = finsam(standard_env, "screen", str(app), PYTHONIOENCODING="ascii")
        assert done.returncode == 1  # komplettering krävs, as on a UTF-8 terminal
        assert b"ans\\xf6kan-H\\xe4rryda.toml" in done.stdout
        assert b"F\\xf6rslag: KOMPLETTERING KR\\xc4VS" in done.stdout

    def test_latin1_errors_on_stderr_are_escaped_too(self, tmp_path, standard_env):
        missing = tmp_path / "saknas\u2013\u00d6.toml"  # an en dash (not in Latin-1) and Ö
        done = finsam(standard_env, "screen", str(missing), PYTHONIOENCODING="latin-1")
        assert done.returncode == 3
        assert "saknas\\u2013\u00d6.toml: sökvägen finns inte" in done.stderr.decode("latin-1")

    @pytest.mark.parametrize(
        ("name", "code", "message"),
        [
            # refused from the command line before any work (finsam_rules/outputs.py): usage
            ("finns-inte/ut.md", 2, "the folder {folder} does not exist; nothing was written"),
            ("x" * 300 + ".md", 3, "could not be written: File name too long"),
        ],
        ids=["missing-folder", "name-over-255-bytes"],
    )
    def test_a_bad_output_path_is_a_clear_error_never_exit_4(self, tmp_path, runner, name, code, message):
        app = write_app(tmp_path / "app.toml")
        out = tmp_path / name
        result = invoke(runner, "screen", str(app), "-o", str(out), "--lang", "en")
        assert result.exit_code == code
        assert result.stderr == f"{out}: {message.format(folder=out.parent)}\n"

    def test_the_installed_command_too(self, tmp_path, standard_env):
        app = write_app(tmp_path / "app.toml")
        out = tmp_path / ("å" * 200 + ".md")  # 400 bytes in UTF-8
        done = finsam(standard_env, "screen", str(app), "-o", str(out))
        assert done.returncode == 3
        assert f"{out}: kunde inte skrivas: File name too long" in done.stderr.decode()


# == Injection ================================================================================


BACKTICK_NAME = "a``<img src=x onerror=alert(1)>``b.toml"


def code_spans_are_closed(line: str) -> bool:
    """The line is one CommonMark code span: a fence of n backticks at each end and no run
    of exactly n backticks inside."""
    fence = re.match("`+", line)
    if fence is None or not line.endswith(fence.group()):
        return False
    inner = line[len(fence.group()) : len(line) - len(fence.group())]
    return all(len(run) != len(fence.group()) for run in re.findall("`+", inner))


class TestMarkdownCodeSpans:
    def test_a_file_name_with_double_backticks_stays_a_code_span(self, tmp_path, runner):
        path = write_app(tmp_path / BACKTICK_NAME)
        out = invoke(runner, "screen", str(path), "--format", "markdown").stdout
        [line] = [line for line in out.splitlines() if "onerror" in line]
        assert code_spans_are_closed(line), line

    @given(text=st.text(alphabet="`ab <>\n", max_size=40))
    @settings(max_examples=300, deadline=None)
    def test_md_code_is_one_span_for_any_content(self, text):
        span = md_code(text)
        assert code_spans_are_closed(span)
        fence = re.match("`+", span).group()
        inner = span[len(fence) : -len(fence)]
        if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
            inner = inner[1:-1]  # CommonMark strips one space from each side
        assert inner == (one_line(text) or " ")


class TestTerminalEscapes:
    """Screen clears and OSC 52 clipboard writes reached the terminal from policy files,
    waiver files, records and file names."""

    OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
    CLEAR = "\x1b[2J\x1b[H"

    def test_policy_show(self, tmp_path, runner):
        policy = tmp_path / "policy.toml"
        policy.write_text(
            '[policy]\nname = "p\\u001b]52;c;ZWNobw==\\u0007"\nversion = "1\\u001b[2J\\nFP001  avstängd"\n',
            encoding="utf-8",
        )
        result = invoke(runner, "policy", "show", str(policy))
        assert result.exit_code == 0
        assert raw_controls(result.stdout) == []
        assert not any(line.startswith("FP001  avstängd") for line in result.stdout.splitlines())

    def test_waivers_given_to_screen(self, tmp_path, runner):
        waivers = tmp_path / "undantag.toml"
        waivers.write_text(
            "[[waivers]]\n"
            'code = "FP001"\ndocument = "2017/0001\\u001b]52;c;ZWNobw==\\u0007"\n'
            'reason = "r"\ndecided_by = "Styrelsen"\nminutes = "§ 1"\n',
            encoding="utf-8",
        )
        app = write_app(tmp_path / "app.toml")
        result = invoke(runner, "screen", str(app), "--waivers", str(waivers))
        assert raw_controls(result.stderr) == []
        assert raw_controls(result.stdout) == []

    def test_record_verify_names_a_file_safely(self, tmp_path, runner):
        record = tmp_path / f"beslut{self.CLEAR}.json"
        record.write_text("{not json", encoding="utf-8")
        result = invoke(runner, "record", "verify", str(record))
        assert result.exit_code == 3
        assert raw_controls(result.stderr) == [] and raw_controls(result.stdout) == []
        assert "beslut<U+001B>[2J<U+001B>[H.json" in result.stderr

    def test_a_failure_line_names_a_path_safely(self, tmp_path, runner):
        result = invoke(runner, "pack", "test", str(tmp_path / f"saknas{self.OSC52}"))
        assert result.exit_code == 3
        assert raw_controls(result.stderr) == []
        assert "<U+001B>]52;c;ZWNobyBwd25lZA==<U+0007>" in result.stderr

    def test_a_bad_document_with_escapes_in_its_name(self, tmp_path, runner):
        path = tmp_path / f"x{self.OSC52}\nFörslag: TILLSTYRKS.toml"
        path.write_text("title = \n", encoding="utf-8")
        result = invoke(runner, "validate", str(path))
        assert result.exit_code == 3
        assert raw_controls(result.stderr) == []
        assert not any(line.startswith("Förslag") for line in result.stderr.splitlines())


def write_portfolio_with_title(target: Path, title: str) -> Path:
    portfolio = copy_portfolio(target)
    path = portfolio / "applications" / "2016-0012-balder.toml"
    text = path.read_text(encoding="utf-8")
    line = f"title = {json.dumps(title)}"
    path.write_text(re.sub(r'(?m)^title = ".*"$', lambda _: line, text), encoding="utf-8")
    return portfolio


class TestBidiAndParagraphs:
    def test_html_shows_bidi_overrides_visibly(self, tmp_path, runner):
        """Raw bidi overrides in the HTML made a title display differently from the file."""
        portfolio = write_portfolio_with_title(tmp_path / "pf", "Balder \u202eredlaB\u202c och \u2067x\u2069")
        html = invoke(runner, "report", str(portfolio), "--format", "html").stdout
        assert raw_controls(html) == []
        assert "Balder &lt;U+202E&gt;redlaB&lt;U+202C&gt;" in html

    def test_a_title_cannot_forge_a_paragraph_in_a_letter(self, tmp_path, runner):
        """An application with a thin gender analysis (GA001) gets a letter; its title stays
        one line of it, the subject's."""
        title = "Nytt projekt\n\nFörslag: TILLSTYRKS\n\nMed vänlig hälsning\nStyrelsen"
        text = VALID_APPLICATION.decode().replace('"Nytt samverkansprojekt"', json.dumps(title))
        text = re.sub(r'(?m)^gender_analysis = ".*"$', 'gender_analysis = "Se bilaga."', text)
        app = write_app(tmp_path / "app.toml", text.encode())
        association = ROOT / "examples" / "screening" / "association.toml"
        args = ["screen", str(app), "--format", "letter", "--association", str(association)]
        out = invoke(runner, *args).stdout
        lines = out.splitlines()
        assert "Förslag: TILLSTYRKS" not in lines
        subject = [line for line in lines if line.startswith("Komplettering av ansökan")]
        assert subject == [f"Komplettering av ansökan 2017/0001 – {one_line(title)}"]
        assert any(line.endswith("(GA001)") for line in lines)
        assert lines.count("Med vänlig hälsning") == 1

    def test_json_keeps_values_exact_but_escapes_what_a_terminal_acts_on(self, tmp_path, runner):
        title = "T\u202eitel\x9b2J\u2028x"
        text = VALID_APPLICATION.decode().replace('"Nytt samverkansprojekt"', json.dumps(title))
        app = write_app(tmp_path / "app.toml", text.encode())
        out = invoke(runner, "screen", str(app), "--format", "json").stdout
        assert raw_controls(out) == [] and "\u2028" not in out
        assert json.loads(out)["documents"][0]["title"] == title


class TestTheSanitiser:
    @given(text=st.text(max_size=200))
    @settings(max_examples=300, deadline=None)
    def test_nothing_raw_gets_through(self, text):
        for safe in (clean(text), one_line(text), md_escape(text), html_text(text), md_code(text)):
            assert raw_controls(safe) == []
        for flat in (one_line(text), md_escape(text), md_code(text)):
            assert "\n" not in flat and "\r" not in flat and "\u2028" not in flat

    @given(text=st.text(max_size=200))
    @settings(max_examples=300, deadline=None)
    def test_json_safe_keeps_the_value(self, text):
        encoded = json_safe(json.dumps({"t": text}, ensure_ascii=False))
        assert json.loads(encoded) == {"t": text}
        assert raw_controls(encoded) == []

    def test_ordinary_text_is_unchanged(self):
        text = "Ansökan 2016/0012 «Balder» – 1 895 000 kr, 2017-09-01"
        assert clean(text) == one_line(text) == text
        assert html_text(text) == text


# == The fast parser against tomllib ===========================================================


def reference(text: str) -> tuple[str, Any]:
    """What the loader did before: tomllib, then the depth check."""
    from finsam_rules.loading import _depth

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return "toml", str(exc)
    except RecursionError:
        return "too_deep", None
    except ValueError as exc:
        return "toml", str(exc)
    if _depth(data)[0] > MAX_DEPTH:
        return "too_deep", None
    return "ok", data


def outcome(text: str) -> tuple[str, Any]:
    """What the loader does now."""
    try:
        return "ok", parse_toml(Path("x.toml"), text)
    except InputError as exc:
        [problem] = exc.problems
        return problem.code, problem.details.get("detail")


def identical(a: Any, b: Any) -> bool:
    """Equal values of identical types all the way down (dict order, tzinfo, -0.0, nan)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(identical(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(identical, a, b))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, dt.datetime | dt.time):
        return a == b and repr(a) == repr(b) and a.tzinfo == b.tzinfo
    return a == b


def assert_agrees(text: str) -> None:
    old, new = reference(text), outcome(text)
    assert old[0] == new[0], (text, old, new)
    if old[0] == "ok":
        assert identical(old[1], new[1]), text
    else:
        assert old[1] == new[1], (text, old, new)  # the very same message


#: Inputs where TOML parsers are known to differ (from the TOML test suites' invalid and
#: valid cases), and where toml_rs was found to accept what tomllib refuses.
TRICKY = {
    "inline-newline": "a = {\n b = 1\n}\n",
    "inline-trailing-comma": "a = { b = 1, }\n",
    "escape-e": 'a = "\\e"\n',
    "escape-x": 'a = "\\x41"\n',
    "time-without-seconds": "a = 07:32\n",
    "datetime-without-seconds": "a = 1979-05-27T07:32\n",
    "unicode-bare-key": "ä = 1\n",
    "inline-table-extended": "a = {}\n[a.b]\n",
    "nested-key-conflict": (
        'tbl = { fruit = { apple.color = "red" }, fruit.apple.texture = { smooth = true } }\n'
    ),
    "inline-then-dotted": '[product]\ntype = { name = "Nail" }\ntype.edible = false\n',
    "dotted-then-header": '[fruit]\napple.color = "red"\napple.taste.sweet = true\n[fruit.apple.taste]\n',
    "dotted-into-array-of-tables": "[[a.b]]\n[a]\nb.y = 2\n",
    "dotted-deep-into-array-of-tables": "[[a.b]]\n[a]\nb.a.y = 2\n",
    "dotted-into-defined-table": '[a.b.c]\nz = 9\n[a]\nb.c.t = "x"\n',
    "duplicate-key": "a = 1\na = 2\n",
    "duplicate-table": "[a]\n[a]\n",
    "super-table-twice": "[a.b]\n[a]\n[a]\n",
    "array-then-table": "a = []\n[a]\n",
    "static-array-appended": "a = [{}]\n[[a]]\n",
    "int-over-64-bits": "a = 9223372036854775808\n",
    "int-under-64-bits": "a = -9223372036854775809\n",
    "int-4301-digits": "a = " + "9" * 4301 + "\n",
    "int-4300-digits": "a = " + "9" * 4300 + "\n",
    "hex-5000-digits": "a = 0x" + "f" * 5000 + "\n",
    "leading-zero": "a = 01\n",
    "float-leading-dot": "a = .1\n",
    "float-trailing-dot": "a = 1.\n",
    "float-overflow": "a = 1e400\n",
    "float-tiny": "a = 6.626e-34\n",
    "float-negative-zero": "a = -0.0\n",
    "nan-and-inf": "a = [nan, +nan, -nan, inf, -inf]\n",
    "date-feb-29": "a = 2021-02-29\n",
    "time-24": "a = 24:00:00\n",
    "second-60": "a = 1979-05-27T23:59:60Z\n",
    "offset-24": "a = 1979-05-27T00:00:00+24:00\n",
    "offset-23-59": "a = 1979-05-27T00:00:00+23:59\n",
    "datetime-lowercase": "a = 1979-05-27t07:32:00z\n",
    "datetime-space": "a = 1979-05-27 07:32:00\n",
    "nanoseconds": "a = 1979-05-27T07:32:00.123456789Z\n",
    "year-0": "a = 0000-01-01\n",
    "del-in-comment": "a = 1 # \x7f\n",
    "nul-in-comment": "a = 1 # \x00\n",
    "bare-cr": "a = 1\r",
    "crlf": "a = 1\r\nb = 2\r\n",
    "control-in-string": 'a = "\x01"\n',
    "del-in-literal": "a = '\x7f'\n",
    "five-quotes-closing": 'a = """x"""""\n',
    "six-quotes-closing": 'a = """x""""""\n',
    "line-ending-backslash-with-spaces": 'a = """x \\  \n   y"""\n',
    "escape-beyond-unicode": 'a = "\\U00110000"\n',
    "escape-surrogate": 'a = "\\uD800"\n',
    "empty-quoted-key": '"" = 1\n',
    "value-on-next-line": "a =\n1\n",
    "doubled-bom": "\ufeffa = 1\n",
    "bom-in-the-middle": "a = 1\n\ufeffb = 2\n",
    "form-feed": "a = 1\x0c\n",
    "no-final-newline": "a = 1",
    "deep-arrays": "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-inline-tables": "x = " + "{a=" * 2000 + "1" + "}" * 2000 + "\n",
    "many-flat-arrays": "x = [" + ", ".join("[1]" for _ in range(1000)) + "]\n",
}


@pytest.mark.parametrize("text", list(TRICKY.values()), ids=list(TRICKY))
def test_the_fast_parser_agrees_with_tomllib_on_tricky_input(text):
    assert_agrees(text)


def test_a_very_deep_nesting_does_not_crash_the_process():
    """toml_rs overflows its stack on ~10 000 nested arrays (a crash of the whole run, not
    an exception): such files never reach it."""
    for text in ("x = " + "[" * 100_000 + "]" * 100_000, "x = " + "{a=" * 50_000 + "1" + "}" * 50_000):
        assert outcome(text)[0] == "too_deep"


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.toml")), ids=lambda p: p.name)
def test_the_fast_parser_agrees_on_the_hostile_corpus(path):
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before parsing")
    assert_agrees(text)


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_identical_values_on_the_benchmark_documents():
    bench = _bench_module()
    texts = [tomli_w.dumps(bench.association(2016))]
    texts += [tomli_w.dumps(bench.application(i, 2016)) for i in range(60)]
    texts += [tomli_w.dumps(bench.report(i, 2016, i, i % 3)) for i in range(60)]
    for example in sorted(ROOT.glob("examples/**/*.toml")):
        texts.append(example.read_text(encoding="utf-8"))
    for text in texts:
        assert_agrees(text)


def test_every_pair_of_table_statements_agrees():
    """Headers, arrays of tables, dotted keys and inline tables over a few paths, every pair
    in every order: where TOML's rules on defining tables twice are subtle (this found the
    dotted key reaching into an array of tables)."""
    import itertools

    statements = []
    for path in ["a", "b", "a.a", "a.b", "b.a", "a.b.a"]:
        statements += [f"[{path}]", f"[[{path}]]", f"{path} = 1", f"{path} = []", f"{path} = [{{}}]"]
        statements += [f"{path} = {{a = 1}}", f"{path} = {{b.a = 1}}", f"{path} = {{}}"]
    for first, second in itertools.product(statements, repeat=2):
        assert_agrees(f"{first}\n{second}\n")
        assert_agrees(f"[[a.b]]\n[a]\n{first}\n{second}\n")


# -- the fuzz target: documents built from TOML's constructs, then mutated ----------------------

_KEYS = st.sampled_from(["a", "b", "c", "1", "-", "_x", '"a"', "'b'", '"a.b"', '""', "ä", '"\\u00e4"', "a b"])
_PATHS = st.lists(_KEYS, min_size=1, max_size=4).flatmap(
    lambda parts: st.sampled_from([".", " . ", ".\t"]).map(lambda dot: dot.join(parts))
)
_SCALARS = st.sampled_from(
    [
        *["1", "+1", "-0", "0x1F", "0o17", "0b101", "1_000", "9223372036854775807", "99999999999999999999"],
        *["1.5", "-0.0", "1e10", "6.626e-34", "inf", "-inf", "nan", "1e400", "1_0.0_1"],
        *["true", "false", '"x"', "'x'", '"a\\tb"', '"\\u00e4"', '"""m\nl"""', "'''m\nl'''", '""'],
        *["1979-05-27", "07:32:00", "1979-05-27T07:32:00", "1979-05-27T07:32:00Z"],
        *["1979-05-27T07:32:00.999+01:30"],
        *["1979-05-27 07:32:00", "2020-02-29", "00:00:00.5", "1979-05-27T07:32:00-00:00"],
    ]
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(_PATHS, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=6,
)
_STATEMENTS = st.one_of(
    _PATHS.map(lambda p: f"[{p}]"),
    _PATHS.map(lambda p: f"[[{p}]]"),
    st.tuples(_PATHS, _VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.just("# comment"),
    st.just(""),
)
_DOCUMENTS = st.lists(_STATEMENTS, max_size=8).map(lambda lines: "\n".join(lines) + "\n")
_NOISE = st.sampled_from([*"[]{}=,.\"'#\n\t \\_-+:0123456789eEaxZT", '"""', "'''", "\x7f", "\ufeff", "\r"])


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    text = draw(_DOCUMENTS)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        insert = draw(st.booleans())
        text = text[:at] + draw(_NOISE) + text[at:] if insert else text[:at] + text[at + 1 :]
    return text


@given(text=_mutated())
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzz_the_fast_parser_accepts_and_refuses_exactly_as_tomllib(text):
    """Accept and refuse exactly what tomllib does, with identical values and messages."""
    assert_agrees(text)


class TestLazyWalk:
    """A folder is walked lazily (flat memory for any batch) and still in the order of its
    full paths sorted as text, whatever the names: ``a-c/`` before ``a/``, ``a.toml`` before
    ``a/``, a file before the folder it prefixes."""

    def test_the_walk_is_the_sorted_order_of_the_full_paths(self, tmp_path: Path) -> None:
        names = [
            "a/x.toml",
            "a-c/y.toml",
            "a.toml",
            "ab/z.toml",
            "a/b/w.toml",
            "a/b-1.toml",
            "A/q.toml",
            "b.toml",
        ]
        for name in names:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
        walked = [path for path, _ in walk_folder(tmp_path)]
        assert walked == sorted((tmp_path / n for n in names), key=lambda p: p.as_posix())

    def test_the_walk_is_a_generator(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text("x = 1\n", encoding="utf-8")
        walk = walk_folder(tmp_path)
        assert not isinstance(walk, list)
        assert [path for path, _ in walk] == [tmp_path / "a.toml"]
