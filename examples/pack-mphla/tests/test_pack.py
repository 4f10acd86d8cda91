"""The pack is installed, and its table-driven cases pass."""

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent


def test_pack_is_installed():
    names = {ep.name for ep in metadata.entry_points(group="finsam_rules")}
    assert "finsam_mphla" in names


def test_cases_pass():
    finsam = Path(sys.executable).parent / "finsam"
    env = {**os.environ, "FINSAM_RULES_PLUGINS": "finsam-rules,finsam-mphla"}
    result = subprocess.run(
        [str(finsam), "pack", "test", str(HERE / "cases")], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
