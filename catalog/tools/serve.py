"""`serve`: build, serve site/ on localhost, rebuild when content or templates change, reload open pages.

The watcher takes the system's file events through watchfiles (inotify, FSEvents,
ReadDirectoryChangesW): a write is seen within milliseconds, and nothing is read
while nothing changes. Without watchfiles, or when the system refuses more watches,
it polls modification times twice a second instead. A failed rebuild prints its problems and leaves the last
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
from collections.abc import Iterator
from pathlib import Path
from typing import Callable

from catalog.messages import log

WATCHED = ("content", "templates")
POLL_INTERVAL = 0.5  # seconds between two looks at every file, when there are no file events
SETTLE_MS = 20  # watchfiles looks for events this often, and rebuilds once a look finds no new ones (an editor writes, renames, chmods at once)
RELOAD_PATH = "/__serve__/reload.js"
EVENTS_PATH = "/__serve__/events"
RELOAD_SCRIPT = b"""// Added by `python build.py serve` only.
new EventSource("/__serve__/events").addEventListener("reload", () => location.reload());
"""


def snapshot(root: Path, folders: tuple[str, ...] = WATCHED) -> dict[str, tuple[int, int]]:
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


def poll_changes(root: Path, stop: threading.Event, interval: float = POLL_INTERVAL) -> Iterator[bool]:
    """Yield False once the first snapshot is taken, then True for every change seen, until `stop` is set."""
    seen = snapshot(root)
    yield False
    while not stop.wait(interval):
        now = snapshot(root)
        if now == seen:
            continue
        time.sleep(0.1)  # let an editor finish writing
        seen = snapshot(root)
        yield True


def event_changes(root: Path, stop: threading.Event) -> Iterator[bool]:
    """Yield False once the folders are watched, then True for every burst of file events, until `stop` is set.

    Raises ImportError without watchfiles, and OSError or RuntimeError when the system gives no
    events (inotify's watch limit). A watched folder made later is not seen (polling would).
    """
    import watchfiles

    paths = [root / folder for folder in WATCHED if (root / folder).is_dir()]
    if not paths:
        raise FileNotFoundError(f"no {' or '.join(WATCHED)} folder in {root}")
    # rust_timeout: with nothing to report, watch() yields an empty set every 0.1 s (nothing is read),
    # the first time just after the folders are watched, which is when the caller may say it serves.
    events = watchfiles.watch(*paths, stop_event=stop, step=SETTLE_MS, debounce=1600, rust_timeout=100,
                              yield_on_timeout=True, raise_interrupt=False)
    ready = False
    for batch in events:
        if not ready:
            ready = True
            yield False
        if batch:
            yield True


def changes(root: Path, stop: threading.Event, fallback: Callable[[str], None]) -> Iterator[bool]:
    """Yield False once watching (no later write is missed), then True for every change to content/ or
    templates/: from file events, else by polling.

    `fallback` is told why events are not used when polling takes over. Only the watcher's own
    failures lead there: the caller's, while it rebuilds between two changes, stay the caller's.
    """
    events = event_changes(root, stop)
    ready = False
    while True:
        try:
            changed = next(events)
        except StopIteration:  # stopped
            return
        except (ImportError, OSError, RuntimeError) as error:
            fallback(str(error) or type(error).__name__)
            polls = poll_changes(root, stop)
            if ready:  # the caller had its first value from the events; what changed since they stopped is unknown
                next(polls)
                yield True
            yield from polls
            return
        ready = True
        yield changed


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


def host_allowed(host: str | None) -> bool:
    """Only requests addressed to this machine by name: a page elsewhere can point its own domain at
    127.0.0.1 (DNS rebinding) and then read the preview as same-origin; its Host header gives it away."""
    name, colon, port = (host or "").partition(":")
    return name.lower() in ("127.0.0.1", "localhost") and (not colon or port.isdigit())


class _Handler(http.server.SimpleHTTPRequestHandler):
    reloads: Reloads
    site: Path

    def log_message(self, *args):
        pass

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if not host_allowed(self.headers.get("Host")):
            self.send_error(421, "Misdirected Request: use http://127.0.0.1 or http://localhost")
            return False
        return True

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
          stop: threading.Event | None = None, polling: Callable[[str], str] = lambda reason: f"polling ({reason})") -> None:
    """Build once, then serve `site` on 127.0.0.1:port and rebuild on every change until `stop` is set.

    `polling` words the note printed when the watcher polls instead of taking file events.
    """
    stop = stop or threading.Event()
    rebuild()
    reloads = Reloads()
    handler = type("Handler", (_Handler,), {"reloads": reloads, "site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    watcher = changes(root, stop, lambda reason: say(polling(reason)))
    try:
        next(watcher, None)  # watching (or already stopped): a write after this line is seen
        say(log("serving", port=server.server_port))
        for _ in watcher:
            if rebuild():
                reloads.bump()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
