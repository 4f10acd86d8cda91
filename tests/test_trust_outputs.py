"""No input is ever modified or lost: every output goes through one module.

The reproducers of issue 10 ("Data loss"): ``finsam screen a.toml -o a.toml`` truncated the
input before reading it, and ``finsam report -o`` overwrote an application without a word.
Now an output that is an input, or lies inside a folder the run reads, is refused before
any work (exit 2); ``-o`` onto an existing file finsam did not write needs ``--force`` on
every command; and every file is written to a temporary file and moved into place.

Uses the example portfolio of the association in the shared interim report, copied to a
temporary folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from finsam_rules.cli import main
from finsam_rules.outputs import MANIFEST, OutputError, Outputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mphla-2016"
BALDER = "applications/2016-0012-balder.toml"


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")


@pytest.fixture
def portfolio(tmp_path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "mphla-2016")
    shutil.copytree(ROOT / "examples" / "policy-mphla", tmp_path / "policy-mphla")
    return tmp_path / "mphla-2016"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def refused(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


class TestNeverOntoAnInput:
    def test_screen_a_document_onto_itself_is_refused_and_the_document_kept(self, portfolio):
        """The reproducer: ``finsam screen a.toml -o a.toml`` truncated a.toml."""
        balder = portfolio / BALDER
        before = balder.read_bytes()
        result = invoke("screen", balder, "-o", balder)
        refused(result, "är en av indatafilerna", "inget skrevs")
        assert balder.read_bytes() == before

    def test_force_never_allows_an_input(self, portfolio):
        balder = portfolio / BALDER
        before = balder.read_bytes()
        refused(invoke("screen", balder, "-o", balder, "--force"))
        assert balder.read_bytes() == before

    def test_report_onto_an_application_is_refused(self, portfolio):
        """The reproducer: ``finsam report -o`` overwrote an application without a word."""
        before = tree(portfolio)
        result = invoke("report", portfolio, "-o", portfolio / BALDER, "--force")
        refused(result, "i en mapp som läses in")
        assert tree(portfolio) == before

    @pytest.mark.parametrize("fmt", ["text", "markdown", "json", "letter"])
    def test_no_format_writes_into_the_portfolio_it_reads(self, portfolio, fmt):
        before = tree(portfolio)
        refused(invoke("screen", portfolio, "--format", fmt, "-o", portfolio / "granskning.txt"))
        assert tree(portfolio) == before

    def test_a_document_protects_its_portfolio(self, portfolio):
        """A document named on its own is judged in its portfolio: the portfolio's
        association.toml is an input too."""
        association = portfolio / "association.toml"
        before = association.read_bytes()
        refused(invoke("screen", portfolio / BALDER, "-o", association, "--force"), "läses in")
        assert association.read_bytes() == before

    @pytest.mark.parametrize("option", ["--policy", "--waivers", "--association"])
    def test_an_option_file_is_an_input(self, portfolio, tmp_path, option):
        given = {
            "--policy": tmp_path / "policy-mphla" / "verksamhetsplan-2015-2017.toml",
            "--waivers": portfolio / "undantag.toml",
            "--association": portfolio / "association.toml",
        }[option]
        outside = tmp_path / "kopia" / given.name
        outside.parent.mkdir()
        shutil.copy(given, outside)
        before = outside.read_bytes()
        result = invoke("screen", portfolio / BALDER, option, outside, "-o", outside, "--force")
        refused(result, "är en av indatafilerna")
        assert outside.read_bytes() == before

    def test_what_the_portfolio_policy_extends_is_an_input(self, portfolio, tmp_path):
        plan = tmp_path / "policy-mphla" / "verksamhetsplan-2015-2017.toml"
        before = plan.read_bytes()
        refused(invoke("report", portfolio, "-o", plan, "--force"), "är en av indatafilerna")
        refused(invoke("screen", portfolio / BALDER, "-o", plan, "--force"))
        assert plan.read_bytes() == before

    def test_what_a_portfolio_inside_a_folder_given_extends_is_an_input(self, portfolio, tmp_path):
        """``finsam screen samling/`` reads the portfolios under it, and the policies their
        finsam.toml extends, wherever those lie."""
        samling = tmp_path / "samling"
        samling.mkdir()
        nested = portfolio.rename(samling / "mphla-2016")
        config = nested / "finsam.toml"
        config.write_text(
            config.read_text("utf-8").replace('"../policy-mphla/', '"../../policy-mphla/'), "utf-8"
        )
        plan = tmp_path / "policy-mphla" / "verksamhetsplan-2015-2017.toml"
        before = plan.read_bytes()
        refused(invoke("screen", samling, "-o", plan, "--force"), "är en av indatafilerna")
        assert plan.read_bytes() == before

    def test_a_symbolic_link_to_an_input_is_refused(self, portfolio, tmp_path):
        link = tmp_path / "ansokan.toml"
        link.symlink_to(portfolio / BALDER)
        before = (portfolio / BALDER).read_bytes()
        refused(invoke("screen", portfolio / BALDER, "-o", link, "--force"), "är en av indatafilerna")
        assert (portfolio / BALDER).read_bytes() == before

    def test_a_folder_linked_into_the_portfolio_is_refused(self, portfolio, tmp_path):
        (tmp_path / "genvag").symlink_to(portfolio / "applications")
        refused(invoke("report", portfolio, "-o", tmp_path / "genvag" / "styrelsen.md"), "läses in")

    def test_a_hard_link_to_an_input_is_refused(self, portfolio, tmp_path):
        other = tmp_path / "hardlink.toml"
        os.link(portfolio / BALDER, other)
        refused(invoke("screen", portfolio / BALDER, "-o", other, "--force"), "är en av indatafilerna")

    def test_records_are_never_written_into_the_portfolio(self, portfolio):
        before = tree(portfolio)
        refused(invoke("screen", portfolio, "--record", portfolio / "diariet"), "läses in")
        refused(invoke("report", portfolio, "--record", portfolio / "reports" / "diariet"), "läses in")
        assert tree(portfolio) == before

    def test_output_and_records_never_share_a_place(self, portfolio, tmp_path):
        records = tmp_path / "diariet"
        refused(invoke("report", portfolio, "-o", records, "--record", records), "protokollmappen")
        refused(invoke("screen", portfolio, "-o", records / "2016_0012.json", "--record", records))
        assert not records.exists()

    def test_a_record_folder_that_is_a_file_is_refused(self, portfolio, tmp_path):
        (tmp_path / "diariet").write_text("x", encoding="utf-8")
        refused(invoke("screen", portfolio / BALDER, "--record", tmp_path / "diariet"), "inte en mapp")

    def test_refusals_in_english(self, portfolio):
        result = invoke("screen", portfolio / BALDER, "-o", portfolio / BALDER, "--lang", "en")
        refused(result, "the output file is one of the inputs", "nothing was written")


COMMANDS_WITH_OUTPUT = {
    "screen": lambda pf: ["screen", pf / BALDER],
    "screen --format letter": lambda pf: ["screen", pf / BALDER, "--format", "letter"],
    "report": lambda pf: ["report", pf],
    "report --format html": lambda pf: ["report", pf, "--format", "html"],
    "new": lambda pf: ["new", "application"],
}


class TestForce:
    @pytest.mark.parametrize("command", COMMANDS_WITH_OUTPUT)
    def test_an_existing_file_finsam_did_not_write_needs_force(self, portfolio, tmp_path, command):
        mine = tmp_path / "styrelsen.txt"
        mine.write_text("Mina egna anteckningar inför mötet.\n", encoding="utf-8")
        args = COMMANDS_WITH_OUTPUT[command](portfolio)
        result = invoke(*args, "-o", mine)
        refused(result, "finns redan", "--force")
        assert mine.read_text("utf-8") == "Mina egna anteckningar inför mötet.\n"
        forced = invoke(*args, "-o", mine, "--force")
        assert forced.exit_code in (0, 1), forced.output
        assert mine.read_text("utf-8") != "Mina egna anteckningar inför mötet.\n"

    @pytest.mark.parametrize("command", COMMANDS_WITH_OUTPUT)
    def test_a_file_finsam_wrote_is_written_again_without_force(self, portfolio, tmp_path, command):
        out = tmp_path / "styrelsen.txt"
        args = COMMANDS_WITH_OUTPUT[command](portfolio)
        assert invoke(*args, "-o", out).exit_code in (0, 1)
        again = invoke(*args, "-o", out)
        assert again.exit_code in (0, 1), again.output
        assert out.read_text("utf-8") == invoke(*args).stdout

    @pytest.mark.parametrize(
        "args",
        [
            ["report", "{pf}", "--format", "xlsx"],
            ["report", "{pf}", "--format", "pdf"],
            ["screen", "{doc}", "--format", "pdf"],
        ],
        ids=["report xlsx", "report pdf", "screen pdf"],
    )
    def test_binary_formats_go_through_the_same_module(self, portfolio, tmp_path, args):
        args = [a.format(pf=portfolio, doc=portfolio / BALDER) for a in args]
        before = tree(portfolio)
        refused(invoke(*args, "-o", portfolio / BALDER, "--force"), "inget skrevs")
        assert tree(portfolio) == before
        mine = tmp_path / "styrelsen.bin"
        mine.write_bytes(b"mina anteckningar")
        refused(invoke(*args, "-o", mine), "finns redan")
        assert mine.read_bytes() == b"mina anteckningar"
        assert invoke(*args, "-o", mine, "--force").exit_code in (0, 1)
        assert mine.read_bytes() != b"mina anteckningar"
        assert invoke(*args, "-o", mine).exit_code in (0, 1)  # finsam wrote it: no --force needed
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

    def test_a_file_edited_after_finsam_wrote_it_needs_force(self, portfolio, tmp_path):
        out = tmp_path / "styrelsen.md"
        assert invoke("report", portfolio, "-o", out).exit_code == 0
        out.write_text(out.read_text("utf-8") + "\nOrdförandens kommentar.\n", encoding="utf-8")
        refused(invoke("report", portfolio, "-o", out), "finns redan")
        assert out.read_text("utf-8").endswith("Ordförandens kommentar.\n")

    def test_the_manifest_names_only_what_finsam_wrote(self, portfolio, tmp_path):
        out = tmp_path / "styrelsen.md"
        invoke("report", portfolio, "-o", out)
        manifest = (tmp_path / MANIFEST).read_text("utf-8")
        assert '"styrelsen.md": "' + hashlib.sha256(out.read_bytes()).hexdigest() + '"' in manifest

    def test_a_foreign_file_named_like_the_manifest_is_left_alone(self, portfolio, tmp_path):
        (tmp_path / MANIFEST).write_text("inte finsams\n", encoding="utf-8")
        assert invoke("report", portfolio, "-o", tmp_path / "styrelsen.md").exit_code == 0
        assert (tmp_path / MANIFEST).read_text("utf-8") == "inte finsams\n"
        refused(invoke("report", portfolio, "-o", tmp_path / "styrelsen.md"), "finns redan")

    def test_a_folder_is_never_overwritten(self, portfolio, tmp_path):
        (tmp_path / "styrelsen.md").mkdir()
        refused(invoke("report", portfolio, "-o", tmp_path / "styrelsen.md", "--force"), "inte en vanlig fil")


class TestWrittenWhole:
    def test_output_equals_what_standard_output_shows(self, portfolio, tmp_path):
        out = tmp_path / "granskning.json"
        result = invoke("screen", portfolio, "--format", "json", "-o", out, "--fail-on", "never")
        assert result.exit_code == 0, result.output
        assert out.read_text("utf-8") == invoke("screen", portfolio, "--format", "json").stdout

    def test_dash_is_standard_output(self, portfolio, tmp_path):
        result = invoke("report", portfolio, "-o", "-")
        assert result.stdout == invoke("report", portfolio).stdout
        assert not (Path.cwd() / "-").exists()

    def test_a_failed_run_leaves_the_old_output_and_no_temporary_file(self, tmp_path):
        out = tmp_path / "styrelsen.md"
        outputs = Outputs(force=True)
        outputs.write_text(out, "förra månadens rapport\n")
        with pytest.raises(RuntimeError), outputs.stream(out) as stream:
            stream.write("halva rapporten")
            raise RuntimeError("a rule crashed")
        assert out.read_text("utf-8") == "förra månadens rapport\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "styrelsen.md"]

    def test_a_disk_that_fills_up_mid_output_leaves_the_old_file(self, portfolio, tmp_path):
        """Every write past 2 000 bytes fails (a file size limit, as a full disk): the
        screening is reported as not written, exit 3, and last month's file is intact."""
        import resource
        import subprocess
        import sys

        out = tmp_path / "granskning.txt"
        out.write_text("förra månadens granskning\n", encoding="utf-8")
        finsam = Path(sys.executable).parent / "finsam"

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, resource.RLIM_INFINITY))

        result = subprocess.run(
            [str(finsam), "screen", str(portfolio), "-o", str(out), "--force", "--fail-on", "never"],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=limit,
            env={**os.environ, "FINSAM_RULES_PLUGINS": "finsam-rules"},
        )
        assert result.returncode == 3, result.stderr
        assert f"{out}: kunde inte skrivas" in result.stderr
        assert "Traceback" not in result.stderr
        assert out.read_text("utf-8") == "förra månadens granskning\n"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

    def test_new_files_get_the_usual_permissions(self, portfolio, tmp_path):
        out = tmp_path / "styrelsen.md"
        invoke("report", portfolio, "-o", out)
        umask = os.umask(0)
        os.umask(umask)
        assert out.stat().st_mode & 0o777 == 0o666 & ~umask

    def test_a_missing_folder_is_a_clear_error(self, portfolio, tmp_path):
        refused(invoke("report", portfolio, "-o", tmp_path / "finns-inte" / "styrelsen.md"), "finns inte")

    def test_a_name_too_long_is_a_clear_error_not_a_rule_crash(self, portfolio, tmp_path):
        result = invoke("report", portfolio, "-o", tmp_path / ("å" * 200 + ".md"))
        assert result.exit_code == 3, result.output
        assert "kunde inte skrivas" in result.stderr
        assert "Traceback" not in result.output

    def test_an_output_error_names_the_path(self):
        error = OutputError("exists", 2, path=Path("styrelsen.md"))
        assert error.line("sv").startswith("styrelsen.md: finns redan")
        assert error.line("en").startswith("styrelsen.md: already exists")
