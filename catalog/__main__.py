"""`python -m catalog`: the same command line as `python build.py`."""

from .cli import run_and_exit

run_and_exit()
