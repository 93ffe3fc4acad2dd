"""The translation record (`positions/_translations.yml`): keys, anchors, the file's own checks, the
round trip, and what the validator says when it is damaged or missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from jobdesc.core import translations as tr
from jobdesc.core.errors import ValidationFailed
from jobdesc.core.validate import load_handbook
from tests.conftest import ROOT

pytestmark = pytest.mark.unit

DATA = {
    "title": {"ru": "А", "bg": "Б"},
    "general": {"provisions": [{"id": "p-one", "text": {"ru": "x"}}, {"text": {"ru": "y"}}]},
    "duties": [{"group": "sell", "title": {"ru": "t"}, "items": [{"id": "call", "text": {"ru": "z"}}]}],
    "salary": {"tiers": [{"id": "junior", "title": {"ru": "t"}}]},
}


def test_texts_are_keyed_by_ids_not_places() -> None:
    keys = [tr.text_key(DATA, p) for p, _ in tr.text_maps(DATA)]
    assert keys == [
        "title",
        "general.provisions.p-one.text",
        "general.provisions.#2.text",  # an item without an id is named by its number
        "duties.sell.title",
        "duties.sell.items.call.text",
        "salary.tiers.junior.title",
    ]


def test_anchors_are_the_ids_the_page_draws() -> None:
    anchors = [tr.anchor(DATA, p) for p, _ in tr.text_maps(DATA)]
    assert anchors == ["top", "c-p-one", "general", "g-sell", "c-call", "pay"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    dest = tmp_path / "positions"
    shutil.copytree(ROOT / "positions", dest)
    return dest


def test_the_committed_record_matches_the_positions(folder: Path) -> None:
    assert tr.outdated_in_folder(folder) == []
    assert load_handbook(folder).outdated == ()


def test_round_trip_is_stable_and_hashes_stay_text(folder: Path) -> None:
    before = (folder / tr.LOCK_FILE).read_text("utf-8")
    assert tr.confirm(folder) == 0
    assert (folder / tr.LOCK_FILE).read_text("utf-8") == before
    raw = yaml.safe_load(before)
    hashes = [h for texts in raw.values() for langs in texts.values() for h in langs.values()]
    assert hashes and all(isinstance(h, str) and len(h) == tr.HASH_LEN for h in hashes)


def test_an_all_digit_hash_survives_yaml(tmp_path: Path) -> None:
    lock = tr.Lock({"x": {"title": {"bg": "0123456789"}, "a key: with colon": {"he": "1e34567890"}}})
    text = tr.render_lock(lock, {})
    (tmp_path / tr.LOCK_FILE).write_text(text, "utf-8")
    back, problems = tr.read_lock(tmp_path)
    assert problems == [] and back.entries == lock.entries


def test_without_a_record_every_translation_is_new(folder: Path) -> None:
    (folder / tr.LOCK_FILE).unlink()
    found = tr.outdated_in_folder(folder)
    assert found and all(o.new for o in found)
    assert "not been confirmed yet" in str(found[0].problem())
    hb = load_handbook(folder)
    pos = hb.position("sales-manager")
    assert pos is not None and pos.title.is_outdated("bg") and not pos.title.is_outdated("ru")


def test_a_damaged_record_is_named_with_line_and_field(folder: Path) -> None:
    lock = folder / tr.LOCK_FILE
    lines = lock.read_text("utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("  title:"))
    lines[n] = '  title: {bg: "zz", xx: "0123456789"}'
    lock.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(ValidationFailed) as exc:
        load_handbook(folder)
    messages = [str(p) for p in exc.value.problems]
    assert any(m.startswith(f"positions/_translations.yml:{n + 1}:") and ".title.bg:" in m for m in messages)
    assert any("`xx` is not a translated language" in m for m in messages)


def test_confirm_one_language_of_one_field(folder: Path) -> None:
    path = folder / "sales-manager.yml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  ru: Менеджер по продажам\n", "  ru: Менеджер по сбыту\n", 1), "utf-8")
    assert [o.langs for o in tr.outdated_in_folder(folder)] == [("bg", "he", "az")]
    assert tr.confirm(folder, ["sales-manager.yml"], ["he"], ["title"]) == 1
    assert [o.langs for o in tr.outdated_in_folder(folder)] == [("bg", "az")]
    assert tr.confirm(folder, ["sales-manager.yml"], None, ["rights[1].text"]) == 0  # not the changed one
    assert tr.confirm(folder, ["sales-manager.yml"]) == 2
    assert tr.outdated_in_folder(folder) == []


def test_confirming_a_file_without_translations_keeps_the_record_readable(folder: Path) -> None:
    """A new stub has empty translations: confirming it records nothing, and the record must not get an
    empty `name:` entry (YAML reads it as null, which the next read refused)."""
    from jobdesc.cli.scaffold import scaffold

    scaffold("demo-x", folder)
    assert tr.confirm(folder, ["demo-x.yml"]) == 0
    text = tr.lock_path(folder).read_text("utf-8")
    assert "demo-x" not in text
    assert tr.read_lock(folder)[1] == []
    (tr.lock_path(folder)).write_text(text + "demo-x:\n", "utf-8")  # as a hand edit may leave it
    assert tr.read_lock(folder)[1] == []


def test_the_record_keeps_a_normal_file_mode(folder: Path) -> None:
    """`jobdesc confirm` rewrites the record atomically (fileio) with the mode a plain write gives, not a
    temporary file's 0600 that other users of the repository could not read."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        tr.lock_path(folder).unlink()
        tr.confirm(folder)
    finally:
        os.umask(old)
    assert stat.S_IMODE(tr.lock_path(folder).stat().st_mode) == 0o644
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


TRICKY = tr.Lock(
    {
        "_catalogue": {"roles.head.title": {"bg": "0123456789"}, "a key: with colon": {"he": "1e34567890"}},
        "sales-manager": {
            'quote " and \\ back': {"bg": "abcdef0123", "he": "abcdef0123", "az": "abcdef0123"},
            "Ünïcode": {"az": "0000000000"},
            "duties.sell.items.#2.text": {"bg": "ffffffffff"},
        },
    }
)


@pytest.mark.parametrize("which", ["committed", "tricky"])
def test_the_line_reader_agrees_with_the_yaml_loader(which: str) -> None:
    """The record as `jobdesc confirm` writes it is read by a line reader (fast at N = 1000); it must
    give exactly what the YAML loader gives, and must take every record the writer writes."""
    from jobdesc.core.yamlload import load_text

    if which == "committed":
        text = (ROOT / "positions" / tr.LOCK_FILE).read_text("utf-8")
    else:
        text = tr.render_lock(TRICKY, {})
    fast = tr._read_as_written(text)
    slow, problems = tr._lock_from(load_text(text, "x"))
    assert fast is not None and problems == []
    assert fast.entries == slow.entries
    if which == "tricky":
        assert fast.entries == TRICKY.entries


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("\n  title:", "\n  title:  ", 1),  # spacing a hand edit may leave
        lambda t: t.replace('"}\n', '"}  # checked by Ana\n', 1),  # a comment at the end of a line
        lambda t: t + 'sales-manager:\n  title: {bg: "0123456789"}\n',  # a file named twice (a merge)
        lambda t: t.replace("{bg:", "{ru:", 1),  # not a translated language
    ],
)
def test_anything_else_goes_through_the_yaml_loader(folder: Path, edit) -> None:
    from jobdesc.core.yamlload import LoadError, load_text

    text = edit(tr.lock_path(folder).read_text("utf-8"))
    assert tr._read_as_written(text) is None
    tr.lock_path(folder).write_text(text, "utf-8")
    lock, problems = tr.read_lock(folder)
    try:
        expected = tr._lock_from(load_text(text, tr.lock_path(folder).as_posix()))
    except LoadError as exc:
        expected = (tr.Lock(), exc.problems)
    assert (lock.entries, problems) == (expected[0].entries, expected[1])


def test_a_named_twice_record_is_an_error_with_its_line(folder: Path) -> None:
    text = tr.lock_path(folder).read_text("utf-8")
    n = text.count("\n")
    tr.lock_path(folder).write_text(text + 'sales-manager:\n  title: {bg: "0123456789"}\n', "utf-8")
    _, problems = tr.read_lock(folder)
    assert problems and problems[0].line == n + 1, problems


def test_the_record_of_a_large_catalogue_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record grows with the catalogue (7.8 MB at N = 1000): the 2 MB limit of a hand-written file does
    not apply to it, its own limit does."""
    from jobdesc.core import yamlload

    h = "0123456789"
    texts = {f"duties.g{i}.items.c{i}.text": {"bg": h, "he": h, "az": h} for i in range(50)}
    lock = tr.Lock({f"position-{n:04d}": dict(texts) for n in range(600)})
    tr.lock_path(tmp_path).write_text(tr.render_lock(lock, {}), "utf-8")
    assert tr.lock_path(tmp_path).stat().st_size > yamlload.MAX_BYTES
    back, problems = tr.read_lock(tmp_path)
    assert problems == [] and back.entries == lock.entries
    monkeypatch.setattr(tr, "RECORD_MAX_BYTES", 1_000_000)
    back, problems = tr.read_lock(tmp_path)
    assert back.entries == {} and [p.message for p in problems] == ["the file is larger than 1 MB"]
