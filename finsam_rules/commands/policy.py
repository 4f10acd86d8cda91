"""``finsam policy show`` and ``finsam policy diff``: what a policy file resolves to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finsam_rules.render.common import dumps, plain
from finsam_rules.sanitize import one_line

if TYPE_CHECKING:
    from finsam_rules.policy import Policy


def resolved(policy: Policy, as_of: dt.date | None) -> dict[str, Any]:
    """Every rule's state under ``policy``: enabled, severity, parameter values, origins.

    Without ``as_of`` every dated value is listed; with it, the value in force that day."""
    enabled = set(policy.enabled_codes())
    rules = {}
    for rule in policy.registry.sorted_rules():
        severity, override = policy.severity_of(rule)
        params = {}
        for param in rule.params:
            if as_of is not None:
                value = policy.param(rule, param.name, as_of)
                params[param.name] = [
                    {
                        "value": plain(value.value),
                        "valid_from": plain(value.valid_from),
                        "origin": value.origin,
                        "source": value.source,
                    }
                ]
            else:
                params[param.name] = [
                    {
                        "value": plain(v.value),
                        "valid_from": plain(v.valid_from),
                        "origin": v.origin,
                        "source": v.source,
                    }
                    for v in policy.values(rule, param.name)
                ]
        rules[rule.code] = {
            "enabled": rule.code in enabled,
            "severity": severity.label,
            "severity_origin": override.origin if override else f"{rule.pack} (rule default)",
            "severity_reason": override.reason if override else "",
            "params": params,
        }
    chain = [
        {
            "name": layer.meta.name,
            "origin": layer.meta.origin,
            "version": layer.meta.version,
            "association": layer.meta.association,
            "adopted": plain(layer.meta.adopted),
            "source": layer.meta.source,
        }
        for layer in policy.layers
    ]
    settings = {}  # the named settings several rules read (register_settings)
    for name in sorted(policy.registry.settings):
        if as_of is not None:
            chosen = policy.setting(name, as_of)
            entries = [(chosen.value, chosen.valid_from, chosen.origin, chosen.source)]
        else:
            entries = [(v.value, v.valid_from, v.origin, v.source) for v in policy.setting_values(name)]
        settings[name] = [
            {"value": plain(value), "valid_from": plain(since), "origin": origin, "source": source}
            for value, since, origin, source in entries
        ]
    return {"policy": chain, "as_of": plain(as_of), "rules": rules, "settings": settings}


def _values_text(values: list[dict[str, Any]], lang: str = "sv") -> str:
    parts = []
    word = "från" if lang == "sv" else "from"
    before = "före" if lang == "sv" else "before"
    for i, v in enumerate(values):
        when = f" ({word} {v['valid_from']})" if v["valid_from"] else ""
        if not v["valid_from"] and i + 1 < len(values):  # applies until the first dated one
            when = f" ({before} {values[i + 1]['valid_from']})"
        parts.append(f"{_fmt(v['value'])}{when}")
    return "; ".join(parts)


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return str(value)


def show(policy: Policy, as_of: dt.date | None, fmt: str, lang: str) -> str:
    """The resolved policy as text or JSON."""
    data = resolved(policy, as_of)
    if fmt == "json":
        return dumps(data) + "\n"
    sv = lang == "sv"
    lines = [("Policykedja (bas först):" if sv else "Policy chain (base first):")]
    for layer in data["policy"]:
        extra = ", ".join(
            x
            for x in (
                layer["version"],
                layer["association"],
                layer["source"],
                f"antagen {layer['adopted']}"
                if sv and layer["adopted"]
                else f"adopted {layer['adopted']}"
                if layer["adopted"]
                else "",
            )
            if x
        )
        lines.append(one_line(f"  {layer['name']}: {layer['origin']}" + (f" ({extra})" if extra else "")))
    lines.append("")
    for code, rule in data["rules"].items():
        state = "" if rule["enabled"] else (" AVSTÄNGD" if sv else " DISABLED")
        reason = f" – {rule['severity_reason']}" if rule["severity_reason"] else ""
        lines.append(one_line(f"{code}{state}  {rule['severity']}  [{rule['severity_origin']}]{reason}"))
        for name, values in rule["params"].items():
            origins = sorted({v["origin"] for v in values})
            lines.append("    " + one_line(f"{name} = {_values_text(values, lang)}  [{', '.join(origins)}]"))
    if data["settings"]:
        lines.append("Inställningar:" if sv else "Settings:")
    for name, values in data["settings"].items():
        origins = sorted({v["origin"] for v in values})
        lines.append("    " + one_line(f"{name} = {_values_text(values, lang)}  [{', '.join(origins)}]"))
    return "\n".join(lines) + "\n"


def diff(a: Policy, b: Policy, as_of: dt.date | None, fmt: str, lang: str) -> tuple[str, bool]:
    """What policy ``b`` changes against ``a``; returns the text and whether they differ."""
    ra, rb = resolved(a, as_of), resolved(b, as_of)
    changes = []
    for code in sorted(set(ra["rules"]) | set(rb["rules"])):
        x, y = ra["rules"].get(code), rb["rules"].get(code)
        if x is None or y is None:
            changes.append({"code": code, "what": "rule", "from": bool(x), "to": bool(y)})
            continue
        if x["enabled"] != y["enabled"]:
            changes.append(
                {
                    "code": code,
                    "what": "enabled",
                    "from": x["enabled"],
                    "to": y["enabled"],
                    "origin": b.meta.origin,
                }
            )
        if x["severity"] != y["severity"]:
            changes.append(
                {
                    "code": code,
                    "what": "severity",
                    "from": x["severity"],
                    "to": y["severity"],
                    "origin": y["severity_origin"],
                    "reason": y["severity_reason"],
                }
            )
        for name in sorted(set(x["params"]) | set(y["params"])):
            vx = [{k: v[k] for k in ("value", "valid_from")} for v in x["params"].get(name, [])]
            vy = [{k: v[k] for k in ("value", "valid_from")} for v in y["params"].get(name, [])]
            if vx != vy:
                origins = sorted({v["origin"] for v in y["params"].get(name, [])})
                changes.append(
                    {
                        "code": code,
                        "what": f"params.{name}",
                        "from": _values_text(x["params"].get(name, []), lang),
                        "to": _values_text(y["params"].get(name, []), lang),
                        "origin": ", ".join(origins),
                    }
                )
    for name in sorted(set(ra["settings"]) | set(rb["settings"])):
        sx, sy = ra["settings"].get(name, []), rb["settings"].get(name, [])
        if [(v["value"], v["valid_from"]) for v in sx] != [(v["value"], v["valid_from"]) for v in sy]:
            changes.append(
                {
                    "code": "settings",
                    "what": name,
                    "from": _values_text(sx, lang),
                    "to": _values_text(sy, lang),
                    "origin": ", ".join(sorted({v["origin"] for v in sy})),
                }
            )
    if fmt == "json":
        return dumps({"from": a.meta.origin, "to": b.meta.origin, "changes": changes}) + "\n", bool(changes)
    sv = lang == "sv"
    if not changes:
        return ("Inga skillnader.\n" if sv else "No differences.\n"), False
    lines = [f"{a.meta.origin} -> {b.meta.origin}"]
    for c in changes:
        reason = f" – {c['reason']}" if c.get("reason") else ""
        origin = f"  [{c['origin']}]" if c.get("origin") else ""
        lines.append(f"  {c['code']} {c['what']}: {_fmt(c['from'])} -> {_fmt(c['to'])}{origin}{reason}")
    return "\n".join(lines) + "\n", True


def policy_arg(value: Path | None) -> Path | None:
    """A policy argument: ``standard`` (or none) names the standard policy."""
    return None if value is None or str(value) == "standard" else value
