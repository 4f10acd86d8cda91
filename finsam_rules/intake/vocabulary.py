"""Swedish words in forms and the codes of the data model they stand for.

A form shows an applicant Swedish words (``arbete``, ``förstudie``, ``ja``); the reader turns
them back into the codes the TOML documents use (``work``, ``pre_study``, ``true``). Codes are
accepted too, and matching ignores case and surrounding spaces.
"""

from __future__ import annotations

#: Closed vocabularies: every value a field can take, as (Swedish word, code).
VOCABULARIES: dict[str, tuple[tuple[str, str], ...]] = {
    "application_kind": (
        ("förstudie", "pre_study"),
        ("genomförande", "implementation"),
        ("strukturinsats", "structural"),
    ),
    "report_kind": (("lägesrapport", "progress"), ("slutrapport", "final")),
    "decision": (("beviljad", "granted"), ("avslagen", "rejected")),
    "gender": (("kvinnor", "women"), ("män", "men")),
    "horizon": (("året", "year"), ("hela projektet", "project")),
    "outcome": (
        ("arbete", "work"),
        ("studier", "studies"),
        ("praktik", "internship"),
        ("startat eget företag", "self_employment"),
        ("fortsatt rehabilitering", "further_rehabilitation"),
        ("arbetssökande", "job_seeking"),
        ("pågående", "ongoing"),
        ("avbrott", "dropped_out"),
        ("annat", "other"),
        ("avliden", "deceased"),
    ),
    "denominator": (("avslutade", "finished"), ("inskrivna", "enrolled")),
    "municipal_key": (("befolkning", "population"), ("överenskommen", "agreed")),
    "member_kind": (
        ("Försäkringskassan", "social_insurance_agency"),
        ("Arbetsförmedlingen", "employment_service"),
        ("region", "region"),
        ("kommun", "municipality"),
    ),
    "yes_no": (("ja", "true"), ("nej", "false")),
}

#: Open vocabularies: Swedish words for common codes; other values are kept as typed.
TAG_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "priority_group": (
        ("unga vuxna", "young_adults"),
        ("långvarigt behov av stöd", "long_term_support"),
        ("förebyggande insatser", "prevention"),
    ),
    "attachment": (("budget", "budget"), ("samverkansavtal", "cooperation_agreement")),
}

#: Cost lines, in the order forms show them.
COST_LINES = (("Personal", "personnel"), ("Lokaler", "premises"), ("Övrigt", "other"))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def code_of(vocabulary: str, text: str) -> str | None:
    """The code a Swedish word (or the code itself) stands for, else ``None``."""
    wanted = _norm(text)
    for word, code in VOCABULARIES[vocabulary]:
        if wanted in (_norm(word), code):
            return code
    return None


def tag_code(vocabulary: str, text: str) -> str:
    """The code of an open vocabulary's word; other text is kept (without extra spaces)."""
    wanted = _norm(text)
    for word, code in TAG_WORDS[vocabulary]:
        if wanted in (_norm(word), code):
            return code
    return " ".join(text.split())


def word_of(vocabulary: str, code: str) -> str:
    """The Swedish word for a code (of a closed or open vocabulary); unknown codes as they are."""
    for word, known in VOCABULARIES.get(vocabulary, TAG_WORDS.get(vocabulary, ())):
        if known == code:
            return word
    return code


def words_of(vocabulary: str, codes: str | list[str] | tuple[str, ...]) -> str:
    """One code or several as a form shows them: ``arbete, praktik eller studier``."""
    if isinstance(codes, str):
        return word_of(vocabulary, codes)
    shown = [word_of(vocabulary, str(code)) for code in codes]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " eller " + shown[-1]


def words(vocabulary: str) -> list[str]:
    """The Swedish words of a vocabulary, in order."""
    return [word for word, _ in VOCABULARIES.get(vocabulary, TAG_WORDS.get(vocabulary, ()))]
