"""A longer fuzzing run than CI's: python -m tests.benchmarks.fuzz [--examples 5000]

Runs tests/test_fuzz.py with FUZZ_EXAMPLES set (CI runs 60 examples per property). Hypothesis keeps
any failing example in .hypothesis/ and replays it first next time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per property (default 5000)")
    args = parser.parse_args()
    environment = {**os.environ, "FUZZ_EXAMPLES": str(args.examples)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(REPO / "tests" / "test_fuzz.py")]
    sys.exit(subprocess.run(command, env=environment, cwd=REPO).returncode)


if __name__ == "__main__":
    main()
