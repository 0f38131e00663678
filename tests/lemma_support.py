"""Shared pieces of the lemma property suites."""

import subprocess
import sys

from hypothesis import settings

#: Least number of examples a falsification search may use, whatever the profile.
MIN_SEARCH_EXAMPLES = 100
#: Least number of examples of a worst-ratio report.
MIN_REPORT_EXAMPLES = 30


def search_budget() -> int:
    """Examples for a counterexample search: the active profile's, but at least MIN_SEARCH_EXAMPLES."""
    return max(MIN_SEARCH_EXAMPLES, settings().max_examples)


def report_budget() -> int:
    """Examples for a worst-ratio report: the active profile's, but at least MIN_REPORT_EXAMPLES."""
    return max(MIN_REPORT_EXAMPLES, settings().max_examples)


def run_replay(command: str) -> str:
    """Run a replay command (``python -c '...'``) with this interpreter; return its stdout."""
    assert command.startswith("python -c ")
    result = subprocess.run(command.replace("python", sys.executable, 1), shell=True, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout
