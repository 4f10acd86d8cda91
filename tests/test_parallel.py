"""``finsam screen --jobs N``: portfolios screened in parallel processes give exactly what
one process gives, byte for byte, in every format, in the decision records, on standard
error and in the exit code.

The examples (the Mölndal-Partille-Härryda-Lerum-Alingsås portfolio of 2016, its second
year, a closed year and the screening examples) are copied into a temporary folder and
screened with ``--jobs 1`` and ``--jobs 2``. They are few files, so the thresholds that keep
a small batch in one process are lowered here, and each portfolio is its own task.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import finsam_rules.parallel as parallel
from finsam_rules.cli import main
from finsam_rules.loading import iter_paths
from finsam_rules.parallel import ParallelScreener, default_jobs
from finsam_rules.plugins import Registry, build_registry
from finsam_rules.rules import Scope, Severity, explain, plan, rule
from tests.test_trust_packs import pack_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PORTFOLIOS = ("mphla-2016", "second-year", "closed-year-2018", "screening")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """The example portfolios, copied (no input is ever written, but tests keep apart),
    with the policy files mphla-2016 extends beside them."""
    root = tmp_path / "forbund"
    for name in (*PORTFOLIOS, "policy-mphla"):
        shutil.copytree(EXAMPLES / name, root / name)
    return root


def _paths(root: Path) -> list[str]:
    """The portfolios, each named on the command line."""
    return [str(root / name) for name in PORTFOLIOS]


@pytest.fixture
def submitted(monkeypatch) -> list[tuple[int, int]]:
    """Every portfolio its own task, and every batch worth forking for; the tasks sent."""
    monkeypatch.setattr(parallel, "MIN_FILES", 0)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 1)
    sent: list[tuple[int, int]] = []

    class Counted(parallel.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            sent.append(args)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Counted)
    return sent


def _run(args: list[str], env: dict[str, str]) -> tuple[int, bytes, str]:
    result = CliRunner(env=env).invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def _portfolios(root: Path) -> int:
    """How many of the portfolios hold documents."""
    found = iter_paths([Path(p) for p in _paths(root)])
    return len({p.relative_to(root).parts[0] for p in found if isinstance(p, Path)})


def _folder(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "extra",
    [
        ("--format", "text", "--group-by", "path"),
        ("--format", "text", "--group-by", "verdict", "--lang", "en"),
        ("--format", "json"),
        ("--format", "markdown", "--fail-on", "warning"),
        ("--format", "letter"),
        ("--format", "pdf"),
    ],
    ids=["text", "text-by-verdict-en", "json", "markdown", "letter", "pdf"],
)
def test_every_format_and_the_records_are_byte_identical(
    extra: tuple[str, ...], batch: Path, tmp_path: Path, submitted, standard_env
) -> None:
    """Standard output, standard error, the exit code and every decision record are the
    same with two processes as with one, and the work was in fact shared out."""
    runs = []
    for jobs in ("1", "2"):
        records = tmp_path / f"records-{jobs}"
        out = tmp_path / f"out-{jobs}.pdf"
        target = ["-o", str(out)] if "pdf" in extra else []
        args = ["screen", *_paths(batch), *extra, *target, "--record", str(records), "--jobs", jobs]
        code, stdout, stderr = _run(args, standard_env)
        runs.append((code, out.read_bytes() if target else stdout, stderr, _folder(records)))
    assert len(submitted) == _portfolios(batch)  # one task per portfolio, by --jobs 2 only
    one, two = runs
    assert one[3] and one[0] in (1, 3)  # findings; the screening examples share record names
    assert one == two


def test_waivers_letters_as_files_and_fail_on_are_identical(
    batch: Path, tmp_path: Path, submitted, standard_env
) -> None:
    """The board's waivers of 2016 applied, the letters written as Word files, and the exit
    code of ``--fail-on warning``: the same with two processes."""
    waivers = batch / "mphla-2016" / "undantag.toml"
    runs = []
    for jobs in ("1", "2"):
        letters = tmp_path / f"letters-{jobs}"
        args = ["screen", *_paths(batch), "--format", "letter", "-o", str(letters), "--letter-format", "docx"]
        code, stdout, stderr = _run(
            [*args, "--waivers", str(waivers), "--fail-on", "warning", "--jobs", jobs], standard_env
        )
        runs.append((code, stdout, stderr, _folder(letters)))
    assert submitted
    assert runs[0][3] and runs[0][0] in (1, 3)
    assert runs[0] == runs[1]


def test_unreadable_inputs_are_reported_in_their_place(batch: Path, submitted, standard_env) -> None:
    """A broken association.toml, a document that is no TOML and a path that does not
    exist: their messages come on standard error where one process gives them, and the
    exit code says an input could not be read."""
    (batch / "second-year" / "association.toml").write_text("name = ", encoding="utf-8")
    (batch / "screening" / "applications" / "trasig.toml").write_text("[id\n", encoding="utf-8")
    missing = batch / "finns-inte.toml"
    runs = [
        _run(["screen", *_paths(batch), str(missing), "--format", "json", "--jobs", jobs], standard_env)
        for jobs in ("1", "2")
    ]
    assert runs[0][0] == 3 and "trasig.toml" in runs[0][2]
    assert runs[0] == runs[1]


def _slow_or_loud(app, check):  # type: ignore[no-untyped-def]
    """Prints for every application, hangs on one, raises a BaseException on another."""
    print(f"tittar på {app.id}")
    if app.id == "2016/0012":
        while True:
            pass
    if app.requested > 5_000_000:
        raise SystemExit(3)
    yield check.note("found", x=app.id)


SLOW = rule(
    code="ZZ900",
    name="slow-or-loud",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Testplan"),
    title={"sv": "Test", "en": "Test"},
    messages={"found": {"sv": "Hittade {x}", "en": "Found {x}"}},
    explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
)(_slow_or_loud)


def test_pack_isolation_holds_inside_the_workers(
    batch: Path, tmp_path: Path, submitted, monkeypatch, standard_env
) -> None:
    """A rule that prints, runs past its time limit or exits is judged inside each worker
    exactly as in one process: not evaluated, named on standard error in its place."""
    registry = build_registry(extra_plugins=[("finsam-test", pack_of(SLOW))])
    monkeypatch.setattr("finsam_rules.cli._registry", lambda strict, lang: registry)
    policy = tmp_path / "policy.toml"
    # A limit well above what any other rule takes on a loaded machine, so only the hang hits it.
    policy.write_text('[policy]\nname = "test"\nrule_time_limit = 1.5\n', encoding="utf-8")
    runs = []
    for jobs in ("1", "2"):
        args = ["screen", *_paths(batch), "--format", "json", "--policy", str(policy), "--jobs", jobs]
        runs.append(_run(args, standard_env))
    assert submitted
    code, stdout, stderr = runs[0]
    assert b"ZZ900" in stdout and "tittar p" in stderr and code == 3  # closed-year-2018: no documents
    assert stdout.count(b"rule_time_limit") >= 1 and stdout.count(b"SystemExit") >= 2
    assert runs[0] == runs[1]


def test_a_crash_under_strict_ends_the_run_at_the_same_document(
    batch: Path, submitted, monkeypatch, standard_env
) -> None:
    """Under ``--strict`` the first rule that fails ends the run with exit 4, after the same
    documents, with the same message."""

    def fails(app, check):  # type: ignore[no-untyped-def]
        if app.id == "2017/0110":
            raise ValueError("trasig regel")
        yield from ()

    crash = rule(
        code="ZZ901",
        name="fails",
        scope=Scope.APPLICATION,
        severity=Severity.ERROR,
        source=plan("Testplan"),
        title={"sv": "Test", "en": "Test"},
        messages={"found": {"sv": "Hittade {x}", "en": "Found {x}"}},
        explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
    )(fails)
    registry = build_registry(extra_plugins=[("finsam-test", pack_of(crash))])
    monkeypatch.setattr("finsam_rules.cli._registry", lambda strict, lang: registry)
    runs = [
        _run(
            ["screen", *_paths(batch), "--format", "text", "--group-by", "path", "--strict", "--jobs", jobs],
            standard_env,
        )
        for jobs in ("1", "2")
    ]
    code, stdout, stderr = runs[0]
    assert code == 4 and "ZZ901" in stderr and "trasig regel" in stderr and b"2016/0012" in stdout
    assert runs[0] == runs[1]


def _registry() -> Registry:
    return build_registry(extra_plugins=[])


def test_a_portfolio_is_never_split_and_a_small_batch_stays_in_one_process(batch: Path, monkeypatch) -> None:
    """Tasks are whole portfolios; fewer files than are worth a fork, or a portfolio whose
    files the walk gives in two runs, are screened in one process."""
    screener = ParallelScreener(_registry(), jobs=2)
    items = list(iter_paths([Path(p) for p in _paths(batch)]))
    assert screener._chunks(items) == [(0, len(items))]  # a few dozen files: one process
    monkeypatch.setattr(parallel, "MIN_FILES", 0)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 1)
    chunks = screener._chunks(items)
    assert len(chunks) == _portfolios(batch) >= 3
    for start, end in chunks:
        roots = {Path(str(p)).relative_to(batch).parts[0] for p in items[start:end] if isinstance(p, Path)}
        assert len(roots) == 1
    mphla = batch / "mphla-2016"
    split = list(iter_paths([mphla / "applications", batch / "screening"])) + list(
        iter_paths([mphla / "reports"])
    )
    assert screener._chunks(split) == [(0, len(split))]


def test_the_default_is_the_machines_cores() -> None:
    assert default_jobs() >= 1
    if hasattr(__import__("os"), "sched_getaffinity"):
        assert default_jobs() == len(__import__("os").sched_getaffinity(0))


def test_the_help_names_the_option(standard_env) -> None:
    result = CliRunner(env=standard_env).invoke(main, ["screen", "--help", "--lang", "sv"])
    assert "--jobs" in result.output


if sys.platform == "win32":  # pragma: no cover - no fork: one process
    pytestmark = pytest.mark.skip("no fork on this platform")

_ = time  # the time limit tests rely on the policy's limit, not on a clock here


def test_the_main_process_keeps_the_walk_as_names_and_gives_back_the_same_paths(
    batch: Path, tmp_path: Path, monkeypatch
) -> None:
    """While the chunks are planned, a file is kept as its name (its folder once), and each
    chunk, cut at a portfolio's first file, gives back exactly the paths the walk gave:
    path problems, standard input and files named on their own included."""
    from finsam_rules.loading import STDIN

    monkeypatch.setattr(parallel, "MIN_FILES", 0)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 1)
    lone = batch / "screening" / "applications"
    given = [
        *(Path(p) for p in _paths(batch)),
        tmp_path / "missing.toml",
        Path("-"),
        next(lone.glob("*.toml")),
    ]
    items = list(iter_paths(given))
    assert STDIN in items and any(isinstance(item, parallel.PathProblem) for item in items)
    walk, chunks = ParallelScreener(_registry(), jobs=2)._planned(given)

    def shown(found: list[Path | parallel.PathProblem]) -> list[object]:
        return [
            ("problem", str(item.error)) if isinstance(item, parallel.PathProblem) else (item is STDIN, item)
            for item in found
        ]

    assert shown(list(parallel._expanded(walk))) == shown(items)
    assert sum(isinstance(entry, tuple) for entry in walk) < len(items) / 2  # folders once
    assert len(chunks) > 3
    for start, end in chunks:
        assert shown(list(parallel._expanded(walk[start:end]))) == shown(items[start:end])


def test_results_are_sent_by_their_field_values_and_arrive_equal() -> None:
    """The workers pickle attrs' slotted instances as their values in field order (faster
    than attrs' dict by name); a class with its own pickling, or not attrs, goes as usual."""
    import pickle

    from finsam_rules.loading import load_document

    document = load_document(EXAMPLES / "mphla-2016" / "applications" / "2016-0004-aktiv.toml")
    assert parallel._values_getter(type(document)) is not None
    assert parallel._values_getter(Own) is None
    assert parallel._values_getter(Path) is None
    sent = parallel._dumps([document, Own(3), Path("x")])
    assert pickle.loads(sent) == [document, Own(3), Path("x")]
    assert len(parallel._dumps(document)) < len(pickle.dumps(document, pickle.HIGHEST_PROTOCOL))


@attrs.frozen
class Own:
    """An attrs class with its own pickling (the value sent ten times over)."""

    value: int

    def __getstate__(self) -> dict[str, int]:
        return {"value": self.value * 10}

    def __setstate__(self, state: dict[str, int]) -> None:
        object.__setattr__(self, "value", state["value"] // 10)
