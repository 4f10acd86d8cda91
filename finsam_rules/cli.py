"""The ``finsam`` command line: a thin layer over the API.

Exit codes (documented in the README):

- 0: no finding at or above ``--fail-on``;
- 1: at least one finding at or above ``--fail-on``;
- 2: a usage error (unknown option, missing argument);
- 3: an input could not be read (a document, an association, a policy file), or a pack
  could not be loaded under ``--strict``; the rest of the batch was still processed;
- 4: a rule crashed under ``--strict``.

Heavy modules are imported inside the commands, so ``finsam --help`` starts quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNREADABLE, EXIT_CRASH = 0, 1, 2, 3, 4
FAIL_ON = ("blocker", "error", "warning", "info", "never")

LANG = click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="Language of the output: Swedish or English.",
)
POLICY = click.option(
    "--policy",
    "policy_path",
    type=click.Path(path_type=Path),
    help="Policy file overriding rules' parameters and severities.",
)
STRICT = click.option(
    "--strict", is_flag=True, help="Make a pack that fails to load, or a rule that raises, fatal."
)


def _date(ctx: click.Context, param: click.Parameter, value: str | None):
    import datetime as dt

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


class Failure(click.ClickException):
    """An error shown as one or more clear lines, with its own exit code."""

    def __init__(self, lines: list[str], exit_code: int = EXIT_UNREADABLE):
        super().__init__("\n".join(lines))
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def _registry(strict: bool, lang: str):
    """Load every pack; report pack failures, fatal under ``--strict``."""
    from finsam_rules.errors import PluginError
    from finsam_rules.i18n import t
    from finsam_rules.plugins import build_registry

    try:
        registry = build_registry()
    except PluginError as exc:
        raise Failure([exc.message[lang]]) from None
    for error in registry.load_errors:
        click.echo(t("plugin_failed", lang, pack=error.pack, what=error.what, error=error.error), err=True)
    if strict and registry.load_errors:
        raise Failure([], EXIT_UNREADABLE)
    return registry


def _policy(registry, path: Path | None, lang: str):
    from finsam_rules.errors import PolicyError
    from finsam_rules.policy import load_policy

    try:
        return load_policy(registry, path)
    except PolicyError as exc:
        raise Failure([exc.line(lang)]) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="finsam-rules")
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
def screen(
    paths,
    fmt,
    lang,
    policy_path,
    association_path,
    portfolio_dir,
    fail_on,
    waivers_path,
    record_dir,
    as_of,
    strict,
    output,
    meeting,
    dnr,
    letter_format,
    letter_date,
    reply_by,
    reply_days,
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
        meeting=meeting,
        dnr=dnr,
        letter_format=letter_format,
        letter_date=letter_date,
        reply_by=reply_by,
        reply_days=reply_days,
    )
    sys.exit(code)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
@POLICY
def rules(fmt, lang, policy_path) -> None:
    """List every rule: code, name, severity, parameters with their values, source."""
    from finsam_rules.commands.rules import list_rules

    registry = _registry(False, lang)
    click.echo(list_rules(registry, _policy(registry, policy_path, lang), fmt, lang), nl=False)


@main.command()
@click.argument("code")
@LANG
def explain(code, lang) -> None:
    """Print a rule's explanation: what it does, why it matters, an example, its source."""
    from finsam_rules.commands.rules import explain_rule
    from finsam_rules.i18n import t

    registry = _registry(False, lang)
    rule = registry.rules.get(code.upper())
    if rule is None:
        raise Failure([t("unknown_code", lang, code=code)], EXIT_USAGE)
    click.echo(explain_rule(rule, _policy(registry, None, lang), lang), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@LANG
def validate(paths, lang) -> None:
    """Check the structure of documents only (no rules are run)."""
    from finsam_rules.commands.screen import run_validate

    sys.exit(run_validate(list(paths), lang))


@main.command()
@click.argument("kind", type=click.Choice(["application", "report", "association"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the template to this file (it must not exist yet).",
)
def new(kind, output) -> None:
    """Write a filled-in template of an application, a report or an association."""
    from finsam_rules.templates import template_text

    text = template_text(kind)
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise Failure([f"{output}: finns redan / already exists; not overwritten"], EXIT_USAGE)
    output.write_text(text, encoding="utf-8")


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
def report(
    portfolio, year, fmt, output, meeting, dnr, lang, policy_path, waivers_path, record_dir, as_of, strict
) -> None:
    """Write the board report for a portfolio folder."""
    from finsam_rules.commands.report import run_report

    sys.exit(
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
            meeting=meeting,
            dnr=dnr,
        )
    )


def run() -> None:
    """Entry point wrapper: never let a traceback reach the user."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - the last line of defence
        click.echo(f"finsam: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_CRASH)


@main.command()
@click.option("--all", "show_all", is_flag=True, help="Include the standard pack.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def plugins(show_all, fmt) -> None:
    """List installed rule packs with their versions and the rules each contributes.

    Set FINSAM_RULES_PLUGINS to a comma-separated list of pack names to load only those.
    """
    from finsam_rules.render.common import dumps

    registry = _registry(False, "en")
    rows = []
    for pack in sorted(registry.packs.values(), key=lambda p: p.name):
        if pack.name == "finsam-rules" and not show_all:
            continue
        rows.append(
            {
                "name": pack.name,
                "version": pack.version,
                "modules": list(pack.modules),
                "rules": [r.code for r in registry.rules_of_pack(pack.name)],
            }
        )
    errors = [{"pack": e.pack, "what": e.what, "error": e.error} for e in registry.load_errors]
    if fmt == "json":
        click.echo(dumps({"packs": rows, "load_errors": errors}))
        return
    if not rows:
        click.echo("No packs installed besides the standard one (use --all to list it).")
    for row in rows:
        click.echo(f"{row['name']} {row['version']}: {', '.join(row['rules']) or '-'}")


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
def policy_show(file, as_of, fmt, lang) -> None:
    """Print the resolved policy: every rule's severity and parameter values, and where
    each came from. Without FILE, the standard policy."""
    from finsam_rules.commands.policy import show

    registry = _registry(False, lang)
    click.echo(show(_policy(registry, _policy_arg(file), lang), as_of, fmt, lang), nl=False)


def _policy_arg(value: Path | None) -> Path | None:
    return None if value is None or str(value) == "standard" else value


@policy.command("diff")
@click.argument("a", type=click.Path(path_type=Path))
@click.argument("b", type=click.Path(path_type=Path))
@POLICY_AS_OF
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@LANG
def policy_diff(a, b, as_of, fmt, lang) -> None:
    """Show what policy B changes against policy A ("standard" names the standard policy).
    Exits 1 when they differ."""
    from finsam_rules.commands.policy import diff

    registry = _registry(False, lang)
    text, differs = diff(
        _policy(registry, _policy_arg(a), lang), _policy(registry, _policy_arg(b), lang), as_of, fmt, lang
    )
    click.echo(text, nl=False)
    sys.exit(EXIT_FINDINGS if differs else EXIT_OK)


@main.group()
def pack() -> None:
    """Create and test rule packs."""


@pack.command("new")
@click.argument("name")
@click.option("--prefix", help="Two-letter code prefix for the pack's rules.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Folder to create (default: finsam-NAME)."
)
def pack_new(name, prefix, output) -> None:
    """Scaffold an installable rule pack that passes its own tests after pip install -e."""
    from finsam_rules.scaffold import scaffold, slug

    target = output or Path("finsam-" + slug(name, "-"))
    try:
        written = scaffold(name, target, prefix)
    except FileExistsError:
        raise Failure([f"{target}: already exists and is not empty"], EXIT_USAGE) from None
    except ValueError as exc:
        raise Failure([str(exc)], EXIT_USAGE) from None
    for path in written:
        click.echo(f"created {path}")


@pack.command("test")
@click.argument("folder", type=click.Path(path_type=Path))
@STRICT
def pack_test(folder, strict) -> None:
    """Run the table-driven cases under FOLDER and show expected against actual."""
    from finsam_rules.packtest import run_cases

    if not folder.exists():
        raise Failure([f"{folder}: the path does not exist"])
    results = run_cases(folder, _registry(strict, "en"))
    failed = [r for r in results if not r.passed]
    for result in results:
        status = "PASS" if result.passed else "FAIL"
        click.echo(f"{status} {result.path}: {result.description}")
        for problem in result.problems:
            click.echo(f"     {problem}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if not results:
        raise Failure([f"{folder}: no case files ([case] and [expect] tables) found"])
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.group()
def waivers() -> None:
    """Work with waiver files."""


@waivers.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@LANG
def waivers_check(file, lang) -> None:
    """Lint a waiver file: structure, known codes, dates."""
    from finsam_rules.errors import InputError
    from finsam_rules.waivers import check_waivers

    try:
        problems = check_waivers(file, _registry(False, lang), lang)
    except InputError as exc:
        raise Failure(exc.lines(lang)) from None
    for line in problems:
        click.echo(line, err=True)
    if problems:
        sys.exit(EXIT_FINDINGS)
    click.echo(f"{file}: ok")


@main.group()
def record() -> None:
    """Work with decision records."""


@record.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def record_verify(files) -> None:
    """Re-run decision records and say whether each outcome is reproduced, and if not,
    what changed (inputs, policy or engine)."""
    import json

    from finsam_rules.records import verify

    registry = _registry(False, "en")
    status = EXIT_OK
    for file in files:
        try:
            result = verify(file, registry)
        except (OSError, json.JSONDecodeError, KeyError) as exc:
            click.echo(f"{file}: not a readable decision record ({type(exc).__name__})", err=True)
            status = EXIT_UNREADABLE
            continue
        word = "reproduced" if result.reproduced else "NOT reproduced"
        click.echo(f"{file}: {word}")
        for area, detail in result.changes:
            click.echo(f"  {area}: {detail}")
        if not result.reproduced and status == EXIT_OK:
            status = EXIT_FINDINGS
    sys.exit(status)
