"""``python -m finsam_rules``: the same command line as ``finsam``."""

from finsam_rules.cli import run

if __name__ == "__main__":
    run()
