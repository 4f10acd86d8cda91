"""The plugin manager: finds rule packs through entry points and collects their rules.

Every pack, the standard one included, is found through the entry-point group
``finsam_rules``; nothing is special about being built in. Set ``FINSAM_RULES_PLUGINS`` to a
comma-separated list of pack (distribution) names to load only those; set it to an empty
string to load none.

A pack that fails in any way while it loads (its import or a hook raises anything, even
``SystemExit``, runs past the time limit, or registers what is no rule) is recorded in
:attr:`Registry.load_errors` with the pack named and is left out whole, rules and policy
files; the run goes on without it, and every document gets a *not evaluated* ``PACK``
finding (``--strict`` in the CLI makes it fatal). What a pack prints while it loads is
shown on standard error (see :mod:`finsam_rules.isolation`). Two packs claiming the same
rule code are rejected with both named.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import attrs
import pluggy

from finsam_rules import hookspecs, i18n
from finsam_rules.errors import PluginError
from finsam_rules.formatting import LANGS
from finsam_rules.isolation import PackCodeFailed, call, freeze
from finsam_rules.rules import Explanation, Param, Rule, Scope, Severity, Source, SourceKind

ENTRY_POINT_GROUP = "finsam_rules"
ENV_VAR = "FINSAM_RULES_PLUGINS"
#: A rule code: two (to four) capital letters and three digits, e.g. ``EX002``.
CODE_PATTERN = re.compile(r"[A-Z]{2,4}[0-9]{3}")
T = TypeVar("T")


@attrs.frozen
class PackInfo:
    """An installed pack: its distribution name and version, and its modules."""

    name: str
    version: str
    modules: tuple[str, ...]


@attrs.frozen
class LoadError:
    """A pack or hook that failed; shown to the user, never as a traceback."""

    pack: str
    what: str
    error: str


@attrs.define
class Registry:
    """The rules and policy files of every loaded pack."""

    rules: dict[str, Rule] = attrs.field(factory=dict)
    policy_files: list[tuple[str, Traversable | Path]] = attrs.field(factory=list)
    form_mappings: list[tuple[str, Traversable | Path]] = attrs.field(factory=list)
    packs: dict[str, PackInfo] = attrs.field(factory=dict)
    load_errors: list[LoadError] = attrs.field(factory=list)
    #: Named policy settings (``register_settings``): name -> declaration, and its pack.
    settings: dict[str, Param] = attrs.field(factory=dict)
    setting_packs: dict[str, str] = attrs.field(factory=dict)

    def sorted_rules(self) -> list[Rule]:
        """All rules, ordered by code."""
        return [self.rules[code] for code in sorted(self.rules)]

    def rules_of_pack(self, pack: str) -> list[Rule]:
        """The rules one pack contributes, ordered by code."""
        return [r for r in self.sorted_rules() if r.pack == pack]


def _wanted_packs() -> set[str] | None:
    value = os.environ.get(ENV_VAR)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


# -- entry points, found without importing importlib.metadata -------------------------------
# importlib.metadata (with email, zipfile, csv and the rest) takes longer to import than
# click; a command that loads the packs reads the same files here instead: each folder on
# sys.path, its ``*.dist-info`` and ``*.egg-info`` folders in the order importlib lists them
# (the first distribution of a name wins), each one's entry_points.txt and the headers of
# its METADATA. Anything this does not cover (a zip or egg on the path, a finder of its own
# that knows distributions, metadata without a name or version) is left to importlib.
# ``tests/test_startup.py`` checks that both find the same.

#: How importlib.metadata reads an entry point's value (``module:attr [extras]``).
_EP_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@attrs.frozen
class EntryPoint:
    """An entry point of a pack: its name and ``module:attr`` value, loaded as
    importlib.metadata loads one."""

    name: str
    value: str

    @property
    def module(self) -> str:
        """The module the entry point names."""
        match = _EP_PATTERN.match(self.value)
        if match is None:
            raise ValueError(f"not an entry point value: {self.value!r}")
        return match.group("module")

    def load(self) -> object:
        """Import the module (pack code runs here) and give the named attribute."""
        import importlib

        match = _EP_PATTERN.match(self.value)
        if match is None:
            raise ValueError(f"not an entry point value: {self.value!r}")
        module: object = importlib.import_module(match.group("module"))
        for name in filter(None, (match.group("attr") or "").split(".")):
            module = getattr(module, name)
        return module


def _entry_points() -> list[tuple[EntryPoint, str, str]]:
    """The packs' entry points with their pack (distribution) name and version, ordered by
    pack and entry point; no pack's code is imported here."""
    found = _scan_entry_points()
    if found is None:
        found = _metadata_entry_points()
    return sorted(found, key=lambda row: (row[1], row[0].name))


def _metadata_entry_points() -> list[tuple[EntryPoint, str, str]]:
    """The entry points as importlib.metadata finds them (each distribution's metadata
    headers read once)."""
    from importlib import metadata

    known: dict[int, tuple[str, str]] = {}
    rows: list[tuple[EntryPoint, str, str]] = []
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        if dist is None:  # pragma: no cover - importlib always gives the distribution
            rows.append((EntryPoint(ep.name, ep.value), ep.module, "0"))
            continue
        if id(dist) not in known:
            text = dist.read_text("METADATA") or dist.read_text("PKG-INFO")
            named = _name_and_version(text) if text else None
            known[id(dist)] = named or (dist.name, dist.version)
        rows.append((EntryPoint(ep.name, ep.value), *known[id(dist)]))
    return rows


def _scan_entry_points() -> list[tuple[EntryPoint, str, str]] | None:
    """The entry points read from the distributions' folders on sys.path, or ``None`` when
    importlib.metadata must decide (see the notes above)."""
    import sys
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return None
    seen: set[str] = set()
    rows: list[tuple[EntryPoint, str, str]] = []
    for entry in sys.path:
        root = entry or "."
        if os.path.basename(root).lower().endswith(".egg"):  # an egg on the path
            return None
        try:
            children = os.listdir(root)
        except OSError:
            if os.path.exists(root):  # a zip on the path
                return None
            continue
        for child in children:
            if not child.lower().endswith((".dist-info", ".egg-info")):
                continue
            key = re.sub(r"[-_.]+", "-", os.path.splitext(child)[0].partition("-")[0]).lower()
            if key in seen:
                continue
            seen.add(key)
            folder = os.path.join(root, child)
            pairs = _group_pairs(_read_text(folder, "entry_points.txt") or "")
            if pairs is None:  # a line importlib reads otherwise: it decides (and says how)
                return None
            if not pairs:
                continue
            text = _read_text(folder, "METADATA") or _read_text(folder, "PKG-INFO")
            named = _name_and_version(text) if text else None
            if named is None:
                return None
            rows.extend((EntryPoint(name, value), *named) for name, value in pairs)
    return rows


def _read_text(folder: str, name: str) -> str | None:
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _group_pairs(text: str) -> list[tuple[str, str]] | None:
    """The ``name = value`` lines of the ``finsam_rules`` section of an entry_points.txt,
    read as importlib.metadata reads them; ``None`` for a line in a section with no ``=``."""
    pairs: list[tuple[str, str]] = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        if "=" not in line:
            return None
        name, value = map(str.strip, line.split("=", 1))
        if section == ENTRY_POINT_GROUP:
            pairs.append((name, value))
    return pairs


def _name_and_version(text: str) -> tuple[str, str] | None:
    """A distribution's name and version from the headers of its metadata, if both are there.

    The headers are the lines before the first blank one, each ``Key: value``; a line that
    starts with white space continues the one before, and the first of a repeated key counts.
    Read here rather than with :mod:`email`, whose import costs more than reading every
    pack's metadata."""
    headers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.strip():
            break
        if line[0] in " \t":
            if current is not None:
                current.append(line)
            continue
        key, colon, value = line.partition(":")
        current = None
        if colon and key.strip().lower() not in headers:
            current = headers[key.strip().lower()] = [value.strip()]
    name = "\n".join(headers.get("name", [])).strip()
    version = "\n".join(headers.get("version", [])).strip()
    return (name, version) if name and version else None


def _make_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    return manager


def build_registry(extra_plugins: Iterable[tuple[str, ModuleType | object]] = ()) -> Registry:
    """Load every pack from entry points (and ``extra_plugins``) and collect its rules.

    ``extra_plugins`` are ``(pack_name, module)`` pairs registered after the entry points,
    for tests and for packs used without installing them.
    """
    registry = Registry()
    manager = _make_manager()
    wanted = _wanted_packs()
    owners: dict[str, str] = {}  # plugin name -> pack name
    entry_points = _entry_points()
    for ep, pack, version in entry_points:
        if wanted is not None and pack not in wanted:
            continue
        try:  # an installed pack must never take the run down, whatever it does
            call(functools.partial(_load, manager, ep, pack), pack, f"entry point {ep.name}")
        except PackCodeFailed as exc:
            registry.load_errors.append(LoadError(pack, f"entry point {ep.name}", exc.error))
            continue
        owners[f"{pack}:{ep.name}"] = pack
        info = registry.packs.get(pack)
        modules = (*(info.modules if info else ()), ep.value)
        registry.packs[pack] = PackInfo(pack, version, modules)
    if wanted:
        found = {pack for _ep, pack, _version in entry_points}
        for name in sorted(wanted - found):
            registry.load_errors.append(
                LoadError(name, f"{ENV_VAR}", "named but not installed (check the spelling)")
            )
    for pack, module in extra_plugins:
        name = f"{pack}:{getattr(module, '__name__', id(module))}"
        try:
            call(functools.partial(manager.register, module, name=name), pack, name)
        except PackCodeFailed as exc:
            registry.load_errors.append(LoadError(pack, name, exc.error))
            continue
        owners[name] = pack
        info = registry.packs.get(pack)
        registry.packs[pack] = PackInfo(
            pack, "0", (*(info.modules if info else ()), getattr(module, "__name__", "?"))
        )
    _collect(manager, owners, registry)
    return registry


def _load(manager: pluggy.PluginManager, ep: EntryPoint, pack: str) -> None:
    """Import an entry point's module and register its hooks (pack code runs here)."""
    module = ep.load()
    _check_hook_names(module)
    manager.register(module, name=f"{pack}:{ep.name}")


def _check_hook_names(module: object) -> None:
    """Refuse a module with a hook implementation whose name is no hook (a typo such as
    ``register_rule`` would otherwise load a pack with no rules and no error)."""
    known = {name for name in dir(hookspecs) if name.startswith("register_")}
    for name in dir(module):
        value = getattr(module, name, None)
        if hasattr(value, f"{hookspecs.PROJECT_NAME}_impl") and name not in known:
            raise ValueError(f"{name} is not a finsam_rules hook (known: {', '.join(sorted(known))})")


def _collect(manager: pluggy.PluginManager, owners: dict[str, str], registry: Registry) -> None:
    """Call every pack's hooks, check what each registers, and keep the packs that loaded
    whole: a pack with any load error contributes neither rules nor policy files."""
    rules = [
        (pack, rule)
        for pack, checked in _registrations(manager, owners, registry, "register_rules", _checked_rule)
        for rule in checked
    ]
    files = [
        (pack, file)
        for pack, found in _registrations(manager, owners, registry, "register_policy_files", _checked_file)
        for file in found
    ]
    failed = {error.pack for error in registry.load_errors}
    for pack, rule in rules:
        if pack in failed:
            continue
        if rule.code in registry.rules:
            other = registry.rules[rule.code].pack
            raise PluginError(i18n.texts("plugin.code_twice", code=rule.code, other=other, pack=pack))
        registry.rules[rule.code] = attrs.evolve(
            rule,
            pack=pack,
            title=freeze(rule.title),
            messages=freeze(rule.messages),
            explanation=freeze(rule.explanation),
        )
    registry.policy_files.extend((pack, file) for pack, file in files if pack not in failed)
    for pack, found in _registrations(
        manager, owners, registry, "register_form_mappings", _checked_file, skip=failed
    ):
        registry.form_mappings.extend((pack, file) for file in found)
    _collect_settings(manager, owners, registry, failed)
    _collect_words(manager, owners, registry, failed)


def _collect_words(
    manager: pluggy.PluginManager, owners: dict[str, str], registry: Registry, failed: set[str]
) -> None:
    """Collect every pack's words files (``register_words``): they become the catalogue's pack
    words in force, :data:`finsam_rules.i18n.PACK_WORDS`."""
    collected: dict[str, dict[str, str]] = {}
    word_owners: dict[str, str] = {}
    for pack, found in _registrations(
        manager, owners, registry, "register_words", _checked_file, skip=failed
    ):
        for file in found:
            try:
                data = tomllib.loads(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                registry.load_errors.append(LoadError(pack, "register_words", f"{file}: {exc}"))
                continue
            words, problems = i18n.parse_words(data, str(file))
            problems += i18n.merge_pack_words(pack, words, collected, word_owners)
            registry.load_errors.extend(LoadError(pack, "register_words", problem) for problem in problems)
    i18n.set_pack_words(collected, word_owners)


def _collect_settings(
    manager: pluggy.PluginManager, owners: dict[str, str], registry: Registry, failed: set[str]
) -> None:
    """Collect every pack's named policy settings; a name claimed twice stops loading."""
    for pack, declared in _registrations(
        manager, owners, registry, "register_settings", _checked_setting, skip=failed
    ):
        for setting in declared:
            if setting.name in registry.settings:
                other = registry.setting_packs[setting.name]
                raise PluginError(
                    i18n.texts("plugin.setting_twice", name=setting.name, other=other, pack=pack)
                )
            registry.settings[setting.name] = setting
            registry.setting_packs[setting.name] = pack


def _registrations(
    manager: pluggy.PluginManager,
    owners: dict[str, str],
    registry: Registry,
    hook: str,
    check: Callable[[object], T],
    skip: Collection[str] = (),
) -> Iterator[tuple[str, list[T]]]:
    """Each pack's checked registrations for ``hook``, in registration order, called inside
    the isolation (the checks read the pack's objects too). A pack whose hook fails gets a
    load error and is left out; the packs in ``skip`` are not called."""
    for impl in reversed(getattr(manager.hook, hook).get_hookimpls()):
        pack = owners.get(impl.plugin_name, impl.plugin_name)
        if pack in skip:
            continue
        try:
            found = call(functools.partial(_registered, impl, check), pack, hook)
        except PackCodeFailed as exc:
            registry.load_errors.append(LoadError(pack, hook, exc.error))
            continue
        yield pack, found


def _registered(impl: pluggy.HookImpl, check: Callable[[object], T]) -> list[T]:
    """Call one hook implementation and check each thing it registered."""
    got: list[object] = []
    impl.function(register=got.append)
    return [check(item) for item in got]


def _checked_rule(item: object) -> Rule:
    """``item`` if it is a rule the engine can run; else :class:`PackCodeFailed` saying why."""
    if not isinstance(item, Rule):
        what = "None" if item is None else f"a {type(item).__name__}"
        raise PackCodeFailed(f"register() was given {what}, not a rule (decorate it with @rule(...))")
    code = item.code
    if type(code) is not str or not CODE_PATTERN.fullmatch(code):
        shown = repr(code)[:40] if type(code) is str else f"a {type(code).__name__}"
        raise PackCodeFailed(f"rule code {shown} is not two capital letters and three digits (EX002)")
    problems = []
    if not isinstance(item.scope, Scope):
        problems.append("scope")
    if not isinstance(item.severity, Severity):
        problems.append("severity")
    if type(item.source) is not Source or not isinstance(item.source.kind, SourceKind):
        problems.append("source")
    if not callable(item.function):
        problems.append("function")
    if not _texts(item.title) or not isinstance(item.messages, Mapping):
        problems.append("title")
    elif not all(isinstance(k, str) and _texts(v) for k, v in item.messages.items()):
        problems.append("messages")
    if not isinstance(item.explanation, Mapping) or not all(
        isinstance(item.explanation.get(lang), Explanation) for lang in LANGS
    ):
        problems.append("explanation")
    if type(item.params) is not tuple or not all(type(p) is Param for p in item.params):
        problems.append("params")
    if problems:
        raise PackCodeFailed(f"rule {code} is not a valid rule ({', '.join(problems)})")
    return item


def _texts(value: object) -> bool:
    return isinstance(value, Mapping) and all(type(value.get(lang)) is str for lang in LANGS)


def _checked_file(item: object) -> Traversable | Path:
    """``item`` if it is a path or a resource file; else :class:`PackCodeFailed`."""
    if isinstance(item, Path):
        return item
    if callable(getattr(item, "read_text", None)) and isinstance(getattr(item, "name", None), str):
        return item  # type: ignore[return-value]  # a resource file (Traversable)
    what = "None" if item is None else f"a {type(item).__name__}"
    raise PackCodeFailed(f"register() was given {what}, not a policy file (a Path or a Traversable)")


def _checked_setting(item: object) -> Param:
    """``item`` if it is a setting (a :class:`~finsam_rules.rules.Param`); else
    :class:`PackCodeFailed`."""
    if type(item) is not Param:
        what = "None" if item is None else f"a {type(item).__name__}"
        raise PackCodeFailed(f"register() was given {what}, not a setting (a Param)")
    return item
