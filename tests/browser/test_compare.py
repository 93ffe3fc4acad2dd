"""Comparisons as a reader uses them, in Chromium, in all four languages: duties lined up by area, any
two positions side by side from a shared URL, a header that stays in sight, no split header word, no
sideways scroll on a phone, and salary charts whose marks stand where their figures say."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jobdesc.core.model import LANGS
from jobdesc.core.validate import load_handbook
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
HB = load_handbook(ROOT / "positions")


def prefix(lang: str) -> str:
    return "" if lang == "ru" else f"{lang}/"


@pytest.fixture
def page(browser: Any, origin: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    outside: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith(origin) else outside.append(r.url))
    yield pg
    assert errors == [] and outside == []
    ctx.close()


def keys(pid: str, section: str) -> dict[str, str]:
    """What the test itself reads from the YAML: a shared clause by its catalogue id, an own clause by
    position and id; the value is the Russian text (or the language's) to find on the page."""
    pos = HB.position(pid)
    assert pos is not None
    return {(f"ref:{c.id}" if c.shared else f"{pid}.{c.id}"): c.id for c in getattr(pos, section)}


@pytest.mark.parametrize("lang", LANGS)
def test_pair_url_shows_both_positions_and_what_only_each_has(page: Any, origin: str, lang: str) -> None:
    a, b = "client-manager", "key-account-manager"
    page.goto(f"{origin}/jobs/{prefix(lang)}compare/pair/?p={a}&p={b}")
    page.wait_for_selector("[data-jd-pair-result] table")
    pa, pb = HB.position(a), HB.position(b)
    assert pa is not None and pb is not None
    heads = page.locator("[data-jd-pair-result] table").first.locator("thead th[data-p]")
    assert [heads.nth(i).get_attribute("data-p") for i in range(heads.count())] == [a, b]
    assert page.locator("select[data-slot='1']").input_value() == a
    for section in ("rights", "responsibility"):
        ka, kb = keys(a, section), keys(b, section)
        expect = {
            "all": [k for k in ka if k in kb],
            a: [k for k in ka if k not in kb],
            b: [k for k in kb if k not in ka],
        }
        for which, want in expect.items():
            items = page.locator(f"[data-section={section}] [data-set='{which}'] li")
            assert items.count() == len(want), (section, which)
        # the texts are the positions' own: the first right only A has is shown under A
        if expect[a]:
            first = next(
                c
                for c in getattr(pa, section)
                if (f"ref:{c.id}" if c.shared else f"{a}.{c.id}") == expect[a][0]
            )
            shown = page.locator(f"[data-section={section}] [data-set='{a}'] li").first.text_content() or ""
            assert shown.strip()[:20] == " ".join(first.text.get(lang).replace("*", "").split())[:20]
    # duty areas: a row for every area either position has, marked when only one of them has it
    rows = page.locator("tr[data-area]")
    areas = {c.area for c in (*pa.all_duties(), *pb.all_duties())}
    assert {rows.nth(i).get_attribute("data-area") for i in range(rows.count())} == areas
    only = {c.area for c in pa.all_duties()} ^ {c.area for c in pb.all_duties()}
    marked = {
        rows.nth(i).get_attribute("data-area")
        for i in range(rows.count())
        if "jd-diff" in (rows.nth(i).get_attribute("class") or "")
    }
    assert marked == only


def test_pair_choice_goes_into_the_address(page: Any, origin: str) -> None:
    page.goto(f"{origin}/jobs/compare/pair/")
    page.wait_for_selector("[data-jd-pair-result] table")
    page.select_option("select[data-slot='2']", "service-manager")
    page.wait_for_function("location.search.includes('service-manager')")
    assert page.evaluate("new URLSearchParams(location.search).getAll('p')")[1] == "service-manager"
    page.wait_for_selector("[data-jd-pair-result] th[data-p=service-manager]")


@pytest.mark.parametrize("lang", LANGS)
def test_area_table_lines_duties_up_and_header_stays_visible(page: Any, origin: str, lang: str) -> None:
    page.goto(f"{origin}/jobs/{prefix(lang)}compare/")
    table = page.locator("table.jd-areas")
    rows = table.locator("tbody tr")
    used = [
        a.id
        for a in HB.catalogue.duty_areas
        if any(c.area == a.id for p in HB.positions for c in p.all_duties())
    ]
    assert [rows.nth(i).get_attribute("id") for i in range(rows.count())] == [f"area-{a}" for a in used]
    # each position's cell holds exactly its duties of that area
    for i, a in enumerate(used):
        for j, pos in enumerate(HB.positions):
            n = sum(1 for c in pos.all_duties() if c.area == a)
            assert rows.nth(i).locator("td").nth(j).locator("li").count() == n
    # scroll to the middle of the table: its header row is still in sight at the top of its box
    wrap = page.locator(".jd-cmp-wrap").first
    wrap.evaluate("w => { w.scrollTop = w.scrollHeight / 2; }")
    page.wait_for_timeout(100)
    box = wrap.bounding_box()
    head = table.locator("thead th").nth(1).bounding_box()
    assert abs(head["y"] - box["y"]) < 3, (head, box)
    assert wrap.evaluate("w => w.scrollTop") > 200


@pytest.mark.parametrize("lang", LANGS)
def test_no_header_word_is_split(page: Any, origin: str, lang: str) -> None:
    page.goto(f"{origin}/jobs/{prefix(lang)}compare/")
    split = page.evaluate(
        """() => {
        const out = [];
        for (const th of document.querySelectorAll("table.jd-cmp thead th")) {
          const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
          for (let node; (node = walker.nextNode());) {
            const re = /\\S+/g; let m;
            while ((m = re.exec(node.data))) {
              const r = document.createRange();
              r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
              const lines = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)));
              if (lines.size > 1) out.push(m[0]);
            }
          }
        }
        return out;
      }"""
    )
    assert split == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["compare/", "compare/pair/?p=sales-manager&p=service-manager"])
def test_no_sideways_scroll_on_a_phone(browser: Any, origin: str, lang: str, path: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(f"{origin}/jobs/{prefix(lang)}{path}")
    if "pair" in path:
        pg.wait_for_selector("[data-jd-pair-result] table")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    # the comparison is cards there: each value names its position
    label = pg.locator("table.jd-cmp td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label not in ("none", "normal", '""')
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_salary_marks_stand_where_their_figures_say(page: Any, origin: str, lang: str) -> None:
    page.goto(f"{origin}/jobs/{prefix(lang)}positions/client-manager/")
    charts = page.locator("svg.jd-chart")
    assert charts.count() >= 1
    pos = HB.position("client-manager")
    assert pos is not None and pos.salary is not None
    moscow = [b for t in pos.salary.tiers for b in t.bands if b.city == "moscow"]
    svg = charts.first
    top = float(svg.get_attribute("data-top") or 0)
    left, right = float(svg.get_attribute("data-x-left") or 0), float(svg.get_attribute("data-x-right") or 0)
    rtl = svg.get_attribute("data-rtl") == "1"
    assert rtl is (lang == "he")
    assert top >= max(v for b in moscow for v in (b.min, b.max) if v is not None)

    def x(v: float) -> float:
        d = (right - left) * v / top
        return right - d if rtl else left + d

    marks = svg.locator("g.jd-mark")
    assert marks.count() == len(moscow)
    for i, band in enumerate(moscow):
        g = marks.nth(i)
        lo, hi = band.min, band.max
        assert g.get_attribute("data-min") == ("" if lo is None else str(lo))
        assert g.get_attribute("data-max") == ("" if hi is None else str(hi))
        if lo is not None and lo == hi:
            cx = float(g.locator("circle").get_attribute("cx") or 0)
            assert abs(cx - x(lo)) < 0.5
            continue
        rect = g.locator("rect")
        x1 = float(rect.get_attribute("x") or 0)
        x2 = x1 + float(rect.get_attribute("width") or 0)
        a = x(lo if lo is not None else 0)
        b = x(hi if hi is not None else top)
        assert abs(x1 - min(a, b)) < 0.5 and abs(x2 - max(a, b)) < 0.5, (band, x1, x2)
        # the exact figure is written beside its mark
        assert (g.locator("text.jd-mark-text").text_content() or "").strip()
    # a higher figure lies further from zero: to the right, or to the left in Hebrew
    ticks = svg.locator("text.jd-tick")
    xs = [float(ticks.nth(i).get_attribute("x") or 0) for i in range(ticks.count())]
    assert xs == (sorted(xs, reverse=True) if rtl else sorted(xs))
    labels = [ticks.nth(i).text_content() for i in range(ticks.count())]
    assert labels[0] == "0" and len(labels) >= 3


def test_filter_keeps_its_choice_in_the_address_and_says_when_nothing_is_chosen(
    page: Any, origin: str
) -> None:
    page.goto(f"{origin}/jobs/compare/?p=sales-manager&p=service-manager")
    form = page.locator("form[data-jd-compare-filter]")
    assert form.is_visible()
    assert page.locator('table.jd-areas th[data-p="client-manager"]').is_hidden()
    assert page.locator('table.jd-areas th[data-p="sales-manager"]').is_visible()
    form.locator('input[value="sales-manager"]').uncheck()
    assert page.evaluate("new URLSearchParams(location.search).getAll('p')") == ["service-manager"]
    form.locator('input[value="service-manager"]').uncheck()
    assert page.locator("[data-jd-none]").is_visible()
    assert page.locator("table.jd-areas").is_hidden()


def test_comparison_without_javascript(browser: Any, origin: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(f"{origin}/jobs/he/compare/")
    assert pg.locator("form[data-jd-compare-filter]").is_hidden()
    assert pg.locator("table.jd-areas td li").count() > 20
    pg.goto(f"{origin}/jobs/he/compare/pair/")
    assert pg.locator("noscript").count() == 1
    ctx.close()


def test_pair_data_is_small_per_position(built_site: Path) -> None:
    files = sorted((built_site / "compare" / "data").glob("*.json"))
    assert {f.stem for f in files} == {"index", *(p.id for p in HB.positions)}
    assert all(f.stat().st_size < 100_000 for f in files)
