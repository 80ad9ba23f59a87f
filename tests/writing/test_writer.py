"""The writer: whole trees swapped in, per-program files shared by two processes, spare trees reused."""

from __future__ import annotations

import os
import time
from functools import partial

from conftest import tree

from catalog import workers
from catalog.writing import full as output
from catalog.writing import swap
from catalog.writing.outputs import Output


def _outputs(files: dict[str, bytes]) -> list[Output]:
    return [Output(path, "key-" + path, partial(bytes, content)) for path, content in files.items()]


def test_swap_replaces_the_whole_tree(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    staging = swap.staging_path(target)
    output.write_full(_outputs({"index.html": b"new", "a/b/c.txt": b"deep"}), staging)
    swap.swap_in(staging, target)
    assert tree(target) == {"index.html": b"new", "a/b/c.txt": b"deep"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_into_a_new_folder(tmp_path):
    target = tmp_path / "fresh"
    staging = swap.staging_path(target)
    output.write_full(_outputs({"index.html": b"x"}), staging)
    swap.swap_in(staging, target)
    assert tree(target) == {"index.html": b"x"}


def test_the_writer_refuses_two_files_at_one_path(tmp_path):
    import pytest

    from catalog.problems import DuplicateOutput

    twice = [Output("programs/a/index.html", "1", partial(bytes, b"1")), Output("programs/a/index.html", "2", partial(bytes, b"2"))]
    with pytest.raises(DuplicateOutput):
        output.write_full(twice, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def _pid_output(path: str) -> bytes:
    return str(os.getpid()).encode()


def _slow_pid_output(path: str) -> bytes:
    time.sleep(0.002)  # long enough that neither process takes every chunk before the other has started
    return _pid_output(path)


def test_a_full_build_shares_per_program_files_between_two_processes(tmp_path, monkeypatch):
    # Earlier tests leave idle server threads in this process, which (rightly) stop the writer from forking.
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    outputs = [Output(f"programs/p{n}/index.html", str(n), partial(_slow_pid_output, str(n)), program=f"p{n}") for n in range(600)]
    outputs.append(Output("index.html", "home", partial(bytes, b"home")))
    manifest = output.write_full(outputs, tmp_path / "site", processes=2)
    written = tree(tmp_path / "site")
    assert len(written) == 601 and written["index.html"] == b"home"
    assert len({content for path, content in written.items() if path != "index.html"}) == 2  # two processes wrote
    assert manifest.keys == {o.path: o.key for o in outputs}


def _fails_on_one(path: str) -> bytes:
    if path.endswith("p433"):
        raise ValueError("a broken page p433")
    return b"ok"


def test_a_failure_in_either_process_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    outputs = [Output(f"p{n}", str(n), partial(_fails_on_one, f"p{n}"), program=f"p{n}") for n in range(600)]
    import pytest

    with pytest.raises(ValueError, match="p433"):
        output.write_full(outputs, tmp_path / "site", processes=2)


def test_index_documents_come_first_and_pages_go_to_the_process_that_made_their_document(tmp_path, monkeypatch):
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    outputs = []
    for n in range(600):
        outputs.append(Output(f"programs/p{n}/index.html", str(n), partial(_slow_pid_output, str(n)), program=f"p{n}"))
        outputs.append(Output(f"pagefind/programs/p{n}/index.html", str(n), partial(_slow_pid_output, str(n)), program=f"p{n}", folder="index"))
    outputs.append(Output("index.html", "home", partial(bytes, b"home")))
    seen_at_between = []

    def between():
        seen_at_between.append((len(tree(tmp_path / "documents")), (tmp_path / "site" / "index.html").exists()))

    output.write_full(outputs, tmp_path / "site", processes=2, index=tmp_path / "documents", between=between)
    # every document, once, and before this process wrote anything else (the child may have started)
    assert seen_at_between == [(600, False)]
    pages, documents = tree(tmp_path / "site"), tree(tmp_path / "documents")
    assert len({documents[f"pagefind/programs/p{n}/index.html"] for n in range(600)}) == 2  # two processes
    assert len({pages[f"programs/p{n}/index.html"] for n in range(600)}) == 2


def test_a_process_takes_the_pages_of_its_own_documents_first_then_what_is_left(tmp_path, monkeypatch):
    import multiprocessing

    chunks = [([], [Output(f"c{n}", str(n), partial(bytes, b"x"), program=f"c{n}")]) for n in range(6)]
    claimed = multiprocessing.get_context("fork").Array("b", 6)
    claimed[4] = 1  # taken by the other process
    order = []
    monkeypatch.setattr(output, "_write_each", lambda outputs, folders, made: order.extend(o.path for o in outputs))
    output._take_files(chunks, [5, 2], claimed, {"": tmp_path}, set())
    assert order == ["c5", "c2", "c0", "c1", "c3"]
    assert list(claimed) == [1] * 6


def test_a_failure_while_writing_index_documents_stops_before_the_index(tmp_path, monkeypatch):
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    outputs = [Output(f"pagefind/p{n}", str(n), partial(_fails_on_one, f"p{n}"), program=f"p{n}", folder="index") for n in range(600)]
    outputs += [Output(f"p{n}", str(n), partial(bytes, b"ok"), program=f"p{n}") for n in range(600)]
    started = []
    import pytest

    with pytest.raises(ValueError, match="p433"):
        output.write_full(outputs, tmp_path / "site", processes=2, index=tmp_path / "documents", between=lambda: started.append(1))
    assert started == []


def test_index_documents_are_overwritten_in_place_and_stale_ones_removed(tmp_path):
    documents = tmp_path / "documents"
    (documents / "pagefind/programs/kept").mkdir(parents=True)
    (documents / "pagefind/programs/kept/index.html").write_bytes(b"old")
    inode = (documents / "pagefind/programs/kept/index.html").stat().st_ino
    (documents / "pagefind-closed/programs/gone").mkdir(parents=True)
    (documents / "pagefind-closed/programs/gone/index.html").write_bytes(b"stale")
    outputs = [Output("pagefind/programs/kept/index.html", "k", partial(bytes, b"new"), program="kept", folder="index"),
               Output("pagefind/programs/added/index.html", "a", partial(bytes, b"added"), program="added", folder="index"),
               Output("index.html", "home", partial(bytes, b"home"))]
    output.write_full(outputs, tmp_path / "site", processes=1, index=documents)
    assert tree(documents) == {"pagefind/programs/kept/index.html": b"new", "pagefind/programs/added/index.html": b"added"}
    assert (documents / "pagefind/programs/kept/index.html").stat().st_ino == inode  # the same file, rewritten
    assert not (documents / "pagefind-closed").exists()  # folders left empty go too


def test_a_full_build_writes_over_the_spare_tree_and_keeps_the_replaced_one_as_the_next(tmp_path):
    target, spare = tmp_path / "site", tmp_path / "spare"
    first = {"index.html": b"one", "programs/a/index.html": b"a1", "programs/gone/index.html": b"stale"}
    for files in (first, first):  # the second build replaces the first: that tree becomes the spare
        staging = swap.staging_path(target)
        swap.take_spare(spare, staging)
        output.write_full(_outputs(files), staging, processes=1)
        swap.swap_in(staging, target, spare)
    assert tree(spare) == first
    inode = (spare / "programs/a/index.html").stat().st_ino
    staging = swap.staging_path(target)
    swap.take_spare(spare, staging)
    assert not spare.exists()
    output.write_full(_outputs({"index.html": b"two", "programs/a/index.html": b"a2", "programs/b/index.html": b"b2"}),
                      staging, processes=1)
    assert (staging / "programs/a/index.html").stat().st_ino == inode  # written over, not made anew
    swap.swap_in(staging, target, spare)
    assert tree(target) == {"index.html": b"two", "programs/a/index.html": b"a2", "programs/b/index.html": b"b2"}
    assert tree(spare) == first  # the site it replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "spare"]


def test_a_spare_tree_is_cleared_of_links_and_strangers_before_anything_is_written_over(tmp_path):
    """The spare is a site that was served and could have been edited: nothing in it may make a write
    land outside it or change another file."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "file.html").write_bytes(b"not ours")
    staging = tmp_path / "staging"
    (staging / "programs" / "a").mkdir(parents=True)
    (staging / "programs" / "linked").symlink_to(outside / "folder", target_is_directory=True)
    (staging / "index.html").symlink_to(outside / "file.html")
    os.link(outside / "file.html", staging / "programs" / "a" / "index.html")  # a hard link to another name
    (staging / "feed.xml").mkdir()  # a folder where a file must go
    (staging / "feed.xml" / "inside.txt").write_bytes(b"x")
    (staging / "programs" / "b").write_bytes(b"a file where a folder must go")
    os.mkfifo(staging / "programs" / "fifo.html")
    (staging / "old" / "deep").mkdir(parents=True)
    (staging / "old" / "deep" / "stale.html").write_bytes(b"stale")
    files = {"index.html": b"home", "feed.xml": b"feed", "programs/a/index.html": b"a", "programs/b/index.html": b"b",
             "programs/linked/index.html": b"l", "programs/fifo.html": b"f"}
    output.write_full(_outputs(files), staging, processes=1)
    assert tree(staging) == files
    assert not any(p.is_symlink() for p in staging.rglob("*"))
    assert tree(outside) == {"file.html": b"not ours"}
    assert not (staging / "old").exists()


def test_without_fork_everything_is_written_by_this_process(tmp_path, monkeypatch):
    """As on Windows, which has no os.fork."""
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    monkeypatch.delattr(workers.os, "fork")
    outputs = [Output(f"programs/p{n}/index.html", str(n), partial(_pid_output, str(n)), program=f"p{n}") for n in range(600)]
    output.write_full(outputs, tmp_path / "site", processes=2)
    assert set(tree(tmp_path / "site").values()) == {str(os.getpid()).encode()}
