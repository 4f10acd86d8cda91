"""Registers the standard pack's parameter defaults (``policies/standard.toml``)."""

from importlib.resources import files

from finsam_rules.pack import hookimpl


@hookimpl
def register_policy_files(register):
    """Register ``standard.toml``, which gives every standard rule's parameters their
    default values, units, descriptions and sources."""
    register(files("finsam_standard.policies") / "standard.toml")
