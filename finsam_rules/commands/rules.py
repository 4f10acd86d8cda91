"""``finsam rules`` and ``finsam explain``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from finsam_rules.failures import UsageFailure
from finsam_rules.i18n import TEXTS, t
from finsam_rules.rules import SEVERITY_NAMES, Rule

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry
    from finsam_rules.policy import Policy


def _param_value_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def rule_data(rule: Rule, policy: Policy, lang: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """A rule with its resolved severity and parameters, as JSON data."""
    from finsam_rules.render.common import plain  # the renderers only when a list is made

    as_of = as_of or dt.date.max
    severity, override = policy.severity_of(rule)
    params = []
    for param in rule.params:
        resolved = policy.param(rule, param.name, as_of)
        text = policy.text_of(rule, param.name)
        params.append(
            {
                "name": param.name,
                "type": param.type.value,
                "unit": text.unit[lang],
                "minimum": param.minimum,
                "maximum": param.maximum,
                "choices": list(param.choices),
                "description": text.description[lang],
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


def list_rules(registry: Registry, policy: Policy, fmt: str, lang: str) -> str:
    """Every rule with its parameters, as text or JSON."""
    rows = [rule_data(r, policy, lang) for r in registry.sorted_rules()]
    if fmt == "json":
        from finsam_rules.render.common import dumps

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
            lines.append(f"         {p['description']}")
    return "\n".join(lines) + "\n"


def explain_rule(rule: Rule, policy: Policy, lang: str) -> str:
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
        f"{rule.source.text(lang)}." + (f" {text.source}" if text.source else ""),
    ]
    if rule.params:
        # Generated from the policy data: the value in force, its unit and description.
        out += ["", f"## {t('parameters', lang)}"]
        for param in rule.params:
            value = policy.param(rule, param.name, dt.date.max)
            about = policy.text_of(rule, param.name)
            out.append(
                f"- {param.name} = {_param_value_text(value.value)} ({about.unit[lang]}): "
                f"{about.description[lang]}." + (f" {value.source}" if value.source else "")
            )
    return "\n".join(out) + "\n"


def find_rule(registry: Registry, code: str, lang: str) -> Rule:
    """The rule with ``code`` (any case); an unknown code is a usage failure that names up
    to three near codes ("did you mean")."""
    rule = registry.rules.get(code.upper())
    if rule is not None:
        return rule
    import difflib

    lines = [t("unknown_code", lang, code=code)]
    near = difflib.get_close_matches(code.upper(), sorted(registry.rules), n=3, cutoff=0.5)
    if near:
        lines.append(t("did_you_mean", lang, what=", ".join(near)))
    raise UsageFailure(lines)


def pack_rows(registry: Registry, show_all: bool) -> list[dict[str, Any]]:
    """Every installed pack (the standard pack only with ``show_all``): name, version,
    modules and the codes of its rules, by name."""
    rows: list[dict[str, Any]] = []
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
    return rows


def list_plugins(registry: Registry, show_all: bool, fmt: str, lang: str) -> str:
    """``finsam plugins``: the packs as text (one line each) or JSON, with the packs that
    failed to load."""
    rows = pack_rows(registry, show_all)
    if fmt == "json":
        from finsam_rules.render.common import dumps

        errors = [{"pack": e.pack, "what": e.what, "error": e.error} for e in registry.load_errors]
        return dumps({"packs": rows, "load_errors": errors}) + "\n"
    lines = [] if rows else [t("plugins_none", lang)]
    lines += [f"{row['name']} {row['version']}: {', '.join(row['rules']) or '-'}" for row in rows]
    return "".join(line + "\n" for line in lines)
