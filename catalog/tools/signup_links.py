"""The nightly check of external sign-up links: which open programs' forms do not answer.

Run by the nightly workflow, never on pull requests: an external site being
down must not block anyone's merge. Some form hosts refuse robots (401, 403,
429) or HEAD (405); those count as answering, because a person's browser will
get through, and a false alarm every night would teach maintainers to ignore
the issue.
"""

from __future__ import annotations

import concurrent.futures
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from catalog.content.model import Catalog
from catalog.tools.github import literal

ANSWERING = {401, 403, 405, 429}
TIMEOUT = 20
USER_AGENT = "chiiki-catalog-link-check/1.0 (+https://github.com/)"


@dataclass(frozen=True)
class DeadLink:
    program_id: str
    path: str  # the content file
    url: str
    reason: str


def fetch_status(url: str) -> int | str:
    """HTTP status of url (HEAD, then GET when HEAD is refused), or the error's text."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310 - validated: https only
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - the same
                return response.status
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return error.code
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            return str(getattr(error, "reason", error))
    return "no answer"


def dead_links(catalog: Catalog, fetch: Callable[[str], int | str] = fetch_status, workers: int = 8) -> list[DeadLink]:
    """Open programs whose sign-up URL answers with an error or not at all (one request per distinct URL)."""
    programs = [p for p in catalog.programs if p.state.accepts_signups]
    urls = sorted({p.signup_url for p in programs})
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        answers = dict(zip(urls, pool.map(fetch, urls), strict=True))
    dead = []
    for program in sorted(programs, key=lambda p: p.id):
        answer = answers[program.signup_url]
        if isinstance(answer, int) and (answer < 400 or answer in ANSWERING):
            continue
        dead.append(DeadLink(program.id, program.path, program.signup_url, f"HTTP {answer}" if isinstance(answer, int) else answer))
    return dead


def report(dead: list[DeadLink], checked: int, today: str) -> str:
    lines = [f"{today} の確認で、申し込みリンク {checked} 件のうち {len(dead)} 件が開けませんでした。",
             f"On {today}, {len(dead)} of {checked} sign-up links did not answer.", "",
             "| program | file | URL | answer |", "|---|---|---|---|"]
    for link in dead:
        lines.append(f"| {link.program_id} | `{link.path}` | <{link.url}> | {literal(link.reason).replace('|', '/')} |")
    lines += ["", "担当の団体に連絡し、signup_url を直すか status を closed にしてください。",
              "This issue is updated every night and closed when every link answers again."]
    return "\n".join(lines) + "\n"
