"""Intake speed: filled-in Excel and Word application forms read per second, against the same
applications as TOML (figures, not a timed test: the machines are shared and noisy).

    python benchmarks/bench_intake.py [--forms 1000]

Writes N generated applications (the generator of ``bench.py``) three ways: as ``.toml``, and
as the shipped forms filled in (``finsam new application --format xlsx`` / ``--format docx``,
through the same writers), then loads every file with :func:`finsam_rules.loading.load_document`
(read, form or TOML, structure into an ``Application``), best of three rounds, in process,
in CPU seconds (steadier than wall time on a shared machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ("toml", "xlsx", "docx")


def write_forms(root: Path, n: int) -> dict[str, list[Path]]:
    """``n`` generated applications in each format under ``root``, by format."""
    sys.path.insert(0, str(HERE))
    import tomli_w
    from bench import application, association

    from finsam_rules.intake.docx_form import write_docx
    from finsam_rules.intake.xlsx_writer import write_workbook

    year = 2016
    members = association(year)
    paths: dict[str, list[Path]] = {fmt: [] for fmt in FORMATS}
    for fmt in FORMATS:
        (root / fmt).mkdir(parents=True)
    for i in range(n):
        data = application(i, year)
        for fmt in FORMATS:
            path = root / fmt / f"a{i:05d}.{fmt}"
            if fmt == "toml":
                path.write_text(tomli_w.dumps(data), encoding="utf-8")
            elif fmt == "xlsx":
                path.write_bytes(write_workbook("application", data, members))
            else:
                path.write_bytes(write_docx("application", data, members))
            paths[fmt].append(path)
    return paths


def _load_all(paths: list[Path]) -> float:
    from finsam_rules.loading import load_document

    start = time.process_time()
    for path in paths:
        load_document(path)
    return time.process_time() - start


def measure_intake(n: int = 1_000, rounds: int = 3) -> dict[str, float]:
    """Forms per second for ``n`` generated applications as TOML, xlsx and docx (best of
    ``rounds``), and the ratio of each form's time to the TOML's; printed and returned."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_forms(Path(tmp), n)
        for fmt in FORMATS:
            _load_all(paths[fmt][:10])  # imports and file cache
            seconds = min(_load_all(paths[fmt]) for _ in range(rounds))
            figures[f"{fmt}_per_second"] = n / seconds
            figures[f"{fmt}_seconds"] = seconds
    toml = figures["toml_seconds"]
    print(f"intake of {n} generated applications (load_document, CPU time, best of {rounds})")
    for fmt in FORMATS:
        seconds = figures[f"{fmt}_seconds"]
        figures[f"{fmt}_ratio"] = seconds / toml
        print(
            f"   {fmt:5s} {figures[f'{fmt}_per_second']:8.1f} forms/s  {seconds:7.2f} s"
            f" CPU  ({seconds / toml:5.1f} x the TOML)"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--forms", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    measure_intake(args.forms, args.rounds)


if __name__ == "__main__":
    main()
