"""Words of the user interface in Swedish and English (rules carry their own messages)."""

from __future__ import annotations

from finsam_rules.formatting import render_template

TEXTS: dict[str, dict[str, str]] = {
    "application": {"sv": "Ansökan", "en": "Application"},
    "report": {"sv": "Rapport", "en": "Report"},
    "portfolio": {"sv": "Portfölj", "en": "Portfolio"},
    "judged_as_of": {"sv": "bedömd per {date}", "en": "judged as of {date}"},
    "verdict": {"sv": "Förslag", "en": "Recommendation"},
    "source": {"sv": "Källa", "en": "Source"},
    "figures": {"sv": "Underlag", "en": "Figures"},
    "parameters": {"sv": "Parametrar", "en": "Parameters"},
    "no_findings": {"sv": "Inga anmärkningar.", "en": "No findings."},
    "not_evaluated": {"sv": "ej bedömd", "en": "not evaluated"},
    "waived": {"sv": "undantagen", "en": "waived"},
    "could_not_read": {"sv": "Kunde inte läsas", "en": "Could not be read"},
    "summary": {
        "sv": "{documents} dokument: {approve} tillstyrks, {revise} komplettering krävs, "
        "{reject} avstyrks; {errors} fil(er) kunde inte läsas.",
        "en": "{documents} document(s): {approve} approve, {revise} revision required, "
        "{reject} reject; {errors} file(s) could not be read.",
    },
    "severity": {"sv": "Allvar", "en": "Severity"},
    "code": {"sv": "Kod", "en": "Code"},
    "finding": {"sv": "Anmärkning", "en": "Finding"},
    "rule": {"sv": "Regel", "en": "Rule"},
    "screening_title": {"sv": "Granskning", "en": "Screening"},
    "what": {"sv": "Vad regeln gör", "en": "What it does"},
    "why": {"sv": "Varför det spelar roll", "en": "Why it matters"},
    "example": {"sv": "Exempel", "en": "Example"},
    "default_severity": {"sv": "Standardallvar", "en": "Default severity"},
    "scope": {"sv": "Gäller", "en": "Applies to"},
    "pack": {"sv": "Paket", "en": "Pack"},
    "scope_application": {"sv": "ansökningar", "en": "applications"},
    "scope_report": {"sv": "rapporter", "en": "reports"},
    "scope_portfolio": {"sv": "portföljen (året som helhet)", "en": "the portfolio (the year)"},
    "unknown_code": {
        "sv": "Okänd regelkod {code}. Se `finsam rules`.",
        "en": "Unknown rule code {code}. See `finsam rules`.",
    },
    "valid": {"sv": "giltig {kind}", "en": "valid {kind}"},
    "plugin_failed": {
        "sv": "Paketet {pack} kunde inte laddas ({what}): {error}",
        "en": "Pack {pack} could not be loaded ({what}): {error}",
    },
    # -- outputs and decision records (finsam_rules.outputs, finsam_rules.records) --
    "output_is_input": {
        "sv": "{path}: utdatafilen är en av indatafilerna ({other}); inget skrevs",
        "en": "{path}: the output file is one of the inputs ({other}); nothing was written",
    },
    "output_inside_input": {
        "sv": "{path}: utdata får inte skrivas i en mapp som läses in ({other}); inget skrevs",
        "en": "{path}: output must not be written inside a folder that is read ({other}); "
        "nothing was written",
    },
    "output_exists": {
        "sv": "{path}: finns redan och skrevs inte av finsam; inte överskriven (lägg till --force)",
        "en": "{path}: already exists and was not written by finsam; not overwritten (add --force)",
    },
    "output_not_a_file": {
        "sv": "{path}: finns redan och är inte en vanlig fil; inget skrevs",
        "en": "{path}: exists and is not a regular file; nothing was written",
    },
    "output_no_folder": {
        "sv": "{path}: mappen {folder} finns inte; inget skrevs",
        "en": "{path}: the folder {folder} does not exist; nothing was written",
    },
    "output_folder_is_file": {
        "sv": "{path}: är en fil, inte en mapp; inget skrevs",
        "en": "{path}: is a file, not a folder; nothing was written",
    },
    "output_reserved": {
        "sv": "{path}: namnet är reserverat för finsam; inget skrevs",
        "en": "{path}: the name is reserved for finsam; nothing was written",
    },
    "output_write_failed": {
        "sv": "{path}: kunde inte skrivas: {error}",
        "en": "{path}: could not be written: {error}",
    },
    "output_inside_records": {
        "sv": "{path}: utdata får inte skrivas i protokollmappen ({other}); inget skrevs",
        "en": "{path}: output must not be written into the folder of records ({other}); nothing was written",
    },
    "output_record_renamed": {
        "sv": "Protokollet för {id} ({path}) heter {name}: namnet används redan av {other}",
        "en": "The record of {id} ({path}) is named {name}: the name is taken by {other}",
    },
    "output_record_hashed": {
        "sv": "Protokollet för {id} ({path}) heter {name}: id:t har tecken som inte står "
        "oförändrade i ett filnamn",
        "en": "The record of {id} ({path}) is named {name}: the id has characters a file "
        "name does not keep as they are",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, filled with ``values``."""
    return render_template(TEXTS[key][lang], lang, values)
