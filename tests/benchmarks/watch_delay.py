"""How long `serve` takes to notice a write, on a 10,000-program catalog: file events vs polling.

    python -m tests.benchmarks.watch_delay [--programs 10000] [--writes 20]

Measures from the moment a program file is written to the moment the watcher hands the change to
the rebuild (the rebuild's own time is build_speed's "serve" numbers), and the CPU the watcher
uses while nothing changes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from catalog.tools import serve
from tests.benchmarks.generate import generate


def _delays(root: Path, watcher_of, writes: int, seed: int = 1) -> list[float]:
    stop = threading.Event()
    watcher = watcher_of(root, stop)
    assert next(watcher) is False
    files = sorted((root / "content" / "programs").glob("*.md"))
    rng = random.Random(seed)
    delays = []
    for number in range(writes):
        time.sleep(rng.uniform(0.2, 0.7))  # at a random point of the poll's cycle
        path = rng.choice(files)
        written = time.perf_counter()
        path.write_text(path.read_text(encoding="utf-8") + f"\n<!-- {number} -->\n", encoding="utf-8")
        assert next(watcher) is True
        delays.append(time.perf_counter() - written)
    stop.set()
    for _ in watcher:
        pass
    return delays


def _idle_cpu(root: Path, watcher_of, seconds: float = 5.0) -> float:
    """Share of one core the watcher uses while nothing changes."""
    stop = threading.Event()
    watcher = watcher_of(root, stop)
    next(watcher)
    thread = threading.Thread(target=lambda: [None for _ in watcher])
    start_cpu, start = time.process_time(), time.perf_counter()
    thread.start()
    time.sleep(seconds)
    stop.set()
    thread.join()
    return (time.process_time() - start_cpu) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--writes", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder) / "catalog", programs=args.programs, owners=max(1, args.programs // 20))
        (root / "templates").mkdir(exist_ok=True)
        files = sum(1 for _ in (root / "content").rglob("*"))
        print(f"{args.programs} programs, {files} files under content/; {args.writes} writes each")
        for name, watcher_of in (("watchfiles (events)", serve.event_changes), ("polling", serve.poll_changes)):
            delays = sorted(_delays(root, watcher_of, args.writes))
            cpu = _idle_cpu(root, watcher_of)
            print(f"{name:20} write -> rebuild start: median {statistics.median(delays) * 1000:.0f} ms, "
                  f"max {delays[-1] * 1000:.0f} ms; idle CPU {cpu:.1%} of a core")


if __name__ == "__main__":
    main()
