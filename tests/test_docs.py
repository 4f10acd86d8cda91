"""The documentation cannot drift from the code.

- every hook in :mod:`finsam_rules.hookspecs` has a ``### <hook name>`` section in
  ``docs/plugins.md``, with a Python example in it;
- every rule code the standard pack installs is in ``docs/plugins.md``, in the table of
  the standard pack's rules, with its name, scope and default severity;
- every Python block that ``docs/plugins.md`` marks as a complete example
  (``<!-- complete example: PATH -->`` on the line before the fence) compiles;
- the user guide ``docs/anvandarguide.md`` mentions every verdict, every severity and
  every ``finsam`` command.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pluggy
import pytest

from finsam_rules import hookspecs
from finsam_rules.cli import main
from finsam_rules.engine import VERDICT_NAMES, Verdict
from finsam_rules.plugins import ENV_VAR, build_registry
from finsam_rules.rules import SEVERITY_NAMES

ROOT = Path(__file__).resolve().parents[1]
PLUGINS_DOC = ROOT / "docs" / "plugins.md"
USER_GUIDE = ROOT / "docs" / "anvandarguide.md"

#: The marker that makes the fenced block after it a complete example file.
COMPLETE = re.compile(
    r"^<!-- complete example: (?P<path>\S+) -->\n```(?P<lang>\w*)\n(?P<body>.*?)^```", re.M | re.S
)
FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```", re.M | re.S)


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    """Judge the docs against the packs this repository ships, not whatever else is
    installed in the environment."""
    monkeypatch.setenv(ENV_VAR, "finsam-rules")


@pytest.fixture(scope="module")
def plugins_doc() -> str:
    return PLUGINS_DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def user_guide() -> str:
    return USER_GUIDE.read_text(encoding="utf-8")


def hook_names() -> list[str]:
    """The hooks the host specifies: every function marked with the hookspec marker."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    marked = sorted(
        name for name, value in vars(hookspecs).items() if callable(value) and hasattr(value, marker)
    )
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    known = sorted(name for name in vars(manager.hook) if not name.startswith("_"))
    assert marked == known, (marked, known)
    return marked


def sections(text: str) -> dict[str, str]:
    """``### heading`` -> the section's text, up to the next heading of level 1 to 3.
    Lines inside fenced code blocks are never headings."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else re.match(r"(#{1,3}) (.+)$", line)
        if heading:
            current = found.setdefault(heading.group(2).strip(), []) if heading.group(1) == "###" else None
            continue
        if current is not None:
            current.append(line)
    return {name: "\n".join(lines) + "\n" for name, lines in found.items()}


def command_paths(group: click.Group, prefix: str = "finsam") -> list[str]:
    """``finsam screen``, ``finsam policy show``, …: every command a user can type."""
    paths = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, path))
        else:
            paths.append(path)
    return paths


# -- docs/plugins.md ---------------------------------------------------------------------


def test_the_hookspec_module_specifies_hooks():
    assert hook_names(), "no function in finsam_rules.hookspecs carries the hookspec marker"


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_section_with_an_example(plugins_doc, hook):
    found = sections(plugins_doc)
    assert hook in found, (
        f"docs/plugins.md has no '### {hook}' section; every hook in finsam_rules/hookspecs.py needs one"
    )
    blocks = [m.group("body") for m in FENCE.finditer(found[hook]) if m.group("lang") == "python"]
    assert any(f"def {hook}(" in b and "@hookspec" in b for b in blocks), (
        f"the '### {hook}' section does not show the hook's signature"
    )
    assert any(f"def {hook}(" in b and "@hookimpl" in b for b in blocks), (
        f"the '### {hook}' section has no Python example implementing the hook"
    )


def test_every_rule_code_is_in_the_table_of_rules(plugins_doc):
    registry = build_registry()
    assert not registry.load_errors, registry.load_errors
    rules = registry.sorted_rules()
    assert rules, "the standard pack registered no rules"
    rows = {}
    for line in plugins_doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and re.fullmatch(r"[A-Z]{2}\d{3}", cells[0]):
            rows.setdefault(cells[0], cells)
    missing = [r.code for r in rules if r.code not in plugins_doc]
    assert not missing, f"rule codes not mentioned in docs/plugins.md: {missing}"
    for rule in rules:
        assert rule.code in rows, f"{rule.code} has no row in the table of the standard pack"
        row = rows[rule.code]
        expected = [rule.code, rule.name, rule.title["en"], rule.scope.value, rule.severity.label]
        assert row[:5] == expected, (
            f"the row of {rule.code} says {row[:5]}, the rule says {expected}; regenerate the "
            f"table from `finsam rules --format json --lang en`"
        )


def test_complete_python_examples_compile(plugins_doc):
    examples = [m for m in COMPLETE.finditer(plugins_doc) if m.group("lang") == "python"]
    assert len(examples) >= 2, "docs/plugins.md marks fewer complete Python examples than expected"
    for match in examples:
        name = f"docs/plugins.md: {match.group('path')}"
        compile(match.group("body"), name, "exec")


def test_every_complete_example_is_closed_and_named(plugins_doc):
    markers = re.findall(r"^<!-- complete example: .*$", plugins_doc, flags=re.M)
    assert len(markers) == len(COMPLETE.findall(plugins_doc)), (
        "a '<!-- complete example: PATH -->' marker is not directly followed by a fenced block"
    )


def test_the_plugin_selection_variable_is_documented(plugins_doc):
    assert ENV_VAR in plugins_doc


# -- docs/anvandarguide.md ---------------------------------------------------------------


@pytest.mark.parametrize("verdict", list(Verdict))
def test_the_user_guide_explains_every_verdict(user_guide, verdict):
    for name in {verdict.value, *VERDICT_NAMES[verdict].values()}:
        assert name in user_guide.lower(), f"the user guide does not mention {name!r}"


@pytest.mark.parametrize("severity", list(SEVERITY_NAMES), ids=lambda s: s.label)
def test_the_user_guide_explains_every_severity(user_guide, severity):
    for name in {severity.label, *SEVERITY_NAMES[severity].values()}:
        assert name in user_guide, f"the user guide does not mention the severity {name!r}"
    assert "ej bedömd" in user_guide


@pytest.mark.parametrize("command", command_paths(main))
def test_the_user_guide_mentions_every_command(user_guide, command):
    assert command in user_guide, f"the user guide does not mention `{command}`"


def test_the_command_names_are_the_ones_the_brief_names():
    names = {path.split()[1] for path in command_paths(main)}
    names |= {path.split()[2] for path in command_paths(main) if len(path.split()) > 2}
    for name in (
        "screen",
        "report",
        "rules",
        "explain",
        "validate",
        "new",
        "plugins",
        "policy",
        "pack",
        "waivers",
        "record",
    ):
        assert name in names
