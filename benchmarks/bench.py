"""The speed benchmark: one run prints every figure of the speed issue, as ratios, with its
target and PASS or MISS (not timed tests: the machines are shared and noisy).

    python benchmarks/bench.py [--quick] [--documents 10000] [--sizes 1k,10k,50k]
        [--rounds 5] [--projects 200] [--reports 2400] [--forms 1000] [--json FILE]

1. Parse floor: CPU time of tomllib reading and parsing the batch's files, in process.
2. ``finsam screen --format json -o FILE`` on the same files: CPU time (the child's user +
   system time) with ``--jobs 1``, and wall time with all cores, each against the floor.
3. Stages, in process with the package's own functions on the same files: parse, structure
   (cattrs), rules, render (the JSON objects), output (encoded and written).
4. Peak memory (the child's maximum RSS) of ``finsam screen`` as the batch grows.
5. ``finsam report`` on a portfolio of P projects with R reports, in every format.
6. Start-up of every command (``--help`` of each, and ``finsam --version``) against
   ``python -c "import click"``, median of 10.
7. Intake: Excel and Word forms read per second, against the same documents as TOML.

Commands run as subprocesses of the installed ``finsam`` next to the running interpreter,
so the benchmark measures whatever version is installed; ``--jobs`` is used only when
``finsam screen --help`` offers it. Where ``benchmarks/bench_startup.py``,
``bench_board.py`` or ``bench_intake.py`` exist, their measurements are used for those
sections. Rounds alternate (every measurement once per round) and the median is reported.
The generated documents are realistic applications and reports, 15 % with defects.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import tomli_w

if TYPE_CHECKING:
    from finsam_rules.model import Application, Association

HERE = Path(__file__).resolve().parent
FINSAM = str(Path(sys.executable).parent / "finsam")
MUNICIPALITIES = ["molndal", "partille", "harryda", "lerum", "alingsas"]
POPULATIONS = [63_000, 37_000, 36_000, 40_000, 40_000]
#: Share of generated documents with defects the rules report.
DEFECTS = 0.15
PER_PORTFOLIO = 125
BOARD_FORMATS = ("html", "markdown", "json", "pdf", "xlsx")
STAGES = ("parse", "structure", "rules", "render", "output")
#: The sections of a report, in the order they are printed.
SECTIONS = ("floor", "screen", "stages", "memory", "board", "startup", "intake")
TITLES = {
    "floor": "Parse floor: tomllib over the same files (read + parse, CPU, in process)",
    "screen": "finsam screen --format json -o FILE, against the parse floor",
    "stages": "Stages, in process with the package's functions (CPU)",
    "memory": "Peak memory of finsam screen (child maximum RSS) as the batch grows",
    "board": "finsam report (board report) per format",
    "startup": 'Start-up of every command against python -c "import click" (wall, median)',
    "intake": "Intake: forms read per second (read + structure, CPU, in process)",
}
MIB = 1024 * 1024


def association(year: int) -> dict[str, Any]:
    total_pop = sum(POPULATIONS)
    munis: list[dict[str, Any]] = [
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


def application(i: int, year: int, defects: float = 0.0) -> dict[str, Any]:
    """Application ``i``; with ``defects`` (a share), that share of them has defects the
    rules report (a thin gender analysis, participants and budget that do not add up)."""
    muni = MUNICIPALITIES[i % len(MUNICIPALITIES)]
    other = MUNICIPALITIES[(i + 1) % len(MUNICIPALITIES)]
    data: dict[str, Any] = {
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
    if defective(i, defects):
        data["gender_analysis"] = "Ja."
        data["planned_participants"] = {"total": 40, "women": 25, "men": 20}
        data["budget"][0]["other"] = 130_000
    return data


def report(i: int, year: int, project: int, part: int, defects: float = 0.0) -> dict[str, Any]:
    """Report ``i`` on project ``project`` (its ``part``-th); with ``defects``, that share of
    them has defects (costs that do not add up, outcomes past the participants)."""
    end = [dt.date(year, 4, 30), dt.date(year, 8, 31), dt.date(year, 12, 31)][part % 3]
    women, men = 20 + part + i % 7, 18 + part + i % 5
    total = women + men
    work, studies, rehab = total // 4, total // 8, total // 8
    ongoing = total - work - studies - rehab - 3
    data: dict[str, Any] = {
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
    if defective(i, defects):
        data["costs"]["total"] = 380_000
        data["outcomes"]["ongoing"] = ongoing + 5
        data["forecast"]["cost"] = 1_450_000
    return data


def defective(i: int, defects: float) -> bool:
    """Whether document ``i`` is one of the ``defects`` share given defects (spread evenly,
    the same documents on every run)."""
    return (i * 37) % 100 < round(defects * 100)


def write_portfolio(
    root: Path, applications: int, reports: int, year: int = 2016, defects: float = 0.0
) -> None:
    """A portfolio folder: ``association.toml``, ``applications/`` and ``reports/``."""
    (root / "applications").mkdir(parents=True)
    (root / "reports").mkdir()
    (root / "association.toml").write_text(tomli_w.dumps(association(year)), encoding="utf-8")
    for i in range(applications):
        (root / "applications" / f"a{i:05d}.toml").write_text(
            tomli_w.dumps(application(i, year, defects)), encoding="utf-8"
        )
    for i in range(reports):
        project = i % max(applications, 1)
        (root / "reports" / f"r{i:06d}.toml").write_text(
            tomli_w.dumps(report(i, year, project, i // max(applications, 1), defects)), encoding="utf-8"
        )


def write_batch(root: Path, documents: int, per_portfolio: int = 125, defects: float = 0.0) -> None:
    """``documents`` spread over portfolios of ``per_portfolio`` documents each, as at
    national scale (about 80 associations)."""
    for number, start in enumerate(range(0, documents, per_portfolio)):
        count = min(per_portfolio, documents - start)
        write_portfolio(root / f"forbund-{number:03d}", count // 2, count - count // 2, defects=defects)


# -- measuring -------------------------------------------------------------------------------


@attrs.frozen
class Child:
    """One command run in a child process: wall and CPU seconds (user + system, the child's
    and its waited-for children's), peak RSS in MiB and exit code."""

    wall: float
    cpu: float
    peak_mib: float
    code: int


def child_env() -> dict[str, str] | None:
    """The children's environment: bytecode written to and read from one cache for the run,
    as for any installed package, even where the shell sets PYTHONDONTWRITEBYTECODE (else
    every run would compile every finsam module again, which no user's run does)."""
    shared = optional("bench_startup", "shared_environment")
    return shared() if shared is not None else None


def run_child(cmd: Sequence[str]) -> Child:
    """Run ``cmd`` with its output thrown away and measure it by its own resource usage."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Child(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def alternating(commands: Sequence[Sequence[str]], rounds: int) -> list[float]:
    """Median wall seconds of each command, the commands run in turn in every round."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(rounds):
        for spent, cmd in zip(times, commands, strict=True):
            spent.append(run_child(cmd).wall)
    return [median(spent) for spent in times]


def portfolios(roots: Sequence[Path]) -> list[Path]:
    """The portfolio folders (those holding an ``association.toml``) under ``roots``."""
    return sorted(p.parent for root in roots for p in root.rglob("association.toml"))


def documents_of(folder: Path) -> list[Path]:
    """A portfolio's documents in the order ``finsam screen`` takes them."""
    return sorted((folder / "applications").glob("*.toml")) + sorted((folder / "reports").glob("*.toml"))


def toml_files(roots: Sequence[Path]) -> list[Path]:
    """Every TOML file under ``roots``: the documents and the associations."""
    return sorted(p for root in roots for p in root.rglob("*.toml"))


def parse_floor(files: Sequence[Path]) -> float:
    """CPU seconds for tomllib to read and parse ``files``: the cost of reading the input."""
    start = time.process_time()
    for path in files:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    return time.process_time() - start


def measure_stages(roots: Sequence[Path], per_rule: dict[str, float] | None = None) -> dict[str, float]:
    """CPU seconds per stage of screening every document under ``roots`` with JSON output,
    in process with the package's own functions, in the order and context the CLI uses.
    With ``per_rule``, each rule's share of the rules stage (its function, the check of its
    findings and their messages) is added to it by rule code, timed around each call."""
    from finsam_rules.converter import structure
    from finsam_rules.engine import Engine
    from finsam_rules.intake import read_data
    from finsam_rules.loading import classify
    from finsam_rules.members import normalise
    from finsam_rules.model import Application, Association, Report
    from finsam_rules.plugins import build_registry
    from finsam_rules.policy import load_policy
    from finsam_rules.render.common import evaluation_data
    from finsam_rules.sanitize import json_safe

    engine = Engine(load_policy(build_registry()), strict=False, as_of=None)
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    with timed_rules(per_rule), open(os.devnull, "w", encoding="utf-8") as sink:
        for folder in portfolios(roots):
            t0 = clock()
            data = read_data(folder / "association.toml")
            t1 = clock()
            association: Association = structure(data, Association)
            spent["parse"] += t1 - t0
            spent["structure"] += clock() - t1
            applications: dict[str, Application] = {}
            for path in documents_of(folder):
                t0 = clock()
                data = read_data(path)
                cls = Report if classify(data) == "report" else Application
                t1 = clock()
                doc = structure(data, cls)
                if isinstance(doc, Application):
                    applications.setdefault(doc.id, doc)
                    doc = normalise(doc, association)
                t2 = clock()
                evaluation = engine.evaluate(doc, association, applications.get)
                t3 = clock()
                obj = evaluation_data(str(path), evaluation, "sv")
                t4 = clock()
                line = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                sink.write(",\n    " + json_safe(line))
                t5 = clock()
                spent["parse"] += t1 - t0
                spent["structure"] += t2 - t1
                spent["rules"] += t3 - t2
                spent["render"] += t4 - t3
                spent["output"] += t5 - t4
    return spent


@contextlib.contextmanager
def timed_rules(per_rule: dict[str, float] | None) -> Iterator[None]:
    """While inside, add each rule's CPU seconds (as the engine judges it) to ``per_rule``."""
    if per_rule is None:
        yield
        return
    from finsam_rules import engine

    judge = engine._judge
    clock = time.process_time

    def timed(rule: Any, subject: Any, check: Any) -> Any:
        start = clock()
        try:
            return judge(rule, subject, check)
        finally:
            per_rule[rule.code] = per_rule.get(rule.code, 0.0) + clock() - start

    engine._judge = timed
    try:
        yield
    finally:
        engine._judge = judge


def supports_jobs() -> bool:
    """Whether the installed ``finsam screen`` has ``--jobs``."""
    done = subprocess.run([FINSAM, "screen", "--help"], capture_output=True, text=True, check=False)
    return "--jobs" in done.stdout


def screen_command(roots: Sequence[Path], output: Path, jobs: int | None) -> list[str]:
    cmd = [FINSAM, "screen", *map(str, roots), "--format", "json", "--fail-on", "never"]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return [*cmd, "-o", str(output)]


def screen_once(roots: Sequence[Path], scratch: Path, jobs: int | None) -> Child:
    """One ``finsam screen --format json -o FILE`` (a new file each time)."""
    output = scratch / f"screen-{time.monotonic_ns()}.json"
    child = run_child(screen_command(roots, output, jobs))
    output.unlink(missing_ok=True)
    if child.code != 0:
        raise RuntimeError(
            f"finsam screen exited with {child.code}: {' '.join(screen_command(roots, output, jobs))}"
        )
    return child


def command_paths() -> list[list[str]]:
    """Every command of the installed ``finsam``, as argument lists (``[]`` is ``finsam``)."""
    import click

    from finsam_rules.cli import main as group

    found: list[list[str]] = []

    def walk(command: click.Command, path: list[str]) -> None:
        found.append(path)
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, name])

    walk(group, [])
    return found


def measure_startup_own(runs: int = 10) -> dict[str, float]:
    """Median wall seconds of ``python -c "import click"`` (key ``import click``) and of
    every command's ``--help`` and ``finsam --version``, run in turn ``runs`` times."""
    commands = {"import click": [sys.executable, "-c", "import click"]}
    commands["finsam --version"] = [FINSAM, "--version"]
    for path in command_paths():
        commands[" ".join(["finsam", *path, "--help"])] = [FINSAM, *path, "--help"]
    times = alternating(list(commands.values()), runs)
    return dict(zip(commands, times, strict=True))


def write_forms(root: Path, count: int) -> dict[str, list[Path]]:
    """``count`` generated applications (15 % with defects) as Excel, Word and TOML files."""
    from finsam_rules.intake.docx_form import write_docx
    from finsam_rules.intake.xlsx_writer import write_workbook

    association_data = association(2016)
    files: dict[str, list[Path]] = {"xlsx": [], "docx": [], "toml": []}
    for kind in files:
        (root / kind).mkdir(parents=True)
    for i in range(count):
        data = application(i, 2016, DEFECTS)
        name = f"a{i:05d}"
        contents = {
            "xlsx": write_workbook("application", data, association_data),
            "docx": write_docx("application", data, association_data),
            "toml": tomli_w.dumps(data).encode("utf-8"),
        }
        for kind, content in contents.items():
            path = root / kind / f"{name}.{kind}"
            path.write_bytes(content)
            files[kind].append(path)
    return files


def load_all(files: Sequence[Path]) -> float:
    """CPU seconds to load (read + structure) every document file."""
    from finsam_rules.loading import load_document

    start = time.process_time()
    for path in files:
        load_document(path)
    return time.process_time() - start


def measure_intake_own(root: Path, count: int, rounds: int) -> dict[str, float]:
    """Documents per second read from Excel, Word and TOML files of the same ``count``
    applications (median CPU time of alternating rounds)."""
    files = write_forms(root, count)
    load_all(files["toml"][:5] + files["xlsx"][:5] + files["docx"][:5])  # imports, warm caches
    spent: dict[str, list[float]] = {kind: [] for kind in files}
    for _ in range(rounds):
        for kind, paths in files.items():
            spent[kind].append(load_all(paths))
    return {f"{kind}_per_s": count / median(times) for kind, times in spent.items()}


def optional(module: str, function: str) -> Callable[..., Any] | None:
    """``function`` of ``benchmarks/<module>.py`` if that file exists, else ``None``."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    measure = getattr(found, function, None)
    return measure if callable(measure) else None


def flat(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """The leaves of a nested dict as ``("a.b", value)`` pairs."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from flat(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, data


# -- the report ------------------------------------------------------------------------------


@attrs.define
class Row:
    """One printed line: what, the measured figure, its target and PASS/MISS ("" when the
    figure has no target; "n/a" when it could not be measured)."""

    name: str
    value: str
    target: str = ""
    status: str = ""
    figures: dict[str, float] = attrs.field(factory=dict)


@attrs.define
class Section:
    key: str
    title: str
    rows: list[Row] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    source: str = "benchmarks/bench.py"


def new_report() -> dict[str, Section]:
    """An empty report: every section, none measured yet."""
    return {key: Section(key, TITLES[key]) for key in SECTIONS}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def text(report: dict[str, Section], header: Sequence[str] = ()) -> str:
    """The report as plain text: a table per section."""
    lines = list(header)
    for number, key in enumerate(SECTIONS, 1):
        section = report[key]
        source = "" if section.source == "benchmarks/bench.py" else f" [measured by {section.source}]"
        lines += ["", f"{number}. {section.title}{source}"]
        if not section.rows:
            lines.append("   not measured")
        width = max((len(row.name) for row in section.rows), default=0)
        vwidth = max((len(row.value) for row in section.rows), default=0)
        for row in section.rows:
            target = f"target {row.target}" if row.target else ""
            line = f"   {row.name:<{width}}  {row.value:<{vwidth}}  {target:<18} {row.status}"
            lines.append(line.rstrip())
        for note in section.notes:
            lines += textwrap.wrap(note, 100, initial_indent="   ", subsequent_indent="     ")
    return "\n".join(lines) + "\n"


def as_json(report: dict[str, Section], machine: dict[str, Any]) -> dict[str, Any]:
    return {"machine": machine, "sections": {key: attrs.asdict(report[key]) for key in SECTIONS}}


def ratio_row(name: str, seconds: float, floor: float, limit: float, kind: str) -> Row:
    ratio = seconds / floor
    return Row(
        name,
        f"{seconds:.2f} s {kind} = {ratio:.2f}x the floor",
        f"<= {limit:.2f}x",
        verdict(ratio <= limit),
        {"seconds": seconds, "ratio": ratio},
    )


def fill_screen(
    report: dict[str, Section],
    floor: Sequence[float],
    one: Sequence[Child],
    every: Sequence[Child],
    jobs: bool,
    cores: int,
    files: int,
    mb: float,
    documents: int,
) -> None:
    """The parse floor and the CLI's figures against it."""
    base = median(floor)
    report["floor"].rows.append(
        Row(f"tomllib, {files} files ({mb:.1f} MB)", f"{base:.2f} s CPU", "", "", {"seconds": base})
    )
    section = report["screen"]
    label = "--jobs 1" if jobs else "(no --jobs: one process)"
    cpu = median([c.cpu for c in one])
    wall = median([c.wall for c in one])
    section.rows.append(ratio_row(f"{label}, CPU (user + sys)", cpu, base, 1.0, "CPU"))
    section.rows.append(
        Row(
            f"{label}, wall",
            f"{wall:.2f} s = {documents / wall:,.0f} documents/s".replace(",", " "),
            figures={"seconds": wall},
        )
    )
    if jobs:
        section.rows.append(
            ratio_row(f"--jobs {cores}, wall", median([c.wall for c in every]), base, 0.6, "wall")
        )
    else:
        section.rows.append(Row(f"--jobs {cores}, wall", "not available", "<= 0.60x", "n/a"))
        section.notes.append("the installed finsam screen has no --jobs option")


#: Rules shown by name in the stages section, the costliest first.
TOP_RULES = 6


def fill_stages(
    report: dict[str, Section],
    rounds: Sequence[dict[str, float]],
    floor: float,
    cli: float,
    per_rule: dict[str, float] | None = None,
) -> None:
    section = report["stages"]
    stages = {stage: median([r[stage] for r in rounds]) for stage in STAGES}
    total = sum(stages.values())
    for stage, seconds in stages.items():
        share = seconds / total if total else 0.0
        section.rows.append(
            Row(
                stage,
                f"{seconds:.2f} s = {seconds / floor:.2f}x the floor, {share:.0%} of the sum",
                figures={"seconds": seconds, "ratio": seconds / floor},
            )
        )
    section.rows.append(
        Row(
            "sum of the stages",
            f"{total:.2f} s = {total / floor:.2f}x the floor, {total / cli:.2f}x the CLI's CPU",
            figures={"seconds": total, "ratio": total / floor},
        )
    )
    if per_rule:
        timed = sum(per_rule.values())
        for code, seconds in sorted(per_rule.items(), key=lambda item: -item[1])[:TOP_RULES]:
            section.rows.append(
                Row(
                    f"  rule {code}",
                    f"{seconds:.2f} s = {seconds / floor:.2f}x the floor, {seconds / timed:.0%} of the rules",
                    figures={"seconds": seconds, "ratio": seconds / floor},
                )
            )
    section.notes.append(
        "parse = read + TOML (the package's parser) + checks; structure = cattrs and member ids; "
        "rules = every rule in context; render = the JSON objects; output = encoded and written"
    )
    if per_rule:
        section.notes.append(
            "rule X: one extra pass, each rule timed around its call (function, checks of its "
            "findings, their messages); the rest of the rules stage is the engine's own work"
        )


#: Peak memory counts as flat when the largest batch needs at most this much more.
FLAT = 1.2


def fill_memory(report: dict[str, Section], peaks: dict[int, float], label: str = "") -> None:
    section = report["memory"]
    prefix = f"{label}: " if label else ""
    for documents, mib in peaks.items():
        section.rows.append(Row(f"{prefix}{documents} documents", f"{mib:.0f} MiB", figures={"mib": mib}))
    if len(peaks) > 1:
        growth = max(peaks.values()) / min(peaks.values())
        section.rows.append(
            Row(
                f"{prefix}largest against smallest",
                f"{growth:.2f}x",
                f"<= {FLAT:.2f}x (flat)",
                verdict(growth <= FLAT),
            )
        )


BOARD_LIMIT_MIB = 60.0


def fill_board(report: dict[str, Section], runs: dict[str, list[Child]], projects: int, reports: int) -> None:
    section = report["board"]
    for fmt, children in runs.items():
        cpu, wall = median([c.cpu for c in children]), median([c.wall for c in children])
        mib = median([c.peak_mib for c in children])
        failed = [c.code for c in children if c.code != 0]
        value = f"{cpu:.2f} s CPU, {wall:.2f} s wall, {mib:.0f} MiB"
        if failed:
            value += f" (exit {failed[0]})"
        section.rows.append(
            Row(
                f"--format {fmt}",
                value,
                f"<= {BOARD_LIMIT_MIB:.0f} MiB",
                verdict(mib <= BOARD_LIMIT_MIB and not failed),
                {"cpu": cpu, "wall": wall, "mib": mib},
            )
        )
    section.notes.append(f"{projects} projects with {reports} reports; memory is the child's peak RSS")
    if "pdf" in runs and len(runs["pdf"]) < max(len(c) for c in runs.values()):
        section.notes.append("pdf: one run (WeasyPrint takes minutes); the other formats: medians")


def fill_external(
    section: Section, results: dict[str, Any], judge: Callable[[str, float], Row | None]
) -> None:
    """Rows from a sibling benchmark's result: every leaf, judged where ``judge`` knows how."""
    for name, value in flat(results):
        row = judge(name, value) if isinstance(value, int | float) else None
        section.rows.append(row or Row(name, f"{value:.3f}" if isinstance(value, float) else str(value)))


STARTUP_LIMIT = 1.5


def fill_startup(report: dict[str, Section], times: dict[str, float]) -> None:
    """Start-up rows from command -> seconds with an ``import click`` baseline (or, without
    one, values already given as ratios)."""
    section = report["startup"]
    baseline = next((key for key in times if "click" in key), None)
    if baseline is None:
        fill_external(
            section,
            times,
            lambda name, value: (
                Row(name, f"{value:.2f}x", f"<= {STARTUP_LIMIT}x", verdict(value <= STARTUP_LIMIT))
                if "ratio" in name
                else None
            ),
        )
        return
    click = times[baseline]
    section.rows.append(Row("python -c 'import click'", f"{click * 1000:.0f} ms", figures={"seconds": click}))
    worst = 0.0
    for name, seconds in times.items():
        if name == baseline:
            continue
        ratio = seconds / click
        worst = max(worst, ratio)
        section.rows.append(
            Row(
                name,
                f"{seconds * 1000:.0f} ms = {ratio:.2f}x",
                f"<= {STARTUP_LIMIT}x",
                verdict(ratio <= STARTUP_LIMIT),
                {"seconds": seconds, "ratio": ratio},
            )
        )
    section.rows.append(
        Row("slowest command", f"{worst:.2f}x", f"<= {STARTUP_LIMIT}x", verdict(worst <= STARTUP_LIMIT))
    )


def fill_intake(report: dict[str, Section], rates: dict[str, float], count: int) -> None:
    section = report["intake"]
    toml = rates.get("toml_per_s")
    for kind in ("xlsx", "docx", "toml"):
        rate = rates.get(f"{kind}_per_s")
        if rate is None:
            continue
        value = f"{rate:.0f} documents/s"
        if toml and kind != "toml":
            value += f", {toml / rate:.1f}x the time of the same documents as TOML"
        section.rows.append(Row(kind, value, figures={"per_s": rate}))
    section.notes.append(f"{count} generated applications, each as .xlsx, .docx and .toml")


# -- earlier helpers, kept for scripts that import them --------------------------------------


def parse_only(root: Path) -> float:
    """Seconds to read, parse and convert every document: the cost of parsing alone."""
    from finsam_rules.loading import iter_paths, load_document

    start = time.perf_counter()
    for path in iter_paths([root]):
        if isinstance(path, Path):
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
    child = run_child(cmd)
    return child.wall, int(child.peak_mib)


def peak_rss(cmd: list[str]) -> int:
    """Peak RSS in MiB of one command (its own, not earlier children's)."""
    return int(run_child(cmd).peak_mib)


def startup(runs: int = 31) -> tuple[float, float]:
    """Median wall seconds of ``finsam --help`` and of ``python -c "import click"``."""
    times = alternating([[FINSAM, "--help"], [sys.executable, "-c", "import click"]], runs)
    return times[0], times[1]


# -- the run ---------------------------------------------------------------------------------


@contextlib.contextmanager
def guard(section: Section) -> Iterator[None]:
    """Run a section's measurement; if it fails (a changed package, a missing tool), say so
    in that section and go on with the others."""
    try:
        yield
    except Exception as exc:
        note = f"not measured: {type(exc).__name__}: {exc}"
        if note not in section.notes:
            section.notes.append(note)
        print(f"{section.key}: {note}", file=sys.stderr, flush=True)


def size(text: str) -> int:
    """``500``, ``2k`` or ``10k`` as a number of documents."""
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def batch_of(pool: Path, documents: int, target: Path) -> Path:
    """A batch of the first portfolios of ``pool`` holding ``documents`` documents (rounded
    up to whole portfolios), as hard links, so no file is generated twice."""
    wanted = -(-documents // PER_PORTFOLIO)
    for folder in portfolios([pool])[:wanted]:
        for source in [folder / "association.toml", *documents_of(folder)]:
            link = target / folder.name / source.relative_to(folder)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, link)
    return target


def count_documents(root: Path) -> int:
    return sum(len(documents_of(folder)) for folder in portfolios([root]))


def machine() -> dict[str, Any]:
    version = subprocess.run(
        [FINSAM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "python": sys.version.split()[0],
        "finsam": version,
        "commit": commit,
        "load_average": os.getloadavg()[0],
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Section]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and 1-2 rounds, for development")
    parser.add_argument("--documents", type=size, help="documents screened against the floor (10k)")
    parser.add_argument("--sizes", help="batch sizes for peak memory (1k,10k,50k)")
    parser.add_argument("--rounds", type=int, help="alternating rounds, the median reported (5)")
    parser.add_argument("--projects", type=int, help="projects in the board report's portfolio (200)")
    parser.add_argument("--reports", type=int, help="reports in the board report's portfolio (2400)")
    parser.add_argument("--forms", type=int, help="generated applications for intake (1000)")
    parser.add_argument("--formats", default=",".join(BOARD_FORMATS), help="board report formats (all five)")
    parser.add_argument("--startup-runs", type=int, help="runs of each command's start-up (10)")
    parser.add_argument("--sections", default=",".join(SECTIONS), help="sections to measure (all)")
    parser.add_argument("--own", action="store_true", help="ignore bench_startup/bench_board/bench_intake")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    quick = args.quick
    documents = args.documents or (2_000 if quick else 10_000)
    sizes = [size(s) for s in (args.sizes or ("500,2k,5k" if quick else "1k,10k,50k")).split(",")]
    rounds = args.rounds or (2 if quick else 5)
    projects = args.projects or (50 if quick else 200)
    reports = args.reports or (600 if quick else 2_400)
    forms = args.forms or (50 if quick else 1_000)
    startup_runs = args.startup_runs or (3 if quick else 10)
    formats = [fmt for fmt in args.formats.split(",") if fmt]
    if set(formats) - set(BOARD_FORMATS):
        parser.error(f"unknown formats: {args.formats} (known: {', '.join(BOARD_FORMATS)})")
    wanted = set(args.sections.split(","))
    unknown = wanted - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))} (known: {', '.join(SECTIONS)})")
    if "floor" in wanted or "stages" in wanted:
        wanted.add("screen")  # measured together, in alternating rounds
    info = machine()
    cores = info["nproc"]
    report = new_report()
    header = [
        f"finsam-rules benchmark: {info['finsam']} (commit {info['commit'] or '?'}), "
        f"python {info['python']}, nproc {cores}, load average {info['load_average']:.1f} at the start",
        f"{rounds} alternating rounds, medians; documents generated with {DEFECTS:.0%} defects",
    ]
    print("\n".join(header), flush=True)

    def external(name: str, function: str) -> Callable[..., Any] | None:
        return None if args.own else optional(name, function)

    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as tmp_name:
        tmp = Path(tmp_name)
        largest = max([documents, *sizes]) if "memory" in wanted else documents
        pool = tmp / "pool"
        if wanted & {"screen", "memory"}:
            print(f"generating {largest} documents ...", flush=True)
            write_batch(pool, -(-largest // PER_PORTFOLIO) * PER_PORTFOLIO, defects=DEFECTS)
        if "screen" in wanted:
            with guard(report["screen"]):
                batch = batch_of(pool, documents, tmp / "batch")
                n = count_documents(batch)
                files = toml_files([batch])
                mb = sum(f.stat().st_size for f in files) / 1e6
                jobs = supports_jobs()
                print(
                    f"screen: {n} documents in {len(portfolios([batch]))} portfolios, --jobs: {jobs} ...",
                    flush=True,
                )
                parse_floor(files)  # warm the file cache
                measure_stages(portfolios([batch])[:1])  # imports
                floor: list[float] = []
                one: list[Child] = []
                every: list[Child] = []
                staged: list[dict[str, float]] = []
                for _ in range(rounds):
                    floor.append(parse_floor(files))
                    one.append(screen_once([batch], tmp, 1 if jobs else None))
                    if jobs:
                        every.append(screen_once([batch], tmp, cores))
                    with guard(report["stages"]):
                        staged.append(measure_stages([batch]))
                fill_screen(report, floor, one, every, jobs, cores, len(files), mb, n)
                report["screen"].notes.append(
                    f"{n} documents in {len(portfolios([batch]))} portfolios of {PER_PORTFOLIO}"
                )
                per_rule: dict[str, float] = {}
                with guard(report["stages"]):
                    measure_stages([batch], per_rule)
                if staged:
                    fill_stages(report, staged, median(floor), median([c.cpu for c in one]), per_rule)
        if "memory" in wanted:
            with guard(report["memory"]):
                # One process streams (the flat-memory figure); with --jobs the main process
                # also holds the list of paths it plans the chunks from.
                roots = {count: batch_of(pool, count, tmp / f"size-{count}") for count in sizes}
                for jobs_arg in [1, None] if supports_jobs() else [None]:
                    label = "--jobs 1" if jobs_arg == 1 else "default --jobs"
                    peaks: dict[int, float] = {}
                    for count, root in roots.items():
                        print(f"memory: {count} documents, {label} ...", flush=True)
                        peaks[count_documents(root)] = screen_once([root], tmp, jobs_arg).peak_mib
                    fill_memory(report, peaks, label)
                report["memory"].notes.append("finsam screen --format json -o FILE")
        if "board" in wanted:
            with guard(report["board"]):
                print(f"board: {projects} projects, {reports} reports ...", flush=True)
                measure_board = external("bench_board", "measure_board")
                if measure_board is not None:
                    report["board"].source = "benchmarks/bench_board.py"
                    fill_external(
                        report["board"], measure_board(projects, reports, tuple(formats)), board_judge
                    )
                else:
                    big = tmp / "portfolio"
                    write_portfolio(big, projects, reports, defects=DEFECTS)
                    runs: dict[str, list[Child]] = {fmt: [] for fmt in formats}
                    for number in range(rounds):
                        for fmt in formats:
                            if fmt == "pdf" and number > 0:
                                continue  # a PDF takes minutes: one run
                            out = tmp / f"board-{time.monotonic_ns()}.{fmt}"
                            runs[fmt].append(
                                run_child([FINSAM, "report", str(big), "--format", fmt, "-o", str(out)])
                            )
                            out.unlink(missing_ok=True)
                    fill_board(report, runs, projects, reports)
        if "intake" in wanted:
            with guard(report["intake"]):
                print(f"intake: {forms} applications as forms ...", flush=True)
                measure_intake = external("bench_intake", "measure_intake")
                if measure_intake is not None:
                    report["intake"].source = "benchmarks/bench_intake.py"
                    results = measure_intake(forms)
                    fill_intake(report, results, forms)
                    known = {"xlsx_per_s", "docx_per_s", "toml_per_s"}
                    rest = {key: value for key, value in results.items() if key not in known}
                    fill_external(report["intake"], rest, lambda name, value: None)
                else:
                    fill_intake(report, measure_intake_own(tmp / "forms", forms, rounds), forms)
    if "startup" in wanted:
        with guard(report["startup"]):
            print("start-up ...", flush=True)
            measure_startup = external("bench_startup", "measure_startup")
            if measure_startup is not None:
                report["startup"].source = "benchmarks/bench_startup.py"
                fill_startup(report, measure_startup())
            else:
                fill_startup(report, measure_startup_own(startup_runs))
                report["startup"].notes.append(f"wall time, median of {startup_runs} runs in turn")
    info["load_average_end"] = os.getloadavg()[0]
    header.append(f"load average {info['load_average_end']:.1f} at the end")
    print(text(report, header))
    if args.json is not None:
        settings = {"documents": documents, "sizes": sizes, "rounds": rounds, "projects": projects}
        settings |= {"reports": reports, "formats": formats, "forms": forms, "startup_runs": startup_runs}
        data = as_json(report, info) | {"settings": settings}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return report


def board_judge(name: str, value: float) -> Row | None:
    """A sibling board benchmark's memory figures, judged against the 60 MiB target."""
    if any(word in name.lower() for word in ("mib", "rss", "memory", "peak")):
        return Row(
            name, f"{value:.0f} MiB", f"<= {BOARD_LIMIT_MIB:.0f} MiB", verdict(value <= BOARD_LIMIT_MIB)
        )
    return None


if __name__ == "__main__":
    main()
