"""What every renderer shares: finding data, labels and escaping-free plain values."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from finsam_rules.engine import VERDICT_NAMES, Evaluation, Verdict
from finsam_rules.errors import InputError, PolicyError
from finsam_rules.i18n import t
from finsam_rules.remedies import remedy_data
from finsam_rules.rules import PLAIN_TYPES, SEVERITY_NAMES, Finding, FindingStatus


def severity_label(finding: Finding, lang: str) -> str:
    """``fel``, ``varning``, ... with ``ej bedömd`` or ``undantagen`` where that applies."""
    label = SEVERITY_NAMES[finding.severity][lang]
    if finding.status is FindingStatus.NOT_EVALUATED:
        label = f"{label}, {t('not_evaluated', lang)}"
    if finding.waived_by is not None:
        label = f"{label}, {t('waived', lang)}"
    return label


def parameters_text(finding: Finding, lang: str) -> str:
    """The values a finding used with where each came from, for checking by hand."""
    parts = []
    for name, value in finding.params.items():
        shown = (
            ", ".join(map(str, value))
            if isinstance(value, list)
            else (str(value).lower() if isinstance(value, bool) else str(value))
        )
        source = finding.param_sources.get(name, "")
        parts.append(f"{name} = {shown}" + (f" ({source})" if source else ""))
    return "; ".join(parts)


#: The style class of each verdict's badge in HTML and PDF: a report that *godkänns* looks like
#: an approval; a deviation like a request for completion (the board should look at it).
VERDICT_CLASS = {
    Verdict.APPROVE: "approve",
    Verdict.REVISE: "revise",
    Verdict.REJECT: "reject",
    Verdict.ACCEPT: "approve",
    Verdict.DEVIATION: "revise",
}


def verdict_label(verdict: Verdict, lang: str) -> str:
    """The verdict in the chosen language."""
    return VERDICT_NAMES[verdict][lang]


#: The plain figure types JSON takes as they are (all but dates), checked by exact type first.
_AS_IS = PLAIN_TYPES - {dt.date}


def plain(value: Any) -> Any:
    """A JSON-safe copy of figures and parameters (dates as ISO text)."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def finding_data(finding: Finding, lang: str) -> dict[str, Any]:
    """A finding as the documented JSON object."""
    data = {
        "code": finding.code,
        "severity": finding.severity.label,
        "status": finding.status.value,
        "message": finding.message(lang),
        "source": {"kind": finding.source.kind.value, "reference": finding.source.reference},
        "parameters": plain(dict(finding.params)),
        "parameter_sources": dict(finding.param_sources),
        "figures": plain(dict(finding.figures)),
        "pack": finding.pack,
    }
    if finding.subject:
        data["subject"] = finding.subject
    if finding.places:
        data["places"] = list(finding.places)
    if finding.waived_by is not None:
        data["waiver"] = plain(finding.waived_by.data())
    if finding.remedy is not None:
        data["remedy"] = remedy_data(finding.remedy, lang)
    return data


def evaluation_data(path: str, evaluation: Evaluation, lang: str) -> dict[str, Any]:
    """An evaluated document as the documented JSON object."""
    doc = evaluation.document
    return {
        "path": path,
        "id": evaluation.id,
        "kind": evaluation.kind,
        "title": getattr(doc, "title", ""),
        "as_of": evaluation.as_of.isoformat(),
        "verdict": evaluation.verdict.value,
        "verdict_label": verdict_label(evaluation.verdict, lang),
        "findings": [finding_data(f, lang) for f in evaluation.findings],
    }


def error_lines(error: InputError | PolicyError, lang: str) -> list[str]:
    """An input or policy error as lines naming the file and key."""
    if isinstance(error, InputError):
        return error.lines(lang)
    return [error.line(lang)]


def error_data(error: InputError | PolicyError, lang: str) -> dict[str, Any]:
    """An error as the documented JSON object."""
    if isinstance(error, InputError):
        return {
            "path": str(error.path),
            "problems": [{"key": p.path, "code": p.code, "message": p.message(lang)} for p in error.problems],
        }
    return {
        "path": str(error.path or ""),
        "problems": [{"key": error.key, "code": "policy", "message": error.message[lang]}],
    }


def dumps(data: Any) -> str:
    """Stable JSON: sorted keys, UTF-8 text, two-space indent; characters a terminal could
    act on are ``\\u`` escapes (see :func:`finsam_rules.sanitize.json_safe`)."""
    from finsam_rules.sanitize import json_safe

    return json_safe(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2))
