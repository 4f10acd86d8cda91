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
- :mod:`finsam_rules.cli`: the thin command-line layer.
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    """Give `hookimpl` lazily, so `import finsam_rules` stays cheap."""
    if name == "hookimpl":
        from finsam_rules.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
