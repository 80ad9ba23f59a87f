"""Every locked runtime dependency installs from wheels alone on Linux, macOS 13+ and Windows.

`pip download --platform` evaluates environment markers for the machine it runs on, not for the
target, so each target gets the lines of requirements.txt whose markers hold there, with their
hashes, and pip downloads exactly those wheels (never a source package) for that platform.
Needs PyPI. Usage: python .ci/wheels.py [requirements.txt]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker


@dataclass(frozen=True)
class Target:
    name: str
    platform_tags: tuple[str, ...]  # pip does not widen manylinux tags given with --platform: list them
    markers: dict[str, str]


# macOS 13 on Apple silicon is missing: no version of pyicu-wheels has a wheel for it (2.14 starts at
# macOS 14 there, 2.15 at macOS 15), and PyICU itself ships no wheels.
TARGETS = (
    Target("Linux x86_64", ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_5_x86_64", "manylinux1_x86_64"),
           {"sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix"}),
    Target("macOS 13 Intel", ("macosx_13_0_x86_64",),
           {"sys_platform": "darwin", "platform_system": "Darwin", "platform_machine": "x86_64", "os_name": "posix"}),
    Target("macOS 14 Apple silicon", ("macosx_14_0_arm64",),
           {"sys_platform": "darwin", "platform_system": "Darwin", "platform_machine": "arm64", "os_name": "posix"}),
    Target("Windows x64", ("win_amd64",),
           {"sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64", "os_name": "nt"}),
)
PYTHON = {"python_version": "3.11", "python_full_version": "3.11.9", "implementation_name": "cpython",
          "platform_python_implementation": "CPython"}


def requirements(lock: Path) -> list[str]:
    """The lock's requirements, one string each (continuation lines joined, comments dropped)."""
    joined = lock.read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def for_target(lines: list[str], target: Target) -> list[str]:
    kept = []
    for line in lines:
        spec, _, marker = line.partition(" --hash")[0].partition(";")
        if not marker.strip() or Marker(marker.strip()).evaluate({**PYTHON, **target.markers}):
            kept.append(spec.strip() + " --hash" + line.partition(" --hash")[2])
    return kept


def main(argv: list[str]) -> int:
    lock = Path(argv[0] if argv else Path(__file__).resolve().parent.parent / "requirements.txt")
    lines = requirements(lock)
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for target in TARGETS:
            wanted = Path(tmp) / (target.name.replace(" ", "-") + ".txt")
            wanted.write_text("\n".join(for_target(lines, target)) + "\n", encoding="utf-8")
            platforms = [option for tag in target.platform_tags for option in ("--platform", tag)]
            result = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                                     "--only-binary=:all:", "--no-deps", "--require-hashes", *platforms,
                                     "--python-version", "3.11", "--implementation", "cp",
                                     "-d", str(Path(tmp) / "wheels" / target.name), "-r", str(wanted)],
                                    capture_output=True, text=True, check=False)
            errors = [line for line in result.stderr.splitlines() if not line.startswith("WARNING: Location")]
            if result.returncode:
                failed.append(target.name)
                print(f"{target.name}: no wheels for every locked package\n" + "\n".join(errors), file=sys.stderr)
            else:
                count = len(list((Path(tmp) / "wheels" / target.name).iterdir()))
                print(f"{target.name}: {count} wheels")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
