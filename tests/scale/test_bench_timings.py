"""The benchmark's PDF timings and reminder scan, committed as in production on a dataset of
their own (a transactional test cannot share the module's rolled-back dataset)."""

from bench import runner, scale
from samverkan.models import Notification
from tests.scale.conftest import TODAY, build_small_nation


def test_the_benchmark_times_pdfs_and_the_reminder_scan(transactional_db, seal_dir, mailoutbox):
    """Committed as in production, so that the scan's e-mails go out before it is cleaned up."""
    build_small_nation()
    timings = runner.pdf_timings(TODAY, runs=1, kommun_slug=f"{scale.SLUG_PREFIX}0901")
    assert set(timings) == {"agreement_pdf_s", "annual_report_pdf_s"}
    assert all(len(values) == 1 and values[0] > 0 for values in timings.values())
    scan = runner.reminder_scan()
    # The scan found work in the dataset, and what it created is gone again for the next run.
    assert scan["notifications"] > 0
    assert len(mailoutbox) == scan["notifications"]
    assert not Notification.objects.exists()
