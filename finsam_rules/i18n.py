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
    # Pack isolation (finsam_rules.isolation): pack output, Ctrl-C.
    "pack_output": {
        "sv": "Paketet {pack} skrev ut text ({where}); den visas här och ingår inte i utdata:",
        "en": "Pack {pack} printed text ({where}); shown here, not part of the output:",
    },
    "interrupted": {
        "sv": "finsam: avbrutet (Ctrl-C); utdata kan vara ofullständiga.",
        "en": "finsam: interrupted (Ctrl-C); the output may be incomplete.",
    },
    "internal_error": {
        "sv": "finsam: internt fel: {error}",
        "en": "finsam: internal error: {error}",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, filled with ``values``."""
    return render_template(TEXTS[key][lang], lang, values)
