"""Shared builders for the specification tests.

The figures come from the interim report (delårsrapport) January-August 2016 of
Samordningsförbundet Mölndal, Partille, Härryda, Lerum och Alingsås
(``shared/domain/molndal-partille-harryda-lerum-alingsas-delarsrapport-2016.txt``):

- contributions 16 692 tkr: Försäkringskassan 8 346, the region 4 173 and the
  municipalities 4 173 (split by population; the full-year amounts are 1.5 times the
  January-August payments in the income statement);
- the individual cooperation team (Individsamverkansteam), whose period budget is
  personnel 2 083 + premises 90 + other 27 = 2 200 tkr, with outcome 1 999 tkr.

The base application and the base report are *compliant*: every standard rule is silent
on them, so a test changes one thing and shows which rule speaks up.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tomli_w

from finsam_rules.converter import structure
from finsam_rules.engine import Engine, Evaluation
from finsam_rules.model import Application, Association, Report
from finsam_rules.plugins import Registry, build_registry
from finsam_rules.policy import Policy, load_policy

D = dt.date
#: The repository's root (the benchmarks and examples are below it).
ROOT = Path(__file__).resolve().parent.parent

ASSOCIATION: dict[str, Any] = {
    "name": "Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås",
    "org_number": "222000-2071",
    "year": 2016,
    "equity_at_start": 1_013_690,
    "administration_budget": 1_446_000,
    "priority_groups": ["young_adults", "mental_health"],
    "members": [
        {
            "id": "fk",
            "name": "Försäkringskassan",
            "kind": "social_insurance_agency",
            "contribution": 8_346_000,
        },
        {"id": "af", "name": "Arbetsförmedlingen", "kind": "employment_service", "contribution": 0},
        {"id": "vgr", "name": "Västra Götalandsregionen", "kind": "region", "contribution": 4_173_000},
        {
            "id": "molndal",
            "name": "Mölndals stad",
            "kind": "municipality",
            "contribution": 1_222_500,
            "population": 63_000,
        },
        {
            "id": "partille",
            "name": "Partille kommun",
            "kind": "municipality",
            "contribution": 709_500,
            "population": 37_000,
        },
        {
            "id": "harryda",
            "name": "Härryda kommun",
            "kind": "municipality",
            "contribution": 705_000,
            "population": 36_500,
        },
        {
            "id": "lerum",
            "name": "Lerums kommun",
            "kind": "municipality",
            "contribution": 772_500,
            "population": 40_000,
        },
        {
            "id": "alingsas",
            "name": "Alingsås kommun",
            "kind": "municipality",
            "contribution": 763_500,
            "population": 39_500,
        },
    ],
}

GENDER_ANALYSIS = (
    "Remisserna till teamet har hittills i hög grad gällt kvinnor. Projektet följer "
    "fördelningen mellan kvinnor och män varje tertial i SUS, analyserar vilka hinder "
    "kvinnor respektive män möter och ber styrgruppen se över remissvägarna om "
    "fördelningen blir sned, så att kvinnor och män får samma möjligheter till stöd."
)
IMPLEMENTATION_PLAN = (
    "Från 2017 tar Mölndals stad och Lerums kommun över teamets tjänster i ordinarie "
    "verksamhet; styrgruppen beslutar om överföringen senast i juni 2016 och parterna "
    "budgeterar för det."
)

APPLICATION: dict[str, Any] = {
    "id": "2016/0003",
    "title": "Individsamverkansteam",
    "kind": "implementation",
    "owner": "molndal",
    "submitted": D(2015, 10, 15),
    "parties": ["fk", "af", "vgr", "lerum"],
    "county_wide": True,
    "period": {"start": D(2016, 1, 1), "end": D(2016, 12, 31)},
    "budget": [
        {"year": 2016, "personnel": 3_124_000, "premises": 135_000, "other": 41_000, "total": 3_300_000}
    ],
    "requested": 3_300_000,
    "target_group": {
        "description": "Personer 20-64 år med behov av samordnad arbetslivsinriktad rehabilitering",
        "age_min": 20,
        "age_max": 64,
        "priority_groups": ["long_term_support"],
    },
    "planned_participants": {"total": 60, "women": 30, "men": 30},
    "outcome_targets": [{"measure": "work", "share": 0.3, "description": "30 % av avslutade till arbete"}],
    "gender_analysis": GENDER_ANALYSIS,
    "implementation_plan": IMPLEMENTATION_PLAN,
    "steering_group": ["molndal", "fk", "af", "vgr", "lerum"],
    "attachments": ["budget", "cooperation_agreement"],
    "decision": {
        "status": "granted",
        "amount": 3_300_000,
        "date": D(2015, 12, 10),
        "reports_required": [D(2016, 5, 15), D(2016, 9, 15)],
    },
}

REPORT: dict[str, Any] = {
    "project": "2016/0003",
    "kind": "progress",
    "period": {"start": D(2016, 1, 1), "end": D(2016, 8, 31)},
    "participants": {"women": 30, "men": 30, "unknown": 0},
    # 36 finished (60 less 24 ongoing), of whom 28 to work, studies or further
    # rehabilitation: 78 %; 14 of 36 to work: 39 % against the promised 30 %.
    "outcomes": {
        "work": 14,
        "studies": 4,
        "further_rehabilitation": 10,
        "job_seeking": 4,
        "dropped_out": 4,
        "ongoing": 24,
    },
    # The real January-August table of the individual cooperation team, in kronor.
    "costs": {"personnel": 1_796_000, "premises": 114_000, "other": 89_000, "total": 1_999_000},
    "budget": {"personnel": 2_083_000, "premises": 90_000, "other": 27_000, "total": 2_200_000},
    "forecast": {"cost": 3_500_000, "budget": 3_300_000, "horizon": "year"},
    "comment": "Teamet har arbetat med 63 deltagare under perioden.",
}


@pytest.fixture
def association_data() -> dict[str, Any]:
    """The association as TOML-shaped data (a fresh copy per test)."""
    return copy.deepcopy(ASSOCIATION)


@pytest.fixture
def association(association_data) -> Association:
    """The Mölndal-Partille-Härryda-Lerum-Alingsås association of 2016."""
    return structure(association_data, Association)


@pytest.fixture
def application_data() -> dict[str, Any]:
    """The compliant application as TOML-shaped data (a fresh copy per test)."""
    return copy.deepcopy(APPLICATION)


@pytest.fixture
def base_application(application_data) -> Application:
    """A compliant application: the individual cooperation team, 2016."""
    return structure(application_data, Application)


@pytest.fixture
def report_data() -> dict[str, Any]:
    """The compliant progress report as TOML-shaped data (a fresh copy per test)."""
    return copy.deepcopy(REPORT)


@pytest.fixture
def base_report(report_data) -> Report:
    """A compliant progress report on the base application, January-August 2016."""
    return structure(report_data, Report)


@pytest.fixture
def make_report(report_data) -> Callable[..., Report]:
    """Build a report from the base report with top-level keys replaced (``None`` drops
    a key)."""

    def build(**changes: Any) -> Report:
        data = copy.deepcopy(report_data)
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return structure(data, Report)

    return build


#: The standard pack's distribution name. Tests load only this pack, so that another
#: installed pack (an association's own rules) cannot change what they specify.
STANDARD_PACK = "finsam-rules"


@pytest.fixture(scope="session")
def standard_env() -> dict[str, str]:
    """Environment that makes ``finsam`` load the standard pack only."""
    return {"FINSAM_RULES_PLUGINS": STANDARD_PACK}


@pytest.fixture(scope="session")
def registry(standard_env) -> Registry:
    """The standard pack's rules and policy files, and nothing else."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in standard_env.items():
            patch.setenv(name, value)
        return build_registry()


@pytest.fixture(scope="session")
def standard_policy(registry) -> Policy:
    """The standard policy: the defaults of ``policies/standard.toml``."""
    return load_policy(registry)


@pytest.fixture
def engine(standard_policy) -> Engine:
    """An engine with the standard policy."""
    return Engine(standard_policy)


_DEFAULT = object()


@pytest.fixture
def evaluate(engine, association, base_application) -> Callable[..., Evaluation]:
    """Evaluate a document the way a portfolio screening does.

    By default the association is known and the base application is the only application
    of the portfolio; pass ``association=None`` or ``applications={}`` to take them away,
    and ``engine=`` to use another policy.
    """

    def run(
        doc, association: Any = _DEFAULT, applications: Any = _DEFAULT, engine: Engine | None = None
    ) -> Evaluation:
        assoc = association_default if association is _DEFAULT else association
        apps = {base_application.id: base_application} if applications is _DEFAULT else applications
        return (engine or engine_default).evaluate(doc, assoc, apps.get)

    association_default, engine_default = association, engine
    return run


@pytest.fixture
def policy_engine(tmp_path, registry) -> Callable[[str], Engine]:
    """An engine whose policy is the standard one extended by the TOML text given
    (the ``[rules.CODE...]`` tables of an association's policy file)."""

    counter = iter(range(1000))

    def build(rules_toml: str) -> Engine:
        path = tmp_path / f"policy-{next(counter)}.toml"
        path.write_text('[policy]\nname = "test"\nextends = "standard"\n\n' + rules_toml, encoding="utf-8")
        return Engine(load_policy(registry, path))

    return build


@pytest.fixture
def write_toml() -> Callable[[Path, dict[str, Any]], Path]:
    """Write data as a TOML file (creating folders), returning the path."""

    def write(path: Path, data: dict[str, Any]) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        return path

    return write


@pytest.fixture
def portfolio(tmp_path, write_toml, association_data, application_data, report_data) -> Path:
    """A portfolio folder: ``association.toml``, one application and one report."""
    root = tmp_path / "mphla"
    write_toml(root / "association.toml", association_data)
    write_toml(root / "applications" / "2016-0003-individsamverkansteam.toml", application_data)
    write_toml(root / "reports" / "2016" / "individsamverkansteam-2016-08.toml", report_data)
    return root


@pytest.fixture(scope="session")
def bench() -> ModuleType:
    """``benchmarks/bench.py`` (its generator of realistic portfolios), imported once."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench", module)
    spec.loader.exec_module(module)
    return module
