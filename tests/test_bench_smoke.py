"""The benchmark (``benchmarks/bench.py``) keeps working: its generator writes portfolios the
package screens, its in-process stage measurement covers every stage, and its report names
every section of the speed issue. Nothing here is timed: figures are only checked to be
figures."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType


def test_the_generator_writes_the_asked_share_of_defects(bench: ModuleType, tmp_path: Path) -> None:
    bench.write_batch(tmp_path, 20, per_portfolio=10, defects=0.15)
    folders = bench.portfolios([tmp_path])
    assert [f.name for f in folders] == ["forbund-000", "forbund-001"]
    assert [len(bench.documents_of(f)) for f in folders] == [10, 10]
    assert sum(bench.defective(i, 0.15) for i in range(100)) == 15
    assert not any(bench.defective(i, 0.0) for i in range(100))
    # Without defects the documents are what they always were (other benchmarks import them).
    assert bench.application(3, 2016) == bench.application(3, 2016, 0.0)


def test_a_defective_application_gets_the_budget_finding(bench: ModuleType, tmp_path: Path) -> None:
    """BU001: the generated defect (other 130 000 kr) makes the lines sum to 1 250 000 kr
    against a stated total of 1 200 000 kr."""
    bench.write_portfolio(tmp_path, 4, 0, defects=0.15)
    from finsam_rules.loading import load_document
    from finsam_rules.model import Application
    from finsam_rules.plugins import build_registry
    from finsam_rules.screening import Screener

    found = {
        item.path.name: {f.code for f in item.evaluation.findings}
        for item in Screener(build_registry()).screen([tmp_path])
        if item.evaluation is not None
    }
    defective = [f"a{i:05d}.toml" for i in range(4) if bench.defective(i, 0.15)]
    assert defective == ["a00000.toml", "a00003.toml"]
    assert "BU001" in found["a00000.toml"] and "BU001" in found["a00003.toml"]
    assert "BU001" not in found["a00001.toml"] and "BU001" not in found["a00002.toml"]
    application = load_document(tmp_path / "applications" / "a00000.toml")
    assert isinstance(application, Application) and application.budget[0].other == 130_000


def test_the_report_has_every_section_and_measures_each_stage(bench: ModuleType, tmp_path: Path) -> None:
    bench.write_batch(tmp_path, 20, per_portfolio=10, defects=0.15)
    stages = bench.measure_stages([tmp_path])
    assert list(stages) == ["parse", "structure", "rules", "render", "output"]
    assert all(seconds >= 0 for seconds in stages.values())
    floor = bench.parse_floor(bench.toml_files([tmp_path]))
    report = bench.new_report()
    bench.fill_stages(report, [stages], max(floor, 1e-6), 1.0)
    bench.fill_memory(report, {1000: 30.0, 10000: 31.0})
    out = bench.text(report)
    for number, key in enumerate(bench.SECTIONS, 1):
        assert f"{number}. {bench.TITLES[key]}" in out
    assert list(bench.SECTIONS) == ["floor", "screen", "stages", "memory", "board", "startup", "intake"]
    assert [row.name for row in report["stages"].rows] == [*stages, "sum of the stages"]
    assert report["memory"].rows[-1].status == "PASS"  # 31 against 30 MiB is flat
    assert out.count("not measured") == 5  # floor, screen, board, start-up and intake
    data = bench.as_json(report, {"nproc": 2})
    assert list(data["sections"]) == list(bench.SECTIONS)


def test_sizes_are_read_as_documents(bench: ModuleType) -> None:
    assert [bench.size(s) for s in ["500", "2k", "10k", "50k"]] == [500, 2000, 10000, 50000]


def test_two_versions_are_compared_side_by_side_on_the_same_floor(tmp_path: Path) -> None:
    """``bench_versions.py`` screens one batch with two installations in turn and prints the
    median ratios of each; here both are this installation (so their outputs agree)."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_versions.py"
    finsam = str(Path(sys.executable).parent / "finsam")
    done = subprocess.run(
        [sys.executable, str(script), finsam, "--after", finsam, "--documents", "30", "--rounds", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("round 1: floor ")
    assert lines[1] == "30 documents, 1 rounds, medians of the ratios to the floor:"
    names = [line.strip().rsplit(" ", 1)[0].strip() for line in lines[2:]]
    assert names == [f"{v} {m}" for v in ("before", "after") for m in ("cpu --jobs 1", "wall --jobs 2")]
    assert all(line.endswith("x") and float(line.split()[-1][:-1]) > 0 for line in lines[2:])
