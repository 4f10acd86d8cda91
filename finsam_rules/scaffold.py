"""``finsam pack new NAME``: scaffold an installable rule pack that passes its own tests.

The pack has a pyproject with the ``finsam_rules`` entry point, one rule (written with
the one import :mod:`finsam_rules.pack`) that reads an ``extra`` field of applications,
its parameter's default, unit and description in a policy file, an example document,
table-driven cases (run by ``pytest`` as items, through the engine's pytest plugin), a
pytest file that checks the pack is installed, and a README.
"""

from __future__ import annotations

import re
from pathlib import Path

from finsam_rules.outputs import write_atomic

PYPROJECT = """[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "{dist}"
version = "0.1.0"
description = "finsam-rules pack: {name}"
requires-python = ">=3.11"
dependencies = ["finsam-rules"]

[project.optional-dependencies]
test = ["pytest"]

[project.entry-points.finsam_rules]
{module} = "{module}.rules"

[tool.setuptools]
packages = ["{module}"]

[tool.setuptools.package-data]
"{module}" = ["*.toml"]

[tool.pytest.ini_options]
# Each file under tests/cases is a test item, judged by the standard pack and this one.
finsam_packs = "finsam-rules,{dist}"
"""

INIT = '''"""The {name} rule pack for finsam-rules."""
'''

RULES = '''"""Rules of the {name} pack. Codes use the pack's own prefix, {prefix}."""

from collections.abc import Callable, Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable

from finsam_rules.pack import (
    Application,
    Check,
    Explanation,
    Finding,
    Param,
    ParamType,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)


@rule(  # the name defaults from the function: follow-up-in-sus
    code="{prefix}001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Deltagare följs upp i SUS"),
    title={{"sv": "Uppföljning i SUS", "en": "Follow-up in SUS"}},
    fields=("$.extra.sus",),
    # The parameter's default, unit and description are in policy.toml.
    params=[Param("kinds", ParamType.CHOICES, choices=("pre_study", "implementation", "structural"))],
    messages={{
        "missing": {{
            "sv": "Ansökan anger inte att deltagarna registreras i SUS (extra.sus = true).",
            "en": "The application does not state that participants are registered in SUS "
            "(extra.sus = true).",
        }},
    }},
    # `finsam explain` lists the parameters after this, from policy.toml.
    explanation=explain(
        sv=Explanation(
            what=(
                "Kräver att projekt med deltagare anger att de registreras i SUS "
                "(tabellen [extra] i ansökan, nyckeln sus)."
            ),
            why="Utan SUS kan förbundet inte följa upp resultat per kön och utfall.",
            example="[extra] sus = true uppfyller regeln.",
        ),
        en=Explanation(
            what=(
                "Requires projects with participants to state that they are registered in SUS "
                "(the application's [extra] table, key sus)."
            ),
            why="Without SUS the association cannot follow up results by gender and outcome.",
            example="[extra] sus = true passes.",
            source="The association's plan.",
        ),
    ),
)
def follow_up_in_sus(app: Application, check: Check) -> Iterator[Finding]:
    """Flag an application of the listed kinds that does not register participants in SUS."""
    if app.kind.value in check.params["kinds"] and app.extra.get("sus") is not True:
        yield check.finding("missing")


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register {prefix}001."""
    register(follow_up_in_sus)


@hookimpl
def register_policy_files(register: Callable[[Traversable], None]) -> None:
    """Register the pack's parameter defaults."""
    register(files("{module}") / "policy.toml")
'''

POLICY = """# Parameter defaults of the {name} pack: each parameter's value, and its unit and
# description in Swedish and English (the only place they are written).
[policy]
name = "{dist}"
source = "Förbundets verksamhetsplan"

[rules.{prefix}001.params.kinds]
value = ["implementation"]
unit.sv = "projektslag"
unit.en = "project kinds"
description.sv = "Projektslag vars deltagare ska registreras i SUS"
description.en = "Kinds of project whose participants must be registered in SUS"
source = "Förbundets verksamhetsplan"
"""

ASSOCIATION = """name = "Samordningsförbundet {name}"
org_number = "222000-0000"
year = 2017
equity_at_start = 1000000
administration_budget = 2000000
priority_groups = ["young_adults"]

[[members]]
id = "fk"
name = "Försäkringskassan"
kind = "social_insurance_agency"
contribution = 4000000

[[members]]
id = "af"
name = "Arbetsförmedlingen"
kind = "employment_service"

[[members]]
id = "region"
name = "Regionen"
kind = "region"
contribution = 2000000

[[members]]
id = "kommunen"
name = "Kommunen"
kind = "municipality"
contribution = 2000000
population = 50000
"""


def _application(sus: bool) -> str:
    extra = "\n[extra]\nsus = true\n" if sus else ""
    return f'''id = "2017/00{1 if sus else 2}"
title = "Exempelprojekt {"med" if sus else "utan"} SUS"
kind = "implementation"
owner = "kommunen"
parties = ["kommunen", "fk", "af"]
municipalities = ["kommunen"]
steering_group = ["kommunen", "fk", "af"]
attachments = ["budget", "cooperation_agreement"]
requested = 600000
gender_analysis = """Kvinnor och män remitteras i olika grad och möter olika hinder. Projektet \
följer fördelningen varje tertial i SUS och styrgruppen agerar om den blir sned, så att \
kvinnor och män får samma möjligheter till arbete och studier."""
implementation_plan = """Kommunen tar över coachtjänsterna i ordinarie verksamhet när \
finansieringen upphör; beslut fattas av socialnämnden senast ett halvår före projektets slut."""

[period]
start = 2017-09-01
end = 2017-12-31

[target_group]
description = "Unga vuxna 18-29 år"
age_min = 18
age_max = 29
priority_groups = ["young_adults"]

[planned_participants]
total = 20
women = 10
men = 10

[[outcome_targets]]
measure = "work"
share = 0.3

[[budget]]
year = 2017
personnel = 500000
premises = 60000
other = 40000
total = 600000
{extra}'''


CASE = """[case]
description = "{description}"
document = "../documents/applications/{file}"

[expect]
verdict = "{verdict}"
includes = {includes}
excludes = {excludes}
"""

TEST = '''"""The pack is installed. Its table-driven cases (tests/cases/*.toml) are test items
of their own: the finsam-rules pytest plugin collects them, judged by the packs that
pyproject.toml names (finsam_packs)."""

from importlib import metadata


def test_pack_is_installed():
    names = {{ep.name for ep in metadata.entry_points(group="finsam_rules")}}
    assert "{module}" in names
'''

README = """# {dist}

A rule pack for finsam-rules with the rules of
{name}'s verksamhetsplan.

```sh
pip install -e '.[test]'
finsam plugins                  # the pack is listed with its rules
finsam explain {prefix}001
FINSAM_RULES_PLUGINS=finsam-rules,{dist} finsam pack test tests/cases   # table-driven cases
pytest                          # the pack's tests, each case file an item of its own
```

Rules use the code prefix `{prefix}` and import everything from `finsam_rules.pack`.
Parameter defaults, with their units and descriptions in Swedish and English, are in
`{module}/policy.toml`; an association can override the values in its policy file.
"""


def slug(name: str, separator: str = "_") -> str:
    """A name for modules and distributions: ``Mölndal Partille`` -> ``molndal_partille``."""
    plain = name.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", separator, plain).strip(separator)


def scaffold(name: str, target: Path, prefix: str | None = None) -> list[Path]:
    """Write a new pack named ``name`` into ``target``; returns the files written."""
    slug_ = slug(name)
    if not slug_ or slug_[0].isdigit():
        raise ValueError(f"cannot make a Python module name from {name!r}")
    module = f"finsam_{slug_}"
    dist = f"finsam-{slug_.replace('_', '-')}"
    prefix = (prefix or "".join(c for c in slug_.upper() if c.isalpha())[:2]).upper()
    if len(prefix) != 2 or not prefix.isalpha():
        raise ValueError(f"a code prefix is two letters, not {prefix!r}")
    values = {"name": name, "module": module, "dist": dist, "prefix": prefix}
    files = {
        "pyproject.toml": PYPROJECT.format(**values),
        f"{module}/__init__.py": INIT.format(**values),
        f"{module}/rules.py": RULES.format(**values),
        f"{module}/policy.toml": POLICY.format(**values),
        "tests/documents/association.toml": ASSOCIATION.format(**values),
        "tests/documents/applications/med-sus.toml": _application(True),
        "tests/documents/applications/utan-sus.toml": _application(False),
        "tests/cases/med-sus.toml": CASE.format(
            description="Ansökan som registrerar deltagare i SUS",
            file="med-sus.toml",
            verdict="tillstyrks",
            includes="[]",
            excludes=f'["{prefix}001"]',
        ),
        "tests/cases/utan-sus.toml": CASE.format(
            description="Ansökan utan SUS-registrering",
            file="utan-sus.toml",
            verdict="komplettering krävs",
            includes=f'["{prefix}001"]',
            excludes="[]",
        ),
        "tests/test_pack.py": TEST.format(**values),
        "README.md": README.format(**values),
    }
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(str(target))
    written = []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written
