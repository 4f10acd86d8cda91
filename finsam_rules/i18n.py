"""Words of the user interface in Swedish and English (rules carry their own messages)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from finsam_rules.formatting import render_template

LANGUAGES = ("sv", "en")

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
        "{reject} avstyrks, {accept} godkänns, {deviation:plural@avvikelse/avvikelser}; "
        "{errors:plural@fil/filer} kunde inte läsas.",
        "en": "{documents:plural@document/documents}: {approve} approve, {revise} revision "
        "required, {reject} reject, {accept} accepted, {deviation:plural@deviation/deviations}; "
        "{errors:plural@file/files} could not be read.",
    },
    # The counted words of the summary line, singular (exactly 1) and plural.
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
    # Forms: `finsam new --format xlsx`, `finsam check`, `finsam import`.
    "form_needs_output": {
        "sv": "Ett formulär (.{fmt}) skrivs till en fil: ange -o FIL.",
        "en": "A form (.{fmt}) is written to a file: give -o FILE.",
    },
    "form_written": {"sv": "Skrev {path}.", "en": "Wrote {path}."},
    "place": {"sv": "I formuläret", "en": "In the form"},
    # What would make a finding go away (a rule's remedy).
    "remedy": {"sv": "Åtgärd", "en": "Remedy"},
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
        "sv": "Per {as_of}; slutrapporten ska lämnas {days:plural@dag/dagar} efter projektets slut.",
        "en": "As of {as_of}; the final report is due {days:plural@day/days} after the project's end.",
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
    "calendar_overdue": {"sv": "försenad {days:plural@dag/dagar}", "en": "overdue by {days:plural@day/days}"},
    "calendar_overdue_one": {"sv": "försenad 1 dag", "en": "overdue by 1 day"},
    "calendar_due_today": {"sv": "ska lämnas i dag", "en": "due today"},
    "calendar_upcoming": {
        "sv": "ska lämnas om {days:plural@dag/dagar}",
        "en": "due in {days:plural@day/days}",
    },
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


# -- the command line's own words: help texts and click's messages -----------------------
# Help texts are keyed ``help.COMMAND`` (the command path with dots: ``help.policy.show``)
# and ``help.COMMAND.PARAM`` for an option (its parameter name); ``help.opt.PARAM`` is the
# text of an option shared by several commands. finsam_rules.cli applies them before click
# builds a help page, in the language of --lang, FINSAM_LANG or the user config file.
HELP_TEXTS: dict[str, dict[str, str]] = {
    "help.main": {
        "sv": "Granska FINSAM-ansökningar och rapporter och rapportera till styrelsen.\n\n"
        "Utdata är på svenska; lägg till --lang en för engelska (standardspråket kan också "
        "sättas med FINSAM_LANG eller med lang i ~/.config/finsam/config.toml).",
        "en": "Screen FINSAM project applications and reports, and report to the board.\n\n"
        "Output is Swedish by default; add --lang en for English (the default language can "
        "also be set with FINSAM_LANG or with lang in ~/.config/finsam/config.toml).",
    },
    "help.opt.lang": {
        "sv": "Utdatans språk: svenska (sv, standard) eller engelska (en).",
        "en": "Language of the output: Swedish (sv, the default) or English (en).",
    },
    "help.opt.policy_path": {
        "sv": "Policyfil som ändrar reglernas parametrar och allvarsgrader.",
        "en": "Policy file overriding rules' parameters and severities.",
    },
    "help.opt.strict": {
        "sv": "Avbryt när ett regelpaket inte kan laddas eller en regel fallerar.",
        "en": "Make a pack that fails to load, or a rule that fails, fatal.",
    },
    "help.calendar": {
        "sv": "Lista varje rapport som de beviljade projekten i varje PORTFÖLJ är skyldiga: "
        "förfallodag, inkommen eller inte, hur många dagar försenad, och vad som förfaller inom "
        "--within dagar; text, Markdown, JSON eller iCalendar. Slutkod 1 när en rapport är "
        "försenad, 3 när en fil inte kunde läsas.",
        "en": "List every report the granted projects of each PORTFOLIO owe: due date, received "
        "or not, overdue by how many days, due within --within days; text, Markdown, JSON or "
        "iCalendar. Exits 1 when a report is overdue, 3 when an input could not be read.",
    },
    "help.calendar.as_of": {
        "sv": "Räkna försenade rapporter per detta datum (standard: slutet av förbundets år).",
        "en": "Count overdue reports as of this date (default: the end of the association's year).",
    },
    "help.calendar.within": {
        "sv": "Dagar framåt som räknas som snart förfallna.",
        "en": "Days ahead counted as due soon.",
    },
    "help.opt.force": {
        "sv": "Skriv över en befintlig utdatafil som finsam inte skrev (aldrig en indatafil).",
        "en": "Overwrite an existing output file that finsam did not write (never an input).",
    },
    "help.opt.as_of": {
        "sv": "Bedöm varje dokument per detta datum i stället för dokumentets eget.",
        "en": "Judge every document as of this date instead of its own date.",
    },
    "help.opt.meeting": {
        "sv": "PDF-försättsblad: datum för styrelsemötet (ÅÅÅÅ-MM-DD).",
        "en": "PDF cover: date of the board meeting (YYYY-MM-DD).",
    },
    "help.opt.dnr": {
        "sv": "PDF-försättsblad: diarienummer.",
        "en": "PDF cover: registry number (diarienummer).",
    },
    "help.opt.waivers_path": {
        "sv": "Undantagsfil: anmärkningar som styrelsen har godtagit.",
        "en": "Waiver file: findings the board has accepted.",
    },
    "help.opt.help": {"sv": "Visa denna hjälp och avsluta.", "en": "Show this message and exit."},
    "help.opt.version": {"sv": "Visa versionen och avsluta.", "en": "Show the version and exit."},
    "help.opt.fmt": {"sv": "Utdataformat.", "en": "Output format."},
    "help.opt.output": {
        "sv": "Skriv till denna fil i stället för till standard ut.",
        "en": "Write to this file instead of standard output.",
    },
    "help.screen": {
        "sv": "Granska ansökningar och rapporter (filer eller mappar) och ge ett förslag för varje dokument.",
        "en": "Screen applications and reports (files or folders) and give a verdict for each.",
    },
    "help.screen.association_path": {
        "sv": "association.toml att använda i stället för den i portföljmappen.",
        "en": "association.toml to use instead of the one in the portfolio folder.",
    },
    "help.screen.portfolio_dir": {
        "sv": "Visa vad det skulle ändra i denna portfölj att bevilja varje ansökan.",
        "en": "Show what granting each application would change in this portfolio.",
    },
    "help.screen.fail_on": {
        "sv": "Avsluta med 1 när det finns en anmärkning med minst denna allvarsgrad.",
        "en": "Exit with 1 when a finding at or above this severity is found.",
    },
    "help.screen.record_dir": {
        "sv": "Skriv ett beslutsunderlag per dokument i denna mapp.",
        "en": "Write a decision record per document into this folder.",
    },
    "help.screen.group_by": {
        "sv": "Text: sammanfattningen först och dokumenten grupperade efter förslag, eller "
        "vart och ett i sökvägsordning.",
        "en": "Text: the summary first and documents grouped by verdict, or each in path order.",
    },
    "help.screen.letter_format": {
        "sv": "Brev med -o MAPP: Word, PDF eller båda.",
        "en": "Letters with -o DIR: Word, PDF or both.",
    },
    "help.screen.letter_date": {
        "sv": "Brev: deras datum (standard: varje dokuments bedömningsdatum).",
        "en": "Letters: their date (default: each document's as-of date).",
    },
    "help.screen.reply_by": {
        "sv": "Brev: sista dag för svar.",
        "en": "Letters: the reply deadline.",
    },
    "help.screen.reply_days": {
        "sv": "Brev: dagar från datumet till sista svarsdag (standard 30).",
        "en": "Letters: days from the date to the reply deadline (default 30).",
    },
    "help.screen.quiet": {
        "sv": "Text: bara de dokument som inte klarar granskningen.",
        "en": "Text: only the documents that do not pass.",
    },
    "help.screen.jobs": {
        "sv": "Processer som granskar portföljer parallellt (standard: datorns kärnor; 1 för ingen).",
        "en": "Processes that screen portfolios in parallel (default: the machine's cores; 1 for none).",
    },
    "help.rules": {
        "sv": "Lista alla regler: kod, namn, allvarsgrad, parametrar med värden och källa.",
        "en": "List every rule: code, name, severity, parameters with their values, source.",
    },
    "help.explain": {
        "sv": "Visa en regels förklaring: vad den gör, varför den spelar roll, ett exempel och dess källa.",
        "en": "Print a rule's explanation: what it does, why it matters, an example, its source.",
    },
    "help.validate": {
        "sv": "Kontrollera bara dokumentens struktur (inga regler körs).",
        "en": "Check the structure of documents only (no rules are run).",
    },
    "help.new": {
        "sv": "Skriv en ifylld mall för en ansökan, en rapport eller ett förbund.",
        "en": "Write a filled-in template of an application, a report or an association.",
    },
    "help.new.output": {
        "sv": "Skriv mallen till denna fil (en befintlig fil bara med --force).",
        "en": "Write the template to this file (an existing file only with --force).",
    },
    "help.new.fmt": {
        "sv": "TOML, eller en Excel- eller Word-blankett att fylla i (kräver -o).",
        "en": "TOML, or an Excel or Word form to fill in (needs -o).",
    },
    "help.new.association_path": {
        "sv": "Förbundsfilen vars medlemmar och prioriterade grupper fyller blankettens rullgardinslistor.",
        "en": "The association file whose members and priority groups fill the form's drop-down lists.",
    },
    "help.check": {
        "sv": "Kontrollera en blankett innan den skickas: vad som ska kompletteras och varför, i klartext.",
        "en": "Check a form before sending it: what to complete and why, in plain words.",
    },
    "help.check.association_path": {
        "sv": "Förbundsfilen (hämtas ur portföljmappen när den inte anges).",
        "en": "The association file (found in the portfolio folder when not given).",
    },
    "help.import": {
        "sv": "Konvertera Excel- och Word-blanketter till TOML-dokument, med varje värdes "
        "plats i kommentarer.",
        "en": "Convert Excel and Word forms to TOML documents, with each value's place in comments.",
    },
    "help.import.output": {
        "sv": "Mappen som TOML-dokumenten skrivs till (befintliga filer skrivs inte över).",
        "en": "The folder to write the TOML documents to (existing files are not overwritten).",
    },
    "help.report": {
        "sv": "Skriv styrelserapporten för en portföljmapp.",
        "en": "Write the board report for a portfolio folder.",
    },
    "help.report.year": {
        "sv": "Året som rapporten gäller (standard: förbundets år).",
        "en": "The year to report on (default: the association's).",
    },
    "help.report.output": {"sv": "Skriv till denna fil.", "en": "Write to this file."},
    "help.report.record_dir": {
        "sv": "Skriv ett beslutsunderlag per ansökan och rapport i denna mapp.",
        "en": "Write a decision record per application and report into this folder.",
    },
    "help.plugins": {
        "sv": "Lista installerade regelpaket med versioner och de regler som varje paket "
        "tillför.\n\nSätt FINSAM_RULES_PLUGINS till en kommaseparerad lista med paketnamn för "
        "att bara ladda dem.",
        "en": "List installed rule packs with their versions and the rules each contributes."
        "\n\nSet FINSAM_RULES_PLUGINS to a comma-separated list of pack names to load only "
        "those.",
    },
    "help.plugins.show_all": {"sv": "Ta med standardpaketet.", "en": "Include the standard pack."},
    "help.policy": {
        "sv": "Granska policyfiler: det sammanställda resultatet och skillnader.",
        "en": "Inspect policy files: the resolved result and differences.",
    },
    "help.policy.show": {
        "sv": "Visa den sammanställda policyn: varje regels allvarsgrad och parametervärden, "
        "och varifrån de kommer. Utan FILE visas standardpolicyn.",
        "en": "Print the resolved policy: every rule's severity and parameter values, and "
        "where each came from. Without FILE, the standard policy.",
    },
    "help.policy.show.as_of": {
        "sv": "Visa värdena som gäller detta datum (standard: alla daterade värden).",
        "en": "Show the values in force on this date (default: all dated values).",
    },
    "help.policy.diff": {
        "sv": 'Visa vad policy B ändrar jämfört med policy A ("standard" betecknar '
        "standardpolicyn). Avslutar med 1 när de skiljer sig åt.",
        "en": 'Show what policy B changes against policy A ("standard" names the standard '
        "policy). Exits 1 when they differ.",
    },
    "help.policy.diff.as_of": {
        "sv": "Visa värdena som gäller detta datum (standard: alla daterade värden).",
        "en": "Show the values in force on this date (default: all dated values).",
    },
    "help.policy.impact": {
        "sv": "Bedöm varje dokument under PORTFOLIO, och årets mål, med policy OLD och policy "
        'NEW ("standard" betecknar standardpolicyn) och lista vad som ändras: förslag som '
        "slår om, anmärkningar som tillkommer eller försvinner, mål som slår om. Avslutar med "
        "1 när något ändras och med 3 när en indatafil inte kunde läsas.",
        "en": "Judge every document under PORTFOLIO, and the year's goals, under policy OLD "
        'and policy NEW ("standard" names the standard policy) and list what changes: '
        "proposals that flip, findings that appear or disappear, goals that flip. Exits 1 "
        "when anything changes, 3 when an input could not be read.",
    },
    "help.pack": {"sv": "Skapa och testa regelpaket.", "en": "Create and test rule packs."},
    "help.pack.new": {
        "sv": "Skapa ett installerbart regelpaket som klarar sina egna tester efter pip install -e.",
        "en": "Scaffold an installable rule pack that passes its own tests after pip install -e.",
    },
    "help.pack.new.prefix": {
        "sv": "Kodprefix med två bokstäver för paketets regler.",
        "en": "Two-letter code prefix for the pack's rules.",
    },
    "help.pack.new.output": {
        "sv": "Mappen som skapas (standard: finsam-NAME).",
        "en": "Folder to create (default: finsam-NAME).",
    },
    "help.pack.test": {
        "sv": "Kör de tabellstyrda fallen under FOLDER och visa förväntat mot faktiskt utfall.",
        "en": "Run the table-driven cases under FOLDER and show expected against actual.",
    },
    "help.waivers": {"sv": "Arbeta med undantagsfiler.", "en": "Work with waiver files."},
    "help.waivers.check": {
        "sv": "Granska en undantagsfil: struktur, kända koder och datum.",
        "en": "Lint a waiver file: structure, known codes, dates.",
    },
    "help.record": {"sv": "Arbeta med beslutsunderlag.", "en": "Work with decision records."},
    "help.record.verify": {
        "sv": "Kontrollera beslutsunderlagens äkthet, kör om dem och säg om vart och ett "
        "återskapas, och om inte, varje skillnad (äkthet, indata, policy, motor, utfall).",
        "en": "Check decision records' integrity, re-run them and say whether each is "
        "reproduced, and if not, every difference (integrity, inputs, policy, engine, "
        "outcome).",
    },
    "help.record.impact": {
        "sv": "Pröva om beslutsunderlagen med policy NEW, varje dokument per sitt "
        "beslutsdatum, och lista de beslut som hade blivit andra. Avslutar med 1 när något "
        "hade blivit annat och med 3 när ett underlag eller dess dokument inte kunde läsas.",
        "en": "Replay decision records under policy NEW, each document as of its decision "
        "date, and list the decisions that would have gone otherwise. Exits 1 when any "
        "would, 3 when a record or its document could not be read.",
    },
    "help.completion": {
        "sv": "Skriv ett skript för kommandokomplettering i skalet SHELL (bash, zsh eller "
        'fish). Lägg till exempel till eval "$(finsam completion bash)" i ~/.bashrc.',
        "en": "Print a shell completion script for SHELL (bash, zsh or fish). For example, "
        'add eval "$(finsam completion bash)" to ~/.bashrc.',
    },
    # command output of plugins and pack (in cli.py)
    "plugins_none": {
        "sv": "Inga paket installerade utöver standardpaketet (lägg till --all för att visa det).",
        "en": "No packs installed besides the standard one (use --all to list it).",
    },
    "pack_exists": {
        "sv": "{path}: finns redan och är inte tom",
        "en": "{path}: already exists and is not empty",
    },
    "pack_created": {"sv": "skapade {path}", "en": "created {path}"},
    "pack_no_path": {"sv": "{path}: sökvägen finns inte", "en": "{path}: the path does not exist"},
    "pack_no_cases": {
        "sv": "{path}: inga testfall (tabellerna [case] och [expect]) hittades",
        "en": "{path}: no case files ([case] and [expect] tables) found",
    },
    "pack_pass": {"sv": "GODKÄND", "en": "PASS"},
    "pack_fail": {"sv": "UNDERKÄND", "en": "FAIL"},
    "pack_totals": {
        "sv": "{passed} godkända, {failed} underkända",
        "en": "{passed} passed, {failed} failed",
    },
    "help.options_metavar": {"sv": "[FLAGGOR]", "en": "[OPTIONS]"},
    "help.subcommand_metavar": {"sv": "KOMMANDO [ARGUMENT]...", "en": "COMMAND [ARGS]..."},
    "did_you_mean": {"sv": "Menade du {what}?", "en": "Did you mean {what}?"},
}
TEXTS.update(HELP_TEXTS)

#: Keys whose text is the same in both languages on purpose: layouts of codes, paths and
#: versions with no words of their own, and "policy", a Swedish word too.
SAME_IN_BOTH: frozenset[str] = frozenset(
    {
        "record_key_unreadable",
        "record_what_text",
        "record_os_error",
        "record_finding",
        "record_file_moved",
        "record_engine",
        "record_input_error",
        "record_area_policy",
        "calendar_status",  # "Status" is Swedish too
    }
)

#: click's own messages (its gettext message ids) in Swedish; English is click's text.
CLICK_SV: dict[str, str] = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa denna hjälp och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Missing argument": "Argument saknas",
    "Missing command.": "Kommando saknas.",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Parameter saknas",
    "Missing parameter: {param_name}": "Parameter saknas: {param_name}",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such option: {name}": "Flaggan finns inte: {name}",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Option {name!r} requires an argument.": "Flaggan {name!r} kräver ett värde.",
    "Option {name!r} requires {nargs} arguments.": "Flaggan {name!r} kräver {nargs} värden.",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "{value!r} is not {choice}.": "{value!r} är inte {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} är inte ett av {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inte ett giltigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Menade du något av: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Oväntat extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Oväntade extra argument ({args})",
    "default: {default}": "standard: {default}",
    "Aborted!": "Avbrutet!",
    "(dynamic)": "(dynamiskt)",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "Could not open file {filename!r}: {message}": "Kunde inte öppna filen {filename!r}: {message}",
    "unknown error": "okänt fel",
}

_CLICK_LANG = {"lang": "sv"}


def set_click_language(lang: str) -> None:
    """The language of click's own messages (usage errors, help headings) from now on."""
    _CLICK_LANG["lang"] = lang


def current_click_language() -> str:
    """The language set by :func:`set_click_language` (Swedish until then)."""
    return _CLICK_LANG["lang"]


def click_gettext(message: str) -> str:
    """click's message ``message`` in the current command-line language."""
    if _CLICK_LANG["lang"] == "sv":
        return CLICK_SV.get(message, message)
    return message


def click_ngettext(singular: str, plural: str, count: int) -> str:
    """click's plural message in the current command-line language."""
    return click_gettext(singular if count == 1 else plural)


def config_path() -> Path:
    """The user config file: ``$XDG_CONFIG_HOME/finsam/config.toml`` (``~/.config`` when
    XDG_CONFIG_HOME is not set)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "finsam" / "config.toml"


def default_language() -> str:
    """The language when --lang is not given: FINSAM_LANG, else ``lang`` in the user config
    file, else Swedish. A value other than ``sv`` or ``en`` is passed over."""
    env = os.environ.get("FINSAM_LANG", "").strip().lower()
    if env in LANGUAGES:
        return env
    try:
        with config_path().open("rb") as handle:
            config = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return "sv"
    lang = config.get("lang")
    return lang if isinstance(lang, str) and lang in LANGUAGES else "sv"


def language_of_args(args: list[str]) -> str:
    """The language a command line asks for: ``--lang X`` or ``--lang=X``, else the default."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg.startswith("--lang="):
            value = arg[len("--lang=") :]
        elif arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in LANGUAGES:
            return value
    return default_language()


def help_text(command: str, param: str | None, lang: str) -> str | None:
    """The help of ``command`` (``"policy.show"``), or of its option ``param``, in ``lang``;
    None when the catalogue has none."""
    keys = [f"help.{command}"] if param is None else [f"help.{command}.{param}", f"help.opt.{param}"]
    for key in keys:
        if key in TEXTS:
            return TEXTS[key][lang]
    return None
