"""A pytest plugin that runs every case file as its own test item.

Installed with finsam-rules (the ``pytest11`` entry point ``finsam``), so ``pytest`` in
the engine's repository or in any association's pack folder collects each case file (see
:mod:`finsam_rules.packtest`) lying under a folder named ``cases`` as one item, named by
the file, judged as ``finsam pack test`` judges it::

    tests/cases/fp/fp001-fyra-ar.toml::fp001-fyra-ar PASSED

A failing case reports its file, its description and each difference between expected
and actual. TOML files under ``cases`` without both a ``[case]`` and an ``[expect]`` table
(documents, association files) are not collected; an unreadable one fails as a case.

The cases are judged by every installed pack, or only by those the ini option
``finsam_packs`` (or ``FINSAM_RULES_PLUGINS``) names, comma-separated: a pack's own
``pyproject.toml`` sets ``finsam_packs = "finsam-rules,finsam-orebro"`` under
``[tool.pytest.ini_options]`` so that other installed packs add no findings. Turn the
plugin off with ``-p no:finsam``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from finsam_rules.errors import InputError
from finsam_rules.loading import read_toml

if TYPE_CHECKING:
    from finsam_rules.packtest import CaseResult
    from finsam_rules.plugins import Registry

#: The name of the folders whose TOML files are collected as cases.
CASES_FOLDER = "cases"
_REGISTRY = pytest.StashKey["Registry"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """The ``finsam_packs`` ini option."""
    parser.addini(
        "finsam_packs",
        "finsam-rules packs that judge the case files, comma-separated (default: "
        "FINSAM_RULES_PLUGINS, else every installed pack)",
        default="",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A TOML file under a ``cases`` folder with ``[case]`` and ``[expect]`` tables."""
    if file_path.suffix != ".toml" or CASES_FOLDER not in file_path.parent.parts:
        return None
    try:
        data = read_toml(file_path)
    except InputError:
        return CaseFile.from_parent(parent, path=file_path)  # fails as a case, with the reason
    if "case" in data and "expect" in data:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    """One case file: one item."""

    def collect(self) -> Iterator[pytest.Item]:
        """The file's only item, named by the file."""
        yield CaseItem.from_parent(self, name=self.path.stem)


class CaseFailed(Exception):
    """A case whose actual findings differ from what it expects."""

    def __init__(self, result: CaseResult) -> None:
        super().__init__(result.path)
        self.result = result


class CaseItem(pytest.Item):
    """A case file judged by the installed packs, as ``finsam pack test`` judges it."""

    def runtest(self) -> None:
        """Run the case; raise :class:`CaseFailed` with the differences when it fails."""
        from finsam_rules.packtest import run_case

        result = run_case(self.path, _registry(self.config))
        if not result.passed:
            raise CaseFailed(result)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: str | None = None,  # the pytest hook's signature
    ) -> str:
        """The case's file and description, then each difference, one a line."""
        if not isinstance(excinfo.value, CaseFailed):
            return str(super().repr_failure(excinfo))
        result = excinfo.value.result
        where = (
            self.path.relative_to(self.config.rootpath)
            if self.path.is_relative_to(self.config.rootpath)
            else self.path
        )
        lines = [f"case {where.as_posix()}: {result.description or '(no description)'}"]
        lines += [f"  {problem}" for problem in result.problems]
        if result.actual_verdict:
            lines.append(f"  actual: verdict {result.actual_verdict!r}, codes {list(result.actual_codes)}")
        return "\n".join(lines)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the case is, for the report's headline."""
        return self.path, None, f"case {self.path.name}"


def _registry(config: pytest.Config) -> Registry:
    """The packs that judge cases, loaded once per session; a pack that failed to load
    fails every case (a broken pack must not let a case pass unnoticed)."""
    if _REGISTRY not in config.stash:
        from finsam_rules.errors import PluginError
        from finsam_rules.plugins import ENV_VAR, build_registry

        packs = str(config.getini("finsam_packs")).strip()
        with _environment(ENV_VAR, packs or os.environ.get(ENV_VAR)):
            try:
                registry = build_registry()
            except PluginError as exc:  # two packs claiming one code, for example
                pytest.fail(f"finsam-rules packs cannot be loaded: {exc.message['en']}", pytrace=False)
        config.stash[_REGISTRY] = registry
    registry = config.stash[_REGISTRY]
    if registry.load_errors:
        details = "; ".join(f"{e.pack} ({e.what}): {e.error}" for e in registry.load_errors)
        pytest.fail(f"finsam-rules packs failed to load: {details}", pytrace=False)
    return registry


@contextlib.contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    """``os.environ[name]`` set to ``value`` (removed for ``None``) while inside."""
    before = os.environ.get(name)
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
