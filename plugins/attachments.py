"""AT: attachments. The budget template and the cooperation agreement come with the application."""

from __future__ import annotations

from finsam_rules.pack import (
    Application,
    Change,
    Check,
    Explanation,
    Param,
    ParamType,
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
            "sv": "Bifoga {missing_sv}.",
            "en": "Attach {missing_en}.",
        }
    },
    messages={
        "missing": {
            "sv": "Bilagor saknas: {missing_sv} (bifogade: {given_sv}).",
            "en": "Attachments are missing: {missing_en} (attached: {given_en}).",
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
def attachments(app: Application, check: Check):
    """Flag required attachments that are missing."""
    missing = [a for a in check.params["required"] if a not in app.attachments]
    if missing:
        given = list(app.attachments)
        remedy = check.remedy(
            "attach",
            changes=[Change("$.attachments", [*given, *missing])],
            missing_sv=names(missing, "sv"),
            missing_en=names(missing, "en"),
        )
        yield check.finding(
            "missing",
            remedy=remedy,
            missing=missing,
            given=given,
            **{
                f"{what}_{lang}": names(items, lang)
                for what, items in (("missing", missing), ("given", given))
                for lang in ("sv", "en")
            },
        )


#: Words for the usual attachment tags; other tags are shown as written.
ATTACHMENT_NAMES = {
    "budget": {"sv": "budgetmall", "en": "budget template"},
    "cooperation_agreement": {"sv": "samverkansavtal", "en": "cooperation agreement"},
}


def names(tags: list[str], lang: str) -> str:
    """Attachment tags in words, e.g. "budgetmall, samverkansavtal"."""
    if not tags:
        return {"sv": "inga", "en": "none"}[lang]
    return ", ".join(ATTACHMENT_NAMES.get(t, {}).get(lang, t) for t in tags)


@hookimpl
def register_rules(register):
    """Register AT001."""
    register(attachments)
