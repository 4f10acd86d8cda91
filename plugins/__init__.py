"""The standard rule pack of finsam-rules (installed as ``finsam_standard``).

One module per rule family, each a plugin registered through the ``finsam_rules`` entry
point group exactly as an association's own pack is. The parameter defaults live in
``policies/standard.toml`` (installed as ``finsam_standard.policies``), registered by
:mod:`finsam_standard.policy_files`.
"""
