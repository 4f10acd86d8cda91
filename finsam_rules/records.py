"""Decision records: everything needed to explain and reproduce a verdict years later.

A record is a JSON file per document, fit for the registry (diariet): the sha256 of every
input file, the resolved policy with every parameter value and its source, the packs and
their versions, the engine version, the as-of date, the findings, the waivers applied and
the verdict. :func:`verify` re-runs a record and says whether the outcome is reproduced,
and if not, what changed: inputs, policy or engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import attrs

from finsam_rules import __version__
from finsam_rules.render.common import dumps, finding_data, plain

RECORD_VERSION = 1


def sha256(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file_entry(path: Path | None) -> dict[str, str] | None:
    """A file as a record holds it: its absolute path and sha256."""
    if path is None:
        return None
    return {"path": str(Path(path).resolve()), "sha256": sha256(path)}


def _without_origins(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule's policy snapshot without where values came from, which may be spelled
    differently (relative or absolute) without the policy being any different."""
    params = {
        name: {k: v for k, v in value.items() if k != "origin"}
        for name, value in rule.get("params", {}).items()
    }
    return {**rule, "params": params}


def policy_snapshot(policy, as_of: dt.date) -> dict[str, Any]:
    """Every enabled rule's severity and parameter values in force on ``as_of``."""
    enabled = policy.enabled_codes()
    rules = {}
    for rule in policy.registry.sorted_rules():
        severity, override = policy.severity_of(rule)
        params = {}
        for param in rule.params:
            resolved = policy.param(rule, param.name, as_of)
            params[param.name] = {
                "value": plain(resolved.value),
                "origin": resolved.origin,
                "source": resolved.source,
                "valid_from": resolved.valid_from.isoformat() if resolved.valid_from else None,
            }
        rules[rule.code] = {
            "enabled": rule.code in enabled,
            "severity": severity.label,
            "severity_reason": override.reason if override else "",
            "pack": rule.pack,
            "params": params,
        }
    files = [layer.meta.origin for layer in policy.layers[1:]]
    settings = {}  # the named settings several rules read (register_settings)
    for name in sorted(policy.registry.settings):
        resolved = policy.setting(name, as_of)
        settings[name] = {
            "value": plain(resolved.value),
            "origin": resolved.origin,
            "source": resolved.source,
            "valid_from": resolved.valid_from.isoformat() if resolved.valid_from else None,
        }
    return {
        "name": policy.name,
        "files": [_file_entry(Path(f)) for f in files],
        "rules": rules,
        "settings": settings,
    }


def packs_snapshot(registry) -> list[dict[str, str]]:
    """The loaded packs and their versions."""
    return [
        {"name": p.name, "version": p.version} for p in sorted(registry.packs.values(), key=lambda p: p.name)
    ]


def record_data(
    *,
    document_path: Path,
    evaluation,
    policy,
    registry,
    association_path,
    waivers_path,
    policy_path,
    as_of_override,
    lang: str = "sv",
    application_path: Path | None = None,
) -> dict[str, Any]:
    """The record of one evaluation."""
    waived = [f.waived_by.data() for f in evaluation.findings if f.waived_by is not None]
    return {
        "record_version": RECORD_VERSION,
        "engine": {"name": "finsam-rules", "version": __version__},
        "packs": packs_snapshot(registry),
        "document": {"id": evaluation.id, "kind": evaluation.kind, **_file_entry(document_path)},
        "inputs": {
            "association": _file_entry(association_path),
            "application": _file_entry(application_path),
            "waivers": _file_entry(waivers_path),
            "policy_option": str(Path(policy_path).resolve()) if policy_path else None,
            "as_of_option": as_of_override.isoformat() if as_of_override else None,
        },
        "as_of": evaluation.as_of.isoformat(),
        "policy": policy_snapshot(policy, evaluation.as_of),
        "findings": [finding_data(f, lang) for f in evaluation.findings],
        "waivers_applied": waived,
        "verdict": evaluation.verdict.value,
    }


def _finding_keys(findings: list[dict[str, Any]]) -> set[tuple]:
    """What identifies a finding for comparison: not its place in the list."""
    return {(f["code"], f["severity"], f["status"], f["message"]) for f in findings}


def _describe(key: tuple) -> str:
    code, severity, status, message = key
    state = f"{severity}, {status}" if status != "finding" else severity
    return f"{code} [{state}] {message}"


def record_name(document_id: str) -> str:
    """A file name for a document's record: its id with unsafe characters replaced; a long
    id is shortened and given a hash of the whole id, so names stay unique and valid."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", document_id).strip("_.") or "document"
    if len(name) > 80:
        digest = hashlib.sha256(document_id.encode("utf-8")).hexdigest()[:16]
        name = f"{name[:60]}-{digest}"
    return name + ".json"


@attrs.define
class Recorder:
    """Writes a record per screened document into a folder."""

    folder: Path
    registry: Any

    def record(self, item, screener, waivers) -> Path:
        """Write the record of one screened document; returns its path."""
        from finsam_rules.portfolio import find_portfolio_root

        self.folder.mkdir(parents=True, exist_ok=True)
        root = find_portfolio_root(item.path)
        association = screener.association_path or (root / "association.toml" if root else None)
        config = (root / "finsam.toml") if root and (root / "finsam.toml").is_file() else None
        policy = screener.policy_for(config)
        application = screener.application_path(item)
        data = record_data(
            document_path=item.path,
            evaluation=item.evaluation,
            policy=policy,
            registry=self.registry,
            association_path=association,
            waivers_path=waivers.path if waivers else None,
            policy_path=screener.policy_path,
            as_of_override=screener.as_of,
            application_path=application,
        )
        target = self.folder / record_name(item.evaluation.id)
        target.write_text(dumps(data) + "\n", encoding="utf-8")
        return target


@attrs.frozen
class Verification:
    """The outcome of re-running a record."""

    reproduced: bool
    changes: tuple[tuple[str, str], ...]  # (area: inputs|policy|engine|outcome, detail)


def verify(record_path: Path, registry) -> Verification:
    """Re-run the evaluation a record describes and compare."""
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.screening import Screener
    from finsam_rules.waivers import load_waivers

    record = json.loads(record_path.read_text(encoding="utf-8"))
    changes: list[tuple[str, str]] = []
    if record["engine"]["version"] != __version__:
        changes.append(("engine", f"finsam-rules {record['engine']['version']} -> {__version__}"))
    now_packs = {p["name"]: p["version"] for p in packs_snapshot(registry)}
    then_packs = {p["name"]: p["version"] for p in record["packs"]}
    for name in sorted(set(now_packs) | set(then_packs)):
        if now_packs.get(name) != then_packs.get(name):
            changes.append(("engine", f"pack {name}: {then_packs.get(name)} -> {now_packs.get(name)}"))
    entries = [
        record["document"],
        record["inputs"]["association"],
        record["inputs"].get("application"),
        record["inputs"]["waivers"],
        *record["policy"]["files"],
    ]
    for entry in filter(None, entries):
        path = Path(entry["path"])
        if not path.is_file():
            changes.append(("inputs", f"{path}: missing"))
        elif sha256(path) != entry["sha256"]:
            changes.append(("inputs", f"{path}: content changed (sha256)"))
    if any(area == "inputs" and detail.endswith("missing") for area, detail in changes):
        return Verification(False, tuple(changes))
    inputs = record["inputs"]
    as_of = dt.date.fromisoformat(inputs["as_of_option"]) if inputs["as_of_option"] else None
    screener = Screener(
        registry,
        policy_path=Path(inputs["policy_option"]) if inputs["policy_option"] else None,
        association_path=Path(inputs["association"]["path"]) if inputs["association"] else None,
        as_of=as_of,
    )
    doc_path = Path(record["document"]["path"])
    try:
        results = list(screener.screen([doc_path]))
    except (InputError, PolicyError) as exc:
        changes.append(("inputs", str(exc)))
        return Verification(False, tuple(changes))
    item = next((r for r in results if r.evaluation is not None), None)
    if item is None:
        changes.append(("inputs", f"{doc_path}: could not be evaluated"))
        return Verification(False, tuple(changes))
    if inputs["waivers"]:
        item = load_waivers(Path(inputs["waivers"]["path"])).apply(item)
    from finsam_rules.portfolio import find_portfolio_root

    root = find_portfolio_root(doc_path)
    config = (root / "finsam.toml") if root and (root / "finsam.toml").is_file() else None
    policy_now = policy_snapshot(screener.policy_for(config), item.evaluation.as_of)
    for code in sorted(set(policy_now["rules"]) | set(record["policy"]["rules"])):
        now_rule, then_rule = policy_now["rules"].get(code), record["policy"]["rules"].get(code)
        if now_rule is None or then_rule is None or _without_origins(now_rule) != _without_origins(then_rule):
            changes.append(("policy", f"rule {code} differs"))
    settings_then = record["policy"].get("settings", {})
    for name in sorted(set(policy_now["settings"]) | set(settings_then)):
        now_value, then_value = policy_now["settings"].get(name), settings_then.get(name)
        if (now_value or {}).get("value") != (then_value or {}).get("value"):
            changes.append(("policy", f"setting {name} differs"))
    now = [finding_data(f, "sv") for f in item.evaluation.findings]
    then_set, now_set = _finding_keys(record["findings"]), _finding_keys(now)
    for gone in sorted(then_set - now_set):
        changes.append(("outcome", f"finding no longer given: {_describe(gone)}"))
    for new in sorted(now_set - then_set):
        changes.append(("outcome", f"new finding: {_describe(new)}"))
    if item.evaluation.verdict.value != record["verdict"]:
        changes.append(("outcome", f"verdict {record['verdict']} -> {item.evaluation.verdict.value}"))
    reproduced = not any(area == "outcome" for area, _ in changes)
    return Verification(reproduced, tuple(changes))
