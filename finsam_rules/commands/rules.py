"""``finsam rules`` and ``finsam explain``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from finsam_rules.i18n import TEXTS, t
from finsam_rules.render.common import dumps, plain
from finsam_rules.rules import SEVERITY_NAMES, Rule


def _param_value_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def rule_data(rule: Rule, policy, lang: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """A rule with its resolved severity and parameters, as JSON data."""
    as_of = as_of or dt.date.max
    severity, override = policy.severity_of(rule)
    params = []
    for param in rule.params:
        resolved = policy.param(rule, param.name, as_of)
        params.append(
            {
                "name": param.name,
                "type": param.type.value,
                "unit": param.unit,
                "minimum": param.minimum,
                "maximum": param.maximum,
                "choices": list(param.choices),
                "description": param.description,
                "value": plain(resolved.value),
                "origin": resolved.origin,
                "source": resolved.source,
            }
        )
    return {
        "code": rule.code,
        "name": rule.name,
        "title": rule.title[lang],
        "scope": rule.scope.value,
        "severity": severity.label,
        "default_severity": rule.severity.label,
        "enabled": rule.code in policy.enabled_codes(),
        "source": {"kind": rule.source.kind.value, "reference": rule.source.reference},
        "pack": rule.pack,
        "parameters": params,
        "severity_reason": override.reason if override else "",
    }


def list_rules(registry, policy, fmt: str, lang: str) -> str:
    """Every rule with its parameters, as text or JSON."""
    rows = [rule_data(r, policy, lang) for r in registry.sorted_rules()]
    if fmt == "json":
        return dumps({"rules": rows}) + "\n"
    lines = []
    for row in rows:
        severity = SEVERITY_NAMES[registry.rules[row["code"]].severity.parse(row["severity"])][lang]
        state = "" if row["enabled"] else TEXTS["rules.disabled"][lang]
        lines.append(f"{row['code']}  {row['title']} ({row['name']}){state}")
        lines.append(
            f"       {t('severity', lang)}: {severity}; {t('scope', lang)}: "
            f"{t('scope_' + row['scope'], lang)}; {t('pack', lang)}: {row['pack']}"
        )
        lines.append(f"       {t('source', lang)}: {registry.rules[row['code']].source.text(lang)}")
        for p in row["parameters"]:
            lines.append(
                f"       {p['name']} = {_param_value_text(p['value'])} {p['unit']}"
                f"  ({p['source'] or p['origin']})"
            )
    return "\n".join(lines) + "\n"


def explain_rule(rule: Rule, policy, lang: str) -> str:
    """The long explanation of one rule, with its parameters' current values."""
    text = rule.explanation[lang]
    severity = SEVERITY_NAMES[rule.severity][lang]
    out = [
        f"{rule.code} {rule.title[lang]} ({rule.name})",
        "",
        f"{t('default_severity', lang)}: {severity}. "
        f"{t('scope', lang)}: {t('scope_' + rule.scope.value, lang)}. "
        f"{t('pack', lang)}: {rule.pack}.",
        "",
        f"## {t('what', lang)}",
        text.what,
        "",
        f"## {t('why', lang)}",
        text.why,
        "",
        f"## {t('example', lang)}",
        text.example,
        "",
        f"## {t('source', lang)}",
        f"{rule.source.text(lang)}. {text.source}",
    ]
    if rule.params:
        out += ["", f"## {t('parameters', lang)}"]
        for param in rule.params:
            value = policy.param(rule, param.name, dt.date.max)
            dated = policy.values(rule, param.name)
            # The policy files describe parameters in Swedish; the code in English.
            description = (
                dated[-1].description
                if lang == "sv" and dated and dated[-1].description
                else param.description
            )
            out.append(
                f"- {param.name} = {_param_value_text(value.value)} ({param.unit}): "
                f"{description}. {value.source}"
            )
    return "\n".join(out) + "\n"
