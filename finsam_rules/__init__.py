"""finsam-rules: a rules engine for Swedish samordningsförbund (Lag (2003:1210)).

The package is split into small modules with one job each:

- :mod:`finsam_rules.hookspecs`: the hook contract plugins implement;
- :mod:`finsam_rules.plugins`: the plugin manager and entry-point loading;
- :mod:`finsam_rules.model` and :mod:`finsam_rules.converter`: the domain model;
- :mod:`finsam_rules.loading`: reading TOML documents with clear errors;
- :mod:`finsam_rules.rules`: what a rule, a parameter and a finding are;
- :mod:`finsam_rules.policy`: declarative policy files;
- :mod:`finsam_rules.engine`: evaluating documents against rules;
- :mod:`finsam_rules.portfolio` and :mod:`finsam_rules.board`: the year as a whole;
- :mod:`finsam_rules.render`: text, Markdown, JSON, HTML and letters;
- :mod:`finsam_rules.api`: the Python API (screen, report, verify, explain, rules), whose
  functions are also reachable here (``finsam_rules.screen``), imported on first use;
- :mod:`finsam_rules.failures`: the failures the API raises and the exit codes they map to;
- :mod:`finsam_rules.commands`: the work behind each command;
- :mod:`finsam_rules.cli`: the thin command-line layer.
"""

__version__ = "0.1.0"


#: The API's functions, given here on first use (``finsam_rules.screen(...)``).
_API = frozenset({"screen", "report", "verify", "explain", "rules", "load_registry", "load_policy"})


def __getattr__(name: str) -> object:
    """Give `hookimpl` and the API's functions lazily, so `import finsam_rules` stays cheap."""
    if name == "hookimpl":
        from finsam_rules.hookspecs import hookimpl

        return hookimpl
    if name in _API:
        from finsam_rules import api

        return getattr(api, name)
    raise AttributeError(name)
