"""`serve`: build, serve site/ on localhost, rebuild when content or templates change, reload open pages.

The watcher takes the system's file events through watchfiles (inotify, FSEvents,
ReadDirectoryChangesW): a write is seen within milliseconds, and nothing is read
while nothing changes. Without watchfiles, or when the system refuses more watches,
it polls modification times twice a second instead. A failed rebuild prints its problems and leaves the last
good site in place (the build swaps site/ only when complete); open pages show the problems over
the page, every `path:line: message`, until a good rebuild reloads them. Pages reload through a small
script that only this server adds to HTML responses; it is served from the same origin, so the
pages' Content-Security-Policy allows it, and the built files never contain it.

The site is served under its address's path (`/catalog/` for https://example.github.io/catalog/), as
Hugo's server does: the 404 page, served for any missing path, links to that path.
"""

from __future__ import annotations

import functools
import http.server
import ipaddress
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

WATCHED = ("content", "templates")
POLL_INTERVAL = 0.5  # seconds between two looks at every file, when there are no file events
SETTLE_MS = 20  # watchfiles looks for events this often, and rebuilds once a look finds no new ones (an editor writes, renames, chmods at once)
RELOAD_PATH = "/__serve__/reload.js"
EVENTS_PATH = "/__serve__/events"
# Problems are content: they reach the page only as text (textContent), never as markup.
RELOAD_SCRIPT = """// Added by `python build.py serve` only: reloads the page after a good rebuild, shows a failed one's problems.
const heading = %(heading)s;
const events = new EventSource("%(events)s");
events.addEventListener("reload", () => location.reload());
events.addEventListener("problems", (event) => {
  let box = document.getElementById("serve-problems");
  if (!box) {
    box = document.createElement("div");
    box.id = "serve-problems";
    box.setAttribute("role", "alert");
    Object.assign(box.style, {position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto", margin: "0",
      padding: "1.5rem", background: "rgba(24, 24, 27, 0.96)", color: "#fafafa", font: "15px/1.6 system-ui, sans-serif"});
    box.addEventListener("click", () => box.remove());
    document.body.append(box);
  }
  const title = document.createElement("h2");
  title.textContent = heading;
  Object.assign(title.style, {color: "#fca5a5", fontSize: "1.1rem", margin: "0 0 1rem"});
  const list = document.createElement("pre");
  list.textContent = JSON.parse(event.data).join("\\n");
  Object.assign(list.style, {whiteSpace: "pre-wrap", font: "14px/1.7 ui-monospace, monospace", margin: "0"});
  box.replaceChildren(title, list);
});
"""


def reload_script(heading: str) -> bytes:
    return (RELOAD_SCRIPT % {"heading": json.dumps(heading, ensure_ascii=False), "events": EVENTS_PATH}).encode()


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1, localhost: only this computer can connect."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def site_path(request_path: str, base_path: str) -> str | None:
    """A request's path inside the site served under `base_path`, or None when it is outside it."""
    if base_path == "/":
        return request_path
    if request_path.startswith(base_path):
        return request_path[len(base_path) - 1:]
    return "/" if request_path + "/" == base_path else None


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
    """A counter that open pages wait on, bumped by every rebuild, and the problems of the last one if it failed."""

    def __init__(self):
        self.generation = 0
        self.problems: tuple[str, ...] = ()
        self.changed = threading.Condition()

    def bump(self, problems: tuple[str, ...] = ()) -> None:
        with self.changed:
            self.generation += 1
            self.problems = problems
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, tuple[str, ...]]:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen, timeout=timeout)
            return self.generation, self.problems


def host_allowed(host: str | None, bind: str = "127.0.0.1") -> bool:
    """Only requests addressed to this machine by name: a page elsewhere can point its own domain at
    127.0.0.1 (DNS rebinding) and then read the preview as same-origin; its Host header gives it away.
    Listening on another address (--bind), the preview is also opened by an address (a phone types
    http://192.168.1.5:8000/) or by this machine's own name: a rebinding page can have neither."""
    text = (host or "").lower()
    if text.startswith("["):  # [::1]:8000
        name, _, rest = text[1:].partition("]")
        colon, port = rest[:1], rest[1:]
    else:
        name, colon, port = text.partition(":")
    if colon and not port.isdigit():
        return False
    if name in ("127.0.0.1", "localhost", "::1"):
        return True
    if is_loopback(bind):
        return False
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        machine = socket.gethostname().lower()
        return name in (machine, machine + ".local")


class _Handler(http.server.SimpleHTTPRequestHandler):
    reloads: Reloads
    site: Path
    base_path: str = "/"
    script: bytes = b""
    bind: str = "127.0.0.1"

    def log_message(self, *args):
        pass

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if not host_allowed(self.headers.get("Host"), self.bind):
            self.send_error(421, "Misdirected Request: use http://127.0.0.1 or http://localhost")
            return False
        return True

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH:
            return self._send(200, "text/javascript; charset=utf-8", self.script)
        if path == EVENTS_PATH:
            return self._events()
        inside = site_path(path, self.base_path)
        if path == "/" and inside is None:  # the address's path is where the site is
            return self._redirect(self.base_path)
        if inside is None:
            return self._not_found()
        if inside == "/" and not path.endswith("/"):
            return self._redirect(self.base_path)
        self.path = inside + self.path[len(path):]
        target = Path(self.translate_path(inside))
        if target.is_dir():
            if not inside.endswith("/"):
                return self._redirect(path + "/" + self.path[len(inside):])
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            return self._send(200, "text/html; charset=utf-8", self._with_reload(target.read_bytes()))
        if not target.exists():
            return self._not_found()
        return super().do_GET()

    def _not_found(self) -> None:
        page = self.site / "404.html"
        # No site yet (the first build failed): an empty page, so that the problems show and a good build reloads it.
        html = page.read_bytes() if page.is_file() else b"<!DOCTYPE html><html><head><title>404</title></head><body></body></html>"
        body = self._with_reload(html)
        self._send(404, "text/html; charset=utf-8", body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

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
        seen, problems = self.reloads.wait(-1, timeout=0)
        try:
            if problems:  # a page opened while the last rebuild has failed
                self._problems(problems)
            while True:
                now, problems = self.reloads.wait(seen, timeout=15)
                if now == seen:
                    self.wfile.write(b": keep-alive\n\n")
                elif problems:
                    self._problems(problems)
                else:
                    self.wfile.write(b"event: reload\ndata: 1\n\n")
                seen = now
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def _problems(self, problems: tuple[str, ...]) -> None:
        data = json.dumps(list(problems), ensure_ascii=False)  # one line: JSON escapes line ends
        self.wfile.write(b"event: problems\ndata: " + data.encode() + b"\n\n")
        self.wfile.flush()


def serve(root: Path, site: Path, port: int, rebuild: Callable[[], tuple[bool, tuple[str, ...]]],
          say: Callable[[str], None], stop: threading.Event | None = None,
          polling: Callable[[str], str] = lambda reason: f"polling ({reason})",
          serving: Callable[[str], str] = lambda url: f"serving {url}", bind: str = "127.0.0.1", base_path: str = "/",
          heading: str = "build failed") -> None:
    """Build once, then serve `site` under `base_path` on bind:port and rebuild on every change until `stop` is set.

    `rebuild` says whether it succeeded and, when not, its problems (shown in open pages under `heading`).
    `polling` words the note printed when the watcher polls instead of taking file events; `serving`, the
    address line.
    """
    stop = stop or threading.Event()
    reloads = Reloads()
    ok, problems = rebuild()
    if not ok:
        reloads.bump(problems or ("?",))
    handler = type("Handler", (_Handler,), {"reloads": reloads, "site": site, "base_path": base_path,
                                            "script": reload_script(heading), "bind": bind})
    server_class = _IPv6Server if ":" in bind else http.server.ThreadingHTTPServer
    server = server_class((bind.strip("[]"), port), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    watcher = changes(root, stop, lambda reason: say(polling(reason)))
    try:
        next(watcher, None)  # watching (or already stopped): a write after this line is seen
        host = f"[{bind.strip('[]')}]" if ":" in bind else bind
        say(serving(f"http://{host}:{server.server_port}{base_path}"))
        for _ in watcher:
            ok, problems = rebuild()
            reloads.bump(() if ok else (problems or ("?",)))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


class _IPv6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
