"""Charts rendered on the server as SVG, so the same chart appears on the page and in the PDF.

The SVG carries a <title> and a <desc> with every value in words, so a screen reader (and a
person reading the PDF's text) gets the figures, not just a picture.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _

from .bounds import finite
from .numbers import format_number

WIDTH = 640
HEIGHT = 280
PAD_LEFT = 56
PAD_RIGHT = 16
PAD_TOP = 50
PAD_BOTTOM = 40
INK = "#1b1f24"
MUTED = "#4a5561"
LINE = "#0b3d6b"
GRID = "#c9d1d9"
BASELINE = "#8a4b00"


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that splits `span` into about four."""
    raw = span / 4 if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    unit: str = "",
    baseline: Decimal | None = None,
    baseline_label: str = "",
    chart_id: str = "chart",
) -> str:
    """An accessible SVG line chart of `points` in order, with an optional dashed baseline."""
    # Whatever is stored must draw: a value that is not a finite number (NaN, infinity) is left
    # out of the picture rather than breaking the page.
    points = [p for p in points if finite(p.value) is not None]
    if baseline is not None and finite(baseline) is None:
        baseline = None
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    described = ", ".join(f"{p.label}: {format_number(p.value)} {unit}".strip() for p in points)
    if baseline is not None:
        described += "; " + _("baslinje %(value)s") % {"value": f"{format_number(baseline)} {unit}".strip()}
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" class="chart" '
        f'font-family="DejaVu Sans, sans-serif" font-size="12">'
        f'<title id="{escape(title_id)}">{escape(title)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(described or _("Inga mätvärden ännu."))}</desc>'
        f'<text x="{PAD_LEFT}" y="20" fill="{INK}" font-size="14" font-weight="bold">{escape(title)}</text>'
    )
    if not points:
        return (
            head + f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="{MUTED}">'
            f"{escape(_('Inga mätvärden ännu.'))}</text></svg>"
        )

    values = [float(p.value) for p in points] + ([float(baseline)] if baseline is not None else [])
    low, high = min([*values, 0.0]), max(values)
    if high == low:
        high = low + 1
    step = _nice_step(high - low)
    low = step * (low // step)
    high = step * -(-high // step)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(i: int) -> float:
        return PAD_LEFT + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return PAD_TOP + plot_h * (1 - (v - low) / (high - low))

    parts = [head]
    tick = low
    while tick <= high + step / 1000:
        ty = y(tick)
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{GRID}"/>'
            f'<text x="{PAD_LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(format_number(Decimal(str(round(tick, 6)))))}</text>"
        )
        tick += step
    every = max(1, len(points) // 10)
    for i, point in enumerate(points):
        if i % every == 0 or i == len(points) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - PAD_BOTTOM + 18}" text-anchor="middle" fill="{MUTED}">'
                f"{escape(point.label)}</text>"
            )
    if baseline is not None:
        by = y(float(baseline))
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{by:.1f}" y2="{by:.1f}" '
            f'stroke="{BASELINE}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - PAD_RIGHT}" y="{by - 6:.1f}" text-anchor="end" fill="{BASELINE}">'
            f"{escape(baseline_label or _('Baslinje'))}</text>"
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(float(p.value)):.1f}" for i, p in enumerate(points))
    parts.append(f'<path d="{path}" fill="none" stroke="{LINE}" stroke-width="3"/>')
    for i, point in enumerate(points):
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(float(point.value)):.1f}" r="4" fill="{LINE}">'
            f"<title>{escape(point.label)}: {escape(format_number(point.value))} {escape(unit)}</title></circle>"
        )
    if unit:
        parts.append(f'<text x="{PAD_LEFT}" y="{PAD_TOP - 6}" fill="{MUTED}" font-size="11">{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Bar:
    label: str
    done: Decimal
    expected: Decimal | None


def bar_chart(bars: Sequence[Bar], *, title: str, chart_id: str = "bars") -> str:
    """Horizontal bars of done against expected, one row per item, for pages and PDFs."""
    bars = [
        Bar(b.label, b.done, b.expected if finite(b.expected) is not None else None)
        for b in bars
        if finite(b.done) is not None
    ]
    row_h, label_w, pad = 26, 250, 12
    height = PAD_TOP + row_h * max(len(bars), 1) + 24
    plot_w = WIDTH - label_w - pad - 40
    highest = max([float(b.done) for b in bars] + [float(b.expected or 0) for b in bars] + [1.0])
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    done_of_expected = _("%(done)s av %(expected)s")  # translated once per chart, not per bar
    described = "; ".join(
        f"{b.label}: "
        + (
            done_of_expected % {"done": format_number(b.done), "expected": format_number(b.expected)}
            if b.expected is not None
            else format_number(b.done)
        )
        for b in bars
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" class="chart" font-family="DejaVu Sans, sans-serif" '
        f'font-size="11"><title id="{escape(title_id)}">{escape(title)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(described or _("Inga aktiviteter."))}</desc>'
        f'<text x="0" y="20" fill="{INK}" font-size="14" font-weight="bold">{escape(title)}</text>'
    ]
    for i, bar in enumerate(bars):
        y = PAD_TOP + i * row_h
        label = bar.label if len(bar.label) <= 38 else bar.label[:37] + "…"
        parts.append(f'<text x="0" y="{y + 15}" fill="{INK}">{escape(label)}</text>')
        done_w = plot_w * float(bar.done) / highest
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{done_w:.1f}" height="14" fill="{LINE}"/>')
        if bar.expected is not None:
            ex = label_w + plot_w * float(bar.expected) / highest
            parts.append(
                f'<line x1="{ex:.1f}" x2="{ex:.1f}" y1="{y + 1}" y2="{y + 21}" stroke="{BASELINE}" stroke-width="3"/>'
            )
        value = format_number(bar.done) + (f" / {format_number(bar.expected)}" if bar.expected is not None else "")
        parts.append(f'<text x="{label_w + done_w + 6:.1f}" y="{y + 15}" fill="{MUTED}">{escape(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)
