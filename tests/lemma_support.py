"""Shared pieces of the lemma property suites."""

import subprocess
import sys

from hypothesis import settings

from proofs_check.search.engine import find_counterexample, replay_command

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


def counterexample_to(check, check_name: str, bound: str, strategy):
    """The shrunk counterexample that hypothesis finds to ``check`` with a variant ``bound`` (None if none), with
    its replay command."""
    return find_counterexample(lambda instance: check(*instance, bound=bound), strategy,
                               violates=lambda result: result.violation, score=lambda result: result.ratio,
                               max_examples=search_budget(),
                               replay=lambda instance: replay_command(check_name, instance, bound))


def run_replay(command: str) -> str:
    """Run a replay command (``python -c '...'``) with this interpreter; return its stdout."""
    assert command.startswith("python -c ")
    result = subprocess.run(command.replace("python", sys.executable, 1), shell=True, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout
