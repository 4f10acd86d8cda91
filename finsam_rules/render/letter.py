"""``finsam screen --format letter``: a polite request for completion to the applicant."""

from __future__ import annotations

from finsam_rules.engine import Verdict
from finsam_rules.i18n import t
from finsam_rules.remedies import remedy_text
from finsam_rules.render.common import verdict_label
from finsam_rules.render.screening import Writer
from finsam_rules.rules import Finding, Severity
from finsam_rules.sanitize import clean, one_line

OPENING = {
    "sv": (
        "Komplettering av ansökan {id} – {title}\n\n"
        "Tack för er ansökan till {association}. Beredningsgruppen har gått igenom den och "
        "behöver några kompletteringar innan ärendet kan föras vidare till styrelsen.\n\n"
        "Vi ber er komplettera följande:\n"
    ),
    "en": (
        "Completion of application {id} – {title}\n\n"
        "Thank you for your application to {association}. The preparation group has "
        "reviewed it and needs a few completions before the matter can go to the board.\n\n"
        "Please complete the following:\n"
    ),
}
NOTES = {
    "sv": "\nFör kännedom (påverkar inte beslutet men kan vara bra att se över):\n",
    "en": "\nFor your information (does not affect the decision but worth reviewing):\n",
}
CLOSING = {
    "sv": (
        "\nSkicka den kompletterade ansökan till förbundets kansli. Hör gärna av er om något "
        "är oklart; varje punkt ovan hänvisar till en regel som ni kan läsa mer om.\n\n"
        "Med vänlig hälsning\nBeredningsgruppen\n"
    ),
    "en": (
        "\nPlease send the completed application to the association's office. Do get in "
        "touch if anything is unclear; each point above refers to a rule you can read more "
        "about.\n\nKind regards\nThe preparation group\n"
    ),
}
NO_LETTER = {
    "sv": "{path}: inget brev – förslaget är {verdict}",
    "en": "{path}: no letter – the recommendation is {verdict}",
}
REPORT_OPENING = {
    "sv": (
        "Komplettering av rapport {id}\n\n"
        "Tack för er rapport till {association}. Beredningsgruppen har gått igenom den och "
        "behöver några kompletteringar innan den kan redovisas för styrelsen.\n\n"
        "Vi ber er komplettera följande:\n"
    ),
    "en": (
        "Completion of report {id}\n\n"
        "Thank you for your report to {association}. The preparation group has reviewed it "
        "and needs a few completions before it can be presented to the board.\n\n"
        "Please complete the following:\n"
    ),
}
REPORT_CLOSING = {
    "sv": CLOSING["sv"].replace("den kompletterade ansökan", "den kompletterade rapporten"),
    "en": CLOSING["en"].replace("the completed application", "the completed report"),
}
#: Findings about the screening itself (missing context, a broken pack), not about the
#: applicant's document: they are for the preparation group, never put in a letter.
INTERNAL_KEYS = {"no_association", "no_application", "rule_crashed", "pack_failed"}


class LetterWriter(Writer):
    """One letter per document whose verdict is *komplettering krävs*."""

    separator = "\n" + "-" * 72 + "\n\n"

    def begin(self) -> None:
        self._count = 0

    def evaluation(self, item) -> None:
        ev, lang = item.evaluation, self.lang
        if ev.verdict is not Verdict.REVISE:
            verdict = verdict_label(ev.verdict, lang)
            self.err.write(one_line(NO_LETTER[lang].format(path=item.path, verdict=verdict)) + "\n")
            return
        doc = ev.document
        association = (item.association.name if item.association else None) or {
            "sv": "samordningsförbundet",
            "en": "the coordination association",
        }[lang]
        # Text from the documents goes in as one-line fields: a title with line breaks
        # cannot start a paragraph of its own in the letter.
        association = one_line(association)
        if ev.kind == "application":
            title = one_line(doc.title)
            text = OPENING[lang].format(id=one_line(ev.id), title=title, association=association)
            closing = CLOSING[lang]
        else:
            text = REPORT_OPENING[lang].format(id=one_line(ev.id), association=association)
            closing = REPORT_CLOSING[lang]
        internal = [f for f in ev.findings if f.key in INTERNAL_KEYS and f.waived_by is None]
        for finding in internal:
            self.err.write(one_line(f"{item.path}: {finding.code}: {finding.message(lang)}") + "\n")
        actions = [f for f in ev.findings if f.counts_at(Severity.ERROR) and f not in internal]
        notes = [f for f in ev.findings if f.counts_at(Severity.WARNING) and not f.counts_at(Severity.ERROR)]
        for number, finding in enumerate(actions, 1):
            where = f"; {t('place', lang).lower()}: {', '.join(finding.places)}" if finding.places else ""
            point = one_line(
                f"{finding.message(lang)} ({finding.code}; {finding.source.text(lang)}{where})"
                + what_to_complete(finding, lang)
            )
            text += f"\n{number}. {point}\n"
        if notes:
            text += NOTES[lang]
            for finding in notes:
                where = f"; {t('place', lang).lower()}: {', '.join(finding.places)}" if finding.places else ""
                text += f"- {one_line(f'{finding.message(lang)} ({finding.code}{where})')}\n"
        text += closing
        text = "\n".join(clean(line) for line in text.split("\n"))
        self.out.write((self.separator if self._count else "") + text)
        self._count += 1


def what_to_complete(finding: Finding, lang: str) -> str:
    """The remedy of a finding as the letter's "what to complete" (`` Komplettera: …``),
    or nothing when its rule computed none."""
    text = remedy_text(finding, lang)
    return f" {COMPLETE[lang]}: {text}" if text else ""


COMPLETE = {"sv": "Komplettera", "en": "To complete"}
