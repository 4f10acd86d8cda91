"""Rules of Samordningsförbundet MPHLA that the standard pack does not have.

MP001: the plan says "deltagandet skall för individen vara tidsbegränsat" (participation
must be time-limited for the individual). Applications state the longest enrolment per
participant in their ``[extra]`` table as ``max_enrolment_months``.
"""

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
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)


@rule(
    code="MP001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("MPHLA verksamhetsplan 2015-2017: deltagandet ska vara tidsbegränsat"),
    title={"sv": "Tidsbegränsat deltagande", "en": "Time-limited participation"},
    fields=("$.extra.max_enrolment_months",),
    # Units and descriptions are in policy.toml, with the defaults.
    params=[
        Param("max_months", ParamType.INTEGER, minimum=1, maximum=60),
        Param("kinds", ParamType.CHOICES, choices=("pre_study", "implementation", "structural")),
    ],
    messages={
        "missing": {
            "sv": "Ansökan anger inte längsta inskrivningstid per deltagare ([extra] max_enrolment_months).",
            "en": "The application does not state the longest enrolment per participant "
            "([extra] max_enrolment_months).",
        },
        "too_long": {
            "sv": "Längsta inskrivningstid {months} månader är längre än planens {max_months} månader.",
            "en": "The longest enrolment of {months} months exceeds the plan's {max_months} months.",
        },
    },
    # `finsam explain MP001` lists the parameters after this, from policy.toml.
    explanation=explain(
        sv=Explanation(
            what=(
                "Läser ansökans [extra] max_enrolment_months och jämför med planens längsta inskrivningstid."
            ),
            why=(
                "Planen säger att deltagandet ska vara tidsbegränsat för individen: en insats "
                "ska leda vidare, inte bli en permanent plats."
            ),
            example="Balder med max_enrolment_months = 18 godkänns; 30 månader flaggas.",
        ),
        en=Explanation(
            what=(
                "Reads the application's [extra] max_enrolment_months and compares it with the "
                "plan's longest enrolment."
            ),
            why=(
                "The plan says participation must be time-limited for the individual: an "
                "intervention should lead on, not become a permanent place."
            ),
            example="Balder with max_enrolment_months = 18 passes; 30 months is flagged.",
            source="MPHLA plan 2015-2017.",
        ),
    ),
)
def time_limited_participation(app: Application, check: Check) -> Iterator[Finding]:
    """Flag a missing or too long maximum enrolment time."""
    if app.kind.value not in check.params["kinds"]:
        return
    months = app.extra.get("max_enrolment_months")
    if not isinstance(months, int) or isinstance(months, bool):
        yield check.finding("missing")
    elif months > check.params["max_months"]:
        yield check.finding("too_long", months=months)


@hookimpl
def register_rules(register: Callable[..., None]) -> None:
    """Register MP001."""
    register(time_limited_participation)


@hookimpl
def register_policy_files(register: Callable[[Traversable], None]) -> None:
    """Register the pack's parameter defaults."""
    register(files("finsam_mphla") / "policy.toml")
