#!/usr/bin/env python3
"""Build the catalog: `python build.py` (see `python build.py --help`)."""

import sys

from catalog.cli import main

if __name__ == "__main__":
    sys.exit(main())
