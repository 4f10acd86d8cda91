"""CV: municipal coverage. Every member municipality is served, and the region reaches all."""

from __future__ import annotations

from finsam_rules.hookspecs import hookimpl
from finsam_rules.model import MemberKind
from finsam_rules.rules import Check, Param, ParamType, Scope, Severity, explain, plan, rule


@rule(
    code="CV001",
    name="municipal-coverage",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    source=plan("Varje medlemskommun har minst ett pågående projekt"),
    title={"sv": "Alla kommuner täcks", "en": "Municipal coverage"},
    params=[
        Param(
            "min_projects",
            ParamType.INTEGER,
            "projekt",
            "Fewest running projects in each member municipality",
            minimum=1,
            maximum=20,
        )
    ],
    messages={
        "uncovered": {
            "sv": "{muni_name} har {count} pågående projekt under {year}; minst {min_projects} krävs.",
            "en": "{muni_name} has {count} running project(s) in {year}; at least "
            "{min_projects} are required.",
        },
        "covered": {
            "sv": "Alla {count} medlemskommuner har minst {min_projects} pågående projekt under "
            "{year} ({per_municipality}).",
            "en": "All {count} member municipalities have at least {min_projects} running "
            "project(s) in {year} ({per_municipality}).",
        },
    },
    explanation=explain(
        sv=(
            "Räknar för varje medlemskommun de beviljade projekt som pågår någon gång under "
            "året och täcker kommunen (ett länsövergripande projekt täcker alla).",
            "Alla medlemmar betalar; alla kommuners invånare ska kunna få del av insatserna.",
            "Fem kommuner där Alingsås bara har ett projekt som slutade året innan: Alingsås flaggas.",
            "Förbundets verksamhetsplan. Parametern min_projects.",
        ),
        en=(
            "Counts for each member municipality the granted projects running at some time in "
            "the year that cover it (a county-wide project covers all).",
            "Every member pays; the residents of every municipality must be able to benefit.",
            "Five municipalities where Alingsås only has a project that ended the year "
            "before: Alingsås is flagged.",
            "The association's plan. Parameter min_projects.",
        ),
    ),
)
def municipal_coverage(portfolio, check: Check):
    """Flag member municipalities with fewer than ``min_projects`` running projects."""
    names = {m.id: m.name for m in portfolio.association.municipalities}
    coverage = portfolio.coverage()
    uncovered = False
    for muni, projects in coverage.items():
        if len(projects) < check.params["min_projects"]:
            uncovered = True
            yield check.finding(
                "uncovered",
                subject=muni,
                muni=muni,
                muni_name=names[muni],
                count=len(projects),
                projects=projects,
                year=portfolio.year,
            )
    if not uncovered and coverage:
        yield check.note(
            "covered",
            count=len(coverage),
            year=portfolio.year,
            per_municipality=", ".join(f"{names[m]} {len(p)}" for m, p in coverage.items()),
        )


@rule(
    code="CV002",
    name="county-wide-regional-project",
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    source=plan("Regionen driver minst ett länsövergripande projekt"),
    title={"sv": "Regionalt länsövergripande projekt", "en": "County-wide regional project"},
    messages={
        "missing": {
            "sv": "Regionen ({regions:list}) driver inget länsövergripande projekt under "
            "{year}; regionens pågående projekt: {region_projects:list}.",
            "en": "The region ({regions:list}) runs no county-wide project in {year}; the "
            "region's running projects: {region_projects:list}.",
        },
        "runs": {
            "sv": "Regionen driver länsövergripande {county_wide:list} under {year}.",
            "en": "The region runs the county-wide {county_wide:list} in {year}.",
        },
    },
    explanation=explain(
        sv=(
            "Söker ett pågående, beviljat projekt med regionen som projektägare och county_wide = true.",
            "Regionens hälso- och sjukvård når hela förbundets område; ett länsövergripande "
            "projekt gör att alla kommuner får del av det.",
            "AKTIV, med Västra Götalandsregionen som ägare och länsövergripande, uppfyller målet.",
            "Förbundets verksamhetsplan.",
        ),
        en=(
            "Looks for a running, granted project owned by the region with county_wide = true.",
            "The region's health care reaches the whole area; a county-wide project lets "
            "every municipality benefit.",
            "AKTIV, owned by the region and county-wide, meets the goal.",
            "The association's plan.",
        ),
    ),
)
def county_wide_regional_project(portfolio, check: Check):
    """Flag a year in which the region runs no county-wide project."""
    regions = [m.id for m in portfolio.association.members if m.kind is MemberKind.REGION]
    region_projects = [a for a in portfolio.running() if a.owner in regions]
    county_wide = [a.id for a in region_projects if a.county_wide]
    if county_wide:
        yield check.note("runs", county_wide=county_wide, year=portfolio.year)
    else:
        yield check.finding(
            "missing", regions=regions, year=portfolio.year, region_projects=[a.id for a in region_projects]
        )


@rule(
    code="CV003",
    name="new-cross-municipal-project",
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    source=plan("Minst ett nytt kommunövergripande projekt per år"),
    title={"sv": "Nytt kommunövergripande projekt", "en": "New cross-municipal project"},
    params=[
        Param(
            "min_municipalities",
            ParamType.INTEGER,
            "kommuner",
            "Fewest municipalities a new project must cover to count",
            minimum=2,
            maximum=50,
        )
    ],
    messages={
        "missing": {
            "sv": "Inget projekt som startade {year} täcker minst {min_municipalities} "
            "kommuner (startade: {started:list}).",
            "en": "No project started in {year} covers at least {min_municipalities} "
            "municipalities (started: {started:list}).",
        },
        "started": {
            "sv": "Nya kommunövergripande projekt {year}: {wide:list}.",
            "en": "New cross-municipal projects in {year}: {wide:list}.",
        },
    },
    explanation=explain(
        sv=(
            "Söker ett beviljat projekt som startar under året (och inte fortsätter ett "
            "tidigare: varken continues eller previous_periods) och täcker minst två kommuner.",
            "Samverkan över kommungränser är en av förbundets styrkor; planen vill se nya "
            "sådana projekt varje år.",
            "Ett nytt projekt för Partille och Härryda som startar 2016-04-01 uppfyller målet för 2016.",
            "Förbundets verksamhetsplan. Parametern min_municipalities.",
        ),
        en=(
            "Looks for a granted project that starts in the year (not continuing an earlier "
            "one: neither continues nor previous_periods) and covers at least two "
            "municipalities.",
            "Cooperation across municipal borders is one of the association's strengths; the "
            "plan wants new such projects every year.",
            "A new project for Partille and Härryda starting 2016-04-01 meets the goal for 2016.",
            "The association's plan. Parameter min_municipalities.",
        ),
    ),
)
def new_cross_municipal_project(portfolio, check: Check):
    """Flag a year without a new project covering ``min_municipalities`` municipalities."""
    started = [
        a
        for a in portfolio.granted()
        if a.period.start.year == portfolio.year and not a.continues and not a.previous_periods
    ]
    wide = [a for a in started if len(portfolio.municipalities_of(a)) >= check.params["min_municipalities"]]
    if wide:
        yield check.note("started", year=portfolio.year, wide=[a.id for a in wide])
    else:
        yield check.finding("missing", year=portfolio.year, started=[a.id for a in started])


@hookimpl
def register_rules(register):
    """Register CV001, CV002 and CV003."""
    for item in (municipal_coverage, county_wide_regional_project, new_cross_municipal_project):
        register(item)
