"""The board pack as PDF: ``finsam report --format pdf`` and ``finsam screen --format pdf``.

The board of Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås gets its report of
2016 (the shipped ``examples/mphla-2016`` portfolio, from the interim report January-August
2016) as an attachment to the meeting notice. The PDF is read back the way a board member's
reader sees it, through Debian's poppler (``pdfinfo``, ``pdftotext``, ``pdffonts``,
``pdfimages``): A4 pages, a cover with the association, the year, the meeting date and the
registry number, a table of contents whose page numbers are right, "sida X av Y" on every
page, searchable text with å, ä and ö, embedded fonts, charts as vectors, tagged, and the same
bytes for the same inputs whatever the clock, the time zone or SOURCE_DATE_EPOCH say.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import EXIT_CRASH, EXIT_INTERNAL, EXIT_OK, main

REPO = Path(__file__).resolve().parent.parent
MPHLA = REPO / "examples" / "mphla-2016"
SCREENING = REPO / "examples" / "screening"
NAME = "Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås"


def _tool(name: str) -> str:
    """A poppler tool, or a skip (a failure in CI, which installs poppler-utils)."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; CI installs Debian's poppler-utils package")
        pytest.skip(f"{name} is not installed (Debian's poppler-utils)")
    return found


def _weasyprint() -> None:
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"WeasyPrint cannot load ({exc}); CI installs Debian's pango")
        pytest.skip(f"WeasyPrint cannot load: {exc}")


def poppler(tool: str, *args: str | Path) -> str:
    """The text a poppler tool prints."""
    done = subprocess.run(
        [_tool(tool), *map(str, args)], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def page_text(pdf: Path, page: int) -> str:
    """The text of one page, whitespace collapsed."""
    return " ".join(poppler("pdftotext", "-f", str(page), "-l", str(page), pdf, "-").split())


def info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    out = {}
    for line in poppler("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def write_pdf(runner: CliRunner, out: Path, *args: str, command: str = "report") -> Path:
    """Run ``finsam report|screen ... --format pdf -o out``."""
    _weasyprint()
    target = [str(MPHLA)] if command == "report" else [str(SCREENING), "--fail-on", "never"]
    result = runner.invoke(main, [command, *target, "--format", "pdf", "-o", str(out), *args])
    assert result.exit_code == EXIT_OK, (result.output, result.exception)
    return out


@pytest.fixture(scope="module")
def module_runner() -> CliRunner:
    return CliRunner(env={"FINSAM_RULES_PLUGINS": "finsam-rules"})


@pytest.fixture(scope="module")
def board_pdf(module_runner, tmp_path_factory) -> Path:
    """The board report of 2016 for the meeting of 20 October 2016, dnr 2016/123."""
    out = tmp_path_factory.mktemp("pdf") / "styrelserapport-2016.pdf"
    return write_pdf(module_runner, out, "--meeting", "2016-10-20", "--dnr", "2016/123")


@pytest.fixture(scope="module")
def board_html(module_runner) -> str:
    result = module_runner.invoke(main, ["report", str(MPHLA), "--format", "html"])
    assert result.exit_code == EXIT_OK
    return result.stdout


def _headings(page: str) -> list[str]:
    """The plain text of the HTML report's section headings (its <h2>s), in order."""
    import html

    found = re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.DOTALL)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", x)).split()) for x in found]


def test_the_pdf_is_a4_tagged_and_titled(board_pdf):
    fields = info(board_pdf)
    assert fields["Page size"].endswith("(A4)")
    assert fields["Tagged"] == "yes"  # structure tags: readers and screen readers follow the text
    assert fields["Title"] == f"Styrelserapport 2016 – {NAME}"
    assert fields["Author"] == NAME
    # No date from the clock: the same inputs give the same file.
    assert "CreationDate" not in fields
    assert "ModDate" not in fields
    assert int(fields["Pages"]) >= 5


def test_the_cover_names_association_year_meeting_and_registry_number(board_pdf):
    cover = page_text(board_pdf, 1)
    assert "Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås" in cover
    assert "STYRELSERAPPORT 2016" in cover  # the kicker is set in capitals
    assert "Verksamhetsåret 2016" in cover
    assert "Styrelsemöte 2016-10-20" in cover
    assert "Dnr 2016/123" in cover
    assert "Organisationsnummer 222000-2071" in cover
    pages = int(info(board_pdf)["Pages"])
    assert f"sida 1 av {pages}" in cover


def test_every_page_is_numbered_sida_x_av_y_with_a_running_head(board_pdf):
    pages = int(info(board_pdf)["Pages"])
    for number in range(1, pages + 1):
        text = page_text(board_pdf, number)
        assert f"sida {number} av {pages}" in text
        if number > 1:
            assert f"{NAME} · Styrelserapport 2016 · Dnr 2016/123" in text


def test_the_contents_list_every_heading_with_its_true_page(board_pdf, board_html):
    headings = _headings(board_html)
    assert "Ansökningar" in " ".join(headings)
    contents = poppler("pdftotext", "-f", "2", "-l", "2", board_pdf, "-")
    assert "Innehåll" in contents
    entries = []
    for line in contents.splitlines():
        match = re.match(r"^(.+?)[ .]*\.{3,}[ .]*(\d+)$", line.strip())
        if match:
            entries.append((" ".join(match[1].split()), int(match[2])))
    assert [title for title, _ in entries] == headings
    pages = [page for _, page in entries]
    assert pages == sorted(pages) and pages[0] >= 3  # after the cover and the contents
    for title, page in entries:
        # The heading is on the page the contents point to (its number may be set apart).
        assert title.split()[-1] in page_text(board_pdf, page), (title, page)


def test_the_text_is_searchable_with_swedish_letters_and_embedded_fonts(board_pdf, board_html):
    text = " ".join(poppler("pdftotext", board_pdf, "-").split())
    for heading in _headings(board_html):
        assert heading.split(" ", 1)[-1] in text
    assert "Individsamverkansteam" in text
    assert "16 692 000 kr" in text  # the year's contributions, in Swedish format
    fonts = poppler("pdffonts", board_pdf).splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for row in fonts:
        # name, type..., emb, sub, uni: every font embedded (as a subset) with a Unicode map
        columns = row.split()
        assert columns[-5:-2] == ["yes", "yes", "yes"], row
        assert "Liberation-Sans" in columns[0] or "DejaVu-Sans" in columns[0], (
            row
        )  # named, not left to chance


def test_charts_are_vectors_not_images(board_pdf, board_html):
    assert "<svg" in board_html  # the HTML report has its charts as inline SVG ...
    images = poppler("pdfimages", "-list", board_pdf).splitlines()[2:]
    assert images == []  # ... and the PDF draws them as paths, with no raster image


def test_english_pdf(module_runner, tmp_path):
    pdf = write_pdf(module_runner, tmp_path / "board.pdf", "--lang", "en", "--meeting", "2016-10-20")
    pages = int(info(pdf)["Pages"])
    cover = page_text(pdf, 1)
    assert "BOARD REPORT 2016" in cover
    assert "Board meeting 2016-10-20" in cover
    assert "Dnr" not in cover  # no registry number given, none shown
    assert f"page 1 of {pages}" in cover
    assert "Contents" in page_text(pdf, 2)
    assert "sida" not in " ".join(poppler("pdftotext", pdf, "-").split())


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    code = "from finsam_rules.cli import run; run()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, env=env, check=False, timeout=300
    )


def test_the_same_inputs_give_the_same_bytes_whatever_the_clock(board_pdf, tmp_path):
    """Another process, another time zone, SOURCE_DATE_EPOCH set or unset, another folder."""
    _weasyprint()
    moved = shutil.copytree(MPHLA, tmp_path / "elsewhere" / "mphla-2016")
    # The portfolio's policy extends ../policy-mphla; bring it along.
    shutil.copytree(REPO / "examples" / "policy-mphla", tmp_path / "elsewhere" / "policy-mphla")
    base = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    base["FINSAM_RULES_PLUGINS"] = "finsam-rules"
    args = ["report", str(moved), "--format", "pdf", "--meeting", "2016-10-20", "--dnr", "2016/123"]
    first = _cli([*args, "-o", str(tmp_path / "a.pdf")], base | {"TZ": "Pacific/Kiritimati"})
    assert first.returncode == EXIT_OK, first.stderr
    second = _cli([*args, "-o", str(tmp_path / "b.pdf")], base | {"TZ": "UTC", "SOURCE_DATE_EPOCH": "1"})
    assert second.returncode == EXIT_OK, second.stderr
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes() == board_pdf.read_bytes()


def test_pdf_goes_to_standard_output_when_it_is_no_terminal(module_runner, board_pdf):
    _weasyprint()
    args = ["report", str(MPHLA), "--format", "pdf", "--meeting", "2016-10-20", "--dnr", "2016/123"]
    result = module_runner.invoke(main, args)
    assert result.exit_code == EXIT_OK
    assert result.stdout_bytes == board_pdf.read_bytes()


def test_a_missing_pdf_library_is_a_clear_message(module_runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without pango
    out = tmp_path / "x.pdf"
    result = module_runner.invoke(main, ["report", str(MPHLA), "--format", "pdf", "-o", str(out)])
    assert result.exit_code == EXIT_INTERNAL != EXIT_CRASH  # the machine's, not a rule's
    assert "PDF kan inte skrivas" in result.output
    assert "libpango-1.0-0" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


# -- the preparation group's proposal -----------------------------------------------------------


@pytest.fixture(scope="module")
def screening(module_runner) -> dict:
    import json

    result = module_runner.invoke(main, ["screen", str(SCREENING), "--format", "json", "--fail-on", "never"])
    return json.loads(result.stdout)


def test_the_proposal_has_one_section_per_document(module_runner, screening, tmp_path):
    pdf = write_pdf(
        module_runner,
        tmp_path / "forslag.pdf",
        "--meeting",
        "2016-10-20",
        "--dnr",
        "2016/77",
        command="screen",
    )
    fields = info(pdf)
    assert fields["Tagged"] == "yes" and fields["Page size"].endswith("(A4)")
    assert fields["Title"] == "Beredningsgruppens förslag"
    pages = int(fields["Pages"])
    cover = page_text(pdf, 1)
    assert "Styrelsemöte 2016-10-20" in cover and "Dnr 2016/77" in cover
    documents = screening["documents"]
    summary = screening["summary"]
    assert f"{summary['documents']} dokument: {summary['tillstyrks']} tillstyrks" in cover
    text = " ".join(poppler("pdftotext", pdf, "-").split())
    for number in range(1, pages + 1):
        assert f"sida {number} av {pages}" in page_text(pdf, number)
    for doc in documents:
        kind = {"application": "Ansökan", "report": "Rapport"}[doc["kind"]]
        heading = f"{kind} {doc['id']}"
        assert heading in text
        # The document's section: its file, its proposal, and every finding with code and source.
        assert Path(doc["path"]).name in text
        for finding in doc["findings"]:
            assert finding["code"] in text
            assert " ".join(finding["message"].split())[:40] in text
            assert finding["source"]["reference"][:30] in text
    # An application's proposal with its figures, as the interim report's numbers show them.
    assert "Förslag: komplettering krävs" in text
    assert "requested = 3 400 000" in text


def test_the_pdf_fetches_nothing_an_input_names(tmp_path):
    """A file named in the HTML (as hostile input could try) is never read into the PDF."""
    _weasyprint()
    from PIL import Image

    from finsam_rules.render.board_pdf import Cover, html_to_pdf

    picture = tmp_path / "secret.png"
    Image.new("RGB", (40, 40), "red").save(picture)
    page = f'<html><body><h2>Bilaga</h2><img src="{picture.as_uri()}" alt="x"></body></html>'
    cover = Cover("Styrelserapport 2016", NAME, "Verksamhetsåret 2016", (), NAME)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(html_to_pdf(page, cover, "sv"))
    assert poppler("pdfimages", "-list", pdf).splitlines()[2:] == []
    assert "Bilaga" in page_text(pdf, 2)  # the contents list the heading ...
    assert "Bilaga" in page_text(pdf, 3)  # ... and it is on the page after


def test_a_bad_meeting_date_is_a_usage_error(module_runner):
    result = module_runner.invoke(main, ["report", str(MPHLA), "--format", "pdf", "--meeting", "20 okt"])
    assert result.exit_code == 2
    assert "--meeting" in result.output and "Traceback" not in result.output


def test_pdf_is_not_written_to_a_terminal(module_runner, monkeypatch):
    from finsam_rules.cli import EXIT_USAGE, Failure
    from finsam_rules.commands.report import check_binary_output

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(Failure) as raised:
        check_binary_output("pdf", None, "sv")
    assert raised.value.exit_code == EXIT_USAGE
    assert raised.value.message == "Formatet pdf skrivs inte till en terminal; ange -o FIL."


def test_hostile_text_stays_text_in_the_proposal(module_runner, tmp_path):
    """A title that looks like markup is printed as it is, and adds no heading to the contents."""
    import tomllib

    import tomli_w

    folder = tmp_path / "hostile"
    (folder / "applications").mkdir(parents=True)
    shutil.copy(SCREENING / "association.toml", folder / "association.toml")
    source = SCREENING / "applications" / "ok-arbetstraning-med-stod.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    data["title"] = 'Stöd</h2><h2 id="x">Falsk rubrik<img src="file:///etc/hostname"> & "citat"'
    (folder / "applications" / "hostile.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    _weasyprint()
    out = tmp_path / "hostile.pdf"
    result = module_runner.invoke(main, ["screen", str(folder), "--format", "pdf", "-o", str(out)])
    assert result.exit_code in (EXIT_OK, 1), result.output
    contents = page_text(out, 2)
    assert "Falsk rubrik" in contents  # inside the one document's heading ...
    assert len(re.findall(r"\.{4,} ?\d+", contents)) == 2  # ... which, with the overview, makes two
    text = " ".join(poppler("pdftotext", out, "-").split())
    assert 'Stöd</h2><h2 id="x">Falsk rubrik<img src="file:///etc/hostname"> & "citat"' in text
