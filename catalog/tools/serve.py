"""`serve`: build, serve site/ on localhost, rebuild when content or templates change, reload open pages.

The watcher polls modification times (twice a second): no dependency, and the
same on every system. A failed rebuild prints its problems and leaves the last
good site in place (the build swaps site/ only when complete), so the browser
keeps showing it. Open pages reload through a small script that only this
server adds to HTML responses; it is served from the same origin, so the
pages' Content-Security-Policy allows it, and the built files never contain it.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from pathlib import Path
from typing import Callable

RELOAD_PATH = "/__serve__/reload.js"
EVENTS_PATH = "/__serve__/events"
RELOAD_SCRIPT = b"""// Added by `python build.py serve` only.
new EventSource("/__serve__/events").addEventListener("reload", () => location.reload());
"""


def snapshot(root: Path, folders: tuple[str, ...] = ("content", "templates")) -> dict[str, tuple[int, int]]:
    """Path -> (mtime, size) of every file that a rebuild depends on.

    Taken twice a second for as long as serve runs: with os.scandir, not Path.rglob, so that watching
    a large catalog does not keep a core busy.
    """
    state: dict[str, tuple[int, int]] = {}

    def walk(folder: str) -> None:
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):  # a link to a folder could loop
                            walk(entry.path)
                        elif entry.is_file():
                            stat = entry.stat()
                            state[entry.path] = (stat.st_mtime_ns, stat.st_size)
                    except FileNotFoundError:  # removed while we looked: the next look sees it gone
                        continue
        except (FileNotFoundError, NotADirectoryError):
            return

    for folder in folders:
        walk(os.path.join(root, folder))
    return state


class Reloads:
    """A counter that open pages wait on; each good rebuild bumps it."""

    def __init__(self):
        self.generation = 0
        self.changed = threading.Condition()

    def bump(self) -> None:
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen, timeout=timeout)
            return self.generation


class _Handler(http.server.SimpleHTTPRequestHandler):
    reloads: Reloads
    site: Path

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        if path == EVENTS_PATH:
            return self._events()
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                return super().do_GET()  # the standard redirect to the folder
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            return self._send(200, "text/html; charset=utf-8", self._with_reload(target.read_bytes()))
        if not target.exists() and (self.site / "404.html").is_file():
            return self._send(404, "text/html; charset=utf-8", self._with_reload((self.site / "404.html").read_bytes()))
        return super().do_GET()

    @staticmethod
    def _with_reload(html: bytes) -> bytes:
        tag = f'<script src="{RELOAD_PATH}"></script>'.encode()
        return html.replace(b"</head>", tag + b"</head>", 1)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.reloads.generation
        try:
            while True:
                now = self.reloads.wait(seen, timeout=15)
                message = b"event: reload\ndata: 1\n\n" if now != seen else b": keep-alive\n\n"
                seen = now
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def serve(root: Path, site: Path, port: int, rebuild: Callable[[], bool], say: Callable[[str], None],
          stop: threading.Event | None = None, interval: float = 0.5) -> None:
    """Build once, then serve `site` on 127.0.0.1:port and rebuild on every change until `stop` is set."""
    stop = stop or threading.Event()
    rebuild()
    reloads = Reloads()
    handler = type("Handler", (_Handler,), {"reloads": reloads, "site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    say(f"serving http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)")
    seen = snapshot(root)
    try:
        while not stop.wait(interval):
            now = snapshot(root)
            if now == seen:
                continue
            time.sleep(0.1)  # let an editor finish writing
            seen = snapshot(root)
            if rebuild():
                reloads.bump()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
