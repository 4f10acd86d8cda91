"""FI: the association's finances. Legal contribution shares, a balanced budget, equity."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

from finsam_rules import finance
from finsam_rules.pack import (
    Check,
    Explanation,
    Finding,
    NotEvaluable,
    Param,
    ParamType,
    Portfolio,
    Scope,
    Severity,
    explain,
    hookimpl,
    law,
    national,
    round_half_up,
    rule,
    to_fraction,
)

FI001_SOURCE = law(
    "Lag (2003:1210) 5 § (staten hälften, regionen en fjärdedel, kommunerna en fjärdedel); "
    "kommunernas inbördes fördelning: förbundsordningen"
)


@rule(
    code="FI001",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    source=FI001_SOURCE,
    title={"sv": "Medlemmarnas andelar", "en": "Contribution shares"},
    params=[Param("tolerance", ParamType.KRONOR)],
    messages={
        "group": {
            "sv": "{group:word@group} betalar {amount:kr} = {share:pct@legal} av {total:kr}; enligt 5 § "
            "ska andelen vara {legal:pct} = {expected:kr}.",
            "en": "{group:word@group} pays {amount:kr} = {share:pct@legal} of {total:kr}; under "
            "section 5 the share should be {legal:pct} = {expected:kr}.",
        },
        "municipality": {
            "sv": "{name} betalar {amount:kr}; efter befolkning blir kommunens del av "
            "kommunernas {municipal_total:kr} = {population:n} / {population_total:n} "
            "invånare = {expected:kr} (befolkningsnyckeln är förbundsordningens, inte lagens).",
            "en": "{name} pays {amount:kr}; by population its part of the municipalities' "
            "{municipal_total:kr} is {population:n} / {population_total:n} residents = "
            "{expected:kr} (the population key is the förbundsordning's, not the law's).",
        },
        "agreed": {
            "sv": "{name} betalar {amount:kr}; enligt den överenskomna nyckeln ({key_source}) "
            "är kommunens del {agreed_share:pcte} av kommunernas {municipal_total:kr} = "
            "{expected:kr}.",
            "en": "{name} pays {amount:kr}; under the agreed key ({key_source}) its part is "
            "{agreed_share:pcte} of the municipalities' {municipal_total:kr} = {expected:kr}.",
        },
        "agreed_split": {
            "sv": "Kommunerna fördelar sin fjärdedel enligt en överenskommen nyckel "
            "({key_source}); varje kommun betalar sin avtalade andel.",
            "en": "The municipalities split their quarter by an agreed key ({key_source}); "
            "every municipality pays its agreed share.",
        },
        "no_population": {
            "sv": "Kommunernas fördelning kunde inte kontrolleras: befolkning saknas för "
            '{missing:list}. Ange befolkningen, eller municipal_key = "agreed" med varje '
            "kommuns agreed_share om förbundsordningen anger en annan nyckel.",
            "en": "The municipal split could not be checked: population is missing for "
            '{missing:list}. Give the populations, or municipal_key = "agreed" with every '
            "municipality's agreed_share if the förbundsordning sets another key.",
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
        sv=Explanation(
            what=(
                "Jämför först varje huvudmannagrupps bidrag med lagens fördelning: staten "
                "(Försäkringskassan, med Arbetsförmedlingens andel) hälften, regionen en fjärdedel "
                "och kommunerna tillsammans en fjärdedel. Därefter kommunernas inbördes "
                "fördelning efter förbundets nyckel (municipal_key): efter befolkning "
                "(standard; ej kontrollerbar när befolkning saknas) eller efter den "
                "överenskomna andelen (agreed_share) som förbundsordningen anger."
            ),
            why=(
                "Lagen fixerar 50 / 25 / 25; hur kommunerna delar sin fjärdedel är deras "
                "överenskommelse. En felaktig fördelning gör att någon medlem betalar för mycket."
            ),
            example="16 692 tkr fördelat 8 346 / 4 173 / 4 173 (stat / kommuner / region) stämmer.",
            source=(
                "Lag (2003:1210) 5 § för de tre gruppernas andelar; förbundsordningen för "
                "kommunernas fördelning."
            ),
        ),
        en=Explanation(
            what=(
                "First compares each group's contributions with the legal split: the state (the "
                "Social Insurance Agency, with the Employment Service's share) half, the region a "
                "quarter, the municipalities together a quarter. Then the split among the "
                "municipalities by the association's key (municipal_key): by population (the "
                "default; not checkable when populations are missing) or by the agreed share "
                "(agreed_share) of the förbundsordning."
            ),
            why=(
                "The law fixes 50 / 25 / 25; how the municipalities share their quarter is their "
                "own agreement. A wrong split makes a member pay too much."
            ),
            example="16,692 tkr split 8,346 / 4,173 / 4,173 (state / municipalities / region) is right.",
            source=(
                "Lag (2003:1210) section 5 for the three groups' shares; the förbundsordning for "
                "the municipal split."
            ),
        ),
    ),
)
def contribution_shares(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag contributions off the legal split, or a municipal split off the association's key."""
    association = portfolio.association
    total = association.total_contributions
    if not total:
        raise NotEvaluable("no_contributions")
    tolerance = check.params["tolerance"]
    groups = finance.group_shares(association)
    split: dict[str, Any] = {g.group: g.amount for g in groups}
    split.update({f"{g.group}_share": g.share for g in groups})
    yield check.note("split", total=total, **split)
    for row in groups:
        if abs(row.amount - row.expected) > tolerance:
            yield check.finding(
                "group",
                subject=row.group,
                group=row.group,
                amount=row.amount,
                share=row.share,
                total=total,
                legal=row.legal_share,
                expected=round_half_up(row.expected),
            )
    if not association.municipalities:
        return
    municipal_total = sum(m.contribution for m in association.municipalities)
    if finance.uses_agreed_key(association):
        key_source = association.municipal_key_source
        off = False
        for member in finance.member_shares(association):
            if member.expected_by_agreement is None or member.agreed_share is None:
                continue
            if abs(member.amount - member.expected_by_agreement) > tolerance:
                off = True
                yield check.finding(
                    "agreed",
                    subject=member.id,
                    name=member.name,
                    amount=member.amount,
                    agreed_share=member.agreed_share,
                    municipal_total=municipal_total,
                    expected=round_half_up(member.expected_by_agreement),
                    key_source=key_source,
                )
        if not off:
            yield check.note("agreed_split", key_source=key_source)
        return
    if not finance.population_key_known(association):
        missing = [m.id for m in association.municipalities if not m.population]
        yield check.not_evaluated("no_population", missing=missing)
        return
    population_total = sum(m.population or 0 for m in association.municipalities)
    for member in finance.member_shares(association):
        if member.expected is not None and abs(member.amount - member.expected) > tolerance:
            yield check.finding(
                "municipality",
                subject=member.id,
                name=member.name,
                amount=member.amount,
                population=member.population,
                population_total=population_total,
                municipal_total=municipal_total,
                expected=round_half_up(member.expected),
            )


RESERVE = Param("reserve_share", ParamType.SHARE)


@rule(
    code="FI002",
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
        "over_returned": {
            "sv": "Beviljat {granted:kr} − återbetalt {returned:kr} + egna kostnader "
            "{administration:kr} = {committed:kr} överstiger bidrag {contributions:kr} + "
            "användbart eget kapital {usable:kr} = {available:kr} med {shortfall:kr}.",
            "en": "Granted {granted:kr} − returned {returned:kr} + own costs "
            "{administration:kr} = {committed:kr} exceeds contributions {contributions:kr} + "
            "usable equity {usable:kr} = {available:kr} by {shortfall:kr}.",
        },
        "within_returned": {
            "sv": "Beviljat {granted:kr} − återbetalt {returned:kr} + egna kostnader "
            "{administration:kr} = {committed:kr} ryms i bidrag {contributions:kr} + "
            "användbart eget kapital {usable:kr} = {available:kr}; marginalen är {margin:kr}.",
            "en": "Granted {granted:kr} − returned {returned:kr} + own costs "
            "{administration:kr} = {committed:kr} fits within contributions "
            "{contributions:kr} + usable equity {usable:kr} = {available:kr}; the margin is "
            "{margin:kr}.",
        },
        "actual_over": {
            "sv": "Året som det blev: projektkostnader {project_costs:kr} + egna kostnader "
            "{own_costs:kr} = {costs:kr} överstiger erhållna bidrag {contributions:kr} + "
            "övriga intäkter {other_income:kr} + användbart eget kapital {usable:kr} = "
            "{available:kr} med {shortfall:kr}.",
            "en": "The year as it went: project costs {project_costs:kr} + own costs "
            "{own_costs:kr} = {costs:kr} exceed contributions received {contributions:kr} + "
            "other income {other_income:kr} + usable equity {usable:kr} = {available:kr} by "
            "{shortfall:kr}.",
        },
        "actual_within": {
            "sv": "Året som det blev: projektkostnader {project_costs:kr} + egna kostnader "
            "{own_costs:kr} = {costs:kr} ryms i erhållna bidrag {contributions:kr} + övriga "
            "intäkter {other_income:kr} + användbart eget kapital {usable:kr} = "
            "{available:kr}; marginalen är {margin:kr}.",
            "en": "The year as it went: project costs {project_costs:kr} + own costs "
            "{own_costs:kr} = {costs:kr} fit within contributions received "
            "{contributions:kr} + other income {other_income:kr} + usable equity {usable:kr} "
            "= {available:kr}; the margin is {margin:kr}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Summerar årets del av beviljade projektmedel (minus pengar som projekt "
                "återbetalat, decision.returned) och förbundets egna kostnader och jämför med årets "
                "bidrag plus det egna kapital som får användas (över reserven). När året är "
                "stängt och [actuals] anges bedöms året som det blev: faktiska projekt- och egna "
                "kostnader mot erhållna bidrag, övriga intäkter (ESF, återbetalningar) och "
                "användbart eget kapital."
            ),
            why=(
                "Förbundet får inte lova mer än det har; god ekonomisk hushållning kräver en budget i balans."
            ),
            example=(
                "Beviljat 15 400 000 + egna kostnader 2 300 000 = 17 700 000 kr mot bidrag "
                "16 692 000 + eget kapital 1 013 690 = 17 705 690 kr: i balans."
            ),
            source="Nationella rådets vägledning om god ekonomisk hushållning.",
        ),
        en=Explanation(
            what=(
                "Adds the year's part of granted project funding (less money projects returned, "
                "decision.returned) and the association's own costs and compares them with the "
                "year's contributions plus the equity that may be used (above the reserve). Once "
                "the year is closed and [actuals] are given, the year is judged as it went: "
                "actual project and own costs against contributions received, other income (ESF, "
                "refunds) and usable equity."
            ),
            why=(
                "The association must not promise more than it has; sound financial management "
                "requires a budget in balance."
            ),
            example=(
                "Granted 15,400,000 + own costs 2,300,000 = 17,700,000 kr against contributions "
                "16,692,000 + equity 1,013,690 = 17,705,690 kr: in balance."
            ),
            source="National guidance on sound financial management.",
        ),
    ),
)
def budget_in_balance(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag a year whose commitments (or, once closed, costs) exceed what it could use."""
    reserve_share = to_fraction(check.params["reserve_share"])
    actual = finance.actual_balance(portfolio.association, reserve_share)
    if actual is not None:
        figures: dict[str, Any] = dict(
            project_costs=actual.actuals.project_costs,
            own_costs=actual.actuals.own_costs,
            costs=actual.actuals.costs,
            contributions=actual.actuals.contributions,
            other_income=actual.actuals.other_income,
            usable=actual.usable_equity,
            available=actual.available,
            reserve=actual.reserve,
        )
        if actual.margin < 0:
            yield check.finding("actual_over", shortfall=-actual.margin, **figures)
        else:
            yield check.note("actual_within", margin=actual.margin, **figures)
        return
    running = portfolio.running()
    granted = sum(portfolio.granted_in_year(a) for a in running)
    returned = finance.returned_in_year(running, portfolio.year)
    result = finance.balance(portfolio.association, granted, reserve_share, returned)
    planned: dict[str, Any] = dict(
        granted=result.granted,
        administration=result.administration,
        committed=result.committed,
        contributions=result.contributions,
        usable=result.usable_equity,
        available=result.available,
        reserve=result.reserve,
    )
    if returned:
        planned["returned"] = returned
    suffix = "_returned" if returned else ""
    if result.margin < 0:
        yield check.finding("over" + suffix, shortfall=-result.margin, **planned)
    else:
        yield check.note("within" + suffix, margin=result.margin, **planned)


@rule(
    code="FI003",
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    source=national("Nationella rådets rekommendation 2013-10-02 (trappa för eget kapital)"),
    title={"sv": "Eget kapital", "en": "Equity level"},
    params=[Param("scale", ParamType.SCALE)],
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
            "till {band_up_to:else@band.unlimited:kr}.",
            "en": "Equity of {equity:kr} is {share:pct@max_share} of the year's contributions "
            "{contributions:kr}; the scale allows at most {max_share:pcte} for "
            "contributions up to {band_up_to:else@band.unlimited:kr}.",
        },
        "within": {
            "sv": "Eget kapital {equity:kr} är {share:pct} av årets bidrag {contributions:kr}, "
            "inom trappans {max_share:pcte}.",
            "en": "Equity of {equity:kr} is {share:pct} of the year's contributions "
            "{contributions:kr}, within the scale's {max_share:pcte}.",
        },
        "information_end": {
            "sv": "Eget kapital vid årets slut {equity:kr} är {share:pct} av årets erhållna "
            "bidrag {contributions:kr}. Ingen trappa är konfigurerad (parametern scale), så "
            "andelen redovisas bara som information.",
            "en": "Equity at the end of the year of {equity:kr} is {share:pct} of the year's "
            "contributions received {contributions:kr}. No scale is configured (parameter "
            "scale), so the share is shown for information only.",
        },
        "over_end": {
            "sv": "Eget kapital vid årets slut {equity:kr} är {share:pct@max_share} av årets "
            "erhållna bidrag {contributions:kr}; trappan tillåter högst {max_share:pcte} för "
            "bidrag upp till {band_up_to:else@band.unlimited:kr}.",
            "en": "Equity at the end of the year of {equity:kr} is {share:pct@max_share} of the "
            "year's contributions received {contributions:kr}; the scale allows at most "
            "{max_share:pcte} for contributions up to {band_up_to:else@band.unlimited:kr}.",
        },
        "within_end": {
            "sv": "Eget kapital vid årets slut {equity:kr} är {share:pct} av årets erhållna "
            "bidrag {contributions:kr}, inom trappans {max_share:pcte}.",
            "en": "Equity at the end of the year of {equity:kr} is {share:pct} of the year's "
            "contributions received {contributions:kr}, within the scale's {max_share:pcte}.",
        },
        "no_contributions": {
            "sv": "Kunde inte bedömas: inga medlemsbidrag anges i association.toml.",
            "en": "Could not be evaluated: no member contributions in association.toml.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Räknar eget kapital vid årets början som andel av årets bidrag och jämför med "
                "förbundets konfigurerade trappa (band av bidragsnivåer, var och en med högsta "
                "andel). När [actuals] anger eget kapital vid årets slut (equity_at_end) bedöms "
                "det i stället, mot årets erhållna bidrag. Standardpaketet har ingen trappa: de "
                "nationella stegen är inte verifierade här, så andelen redovisas då bara som "
                "information."
            ),
            why=(
                "Ett för stort eget kapital betyder att medlemmarnas pengar inte används, och "
                "kan minska statens bidrag kommande år."
            ),
            example="Eget kapital 1 013 690 kr av bidrag 16 692 000 kr = 6 %.",
            source="Nationella rådets rekommendation 2013-10-02.",
        ),
        en=Explanation(
            what=(
                "Computes equity at the start of the year as a share of the year's contributions "
                "and compares it with the association's configured scale (bands of contribution "
                "levels, each with a largest share). When [actuals] give the equity at the end of "
                "the year (equity_at_end), that is judged instead, against the contributions "
                "received. The standard pack has no scale: the national steps are not verified "
                "here, so the share is then shown for information only."
            ),
            why=(
                "Too much equity means the members' money is not used, and may reduce the state's "
                "contribution in later years."
            ),
            example="Equity of 1,013,690 kr against contributions of 16,692,000 kr = 6%.",
            source="Nationella rådet's recommendation of 2013-10-02.",
        ),
    ),
)
def equity_level(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Compare equity with the configured scale; without one, report the share as information.

    The year-end equity of ``[actuals]`` is judged when given, else the equity at the start."""
    association = portfolio.association
    actuals = association.actuals
    at_end = actuals is not None and actuals.equity_at_end is not None
    contributions: int
    equity: int
    if actuals is not None and actuals.equity_at_end is not None:
        contributions = actuals.contributions
        equity = actuals.equity_at_end
    else:
        contributions = association.total_contributions
        equity = association.equity_at_start
    if not contributions:
        raise NotEvaluable("no_contributions")
    share = Fraction(equity, contributions)
    figures: dict[str, Any] = dict(equity=equity, contributions=contributions, share=share)
    suffix = "_end" if at_end else ""
    scale = check.params["scale"]
    if not scale:
        yield check.note("information" + suffix, **figures)
        return
    band = next((b for b in scale if b.get("up_to") is None or contributions <= b["up_to"]), scale[-1])
    limit = to_fraction(band["max_share"])
    band_up_to = band.get("up_to") or None
    if share > limit:
        yield check.finding("over" + suffix, **figures, max_share=limit, band_up_to=band_up_to)
    else:
        yield check.note("within" + suffix, **figures, max_share=limit, band_up_to=band_up_to)


@rule(
    code="FI004",
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    source=national("God redovisningssed (förbundets årsredovisning och delårsrapport)"),
    title={"sv": "Tabellerna summerar", "en": "Tables add up"},
    params=[Param("tolerance", ParamType.KRONOR)],
    messages={
        "sign": {
            "sv": "Kostnadsställetabellens summa för {column:word@column} är tryckt som {stated:kr}, men "
            "raderna ({rows} st) summerar till {rows_sum:kr}: summan har fel tecken.",
            "en": "The cost-centre table's total for {column:word@column} is printed as {stated:kr}, but "
            "its {rows} rows add up to {rows_sum:kr}: the total has the wrong sign.",
        },
        "sum": {
            "sv": "Kostnadsställetabellens summa för {column:word@column} är tryckt som {stated:kr}, men "
            "raderna ({rows} st) summerar till {rows_sum:kr}; skillnaden {difference:kr} är "
            "större än {tolerance:kr}.",
            "en": "The cost-centre table's total for {column:word@column} is printed as {stated:kr}, but "
            "its {rows} rows add up to {rows_sum:kr}; the difference of {difference:kr} is "
            "more than {tolerance:kr}.",
        },
        "rows_missing": {
            "sv": "Kostnadsställetabellens summa för {column:word@column} ({stated:kr}) kan inte "
            "kontrolleras: {missing:list} saknar värde i kolumnen.",
            "en": "The cost-centre table's total for {column:word@column} ({stated:kr}) cannot be "
            "checked: {missing:list} have no value in the column.",
        },
        "table_adds_up": {
            "sv": "Kostnadsställetabellens {rows} rader summerar till de tryckta summorna "
            "({columns:words@column}), inom {tolerance:kr}.",
            "en": "The cost-centre table's {rows} rows add up to the printed totals "
            "({columns:words@column}), within {tolerance:kr}.",
        },
        "result": {
            "sv": "Årets resultat anges till {result:kr}, men intäkter {income:kr} (bidrag "
            "{contributions:kr} + övriga intäkter {other_income:kr}) − kostnader {costs:kr} "
            "(projekt {project_costs:kr} + egna {own_costs:kr}) = {expected:kr}; skillnaden "
            "är {difference:kr}.",
            "en": "The year's result is given as {result:kr}, but income {income:kr} "
            "(contributions {contributions:kr} + other income {other_income:kr}) − costs "
            "{costs:kr} (projects {project_costs:kr} + own {own_costs:kr}) = {expected:kr}; the "
            "difference is {difference:kr}.",
        },
        "equity": {
            "sv": "Eget kapital vid årets slut anges till {equity_at_end:kr}, men eget kapital "
            "vid årets början {equity_at_start:kr} + årets resultat {result:kr} = "
            "{expected:kr}; skillnaden är {difference:kr}.",
            "en": "Equity at the end of the year is given as {equity_at_end:kr}, but equity at "
            "the start {equity_at_start:kr} + the year's result {result:kr} = {expected:kr}; "
            "the difference is {difference:kr}.",
        },
        "actuals_add_up": {
            "sv": "Årets siffror hänger ihop: intäkter {income:kr} − kostnader {costs:kr} = "
            "resultat {result:kr}; eget kapital {equity_at_start:kr} + {result:kr} = "
            "{equity_at_end:kr}.",
            "en": "The year's figures hold together: income {income:kr} − costs {costs:kr} = "
            "result {result:kr}; equity {equity_at_start:kr} + {result:kr} = "
            "{equity_at_end:kr}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Summerar förbundets kostnadsställetabell ([[cost_centres]]) kolumn för kolumn "
                "(utfall, budget, prognos, helårsbudget) och jämför summa och tecken med de "
                "tryckta summorna ([cost_centre_totals]); kontrollerar årets siffror ([actuals]): "
                "resultat = intäkter − kostnader och utgående eget kapital = ingående eget "
                "kapital + resultat."
            ),
            why=(
                "Styrelsen och medlemmarna läser förbundets egna tabeller; verkliga rapporter "
                "trycker summor som inte stämmer med raderna."
            ),
            example=(
                "Delårsrapporten 2016 trycker utfallets summa som 10 238 tkr, men raderna "
                "summerar till −10 238 tkr: fel tecken."
            ),
            source="God redovisningssed (Nationella rådets vägledning).",
        ),
        en=Explanation(
            what=(
                "Adds up the association's cost-centre table ([[cost_centres]]) column by column "
                "(actual, budget, forecast, full-year budget) and compares sum and sign with the "
                "printed totals ([cost_centre_totals]); checks the year's figures ([actuals]): "
                "result = income − costs and equity at the end = equity at the start + result."
            ),
            why=(
                "The board and the members read the association's own tables; real reports print "
                "totals that do not match their rows."
            ),
            example=(
                "The 2016 interim report prints the actual column's total as 10,238 tkr, but its "
                "rows add up to −10,238 tkr: the wrong sign."
            ),
            source="Sound accounting practice (national guidance).",
        ),
    ),
)
def tables_add_up(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag a cost-centre total whose sum or sign does not match its rows, and actuals whose
    result or year-end equity do not follow from the other figures."""
    association = portfolio.association
    tolerance = check.params["tolerance"]
    rows = len(association.cost_centres)
    checked: list[str] = []
    for column in finance.cost_centre_columns(association):
        words: dict[str, str] = {"column": column.column}
        if column.missing_rows:
            yield check.finding(
                "rows_missing",
                subject=column.column,
                stated=column.stated,
                missing=list(column.missing_rows),
                **words,
            )
        elif column.sign_differs and abs(column.stated) > tolerance:
            yield check.finding(
                "sign",
                subject=column.column,
                stated=column.stated,
                rows_sum=column.rows_sum,
                rows=rows,
                **words,
            )
        elif abs(column.difference) > tolerance:
            yield check.finding(
                "sum",
                subject=column.column,
                stated=column.stated,
                rows_sum=column.rows_sum,
                difference=column.difference,
                rows=rows,
                **words,
            )
        else:
            checked.append(column.column)
    if checked and len(checked) == len(finance.cost_centre_columns(association)):
        yield check.note(
            "table_adds_up",
            rows=rows,
            columns=checked,
        )
    actuals = association.actuals
    if actuals is None:
        return
    expected_result = actuals.income - actuals.costs
    consistent = True
    if actuals.result is not None and abs(actuals.result - expected_result) > tolerance:
        consistent = False
        yield check.finding(
            "result",
            subject="result",
            result=actuals.result,
            income=actuals.income,
            contributions=actuals.contributions,
            other_income=actuals.other_income,
            costs=actuals.costs,
            project_costs=actuals.project_costs,
            own_costs=actuals.own_costs,
            expected=expected_result,
            difference=actuals.result - expected_result,
        )
    result = expected_result if actuals.result is None else actuals.result
    if actuals.equity_at_end is not None:
        expected_equity = association.equity_at_start + result
        if abs(actuals.equity_at_end - expected_equity) > tolerance:
            consistent = False
            yield check.finding(
                "equity",
                subject="equity_at_end",
                equity_at_end=actuals.equity_at_end,
                equity_at_start=association.equity_at_start,
                result=result,
                expected=expected_equity,
                difference=actuals.equity_at_end - expected_equity,
            )
        elif consistent:
            yield check.note(
                "actuals_add_up",
                income=actuals.income,
                costs=actuals.costs,
                result=result,
                equity_at_start=association.equity_at_start,
                equity_at_end=actuals.equity_at_end,
            )


@hookimpl
def register_rules(register: Callable[..., None]) -> None:
    """Register FI001, FI002, FI003 and FI004."""
    for item in (contribution_shares, budget_in_balance, equity_level, tables_add_up):
        register(item)
