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
    # -- PDF and Excel board packs (render/board_pdf.py, board_xlsx.py, screening_pdf.py) --
    "pdf_board_title": {"sv": "Styrelserapport {year}", "en": "Board report {year}"},
    "pdf_screening_title": {"sv": "Beredningsgruppens förslag", "en": "The preparation group's proposal"},
    "pdf_year": {"sv": "Verksamhetsåret {year}", "en": "The year {year}"},
    "pdf_meeting": {"sv": "Styrelsemöte", "en": "Board meeting"},
    "pdf_dnr": {"sv": "Dnr", "en": "Reg. no."},
    "pdf_org_number": {"sv": "Organisationsnummer", "en": "Organisation number"},
    "pdf_as_of": {"sv": "Bedömd per", "en": "Judged as of"},
    "pdf_contents": {"sv": "Innehåll", "en": "Contents"},
    "pdf_page_of": {"sv": "sida {page} av {pages}", "en": "page {page} of {pages}"},
    "pdf_documents": {"sv": "Dokument", "en": "Documents"},
    "pdf_overview": {"sv": "Översikt", "en": "Overview"},
    "pdf_unavailable": {
        "sv": "PDF kan inte skrivas: WeasyPrint eller systembiblioteket pango saknas ({error}). "
        "Installera paketen libpango-1.0-0 och libpangoft2-1.0-0.",
        "en": "Cannot write PDF: WeasyPrint or the pango system library is missing ({error}). "
        "Install the packages libpango-1.0-0 and libpangoft2-1.0-0.",
    },
    # -- letters to applicants (render/letter.py, finsam screen --format letter) --
    "letter_folder_is_file": {
        "sv": "{path} är en fil; med --format letter är -o en mapp där ett brev per dokument skrivs "
        "(eller en .txt-fil för breven som text).",
        "en": "{path} is a file; with --format letter, -o is a folder for one letter per document "
        "(or a .txt file for the letters as text).",
    },
    "letter_reply_before_date": {
        "sv": "--reply-by {reply_by} ligger före brevets datum {date}.",
        "en": "--reply-by {reply_by} is before the letter's date {date}.",
    },
    "binary_needs_output": {
        "sv": "Formatet {fmt} skrivs inte till en terminal; ange -o FIL.",
        "en": "The {fmt} format is not written to a terminal; give -o FILE.",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, filled with ``values``."""
    return render_template(TEXTS[key][lang], lang, values)
