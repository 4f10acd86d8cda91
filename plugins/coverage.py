"""CV: municipal coverage. Every member municipality is served, and the region reaches all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from finsam_rules.pack import (
    Check,
    Explanation,
    Finding,
    MemberKind,
    Param,
    ParamType,
    Portfolio,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)


@rule(
    code="CV001",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    source=plan("Varje medlemskommun har minst ett pågående projekt"),
    title={"sv": "Alla kommuner täcks", "en": "Municipal coverage"},
    params=[
        Param("min_projects", ParamType.INTEGER, minimum=1, maximum=20),
        Param("county_wide_covers_all", ParamType.BOOLEAN),
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
        sv=Explanation(
            what=(
                "Räknar för varje medlemskommun de beviljade projekt som pågår någon gång under "
                "året (ett projekt som avslutats i förtid till och med sitt slutdatum) och täcker "
                "kommunen. Ett länsövergripande projekt (county_wide) täcker alla kommuner när "
                "parametern county_wide_covers_all är på, annars bara de kommuner det anger."
            ),
            why="Alla medlemmar betalar; alla kommuners invånare ska kunna få del av insatserna.",
            example=(
                "Fem kommuner där Alingsås bara har ett projekt som slutade året innan: Alingsås flaggas."
            ),
            source="Förbundets verksamhetsplan.",
        ),
        en=Explanation(
            what=(
                "Counts for each member municipality the granted projects running at some time in "
                "the year (a project ended early up to its early end) that cover it. A county-wide "
                "project covers every municipality when the parameter county_wide_covers_all is on, "
                "else only the municipalities it lists."
            ),
            why="Every member pays; the residents of every municipality must be able to benefit.",
            example=(
                "Five municipalities where Alingsås only has a project that ended the year "
                "before: Alingsås is flagged."
            ),
            source="The association's plan.",
        ),
    ),
)
def municipal_coverage(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag member municipalities with fewer than ``min_projects`` running projects."""
    names: dict[str, str] = {m.id: m.name for m in portfolio.association.municipalities}
    coverage = portfolio.coverage(check.params["county_wide_covers_all"])
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
        sv=Explanation(
            what=(
                "Söker ett pågående, beviljat projekt med regionen som projektägare och county_wide = true."
            ),
            why=(
                "Regionens hälso- och sjukvård når hela förbundets område; ett länsövergripande "
                "projekt gör att alla kommuner får del av det."
            ),
            example="AKTIV, med Västra Götalandsregionen som ägare och länsövergripande, uppfyller målet.",
            source="Förbundets verksamhetsplan.",
        ),
        en=Explanation(
            what="Looks for a running, granted project owned by the region with county_wide = true.",
            why=(
                "The region's health care reaches the whole area; a county-wide project lets "
                "every municipality benefit."
            ),
            example="AKTIV, owned by the region and county-wide, meets the goal.",
            source="The association's plan.",
        ),
    ),
)
def county_wide_regional_project(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
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
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    source=plan("Minst ett nytt kommunövergripande projekt per år"),
    title={"sv": "Nytt kommunövergripande projekt", "en": "New cross-municipal project"},
    params=[Param("min_municipalities", ParamType.INTEGER, minimum=2, maximum=50)],
    messages={
        "missing": {
            "sv": "I inget projekt som startade {year} deltar minst {min_municipalities} "
            "medlemskommuner som ägare eller parter (startade: {shown:entries@municipalities.none}).",
            "en": "No project started in {year} has at least {min_municipalities} member "
            "municipalities taking part as owner or parties (started: {shown:entries@municipalities.none}).",
        },
        "started": {
            "sv": "Nya kommunövergripande projekt {year}: {shown:entries@municipalities.none}.",
            "en": "New cross-municipal projects in {year}: {shown:entries@municipalities.none}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Söker ett beviljat projekt som startar under året (och inte fortsätter ett "
                "tidigare: varken continues eller previous_periods) där minst två medlemskommuner "
                "deltar, som projektägare eller parter. Att ett projekt täcker kommuner "
                "(municipalities, county_wide) räcker inte: ett projekt som bara Försäkringskassan "
                "och Arbetsförmedlingen driver är inte kommunövergripande."
            ),
            why=(
                "Samverkan över kommungränser är en av förbundets styrkor; planen vill se nya "
                "sådana projekt varje år."
            ),
            example=(
                "Ett nytt projekt med Partille som ägare och Härryda som part, startat 2016-04-01, "
                "uppfyller målet för 2016."
            ),
            source="Förbundets verksamhetsplan.",
        ),
        en=Explanation(
            what=(
                "Looks for a granted project that starts in the year (not continuing an earlier "
                "one: neither continues nor previous_periods) in which at least two member "
                "municipalities take part, as owner or parties. Covering municipalities "
                "(municipalities, county_wide) is not enough: a project run by the Social "
                "Insurance Agency and the Employment Service alone is not cross-municipal."
            ),
            why=(
                "Cooperation across municipal borders is one of the association's strengths; the "
                "plan wants new such projects every year."
            ),
            example=(
                "A new project owned by Partille with Härryda as a party, starting 2016-04-01, meets "
                "the goal for 2016."
            ),
            source="The association's plan.",
        ),
    ),
)
def new_cross_municipal_project(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag a year without a new project in which ``min_municipalities`` member
    municipalities take part."""
    started = [
        a
        for a in portfolio.granted()
        if a.period.start.year == portfolio.year and not a.continues and not a.previous_periods
    ]
    taking_part = {a.id: portfolio.participating_municipalities(a) for a in started}
    wide = [a for a in started if len(taking_part[a.id]) >= check.params["min_municipalities"]]
    shown = wide or started
    figures: dict[str, Any] = {
        "year": portfolio.year,
        "started": [a.id for a in started],
        "taking_part": {a.id: taking_part[a.id] for a in started},
        "shown": [[a.id, taking_part[a.id]] for a in shown],
    }
    if wide:
        yield check.note("started", wide=[a.id for a in wide], **figures)
    else:
        yield check.finding("missing", **figures)


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register CV001, CV002 and CV003."""
    for item in (municipal_coverage, county_wide_regional_project, new_cross_municipal_project):
        register(item)
