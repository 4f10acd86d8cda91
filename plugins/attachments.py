"""AT: attachments. The budget template and the cooperation agreement come with the application."""

from __future__ import annotations

from finsam_rules.hookspecs import hookimpl
from finsam_rules.model import Application
from finsam_rules.rules import Change, Check, Param, ParamType, Scope, Severity, explain, plan, rule


@rule(
    code="AT001",
    name="attachments",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Förbundets ansökningsanvisning: budgetmall och samverkansavtal"),
    title={"sv": "Bilagor", "en": "Attachments"},
    params=[Param("required", ParamType.TAGS, "bilagor", "Attachments every application must have")],
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
        sv=(
            "Kontrollerar att de bilagor förbundet kräver finns med (attachments).",
            "Budgetmallen gör ansökningar jämförbara och samverkansavtalet visar att "
            "parterna faktiskt åtagit sig att samverka.",
            'attachments = ["budget"] saknar cooperation_agreement.',
            "Förbundets ansökningsanvisning. Parametern required.",
        ),
        en=(
            "Checks that the attachments the association requires are there (attachments).",
            "The budget template makes applications comparable, and the cooperation "
            "agreement shows the parties have committed to cooperate.",
            'attachments = ["budget"] lacks cooperation_agreement.',
            "The association's application guide. Parameter required.",
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
