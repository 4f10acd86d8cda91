"""The same inputs give byte-identical outputs, on any machine, in any order of creation.

The installed ``finsam`` runs in subprocesses on a small portfolio built in ``tmp_path``, under
environments that differ in locale (``LC_ALL=C``, ``sv_SE.UTF-8``, ``C.UTF-8``), time zone
(``UTC``, ``Pacific/Auckland``) and hash seed (``PYTHONHASHSEED=0``, ``12345``); standard
output, standard error, exit codes and decision records must be identical bytes.

What the order of paths guarantees:

- the paths given are taken in sorted order and folders are walked in sorted path order, so
  the output is byte-identical whatever order the paths are given in and whatever order the
  files were created in, and documents come out sorted by path;
- naming a folder's files one by one gives the same bytes as naming the folder;
- a document is judged the same whether it is screened alone or with the rest of its
  portfolio (a report finds its application either way).
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from finsam_rules.templates import template

FINSAM = Path(sys.executable).parent / "finsam"
D = dt.date

#: The reference environment and the variations, one factor at a time and all at once.
BASE_ENV = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC", "PYTHONHASHSEED": "0"}
VARIANTS = {
    "LC_ALL=C": {"LC_ALL": "C", "LANG": "C"},
    "LC_ALL=sv_SE.UTF-8": {"LC_ALL": "sv_SE.UTF-8", "LANG": "sv_SE.UTF-8"},
    "TZ=Pacific/Auckland": {"TZ": "Pacific/Auckland"},
    "PYTHONHASHSEED=12345": {"PYTHONHASHSEED": "12345"},
    "all at once": {
        "LC_ALL": "sv_SE.UTF-8",
        "LANG": "sv_SE.UTF-8",
        "TZ": "Pacific/Auckland",
        "PYTHONHASHSEED": "12345",
    },
}

pytestmark = pytest.mark.skipif(not FINSAM.is_file(), reason=f"{FINSAM} is not installed")


def environment(overrides: dict[str, str]) -> dict[str, str]:
    """The current environment without locale settings, plus the standard pack only, the
    reference settings and ``overrides``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not (
            k.startswith("LC_")
            or k in ("LANG", "LANGUAGE", "TZ", "PYTHONHASHSEED", "PYTHONUTF8", "PYTHONIOENCODING")
        )
    }
    env.update({"FINSAM_RULES_PLUGINS": "finsam-rules", **BASE_ENV, **overrides})
    return env


def finsam(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """Run the installed ``finsam``; its exit code, standard output and standard error."""
    done = subprocess.run(
        [str(FINSAM), *args],
        cwd=cwd,
        env=environment(env or {}),
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    return done.returncode, done.stdout, done.stderr


def under_every_environment(cwd: Path, *args: str) -> dict[str, tuple[int, bytes, bytes]]:
    """The same command under the reference environment and every variation, in parallel."""
    names = ["reference", *VARIANTS]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = pool.map(lambda name: finsam(cwd, *args, env=VARIANTS.get(name, {})), names)
        return dict(zip(names, results, strict=True))


def assert_identical(results: dict[str, tuple[int, bytes, bytes]]) -> None:
    reference = results["reference"]
    assert reference[1], "no output at all"
    for name, result in results.items():
        assert result[0] == reference[0], f"{name}: exit code {result[0]} != {reference[0]}"
        assert result[1] == reference[1], f"{name}: standard output differs"
        assert result[2] == reference[2], f"{name}: standard error differs"


# -- the portfolio --------------------------------------------------------------------------


def portfolio_files() -> dict[str, str]:
    """Relative path -> TOML text of a small portfolio with findings of every severity, a
    report below target, text that needs escaping and one unreadable file."""
    assoc = template("association")
    assoc["members"] += [
        {
            "id": "lerum",
            "name": "Lerums kommun",
            "kind": "municipality",
            "contribution": 700_000,
            "population": 40_000,
        },
        {
            "id": "partille",
            "name": "Partille kommun",
            "kind": "municipality",
            "contribution": 650_000,
            "population": 37_000,
        },
    ]
    first = template("application")
    first["decision"] = {
        "status": "granted",
        "amount": 1_800_000,
        "date": D(2017, 6, 15),
        "reports_required": [D(2017, 12, 31), D(2018, 6, 30)],
    }
    second = copy.deepcopy(first)
    second.update(
        id="2017/0002",
        title="Unga vuxna – «Lerum» & Partille <i>ny</i> | test",
        kind="pre_study",
        owner="lerum",
        parties=["lerum", "partille", "fk"],
        municipalities=["lerum", "partille"],
        steering_group=["lerum", "fk"],
        gender_analysis="Kort.",
        attachments=["budget"],
    )
    second["period"] = {"start": D(2017, 3, 1), "end": D(2017, 12, 31)}
    second["budget"] = [
        {"year": 2017, "personnel": 300_000, "premises": 0, "other": 20_000, "total": 330_000}
    ]
    second["requested"] = 320_000
    third = copy.deepcopy(first)
    third.update(
        id="2017/0003",
        title="Länsövergripande Åtgärd ÄÖ",
        owner="region",
        parties=["region", "fk", "af"],
        county_wide=True,
        outcome_targets=[],
        planned_participants={"total": 40, "women": 40, "men": 0},
        steering_group=["region", "fk", "af", "molndal"],
    )
    del third["municipalities"]
    third["period"] = {"start": D(2016, 1, 1), "end": D(2019, 6, 30)}
    third["budget"] = [
        {"year": y, "personnel": 100_000, "premises": 0, "other": 0, "total": 100_000}
        for y in (2016, 2017, 2018, 2019)
    ]
    third["requested"] = 400_000
    report = template("report")
    report["period"] = {"start": D(2017, 9, 1), "end": D(2017, 12, 31)}
    report["outcomes"] = {
        "work": 3,
        "studies": 1,
        "further_rehabilitation": 2,
        "job_seeking": 4,
        "ongoing": 10,
        "dropped_out": 2,
    }
    skewed = template("report")
    skewed.update(
        project="2017/0003",
        kind="final",
        participants={"women": 30, "men": 4, "unknown": 2},
        outcomes={
            "work": 20,
            "studies": 5,
            "dropped_out": 11,
            "women": {"work": 18, "studies": 5, "dropped_out": 7},
            "men": {"work": 2, "dropped_out": 2},
        },
        comment="Kvinnor dominerar – «remisserna» | se bilaga.",
    )
    skewed["period"] = {"start": D(2017, 1, 1), "end": D(2017, 12, 31)}
    skewed["costs"] = {"personnel": 90_000, "premises": 0, "other": 30_000, "total": 120_000}
    skewed["budget"] = {"personnel": 100_000, "premises": 0, "other": 0, "total": 100_000}
    return {
        "association.toml": tomli_w.dumps(assoc),
        "applications/2017-0001-nytt.toml": tomli_w.dumps(first),
        "applications/2017-0002-unga vuxna.toml": tomli_w.dumps(second),
        "applications/lan/2017-0003-länet.toml": tomli_w.dumps(third),
        "applications/trasig.toml": tomli_w.dumps({**first, "id": "2017/0009", "titel": "x"}),
        "reports/2017/nytt-2017-12.toml": tomli_w.dumps(report),
        "reports/2017/länet-slut.toml": tomli_w.dumps(skewed),
    }


def build(root: Path, order: list[str] | None = None, seed: int = 0) -> Path:
    """Write the portfolio under ``root`` in ``order`` (default: as listed), with
    modification times shuffled by ``seed``."""
    files = portfolio_files()
    rng = random.Random(seed)
    for name in order or list(files):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[name], encoding="utf-8")
        stamp = 1_500_000_000 + rng.randrange(10**8)
        os.utime(path, (stamp, stamp))
    return root


@pytest.fixture
def portfolio(tmp_path) -> Path:
    """The portfolio, as ``tmp_path/portfolio``; commands run with ``cwd=tmp_path``."""
    return build(tmp_path / "portfolio")


def documents(root: Path) -> list[str]:
    """The portfolio's documents (not association.toml), relative to its parent, sorted."""
    return sorted(
        p.relative_to(root.parent).as_posix() for p in root.rglob("*.toml") if p.name != "association.toml"
    )


SCREEN_FORMATS = ["text", "markdown", "json", "letter"]


# -- environment ------------------------------------------------------------------------------


class TestEnvironmentDoesNotMatter:
    """Locale, time zone and hash seed change nothing in any output."""

    def test_the_portfolio_has_something_to_say(self, portfolio):
        code, out, err = finsam(portfolio.parent, "screen", "portfolio", "--format", "json")
        assert code == 3  # the unreadable file
        data = json.loads(out)
        assert data["summary"]["documents"] == 5
        assert {d["verdict"] for d in data["documents"]} >= {"komplettering krävs"}
        assert sum(len(d["findings"]) for d in data["documents"]) >= 10
        assert b"trasig.toml" in err

    @pytest.mark.parametrize("fmt", SCREEN_FORMATS)
    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_screen(self, portfolio, fmt, lang):
        assert_identical(
            under_every_environment(portfolio.parent, "screen", "portfolio", "--format", fmt, "--lang", lang)
        )

    @pytest.mark.parametrize(
        "fmt",
        [
            "json",
            pytest.param(
                "markdown",
                marks=pytest.mark.skipif(
                    importlib.util.find_spec("finsam_rules.render.board_html") is None,
                    reason="the board renderers are not written yet",
                ),
            ),
            pytest.param(
                "html",
                marks=pytest.mark.skipif(
                    importlib.util.find_spec("finsam_rules.render.board_html") is None,
                    reason="the board renderers are not written yet",
                ),
            ),
        ],
    )
    def test_board_report(self, portfolio, fmt):
        assert_identical(under_every_environment(portfolio.parent, "report", "portfolio", "--format", fmt))

    def test_decision_records(self, portfolio):
        """Records hold hashes, policy values and findings; none depends on the machine."""
        tmp = portfolio.parent
        runs = {}
        for name, overrides in (("reference", {}), *VARIANTS.items()):
            target = f"records-{len(runs)}"
            finsam(tmp, "screen", "portfolio", "--record", target, env=overrides)
            runs[name] = {p.name: p.read_bytes() for p in sorted((tmp / target).glob("*.json"))}
        assert len(runs["reference"]) == 5
        for name, records in runs.items():
            assert records == runs["reference"], name


# -- order ------------------------------------------------------------------------------------


class TestOrderDoesNotMatter:
    """Creation order never matters; command-line order only orders the output."""

    @pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
    def test_the_same_folder_whatever_the_creation_order(self, tmp_path, fmt):
        root = tmp_path / "portfolio"
        names = list(portfolio_files())
        outputs = []
        for seed, order in enumerate([names, names[::-1], random.Random(7).sample(names, len(names))]):
            if root.exists():
                shutil.rmtree(root)
            build(root, order, seed)
            outputs.append(finsam(tmp_path, "screen", "portfolio", "--format", fmt))
        assert outputs[0][1]
        assert outputs[1] == outputs[0]
        assert outputs[2] == outputs[0]

    def test_the_board_report_whatever_the_creation_order(self, tmp_path):
        root = tmp_path / "portfolio"
        names = list(portfolio_files())
        build(root, names, 1)
        first = finsam(tmp_path, "report", "portfolio", "--format", "json")
        shutil.rmtree(root)
        build(root, names[::-1], 2)
        assert finsam(tmp_path, "report", "portfolio", "--format", "json") == first

    def test_a_folder_is_screened_in_sorted_path_order(self, portfolio):
        _, out, _ = finsam(portfolio.parent, "screen", "portfolio", "--format", "json")
        data = json.loads(out)
        paths = [d["path"] for d in data["documents"]]
        assert paths == sorted(paths)
        assert sorted(paths + [e["path"] for e in data["errors"]]) == documents(portfolio)

    @pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
    def test_a_folder_and_its_files_in_sorted_order_give_identical_bytes(self, portfolio, fmt):
        whole = finsam(portfolio.parent, "screen", "portfolio", "--format", fmt)
        one_by_one = finsam(portfolio.parent, "screen", *documents(portfolio), "--format", fmt)
        assert one_by_one == whole

    @pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
    @pytest.mark.parametrize("seed", [1, 2])
    def test_the_command_line_order_does_not_change_a_byte(self, portfolio, fmt, seed):
        files = documents(portfolio)
        in_order = finsam(portfolio.parent, "screen", *files, "--format", fmt)
        shuffled = random.Random(seed).sample(files, len(files))
        assert shuffled != files
        assert finsam(portfolio.parent, "screen", *shuffled, "--format", fmt) == in_order

    def test_folders_and_files_in_any_order(self, tmp_path):
        build(tmp_path / "a")
        build(tmp_path / "b", seed=3)
        extra = "b/applications/2017-0001-nytt.toml"
        ab = finsam(tmp_path, "screen", "a", "b", "--format", "json")
        ba = finsam(tmp_path, "screen", "b", "a", "--format", "json")
        assert ab == ba
        assert json.loads(ab[1])["summary"]["documents"] == 10
        mixed = finsam(tmp_path, "screen", extra, "a", "--format", "json")
        assert mixed == finsam(tmp_path, "screen", "a", extra, "--format", "json")

    def test_a_document_is_judged_the_same_alone_or_with_its_portfolio(self, portfolio):
        _, out, _ = finsam(portfolio.parent, "screen", "portfolio", "--format", "json")
        together = by_path(json.loads(out)["documents"])
        for path, doc in together.items():
            _, alone, _ = finsam(portfolio.parent, "screen", path, "--format", "json")
            assert json.loads(alone)["documents"] == [doc], path

    def test_a_duplicate_application_id_does_not_make_a_report_depend_on_the_batch(self, tmp_path):
        root = build(tmp_path / "portfolio")
        app = (root / "applications" / "2017-0001-nytt.toml").read_text(encoding="utf-8")
        (root / "applications" / "2017-0001-kopia.toml").write_text(
            app.replace("share = 0.3", "share = 0.9"), encoding="utf-8"
        )
        report = "portfolio/reports/2017/nytt-2017-12.toml"
        results = []
        for args in (["portfolio"], [report]):
            _, out, _ = finsam(tmp_path, "screen", *args, "--format", "json")
            [doc] = [d for d in json.loads(out)["documents"] if d["path"] == report]
            results.append(doc)
        assert results[0] == results[1]


def by_path(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["path"]: item for item in items}
