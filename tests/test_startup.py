"""Start-up: a command imports only what it needs (the timed figures are in
``benchmarks/bench_startup.py``; these tests pin what each start-up loads, so no figure
drifts unnoticed).

- ``finsam --help``, ``finsam screen --help`` and ``finsam --version`` load no pack, no rule,
  no renderer, no TOML parser and no importlib.metadata;
- ``finsam explain BU001`` loads the packs but not the compiled TOML parser, the converter,
  the renderers or importlib.metadata;
- the packs' entry points are found by reading the distributions' folders, exactly as
  importlib.metadata finds them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_rules import plugins

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from finsam_rules.cli import run
sys.argv = ["finsam", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
sys.stdout.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

#: Modules no start-up of a help or version needs.
HEAVY = [
    "finsam_rules.rules",
    "finsam_rules.engine",
    "finsam_rules.model",
    "finsam_rules.render.common",
    "finsam_rules.formatting",
    "finsam_standard",
    "toml_rs",
    "tomllib",
    "cattrs",
    "attrs",
    "decimal",
    "importlib.metadata",
    "locale",
]


def modules_of(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    line = done.stdout.rsplit("MODULES ", 1)[1]
    return set(json.loads(line))


@pytest.mark.parametrize("args", [("--help",), ("screen", "--help"), ("report", "--help"), ("--version",)])
def test_help_and_version_load_nothing_heavy(args):
    loaded = modules_of(*args)
    assert not {name for name in HEAVY if name in loaded}


def test_explaining_a_rule_loads_the_packs_and_no_document_machinery():
    loaded = modules_of("explain", "BU001")
    assert {"finsam_standard", "finsam_rules.rules", "finsam_rules.policy"} <= loaded
    for name in ("toml_rs", "cattrs", "finsam_rules.converter", "finsam_rules.render.common", "email.parser"):
        assert name not in loaded, name
    assert "importlib.metadata" not in loaded


def rows(found: list[tuple[plugins.EntryPoint, str, str]] | None) -> list[tuple[str, str, str, str]]:
    assert found is not None
    return sorted((pack, version, ep.name, ep.value) for ep, pack, version in found)


def dist(site: Path, folder: str, name: str, version: str, entry_points: str | None) -> None:
    path = site / folder
    path.mkdir(parents=True)
    (path / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA long description.\n"
    )
    if entry_points is not None:
        (path / "entry_points.txt").write_text(entry_points, encoding="utf-8")


class TestEntryPointDiscovery:
    def test_a_packs_name_and_version_are_read_as_the_email_parser_reads_them(self):
        """Every installed distribution's metadata, and the header forms the format allows:
        a repeated key (the first counts), a folded value, a missing version."""
        from email.parser import Parser
        from importlib import metadata

        texts = [
            t for d in metadata.distributions() if (t := d.read_text("METADATA") or d.read_text("PKG-INFO"))
        ]
        texts += [
            "Metadata-Version: 2.1\nName: finsam-mphla\nVersion: 2.0\nName: other\n\nName: body\n",
            "name: finsam-gbg\nversion:  0.3\nSummary: Göteborgs\n  regler\n",
            "Name: finsam-no-version\nSummary: x\n",
            "Version: 1.0\n",
        ]
        for text in texts:
            headers = Parser().parsestr(text, headersonly=True)
            name, version = headers["Name"], headers["Version"]
            expected = (name.strip(), version.strip()) if name and version else None
            assert plugins._name_and_version(text) == expected, text[:80]
        assert len(texts) > 10

    def test_the_installed_packs_are_found_as_importlib_finds_them(self):
        assert rows(plugins._scan_entry_points()) == rows(plugins._metadata_entry_points())
        assert ("finsam-rules", "0.1.0") in {row[:2] for row in rows(plugins._scan_entry_points())}

    def test_the_first_distribution_of_a_name_on_the_path_wins_and_other_groups_are_ignored(
        self, tmp_path, monkeypatch
    ):
        first, second = tmp_path / "first", tmp_path / "second"
        dist(
            first,
            "finsam_mphla-2.0.dist-info",
            "finsam-mphla",
            "2.0",
            "[finsam_rules]\nrules = mphla_rules\n",
        )
        dist(second, "finsam_mphla-1.0.dist-info", "finsam-mphla", "1.0", "[finsam_rules]\nold = mphla_old\n")
        dist(
            second,
            "finsam_goteborg-0.3.egg-info",
            "finsam-goteborg",
            "0.3",
            "# comment\n[console_scripts]\ngbg = goteborg:main\n\n"
            "[finsam_rules]\n  rules =  goteborg.rules:plugin \n",
        )
        dist(second, "unrelated-1.0.dist-info", "unrelated", "1.0", None)
        monkeypatch.setattr(sys, "path", [str(first), str(second), *sys.path])
        found = rows(plugins._scan_entry_points())
        assert found == rows(plugins._metadata_entry_points())
        assert ("finsam-mphla", "2.0", "rules", "mphla_rules") in found
        assert ("finsam-goteborg", "0.3", "rules", "goteborg.rules:plugin") in found
        assert not any(row[2] in ("old", "gbg") for row in found)

    def test_what_the_scan_does_not_read_is_left_to_importlib(self, tmp_path, monkeypatch):
        site = tmp_path / "site"
        dist(site, "finsam_odd-0.1.dist-info", "finsam-odd", "0.1", "[finsam_rules]\nno equals sign\n")
        monkeypatch.setattr(sys, "path", [str(site), *sys.path])
        assert plugins._scan_entry_points() is None
        zipped = tmp_path / "packs.zip"
        zipped.write_bytes(b"PK\x05\x06" + bytes(18))
        monkeypatch.setattr(sys, "path", [str(zipped), *sys.path[1:]])
        assert plugins._scan_entry_points() is None

    def test_an_entry_point_loads_its_module_and_attribute(self):
        ep = plugins.EntryPoint("rules", "finsam_rules.failures:Failure")
        assert ep.module == "finsam_rules.failures"
        from finsam_rules.failures import Failure

        assert ep.load() is Failure
