"""The nightly sign-up link check, against a server on this machine."""

from __future__ import annotations

import http.server
import threading

from conftest import program

from catalog.content.read import read_catalog as load
from catalog.tools import signup_links


class _Forms(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        codes = {"/ok": 200, "/gone": 404, "/broken": 500, "/robots-refused": 403, "/no-head": 405}
        self.send_response(codes.get(self.path, 404))
        self.end_headers()

    def do_GET(self):
        self.send_response({"/no-head": 200, "/robots-refused": 403}.get(self.path, 404))
        self.end_headers()


def test_dead_links_are_found_and_refusals_of_robots_are_not_alarms(write_catalog):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Forms)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        assert signup_links.fetch_status(base + "/ok") == 200
        assert signup_links.fetch_status(base + "/no-head") == 200  # HEAD refused, GET answers
        assert signup_links.fetch_status(base + "/gone") == 404
        assert isinstance(signup_links.fetch_status("http://127.0.0.1:9/closed-port"), str)

        root = write_catalog({
            f"content/programs/{name}.md": program(signup_url=f"https://forms.example.org/{name}")
            for name in ("ok-form", "gone-form", "broken-form", "robots-refused")
        } | {"content/programs/closed-form.md": program(signup_url="https://forms.example.org/gone-form", status="closed")})
        catalog = load(root, "2026-11-21").catalog
        paths = {"ok-form": "/ok", "gone-form": "/gone", "broken-form": "/broken", "robots-refused": "/robots-refused"}
        fetched = []

        def fetch(url: str):
            fetched.append(url)
            return signup_links.fetch_status(base + paths[url.rsplit("/", 1)[1]])

        dead = signup_links.dead_links(catalog, fetch)
        assert [(d.program_id, d.reason) for d in dead] == [("broken-form", "HTTP 500"), ("gone-form", "HTTP 404")]
        assert len(fetched) == 4  # one request per distinct URL; closed programs are not checked
        text = signup_links.report(dead, 4, "2026-11-21")
        assert "| gone-form | `content/programs/gone-form.md` | <https://forms.example.org/gone-form> | `HTTP 404` |" in text
    finally:
        server.shutdown()


def test_a_servers_words_in_the_report_make_no_link_or_mention():
    from catalog.tools import signup_links

    dead = [signup_links.DeadLink("p-one", "content/programs/p-one.md", "https://forms.example.org/a",
                                  "404 @everyone [click](https://phish.example.org/)")]
    text = signup_links.report(dead, 1, "2026-11-21")
    assert "`404 @everyone [click](https://phish.example.org/)`" in text
