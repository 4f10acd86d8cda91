"""Letters that can be sent: one Word and one PDF file per applicant, as they go out.

What the preparation group sends after screening (``finsam screen --format letter -o DIR``):
to the project owner by name, dated, with the registry numbers and a reply deadline, from the
association (its letterhead from association.toml), asking in plain words for what is
missing and why; a proposal to reject (*avstyrks*) gets a letter with its grounds and their
legal source, and a document that is *tillstyrks* gets none. No letter tells the applicant
to run a command. The letters are read back as an applicant's word processor and PDF reader
see them: with python-docx and with poppler's ``pdftotext``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import docx
import pytest
import tomli_w
from click.testing import CliRunner

from finsam_rules.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, main
from finsam_rules.errors import InputError
from finsam_rules.loading import load_association
from finsam_rules.outputs import MANIFEST, write_atomic
from finsam_rules.render.letter import file_stem, unique_stem

ROOT = Path(__file__).resolve().parent.parent
SCREENING = ROOT / "examples" / "screening"
MPHLA = ROOT / "examples" / "mphla-2016"
ASSOCIATION = "Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås"

#: The letterhead an association adds to its association.toml (every key optional).
LETTERHEAD = {
    "address": "Göteborgsvägen 11",
    "postal_code": "431 30",
    "city": "Mölndal",
    "contact": {"name": "Anna Berg", "email": "anna.berg@example.se", "phone": "031-315 00 00"},
}

#: Words of the Swedish letter template, and of the English one: neither may leak into the other.
SWEDISH_WORDS = [
    "Datum",
    "Diarienummer",
    "Svar senast",
    "Varför",
    "Grund",
    "Med vänlig hälsning",
    "Beredningsgruppen",
    "komplettera",
    "kännedom",
    "senast",
    "Till:",
    "Kontaktperson",
]
ENGLISH_WORDS = [
    "Date",
    "Registry number",
    "Reply by",
    "Why",
    "Grounds",
    "Kind regards",
    "preparation group",
    "Please",
    "complete",
    "Contact",
    "To:",
]


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _tool(name: str) -> str:
    """A poppler tool, or a skip outside CI (CI installs poppler-utils)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; CI installs Debian's poppler-utils package")
        pytest.skip(f"{name} is not installed (Debian's poppler-utils)")
    return found


def pdf_text(path: Path) -> str:
    return subprocess.run(
        [_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def letters_in(folder: Path) -> list[Path]:
    """The letter files in ``folder``, sorted; not the list of the files finsam wrote there
    (``.finsam-written.json``, which lets a rerun replace them)."""
    return sorted(p for p in folder.iterdir() if p.name != MANIFEST)


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture
def screening(tmp_path: Path) -> Path:
    """The screening examples, with the association's letterhead added to association.toml."""
    target = tmp_path / "screening"
    shutil.copytree(SCREENING, target)
    data = tomllib.loads((target / "association.toml").read_text(encoding="utf-8"))
    (target / "association.toml").write_text(tomli_w.dumps({**data, **LETTERHEAD}), encoding="utf-8")
    return target


def verdicts(folder: Path) -> dict[str, str]:
    """Document id -> verdict, as ``finsam screen --format json`` gives them."""
    import json

    result = invoke("screen", str(folder), "--format", "json", "--fail-on", "never")
    return {d["path"]: d["verdict"] for d in json.loads(result.stdout)["documents"]}


class TestOneFilePerApplicant:
    def test_every_document_not_approved_gets_a_word_and_a_pdf_letter(self, screening, tmp_path):
        """Each screening example that is komplettering krävs or avstyrks (19 of 32) gets a letter,
        each as .docx and .pdf, named after the registry number, never in a sub-folder. The
        reports that are godkänns (2) or avvikelse (7) get none: they are complete."""
        out = tmp_path / "brev"
        result = invoke("screen", str(screening), "--format", "letter", "-o", str(out), "--fail-on", "never")
        assert result.exit_code == EXIT_OK
        all_verdicts = verdicts(screening)
        not_approved = [p for p, v in all_verdicts.items() if v in {"komplettering krävs", "avstyrks"}]
        assert len(not_approved) == 19
        complete_reports = [p for p, v in all_verdicts.items() if v in {"godkänns", "avvikelse"}]
        assert len(complete_reports) == 9
        for path in complete_reports:
            assert f"{path}: inget brev (förslag: {all_verdicts[path]})" in result.stderr
        files = [p.name for p in letters_in(out)]
        assert len(files) == 2 * len(not_approved)
        assert all(p.is_file() for p in out.iterdir())  # "2017/0111" made no folder
        assert "2017-0111.docx" in files and "2017-0111.pdf" in files
        # Ten reports of project 2017/0101 ending 2017-08-31 share an id; two are komplettering
        # krävs and get letters, the later one named -2.
        assert {
            "2017-0101-progress-2017-08-31.docx",
            "2017-0101-progress-2017-08-31-2.docx",
        } <= set(files)
        assert "2017-0101-progress-2017-08-31-3.docx" not in files
        # No temporary files left; only the list of the files finsam wrote (so a rerun may replace them).
        assert [name for name in os.listdir(out) if name.startswith(".")] == [MANIFEST]

    def test_approved_documents_get_no_letter_and_are_named_on_standard_error(self, tmp_path):
        """The MPHLA 2016 portfolio has 16 documents, none to complete: its applications are
        tillstyrks, its reports godkänns or avvikelse. No letter, one line each."""
        out = tmp_path / "brev"
        result = invoke("screen", str(MPHLA), "--format", "letter", "-o", str(out))
        assert result.exit_code == EXIT_OK
        assert list(out.iterdir()) == []
        lines = result.stderr.splitlines()
        assert len(lines) == 16
        said = {line.rsplit(": inget brev (förslag: ", 1)[-1] for line in lines}
        assert said == {"tillstyrks)", "godkänns)", "avvikelse)"}
        applications = [line for line in lines if "/applications/" in line]
        assert applications
        assert all(line.endswith(": inget brev (förslag: tillstyrks)") for line in applications)

    def test_only_word_or_only_pdf(self, screening, tmp_path):
        target = str(screening / "applications" / "ga001-tunn-analys.toml")
        invoke("screen", target, "--format", "letter", "-o", str(tmp_path / "w"), "--letter-format", "docx")
        invoke("screen", target, "--format", "letter", "-o", str(tmp_path / "p"), "--letter-format", "pdf")
        assert [p.name for p in letters_in(tmp_path / "w")] == ["2017-0111.docx"]
        assert [p.name for p in letters_in(tmp_path / "p")] == ["2017-0111.pdf"]

    def test_output_that_is_a_file_is_refused(self, tmp_path):
        """Refused from the command line before any work, like every output: a usage error."""
        existing = tmp_path / "brev.docx"
        existing.write_text("keep me", encoding="utf-8")
        result = invoke("screen", str(SCREENING), "--format", "letter", "-o", str(existing))
        assert result.exit_code == EXIT_USAGE
        assert "är en fil; med --format letter är -o en mapp" in result.stderr
        assert existing.read_text(encoding="utf-8") == "keep me"


class TestCompletionLetter:
    @pytest.fixture
    def letter(self, screening, tmp_path) -> Path:
        out = tmp_path / "brev"
        invoke(
            "screen",
            str(screening / "applications" / "ga001-tunn-analys.toml"),
            "--format",
            "letter",
            "-o",
            str(out),
            "--date",
            "2017-03-01",
            "--dnr",
            "SF 2017/12",
        )
        return out / "2017-0111"

    def test_the_word_letter_has_sender_recipient_date_numbers_and_deadline(self, letter):
        text = paragraphs(letter.with_suffix(".docx"))
        assert text[:7] == [
            ASSOCIATION,
            "Göteborgsvägen 11",
            "431 30 Mölndal",
            "Org.nr 222000-2071",
            "Kontaktperson: Anna Berg",
            "E-post: anna.berg@example.se",
            "Telefon: 031-315 00 00",
        ]
        assert "Till: Lerums kommun" in text
        assert "Datum: 2017-03-01" in text
        assert "Diarienummer: 2017/0111" in text
        assert "Förbundets dnr: SF 2017/12" in text
        assert "Svar senast: 2017-03-31" in text  # 30 days after the letter's date
        assert (
            "Komplettering av ansökan 2017/0111 – Arbetsplatsnära rehabilitering i Lerum och Alingsås" in text
        )

    def test_each_point_says_what_to_complete_and_why(self, letter):
        text = paragraphs(letter.with_suffix(".docx"))
        points = [p for p in text if p[:2] in ("1.", "2.", "3.")]
        assert points and points[0].startswith("1.\tJämställdhetsanalysen")
        assert points[0].endswith("(GA001)")  # the code in parentheses, no rule internals
        reason = text[text.index(points[0]) + 1]
        assert reason.startswith("Varför: ")
        assert any("Vi ber er komplettera följande senast 2017-03-31:" in p for p in text)
        assert "Hör gärna av er till Anna Berg om något är oklart." in " ".join(text)
        assert text[-3:] == ["Med vänlig hälsning", "Anna Berg", f"Beredningsgruppen, {ASSOCIATION}"]

    def test_no_letter_names_a_command_or_a_file(self, screening, tmp_path):
        out = tmp_path / "brev"
        invoke("screen", str(screening), "--format", "letter", "-o", str(out), "--letter-format", "docx")
        for path in letters_in(out):
            body = "\n".join(paragraphs(path))
            for word in ("finsam", "`", ".toml", "--", "regel som ni kan läsa"):
                assert word not in body, (path.name, word)

    def test_the_pdf_says_the_same(self, letter):
        text = pdf_text(letter.with_suffix(".pdf"))
        flat = " ".join(text.split())
        for expected in (
            "Till: Lerums kommun",
            "Datum 2017-03-01",
            "Diarienummer 2017/0111",
            "Förbundets dnr SF 2017/12",
            "Svar senast 2017-03-31",
            "Göteborgsvägen 11",
            "431 30 Mölndal",
            "1. Jämställdhetsanalysen",
            "(GA001)",
            "Varför:",
            "sida 1 av 1",
        ):
            assert expected in flat, expected
        info = subprocess.run(
            [_tool("pdfinfo"), str(letter.with_suffix(".pdf"))], capture_output=True, check=True, text=True
        ).stdout
        assert "Title:           Komplettering av ansökan 2017/0111" in info
        assert f"Author:          {ASSOCIATION}" in info
        assert "Tagged:          yes" in info

    def test_reply_deadline_from_a_date_or_a_number_of_days(self, screening, tmp_path):
        target = str(screening / "applications" / "ga001-tunn-analys.toml")
        by = invoke(
            "screen", target, "--format", "letter", "--date", "2017-03-01", "--reply-by", "2017-03-20"
        )
        days = invoke("screen", target, "--format", "letter", "--date", "2017-03-01", "--reply-days", "14")
        assert "Svar senast: 2017-03-20" in by.stdout
        assert "Svar senast: 2017-03-15" in days.stdout

    def test_a_deadline_before_the_date_is_refused(self, screening):
        result = invoke(
            "screen",
            str(screening / "applications" / "ga001-tunn-analys.toml"),
            "--format",
            "letter",
            "--date",
            "2017-03-01",
            "--reply-by",
            "2017-02-01",
        )
        assert result.exit_code == 2
        assert "--reply-by 2017-02-01 ligger före brevets datum 2017-03-01." in result.stderr

    def test_the_date_defaults_to_the_documents_as_of_date_never_the_clock(self, screening):
        """Application 2017/0111 was submitted 2016-10-03... its as-of date is the letter's date."""
        result = invoke(
            "screen",
            str(screening / "applications" / "ga001-tunn-analys.toml"),
            "--format",
            "letter",
            "--as-of",
            "2017-02-15",
        )
        assert "Datum: 2017-02-15" in result.stdout
        assert "Svar senast: 2017-03-17" in result.stdout

    def test_a_report_letter_goes_to_the_owner_of_its_project(self, screening, tmp_path):
        out = tmp_path / "brev"
        invoke(
            "screen",
            str(screening / "applications" / "ok-arbetstraning-med-stod.toml"),
            str(screening / "reports" / "bu002-tabell-gar-inte-ihop.toml"),
            "--format",
            "letter",
            "-o",
            str(out),
            "--letter-format",
            "docx",
        )
        text = paragraphs(out / "2017-0101-progress-2017-08-31.docx")
        assert "Till: Lerums kommun" in text
        assert "Projektets diarienummer: 2017/0101" in text
        assert "Komplettering av rapport 2017/0101/progress/2017-08-31" in text

    def test_the_balder_application_without_its_gender_analysis(self, tmp_path):
        """Balder (2016/0012, Mölndals stad) with its gender analysis taken out: komplettering
        krävs, and the letter goes to Mölndals stad."""
        portfolio = tmp_path / "mphla-2016"
        shutil.copytree(MPHLA, portfolio)
        shutil.copytree(
            MPHLA.parent / "policy-mphla", tmp_path / "policy-mphla"
        )  # its finsam.toml extends it
        path = portfolio / "applications" / "2016-0012-balder.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        del data["gender_analysis"]
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        out = tmp_path / "brev"
        invoke("screen", str(path), "--format", "letter", "-o", str(out), "--date", "2015-11-02")
        assert [p.name for p in letters_in(out)] == ["2016-0012.docx", "2016-0012.pdf"]
        text = paragraphs(out / "2016-0012.docx")
        assert "Till: Mölndals stad" in text
        assert "Svar senast: 2015-12-02" in text
        point = next(p for p in text if p.startswith("1.\t"))
        assert point.startswith("1.\tJämställdhetsanalys saknas") and point.endswith("(GA001)")
        assert any("snedfördelning som 53 kvinnor och 10 män" in p for p in text)

    def test_no_letter_when_only_the_screening_itself_fell_short(self, tmp_path):
        """Outside its portfolio and without --association, 2017/0101 cannot be judged on its
        parties: that is for the preparation group to put right, not for the applicant."""
        lone = tmp_path / "ansokan.toml"
        shutil.copy(SCREENING / "applications" / "ok-arbetstraning-med-stod.toml", lone)
        out = tmp_path / "brev"
        result = invoke("screen", str(lone), "--format", "letter", "-o", str(out))
        assert list(out.iterdir()) == []
        assert "förbundets uppgifter (association.toml) saknas" in result.stderr
        assert f"{lone}: inget brev: det som saknas gäller granskningen, inte dokumentet" in result.stderr
        with_association = invoke(
            "screen",
            str(lone),
            "--format",
            "letter",
            "-o",
            str(out),
            "--association",
            str(SCREENING / "association.toml"),
        )
        assert with_association.stderr == f"{lone}: inget brev (förslag: tillstyrks)\n"


class TestRejectionLetter:
    def test_avstyrks_gets_a_letter_with_the_grounds_and_their_legal_source(self, screening, tmp_path):
        """2017/0107 names a private company as owner: PA001, a blocker under the law."""
        out = tmp_path / "brev"
        invoke(
            "screen",
            str(screening / "applications" / "pa001-privat-agare.toml"),
            "--format",
            "letter",
            "-o",
            str(out),
            "--date",
            "2016-11-01",
        )
        text = paragraphs(out / "2017-0107.docx")
        assert (
            "Beredningsgruppens förslag om ansökan 2017/0107 – Hälsocoachning i grupp – "
            "Friskvårdsbolaget Väst AB" in text
        )
        body = " ".join(text)
        assert "föreslår att styrelsen avslår ansökan. Beslutet fattas av styrelsen." in body
        point = next(p for p in text if p.startswith("1.\t"))
        assert "friskvardsbolaget" in point and point.endswith("(PA001)")
        assert "Grund: Lagstiftning, Lag (2003:1210) 1-4 §§" in text
        assert "Svar senast: 2016-12-01" in text
        assert "senast 2016-12-01" in body  # comments before the board decides
        flat = " ".join(pdf_text(out / "2017-0107.pdf").split())
        assert "Grund: Lagstiftning, Lag (2003:1210) 1-4 §§" in flat

    def test_the_grounds_in_english(self, screening):
        result = invoke(
            "screen",
            str(screening / "applications" / "pa002-bara-kommuner.toml"),
            "--format",
            "letter",
            "--lang",
            "en",
        )
        assert "proposes that the board reject it. The decision is the board's." in result.stdout
        assert "   Grounds: Legislation, Lag (2003:1210)" in result.stdout


class TestLanguages:
    def test_english_letters_have_no_swedish_words_and_swedish_no_english(self, screening, tmp_path):
        for lang, foreign in (("en", SWEDISH_WORDS), ("sv", ENGLISH_WORDS)):
            out = tmp_path / lang
            invoke(
                "screen",
                str(screening / "applications"),
                "--format",
                "letter",
                "-o",
                str(out),
                "--lang",
                lang,
                "--letter-format",
                "docx",
            )
            letters = letters_in(out)
            assert len(letters) == 16
            for path in letters:
                # What the association and the applicant wrote stays as they wrote it.
                template = [p for p in paragraphs(path) if not p.startswith((ASSOCIATION, "Göteborgsvägen"))]
                body = "\n".join(template)
                for word in foreign:
                    assert word not in body.replace(ASSOCIATION, ""), (lang, path.name, word)

    def test_the_english_letter_reads_as_one(self, screening, tmp_path):
        out = tmp_path / "en"
        invoke(
            "screen",
            str(screening / "applications" / "ga001-tunn-analys.toml"),
            "--format",
            "letter",
            "-o",
            str(out),
            "--lang",
            "en",
            "--date",
            "2017-03-01",
        )
        text = paragraphs(out / "2017-0111.docx")
        assert "To: Lerums kommun" in text and "Date: 2017-03-01" in text and "Reply by: 2017-03-31" in text
        assert "Please complete the following by 2017-03-31:" in " ".join(text)
        assert text[-3] == "Kind regards"
        assert "page 1 of 1" in pdf_text(out / "2017-0111.pdf")


class TestDeterminism:
    def test_the_same_inputs_give_byte_identical_files(self, screening, tmp_path):
        args = ["screen", str(screening / "applications"), "--format", "letter", "--dnr", "SF 2017/12"]
        invoke(*args, "-o", str(tmp_path / "a"))
        invoke(*args, "-o", str(tmp_path / "b"))
        names = sorted(p.name for p in (tmp_path / "a").iterdir())
        assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
        assert len([name for name in names if name != MANIFEST]) == 2 * 16  # the manifest is compared too
        for name in names:
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name

    def test_the_word_file_carries_no_clock_time(self, screening, tmp_path):
        out = tmp_path / "brev"
        invoke(
            "screen",
            str(screening / "applications" / "ga001-tunn-analys.toml"),
            "--format",
            "letter",
            "-o",
            str(out),
            "--date",
            "2017-03-01",
            "--letter-format",
            "docx",
        )
        path = out / "2017-0111.docx"
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = docx.Document(str(path)).core_properties
        assert core.created.isoformat() == core.modified.isoformat() == "2017-03-01T00:00:00+00:00"
        assert core.last_printed.isoformat() == "2017-03-01T00:00:00+00:00"
        assert core.author == ASSOCIATION and core.language == "sv-SE"


class TestHostileInput:
    TITLE = "Bra projekt\n\n1. Falsk punkt\x07\r\nMed vänlig hälsning\u202eKansliet\ufffe"

    @pytest.fixture
    def hostile(self, screening) -> Path:
        path = screening / "applications" / "ga001-tunn-analys.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data["title"] = self.TITLE
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        return path

    def test_a_title_cannot_forge_paragraphs(self, hostile, tmp_path):
        out = tmp_path / "brev"
        result = invoke("screen", str(hostile), "--format", "letter", "-o", str(out), "--fail-on", "never")
        assert result.exit_code == EXIT_OK
        text = paragraphs(out / "2017-0111.docx")
        subject = [p for p in text if p.startswith("Komplettering av ansökan")]
        assert subject == [
            "Komplettering av ansökan 2017/0111 – Bra projekt 1. Falsk punkt<U+0007> "
            "Med vänlig hälsning<U+202E>Kansliet<U+FFFE>"
        ]
        assert not any(p.startswith(("1. Falsk", "Falsk", "Med vänlig hälsning<U+202E>")) for p in text)
        assert text.count("Med vänlig hälsning") == 1
        pdf_lines = [line.strip() for line in pdf_text(out / "2017-0111.pdf").splitlines()]
        assert not any(line.startswith("1. Falsk") for line in pdf_lines)

    def test_nor_lines_of_the_plain_text_letter(self, hostile):
        result = invoke("screen", str(hostile), "--format", "letter")
        lines = result.stdout.splitlines()
        assert not any(line.startswith(("1. Falsk", "Med vänlig hälsning<U+202E>")) for line in lines)
        assert "\x07" not in result.stdout and "\u202e" not in result.stdout


class TestFileNames:
    def test_registry_numbers_become_safe_names(self):
        assert file_stem("2016/0012") == "2016-0012"
        assert file_stem("2017/0101/progress/2017-08-31") == "2017-0101-progress-2017-08-31"
        assert file_stem("../../etc/passwd") == "etc-passwd"
        assert file_stem("..") == "brev"
        assert file_stem("Dnr 2016:12 \\ å") == "Dnr-2016-12"

    def test_collisions_are_numbered_in_order_ignoring_case(self):
        used: set[str] = set()
        assert [unique_stem(s, used) for s in ("2016-0012", "2016-0012", "2016-0012", "ABC", "abc")] == [
            "2016-0012",
            "2016-0012-2",
            "2016-0012-3",
            "ABC",
            "abc-2",
        ]

    def test_files_are_written_whole_or_not_at_all(self, tmp_path):
        target = tmp_path / "brev.docx"
        target.write_bytes(b"old")
        write_atomic(target, b"new letter")
        assert target.read_bytes() == b"new letter"
        assert [p.name for p in tmp_path.iterdir()] == ["brev.docx"]
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, not mkstemp's 0600


class TestLetterFilesAreOutputs:
    """Letter files are written like every output of finsam (finsam_rules/outputs.py)."""

    GA001 = ("applications", "ga001-tunn-analys.toml")

    def test_a_rerun_replaces_the_letters_finsam_wrote(self, screening, tmp_path):
        out, target = tmp_path / "brev", str(screening.joinpath(*self.GA001))
        invoke("screen", target, "--format", "letter", "-o", str(out), "--date", "2017-03-01")
        again = invoke("screen", target, "--format", "letter", "-o", str(out), "--date", "2017-03-02")
        assert again.exit_code == EXIT_FINDINGS, again.stderr  # GA001 is an error; nothing refused
        assert "Datum: 2017-03-02" in paragraphs(out / "2017-0111.docx")
        assert "Datum 2017-03-02" in " ".join(pdf_text(out / "2017-0111.pdf").split())

    def test_a_file_finsam_did_not_write_is_kept_and_the_batch_goes_on(self, screening, tmp_path):
        out = tmp_path / "brev"
        out.mkdir()
        (out / "2017-0111.docx").write_bytes(b"the applicant's own reply")
        result = invoke("screen", str(screening / "applications"), "--format", "letter", "-o", str(out))
        assert result.exit_code == EXIT_UNREADABLE
        assert (out / "2017-0111.docx").read_bytes() == b"the applicant's own reply"
        assert f"{out / '2017-0111.docx'}: finns redan och skrevs inte av finsam" in result.stderr
        assert (out / "2017-0111.pdf").is_file() and len(letters_in(out)) == 2 * 16
        args = ["screen", str(screening / "applications"), "--format", "letter", "-o", str(out)]
        forced = invoke(*args, "--force")
        assert forced.exit_code == EXIT_FINDINGS
        assert (out / "2017-0111.docx").read_bytes().startswith(b"PK")  # a Word file now

    def test_never_into_a_folder_that_is_read(self, screening):
        inside = screening / "brev"
        result = invoke("screen", str(screening), "--format", "letter", "-o", str(inside))
        assert result.exit_code == EXIT_USAGE
        assert "utdata får inte skrivas i en mapp som läses in" in result.stderr
        assert not inside.exists()

    def test_without_pango_a_pdf_letter_is_the_machines_failure_not_a_rules(
        self, screening, tmp_path, monkeypatch
    ):
        import sys

        from finsam_rules.cli import EXIT_CRASH, EXIT_INTERNAL

        monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without pango
        out = tmp_path / "brev"
        target = str(screening.joinpath(*self.GA001))
        result = invoke("screen", target, "--format", "letter", "-o", str(out), "--letter-format", "pdf")
        assert result.exit_code == EXIT_INTERNAL != EXIT_CRASH
        assert "libpango-1.0-0" in result.stderr and "Traceback" not in result.output
        assert letters_in(out) == []


def test_no_rule_gives_a_letter_a_reason_that_names_a_command():
    """A letter quotes each rule's "why" to the applicant, who has no command to run."""
    from finsam_rules.plugins import build_registry

    for rule in build_registry().rules.values():
        for lang, explanation in rule.explanation.items():
            assert "finsam" not in explanation.why and "`" not in explanation.why, (rule.code, lang)


class TestLetterhead:
    def write(self, tmp_path: Path, **keys: object) -> Path:
        data = tomllib.loads((SCREENING / "association.toml").read_text(encoding="utf-8"))
        path = tmp_path / "association.toml"
        path.write_text(tomli_w.dumps({**data, **keys}), encoding="utf-8")
        return path

    def problems(self, path: Path, lang: str = "sv") -> list[str]:
        with pytest.raises(InputError) as caught:
            load_association(path)
        return caught.value.lines(lang)

    def test_every_letterhead_key_is_optional(self, tmp_path):
        association = load_association(self.write(tmp_path))
        assert (association.address, association.postal_code, association.city, association.contact) == (
            "",
            "",
            "",
            None,
        )
        full = load_association(self.write(tmp_path, **LETTERHEAD))
        assert full.contact is not None and full.contact.email == "anna.berg@example.se"

    @pytest.mark.parametrize(
        ("keys", "where", "expected"),
        [
            ({"postal_code": "4313"}, "$.postal_code", "förväntade ett postnummer NNN NN, fick '4313'"),
            ({"address": "Rad ett\nRad två"}, "$.address", "förväntade en enda rad text"),
            ({"city": 431}, "$.city", "förväntade en text, fick"),
            ({"contact": {"email": "a@b.se"}}, "$.contact.name", "obligatorisk nyckel saknas"),
            (
                {"contact": {"name": "Anna", "email": "anna.example.se"}},
                "$.contact.email",
                "förväntade en e-postadress som namn@exempel.se",
            ),
            (
                {"contact": {"name": "Anna", "phone": "ring mig"}},
                "$.contact.phone",
                "förväntade ett telefonnummer",
            ),
            ({"contact": {"name": "Anna", "mail": "a@b.se"}}, "$.contact.mail", "okänd nyckel"),
            ({"contact": "Anna Berg"}, "$.contact", "förväntade en tabell"),
        ],
    )
    def test_a_bad_letterhead_is_named_by_its_key(self, tmp_path, keys, where, expected):
        path = self.write(tmp_path, **keys)
        lines = self.problems(path)
        assert len(lines) == 1
        assert lines[0].startswith(f"{path}: {where}: ") and expected in lines[0]

    def test_in_english_too(self, tmp_path):
        path = self.write(tmp_path, postal_code="ABC 12")
        assert self.problems(path, "en") == [
            f"{path}: $.postal_code: expected a postal code NNN NN, got 'ABC 12'"
        ]


class TestPlainTextLetters:
    def test_o_with_txt_writes_the_text_letters_to_one_file(self, screening, tmp_path):
        target = tmp_path / "kompletteringsbrev.txt"
        result = invoke(
            "screen",
            str(screening / "applications" / "ga001-tunn-analys.toml"),
            "--format",
            "letter",
            "-o",
            str(target),
            "--date",
            "2017-03-01",
        )
        assert result.exit_code == EXIT_FINDINGS and target.is_file()  # GA001 is an error
        assert "\nSvar senast: 2017-03-31\n" in target.read_text(encoding="utf-8")

    def test_one_letter_per_document_separated_with_the_same_lines(self, screening):
        result = invoke(
            "screen",
            str(screening / "applications"),
            "--format",
            "letter",
            "--date",
            "2017-03-01",
            "--fail-on",
            "never",
        )
        letters = result.stdout.split("\n" + "-" * 72 + "\n\n")
        assert len(letters) == 16
        for letter in letters:
            assert letter.startswith(ASSOCIATION + "\nGöteborgsvägen 11\n431 30 Mölndal\n")
            assert "\nDatum: 2017-03-01\n" in letter and "\nSvar senast: 2017-03-31\n" in letter
            assert "\nTill: " in letter and "\nDiarienummer: 2017/01" in letter
            assert "finsam" not in letter and "`" not in letter


def test_the_letter_options_and_letterhead_keys_are_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "anvandarguide.md").read_text(encoding="utf-8")
    for text in (readme, guide):
        for word in (
            "--letter-format",
            "--date",
            "--reply-by",
            "--reply-days",
            "--dnr",
            "postal_code",
            "contact = { name",
        ):
            assert word in text, word


def test_libreoffice_writer_opens_the_word_letter(screening, tmp_path):
    """A word processor other than python-docx reads the letter line for line: LibreOffice
    headless converts it to text. (CI installs LibreOffice Calc only; without Writer's
    filters this test is skipped.)"""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "brev"
    invoke(
        "screen",
        str(screening / "applications" / "pa001-privat-agare.toml"),
        "--format",
        "letter",
        "-o",
        str(out),
        "--letter-format",
        "docx",
        "--date",
        "2016-11-01",
    )
    profile = tmp_path / "profile"
    env = dict(os.environ, LC_ALL="C.UTF-8", HOME=str(tmp_path))
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path / "txt"),
            str(out / "2017-0107.docx"),
        ],
        capture_output=True,
        env=env,
        timeout=240,
        check=False,
    )
    converted = tmp_path / "txt" / "2017-0107.txt"
    if not converted.is_file():
        pytest.skip(f"LibreOffice cannot convert Word files here (no Writer): {result.stderr[-200:]!r}")
    lines = converted.read_text(encoding="utf-8-sig").splitlines()
    assert lines[:2] == [ASSOCIATION, "Göteborgsvägen 11"]
    for expected in (
        "Till: friskvardsbolaget",
        "Datum: 2016-11-01",
        "Diarienummer: 2017/0107",
        "Svar senast: 2016-12-01",
        "Grund: Lagstiftning, Lag (2003:1210) 1-4 §§",
        "Med vänlig hälsning",
    ):
        assert expected in lines, expected
