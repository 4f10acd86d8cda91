"""Decision records: everything needed to explain and reproduce a verdict years later.

A record is a JSON file per document, fit for the registry (diariet): the sha256 of every
input file, the resolved policy with every parameter value and its source, the packs and
their versions, the engine version, the as-of date, the findings, the waivers applied and
the verdict. It proves itself: ``integrity.sha256`` is the sha256 of its own canonical
content, and ``integrity.hmac_sha256`` an HMAC of it when a key is set
(``FINSAM_RECORD_KEY`` or ``FINSAM_RECORD_KEY_FILE``).

:class:`Recorder` is the one code path that writes records (``screen`` and ``report``):
one record per document, names disambiguated deterministically, each written atomically.
:func:`verify` checks a record's integrity, re-runs the evaluation it describes, builds the
record again and compares the two by meaning (never by rendered message text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules import __version__
from finsam_rules.i18n import t
from finsam_rules.outputs import EXIT_UNWRITABLE, OutputError, Outputs, sha256_of
from finsam_rules.render.common import dumps, finding_data, plain

if TYPE_CHECKING:
    from finsam_rules.engine import Evaluation
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.plugins import Registry
    from finsam_rules.policy import Policy
    from finsam_rules.screening import Screened, Screener

RECORD_VERSION = 2
KEY_ENV = "FINSAM_RECORD_KEY"
KEY_FILE_ENV = "FINSAM_RECORD_KEY_FILE"
KEY_FILE_LIMIT = 4096
RECORD_LIMIT = 50_000_000
NAME_LIMIT = 80

#: Ids made of these characters (starting with a letter or digit) name their record
#: directly, ``/`` becoming ``_``; since such ids hold no ``_``, the mapping is one to one.
PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]*")


@attrs.frozen
class Text:
    """A message of records and ``record verify``, rendered in either language; values may
    be texts themselves."""

    key: str
    values: tuple[tuple[str, str | Text], ...] = ()

    def line(self, lang: str) -> str:
        """The message in ``lang``."""
        values = {k: v.line(lang) if isinstance(v, Text) else v for k, v in self.values}
        return t(f"record_{self.key}", lang, **values)


def _m(key: str, **values: object) -> Text:
    return Text(key, tuple((k, v if isinstance(v, Text) else str(v)) for k, v in values.items()))


class RecordError(Exception):
    """A file that is not a readable decision record, or a key that cannot be used."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.line("en"))
        self.text = text

    def line(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.text.line(lang)


#: (area, what differs); areas: integrity, inputs, policy, engine, outcome.
Change = tuple[str, Text]


def sha256(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return sha256_of(path)


# -- integrity --------------------------------------------------------------------------------


def record_key(environ: Mapping[str, str] | None = None) -> bytes | None:
    """The HMAC key: ``FINSAM_RECORD_KEY`` (the key itself) or ``FINSAM_RECORD_KEY_FILE``
    (a file holding it; surrounding whitespace is ignored); ``None`` when neither is set."""
    env = os.environ if environ is None else environ
    text, file = env.get(KEY_ENV), env.get(KEY_FILE_ENV)
    if text and file:
        raise RecordError(_m("key_both", env=KEY_ENV, file_env=KEY_FILE_ENV))
    if text:
        return text.encode("utf-8")
    if not file:
        return None
    path, setting = Path(file), f"{KEY_FILE_ENV}={file}"
    try:
        if not path.is_file():
            raise RecordError(_m("key_not_a_file", setting=setting))
        if path.stat().st_size > KEY_FILE_LIMIT:
            raise RecordError(_m("key_too_large", setting=setting, limit=KEY_FILE_LIMIT))
        key = path.read_bytes().strip()
    except OSError as exc:
        raise RecordError(_m("key_unreadable", setting=setting, error=exc.strerror or exc)) from None
    if not key:
        raise RecordError(_m("key_empty", setting=setting))
    return key


def canonical_bytes(record: Mapping[str, Any]) -> bytes:
    """A record's content without its ``integrity``, as the bytes that are hashed: JSON with
    sorted keys, no spaces, UTF-8."""
    content = {k: v for k, v in record.items() if k != "integrity"}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal(record: dict[str, Any], key: bytes | None) -> dict[str, Any]:
    """The record with its ``integrity``: the sha256 of its content, and the HMAC with
    ``key`` if one is given."""
    content = canonical_bytes(record)
    integrity = {"sha256": hashlib.sha256(content).hexdigest()}
    if key is not None:
        integrity["hmac_sha256"] = hmac.new(key, content, hashlib.sha256).hexdigest()
    return {**record, "integrity": integrity}


def integrity_problems(record: Mapping[str, Any], key: bytes | None) -> list[Text]:
    """What is wrong with a record's proof of itself (empty when it is intact)."""
    integrity = record.get("integrity")
    if not isinstance(integrity, dict):
        return [_m("no_hash", version=record.get("record_version"))]
    problems = []
    if record.get("record_version") == 1:
        problems.append(_m("version_1_hash"))
    content = canonical_bytes(record)
    if integrity.get("sha256") != hashlib.sha256(content).hexdigest():
        problems.append(_m("sha_mismatch"))
    stored = integrity.get("hmac_sha256")
    if key is None:
        if stored is not None:
            problems.append(_m("hmac_without_key", env=KEY_ENV, file_env=KEY_FILE_ENV))
    elif stored is None:
        problems.append(_m("no_hmac"))
    elif not isinstance(stored, str) or not hmac.compare_digest(
        stored, hmac.new(key, content, hashlib.sha256).hexdigest()
    ):
        problems.append(_m("hmac_mismatch"))
    return problems


# -- content ----------------------------------------------------------------------------------


def _file_entry(path: Path | None) -> dict[str, str] | None:
    """A file as a record holds it: its absolute path and sha256."""
    if path is None:
        return None
    return {"path": str(Path(path).resolve()), "sha256": sha256(path)}


def _option(path: Path | None) -> str | None:
    return str(Path(path).resolve()) if path is not None else None


def _without_origins(rule: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's policy snapshot without where values came from, which may be spelled
    differently (relative or absolute) without the policy being any different."""
    params = {
        name: {k: v for k, v in value.items() if k != "origin"}
        for name, value in rule.get("params", {}).items()
    }
    return {**rule, "params": params}


def policy_snapshot(policy: Policy, as_of: dt.date) -> dict[str, Any]:
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


def packs_snapshot(registry: Registry) -> list[dict[str, str]]:
    """The loaded packs and their versions."""
    return [
        {"name": p.name, "version": p.version} for p in sorted(registry.packs.values(), key=lambda p: p.name)
    ]


@attrs.frozen
class RecordInputs:
    """What one record is made of: the evaluation and every input and option behind it."""

    document_path: Path
    evaluation: Evaluation
    policy: Policy
    association_path: Path | None = None
    application_path: Path | None = None
    waivers_path: Path | None = None
    policy_option: Path | None = None
    association_option: Path | None = None
    portfolio_option: Path | None = None
    as_of_option: dt.date | None = None


def record_data(registry: Registry, inputs: RecordInputs) -> dict[str, Any]:
    """The record of one evaluation (without its integrity; see :func:`seal`)."""
    evaluation = inputs.evaluation
    waived = [plain(f.waived_by.data()) for f in evaluation.findings if f.waived_by is not None]
    document = _file_entry(inputs.document_path) or {}
    return {
        "record_version": RECORD_VERSION,
        "engine": {"name": "finsam-rules", "version": __version__},
        "packs": packs_snapshot(registry),
        "document": {"id": evaluation.id, "kind": evaluation.kind, **document},
        "inputs": {
            "association": _file_entry(inputs.association_path),
            "application": _file_entry(inputs.application_path),
            "waivers": _file_entry(inputs.waivers_path),
            "policy_option": _option(inputs.policy_option),
            "association_option": _option(inputs.association_option),
            "portfolio_option": _option(inputs.portfolio_option),
            "as_of_option": inputs.as_of_option.isoformat() if inputs.as_of_option else None,
        },
        "as_of": evaluation.as_of.isoformat(),
        "policy": policy_snapshot(inputs.policy, evaluation.as_of),
        "findings": [finding_data(f, "sv") for f in evaluation.findings],
        "waivers_applied": waived,
        "verdict": evaluation.verdict.value,
    }


def screened_inputs(
    item: Screened,
    screener: Screener,
    *,
    waivers_path: Path | None,
    association_option: Path | None,
    portfolio_option: Path | None,
) -> RecordInputs:
    """The inputs of a document screened by ``screener``: its portfolio's association and
    policy as the screener's portfolio context found them, and the application a report
    was judged against."""
    assert item.evaluation is not None
    context = screener.context_of(item.path)
    return RecordInputs(
        document_path=item.path,
        evaluation=item.evaluation,
        policy=screener.policy_for(context.policy_path),
        association_path=context.association_path,
        application_path=screener.application_path(item),
        waivers_path=waivers_path,
        policy_option=screener.policy_path,
        association_option=association_option,
        portfolio_option=portfolio_option,
        as_of_option=screener.as_of,
    )


# -- names ------------------------------------------------------------------------------------


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def record_name(document_id: str) -> str:
    """The file name of a document's record, from its id alone.

    An id of letters, digits, ``.``, ``-`` and ``/`` names its record directly (``2016/0012``
    gives ``2016_0012.json``). Any other id (``_``, spaces, non-ASCII letters) or a long one
    gives a readable part and ``~`` with a hash of the whole id; no direct name contains
    ``~``, so two different ids never get the same name.
    """
    if PLAIN_ID.fullmatch(document_id) and len(document_id) <= NAME_LIMIT:
        return document_id.replace("/", "_") + ".json"
    readable = re.sub(r"[^A-Za-z0-9.-]+", "_", document_id).strip("_.-")[:60] or "document"
    return f"{readable}~{_digest(document_id, 16)}.json"


def _existing_record(path: Path) -> dict[str, Any] | None:
    """The record at ``path`` if it is one (an object with ``record_version``)."""
    try:
        if not path.is_file() or path.stat().st_size > RECORD_LIMIT:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and "record_version" in data else None


@attrs.define
class Recorder:
    """Writes one record per document into a folder: the one writer of records.

    A name already taken in this run by another document, or on disk by the record of
    another document, is disambiguated with ``~`` and a hash of the id and the document's
    content (then ``-2``, ``-3`` ... for identical copies), which depends only on the inputs;
    each disambiguation is reported through ``notice``.
    """

    folder: Path
    registry: Registry
    outputs: Outputs
    key: bytes | None = None
    lang: str = "sv"
    notice: Callable[[str], None] = print
    _taken: dict[str, tuple[str, str, str]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        self.outputs.check_folder(self.folder)

    def _owner(self, name: str, me: tuple[str, str, str]) -> str | None:
        """Who holds ``name`` other than this document (its path), or ``None`` if free."""
        owner = self._taken.get(name.casefold())
        if owner is not None:
            return None if owner[:2] == me[:2] else owner[1]
        existing = self.folder / name
        if not existing.exists():
            return None
        record = _existing_record(existing)
        if record is None:
            return None  # not a record: refused below unless --force
        document = record.get("document")
        if not isinstance(document, dict) or document.get("id") != me[0]:
            return str(existing)
        if document.get("path") == me[1]:  # the record of this very file, from an earlier run
            return None
        return str(existing)

    def _name(self, document_id: str, path: str, digest: str) -> str:
        me = (document_id, path, digest)
        base = record_name(document_id)
        stem = base.removesuffix(".json")
        suffix = _digest(f"{document_id}\0{digest}", 10)
        candidates = itertools.chain(
            [base, f"{stem}~{suffix}.json"], (f"{stem}~{suffix}-{n}.json" for n in range(2, 10_000))
        )
        first_owner = None
        for name in candidates:
            owner = self._owner(name, me)
            if owner is None:
                if name != base:
                    self.notice(
                        t(
                            "output_record_renamed",
                            self.lang,
                            id=document_id,
                            path=path,
                            name=name,
                            other=first_owner,
                        )
                    )
                elif "~" in name:
                    self.notice(t("output_record_hashed", self.lang, id=document_id, path=path, name=name))
                self._taken[name.casefold()] = me
                return name
            first_owner = first_owner or owner
        raise OutputError("write_failed", EXIT_UNWRITABLE, path=self.folder / base, error="no free name")

    def record(self, inputs: RecordInputs) -> Path:
        """Write the record of one evaluation atomically; return its path. Raises
        :class:`OutputError` when the record cannot be written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                "write_failed", EXIT_UNWRITABLE, path=self.folder, error=exc.strerror or exc
            ) from None
        data = seal(record_data(self.registry, inputs), self.key)
        document = data["document"]
        target = self.folder / self._name(document["id"], document["path"], document["sha256"])
        replaceable = _existing_record(target) is not None
        try:
            self.outputs.check_in_folder(target, replaceable)
        except OutputError as exc:
            raise OutputError(exc.key, EXIT_UNWRITABLE, **exc.values) from None
        self.outputs.write_record(target, dumps(data) + "\n")
        return target


# -- verification -----------------------------------------------------------------------------


@attrs.frozen
class Verification:
    """The outcome of checking and re-running a record."""

    intact: bool  # the record's own hash (and HMAC) match its content
    reproduced: bool  # the same findings, verdict and as-of date
    changes: tuple[Change, ...]

    @property
    def ok(self) -> bool:
        """Nothing differs at all."""
        return self.intact and not self.changes


def _expect(value: Any, kind: type, where: str, what: str) -> None:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise RecordError(_m("expected", where=where, what=_m(f"what_{what}")))


def _text(value: Any, where: str, nullable: bool = False) -> None:
    if nullable and value is None:
        return
    _expect(value, str, where, "text_or_null" if nullable else "text")
    if "\x00" in value:
        raise RecordError(_m("nul", where=where))


def _field(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise RecordError(_m("missing_key", where=f"{where}.{key}"))
    return data[key]


def _file(value: Any, where: str, nullable: bool = True) -> None:
    if nullable and value is None:
        return
    _expect(value, dict, where, "file")
    _text(_field(value, "path", where), f"{where}.path")
    _text(_field(value, "sha256", where), f"{where}.sha256")


def _date(value: Any, where: str, nullable: bool = False) -> None:
    _text(value, where, nullable)
    if value is not None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise RecordError(_m("expected", where=where, what=_m("what_date"))) from None


def check_shape(record: Any) -> None:
    """Raise :class:`RecordError` naming the key path of the first thing that keeps
    ``record`` from being a decision record."""
    _expect(record, dict, "$", "object")
    version = _field(record, "record_version", "$")
    _expect(version, int, "$.record_version", "whole_number")
    if version not in (1, RECORD_VERSION):
        raise RecordError(_m("unknown_version", version=version))
    engine = _field(record, "engine", "$")
    _expect(engine, dict, "$.engine", "object")
    _text(_field(engine, "version", "$.engine"), "$.engine.version")
    packs = _field(record, "packs", "$")
    _expect(packs, list, "$.packs", "list")
    for i, pack in enumerate(packs):
        _expect(pack, dict, f"$.packs[{i}]", "object")
        _text(_field(pack, "name", f"$.packs[{i}]"), f"$.packs[{i}].name")
        _text(_field(pack, "version", f"$.packs[{i}]"), f"$.packs[{i}].version")
    document = _field(record, "document", "$")
    _file(document, "$.document", nullable=False)
    _text(_field(document, "id", "$.document"), "$.document.id")
    _text(_field(document, "kind", "$.document"), "$.document.kind")
    inputs = _field(record, "inputs", "$")
    _expect(inputs, dict, "$.inputs", "object")
    for name in ("association", "waivers"):
        _file(_field(inputs, name, "$.inputs"), f"$.inputs.{name}")
    _file(inputs.get("application"), "$.inputs.application")
    for name in ("policy_option", "association_option", "portfolio_option"):
        _text(inputs.get(name), f"$.inputs.{name}", nullable=True)
    _date(_field(inputs, "as_of_option", "$.inputs"), "$.inputs.as_of_option", nullable=True)
    _date(_field(record, "as_of", "$"), "$.as_of")
    policy = _field(record, "policy", "$")
    _expect(policy, dict, "$.policy", "object")
    files = _field(policy, "files", "$.policy")
    _expect(files, list, "$.policy.files", "list")
    for i, entry in enumerate(files):
        _file(entry, f"$.policy.files[{i}]", nullable=False)
    rules = _field(policy, "rules", "$.policy")
    _expect(rules, dict, "$.policy.rules", "object")
    for code, rule in rules.items():
        _expect(rule, dict, f"$.policy.rules.{code}", "object")
        _expect(rule.get("params", {}), dict, f"$.policy.rules.{code}.params", "object")
        for name, value in rule.get("params", {}).items():
            _expect(value, dict, f"$.policy.rules.{code}.params.{name}", "object")
    settings = policy.get("settings", {})  # optional: records before settings existed
    _expect(settings, dict, "$.policy.settings", "object")
    for name, value in settings.items():
        _expect(value, dict, f"$.policy.settings.{name}", "object")
    findings = _field(record, "findings", "$")
    _expect(findings, list, "$.findings", "list")
    for i, finding in enumerate(findings):
        where = f"$.findings[{i}]"
        _expect(finding, dict, where, "object")
        for key in ("code", "severity", "status"):
            _text(_field(finding, key, where), f"{where}.{key}")
        _text(finding.get("subject", ""), f"{where}.subject")
        for key in ("parameters", "figures"):
            _expect(finding.get(key, {}), dict, f"{where}.{key}", "object")
    waived = _field(record, "waivers_applied", "$")
    _expect(waived, list, "$.waivers_applied", "list")
    for i, waiver in enumerate(waived):
        _expect(waiver, dict, f"$.waivers_applied[{i}]", "object")
    _text(_field(record, "verdict", "$"), "$.verdict")
    if version >= 2:
        _expect(_field(record, "integrity", "$"), dict, "$.integrity", "object")


def read_record(path: Path) -> dict[str, Any]:
    """Read and check the shape of a record; :class:`RecordError` says what is wrong."""
    try:
        if not path.is_file():
            raise RecordError(_m("not_a_file" if path.exists() else "not_found"))
        if path.stat().st_size > RECORD_LIMIT:
            raise RecordError(_m("too_large", limit=RECORD_LIMIT))
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise RecordError(_m("os_error", error=exc.strerror or exc)) from None
    except UnicodeDecodeError as exc:
        raise RecordError(_m("not_utf8", byte=exc.start)) from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise RecordError(_m("too_deep")) from None
    except ValueError as exc:
        raise RecordError(_m("not_json", error=exc)) from None
    check_shape(data)
    record: dict[str, Any] = data
    return record


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _meaning(finding: Mapping[str, Any]) -> dict[str, Any]:
    """What a finding means, for comparison: never its rendered message."""
    return {
        "code": finding.get("code"),
        "severity": finding.get("severity"),
        "status": finding.get("status"),
        "subject": finding.get("subject", ""),
        "figures": finding.get("figures", {}),
        "parameters": finding.get("parameters", {}),
        "waived": finding.get("waiver"),
        "pack": finding.get("pack", ""),
    }


def _describe(finding: Mapping[str, Any]) -> Text:
    state = finding["severity"] + (f", {finding['status']}" if finding["status"] != "finding" else "")
    subject = f" ({finding['subject']})" if finding.get("subject") else ""
    message = finding.get("message")
    return _m(
        "finding_waived" if finding.get("waiver") else "finding",
        code=finding["code"] + subject,
        state=state,
        message=f" {message}" if isinstance(message, str) else "",
    )


FIELD_KEYS = {"severity": "severity", "status": "status", "waived": "waived_state", "pack": "pack"}


def _compare_findings(then: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[Change]:
    changes: list[Change] = []
    then_left = {i: _canon(_meaning(f)) for i, f in enumerate(then)}
    now_left = {i: _canon(_meaning(f)) for i, f in enumerate(now)}
    for i, key in list(then_left.items()):  # identical findings, as a multiset
        match = next((j for j, other in now_left.items() if other == key), None)
        if match is not None:
            del then_left[i], now_left[match]
    for i in list(then_left):  # the same finding with changed details: list each field
        a = then[i]
        match = next(
            (
                j
                for j in now_left
                if (now[j].get("code"), now[j].get("subject", "")) == (a["code"], a.get("subject", ""))
            ),
            None,
        )
        if match is None:
            continue
        del then_left[i], now_left[match]
        ma, mb = _meaning(a), _meaning(now[match])
        label = a["code"] + (f" ({a['subject']})" if a.get("subject") else "")
        for field in ("severity", "status", "waived", "pack"):
            if _canon(ma[field]) != _canon(mb[field]):
                then_value, now_value = _canon(ma[field]), _canon(mb[field])
                changes.append(
                    (
                        "outcome",
                        _m(f"finding_{FIELD_KEYS[field]}", label=label, then=then_value, now=now_value),
                    )
                )
        for field in ("figures", "parameters"):
            for name in sorted(set(ma[field]) | set(mb[field])):
                va = _canon(ma[field][name]) if name in ma[field] else _m("none")
                vb = _canon(mb[field][name]) if name in mb[field] else _m("none")
                if va != vb:
                    text = _m(f"finding_{field[:-1]}", label=label, name=name, then=va, now=vb)
                    changes.append(("outcome", text))
    for i in then_left:
        changes.append(("outcome", _m("finding_gone", finding=_describe(then[i]))))
    for j in now_left:
        changes.append(("outcome", _m("finding_new", finding=_describe(now[j]))))
    return changes


def _compare_file(label: str, then: Mapping[str, str] | None, now: Mapping[str, str] | None) -> list[Change]:
    if then is None and now is None:
        return []
    if then is None or now is None or then["path"] != now["path"]:
        was = then["path"] if then else _m("none")
        is_now = now["path"] if now else _m("none")
        return [("inputs", _m("file_moved", label=_m(f"file_{label}"), then=was, now=is_now))]
    if then["sha256"] != now["sha256"]:
        return [("inputs", _m("file_changed", path=then["path"]))]
    return []


def _compare_rules(then: Mapping[str, Any], now: Mapping[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for code in sorted(set(then) | set(now)):
        a, b = then.get(code), now.get(code)
        if a is None or b is None:
            changes.append(
                ("policy", _m("rule_not_recorded" if a is None else "rule_unknown_now", code=code))
            )
            continue
        a, b = _without_origins(a), _without_origins(b)
        if a == b:
            continue
        details = [
            f"{k} {_canon(a.get(k))} -> {_canon(b.get(k))}"
            for k in sorted(set(a) | set(b))
            if k != "params" and a.get(k) != b.get(k)
        ]
        for name in sorted(set(a["params"]) | set(b["params"])):
            pa, pb = a["params"].get(name), b["params"].get(name)
            if pa != pb:
                va = _canon(pa.get("value")) if isinstance(pa, dict) else "(none)"
                vb = _canon(pb.get("value")) if isinstance(pb, dict) else "(none)"
                details.append(f"{name} {va} -> {vb}" if va != vb else f"{name} (source, valid_from)")
        changes.append(("policy", _m("rule_differs", code=code, details="; ".join(details))))
    return changes


def compare(then: Mapping[str, Any], now: Mapping[str, Any]) -> list[Change]:
    """Every difference in meaning between a stored record and the one built again."""
    changes: list[Change] = []
    te, ne = then["engine"], now["engine"]
    if te.get("name", "finsam-rules") != ne["name"] or te["version"] != ne["version"]:
        changes.append(("engine", _m("engine", then=te["version"], now=ne["version"])))
    then_packs = {p["name"]: p["version"] for p in then["packs"]}
    now_packs = {p["name"]: p["version"] for p in now["packs"]}
    for name in sorted(set(now_packs) | set(then_packs)):
        if now_packs.get(name) != then_packs.get(name):
            was, is_now = then_packs.get(name, _m("none")), now_packs.get(name, _m("none"))
            changes.append(("engine", _m("pack", name=name, then=was, now=is_now)))
    td, nd = then["document"], now["document"]
    changes += _compare_file("document", td, nd)
    for key in ("id", "kind"):
        if td[key] != nd[key]:
            changes.append(("inputs", _m(f"document_{key}", then=td[key], now=nd[key])))
    for name in ("association", "application", "waivers"):
        changes += _compare_file(name, then["inputs"].get(name), now["inputs"].get(name))
    tp, np_ = then["policy"], now["policy"]
    if tp.get("name") != np_.get("name"):
        changes.append(("policy", _m("policy_name", then=tp.get("name"), now=np_.get("name"))))
    then_files = {f["path"]: f["sha256"] for f in tp["files"]}
    now_files = {f["path"]: f["sha256"] for f in np_["files"]}
    for path in sorted(set(then_files) | set(now_files)):
        if path not in now_files:
            changes.append(("policy", _m("policy_file_gone", path=path)))
        elif path not in then_files:
            changes.append(("policy", _m("policy_file_new", path=path)))
        elif then_files[path] != now_files[path]:
            changes.append(("inputs", _m("file_changed", path=path)))
    if [f["path"] for f in tp["files"]] != [f["path"] for f in np_["files"]] and set(then_files) == set(
        now_files
    ):
        changes.append(("policy", _m("policy_order")))
    changes += _compare_rules(tp["rules"], np_["rules"])
    then_settings, now_settings = tp.get("settings", {}), np_.get("settings", {})
    for name in sorted(set(then_settings) | set(now_settings)):
        # As for a rule's parameters: the value, its source and since when; not the spelling
        # of the file it came from.
        was = {k: v for k, v in (then_settings.get(name) or {}).items() if k != "origin"}
        is_now = {k: v for k, v in (now_settings.get(name) or {}).items() if k != "origin"}
        if was != is_now:
            changes.append(("policy", _m("setting", name=name)))
    if then["as_of"] != now["as_of"]:
        changes.append(("outcome", _m("as_of", then=then["as_of"], now=now["as_of"])))
    changes += _compare_findings(then["findings"], now["findings"])
    then_waived = sorted(_canon(w) for w in then["waivers_applied"])
    now_waived = sorted(_canon(w) for w in now["waivers_applied"])
    if then_waived != now_waived:
        for w in sorted(set(then_waived) - set(now_waived)):
            changes.append(("outcome", _m("waiver_gone", waiver=w)))
        for w in sorted(set(now_waived) - set(then_waived)):
            changes.append(("outcome", _m("waiver_new", waiver=w)))
        if set(then_waived) == set(now_waived):
            changes.append(("outcome", _m("waiver_count")))
    if then["verdict"] != now["verdict"]:
        changes.append(("outcome", _m("verdict", then=then["verdict"], now=now["verdict"])))
    return changes


def _error_lines(exc: InputError | PolicyError, lang: str) -> list[str]:
    from finsam_rules.errors import InputError

    return exc.lines(lang) if isinstance(exc, InputError) else [exc.line(lang)]


def _missing(entries: list[Mapping[str, str] | None]) -> list[Change]:
    return [
        ("inputs", _m("file_missing", path=e["path"]))
        for e in entries
        if e is not None and not Path(e["path"]).is_file()
    ]


def verify(record_path: Path, registry: Registry, key: bytes | None = None) -> Verification:
    """Check a record's integrity, re-run the evaluation it describes with the same
    options, and compare the record built now with the stored one by meaning. Raises
    :class:`RecordError` for a file that is not a decision record."""
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.screening import Screener
    from finsam_rules.waivers import load_waivers

    record = read_record(record_path)
    problems = integrity_problems(record, key)
    changes: list[Change] = [("integrity", p) for p in problems]
    intact = not problems
    inputs = record["inputs"]
    options = {
        name: inputs.get(name)
        for name in ("policy_option", "association_option", "portfolio_option")
        if inputs.get(name) is not None
    }
    if record["record_version"] == 1 and inputs["association"]:  # v1 gave the association as found
        options["association_option"] = inputs["association"]["path"]
    option_entries = [{"path": p, "sha256": ""} for n, p in options.items() if n != "portfolio_option"]
    missing = _missing([record["document"], inputs["waivers"], *option_entries])
    if missing:
        return Verification(intact, False, tuple(changes + missing))

    def path(name: str) -> Path | None:
        return Path(options[name]) if name in options else None

    as_of = dt.date.fromisoformat(inputs["as_of_option"]) if inputs["as_of_option"] else None
    screener = Screener(
        registry, policy_path=path("policy_option"), association_path=path("association_option"), as_of=as_of
    )
    doc_path = Path(record["document"]["path"])
    try:
        impact = None
        portfolio = path("portfolio_option")
        if portfolio is not None:
            from finsam_rules.board import ImpactAssessor

            impact = ImpactAssessor.load(portfolio, registry, path("policy_option"))
            screener.judge_in(impact.portfolio)
        waivers = load_waivers(Path(inputs["waivers"]["path"])) if inputs["waivers"] else None
        results = list(screener.screen([doc_path]))
    except (InputError, PolicyError) as exc:
        for sv, en in zip(*(_error_lines(exc, lang) for lang in ("sv", "en")), strict=True):
            changes.append(("inputs", _m("input_error", sv=sv, en=en)))
        return Verification(intact, False, tuple(changes))
    item = next((r for r in results if r.evaluation is not None), None)
    if item is None:
        changes.append(("inputs", _m("not_evaluated", path=doc_path)))
        for error in (r.error for r in results if r.error is not None):
            for sv, en in zip(*(_error_lines(error, lang) for lang in ("sv", "en")), strict=True):
                changes.append(("inputs", _m("input_error", sv=sv, en=en)))
        return Verification(intact, False, tuple(changes))
    if impact is not None:
        item = impact.attach(item)
    if waivers is not None:
        item = waivers.apply(item)
    now = record_data(
        registry,
        screened_inputs(
            item,
            screener,
            waivers_path=Path(inputs["waivers"]["path"]) if inputs["waivers"] else None,
            association_option=path("association_option"),
            portfolio_option=path("portfolio_option"),
        ),
    )
    changes += compare(record, now)
    reproduced = not any(area == "outcome" for area, _ in changes)
    return Verification(intact, reproduced, tuple(changes))
