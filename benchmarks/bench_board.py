"""The board report's time and peak memory, per format (figures, not a timed test).

    python benchmarks/bench_board.py [--projects 200] [--reports 2400]

Writes a portfolio of P projects with R reports (the generator of ``bench.py``) and runs
``finsam report PORTFOLIO --format F -o FILE`` once per format in a fresh child process, so
one format's peak does not mask another's. Peak memory is the child's maximum resident set
size. The interpreter alone (``python -c pass``) and the imports of each renderer are measured
the same way, as the floor below which a format cannot go. Target: at most 60 MiB for every
format.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FINSAM = str(Path(sys.executable).parent / "finsam")
FORMATS = ("html", "markdown", "json", "pdf", "xlsx")
TARGET_MIB = 60
#: What each format imports before it renders anything (its floor).
IMPORTS = {
    "html": "finsam_rules.render.board_html",
    "markdown": "finsam_rules.render.board_markdown",
    "json": "finsam_rules.render.board_json",
    "pdf": "finsam_rules.render.board_pdf,weasyprint",
    "xlsx": "finsam_rules.render.board_xlsx,xlsxwriter",
}

_MEASURE = (
    "import resource,subprocess,sys,time;"
    "s=time.perf_counter();"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
    "e=time.perf_counter()-s;"
    "print(r.returncode,e,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def child(cmd: list[str]) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak RSS (MiB) of ``cmd`` run as the only child of a fresh
    interpreter (``RUSAGE_CHILDREN`` is the maximum over every child waited for)."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    code, elapsed, kib = out.stdout.split()
    return int(code), float(elapsed), int(kib) / 1024


def floor(modules: str) -> float:
    """Peak RSS (MiB) of an interpreter that only imports ``modules`` (comma separated)."""
    return child([sys.executable, "-c", f"import {modules}"])[2]


def measure_board(
    projects: int = 200, reports: int = 2_400, formats: tuple[str, ...] = FORMATS
) -> dict[str, dict[str, float]]:
    """Time and peak RSS of the board report in each of ``formats`` (every format unless
    told) on a generated portfolio; prints one line per format and returns the figures by
    format (plus ``python``, the bare interpreter)."""
    sys.path.insert(0, str(HERE))
    from bench import write_portfolio

    figures: dict[str, dict[str, float]] = {"python": {"peak_mib": child([sys.executable, "-c", "pass"])[2]}}
    print(f"finsam report on {projects} projects with {reports} reports (target: {TARGET_MIB} MiB)")
    print(f"   python -c pass          peak {figures['python']['peak_mib']:6.1f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        root = folder / "portfolio"
        write_portfolio(root, projects, reports)
        for fmt in formats:
            target = folder / f"board.{fmt}"
            code, elapsed, peak = child([FINSAM, "report", str(root), "--format", fmt, "-o", str(target)])
            base = floor(IMPORTS[fmt])
            size = target.stat().st_size if target.exists() else 0
            figures[fmt] = {"seconds": elapsed, "peak_mib": peak, "imports_mib": base, "exit": code}
            verdict = "ok" if peak <= TARGET_MIB else "over"
            print(
                f"   --format {fmt:9s} {elapsed:6.2f} s, peak {peak:6.1f} MiB ({verdict}; "
                f"imports alone {base:5.1f} MiB), exit {code}, {size / 1024:,.0f} KiB"
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--reports", type=int, default=2_400)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated (default: all)")
    args = parser.parse_args()
    measure_board(args.projects, args.reports, tuple(args.formats.split(",")))


if __name__ == "__main__":
    main()
