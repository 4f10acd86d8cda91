"""``finsam screen`` and ``finsam validate``."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from finsam_rules.console import echo
from finsam_rules.failures import (
    EXIT_CRASH,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    Failure,
)

if TYPE_CHECKING:
    from finsam_rules.outputs import Outputs
    from finsam_rules.plugins import Registry
    from finsam_rules.progress import Progress
    from finsam_rules.render.letter import LetterWriter
    from finsam_rules.render.screening import Writer
    from finsam_rules.screening import Screened, Screener


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
    registry: Registry,
    output: Path | None,
    meeting: dt.date | None = None,
    dnr: str | None = None,
    force: bool = False,
    letter_format: str = "both",
    letter_date: dt.date | None = None,
    reply_by: dt.date | None = None,
    reply_days: int | None = None,
    group_by: str = "path",
    quiet: bool = False,
    jobs: int | None = None,
) -> int:
    """Screen ``paths`` and write the chosen format; return the exit code.

    Text output: ``group_by`` ``"verdict"`` puts the summary first and groups documents by
    verdict; ``quiet`` leaves out documents that pass. Colour only on a terminal, never
    under NO_COLOR."""
    from finsam_rules.engine import RuleCrash
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.outputs import OutputError, Outputs, file_of
    from finsam_rules.policy import load_policy
    from finsam_rules.records import screened_inputs
    from finsam_rules.render.board_pdf import PdfUnavailable
    from finsam_rules.render.screening import WRITERS, TextWriter
    from finsam_rules.rules import Severity

    # --format letter -o DIR: one Word/PDF file per letter; -o FILE.txt (or no -o): the
    # plain-text letters in one stream.
    letter_folder = None
    if fmt == "letter":
        from finsam_rules.i18n import t

        target = file_of(output)
        if target is not None and target.suffix.lower() != ".txt":
            if target.exists() and not target.is_dir():
                raise Failure([t("letter_folder_is_file", lang, path=target)], EXIT_USAGE)
            letter_folder, output = target, None
        if reply_by is not None and letter_date is not None and reply_by < letter_date:
            raise Failure(
                [t("letter_reply_before_date", lang, reply_by=reply_by, date=letter_date)], EXIT_USAGE
            )
    refuse_stdin_record(paths, record_dir, lang)
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
        if file_of(output) is not None or record_dir is not None or letter_folder is not None:
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
        if letter_folder is not None:
            outputs.check_folder(letter_folder)
            if record_dir is not None:
                outputs.check_apart(letter_folder, record_dir)
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    recorder = None
    if record_dir is not None:
        from finsam_rules.records import Recorder, RecordError, record_key

        try:
            key = record_key()
            recorder = Recorder(
                record_dir, registry, outputs, key, lang, notice=lambda line: echo(line, err=True)
            )
        except RecordError as exc:
            raise Failure([exc.line(lang)], EXIT_USAGE) from None
        except OutputError as exc:
            raise Failure([exc.line(lang)], exc.exit_code) from None

    binary = fmt == "pdf"  # bytes, written at the end (to -o FILE or a standard output that is no terminal)
    if binary:
        from finsam_rules.commands.report import check_binary_output

        check_binary_output(fmt, output, lang)
    if not binary and fmt != "letter":
        writer_class = WRITERS[fmt]
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    screener = parallel_screener(registry, policy_path, association_path, strict, as_of, jobs)
    if impact is not None:
        screener.judge_in(impact.portfolio)
    failed = unreadable = unwritable = False
    letters: LetterWriter | None = None
    progress: Progress | None = None
    try:
        with contextlib.ExitStack() as stack:
            writer: Writer
            out: IO[bytes] | IO[str]
            if binary:
                from finsam_rules.render.screening_pdf import PdfWriter

                out = stack.enter_context(outputs.stream_bytes(output))
                writer = PdfWriter(out, sys.stderr, lang, meeting, dnr)
            elif fmt == "letter":
                out = stack.enter_context(outputs.stream(output))
                writer = letters = letter_writer(
                    screener,
                    registry,
                    outputs,
                    out,
                    letter_folder,
                    lang,
                    letter_format,
                    letter_date,
                    reply_by,
                    reply_days,
                    dnr,
                )
            else:
                out = stack.enter_context(outputs.stream(output))
                progress = batch_progress(fmt, quiet, lang, paths)
                writer = writer_class(out, progress.stream() if progress else sys.stderr, lang)
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
                    if progress is not None:
                        progress.tick()
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
                            echo(exc.line(lang), err=True)
                            unwritable = True
                    if threshold is not None and any(
                        f.counts_at(threshold) for f in item.evaluation.findings
                    ):
                        failed = True
            except RuleCrash as crash:
                raise Failure([f"{crash}"], EXIT_CRASH) from None
            except PdfUnavailable as exc:  # a letter as PDF without pango: the machine, not a rule
                raise Failure(exc.lines(lang), EXIT_INTERNAL) from None
            finally:
                if progress is not None:
                    progress.clear()
                out.flush()
                outputs.finish()
            if waivers is not None:
                from finsam_rules.sanitize import one_line

                for line in waivers.unused_lines(lang):
                    echo(one_line(line), err=True)
            for error in prep.errors:  # an unreadable beredning.toml: its portfolio shows no counts
                for line in error.lines(lang):
                    echo(line, err=True)
                unreadable = True
            for line in prep.warning_lines(lang):
                echo(line, err=True)
            try:
                writer.end()
            except PdfUnavailable as exc:  # the machine lacks pango: not a rule's failure
                raise Failure(exc.lines(lang), EXIT_INTERNAL) from None
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    if letters is not None and letters.unwritable:
        unwritable = True
    if unreadable or unwritable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if failed else EXIT_OK


def batch_progress(fmt: str, quiet: bool, lang: str, paths: list[Path]) -> Progress | None:
    """The progress bar of a batch (see :mod:`finsam_rules.progress`), or ``None`` when it
    must not be shown; its total is a walk of ``paths``, made only once the bar is due."""
    from finsam_rules.loading import iter_paths
    from finsam_rules.progress import progress_for

    return progress_for(fmt, quiet, lang, lambda: sum(1 for _ in iter_paths(paths)))


def refuse_stdin_record(paths: list[Path], record_dir: Path | None, lang: str) -> None:
    """``--record`` with ``-``: a decision record names its documents' files to verify them
    again later, and standard input cannot be read again; a usage error (exit 2)."""
    from finsam_rules.i18n import t
    from finsam_rules.loading import STDIN_ARGUMENT

    if record_dir is not None and any(str(path) == STDIN_ARGUMENT for path in paths):
        raise Failure([t("stdin_no_record", lang)], EXIT_USAGE)


def parallel_screener(
    registry: Registry,
    policy_path: Path | None,
    association_path: Path | None,
    strict: bool,
    as_of: dt.date | None,
    jobs: int | None,
) -> Screener:
    """The screener of ``finsam screen``: portfolios in ``jobs`` processes (``None``: the
    machine's cores), merged in the order one process gives (``finsam_rules.parallel``)."""
    from finsam_rules.parallel import ParallelScreener, default_jobs

    return ParallelScreener(
        registry,
        policy_path=policy_path,
        association_path=association_path,
        strict=strict,
        as_of=as_of,
        jobs=default_jobs() if jobs is None else jobs,
    )


def _colour_terminal() -> bool:
    """Whether standard output is a terminal that takes colour (https://no-color.org)."""
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


# -- letters (--format letter) ---------------------------------------------------------------------


def letter_writer(
    screener: Screener,
    registry: Registry,
    outputs: Outputs,
    out: IO[str],
    folder: Path | None,
    lang: str,
    letter_format: str,
    letter_date: dt.date | None,
    reply_by: dt.date | None,
    reply_days: int | None,
    dnr: str | None,
) -> LetterWriter:
    """The letter writer: plain text to ``out``, or files in ``folder`` (``-o DIR``), written
    through ``outputs``."""
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
        folder, outputs, sys.stderr, lang, options, LETTER_FORMATS[letter_format], rules, application_of
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
                echo(line, err=True)
            status = EXIT_UNREADABLE
            continue
        try:
            doc = load_document(item, skip_other=item not in paths)
        except InputError as exc:
            for line in exc.lines(lang):
                echo(line, err=True)
            status = EXIT_UNREADABLE
            continue
        if doc is not None:
            echo(f"{item}: {t('valid', lang, kind=t(doc.document_kind, lang).lower())}")
    return status
