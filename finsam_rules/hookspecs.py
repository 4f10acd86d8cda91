"""The hook contract between finsam-rules and its rule packs.

A pack (the standard one included) is a module, or several, registered under the
entry-point group ``finsam_rules``. Each module implements any of the hooks below with the
:data:`hookimpl` marker::

    from finsam_rules import hookimpl

    @hookimpl
    def register_rules(register):
        register(my_rule)

Hooks are named ``register_*`` and take a ``register`` callback, so a pack states what it
adds and the host decides how to collect it. Every hook is documented in
``docs/plugins.md``; a test fails when one is not.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path

import pluggy

from finsam_rules.rules import Param, Rule

PROJECT_NAME = "finsam_rules"

#: Marker for hook specifications (used by the host only).
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Marker for hook implementations: decorate your pack's hook functions with it.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# ---------------------------------------------------------------------------------------
# Registration: what a pack contributes
# ---------------------------------------------------------------------------------------


@hookspec
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register the rules of a pack.

    :param register: call it once per rule, with a :class:`~finsam_rules.rules.Rule` made
        by the :func:`~finsam_rules.rules.rule` decorator. Codes are unique across all
        installed packs: a code claimed by two packs stops loading with both packs named.
        Use a prefix of your own (e.g. ``MP`` for Mölndal-Partille) for new rules.
    :return: nothing; the return value is ignored.
    """


@hookspec
def register_form_mappings(register: Callable[[Traversable | Path], None]) -> None:
    """Register mapping files that let an association's own Excel templates be read.

    A mapping file (TOML, see :mod:`finsam_rules.intake.mapping`) says which sheet and cell
    or named range holds which field, where the budget grid is and how the template's words
    map to codes. A workbook that is not one of the shipped forms is read with the first
    mapping whose signature cells it matches (the portfolio's ``mappings/`` come first).

    :param register: call it once per file, with a path or an
        :func:`importlib.resources.files` traversable inside the installed pack.
    :return: nothing; the return value is ignored.
    """


@hookspec
def register_policy_files(register: Callable[[Traversable | Path], None]) -> None:
    """Register the policy files that hold a pack's parameter defaults.

    Every parameter a pack's rules declare must get its default value (with a description,
    a unit and a source reference) from one of these files, never from a literal in code.
    The files together form the policy named ``standard`` that association policy files
    ``extends``.

    :param register: call it once per file, with a path or an
        :func:`importlib.resources.files` traversable inside the installed pack.
    :return: nothing; the return value is ignored.
    """


@hookspec
def register_settings(register: Callable[[Param], None]) -> None:
    """Register the named policy settings a pack owns.

    A setting is a policy value that several rules (and the board report) read alike, such
    as how outcomes are counted: declared once here, given its default in the pack's policy
    file under ``[settings.NAME]``, changed by an association under the same key, and read
    by rules as ``check.settings[NAME]``. A rule's own parameters stay in ``[rules.CODE]``.

    :param register: call it once per setting, with a :class:`~finsam_rules.rules.Param`
        (name, type, unit, description, choices). Names are unique across installed packs:
        a name claimed by two packs stops loading with both packs named.
    :return: nothing; the return value is ignored.
    """


@hookspec
def register_words(register: Callable[[Traversable | Path], None]) -> None:
    """Register the words of a pack's messages: names of its attachments, tables and groups.

    A words file is TOML, one table per vocabulary and one entry per code, in both
    languages: ``[attachment] budget = { sv = "budgetmall", en = "budget template" }``.
    A message shows a code in words with a format spec (``{missing:words@attachment}``),
    so a rule passes the code, never a word per language. A key finsam-rules has itself,
    or one another pack gave other words, is a load error and keeps its first words.

    :param register: call it once per file, with a path or an
        :func:`importlib.resources.files` traversable inside the installed pack.
    :return: nothing; the return value is ignored.
    """
