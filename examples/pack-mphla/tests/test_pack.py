"""The pack is installed. Its table-driven cases (tests/cases/*.toml) are test items of
their own: the finsam-rules pytest plugin collects them, judged by the packs that
pyproject.toml names (finsam_packs)."""

from importlib import metadata


def test_pack_is_installed():
    names = {ep.name for ep in metadata.entry_points(group="finsam_rules")}
    assert "finsam_mphla" in names
