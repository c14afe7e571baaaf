"""The settings of the test suite: the product's settings with the benchmark app installed, so
that the benchmark's own tests (tests/scale/) run in `make test`."""

import os

os.environ["SAMVERKAN_BENCH"] = "1"

from samverkan.settings import *  # noqa: F403
