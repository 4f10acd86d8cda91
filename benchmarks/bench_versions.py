"""Two installations of finsam side by side: screening against the same parse floor.

    python benchmarks/bench_versions.py BEFORE_FINSAM [--after FINSAM] [--documents 10000] [--rounds 5]

On a shared machine whose speed moves from hour to hour, a figure is only comparable with
one taken in the same run. Each round measures the tomllib parse floor (in this process),
then ``finsam screen --format json -o FILE`` of the version before and of this one, with
``--jobs 1`` (CPU seconds) and ``--jobs 2`` (wall seconds), in turn; the medians of the
rounds' ratios are printed. The two versions' outputs must be byte-identical, or the
comparison is refused. ``BEFORE_FINSAM`` is the ``finsam`` script of another installation
(``python -m venv /tmp/before && /tmp/before/bin/pip install -q ./old-checkout``);
``--after`` defaults to the ``finsam`` next to this interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # the benchmark's generator and measures, from its folder


def screen(finsam: str, root: Path, output: Path, jobs: int) -> bench.Child:
    """One ``finsam screen`` of ``root`` to ``output`` by the installation of ``finsam``."""
    cmd = [finsam, "screen", str(root), "--format", "json", "--fail-on", "never", "--jobs", str(jobs)]
    child = bench.run_child([*cmd, "-o", str(output)])
    if child.code != 0:
        raise SystemExit(f"{finsam} screen exited with {child.code}")
    return child


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before", help="the finsam script of the version before")
    parser.add_argument("--after", default=bench.FINSAM, help="the finsam script of this version")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    versions = {"before": args.before, "after": args.after}
    measures = ("cpu --jobs 1", "wall --jobs 2")
    ratios: dict[str, list[float]] = {f"{v} {m}": [] for v in versions for m in measures}
    with tempfile.TemporaryDirectory(prefix="finsam-versions-") as scratch:
        root = Path(scratch) / "batch"
        bench.write_batch(root, args.documents, defects=bench.DEFECTS)
        files = bench.toml_files([root])
        outputs = {v: Path(scratch) / f"{v}.json" for v in versions}
        for number in range(1, args.rounds + 1):
            floor = bench.parse_floor(files)
            line = [f"round {number}: floor {floor:.2f} s"]
            for version, finsam in versions.items():
                cpu = screen(finsam, root, outputs[version], 1).cpu
                wall = screen(finsam, root, outputs[version], 2).wall
                ratios[f"{version} cpu --jobs 1"].append(cpu / floor)
                ratios[f"{version} wall --jobs 2"].append(wall / floor)
                line.append(f"{version} {cpu / floor:.2f}x CPU, {wall / floor:.2f}x wall")
            print("; ".join(line), flush=True)
            if outputs["before"].read_bytes() != outputs["after"].read_bytes():
                raise SystemExit("the two versions' outputs differ: no comparison")
    print(f"{args.documents} documents, {args.rounds} rounds, medians of the ratios to the floor:")
    for name, values in ratios.items():
        print(f"   {name:<20} {statistics.median(values):.2f}x")


if __name__ == "__main__":
    main()
