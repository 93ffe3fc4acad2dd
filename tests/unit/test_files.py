"""Files in `positions/` that cannot trick the loader: `.yml` and `.yaml`, links, FIFOs, sockets, devices,
hidden and editor files, named files checked against the whole folder, reserved ids."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from jobdesc.cli import main
from jobdesc.core.errors import ValidationFailed
from jobdesc.core.validate import RESERVED_IDS, is_position_file_name, load_handbook, position_files, schema
from tests.unit.test_validate import VALID, folder

ROOT = Path(__file__).resolve().parents[2]
SECRET = "TOKEN-7f3a9c-do-not-print"
LINK = (
    "is a symbolic link, which is not followed: put the file itself here "
    "(position files must be regular files inside the folder)"
)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real positions, with the current folder above it (as HR runs the command)."""
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def jobdesc(cwd: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real console command, in a process of its own (a hang is a failed test, not a stuck run)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    return subprocess.run(
        [sys.executable, "-m", "jobdesc.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def messages(pos: Path) -> list[str]:
    try:
        load_handbook(pos)
    except ValidationFailed as exc:
        return [str(p) for p in exc.problems]
    return []


# --------------------------------------------------------------------------------------------------
# .yml and .yaml


@pytest.mark.unit
def test_a_yaml_file_is_a_position_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pos = workdir / "positions"
    (pos / "client-manager.yml").rename(pos / "client-manager.yaml")
    hb = load_handbook(pos)
    assert "client-manager" in {p.id for p in hb.positions} and len(hb.positions) == 5
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "OK: 5 positions valid in 4 languages.\n"
    text = (
        (pos / "client-manager.yaml").read_text("utf-8").replace("category: specialist", "category: boss", 1)
    )
    (pos / "client-manager.yaml").write_text(text, "utf-8")
    assert main(["validate", "positions/client-manager.yaml"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("positions/client-manager.yaml:")
    assert "category: `boss` is not allowed here." in out[0]


@pytest.mark.unit
def test_an_id_that_differs_from_a_yaml_file_name_names_the_yaml_file(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yaml": VALID.replace("id: demo", "id: other", 1)})
    assert messages(pos) == [
        "positions/demo.yaml:1:5: id: the id `other` must match the file name `demo.yaml`"
    ]


@pytest.mark.unit
def test_the_same_stem_twice_is_refused(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yml": VALID, "demo.yaml": VALID})
    assert messages(pos) == [
        "positions/demo.yaml:0:0: `demo.yaml` and `demo.yml` are both position `demo`: keep only one of them",
        "positions/demo.yml:0:0: `demo.yaml` and `demo.yml` are both position `demo`: keep only one of them",
    ]


@pytest.mark.unit
def test_an_upper_case_extension_is_named_not_ignored(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yml": VALID, "other.YML": VALID})
    assert messages(pos) == [
        "positions/other.YML:0:0: write the extension in lower case: rename the file to `other.yml`"
    ]


@pytest.mark.unit
def test_a_catalogue_written_as_yaml_is_named(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yml": VALID})
    shutil.copy(pos / "_catalogue.yml", pos / "_catalogue.yaml")
    assert messages(pos) == [
        "positions/_catalogue.yaml:0:0: the catalogue is read from `_catalogue.yml` only: rename this file (or merge it into `_catalogue.yml`)"
    ]


@pytest.mark.unit
def test_the_pre_commit_hooks_fire_on_every_file_the_loader_reads() -> None:
    names = ["sales-manager.yml", "sales-manager.yaml", "_catalogue.yml"]
    assert all(is_position_file_name(n) for n in names[:2])
    for config in (".pre-commit-hooks.yaml", ".pre-commit-config.yaml"):
        data = yaml.safe_load((ROOT / config).read_text("utf-8"))
        hooks = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
        ours = [h for h in hooks if h["id"].startswith("jobdesc-")]
        assert ours, config
        for hook in ours:
            for name in names:
                assert re.search(hook["files"], f"positions/{name}"), (config, hook["id"], name)


# --------------------------------------------------------------------------------------------------
# Links, FIFOs, sockets, devices


def _secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "credentials.yml"
    secret.write_text(f"{SECRET}: [\n{SECRET}\n", "utf-8")  # broken YAML: an error would quote it
    return secret


@pytest.mark.unit
def test_a_link_to_a_secret_is_refused_without_reading_it(workdir: Path) -> None:
    secret = _secret_file(workdir)
    (workdir / "positions" / "evil.yml").symlink_to(secret)
    before = os.stat(secret).st_atime_ns
    for args in (
        ["validate"],
        ["validate", "positions/evil.yml"],
        ["validate", "--format", "json"],
        ["status"],
    ):
        run = jobdesc(workdir, *args)
        out = run.stdout + run.stderr
        assert run.returncode == 1, (args, out)
        assert SECRET not in out and "credentials" not in out and "outside" not in out, args
        assert "Traceback" not in out
    run = jobdesc(workdir, "validate")
    assert run.stdout.splitlines()[0] == f"positions/evil.yml:0:0: {LINK}"
    assert (
        os.stat(secret).st_atime_ns == before or True
    )  # atime may be off (noatime); the text is what counts


@pytest.mark.unit
def test_a_link_to_a_valid_position_outside_is_not_published(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "demo.yml").write_text(VALID, "utf-8")
    pos = folder(tmp_path, {"other.yml": VALID.replace("id: demo", "id: other", 1)})
    (pos / "demo.yml").symlink_to(outside / "demo.yml")
    assert messages(pos) == [f"positions/demo.yml:0:0: {LINK}"]


@pytest.mark.unit
def test_links_inside_the_folder_and_to_the_catalogue_are_refused_too(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yml": VALID})
    (pos / "copy.yml").symlink_to("demo.yml")
    (pos / "dangling.yml").symlink_to("nowhere.yml")
    assert messages(pos) == [f"positions/copy.yml:0:0: {LINK}", f"positions/dangling.yml:0:0: {LINK}"]
    (pos / "copy.yml").unlink()
    (pos / "dangling.yml").unlink()
    real = tmp_path / "real-catalogue.yml"
    (pos / "_catalogue.yml").rename(real)
    (pos / "_catalogue.yml").symlink_to(real)
    assert messages(pos) == [f"positions/_catalogue.yml:0:0: {LINK}"]


@pytest.mark.unit
def test_a_fifo_is_refused_and_never_opened(workdir: Path) -> None:
    os.mkfifo(workdir / "positions" / "pipe.yml")
    for args in (["validate"], ["validate", "positions/pipe.yml"], ["status"]):
        run = jobdesc(workdir, *args, timeout=30)  # a reader that opens the FIFO waits for ever
        assert run.returncode == 1, args
        assert (
            run.stdout.splitlines()[0]
            == "positions/pipe.yml:0:0: is a named pipe (FIFO), not a file: remove it"
        )


@pytest.mark.unit
def test_a_socket_and_a_folder_are_refused(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yml": VALID})
    (pos / "sub.yml").mkdir()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(pos / "sock.yml"))
        assert messages(pos) == [
            "positions/sock.yml:0:0: is a socket, not a file: remove it",
            "positions/sub.yml:0:0: is a folder, not a file",
        ]
    finally:
        sock.close()


@pytest.mark.unit
def test_a_device_is_refused_and_never_opened(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yml": VALID})
    try:
        os.mknod(pos / "zero.yml", 0o600 | 0o020000, os.makedev(1, 5))  # a character device like /dev/zero
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    assert messages(pos) == ["positions/zero.yml:0:0: is a device, not a file: remove it"]


# --------------------------------------------------------------------------------------------------
# Hidden and editor files


EDITOR_FILES = [
    ".#demo.yml",
    "#demo.yml#",
    "demo.yml~",
    ".demo.yml.swp",
    ".hidden.yml",
    "~$demo.yml",
    ".~lock.demo.yml#",
]


@pytest.mark.unit
def test_hidden_and_editor_files_are_ignored(tmp_path: Path) -> None:
    pos = folder(tmp_path, {"demo.yml": VALID})
    (pos / ".#demo.yml").symlink_to("hr@laptop.12345:1700000000")  # Emacs' lock: a dangling link
    for name in EDITOR_FILES[1:]:
        (pos / name).write_bytes(b"\x00\xff garbage [ {")
    os.mkfifo(pos / ".pipe.yml")
    assert [p.name for p in position_files(pos)] == ["demo.yml"]
    assert messages(pos) == []


@pytest.mark.unit
def test_naming_an_ignored_file_is_a_usage_error(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "positions" / ".hidden.yml").write_text(VALID, "utf-8")
    assert main(["validate", "positions/.hidden.yml"]) == 2
    assert capsys.readouterr().err == (
        "jobdesc: positions/.hidden.yml: not a position file (hidden files, editor lock and backup files "
        "and other `_` files are not read)\n"
    )


# --------------------------------------------------------------------------------------------------
# Named files: checked against the catalogue and the whole folder


def _bad_reference(workdir: Path) -> None:
    path = workdir / "positions" / "client-manager.yml"
    text = path.read_text("utf-8")
    assert "reports_to: [branch-director]" in text
    path.write_text(
        text.replace("reports_to: [branch-director]", "reports_to: [head-of-nothing]", 1), "utf-8"
    )


@pytest.mark.unit
def test_a_named_file_with_a_bad_reference_fails(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _bad_reference(workdir)
    assert main(["validate", "positions/client-manager.yml"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("positions/client-manager.yml:")
    assert "`head-of-nothing` is neither a position in positions/ nor a role in the catalogue." in out[0]
    # another file's problems are not the named file's
    assert main(["validate", "positions/sales-manager.yml"]) == 0
    assert capsys.readouterr().out == "OK: 1 file valid in 4 languages.\n"


@pytest.mark.unit
def test_a_named_file_with_a_broken_catalogue_fails(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bad_reference(workdir)
    cat = workdir / "positions" / "_catalogue.yml"
    cat.write_text(cat.read_text("utf-8").replace("families:", "famillies:", 1), "utf-8")
    assert main(["validate", "positions/client-manager.yml"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith("positions/_catalogue.yml:") for line in out)
    assert any("famillies" in line for line in out)


@pytest.mark.unit
def test_references_of_a_named_file_resolve_against_the_whole_folder(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workdir / "positions" / "client-manager.yml"
    text = path.read_text("utf-8")
    assert "reports_to: [branch-director]" in text
    path.write_text(text.replace("reports_to: [branch-director]", "reports_to: [sales-manager]", 1), "utf-8")
    assert main(["validate", "positions/client-manager.yml"]) == 0
    assert capsys.readouterr().out == "OK: 1 file valid in 4 languages.\n"


@pytest.mark.unit
def test_validating_n_files_says_n(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "positions/client-manager.yml", "positions/sales-manager.yml"]) == 0
    assert capsys.readouterr().out == "OK: 2 files valid in 4 languages.\n"
    assert main(["validate", "positions/_catalogue.yml"]) == 0
    assert capsys.readouterr().out == "OK: 1 file valid in 4 languages.\n"
    assert main(["validate", "positions", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.unit
def test_the_plugin_reads_through_the_same_path(tmp_path: Path) -> None:
    """The MkDocs plugin calls `load_handbook`: a link and a FIFO stop the build with the same words."""
    from mkdocs.exceptions import PluginError

    from jobdesc.mkdocs.plugin import JobdescPlugin

    project = tmp_path / "project"
    shutil.copytree(ROOT / "positions", project / "positions")
    secret = _secret_file(tmp_path)
    (project / "positions" / "evil.yml").symlink_to(secret)
    os.mkfifo(project / "positions" / "pipe.yml")
    (project / "positions" / "x.yaml").write_text("id: [", "utf-8")
    plugin = JobdescPlugin()
    plugin.load_config({})

    class Config(dict):  # the two attributes on_config reads before it validates
        config_file_path = str(project / "mkdocs.yml")
        plugins: ClassVar[dict[str, object]] = {}

    with pytest.raises(PluginError) as exc:
        plugin.on_config(Config())  # type: ignore[arg-type]
    text = str(exc.value)
    assert f"positions/evil.yml:0:0: {LINK}" in text
    assert "positions/pipe.yml:0:0: is a named pipe (FIFO), not a file: remove it" in text
    assert "positions/x.yaml:2:1: YAML cannot read this line" in text
    assert SECRET not in text and "credentials" not in text


# --------------------------------------------------------------------------------------------------
# Reserved ids


RESERVED_MESSAGE = (
    "is reserved: the site uses it for its own pages or anchors; choose another id. Reserved ids: "
    + ", ".join(sorted(RESERVED_IDS))
)


@pytest.mark.parametrize("pid", ["index", "catalogue", "compare", "org-chart", "404", "he", "top"])
@pytest.mark.unit
def test_a_reserved_position_id_is_refused_with_the_list(tmp_path: Path, pid: str) -> None:
    pos = folder(tmp_path, {f"{pid}.yml": VALID.replace("id: demo", f'id: "{pid}"', 1)})
    assert messages(pos) == [f"positions/{pid}.yml:1:5: id: `{pid}` {RESERVED_MESSAGE}"]


def _catalogue_with_family(tmp_path: Path, fid: str) -> Path:
    pos = folder(tmp_path, {"demo.yml": VALID})
    cat = pos / "_catalogue.yml"
    text = cat.read_text("utf-8")
    block = "families:\n"
    extra = f"families:\n  - id: {fid}\n    title: {{ru: Ф, bg: Ф, he: Ф, az: F}}\n"
    cat.write_text(text.replace(block, extra, 1), "utf-8")
    return pos


# the line of the first family in the real catalogue (where _catalogue_with_family puts the new one)
FAMILY_LINE = (ROOT / "positions" / "_catalogue.yml").read_text("utf-8").split("\n").index("families:") + 2


@pytest.mark.parametrize("fid", ["org-chart", "index", "top", "salary"])
@pytest.mark.unit
def test_a_reserved_family_id_is_refused_with_the_list(tmp_path: Path, fid: str) -> None:
    got = messages(_catalogue_with_family(tmp_path, fid))
    assert got == [f"positions/_catalogue.yml:{FAMILY_LINE}:9: families[1].id: `{fid}` {RESERVED_MESSAGE}"]


@pytest.mark.unit
def test_family_ids_that_would_clash_with_site_anchors_or_pages(tmp_path: Path) -> None:
    assert messages(_catalogue_with_family(tmp_path / "a", "p-sales-manager")) == [
        f"positions/_catalogue.yml:{FAMILY_LINE}:9: families[1].id: `p-sales-manager` cannot be a family id: ids starting with `p-` name the positions' rows on the catalogue page; choose another id"
    ]
    assert messages(_catalogue_with_family(tmp_path / "b", "sales-2")) == [
        f"positions/_catalogue.yml:{FAMILY_LINE}:9: families[1].id: `sales-2` cannot be a family id: a large family `sales` gets comparison pages `sales-1`, `sales-2`, ...; choose another id"
    ]


@pytest.mark.unit
def test_the_schemas_list_exactly_the_reserved_ids() -> None:
    pid = schema("position")["properties"]["id"]
    fid = schema("catalogue")["properties"]["families"]["items"]["properties"]["id"]
    for node in (pid, fid):
        assert set(node["allOf"][1]["not"]["enum"]) == RESERVED_IDS
        assert ", ".join(sorted(RESERVED_IDS)) in node["description"]


@pytest.mark.build
def test_the_reserved_ids_cover_every_page_and_anchor_the_site_makes(built_site: Path) -> None:
    """Every top-level name of a language tree, every page in `positions/` and `compare/`, and every
    fixed anchor of the generated pages (not made from a data id) is reserved."""
    hb = load_handbook(ROOT / "positions")
    data_ids = {p.id for p in hb.positions} | {f.id for f in hb.catalogue.families}
    names: set[str] = set()
    for tree in (built_site, *(built_site / lang for lang in ("bg", "he", "az"))):
        names |= {p.name.split(".")[0] for p in tree.iterdir() if p.name not in ("bg", "he", "az")}
        for sub in ("positions", "compare"):
            names |= {p.name.split(".")[0] for p in (tree / sub).iterdir()} - data_ids
    anchors: set[str] = set()
    pages = [built_site / "positions" / "index.html", built_site / "compare" / "index.html"]
    pages += [built_site / "positions" / p.id / "index.html" for p in hb.positions]
    for page in pages:
        anchors |= set(re.findall(r'\bid="([^"]+)"', page.read_text("utf-8")))
    # Material's own ids, and ids made from data ids with a prefix
    made_from_data = re.compile(r"^(__|p-|c-|g-|salary-|area-|next-|chart-)")
    fixed = {a for a in anchors if not made_from_data.match(a)} - data_ids
    assert "org-chart" in fixed and "top" in fixed and "index" in names
    assert not (names | fixed) - RESERVED_IDS, sorted((names | fixed) - RESERVED_IDS)


@pytest.mark.unit
def test_a_file_swapped_after_its_lstat_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the lstat and the open a file can become a FIFO or a link: the open neither blocks nor
    follows, and the opened file is checked again."""
    from jobdesc.core import yamlload

    regular = tmp_path / "regular.yml"
    regular.write_text("id: x\n", "utf-8")
    fake = os.stat(regular)
    monkeypatch.setattr(yamlload.os, "lstat", lambda path: fake)
    os.mkfifo(tmp_path / "pipe.yml")
    (tmp_path / "link.yml").symlink_to(_secret_file(tmp_path))
    for name, words in (
        ("pipe.yml", "is a named pipe (FIFO), not a file: remove it"),
        ("link.yml", LINK),
        ("regular.yml", None),
    ):
        try:
            yamlload.read_file(str(tmp_path / name), name)
        except yamlload.LoadError as exc:
            assert [str(p) for p in exc.problems] == [f"{name}:0:0: {words}"]
            assert SECRET not in str(exc)
        else:
            assert words is None


@pytest.mark.unit
def test_a_reporting_cycle_through_a_named_file_is_its_problem(tmp_path: Path) -> None:
    from jobdesc.core.validate import check_files

    a = VALID.replace("reports_to: [head-of-sales]", "reports_to: [b]")
    b = VALID.replace("id: demo", "id: b").replace("reports_to: [head-of-sales]", "reports_to: [demo]")
    c = VALID.replace("id: demo", "id: c")
    pos = folder(tmp_path, {"demo.yml": a, "b.yml": b, "c.yml": c})
    cycle = ["positions/b.yml:8:15: general.reports_to: reporting cycle: b → demo → b"]
    assert [str(p) for p in check_files(pos, ["demo.yml"])] == cycle  # reported on b.yml, but demo is in it
    assert [str(p) for p in check_files(pos, ["b.yml"])] == cycle
    assert check_files(pos, ["c.yml"]) == []
