"""How long a what-if takes on a whole national batch (not a timed test: figures only).

    python benchmarks/bench_impact.py [--documents 10000]

0. ``finsam screen BATCH`` as the reference, measured in the same conditions.
1. ``finsam policy impact standard RAISED BATCH``: N generated documents (bench.py's
   generator, portfolios of 125) judged under two policies, with every portfolio's goals.
2. ``finsam record impact RAISED RECORDS``: the N decision records of the same batch
   (written first with ``finsam screen --record``, one folder per portfolio) replayed.

RAISED moves OT002's target from 70 % to 95 %, so the comparison has work to do.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import FINSAM, write_batch

RAISED = """\
[policy]
name = "raised-target"
extends = "standard"

[rules.OT002.params]
target = { value = 0.95, source = "benchmark" }
"""


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and exit code of one command."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    n = parser.parse_args().documents
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        batch, records, policy = root / "batch", root / "records", root / "raised.toml"
        write_batch(batch, n)
        policy.write_text(RAISED, encoding="utf-8")
        for folder in sorted(batch.iterdir()):
            subprocess.run(
                [FINSAM, "screen", str(folder), "--record", str(records / folder.name), "--fail-on", "never"],
                stdout=subprocess.DEVNULL,
                check=False,
            )
        count = len(list(records.rglob("*.json")))
        # The reference: one screening of the same batch, measured in the same conditions.
        seconds, _ = timed([FINSAM, "screen", str(batch), "--format", "json", "--fail-on", "never"])
        print(f"0. finsam screen on {n} documents (the reference): {seconds:.1f} s")
        reference = seconds
        cmd = [FINSAM, "policy", "impact", "standard", str(policy), str(batch), "--format", "json"]
        seconds, code = timed(cmd)
        portfolios = -(-n // 125)
        print(
            f"1. policy impact on {n} documents in {portfolios} portfolios: {seconds:.1f} s "
            f"= {seconds / reference:.1f}x the screening (exit {code})"
        )
        seconds, code = timed([FINSAM, "record", "impact", str(policy), str(records), "--format", "json"])
        print(
            f"2. record impact on {count} decision records: {seconds:.1f} s "
            f"= {seconds / reference:.1f}x the screening (exit {code})"
        )


if __name__ == "__main__":
    main()
