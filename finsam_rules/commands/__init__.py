"""The work behind each CLI command, kept out of the thin click layer.

Each module runs one command (or a few related ones): it streams its output through
:func:`finsam_rules.console.echo`, returns the exit code and raises a
:class:`finsam_rules.failures.Failure`; none imports click or :mod:`finsam_rules.cli`.
"""
