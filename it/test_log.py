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
    """The ERROR lines of the log, but those written while the framework shuts down: between a graceful stop's
    "Framework stop" and the next start's "Lock acquired", bundles that are going away log errors (e.g. pax-web's
    RejectedExecutionException) that say nothing about the running controller (test_restart stops it once)."""
    if not os.path.exists(LOG):
        pytest.skip(f"no controller log at {LOG}")
    found, stopping = [], False
    with open(LOG, errors="replace") as f:
        for line in f:
            if "Framework stop - " in line:
                stopping = True
            elif "Lock acquired" in line:
                stopping = False
            elif not stopping and re.match(r"^\S+ \| ERROR \|", line):
                found.append(line.rstrip())
    return found


def test_no_unexpected_errors_in_the_log():
    unexpected = [e for e in errors() if not any(p.search(e) for p in EXPECTED)]
    assert unexpected == [], "\n".join(unexpected[:20])


def test_pvsnet_started():
    with open(LOG, errors="replace") as f:
        assert "pvsnet started: validating and following" in f.read()
