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
        "{reject} avstyrks, {accept} godkänns, {deviation} avvikelse; {errors} fil(er) kunde "
        "inte läsas.",
        "en": "{documents} document(s): {approve} approve, {revise} revision required, "
        "{reject} reject, {accept} accepted, {deviation} deviation; {errors} file(s) could not "
        "be read.",
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
    # -- decision records and `finsam record verify` (finsam_rules.records) --
    "record_key_both": {
        "sv": "ange {env} eller {file_env}, inte båda",
        "en": "set {env} or {file_env}, not both",
    },
    "record_key_not_a_file": {
        "sv": "{setting}: inte en vanlig fil",
        "en": "{setting}: not a regular file",
    },
    "record_key_too_large": {
        "sv": "{setting}: större än {limit} byte",
        "en": "{setting}: larger than {limit} bytes",
    },
    "record_key_unreadable": {
        "sv": "{setting}: {error}",
        "en": "{setting}: {error}",
    },
    "record_key_empty": {
        "sv": "{setting}: filen är tom",
        "en": "{setting}: the file is empty",
    },
    "record_no_hash": {
        "sv": "protokollet saknar kontrollsumma (protokollversion {version})",
        "en": "the record carries no integrity hash (record version {version})",
    },
    "record_version_1_hash": {
        "sv": "ett protokoll av version 1 kan inte ha en kontrollsumma: versionen har ändrats",
        "en": "a record of version 1 cannot carry an integrity hash: the version was changed",
    },
    "record_sha_mismatch": {
        "sv": "protokollets innehåll stämmer inte med dess sha256: det har ändrats efter att det skrevs",
        "en": "the record's content does not match its sha256: it was changed after it was written",
    },
    "record_hmac_without_key": {
        "sv": "protokollet har en HMAC men ingen nyckel är satt ({env} eller {file_env})",
        "en": "the record carries an HMAC but no key is set ({env} or {file_env})",
    },
    "record_no_hmac": {
        "sv": "en nyckel är satt men protokollet saknar HMAC",
        "en": "a key is set but the record carries no HMAC",
    },
    "record_hmac_mismatch": {
        "sv": "protokollets HMAC stämmer inte: ändrat efter att det skrevs, eller en annan nyckel",
        "en": "the record's HMAC does not match: changed after it was written, or another key",
    },
    "record_expected": {
        "sv": "{where}: förväntade {what}",
        "en": "{where}: expected {what}",
    },
    "record_what_text": {
        "sv": "text",
        "en": "text",
    },
    "record_what_text_or_null": {
        "sv": "text eller null",
        "en": "text or null",
    },
    "record_what_object": {
        "sv": "ett objekt",
        "en": "an object",
    },
    "record_what_list": {
        "sv": "en lista",
        "en": "a list",
    },
    "record_what_whole_number": {
        "sv": "ett heltal",
        "en": "a whole number",
    },
    "record_what_file": {
        "sv": "ett objekt med path och sha256",
        "en": "an object with path and sha256",
    },
    "record_what_date": {
        "sv": "ett datum ÅÅÅÅ-MM-DD",
        "en": "a date YYYY-MM-DD",
    },
    "record_nul": {
        "sv": "{where}: innehåller ett NUL-tecken",
        "en": "{where}: holds a NUL character",
    },
    "record_missing_key": {
        "sv": "{where}: saknas",
        "en": "{where}: missing",
    },
    "record_unknown_version": {
        "sv": "$.record_version: {version} är ingen känd protokollversion",
        "en": "$.record_version: {version} is not a known record version",
    },
    "record_not_a_file": {
        "sv": "inte en vanlig fil",
        "en": "not a regular file",
    },
    "record_not_found": {
        "sv": "filen finns inte",
        "en": "the file does not exist",
    },
    "record_too_large": {
        "sv": "större än {limit} byte",
        "en": "larger than {limit} bytes",
    },
    "record_os_error": {
        "sv": "{error}",
        "en": "{error}",
    },
    "record_not_utf8": {
        "sv": "inte UTF-8-text (byte {byte})",
        "en": "not UTF-8 text (byte {byte})",
    },
    "record_too_deep": {
        "sv": "för djupt nästlad",
        "en": "nested too deeply",
    },
    "record_not_json": {
        "sv": "inte JSON ({error})",
        "en": "not JSON ({error})",
    },
    "record_finding": {
        "sv": "{code} [{state}]{message}",
        "en": "{code} [{state}]{message}",
    },
    "record_finding_waived": {
        "sv": "{code} [{state}, undantagen]{message}",
        "en": "{code} [{state}, waived]{message}",
    },
    "record_finding_severity": {
        "sv": "anmärkning {label}: allvar {then} -> {now}",
        "en": "finding {label}: severity {then} -> {now}",
    },
    "record_finding_status": {
        "sv": "anmärkning {label}: status {then} -> {now}",
        "en": "finding {label}: status {then} -> {now}",
    },
    "record_finding_waived_state": {
        "sv": "anmärkning {label}: undantagen {then} -> {now}",
        "en": "finding {label}: waived {then} -> {now}",
    },
    "record_finding_pack": {
        "sv": "anmärkning {label}: paket {then} -> {now}",
        "en": "finding {label}: pack {then} -> {now}",
    },
    "record_finding_figure": {
        "sv": "anmärkning {label}: underlag {name} {then} -> {now}",
        "en": "finding {label}: figure {name} {then} -> {now}",
    },
    "record_finding_parameter": {
        "sv": "anmärkning {label}: parameter {name} {then} -> {now}",
        "en": "finding {label}: parameter {name} {then} -> {now}",
    },
    "record_finding_gone": {
        "sv": "anmärkningen ges inte längre: {finding}",
        "en": "finding no longer given: {finding}",
    },
    "record_finding_new": {
        "sv": "ny anmärkning: {finding}",
        "en": "new finding: {finding}",
    },
    "record_none": {
        "sv": "(ingen)",
        "en": "(none)",
    },
    "record_file_moved": {
        "sv": "{label}: {then} -> {now}",
        "en": "{label}: {then} -> {now}",
    },
    "record_file_document": {
        "sv": "dokument",
        "en": "document",
    },
    "record_file_association": {
        "sv": "förbundets uppgifter",
        "en": "association",
    },
    "record_file_application": {
        "sv": "ansökan",
        "en": "application",
    },
    "record_file_waivers": {
        "sv": "undantagsfil",
        "en": "waivers",
    },
    "record_file_changed": {
        "sv": "{path}: innehållet har ändrats (sha256)",
        "en": "{path}: content changed (sha256)",
    },
    "record_file_missing": {
        "sv": "{path}: saknas",
        "en": "{path}: missing",
    },
    "record_rule_not_recorded": {
        "sv": "regel {code} skiljer sig: finns inte i protokollet",
        "en": "rule {code} differs: not in the record",
    },
    "record_rule_unknown_now": {
        "sv": "regel {code} skiljer sig: okänd nu",
        "en": "rule {code} differs: not known now",
    },
    "record_rule_differs": {
        "sv": "regel {code} skiljer sig: {details}",
        "en": "rule {code} differs: {details}",
    },
    "record_engine": {
        "sv": "finsam-rules {then} -> {now}",
        "en": "finsam-rules {then} -> {now}",
    },
    "record_pack": {
        "sv": "paket {name}: {then} -> {now}",
        "en": "pack {name}: {then} -> {now}",
    },
    "record_document_id": {
        "sv": "dokumentets id: {then} -> {now}",
        "en": "document id: {then} -> {now}",
    },
    "record_document_kind": {
        "sv": "dokumentets slag: {then} -> {now}",
        "en": "document kind: {then} -> {now}",
    },
    "record_policy_name": {
        "sv": "policyns namn: {then} -> {now}",
        "en": "policy name: {then} -> {now}",
    },
    "record_policy_file_gone": {
        "sv": "policyfil {path}: läses inte längre",
        "en": "policy file {path}: no longer read",
    },
    "record_policy_file_new": {
        "sv": "policyfil {path}: läses nu men finns inte i protokollet",
        "en": "policy file {path}: read now, not in the record",
    },
    "record_setting": {
        "sv": "inställningen {name} har ändrats",
        "en": "setting {name} differs",
    },
    "record_policy_order": {
        "sv": "policyfilerna läses i en annan ordning",
        "en": "policy files read in another order",
    },
    "record_as_of": {
        "sv": "bedömd per {then} -> {now}",
        "en": "as of {then} -> {now}",
    },
    "record_waiver_gone": {
        "sv": "undantaget tillämpas inte längre: {waiver}",
        "en": "waiver no longer applied: {waiver}",
    },
    "record_waiver_new": {
        "sv": "undantaget tillämpas nu men finns inte i protokollet: {waiver}",
        "en": "waiver applied now, not in the record: {waiver}",
    },
    "record_waiver_count": {
        "sv": "undantagen tillämpas ett annat antal gånger",
        "en": "waivers applied a different number of times",
    },
    "record_verdict": {
        "sv": "förslag {then} -> {now}",
        "en": "verdict {then} -> {now}",
    },
    "record_input_error": {
        "sv": "{sv}",
        "en": "{en}",
    },
    "record_not_evaluated": {
        "sv": "{path}: kunde inte bedömas",
        "en": "{path}: could not be evaluated",
    },
    "record_area_integrity": {
        "sv": "kontroll",
        "en": "integrity",
    },
    "record_area_inputs": {
        "sv": "indata",
        "en": "inputs",
    },
    "record_area_policy": {
        "sv": "policy",
        "en": "policy",
    },
    "record_area_engine": {
        "sv": "program",
        "en": "engine",
    },
    "record_area_outcome": {
        "sv": "utfall",
        "en": "outcome",
    },
    "record_head_reproduced": {
        "sv": "återskapat",
        "en": "reproduced",
    },
    "record_head_not_reproduced": {
        "sv": "INTE återskapat",
        "en": "NOT reproduced",
    },
    "record_head_differs": {
        "sv": "utfallet återskapat, men protokollet skiljer sig",
        "en": "outcome reproduced, but the record differs",
    },
    "record_head_not_verified": {
        "sv": "INTE styrkt: protokollet har ändrats eller skadats",
        "en": "NOT verified: the record was changed or damaged",
    },
    "record_head_unreadable": {
        "sv": "inte ett läsbart beslutsprotokoll: {reason}",
        "en": "not a readable decision record: {reason}",
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
    "binary_needs_output": {
        "sv": "Formatet {fmt} skrivs inte till en terminal; ange -o FIL.",
        "en": "The {fmt} format is not written to a terminal; give -o FILE.",
    },
    # Forms: `finsam new --format xlsx`, `finsam check`, `finsam import`.
    "form_needs_output": {
        "sv": "Ett formulär (.{fmt}) skrivs till en fil: ange -o FIL.",
        "en": "A form (.{fmt}) is written to a file: give -o FILE.",
    },
    "form_written": {"sv": "Skrev {path}.", "en": "Wrote {path}."},
    "place": {"sv": "I formuläret", "en": "In the form"},
    "check_complete": {"sv": "Komplettera innan du skickar:", "en": "Complete before you send:"},
    "check_look": {"sv": "Bra att se över:", "en": "Worth a look:"},
    "check_ok_application": {
        "sv": "Inget saknas; ansökan kan skickas.",
        "en": "Nothing is missing; the application can be sent.",
    },
    "check_ok_report": {
        "sv": "Inget saknas; rapporten kan skickas.",
        "en": "Nothing is missing; the report can be sent.",
    },
    "check_unreadable": {
        "sv": "Filen kan inte läsas; spara den på nytt som blanketten från förbundet:",
        "en": "The file cannot be read; save it again as the association's form:",
    },
    "check_no_association": {
        "sv": "Allt kunde inte kontrolleras utan förbundets uppgifter (ange --association FIL).",
        "en": "Not everything could be checked without the association's file (give --association FILE).",
    },
    # trust-input: a file or folder the command could not write or read (exit 3).
    "os_error": {
        "sv": "{path}: kan inte skrivas eller läsas: {error}",
        "en": "{path}: cannot be written or read: {error}",
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
    # -- finsam calendar: the reports granted projects owe (finsam_rules/commands/calendar.py);
    # a key with a ``_one`` variant takes it for a count of one
    "calendar_title": {"sv": "Rapportkalender", "en": "Reporting calendar"},
    "calendar_as_of": {
        "sv": "Per {as_of}; slutrapporten ska lämnas {days} dagar efter projektets slut.",
        "en": "As of {as_of}; the final report is due {days} days after the project's end.",
    },
    "calendar_counts": {"sv": "{owed} rapporter: {parts}.", "en": "{owed} reports: {parts}."},
    "calendar_counts_one": {"sv": "1 rapport: {parts}.", "en": "1 report: {parts}."},
    "calendar_n_received": {"sv": "{count} inkomna", "en": "{count} received"},
    "calendar_n_received_one": {"sv": "1 inkommen", "en": "1 received"},
    "calendar_n_overdue": {"sv": "{count} försenade", "en": "{count} overdue"},
    "calendar_n_overdue_one": {"sv": "1 försenad", "en": "1 overdue"},
    "calendar_n_upcoming": {
        "sv": "{count} ska lämnas inom {within} dagar",
        "en": "{count} due within {within} days",
    },
    "calendar_n_upcoming_one": {
        "sv": "1 ska lämnas inom {within} dagar",
        "en": "1 due within {within} days",
    },
    "calendar_n_later": {"sv": "{count} senare", "en": "{count} later"},
    "calendar_as_of_short": {"sv": "per {as_of}", "en": "as of {as_of}"},
    "calendar_none": {"sv": "Inga rapporter är skyldiga.", "en": "No reports are owed."},
    "calendar_due": {"sv": "Förfallodag", "en": "Due"},
    "calendar_project": {"sv": "Projekt", "en": "Project"},
    "calendar_kind": {"sv": "Rapport", "en": "Report"},
    "calendar_status": {"sv": "Status", "en": "Status"},
    "calendar_dated": {"sv": "lägesrapport", "en": "progress report"},
    "calendar_final": {"sv": "slutrapport", "en": "final report"},
    "calendar_received": {"sv": "inkommen ({report})", "en": "received ({report})"},
    "calendar_overdue": {"sv": "försenad {days} dagar", "en": "overdue by {days} days"},
    "calendar_overdue_one": {"sv": "försenad 1 dag", "en": "overdue by 1 day"},
    "calendar_due_today": {"sv": "ska lämnas i dag", "en": "due today"},
    "calendar_upcoming": {"sv": "ska lämnas om {days} dagar", "en": "due in {days} days"},
    "calendar_upcoming_one": {"sv": "ska lämnas i morgon", "en": "due tomorrow"},
    "calendar_later": {"sv": "ej förfallen", "en": "not yet due"},
    "calendar_window": {
        "sv": "Rapport för en period som slutar efter {after} och senast {due}.",
        "en": "A report for a period ending after {after} and by {due}.",
    },
    "calendar_final_window": {
        "sv": "Slutrapport; projektet slutade {after}.",
        "en": "Final report; the project ended on {after}.",
    },
    "calendar_final_window_early": {
        "sv": "Slutrapport; projektet avslutades i förtid {after}, utan någon rapport.",
        "en": "Final report; the project ended early on {after}, without any report.",
    },
    "calendar_no_setting": {
        "sv": "{root}: policyn saknar inställningen final_report_days (är standardpaketets "
        "rapportmodul installerad?)",
        "en": "{root}: the policy lacks the setting final_report_days (is the standard pack's "
        "reporting module installed?)",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, filled with ``values``."""
    return render_template(TEXTS[key][lang], lang, values)
