"""``finsam screen`` and ``finsam validate``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from finsam_rules.cli import EXIT_CRASH, EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, Failure
from finsam_rules.rules import FindingStatus, Severity

if TYPE_CHECKING:
    from typing import IO

    from finsam_rules.plugins import Registry
    from finsam_rules.render.letter import LetterWriter
    from finsam_rules.render.screening import Writer
    from finsam_rules.screening import Screened, Screener


def blocking_level(finding) -> Severity:
    """The severity a finding counts as for ``--fail-on``: a rule that could not judge
    counts at least as an error."""
    if finding.status is FindingStatus.NOT_EVALUATED:
        return max(finding.severity, Severity.ERROR)
    return finding.severity


def run_screen(
    *,
    paths: list[Path],
    fmt: str,
    lang: str,
    policy_path: Path | None,
    association_path: Path | None,
    portfolio_dir: Path | None,
    fail_on: str,
    waivers_path: Path | None,
    record_dir: Path | None,
    as_of: dt.date | None,
    strict: bool,
    registry,
    output: Path | None,
    meeting: dt.date | None = None,
    dnr: str | None = None,
    letter_format: str = "both",
    letter_date: dt.date | None = None,
    reply_by: dt.date | None = None,
    reply_days: int | None = None,
) -> int:
    """Screen ``paths`` and write the chosen format; return the exit code."""
    from finsam_rules.engine import RuleCrash
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.policy import load_policy
    from finsam_rules.render.board_pdf import PdfUnavailable as PdfUnavailableError
    from finsam_rules.render.screening import WRITERS
    from finsam_rules.screening import Screener

    if policy_path is not None:  # fail early and clearly on a broken --policy
        try:
            load_policy(registry, policy_path)
        except PolicyError as exc:
            raise Failure([exc.line(lang)]) from None
    waivers = None
    if waivers_path is not None:
        from finsam_rules.waivers import load_waivers

        try:
            waivers = load_waivers(waivers_path)
        except InputError as exc:
            raise Failure(exc.lines(lang)) from None
    impact = None
    if portfolio_dir is not None:
        from finsam_rules.board import ImpactAssessor

        try:
            impact = ImpactAssessor.load(portfolio_dir, registry, policy_path)
        except (InputError, PolicyError) as exc:
            lines = exc.lines(lang) if isinstance(exc, InputError) else [exc.line(lang)]
            raise Failure(lines) from None
    recorder = None
    if record_dir is not None:
        from finsam_rules.records import Recorder

        recorder = Recorder(record_dir, registry)

    binary = fmt == "pdf"  # bytes, written at the end (to -o FILE or a standard output that is no terminal)
    if binary:
        from finsam_rules.commands.report import check_binary_output

        check_binary_output(fmt, output, lang)
    # -o DIR: one Word/PDF file per letter; -o FILE.txt: the plain-text letters in one file.
    letter_files = fmt == "letter" and output is not None and output.suffix.lower() != ".txt"
    if letter_files:
        assert output is not None
        check_letter_folder(output, lang)
    if fmt == "letter" and reply_by is not None and letter_date is not None and reply_by < letter_date:
        from finsam_rules.i18n import t

        raise Failure([t("letter_reply_before_date", lang, reply_by=reply_by, date=letter_date)], EXIT_USAGE)
    out = output.open("w", encoding="utf-8") if output and not binary and not letter_files else sys.stdout
    if not binary and fmt != "letter":
        writer_class = WRITERS[fmt]
    writer: Writer
    screener = Screener(
        registry, policy_path=policy_path, association_path=association_path, strict=strict, as_of=as_of
    )
    if binary:
        from finsam_rules.render.screening_pdf import PdfWriter

        writer = PdfWriter(output or sys.stdout.buffer, sys.stderr, lang, meeting, dnr)
    elif fmt == "letter":
        writer = letter_writer(
            screener,
            registry,
            out,
            output if letter_files else None,
            lang,
            letter_format,
            letter_date,
            reply_by,
            reply_days,
            dnr,
        )
    else:
        writer = writer_class(out, sys.stderr, lang)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    if impact is not None and association_path is None:
        screener.association_path = impact.portfolio.association_path
    failed = unreadable = False
    writer.begin()
    try:
        for item in screener.screen(paths):
            if item.evaluation is not None and impact is not None:
                item = impact.attach(item)
            if item.evaluation is not None and waivers is not None:
                item = waivers.apply(item)
            writer.item(item)
            if item.evaluation is None:
                unreadable = True
                continue
            if recorder is not None:
                recorder.record(item, screener, waivers)
            if threshold is not None and any(
                blocking_level(f) >= threshold for f in item.evaluation.findings if f.waived_by is None
            ):
                failed = True
    except RuleCrash as crash:
        raise Failure([f"{crash}"], EXIT_CRASH) from None
    except PdfUnavailableError as exc:  # a letter as PDF without WeasyPrint's libraries
        raise Failure(exc.lines(lang), EXIT_CRASH) from None
    finally:
        out.flush()
    if waivers is not None:
        for line in waivers.unused_lines(lang):
            click.echo(line, err=True)
    if binary or letter_files:
        from finsam_rules.render.board_pdf import PdfUnavailable

        try:
            writer.end()
        except PdfUnavailable as exc:
            raise Failure(exc.lines(lang), EXIT_CRASH) from None
    else:
        writer.end()
    if output and out is not sys.stdout:
        out.close()
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if failed else EXIT_OK


# -- letters (--format letter) ---------------------------------------------------------------------


def check_letter_folder(folder: Path, lang: str) -> None:
    """``-o`` with ``--format letter`` names a folder (made if missing), never a file other
    than ``*.txt``."""
    from finsam_rules.i18n import t

    if folder.exists() and not folder.is_dir():
        raise Failure([t("letter_folder_is_file", lang, path=folder)], EXIT_UNREADABLE)


def letter_writer(
    screener: Screener,
    registry: Registry,
    out: IO[str],
    folder: Path | None,
    lang: str,
    letter_format: str,
    letter_date: dt.date | None,
    reply_by: dt.date | None,
    reply_days: int | None,
    dnr: str | None,
) -> LetterWriter:
    """The letter writer: plain text to ``out``, or files in ``folder`` (``-o DIR``)."""
    from finsam_rules.errors import InputError
    from finsam_rules.loading import load_document
    from finsam_rules.model import Application
    from finsam_rules.render.letter import (
        LETTER_FORMATS,
        REPLY_DAYS,
        LetterFilesWriter,
        LetterOptions,
        LetterWriter,
    )

    options = LetterOptions(
        date=letter_date,
        reply_by=reply_by,
        reply_days=REPLY_DAYS if reply_days is None else reply_days,
        dnr=dnr,
    )

    def application_of(item: Screened) -> Application | None:
        """The application a report belongs to (its owner is the letter's recipient)."""
        path = screener.application_path(item)
        if path is None:
            return None
        try:
            doc = load_document(path)
        except InputError:
            return None
        return doc if isinstance(doc, Application) else None

    rules = registry.rules.get
    if folder is None:
        return LetterWriter(out, sys.stderr, lang, options, rules, application_of)
    return LetterFilesWriter(
        folder, sys.stderr, lang, options, LETTER_FORMATS[letter_format], rules, application_of
    )


def run_validate(paths: list[Path], lang: str) -> int:
    """Check structure only; print one line per file."""
    from finsam_rules.errors import InputError
    from finsam_rules.i18n import t
    from finsam_rules.loading import PathProblem, iter_paths, load_document

    status = EXIT_OK
    for item in iter_paths(paths):
        if isinstance(item, PathProblem):
            for line in item.error.lines(lang):
                click.echo(line, err=True)
            status = EXIT_UNREADABLE
            continue
        try:
            doc = load_document(item, skip_other=item not in paths)
        except InputError as exc:
            for line in exc.lines(lang):
                click.echo(line, err=True)
            status = EXIT_UNREADABLE
            continue
        if doc is not None:
            click.echo(f"{item}: {t('valid', lang, kind=t(doc.document_kind, lang).lower())}")
    return status
