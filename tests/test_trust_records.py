"""Decision records prove themselves and are never lost.

The reproducers of issue 10 ("Data loss", "Records do not prove themselves"): 30 documents
with colliding ids give 30 records; ``kill -9`` during ``--record`` never leaves a broken
record nor destroys the one it replaces; every tampering of a record is detected with a
non-zero exit and listed; a malformed record is one error line and the batch goes on; and a
corrected wording does not mark an old record as not reproduced.

Records are made from the example portfolio of the association in the shared interim
report (Mölndal, Partille, Härryda, Lerum, Alingsås 2016), copied to a temporary folder.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_rules.cli import main
from finsam_rules.outputs import write_atomic
from finsam_rules.records import KEY_ENV, KEY_FILE_ENV, canonical_bytes, record_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mphla-2016"
ISAM = "2016_0005_progress_2016-08-31.json"  # the individual cooperation team, Jan-Aug 2016
ISAM_REPORT = "reports/2016-0005-individsamverkansteam-jan-aug.toml"
AKTIV_REPORT = "reports/2016-0004-aktiv-jan-aug.toml"


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def copy_portfolio(folder: Path) -> Path:
    shutil.copytree(EXAMPLE, folder / "mphla-2016")
    shutil.copytree(ROOT / "examples" / "policy-mphla", folder / "policy-mphla")
    return folder / "mphla-2016"


def record_portfolio(portfolio: Path, records: Path, env: dict[str, str] | None = None) -> Path:
    result = invoke(
        "screen",
        str(portfolio),
        "--record",
        str(records),
        "--fail-on",
        "never",
        "--waivers",
        str(portfolio / "undantag.toml"),
        env=env,
    )
    assert result.exit_code == 0, result.output
    return records


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def rehash(data: dict[str, Any]) -> dict[str, Any]:
    """What someone who knows the algorithm but not the key does after an edit."""
    data["integrity"]["sha256"] = hashlib.sha256(canonical_bytes(data)).hexdigest()
    return data


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- names: one record per document, always ---------------------------------------------------


def colliding_applications(folder: Path, application: dict[str, Any]) -> list[Path]:
    """30 applications whose ids collide when made file names naively: ``/`` against ``_``,
    Swedish letters, case, and files sharing one id (some byte for byte identical)."""
    ids = ["2016/0012", "2016_0012", "2016/0013", "2016_0013"]
    ids += ["2016/Ö14", "2016/Ä14", "2016/Å14", "Dnr 2016:15 Ö", "Dnr 2016:15 Ä"]
    ids += ["ABC-1", "abc-1"]
    ids += ["2016/0020"] * 3 + ["2016/0021"] * 2
    ids += [f"2016/{n:04d}" for n in range(30, 44)]
    assert len(ids) == 30
    paths = []
    for n, doc_id in enumerate(ids):
        data = copy.deepcopy(application)
        data["id"] = doc_id
        if doc_id != "2016/0021":  # the two 2016/0021 files are identical copies
            data["title"] = f"{data['title']} ({n})"
        path = folder / f"ansokan-{n:02d}.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def inkommet(tmp_path, application_data, association_data) -> tuple[Path, Path]:
    """A folder of 30 incoming applications and the association they are judged against."""
    folder = tmp_path / "inkommet"
    folder.mkdir()
    colliding_applications(folder, application_data)
    association = tmp_path / "forbundet" / "association.toml"
    association.parent.mkdir()
    association.write_text(tomli_w.dumps(association_data), encoding="utf-8")
    return folder, association


def screen_with_records(folder: Path, association: Path, records: Path, *extra: str) -> Result:
    return invoke(
        "screen",
        str(folder),
        "--association",
        str(association),
        "--record",
        str(records),
        "--fail-on",
        "never",
        *extra,
    )


class TestOneRecordPerDocument:
    def test_thirty_documents_with_colliding_ids_give_thirty_records(self, inkommet, tmp_path):
        folder, association = inkommet
        result = screen_with_records(folder, association, tmp_path / "diariet")
        assert result.exit_code == 0, result.output
        records = sorted((tmp_path / "diariet").glob("*.json"))
        assert len(records) == 30
        paths = {load(r)["document"]["path"] for r in records}
        assert paths == {str(p.resolve()) for p in folder.glob("*.toml")}

    def test_plain_ids_keep_their_plain_names(self, inkommet, tmp_path):
        folder, association = inkommet
        screen_with_records(folder, association, tmp_path / "diariet")
        assert load(tmp_path / "diariet" / "2016_0012.json")["document"]["id"] == "2016/0012"
        assert load(tmp_path / "diariet" / "2016_0030.json")["document"]["id"] == "2016/0030"

    def test_ids_differing_only_by_slash_and_underscore_get_different_names(self):
        assert record_name("2016/0012") == "2016_0012.json"
        assert record_name("2016_0012") != record_name("2016/0012")
        assert record_name("2016_0012").startswith("2016_0012~")
        assert record_name("2016/Ö14") != record_name("2016/Ä14")
        assert record_name("2016/Ö14") == record_name("2016/Ö14")

    def test_every_disambiguation_is_reported(self, inkommet, tmp_path):
        folder, association = inkommet
        result = screen_with_records(folder, association, tmp_path / "diariet")
        renamed = [line for line in result.stderr.splitlines() if line.startswith("Protokollet för")]
        # 2016_0012, 2016_0013 and five non-ASCII ids get a hashed name; abc-1 (ABC-1 is
        # taken on a file system that ignores case) and three of the five files sharing an
        # id are renamed.
        assert len(renamed) == 7 + 1 + 3, result.stderr
        assert any("2016/0020" in line and "används redan" in line for line in renamed)

    def test_the_same_inputs_give_the_same_names(self, inkommet, tmp_path):
        folder, association = inkommet
        screen_with_records(folder, association, tmp_path / "a")
        screen_with_records(folder, association, tmp_path / "b")
        a = {p.name: p.read_bytes() for p in (tmp_path / "a").glob("*.json")}
        b = {p.name: p.read_bytes() for p in (tmp_path / "b").glob("*.json")}
        assert a == b

    def test_writing_again_into_the_same_folder_replaces_each_record(self, inkommet, tmp_path):
        folder, association = inkommet
        screen_with_records(folder, association, tmp_path / "diariet")
        first = sorted(p.name for p in (tmp_path / "diariet").iterdir())
        result = screen_with_records(folder, association, tmp_path / "diariet")
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in (tmp_path / "diariet").iterdir()) == first

    def test_a_record_of_another_document_from_an_earlier_run_is_kept(self, inkommet, tmp_path):
        folder, association = inkommet
        records = tmp_path / "diariet"
        screen_with_records(folder, association, records)
        one = next(p for p in folder.glob("*.toml") if '"2016/0020"' in p.read_text("utf-8"))
        others = [p for p in folder.glob("*.toml") if '"2016/0020"' in p.read_text("utf-8") and p != one]
        before = {p.name: p.read_bytes() for p in records.glob("*.json")}
        for other in others:  # screened on its own, each 2016/0020 keeps its own record
            invoke("screen", str(other), "--association", str(association), "--record", str(records))
        assert {p.name: p.read_bytes() for p in records.glob("*.json")} == before

    def test_an_identical_copy_screened_alone_keeps_the_other_copys_record(self, inkommet, tmp_path):
        folder, association = inkommet
        records = tmp_path / "diariet"
        screen_with_records(folder, association, records)
        copies = sorted(p for p in folder.glob("*.toml") if '"2016/0021"' in p.read_text("utf-8"))
        assert copies[0].read_bytes() == copies[1].read_bytes()
        before = {p.name: p.read_bytes() for p in records.glob("*.json")}
        invoke("screen", str(copies[1]), "--association", str(association), "--record", str(records))
        assert {p.name: p.read_bytes() for p in records.glob("*.json")} == before

    def test_the_shipped_examples_give_one_record_per_document(self, tmp_path):
        shutil.copytree(ROOT / "examples", tmp_path / "examples")
        listing = invoke("screen", str(tmp_path / "examples"), "--format", "json", "--fail-on", "never")
        judged = len(json.loads(listing.stdout)["documents"])
        invoke(
            "screen", str(tmp_path / "examples"), "--record", str(tmp_path / "diariet"), "--fail-on", "never"
        )
        assert len(list((tmp_path / "diariet").glob("*.json"))) == judged > 20

    def test_a_file_that_is_not_a_record_is_not_overwritten_without_force(self, inkommet, tmp_path):
        folder, association = inkommet
        records = tmp_path / "diariet"
        records.mkdir()
        mine = records / "2016_0012.json"
        mine.write_text("mina anteckningar\n", encoding="utf-8")
        result = screen_with_records(folder, association, records)
        assert result.exit_code == 3
        assert "2016_0012.json: finns redan" in result.stderr
        assert mine.read_text("utf-8") == "mina anteckningar\n"
        assert len(list(records.glob("*.json"))) == 30  # the others are written
        forced = screen_with_records(folder, association, records, "--force")
        assert forced.exit_code == 0
        assert load(mine)["document"]["id"] == "2016/0012"


# -- kill -9 during --record ------------------------------------------------------------------


def installed_finsam() -> str:
    beside = Path(sys.executable).parent / "finsam"
    return str(beside) if beside.exists() else shutil.which("finsam") or "finsam"


def valid_record(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    return data["integrity"]["sha256"] == hashlib.sha256(canonical_bytes(data)).hexdigest()


class TestKilledMidWrite:
    def test_kill_9_during_record_never_leaves_a_broken_or_lost_record(self, inkommet, tmp_path):
        """Screen 30 documents with --record into a folder that holds their records, and
        kill -9 the process the moment a write shows in the folder (or at a random moment
        of the run), repeatedly, bounded to about 25 s: all 30 records stay complete."""
        folder, association = inkommet
        records = tmp_path / "diariet"
        command = [installed_finsam(), "screen", str(folder), "--association", str(association)]
        command += ["--record", str(records), "--fail-on", "never"]
        env = {**os.environ, "FINSAM_RULES_PLUGINS": "finsam-rules"}
        start = time.monotonic()
        subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
        full_run = time.monotonic() - start
        names = sorted(p.name for p in records.glob("*.json"))
        assert len(names) == 30

        def snapshot() -> set[tuple[str, int, int]]:
            with os.scandir(records) as entries:
                return {(e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries if e.is_file()}

        rng = random.Random(10)
        deadline, kills, mid_write = time.monotonic() + 25, 0, 0
        while kills < 12 and time.monotonic() < deadline:
            baseline = snapshot()
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if kills % 3 == 2:
                time.sleep(rng.uniform(0.4, 1.0) * full_run)
            else:  # the first sign of a write: kill it there
                until = time.monotonic() + 2 * full_run + 5
                while process.poll() is None and time.monotonic() < until:
                    with contextlib.suppress(FileNotFoundError):
                        if snapshot() != baseline:
                            mid_write += 1
                            break
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            kills += 1
            assert sorted(p.name for p in records.glob("*.json")) == names
            broken = [p.name for p in records.glob("*.json") if not valid_record(p)]
            assert broken == [], f"after kill {kills}: {broken}"
        assert kills >= 3 and mid_write >= 1

    def test_a_write_that_fails_midway_leaves_the_record_it_would_replace(self, inkommet, tmp_path):
        """The disk fills up in the middle of a record (a file size limit makes every write
        past N bytes fail, for N at random points inside a record): the record on disk is
        the complete old one, the failure is reported, and the exit code is 3."""
        import resource

        folder, association = inkommet
        records = tmp_path / "diariet"
        command = [installed_finsam(), "screen", str(folder), "--association", str(association)]
        command += ["--record", str(records), "--fail-on", "never"]
        env = {**os.environ, "FINSAM_RULES_PLUGINS": "finsam-rules"}
        subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
        before = {p.name: p.read_bytes() for p in records.glob("*.json")}
        smallest = min(len(content) for content in before.values())
        rng = random.Random(8)
        for limit in sorted(rng.sample(range(1, smallest), 4)):

            def limit_file_size(limit: int = limit) -> None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

            result = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=120, preexec_fn=limit_file_size
            )
            assert result.returncode == 3, result.stderr
            assert "kunde inte skrivas" in result.stderr
            assert "Traceback" not in result.stderr
            assert {p.name: p.read_bytes() for p in records.glob("*.json")} == before

    def test_an_atomic_write_killed_at_any_moment_leaves_the_old_or_the_new_content(self, tmp_path):
        """A child process rewrites one 4 MB file over and over; killed at random moments,
        the file always holds one complete version."""
        target = tmp_path / "protokoll.json"
        versions = {bytes([65 + n]) * 4_000_000 for n in range(3)}
        target.write_bytes(b"A" * 4_000_000)
        child = (
            "import sys, itertools\n"
            "from pathlib import Path\n"
            "from finsam_rules.outputs import write_atomic\n"
            "for n in itertools.cycle(range(3)):\n"
            "    write_atomic(Path(sys.argv[1]), bytes([65 + n]) * 4_000_000)\n"
        )
        rng = random.Random(3)
        deadline, kills = time.monotonic() + 10, 0
        while kills < 10 and time.monotonic() < deadline:
            process = subprocess.Popen([sys.executable, "-c", child, str(target)])
            time.sleep(rng.uniform(0.3, 0.8))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            kills += 1
            assert target.read_bytes() in versions
        assert kills >= 3
        write_atomic(target, b"{}")
        assert target.read_bytes() == b"{}"


# -- integrity and the tamper matrix ----------------------------------------------------------


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[Path, Path]:
    """The portfolio screened with its waivers, a record per document (no key)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")
        base = tmp_path_factory.mktemp("trust-records")
        portfolio = copy_portfolio(base)
        return portfolio, record_portfolio(portfolio, base / "diariet")


def first(findings: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(f for f in findings if f.get(key))


def bump(value: Any) -> Any:
    return value + 1 if isinstance(value, int | float) and not isinstance(value, bool) else f"{value}x"


def other_report(portfolio: Path) -> dict[str, str]:
    path = portfolio / AKTIV_REPORT
    return {"path": str(path.resolve()), "sha256": sha256_file(path)}


Tamper = Callable[[dict[str, Any], Path], None]


def _figure_changed(r: dict[str, Any], p: Path) -> None:
    f = first(r["findings"], "figures")
    name = sorted(f["figures"])[0]
    f["figures"][name] = bump(f["figures"][name])


def _parameter_changed(r: dict[str, Any], p: Path) -> None:
    f = first(r["findings"], "parameters")
    name = sorted(f["parameters"])[-1]
    f["parameters"][name] = bump(f["parameters"][name])


def _snapshot_value(r: dict[str, Any], p: Path) -> None:
    param = r["policy"]["rules"]["OT002"]["params"]["target"]
    param["value"] = 0.25


def _sha(entry: dict[str, str]) -> None:
    entry["sha256"] = "0" * 64


#: (name, tampering, a fragment the listing must hold once the hash is rewritten)
TAMPERINGS: list[tuple[str, Tamper, str]] = [
    ("a figure changed", _figure_changed, "figure"),
    ("a figure removed", lambda r, p: first(r["findings"], "figures")["figures"].popitem(), "figure"),
    (
        "a figure added",
        lambda r, p: first(r["findings"], "figures")["figures"].update(extra=1),
        "figure extra",
    ),
    ("a parameter changed", _parameter_changed, "parameter"),
    (
        "a parameter removed",
        lambda r, p: first(r["findings"], "parameters")["parameters"].popitem(),
        "parameter",
    ),
    ("a finding's code changed", lambda r, p: r["findings"][-1].update(code="FP001"), "finding"),
    (
        "a finding's severity lowered",
        lambda r, p: next(f for f in r["findings"] if f["severity"] == "warning").update(severity="info"),
        "severity",
    ),
    ("a finding's status changed", lambda r, p: r["findings"][-1].update(status="not_evaluated"), "status"),
    ("a finding's subject changed", lambda r, p: r["findings"][-1].update(subject="af"), "finding"),
    ("a finding removed", lambda r, p: r["findings"].pop(), "new finding"),
    (
        "a finding added",
        lambda r, p: r["findings"].append(copy.deepcopy(r["findings"][0])),
        "finding no longer given",
    ),
    ("a finding's waiver removed", lambda r, p: first(r["findings"], "waiver").pop("waiver"), "waived"),
    ("waivers applied emptied", lambda r, p: r["waivers_applied"].clear(), "waiver applied now"),
    ("the verdict changed", lambda r, p: r.update(verdict="avstyrks"), "verdict"),
    ("the as-of date changed", lambda r, p: r.update(as_of="2016-12-31"), "as of"),
    ("an --as-of option added", lambda r, p: r["inputs"].update(as_of_option="2015-01-01"), "as of"),
    ("policy files emptied", lambda r, p: r["policy"]["files"].clear(), "policy file"),
    ("a policy file's hash changed", lambda r, p: _sha(r["policy"]["files"][0]), "content changed"),
    ("a policy snapshot value changed", _snapshot_value, "rule OT002 differs: target"),
    (
        "a setting's date changed",
        lambda r, p: r["policy"]["settings"]["exclude_deceased"].update(valid_from="2015-01-01"),
        "setting exclude_deceased differs",
    ),
    (
        "a policy severity changed",
        lambda r, p: r["policy"]["rules"]["OT002"].update(severity="info"),
        "OT002",
    ),
    ("a rule shown disabled", lambda r, p: r["policy"]["rules"]["FP001"].update(enabled=False), "FP001"),
    ("a rule left out of the policy", lambda r, p: r["policy"]["rules"].pop("BU001"), "BU001"),
    ("the engine version swapped", lambda r, p: r["engine"].update(version="0.0.1"), "engine"),
    ("a pack version swapped", lambda r, p: r["packs"][0].update(version="9.9"), "pack finsam-rules"),
    ("a pack left out", lambda r, p: r["packs"].clear(), "pack finsam-rules"),
    ("the document pointed elsewhere", lambda r, p: r["document"].update(other_report(p)), "document"),
    ("the document's hash changed", lambda r, p: _sha(r["document"]), "content changed"),
    (
        "the document's id changed",
        lambda r, p: r["document"].update(id="2016/0004/progress/2016-08-31"),
        "id",
    ),
    ("the association's hash changed", lambda r, p: _sha(r["inputs"]["association"]), "content changed"),
    ("the waiver file left out", lambda r, p: r["inputs"].update(waivers=None), "waiver"),
    ("the application left out", lambda r, p: r["inputs"].update(application=None), "application"),
    ("the record version changed", lambda r, p: r.update(record_version=1), "version 1"),
]


def verify_output(path: Path, env: dict[str, str] | None = None) -> Result:
    return invoke("record", "verify", "--lang", "en", str(path), env=env)


class TestRecordsProveThemselves:
    def test_a_record_carries_the_hash_of_its_own_content(self, recorded):
        _, records = recorded
        data = load(records / ISAM)
        assert data["record_version"] == 2
        assert data["integrity"] == {"sha256": hashlib.sha256(canonical_bytes(data)).hexdigest()}
        assert "hmac_sha256" not in data["integrity"]

    def test_every_unchanged_record_verifies(self, recorded):
        _, records = recorded
        files = sorted(str(p) for p in records.glob("*.json"))
        result = invoke("record", "verify", "--lang", "en", *files)
        assert result.exit_code == 0, result.output
        assert result.output.count(": reproduced\n") == len(files) == 16

    def test_the_matrix_has_at_least_28_tamperings(self):
        assert len(TAMPERINGS) >= 28

    @pytest.mark.parametrize(("name", "tamper", "fragment"), TAMPERINGS, ids=[t[0] for t in TAMPERINGS])
    def test_a_tampering_is_caught_by_the_integrity_hash(self, recorded, tmp_path, name, tamper, fragment):
        portfolio, records = recorded
        original = load(records / ISAM)
        data = copy.deepcopy(original)
        tamper(data, portfolio)
        assert data != original
        result = verify_output(save(tmp_path / ISAM, data))
        assert result.exit_code == 1, result.output
        assert "NOT verified" in result.output
        assert "integrity: the record's content does not match its sha256" in result.output

    @pytest.mark.parametrize(("name", "tamper", "fragment"), TAMPERINGS, ids=[t[0] for t in TAMPERINGS])
    def test_a_tampering_with_the_hash_rewritten_is_caught_by_meaning(
        self, recorded, tmp_path, name, tamper, fragment
    ):
        portfolio, records = recorded
        original = load(records / ISAM)
        data = copy.deepcopy(original)
        tamper(data, portfolio)
        assert data != original
        result = verify_output(save(tmp_path / ISAM, rehash(data)))
        assert result.exit_code == 1, result.output
        listed = [line for line in result.output.splitlines() if line.startswith("  ")]
        assert listed, result.output
        assert any(fragment in line for line in listed), result.output

    def test_an_input_edited_with_the_record_rewritten_to_match_is_caught_by_the_hmac(self, tmp_path):
        """An applicant's report is edited after the decision and the record rewritten to
        match: new document hash, findings, verdict and integrity hash. Only the key, which
        the forger does not have, tells."""
        key = {KEY_ENV: "styrelsens-nyckel-2016"}
        portfolio = copy_portfolio(tmp_path)
        records = record_portfolio(portfolio, tmp_path / "diariet", env=key)
        report = portfolio / ISAM_REPORT
        report.write_text(report.read_text("utf-8").replace("men = 10", "men = 30"), "utf-8")
        forged_dir = tmp_path / "forged"
        record_portfolio(portfolio, forged_dir, env={KEY_ENV: "forgers-own-key"})
        forged = load(forged_dir / ISAM)
        assert forged["document"]["sha256"] != load(records / ISAM)["document"]["sha256"]
        forged["integrity"]["hmac_sha256"] = load(records / ISAM)["integrity"]["hmac_sha256"]
        path = save(records / ISAM, rehash(forged))
        assert verify_output(path).exit_code == 1  # no key given: the HMAC cannot be checked
        result = verify_output(path, env=key)
        assert result.exit_code == 1, result.output
        assert "integrity: the record's HMAC does not match" in result.output

    @pytest.mark.parametrize(
        ("name", "tamper", "fragment"), TAMPERINGS[:8], ids=[t[0] for t in TAMPERINGS[:8]]
    )
    def test_with_a_key_a_rehashed_tampering_fails_the_hmac(self, tmp_path, name, tamper, fragment):
        key = {KEY_ENV: "styrelsens-nyckel-2016"}
        portfolio = copy_portfolio(tmp_path)
        records = record_portfolio(portfolio, tmp_path / "diariet", env=key)
        data = load(records / ISAM)
        assert verify_output(records / ISAM, env=key).exit_code == 0
        tamper(data, portfolio)
        result = verify_output(save(records / ISAM, rehash(data)), env=key)
        assert result.exit_code == 1
        assert "HMAC does not match" in result.output

    def test_the_key_may_come_from_a_key_file(self, tmp_path):
        key_file = tmp_path / "nyckel"
        key_file.write_text("hemlig-nyckel\n", encoding="utf-8")
        portfolio = copy_portfolio(tmp_path)
        records = record_portfolio(portfolio, tmp_path / "diariet", env={KEY_FILE_ENV: str(key_file)})
        assert "hmac_sha256" in load(records / ISAM)["integrity"]
        assert verify_output(records / ISAM, env={KEY_FILE_ENV: str(key_file)}).exit_code == 0
        assert verify_output(records / ISAM, env={KEY_ENV: "hemlig-nyckel"}).exit_code == 0
        assert verify_output(records / ISAM, env={KEY_ENV: "en annan"}).exit_code == 1

    def test_a_key_given_twice_is_a_usage_error(self, recorded, tmp_path):
        _, records = recorded
        result = verify_output(records / ISAM, env={KEY_ENV: "a", KEY_FILE_ENV: str(tmp_path / "k")})
        assert result.exit_code == 2
        assert "not both" in result.stderr

    def test_a_record_without_its_hmac_fails_when_a_key_is_set(self, recorded):
        _, records = recorded
        result = verify_output(records / ISAM, env={KEY_ENV: "styrelsens-nyckel"})
        assert result.exit_code == 1
        assert "carries no HMAC" in result.output


class TestInputsThatChanged:
    def test_an_input_that_changed_without_changing_the_outcome_is_not_a_pass(self, tmp_path):
        portfolio = copy_portfolio(tmp_path)
        records = record_portfolio(portfolio, tmp_path / "diariet")
        report = portfolio / ISAM_REPORT
        report.write_text(report.read_text("utf-8") + "\n# en kommentar\n", "utf-8")
        result = verify_output(records / ISAM)
        assert result.exit_code == 1
        assert "outcome reproduced, but the record differs" in result.output
        assert "content changed (sha256)" in result.output

    def test_a_waiver_no_longer_applied_is_listed(self, tmp_path):
        portfolio = copy_portfolio(tmp_path)
        records = record_portfolio(portfolio, tmp_path / "diariet")
        waivers = portfolio / "undantag.toml"
        text = waivers.read_text("utf-8")
        assert 'code = "GA004"' in text
        waivers.write_text(text.replace('code = "GA004"', 'code = "GA003"', 1), "utf-8")
        result = verify_output(records / ISAM)
        assert result.exit_code == 1
        assert "waiver no longer applied" in result.output

    def test_records_written_by_the_board_report_verify(self, tmp_path):
        portfolio = copy_portfolio(tmp_path)
        result = invoke("report", str(portfolio), "--record", str(tmp_path / "diariet"))
        assert result.exit_code == 0, result.output
        files = sorted(str(p) for p in (tmp_path / "diariet").glob("*.json"))
        verified = invoke("record", "verify", "--lang", "en", *files)
        assert verified.exit_code == 0, verified.output


class TestComparedByMeaning:
    def test_a_corrected_wording_does_not_mark_an_old_record_as_not_reproduced(self, tmp_path, monkeypatch):
        """The standard pack corrects the wording of OT002's messages after the decision:
        the old record still reproduces, though its message text differs from today's."""
        from finsam_standard import outcomes

        portfolio = copy_portfolio(tmp_path)
        records = record_portfolio(portfolio, tmp_path / "diariet")
        old_message = next(f["message"] for f in load(records / ISAM)["findings"] if f["code"] == "OT002")
        # The pack's own source is corrected (a registry holds read-only copies of it).
        rule = outcomes.outcome_target_met
        assert rule.code == "OT002"
        for templates in rule.messages.values():
            monkeypatch.setitem(templates, "sv", "Rättad formulering. " + templates["sv"])
        screened = invoke("screen", str(portfolio / ISAM_REPORT), "--format", "json", "--fail-on", "never")
        new_message = next(
            f["message"]
            for f in json.loads(screened.stdout)["documents"][0]["findings"]
            if f["code"] == "OT002"
        )
        assert new_message == "Rättad formulering. " + old_message
        result = verify_output(records / ISAM)
        assert result.exit_code == 0, result.output
        assert result.output == f"{records / ISAM}: reproduced\n"


# -- malformed records ------------------------------------------------------------------------

MALFORMED: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("not-json", b"{ detta \xc3\xa4r inte json"),
    ("not-utf8", b"\xff\xfe{}"),
    ("a-list", b"[1, 2, 3]"),
    ("no-version", b'{"engine": {}}'),
    ("unknown-version", b'{"record_version": 99}'),
    ("deeply-nested", b"[" * 100_000 + b"]" * 100_000),
]


def malformed_from_valid(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for name, change in [
        ("findings-not-a-list", lambda r: r.update(findings={"a": 1})),
        ("finding-without-code", lambda r: r["findings"][0].pop("code")),
        ("document-path-a-number", lambda r: r["document"].update(path=12)),
        ("nul-in-path", lambda r: r["document"].update(path="/tmp/a\u0000b")),
        ("as-of-not-a-date", lambda r: r.update(as_of="31 augusti")),
        ("policy-files-not-objects", lambda r: r["policy"].update(files=["x"])),
        ("packs-missing", lambda r: r.pop("packs")),
        ("integrity-missing", lambda r: r.pop("integrity")),
    ]:
        data = copy.deepcopy(record)
        change(data)
        cases.append((name, data))
    return cases


class TestMalformedRecords:
    def test_each_malformed_record_is_one_error_line_and_the_batch_goes_on(self, recorded, tmp_path):
        _, records = recorded
        files = []
        for name, content in MALFORMED:
            (tmp_path / f"{name}.json").write_bytes(content)
            files.append(tmp_path / f"{name}.json")
        for name, data in malformed_from_valid(load(records / ISAM)):
            files.append(save(tmp_path / f"{name}.json", data))
        (tmp_path / "a-folder.json").mkdir()
        files += [tmp_path / "a-folder.json", tmp_path / "missing.json"]
        result = invoke("record", "verify", "--lang", "en", *map(str, files), str(records / ISAM))
        assert result.exit_code == 3
        assert result.exception is None or isinstance(result.exception, SystemExit)
        errors = result.stderr.splitlines()
        assert len(errors) == len(files), result.stderr
        for file, line in zip(files, errors, strict=True):
            assert line.startswith(f"{file}: not a readable decision record: "), line
        assert result.stdout == f"{records / ISAM}: reproduced\n"

    def test_the_error_names_the_key_path(self, recorded, tmp_path):
        _, records = recorded
        data = load(records / ISAM)
        data["findings"][1].pop("code")
        result = verify_output(save(tmp_path / "x.json", data))
        assert "$.findings[1].code: missing" in result.stderr


# -- fuzz: any change to a record is caught or refused, never a crash -------------------------

#: Where a change does not alter what a record means: the rendered message, the legal
#: source and parameter origins are words and spellings (compared elsewhere: by the hash).
NOT_MEANING = ("message", "source", "parameter_sources", "origin", "severity_reason")

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            paths += json_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            paths += json_paths(child, (*prefix, i))
    return paths


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    data = copy.deepcopy(value)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return data


@pytest.fixture(scope="module")
def fuzz_record(recorded) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    _, records = recorded
    data = load(records / ISAM)
    paths = [p for p in json_paths(data) if p[0] != "integrity"]
    return data, paths


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(choice=st.integers(min_value=0), new=JSON_VALUES, rehashed=st.booleans())
def test_any_change_to_a_record_is_caught(recorded, fuzz_record, choice, new, rehashed):
    """Replace any value anywhere in a record by any JSON value, with the hash rewritten or
    not: verify never crashes, and the record is refused or does not pass, except where
    the change touched only words (the rendered message, a source) and the hash was
    rewritten to match."""
    from finsam_rules.plugins import build_registry
    from finsam_rules.records import RecordError, verify

    original, paths = fuzz_record
    path = paths[choice % len(paths)]
    data = replaced(original, path, new)
    if data == original:
        return
    if rehashed:
        rehash(data)
    _, records = recorded
    target = records.parent / "fuzz" / ISAM
    target.parent.mkdir(exist_ok=True)
    save(target, data)
    try:
        result = verify(target, build_registry())
    except RecordError:
        return
    words_only = any(step in NOT_MEANING for step in path if isinstance(step, str))
    assert not result.ok or (rehashed and words_only), (path, new, result.changes)


class TestInSwedish:
    def test_verify_answers_in_swedish_by_default(self, recorded, tmp_path):
        _, records = recorded
        data = load(records / ISAM)
        data["policy"]["rules"]["OT002"]["params"]["target"]["value"] = 0.25
        tampered = save(tmp_path / ISAM, rehash(data))
        result = invoke("record", "verify", str(records / ISAM), str(tampered), str(tmp_path / "saknas.json"))
        assert result.exit_code == 3
        assert result.stdout.splitlines() == [
            f"{records / ISAM}: återskapat",
            f"{tampered}: utfallet återskapat, men protokollet skiljer sig",
            "  policy: regel OT002 skiljer sig: target 0.25 -> 0.5",
        ]
        assert (
            result.stderr
            == f"{tmp_path / 'saknas.json'}: inte ett läsbart beslutsprotokoll: filen finns inte\n"
        )

    def test_every_record_message_exists_in_both_languages(self):
        """Each message key records.py names, and each it builds from a field, an area or
        a shape, has a Swedish and an English text."""
        import re

        from finsam_rules import records
        from finsam_rules.i18n import TEXTS

        source = Path(records.__file__).read_text(encoding="utf-8")
        keys = set(re.findall(r'_m\(\s*"(\w+)"', source))
        keys |= {f"finding_{k}" for k in records.FIELD_KEYS.values()}
        keys |= {f"finding_{k}" for k in ("figure", "parameter")}
        keys |= {f"file_{k}" for k in ("document", "association", "application", "waivers")}
        keys |= {f"what_{k}" for k in re.findall(r'_expect\([^)]*"(\w+)"\)', source)}
        keys |= {"what_text", "what_text_or_null", "what_date", "not_a_file", "not_found"}
        keys |= {f"area_{k}" for k in ("integrity", "inputs", "policy", "engine", "outcome")}
        keys |= {
            f"head_{k}" for k in ("reproduced", "not_reproduced", "differs", "not_verified", "unreadable")
        }
        assert len(keys) > 60
        for key in sorted(keys):
            assert set(TEXTS[f"record_{key}"]) == {"sv", "en"}, key
