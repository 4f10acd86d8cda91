"""Writers for ``finsam screen``: text, Markdown and JSON, streamed one document at a time."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from finsam_rules.engine import Verdict
from finsam_rules.i18n import t
from finsam_rules.render.common import (
    error_data,
    error_lines,
    evaluation_data,
    parameters_text,
    severity_label,
    verdict_label,
)
from finsam_rules.sanitize import json_safe, md_code, md_escape, one_line
from finsam_rules.screening import Screened

if TYPE_CHECKING:
    from finsam_rules.prep import PrepCounts

#: Bytes of unreadable inputs' JSON the writer keeps in memory before it spools to a file.
ERRORS_IN_MEMORY = 1 << 20

#: 2: reports have verdicts of their own ("godkänns", "avvikelse"; "komplettering krävs"
#: as before), where version 1 gave them "tillstyrks"; the summary counts them.
JSON_FORMAT_VERSION = 2


class Tally:
    """Counts of verdicts and unreadable inputs for the closing summary."""

    def __init__(self) -> None:
        self.verdicts: Counter[Verdict] = Counter()
        self.errors = 0
        self.prep: PrepCounts | None = None  # prep-group states, when a portfolio has them

    def add(self, item: Screened) -> None:
        """Count one screened input."""
        if item.evaluation is not None:
            self.verdicts[item.evaluation.verdict] += 1
        else:
            self.errors += 1

    def summary(self, lang: str) -> str:
        """One line: how many of each verdict, and how many files could not be read."""
        documents = sum(self.verdicts.values())
        return t(
            "summary",
            lang,
            documents=documents,
            errors=self.errors,
            approve=self.verdicts[Verdict.APPROVE],
            revise=self.verdicts[Verdict.REVISE],
            reject=self.verdicts[Verdict.REJECT],
            accept=self.verdicts[Verdict.ACCEPT],
            deviation=self.verdicts[Verdict.DEVIATION],
        )

    def data(self) -> dict[str, int | dict[str, int]]:
        """The summary as JSON numbers."""
        data: dict[str, int | dict[str, int]] = {
            "documents": sum(self.verdicts.values()),
            "tillstyrks": self.verdicts[Verdict.APPROVE],
            "komplettering_kravs": self.verdicts[Verdict.REVISE],
            "avstyrks": self.verdicts[Verdict.REJECT],
            "godkanns": self.verdicts[Verdict.ACCEPT],
            "avvikelse": self.verdicts[Verdict.DEVIATION],
            "unreadable": self.errors,
        }
        if self.prep is not None:  # optional: only when a portfolio has prep-group states
            data["prep"] = self.prep.data()
        return data


class Writer:
    """Base of the screening writers: ``begin``, ``item`` per input, ``end``."""

    def __init__(self, out: IO[str], err: IO[str], lang: str):
        self.out, self.err, self.lang = out, err, lang
        self.tally = Tally()
        # Prep-group states (finsam_rules.prep): set by `finsam screen`, counts per document.
        self.prep: Callable[[Screened], PrepCounts | None] | None = None

    def prep_counts(self, item: Screened) -> PrepCounts | None:
        """The open/answered/waived counts of a document, added to the summary's."""
        found = self.prep(item) if self.prep is not None else None
        if found is not None:
            self.tally.prep = found if self.tally.prep is None else self.tally.prep + found
        return found

    def begin(self) -> None:
        """Write what comes before the first document."""

    def item(self, item: Screened) -> None:
        """Write one screened input."""
        self.tally.add(item)
        if item.evaluation is not None:
            self.evaluation(item)
        else:
            self.error(item)

    def evaluation(self, item: Screened) -> None:
        raise NotImplementedError

    def error(self, item: Screened) -> None:
        """Unreadable inputs go to standard error, one line per problem."""
        assert item.error is not None  # an item without an evaluation carries its error
        for line in error_lines(item.error, self.lang):
            self.err.write(one_line(f"{t('could_not_read', self.lang)}: {line}") + "\n")

    def end(self) -> None:
        """Write the closing summary."""


def _heading(item: Screened, lang: str) -> str:
    """The document's kind, id, title and date on one line (sanitise before output)."""
    ev = item.evaluation
    assert ev is not None
    title = getattr(ev.document, "title", "")
    label = t(ev.kind, lang)
    name = f"{label} {ev.id}" + (f" «{title}»" if title else "")
    return f"{name}, {t('judged_as_of', lang, date=ev.as_of)}"


#: The order of the groups of ``--group-by verdict``: what needs the reader's attention first.
VERDICT_ORDER = (Verdict.REJECT, Verdict.REVISE, Verdict.DEVIATION, Verdict.APPROVE, Verdict.ACCEPT)
#: Verdicts that pass: ``--quiet`` leaves their documents out.
PASSING = frozenset({Verdict.APPROVE, Verdict.ACCEPT})
#: Colours of verdicts on a terminal: red for avstyrks, amber for what must be completed.
VERDICT_COLOURS = {Verdict.REJECT: "red", Verdict.REVISE: "yellow", Verdict.DEVIATION: "yellow"}


class TextWriter(Writer):
    """Plain text for the terminal.

    ``group_by`` is ``"verdict"`` (the summary first, then the documents grouped by verdict,
    those that need attention first; documents are held until the end) or ``"path"`` (each
    document as it is screened, the summary last). ``quiet`` leaves out the documents that
    pass; ``colour`` colours verdicts (only ever set for a terminal, never for a pipe or
    file, and never under NO_COLOR).
    """

    def __init__(self, out: IO[str], err: IO[str], lang: str):
        super().__init__(out, err, lang)
        self.group_by = "path"
        self.quiet = False
        self.colour = False
        self.held: list[tuple[Verdict, str]] = []

    def _verdict_text(self, verdict: Verdict, text: str) -> str:
        if not self.colour or verdict not in VERDICT_COLOURS:
            return text
        import click

        return click.style(text, fg=VERDICT_COLOURS[verdict], bold=verdict is Verdict.REJECT)

    def evaluation(self, item: Screened) -> None:
        ev, lang = item.evaluation, self.lang
        assert ev is not None  # Writer.item calls this only for a screened document
        lines = [
            str(item.path),
            f"  {_heading(item, lang)}",
            f"  {t('verdict', lang)}: {verdict_label(ev.verdict, lang).upper()}",
        ]
        if not ev.findings:
            lines.append(f"  {t('no_findings', lang)}")
        for finding in ev.findings:
            lines.append(f"  - {finding.code} [{severity_label(finding, lang)}] {finding.message(lang)}")
            lines.append(f"    {t('source', lang)}: {finding.source.text(lang)}")
            if finding.places:
                lines.append(f"    {t('place', lang)}: {', '.join(finding.places)}")
            if finding.params:
                lines.append(f"    {t('parameters', lang)}: {parameters_text(finding, lang)}")
            if finding.remedy is not None:
                lines.append(f"    {t('remedy', lang)}: {finding.remedy.message(lang)}")
            if finding.waived_by is not None:
                lines.append(f"    {finding.waived_by.describe(lang)}")
        impact = item.impact
        if impact is not None:
            lines += ["  " + line for line in impact.lines(lang)]
        prep = self.prep_counts(item)
        if prep is not None:
            lines.append(f"  {prep.text(lang)}")
        # Every line is one line: input text (a path, a title, a waiver's reason) can
        # neither break it nor reach the terminal raw.
        block = [one_line(line) for line in lines]
        block[2] = self._verdict_text(ev.verdict, block[2])
        if self.quiet and ev.verdict in PASSING:
            return
        if self.group_by == "verdict":
            self.held.append((ev.verdict, "\n".join(block) + "\n\n"))
        else:
            self.out.write("\n".join(block) + "\n\n")

    def _summary(self) -> None:
        self.out.write(self.tally.summary(self.lang) + "\n")
        if self.tally.prep is not None:
            self.out.write(self.tally.prep.text(self.lang) + "\n")

    def end(self) -> None:
        if self.group_by != "verdict":
            self._summary()
            return
        self._summary()
        for verdict in VERDICT_ORDER:
            blocks = [text for held, text in self.held if held is verdict]
            if not blocks:
                continue
            heading = f"{verdict_label(verdict, self.lang).upper()} ({len(blocks)})"
            self.out.write("\n" + self._verdict_text(verdict, heading) + "\n\n")
            self.out.writelines(blocks)


class MarkdownWriter(Writer):
    """Markdown, for meeting papers."""

    def begin(self) -> None:
        self.out.write(f"# {t('screening_title', self.lang)}\n\n")

    def evaluation(self, item: Screened) -> None:
        ev, lang = item.evaluation, self.lang
        assert ev is not None
        out = [
            f"## {md_escape(_heading(item, lang))}",
            "",
            md_code(item.path),
            "",
            f"**{t('verdict', lang)}: {verdict_label(ev.verdict, lang)}**",
            "",
        ]
        if not ev.findings:
            out += [t("no_findings", lang), ""]
        else:
            out += [
                f"| {t('code', lang)} | {t('severity', lang)} | {t('finding', lang)} | {t('source', lang)} |",
                "|---|---|---|---|",
            ]
            for f in ev.findings:
                message = f.message(lang)
                if f.waived_by is not None:
                    message += " — " + f.waived_by.describe(lang)
                if f.places:
                    message += f" ({t('place', lang).lower()}: {', '.join(f.places)})"
                if f.remedy is not None:
                    message += f" {t('remedy', lang)}: {f.remedy.message(lang)}"
                source = f.source.text(lang)
                if f.params:
                    source += f"; {t('parameters', lang).lower()}: {parameters_text(f, lang)}"
                out.append(
                    f"| {md_escape(f.code)} | {md_escape(severity_label(f, lang))} | {md_escape(message)} "
                    f"| {md_escape(source)} |"
                )
            out.append("")
        impact = item.impact
        if impact is not None:
            lines = [one_line(line) for line in impact.lines(lang)]
            fence = "`" * max([3, *(len(run) + 1 for line in lines for run in re.findall("`+", line))])
            out += [fence, *lines, fence, ""]
        prep = self.prep_counts(item)
        if prep is not None:
            out += [f"*{md_escape(prep.text(lang))}*", ""]
        self.out.write("\n".join(out) + "\n")

    def end(self) -> None:
        self.out.write(f"---\n\n{self.tally.summary(self.lang)}\n")
        if self.tally.prep is not None:
            self.out.write(f"\n{md_escape(self.tally.prep.text(self.lang))}\n")


class JsonWriter(Writer):
    """The documented JSON format, written as the documents come."""

    def begin(self) -> None:
        self.out.write('{\n  "documents": [')
        self._first = True
        # The unreadable inputs come after the documents: each is kept as its JSON text,
        # in memory up to a megabyte and in a temporary file beyond, never as objects.
        spool = tempfile.SpooledTemporaryFile(ERRORS_IN_MEMORY, "w+", encoding="utf-8")  # noqa: SIM115
        self._errors: IO[str] = spool  # closed by end()
        self._error_count = 0

    def _indent(self, data: dict[str, object]) -> str:
        # One compact line per document: stable (sorted keys) and fast (the C encoder).
        return "    " + json_safe(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))

    def evaluation(self, item: Screened) -> None:
        assert item.evaluation is not None
        data = evaluation_data(str(item.path), item.evaluation, self.lang)
        impact = item.impact
        if impact is not None:
            data["impact"] = impact.data()
        prep = self.prep_counts(item)
        if prep is not None:
            data["prep"] = prep.data()
        self.out.write(("\n" if self._first else ",\n") + self._indent(data))
        self._first = False

    def error(self, item: Screened) -> None:
        super().error(item)
        assert item.error is not None
        # As in ``json.dumps(errors, indent=2)`` shifted under "errors": the item at depth 2.
        data = error_data(item.error, self.lang)
        text = json_safe(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2))
        self._errors.write(("" if not self._error_count else ",\n  ") + "  " + text.replace("\n", "\n    "))
        self._error_count += 1

    def end(self) -> None:
        summary = json.dumps(self.tally.data(), sort_keys=True, indent=2)
        self.out.write(("\n  " if not self._first else "") + '],\n  "errors": ')
        if self._error_count:
            self.out.write("[\n  ")
            self._errors.seek(0)
            shutil.copyfileobj(self._errors, self.out)
            self.out.write("\n  ]")
        else:
            self.out.write("[]")
        self._errors.close()
        self.out.write(
            ",\n"
            + f'  "format_version": {JSON_FORMAT_VERSION},\n'
            + f'  "lang": "{self.lang}",\n  "summary": {_shift(summary)}\n}}\n'
        )


def _shift(text: str) -> str:
    return text.replace("\n", "\n  ")


WRITERS = {"text": TextWriter, "markdown": MarkdownWriter, "json": JsonWriter}
