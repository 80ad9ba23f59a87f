#!/usr/bin/env python3
"""Build the catalog: `python build.py` (see `python build.py --help`); the same as `python -m catalog`."""

from catalog.cli import run_and_exit

if __name__ == "__main__":
    run_and_exit()
