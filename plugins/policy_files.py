"""Registers the standard pack's parameter defaults (``policies/standard.toml``) and the words
of its messages (``policies/words.toml``)."""

from collections.abc import Callable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from finsam_rules.pack import hookimpl


@hookimpl
def register_policy_files(register: Callable[[Traversable | Path], None]) -> None:
    """Register ``standard.toml``, which gives every standard rule's parameters their
    default values, units, descriptions and sources."""
    register(files("finsam_standard.policies") / "standard.toml")


@hookimpl
def register_words(register: Callable[[Traversable | Path], None]) -> None:
    """Register ``words.toml``: the names of the codes the standard rules' messages show
    (attachments, tables, member groups, priority groups, ...)."""
    register(files("finsam_standard.policies") / "words.toml")
