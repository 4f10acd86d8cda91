"""``finsam screen --format letter``: letters to applicants that can be sent as they are.

A document whose proposal is *komplettering krävs* gets a request for completion, one whose
proposal is *avstyrks* a letter with the grounds; an application that is *tillstyrks* and a
report that *godkänns* or is an *avvikelse* (complete: the deviation is the board's to weigh)
get no letter (a line on standard error says so: the decision itself is the board's, and the
association writes to the applicant after it).

Every letter carries the association as sender (its letterhead from ``association.toml``:
name, address, organisation number and contact person), the recipient (the name of the
member that owns the project), the date, the registry numbers (the document's
*diarienummer* and, with ``--dnr``, the association's own) and a reply deadline; then what
to complete, point by point, each with the reason in plain words and the rule's code in
parentheses. Nothing in a letter names a command or a file: the applicant has neither.

A letter is built once as a :class:`Letter`, a list of typed :class:`Block` lines, and then
written as plain text (to standard output, letters separated by a rule), as Word
(:mod:`finsam_rules.render.letter_docx`) or as PDF (:mod:`finsam_rules.render.letter_pdf`),
so the three say exactly the same. Text that comes from an input file is flattened to one
line and its control characters are made visible, so a hostile title can neither start a
paragraph nor forge a line of the letter. A finding about a value read from a form names
its place (the sheet and cell, or the Word label), as in every other output.

With ``-o DIR`` the letters are files, one per document, named after the registry number
(``2016/0012`` gives ``2016-0012.docx``; a second document with the same number gets
``-2``), each written through :class:`~finsam_rules.outputs.Outputs`: atomically, never onto
an input, and over an existing file only when finsam wrote it (or with ``--force``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import attrs

from finsam_rules.engine import Verdict
from finsam_rules.i18n import t
from finsam_rules.remedies import remedy_text
from finsam_rules.render.common import verdict_label
from finsam_rules.render.screening import Writer
from finsam_rules.rules import SOURCE_KIND_NAMES, FindingStatus, Severity
from finsam_rules.sanitize import one_line

if TYPE_CHECKING:
    from finsam_rules.model import Application, Association
    from finsam_rules.outputs import Outputs
    from finsam_rules.rules import Finding, Rule
    from finsam_rules.screening import Screened

#: Days from the letter's date to the reply deadline when ``--reply-by`` is not given.
REPLY_DAYS = 30

#: The verdicts that get a letter; every other verdict gets a line on standard error.
LETTER_VERDICTS = (Verdict.REVISE, Verdict.REJECT)
#: Findings about the screening itself (missing context, a broken pack), not about the
#: applicant's document: they are for the preparation group, never put in a letter.
INTERNAL_KEYS = {"no_association", "no_application", "rule_crashed", "pack_failed"}


#: Characters XML (and so a Word file) cannot hold, beyond the control characters ``one_line``
#: already escapes: the noncharacters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\ufffe\uffff]")


def line(text: object) -> str:
    """Input text as one safe line: :func:`~finsam_rules.sanitize.one_line` (line breaks
    become spaces, control and bidirectional characters are shown as ``<U+XXXX>``), runs of
    spaces and tabs collapsed, and what XML cannot hold shown the same way."""
    flat = re.sub(r"[ \t]+", " ", one_line(text)).strip()
    return _NOT_XML.sub(lambda m: f"<U+{ord(m.group()):04X}>", flat)


@attrs.frozen
class Block:
    """One line of a letter and what it is: renderers style it by ``kind``.

    Kinds: ``sender`` (letterhead), ``recipient``, ``meta`` (date, registry numbers, deadline:
    ``label`` and ``text``), ``subject``, ``para``, ``heading``, ``point`` (numbered, ``number``),
    ``reason`` (under a point, ``label``), ``note`` (bulleted), ``greeting``, ``signature``.
    """

    kind: str
    text: str
    label: str = ""
    number: int = 0


@attrs.frozen
class Letter:
    """A letter, ready to be written in any format."""

    lang: str
    kind: str  # "completion" or "rejection"
    registry_number: str  # the document's id, for the file name
    recipient: str
    date: dt.date
    reply_by: dt.date
    subject: str
    sender: str  # the association's name (document metadata)
    blocks: tuple[Block, ...]

    def text(self) -> str:
        """The letter as plain text."""
        out: list[str] = []
        previous = ""
        for block in self.blocks:
            group = {"sender": "head", "recipient": "to", "meta": "meta", "reason": "point"}.get(
                block.kind, block.kind
            )
            if out and not (group == previous and group in {"head", "meta", "point", "note", "signature"}):
                out.append("")
            if block.kind == "meta":
                out.append(f"{block.label}: {block.text}")
            elif block.kind == "point":
                out.append(f"{block.number}. {block.text}")
            elif block.kind == "reason":
                out.append(f"   {block.label}: {block.text}")
            elif block.kind == "note":
                out.append(f"- {block.text}")
            else:
                out.append(block.text)
            previous = "signature" if block.kind == "greeting" else group
        return "\n".join(out) + "\n"


@attrs.frozen
class LetterOptions:
    """What the command line says about the letters."""

    date: dt.date | None = None  # default: each document's as-of date
    reply_by: dt.date | None = None  # default: date + reply_days
    reply_days: int = REPLY_DAYS
    dnr: str | None = None  # the association's registry number for the matter


def _reason(rule: Rule | None, lang: str) -> str:
    if rule is None:
        return ""
    explanation = rule.explanation.get(lang)
    return line(explanation.why) if explanation is not None else ""


def _ground(finding: Finding, lang: str) -> str:
    return line(f"{SOURCE_KIND_NAMES[finding.source.kind][lang]}, {finding.source.reference}")


def _letterhead(association: Association | None, lang: str) -> list[Block]:
    if association is None:
        return []
    blocks = [Block("sender", line(association.name))]
    if association.address:
        blocks.append(Block("sender", line(association.address)))
    place = " ".join(x for x in (line(association.postal_code), line(association.city)) if x)
    if place:
        blocks.append(Block("sender", place))
    blocks.append(Block("sender", f"{t('letter.org_number', lang)} {line(association.org_number)}"))
    contact = association.contact
    if contact is not None:
        blocks.append(Block("sender", f"{t('letter.contact', lang)}: {line(contact.name)}"))
        if contact.email:
            blocks.append(Block("sender", f"{t('letter.email', lang)}: {line(contact.email)}"))
        if contact.phone:
            blocks.append(Block("sender", f"{t('letter.phone', lang)}: {line(contact.phone)}"))
    return blocks


def recipient_of(association: Association | None, owner: str | None, lang: str) -> str:
    """The owner member's name, else the owner as the document names it."""
    if owner is None:
        return t("letter.owner_unknown", lang)
    member = association.member(owner) if association is not None else None
    return line(member.name if member is not None else owner)


def build_letter(
    item: Screened,
    lang: str,
    options: LetterOptions,
    rules: Callable[[str], Rule | None] = lambda code: None,
    application: Application | None = None,
) -> Letter | None:
    """The letter for one screened document, or ``None`` when it gets none: its verdict is
    not one of :data:`LETTER_VERDICTS`, or all that is missing concerns the screening itself (no association
    given, a pack that failed), which is the preparation group's to put right."""
    from finsam_rules.model import Application as ApplicationModel

    ev = item.evaluation
    if ev is None or ev.verdict not in LETTER_VERDICTS:
        return None
    kind = "rejection" if ev.verdict is Verdict.REJECT else "completion"
    doc = ev.document
    association = item.association
    name = t("letter.association", lang)
    if association is not None and association.name:
        name = line(association.name)
    is_application = isinstance(doc, ApplicationModel)
    owner_app = doc if is_application else application
    recipient = recipient_of(association, owner_app.owner if owner_app is not None else None, lang)
    date = options.date or ev.as_of
    reply_by = options.reply_by or date + dt.timedelta(days=options.reply_days)
    doc_kind = "application" if is_application else "report"
    title = line(doc.title) if is_application else ""
    subject = t(f"letter.subject_{doc_kind}_{kind}", lang, id=line(ev.id), title=title)
    fill = {"association": name, "reply_by": reply_by.isoformat()}

    blocks = _letterhead(association, lang)
    blocks.append(Block("recipient", f"{t('letter.to', lang)}: {recipient}"))
    blocks.append(Block("meta", date.isoformat(), label=t("letter.date", lang)))
    if is_application:
        blocks.append(Block("meta", line(ev.id), label=t("letter.dnr_application", lang)))
    else:
        blocks.append(Block("meta", line(doc.project), label=t("letter.dnr_project", lang)))
        blocks.append(Block("meta", line(ev.id), label=t("letter.dnr_report", lang)))
    if options.dnr:
        blocks.append(Block("meta", line(options.dnr), label=t("letter.dnr_ours", lang)))
    blocks.append(Block("meta", reply_by.isoformat(), label=t("letter.reply_by", lang)))
    blocks.append(Block("subject", subject))

    live = [f for f in ev.findings if f.key not in INTERNAL_KEYS]
    actions = [f for f in live if f.counts_at(Severity.ERROR)]
    notes = [f for f in live if f.counts_at(Severity.WARNING) and not f.counts_at(Severity.ERROR)]
    if not actions:  # only the screening itself fell short: nothing to ask of the applicant
        return None
    if kind == "rejection":
        # The grounds are what made it avstyrks: blockers found (not rules that could not judge).
        grounds = [f for f in actions if f.counts_at(Severity.BLOCKER) and f.status is FindingStatus.FINDING]
        others = [f for f in actions if f not in grounds]
        opening = "letter.reject_opening" if is_application else "letter.report_reject_opening"
        closing = "letter.reject_closing"
    else:
        grounds, others = actions, []
        opening = "letter.opening" if is_application else "letter.report_opening"
        closing = "letter.closing" if is_application else "letter.report_closing"
    blocks.append(Block("para", t(opening, lang, **fill)))
    blocks += _points(grounds, lang, rules, with_ground=kind == "rejection")
    if others:
        blocks.append(Block("heading", t("letter.other", lang)))
        blocks += _points(others, lang, rules, with_ground=False)
    if notes:
        blocks.append(Block("heading", t("letter.notes", lang)))
        blocks += [Block("note", f"{line(f.message(lang))} ({line(f.code)}{_where(f, lang)})") for f in notes]
    contact = association.contact if association is not None else None
    if contact:
        questions = t("letter.questions_contact", lang, name=line(contact.name))
    else:
        questions = t("letter.questions", lang)
    blocks.append(Block("para", t(closing, lang, **fill) + " " + questions))
    blocks.append(Block("greeting", t("letter.greeting", lang)))
    if contact is not None:
        blocks.append(Block("signature", line(contact.name)))
    blocks.append(Block("signature", t("letter.signature", lang, **fill)))
    return Letter(
        lang=lang,
        kind=kind,
        registry_number=ev.id,
        recipient=recipient,
        date=date,
        reply_by=reply_by,
        subject=subject,
        sender=name,
        blocks=tuple(blocks),
    )


def _where(finding: Finding, lang: str) -> str:
    """Where a finding's value was read in a form (``; plats: i formuläret: Ansökan!B12``)."""
    if not finding.places:
        return ""
    return f"; {t('place', lang).lower()}: {line(', '.join(finding.places))}"


def _points(
    findings: Iterable[Finding], lang: str, rules: Callable[[str], Rule | None], with_ground: bool
) -> list[Block]:
    blocks: list[Block] = []
    for number, finding in enumerate(findings, 1):
        text = f"{line(finding.message(lang))} ({line(finding.code)}{_where(finding, lang)})"
        blocks.append(Block("point", text, number=number))
        reason = _reason(rules(finding.code), lang)
        if reason:
            blocks.append(Block("reason", reason, label=t("letter.reason", lang)))
        remedy = remedy_text(finding, lang)
        if remedy:
            blocks.append(Block("reason", line(remedy), label=t("letter.complete", lang)))
        if with_ground:
            blocks.append(Block("reason", _ground(finding, lang), label=t("letter.ground", lang)))
    return blocks


# -- writers ---------------------------------------------------------------------------------------


class LetterWriter(Writer):
    """One letter per document as plain text on standard output, separated by a rule."""

    separator = "\n" + "-" * 72 + "\n\n"

    def __init__(
        self,
        out: IO[str],
        err: IO[str],
        lang: str,
        options: LetterOptions | None = None,
        rules: Callable[[str], Rule | None] = lambda code: None,
        application_of: Callable[[Screened], Application | None] = lambda item: None,
    ):
        super().__init__(out, err, lang)
        self.options = options or LetterOptions()
        self.rules, self.application_of = rules, application_of
        self._count = 0
        #: Whether a letter file could not be written (named on standard error).
        self.unwritable = False

    def begin(self) -> None:
        self._count = 0

    def letter(self, item: Screened) -> Letter | None:
        """The letter for ``item`` (with the internal findings reported on standard error)."""
        ev = item.evaluation
        assert ev is not None
        for finding in ev.findings:
            if finding.key in INTERNAL_KEYS and finding.waived_by is None:
                self.err.write(one_line(f"{item.path}: {finding.code}: {finding.message(self.lang)}") + "\n")
        if ev.verdict not in LETTER_VERDICTS:
            verdict = verdict_label(ev.verdict, self.lang)
            self.err.write(one_line(t("letter.no_letter", self.lang, path=item.path, verdict=verdict)) + "\n")
            return None
        letter = build_letter(item, self.lang, self.options, self.rules, self.application_of(item))
        if letter is None:
            self.err.write(one_line(t("letter.no_letter_internal", self.lang, path=item.path)) + "\n")
        return letter

    def evaluation(self, item: Screened) -> None:
        letter = self.letter(item)
        if letter is None:
            return
        self.out.write((self.separator if self._count else "") + letter.text())
        self._count += 1


#: The file formats ``--letter-format`` chooses from.
LETTER_FORMATS = {"docx": ("docx",), "pdf": ("pdf",), "both": ("docx", "pdf")}


class LetterFilesWriter(LetterWriter):
    """One file per letter (and per format) in a folder: Word and/or PDF, written through
    ``outputs`` (checked by :meth:`~finsam_rules.outputs.Outputs.check_folder` first). A file
    that may not be written is named on standard error and the batch goes on
    (:attr:`unwritable`)."""

    def __init__(
        self,
        folder: Path,
        outputs: Outputs,
        err: IO[str],
        lang: str,
        options: LetterOptions | None = None,
        formats: tuple[str, ...] = ("docx", "pdf"),
        rules: Callable[[str], Rule | None] = lambda code: None,
        application_of: Callable[[Screened], Application | None] = lambda item: None,
    ):
        super().__init__(None, err, lang, options, rules, application_of)  # type: ignore[arg-type]
        self.folder, self.outputs, self.formats = folder, outputs, formats
        self.stems: set[str] = set()
        self.written: list[Path] = []

    def begin(self) -> None:
        from finsam_rules.outputs import EXIT_UNWRITABLE, OutputError

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                "write_failed", EXIT_UNWRITABLE, path=self.folder, error=exc.strerror or exc
            ) from None

    def evaluation(self, item: Screened) -> None:
        from finsam_rules.outputs import OutputError

        letter = self.letter(item)
        if letter is None:
            return
        stem = unique_stem(file_stem(letter.registry_number), self.stems)
        for fmt in self.formats:
            if fmt == "docx":
                from finsam_rules.render.letter_docx import render as render_docx

                data = render_docx(letter)
            else:
                from finsam_rules.render.letter_pdf import render as render_pdf

                data = render_pdf(letter)
            path = self.folder / f"{stem}.{fmt}"
            try:
                self.outputs.check_in_folder(path, replaceable=self.outputs.written_by_finsam(path))
                self.outputs.write_bytes(path, data)
            except OutputError as exc:
                self.err.write(one_line(exc.line(self.lang)) + "\n")
                self.unwritable = True
                continue
            self.written.append(path)


_UNSAFE_NAME = re.compile(r"[^0-9A-Za-z._-]+")


def file_stem(registry_number: str) -> str:
    """A safe file name (without suffix) for a registry number: ``2016/0012`` gives
    ``2016-0012``; separators, spaces, dots at the start and anything outside ASCII letters,
    digits, ``.``, ``_`` and ``-`` become ``-``, so no name creates a folder or hides."""
    stem = _UNSAFE_NAME.sub("-", registry_number).strip("-.")
    stem = re.sub(r"-{2,}", "-", stem)[:80].strip("-.")
    return stem or "brev"


def unique_stem(stem: str, used: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3`` ... when an earlier letter of the run has it
    (compared without case, for file systems that ignore it); the chosen stem is recorded."""
    candidate, number = stem, 1
    while candidate.lower() in used:
        number += 1
        candidate = f"{stem}-{number}"
    used.add(candidate.lower())
    return candidate


__all__ = [
    "INTERNAL_KEYS",
    "LETTER_FORMATS",
    "LETTER_VERDICTS",
    "REPLY_DAYS",
    "Block",
    "Letter",
    "LetterFilesWriter",
    "LetterOptions",
    "LetterWriter",
    "build_letter",
    "file_stem",
    "unique_stem",
]
