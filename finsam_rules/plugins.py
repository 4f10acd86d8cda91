"""The plugin manager: finds rule packs through entry points and collects their rules.

Every pack, the standard one included, is found through the entry-point group
``finsam_rules``; nothing is special about being built in. Set ``FINSAM_RULES_PLUGINS`` to a
comma-separated list of pack (distribution) names to load only those; set it to an empty
string to load none.

A pack that fails to import, or whose hook raises, is recorded in
:attr:`Registry.load_errors` with the pack named; the run goes on without it (``--strict``
in the CLI makes it fatal). Two packs claiming the same rule code are rejected with both
named.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import metadata
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType

import attrs
import pluggy

from finsam_rules import hookspecs
from finsam_rules.errors import PluginError
from finsam_rules.rules import Param, Rule

ENTRY_POINT_GROUP = "finsam_rules"
ENV_VAR = "FINSAM_RULES_PLUGINS"


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


def _entry_points() -> list[metadata.EntryPoint]:
    eps = metadata.entry_points(group=ENTRY_POINT_GROUP)
    return sorted(eps, key=lambda ep: (ep.dist.name if ep.dist else "", ep.name))


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
    for ep in _entry_points():
        pack = ep.dist.name if ep.dist else ep.module
        if wanted is not None and pack not in wanted:
            continue
        version = ep.dist.version if ep.dist else "0"
        try:
            module = ep.load()
            _check_hook_names(module)
            manager.register(module, name=f"{pack}:{ep.name}")
        except Exception as exc:  # an installed pack must never take the run down
            registry.load_errors.append(LoadError(pack, f"entry point {ep.name}", _describe(exc)))
            continue
        owners[f"{pack}:{ep.name}"] = pack
        info = registry.packs.get(pack)
        modules = (*(info.modules if info else ()), ep.value)
        registry.packs[pack] = PackInfo(pack, version, modules)
    if wanted:
        found = {ep.dist.name if ep.dist else ep.module for ep in _entry_points()}
        for name in sorted(wanted - found):
            registry.load_errors.append(
                LoadError(name, f"{ENV_VAR}", "named but not installed (check the spelling)")
            )
    for pack, module in extra_plugins:
        name = f"{pack}:{getattr(module, '__name__', id(module))}"
        manager.register(module, name=name)
        owners[name] = pack
        info = registry.packs.get(pack)
        registry.packs[pack] = PackInfo(
            pack, "0", (*(info.modules if info else ()), getattr(module, "__name__", "?"))
        )
    _collect(manager, owners, registry)
    return registry


def _check_hook_names(module: object) -> None:
    """Refuse a module with a hook implementation whose name is no hook (a typo such as
    ``register_rule`` would otherwise load a pack with no rules and no error)."""
    known = {name for name in dir(hookspecs) if name.startswith("register_")}
    for name in dir(module):
        value = getattr(module, name, None)
        if hasattr(value, f"{hookspecs.PROJECT_NAME}_impl") and name not in known:
            raise ValueError(f"{name} is not a finsam_rules hook (known: {', '.join(sorted(known))})")


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _collect(manager: pluggy.PluginManager, owners: dict[str, str], registry: Registry) -> None:
    for impl in reversed(manager.hook.register_rules.get_hookimpls()):
        pack = owners.get(impl.plugin_name, impl.plugin_name)
        collected: list[Rule] = []
        try:
            impl.function(register=collected.append)
        except Exception as exc:
            registry.load_errors.append(LoadError(pack, "register_rules", _describe(exc)))
            continue
        for rule in collected:
            if rule.code in registry.rules:
                other = registry.rules[rule.code].pack
                raise PluginError(
                    {
                        "sv": f"Regelkoden {rule.code} registreras av två paket: {other} och {pack}.",
                        "en": f"Rule code {rule.code} is registered by two packs: {other} and {pack}.",
                    }
                )
            registry.rules[rule.code] = attrs.evolve(rule, pack=pack)
    for impl in reversed(manager.hook.register_policy_files.get_hookimpls()):
        pack = owners.get(impl.plugin_name, impl.plugin_name)
        files: list[Traversable | Path] = []
        try:
            impl.function(register=files.append)
        except Exception as exc:
            registry.load_errors.append(LoadError(pack, "register_policy_files", _describe(exc)))
            continue
        registry.policy_files.extend((pack, f) for f in files)
    for impl in reversed(manager.hook.register_form_mappings.get_hookimpls()):
        pack = owners.get(impl.plugin_name, impl.plugin_name)
        mappings: list[Traversable | Path] = []
        try:
            impl.function(register=mappings.append)
        except Exception as exc:
            registry.load_errors.append(LoadError(pack, "register_form_mappings", _describe(exc)))
            continue
        registry.form_mappings.extend((pack, f) for f in mappings)
    _collect_settings(manager, owners, registry)


def _collect_settings(manager: pluggy.PluginManager, owners: dict[str, str], registry: Registry) -> None:
    """Collect every pack's named policy settings; a name claimed twice stops loading."""
    for impl in reversed(manager.hook.register_settings.get_hookimpls()):
        pack = owners.get(impl.plugin_name, impl.plugin_name)
        declared: list[Param] = []
        try:
            impl.function(register=declared.append)
        except Exception as exc:
            registry.load_errors.append(LoadError(pack, "register_settings", _describe(exc)))
            continue
        for setting in declared:
            if setting.name in registry.settings:
                other = registry.setting_packs[setting.name]
                raise PluginError(
                    {
                        "sv": f"Inställningen {setting.name} registreras av två paket: {other} och {pack}.",
                        "en": f"Setting {setting.name} is registered by two packs: {other} and {pack}.",
                    }
                )
            registry.settings[setting.name] = setting
            registry.setting_packs[setting.name] = pack
