"""The shape of the shipped forms: which sheet and label holds which field.

One declaration serves the workbook writer and reader (and the Word form), so the two can
never disagree. A sheet is a column of labelled fields (label in column A, value in column B,
help text in column C) and tables (a title row, a header row, then one row per item).
"""

from __future__ import annotations

import attrs

from finsam_rules.intake.vocabulary import COST_LINES


@attrs.frozen
class Field:
    """A single value: its key path in the document, its Swedish label and its type.

    Types: ``text``, ``longtext``, ``date``, ``kronor``, ``count``, ``share``, ``bool``,
    ``word`` (a closed vocabulary), ``words`` (one or more words of a closed vocabulary,
    counted together: ``arbete, praktik eller studier``), ``member`` (a member's name) and ``tag`` (an open
    vocabulary).
    """

    key: str
    label: str
    type: str
    help: str = ""
    vocabulary: str = ""


@attrs.frozen
class Column:
    """A column of a table: the key within one item, its header and its type."""

    key: str
    label: str
    type: str
    vocabulary: str = ""


@attrs.frozen
class Table:
    """A table of items.

    Shapes: ``records`` (a list of tables, one per row), ``values`` (a list of single
    values), ``roles`` (a row per member with yes/no columns, each column a list of member
    ids), ``outcomes`` (a row per outcome, columns total/women/men) and ``costs`` (a row
    per cost line and a total row, a column per table of cost lines). A column named in
    ``total_of`` is the sum of those columns; the template writes it as a formula.
    """

    title: str
    key: str
    columns: tuple[Column, ...]
    shape: str = "records"
    rows: int = 6
    help: str = ""
    total_of: tuple[str, ...] = ()


@attrs.frozen
class Heading:
    """A heading that groups the fields below it."""

    title: str
    help: str = ""


Item = Field | Table | Heading


@attrs.frozen
class Sheet:
    """One sheet of a workbook (one section of a Word form)."""

    name: str
    items: tuple[Item, ...]


#: The hidden sheet that holds the drop-down lists and the member names with their ids.
LISTS_SHEET = "Listor"
#: Label of the row under a cost table that sums it.
TOTAL_ROW = "Summa"
#: Label of the row under the yearly budget that sums the years (ignored when read).
GRAND_TOTAL_ROW = "Totalt"

_COSTS = tuple(Column(code, label, "kronor") for label, code in COST_LINES)

APPLICATION = (
    Sheet(
        "Ansökan",
        (
            Heading("Ansökan om finansiering", "Fyll i de gula cellerna. Belopp i hela kronor."),
            Field("id", "Diarienummer", "text", "Förbundets diarienummer, t.ex. 2017/0001."),
            Field("title", "Projektnamn", "text", "Projektets namn."),
            Field("kind", "Typ av insats", "word", "Välj i listan.", "application_kind"),
            Field("owner", "Projektägare", "member", "Den medlem som äger projektet; välj i listan."),
            Field("submitted", "Ansökan inkom", "date", "Datum ÅÅÅÅ-MM-DD."),
            Field("period.start", "Projektets start", "date", "Datum ÅÅÅÅ-MM-DD."),
            Field("period.end", "Projektets slut", "date", "Datum ÅÅÅÅ-MM-DD."),
            Field(
                "continues",
                "Fortsättning på ansökan",
                "text",
                "Diarienummer om projektet fortsätter ett tidigare.",
            ),
            Field(
                "county_wide",
                "Hela förbundets område",
                "bool",
                "Ja om insatsen gäller alla kommuner i förbundet.",
            ),
            Field("requested", "Sökt belopp", "kronor", "Hela projektperioden, i kronor."),
            Field(
                "gender_analysis",
                "Jämställdhetsanalys",
                "longtext",
                "Hur kvinnor och män berörs och bemöts, och hur det följs upp.",
            ),
            Field(
                "implementation_plan",
                "Implementeringsplan",
                "longtext",
                "Hur medlemmarna tar över arbetet när finansieringen upphör.",
            ),
            Table(
                "Medlemmar i projektet",
                "",
                (
                    Column("member", "Medlem", "member"),
                    Column("parties", "Part i projektet", "bool"),
                    Column("steering_group", "I styrgruppen", "bool"),
                    Column("municipalities", "Kommun som omfattas", "bool"),
                ),
                shape="roles",
                rows=8,
                help="En rad per medlem; ja eller nej i varje kolumn.",
            ),
            Table(
                "Tidigare finansierade perioder",
                "previous_periods",
                (Column("start", "Start", "date"), Column("end", "Slut", "date")),
                rows=3,
            ),
            Heading("Förbundets beslut", "Fylls i av förbundet."),
            Field("decision.status", "Beslut", "word", "Välj i listan.", "decision"),
            Field("decision.date", "Beslutsdatum", "date", "Datum ÅÅÅÅ-MM-DD."),
            Field("decision.amount", "Beviljat belopp", "kronor", "I kronor."),
            Field(
                "decision.ended",
                "Avslutat i förtid",
                "date",
                "Datum ÅÅÅÅ-MM-DD, om projektet avslutades före periodens slut.",
            ),
            Field("decision.ended_reason", "Skäl till förtida avslut", "text"),
            Field(
                "decision.returned",
                "Återbetalt till förbundet",
                "kronor",
                "Medel som gått tillbaka till förbundet, i kronor.",
            ),
            Table(
                "Rapporter som ska lämnas",
                "decision.reports_required",
                (Column("", "Senast", "date"),),
                shape="values",
                rows=4,
            ),
        ),
    ),
    Sheet(
        "Budget per år",
        (
            Heading("Budget per år", "En rad per kalenderår; summan räknas ut."),
            Table(
                "Budget",
                "budget",
                (Column("year", "År", "count"), *_COSTS, Column("total", "Summa", "kronor")),
                rows=4,
                total_of=("personnel", "premises", "other"),
            ),
            Table(
                "Medfinansiering",
                "co_financing",
                (Column("source", "Finansiär", "text"), Column("amount", "Belopp", "kronor")),
                rows=3,
                help="Andra finansiärer än förbundet.",
            ),
        ),
    ),
    Sheet(
        "Deltagare och mål",
        (
            Heading("Målgrupp"),
            Field(
                "target_group.description",
                "Beskrivning av målgruppen",
                "text",
                "Vilka insatsen vänder sig till.",
            ),
            Field("target_group.age_min", "Lägsta ålder", "count", "År."),
            Field("target_group.age_max", "Högsta ålder", "count", "År."),
            Field(
                "target_group.gender_focus",
                "Riktas till ett kön",
                "word",
                "Lämna tomt om insatsen gäller både kvinnor och män.",
                "gender",
            ),
            Field(
                "target_group.gender_focus_reason",
                "Skäl att rikta till ett kön",
                "text",
                "Krävs om insatsen riktas till ett kön.",
            ),
            Table(
                "Prioriterade grupper",
                "target_group.priority_groups",
                (Column("", "Grupp", "tag", "priority_group"),),
                shape="values",
                rows=3,
                help="Förbundets prioriterade grupper som insatsen når; välj i listan.",
            ),
            Heading("Planerade deltagare"),
            Field("planned_participants.total", "Planerade deltagare, totalt", "count", "Antal personer."),
            Field("planned_participants.women", "varav kvinnor", "count"),
            Field("planned_participants.men", "varav män", "count"),
            Table(
                "Mål för deltagarna",
                "outcome_targets",
                (
                    Column("measure", "Utfall", "words", "outcome"),
                    Column("share", "Andel", "share"),
                    Column("count", "Antal", "count"),
                    Column("description", "Beskrivning", "text"),
                    Column("denominator", "Andel av", "word", "denominator"),
                ),
                rows=4,
                help="Andel (i procent) eller antal deltagare som når utfallet; flera utfall räknas "
                "tillsammans (arbete, praktik eller studier). Andel av avslutade eller inskrivna "
                "deltagare; tomt: som förbundet räknar.",
            ),
        ),
    ),
    Sheet(
        "Bilagor",
        (
            Heading("Bilagor", "En rad per bifogad handling; välj i listan."),
            Table(
                "Bifogade handlingar",
                "attachments",
                (Column("", "Bilaga", "tag", "attachment"),),
                shape="values",
                rows=5,
            ),
        ),
    ),
)

REPORT = (
    Sheet(
        "Rapport",
        (
            Heading("Läges- eller slutrapport", "Fyll i de gula cellerna. Belopp i hela kronor."),
            Field("project", "Projektets diarienummer", "text", "Diarienumret på ansökan."),
            Field("id", "Rapportens id", "text", "Valfritt, om förbundet numrerar rapporter."),
            Field("kind", "Typ av rapport", "word", "Välj i listan.", "report_kind"),
            Field("period.start", "Periodens start", "date", "Datum ÅÅÅÅ-MM-DD."),
            Field("period.end", "Periodens slut", "date", "Datum ÅÅÅÅ-MM-DD."),
            Field("comment", "Kommentar", "longtext", "Kort kommentar om perioden."),
        ),
    ),
    Sheet(
        "Deltagare och utfall",
        (
            Heading("Deltagare", "Antal personer under perioden, från uppföljningssystemet."),
            Field(
                "outcome_table",
                "Utfallstabell (fil)",
                "text",
                "Valfritt: filnamnet på en export från uppföljningssystemet (CSV eller Excel) i samma "
                "mapp; den ger deltagare och utfall, och tabellerna nedan lämnas tomma.",
            ),
            Field("participants.women", "Kvinnor", "count"),
            Field("participants.men", "Män", "count"),
            Field("participants.unknown", "Okänt kön", "count"),
            Table(
                "Utfall vid avslut",
                "outcomes",
                (
                    Column("", "Utfall", "word", "outcome"),
                    Column("total", "Totalt", "count"),
                    Column("women", "Kvinnor", "count"),
                    Column("men", "Män", "count"),
                ),
                shape="outcomes",
                help="Antal deltagare per utfall; kvinnor och män om de är kända.",
            ),
        ),
    ),
    Sheet(
        "Ekonomi",
        (
            Heading("Ekonomi", "Kostnader under perioden och budget för samma period."),
            Table(
                "Kostnader",
                "",
                (
                    Column("", "Kostnadsslag", "text"),
                    Column("costs", "Utfall", "kronor"),
                    Column("budget", "Budget", "kronor"),
                ),
                shape="costs",
            ),
            Heading("Prognos"),
            Field("forecast.cost", "Prognos kostnad", "kronor"),
            Field("forecast.budget", "Prognos budget", "kronor"),
            Field("forecast.horizon", "Prognosen avser", "word", "Välj i listan.", "horizon"),
        ),
    ),
)

ASSOCIATION = (
    Sheet(
        "Förbundet",
        (
            Heading("Förbundets uppgifter för året"),
            Field("name", "Förbundets namn", "text"),
            Field("org_number", "Organisationsnummer", "text", "NNNNNN-NNNN."),
            Field("year", "År", "count"),
            Field("equity_at_start", "Eget kapital vid årets början", "kronor"),
            Field("administration_budget", "Budget för förbundets administration", "kronor"),
            Field(
                "municipal_key",
                "Kommunernas fördelningsnyckel",
                "word",
                "Hur kommunerna delar sin fjärdedel: befolkning (om inget anges) eller "
                "överenskommen andel enligt förbundsordningen.",
                "municipal_key",
            ),
            Field(
                "municipal_key_source",
                "Källa för fördelningsnyckeln",
                "text",
                "Vid överenskommen andel: var den står, t.ex. förbundsordningens paragraf.",
            ),
            Table(
                "Medlemmar",
                "members",
                (
                    Column("id", "Kortnamn (id)", "text"),
                    Column("name", "Namn", "text"),
                    Column("kind", "Slag av medlem", "word", "member_kind"),
                    Column("contribution", "Medlemsbidrag", "kronor"),
                    Column("population", "Invånare", "count"),
                    Column("agreed_share", "Överenskommen andel", "share"),
                ),
                rows=10,
                help="Överenskommen andel: kommunens del av kommunernas fjärdedel (tillsammans 100 %).",
            ),
            Table(
                "Prioriterade grupper",
                "priority_groups",
                (Column("", "Grupp", "tag", "priority_group"),),
                shape="values",
                rows=5,
            ),
            Heading("Årets utfall", "Fylls i när året är avslutat. Belopp i hela kronor."),
            Field("actuals.contributions", "Medlemsbidrag, erhållna", "kronor"),
            Field(
                "actuals.other_income", "Övriga intäkter", "kronor", "T.ex. ESF-medel och återbetalningar."
            ),
            Field("actuals.project_costs", "Kostnader för insatser", "kronor"),
            Field("actuals.own_costs", "Förbundets egna kostnader", "kronor"),
            Field("actuals.result", "Årets resultat", "kronor"),
            Field("actuals.equity_at_end", "Eget kapital vid årets slut", "kronor"),
            Table(
                "Kostnadsställen",
                "cost_centres",
                (
                    Column("name", "Kostnadsställe", "text"),
                    Column("actual", "Utfall", "kronor"),
                    Column("budget", "Budget", "kronor"),
                    Column("forecast", "Prognos", "kronor"),
                    Column("budget_year", "Budget för året", "kronor"),
                ),
                rows=8,
                help="Nettokostnad per kostnadsställe som i förbundets rapport, tecken medräknade "
                "(kostnader negativa).",
            ),
            Heading("Summor för kostnadsställena", "Som de står i rapporten, tecken medräknade."),
            Field("cost_centre_totals.actual", "Summa utfall", "kronor"),
            Field("cost_centre_totals.budget", "Summa budget", "kronor"),
            Field("cost_centre_totals.forecast", "Summa prognos", "kronor"),
            Field("cost_centre_totals.budget_year", "Summa budget för året", "kronor"),
        ),
    ),
)

FORMS: dict[str, tuple[Sheet, ...]] = {
    "application": APPLICATION,
    "report": REPORT,
    "association": ASSOCIATION,
}
#: The first sheet's name tells which form a workbook is.
KIND_BY_FIRST_SHEET = {sheets[0].name: kind for kind, sheets in FORMS.items()}
#: Cost lines with the total, as (label, code), in the order a cost table lists them.
COST_ROWS = (*COST_LINES, (TOTAL_ROW, "total"))
