"""Benchmarks that print figures (not timed tests: the machines are shared and noisy).

    python benchmarks/bench.py [--documents 10000] [--projects 200] [--reports 2400]

1. Screening N generated documents (in portfolios of 125, as ~80 associations would):
   throughput, time in parsing (read + TOML + model) against
   the whole screening, and the ratio (target: rules add at most half again on top of parsing).
2. Peak memory of ``finsam screen`` over 1/10, 1/2 and all N documents (target: flat).
3. ``finsam report`` (HTML and JSON) on a portfolio of P projects with R reports.
4. Start-up: ``finsam --help`` against ``python -c "import click"`` (target: within 1.5x).

Uses the installed ``finsam`` next to the running interpreter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w

HERE = Path(__file__).resolve().parent
FINSAM = str(Path(sys.executable).parent / "finsam")
MUNICIPALITIES = ["molndal", "partille", "harryda", "lerum", "alingsas"]
POPULATIONS = [63_000, 37_000, 36_000, 40_000, 40_000]


def association(year: int) -> dict:
    total_pop = sum(POPULATIONS)
    munis = [
        {
            "id": m,
            "name": m.title(),
            "kind": "municipality",
            "contribution": 4_173_000 * p // total_pop,
            "population": p,
        }
        for m, p in zip(MUNICIPALITIES, POPULATIONS, strict=True)
    ]
    rest = 4_173_000 - sum(m["contribution"] for m in munis)
    munis[0]["contribution"] += rest
    return {
        "name": "Samordningsförbundet Benchmark",
        "org_number": "222000-2071",
        "year": year,
        "equity_at_start": 1_013_690,
        "administration_budget": 3_255_000,
        "priority_groups": ["young_adults", "long_term_support", "prevention"],
        "members": [
            {
                "id": "fk",
                "name": "Försäkringskassan",
                "kind": "social_insurance_agency",
                "contribution": 8_346_000,
            },
            {"id": "af", "name": "Arbetsförmedlingen", "kind": "employment_service"},
            {"id": "vgr", "name": "Västra Götalandsregionen", "kind": "region", "contribution": 4_173_000},
            *munis,
        ],
    }


def application(i: int, year: int) -> dict:
    muni = MUNICIPALITIES[i % len(MUNICIPALITIES)]
    other = MUNICIPALITIES[(i + 1) % len(MUNICIPALITIES)]
    return {
        "id": f"{year}/{i:05d}",
        "title": f"Samverkansprojekt {i}",
        "kind": "implementation",
        "owner": muni,
        "submitted": dt.date(year - 1, 10, 1),
        "parties": [muni, other, "fk", "af"],
        "municipalities": [muni, other],
        "steering_group": [muni, other, "fk", "af"],
        "attachments": ["budget", "cooperation_agreement"],
        "requested": 1_200_000,
        "gender_analysis": " ".join(["Kvinnor och män följs upp per kön i SUS."] * 6),
        "implementation_plan": " ".join(["Kommunen tar över tjänsterna när finansieringen upphör."] * 3),
        "period": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
        "target_group": {
            "description": "Unga vuxna",
            "age_min": 18,
            "age_max": 29,
            "priority_groups": ["young_adults"],
        },
        "planned_participants": {"total": 40, "women": 20, "men": 20},
        "outcome_targets": [{"measure": "work", "share": 0.3}],
        "budget": [
            {"year": year, "personnel": 1_000_000, "premises": 120_000, "other": 80_000, "total": 1_200_000}
        ],
        "decision": {
            "status": "granted",
            "amount": 1_200_000,
            "date": dt.date(year - 1, 11, 20),
            "reports_required": [dt.date(year, 5, 15), dt.date(year, 9, 15)],
        },
    }


def report(i: int, year: int, project: int, part: int) -> dict:
    end = [dt.date(year, 4, 30), dt.date(year, 8, 31), dt.date(year, 12, 31)][part % 3]
    women, men = 20 + part + i % 7, 18 + part + i % 5
    total = women + men
    work, studies, rehab = total // 4, total // 8, total // 8
    ongoing = total - work - studies - rehab - 3
    return {
        "project": f"{year}/{project:05d}",
        "kind": "progress",
        "id": f"R{i:06d}",
        "period": {"start": dt.date(year, 1, 1), "end": end},
        "participants": {"women": women, "men": men},
        "outcomes": {
            "work": work,
            "studies": studies,
            "further_rehabilitation": rehab,
            "dropped_out": 3,
            "ongoing": ongoing,
        },
        "costs": {"personnel": 300_000, "premises": 40_000, "other": 20_000, "total": 360_000},
        "budget": {"personnel": 330_000, "premises": 40_000, "other": 30_000, "total": 400_000},
        "forecast": {"cost": 1_150_000, "budget": 1_200_000},
    }


def write_portfolio(root: Path, applications: int, reports: int, year: int = 2016) -> None:
    (root / "applications").mkdir(parents=True)
    (root / "reports").mkdir()
    (root / "association.toml").write_text(tomli_w.dumps(association(year)), encoding="utf-8")
    for i in range(applications):
        (root / "applications" / f"a{i:05d}.toml").write_text(
            tomli_w.dumps(application(i, year)), encoding="utf-8"
        )
    for i in range(reports):
        project = i % max(applications, 1)
        (root / "reports" / f"r{i:06d}.toml").write_text(
            tomli_w.dumps(report(i, year, project, i // max(applications, 1))), encoding="utf-8"
        )


def write_batch(root: Path, documents: int, per_portfolio: int = 125) -> None:
    """``documents`` spread over portfolios of ``per_portfolio`` documents each, as at
    national scale (about 80 associations)."""
    for number, start in enumerate(range(0, documents, per_portfolio)):
        count = min(per_portfolio, documents - start)
        write_portfolio(root / f"forbund-{number:03d}", count // 2, count - count // 2)


def parse_only(root: Path) -> float:
    """Seconds to read, parse and convert every document: the cost of parsing alone."""
    from finsam_rules.loading import iter_paths, load_document

    start = time.perf_counter()
    for path in iter_paths([root]):
        load_document(path, skip_other=True)
    return time.perf_counter() - start


def screen_in_process(root: Path, output: bool = True) -> float:
    """Seconds to screen every document in process: load and rules, and with ``output`` the
    JSON written to nowhere."""
    from finsam_rules.plugins import build_registry
    from finsam_rules.render.screening import JsonWriter
    from finsam_rules.screening import Screener

    registry = build_registry()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        writer = JsonWriter(sink, sink, "sv")
        start = time.perf_counter()
        writer.begin()
        for item in Screener(registry).screen([root]):
            if output:
                writer.item(item)
        writer.end()
        return time.perf_counter() - start


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of a command run in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before) // 1024


def peak_rss(cmd: list[str]) -> int:
    """Peak RSS in MiB of one command, measured by a fresh interpreter so earlier children
    do not mask it."""
    code = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True)
    return int(out.stdout.strip()) // 1024


def startup(runs: int = 31) -> tuple[float, float]:
    def median(cmd):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return median([FINSAM, "--help"]), median([sys.executable, "-c", "import click"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--reports", type=int, default=2_400)
    args = parser.parse_args()
    n = args.documents
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # 1. Screening throughput, parsing against rules.
        batch = tmp / "batch"
        write_batch(batch, n)
        parse_only(batch)  # warm the file cache and imports
        parse = min(parse_only(batch) for _ in range(3))
        judged = min(screen_in_process(batch, output=False) for _ in range(3))
        full = min(screen_in_process(batch) for _ in range(3))
        screen_time, _ = run([FINSAM, "screen", str(batch), "--format", "json", "--fail-on", "never"])
        print(
            f"\n1. finsam screen on {n} documents in {-(-n // 125)} portfolios of 125 "
            f"(applications and reports)"
        )
        print(f"   whole CLI run        {screen_time:7.2f} s   ({n / screen_time:,.0f} documents/s)")
        print(f"   parsing alone        {parse:7.2f} s   (read + TOML + model; best of 3, in process)")
        print(f"   parsing + rules      {judged:7.2f} s   (every rule judged, context included)")
        print(f"   ... + JSON output    {full:7.2f} s   (messages rendered and written)")
        print(
            f"   rules add {(judged - parse) / parse:.0%} on top of parsing "
            f"(target: at most 50 %); rules and output together {(full - parse) / parse:.0%}"
        )
        # 2. Peak memory as the batch grows.
        print("\n2. peak memory of finsam screen as the number of files grows")
        for fraction in (10, 2, 1):
            count = n // fraction
            part = tmp / f"part{fraction}"
            write_batch(part, count)
            rss = peak_rss([FINSAM, "screen", str(part), "--format", "json", "--fail-on", "never"])
            print(f"   {count:6d} documents: peak RSS {rss:4d} MiB")
        # 3. Board report on a large portfolio.
        big = tmp / "portfolio"
        write_portfolio(big, args.projects, args.reports)
        print(f"\n3. finsam report on {args.projects} projects with {args.reports} reports")
        for fmt in ("html", "json"):
            elapsed, _ = run([FINSAM, "report", str(big), "--format", fmt, "-o", str(tmp / f"board.{fmt}")])
            rss = peak_rss([FINSAM, "report", str(big), "--format", fmt, "-o", str(tmp / f"board2.{fmt}")])
            print(f"   --format {fmt:5s} {elapsed:6.2f} s, peak RSS {rss} MiB")
    # 4. Start-up.
    help_time, click_time = startup()
    print("\n4. start-up (median of 31)")
    print(f"   finsam --help              {help_time * 1000:6.0f} ms")
    print(f"   python -c 'import click'   {click_time * 1000:6.0f} ms")
    print(f"   ratio {help_time / click_time:.2f}x (target: at most 1.5x)")


if __name__ == "__main__":
    main()
