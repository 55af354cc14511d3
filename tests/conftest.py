"""Suite-wide Hypothesis settings.

CI runs on a shared 2-core machine: wall-clock deadlines per example would fail on load, not
on bugs, so they are off (speed is measured in benchmarks/, not asserted). Runs are
derandomized so that a CI result is reproducible; set VIGIE_HYPOTHESIS_EXPLORE=1 to search
with fresh random examples on a developer machine (and keep any failure as an @example).
"""

import os

from hypothesis import settings

settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile("explore" if os.environ.get("VIGIE_HYPOTHESIS_EXPLORE") == "1" else "ci")
