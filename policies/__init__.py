"""Data: the standard pack's policy files (installed as ``finsam_standard.policies``)."""
