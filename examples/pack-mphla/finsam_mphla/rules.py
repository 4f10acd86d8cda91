"""Rules of Samordningsförbundet MPHLA that the standard pack does not have.

MP001: the plan says "deltagandet skall för individen vara tidsbegränsat" (participation
must be time-limited for the individual). Applications state the longest enrolment per
participant in their ``[extra]`` table as ``max_enrolment_months``.
"""

from importlib.resources import files

from finsam_rules.hookspecs import hookimpl
from finsam_rules.rules import Param, ParamType, Scope, Severity, explain, plan, rule


@rule(
    code="MP001",
    name="time-limited-participation",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("MPHLA verksamhetsplan 2015-2017: deltagandet ska vara tidsbegränsat"),
    title={"sv": "Tidsbegränsat deltagande", "en": "Time-limited participation"},
    params=[
        Param(
            "max_months",
            ParamType.INTEGER,
            "månader",
            "Longest enrolment of one participant",
            minimum=1,
            maximum=60,
        ),
        Param(
            "kinds",
            ParamType.CHOICES,
            "projektslag",
            "Kinds of project with enrolled participants",
            choices=("pre_study", "implementation", "structural"),
        ),
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
    explanation=explain(
        sv=(
            "Läser ansökans [extra] max_enrolment_months och jämför med planens längsta inskrivningstid.",
            "Planen säger att deltagandet ska vara tidsbegränsat för individen: en insats "
            "ska leda vidare, inte bli en permanent plats.",
            "Balder med max_enrolment_months = 18 godkänns; 30 månader flaggas.",
            "MPHLA verksamhetsplan 2015-2017. Parametrarna max_months och kinds.",
        ),
        en=(
            "Reads the application's [extra] max_enrolment_months and compares it with the "
            "plan's longest enrolment.",
            "The plan says participation must be time-limited for the individual: an "
            "intervention should lead on, not become a permanent place.",
            "Balder with max_enrolment_months = 18 passes; 30 months is flagged.",
            "MPHLA plan 2015-2017. Parameters max_months and kinds.",
        ),
    ),
)
def time_limited_participation(app, check):
    """Flag a missing or too long maximum enrolment time."""
    if app.kind.value not in check.params["kinds"]:
        return
    months = app.extra.get("max_enrolment_months")
    if not isinstance(months, int) or isinstance(months, bool):
        yield check.finding("missing")
    elif months > check.params["max_months"]:
        yield check.finding("too_long", months=months)


@hookimpl
def register_rules(register):
    """Register MP001."""
    register(time_limited_participation)


@hookimpl
def register_policy_files(register):
    """Register the pack's parameter defaults."""
    register(files("finsam_mphla") / "policy.toml")
