"""The board report's time and peak memory, per format (figures, not a timed test).

    python benchmarks/bench_board.py [--projects 200] [--reports 2400]

Writes a portfolio of P projects with R reports (the generator of ``bench.py``) and runs
``finsam report PORTFOLIO --format F -o FILE`` once per format in a fresh child process, so
one format's peak does not mask another's. Peak memory is the child's maximum resident set
size. The interpreter alone (``python -c pass``) and the imports of each renderer are measured
the same way, as the floor below which a format cannot go. Target: at most 60 MiB for every
format.

The PDF is WeasyPrint's layout of the HTML report: at this size it runs for many minutes, so
it is stopped after ``--pdf-timeout`` seconds (its peak until then is printed), and it is
measured again on a portfolio of a real year's size (``--year``, 30 projects with 120
reports), with the peak of a one-project portfolio as WeasyPrint's floor.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_startup import shared_environment  # noqa: E402

FINSAM = str(Path(sys.executable).parent / "finsam")
FORMATS = ("html", "markdown", "json", "pdf", "xlsx")
TARGET_MIB = 60
#: A real year's portfolio for the PDF: projects, reports.
YEAR = (30, 120)
#: What each format imports before it renders anything (its floor).
IMPORTS = {
    "html": "finsam_rules.render.board_html",
    "markdown": "finsam_rules.render.board_markdown",
    "json": "finsam_rules.render.board_json",
    "pdf": "finsam_rules.render.board_pdf,weasyprint",
    "xlsx": "finsam_rules.render.board_xlsx,xlsxwriter",
}

#: Exit code printed for a command stopped at its time limit.
STOPPED = -9

_MEASURE = """
import resource, subprocess, sys, time
limit, cmd = float(sys.argv[1]) or None, sys.argv[2:]
start = time.perf_counter()
try:
    code = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=limit).returncode
except subprocess.TimeoutExpired:  # killed and waited for: its peak is counted
    code = -9
print(code, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def child(cmd: list[str], timeout: float = 0) -> tuple[int, float, float]:
    """Exit code (:data:`STOPPED` when stopped after ``timeout`` seconds, 0 for none), wall
    seconds and peak RSS (MiB) of ``cmd`` run as the only child of a fresh interpreter
    (``RUSAGE_CHILDREN`` is the maximum over every child waited for, a stopped one too)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(timeout), *cmd],
        capture_output=True,
        text=True,
        check=True,
        env=shared_environment(),  # bytecode cached, as for an installed package
    )
    code, elapsed, kib = out.stdout.split()
    return int(code), float(elapsed), int(kib) / 1024


def floor(modules: str) -> float:
    """Peak RSS (MiB) of an interpreter that only imports ``modules`` (comma separated)."""
    return child([sys.executable, "-c", f"import {modules}"])[2]


def measure_board(
    projects: int = 200,
    reports: int = 2_400,
    formats: tuple[str, ...] = FORMATS,
    *,
    pdf_timeout: float = 300.0,
    year: tuple[int, int] = YEAR,
) -> dict[str, dict[str, float]]:
    """Time and peak RSS of the board report in each of ``formats`` (every format unless
    told) on a generated portfolio; prints one line per format and returns the figures by
    format (plus ``python``, the bare interpreter). The PDF is stopped after
    ``pdf_timeout`` seconds, and measured again on a portfolio of ``year`` (projects,
    reports) and on one of one project (WeasyPrint's floor)."""
    from bench import write_portfolio

    figures: dict[str, dict[str, float]] = {"python": {"peak_mib": child([sys.executable, "-c", "pass"])[2]}}
    print(f"finsam report on {projects} projects with {reports} reports (target: {TARGET_MIB} MiB)")
    print(f"   python -c pass          peak {figures['python']['peak_mib']:6.1f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        root = folder / "portfolio"
        write_portfolio(root, projects, reports)
        warm = folder / "warm"
        write_portfolio(warm, 1, 1)
        for fmt in formats:  # each format once, unmeasured: its bytecode written to the cache
            child([FINSAM, "report", str(warm), "--format", fmt, "-o", str(folder / f"warm.{fmt}")])
        for fmt in formats:
            figures[fmt] = _measure(root, folder, fmt, pdf_timeout if fmt == "pdf" else 0)
        if "pdf" in formats:
            for name, (p, r) in (("pdf_year", year), ("pdf_floor", (1, 1))):
                small = folder / name
                write_portfolio(small, p, r)
                print(f"   ... on {p} project(s) with {r} report(s):")
                figures[name] = _measure(small, folder, "pdf", pdf_timeout)
    return figures


def _measure(root: Path, folder: Path, fmt: str, timeout: float) -> dict[str, float]:
    """One format's figures, printed."""
    target = folder / f"board.{fmt}"
    target.unlink(missing_ok=True)
    code, elapsed, peak = child([FINSAM, "report", str(root), "--format", fmt, "-o", str(target)], timeout)
    base = floor(IMPORTS[fmt])
    size = target.stat().st_size if target.exists() else 0
    verdict = "ok" if peak <= TARGET_MIB else "over"
    ended = f"stopped after {timeout:.0f} s" if code == STOPPED else f"exit {code}"
    print(
        f"   --format {fmt:9s} {elapsed:6.2f} s, peak {peak:6.1f} MiB ({verdict}; "
        f"imports alone {base:5.1f} MiB), {ended}, {size / 1024:,.0f} KiB"
    )
    return {"seconds": elapsed, "peak_mib": peak, "imports_mib": base, "exit": code}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--reports", type=int, default=2_400)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated (default: all)")
    parser.add_argument("--pdf-timeout", type=float, default=300.0, help="seconds (default: 300)")
    parser.add_argument(
        "--year", default=f"{YEAR[0]},{YEAR[1]}", help="the PDF's real year: projects,reports (30,120)"
    )
    args = parser.parse_args()
    projects, reports = (int(n) for n in args.year.split(","))
    measure_board(
        args.projects,
        args.reports,
        tuple(args.formats.split(",")),
        pdf_timeout=args.pdf_timeout,
        year=(projects, reports),
    )


if __name__ == "__main__":
    main()
