"""The controller's log: a clean boot, and nothing unexpected at ERROR level while the tests ran."""
import os
import re

import pytest

LOG = os.path.join(os.environ.get("PVSNET_RUN", os.path.join(os.path.dirname(__file__), "..", ".run")),
                   "karaf", "data", "log", "karaf.log")

# ERROR lines that are not problems, each with the reason (see docs/operations.md, "Reading the log").
EXPECTED = [
    # The datastore logs every commit our validation refuses; the client got a 400 with the reason.
    re.compile(r"\| CommitCohort +\|.*Transaction .* failed to prepare"),
]


def errors():
    if not os.path.exists(LOG):
        pytest.skip(f"no controller log at {LOG}")
    with open(LOG, errors="replace") as f:
        return [line.rstrip() for line in f if re.match(r"^\S+ \| ERROR \|", line)]


def test_no_unexpected_errors_in_the_log():
    unexpected = [e for e in errors() if not any(p.search(e) for p in EXPECTED)]
    assert unexpected == [], "\n".join(unexpected[:20])


def test_pvsnet_started():
    with open(LOG, errors="replace") as f:
        assert "pvsnet started: validating and following" in f.read()
