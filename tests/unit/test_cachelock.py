"""`core.cachelock`: while one process validates and stores the handbook (holding `.cache/jobdesc/`'s lock
exclusively), a build that wants to read it waits, then reads; the holder itself never waits."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jobdesc.core import cachelock

pytestmark = pytest.mark.unit

HOLDER = """
import sys
from pathlib import Path
from jobdesc.core.cachelock import locked
with locked(Path(sys.argv[1]), exclusive=True):
    print("held", flush=True)
    sys.stdin.readline()  # until the test lets go
"""


def test_a_reader_waits_for_the_writer_of_another_process(tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdin is not None and holder.stdout is not None
        try:
            assert holder.stdout.readline() == "held\n"
            got = threading.Event()

            def read() -> None:
                with cachelock.locked(tmp_path, exclusive=False):
                    got.set()

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            assert not got.wait(0.5)  # still held by the other process: the reader waits
            holder.stdin.write("\n")
            holder.stdin.flush()
            assert got.wait(30)  # let go: the reader goes on
            reader.join(30)
        finally:
            holder.kill()
    assert (tmp_path / cachelock.LOCK_NAME).is_file()


def test_the_holder_does_not_wait_for_itself(tmp_path: Path) -> None:
    """`jobdesc.mkdocs.prepare` holds the lock and then loads through hbcache, which takes it again."""
    with cachelock.locked(tmp_path, exclusive=True):
        with cachelock.locked(tmp_path, exclusive=False):
            pass
        with cachelock.locked(tmp_path, exclusive=True):
            pass
    with cachelock.locked(tmp_path, exclusive=False):  # let go: free for anyone again
        pass


def test_a_folder_that_cannot_be_written_builds_without_a_lock(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    with cachelock.locked(blocked / "cache", exclusive=True):
        pass
