"""Charts rendered on the server as SVG, so the same chart appears on the page and in the PDF.

The SVG carries a <title> and a <desc> with every value in words, so a screen reader (and a
person reading the PDF's text) gets the figures, not just a picture.

Sizes are chosen for print: the PDF stylesheet draws a chart 160 mm wide (`PDF_WIDTH_PT`), so one
unit of the SVG is `PDF_WIDTH_PT / WIDTH` points there, and the smallest text (`FONT`) comes out
at 9 pt or more (`pdf_points`).
"""

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _

from .bounds import finite, is_percent
from .numbers import format_number

WIDTH = 600
#: How wide templates/pdf/base.html draws a chart: 160 mm in points.
PDF_WIDTH_PT = 160 / 25.4 * 72
FONT = 12.5
TITLE_FONT = 15
LINE_HEIGHT = 16
PAD_LEFT = 64
PAD_RIGHT = 24
INK = "#1b1f24"
MUTED = "#4a5561"
LINE = "#0b3d6b"
GRID = "#c9d1d9"
TARGET = "#a4161a"
BASELINE = "#8a4b00"


def pdf_points(size: float) -> float:
    """The size in points that `size` SVG units come out at in the PDF."""
    return size * PDF_WIDTH_PT / WIDTH


def _svg_open(height: float, title: str, described: str, chart_id: str, *, heading: bool = True) -> str:
    """The opening of a chart: its name and its values in words for screen readers, and its
    name as a heading unless the page already has one right above it."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    shown = (
        f'<text x="0" y="18" fill="{INK}" font-size="{TITLE_FONT}" font-weight="bold">{escape(title)}</text>'
        if heading
        else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" class="chart" '
        f'font-family="DejaVu Sans, sans-serif" font-size="{FONT}">'
        f'<title id="{escape(title_id)}">{escape(title)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(described)}</desc>{shown}'
    )


def _number(value: float) -> str:
    return format_number(Decimal(str(round(value, 6))))


def _with_unit(value: float | Decimal, unit: str) -> str:
    text = format_number(Decimal(str(value))) if not isinstance(value, Decimal) else format_number(value)
    if is_percent(unit):
        return f"{text} %"
    return f"{text} {unit}".strip()


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that splits `span` into about four."""
    raw = span / 4 if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


@dataclass(frozen=True)
class Scale:
    """A value axis: from `low` to `high` in steps of `step`. `from_zero` is False when the axis
    starts above zero to show change, which the chart then marks."""

    low: float
    high: float
    step: float

    @property
    def from_zero(self) -> bool:
        return self.low <= 0

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [round(self.low + i * self.step, 9) for i in range(count + 1)]


def value_scale(values: Sequence[float], *, percent: bool = False, whole: bool = False) -> Scale:
    """The axis for `values`. It starts at zero, unless every value is positive and they all lie
    within a band narrower than half the highest (72 → 78 per cent): drawn from zero that change
    would look flat, so the axis starts at a round number a little below the lowest value. A
    percentage axis never goes past 100; an axis of `whole` numbers (counts) has whole steps."""
    if not values:
        return Scale(0.0, 1.0, 0.25)
    low, high = min(values), max(values)
    band = low > 0 and (high - low) <= high / 2
    if not band:
        low = min(low, 0.0)
    if high == low:
        high = low + 1
    step = _nice_step(high - low)
    if whole:
        step = 2.0 if step == 2.5 else max(step, 1.0)
    top = step * math.ceil(high / step - 1e-9)
    bottom = step * math.floor(low / step + 1e-9)
    if band and low - bottom < step / 2:
        # Keep the lowest point off the axis line, where it would be hard to see.
        bottom -= step
    bottom = max(bottom, 0.0) if band else bottom
    if percent and top > 100 >= high:
        top = 100.0
    if top <= bottom:
        top = bottom + step
    return Scale(bottom, top, step)


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    unit: str = "",
    baseline: Decimal | None = None,
    baseline_label: str = "",
    chart_id: str = "chart",
) -> str:
    """An accessible SVG line chart of `points` in order, with an optional dashed baseline named
    in a legend above the plot (never on the line, where it would cover the values)."""
    # Whatever is stored must draw: a value that is not a finite number (NaN, infinity) is left
    # out of the picture rather than breaking the page.
    points = [p for p in points if finite(p.value) is not None]
    if baseline is not None and finite(baseline) is None:
        baseline = None
    baseline_name = baseline_label or _("Baslinje")
    described = ", ".join(f"{p.label}: {_with_unit(p.value, unit)}" for p in points)
    if baseline is not None:
        described += "; " + _("%(label)s: %(value)s") % {"label": baseline_name, "value": _with_unit(baseline, unit)}
    top_pad, bottom_pad = 86, 64
    height = 330
    head = _svg_open(height, title, described or _("Inga mätvärden ännu."), chart_id)
    if not points:
        # Translated outside the f-string, where makemessages (xgettext) finds it.
        empty = escape(_("Inga mätvärden ännu."))
        return head + f'<text x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}">{empty}</text></svg>'

    values = [float(p.value) for p in points] + ([float(baseline)] if baseline is not None else [])
    scale = value_scale(values, percent=is_percent(unit))
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = height - top_pad - bottom_pad
    plot_bottom = top_pad + plot_h

    def x(i: int) -> float:
        return PAD_LEFT + 12 + ((plot_w - 24) * i / (len(points) - 1) if len(points) > 1 else (plot_w - 24) / 2)

    def y(v: float) -> float:
        return top_pad + plot_h * (1 - (v - scale.low) / (scale.high - scale.low))

    parts = [head]
    # Legend: what the line is, and what the dashed line is.
    legend_y = 42
    measured = escape(_("Uppmätt värde"))
    parts.append(
        f'<line x1="0" x2="28" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{LINE}" stroke-width="3"/>'
        f'<text x="34" y="{legend_y}" fill="{INK}">{measured}</text>'
    )
    if baseline is not None:
        bx = 220
        parts.append(
            f'<line x1="{bx}" x2="{bx + 28}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{BASELINE}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{bx + 34}" y="{legend_y}" fill="{INK}">'
            f"{escape(baseline_name)}: {escape(_with_unit(baseline, unit))}</text>"
        )
    # The unit of the value axis, above it.
    axis_unit = "%" if is_percent(unit) else unit
    if axis_unit:
        # From the left edge, so a long unit ("per 100 000 invånare") is never cut.
        parts.append(f'<text x="0" y="{top_pad - 14}" fill="{MUTED}">{escape(axis_unit)}</text>')
    for tick in scale.ticks:
        ty = y(tick)
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{GRID}"/>'
            f'<text x="{PAD_LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="{MUTED}">{escape(_number(tick))}</text>'
        )
    parts.append(
        f'<line x1="{PAD_LEFT}" x2="{PAD_LEFT}" y1="{top_pad}" y2="{plot_bottom}" stroke="{MUTED}"/>'
        f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{plot_bottom}" y2="{plot_bottom}" stroke="{MUTED}"/>'
    )
    if not scale.from_zero:
        # A broken-axis mark on the value axis, and the choice said in words under the plot.
        mark_x, mark_y = PAD_LEFT, plot_bottom - 10
        stroke = f'stroke="{INK}" stroke-width="1.5"'
        from_where = escape(_("Skalan börjar vid %(value)s, inte vid noll.") % {"value": _with_unit(scale.low, unit)})
        parts.append(
            f'<rect x="{mark_x - 6}" y="{mark_y - 5}" width="12" height="8" fill="#ffffff"/>'
            f'<line x1="{mark_x - 7}" x2="{mark_x + 7}" y1="{mark_y}" y2="{mark_y - 5}" {stroke}/>'
            f'<line x1="{mark_x - 7}" x2="{mark_x + 7}" y1="{mark_y + 4}" y2="{mark_y - 1}" {stroke}/>'
            f'<text x="{PAD_LEFT}" y="{height - 8}" fill="{INK}">'
            f"{from_where}"
            "</text>"
        )
    # As many period labels as fit side by side, counted back from the latest so that it is
    # always named.
    label_w = max(len(p.label) for p in points) * FONT * 0.6 + 12
    every = max(1, math.ceil(len(points) / max(1, int(plot_w // label_w))))
    for i, point in enumerate(points):
        if (len(points) - 1 - i) % every == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{plot_bottom + 20}" text-anchor="middle" fill="{MUTED}">'
                f"{escape(point.label)}</text>"
            )
    if baseline is not None:
        by = y(float(baseline))
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{by:.1f}" y2="{by:.1f}" '
            f'stroke="{BASELINE}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(float(p.value)):.1f}" for i, p in enumerate(points))
    parts.append(f'<path d="{path}" fill="none" stroke="{LINE}" stroke-width="3"/>')
    for i, point in enumerate(points):
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(float(point.value)):.1f}" r="4" fill="{LINE}">'
            f"<title>{escape(point.label)}: {escape(_with_unit(point.value, unit))}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Bar:
    label: str
    done: Decimal
    expected: Decimal | None


def wrap_label(label: str, width: float, size: float = FONT) -> list[str]:
    """`label` broken onto lines that fit `width` SVG units at font `size`, never cut."""
    # DejaVu Sans averages a little under 0.6 em per character in Swedish text.
    chars = max(8, int(width / (size * 0.6)))
    return textwrap.wrap(label, chars, break_long_words=True, break_on_hyphens=True) or [""]


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "", chart_id: str = "bars", heading: bool = True) -> str:
    """Horizontal bars of what was done against a target marker, one row per item, with a value
    axis, a legend and every label in full. Items without a target (expected None) cannot be
    measured in numbers: they are not drawn, the caller lists them (see `unmeasurable`). Without
    `heading` the title is only for screen readers, when the page names the chart just above."""
    bars = [b for b in bars if finite(b.done) is not None and b.expected is not None and finite(b.expected) is not None]
    unit = unit or _("antal gånger")
    label_w, gap = 200, 14
    plot_x = label_w + gap
    plot_w = WIDTH - plot_x - 80
    bar_h = 16
    scale = value_scale([0.0] + [float(b.done) for b in bars] + [float(b.expected or 0) for b in bars], whole=True)
    wrapped = [wrap_label(b.label, label_w) for b in bars]
    top_offset = 0 if heading else -24
    rows_top = 64 + top_offset
    row_heights = [max(len(lines) * LINE_HEIGHT, bar_h + 8) + 12 for lines in wrapped]
    axis_y = rows_top + sum(row_heights)
    height = axis_y + 56
    # Per-row texts are translated once per chart, not once per bar.
    row_text, value_text = _("%(label)s: %(done)s av %(expected)s"), _("%(done)s av %(expected)s")
    described = "; ".join(
        row_text
        % {
            "label": b.label,
            "done": format_number(b.done),
            "expected": format_number(b.expected),
        }
        for b in bars
    )
    parts = [_svg_open(height, title, described or _("Inga mätbara aktiviteter."), chart_id, heading=heading)]

    def x(v: float) -> float:
        return plot_x + plot_w * (v - scale.low) / (scale.high - scale.low)

    # Legend: the bar is what was done, the marker the target.
    legend_y = 42 + top_offset
    done_label, target_label = escape(_("Utfört i år")), escape(_("Mål för året"))
    parts.append(
        f'<rect x="0" y="{legend_y - 11}" width="22" height="12" fill="{LINE}"/>'
        f'<text x="28" y="{legend_y}" fill="{INK}">{done_label}</text>'
        f'<rect x="160" y="{legend_y - 14}" width="5" height="18" fill="{TARGET}"/>'
        f'<text x="172" y="{legend_y}" fill="{INK}">{target_label}</text>'
    )
    for tick in scale.ticks:
        tx = x(tick)
        parts.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{rows_top - 4}" y2="{axis_y}" stroke="{GRID}"/>'
            f'<text x="{tx:.1f}" y="{axis_y + 18}" text-anchor="middle" fill="{MUTED}">{escape(_number(tick))}</text>'
        )
    parts.append(
        f'<line x1="{plot_x}" x2="{plot_x + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="{MUTED}"/>'
        f'<text x="{plot_x + plot_w / 2:.1f}" y="{axis_y + 40}" text-anchor="middle" fill="{INK}">'
        f"{escape(unit)}</text>"
    )
    top = rows_top
    for bar, lines, row_h in zip(bars, wrapped, row_heights, strict=True):
        for n, line in enumerate(lines):
            parts.append(f'<text x="0" y="{top + 13 + n * LINE_HEIGHT}" fill="{INK}">{escape(line)}</text>')
        bar_y = top + 2
        done_x = x(float(bar.done))
        parts.append(f'<rect x="{plot_x}" y="{bar_y}" width="{done_x - plot_x:.1f}" height="{bar_h}" fill="{LINE}"/>')
        assert bar.expected is not None
        target_x = x(float(bar.expected))
        parts.append(f'<rect x="{target_x - 2.5:.1f}" y="{bar_y - 4}" width="5" height="{bar_h + 8}" fill="{TARGET}"/>')
        value = value_text % {
            "done": format_number(bar.done),
            "expected": format_number(bar.expected),
        }
        parts.append(f'<text x="{max(done_x, target_x) + 8:.1f}" y="{bar_y + 13}" fill="{INK}">{escape(value)}</text>')
        top += row_h
    parts.append("</svg>")
    return "".join(parts)


def unmeasurable(bars: Sequence[Bar]) -> list[Bar]:
    """The items a bar chart leaves out because they have no target in numbers."""
    return [b for b in bars if b.expected is None or finite(b.expected) is None]
