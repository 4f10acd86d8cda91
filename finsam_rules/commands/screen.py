"""``finsam screen`` and ``finsam validate``."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from finsam_rules.cli import EXIT_CRASH, EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, Failure
from finsam_rules.outputs import OutputError, Outputs, file_of
from finsam_rules.records import screened_inputs
from finsam_rules.rules import Severity

if TYPE_CHECKING:
    from finsam_rules.render.screening import Writer


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
    force: bool = False,
    group_by: str = "path",
    quiet: bool = False,
) -> int:
    """Screen ``paths`` and write the chosen format; return the exit code.

    Text output: ``group_by`` ``"verdict"`` puts the summary first and groups documents by
    verdict; ``quiet`` leaves out documents that pass. Colour only on a terminal, never
    under NO_COLOR."""
    from finsam_rules.engine import RuleCrash
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.policy import load_policy
    from finsam_rules.render.screening import WRITERS, TextWriter
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
    try:
        outputs = Outputs(force=force)
        if file_of(output) is not None or record_dir is not None:
            outputs = Outputs.for_run(
                [*paths, association_path, portfolio_dir, waivers_path],
                registry=registry,
                policy=policy_path,
                force=force,
            )
        output = file_of(output)
        if output is not None:
            outputs.check_file(output)
            if record_dir is not None:
                outputs.check_apart(output, record_dir)
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    recorder = None
    if record_dir is not None:
        from finsam_rules.records import Recorder, RecordError, record_key

        try:
            key = record_key()
            recorder = Recorder(
                record_dir, registry, outputs, key, lang, notice=lambda line: click.echo(line, err=True)
            )
        except RecordError as exc:
            raise Failure([exc.line(lang)], EXIT_USAGE) from None
        except OutputError as exc:
            raise Failure([exc.line(lang)], exc.exit_code) from None

    binary = fmt == "pdf"  # bytes, written at the end (to -o FILE or a standard output that is no terminal)
    if binary:
        from finsam_rules.commands.report import check_binary_output

        check_binary_output(fmt, output, lang)
    if fmt == "letter":
        from finsam_rules.render.letter import LetterWriter as writer_class
    elif not binary:
        writer_class = WRITERS[fmt]
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    screener = Screener(
        registry, policy_path=policy_path, association_path=association_path, strict=strict, as_of=as_of
    )
    if impact is not None and association_path is None:
        screener.association_path = impact.portfolio.association_path
    failed = unreadable = unwritable = False
    try:
        with contextlib.ExitStack() as stack:
            writer: Writer
            out: IO[bytes] | IO[str]
            if binary:
                from finsam_rules.render.screening_pdf import PdfWriter

                out = stack.enter_context(outputs.stream_bytes(output))
                writer = PdfWriter(out, sys.stderr, lang, meeting, dnr)
            else:
                out = stack.enter_context(outputs.stream(output))
                writer = writer_class(out, sys.stderr, lang)
            if isinstance(writer, TextWriter):
                writer.group_by, writer.quiet = group_by, quiet
                writer.colour = output is None and _colour_terminal()
            # -- prep-group states: a portfolio's beredning.toml (finsam_rules/prep.py)
            from finsam_rules.prep import PrepTracker

            prep = PrepTracker()
            if fmt in ("text", "markdown", "json"):
                writer.prep = lambda it: prep.counts(it.path, it.evaluation) if it.evaluation else None
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
                        try:
                            recorder.record(
                                screened_inputs(
                                    item,
                                    screener,
                                    waivers_path=waivers_path,
                                    association_option=association_path,
                                    portfolio_option=portfolio_dir,
                                )
                            )
                        except OutputError as exc:
                            click.echo(exc.line(lang), err=True)
                            unwritable = True
                    if threshold is not None and any(
                        f.counts_at(threshold) for f in item.evaluation.findings
                    ):
                        failed = True
            except RuleCrash as crash:
                raise Failure([f"{crash}"], EXIT_CRASH) from None
            finally:
                out.flush()
                outputs.finish()
            if waivers is not None:
                from finsam_rules.sanitize import one_line

                for line in waivers.unused_lines(lang):
                    click.echo(one_line(line), err=True)
            for error in prep.errors:  # an unreadable beredning.toml: its portfolio shows no counts
                for line in error.lines(lang):
                    click.echo(line, err=True)
                unreadable = True
            for line in prep.warning_lines(lang):
                click.echo(line, err=True)
            if binary:
                from finsam_rules.render.board_pdf import PdfUnavailable

                try:
                    writer.end()
                except PdfUnavailable as exc:
                    raise Failure(exc.lines(lang), EXIT_CRASH) from None
            else:
                writer.end()
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    if unreadable or unwritable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if failed else EXIT_OK


def _colour_terminal() -> bool:
    """Whether standard output is a terminal that takes colour (https://no-color.org)."""
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


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
