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


@pytest.mark.parametrize("in_memory", [1 << 20, 16], ids=["in-memory", "spooled-to-a-file"])
def test_unreadable_inputs_are_kept_as_text_and_written_as_before(
    registry: Registry, monkeypatch, in_memory: int
) -> None:
    """The hostile corpus (broken TOML, bidirectional controls and odd names): the errors
    are kept as their JSON text while the documents stream, spooled to a temporary file
    beyond a limit, and written exactly as ``json.dumps(errors, indent=2)`` under "errors"."""
    import finsam_rules.render.screening as screening_render
    from finsam_rules.sanitize import json_safe

    monkeypatch.setattr(screening_render, "ERRORS_IN_MEMORY", in_memory)
    out = io.StringIO()
    writer = JsonWriter(out, io.StringIO(), "sv")
    writer.begin()
    for item in Screener(registry).screen([Path(__file__).parent / "hostile"]):
        writer.item(item)
    writer.end()
    errors = json.loads(out.getvalue())["errors"]
    assert len(errors) >= 5
    whole = json_safe(json.dumps(errors, ensure_ascii=False, sort_keys=True, indent=2)).replace("\n", "\n  ")
    assert f'"errors": {whole},\n  "format_version"' in out.getvalue()


def test_no_unreadable_input_gives_an_empty_list(registry: Registry) -> None:
    out = io.StringIO()
    writer = JsonWriter(out, io.StringIO(), "sv")
    writer.begin()
    writer.end()
    assert '"documents": [],\n  "errors": [],\n  "format_version"' in out.getvalue()
