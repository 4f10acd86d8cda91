"""Words of the user interface in Swedish and English (rules carry their own messages)."""

from __future__ import annotations

import enum
import os
import re
from pathlib import Path

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
    # -- the CLI people expect (issue 12, item 7): did you mean, standard input and output,
    # the progress bar
    "unknown_key_near": {"sv": "; menade du '{near}'?", "en": "; did you mean '{near}'?"},
    "unknown_key_near_many": {"sv": "; menade du {pairs}?", "en": "; did you mean {pairs}?"},
    "problem.stdin_terminal": {
        "sv": "standard in är en terminal; skicka dokumentet dit med < FIL eller en rörledning",
        "en": "standard input is a terminal; send the document to it with < FILE or a pipe",
    },
    "problem.stdin_empty": {"sv": "standard in är tom", "en": "standard input is empty"},
    "problem.stdin_too_large": {
        "sv": "standard in är större än gränsen {limit:n} byte",
        "en": "standard input is larger than the limit of {limit:n} bytes",
    },
    "stdin_no_record": {
        "sv": "--record kan inte användas med - (standard in): ett beslutsprotokoll pekar ut "
        "dokumentets fil för att kunna prövas igen; spara dokumentet i en fil först",
        "en": "--record cannot be used with - (standard input): a decision record names the "
        "document's file so it can be verified again; save the document to a file first",
    },
    "output_binary_terminal": {
        "sv": "Formatet {fmt} skrivs inte till en terminal; ange -o FIL, eller -o - till en rörledning.",
        "en": "The {fmt} format is not written to a terminal; give -o FILE, or -o - into a pipe.",
    },
    "import_stdout_one": {
        "sv": "-o - (standard ut) tar ett formulär i taget, inte {count}; ange -o MAPP för flera",
        "en": "-o - (standard output) takes one form at a time, not {count}; give -o DIR for several",
    },
    "pack_new_stdout": {
        "sv": "-o - (standard ut) är ingen mapp; pack new skapar en mapp med paketets filer",
        "en": "-o - (standard output) is no folder; pack new creates a folder of the pack's files",
    },
    "progress_screening": {
        "sv": "Granskar {bar} {done} av {total}",
        "en": "Screening {bar} {done} of {total}",
    },
    "unknown_key_near_for": {"sv": "'{near}' (för {unknown})", "en": "'{near}' (for {unknown})"},
}


# -- board.*: the board report: every board format (finsam_rules.render.board_words and its users) --
TEXTS.update(
    {
        "board.title": {"sv": "Styrelserapport {year} – {name}", "en": "Board report {year} – {name}"},
        "board.kicker": {
            "sv": "Styrelserapport · verksamhetsåret {year}",
            "en": "Board report · the year {year}",
        },
        "board.org_number": {"sv": "Organisationsnummer", "en": "Organisation number"},
        "board.as_of": {"sv": "Bedömd per", "en": "Judged as of"},
        "board.policy": {"sv": "Policy", "en": "Policy"},
        "board.inputs": {"sv": "Underlag", "en": "Inputs"},
        "board.inputs_text": {
            "sv": "association.toml; ansökningar i applications/: {apps}; rapporter i reports/: {reports}",
            "en": "association.toml; applications in applications/: {apps}; reports in reports/: {reports}",
        },
        "board.errors_warning": {
            "sv": "Filer med fel: {count}. En fil som inte kunde läsas ingår inte i "
            "siffrorna nedan; en fil med felaktiga hänvisningar (t.ex. en "
            "ägare som inte är medlem) ingår och bedöms, men hänvisningen "
            "måste rättas. Se avsnittet ”{section}”.",
            "en": "Files with errors: {count}. A file that could not be read is not "
            "part of the figures below; a file with broken references (an "
            "owner who is not a member, say) is included and judged, but the "
            "reference must be corrected. See the section “{section}”.",
        },
        "board.summary": {"sv": "Sammanfattning", "en": "Summary"},
        "board.prep": {"sv": "Beredning", "en": "Preparation"},
        "board.prep_summary": {
            "sv": "{open} öppna, {answered} besvarade, {waived} undantagna",
            "en": "{open} open, {answered} answered, {waived} waived",
        },
        "board.x_of_y": {"sv": "{x} av {y}", "en": "{x} of {y}"},
        "board.goals_summary": {
            "sv": "{met} av {total} mål uppfyllda; ej uppfyllda: {not_met}; kan inte bedömas: {unknown}",
            "en": "{met} of {total} goals met; not met: {not_met}; cannot be judged: {unknown}",
        },
        "board.verdicts_summary": {
            "sv": "{approve} tillstyrks, {revise} komplettering krävs, {reject} avstyrks",
            "en": "{approve} approve, {revise} revision required, {reject} reject",
        },
        "board.report_verdicts_summary": {
            "sv": "{accept} godkänns, {deviation} avvikelse, {revise} komplettering krävs",
            "en": "{accept} accepted, {deviation} deviation, {revise} revision required",
        },
        "board.money_summary": {
            "sv": "Årets medlemsbidrag {contributions}; åtaganden {committed}; "
            "marginal {margin}; eget kapital vid årets slut {equity}.",
            "en": "Contributions of the year {contributions}; commitments "
            "{committed}; margin {margin}; equity at year end {equity}.",
        },
        "board.goals": {"sv": "Verksamhetsplanens mål", "en": "Goals of the plan"},
        "board.goals_source": {
            "sv": "hela portföljen (association.toml, applications/, reports/), "
            "bedömd enligt policyn {policy}",
            "en": "the whole portfolio (association.toml, applications/, reports/), "
            "judged under the policy {policy}",
        },
        "board.goal": {"sv": "Mål", "en": "Goal"},
        "board.status": {"sv": "Status", "en": "Status"},
        "board.figures": {"sv": "Underlag", "en": "Figures"},
        "board.rule_source": {"sv": "Regelns källa", "en": "Rule source"},
        "board.met": {"sv": "uppfyllt", "en": "met"},
        "board.not_met": {"sv": "ej uppfyllt", "en": "not met"},
        "board.not_checkable": {"sv": "kan inte bedömas", "en": "cannot be checked"},
        "board.information": {"sv": "information", "en": "information"},
        "board.applications": {"sv": "Ansökningar", "en": "Applications"},
        "board.applications_lead": {
            "sv": "Beredningens förslag per ansökan.",
            "en": "The preparation group's recommendation per application.",
        },
        "board.reports": {"sv": "Rapporter", "en": "Reports"},
        "board.reports_lead": {
            "sv": "Granskning av läges- och slutrapporter.",
            "en": "Review of progress and final reports.",
        },
        "board.reg_no": {"sv": "Diarienr", "en": "Reg. no."},
        "board.title_col": {"sv": "Titel", "en": "Title"},
        "board.codes": {"sv": "Koder", "en": "Codes"},
        "board.file": {"sv": "Fil", "en": "File"},
        "board.files": {"sv": "Filer", "en": "Files"},
        "board.source": {"sv": "Källa", "en": "Source"},
        "board.report": {"sv": "Rapport", "en": "Report"},
        "board.project": {"sv": "Projekt", "en": "Project"},
        "board.period": {"sv": "Period", "en": "Period"},
        "board.kind": {"sv": "Slag", "en": "Kind"},
        "board.progress": {"sv": "lägesrapport", "en": "progress report"},
        "board.final": {"sv": "slutrapport", "en": "final report"},
        "board.comment": {"sv": "Kommentar", "en": "Comment"},
        "board.none": {"sv": "Inga.", "en": "None."},
        "board.no_report": {"sv": "ingen rapport under året", "en": "no report in the year"},
        "board.coverage": {"sv": "Kommuntäckning", "en": "Municipal coverage"},
        "board.coverage_lead": {
            "sv": "{covered} av {total} kommuner har minst ett pågående projekt under "
            "året (✓ = projektet omfattar kommunen).",
            "en": "{covered} of {total} municipalities have at least one running "
            "project in the year (✓ = the project covers the municipality).",
        },
        "board.municipality": {"sv": "Kommun", "en": "Municipality"},
        "board.count": {"sv": "Antal", "en": "Count"},
        "board.county_wide": {"sv": "länsövergripande", "en": "county-wide"},
        "board.no_projects": {
            "sv": "Inga pågående projekt under året.",
            "en": "No projects running in the year.",
        },
        "board.outcomes": {"sv": "Resultat per projekt", "en": "Outcomes per project"},
        "board.outcomes_lead": {
            "sv": "Andel deltagare till {counted}, enligt senaste rapporten under "
            "året; målet är {target} ({method}).",
            "en": "Share of participants who went on to {counted}, from the latest "
            "report of the year; the target is {target} ({method}).",
        },
        "board.outcomes_met": {
            "sv": "{met} av {total} projekt når målet.",
            "en": "{met} of {total} projects meet the target.",
        },
        "board.calculation": {"sv": "Beräkning", "en": "Calculation"},
        "board.share": {"sv": "Andel", "en": "Share"},
        "board.target": {"sv": "Mål", "en": "Target"},
        "board.target_line": {"sv": "Mål {target}", "en": "Target {target}"},
        "board.method": {"sv": "Räknesätt", "en": "Counting method"},
        "board.of": {
            "sv": "{successes} av {denominator} {word} = {share}",
            "en": "{successes} of {denominator} {word} = {share}",
        },
        "board.meets": {"sv": "når målet", "en": "meets the target"},
        "board.below": {"sv": "under målet", "en": "below the target"},
        "board.no_share": {"sv": "kan inte beräknas", "en": "cannot be computed"},
        "board.inconsistent": {
            "sv": "utfallen summerar inte till antalet deltagare",
            "en": "the outcomes do not add up to the participants",
        },
        "board.nobody_finished": {"sv": "ingen deltagare i nämnaren", "en": "no participant counted"},
        "board.no_outcomes": {
            "sv": "Ingen rapport under året redovisar utfall.",
            "en": "No report of the year states outcomes.",
        },
        "board.gender": {"sv": "Deltagare efter kön", "en": "Participants by gender"},
        "board.gender_lead": {
            "sv": "Deltagare enligt senaste rapporten under året; andelar av alla deltagare i projektet.",
            "en": "Participants from the latest report of the year; "
            "shares of all participants of the project.",
        },
        "board.women": {"sv": "Kvinnor", "en": "Women"},
        "board.men": {"sv": "Män", "en": "Men"},
        "board.unknown": {"sv": "Kön ej redovisat", "en": "Gender not reported"},
        "board.total": {"sv": "Totalt", "en": "Total"},
        "board.no_gender": {
            "sv": "Ingen rapport under året redovisar deltagare.",
            "en": "No report of the year states participants.",
        },
        "board.budget": {"sv": "Budget, kostnad och prognos", "en": "Budget, cost and forecast"},
        "board.budget_lead": {
            "sv": "Kostnad och budget för rapportperioden enligt senaste rapporten; "
            "prognosen mot den budget den gäller.",
            "en": "Cost and budget for the period of the latest report; the forecast "
            "against the budget it refers to.",
        },
        "board.granted_in_year": {"sv": "Beviljat för året", "en": "Granted for the year"},
        "board.report_budget": {"sv": "Budget för perioden", "en": "Budget for the period"},
        "board.cost": {"sv": "Kostnad för perioden", "en": "Cost for the period"},
        "board.forecast": {"sv": "Prognos", "en": "Forecast"},
        "board.forecast_budget": {"sv": "Budget för prognosen", "en": "Budget for the forecast"},
        "board.deviation": {"sv": "Prognos mot budget", "en": "Forecast vs budget"},
        "board.sum": {"sv": "Summa", "en": "Total"},
        "board.over_budget": {
            "sv": "{count} projekt har en prognos över budget, sammanlagt {amount}.",
            "en": "{count} projects forecast more than the budget, {amount} in all.",
        },
        "board.over_budget_one": {
            "sv": "1 projekt har en prognos över budget, med {amount}.",
            "en": "1 project forecasts more than the budget, by {amount}.",
        },
        "board.within_budget": {
            "sv": "Inget projekt har en prognos över budget.",
            "en": "No project forecasts more than its budget.",
        },
        "board.contributions": {"sv": "Medlemsbidrag", "en": "Member contributions"},
        "board.contributions_lead": {
            "sv": "Årets bidrag {total} mot fördelningen i lagen (2003:1210) 5 §: "
            "staten hälften, regionen en fjärdedel, kommunerna en "
            "fjärdedel, fördelad mellan kommunerna efter folkmängd.",
            "en": "The year's contributions of {total} against the split of the "
            "Act (2003:1210) section 5: the state half, the region a "
            "quarter, the municipalities a quarter, split between them by "
            "population.",
        },
        "board.group": {"sv": "Part", "en": "Party"},
        "board.amount": {"sv": "Bidrag", "en": "Contribution"},
        "board.share_of_total": {"sv": "Andel av totalen", "en": "Share of the total"},
        "board.legal_share": {"sv": "Andel enligt lag", "en": "Legal share"},
        "board.legal_amount": {"sv": "Belopp enligt lag", "en": "Amount by law"},
        "board.member": {"sv": "Medlem", "en": "Member"},
        "board.id": {"sv": "Id", "en": "Id"},
        "board.population": {"sv": "Folkmängd", "en": "Population"},
        "board.by_population": {"sv": "Enligt befolkningsnyckel", "en": "By population key"},
        "board.share_of_municipal": {
            "sv": "Andel av kommunernas bidrag",
            "en": "Share of the municipal contributions",
        },
        "board.population_share": {"sv": "Andel av folkmängden", "en": "Share of the population"},
        "board.groups_chart": {
            "sv": "Bidrag per part mot andel enligt lag",
            "en": "Contributions per party against the legal share",
        },
        "board.municipal_chart": {
            "sv": "Kommunernas bidrag mot befolkningsnyckeln",
            "en": "Municipal contributions against the population key",
        },
        "board.finances": {"sv": "Eget kapital och budgetbalans", "en": "Equity and budget balance"},
        "board.finances_lead": {
            "sv": "Beviljade medel och egna kostnader mot årets bidrag "
            "och det egna kapital som får användas.",
            "en": "Granted funding and own costs against the year's contributions "
            "and the equity that may be used.",
        },
        "board.item": {"sv": "Post", "en": "Item"},
        "board.value": {"sv": "Belopp", "en": "Amount"},
        "board.fin_contributions": {"sv": "Årets medlemsbidrag", "en": "Contributions of the year"},
        "board.fin_equity_start": {
            "sv": "Eget kapital vid årets början",
            "en": "Equity at the start of the year",
        },
        "board.fin_reserve": {"sv": "Reserv som behålls", "en": "Reserve kept"},
        "board.fin_usable": {"sv": "Eget kapital som får användas", "en": "Usable equity"},
        "board.fin_available": {
            "sv": "Tillgängligt (bidrag och eget kapital som får användas)",
            "en": "Available (contributions and usable equity)",
        },
        "board.fin_granted": {
            "sv": "Beviljade projektmedel under året",
            "en": "Project funding granted for the year",
        },
        "board.fin_administration": {
            "sv": "Egna kostnader (kansli, styrelse, revision)",
            "en": "Own costs (office, board, audit)",
        },
        "board.fin_committed": {"sv": "Summa åtaganden", "en": "Total commitments"},
        "board.fin_margin": {
            "sv": "Marginal (tillgängligt − åtaganden)",
            "en": "Margin (available − commitments)",
        },
        "board.fin_equity_end": {
            "sv": "Beräknat eget kapital vid årets slut",
            "en": "Projected equity at year end",
        },
        "board.fin_share_start": {
            "sv": "Eget kapital vid årets början i andel av årets bidrag",
            "en": "Equity at the start as a share of the year's contributions",
        },
        "board.fin_share_end": {
            "sv": "Eget kapital vid årets slut i andel av årets bidrag",
            "en": "Equity at year end as a share of the year's contributions",
        },
        "board.balance_chart": {"sv": "Tillgängligt mot åtaganden", "en": "Available against commitments"},
        "board.in_balance": {
            "sv": "Budgeten är i balans: marginalen är {margin}.",
            "en": "The budget is in balance: the margin is {margin}.",
        },
        "board.out_of_balance": {
            "sv": "Budgeten är inte i balans: åtagandena överstiger det tillgängliga med {margin}.",
            "en": "The budget is not in balance: commitments exceed what is available by {margin}.",
        },
        "board.input_errors": {"sv": "Filer med fel", "en": "Files with errors"},
        "board.footer": {
            "sv": "Framtagen med finsam-rules. Belopp i hela kronor; andelar avrundade till "
            "hela procent (med fler decimaler där avrundningen annars skulle dölja "
            "vilken sida om målet andelen ligger).",
            "en": "Produced with finsam-rules. Amounts in whole kronor; shares rounded to "
            "whole percent (with more decimals where rounding would hide which side "
            "of the target a share is on).",
        },
        "board.kind_social_insurance_agency": {"sv": "Försäkringskassan", "en": "Social insurance agency"},
        "board.kind_employment_service": {"sv": "Arbetsförmedlingen", "en": "Employment service"},
        "board.kind_region": {"sv": "region", "en": "region"},
        "board.kind_municipality": {"sv": "kommun", "en": "municipality"},
        "board.decisions": {"sv": "Att besluta och känna till", "en": "To decide and to know"},
        "board.decisions_lead": {
            "sv": "Det styrelsen behöver ta ställning till eller känna till, med siffran och "
            "regeln bakom. Detaljerna följer i avsnitten nedan.",
            "en": "What the board needs to decide or know, with the figure and the rule "
            "behind it. The details follow in the sections below.",
        },
        "board.decisions_none": {
            "sv": "Inget mål är ouppfyllt, inget dokument har avvikelser och ingen prognos är över budget.",
            "en": "No goal is unmet, no document has deviations and no forecast is over budget.",
        },
        "board.d_goal_not_met": {
            "sv": "Målet ”{title}” är inte uppfyllt: {message}",
            "en": "The goal “{title}” is not met: {message}",
        },
        "board.d_more": {
            "sv": "Ytterligare {count:plural@anmärkning/anmärkningar} redovisas under "
            "Verksamhetsplanens mål.",
            "en": "{count:plural@further finding/further findings} are listed under Goals of the plan.",
        },
        "board.d_more_one": {
            "sv": "Ytterligare 1 anmärkning redovisas under Verksamhetsplanens mål.",
            "en": "1 further finding is listed under Goals of the plan.",
        },
        "board.d_goal_not_checkable": {
            "sv": "Målet ”{title}” kan inte bedömas{why}",
            "en": "The goal “{title}” cannot be judged{why}",
        },
        "board.d_files": {
            "sv": ": filen {files} kunde inte läsas.",
            "en": ": the file {files} could not be read.",
        },
        "board.d_files_many": {
            "sv": ": filerna {files} kunde inte läsas.",
            "en": ": the files {files} could not be read.",
        },
        "board.d_applications": {
            "sv": "Beredningens förslag för de {count} ansökningarna – {parts}.",
            "en": "The preparation group's proposal for the {count} applications – {parts}.",
        },
        "board.d_applications_one": {
            "sv": "Beredningens förslag för den enda ansökan – {parts}.",
            "en": "The preparation group's proposal for the one application – {parts}.",
        },
        "board.d_report_deviation": {
            "sv": "{kind} för {subject} ({period}): {message}",
            "en": "{kind} of {subject} ({period}): {message}",
        },
        "board.the_progress": {"sv": "Lägesrapporten", "en": "The progress report"},
        "board.the_final": {"sv": "Slutrapporten", "en": "The final report"},
        "board.the_report": {"sv": "Rapporten", "en": "The report"},
        "board.d_over_budget": {
            "sv": "{count} projekt har en prognos över budget, sammanlagt {amount}: {subject}.",
            "en": "{count} projects forecast more than their budget, {amount} in all: {subject}.",
        },
        "board.d_over_budget_one": {
            "sv": "Projektet {subject} har en prognos över budget, med {amount}.",
            "en": "The project {subject} forecasts more than its budget, by {amount}.",
        },
        "board.d_unreadable": {
            "sv": "{count} filer kunde inte läsas och ingår inte i siffrorna: {files}.",
            "en": "{count} files could not be read and are not in the figures: {files}.",
        },
        "board.d_unreadable_one": {
            "sv": "En fil kunde inte läsas och ingår inte i siffrorna: {files}.",
            "en": "One file could not be read and is not in the figures: {files}.",
        },
        "board.unreadable_goal": {
            "sv": "Kan inte bedömas: {files} kunde inte läsas.",
            "en": "Cannot be judged: {files} could not be read.",
        },
        "board.rule": {"sv": "Regel", "en": "Rule"},
        "board.chart_margin": {"sv": "Marginal", "en": "Margin"},
        "board.chart_overrun": {"sv": "Överskridande", "en": "Overrun"},
        "board.chart_margin_text": {"sv": "{amount} ({share})", "en": "{amount} ({share})"},
        "board.over_mark": {"sv": "▲ över budget", "en": "▲ over budget"},
        "board.over_legend": {
            "sv": "▲ = över budgeten (kostnad över periodens budget, prognos över prognosens budget).",
            "en": "▲ = over budget (cost above the period's budget, forecast above the forecast's budget).",
        },
        "board.no_data_year": {
            "sv": "Portföljen {root} har inga ansökningar eller rapporter för {year}; ingen "
            "styrelserapport skrivs för ett år utan underlag. Ange ett år med --year.",
            "en": "The portfolio {root} holds no applications or reports for {year}; no "
            "board report is written for a year without documents. Give a year with --year.",
        },
        "board.impact_head": {
            "sv": "Om ansökan beviljas ({amount} detta år):",
            "en": "If granted ({amount} this year):",
        },
        "board.impact_covered": {
            "sv": "  nya kommuner som täcks: {covered}",
            "en": "  municipalities newly covered: {covered}",
        },
        "board.impact_none": {"sv": "inga", "en": "none"},
        "board.impact_margin": {
            "sv": "  budgetmarginal: {before} före, {after} efter",
            "en": "  budget margin: {before} before, {after} after",
        },
        "board.impact_equity": {
            "sv": "  eget kapital vid årets slut: {before} före, {after} efter ({share} av årets bidrag)",
            "en": "  equity at year end: {before} before, {after} after "
            "({share} of the year's contributions)",
        },
        "board.no_balance": {
            "sv": "Ingen regel i policyn bedömer budgetbalansen; balansen visas inte.",
            "en": "No rule of the policy judges the budget balance; the balance is not shown.",
        },
        "board.overdue_reports": {"sv": "Rapporter som saknas", "en": "Overdue reports"},
        "board.overdue_lead": {
            "sv": "Rapporter som beviljade projekt skulle ha lämnat senast per {as_of} men som inte "
            "har kommit in (förfallodagar i beslutet, och slutrapporten efter projektets slut "
            "eller förtida slut). Hela kalendern: finsam calendar.",
            "en": "Reports that granted projects owed by {as_of} and that have not come in (due "
            "dates of the decision, and the final report after the project's end or early "
            "end). The whole calendar: finsam calendar.",
        },
        "board.overdue_none": {
            "sv": "Ingen rapport är försenad per {as_of}.",
            "en": "No report is overdue as of {as_of}.",
        },
        "board.ov_due": {"sv": "Förfallodag", "en": "Due"},
        "board.ov_title": {"sv": "Benämning", "en": "Title"},
        "board.ov_report": {"sv": "Rapport", "en": "Report"},
        "board.ov_days": {"sv": "Dagar sen", "en": "Days late"},
        "board.ov_dated": {"sv": "lägesrapport", "en": "progress report"},
        "board.ov_final": {"sv": "slutrapport", "en": "final report"},
        "board.ov_ended_early": {
            "sv": "slutrapport (avslutat i förtid utan rapport)",
            "en": "final report (ended early without a report)",
        },
        "board.d_overdue_reports": {
            "sv": "{count} rapporter är försenade per {as_of}: {items}.",
            "en": "{count} reports are overdue as of {as_of}: {items}.",
        },
        "board.d_overdue_reports_one": {
            "sv": "En rapport är försenad per {as_of}: {items}.",
            "en": "One report is overdue as of {as_of}: {items}.",
        },
        "board.d_overdue_item": {
            "sv": "{kind} för {project} (förföll {due}, {count} dagar sedan)",
            "en": "the {kind} of {project} (due {due}, {count} days ago)",
        },
        "board.d_overdue_item_one": {
            "sv": "{kind} för {project} (förföll {due}, 1 dag sedan)",
            "en": "the {kind} of {project} (due {due}, 1 day ago)",
        },
        "board.the_dated": {"sv": "lägesrapporten", "en": "progress report"},
        "board.the_final_lc": {"sv": "slutrapporten", "en": "final report"},
    }
)


TEXTS["board.deceased_excluded"] = {"sv": ", avlidna ej medräknade", "en": ", deceased excluded"}

# -- xlsx.*: the board report's Excel workbook: sheet names and headers (render/board_xlsx.py) --
TEXTS.update(
    {
        "xlsx.summary": {"sv": "Sammanfattning", "en": "Summary"},
        "xlsx.goals": {"sv": "Mål", "en": "Goals"},
        "xlsx.applications": {"sv": "Ansökningar", "en": "Applications"},
        "xlsx.reports": {"sv": "Rapporter", "en": "Reports"},
        "xlsx.overdue_reports": {"sv": "Rapporter som saknas", "en": "Overdue reports"},
        "xlsx.due": {"sv": "Förfallodag", "en": "Due"},
        "xlsx.report_kind": {"sv": "Rapport", "en": "Report"},
        "xlsx.overdue_days": {"sv": "Dagar sen", "en": "Days late"},
        "xlsx.outcomes": {"sv": "Resultat", "en": "Outcomes"},
        "xlsx.gender": {"sv": "Kön", "en": "Gender"},
        "xlsx.budget": {"sv": "Budget", "en": "Budget"},
        "xlsx.contributions": {"sv": "Bidrag", "en": "Contributions"},
        "xlsx.findings": {"sv": "Anmärkningar", "en": "Findings"},
        "xlsx.rules": {"sv": "Regler", "en": "Rules"},
        # headers
        "xlsx.item": {"sv": "Uppgift", "en": "Item"},
        "xlsx.value": {"sv": "Värde", "en": "Value"},
        "xlsx.code": {"sv": "Kod", "en": "Code"},
        "xlsx.goal": {"sv": "Mål", "en": "Goal"},
        "xlsx.status": {"sv": "Status", "en": "Status"},
        "xlsx.message": {"sv": "Meddelande", "en": "Message"},
        "xlsx.source": {"sv": "Källa", "en": "Source"},
        "xlsx.id": {"sv": "Id", "en": "Id"},
        "xlsx.title": {"sv": "Titel", "en": "Title"},
        "xlsx.owner": {"sv": "Projektägare", "en": "Owner"},
        "xlsx.start": {"sv": "Från", "en": "From"},
        "xlsx.end": {"sv": "Till", "en": "To"},
        "xlsx.requested": {"sv": "Sökt belopp", "en": "Requested"},
        "xlsx.verdict": {"sv": "Förslag", "en": "Recommendation"},
        "xlsx.finding_count": {"sv": "Anmärkningar", "en": "Findings"},
        "xlsx.codes": {"sv": "Koder", "en": "Codes"},
        "xlsx.file": {"sv": "Fil", "en": "File"},
        "xlsx.project": {"sv": "Projekt", "en": "Project"},
        "xlsx.report": {"sv": "Rapport", "en": "Report"},
        "xlsx.successes": {"sv": "Till arbete/studier", "en": "To work/studies"},
        "xlsx.denominator": {"sv": "Avslutade deltagare", "en": "Finished participants"},
        "xlsx.share": {"sv": "Andel", "en": "Share"},
        "xlsx.target": {"sv": "Målvärde", "en": "Target"},
        "xlsx.method": {"sv": "Beräkning", "en": "Calculation"},
        "xlsx.women": {"sv": "Kvinnor", "en": "Women"},
        "xlsx.men": {"sv": "Män", "en": "Men"},
        "xlsx.unknown": {"sv": "Ej angivet", "en": "Not stated"},
        "xlsx.total": {"sv": "Totalt", "en": "Total"},
        "xlsx.women_share": {"sv": "Andel kvinnor", "en": "Share of women"},
        "xlsx.granted_in_year": {"sv": "Beviljat för året", "en": "Granted for the year"},
        "xlsx.report_budget": {"sv": "Budget för perioden", "en": "Budget for the period"},
        "xlsx.cost": {"sv": "Kostnad för perioden", "en": "Cost for the period"},
        "xlsx.forecast": {"sv": "Prognos", "en": "Forecast"},
        "xlsx.forecast_budget": {"sv": "Budget mot prognos", "en": "Budget against forecast"},
        "xlsx.forecast_over": {"sv": "Prognos över budget", "en": "Forecast over budget"},
        "xlsx.member": {"sv": "Medlem", "en": "Member"},
        "xlsx.kind": {"sv": "Slag", "en": "Kind"},
        "xlsx.contribution": {"sv": "Bidrag", "en": "Contribution"},
        "xlsx.population": {"sv": "Invånare", "en": "Population"},
        "xlsx.expected": {"sv": "Förväntat efter invånare", "en": "Expected by population"},
        "xlsx.document": {"sv": "Dokument", "en": "Document"},
        "xlsx.rule_name": {"sv": "Regel", "en": "Rule"},
        "xlsx.severity": {"sv": "Allvar", "en": "Severity"},
        "xlsx.name": {"sv": "Namn", "en": "Name"},
        "xlsx.scope": {"sv": "Gäller", "en": "Applies to"},
        "xlsx.enabled": {"sv": "Påslagen", "en": "Enabled"},
        "xlsx.pack": {"sv": "Paket", "en": "Pack"},
        "xlsx.what": {"sv": "Vad regeln gör", "en": "What it does"},
        "xlsx.parameters": {"sv": "Parametrar", "en": "Parameters"},
        # values
        "xlsx.yes": {"sv": "ja", "en": "yes"},
        "xlsx.no": {"sv": "nej", "en": "no"},
        "xlsx.met": {"sv": "uppfyllt", "en": "met"},
        "xlsx.not_met": {"sv": "ej uppfyllt", "en": "not met"},
        "xlsx.not_checkable": {"sv": "kan ej bedömas", "en": "cannot be judged"},
        "xlsx.information": {"sv": "information", "en": "information"},
        "xlsx.kind_application": {"sv": "ansökan", "en": "application"},
        "xlsx.kind_report": {"sv": "rapport", "en": "report"},
        "xlsx.kind_portfolio": {"sv": "portföljen", "en": "the portfolio"},
        "xlsx.member_social_insurance_agency": {"sv": "statlig myndighet", "en": "government agency"},
        "xlsx.member_employment_service": {"sv": "statlig myndighet", "en": "government agency"},
        "xlsx.member_region": {"sv": "region", "en": "region"},
        "xlsx.member_municipality": {"sv": "kommun", "en": "municipality"},
        "xlsx.scope_application": {"sv": "ansökningar", "en": "applications"},
        "xlsx.scope_report": {"sv": "rapporter", "en": "reports"},
        "xlsx.scope_portfolio": {"sv": "portföljen", "en": "the portfolio"},
        # summary rows
        "xlsx.association": {"sv": "Förbund", "en": "Association"},
        "xlsx.org_number": {"sv": "Organisationsnummer", "en": "Organisation number"},
        "xlsx.year": {"sv": "År", "en": "Year"},
        "xlsx.as_of": {"sv": "Bedömd per", "en": "Judged as of"},
        "xlsx.policy": {"sv": "Policy", "en": "Policy"},
        "xlsx.goals_met": {"sv": "Mål uppfyllda", "en": "Goals met"},
        "xlsx.goals_total": {"sv": "Mål totalt", "en": "Goals in all"},
        "xlsx.applications_n": {"sv": "Ansökningar", "en": "Applications"},
        "xlsx.reports_n": {"sv": "Rapporter", "en": "Reports"},
        "xlsx.verdict_n": {"sv": "Ansökningar: {verdict}", "en": "Applications: {verdict}"},
        "xlsx.findings_n": {"sv": "Anmärkningar", "en": "Findings"},
        "xlsx.contributions_total": {"sv": "Medlemsbidrag", "en": "Contributions"},
        "xlsx.equity_at_start": {
            "sv": "Eget kapital vid årets början",
            "en": "Equity at the start of the year",
        },
        "xlsx.reserve": {"sv": "Reserv", "en": "Reserve"},
        "xlsx.granted": {"sv": "Beviljat för året", "en": "Granted for the year"},
        "xlsx.administration": {"sv": "Administration", "en": "Administration"},
        "xlsx.available": {"sv": "Tillgängligt", "en": "Available"},
        "xlsx.committed": {"sv": "Åtaget", "en": "Committed"},
        "xlsx.margin": {"sv": "Marginal", "en": "Margin"},
        "xlsx.equity_at_end": {"sv": "Eget kapital vid årets slut", "en": "Equity at the end of the year"},
    }
)


# -- impact.*: `finsam impact` and `finsam explain` (finsam_rules.commands.impact) --
TEXTS.update(
    {
        "impact.policy_title": {"sv": "Policyns påverkan", "en": "Policy impact"},
        "impact.record_title": {"sv": "Omprövade beslut", "en": "Decisions replayed"},
        "impact.records": {"sv": "besluten i registret", "en": "the recorded decisions"},
        "impact.judged": {
            "sv": "{documents} dokument och {goals} mål bedömda med båda.",
            "en": "{documents:plural@document/documents} and {goals:plural@goal/goals} judged under both.",
        },
        "impact.replayed": {
            "sv": "{documents} beslut omprövade med den nya policyn.",
            "en": "{documents:plural@decision/decisions} replayed under the new policy.",
        },
        "impact.flips": {"sv": "Förslag som ändras", "en": "Proposals that change"},
        "impact.records_flips": {
            "sv": "Beslut som hade blivit andra",
            "en": "Decisions that would have gone otherwise",
        },
        "impact.goal_flips": {"sv": "Mål som ändras", "en": "Goals that change"},
        "impact.findings": {
            "sv": "Anmärkningar som tillkommer (+) eller försvinner (−)",
            "en": "Findings that appear (+) or disappear (−)",
        },
        "impact.details": {"sv": "Anmärkningar i detalj", "en": "Findings in detail"},
        "impact.unreadable": {"sv": "Kunde inte läsas", "en": "Could not be read"},
        "impact.notes": {"sv": "Att observera", "en": "Notes"},
        "impact.no_change": {"sv": "Inga ändringar.", "en": "No changes."},
        "impact.document": {"sv": "Dokument", "en": "Document"},
        "impact.goal": {"sv": "Mål", "en": "Goal"},
        "impact.from": {"sv": "Från", "en": "From"},
        "impact.to": {"sv": "Till", "en": "To"},
        "impact.code": {"sv": "Kod", "en": "Code"},
        "impact.appear": {"sv": "Tillkommer", "en": "Appear"},
        "impact.disappear": {"sv": "Försvinner", "en": "Disappear"},
        "impact.application": {"sv": "ansökan", "en": "application"},
        "impact.report": {"sv": "rapport", "en": "report"},
        "impact.met": {"sv": "uppfyllt", "en": "met"},
        "impact.not_met": {"sv": "ej uppfyllt", "en": "not met"},
        "impact.not_checkable": {"sv": "kan inte bedömas", "en": "not checkable"},
        "impact.information": {"sv": "endast information", "en": "information only"},
        "impact.not_used": {"sv": "används inte", "en": "not used"},
        "impact.not_evaluated": {"sv": "ej bedömd", "en": "not evaluated"},
    }
)


# -- letter.*: letters to applicants (finsam_rules.render.letter) --
TEXTS.update(
    {
        "letter.opening": {
            "sv": (
                "Tack för er ansökan till {association}. Beredningsgruppen har gått igenom den och "
                "behöver några kompletteringar innan ärendet kan föras vidare till styrelsen. "
                "Vi ber er komplettera följande senast {reply_by}:"
            ),
            "en": (
                "Thank you for your application to {association}. The preparation group has "
                "reviewed it and needs a few completions before the matter can go to the board. "
                "Please complete the following by {reply_by}:"
            ),
        },
        "letter.report_opening": {
            "sv": (
                "Tack för er rapport till {association}. Beredningsgruppen har gått igenom den och "
                "behöver några kompletteringar innan den kan redovisas för styrelsen. "
                "Vi ber er komplettera följande senast {reply_by}:"
            ),
            "en": (
                "Thank you for your report to {association}. The preparation group has reviewed it "
                "and needs a few completions before it can be presented to the board. "
                "Please complete the following by {reply_by}:"
            ),
        },
        "letter.reject_opening": {
            "sv": (
                "Tack för er ansökan till {association}. Beredningsgruppen har gått igenom den och "
                "föreslår att styrelsen avslår ansökan. Beslutet fattas av styrelsen. "
                "Skälen till förslaget är följande:"
            ),
            "en": (
                "Thank you for your application to {association}. The preparation group has "
                "reviewed it and proposes that the board reject it. The decision is the board's. "
                "The grounds for the proposal are the following:"
            ),
        },
        "letter.report_reject_opening": {
            "sv": (
                "Tack för er rapport till {association}. Beredningsgruppen har gått igenom den och "
                "kan inte föreslå att styrelsen godtar den. Skälen är följande:"
            ),
            "en": (
                "Thank you for your report to {association}. The preparation group has reviewed it "
                "and cannot propose that the board accept it. The grounds are the following:"
            ),
        },
        "letter.subject_application_completion": {
            "sv": "Komplettering av ansökan {id} – {title}",
            "en": "Completion of application {id} – {title}",
        },
        "letter.subject_report_completion": {
            "sv": "Komplettering av rapport {id}",
            "en": "Completion of report {id}",
        },
        "letter.subject_application_rejection": {
            "sv": "Beredningsgruppens förslag om ansökan {id} – {title}",
            "en": "The preparation group's proposal on application {id} – {title}",
        },
        "letter.subject_report_rejection": {
            "sv": "Beredningsgruppens bedömning av rapport {id}",
            "en": "The preparation group's assessment of report {id}",
        },
        "letter.other": {
            "sv": "Följande behöver också kompletteras om ansökan lämnas in på nytt:",
            "en": "The following also needs completing if the application is submitted again:",
        },
        "letter.notes": {
            "sv": "För kännedom (påverkar inte förslaget men kan vara bra att se över):",
            "en": "For your information (does not affect the proposal but worth reviewing):",
        },
        "letter.closing": {
            "sv": "Skicka den kompletterade ansökan till förbundets kansli senast {reply_by}.",
            "en": "Please send the completed application to the association's office by {reply_by}.",
        },
        "letter.report_closing": {
            "sv": "Skicka den kompletterade rapporten till förbundets kansli senast {reply_by}.",
            "en": "Please send the completed report to the association's office by {reply_by}.",
        },
        "letter.reject_closing": {
            "sv": (
                "Vill ni lämna synpunkter eller rätta uppgifter innan styrelsen behandlar ärendet, "
                "skicka dem till förbundets kansli senast {reply_by}."
            ),
            "en": (
                "If you wish to comment or correct any information before the board considers the "
                "matter, please send it to the association's office by {reply_by}."
            ),
        },
        "letter.questions": {
            "sv": "Hör gärna av er om något är oklart.",
            "en": "Do get in touch if anything is unclear.",
        },
        "letter.questions_contact": {
            "sv": "Hör gärna av er till {name} om något är oklart.",
            "en": "Do get in touch with {name} if anything is unclear.",
        },
        "letter.greeting": {"sv": "Med vänlig hälsning", "en": "Kind regards"},
        "letter.signature": {
            "sv": "Beredningsgruppen, {association}",
            "en": "The preparation group, {association}",
        },
        "letter.to": {"sv": "Till", "en": "To"},
        "letter.date": {"sv": "Datum", "en": "Date"},
        "letter.dnr_application": {"sv": "Diarienummer", "en": "Registry number"},
        "letter.dnr_report": {"sv": "Rapport", "en": "Report"},
        "letter.dnr_project": {"sv": "Projektets diarienummer", "en": "Project registry number"},
        "letter.dnr_ours": {"sv": "Förbundets dnr", "en": "Our reference"},
        "letter.reply_by": {"sv": "Svar senast", "en": "Reply by"},
        "letter.org_number": {"sv": "Org.nr", "en": "Org. no."},
        "letter.contact": {"sv": "Kontaktperson", "en": "Contact"},
        "letter.email": {"sv": "E-post", "en": "E-mail"},
        "letter.phone": {"sv": "Telefon", "en": "Telephone"},
        "letter.reason": {"sv": "Varför", "en": "Why"},
        "letter.complete": {"sv": "Komplettera", "en": "To complete"},
        "letter.ground": {"sv": "Grund", "en": "Grounds"},
        "letter.owner_unknown": {"sv": "Projektägaren", "en": "The project owner"},
        "letter.association": {"sv": "samordningsförbundet", "en": "the coordination association"},
        "letter.no_letter": {
            "sv": "{path}: inget brev (förslag: {verdict})",
            "en": "{path}: no letter (recommendation: {verdict})",
        },
        "letter.no_letter_internal": {
            "sv": "{path}: inget brev: det som saknas gäller granskningen, inte dokumentet (se ovan)",
            "en": "{path}: no letter: what is missing concerns the screening, not the document (see above)",
        },
    }
)


# -- problem.*: problems with input, by code (finsam_rules.errors) --
TEXTS.update(
    {
        "problem.missing": {"sv": "obligatorisk nyckel saknas", "en": "required key is missing"},
        "problem.unknown_keys": {
            "sv": "okänd nyckel {keys:list} (stavfel? tillåtna nycklar: {allowed:list}; "
            "egna uppgifter hör hemma under [extra])",
            "en": "unknown key {keys:list} (a typo? allowed keys: {allowed:list}; "
            "custom data belongs under [extra])",
        },
        "problem.type": {"sv": "förväntade {expected}, fick {got}", "en": "expected {expected}, got {got}"},
        "problem.negative": {
            "sv": "förväntade ett belopp eller antal som inte är negativt, fick {got}",
            "en": "expected an amount or count that is not negative, got {got}",
        },
        "problem.too_big": {
            "sv": "talet är orimligt stort (högst {limit:n})",
            "en": "the number is unreasonably large (at most {limit:n})",
        },
        "problem.share_range": {
            "sv": "förväntade en andel mellan 0 och 1 (t.ex. 0.7 för 70 %), fick {got}",
            "en": "expected a share between 0 and 1 (e.g. 0.7 for 70%), got {got}",
        },
        "problem.enum": {
            "sv": "förväntade ett av {allowed:list}, fick {got!r}",
            "en": "expected one of {allowed:list}, got {got!r}",
        },
        "problem.empty_text": {"sv": "förväntade en icke-tom text", "en": "expected a non-empty text"},
        "problem.date": {
            "sv": "förväntade ett datum ÅÅÅÅ-MM-DD, fick {got}",
            "en": "expected a date YYYY-MM-DD, got {got}",
        },
        "problem.period_order": {
            "sv": "slutdatum {end} ligger före startdatum {start}",
            "en": "end date {end} is before start date {start}",
        },
        "problem.age_order": {
            "sv": "högsta ålder {age_max} är lägre än lägsta ålder {age_min}",
            "en": "the oldest age {age_max} is below the youngest age {age_min}",
        },
        "problem.org_number": {
            "sv": "förväntade organisationsnummer NNNNNN-NNNN, fick {got!r}",
            "en": "expected an organisation number NNNNNN-NNNN, got {got!r}",
        },
        "problem.duplicate_member": {
            "sv": "medlemmen {id!r} förekommer flera gånger",
            "en": "member {id!r} appears more than once",
        },
        # Contract version 2: measures, early ends and returned money.
        "problem.measure": {
            "sv": "förväntade ett utfall eller en lista av utfall ({allowed:list}), fick {got}",
            "en": "expected an outcome or a list of outcomes ({allowed:list}), got {got}",
        },
        "problem.measure_repeat": {
            "sv": "utfallet {got!r} förekommer flera gånger i samma mål",
            "en": "the outcome {got!r} appears more than once in the same target",
        },
        "problem.ended_outside": {
            "sv": "det förtida slutdatumet {ended} ligger utanför projektperioden {start}–{end}",
            "en": "the early end {ended} lies outside the project period {start} to {end}",
        },
        "problem.returned_above": {
            "sv": "återbetalt belopp {returned:kr} är större än beviljat belopp {granted:kr}",
            "en": "the returned amount {returned:kr} is larger than the granted amount {granted:kr}",
        },
        "problem.toml": {"sv": "ogiltig TOML: {detail}", "en": "invalid TOML: {detail}"},
        "problem.encoding": {
            "sv": "filen är inte UTF-8-kodad (byte {byte} vid position {position}); spara den som UTF-8",
            "en": "the file is not UTF-8 encoded (byte {byte} at position {position}); save it as UTF-8",
        },
        "problem.empty_file": {"sv": "filen är tom", "en": "the file is empty"},
        "problem.too_large": {
            "sv": "filen är {size:n} byte, större än gränsen {limit:n} byte",
            "en": "the file is {size:n} bytes, larger than the limit of {limit:n} bytes",
        },
        "problem.too_deep": {
            "sv": "tabeller och listor är nästlade djupare än {limit} nivåer",
            "en": "tables and arrays are nested deeper than {limit} levels",
        },
        "problem.unreadable": {
            "sv": "filen kan inte läsas: {detail}",
            "en": "the file cannot be read: {detail}",
        },
        "problem.unreadable_folder": {
            "sv": "mappen kan inte läsas: {detail}",
            "en": "the folder cannot be read: {detail}",
        },
        "problem.not_found": {"sv": "sökvägen finns inte", "en": "the path does not exist"},
        "problem.not_a_file": {
            "sv": "detta är {what}, inte en vanlig fil; den läses inte",
            "en": "this is {what}, not a regular file; it is not read",
        },
        "problem.dangling_link": {
            "sv": "symbolisk länk till något som inte finns",
            "en": "a symbolic link to something that does not exist",
        },
        "problem.year_range": {
            "sv": "förväntade ett år mellan 1 och 9999, fick {got}",
            "en": "expected a year between 1 and 9999, got {got}",
        },
        "problem.not_a_folder": {
            "sv": "detta är en fil; ange portföljmappen (den som innehåller association.toml)",
            "en": "this is a file; give the portfolio folder (the one holding association.toml)",
        },
        "problem.no_documents": {
            "sv": "mappen innehåller inga dokument (*.toml)",
            "en": "the folder holds no documents (*.toml)",
        },
        "problem.unknown_document": {
            "sv": "kan inte avgöra vilket slags dokument detta är: en ansökan har nycklarna "
            "id, title, kind, owner och period; en rapport har project, kind och period",
            "en": "cannot tell what kind of document this is: an application has the keys "
            "id, title, kind, owner and period; a report has project, kind and period",
        },
        "problem.association_file": {
            "sv": "detta är förbundets uppgifter (association.toml), inte en ansökan eller rapport; "
            "ange det med --association eller lägg det i portföljmappen",
            "en": "this is the association file (association.toml), not an application or a "
            "report; give it with --association or put it in the portfolio folder",
        },
        "problem.not_a_table": {
            "sv": "förväntade en tabell, fick {got}",
            "en": "expected a table, got {got}",
        },
        "problem.reference": {
            "sv": "{what} {ref!r} finns inte i {target}",
            "en": "{what} {ref!r} does not exist in {target}",
        },
        "problem.duplicate_id": {
            "sv": "id {id!r} används också i {other}",
            "en": "id {id!r} is also used in {other}",
        },
        "problem.invalid": {"sv": "{detail}", "en": "{detail}"},
    }
)


# -- type.*: the TOML types input problems name (finsam_rules.errors) --
TEXTS.update(
    {
        "type.integer": {"sv": "ett heltal", "en": "a whole number"},
        "type.kronor": {"sv": "ett belopp i hela kronor", "en": "an amount in whole kronor"},
        "type.text": {"sv": "en text", "en": "a text"},
        "type.boolean": {"sv": "true eller false", "en": "true or false"},
        "type.number": {"sv": "ett tal", "en": "a number"},
        "type.date": {"sv": "ett datum", "en": "a date"},
        "type.table": {"sv": "en tabell", "en": "a table"},
        "type.list": {"sv": "en lista", "en": "a list"},
        "type.list_of_tables": {"sv": "en lista av tabeller ([[...]])", "en": "an array of tables ([[...]])"},
    }
)


# -- words of the core's other modules: commands, engine, input, portfolio, preparation --
TEXTS.update(
    {
        "file_kind.device": {"sv": "en enhet", "en": "a device"},
        "file_kind.fifo": {"sv": "en namngiven rörledning (FIFO)", "en": "a named pipe (FIFO)"},
        "file_kind.folder": {"sv": "en mapp", "en": "a folder"},
        "file_kind.other": {"sv": "inte en vanlig fil", "en": "not a regular file"},
        "file_kind.socket": {"sv": "en socket", "en": "a socket"},
        "finding.no_association": {
            "sv": "Kunde inte bedömas: förbundets uppgifter (association.toml) saknas. "
            "Ange --association FIL eller lägg dokumentet i en portföljmapp.",
            "en": "Could not be evaluated: the association (association.toml) is missing. "
            "Give --association FILE or put the document in a portfolio folder.",
        },
        "finding.no_rules": {
            "sv": "Kunde inte bedömas: inga regler är laddade (se FINSAM_RULES_PLUGINS och "
            "`finsam plugins --all`); inget har prövats.",
            "en": "Could not be evaluated: no rules are loaded (see FINSAM_RULES_PLUGINS and "
            "`finsam plugins --all`); nothing was checked.",
        },
        "finding.pack_failed": {
            "sv": "Kunde inte bedömas: paketet {pack} kunde inte laddas ({what}: {error}); dess "
            "regler har inte prövats.",
            "en": "Could not be evaluated: pack {pack} failed to load ({what}: {error}); its rules were "
            "not applied.",
        },
        "finding.rule_crashed": {
            "sv": "Kunde inte bedömas: regeln {code} i paketet {pack} kraschade ({error}). "
            "Dokumentet kan inte tillstyrkas förrän felet är åtgärdat.",
            "en": "Could not be evaluated: rule {code} of pack {pack} crashed ({error}). "
            "The document cannot be approved until this is resolved.",
        },
        "intake.exists": {"sv": "finns redan; skrivs inte över", "en": "already exists; not overwritten"},
        "intake.import_header": {
            "sv": "# Importerad från {name} med `finsam import`. Varje uppgift och var i blanketten den "
            "stod:",
            "en": "# Imported from {name} with `finsam import`. Each value and where in the form it was:",
        },
        "intake.missing": {
            "sv": "obligatorisk uppgift saknas; fyll i cellen (eller avsnittet)",
            "en": "a required value is missing; fill in the cell (or the section)",
        },
        "intake.not_a_form": {
            "sv": "bara blanketter (.xlsx, .docx) importeras; detta är redan en TOML-fil",
            "en": "only forms (.xlsx, .docx) are imported; this is already a TOML file",
        },
        "intake.table_and_counts": {
            "sv": "ange antingen en utfallstabell eller deltagare och utfall i blanketten, inte båda",
            "en": "give either an outcome table or the participants and outcomes in the form, not both",
        },
        "portfolio.project": {"sv": "projektet", "en": "project"},
        "portfolio.wrong_folder_application": {
            "sv": "under applications/ ska det ligga ansökningar, detta är en rapport",
            "en": "applications/ should hold applications; this is a report",
        },
        "portfolio.wrong_folder_report": {
            "sv": "under reports/ ska det ligga rapporter, detta är en ansökan",
            "en": "reports/ should hold reports; this is an application",
        },
        "prep.counts": {
            "sv": "öppna {open}, besvarade {answered}, undantagna {waived}",
            "en": "open {open}, answered {answered}, waived {waived}",
        },
        "prep.label": {"sv": "Beredning", "en": "Preparation"},
        "problem.detail_one_line": {
            "sv": "förväntade en enda rad text utan radbrytningar eller styrtecken",
            "en": "expected a single line of text without line breaks or control characters",
        },
        "rules.disabled": {"sv": " (avstängd)", "en": " (disabled)"},
        "type.json_array": {"sv": "en JSON-lista", "en": "a JSON array"},
        "type.json_object": {"sv": "ett JSON-objekt", "en": "a JSON object"},
    }
)


# -- messages with values of the core's other modules (report, impact, input, packs, waivers) --
TEXTS.update(
    {
        "impact.document_changed": {
            "sv": "{path}: dokumentet har ändrats sedan beslutet ({record}); "
            "skillnaden kan bero på dokumentet, inte bara på policyn",
            "en": "{path}: the document has changed since the decision ({record}); "
            "a difference may come from the document, not only from the policy",
        },
        "intake.table_file_name": {
            "sv": "ange utfallstabellens filnamn i samma mapp som blanketten, inte {name!r}",
            "en": "give the outcome table's file name in the form's folder, not {name!r}",
        },
        "plugin.code_twice": {
            "sv": "Regelkoden {code} registreras av två paket: {other} och {pack}.",
            "en": "Rule code {code} is registered by two packs: {other} and {pack}.",
        },
        "plugin.setting_twice": {
            "sv": "Inställningen {name} registreras av två paket: {other} och {pack}.",
            "en": "Setting {name} is registered by two packs: {other} and {pack}.",
        },
        "prep.same_answer": {
            "sv": "samma svar som $.answered[{index}]",
            "en": "the same answer as $.answered[{index}]",
        },
        "problem.detail_email": {
            "sv": "förväntade en e-postadress som namn@exempel.se, fick {value!r}",
            "en": "expected an e-mail address such as name@example.se, got {value!r}",
        },
        "problem.detail_phone": {
            "sv": "förväntade ett telefonnummer av siffror, mellanslag, + och -, fick {value!r}",
            "en": "expected a telephone number of digits, spaces, + and -, got {value!r}",
        },
        "problem.detail_postal_code": {
            "sv": "förväntade ett postnummer NNN NN, fick {value!r}",
            "en": "expected a postal code NNN NN, got {value!r}",
        },
        "report.year_mismatch": {
            "sv": "Varning: rapporten gäller {year} men association.toml beskriver {association_year}; "
            "bidrag och eget kapital är {association_year}s.",
            "en": "Warning: the report is for {year} but association.toml describes {association_year}; "
            "contributions and equity are those of {association_year}.",
        },
        "waiver.expires_before": {
            "sv": "går ut {expires}, före beslutet {decided}",
            "en": "expires {expires}, before the decision {decided}",
        },
        "waiver.same_waiver": {
            "sv": "samma undantag som $.waivers[{index}]",
            "en": "the same waiver as $.waivers[{index}]",
        },
        "xlsx.report_title": {
            "sv": "Styrelserapport {year}",
            "en": "Board report {year}",
        },
        "xlsx.report_title_dnr": {
            "sv": ", dnr {dnr}",
            "en": ", reg. no. {dnr}",
        },
    }
)


# -- enum words: one key per member of every user-visible enum, ``SNAKE_CLASS.MEMBER`` -----------
# (``severity.error``, ``verdict.revise``, ``goal_status.met``), found by :func:`enum_word` and
# by the ``{x:word}`` format spec. Where a board word already names the value, it is the same
# entry (one text, two keys).
TEXTS.update(
    {
        "severity.blocker": {"sv": "hinder", "en": "blocker"},
        "severity.error": {"sv": "fel", "en": "error"},
        "severity.warning": {"sv": "varning", "en": "warning"},
        "severity.info": {"sv": "notering", "en": "note"},
        "verdict.approve": {"sv": "tillstyrks", "en": "approve"},
        "verdict.revise": {"sv": "komplettering krävs", "en": "revision required"},
        "verdict.reject": {"sv": "avstyrks", "en": "reject"},
        "verdict.accept": {"sv": "godkänns", "en": "accepted"},
        "verdict.deviation": {"sv": "avvikelse", "en": "deviation"},
        "source_kind.law": {"sv": "Lagstiftning", "en": "Legislation"},
        "source_kind.national": {"sv": "Nationell vägledning", "en": "National guidance"},
        "source_kind.plan": {"sv": "Verksamhetsplan", "en": "Plan"},
        "scope.application": TEXTS["scope_application"],
        "scope.report": TEXTS["scope_report"],
        "scope.portfolio": TEXTS["scope_portfolio"],
        "finding_status.finding": {"sv": "anmärkning", "en": "finding"},
        "finding_status.not_evaluated": TEXTS["not_evaluated"],
        "param_type.share": {"sv": "andel", "en": "share"},
        "param_type.integer": {"sv": "heltal", "en": "whole number"},
        "param_type.kronor": {"sv": "belopp i kronor", "en": "amount in kronor"},
        "param_type.boolean": {"sv": "sant eller falskt", "en": "true or false"},
        "param_type.choice": {"sv": "ett av flera val", "en": "one of several choices"},
        "param_type.choices": {"sv": "en lista av val", "en": "a list of choices"},
        "param_type.tags": {"sv": "en lista av texter", "en": "a list of texts"},
        "param_type.scale": {"sv": "en skala av intervall", "en": "a scale of bands"},
        "member_kind.social_insurance_agency": TEXTS["board.kind_social_insurance_agency"],
        "member_kind.employment_service": TEXTS["board.kind_employment_service"],
        "member_kind.region": TEXTS["board.kind_region"],
        "member_kind.municipality": TEXTS["board.kind_municipality"],
        "municipal_key.population": {"sv": "befolkning", "en": "population"},
        "municipal_key.agreed": {"sv": "överenskommen", "en": "agreed"},
        "application_kind.pre_study": {"sv": "förstudie", "en": "pre-study"},
        "application_kind.implementation": {"sv": "genomförande", "en": "implementation"},
        "application_kind.structural": {"sv": "strukturinsats", "en": "structural work"},
        "report_kind.progress": {"sv": "lägesrapport", "en": "progress report"},
        "report_kind.final": {"sv": "slutrapport", "en": "final report"},
        "decision_status.granted": {"sv": "beviljad", "en": "granted"},
        "decision_status.rejected": {"sv": "avslagen", "en": "rejected"},
        "gender.women": {"sv": "kvinnor", "en": "women"},
        "gender.men": {"sv": "män", "en": "men"},
        "horizon.year": {"sv": "helåret", "en": "full year"},
        "horizon.project": {"sv": "hela projektet", "en": "whole project"},
        "outcome.work": {"sv": "arbete", "en": "work"},
        "outcome.studies": {"sv": "studier", "en": "studies"},
        "outcome.internship": {"sv": "praktik", "en": "internship"},
        "outcome.self_employment": {"sv": "startat eget företag", "en": "self-employment"},
        "outcome.further_rehabilitation": {"sv": "fortsatt rehabilitering", "en": "further rehabilitation"},
        "outcome.job_seeking": {"sv": "arbetssökande", "en": "job seeking"},
        "outcome.ongoing": {"sv": "pågående", "en": "ongoing"},
        "outcome.dropped_out": {"sv": "avbrott", "en": "dropped out"},
        "outcome.other": {"sv": "annat", "en": "other"},
        "outcome.deceased": {"sv": "avliden", "en": "deceased"},
        "denominator.finished": {"sv": "avslutade", "en": "finished"},
        "denominator.enrolled": {"sv": "inskrivna", "en": "enrolled"},
        "goal_status.met": TEXTS["board.met"],
        "goal_status.not_met": TEXTS["board.not_met"],
        "goal_status.not_checkable": TEXTS["board.not_checkable"],
        "goal_status.information": TEXTS["board.information"],
        "outcome_status.met": TEXTS["board.meets"],
        "outcome_status.below": TEXTS["board.below"],
        "outcome_status.no_share": TEXTS["board.no_share"],
        "outcome_status.inconsistent": TEXTS["board.inconsistent"],
        "decision_kind.goal_not_met": {"sv": "mål som inte uppfylls", "en": "a goal not met"},
        "decision_kind.goal_not_checkable": {
            "sv": "mål som inte kan bedömas",
            "en": "a goal that cannot be checked",
        },
        "decision_kind.applications": {"sv": "ansökningar att besluta om", "en": "applications to decide"},
        "decision_kind.report_deviation": {"sv": "rapport med avvikelse", "en": "a report with a deviation"},
        "decision_kind.overdue_reports": {"sv": "försenade rapporter", "en": "overdue reports"},
        "decision_kind.over_budget": {"sv": "prognos över budget", "en": "a forecast over budget"},
        "decision_kind.unreadable": {
            "sv": "filer som inte kunde läsas",
            "en": "files that could not be read",
        },
        "decision_kind.notice": {"sv": "för kännedom", "en": "for information"},
        "due_kind.dated": {"sv": "rapport på utsatt datum", "en": "report on a set date"},
        "due_kind.final": {"sv": "slutrapport", "en": "final report"},
        # Not an enum, but a closed set of codes too: the member groups of 5 § (finance.py).
        "group.state": {"sv": "Staten (FK och AF)", "en": "The state (SIA and ES)"},
        "group.region": {"sv": "Regionen", "en": "The region"},
        "group.municipalities": {"sv": "Kommunerna", "en": "The municipalities"},
        # Units: the number ``{n}`` with its unit, as a reader of each language expects it.
        # English readers expect the currency code before the amount (SEK 1,895,000), a
        # percent sign without a space (73%); Swedish writes 1 895 000 kr and 73 %.
        "unit.kr": {"sv": "{n} kr", "en": "SEK {n}"},
        "unit.tkr": {"sv": "{n} tkr", "en": "SEK {n} thousand"},
        "unit.pct": {"sv": "{n} %", "en": "{n}%"},
        "unit.pp": {"sv": "{n} procentenheter", "en": "{n} percentage points"},
        # Words of the list format specs and of the counting method.
        "list.none": {"sv": "inga", "en": "none"},
        "list.or": {"sv": " eller ", "en": " or "},
        "list.and": {"sv": " och ", "en": " and "},
        "counting.deceased_excluded": {"sv": " (avlidna ej medräknade)", "en": " (deceased excluded)"},
        "counting.deceased_excluded_inner": TEXTS["board.deceased_excluded"],
    }
)

#: Words that the installed packs registered (``register_words``): ``VOCABULARY.CODE`` ->
#: ``{"sv": ..., "en": ...}``. Kept apart from :data:`TEXTS`, the core's own catalogue.
PACK_WORDS: dict[str, dict[str, str]] = {}
#: The pack that registered each key of :data:`PACK_WORDS`.
PACK_WORD_OWNERS: dict[str, str] = {}


def enum_key(member: enum.Enum) -> str:
    """The catalogue key of an enum member: ``GoalStatus.NOT_MET`` -> ``goal_status.not_met``."""
    cls = re.sub(r"(?<!^)(?=[A-Z])", "_", type(member).__name__).lower()
    return f"{cls}.{member.name.lower()}"


def enum_word(member: enum.Enum, lang: str) -> str:
    """An enum member in words: ``enum_word(Severity.ERROR, "sv")`` is ``fel``."""
    return TEXTS[enum_key(member)][lang]


def enum_words(member: enum.Enum) -> dict[str, str]:
    """An enum member's words in every language, ``{"sv": ..., "en": ...}``."""
    return {lang: enum_word(member, lang) for lang in LANGUAGES}


def word(vocabulary: str, code: object, lang: str) -> str:
    """The word for ``code`` in ``vocabulary`` (``word("horizon", "year", "sv")`` is ``helåret``):
    the core catalogue first, then the packs' words; a code with no word is shown as it is
    written (a free tag such as an association's own attachment name)."""
    if isinstance(code, enum.Enum):
        return enum_word(code, lang)
    key = f"{vocabulary}.{code}"
    found = TEXTS.get(key) or PACK_WORDS.get(key)
    return found[lang] if found is not None else str(code)


def text_of(key: str, lang: str) -> str:
    """The text ``key`` of the core catalogue or of a pack's words, unfilled."""
    found = TEXTS.get(key) or PACK_WORDS.get(key)
    if found is None:
        raise KeyError(key)
    return found[lang]


def parse_words(data: object, source: str) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The entries of a pack's words file (``[VOCABULARY] CODE = { sv = "…", en = "…" }``)
    and the problems found, each naming ``source`` and the key path."""
    words: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    if not isinstance(data, dict):
        return words, [f"{source}: expected tables of words"]
    for vocabulary, entries in data.items():
        if not isinstance(entries, dict):
            got = type(entries).__name__
            problems.append(f"{source}: {vocabulary}: expected a table of words, got {got}")
            continue
        for code, texts in entries.items():
            where = f"{source}: {vocabulary}.{code}"
            if not isinstance(texts, dict) or set(texts) != set(LANGUAGES):
                problems.append(f'{where}: expected {{ sv = "…", en = "…" }}')
            elif not all(isinstance(v, str) and v.strip() for v in texts.values()):
                problems.append(f"{where}: expected a non-empty text in sv and en")
            else:
                words[f"{vocabulary}.{code}"] = {lang: texts[lang] for lang in LANGUAGES}
    return words, problems


def merge_pack_words(
    pack: str, words: dict[str, dict[str, str]], into: dict[str, dict[str, str]], owners: dict[str, str]
) -> list[str]:
    """Add a pack's words to ``into`` (``owners`` says whose each key is); the problems (a key
    of the core's catalogue, or one another pack gave other words) are returned and those
    keys are not added."""
    problems = []
    for key, texts in words.items():
        if key in TEXTS:
            problems.append(f"{key}: is a word of finsam-rules itself; choose another vocabulary name")
        elif key in into and into[key] != texts and owners[key] != pack:
            problems.append(f"{key}: is already a word of the pack {owners[key]}")
        else:
            into[key] = texts
            owners[key] = pack
    return problems


def set_pack_words(words: dict[str, dict[str, str]], owners: dict[str, str]) -> None:
    """Make ``words`` the packs' words in force (those of the packs loaded last)."""
    PACK_WORDS.clear()
    PACK_WORDS.update(words)
    PACK_WORD_OWNERS.clear()
    PACK_WORD_OWNERS.update(owners)


def texts(key: str, **values: object) -> dict[str, str]:
    """The text ``key`` in every language, filled with ``values``: for a message that is
    kept in both languages (an input problem's detail, a pack error)."""
    return {lang: t(key, lang, **values) for lang in LANGUAGES}


def t(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, filled with ``values``: the one lookup of every word.

    A key with a ``KEY_one`` variant gives that text for ``count=1``, so plural forms read
    right ("1 projekt har …", never "project(s)"). Without values (or fields) the text is
    returned as written (a header or a sheet name)."""
    if values.get("count") == 1 and f"{key}_one" in TEXTS:
        key = f"{key}_one"
    text = TEXTS[key][lang]
    if not values or ("{" not in text and "}" not in text):
        return text
    from finsam_rules.formatting import render_template  # not at start-up: decimal, fractions

    return render_template(text, lang, values)


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
        "sv": "Granska ansökningar och rapporter (filer eller mappar, - för standard in) och ge "
        "ett förslag för varje dokument.",
        "en": "Screen applications and reports (files or folders, - for standard input) and give "
        "a verdict for each.",
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
        "sv": "Kontrollera bara dokumentens struktur (inga regler körs; - för standard in).",
        "en": "Check the structure of documents only (no rules are run; - for standard input).",
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
        "sv": "Mappen som TOML-dokumenten skrivs till (en befintlig fil som finsam inte "
        "skrev skrivs bara över med --force).",
        "en": "The folder to write the TOML documents to (an existing file finsam did not "
        "write only with --force).",
    },
    "help.report": {
        "sv": "Skriv styrelserapporten för en portföljmapp.",
        "en": "Write the board report for a portfolio folder.",
    },
    "help.report.year": {
        "sv": "Året som rapporten gäller (standard: förbundets år).",
        "en": "The year to report on (default: the association's).",
    },
    "help.report.output": {
        "sv": "Skriv till denna fil (-o -: standard ut, för PDF och Excel bara till en rörledning).",
        "en": "Write to this file (-o -: standard output, for PDF and Excel only into a pipe).",
    },
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
#: Board and workbook words spelt alike in Swedish and English ("Policy", "Status", "Period",
#: "Budget", "Administration", "information", "region", "Id") and a layout of two figures.
SAME_IN_BOTH |= {
    f"{section}.{key}"
    for section, keys in {
        "board": ("policy", "status", "information", "period", "id", "kind_region", "chart_margin_text"),
        "xlsx": ("budget", "status", "id", "information", "member_region", "policy", "administration"),
        "member_kind": ("region",),
        "goal_status": ("information",),
        "problem": ("invalid",),  # the detail, already in the reader's language
    }.items()
    for key in keys
}

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
        handle = config_path().open("rb")
    except OSError:
        return "sv"
    import tomllib  # only with a config file: most users have none, and start-up stays quick

    with handle:
        try:
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
