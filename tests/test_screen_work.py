"""How much work screening does per document: the verdict once, the output as it comes.

These are not timings (the machines are shared); they count what is done, so that a change
that does the same work twice, or holds a whole batch, fails here.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import finsam_rules.engine as engine_module
from finsam_rules.cli import main
from finsam_rules.plugins import Registry
from finsam_rules.render.screening import JsonWriter
from finsam_rules.screening import Screener

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "letter"])
def test_the_verdict_is_computed_once_per_document(fmt: str, standard_env, monkeypatch, tmp_path) -> None:
    """The Mölndal-Partille-Härryda-Lerum-Alingsås portfolio of 2016: each document's
    recommendation is worked out once, whatever the output shows of it (the heading, the
    summary's counts, the letter, the decision record)."""
    calls: list[str] = []
    counted = engine_module.verdict_of

    def verdict_of(findings, kind="application"):  # type: ignore[no-untyped-def]
        calls.append(kind)
        return counted(findings, kind)

    monkeypatch.setattr(engine_module, "verdict_of", verdict_of)
    runner = CliRunner(env=standard_env)
    args = ["screen", str(EXAMPLES / "mphla-2016"), "--format", fmt, "--fail-on", "never"]
    result = runner.invoke(main, [*args, "--record", str(tmp_path / "records"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    documents = len(list((tmp_path / "records").glob("*.json")))
    assert documents >= 4
    assert len(calls) == documents


def test_json_output_is_written_document_by_document(registry: Registry) -> None:
    """Each document's object is written when it is screened, before the next is read: the
    JSON output never holds the batch."""
    out = io.StringIO()
    writer = JsonWriter(out, io.StringIO(), "sv")
    writer.begin()
    written = []
    for item in Screener(registry).screen([EXAMPLES / "mphla-2016"]):
        writer.item(item)
        written.append(out.getvalue().count('"path":'))
    writer.end()
    assert written == list(range(1, len(written) + 1))
    data = json.loads(out.getvalue())
    assert len(data["documents"]) == len(written)
