"""An indicator's trend chart: the one drawing used on the indicator page, the kommun's dashboard
and the annual report (page and PDF)."""

from django.utils.translation import gettext as _

from samverkan.charts import Point, line_chart

from .models import Indicator


def indicator_chart(indicator: Indicator, chart_id: str = "chart") -> str:
    """The indicator's measurements over time against its baseline, as SVG."""
    return line_chart(
        [Point(m.period_label, m.value) for m in indicator.measurements.all()],
        title=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline_value,
        baseline_label=_("Baslinje %(year)s") % {"year": indicator.baseline_year},
        chart_id=chart_id,
    )
