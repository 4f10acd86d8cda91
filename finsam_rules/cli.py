"""The ``finsam`` command line: a thin layer over the commands and the API.

Each command parses its options, calls its work in :mod:`finsam_rules.commands` (or
:mod:`finsam_rules.api`), and ends with the exit code that work returns; a
:class:`~finsam_rules.failures.Failure` it raises is shown as its lines on standard error
and ends the run with its code. The exit codes are in :mod:`finsam_rules.failures`.

Heavy modules are imported inside the commands, so ``finsam --help`` starts quickly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from finsam_rules import __version__
from finsam_rules.failures import (
    EXIT_CRASH,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    Failure,
)

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry
    from finsam_rules.policy import Policy

__all__ = [  # the exit codes and Failure are re-exported for code that imported them here
    "EXIT_CRASH",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "Failure",
    "main",
    "run",
]


def _install_click_words() -> None:
    """Route click's own messages (usage errors, help headings) through the catalogue.

    Done before any option is declared, so that no declaration calls the standard gettext
    (whose first call imports locale and looks for catalogues on disk)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    from finsam_rules.i18n import click_gettext, click_ngettext

    modules = (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types)
    for module in modules:
        if hasattr(module, "_"):
            module._ = click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext  # type: ignore[attr-defined]


_install_click_words()


FAIL_ON = ("blocker", "error", "warning", "info", "never")


def _default_language() -> str:
    from finsam_rules.i18n import default_language

    return default_language()


LANG = click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default=_default_language,
    help="Language of the output: Swedish (sv, the default) or English (en).",
)
POLICY = click.option(
    "--policy",
    "policy_path",
    type=click.Path(path_type=Path),
    help="Policy file overriding rules' parameters and severities.",
)
STRICT = click.option(
    "--strict", is_flag=True, help="Make a pack that fails to load, or a rule that fails, fatal."
)
FORCE = click.option(
    "--force",
    is_flag=True,
    help="Overwrite an existing output file that finsam did not write (never an input).",
)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None


AS_OF = click.option(
    "--as-of",
    callback=_date,
    metavar="DATE",
    help="Judge every document as of this date instead of its own date.",
)

# The cover of a PDF: the board meeting it goes to and the registry number (diarienummer).
MEETING = click.option(
    "--meeting", callback=_date, metavar="DATE", help="PDF cover: date of the board meeting (YYYY-MM-DD)."
)
DNR = click.option("--dnr", metavar="NUMBER", help="PDF cover: registry number (diarienummer).")


class _Shown(click.ClickException):
    """A :class:`Failure` as click shows it: each line on standard error, with its code."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.exit_code = failure.exit_code  # type: ignore[misc]  # click declares it per class; ours is per error

    def show(self, file: IO[Any] | None = None) -> None:
        from finsam_rules.sanitize import one_line

        if self.message:
            click.echo("\n".join(one_line(line) for line in self.message.split("\n")), err=True)


def _exit(code: int) -> NoReturn:
    """End the command with the exit code its work returned."""
    sys.exit(code)


# -- the command line in two languages -------------------------------------------------
# Help texts live in the catalogue (finsam_rules.i18n HELP_TEXTS, keyed by command path and
# parameter name); the English texts in the decorators below are only the fallback. Before
# click parses anything, the language is taken from --lang in the arguments, FINSAM_LANG or
# the user config file, click's own words are switched to it and every help text is set.


def localize(command: click.Command, lang: str, path: str = "main") -> None:
    """Set the help of ``command``, its options and its subcommands in ``lang``."""
    from finsam_rules.i18n import help_text, t

    command.options_metavar = t("help.options_metavar", lang)
    text = help_text(path, None, lang)
    if text is not None:
        command.help = text
        command.short_help = None
    for param in command.params:
        if isinstance(param, click.Option) and param.name is not None:
            option_help = help_text(path.removeprefix("main.").removeprefix("main"), param.name, lang)
            if option_help is not None:
                param.help = option_help
    if isinstance(command, click.Group):
        command.subcommand_metavar = t("help.subcommand_metavar", lang)
        for name, sub in command.commands.items():
            localize(sub, lang, name if path == "main" else f"{path}.{name}")


class _Localized(click.Command):
    """A command whose --help option reads its help from the catalogue."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        from finsam_rules.i18n import TEXTS, current_click_language

        option = super().get_help_option(ctx)
        if option is not None:
            option.help = TEXTS["help.opt.help"][current_click_language()]
        return option


class _LocalizedGroup(_Localized, click.Group):
    """A group of localized commands."""

    command_class = _Localized
    group_class: type[click.Group] | type[type] | None = type  # subgroups of this same class


class _Main(_LocalizedGroup):
    """The ``finsam`` group: an operating-system error that reaches it (an output path in a
    folder that does not exist, a name over 255 bytes, a full disk) is a clear line naming
    the path, with exit 3; never a traceback and never the rule-crash code 4."""

    group_class = _LocalizedGroup

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from finsam_rules.i18n import language_of_args, set_click_language

        ctx.meta["finsam.args"] = list(args)
        lang = language_of_args(list(args))
        set_click_language(lang)
        localize(self, lang)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Failure as failure:
            raise _Shown(failure) from None
        except OSError as exc:
            from finsam_rules.i18n import language_of_args, t

            lang = language_of_args(ctx.meta.get("finsam.args", []))
            path = exc.filename if exc.filename is not None else "finsam"
            error = exc.strerror or type(exc).__name__
            raise _Shown(Failure([t("os_error", lang, path=path, error=error)])) from None


def _safe_streams() -> None:
    """Standard output and error never fail on a character their encoding lacks (a
    terminal or pipe in ASCII or Latin-1): such characters are written as backslash
    escapes instead of ending the run with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot be changed
                reconfigure(errors="backslashreplace")


def _registry(strict: bool, lang: str) -> Registry:
    """Load every pack; report pack failures, fatal under ``--strict``."""
    from finsam_rules.api import load_registry, pack_errors

    registry = load_registry(lang=lang)
    for line in pack_errors(registry, lang):
        click.echo(line, err=True)
    if strict and registry.load_errors:
        raise Failure([], EXIT_UNREADABLE)
    return registry


def _policy(registry: Registry, path: Path | None, lang: str) -> Policy:
    from finsam_rules.api import load_policy

    return load_policy(path, registry=registry, lang=lang)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
# The version is the package's own (tests/test_api.py checks it is the installed one), so
# that --version does not start importlib.metadata.
@click.version_option(version=__version__, package_name="finsam-rules")
def main() -> None:
    """Screen FINSAM project applications and reports, and report to the board.

    Output is Swedish by default; add --lang en for English.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "letter", "pdf"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@LANG
@POLICY
@click.option(
    "--association",
    "association_path",
    type=click.Path(path_type=Path),
    help="association.toml to use instead of the one in the portfolio folder.",
)
@click.option(
    "--portfolio",
    "portfolio_dir",
    type=click.Path(path_type=Path),
    help="Show what granting each application would change in this portfolio.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit with 1 when a finding at or above this severity is found.",
)
@click.option(
    "--waivers",
    "waivers_path",
    type=click.Path(path_type=Path),
    help="Waiver file: findings the board has accepted.",
)
@click.option(
    "--record",
    "record_dir",
    type=click.Path(path_type=Path),
    help="Write a decision record per document into this folder.",
)
@AS_OF
@STRICT
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of standard output."
)
@FORCE
@MEETING
@DNR
# Letters to applicants (--format letter): with -o DIR one file per document.
@click.option(
    "--letter-format",
    type=click.Choice(["docx", "pdf", "both"]),
    default="both",
    show_default=True,
    help="Letters with -o DIR: Word, PDF or both.",
)
@click.option(
    "--date",
    "letter_date",
    callback=_date,
    metavar="DATE",
    help="Letters: their date (default: each document's as-of date).",
)
@click.option("--reply-by", callback=_date, metavar="DATE", help="Letters: the reply deadline.")
@click.option(
    "--reply-days",
    type=click.IntRange(0, 365),
    metavar="DAYS",
    help="Letters: days from the date to the reply deadline (default 30).",
)
@click.option(
    "--group-by",
    type=click.Choice(["verdict", "path"]),
    default="verdict",
    show_default=True,
    help="Text: the summary first and documents grouped by verdict, or each in path order.",
)
@click.option("-q", "--quiet", is_flag=True, help="Text: only the documents that do not pass.")
# Portfolios screened in parallel processes (finsam_rules/parallel.py); 1 for none.
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes that screen portfolios in parallel (default: the machine's cores; 1 for none).",
)
def screen(
    paths: tuple[Path, ...],
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
    output: Path | None,
    force: bool,
    meeting: dt.date | None,
    dnr: str | None,
    letter_format: str,
    letter_date: dt.date | None,
    reply_by: dt.date | None,
    reply_days: int | None,
    group_by: str,
    quiet: bool,
    jobs: int | None,
) -> None:
    """Screen applications and reports (files or folders) and give a verdict for each."""
    from finsam_rules.commands.screen import run_screen

    code = run_screen(
        paths=list(paths),
        fmt=fmt,
        lang=lang,
        policy_path=policy_path,
        association_path=association_path,
        portfolio_dir=portfolio_dir,
        fail_on=fail_on,
        waivers_path=waivers_path,
        record_dir=record_dir,
        as_of=as_of,
        strict=strict,
        registry=_registry(strict, lang),
        output=output,
        force=force,
        meeting=meeting,
        dnr=dnr,
        letter_format=letter_format,
        letter_date=letter_date,
        reply_by=reply_by,
        reply_days=reply_days,
        group_by=group_by,
        quiet=quiet,
        jobs=jobs,
    )
    _exit(code)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
@POLICY
def rules(fmt: str, lang: str, policy_path: Path | None) -> None:
    """List every rule: code, name, severity, parameters with their values, source."""
    from finsam_rules.commands.rules import list_rules

    registry = _registry(False, lang)
    click.echo(list_rules(registry, _policy(registry, policy_path, lang), fmt, lang), nl=False)


@main.command()
@click.argument("code")
@LANG
def explain(code: str, lang: str) -> None:
    """Print a rule's explanation: what it does, why it matters, an example, its source."""
    from finsam_rules.commands.rules import explain_rule, find_rule

    registry = _registry(False, lang)
    rule = find_rule(registry, code, lang)
    click.echo(explain_rule(rule, _policy(registry, None, lang), lang), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@LANG
def validate(paths: tuple[Path, ...], lang: str) -> None:
    """Check the structure of documents only (no rules are run)."""
    from finsam_rules.commands.screen import run_validate

    _exit(run_validate(list(paths), lang))


@main.command()
@click.argument("kind", type=click.Choice(["application", "report", "association"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the template to this file (an existing file only with --force).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "xlsx", "docx"]),
    default="toml",
    show_default=True,
    help="TOML, or an Excel or Word form to fill in (needs -o).",
)
@click.option(
    "--association",
    "association_path",
    type=click.Path(path_type=Path),
    help="The association file whose members and priority groups fill the form's drop-down lists.",
)
@FORCE
@LANG
def new(
    kind: str, output: Path | None, fmt: str, association_path: Path | None, force: bool, lang: str
) -> None:
    """Write a filled-in template of an application, a report or an association."""
    from finsam_rules.commands.new import run_new

    code = run_new(kind, output, fmt, association_path, force, lang)
    if code != EXIT_OK:
        _exit(code)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--association",
    "association_path",
    type=click.Path(path_type=Path),
    help="The association file (found in the portfolio folder when not given).",
)
@LANG
def check(paths: tuple[Path, ...], association_path: Path | None, lang: str) -> None:
    """Check a form before sending it: what to complete and why, in plain words."""
    from finsam_rules.intake.check import run_check

    _exit(run_check(list(paths), association_path, lang, _registry(False, lang)))


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The folder to write the TOML documents to (existing files are not overwritten).",
)
@FORCE
@LANG
def import_forms(paths: tuple[Path, ...], output: Path, force: bool, lang: str) -> None:
    """Convert Excel and Word forms to TOML documents, with each value's place in comments."""
    from finsam_rules.intake.importing import run_import

    _exit(run_import(list(paths), output, lang, force=force))


@main.command()
@click.argument("portfolio", type=click.Path(path_type=Path))
@click.option("--year", type=int, help="The year to report on (default: the association's).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "json", "pdf", "xlsx"]),
    default="markdown",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file.")
@MEETING
@DNR
@LANG
@POLICY
@click.option(
    "--waivers",
    "waivers_path",
    type=click.Path(path_type=Path),
    help="Waiver file: findings the board has accepted.",
)
@click.option(
    "--record",
    "record_dir",
    type=click.Path(path_type=Path),
    help="Write a decision record per application and report into this folder.",
)
@AS_OF
@STRICT
@FORCE
def report(
    portfolio: Path,
    year: int | None,
    fmt: str,
    output: Path | None,
    meeting: dt.date | None,
    dnr: str | None,
    lang: str,
    policy_path: Path | None,
    waivers_path: Path | None,
    record_dir: Path | None,
    as_of: dt.date | None,
    strict: bool,
    force: bool,
) -> None:
    """Write the board report for a portfolio folder."""
    from finsam_rules.commands.report import run_report

    _exit(
        run_report(
            portfolio=portfolio,
            year=year,
            fmt=fmt,
            output=output,
            lang=lang,
            policy_path=policy_path,
            waivers_path=waivers_path,
            record_dir=record_dir,
            as_of=as_of,
            strict=strict,
            registry=_registry(strict, lang),
            force=force,
            meeting=meeting,
            dnr=dnr,
        )
    )


def run() -> None:
    """Entry point wrapper: never let a traceback reach the user. A real Ctrl-C ends the run
    with exit code 130; an internal error with 5 (exit code 4 is only ever a rule's)."""
    from finsam_rules.isolation import Interrupted, describe, install_interrupt_handler, language

    install_interrupt_handler()
    _safe_streams()
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Interrupted:
        from finsam_rules.i18n import t

        click.echo(t("interrupted", language()), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # the last line of defence
        from finsam_rules.i18n import t

        click.echo(t("internal_error", language(), error=describe(exc)), err=True)
        sys.exit(EXIT_INTERNAL)


@main.command()
@click.option("--all", "show_all", is_flag=True, help="Include the standard pack.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
def plugins(show_all: bool, fmt: str, lang: str) -> None:
    """List installed rule packs with their versions and the rules each contributes.

    Set FINSAM_RULES_PLUGINS to a comma-separated list of pack names to load only those.
    """
    from finsam_rules.commands.rules import list_plugins

    click.echo(list_plugins(_registry(False, lang), show_all, fmt, lang), nl=False)


@main.group()
def policy() -> None:
    """Inspect policy files: the resolved result and differences."""


POLICY_AS_OF = click.option(
    "--as-of",
    callback=_date,
    metavar="DATE",
    help="Show the values in force on this date (default: all dated values).",
)


@policy.command("show")
@click.argument("file", type=click.Path(path_type=Path), required=False)
@POLICY_AS_OF
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@LANG
def policy_show(file: Path | None, as_of: dt.date | None, fmt: str, lang: str) -> None:
    """Print the resolved policy: every rule's severity and parameter values, and where
    each came from. Without FILE, the standard policy."""
    from finsam_rules.commands.policy import policy_arg, show
    from finsam_rules.sanitize import clean

    registry = _registry(False, lang)
    click.echo(clean(show(_policy(registry, policy_arg(file), lang), as_of, fmt, lang)), nl=False)


@policy.command("diff")
@click.argument("a", type=click.Path(path_type=Path))
@click.argument("b", type=click.Path(path_type=Path))
@POLICY_AS_OF
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@LANG
def policy_diff(a: Path, b: Path, as_of: dt.date | None, fmt: str, lang: str) -> None:
    """Show what policy B changes against policy A ("standard" names the standard policy).
    Exits 1 when they differ."""
    from finsam_rules.commands.policy import diff, policy_arg
    from finsam_rules.sanitize import clean

    registry = _registry(False, lang)
    text, differs = diff(
        _policy(registry, policy_arg(a), lang), _policy(registry, policy_arg(b), lang), as_of, fmt, lang
    )
    click.echo(clean(text), nl=False)
    _exit(EXIT_FINDINGS if differs else EXIT_OK)


@main.group()
def pack() -> None:
    """Create and test rule packs."""


@pack.command("new")
@click.argument("name")
@click.option("--prefix", help="Two-letter code prefix for the pack's rules.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Folder to create (default: finsam-NAME)."
)
@LANG
def pack_new(name: str, prefix: str | None, output: Path | None, lang: str) -> None:
    """Scaffold an installable rule pack that passes its own tests after pip install -e."""
    from finsam_rules.commands.packs import run_pack_new

    run_pack_new(name, prefix, output, lang)


@pack.command("test")
@click.argument("folder", type=click.Path(path_type=Path))
@STRICT
@LANG
def pack_test(folder: Path, strict: bool, lang: str) -> None:
    """Run the table-driven cases under FOLDER and show expected against actual."""
    from finsam_rules.commands.packs import check_pack_folder, run_pack_test

    check_pack_folder(folder, lang)
    _exit(run_pack_test(folder, _registry(strict, lang), lang))


@main.group()
def waivers() -> None:
    """Work with waiver files."""


@waivers.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@LANG
def waivers_check(file: Path, lang: str) -> None:
    """Lint a waiver file: structure, known codes, dates."""
    from finsam_rules.commands.waivers import run_waivers_check

    code = run_waivers_check(file, _registry(False, lang), lang)
    if code != EXIT_OK:
        _exit(code)


@main.group()
def record() -> None:
    """Work with decision records."""


@record.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@LANG
def record_verify(files: tuple[Path, ...], lang: str) -> None:
    """Check decision records' integrity, re-run them and say whether each is reproduced,
    and if not, every difference (integrity, inputs, policy, engine, outcome)."""
    from finsam_rules.commands.records import run_record_verify, verify_key

    key = verify_key(lang)
    _exit(run_record_verify(list(files), _registry(False, lang), key, lang))


# -- what-if: policy impact and record impact (the work is in finsam_rules/commands/impact.py)
IMPACT_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True
)


@policy.command("impact")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.argument("portfolio", nargs=-1, required=True, type=click.Path(path_type=Path))
@AS_OF
@IMPACT_FORMAT
@LANG
def policy_impact(
    old: Path, new: Path, portfolio: tuple[Path, ...], as_of: dt.date | None, fmt: str, lang: str
) -> None:
    """Judge every document under PORTFOLIO, and the year's goals, under policy OLD and
    policy NEW ("standard" names the standard policy) and list what changes: proposals that
    flip, findings that appear or disappear, goals that flip. Exits 1 when anything changes,
    3 when an input could not be read."""
    from finsam_rules.commands.impact import run_policy_impact

    registry = _registry(False, lang)
    _exit(
        run_policy_impact(
            old=old, new=new, paths=list(portfolio), as_of=as_of, fmt=fmt, lang=lang, registry=registry
        )
    )


@record.command("impact")
@click.argument("new", type=click.Path(path_type=Path))
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@IMPACT_FORMAT
@LANG
def record_impact(new: Path, records: tuple[Path, ...], fmt: str, lang: str) -> None:
    """Replay decision records under policy NEW, each document as of its decision date, and
    list the decisions that would have gone otherwise. Exits 1 when any would, 3 when a
    record or its document could not be read."""
    from finsam_rules.commands.impact import run_record_impact

    registry = _registry(False, lang)
    _exit(run_record_impact(new=new, records=list(records), fmt=fmt, lang=lang, registry=registry))


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print a shell completion script for SHELL (bash, zsh or fish)."""
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell)
    if completer is None:  # click knows all three; kept for a click without one of them
        raise Failure([shell], EXIT_USAGE)
    click.echo(completer(main, {}, "finsam", "_FINSAM_COMPLETE").source())


# -- the reporting calendar (the work is in finsam_rules/commands/calendar.py)
@main.command("calendar")
@click.argument("portfolio", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    callback=_date,
    metavar="DATE",
    help="Count overdue reports as of this date (default: the end of the association's year).",
)
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Days ahead counted as due soon.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "ics"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file.")
@LANG
@POLICY
@FORCE
def calendar(
    portfolio: tuple[Path, ...],
    as_of: dt.date | None,
    within: int,
    fmt: str,
    output: Path | None,
    lang: str,
    policy_path: Path | None,
    force: bool,
) -> None:
    """List every report the granted projects of each PORTFOLIO owe: due date, received or
    not, overdue by how many days, due within --within days; text, Markdown, JSON or
    iCalendar. Exits 1 when a report is overdue, 3 when an input could not be read."""
    from finsam_rules.commands.calendar import run_calendar

    registry = _registry(False, lang)
    _exit(
        run_calendar(
            paths=list(portfolio),
            as_of=as_of,
            within=within,
            fmt=fmt,
            lang=lang,
            output=output,
            policy_path=policy_path,
            force=force,
            registry=registry,
        )
    )
