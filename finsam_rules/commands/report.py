"""``finsam report PORTFOLIO``: the board report."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from finsam_rules.console import echo
from finsam_rules.failures import EXIT_CRASH, EXIT_INTERNAL, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, Failure
from finsam_rules.i18n import t

if TYPE_CHECKING:
    from finsam_rules.board import BoardReport
    from finsam_rules.outputs import Outputs
    from finsam_rules.plugins import Registry
    from finsam_rules.waivers import Waivers

RENDERERS = {
    "markdown": "finsam_rules.render.board_markdown",
    "html": "finsam_rules.render.board_html",
    "json": "finsam_rules.render.board_json",
}

# -- binary formats (PDF, Excel): bytes, written to -o FILE or to a standard output that is no terminal
BINARY_RENDERERS = {
    "pdf": "finsam_rules.render.board_pdf",
    "xlsx": "finsam_rules.render.board_xlsx",
}


def check_binary_output(fmt: str, output: Path | None, lang: str) -> None:
    """Refuse to write a binary format to a terminal."""
    import sys

    from finsam_rules.i18n import t

    if output is None and sys.stdout.isatty():
        raise Failure([t("binary_needs_output", lang, fmt=fmt)], EXIT_USAGE)


def render_binary(
    fmt: str, report: BoardReport, lang: str, meeting: dt.date | None, dnr: str | None
) -> bytes:
    """The report as PDF or xlsx bytes; a missing PDF library is a clear failure."""
    module = importlib.import_module(BINARY_RENDERERS[fmt])
    if fmt == "pdf":
        from finsam_rules.render.board_pdf import PdfUnavailable

        try:
            pdf: bytes = module.render(report, lang, meeting=meeting, dnr=dnr)
        except PdfUnavailable as exc:  # the machine lacks pango: not a rule's failure
            raise Failure(exc.lines(lang), EXIT_INTERNAL) from None
        return pdf
    data: bytes = module.render(report, lang, meeting=meeting, dnr=dnr)
    return data


def write_binary(fmt: str, output: Path | None, data: bytes, lang: str, outputs: Outputs) -> None:
    """Write ``data`` to ``output`` (through the output module), or to standard output
    when there is none."""
    import sys

    from finsam_rules.outputs import OutputError

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        outputs.write_bytes(output, data)
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None


def build(
    portfolio: Path,
    year: int | None,
    lang: str,
    policy_path: Path | None,
    waivers_path: Path | None,
    as_of: dt.date | None,
    strict: bool,
    registry: Registry,
    keep_documents: bool = True,
    langs: tuple[str, ...] | None = None,
) -> tuple[BoardReport, Waivers | None]:
    """Load, evaluate and gather the board report; raise :class:`Failure` on bad input.

    The model holds the findings' messages in ``langs`` (default: every language); with
    ``keep_documents=False`` it keeps no parsed document either (see
    :func:`~finsam_rules.board.build_board_report`), and the portfolio as read is let go as
    soon as the model is built."""
    from finsam_rules.board import build_board_report
    from finsam_rules.engine import Engine, RuleCrash
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.formatting import LANGS
    from finsam_rules.portfolio import open_portfolio

    try:
        pf, policy = open_portfolio(portfolio, registry, year, policy_path)
        waivers = None
        if waivers_path is not None:
            from finsam_rules.waivers import load_waivers

            waivers = load_waivers(waivers_path)
    except InputError as exc:
        raise Failure(exc.lines(lang)) from None
    except PolicyError as exc:
        raise Failure([exc.line(lang)]) from None
    from finsam_rules.board import has_documents_for_year

    if not has_documents_for_year(pf):
        from finsam_rules.render.board_words import label

        raise Failure([label("no_data_year", lang, root=str(portfolio), year=pf.year)]) from None
    engine = Engine(policy, strict=strict, as_of=as_of)
    try:
        report = build_board_report(
            pf, policy, engine, waivers, langs=langs or LANGS, keep_documents=keep_documents
        )
    except RuleCrash as crash:
        raise Failure([str(crash)], EXIT_CRASH) from None
    return report, waivers


def run_report(
    *,
    portfolio: Path,
    year: int | None,
    fmt: str,
    output: Path | None,
    lang: str,
    policy_path: Path | None,
    waivers_path: Path | None,
    record_dir: Path | None,
    as_of: dt.date | None,
    strict: bool,
    registry: Registry,
    meeting: dt.date | None = None,
    dnr: str | None = None,
    force: bool = False,
) -> int:
    """Write the board report; return the exit code."""
    from finsam_rules.outputs import OutputError, Outputs, file_of

    try:
        outputs = Outputs.for_run(
            [portfolio, waivers_path], registry=registry, policy=policy_path, force=force
        )
        output = file_of(output)
        if output is not None:
            outputs.check_file(output)
            if record_dir is not None:
                outputs.check_apart(output, record_dir)
        if record_dir is not None:
            outputs.check_folder(record_dir)
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    if fmt in BINARY_RENDERERS:
        check_binary_output(fmt, output, lang)
    # Records need the documents and the findings in Swedish whatever the report's language;
    # the report alone needs only what the board model holds, in its own language.
    full = record_dir is not None
    report, waivers = build(
        portfolio,
        year,
        lang,
        policy_path,
        waivers_path,
        as_of,
        strict,
        registry,
        keep_documents=full,
        langs=None if full else (lang,),
    )
    if fmt in BINARY_RENDERERS:
        text = ""
        write_binary(fmt, output, render_binary(fmt, report, lang, meeting, dnr), lang, outputs)
    elif output is None:
        text = importlib.import_module(RENDERERS[fmt]).render(report, lang)
    else:
        # A text format to -o is written section by section, never held whole in memory.
        text = ""
        try:
            with outputs.stream(output) as stream:
                importlib.import_module(RENDERERS[fmt]).write(report, lang, stream)
        except OutputError as exc:
            raise Failure([exc.line(lang)], exc.exit_code) from None
    association_year = report.portfolio.association.year
    if report.year != association_year:
        echo(
            t("report.year_mismatch", lang, year=report.year, association_year=association_year),
            err=True,
        )
    if fmt not in BINARY_RENDERERS and output is None:
        echo(text, nl=False)
    for error in report.portfolio.errors:
        for line in error.lines(lang):
            echo(line, err=True)
    if waivers is not None:
        for line in waivers.unused_lines(lang):
            echo(line, err=True)
    unwritable = False
    if record_dir is not None:
        written = _records(report, record_dir, outputs, registry, waivers_path, policy_path, as_of, lang)
        unwritable = not written
    return EXIT_UNREADABLE if report.portfolio.errors or unwritable else EXIT_OK


def _records(
    report: BoardReport,
    record_dir: Path,
    outputs: Outputs,
    registry: Registry,
    waivers_path: Path | None,
    policy_path: Path | None,
    as_of: dt.date | None,
    lang: str,
) -> bool:
    """Write a record per application and report; False if one could not be written."""
    from finsam_rules.outputs import OutputError
    from finsam_rules.records import Recorder, RecordError, RecordInputs, record_key

    try:
        recorder = Recorder(
            record_dir, registry, outputs, record_key(), lang, notice=lambda line: echo(line, err=True)
        )
    except RecordError as exc:
        raise Failure([exc.line(lang)], EXIT_USAGE) from None
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    pf, written = report.portfolio, True
    for row in (*report.applications, *report.reports):
        project = getattr(row.evaluation.document, "project", None)
        application = pf.application(project) if project else None
        inputs = RecordInputs(
            document_path=pf.root / row.path,
            evaluation=row.evaluation,
            policy=report.policy,
            association_path=pf.association_path,
            application_path=pf.path_of(application) if application else None,
            waivers_path=waivers_path,
            policy_option=policy_path,
            as_of_option=as_of,
        )
        try:
            recorder.record(inputs)
        except OutputError as exc:
            echo(exc.line(lang), err=True)
            written = False
    outputs.finish()
    return written
