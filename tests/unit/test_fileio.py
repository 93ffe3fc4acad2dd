"""Atomic writes: the content arrives whole, no temporary file stays behind, a failure leaves the old file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobdesc.core import fileio
from jobdesc.core.fileio import write_bytes_atomic, write_text_atomic

pytestmark = pytest.mark.unit


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_bytes_are_written(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    write_bytes_atomic(path, b"%PDF-1.7\x00\xff")
    assert path.read_bytes() == b"%PDF-1.7\x00\xff"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_text_is_written_as_utf8_with_its_own_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "t.yml"
    write_text_atomic(path, "שנה\nгод\r\n")
    assert path.read_bytes() == "שנה\nгод\r\n".encode()


def test_an_existing_file_is_replaced_and_no_temporary_stays(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("old old old old", "utf-8")
    write_text_atomic(path, "new")
    assert path.read_text("utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == ["x.txt"]


def test_parent_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.txt"
    write_text_atomic(path, "x")
    assert path.read_text("utf-8") == "x"


def test_large_content_is_written_whole(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 7)
    write_bytes_atomic(tmp_path / "big", data)
    assert (tmp_path / "big").read_bytes() == data


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.txt"
    path.write_text("old", "utf-8")

    def fail(src: object, dst: object) -> None:
        assert Path(str(src)).exists()  # the temporary was written when the rename was attempted
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_text_atomic(path, "new")
    assert path.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["x.txt"]


def test_a_write_failing_midway_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"old complete file")
    real_write = os.write
    calls: list[int] = []

    def half_then_fail(fd: int, data: bytes | memoryview) -> int:
        if calls:
            raise OSError(5, "Input/output error")
        calls.append(fd)
        return real_write(fd, bytes(data[: len(data) // 2]))  # a short write, then the disk fails

    monkeypatch.setattr(fileio.os, "write", half_then_fail)
    with pytest.raises(OSError, match="Input/output"):
        write_bytes_atomic(path, b"0123456789" * 1000)
    assert calls  # the failure happened inside the write, after some bytes went out
    assert path.read_bytes() == b"old complete file"
    assert os.listdir(tmp_path) == ["x.pdf"]


def test_an_interrupt_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(tmp_path / "x", b"data")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, mask: int, mode: int) -> None:
    old = os.umask(mask)
    try:
        write_text_atomic(tmp_path / "x", "x")
        open(tmp_path / "plain", "w").close()  # what a plain write makes, for comparison
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "plain").stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask: None) -> None:
    path = tmp_path / "x"
    path.write_text("old", "utf-8")
    path.chmod(0o640)
    write_text_atomic(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_symlink_is_replaced_by_a_file_and_its_target_left_alone(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep", "utf-8")
    target.chmod(0o600)
    link = tmp_path / "link"
    link.symlink_to(target)
    write_text_atomic(link, "new")
    assert not link.is_symlink() and link.read_text("utf-8") == "new"
    assert target.read_text("utf-8") == "keep"
    assert stat.S_IMODE(link.stat().st_mode) == 0o644  # not the target's mode
