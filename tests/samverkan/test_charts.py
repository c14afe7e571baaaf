from decimal import Decimal

from samverkan.charts import Point, line_chart


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
