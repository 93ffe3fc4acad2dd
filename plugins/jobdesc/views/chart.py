"""Salary charts as data for an inline SVG: a real scale (an axis with labelled ticks in the locale's
number format), ranges as bars from min to max, a single figure as a marked point, "from X" and "up to Y"
as bars open at one end. Right-to-left languages get the mirror image. The template
(`_macros.j2`, `chart`) only draws what is computed here; the salary table stays beside it as the
accessible alternative."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.model import RTL_LANGS, Band
from ..core.text import number

WIDTH = 640.0
PAD = 34.0  # room at both ends for the outermost tick labels
ROW = 38.0  # one row: its label, then its bar
AXIS = 42.0  # the axis, its tick labels and the unit below the rows


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Mark:
    kind: str  # "range", "point", "from" (open towards higher pay) or "up-to" (open towards zero)
    label: str  # the row's name: position and/or tier (and city)
    text: str  # the exact figure(s), as the table writes them
    y: float  # top of the row
    x1: float  # left edge of the bar (or the point), in SVG units
    x2: float  # right edge of the bar
    lo: int | None
    hi: int | None
    text_x: float
    text_anchor: str  # "start" or "end"
    label_x: float


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    axis_y: float
    x_left: float
    x_right: float
    rtl: bool
    top: int  # the figure at the far end of the scale
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    currency: str
    title: str


def nice_step(top: float, target: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `target` intervals."""
    raw = top / target if top > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return float(m * power)
    return float(10 * power)


def salary_chart(
    rows: list[tuple[str, Band, str]], currency: str, lang: str, title: str, unit_label: str
) -> Chart | None:
    """`rows`: (label, band, exact text) per bar, in the order to draw them."""
    figures = [v for _, b, _ in rows for v in (b.min, b.max) if v is not None]
    if not figures:
        return None
    highest = max(figures)
    step = nice_step(highest * 1.15)
    top = int(step * math.ceil(highest * 1.15 / step))
    rtl = lang in RTL_LANGS
    x_left, x_right = PAD, WIDTH - PAD
    span = x_right - x_left

    def x(v: float) -> float:
        d = span * v / top
        return round(x_right - d if rtl else x_left + d, 2)

    marks = []
    for i, (label, band, text) in enumerate(rows):
        y = i * ROW
        lo, hi = band.min, band.max
        if lo is not None and hi is not None and lo == hi:
            kind, a, b = "point", x(lo), x(lo)
        elif lo is not None and hi is not None:
            kind, a, b = "range", x(lo), x(hi)
        elif lo is not None:
            kind, a, b = "from", x(lo), x(top)
        else:
            assert hi is not None
            kind, a, b = "up-to", x(0), x(hi)
        x1, x2 = min(a, b), max(a, b)
        # the figure beside the bar's far (higher) end, or inside the scale if that end is the edge
        end = x(hi if hi is not None else lo or 0)
        room_after = (end - x_left) if rtl else (x_right - end)
        if kind == "from" or room_after < 140:
            near = x(lo if lo is not None else 0)
            text_x, outward = near, False
        else:
            text_x, outward = end, True
        # anchors are logical (the SVG has `direction`): "start" runs away from zero in both directions
        anchor = "start" if outward else "end"
        shift = (8 if outward else -8) * (-1 if rtl else 1)
        marks.append(
            Mark(
                kind,
                label,
                text,
                y,
                x1,
                x2,
                lo,
                hi,
                round(text_x + shift, 2),
                anchor,
                x_right if rtl else x_left,
            )
        )
    ticks = []
    v = 0.0
    while v <= top + 1e-9:
        ticks.append(Tick(x(v), number(int(v), lang)))
        v += step
    height = len(rows) * ROW + AXIS
    return Chart(
        WIDTH,
        height,
        len(rows) * ROW + 4,
        x_left,
        x_right,
        rtl,
        top,
        tuple(ticks),
        tuple(marks),
        unit_label,
        title,
    )
