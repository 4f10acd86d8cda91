"""FI: the association's finances. Legal contribution shares, a balanced budget, equity."""

from __future__ import annotations

from fractions import Fraction

from finsam_rules import finance
from finsam_rules.formatting import format_kr, round_half_up, to_fraction
from finsam_rules.hookspecs import hookimpl
from finsam_rules.rules import (
    Check,
    NotEvaluable,
    Param,
    ParamType,
    Scope,
    Severity,
    explain,
    law,
    national,
    rule,
)


@rule(
    code="FI001",
    name="contribution-shares",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    source=law("Lag (2003:1210) 5 §"),
    title={"sv": "Medlemmarnas andelar", "en": "Contribution shares"},
    params=[
        Param(
            "tolerance", ParamType.KRONOR, "kr", "Largest difference in kronor from the legal or agreed share"
        )
    ],
    messages={
        "group": {
            "sv": "{group_sv} betalar {amount:kr} = {share:pct@legal} av {total:kr}; enligt 5 § "
            "ska andelen vara {legal:pct} = {expected:kr}.",
            "en": "{group_en} pays {amount:kr} = {share:pct@legal} of {total:kr}; under "
            "section 5 the share should be {legal:pct} = {expected:kr}.",
        },
        "municipality": {
            "sv": "{name} betalar {amount:kr}; efter befolkning blir kommunens del av "
            "kommunernas {municipal_total:kr} = {population:n} / {population_total:n} "
            "invånare = {expected:kr}.",
            "en": "{name} pays {amount:kr}; by population its part of the municipalities' "
            "{municipal_total:kr} is {population:n} / {population_total:n} residents = "
            "{expected:kr}.",
        },
        "no_population": {
            "sv": "Kommunernas fördelning kunde inte kontrolleras: befolkning saknas för {missing:list}.",
            "en": "The municipal split could not be checked: population is missing for {missing:list}.",
        },
        "no_contributions": {
            "sv": "Kunde inte bedömas: inga medlemsbidrag anges i association.toml.",
            "en": "Could not be evaluated: no member contributions in association.toml.",
        },
        "split": {
            "sv": "Bidragen {total:kr}: staten {state:kr} ({state_share:pct}), regionen "
            "{region:kr} ({region_share:pct}), kommunerna {municipalities:kr} "
            "({municipalities_share:pct}); lagens fördelning är 50 / 25 / 25 %.",
            "en": "Contributions {total:kr}: the state {state:kr} ({state_share:pct}), the "
            "region {region:kr} ({region_share:pct}), the municipalities "
            "{municipalities:kr} ({municipalities_share:pct}); the legal split is "
            "50 / 25 / 25%.",
        },
    },
    explanation=explain(
        sv=(
            "Jämför varje huvudmannagrupps bidrag med lagens fördelning: staten "
            "(Försäkringskassan, med Arbetsförmedlingens andel) hälften, regionen en fjärdedel "
            "och kommunerna en fjärdedel; kommunernas fjärdedel fördelas efter befolkning när "
            "befolkningen anges, annars redovisas den som ej kontrollerbar.",
            "Fördelningen är lagstadgad; en felaktig fördelning gör att någon medlem betalar för mycket.",
            "16 692 tkr fördelat 8 346 / 4 173 / 4 173 (stat / kommuner / region) stämmer.",
            "Lag (2003:1210) 5 §. Parametern tolerance.",
        ),
        en=(
            "Compares each group's contributions with the legal split: the state (the Social "
            "Insurance Agency, with the Employment Service's share) half, the region a "
            "quarter, the municipalities a quarter; the municipal quarter is split by "
            "population when populations are given, else reported as not checkable.",
            "The split is set by law; a wrong split makes a member pay too much.",
            "16,692 tkr split 8,346 / 4,173 / 4,173 (state / municipalities / region) is right.",
            "Lag (2003:1210) section 5. Parameter tolerance.",
        ),
    ),
)
def contribution_shares(portfolio, check: Check):
    """Flag contributions off the legal split, or a municipal split off the population key."""
    association = portfolio.association
    total = association.total_contributions
    if not total:
        raise NotEvaluable("no_contributions")
    tolerance = check.params["tolerance"]
    groups = finance.group_shares(association)
    yield check.note(
        "split",
        total=total,
        **{g.group: g.amount for g in groups},
        **{f"{g.group}_share": g.share for g in groups},
    )
    for row in groups:
        if abs(row.amount - row.expected) > tolerance:
            yield check.finding(
                "group",
                subject=row.group,
                group_sv=finance.GROUP_NAMES[row.group]["sv"],
                group_en=finance.GROUP_NAMES[row.group]["en"],
                amount=row.amount,
                share=row.share,
                total=total,
                legal=row.legal_share,
                expected=round_half_up(row.expected),
            )
    if not finance.population_key_known(association):
        missing = [m.id for m in association.municipalities if not m.population]
        yield check.not_evaluated("no_population", missing=missing)
        return
    population_total = sum(m.population for m in association.municipalities)
    municipal_total = sum(m.contribution for m in association.municipalities)
    for row in finance.member_shares(association):
        if row.expected is not None and abs(row.amount - row.expected) > tolerance:
            yield check.finding(
                "municipality",
                subject=row.id,
                name=row.name,
                amount=row.amount,
                population=row.population,
                population_total=population_total,
                municipal_total=municipal_total,
                expected=round_half_up(row.expected),
            )


RESERVE = Param(
    "reserve_share",
    ParamType.SHARE,
    "andel",
    "Equity kept in reserve, as a share of the year's contributions, not counted as usable",
)


@rule(
    code="FI002",
    name="budget-in-balance",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    source=national("God ekonomisk hushållning (Nationella rådet)"),
    title={"sv": "Budget i balans", "en": "Budget in balance"},
    params=[RESERVE],
    messages={
        "over": {
            "sv": "Beviljat {granted:kr} + egna kostnader {administration:kr} = "
            "{committed:kr} överstiger bidrag {contributions:kr} + användbart eget "
            "kapital {usable:kr} = {available:kr} med {shortfall:kr}.",
            "en": "Granted {granted:kr} + own costs {administration:kr} = {committed:kr} "
            "exceeds contributions {contributions:kr} + usable equity {usable:kr} = "
            "{available:kr} by {shortfall:kr}.",
        },
        "within": {
            "sv": "Beviljat {granted:kr} + egna kostnader {administration:kr} = "
            "{committed:kr} ryms i bidrag {contributions:kr} + användbart eget kapital "
            "{usable:kr} = {available:kr}; marginalen är {margin:kr}.",
            "en": "Granted {granted:kr} + own costs {administration:kr} = {committed:kr} fits "
            "within contributions {contributions:kr} + usable equity {usable:kr} = "
            "{available:kr}; the margin is {margin:kr}.",
        },
    },
    explanation=explain(
        sv=(
            "Summerar årets del av beviljade projektmedel och förbundets egna kostnader och "
            "jämför med årets bidrag plus det egna kapital som får användas (över reserven).",
            "Förbundet får inte lova mer än det har; god ekonomisk hushållning kräver en budget i balans.",
            "Beviljat 15 400 000 + egna kostnader 2 300 000 = 17 700 000 kr mot bidrag "
            "16 692 000 + eget kapital 1 013 690 = 17 705 690 kr: i balans.",
            "Nationella rådets vägledning om god ekonomisk hushållning. Parametern reserve_share.",
        ),
        en=(
            "Adds the year's part of granted project funding and the association's own "
            "costs and compares them with the year's contributions plus the equity that may "
            "be used (above the reserve).",
            "The association must not promise more than it has; sound financial management "
            "requires a budget in balance.",
            "Granted 15,400,000 + own costs 2,300,000 = 17,700,000 kr against contributions "
            "16,692,000 + equity 1,013,690 = 17,705,690 kr: in balance.",
            "National guidance on sound financial management. Parameter reserve_share.",
        ),
    ),
)
def budget_in_balance(portfolio, check: Check):
    """Flag a year whose commitments exceed contributions plus usable equity."""
    granted = sum(portfolio.granted_in_year(a) for a in portfolio.running())
    result = finance.balance(portfolio.association, granted, to_fraction(check.params["reserve_share"]))
    figures = dict(
        granted=result.granted,
        administration=result.administration,
        committed=result.committed,
        contributions=result.contributions,
        usable=result.usable_equity,
        available=result.available,
        reserve=result.reserve,
    )
    if result.margin < 0:
        yield check.finding("over", shortfall=-result.margin, **figures)
    else:
        yield check.note("within", margin=result.margin, **figures)


@rule(
    code="FI003",
    name="equity-level",
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    source=national("Nationella rådets rekommendation 2013-10-02 (trappa för eget kapital)"),
    title={"sv": "Eget kapital", "en": "Equity level"},
    params=[
        Param(
            "scale",
            ParamType.SCALE,
            "band",
            "Bands of yearly contributions, each "
            "with the largest reasonable equity as a share of contributions",
        )
    ],
    messages={
        "information": {
            "sv": "Eget kapital {equity:kr} är {share:pct} av årets bidrag {contributions:kr}. "
            "Ingen trappa är konfigurerad (parametern scale), så andelen redovisas bara "
            "som information.",
            "en": "Equity of {equity:kr} is {share:pct} of the year's contributions "
            "{contributions:kr}. No scale is configured (parameter scale), so the share "
            "is shown for information only.",
        },
        "over": {
            "sv": "Eget kapital {equity:kr} är {share:pct@max_share} av årets bidrag "
            "{contributions:kr}; trappan tillåter högst {max_share:pcte} för bidrag upp "
            "till {band_sv}.",
            "en": "Equity of {equity:kr} is {share:pct@max_share} of the year's contributions "
            "{contributions:kr}; the scale allows at most {max_share:pcte} for "
            "contributions up to {band_en}.",
        },
        "within": {
            "sv": "Eget kapital {equity:kr} är {share:pct} av årets bidrag {contributions:kr}, "
            "inom trappans {max_share:pcte}.",
            "en": "Equity of {equity:kr} is {share:pct} of the year's contributions "
            "{contributions:kr}, within the scale's {max_share:pcte}.",
        },
        "no_contributions": {
            "sv": "Kunde inte bedömas: inga medlemsbidrag anges i association.toml.",
            "en": "Could not be evaluated: no member contributions in association.toml.",
        },
    },
    explanation=explain(
        sv=(
            "Räknar eget kapital vid årets början som andel av årets bidrag och jämför med "
            "förbundets konfigurerade trappa (band av bidragsnivåer, var och en med högsta "
            "andel). Standardpaketet har ingen trappa: de nationella stegen är inte "
            "verifierade här, så andelen redovisas då bara som information.",
            "Ett för stort eget kapital betyder att medlemmarnas pengar inte används, och "
            "kan minska statens bidrag kommande år.",
            "Eget kapital 1 013 690 kr av bidrag 16 692 000 kr = 6 %.",
            "Nationella rådets rekommendation 2013-10-02. Parametern scale.",
        ),
        en=(
            "Computes equity at the start of the year as a share of the year's contributions "
            "and compares it with the association's configured scale (bands of contribution "
            "levels, each with a largest share). The standard pack has no scale: the national "
            "steps are not verified here, so the share is then shown for information only.",
            "Too much equity means the members' money is not used, and may reduce the state's "
            "contribution in later years.",
            "Equity of 1,013,690 kr against contributions of 16,692,000 kr = 6%.",
            "Nationella rådet's recommendation of 2013-10-02. Parameter scale.",
        ),
    ),
)
def equity_level(portfolio, check: Check):
    """Compare equity with the configured scale; without one, report the share as information."""
    association = portfolio.association
    contributions = association.total_contributions
    if not contributions:
        raise NotEvaluable("no_contributions")
    equity = association.equity_at_start
    share = Fraction(equity, contributions)
    figures = dict(equity=equity, contributions=contributions, share=share)
    scale = check.params["scale"]
    if not scale:
        yield check.note("information", **figures)
        return
    band = next((b for b in scale if b.get("up_to") is None or contributions <= b["up_to"]), scale[-1])
    limit = to_fraction(band["max_share"])
    band_text = {
        lang: (
            format_kr(band["up_to"], lang)
            if band.get("up_to")
            else {"sv": "obegränsat", "en": "unlimited"}[lang]
        )
        for lang in ("sv", "en")
    }
    if share > limit:
        yield check.finding(
            "over", **figures, max_share=limit, band_sv=band_text["sv"], band_en=band_text["en"]
        )
    else:
        yield check.note(
            "within", **figures, max_share=limit, band_sv=band_text["sv"], band_en=band_text["en"]
        )


@hookimpl
def register_rules(register):
    """Register FI001, FI002 and FI003."""
    for item in (contribution_shares, budget_in_balance, equity_level):
        register(item)
