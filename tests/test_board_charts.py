"""The board report's charts, measured in the rendered page.

Headless Chromium (Debian's ``chromium``, installed by ``.ci/run``) lays the HTML out at A4,
tablet and phone widths; a measuring script, added to a copy of the page only, takes the
bounding box of every chart text and line. A text may not overlap another text, may not
leave its chart, and may not cross a line that is visible where they meet (a grid line
hidden under a bar does not count). The page may not be wider than the window.

The portfolios: ``examples/mphla-2016`` (the real 2016 figures), the same with a project
title of 120 characters, and the FI002 case portfolio whose commitments exceed what is
available.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.render import svg

ROOT = Path(__file__).resolve().parent.parent
LONG_TITLE = (
    "Individsamverkansteam för samordnad arbetslivsinriktad rehabilitering av unga vuxna "
    "med psykisk ohälsa i fem kommuner"
)

MEASURE = r"""
(function () {
  function box(el) { const r = el.getBoundingClientRect();
    return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; }
  function meets(a, b, pad) {
    return a.x0 < b.x1 - pad && b.x0 < a.x1 - pad && a.y0 < b.y1 - pad && b.y0 < a.y1 - pad; }
  const problems = [];
  let texts = 0, charts = 0;
  document.querySelectorAll("svg.chart").forEach(function (chart) {
    charts++;
    chart.scrollIntoView({block: "start"});
    const frame = box(chart);
    const ts = Array.from(chart.querySelectorAll("text"));
    const ls = Array.from(chart.querySelectorAll("line"));
    const name = chart.querySelector("title").textContent;
    texts += ts.length;
    ts.forEach(function (t, i) {
      const a = box(t);
      if (a.x0 < frame.x0 - 0.5 || a.x1 > frame.x1 + 0.5 || a.y0 < frame.y0 - 0.5 || a.y1 > frame.y1 + 0.5)
        problems.push(name + ": text outside the chart: " + t.textContent);
      ts.slice(i + 1).forEach(function (u) {
        if (meets(a, box(u), 1))
          problems.push(name + ": texts overlap: " + t.textContent + " / " + u.textContent);
      });
      ls.forEach(function (l) {
        const b = box(l);
        if (!meets(a, {x0: b.x0 - 0.5, y0: b.y0 - 0.5, x1: b.x1 + 0.5, y1: b.y1 + 0.5}, 0)) return;
        const vertical = Math.abs(b.x1 - b.x0) < Math.abs(b.y1 - b.y0);
        const px = vertical ? (b.x0 + b.x1) / 2 : (a.x0 + a.x1) / 2;
        const py = vertical ? (a.y0 + a.y1) / 2 : (b.y0 + b.y1) / 2;
        const stack = document.elementsFromPoint(px, py);
        const at = stack.indexOf(l);
        const above = stack.slice(0, at < 0 ? stack.length : at);
        const hidden = above.some(function (e) { return e.tagName === "rect"; });
        if (!hidden) problems.push(name + ": text crosses a line: " + t.textContent);
      });
    });
  });
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({charts: charts, texts: texts, problems: problems,
    width: document.documentElement.scrollWidth, viewport: window.innerWidth});
  document.body.appendChild(out);
})();
"""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: A4 at 96 dpi, a tablet, and a phone (Chromium's narrowest headless window is 500).
WIDTHS = {"a4": 794, "tablet": 768, "phone": 500}


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI installs Debian's chromium package")
        pytest.skip("chromium is not installed")
    return found


def measure(page: str, tmp_path: Path, width: int) -> dict:
    """Lay ``page`` out in Chromium at ``width`` and measure its charts."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "measure.js").write_text(MEASURE, encoding="utf-8")
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(page.replace("</body>", '<script src="measure.js"></script></body>'), encoding="utf-8")
    result = subprocess.run(
        [
            _chromium(),
            *FLAGS,
            f"--user-data-dir={tmp_path / f'profile-{width}'}",
            f"--window-size={width},900",
            "--dump-dom",
            probe.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    found = re.search(r'<pre id="measured">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    return json.loads(found.group(1).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&"))


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def html_report(runner: CliRunner, root: Path, lang: str = "sv") -> str:
    result = runner.invoke(main, ["report", str(root), "--format", "html", "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def long_names(tmp_path) -> Path:
    """The example portfolio with the individual cooperation team's title at 120 characters."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    app = tmp_path / "examples" / "mphla-2016" / "applications" / "2016-0005-individsamverkansteam.toml"
    text = app.read_text(encoding="utf-8")
    text = re.sub(r'^title = ".*"$', f'title = "{LONG_TITLE}"', text, count=1, flags=re.M)
    app.write_text(text, encoding="utf-8")
    return tmp_path / "examples" / "mphla-2016"


PORTFOLIOS = {
    "mphla-2016": lambda _: ROOT / "examples" / "mphla-2016",
    "long-names": lambda request: request.getfixturevalue("long_names"),
    "over-committed": lambda _: ROOT / "tests" / "cases" / "portfolios" / "fi002-overbelastad",
}


@pytest.mark.parametrize("width", WIDTHS, ids=str)
@pytest.mark.parametrize("name", PORTFOLIOS, ids=str)
def test_chart_labels_overlap_no_line_and_no_other_label(runner, request, tmp_path, name, width):
    root = PORTFOLIOS[name](request)
    for lang in ("sv", "en"):
        found = measure(html_report(runner, root, lang), tmp_path / lang, WIDTHS[width])
        assert found["charts"] >= 5 and found["texts"] > 50, found
        assert found["problems"] == [], found["problems"]
        assert found["width"] <= found["viewport"], f"the page is wider than the window: {found}"


def test_the_measurement_sees_a_label_on_a_line(tmp_path):
    """A value printed across the target line, as the charts once did, is caught."""
    chart = svg._svg(
        "Probe",
        "",
        60,
        [svg._line(100, 0, 100, 60, svg.INK, 1.5, "5 3"), svg._text(80, 30, "43 % ✗ under målet")],
    )
    page = f"<!DOCTYPE html><html><body>{chart}</body></html>"
    found = measure(page, tmp_path / "t", 794)
    assert found["problems"] == ["Probe: text crosses a line: 43 % ✗ under målet"]


# -- in the SVG ------------------------------------------------------------------------------------


def test_long_names_wrap_with_the_full_name_as_tooltip_and_in_the_table(runner, long_names):
    page = html_report(runner, long_names)
    label = re.search(
        r'<g class="label"><title>2016/0005 ' + re.escape(LONG_TITLE) + r"</title>(.*?)</g>", page
    )
    assert label, "the full name is the tooltip of the row label"
    lines = re.findall(r"<text[^>]*>([^<]*)</text>", label.group(1))
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(len(line) <= svg.LABEL_CHARS for line in lines)
    assert f"{LONG_TITLE}</td>" in page or f"</span> {LONG_TITLE}" in page  # in full in the tables


def test_overruns_are_marked_in_the_budget_chart(runner):
    page = html_report(runner, ROOT / "examples" / "mphla-2016")
    budget = re.search(r'<svg class="chart"[^>]*aria-label="Budget, kostnad och prognos.*?</svg>', page, re.S)
    assert budget
    marked = re.findall(r'<text[^>]*font-weight="bold"[^>]*>([^<]*▲)</text>', budget.group(0))
    # The forecasts over budget (2016/0004, 2016/0005, 2016/0012) and the costs above the
    # period's budget (e.g. 2016/0006: 670 000 kr against 590 000 kr).
    assert {"1 400 000 kr ▲", "3 500 000 kr ▲", "5 250 000 kr ▲", "670 000 kr ▲"} <= set(marked)
    assert "▲ = över budgeten" in page


@pytest.mark.parametrize(
    ("name", "margin_row", "text"),
    [
        ("mphla-2016", "Marginal", "+600 690 kr (3 %)"),
        ("over-committed", "Överskridande", "−"),
    ],
)
def test_the_margin_is_a_bar_of_its_own(runner, name, margin_row, text):
    root = ROOT / "examples" / "mphla-2016" if name == "mphla-2016" else PORTFOLIOS[name](None)
    page = html_report(runner, root)
    chart = re.search(r'<svg class="chart"[^>]*aria-label="Tillgängligt mot åtaganden.*?</svg>', page, re.S)
    assert chart
    assert f"<title>{margin_row}</title>" in chart.group(0)
    values = re.findall(r'<text[^>]*font-weight="bold"[^>]*>([^<]*)</text>', chart.group(0))
    assert values and values[0].startswith(text)


def test_the_printed_report_leads_with_the_decisions(runner, tmp_path):
    """Printed to A4 by Chromium: page 1 holds what the board must decide, with the year's
    outcome at 26 % against 50 %, and the first chart follows within three pages."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed")
    page = tmp_path / "styrelserapport.html"
    page.write_text(html_report(runner, ROOT / "examples" / "mphla-2016"), encoding="utf-8")
    pdf = tmp_path / "styrelserapport.pdf"
    subprocess.run(
        [
            _chromium(),
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile-pdf'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert pdf.is_file()

    def text(first: int, last: int) -> str:
        args = [pdftotext, "-f", str(first), "-l", str(last), str(pdf), "-"]
        return " ".join(subprocess.run(args, capture_output=True, text=True, check=True).stdout.split())

    one = text(1, 1)
    assert "Att besluta och känna till" in one
    assert "47 av 181 avslutade = 26 %" in one and "målet är 50 %" in one
    assert "Mål 50 %" in text(1, 3), "the outcome chart with its target line is within three pages"
