"""Start-up of every ``finsam`` command against ``python -c "import click"``.

    python benchmarks/bench_startup.py [--runs 10] [--importtime]

Each command (its ``--help``, ``finsam --version`` and a few cheap real calls) is run
``--runs`` times, interleaved with the baseline so that load on a shared machine falls on
both alike; the figure is the median wall time of each, and the ratio to the baseline's
median (target: at most 1.5). Bytecode is written to and read from a temporary cache, as
for any installed package, even when the shell sets PYTHONDONTWRITEBYTECODE.
``--importtime`` also prints the ten slowest imports of each command (``python -X
importtime``), to see what a command loads that it does not need.

Importable: :func:`measure_startup` returns ``{command: ratio}``; ``benchmarks/bench.py``
may call it. Uses the installed ``finsam`` next to the running interpreter.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FINSAM = str(Path(sys.executable).parent / "finsam")
BASELINE = (sys.executable, "-c", "import click")

#: What is measured: every command's ``--help``, the version, and cheap real calls (one
#: rule's explanation, the rule list, a template, a structure check of one document).
COMMANDS: dict[str, tuple[str, ...]] = {
    "--version": ("--version",),
    "--help": ("--help",),
    **{
        f"{name} --help": (*name.split(), "--help")
        for name in (
            "screen",
            "validate",
            "rules",
            "explain",
            "new",
            "check",
            "import",
            "report",
            "calendar",
            "plugins",
            "policy show",
            "policy diff",
            "policy impact",
            "pack new",
            "pack test",
            "waivers check",
            "record verify",
            "record impact",
            "completion",
        )
    },
    "explain BU001": ("explain", "BU001"),
    "rules": ("rules",),
    "new application": ("new", "application"),
    "validate one document": (
        "validate",
        str(ROOT / "examples" / "mphla-2016" / "applications" / "2016-0004-aktiv.toml"),
    ),
}


def installed_environment(cache: str) -> dict[str, str]:
    """The environment the commands run in: bytecode written and read from ``cache``, as
    an installed package's is (a shell with PYTHONDONTWRITEBYTECODE would otherwise compile
    every finsam module on every run, and click's not at all, which is no user's case)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


_cache: tempfile.TemporaryDirectory[str] | None = None


def shared_environment() -> dict[str, str]:
    """:func:`installed_environment` with one bytecode cache for the whole benchmark run
    (removed when the run ends), for the other benchmarks' child processes."""
    global _cache
    if _cache is None:
        _cache = tempfile.TemporaryDirectory(prefix="finsam-pyc-")
    return installed_environment(_cache.name)


def _wall(command: tuple[str, ...], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def measure_startup(runs: int = 10, commands: dict[str, tuple[str, ...]] | None = None) -> dict[str, float]:
    """The ratio of each command's median wall time to ``python -c "import click"``'s.

    The baseline is run once before each command's run, so both see the same load."""
    chosen = COMMANDS if commands is None else commands
    baseline: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in chosen}
    with tempfile.TemporaryDirectory(prefix="finsam-pyc-") as cache:
        env = installed_environment(cache)
        _wall(BASELINE, env)  # warm the file and bytecode caches
        for args in chosen.values():
            _wall((FINSAM, *args), env)
        for _ in range(runs):
            for name, args in chosen.items():
                baseline.append(_wall(BASELINE, env))
                times[name].append(_wall((FINSAM, *args), env))
    floor = statistics.median(baseline)
    return {name: statistics.median(values) / floor for name, values in times.items()}


def slowest_imports(args: tuple[str, ...], count: int = 10) -> list[tuple[int, str]]:
    """The ``count`` imports with the largest cumulative time (microseconds) for one command."""
    code = "import sys; from finsam_rules.cli import run; sys.argv[0] = 'finsam'; run()"
    command = [sys.executable, "-X", "importtime", "-c", code, *args]
    with tempfile.TemporaryDirectory(prefix="finsam-pyc-") as cache:
        env = installed_environment(cache)
        subprocess.run(command, capture_output=True, check=False, env=env)  # write the bytecode
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    ratios = measure_startup(args.runs)
    width = max(len(name) for name in ratios)
    print(f'start-up, median of {args.runs}, as a ratio to python -c "import click" (target 1.5)')
    for name, ratio in ratios.items():
        mark = "" if ratio <= 1.5 else "  over"
        print(f"  finsam {name:<{width}}  {ratio:4.2f}x{mark}")
    print(f"  worst: {max(ratios.values()):.2f}x")
    if args.importtime:
        for name, command in COMMANDS.items():
            print(f"\nslowest imports: finsam {name}")
            for cumulative, module in slowest_imports(command):
                print(f"  {cumulative / 1000:7.1f} ms  {module}")


if __name__ == "__main__":
    main()
