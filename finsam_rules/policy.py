"""Declarative policy files: rule selection, severities and dated parameter values.

A policy file is TOML and data only; nothing in it is executed::

    [policy]
    name = "mphla"
    version = "2015.1"
    association = "Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås"
    adopted = 2014-11-20
    source = "verksamhetsplan 2015-2017"
    extends = "standard"            # or a path relative to this file
    select = ["FP", "PA", "OT002"]  # codes or prefixes; all rules when left out
    ignore = ["AT001"]

    [rules.OT002]
    severity = "warning"
    reason = "Målet är formulerat med 'bör', inte 'skall'."

    [rules.OT002.params]
    target = [
      { valid_from = 2015-01-01, value = 0.6, source = "VP 2015-2017" },
      { valid_from = 2017-01-01, value = 0.7, source = "VP 2017" },
    ]
    [settings]
    counted_outcomes = ["work", "studies"]   # a named setting several rules read alike

A parameter is a plain value, a table ``{ value = ..., valid_from = ..., source = ...,
description = ..., unit = ... }``, or a list of such tables with ``valid_from`` dates. The
policy named ``standard`` is made of the policy files every installed pack registers
(``policies/standard.toml`` for the standard pack); it gives every declared parameter its
default value, and its unit and description in every language
(``unit = { sv = "månader", en = "months" }``): the only place they are written, checked
complete when the policy is loaded. A decision is evaluated with the values in force on
its date.

``[settings]`` holds the named policy settings that packs declare with the
``register_settings`` hook (the counting method of outcomes, for example): values that
several rules and the board read alike, in the same value forms as parameters.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from finsam_rules.errors import InputError, PolicyError, type_name
from finsam_rules.formatting import LANGS
from finsam_rules.loading import read_toml
from finsam_rules.plugins import Registry
from finsam_rules.rules import Param, ParamType, Rule, Severity

STANDARD = "standard"

POLICY_KEYS = {
    "name",
    "version",
    "association",
    "adopted",
    "source",
    "extends",
    "select",
    "ignore",
    "description",
    "rule_time_limit",
}
#: The range of ``[policy] rule_time_limit``, in seconds.
TIME_LIMIT_RANGE = (0.1, 600)
RULE_KEYS = {"severity", "reason", "params"}
PARAM_KEYS = {"value", "valid_from", "source", "description", "unit"}


def _msg(sv: str, en: str) -> dict[str, str]:
    return {"sv": sv, "en": en}


@attrs.frozen
class ParamValue:
    """One value of a parameter, with when it applies and where it came from, and the unit
    and description its file gives, by language (a plain text is Swedish)."""

    value: Any
    valid_from: dt.date | None
    origin: str
    source: str = ""
    description: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    unit: Mapping[str, str] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class ParamText:
    """A parameter's (or setting's) unit and description in every language, as the pack
    that declares it writes them in its policy data."""

    unit: Mapping[str, str] = attrs.field(hash=False)
    description: Mapping[str, str] = attrs.field(hash=False)


@attrs.frozen
class SeverityOverride:
    """A policy's change of a rule's severity, with its reason and origin."""

    severity: Severity
    reason: str
    origin: str


@attrs.frozen
class PolicyMeta:
    """The metadata of one policy file in a chain."""

    name: str
    origin: str
    version: str = ""
    association: str = ""
    adopted: dt.date | None = None
    source: str = ""
    rule_time_limit: float | None = None


@attrs.define
class Layer:
    """What one policy file says."""

    meta: PolicyMeta
    select: list[str] | None = None
    ignore: list[str] = attrs.field(factory=list)
    severities: dict[str, SeverityOverride] = attrs.field(factory=dict)
    params: dict[str, dict[str, list[ParamValue]]] = attrs.field(factory=dict)
    settings: dict[str, list[ParamValue]] = attrs.field(factory=dict)
    #: The units and descriptions of the declared parameters, by rule code and name (the
    #: settings' under the code ""); only the standard layer, made of the packs' files, has them.
    texts: dict[str, dict[str, ParamText]] = attrs.field(factory=dict)


@attrs.frozen
class ResolvedParam:
    """A parameter value in force for a date, and where it came from."""

    value: Any
    origin: str
    source: str
    valid_from: dt.date | None


@attrs.define
class Policy:
    """A chain of policy layers, base first, resolved against the installed rules."""

    registry: Registry
    layers: list[Layer]

    @property
    def meta(self) -> PolicyMeta:
        """The metadata of the most specific file."""
        return self.layers[-1].meta

    @property
    def name(self) -> str:
        """The name of the most specific file."""
        return self.meta.name

    @property
    def rule_time_limit(self) -> float:
        """Seconds each rule may run before it is stopped and reported as not evaluated:
        the most specific file's ``[policy] rule_time_limit``, else the default."""
        for layer in reversed(self.layers):
            if layer.meta.rule_time_limit is not None:
                return layer.meta.rule_time_limit
        from finsam_rules.isolation import DEFAULT_TIME_LIMIT

        return DEFAULT_TIME_LIMIT

    def enabled_codes(self) -> list[str]:
        """The codes of the rules this policy runs, sorted."""
        enabled = set(self.registry.rules)
        for layer in self.layers:
            if layer.select is not None:
                enabled = {c for c in self.registry.rules if _matches(c, layer.select)}
            enabled = {c for c in enabled if not _matches(c, layer.ignore)}
        return sorted(enabled)

    def severity_of(self, rule: Rule) -> tuple[Severity, SeverityOverride | None]:
        """The rule's severity under this policy, and the override that set it, if any."""
        for layer in reversed(self.layers):
            if rule.code in layer.severities:
                override = layer.severities[rule.code]
                return override.severity, override
        return rule.severity, None

    def param(self, rule: Rule, name: str, as_of: dt.date) -> ResolvedParam:
        """The value of a parameter in force on ``as_of``: the most specific file wins,
        and within it the latest ``valid_from`` on or before the date."""
        for layer in reversed(self.layers):
            values = layer.params.get(rule.code, {}).get(name)
            if not values:
                continue
            in_force = [v for v in values if v.valid_from is None or v.valid_from <= as_of]
            if in_force:
                chosen = max(in_force, key=lambda v: v.valid_from or dt.date.min)
                return ResolvedParam(chosen.value, chosen.origin, chosen.source, chosen.valid_from)
        raise PolicyError(
            "",
            f"rules.{rule.code}.params.{name}",
            _msg(
                f"inget värde för {rule.code}.{name} gäller {as_of}",
                f"no value of {rule.code}.{name} is in force on {as_of}",
            ),
        )

    def params_for(self, rule: Rule, as_of: dt.date) -> dict[str, Any]:
        """All parameter values of a rule in force on ``as_of``."""
        return {p.name: self.param(rule, p.name, as_of).value for p in rule.params}

    # -- breakpoints: the dates on which a resolution can change (for caches) --------------

    def param_breakpoints(self, rule: Rule) -> tuple[dt.date, ...]:
        """Every ``valid_from`` date of the rule's parameters in any file, sorted, each once.

        Two dates with as many breakpoints on or before them resolve every parameter of the
        rule alike (:meth:`param` picks among the values dated on or before the date), so a
        cache keyed by :func:`interval_of` holds one entry per interval, not one per date."""
        dates = {
            value.valid_from
            for layer in self.layers
            for values in layer.params.get(rule.code, {}).values()
            for value in values
            if value.valid_from is not None
        }
        return tuple(sorted(dates))

    def setting_breakpoints(self) -> tuple[dt.date, ...]:
        """Every ``valid_from`` date of any named setting in any file, sorted, each once (as
        :meth:`param_breakpoints` for :meth:`settings_for`)."""
        dates = {
            value.valid_from
            for layer in self.layers
            for values in layer.settings.values()
            for value in values
            if value.valid_from is not None
        }
        return tuple(sorted(dates))

    def setting(self, name: str, as_of: dt.date) -> ResolvedParam:
        """The value of a named setting in force on ``as_of``: the most specific file wins,
        and within it the latest ``valid_from`` on or before the date."""
        for layer in reversed(self.layers):
            in_force = [
                v for v in layer.settings.get(name, []) if v.valid_from is None or v.valid_from <= as_of
            ]
            if in_force:
                chosen = max(in_force, key=lambda v: v.valid_from or dt.date.min)
                return ResolvedParam(chosen.value, chosen.origin, chosen.source, chosen.valid_from)
        raise PolicyError(
            "",
            f"settings.{name}",
            _msg(
                f"inget värde för inställningen {name} gäller {as_of}",
                f"no value of setting {name} is in force on {as_of}",
            ),
        )

    def setting_values(self, name: str) -> list[ParamValue]:
        """Every value a setting takes over time (as :meth:`values` for a parameter)."""
        found: list[ParamValue] = []
        for layer in reversed(self.layers):
            values = sorted(layer.settings.get(name, []), key=lambda v: v.valid_from or dt.date.min)
            if not values:
                continue
            if not found:
                found = values
            elif found[0].valid_from is not None:
                earlier = [v for v in values if v.valid_from is None or v.valid_from < found[0].valid_from]
                found = [*earlier[-1:], *found]
            if found[0].valid_from is None:
                break
        return found

    def settings_for(self, as_of: dt.date) -> dict[str, Any]:
        """Every named setting's value in force on ``as_of``, by name."""
        return {name: self.setting(name, as_of).value for name in sorted(self.registry.settings)}

    def values(self, rule: Rule, name: str) -> list[ParamValue]:
        """Every value a parameter takes over time: the most specific file's dated values,
        preceded by what applies before the first of them (from the files it extends)."""
        found: list[ParamValue] = []
        for layer in reversed(self.layers):
            values = sorted(
                layer.params.get(rule.code, {}).get(name, []), key=lambda v: v.valid_from or dt.date.min
            )
            if not values:
                continue
            if not found:
                found = values
            elif found[0].valid_from is not None:  # an earlier value still applies before
                earlier = [v for v in values if v.valid_from is None or v.valid_from < found[0].valid_from]
                found = [*earlier[-1:], *found]
            if found[0].valid_from is None:
                break
        return found

    def text_of(self, rule: Rule | None, name: str) -> ParamText:
        """The unit and description of a rule's parameter (with ``rule=None``: of a named
        setting) in every language, from the declaring pack's policy data; a more specific
        policy file's description replaces the pack's in the languages it gives."""
        code = rule.code if rule is not None else ""
        text = self.layers[0].texts[code][name]
        description = dict(text.description)
        for layer in self.layers[1:]:
            table = layer.params.get(code, {}) if rule is not None else layer.settings
            values = table.get(name, [])
            for value in sorted(values, key=lambda v: v.valid_from or dt.date.min):
                description.update(value.description)
        return ParamText(unit=text.unit, description=description)


def interval_of(breakpoints: tuple[dt.date, ...], as_of: dt.date) -> int:
    """The interval of ``as_of`` between ``breakpoints``: how many are on or before it."""
    return bisect.bisect_right(breakpoints, as_of)


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s) for s in selectors)


def _parse_layer(
    data: Mapping[str, Any], origin: str, registry: Registry, default_name: str, require_reason: bool
) -> tuple[Layer, str | None]:
    """Parse and validate one policy file; returns the layer and what it extends."""
    path = origin

    def fail(key: str, sv: str, en: str) -> PolicyError:
        return PolicyError(path, key, _msg(sv, en))

    unknown = sorted(set(data) - {"policy", "rules", "settings"})
    if unknown:
        raise fail(
            unknown[0],
            "okänd nyckel; tillåtna är [policy], [rules.KOD] och [settings]",
            "unknown key; allowed are [policy], [rules.CODE] and [settings]",
        )
    head = data.get("policy", {})
    if not isinstance(head, dict):
        raise fail("policy", "förväntade en tabell", "expected a table")
    for key in sorted(set(head) - POLICY_KEYS):
        raise fail(
            f"policy.{key}",
            f"okänd nyckel; tillåtna: {', '.join(sorted(POLICY_KEYS))}",
            f"unknown key; allowed: {', '.join(sorted(POLICY_KEYS))}",
        )
    for key in ("name", "version", "association", "source", "extends", "description"):
        if key in head and not isinstance(head[key], str):
            raise fail(
                f"policy.{key}",
                f"förväntade en text, fick {type_name(head[key])}",
                f"expected a text, got {type_name(head[key])}",
            )
    adopted = head.get("adopted")
    if adopted is not None and (not isinstance(adopted, dt.date) or isinstance(adopted, dt.datetime)):
        raise fail("policy.adopted", "förväntade ett datum ÅÅÅÅ-MM-DD", "expected a date YYYY-MM-DD")
    limit = head.get("rule_time_limit")
    if limit is not None and (
        isinstance(limit, bool)
        or not isinstance(limit, int | float)
        or not TIME_LIMIT_RANGE[0] <= limit <= TIME_LIMIT_RANGE[1]
    ):
        low, high = TIME_LIMIT_RANGE
        got = type_name(limit) if isinstance(limit, bool) or not isinstance(limit, int | float) else limit
        raise fail(
            "policy.rule_time_limit",
            f"förväntade sekunder mellan {str(low).replace('.', ',')} och {high}, fick {got}",
            f"expected seconds between {low} and {high}, got {got}",
        )
    selectors: dict[str, list[str] | None] = {}
    for key in ("select", "ignore"):
        value = head.get(key)
        if value is None:
            selectors[key] = None
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(
                f"policy.{key}",
                "förväntade en lista av koder eller prefix",
                "expected a list of codes or prefixes",
            )
        for selector in value:
            if not any(code.startswith(selector) for code in registry.rules):
                raise fail(
                    f"policy.{key}",
                    f"{selector!r} matchar ingen installerad regel",
                    f"{selector!r} matches no installed rule",
                )
        selectors[key] = value
    meta = PolicyMeta(
        name=head.get("name", default_name),
        origin=origin,
        version=head.get("version", ""),
        association=head.get("association", ""),
        adopted=adopted,
        source=head.get("source", ""),
        rule_time_limit=float(limit) if limit is not None else None,
    )
    layer = Layer(meta=meta, select=selectors["select"], ignore=selectors["ignore"] or [])
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise fail("rules", "förväntade en tabell [rules.KOD]", "expected a table [rules.CODE]")
    for code, spec in rules.items():
        key = f"rules.{code}"
        rule = registry.rules.get(code)
        if rule is None:
            raise fail(key, f"okänd regelkod {code!r}", f"unknown rule code {code!r}")
        if not isinstance(spec, dict):
            raise fail(key, "förväntade en tabell", "expected a table")
        for extra in sorted(set(spec) - RULE_KEYS):
            raise fail(
                f"{key}.{extra}",
                f"okänd nyckel; tillåtna: {', '.join(sorted(RULE_KEYS))}",
                f"unknown key; allowed: {', '.join(sorted(RULE_KEYS))}",
            )
        if "severity" in spec:
            try:
                severity = Severity.parse(str(spec["severity"]))
            except ValueError:
                raise fail(
                    f"{key}.severity",
                    "förväntade blocker, error, warning eller info",
                    "expected blocker, error, warning or info",
                ) from None
            reason = spec.get("reason", "")
            if require_reason and (not isinstance(reason, str) or not reason.strip()):
                raise fail(
                    f"{key}.reason",
                    "en ändrad allvarlighetsgrad måste ha ett skäl (reason)",
                    "a changed severity must state its reason",
                )
            layer.severities[code] = SeverityOverride(severity, str(reason), origin)
        params = spec.get("params", {})
        if not isinstance(params, dict):
            raise fail(f"{key}.params", "förväntade en tabell", "expected a table")
        for name, raw in params.items():
            declared = rule.param(name)
            pkey = f"{key}.params.{name}"
            if declared is None:
                known = [p.name for p in rule.params] or ["–"]
                raise fail(
                    pkey,
                    f"okänd parameter för {code}; kända: {', '.join(known)}",
                    f"unknown parameter of {code}; known: {', '.join(known)}",
                )
            layer.params.setdefault(code, {})[name] = _parse_values(raw, declared, pkey, origin)
    _parse_settings(data.get("settings", {}), layer, registry, origin)
    return layer, head.get("extends")


def _parse_settings(settings: Any, layer: Layer, registry: Registry, origin: str) -> None:
    """Read a file's ``[settings]`` table into ``layer``: each key a declared setting."""
    if not isinstance(settings, dict):
        raise PolicyError(
            origin, "settings", _msg("förväntade en tabell [settings]", "expected a table [settings]")
        )
    for name, raw in settings.items():
        declared = registry.settings.get(name)
        if declared is None:
            known = ", ".join(sorted(registry.settings)) or "–"
            raise PolicyError(
                origin,
                f"settings.{name}",
                _msg(f"okänd inställning; kända: {known}", f"unknown setting; known: {known}"),
            )
        layer.settings[name] = _parse_values(raw, declared, f"settings.{name}", origin)


def _parse_values(raw: Any, param: Param, key: str, origin: str) -> list[ParamValue]:
    entries: list[tuple[str, Any]]
    if isinstance(raw, list) and raw and all(isinstance(v, dict) and "value" in v for v in raw):
        entries = [(f"{key}[{i}]", v) for i, v in enumerate(raw)]
    elif isinstance(raw, dict) and "value" in raw:
        entries = [(key, raw)]
    else:
        entries = [(key, {"value": raw})]
    values = []
    seen_dates: set[dt.date | None] = set()
    for where, entry in entries:
        for extra in sorted(set(entry) - PARAM_KEYS):
            raise PolicyError(
                origin,
                f"{where}.{extra}",
                _msg(
                    f"okänd nyckel; tillåtna: {', '.join(sorted(PARAM_KEYS))}",
                    f"unknown key; allowed: {', '.join(sorted(PARAM_KEYS))}",
                ),
            )
        valid_from = entry.get("valid_from")
        if valid_from is not None and (
            not isinstance(valid_from, dt.date) or isinstance(valid_from, dt.datetime)
        ):
            raise PolicyError(
                origin,
                f"{where}.valid_from",
                _msg("förväntade ett datum ÅÅÅÅ-MM-DD", "expected a date YYYY-MM-DD"),
            )
        if valid_from in seen_dates:
            raise PolicyError(
                origin,
                f"{where}.valid_from",
                _msg("två värden gäller från samma datum", "two values are valid from the same date"),
            )
        seen_dates.add(valid_from)
        value = check_param_value(param, entry["value"], origin, f"{where}")
        values.append(
            ParamValue(
                value,
                valid_from,
                origin,
                str(entry.get("source", "")),
                _texts(entry.get("description"), origin, f"{where}.description"),
                _texts(entry.get("unit"), origin, f"{where}.unit"),
            )
        )
    return values


def _texts(raw: object, origin: str, key: str) -> dict[str, str]:
    """A unit or description: a table of texts by language, or one text (Swedish)."""
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {"sv": raw}
    if isinstance(raw, dict) and raw and all(k in LANGS and isinstance(v, str) for k, v in raw.items()):
        return {str(k): str(v) for k, v in raw.items()}
    raise PolicyError(
        origin,
        key,
        _msg(
            f"förväntade en text eller en tabell {{ sv = ..., en = ... }}, fick {type_name(raw)}",
            f"expected a text or a table {{ sv = ..., en = ... }}, got {type_name(raw)}",
        ),
    )


def _pack_text(values: Iterable[ParamValue], origin: str, key: str) -> ParamText:
    """The unit and description a pack's policy file gives a parameter it declares: both
    required, in every language (on any of its dated values; the latest wins)."""
    unit: dict[str, str] = {}
    description: dict[str, str] = {}
    for value in sorted(values, key=lambda v: v.valid_from or dt.date.min):
        unit.update(value.unit)
        description.update(value.description)
    for field, texts, word in (("unit", unit, "enheten"), ("description", description, "beskrivningen")):
        missing = [lang for lang in LANGS if not texts.get(lang, "").strip()]
        if missing:
            raise PolicyError(
                origin,
                f"{key}.{field}",
                _msg(
                    f"paketets policyfil måste ange {word} på {' och '.join(LANGS)} "
                    f"({field} = {{ sv = ..., en = ... }}); saknas: {', '.join(missing)}",
                    f"the pack's policy file must give the {field} in {' and '.join(LANGS)} "
                    f"({field} = {{ sv = ..., en = ... }}); missing: {', '.join(missing)}",
                ),
            )
    return ParamText(unit=unit, description=description)


def _check_units(layer: Layer, texts: Mapping[str, Mapping[str, ParamText]]) -> None:
    """A unit an association's file states must be the one the declaring pack gives."""
    stated = [
        (f"rules.{code}.params.{name}", code, name, values)
        for code, params in layer.params.items()
        for name, values in params.items()
    ]
    stated += [(f"settings.{name}", "", name, values) for name, values in layer.settings.items()]
    for key, code, name, values in stated:
        text = texts.get(code, {}).get(name)
        for value in values:
            for lang, unit in value.unit.items():
                if text is not None and unit != text.unit[lang]:
                    raise PolicyError(
                        layer.meta.origin,
                        f"{key}.unit",
                        _msg(
                            f"enheten är {text.unit['sv']!r} enligt regeln, inte {unit!r}",
                            f"the rule's unit is {text.unit['sv']!r} ({text.unit['en']}), not {unit!r}",
                        ),
                    )


def check_param_value(param: Param, value: Any, origin: str, key: str) -> Any:
    """Check a value against the parameter's declared type and range; return it normalised."""

    def bad(sv: str, en: str) -> PolicyError:
        return PolicyError(origin, key, _msg(sv, en))

    def number_in_range(number: Any, low: float | None, high: float | None) -> None:
        if (low is not None and number < low) or (high is not None and number > high):
            lo = "-∞" if low is None else low
            hi = "∞" if high is None else high
            raise bad(
                f"värdet {number} ligger utanför tillåtet intervall {lo}..{hi}",
                f"value {number} is outside the allowed range {lo}..{hi}",
            )

    kind = param.type
    got = type_name(value)
    if kind is ParamType.SHARE:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad(f"förväntade en andel 0..1, fick {got}", f"expected a share 0..1, got {got}")
        number_in_range(value, max(0, param.minimum or 0), min(1, param.maximum or 1))
        return value
    if kind in (ParamType.INTEGER, ParamType.KRONOR):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad(f"förväntade ett heltal, fick {got}", f"expected a whole number, got {got}")
        low = param.minimum if param.minimum is not None else (0 if kind is ParamType.KRONOR else None)
        number_in_range(value, low, param.maximum)
        return value
    if kind is ParamType.BOOLEAN:
        if not isinstance(value, bool):
            raise bad(f"förväntade true eller false, fick {got}", f"expected true or false, got {got}")
        return value
    if kind is ParamType.CHOICE:
        if value not in param.choices:
            raise bad(
                f"förväntade ett av {', '.join(param.choices)}, fick {value!r}",
                f"expected one of {', '.join(param.choices)}, got {value!r}",
            )
        return value
    if kind in (ParamType.CHOICES, ParamType.TAGS):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(f"förväntade en lista av texter, fick {got}", f"expected a list of texts, got {got}")
        if kind is ParamType.CHOICES:
            for item in value:
                if item not in param.choices:
                    raise bad(
                        f"{item!r} är inte ett av {', '.join(param.choices)}",
                        f"{item!r} is not one of {', '.join(param.choices)}",
                    )
        return list(value)
    if kind is ParamType.SCALE:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise bad(
                "förväntade en lista av band {up_to, max_share}",
                "expected a list of bands {up_to, max_share}",
            )
        previous = -1
        for i, band in enumerate(value):
            if set(band) - {"up_to", "max_share"} or "max_share" not in band:
                raise bad(
                    f"band {i}: förväntade nycklarna up_to och max_share",
                    f"band {i}: expected the keys up_to and max_share",
                )
            check_param_value(
                Param("max_share", ParamType.SHARE),
                band["max_share"],
                origin,
                f"{key}[{i}].max_share",
            )
            up_to = band.get("up_to")
            if up_to is None and i != len(value) - 1:
                raise bad(
                    f"band {i}: bara det sista bandet får sakna up_to",
                    f"band {i}: only the last band may leave out up_to",
                )
            if up_to is not None:
                if isinstance(up_to, bool) or not isinstance(up_to, int) or up_to <= previous:
                    raise bad(
                        f"band {i}: up_to ska vara växande heltal (kronor)",
                        f"band {i}: up_to must be increasing whole kronor",
                    )
                previous = up_to
        return value
    raise bad(f"okänd parametertyp {kind}", f"unknown parameter type {kind}")  # pragma: no cover


def _read(path: Path | Traversable) -> Mapping[str, Any]:
    if isinstance(path, Path):
        try:
            return read_toml(path, fast=False)  # one small file: tomllib starts quicker
        except InputError as exc:
            raise PolicyError(
                path, exc.problems[0].path, {lang: exc.problems[0].message(lang) for lang in ("sv", "en")}
            ) from None
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


def standard_layer(registry: Registry) -> Layer:
    """The base layer: every pack's registered policy files merged, checked complete."""
    base = Layer(meta=PolicyMeta(name=STANDARD, origin=STANDARD, source="finsam-rules"))
    for pack, file in registry.policy_files:
        origin = f"{pack}:{_name(file)}"
        layer, _ = _parse_layer(_read(file), origin, registry, STANDARD, False)
        for code in sorted({*layer.params, *layer.severities}):
            if registry.rules[code].pack != pack:
                raise PolicyError(
                    origin,
                    f"rules.{code}",
                    _msg(
                        f"paketet {pack} får bara ge standardvärden för sina egna regler; {code} "
                        f"hör till {registry.rules[code].pack} (ändra den i en policyfil)",
                        f"pack {pack} may only give defaults for its own rules; {code} belongs to "
                        f"{registry.rules[code].pack} (change it in a policy file)",
                    ),
                )
        for name in sorted(layer.settings):
            owner = registry.setting_packs[name]
            if owner != pack:
                raise PolicyError(
                    origin,
                    f"settings.{name}",
                    _msg(
                        f"paketet {pack} får bara ge standardvärden för sina egna inställningar; "
                        f"{name} hör till {owner} (ändra den i en policyfil)",
                        f"pack {pack} may only give defaults for its own settings; {name} belongs "
                        f"to {owner} (change it in a policy file)",
                    ),
                )
        base.severities.update(layer.severities)
        base.settings.update(layer.settings)
        for code, params in layer.params.items():
            base.params.setdefault(code, {}).update(params)
    for rule in registry.sorted_rules():
        for param in rule.params:
            if param.name not in base.params.get(rule.code, {}):
                raise PolicyError(
                    rule.pack,
                    f"rules.{rule.code}.params.{param.name}",
                    _msg(
                        f"paketet {rule.pack} deklarerar parametern men ingen policyfil ger dess värde",
                        f"pack {rule.pack} declares the parameter but no policy file gives its value",
                    ),
                )
            values = base.params[rule.code][param.name]
            key = f"rules.{rule.code}.params.{param.name}"
            base.texts.setdefault(rule.code, {})[param.name] = _pack_text(values, values[0].origin, key)
    for name in sorted(registry.settings):
        if name not in base.settings:
            pack = registry.setting_packs[name]
            raise PolicyError(
                pack,
                f"settings.{name}",
                _msg(
                    f"paketet {pack} deklarerar inställningen men ingen policyfil ger dess värde",
                    f"pack {pack} declares the setting but no policy file gives its value",
                ),
            )
        values = base.settings[name]
        base.texts.setdefault("", {})[name] = _pack_text(values, values[0].origin, f"settings.{name}")
    return base


def _name(file: Path | Traversable) -> str:
    return getattr(file, "name", str(file))


def load_policy(registry: Registry, path: Path | None = None) -> Policy:
    """The standard policy, or the chain that ``path`` extends down to the standard one."""
    chain: list[Layer] = []
    seen: set[Path] = set()
    current = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            raise PolicyError(
                current,
                "policy.extends",
                _msg(
                    "policyfilerna utökar varandra i en cirkel", "policy files extend each other in a cycle"
                ),
            )
        seen.add(resolved)
        layer, extends = _parse_layer(_read(current), str(current), registry, current.stem, True)
        chain.append(layer)
        if extends is None or extends == STANDARD:
            current = None
        else:
            current = current.parent / extends
            if not current.exists():
                raise PolicyError(
                    chain[-1].meta.origin,
                    "policy.extends",
                    _msg(f"filen {extends!r} finns inte", f"the file {extends!r} does not exist"),
                )
    base = standard_layer(registry)
    for layer in chain:
        _check_units(layer, base.texts)
    return Policy(registry=registry, layers=[base, *reversed(chain)])
