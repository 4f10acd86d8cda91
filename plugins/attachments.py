"""AT: attachments. The budget template and the cooperation agreement come with the application."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from finsam_rules.pack import (
    Application,
    Change,
    Check,
    Explanation,
    Finding,
    Param,
    ParamType,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)


@rule(
    code="AT001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.attachments",),
    source=plan("Förbundets ansökningsanvisning: budgetmall och samverkansavtal"),
    title={"sv": "Bilagor", "en": "Attachments"},
    params=[Param("required", ParamType.TAGS)],
    remedies={
        "attach": {
            "sv": "Bifoga {missing:words@attachment}.",
            "en": "Attach {missing:words@attachment}.",
        }
    },
    messages={
        "missing": {
            "sv": "Bilagor saknas: {missing:words@attachment} (bifogade: {given:words@attachment}).",
            "en": "Attachments are missing: {missing:words@attachment} (attached: {given:words@attachment}).",
        },
    },
    explanation=explain(
        sv=Explanation(
            what="Kontrollerar att de bilagor förbundet kräver finns med (attachments).",
            why=(
                "Budgetmallen gör ansökningar jämförbara och samverkansavtalet visar att "
                "parterna faktiskt åtagit sig att samverka."
            ),
            example='attachments = ["budget"] saknar cooperation_agreement.',
            source="Förbundets ansökningsanvisning.",
        ),
        en=Explanation(
            what="Checks that the attachments the association requires are there (attachments).",
            why=(
                "The budget template makes applications comparable, and the cooperation "
                "agreement shows the parties have committed to cooperate."
            ),
            example='attachments = ["budget"] lacks cooperation_agreement.',
            source="The association's application guide.",
        ),
    ),
)
def attachments(app: Application, check: Check) -> Iterator[Finding]:
    """Flag required attachments that are missing."""
    missing = [a for a in check.params["required"] if a not in app.attachments]
    if missing:
        given = list(app.attachments)
        remedy = check.remedy(
            "attach",
            changes=[Change("$.attachments", [*given, *missing])],
            missing=missing,
        )
        yield check.finding(
            "missing",
            remedy=remedy,
            missing=missing,
            given=given,
        )


# The words for the usual attachment tags are the vocabulary ``attachment`` of the pack's
# words (policies/words.toml); other tags are shown as written.


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register AT001."""
    register(attachments)
