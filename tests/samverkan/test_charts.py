import itertools
import re
from decimal import Decimal

from samverkan.charts import (
    FONT,
    Bar,
    Point,
    bar_chart,
    line_chart,
    pdf_points,
    unmeasurable,
    value_scale,
    wrap_label,
)


def test_line_chart_is_accessible_svg_with_every_value_in_words():
    svg = line_chart(
        [Point("2021", Decimal("12.5")), Point("2022", Decimal("10")), Point("2023", Decimal("8.25"))],
        title="Anmälda brott",
        unit="per 1 000 invånare",
        baseline=Decimal("12"),
        baseline_label="Baslinje 2020",
    )
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert "<title" in svg
    assert "<desc" in svg
    assert "2021: 12,5 per 1 000 invånare" in svg
    assert "2023: 8,25" in svg
    assert svg.count("<circle") == 3
    assert "Baslinje 2020" in svg
    assert "stroke-dasharray" in svg


def test_line_chart_escapes_text_and_handles_no_data():
    svg = line_chart([], title="<script>alert(1)</script>")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "Inga mätvärden ännu." in svg


def test_line_chart_with_one_point_and_flat_values():
    svg = line_chart([Point("2024", Decimal("5"))], title="En punkt")
    assert svg.count("<circle") == 1
    svg = line_chart([Point("2023", Decimal("5")), Point("2024", Decimal("5"))], title="Platt")
    assert svg.count("<circle") == 2


def test_a_percentage_moving_in_a_band_gets_a_scale_that_shows_the_change():
    scale = value_scale([72, 78], percent=True)
    assert (scale.low, scale.high, scale.step) == (70, 78, 2)
    assert not scale.from_zero
    assert scale.ticks == [70, 72, 74, 76, 78]


def test_values_far_apart_or_near_zero_are_drawn_from_zero():
    assert value_scale([3, 5, 10]).low == 0  # 3 → 10 is a real change even from zero
    assert value_scale([0, 4]).low == 0
    below = value_scale([-2, 5])  # below zero the axis follows the data
    assert below.low <= -2 < 5 <= below.high
    assert below.from_zero
    assert value_scale([]).from_zero


def test_scale_steps_are_round_and_percentages_stop_at_100():
    assert value_scale([91, 99], percent=True).high == 100
    assert value_scale([1200, 1250]).step == 20
    assert value_scale([1200, 1250]).low == 1180
    assert value_scale([0, 3], whole=True).step == 1  # counts: no 0,5 steps
    assert value_scale([0, 10], whole=True).step == 2


def test_line_chart_marks_a_scale_that_does_not_start_at_zero_and_keeps_the_baseline_off_the_line():
    svg = line_chart(
        [Point("2024", Decimal(72)), Point("2025", Decimal(78))],
        title="Andel trygga",
        unit="procent",
        baseline=Decimal(72),
        baseline_label="Baslinje 2023",
    )
    assert "Skalan börjar vid 70 %, inte vid noll." in svg
    # The baseline is named in the legend above the plot, with its value, not on the line.
    assert "Baslinje 2023: 72 %" in svg
    legend_y = 42
    assert f'y="{legend_y}" fill="#1b1f24">Baslinje 2023: 72 %</text>' in svg
    # A count drawn from zero says nothing about its scale.
    svg = line_chart([Point("2024", Decimal(3)), Point("2025", Decimal(10))], title="Antal")
    assert "Skalan börjar" not in svg


def test_bar_chart_has_axis_legend_target_and_wrapped_labels_and_leaves_out_the_unmeasurable():
    name = "Samverkan med andra aktörer i samhället kring trygghet i centrum"
    bars = [
        Bar(name, Decimal(3), Decimal(12)),
        Bar("Nattvandring", Decimal(40), None),
    ]
    svg = bar_chart(bars, title="Trygghet")
    assert "Utfört i år" in svg
    assert "Mål för året" in svg
    assert "antal gånger" in svg
    assert "3 av 12" in svg
    assert "Nattvandring" not in svg
    assert "…" not in svg
    lines = wrap_label(name, 200)
    assert len(lines) > 1
    assert " ".join(lines) == name
    for line in lines:
        assert f">{line}</text>" in svg
    assert unmeasurable(bars) == [bars[1]]
    # The scale is the target's, not the trigger's logged 40 times: the axis ends at 15.
    assert '">15</text>' in svg
    assert '">40</text>' not in svg


def test_chart_text_is_at_least_9_pt_in_the_pdf():
    assert pdf_points(FONT) >= 9
    svg = bar_chart([Bar("A", Decimal(1), Decimal(2))], title="T") + line_chart([Point("1", Decimal(1))], title="T")
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes
    assert min(pdf_points(size) for size in sizes) >= 9


def test_period_labels_do_not_overlap():
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september"]
    points = [Point(f"{month} 2025", Decimal(i)) for i, month in enumerate(months * 2)]
    svg = line_chart(points, title="Per månad")
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="middle"', svg)]
    widest = max(len(p.label) for p in points) * FONT * 0.6
    assert len(xs) >= 2
    assert all(b - a > widest for a, b in itertools.pairwise(xs))
    assert "september 2025</text>" in svg  # the latest is always named


def test_a_chart_under_its_own_heading_names_itself_only_for_screen_readers():
    svg = bar_chart([Bar("A", Decimal(1), Decimal(2))], title="Trafikkontroller", heading=False)
    assert '<title id="bars-title">Trafikkontroller</title>' in svg
    assert ">Trafikkontroller</text>" not in svg
    assert ">Trafikkontroller</text>" in bar_chart([Bar("A", Decimal(1), Decimal(2))], title="Trafikkontroller")
